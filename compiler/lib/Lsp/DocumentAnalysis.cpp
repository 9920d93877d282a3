//===- DocumentAnalysis.cpp - one document parsed, checked and queried -----===//
#include "rtc/Lsp/DocumentAnalysis.h"
#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/IR/AttributePath.h"
#include "rtc/Parse/Parser.h"
#include "rtc/Rules/Rules.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>
#include <functional>
#include <set>

namespace rtc::lsp {
namespace {

/// Keeps every reported diagnostic, in order.
class Collector : public DiagnosticConsumer {
public:
  explicit Collector(std::vector<Diagnostic> &Out) : Out(Out) {}
  void handle(const Diagnostic &D, const llvm::SourceMgr &) override { Out.push_back(D); }

private:
  std::vector<Diagnostic> &Out;
};

using ExprFn = std::function<void(const ast::Expr &)>;

void walkExpr(const ast::Expr *E, const ExprFn &Fn) {
  if (!E)
    return;
  Fn(*E);
  using K = ast::Expr::Kind;
  switch (E->getKind()) {
  case K::String:
    for (const ast::StringPart &P : llvm::cast<ast::StringExpr>(E)->Parts)
      walkExpr(P.Interp.get(), Fn);
    break;
  case K::List:
    for (const ast::ExprPtr &X : llvm::cast<ast::ListExpr>(E)->Elements)
      walkExpr(X.get(), Fn);
    break;
  case K::Map:
    for (const ast::MapEntry &M : llvm::cast<ast::MapExpr>(E)->Entries) {
      walkExpr(M.KeyString.get(), Fn);
      walkExpr(M.Value.get(), Fn);
    }
    break;
  case K::GetAttr:
    walkExpr(llvm::cast<ast::GetAttrExpr>(E)->Base.get(), Fn);
    break;
  case K::Index: {
    auto *I = llvm::cast<ast::IndexExpr>(E);
    walkExpr(I->Base.get(), Fn);
    walkExpr(I->Index.get(), Fn);
    break;
  }
  case K::Call:
    for (const ast::ExprPtr &X : llvm::cast<ast::CallExpr>(E)->Args)
      walkExpr(X.get(), Fn);
    break;
  case K::Unary:
    walkExpr(llvm::cast<ast::UnaryExpr>(E)->Operand.get(), Fn);
    break;
  case K::Binary: {
    auto *B = llvm::cast<ast::BinaryExpr>(E);
    walkExpr(B->LHS.get(), Fn);
    walkExpr(B->RHS.get(), Fn);
    break;
  }
  case K::Cond: {
    auto *C = llvm::cast<ast::CondExpr>(E);
    walkExpr(C->Cond.get(), Fn);
    walkExpr(C->Then.get(), Fn);
    walkExpr(C->Else.get(), Fn);
    break;
  }
  case K::Paren:
    walkExpr(llvm::cast<ast::ParenExpr>(E)->Inner.get(), Fn);
    break;
  default:
    break;
  }
}

/// Calls ItemFn on every item with the kinds of its enclosing blocks.
using ItemFn = std::function<void(const ast::Item &, const std::vector<std::string> &)>;
void walkItems(const std::vector<ast::ItemPtr> &Items, std::vector<std::string> &Path,
               const ItemFn &Fn) {
  for (const ast::ItemPtr &I : Items) {
    Fn(*I, Path);
    if (auto *B = llvm::dyn_cast<ast::Block>(I.get())) {
      Path.push_back(B->Type.Name);
      walkItems(B->Body, Path, Fn);
      Path.pop_back();
    }
  }
}

void walkAllExprs(const ast::File &F, const ExprFn &Fn) {
  std::vector<std::string> Path;
  walkItems(F.Items, Path, [&](const ast::Item &I, const std::vector<std::string> &) {
    if (auto *A = llvm::dyn_cast<ast::Attribute>(&I))
      walkExpr(A->Value.get(), Fn);
    else if (auto *L = llvm::dyn_cast<ast::LetDecl>(&I))
      walkExpr(L->Value.get(), Fn);
    else if (auto *R = llvm::dyn_cast<ast::RuleStmt>(&I)) {
      walkExpr(R->Actions.get(), Fn);
      walkExpr(R->Resources.get(), Fn);
    }
  });
}

/// Replaces values only known after apply and sensitive attributes with
/// words, so a hover never shows a marker object or a secret.
ir::Value displayable(const ir::Resource &R) {
  std::function<ir::Value(const ir::Value &)> Clean = [&](const ir::Value &V) -> ir::Value {
    if (ir::isUnknown(V))
      return "(known after apply)";
    if (V.is_object()) {
      ir::Value Out = ir::Value::object();
      for (auto It = V.begin(); It != V.end(); ++It)
        Out[It.key()] = Clean(It.value());
      return Out;
    }
    if (V.is_array()) {
      ir::Value Out = ir::Value::array();
      for (const ir::Value &X : V)
        Out.push_back(Clean(X));
      return Out;
    }
    return V;
  };
  ir::Value Out = Clean(R.Attributes);
  ir::replaceAtPaths(Out, R.Sensitive, [](const ir::Value &) {
    return ir::Value("(sensitive)");
  });
  return Out;
}

std::string numberText(const ir::Value &V) {
  if (V.is_null())
    return "no cap";
  if (V.is_number_integer())
    return std::to_string(V.get<long long>());
  return V.dump();
}

} // namespace

DocumentAnalysis::DocumentAnalysis(const std::string &Path, const std::string &Text) {
  BufferId = SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(Text, Path),
                                   llvm::SMLoc());
  DiagnosticsEngine Engine(SM);
  Engine.addConsumer(std::make_unique<Collector>(Diags));
  std::vector<ast::File> Roots;
  Roots.push_back(parseBuffer(BufferId, Engine));
  bool RulesRan = false;
  // The same sequence as `rtcc check` on one file: no analysis once the
  // error limit is reached, and rules only on a program without errors.
  if (!Engine.reachedErrorLimit()) {
    // Constraints a rule checks with a better message are left to it, as in
    // `rtcc check`, so the editor shows the same diagnostics.
    SemaOptions Opts;
    Opts.ConstraintsCheckedByRules = constraintsCheckedByRules();
    Result = analyzeWithSchemas(Roots, Engine, Opts);
    RulesRan = !Engine.hasErrors();
    if (RulesRan)
      runRules(Result.Program, Engine);
  }
  // As `rtcc check`: an ignore is unused only if every rule had its say.
  Engine.settleIgnores(/*ReportUnused=*/RulesRan);
  Engine.finish();
  for (ast::File &F : Roots)
    if (F.BufferId == BufferId) {
      File = std::move(F);
      break;
    }
}

