//===- PlanRenderer.cpp - the human and Markdown views of a plan ----------===//
#include "rtc/Plan/PlanRenderer.h"
#include "rtc/IR/IR.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <set>

namespace rtc::plan {

namespace {

using nlohmann::json;
using Color = llvm::raw_ostream::Colors;

bool isUnder(const std::string &P, const std::string &Q) {
  if (P.size() < Q.size() || P.compare(0, Q.size(), Q) != 0)
    return false;
  return P.size() == Q.size() || P[Q.size()] == '.' || P[Q.size()] == '[';
}

std::string join(const std::string &Base, const std::string &Key) {
  return Base.empty() ? Key : Base + "." + Key;
}

std::string header(const ResourceChange &C) {
  std::string Name = C.Kind + ".";
  if (C.Address.rfind(Name, 0) == 0 &&
      C.Address.find_first_of(".[", Name.size()) == std::string::npos)
    return C.Kind + " \"" + C.Address.substr(Name.size()) + "\"";
  return C.Address;
}

class Printer {
public:
  Printer(llvm::raw_ostream &OS, bool UseColor) : OS(OS), UseColor(UseColor) {}

  void color(Color C, bool Bold = false) {
    if (UseColor)
      OS.changeColor(C, Bold);
  }
  void reset() {
    if (UseColor)
      OS.resetColor();
  }
  void sym(const char *S) {
    std::string T = S;
    Color C = T == "+" ? Color::GREEN : T == "~" ? Color::YELLOW : Color::RED;
    if (T == "-/+") {
      color(Color::RED);
      OS << "-";
      reset();
      OS << "/";
      color(Color::GREEN);
      OS << "+";
      reset();
      return;
    }
    color(C);
    OS << S;
    reset();
  }

  void change(const ResourceChange &C) {
    const char *What = "";
    const char *Sym = "";
    switch (C.Act) {
    case Action::Create: What = "will be created"; Sym = "+"; break;
    case Action::Update: What = "will be updated in-place"; Sym = "~"; break;
    case Action::Replace: What = "must be replaced"; Sym = "-/+"; break;
    case Action::Delete: What = "will be destroyed"; Sym = "-"; break;
    case Action::NoOp: return;
    }
    Cur = &C;
    OS << "  ";
    color(Color::SAVEDCOLOR, true);
    OS << "# " << C.Address;
    reset();
    OS << " " << What << "\n";
    for (const std::string &R : C.Reasons)
      if (C.Act == Action::Replace || C.Act == Action::Delete)
        OS << "  # (" << R << ")\n";
    if (!C.OrderUse.empty())
      OS << "  # (order: " << C.OrderUse << ")\n";
    if (!C.QueueUse.empty())
      OS << "  # (CU: " << C.QueueUse << ")\n";
    if (C.Dangerous) {
      OS << "  ";
      color(Color::RED, true);
      OS << "# DANGER: " << C.DangerReason;
      reset();
      OS << "\n";
    }
    OS << (C.Act == Action::Replace ? "" : "  ");
    sym(Sym);
    OS << " " << header(C) << " {\n";
    Mode = C.Act;
    if (C.Act == Action::Create) {
      json After = C.After.is_object() ? C.After : json::object();
      for (const std::string &P : C.Computed)
        if (P.find('.') == std::string::npos && !After.contains(P))
          After[P] = ir::unknownValue(C.Address + "." + P);
      object(json(), After, "", 6);
    } else if (C.Act == Action::Delete) {
      object(C.Before, json(), "", 6);
    } else {
      object(C.Before, C.After, "", 6);
      unsigned Hidden = 0;
      if (C.After.is_object())
        for (auto It = C.After.begin(); It != C.After.end(); ++It)
          if (!changed(It.key()))
            ++Hidden;
      if (Hidden)
        OS.indent(8) << "# (" << Hidden << " unchanged attribute"
                     << (Hidden == 1 ? "" : "s") << " hidden)\n";
    }
    OS << "    }\n\n";
  }

private:
  llvm::raw_ostream &OS;
  bool UseColor;
  const ResourceChange *Cur = nullptr;
  Action Mode = Action::NoOp;

  bool changed(const std::string &Path) const {
    for (const AttributeChange &A : Cur->AttributeChanges)
      if (isUnder(A.Path, Path) || isUnder(Path, A.Path))
        return true;
    return false;
  }
  const AttributeChange *changeAt(const std::string &Path) const {
    for (const AttributeChange &A : Cur->AttributeChanges)
      if (A.Path == Path)
        return &A;
    return nullptr;
  }
  bool sensitive(const std::string &Path) const {
    for (const std::string &S : Cur->SensitivePaths)
      if (isUnder(Path, S))
        return true;
    return false;
  }

