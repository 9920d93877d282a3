//===- EngineRules.cpp - Blink engine versions on a cluster ---------------===//
//
// docs/service.md#engine-versions: at most 3 installed versions (grandfathered clusters keep
// theirs but may not add), no version twice, the current version installed,
// every job's version installed on its project's cluster, version names,
// beta and unknown versions. Limits, tags and the service's error texts come
// from engines.rtc and errors.rtc.
//
//===----------------------------------------------------------------------===//
#include "RuleContext.h"
#include "rtc/Diag/EditDistance.h"
#include <algorithm>
#include <set>

namespace rtc::rules {

namespace {

/// "blink-2.2.6-hotfix0" -> "2.2.6-hotfix0", the shape errors.rtc's
/// {version} placeholder takes.
std::string bareVersion(llvm::StringRef V) {
  V.consume_front("blink-");
  return V.str();
}

std::string errorText(const RuleContext &C, llvm::StringRef Key,
                      const std::string &Version) {
  auto T = asString(C.table("errors", Key));
  return T ? substitute(*T, {{"version", bareVersion(Version)},
                             {"blink_version", Version}})
           : std::string();
}

bool contains(const std::vector<std::string> &L, const std::string &S) {
  return std::find(L.begin(), L.end(), S) != L.end();
}

/// Name shape, catalogue membership and tag of one version mention.
void checkVersionName(RuleContext &C, const std::string &V, llvm::SMRange Range) {
  if (auto Pattern = asString(C.P.std("engine_version_pattern")))
    if (C.matches(*Pattern, V) == false) {
      C.Diags.report(Range, diag::err_engine_version_malformed) << V;
      return;
    }
  const ir::Value &Catalogue = C.P.std("engine_versions");
  if (!Catalogue.is_object())
    return;
  std::vector<std::string> Known = keysOf(Catalogue);
  if (!Catalogue.contains(V)) {
    if (auto Best = closestMatch(V, Known))
      C.Diags.report(Range, diag::warn_engine_version_unknown_suggest)
              .fixit(Range, "\"" + *Best + "\"")
          << V << *Best;
    else
      C.Diags.report(Range, diag::warn_engine_version_unknown) << V << quotedList(Known);
    return;
  }
  const ir::Value &Entry = Catalogue[V];
  if (!Entry.is_object() || Entry.value("tag", "") != "beta")
    return;
  std::string Stable;
  for (auto &[Name, E] : Catalogue.items())
    if (E.is_object() && E.value("tag", "") == "stable") {
      Stable = Name;
      break;
    }
  C.Diags.report(Range, diag::warn_engine_version_beta)
      << V << asString(C.table("engine_tags", "beta")).value_or("beta")
      << (Stable.empty() ? std::string("?") : Stable);
}

void checkCluster(RuleContext &C, const ir::Resource &R) {
  const ir::Value &Engines = R.get("engines");
  if (!Engines.is_object())
    return;
  std::vector<std::string> Installed = stringList(R.get("engines.installed"));
  auto RangeAt = [&](size_t I) {
    return R.rangeOf("engines.installed[" + std::to_string(I) + "]");
  };

  std::vector<std::string> Distinct;
  for (size_t I = 0; I < Installed.size(); ++I) {
    const std::string &V = Installed[I];
    auto First = std::find(Installed.begin(), Installed.begin() + I, V);
    if (First != Installed.begin() + I) {
      // docs/service.md#engine-versions: a version already installed cannot be installed again.
      C.Diags.report(RangeAt(I), diag::err_engine_version_duplicate)
              .note(RangeAt(First - Installed.begin()), diag::note_first_listed_here)
          << V << errorText(C, "version_already_installed", V);
      continue;
    }
    Distinct.push_back(V);
    checkVersionName(C, V, RangeAt(I));
  }

  // docs/service.md#engine-versions: at most N installed; clusters already above keep theirs.
  auto Max = asInt(C.table("engine_limits", "max_installed_versions"));
  if (Max && static_cast<long long>(Distinct.size()) > *Max) {
    std::vector<std::string> Grandfathered = stringList(R.get("engines.grandfathered"));
    std::string Refused = errorText(C, "versions_exceeded", "");
    if (Refused.empty())
      Refused = "?";
    if (Grandfathered.empty()) {
      size_t Index = std::find(Installed.begin(), Installed.end(), Distinct[*Max]) -
                     Installed.begin();
      C.Diags.report(RangeAt(Index), diag::err_too_many_engine_versions)
          << Distinct.size() << *Max << Refused;
    } else {
      for (size_t I = 0; I < Installed.size(); ++I)
        if (!contains(Grandfathered, Installed[I]) &&
            std::find(Installed.begin(), Installed.begin() + I, Installed[I]) ==
                Installed.begin() + I)
          C.Diags.report(RangeAt(I), diag::err_engine_install_over_grandfathered)
              << displayName(R) << Grandfathered.size() << Installed[I] << *Max
              << Refused;
    }
  }

  if (auto Current = asString(R.get("engines.current"));
      Current && !contains(Installed, *Current)) {
    // docs/service.md#engine-limits: with the state showing the version
    // installed and current, dropping it from `installed` is an uninstall
    // of the current version, which the service refuses.
    auto Stored = C.Opts.ExistingEngines.find(R.Address);
    if (C.Opts.StateKnown && Stored != C.Opts.ExistingEngines.end() &&
        Stored->second.Current == *Current &&
        contains(Stored->second.Installed, *Current)) {
      C.Diags.report(R.rangeOf("engines.current"),
                     diag::err_current_uninstalled)
          << *Current << displayName(R) << quotedList(Distinct);
      return;
    }
    C.Diags.report(R.rangeOf("engines.current"), diag::err_current_not_installed)
        << *Current << displayName(R) << quotedList(Distinct);
    checkVersionName(C, *Current, R.rangeOf("engines.current"));
  }
}

/// docs/service.md#engine-versions: a job's version must be installed on its project's cluster.
void checkJob(RuleContext &C, const ir::Resource &J) {
  auto V = asString(J.get("engine"));
  if (!V)
    return;
  llvm::SMRange Range = J.rangeOf("engine");
  const ir::Resource *Project = C.deref(J.get("project"));
  const ir::Resource *Cluster = Project ? C.deref(Project->get("cluster")) : nullptr;
  if (!Cluster || !Cluster->get("engines.installed").is_array()) {
    checkVersionName(C, *V, Range);
    return;
  }
  std::vector<std::string> Installed = stringList(Cluster->get("engines.installed"));
  if (contains(Installed, *V))
    return;
  C.Diags.report(Range, diag::err_job_engine_not_installed)
          .note(Cluster->rangeOf("engines.installed"), diag::note_engines_installed_here,
                displayName(*Cluster), quotedList(Installed))
      << displayName(J) << *V << displayName(*Cluster)
      << errorText(C, "blink_script_not_exist", *V) << quotedList(Installed);
  checkVersionName(C, *V, Range);
}

} // namespace

void checkEngines(RuleContext &C) {
  for (const ir::Resource *R : C.P.ofKind("cluster"))
    checkCluster(C, *R);
  for (const ir::Resource *J : C.P.ofKind("job"))
    checkJob(C, *J);
}

} // namespace rtc::rules