llvm::StringRef DocumentAnalysis::text() const {
  return SM.getMemoryBuffer(BufferId)->getBuffer();
}

std::optional<size_t> DocumentAnalysis::offsetOf(llvm::SMLoc Loc) const {
  if (!Loc.isValid())
    return std::nullopt;
  llvm::StringRef T = text();
  const char *P = Loc.getPointer();
  if (P < T.begin() || P > T.end())
    return std::nullopt;
  return static_cast<size_t>(P - T.begin());
}

const BlockSchema *DocumentAnalysis::schemaAt(const std::vector<std::string> &Path) const {
  if (Path.empty())
    return nullptr;
  const BlockSchema *S = schemas().find(Path.front());
  for (size_t I = 1; S && I < Path.size(); ++I) {
    auto It = S->Blocks.find(Path[I]);
    S = It == S->Blocks.end() ? nullptr : &It->second;
  }
  return S;
}

std::vector<std::string> DocumentAnalysis::namesOfKind(const std::string &Kind) const {
  std::set<std::string> Names;
  std::string BlockKind = Kind == "var" ? "variable" : Kind;
  for (const ast::ItemPtr &I : File.Items)
    if (auto *B = llvm::dyn_cast<ast::Block>(I.get()))
      if (B->Type.Name == BlockKind && !B->name().empty())
        Names.insert(B->name().str());
  if (Kind == "var")
    for (const ir::Variable &V : program().Variables)
      Names.insert(V.Name);
  else
    for (const ir::Resource *R : program().ofKind(Kind))
      Names.insert(R->Name);
  return {Names.begin(), Names.end()};
}

std::optional<RefSite> DocumentAnalysis::referenceAt(size_t Off) const {
  std::optional<RefSite> Found;
  walkAllExprs(File, [&](const ast::Expr &E) {
    auto *G = llvm::dyn_cast<ast::GetAttrExpr>(&E);
    if (!G || !G->Base)
      return;
    auto *N = llvm::dyn_cast<ast::NameExpr>(G->Base.get());
    if (!N)
      return;
    auto B = offsetOf(N->Range.Start), En = offsetOf(G->Attr.Range.End);
    if (B && En && *B <= Off && Off <= *En)
      Found = RefSite{N->Name, G->Attr.Name, *B, *En};
  });
  if (Found)
    return Found;
  // A block label names the block itself: `cluster analytics`.
  for (const ast::ItemPtr &I : File.Items)
    if (auto *B = llvm::dyn_cast<ast::Block>(I.get())) {
      if (B->Labels.empty())
        continue;
      auto LB = offsetOf(B->Labels.front().Range.Start);
      auto LE = offsetOf(B->Labels.front().Range.End);
      if (LB && LE && *LB <= Off && Off <= *LE) {
        std::string Root = B->Type.Name == "variable" ? "var" : B->Type.Name;
        return RefSite{Root, B->name().str(), *LB, *LE};
      }
    }
  return std::nullopt;
}

std::optional<OffsetRange> DocumentAnalysis::definitionOf(const RefSite &R) const {
  std::string Kind = R.Root == "var" ? "variable" : R.Root;
  for (const ast::ItemPtr &I : File.Items)
    if (auto *B = llvm::dyn_cast<ast::Block>(I.get()))
      if (B->Type.Name == Kind && B->name() == R.Name) {
        auto Begin = offsetOf(B->Type.Range.Start);
        auto End = offsetOf(B->Labels.front().Range.End);
        if (Begin && End)
          return OffsetRange{*Begin, *End};
      }
  return std::nullopt;
}

