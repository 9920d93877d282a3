//===- Analyzer.cpp - static checks of RAM policies -----------------------===//
//
// Each pass reads the document and appends findings; none of them evaluates a
// request. Suggestions are whole replacement strings for the flagged range, so
// they double as fix-its.
//
//===----------------------------------------------------------------------===//
#include "rtc/Policy/Analyzer.h"
#include "rtc/Diag/EditDistance.h"
#include "rtc/Policy/Wildcard.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>

namespace rtc::policy {

//===----------------------------------------------------------------------===//
// Results and fuzzy matching
//===----------------------------------------------------------------------===//

bool AnalysisResult::passed() const {
  return std::none_of(Findings.begin(), Findings.end(),
                      [](const Finding &F) { return F.isError(); });
}

std::vector<Finding> AnalysisResult::errors() const {
  std::vector<Finding> Out;
  for (const Finding &F : Findings)
    if (F.isError())
      Out.push_back(F);
  return Out;
}

std::vector<Finding> AnalysisResult::warnings() const {
  std::vector<Finding> Out;
  for (const Finding &F : Findings)
    if (F.severity() == Severity::Warning)
      Out.push_back(F);
  return Out;
}

/// "Did you mean": the project-wide rule (rtc/Diag/EditDistance.h).
static std::string nearest(llvm::StringRef Word,
                           const std::vector<std::string> &Candidates) {
  return rtc::closestMatch(Word, Candidates).value_or("");
}

namespace {

void add(std::vector<Finding> &Out, const PolicyDocument &Doc, int Stmt,
         diag::ID Kind, llvm::SMRange R, std::vector<std::string> Args,
         std::string Suggestion = "") {
  Out.push_back(
      Finding{Kind, R, Doc.Name, Stmt, std::move(Args), std::move(Suggestion)});
}

std::vector<std::string> serviceNames(const ActionCatalogue &Cat) {
  std::vector<std::string> Names;
  for (const auto &Entry : Cat.Services)
    Names.push_back(Entry.first);
  return Names;
}

std::string joined(const std::vector<std::string> &Names) {
  return llvm::join(Names.begin(), Names.end(), ", ");
}

bool isServiceChar(char C) {
  return llvm::isAlnum(C) || C == '-' || C == '*' || C == '?';
}
bool isActionChar(char C) {
  return llvm::isAlnum(C) || C == '*' || C == '?' || C == '_' || C == '-';
}

/// `service:Action` with one colon, non-empty parts and plausible characters.
bool splitAction(llvm::StringRef A, llvm::StringRef &Service,
                 llvm::StringRef &Action) {
  size_t Colon = A.find(':');
  if (Colon == llvm::StringRef::npos || A.count(':') != 1)
    return false;
  Service = A.take_front(Colon);
  Action = A.drop_front(Colon + 1);
  return !Service.empty() && !Action.empty() &&
         llvm::all_of(Service, isServiceChar) &&
         llvm::all_of(Action, isActionChar);
}

/// A 5-part ARN `acs:service:region:account:resource`. Region and account may
/// be empty (`acs:ram::123456:role/x` is how RAM writes global resources);
/// service and resource may not. The resource part may itself contain `:`.
bool splitArn(llvm::StringRef R, llvm::StringRef &Service,
              llvm::StringRef &Resource) {
  llvm::SmallVector<llvm::StringRef, 5> Parts;
  R.split(Parts, ':', /*MaxSplit=*/4);
  if (Parts.size() != 5 || Parts[0] != "acs")
    return false;
  Service = Parts[1];
  Resource = Parts[4];
  return !Service.empty() && !Resource.empty() &&
         llvm::all_of(Service, isServiceChar);
}

bool isAllStars(llvm::StringRef S) {
  return !S.empty() && S.find_first_not_of('*') == llvm::StringRef::npos;
}

/// Grants every action of every service.
bool isUniversalAction(llvm::StringRef A) {
  if (isAllStars(A))
    return true;
  llvm::StringRef S, Act;
  return splitAction(A, S, Act) && isAllStars(S) && isAllStars(Act);
}

/// Names that only read. Anything else (Create, Update, Delete, PassRole,
/// Attach, Start, …) is treated as a write. A heuristic over RAM's naming
/// convention, not a domain fact.
bool isReadOnlyActionName(llvm::StringRef Name) {
  for (llvm::StringRef P : {"Get", "List", "Describe", "Query", "Check"})
    if (Name.startswith_insensitive(P))
      return true;
  return false;
}

/// Whether pattern ActPattern of Service can name a write action: it matches
/// a catalogued write action, or it is a literal write name.
bool patternCanWrite(llvm::StringRef Service, llvm::StringRef ActPattern,
                     const ActionCatalogue &Cat) {
  if (const auto *Actions = Cat.find(Service))
    for (const std::string &A : *Actions)
      if (!isReadOnlyActionName(A) && actionMatches(ActPattern, A))
        return true;
  // A wildcard like `Create*` names writes even when none is catalogued.
  llvm::StringRef Literal =
      ActPattern.take_until([](char C) { return C == '*' || C == '?'; });
  return !Literal.empty() && !isReadOnlyActionName(Literal) &&
         !(Literal.size() < 3 && hasWildcard(ActPattern));
}

void checkMalformedAction(const PolicyDocument &Doc, int Stmt,
                          const LocatedString &A, const ActionCatalogue &Cat,
                          std::vector<Finding> &Out) {
  llvm::StringRef V = A.Value;
  llvm::StringRef S, Act;
  // A wrong separator, as in the vendor's own `dhs>DeleteTopic`.
  if (!V.contains(':')) {
    for (char Sep : {'>', '/', '.', ';', ','}) {
      size_t At = V.find(Sep);
      if (At == llvm::StringRef::npos)
        continue;
      std::string Candidate = V.str();
      Candidate[At] = ':';
      if (splitAction(Candidate, S, Act) && Cat.find(S)) {
        add(Out, Doc, Stmt, diag::err_policy_action_separator, A.Range,
            {V.str(), std::string(1, Sep), Candidate}, Candidate);
        return;
      }
    }
    // A missing colon: `ramPassRole`. Prefer the longest service prefix.
    std::string BestService;
    for (const auto &Entry : Cat.Services)
      if (V.size() > Entry.first.size() &&
          V.startswith_insensitive(Entry.first) &&
          Entry.first.size() > BestService.size())
        BestService = Entry.first;
    if (!BestService.empty()) {
      std::string Candidate = V.take_front(BestService.size()).str() + ":" +
                              V.drop_front(BestService.size()).str();
      if (splitAction(Candidate, S, Act)) {
        add(Out, Doc, Stmt, diag::err_policy_action_malformed_suggest, A.Range,
            {V.str(), Candidate}, Candidate);
        return;
      }
    }
  }
  std::string Candidate = nearest(V, Cat.qualifiedActions());
  if (Candidate.empty())
    add(Out, Doc, Stmt, diag::err_policy_action_malformed, A.Range, {V.str()});
  else
    add(Out, Doc, Stmt, diag::err_policy_action_malformed_suggest, A.Range,
        {V.str(), Candidate}, Candidate);
}

void checkOneAction(const PolicyDocument &Doc, int Stmt, const LocatedString &A,
                    const ActionCatalogue &Cat, std::vector<Finding> &Out) {
  llvm::StringRef V = A.Value;
  if (isAllStars(V))
    return; // syntactically fine; checkOverbroad has its say
  llvm::StringRef Service, Act;
  if (!splitAction(V, Service, Act)) {
    checkMalformedAction(Doc, Stmt, A, Cat, Out);
    return;
  }
  if (hasWildcard(Service)) {
    bool Any = false;
    for (const auto &Entry : Cat.Services)
      Any |= wildcardMatch(Service, Entry.first, CaseSensitivity::Insensitive);
    if (Any)
      return;
  }
  const std::vector<std::string> *Actions = Cat.find(Service);
  if (!Actions) {
    std::vector<std::string> Names = serviceNames(Cat);
    std::string Near = nearest(Service, Names);
    if (Near.empty())
      add(Out, Doc, Stmt, diag::err_policy_unknown_service, A.Range,
          {Service.str(), V.str(), joined(Names)});
    else
      add(Out, Doc, Stmt, diag::err_policy_unknown_service_suggest, A.Range,
          {Service.str(), V.str(), Near}, Near + ":" + Act.str());
    return;
  }
  if (hasWildcard(Act)) {
    for (const std::string &Known : *Actions)
      if (actionMatches(Act, Known))
        return;
    add(Out, Doc, Stmt, diag::warn_policy_pattern_matches_nothing, A.Range,
        {V.str(), Service.str()});
    return;
  }
  if (Cat.hasAction(Service, Act))
    return;
  std::string Near = nearest(Act, *Actions);
  if (Near.empty())
    add(Out, Doc, Stmt, diag::warn_policy_unknown_action, A.Range,
        {V.str(), Service.str()});
  else
    add(Out, Doc, Stmt, diag::warn_policy_unknown_action_suggest, A.Range,
        {V.str(), Service.str(), Service.str() + ":" + Near},
        Service.str() + ":" + Near);
}

/// The services this statement's actions belong to; empty when some action
/// could belong to any service (`*`, `*:…`) or is already an error
/// (malformed, unknown service), so that one mistake is reported once.
std::vector<std::string> concreteActionServices(const PolicyStatement &S,
                                                const ActionCatalogue &Cat) {
  std::vector<std::string> Out;
  for (const LocatedString &A : S.Actions) {
    llvm::StringRef Service, Act;
    if (!splitAction(A.Value, Service, Act) || hasWildcard(Service) ||
        !Cat.find(Service))
      return {};
    Out.push_back(Service.lower());
  }
  return Out;
}

bool statementCovers(const PolicyStatement &Outer,
                     const PolicyStatement &Inner) {
  if (Inner.Actions.empty() || Inner.Resources.empty())
    return false;
  auto AllCovered = [](const std::vector<LocatedString> &Out,
                       const std::vector<LocatedString> &In,
                       CaseSensitivity CS) {
    return llvm::all_of(In, [&](const LocatedString &I) {
      return llvm::any_of(Out, [&](const LocatedString &O) {
        return wildcardCovers(O.Value, I.Value, CS);
      });
    });
  };
  return AllCovered(Outer.Actions, Inner.Actions,
                    CaseSensitivity::Insensitive) &&
         AllCovered(Outer.Resources, Inner.Resources,
                    CaseSensitivity::Sensitive);
}

} // namespace

//===----------------------------------------------------------------------===//
// Passes
//===----------------------------------------------------------------------===//

void checkActions(const PolicyDocument &Doc, const ActionCatalogue &Cat,
                  std::vector<Finding> &Out) {
  for (size_t I = 0; I < Doc.Statements.size(); ++I)
    for (const LocatedString &A : Doc.Statements[I].Actions)
      checkOneAction(Doc, static_cast<int>(I), A, Cat, Out);
}

void checkResources(const PolicyDocument &Doc, const ActionCatalogue &Cat,
                    std::vector<Finding> &Out) {
  for (size_t I = 0; I < Doc.Statements.size(); ++I) {
    const PolicyStatement &S = Doc.Statements[I];
    int Stmt = static_cast<int>(I);
    std::vector<std::string> ActionServices = concreteActionServices(S, Cat);
    for (const LocatedString &R : S.Resources) {
      if (isAllStars(R.Value))
        continue;
      llvm::StringRef Service, Res;
      if (!splitArn(R.Value, Service, Res)) {
        add(Out, Doc, Stmt, diag::err_policy_resource_malformed, R.Range,
            {R.Value});
        continue;
      }
      if (hasWildcard(Service))
        continue;
      if (!Cat.find(Service)) {
        std::vector<std::string> Names = serviceNames(Cat);
        std::string Near = nearest(Service, Names);
        if (Near.empty()) {
          add(Out, Doc, Stmt, diag::err_policy_resource_unknown_service,
              R.Range, {Service.str(), R.Value, joined(Names)});
        } else {
          std::string Fixed =
              "acs:" + Near + R.Value.substr(4 + Service.size());
          add(Out, Doc, Stmt, diag::err_policy_resource_unknown_service_suggest,
              R.Range, {Service.str(), R.Value, Near}, Fixed);
        }
        continue;
      }
      if (!ActionServices.empty() &&
          std::find(ActionServices.begin(), ActionServices.end(),
                    Service.lower()) == ActionServices.end())
        add(Out, Doc, Stmt, diag::warn_policy_resource_service_mismatch,
            R.Range, {R.Value, Service.str(), ActionServices.front()});
    }
  }
}

void checkOverbroad(const PolicyDocument &Doc, const ActionCatalogue &Cat,
                    std::vector<Finding> &Out) {
  for (size_t I = 0; I < Doc.Statements.size(); ++I) {
    const PolicyStatement &S = Doc.Statements[I];
    if (S.Eff != Effect::Allow)
      continue; // a broad Deny is cautious, not dangerous
    int Stmt = static_cast<int>(I);
    bool AnyResource = llvm::any_of(S.Resources, [](const LocatedString &R) {
      return isAllStars(R.Value);
    });
    for (const LocatedString &A : S.Actions) {
      if (isUniversalAction(A.Value)) {
        add(Out, Doc, Stmt, diag::warn_policy_overbroad_action, A.Range,
            {A.Value});
        continue;
      }
      llvm::StringRef Service, Act;
      if (!AnyResource || !splitAction(A.Value, Service, Act))
        continue;
      // stream and ram are the services whose writes this tool manages: a
      // blanket write there can delete projects or hand out roles.
      for (llvm::StringRef Sensitive : {"stream", "ram"})
        if (Service.equals_insensitive(Sensitive) &&
            patternCanWrite(Service, Act, Cat))
          add(Out, Doc, Stmt, diag::warn_policy_overbroad_write, A.Range,
              {A.Value, Sensitive.str()});
    }
  }
}

void checkProjects(const PolicyDocument &Doc,
                   const std::set<std::string> &KnownProjects,
                   std::vector<Finding> &Out) {
  for (size_t I = 0; I < Doc.Statements.size(); ++I) {
    for (const LocatedString &R : Doc.Statements[I].Resources) {
      llvm::StringRef Service, Res;
      if (!splitArn(R.Value, Service, Res) ||
          !Service.equals_insensitive("stream"))
        continue;
      // `acs:stream:*:*:NAME` scopes to project NAME (docs/service.md#accounts); anything
      // after a `/` is inside the project.
      llvm::StringRef Project = Res.take_until([](char C) { return C == '/'; });
      if (Project.empty() || hasWildcard(Project) ||
          KnownProjects.count(Project.str()))
        continue;
      // Copied only for a miss: the rules analyse every policy against
      // the configuration's whole set of projects.
      std::vector<std::string> Known(KnownProjects.begin(),
                                     KnownProjects.end());
      std::string Near = nearest(Project, Known);
      int Stmt = static_cast<int>(I);
      if (Near.empty()) {
        add(Out, Doc, Stmt, diag::warn_policy_unknown_project, R.Range,
            {R.Value, Project.str()});
      } else {
        size_t At = R.Value.size() - Res.size();
        std::string Fixed =
            R.Value.substr(0, At) + Near + Res.drop_front(Project.size()).str();
        add(Out, Doc, Stmt, diag::warn_policy_unknown_project_suggest, R.Range,
            {R.Value, Project.str(), Near}, Fixed);
      }
    }
  }
}

void checkShadowed(const PolicyDocument &Doc, std::vector<Finding> &Out) {
  const auto &Ss = Doc.Statements;
  for (size_t J = 0; J < Ss.size(); ++J) {
    if (Ss[J].Eff != Effect::Allow)
      continue;
    bool Reported = false;
    // Denied entirely (by any unconditional Deny, wherever it is written).
    for (size_t I = 0; I < Ss.size() && !Reported; ++I)
      if (I != J && Ss[I].Eff == Effect::Deny && !Ss[I].HasCondition &&
          statementCovers(Ss[I], Ss[J])) {
        add(Out, Doc, static_cast<int>(J), diag::warn_policy_allow_denied,
            Ss[J].Range, {std::to_string(J + 1), std::to_string(I + 1)});
        Reported = true;
      }
    // Granted already by an earlier unconditional Allow.
    for (size_t I = 0; I < J && !Reported; ++I)
      if (Ss[I].Eff == Effect::Allow && !Ss[I].HasCondition &&
          statementCovers(Ss[I], Ss[J])) {
        add(Out, Doc, static_cast<int>(J), diag::warn_policy_shadowed,
            Ss[J].Range, {std::to_string(J + 1), std::to_string(I + 1)});
        Reported = true;
      }
  }
}

AnalysisResult analyze(const PolicyDocument &Doc, const ActionCatalogue &Cat,
                       const AnalyzerOptions &Opts) {
  AnalysisResult R;
  checkActions(Doc, Cat, R.Findings);
  checkResources(Doc, Cat, R.Findings);
  if (Opts.KnownProjects)
    checkProjects(Doc, *Opts.KnownProjects, R.Findings);
  if (Opts.Mode == AnalysisMode::Strict) {
    checkOverbroad(Doc, Cat, R.Findings);
    checkShadowed(Doc, R.Findings);
  }
  return R;
}

} // namespace rtc::policy