  std::string value(const json &V, const std::string &Path) const {
    if (sensitive(Path))
      return "(sensitive)";
    return inlineValue(V);
  }
  static std::string inlineValue(const json &V) {
    if (ir::isUnknown(V))
      return "(known after apply)";
    if (V.is_array()) {
      std::string S = "[";
      for (size_t I = 0; I < V.size(); ++I)
        S += (I ? ", " : "") + inlineValue(V[I]);
      return S + "]";
    }
    if (V.is_object()) {
      std::string S = "{";
      bool First = true;
      for (auto It = V.begin(); It != V.end(); ++It) {
        S += (First ? " " : ", ") + It.key() + " = " + inlineValue(*It);
        First = false;
      }
      return S + (First ? "}" : " }");
    }
    return V.dump();
  }

  /// Prints the keys of Before/After (objects or null) at Indent.
  void object(const json &Before, const json &After, const std::string &Path,
              unsigned Indent) {
    std::set<std::string> Keys;
    for (const json *V : {&Before, &After})
      if (V->is_object())
        for (auto It = V->begin(); It != V->end(); ++It)
          Keys.insert(It.key());
    std::vector<std::string> Shown;
    for (const std::string &K : Keys)
      if (Mode == Action::Create || Mode == Action::Delete ||
          changed(join(Path, K)))
        Shown.push_back(K);
    size_t Width = 0;
    for (const std::string &K : Shown)
      Width = std::max(Width, K.size());
    static const json Null;
    for (const std::string &K : Shown) {
      const json &B = Before.is_object() && Before.contains(K) ? Before[K] : Null;
      const json &A = After.is_object() && After.contains(K) ? After[K] : Null;
      entry(K, B, A, join(Path, K), Indent, Width);
    }
  }