std::vector<RefSite> DocumentAnalysis::referencesTo(const std::string &Root,
                                                    const std::string &Name) const {
  std::vector<RefSite> Out;
  walkAllExprs(File, [&](const ast::Expr &E) {
    auto *G = llvm::dyn_cast<ast::GetAttrExpr>(&E);
    if (!G || !G->Base || G->Attr.Name != Name)
      return;
    auto *N = llvm::dyn_cast<ast::NameExpr>(G->Base.get());
    if (!N || N->Name != Root)
      return;
    auto B = offsetOf(N->Range.Start), En = offsetOf(G->Attr.Range.End);
    if (B && En)
      Out.push_back(RefSite{Root, Name, *B, *En});
  });
  std::sort(Out.begin(), Out.end(),
            [](const RefSite &A, const RefSite &B) { return A.Begin < B.Begin; });
  return Out;
}

std::string DocumentAnalysis::hover(size_t Off) const {
  auto Contains = [&](llvm::SMRange R) {
    auto B = offsetOf(R.Start), E = offsetOf(R.End);
    return B && E && *B <= Off && Off <= *E;
  };
  std::string Out;
  // Block kinds and attribute names: the schema's doc and type.
  std::vector<std::string> Path;
  walkItems(File.Items, Path, [&](const ast::Item &I, const std::vector<std::string> &P) {
    if (!Out.empty())
      return;
    if (auto *B = llvm::dyn_cast<ast::Block>(&I)) {
      if (!Contains(B->Type.Range))
        return;
      std::vector<std::string> Full = P;
      Full.push_back(B->Type.Name);
      if (const BlockSchema *S = schemaAt(Full)) {
        Out = "**" + B->Type.Name + "** (block)";
        if (!S->Doc.empty())
          Out += "\n\n" + S->Doc;
        if (auto *K = schemas().find(B->Type.Name); K && P.empty() && !K->Provider.empty())
          Out += "\n\nProvider: `" + K->Provider + "`";
      }
    } else if (auto *A = llvm::dyn_cast<ast::Attribute>(&I)) {
      if (!Contains(A->Name.Range))
        return;
      const BlockSchema *S = schemaAt(P);
      if (!S)
        return;
      auto It = S->Attrs.find(A->Name.Name);
      if (It == S->Attrs.end())
        return;
      const AttrSchema &AS = It->second;
      Out = "**" + AS.Name + "**: `" + AS.Ty.str() + "`";
      if (AS.Required)
        Out += " (required)";
      if (AS.Computed)
        Out += " (computed)";
      if (AS.ForceNew)
        Out += " (changing it replaces the resource)";
      if (!AS.Doc.empty())
        Out += "\n\n" + AS.Doc;
      if (!AS.Enum.empty()) {
        Out += "\n\nOne of:";
        for (const std::string &V : AS.Enum)
          Out += " `\"" + V + "\"`";
      }
    }
  });
  if (!Out.empty())
    return Out;

  // Machine model strings.
  const ast::StringExpr *Str = nullptr;
  walkAllExprs(File, [&](const ast::Expr &E) {
    if (auto *S = llvm::dyn_cast<ast::StringExpr>(&E))
      if (S->isLiteral() && Contains(S->Range))
        Str = S;
  });
  if (Str) {
    std::string Model = Str->literalValue();
    const ir::Value &Slaves = program().std("slave_models");
    const ir::Value &Masters = program().std("master_models");
    const ir::Value *Facts = nullptr;
    if (Slaves.is_object() && Slaves.contains(Model))
      Facts = &Slaves[Model];
    else if (Masters.is_object() && Masters.contains(Model))
      Facts = &Masters[Model];
    if (Facts) {
      Out = "**" + Model + "**: " + numberText(Facts->value("cores", ir::Value())) +
            " cores, " + numberText(Facts->value("memory_gb", ir::Value())) + " GB memory";
      if (Slaves.is_object() && Slaves.contains(Model))
        Out += "\n\n- as a slave: " + numberText(Slaves[Model].value("usable_cu", ir::Value())) +
               " usable CU";
      if (Masters.is_object() && Masters.contains(Model))
        Out += "\n- as a master: manages clusters up to " +
               numberText(Masters[Model].value("max_cluster_cu", ir::Value())) + " CU";
      return Out;
    }
  }

  // References: the resolved values.
  if (std::optional<RefSite> R = referenceAt(Off)) {
    std::string Address = R->Root + "." + R->Name;
    if (R->Root == "var") {
      for (const ir::Variable &V : program().Variables)
        if (V.Name == R->Name)
          return "**var." + V.Name + "** = " +
                 (V.Sensitive ? std::string("(sensitive)") : "`" + V.Val.dump() + "`");
      return "";
    }
    for (const ir::Resource *Res : program().ofKind(R->Root))
      if (Res->Name == R->Name) {
        Out += "**" + Res->Address + "**";
        if (!Res->Provider.empty())
          Out += " (`" + Res->Provider + "`)";
        Out += "\n```json\n" + displayable(*Res).dump(2) + "\n```\n";
      }
  }
  return Out;
}

} // namespace rtc::lsp