  void entry(const std::string &Key, const json &B, const json &A,
             const std::string &Path, unsigned Indent, size_t Width) {
    std::string Pad(Width - Key.size(), ' ');
    bool Nested = !sensitive(Path) && !ir::isUnknown(A) && !ir::isUnknown(B) &&
                  (A.is_object() || A.is_null()) &&
                  (B.is_object() || B.is_null()) &&
                  (A.is_object() || B.is_object());
    const char *S = B.is_null() ? "+" : A.is_null() ? "-" : "~";
    OS.indent(Indent);
    sym(S);
    OS << " " << Key << Pad << " = ";
    if (Nested) {
      OS << "{\n";
      object(B, A, Path, Indent + 4);
      OS.indent(Indent + 2) << "}\n";
      return;
    }
    if (B.is_null())
      OS << value(A, Path);
    else if (A.is_null())
      OS << value(B, Path) << " -> null";
    else
      OS << value(B, Path) << " -> " << value(A, Path);
    const AttributeChange *C = changeAt(Path);
    if (Mode == Action::Replace && C && C->ForcesReplacement) {
      color(Color::RED);
      OS << " # forces replacement";
      reset();
    }
    OS << "\n";
  }
};

std::string stepText(const Step &S) {
  if (S.Manual)
    return "manual: " + S.ConsoleAction;
  switch (S.Kind) {
  case StepKind::Resource:
    return std::string(actionName(S.Act)) + " " + S.Address;
  case StepKind::InstallEngine:
    return "install " + S.Version + " on " + S.Cluster;
  case StepKind::UninstallEngine:
    return "uninstall " + S.Version + " from " + S.Cluster;
  case StepKind::SetCurrentEngine:
    return "make " + S.Version + " the current version of " + S.Cluster;
  case StepKind::SwitchJobEngine:
    return "switch " + S.Address + " from " + S.From + " to " + S.To;
  }
  return "";
}

void cuLines(const Plan &P, llvm::raw_ostream &OS) {
  for (const CuSummary &S : P.Cu) {
    auto N = [](long long V) {
      return V < 0 ? std::string("none") : std::to_string(V);
    };
    OS << "CU " << S.Cluster << ": " << N(S.UsableBefore) << " -> "
       << N(S.UsableAfter) << " usable; projects take " << S.ProjectsBefore
       << " -> " << S.ProjectsAfter << "\n";
  }
}

} // namespace

std::string summaryLine(const Plan &P) {
  return "Plan: " + std::to_string(P.Counts.Add) + " to add, " +
         std::to_string(P.Counts.Change) + " to change, " +
         std::to_string(P.Counts.Destroy) + " to destroy.";
}

/// Terraform's "Resource targeting is in effect": a partial plan says so,
/// so nobody takes "No changes" for the whole configuration's.
void targetingWarning(const Plan &P, llvm::raw_ostream &OS) {
  if (P.Targets.empty() && P.Excludes.empty())
    return;
  OS << "\nWarning: targeting is in effect (-target/-exclude): this plan covers "
        "part of the configuration and may be incomplete; plan without them "
        "before relying on it.\n";
}

void renderHuman(const Plan &P, llvm::raw_ostream &OS,
                 const RenderOptions &Opts) {
  for (const std::string &N : P.Notes)
    OS << "Note: " << N << "\n";
  if (!P.Notes.empty())
    OS << "\n";
  if (!P.hasChanges()) {
    if (P.Destroy && P.Targets.empty() && P.Excludes.empty())
      OS << "No changes. No objects need to be destroyed.\n";
    else if (P.Targets.empty() && P.Excludes.empty())
      OS << "No changes. Your infrastructure matches the configuration.\n";
    else
      OS << "No changes in the targeted resources.\n";
    targetingWarning(P, OS);
    return;
  }
  OS << "rtcc will perform the following actions:\n\n";
  Printer Pr(OS, Opts.Color);
  // Moves change only the state: no cloud call (docs/apply.md#moved).
  for (const MovedResource &M : P.Moves)
    OS << "  # " << M.From << " has moved to " << M.To << "\n";
  if (!P.Moves.empty())
    OS << "\n";
  for (const ResourceChange &C : P.Changes)
    Pr.change(C);
  bool Engine = false;
  for (const Step &S : P.Steps)
    Engine |= S.Kind != StepKind::Resource;
  if (Engine) {
    OS << "Engine version steps, one at a time per cluster:\n";
    unsigned N = 0, Manual = 0;
    for (const Step &S : P.Steps)
      if (S.Kind != StepKind::Resource) {
        OS << "  " << ++N << ". " << stepText(S) << "\n";
        Manual += S.Manual;
      }
    // docs/apply.md#manual-steps
    if (Manual)
      OS << "Manual steps are console operations the API does not offer: "
            "rtcc sends nothing for them; `rtcc apply` checks them with "
            "GetClusterEngineVersions (waiting up to -manual-timeout) and "
            "holds back what needs them.\n";
    OS << "\n";
  }
  if (unsigned D = P.dangerousCount()) {
    Pr.color(Color::RED, true);
    OS << "Warning: " << D << " dangerous change" << (D == 1 ? "" : "s")
       << "; `" << Opts.ApplyCommand << "` requires -allow-dangerous:";
    Pr.reset();
    OS << "\n";
    for (const ResourceChange &C : P.Changes)
      if (C.Dangerous)
        OS << "  - " << C.Address << ": " << C.DangerReason << "\n";
    OS << "\n";
  }
  Pr.color(Color::SAVEDCOLOR, true);
  OS << summaryLine(P);
  Pr.reset();
  OS << "\n";
  cuLines(P, OS);
  targetingWarning(P, OS);
}

void renderMarkdown(const Plan &P, llvm::raw_ostream &OS) {
  OS << "### rtcc plan\n\n";
  if (!P.hasChanges()) {
    OS << (P.Destroy ? "No changes. No objects need to be destroyed.\n"
                     : "No changes. Your infrastructure matches the "
                       "configuration.\n");
    return;
  }
  OS << "**" << summaryLine(P) << "**\n\n";
  if (P.Destroy)
    OS << "A destroy plan: it deletes what the state holds.\n\n";
  if (unsigned D = P.dangerousCount())
    OS << "> **Warning:** " << D << " dangerous change" << (D == 1 ? "" : "s")
       << " (applying this plan requires `-allow-dangerous`).\n\n";
  OS << "| Action | Resource | Why |\n|---|---|---|\n";
  for (const MovedResource &M : P.Moves)
    OS << "| move | `" << M.From << "` → `" << M.To
       << "` | a `moved` block; the state only |\n";
  for (const ResourceChange &C : P.Changes) {
    if (C.Act == Action::NoOp)
      continue;
    std::string Why;
    if (C.Dangerous)
      Why = "**DANGER:** " + C.DangerReason;
    for (const std::string &R : C.Reasons)
      Why += (Why.empty() ? "" : "; ") + R;
    OS << "| " << actionName(C.Act) << " | `" << C.Address << "` | " << Why
       << " |\n";
  }
  OS << "\n";
  cuLines(P, OS);
  OS << "\n<details><summary>Details</summary>\n\n```diff\n";
  Printer Pr(OS, false);
  for (const ResourceChange &C : P.Changes)
    Pr.change(C);
  OS << "```\n\n</details>\n";
}

} // namespace rtc::plan
