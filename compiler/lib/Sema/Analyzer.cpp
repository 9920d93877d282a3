//===- Analyzer.cpp - loading, name resolution, evaluation -----------------===//
#include "Analyzer.h"
#include "Functions.h"
#include "rtc/Diag/EditDistance.h"
#include "rtc/Parse/Parser.h"
#include "rtc/Parse/SourceFile.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

using namespace rtc::ast;
using llvm::cast;
using llvm::dyn_cast;
using llvm::isa;
using rtc::ir::Value;

namespace rtc::sema {

namespace {

#include "StdlibSources.inc"

/// Kinds of block the language itself defines (everything else comes from
/// stdlib schemas).
const char *const LanguageBlockKinds[] = {"variable", "output",  "module",
                                          "provider", "backend", "moved"};

std::string joinNames(const std::vector<std::string> &Names, size_t Max = 12) {
  std::string Out;
  for (size_t I = 0; I < Names.size() && I < Max; ++I)
    Out += (I ? ", " : "") + Names[I];
  if (Names.size() > Max)
    Out += ", …";
  return Out.empty() ? "(none)" : Out;
}

llvm::SMRange headerRange(const Block &B) {
  llvm::SMLoc End = B.Labels.empty() ? B.Type.Range.End : B.Labels.back().Range.End;
  return {B.Type.Range.Start, End};
}

/// Replaces resource objects by their address strings, everywhere.
void lowerRefs(Value &V) {
  if (V.is_object()) {
    auto It = V.find("__address__");
    if (It != V.end()) {
      Value Addr = *It;
      V = Addr;
      return;
    }
    for (auto &E : V.items())
      lowerRefs(E.value());
  } else if (V.is_array()) {
    for (Value &E : V)
      lowerRefs(E);
  }
}

/// The strings of a list value (other elements skipped).
std::vector<std::string> stringsOf(const Value &V) {
  std::vector<std::string> Out;
  if (V.is_array())
    for (const Value &E : V)
      if (E.is_string())
        Out.push_back(E.get<std::string>());
  return Out;
}

/// A number as users write it: `3`, `0.5`.
std::string formatNumber(double N) {
  if (std::floor(N) == N && std::fabs(N) < 9e15)
    return std::to_string(static_cast<long long>(N));
  return Value(N).dump();
}

/// "`a`, `b`" for constraint messages.
std::string tickList(const std::vector<std::string> &Names) {
  std::string Out;
  for (size_t I = 0; I < Names.size(); ++I)
    Out += (I ? (I + 1 == Names.size() ? " and `" : ", `") : "`") + Names[I] + "`";
  return Out;
}

std::string quoteList(const std::vector<std::string> &Values) {
  std::vector<std::string> Quoted;
  for (const std::string &S : Values)
    Quoted.push_back("\"" + S + "\"");
  return joinNames(Quoted, 10);
}

/// Scopes Terraform's sensitive mark to one expression: while it lives, the
/// flag says whether this expression read a secret; when it ends, the mark
/// passes on to the enclosing expression (reading a secret anywhere inside
/// makes the whole value one).
class SensitivityProbe {
public:
  explicit SensitivityProbe(bool &Flag) : Flag(Flag), Outer(Flag) {
    Flag = false;
  }
  ~SensitivityProbe() { Flag = Flag || Outer; }
  SensitivityProbe(const SensitivityProbe &) = delete;
  SensitivityProbe &operator=(const SensitivityProbe &) = delete;
  bool marked() const { return Flag; }

private:
  bool &Flag;
  bool Outer;
};

/// Evaluation that must not mark the expression that triggered it (a
/// resource evaluated on first reference: only what is read from it counts).
class SensitivityShield {
public:
  explicit SensitivityShield(bool &Flag) : Flag(Flag), Outer(Flag) {
    Flag = false;
  }
  ~SensitivityShield() { Flag = Outer; }
  SensitivityShield(const SensitivityShield &) = delete;
  SensitivityShield &operator=(const SensitivityShield &) = delete;

private:
  bool &Flag;
  bool Outer;
};

bool declaresSensitive(const Block &B) {
  for (const ItemPtr &It : B.Body)
    if (auto *A = dyn_cast<Attribute>(It.get());
        A && A->Name.Name == "sensitive")
      return isa<BoolExpr>(*A->Value) && cast<BoolExpr>(*A->Value).Value;
  return false;
}

std::string topLevelName(const std::string &Path) {
  return Path.substr(0, Path.find_first_of(".["));
}

} // namespace

Analyzer::Analyzer(DiagnosticsEngine &Diags, const SemaOptions &Opts)
    : Diags(Diags), Opts(Opts) {}
Analyzer::~Analyzer() = default;

//===----------------------------------------------------------------------===//
// Loading
//===----------------------------------------------------------------------===//

ast::File *Analyzer::parseOwned(unsigned BufferId) {
  OwnedFiles.push_back(std::make_unique<ast::File>(parseBuffer(BufferId, Diags)));
  return OwnedFiles.back().get();
}

void Analyzer::loadStdlib() {
  Stdlib.Prefix = "";
  Stdlib.Dir = "<stdlib>";
  std::vector<std::string> Unused;
  auto Add = [&](std::unique_ptr<llvm::MemoryBuffer> Buf) {
    unsigned Id = Diags.getSourceMgr().AddNewSourceBuffer(std::move(Buf), llvm::SMLoc());
    ast::File *F = parseOwned(Id);
    collectFile(Stdlib, *F, Unused);
  };
  if (!Opts.StdlibDir.empty()) {
    if (!llvm::sys::fs::is_directory(Opts.StdlibDir)) {
      Diags.report(llvm::SMRange(), diag::err_stdlib_dir_missing) << Opts.StdlibDir;
      return;
    }
    std::vector<std::string> Paths;
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator It(Opts.StdlibDir, EC), End;
         It != End && !EC; It.increment(EC))
      if (llvm::sys::path::extension(It->path()) == ".rtc")
        Paths.push_back(It->path());
    std::sort(Paths.begin(), Paths.end());
    for (const std::string &P : Paths)
      if (auto Buf = readSourceFile(P))
        Add(std::move(*Buf));
      else
        llvm::consumeError(Buf.takeError());
    return;
  }
  for (const auto &Src : StdlibSources)
    if (Src.Path)
      Add(llvm::MemoryBuffer::getMemBuffer(Src.Text, std::string("<stdlib>/") + Src.Path));
}

void Analyzer::collectFile(Module &M, ast::File &F, std::vector<std::string> &ImportStack) {
  M.Files.push_back(&F);
  for (const ItemPtr &It : F.Items) {
    auto *Imp = dyn_cast<ImportDecl>(It.get());
    if (!Imp) {
      collectItem(M, F, *It);
      continue;
    }
    auto *PathStr = dyn_cast<StringExpr>(Imp->Path.get());
    if (!PathStr || !PathStr->isLiteral())
      continue;
    llvm::SmallString<256> Path(llvm::sys::path::parent_path(F.Path));
    llvm::sys::path::append(Path, PathStr->literalValue());
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Path, Real)) {
      Diags.report(Imp->Path->Range, diag::err_import_not_found)
          << PathStr->literalValue() << "no such file";
      continue;
    }
    std::string Key = M.Prefix + "|" + Real.str().str();
    if (std::find(ImportStack.begin(), ImportStack.end(), Real.str().str()) != ImportStack.end()) {
      std::string Chain;
      for (const std::string &S : ImportStack)
        Chain += llvm::sys::path::filename(S).str() + " → ";
      Chain += llvm::sys::path::filename(Real).str();
      Diags.report(Imp->Range, diag::err_import_cycle) << Chain;
      continue;
    }
    if (!LoadedPaths.insert(Key).second)
      continue; // imported twice along different paths: once is enough
    auto Buf = readSourceFile(Real);
    if (!Buf) {
      Diags.report(Imp->Path->Range, diag::err_import_not_found)
          << PathStr->literalValue() << llvm::toString(Buf.takeError());
      continue;
    }
    unsigned Id = Diags.getSourceMgr().AddNewSourceBuffer(std::move(*Buf), llvm::SMLoc());
    ast::File *Child = parseOwned(Id);
    Child->Path = Path.str().str();
    ImportStack.push_back(Real.str().str());
    collectFile(M, *Child, ImportStack);
    ImportStack.pop_back();
  }
}

void Analyzer::collectItem(Module &M, ast::File &F, const Item &It) {
  (void)F;
  if (auto *L = dyn_cast<LetDecl>(&It)) {
    auto [Pos, New] = M.Lets.try_emplace(L->Name.Name);
    if (!New) {
      Diags.report(L->Name.Range, diag::err_duplicate_declaration) << "let" << L->Name.Name;
      return;
    }
    Pos->second.D = L;
    return;
  }
  if (auto *A = dyn_cast<Attribute>(&It)) {
    Diags.report(A->Name.Range, diag::err_top_level_attribute) << A->Name.Name;
    return;
  }
  if (auto *R = dyn_cast<RuleStmt>(&It)) {
    Diags.report(R->Range, diag::err_rule_outside_policy)
        << (R->Eff == RuleStmt::Effect::Allow ? "allow" : "deny");
    return;
  }
  auto *B = dyn_cast<Block>(&It);
  if (!B)
    return;
  const std::string &Kind = B->Type.Name;
  if (Kind == "locals" && &M != &Stdlib) {
    Diags.report(B->Type.Range, diag::err_terraform_locals_block);
    return;
  }
  if (Kind == "moved") { // unnamed; checked once every resource is known
    M.Moved.push_back(B);
    return;
  }
  if (B->Labels.empty() && Kind != "provider") {
    Diags.report(headerRange(*B), diag::err_block_needs_name) << Kind;
    return;
  }
  std::string Name(B->name());
  auto Declare = [&](std::map<std::string, const Block *> &Map, llvm::StringRef What) {
    auto [Pos, New] = Map.try_emplace(Name, B);
    if (!New)
      Diags.report(headerRange(*B), diag::err_duplicate_declaration)
              .note(headerRange(*Pos->second), "first declared here")
          << What << Name;
  };
  if (Kind == "schema" || Kind == "builtin_policy") {
    if (&M != &Stdlib)
      Diags.report(B->Type.Range, diag::err_unknown_block_kind)
          << Kind << "schema and builtin_policy blocks belong in the stdlib";
    else if (Kind == "builtin_policy")
      Declare(BuiltinPolicyBlocks, "builtin_policy");
    return;
  }
  if (Kind == "variable")
    return Declare(M.Variables, "variable");
  if (Kind == "output")
    return Declare(M.Outputs, "output");
  if (Kind == "module")
    return Declare(M.ChildDecls, "module");
  if (Kind == "provider") {
    M.Providers.push_back(B);
    return;
  }
  if (Kind == "backend") {
    M.Backends.push_back(B);
    return;
  }
  auto &ByName = M.Resources[Kind];
  auto [Pos, New] = ByName.try_emplace(Name);
  if (!New) {
    Diags.report(headerRange(*B), diag::err_duplicate_declaration)
            .note(headerRange(*Pos->second->B), "first declared here")
        << Kind << Name;
    return;
  }
  auto R = std::make_unique<ResourceDecl>();
  R->B = B;
  R->Mod = &M;
  R->Kind = Kind;
  R->Name = Name;
  R->Address = M.Prefix + Kind + "." + Name;
  M.InOrder.push_back(R.get());
  Pos->second = std::move(R);
}

//===----------------------------------------------------------------------===//
// Schemas (stdlib `schema KIND { … }` blocks)
//===----------------------------------------------------------------------===//

std::optional<Type> Analyzer::parseType(const Expr &E) {
  Type T;
  if (auto *N = dyn_cast<NameExpr>(&E)) {
    static const std::pair<const char *, Type::Kind> Simple[] = {
        {"string", Type::Kind::String}, {"number", Type::Kind::Number},
        {"bool", Type::Kind::Bool},     {"any", Type::Kind::Any}};
    for (const auto &[Name, K] : Simple)
      if (N->Name == Name) {
        T.K = K;
        return T;
      }
  }
  auto *C = dyn_cast<CallExpr>(&E);
  if (!C) {
    Diags.report(E.Range, diag::err_bad_type_expr) << "this expression";
    return std::nullopt;
  }
  const std::string &F = C->Callee.Name;
  if ((F == "list" || F == "map") && C->Args.size() == 1) {
    auto Elem = parseType(*C->Args[0]);
    if (!Elem)
      return std::nullopt;
    T.K = F == "list" ? Type::Kind::List : Type::Kind::Map;
    T.Elem = std::make_shared<Type>(*Elem);
    return T;
  }
  if (F == "ref" && C->Args.size() == 1 && isa<NameExpr>(*C->Args[0])) {
    T.K = Type::Kind::Ref;
    T.RefKind = cast<NameExpr>(*C->Args[0]).Name;
    return T;
  }
  if (F == "enum") {
    T.K = Type::Kind::Enum;
    for (const ExprPtr &A : C->Args) {
      auto *S = dyn_cast<StringExpr>(A.get());
      if (!S || !S->isLiteral()) {
        Diags.report(A->Range, diag::err_bad_type_expr) << "enum values must be strings";
        return std::nullopt;
      }
      T.EnumValues.push_back(S->literalValue());
    }
    return T;
  }
  if (F == "object" && C->Args.size() == 1 && isa<MapExpr>(*C->Args[0])) {
    T.K = Type::Kind::Object;
    for (const MapEntry &M : cast<MapExpr>(*C->Args[0]).Entries) {
      auto FT = parseType(*M.Value);
      if (!FT)
        return std::nullopt;
      std::string Key = M.KeyString ? cast<StringExpr>(*M.KeyString).literalValue()
                                    : M.KeyIdent.Name;
      T.Fields[Key] = *FT;
    }
    return T;
  }
  Diags.report(E.Range, diag::err_bad_type_expr) << "`" + F + "(…)`";
  return std::nullopt;
}

void Analyzer::loadSchemaBlock(BlockSchema &Out, const Block &B, EvalContext &Ctx) {
  Out.Name = std::string(B.name());
  Out.Range = headerRange(B);
  for (const ItemPtr &It : B.Body) {
    if (auto *A = dyn_cast<Attribute>(It.get())) {
      auto V = eval(*A->Value, Ctx);
      if (!V)
        continue;
      const std::string &N = A->Name.Name;
      if (N == "doc" && V->is_string())
        Out.Doc = *V;
      else if (N == "provider" && V->is_string())
        static_cast<KindSchema &>(Out).Provider = *V;
      else if (N == "min" && V->is_number())
        Out.Min = V->get<unsigned>();
      else if (N == "max" && V->is_number())
        Out.Max = V->get<unsigned>();
      else if (N == "statements" && V->is_boolean())
        Out.AllowsStatements = *V;
      else if (N == "local" && V->is_boolean())
        Out.Local = *V;
      else if (N == "exactly_one_of" && V->is_array())
        Out.ExactlyOneOf = stringsOf(*V);
      else if ((N == "required_with" || N == "conflicts_with") && V->is_object())
        for (auto &KV : V->items())
          (N == "required_with" ? Out.RequiredWith : Out.ConflictsWith)[KV.key()] =
              stringsOf(KV.value());
      continue;
    }
    auto *Sub = dyn_cast<Block>(It.get());
    if (!Sub || Sub->Labels.empty())
      continue;
    if (Sub->Type.Name == "block") {
      BlockSchema Nested;
      loadSchemaBlock(Nested, *Sub, Ctx);
      Out.Blocks[Nested.Name] = std::move(Nested);
      continue;
    }
    if (Sub->Type.Name != "attribute")
      continue;
    AttrSchema A;
    A.Name = std::string(Sub->name());
    A.Range = headerRange(*Sub);
    for (const ItemPtr &F : Sub->Body) {
      auto *Field = dyn_cast<Attribute>(F.get());
      if (!Field)
        continue;
      const std::string &N = Field->Name.Name;
      if (N == "type") {
        if (auto T = parseType(*Field->Value))
          A.Ty = *T;
        continue;
      }
      if (N == "default") {
        auto *Name = dyn_cast<NameExpr>(Field->Value.get());
        if (Name && Name->Name == "label")
          A.DefaultIsLabel = true;
        else
          A.Default = Field->Value.get();
        continue;
      }
      auto V = eval(*Field->Value, Ctx);
      if (!V)
        continue;
      if (N == "required" && V->is_boolean())
        A.Required = *V;
      else if (N == "force_new" && V->is_boolean())
        A.ForceNew = *V;
      else if (N == "computed" && V->is_boolean())
        A.Computed = *V;
      else if (N == "settable" && V->is_boolean())
        A.Settable = *V;
      else if (N == "sensitive" && V->is_boolean())
        A.Sensitive = *V;
      else if (N == "doc" && V->is_string())
        A.Doc = *V;
      else if (N == "enum" && V->is_array()) {
        for (const Value &E : *V)
          if (E.is_string())
            A.Enum.push_back(E);
      } else if (N == "min" && V->is_number())
        A.MinValue = V->get<double>();
      else if (N == "max" && V->is_number())
        A.MaxValue = V->get<double>();
      else if (N == "min_items" && V->is_number_integer() && V->get<long long>() >= 0)
        A.MinItems = V->get<size_t>();
      else if (N == "max_items" && V->is_number_integer() && V->get<long long>() >= 0)
        A.MaxItems = V->get<size_t>();
      else if (N == "pattern" && V->is_string()) {
        auto Re = std::make_shared<ir::FullMatcher>(V->get<std::string>());
        std::string Error;
        if (!Re->isValid(Error)) {
          Diags.report(Field->Value->Range, diag::err_bad_schema_pattern) << A.Name << Error;
          continue;
        }
        A.Pattern = std::move(Re);
        A.PatternText = V->get<std::string>();
      }
    }
    Out.Attrs[A.Name] = std::move(A);
  }
}

void Analyzer::loadSchemas() {
  EvalContext Ctx;
  Ctx.Mod = &Stdlib;
  for (ast::File *F : Stdlib.Files)
    for (const ItemPtr &It : F->Items) {
      auto *B = dyn_cast<Block>(It.get());
      if (!B || B->Type.Name != "schema" || B->Labels.empty())
        continue;
      KindSchema K;
      loadSchemaBlock(K, *B, Ctx);
      K.Max = 0;
      Schemas.Kinds[K.Name] = std::move(K);
    }
  // Resource blocks collected before the schemas were known.
  std::vector<std::string> Known = Schemas.kindNames();
  for (const char *L : LanguageBlockKinds)
    Known.push_back(L);
  std::sort(Known.begin(), Known.end());
  std::function<void(Module &)> Resolve = [&](Module &M) {
    for (auto KindIt = M.Resources.begin(); KindIt != M.Resources.end();) {
      const KindSchema *S = Schemas.find(KindIt->first);
      if (!S) {
        for (auto &[Name, R] : KindIt->second) {
          if (reportTerraformResource(*R->B, Known))
            continue;
          if (auto Best = closestMatch(KindIt->first, Known))
            Diags.report(R->B->Type.Range, diag::err_unknown_block_kind_suggest)
                    .fixit(R->B->Type.Range, *Best)
                << KindIt->first << *Best;
          else
            Diags.report(R->B->Type.Range, diag::err_unknown_block_kind)
                << KindIt->first << joinNames(Known, 20);
        }
        M.InOrder.erase(std::remove_if(M.InOrder.begin(), M.InOrder.end(),
                                       [&](ResourceDecl *R) { return R->Kind == KindIt->first; }),
                        M.InOrder.end());
        KindIt = M.Resources.erase(KindIt);
        continue;
      }
      for (auto &[Name, R] : KindIt->second)
        R->Schema = S;
      ++KindIt;
    }
    for (auto &[Name, Child] : M.Children)
      Resolve(*Child);
  };
  Resolve(*Root);
}

//===----------------------------------------------------------------------===//
// Modules and variables
//===----------------------------------------------------------------------===//

void Analyzer::loadChildModules(Module &M, unsigned Depth) {
  for (auto &[Name, Decl] : M.ChildDecls) {
    const Attribute *Source = nullptr;
    for (const ItemPtr &It : Decl->Body)
      if (auto *A = dyn_cast<Attribute>(It.get()); A && A->Name.Name == "source")
        Source = A;
    auto *Str = Source ? dyn_cast<StringExpr>(Source->Value.get()) : nullptr;
    if (!Str || !Str->isLiteral()) {
      Diags.report(headerRange(*Decl), diag::err_module_source) << Name;
      continue;
    }
    if (Depth > 16) {
      Diags.report(headerRange(*Decl), diag::err_module_cycle) << Name;
      continue;
    }
    llvm::SmallString<256> Dir(M.Dir);
    llvm::sys::path::append(Dir, Str->literalValue());
    std::vector<std::string> Paths;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
      if (llvm::sys::path::extension(It->path()) == ".rtc")
        Paths.push_back(It->path());
    std::sort(Paths.begin(), Paths.end());
    if (Paths.empty()) {
      Diags.report(Source->Value->Range, diag::err_module_no_files) << Name << Dir.str();
      continue;
    }
    auto Child = std::make_unique<Module>();
    Child->Prefix = M.Prefix + "module." + Name + ".";
    Child->Dir = Dir.str().str();
    Child->Parent = &M;
    Child->Decl = Decl;
    for (const std::string &P : Paths) {
      auto Buf = readSourceFile(P);
      if (!Buf) {
        llvm::consumeError(Buf.takeError());
        continue;
      }
      unsigned Id = Diags.getSourceMgr().AddNewSourceBuffer(std::move(*Buf), llvm::SMLoc());
      std::vector<std::string> Stack{P};
      collectFile(*Child, *parseOwned(Id), Stack);
    }
    loadChildModules(*Child, Depth + 1);
    M.Children[Name] = std::move(Child);
  }
}

namespace {
struct VarSpec {
  std::optional<Type> Ty;
  const Expr *Default = nullptr;
  bool Sensitive = false;
};
} // namespace

void Analyzer::bindVariables(Module &M) {
  // Values for a child module's variables come from its module block.
  std::map<std::string, const Attribute *> Inputs;
  if (M.Decl)
    for (const ItemPtr &It : M.Decl->Body)
      if (auto *A = dyn_cast<Attribute>(It.get()); A && A->Name.Name != "source") {
        Inputs[A->Name.Name] = A;
        if (!M.Variables.count(A->Name.Name)) {
          std::vector<std::string> Names;
          for (auto &[N, B] : M.Variables)
            Names.push_back(N);
          Diags.report(A->Name.Range, diag::err_module_unknown_input)
              << std::string(M.Decl->name()) << A->Name.Name << joinNames(Names);
        }
      }

  // Command-line values (root only), lowest precedence first.
  std::map<std::string, std::pair<Value, llvm::SMRange>> External;
  if (!M.Parent) {
    for (const std::string &Bad : Opts.MalformedVarArgs)
      Diags.report(llvm::SMRange(), diag::err_var_malformed) << Bad;
    auto ParseValue = [&](const std::string &Name, const std::string &Text,
                          const std::string &Origin) -> Value {
      if (findInvalidUtf8(Text)) {
        Diags.report(llvm::SMRange(), diag::err_var_not_utf8) << Name << Origin;
        return Value("");
      }
      std::string Src = "__value = " + Text + "\n";
      unsigned Id = Diags.getSourceMgr().AddNewSourceBuffer(
          llvm::MemoryBuffer::getMemBufferCopy(Src, Origin), llvm::SMLoc());
      DiagnosticsEngine Quiet(Diags.getSourceMgr());
      ast::File F = parseBuffer(Id, Quiet);
      // Literals (numbers, bools, quoted strings, lists, maps) are values;
      // anything else, such as a bare word, is taken as a string.
      std::function<bool(const Expr &)> IsLiteral = [&](const Expr &E) {
        if (auto *L = dyn_cast<ListExpr>(&E))
          return std::all_of(L->Elements.begin(), L->Elements.end(),
                             [&](const ExprPtr &X) { return IsLiteral(*X); });
        if (auto *M = dyn_cast<MapExpr>(&E))
          return std::all_of(M->Entries.begin(), M->Entries.end(),
                             [&](const MapEntry &X) { return IsLiteral(*X.Value); });
        if (auto *S = dyn_cast<StringExpr>(&E))
          return S->isLiteral();
        return isa<NumberExpr>(E) || isa<BoolExpr>(E) || isa<NullExpr>(E);
      };
      if (!Quiet.hasErrors() && F.Items.size() == 1)
        if (auto *A = dyn_cast<Attribute>(F.Items[0].get()); A && IsLiteral(*A->Value)) {
          EvalContext Ctx;
          Ctx.Mod = &Stdlib;
          if (auto V = eval(*A->Value, Ctx))
            return *V;
        }
      (void)Name;
      return Value(Text);
    };
    for (const std::string &File : Opts.VarFiles) {
      auto Buf = readSourceFile(File);
      if (!Buf) {
        Diags.report(llvm::SMRange(), diag::err_var_file) << File << llvm::toString(Buf.takeError());
        continue;
      }
      unsigned Id = Diags.getSourceMgr().AddNewSourceBuffer(std::move(*Buf), llvm::SMLoc());
      ast::File *F = parseOwned(Id);
      EvalContext Ctx;
      Ctx.Mod = &Stdlib;
      for (const ItemPtr &It : F->Items)
        if (auto *A = dyn_cast<Attribute>(It.get())) {
          if (auto V = eval(*A->Value, Ctx))
            External[A->Name.Name] = {*V, A->Value->Range};
        } else {
          Diags.report(It->Range, diag::err_var_file) << File << "only `name = value` lines are allowed";
        }
    }
    if (Opts.UseEnvironment)
      for (auto &[Name, B] : M.Variables)
        if (const char *Env = std::getenv(("RTC_VAR_" + Name).c_str()))
          External[Name] = {ParseValue(Name, Env, "<RTC_VAR_" + Name + ">"), llvm::SMRange()};
    for (const auto &[Name, Text] : Opts.VarArgs) {
      if (!M.Variables.count(Name)) {
        std::vector<std::string> Names;
        for (auto &[N, B] : M.Variables)
          Names.push_back(N);
        Diags.report(llvm::SMRange(), diag::err_var_arg_unknown) << Name << joinNames(Names);
        continue;
      }
      External[Name] = {ParseValue(Name, Text, "<-var " + Name + ">"), llvm::SMRange()};
    }
    for (const auto &[Name, V] : Opts.VarValues)
      if (M.Variables.count(Name))
        External[Name] = {V, llvm::SMRange()};
  }

  for (auto &[Name, B] : M.Variables) {
    VarSpec Spec;
    for (const ItemPtr &It : B->Body)
      if (auto *A = dyn_cast<Attribute>(It.get())) {
        if (A->Name.Name == "type")
          Spec.Ty = parseType(*A->Value);
        else if (A->Name.Name == "default")
          Spec.Default = A->Value.get();
        else if (A->Name.Name == "sensitive")
          Spec.Sensitive = isa<BoolExpr>(*A->Value) && cast<BoolExpr>(*A->Value).Value;
      }
    std::optional<Value> V;
    llvm::SMRange Where = headerRange(*B);
    if (Spec.Sensitive)
      M.SensitiveVars.insert(Name);
    if (auto In = Inputs.find(Name); In != Inputs.end()) {
      EvalContext Ctx;
      Ctx.Mod = M.Parent;
      Ctx.BaseDir = M.Parent->Dir;
      SensitivityProbe Probe(SensitiveRead);
      V = eval(*In->second->Value, Ctx);
      if (Probe.marked())
        M.SensitiveVars.insert(Name);
      Where = In->second->Value->Range;
    } else if (auto Ext = External.find(Name); Ext != External.end()) {
      V = Ext->second.first;
    } else if (Spec.Default) {
      EvalContext Ctx;
      Ctx.Mod = &M;
      M.DefaultOf = Name;
      V = eval(*Spec.Default, Ctx);
      M.DefaultOf.clear();
      Where = Spec.Default->Range;
    } else {
      Diags.report(headerRange(*B), diag::err_variable_no_value) << Name;
      continue;
    }
    if (!V)
      continue;
    if (Spec.Ty && !checkType(*V, *Spec.Ty, "var." + Name, Where))
      continue;
    M.VarValues[Name] = *V;
    if (!M.Parent) {
      ir::Variable IV;
      IV.Name = Name;
      IV.Val = *V;
      IV.Sensitive = Spec.Sensitive;
      IV.Range = headerRange(*B);
      Program.Variables.push_back(std::move(IV));
    }
  }
  for (auto &[Name, Child] : M.Children)
    bindVariables(*Child);
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

std::optional<Value> Analyzer::eval(const Expr &E, EvalContext &Ctx) {
  // The parser bounds the depth of one expression; references (`let`
  // chains, outputs, resources) can still nest evaluation without end.
  if (EvalDepth >= MaxEvalDepth) {
    if (!DepthReported)
      Diags.report(E.Range, diag::err_eval_too_deep) << MaxEvalDepth;
    DepthReported = true;
    return std::nullopt;
  }
  if (++EvalSteps > MaxEvalSteps) {
    if (!StepsReported)
      Diags.report(E.Range, diag::err_eval_too_long) << std::to_string(MaxEvalSteps);
    StepsReported = true;
    return std::nullopt;
  }
  ++EvalDepth;
  std::optional<Value> V = evalExpr(E, Ctx);
  --EvalDepth;
  // Only expressions that build a value can grow one; references return
  // values already checked.
  Expr::Kind K = E.getKind();
  bool Builds = K == Expr::Kind::String || K == Expr::Kind::List ||
                K == Expr::Kind::Map || K == Expr::Kind::Binary ||
                K == Expr::Kind::Call;
  if (V && Builds && (V->is_string() || V->is_structured())) {
    size_t Cost = valueCost(*V);
    if (Cost > MaxValueCost || (V->is_string() && V->get_ref<const std::string &>().size() > MaxStringBytes)) {
      Diags.report(E.Range, diag::err_value_too_large)
          << (V->is_string() ? "a string of more than " + std::to_string(MaxStringBytes >> 20) + " MiB"
                             : describeValue(*V) + " of more than " + std::to_string(MaxValueCost >> 20) + " MiB")
          << (V->is_string() ? std::to_string(MaxStringBytes >> 20) + " MiB per string"
                             : std::to_string(MaxValueCost >> 20) + " MiB per value");
      return std::nullopt;
    }
  }
  return V;
}

bool Analyzer::reportTerraformResource(const ast::Block &B,
                                       const std::vector<std::string> &Kinds) {
  if (B.Type.Name != "resource" || B.Labels.size() != 2 ||
      !std::binary_search(Kinds.begin(), Kinds.end(), B.Labels[0].Value))
    return false;
  const std::string &Kind = B.Labels[0].Value, &Name = B.Labels[1].Value;
  llvm::SMRange Header(B.Type.Range.Start, B.Labels[1].Range.End);
  Diags.report(Header, diag::err_terraform_resource_block)
          .fixit(Header, Kind + " " + Name)
      << Kind << Name;
  return true;
}

std::optional<Value> Analyzer::finiteNumber(double N, llvm::SMRange R) {
  if (!std::isfinite(N)) {
    Diags.report(R, diag::err_number_not_finite) << (std::isnan(N) ? "not a number" : "infinite");
    return std::nullopt;
  }
  if (std::floor(N) == N && std::fabs(N) < 9e15)
    return Value(static_cast<long long>(N));
  return Value(N);
}

std::optional<Value> Analyzer::evalExpr(const Expr &E, EvalContext &Ctx) {
  switch (E.getKind()) {
  case Expr::Kind::Number:
    return finiteNumber(cast<NumberExpr>(E).Value, E.Range);
  case Expr::Kind::Bool:
    return Value(cast<BoolExpr>(E).Value);
  case Expr::Kind::Null:
    return Value();
  case Expr::Kind::String:
    return evalString(cast<StringExpr>(E), Ctx);
  case Expr::Kind::List: {
    Value Out = Value::array();
    bool Ok = true;
    for (const ExprPtr &El : cast<ListExpr>(E).Elements) {
      auto V = eval(*El, Ctx);
      if (!V)
        Ok = false;
      else
        Out.push_back(std::move(*V));
    }
    return Ok ? std::optional<Value>(std::move(Out)) : std::nullopt;
  }
  case Expr::Kind::Map: {
    Value Out = Value::object();
    bool Ok = true;
    for (const MapEntry &M : cast<MapExpr>(E).Entries) {
      std::string Key = M.KeyIdent.Name;
      if (M.KeyString) {
        auto K = eval(*M.KeyString, Ctx);
        if (!K || !K->is_string()) {
          Ok = false;
          continue;
        }
        Key = *K;
      }
      if (Out.contains(Key)) {
        Diags.report(M.Range, diag::err_duplicate_map_key) << Key;
        Ok = false;
        continue;
      }
      auto V = eval(*M.Value, Ctx);
      if (!V)
        Ok = false;
      else
        Out[Key] = std::move(*V);
    }
    return Ok ? std::optional<Value>(std::move(Out)) : std::nullopt;
  }
  case Expr::Kind::Name:
    return evalName(cast<NameExpr>(E), Ctx);
  case Expr::Kind::GetAttr:
  case Expr::Kind::Index:
    return evalTraversal(E, Ctx);
  case Expr::Kind::Call:
    return evalCall(cast<CallExpr>(E), Ctx);
  case Expr::Kind::Unary: {
    auto &U = cast<UnaryExpr>(E);
    auto V = eval(*U.Operand, Ctx);
    if (!V)
      return std::nullopt;
    if (ir::isUnknown(*V))
      return V;
    if (U.Op == "!" && V->is_boolean())
      return Value(!V->get<bool>());
    if (U.Op == "-" && V->is_number_integer() &&
        V->get<long long>() != std::numeric_limits<long long>::min())
      return Value(-V->get<long long>());
    if (U.Op == "-" && V->is_number())
      return Value(-V->get<double>());
    Diags.report(E.Range, diag::err_bad_operand) << U.Op << describeValue(*V);
    return std::nullopt;
  }
  case Expr::Kind::Binary:
    return evalBinary(cast<BinaryExpr>(E), Ctx);
  case Expr::Kind::Cond: {
    auto &C = cast<CondExpr>(E);
    auto Cond = eval(*C.Cond, Ctx);
    if (!Cond)
      return std::nullopt;
    if (ir::isUnknown(*Cond))
      return ir::unknownValue("a conditional");
    if (!Cond->is_boolean()) {
      Diags.report(C.Cond->Range, diag::err_condition_not_bool) << describeValue(*Cond);
      return std::nullopt;
    }
    return eval(Cond->get<bool>() ? *C.Then : *C.Else, Ctx);
  }
  case Expr::Kind::Paren:
    return eval(*cast<ParenExpr>(E).Inner, Ctx);
  case Expr::Kind::Error:
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Value> Analyzer::evalString(const StringExpr &S, EvalContext &Ctx) {
  // Every part is evaluated, so each mistake in a string is reported.
  std::string Out;
  bool Failed = false, Unknown = false;
  for (const StringPart &P : S.Parts) {
    if (!P.Interp) {
      Out += P.Text;
      continue;
    }
    auto V = eval(*P.Interp, Ctx);
    if (!V) {
      Failed = true;
      continue;
    }
    if (ir::isUnknown(*V)) {
      Unknown = true;
      continue;
    }
    auto Str = toTemplateString(*V);
    if (!Str) {
      Diags.report(P.Interp->Range, diag::err_interpolate_value) << describeValue(*V);
      Failed = true;
      continue;
    }
    Out += *Str;
  }
  if (Failed)
    return std::nullopt;
  if (Unknown)
    return ir::unknownValue("an interpolated string");
  return Value(std::move(Out));
}

std::optional<Value> Analyzer::evalBinary(const BinaryExpr &B, EvalContext &Ctx) {
  auto L = eval(*B.LHS, Ctx);
  // && and || need the right side only when the left does not decide.
  if (L && L->is_boolean() && ((B.Op == "&&" && !L->get<bool>()) ||
                               (B.Op == "||" && L->get<bool>())))
    return L;
  auto R = eval(*B.RHS, Ctx);
  if (!L || !R)
    return std::nullopt;
  if (ir::isUnknown(*L) || ir::isUnknown(*R))
    return ir::unknownValue("an expression");
  const std::string &Op = B.Op;
  if (Op == "==")
    return Value(*L == *R);
  if (Op == "!=")
    return Value(*L != *R);
  if (Op == "&&" || Op == "||") {
    if (L->is_boolean() && R->is_boolean())
      return Value(Op == "&&" ? (L->get<bool>() && R->get<bool>())
                              : (L->get<bool>() || R->get<bool>()));
  } else if (Op == "+" && L->is_string() && R->is_string()) {
    return Value(L->get<std::string>() + R->get<std::string>());
  } else if (L->is_number() && R->is_number()) {
    bool Ints = L->is_number_integer() && R->is_number_integer();
    double X = L->get<double>(), Y = R->get<double>();
    if (Op == "<") return Value(X < Y);
    if (Op == "<=") return Value(X <= Y);
    if (Op == ">") return Value(X > Y);
    if (Op == ">=") return Value(X >= Y);
    if ((Op == "/" || Op == "%") && Y == 0) {
      Diags.report(B.Range, diag::err_division_by_zero);
      return std::nullopt;
    }
    if (Ints) {
      // Overflow falls through to doubles, which finiteNumber checks.
      long long A = L->get<long long>(), C = R->get<long long>(), Res = 0;
      if (Op == "+" && !__builtin_add_overflow(A, C, &Res)) return Value(Res);
      if (Op == "-" && !__builtin_sub_overflow(A, C, &Res)) return Value(Res);
      if (Op == "*" && !__builtin_mul_overflow(A, C, &Res)) return Value(Res);
      if (C != -1 || A != std::numeric_limits<long long>::min()) {
        if (Op == "%") return Value(A % C);
        if (Op == "/" && A % C == 0) return Value(A / C);
      }
    }
    if (Op == "+") return finiteNumber(X + Y, B.Range);
    if (Op == "-") return finiteNumber(X - Y, B.Range);
    if (Op == "*") return finiteNumber(X * Y, B.Range);
    if (Op == "/") return finiteNumber(X / Y, B.Range);
    if (Op == "%") return finiteNumber(std::fmod(X, Y), B.Range);
  }
  Diags.report(B.OpRange.Start.isValid() ? B.OpRange : B.Range, diag::err_bad_operand)
      << Op << describeValue(*L) + " and " + describeValue(*R);
  return std::nullopt;
}

std::optional<Value> Analyzer::evalCall(const CallExpr &C, EvalContext &Ctx) {
  if (!isKnownFunction(C.Callee.Name)) {
    std::vector<std::string> Names = functionNames();
    if (auto Best = closestMatch(C.Callee.Name, Names))
      Diags.report(C.Callee.Range, diag::err_unknown_function_suggest)
              .fixit(C.Callee.Range, *Best)
          << C.Callee.Name << *Best;
    else
      Diags.report(C.Callee.Range, diag::err_unknown_function)
          << C.Callee.Name << joinNames(Names, 30);
    return std::nullopt;
  }
  CallSite Site;
  Site.Name = C.Callee.Name;
  Site.Range = C.Range;
  Site.BaseDir = Ctx.BaseDir.empty() && Ctx.Mod ? Ctx.Mod->Dir : Ctx.BaseDir;
  std::vector<Value> Args;
  bool Failed = false;
  for (const ExprPtr &A : C.Args) {
    auto V = eval(*A, Ctx);
    Failed |= !V;
    Args.push_back(V ? std::move(*V) : Value());
    Site.ArgRanges.push_back(A->Range);
  }
  if (Failed)
    return std::nullopt;
  for (const Value &A : Args)
    markResourceSecrets(A);
  return callFunction(Site, Args, Diags);
}

std::optional<Value> Analyzer::evalName(const NameExpr &N, EvalContext &Ctx) {
  const std::string &Name = N.Name;
  if (Name == "label" && Ctx.Block)
    return Value(std::string(Ctx.Block->name()));
  Module *M = Ctx.Mod;
  for (Module *Scope : {M, &Stdlib}) {
    if (!Scope)
      continue;
    auto It = Scope->Lets.find(Name);
    if (It != Scope->Lets.end())
      return letValue(*Scope, It->second, N.Range);
  }
  std::vector<std::string> Candidates;
  if (M)
    for (auto &[L, D] : M->Lets)
      Candidates.push_back(L);
  for (auto &[L, D] : Stdlib.Lets)
    Candidates.push_back(L);
  if (auto Best = closestMatch(Name, Candidates)) {
    Diags.report(N.Range, diag::err_unknown_name_suggest).fixit(N.Range, *Best) << Name << *Best;
    return std::nullopt;
  }
  std::string Help = "declare it with `let " + Name + " = …`";
  if (Name == "var" || Name == "each" || Name == "module" || Name == "builtin" ||
      Schemas.find(Name))
    Help = "`" + Name + "` must be followed by `.NAME`";
  Diags.report(N.Range, diag::err_unknown_name) << Name << Help;
  return std::nullopt;
}

std::optional<Value> Analyzer::letValue(Module &M, LetDeclState &L, llvm::SMRange RefRange) {
  if (L.S == LetDeclState::State::Done) {
    SensitiveRead = SensitiveRead || L.Sensitive;
    return L.V;
  }
  std::string Name = M.Prefix + "let." + L.D->Name.Name;
  if (L.S == LetDeclState::State::Busy) {
    reportCycle(Name, RefRange);
    return std::nullopt;
  }
  L.S = LetDeclState::State::Busy;
  EvalStack.push_back({Name, RefRange});
  EvalContext Ctx;
  Ctx.Mod = &M;
  std::set<std::string> Deps;
  Ctx.Deps = &Deps;
  {
    SensitivityProbe Probe(SensitiveRead);
    L.V = eval(*L.D->Value, Ctx);
    L.Sensitive = Probe.marked();
  }
  EvalStack.pop_back();
  L.S = LetDeclState::State::Done;
  return L.V;
}

void Analyzer::reportCycle(const std::string &To, llvm::SMRange RefRange) {
  auto Start = std::find_if(EvalStack.begin(), EvalStack.end(),
                            [&](const auto &P) { return P.first == To; });
  std::string Chain;
  for (auto It = Start; It != EvalStack.end(); ++It)
    Chain += It->first + " → ";
  Chain += To;
  auto Builder = Diags.report(RefRange, diag::err_reference_cycle);
  for (auto It = Start; It + 1 < EvalStack.end(); ++It)
    Builder.note((It + 1)->second, It->first + " refers to " + (It + 1)->first + " here");
  Builder << Chain;
}

std::optional<Value> Analyzer::member(const Value &Base, const std::string &BaseName,
                                      const Ident &Attr) {
  if (ir::isUnknown(Base))
    return Base;
  if (!Base.is_object()) {
    Diags.report(Attr.Range, diag::err_unknown_attribute_ref)
        << BaseName << Attr.Name << describeValue(Base) + " has no attributes";
    return std::nullopt;
  }
  auto It = Base.find(Attr.Name);
  if (It != Base.end())
    return *It;
  std::vector<std::string> Names;
  for (auto &E : Base.items())
    if (E.key() != "__address__")
      Names.push_back(E.key());
  if (auto Best = closestMatch(Attr.Name, Names))
    Diags.report(Attr.Range, diag::err_unknown_attribute_ref_suggest).fixit(Attr.Range, *Best)
        << BaseName << Attr.Name << *Best;
  else
    Diags.report(Attr.Range, diag::err_unknown_attribute_ref)
        << BaseName << Attr.Name << joinNames(Names);
  return std::nullopt;
}

std::optional<Value> Analyzer::evalTraversal(const Expr &E, EvalContext &Ctx) {
  if (auto *I = dyn_cast<IndexExpr>(&E)) {
    auto Base = eval(*I->Base, Ctx);
    auto Index = eval(*I->Index, Ctx);
    if (!Base || !Index)
      return std::nullopt;
    if (ir::isUnknown(*Base) || ir::isUnknown(*Index))
      return ir::unknownValue("an index");
    if (Base->is_array() && Index->is_number_integer()) {
      long long N = *Index;
      if (N < 0 || N >= static_cast<long long>(Base->size())) {
        Diags.report(I->Index->Range, diag::err_index_out_of_range)
            << std::to_string(N) << std::to_string(Base->size());
        return std::nullopt;
      }
      return (*Base)[static_cast<size_t>(N)];
    }
    if (Base->is_object() && Index->is_string()) {
      markAttributeRead(*Base, Index->get<std::string>());
      auto It = Base->find(Index->get<std::string>());
      if (It != Base->end())
        return *It;
      std::vector<std::string> Keys;
      for (auto &KV : Base->items())
        Keys.push_back(KV.key());
      Diags.report(I->Index->Range, diag::err_no_such_key)
          << Index->get<std::string>() << joinNames(Keys);
      return std::nullopt;
    }
    Diags.report(I->Range, diag::err_cannot_index)
        << describeValue(*Base) + " with " + describeValue(*Index);
    return std::nullopt;
  }

  auto &G = cast<GetAttrExpr>(E);
  auto *Root = dyn_cast<NameExpr>(G.Base.get());
  Module *M = Ctx.Mod;
  if (Root && M) {
    const std::string &R = Root->Name;
    if (R == "var") {
      // A default is evaluated before the variables have their values (as
      // in Terraform): reading one would depend on the order of binding,
      // and reading itself would be a cycle.
      if (!M->DefaultOf.empty() && M->Variables.count(G.Attr.Name)) {
        Diags.report(G.Range, diag::err_variable_default_uses_var)
            << M->DefaultOf
            << (G.Attr.Name == M->DefaultOf ? std::string("itself")
                                            : "`var." + G.Attr.Name + "`");
        return std::nullopt;
      }
      auto It = M->VarValues.find(G.Attr.Name);
      if (It != M->VarValues.end()) {
        M->UsedVariables.insert(G.Attr.Name);
        if (M->SensitiveVars.count(G.Attr.Name))
          SensitiveRead = true;
        return It->second;
      }
      if (M->Variables.count(G.Attr.Name))
        return std::nullopt; // declared but without a value: already reported
      std::vector<std::string> Names;
      for (auto &[N, B] : M->Variables)
        Names.push_back(N);
      if (auto Best = closestMatch(G.Attr.Name, Names))
        Diags.report(G.Attr.Range, diag::err_unknown_variable_suggest)
                .fixit(G.Attr.Range, *Best)
            << G.Attr.Name << *Best;
      else
        Diags.report(G.Attr.Range, diag::err_unknown_variable) << G.Attr.Name;
      return std::nullopt;
    }
    if (R == "each") {
      if (!Ctx.Each) {
        Diags.report(G.Range, diag::err_each_outside_for_each);
        return std::nullopt;
      }
      return member(*Ctx.Each, "each", G.Attr);
    }
    if (R == "module")
      return moduleOutputs(*M, G.Attr, G.Range);
    if (R == "builtin") {
      auto It = BuiltinRefs.find(G.Attr.Name);
      if (It != BuiltinRefs.end())
        return It->second;
      std::vector<std::string> Names;
      for (auto &[N, V] : BuiltinRefs)
        Names.push_back(N);
      if (auto Best = closestMatch(G.Attr.Name, Names))
        Diags.report(G.Attr.Range, diag::err_unknown_resource_suggest)
            << "builtin policy" << G.Attr.Name << *Best;
      else
        Diags.report(G.Attr.Range, diag::err_unknown_resource)
            << "builtin policy" << G.Attr.Name << joinNames(Names);
      return std::nullopt;
    }
    if (Schemas.find(R) && !M->Lets.count(R))
      return resourceRef(*M, R, G.Attr, G.Range, Ctx);
  }
  if (M)
    if (auto V = moduleOutput(*M, G))
      return V;
  auto Base = eval(*G.Base, Ctx);
  if (!Base)
    return std::nullopt;
  markAttributeRead(*Base, G.Attr.Name);
  std::string BaseName = Base->is_object() && Base->contains("__address__")
                             ? Base->at("__address__").get<std::string>()
                             : "the value";
  return member(*Base, BaseName, G.Attr);
}

std::optional<Value> Analyzer::resourceRef(Module &M, const std::string &Kind,
                                           const Ident &Name, llvm::SMRange RefRange,
                                           EvalContext &Ctx) {
  auto KindIt = M.Resources.find(Kind);
  ResourceDecl *R = nullptr;
  if (KindIt != M.Resources.end()) {
    auto It = KindIt->second.find(Name.Name);
    if (It != KindIt->second.end())
      R = It->second.get();
  }
  if (!R) {
    std::vector<std::string> Names;
    if (KindIt != M.Resources.end())
      for (auto &[N, D] : KindIt->second)
        Names.push_back(N);
    if (auto Best = closestMatch(Name.Name, Names))
      Diags.report(Name.Range, diag::err_unknown_resource_suggest).fixit(Name.Range, *Best)
          << Kind << Name.Name << *Best;
    else
      Diags.report(Name.Range, diag::err_unknown_resource)
          << Kind << Name.Name << joinNames(Names);
    return std::nullopt;
  }
  if (R->S == ResourceDecl::State::Busy) {
    reportCycle(R->Address, RefRange);
    return std::nullopt;
  }
  if (R->S == ResourceDecl::State::Todo) {
    SensitivityShield Shield(SensitiveRead);
    EvalStack.push_back({R->Address, RefRange});
    evaluateResource(*R);
    EvalStack.pop_back();
  }
  if (R->Failed)
    return std::nullopt;
  if (Ctx.Deps) {
    if (R->RefValue.contains("__address__"))
      Ctx.Deps->insert(R->Address);
    else
      for (auto &Inst : R->RefValue.items())
        Ctx.Deps->insert(Inst.value().value("__address__", R->Address));
  }
  return R->RefValue;
}

std::optional<Value> Analyzer::outputValue(Module &M, const std::string &Name) {
  auto Cached = M.OutputValues.find(Name);
  if (Cached != M.OutputValues.end()) {
    SensitiveRead = SensitiveRead || M.SensitiveOutputs.count(Name);
    return Cached->second;
  }
  const Block *B = M.Outputs.at(Name);
  bool Declared = declaresSensitive(*B);
  std::optional<Value> V;
  const Attribute *ValueAttr = nullptr;
  for (const ItemPtr &It : B->Body)
    if (auto *A = dyn_cast<Attribute>(It.get()); A && A->Name.Name == "value")
      ValueAttr = A;
  if (!ValueAttr) {
    Diags.report(headerRange(*B), diag::err_output_needs_value) << Name;
  } else {
    EvalContext Ctx;
    Ctx.Mod = &M;
    SensitivityProbe Probe(SensitiveRead);
    V = eval(*ValueAttr->Value, Ctx);
    if (V)
      lowerRefs(*V);
    // As in Terraform: an output that would publish a secret in clear must
    // say that it is one.
    if (V && Probe.marked() && !Declared)
      Diags.report(ValueAttr->Value->Range, diag::err_output_sensitive)
          << M.Prefix + "output." + Name;
    if (Probe.marked())
      M.SensitiveOutputs.insert(Name);
  }
  if (Declared) {
    M.SensitiveOutputs.insert(Name);
    SensitiveRead = true;
  }
  M.OutputValues[Name] = V;
  return V;
}

std::optional<Value> Analyzer::moduleOutput(Module &M, const GetAttrExpr &G) {
  auto *Inner = dyn_cast<GetAttrExpr>(G.Base.get());
  auto *Root = Inner ? dyn_cast<NameExpr>(Inner->Base.get()) : nullptr;
  if (!Root || Root->Name != "module")
    return std::nullopt;
  auto Child = M.Children.find(Inner->Attr.Name);
  if (Child == M.Children.end() || !Child->second->Outputs.count(G.Attr.Name))
    return std::nullopt; // the general path reports it
  if (auto V = outputValue(*Child->second, G.Attr.Name))
    return V;
  return ir::unknownValue("module." + Inner->Attr.Name + "." + G.Attr.Name);
}

void Analyzer::markAttributeRead(const Value &Base, const std::string &Attr) {
  if (SensitiveAttrs.empty() || !Base.is_object())
    return;
  auto Addr = Base.find("__address__");
  if (Addr == Base.end() || !Addr->is_string())
    return;
  auto It = SensitiveAttrs.find(Addr->get<std::string>());
  if (It != SensitiveAttrs.end() && It->second.count(Attr))
    SensitiveRead = true;
}

void Analyzer::markResourceSecrets(const Value &V) {
  if (SensitiveAttrs.empty() || SensitiveRead || !V.is_structured())
    return;
  if (V.is_object()) {
    auto Addr = V.find("__address__");
    if (Addr != V.end() && Addr->is_string()) {
      auto It = SensitiveAttrs.find(Addr->get<std::string>());
      if (It != SensitiveAttrs.end() && !It->second.empty())
        SensitiveRead = true;
      return;
    }
  }
  for (const Value &E : V)
    markResourceSecrets(E);
}

std::optional<Value> Analyzer::moduleOutputs(Module &M, const Ident &Name,
                                             llvm::SMRange RefRange) {
  auto It = M.Children.find(Name.Name);
  if (It == M.Children.end()) {
    std::vector<std::string> Names;
    for (auto &[N, C] : M.ChildDecls)
      Names.push_back(N);
    if (!M.ChildDecls.count(Name.Name))
      Diags.report(Name.Range, diag::err_unknown_resource) << "module" << Name.Name << joinNames(Names);
    return std::nullopt;
  }
  (void)RefRange;
  Value Out = Value::object();
  for (auto &[OutName, B] : It->second->Outputs) {
    auto V = outputValue(*It->second, OutName);
    Out[OutName] = V ? *V : ir::unknownValue("module." + Name.Name + "." + OutName);
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// Resources
//===----------------------------------------------------------------------===//

bool Analyzer::checkType(const Value &V, const Type &T, const std::string &What,
                         llvm::SMRange R) {
  if (ir::isUnknown(V) || T.K == Type::Kind::Any)
    return true;
  auto Mismatch = [&](const std::string &Found) {
    Diags.report(R, diag::err_type_mismatch) << What << "a " + T.str() << Found;
    return false;
  };
  switch (T.K) {
  case Type::Kind::String:
    return V.is_string() || Mismatch(describeValue(V));
  case Type::Kind::Number:
    return V.is_number() || Mismatch(describeValue(V));
  case Type::Kind::Bool:
    return V.is_boolean() || Mismatch(describeValue(V));
  case Type::Kind::List: {
    if (!V.is_array())
      return Mismatch(describeValue(V));
    bool Ok = true;
    for (size_t I = 0; I < V.size(); ++I)
      Ok &= checkType(V[I], *T.Elem, What + "[" + std::to_string(I) + "]", R);
    return Ok;
  }
  case Type::Kind::Map: {
    if (!V.is_object() || V.contains("__address__"))
      return Mismatch(describeValue(V));
    bool Ok = true;
    for (auto &E : V.items())
      Ok &= checkType(E.value(), *T.Elem, What + "[\"" + E.key() + "\"]", R);
    return Ok;
  }
  case Type::Kind::Object: {
    if (!V.is_object() || V.contains("__address__"))
      return Mismatch(describeValue(V));
    bool Ok = true;
    for (auto &E : V.items()) {
      auto F = T.Fields.find(E.key());
      if (F == T.Fields.end()) {
        std::vector<std::string> Names;
        for (auto &[N, FT] : T.Fields)
          Names.push_back(N);
        Diags.report(R, diag::err_unknown_attribute) << What << E.key() << joinNames(Names);
        Ok = false;
        continue;
      }
      Ok &= checkType(E.value(), F->second, What + "." + E.key(), R);
    }
    return Ok;
  }
  case Type::Kind::Enum: {
    if (!V.is_string())
      return Mismatch(describeValue(V));
    std::string S = V;
    if (std::find(T.EnumValues.begin(), T.EnumValues.end(), S) != T.EnumValues.end())
      return true;
    if (auto Best = closestMatch(S, T.EnumValues))
      Diags.report(R, diag::err_not_in_enum_suggest).fixit(R, "\"" + *Best + "\"")
          << What << quoteList(T.EnumValues) << "\"" + S + "\"" << "\"" + *Best + "\"";
    else
      Diags.report(R, diag::err_not_in_enum) << What << quoteList(T.EnumValues) << "\"" + S + "\"";
    return false;
  }
  case Type::Kind::Ref: {
    std::string Addr = V.is_object() ? V.value("__address__", "") : "";
    llvm::StringRef A(Addr);
    // Module resources keep their kind after the module prefix.
    size_t Dot = A.rfind('.');
    llvm::StringRef KindPart = Dot == llvm::StringRef::npos ? "" : A.take_front(Dot);
    bool Ok = KindPart == T.RefKind || KindPart.endswith("." + T.RefKind) ||
              (T.RefKind == "policy" && A.startswith("builtin."));
    if (Ok)
      return true;
    Diags.report(R, diag::err_wrong_kind_reference) << What << T.RefKind << describeValue(V);
    return false;
  }
  case Type::Kind::Any:
    return true;
  }
  return true;
}

void Analyzer::recordRanges(const Expr &E, const std::string &Path, ir::Resource &Res) {
  Res.AttrRanges[Path] = E.Range;
  if (auto *L = dyn_cast<ListExpr>(&E))
    for (size_t I = 0; I < L->Elements.size(); ++I)
      recordRanges(*L->Elements[I], Path + "[" + std::to_string(I) + "]", Res);
  else if (auto *M = dyn_cast<MapExpr>(&E))
    for (const MapEntry &Entry : M->Entries)
      if (!Entry.KeyIdent.Name.empty())
        recordRanges(*Entry.Value, Path + "." + Entry.KeyIdent.Name, Res);
}

void Analyzer::lowerStatements(const RuleStmt &Rule, size_t Index, Value &Out,
                               ir::Resource &Res, EvalContext &Ctx) {
  std::string Path = "statements[" + std::to_string(Index) + "]";
  Value Stmt = {{"effect", Rule.Eff == RuleStmt::Effect::Allow ? "Allow" : "Deny"}};
  Res.AttrRanges[Path] = Rule.Range;
  Type ListOfStrings;
  ListOfStrings.K = Type::Kind::List;
  ListOfStrings.Elem = std::make_shared<Type>();
  ListOfStrings.Elem->K = Type::Kind::String;
  for (auto [Key, E] : {std::pair<const char *, const Expr *>{"actions", Rule.Actions.get()},
                        {"resources", Rule.Resources.get()}}) {
    SensitivityProbe Probe(SensitiveRead);
    auto V = eval(*E, Ctx);
    if (!V)
      return;
    if (Probe.marked())
      Res.Sensitive.push_back(Path + "." + Key);
    if (V->is_string())
      V = Value::array({*V});
    if (!checkType(*V, ListOfStrings, Key, E->Range))
      return;
    Stmt[Key] = *V;
    recordRanges(*E, Path + "." + Key, Res);
    if (!isa<ListExpr>(*E))
      Res.AttrRanges[Path + "." + Key + "[0]"] = E->Range;
  }
  Out["statements"].push_back(std::move(Stmt));
}

void Analyzer::checkBlockBody(const Block &B, const BlockSchema &S, const std::string &Path,
                              Value &Out, ir::Resource &Res, EvalContext &Ctx) {
  std::map<std::string, const Attribute *> Seen;
  std::map<std::string, std::vector<const Block *>> Nested;
  std::string What = Path.empty() ? Res.Kind : Path.substr(0, Path.size() - 1);
  size_t Statements = 0;
  for (const ItemPtr &It : B.Body) {
    if (auto *A = dyn_cast<Attribute>(It.get())) {
      const std::string &N = A->Name.Name;
      if (Path.empty() && N == "for_each")
        continue;
      if (!Seen.emplace(N, A).second) {
        Diags.report(A->Name.Range, diag::err_duplicate_attribute)
                .note(Seen[N]->Name.Range, "first set here")
            << N;
        continue;
      }
      auto SA = S.Attrs.find(N);
      if (SA == S.Attrs.end() && N == "count") {
        Diags.report(A->Name.Range, diag::err_terraform_count) << What;
        continue;
      }
      if (SA == S.Attrs.end()) {
        std::vector<std::string> Names = S.attrNames();
        if (auto Best = closestMatch(N, Names))
          Diags.report(A->Name.Range, diag::err_unknown_attribute_suggest)
                  .fixit(A->Name.Range, *Best)
              << What << N << *Best;
        else
          Diags.report(A->Name.Range, diag::err_unknown_attribute) << What << N << joinNames(Names);
        continue;
      }
      if (SA->second.Computed && !SA->second.Settable) {
        Diags.report(A->Name.Range, diag::err_computed_attribute) << N;
        continue;
      }
      SensitivityProbe Probe(SensitiveRead);
      auto V = eval(*A->Value, Ctx);
      if (!V)
        continue;
      // Derived from a secret: redacted in plans, hashed in state (as a
      // schema-sensitive attribute is).
      if (Probe.marked())
        Res.Sensitive.push_back(Path + N);
      if (!checkType(*V, SA->second.Ty, N, A->Value->Range))
        continue;
      if (!SA->second.Enum.empty() && V->is_string() &&
          std::find(SA->second.Enum.begin(), SA->second.Enum.end(), V->get<std::string>()) ==
              SA->second.Enum.end()) {
        const auto &Allowed = SA->second.Enum;
        std::string Found = "\"" + V->get<std::string>() + "\"";
        if (auto Best = closestMatch(V->get<std::string>(), Allowed))
          Diags.report(A->Value->Range, diag::err_not_in_enum_suggest)
                  .fixit(A->Value->Range, "\"" + *Best + "\"")
              << N << quoteList(Allowed) << Found << "\"" + *Best + "\"";
        else
          Diags.report(A->Value->Range, diag::err_not_in_enum) << N << quoteList(Allowed) << Found;
        continue;
      }
      if (!checkConstraints(SA->second, *V, Res.Kind, Path + N, A->Value->Range))
        continue;
      lowerRefs(*V);
      Out[N] = std::move(*V);
      recordRanges(*A->Value, Path + N, Res);
      continue;
    }
    if (auto *NB = dyn_cast<Block>(It.get())) {
      if (Path.empty() && NB->Type.Name == "lifecycle") { // on every kind
        lowerLifecycle(*NB, S, Res, Ctx);
        continue;
      }
      if (S.Blocks.count(NB->Type.Name)) {
        Nested[NB->Type.Name].push_back(NB);
        continue;
      }
      std::vector<std::string> Names = S.blockNames();
      if (auto Best = closestMatch(NB->Type.Name, Names))
        Diags.report(NB->Type.Range, diag::err_unknown_block_kind_suggest)
                .fixit(NB->Type.Range, *Best)
            << NB->Type.Name << *Best;
      else
        Diags.report(NB->Type.Range, diag::err_unknown_nested_block)
            << What << NB->Type.Name << joinNames(Names);
      continue;
    }
    if (auto *Rule = dyn_cast<RuleStmt>(It.get())) {
      if (!S.AllowsStatements) {
        Diags.report(Rule->Range, diag::err_rule_outside_policy)
            << (Rule->Eff == RuleStmt::Effect::Allow ? "allow" : "deny");
        continue;
      }
      if (!Out.contains("statements"))
        Out["statements"] = Value::array();
      lowerStatements(*Rule, Statements++, Out, Res, Ctx);
      continue;
    }
    if (auto *L = dyn_cast<LetDecl>(It.get()))
      Diags.report(L->Range, diag::err_let_in_block) << L->Name.Name;
    else
      Diags.report(It->Range, diag::err_let_in_block) << "import";
  }

  checkAttributeSet(B, S, Seen, Res.Kind, Path);

  for (const auto &[Name, NS] : S.Blocks) {
    const auto &Found = Nested[Name];
    if (Found.size() < NS.Min) {
      Diags.report(headerRange(B), diag::err_missing_block) << What << Name;
      continue;
    }
    if (NS.Max && Found.size() > NS.Max) {
      Diags.report(headerRange(*Found[NS.Max]), diag::err_too_many_blocks)
          << What << std::to_string(NS.Max) << Name;
      continue;
    }
    for (size_t I = 0; I < Found.size(); ++I) {
      std::string Sub = NS.Max == 1 ? Path + Name : Path + Name + "[" + std::to_string(I) + "]";
      Value Child = Value::object();
      Res.AttrRanges[Sub] = headerRange(*Found[I]);
      checkBlockBody(*Found[I], NS, Sub + ".", Child, Res, Ctx);
      if (NS.Max == 1)
        Out[Name] = std::move(Child);
      else
        Out[Name].push_back(std::move(Child));
    }
  }

  for (const auto &[Name, A] : S.Attrs) {
    if (Seen.count(Name) || A.Computed) {
      if (A.Computed && !Seen.count(Name))
        Res.Computed.push_back(Path + Name);
    } else if (A.DefaultIsLabel) {
      std::string Label(Ctx.Block ? Ctx.Block->name() : "");
      // The label is the user's value: it must satisfy the constraints.
      if (Ctx.Block && !Ctx.Block->Labels.empty())
        checkConstraints(A, Value(Label), Res.Kind, Path + Name,
                         Ctx.Block->Labels.front().Range);
      Out[Name] = std::move(Label);
    } else if (A.Default) {
      const Block *Saved = Ctx.Block;
      if (auto V = eval(*A.Default, Ctx)) {
        lowerRefs(*V);
        Out[Name] = *V;
      }
      Ctx.Block = Saved;
    } else if (A.Required) {
      std::string Doc = A.Doc.empty() ? A.Ty.str() : A.Ty.str() + ": " + A.Doc;
      if (Doc.size() > 160)
        Doc = Doc.substr(0, 157) + "...";
      Diags.report(headerRange(B), diag::err_missing_attribute) << What << Name << Doc;
    }
    if (A.ForceNew)
      Res.ForceNew.push_back(Path + Name);
    if (A.Sensitive)
      Res.Sensitive.push_back(Path + Name);
  }
}

bool Analyzer::constraintLeftToRules(const std::string &Kind, const std::string &Path,
                                     llvm::StringRef Keyword) const {
  if (Opts.ConstraintsCheckedByRules.empty())
    return false;
  std::string Key = Kind;
  if (!Path.empty())
    Key += "." + Path;
  // Instances of repeated blocks share their constraints: `a[2].b` is `a.b`.
  std::string Plain;
  for (size_t I = 0; I < Key.size(); ++I) {
    if (Key[I] == '[') {
      I = Key.find(']', I);
      if (I == std::string::npos)
        break;
      continue;
    }
    Plain += Key[I];
  }
  return Opts.ConstraintsCheckedByRules.count(Plain + ":" + Keyword.str()) != 0;
}

bool Analyzer::checkConstraints(const AttrSchema &A, const Value &V, const std::string &Kind,
                                const std::string &Path, llvm::SMRange R) {
  if (ir::isUnknown(V))
    return true;
  auto Doc = [&] { return A.Doc.empty() ? std::string() : " (" + A.Doc + ")"; };
  bool Ok = true;
  if (V.is_number()) {
    double N = V.get<double>();
    if (A.MinValue && N < *A.MinValue && !constraintLeftToRules(Kind, Path, "min")) {
      Diags.report(R, diag::err_number_below_min)
          << Path << formatNumber(*A.MinValue) << V.dump() << Doc();
      Ok = false;
    }
    if (A.MaxValue && N > *A.MaxValue && !constraintLeftToRules(Kind, Path, "max")) {
      Diags.report(R, diag::err_number_above_max)
          << Path << formatNumber(*A.MaxValue) << V.dump() << Doc();
      Ok = false;
    }
  }
  if (V.is_array()) {
    if (A.MinItems && V.size() < *A.MinItems && !constraintLeftToRules(Kind, Path, "min_items")) {
      Diags.report(R, diag::err_too_few_items)
          << Path << std::to_string(*A.MinItems) << std::to_string(V.size()) << Doc();
      Ok = false;
    }
    if (A.MaxItems && V.size() > *A.MaxItems && !constraintLeftToRules(Kind, Path, "max_items")) {
      Diags.report(R, diag::err_too_many_items)
          << Path << std::to_string(*A.MaxItems) << std::to_string(V.size()) << Doc();
      Ok = false;
    }
  }
  if (A.Pattern && !constraintLeftToRules(Kind, Path, "pattern")) {
    auto Check = [&](const Value &S, llvm::SMRange At) {
      if (!S.is_string())
        return;
      const std::string &Str = S.get_ref<const std::string &>();
      if (A.Pattern->matches(Str))
        return;
      Diags.report(At, diag::err_pattern_mismatch) << Path << A.PatternText << Str << Doc();
      Ok = false;
    };
    // On a list of strings the pattern applies to each element.
    if (V.is_array())
      for (const Value &E : V)
        Check(E, R);
    else
      Check(V, R);
  }
  return Ok;
}

void Analyzer::checkAttributeSet(const Block &B, const BlockSchema &S,
                                 const std::map<std::string, const Attribute *> &Seen,
                                 const std::string &Kind, const std::string &Path) {
  std::string Where = Path.empty() ? std::string() : Path.substr(0, Path.size() - 1);
  std::string What = Where.empty() ? Kind : Where;
  auto IsSet = [&](const std::string &N) { return Seen.count(N) != 0; };
  if (!S.ExactlyOneOf.empty() && !constraintLeftToRules(Kind, Where, "exactly_one_of")) {
    std::vector<std::string> Set;
    for (const std::string &N : S.ExactlyOneOf)
      if (IsSet(N))
        Set.push_back(N);
    if (Set.empty()) {
      Diags.report(headerRange(B), diag::err_none_of_exactly_one)
          << What << tickList(S.ExactlyOneOf);
    } else if (Set.size() > 1) {
      DiagnosticBuilder D = Diags.report(Seen.at(Set[1])->Name.Range,
                                         diag::err_several_of_exactly_one);
      D.note(Seen.at(Set[0])->Name.Range, "`" + Set[0] + "` is set here");
      D << What << tickList(S.ExactlyOneOf) << tickList(Set);
    }
  }
  if (!constraintLeftToRules(Kind, Where, "required_with"))
    for (const auto &[If, Needs] : S.RequiredWith)
      if (IsSet(If))
        for (const std::string &N : Needs)
          if (!IsSet(N))
            Diags.report(Seen.at(If)->Name.Range, diag::err_required_with) << If << N << What;
  if (!constraintLeftToRules(Kind, Where, "conflicts_with"))
    for (const auto &[If, Excludes] : S.ConflictsWith)
      if (IsSet(If))
        for (const std::string &N : Excludes)
          if (IsSet(N))
            Diags.report(Seen.at(N)->Name.Range, diag::err_conflicts_with)
                    .note(Seen.at(If)->Name.Range, "`" + If + "` is set here")
                << If << N;
}

void Analyzer::evaluateInstance(ResourceDecl &R, const Value *Each, const std::string &Key,
                                std::set<std::string> &Deps) {
  ir::Resource Res;
  Res.Kind = R.Kind;
  Res.Name = R.Name;
  Res.InstanceKey = Key;
  Res.Address = R.Address + (Each ? "[\"" + Key + "\"]" : "");
  Res.Provider = R.Schema->Provider;
  Res.Range = headerRange(*R.B);
  if (auto *Buf = Diags.getSourceMgr().getMemoryBuffer(
          Diags.getSourceMgr().FindBufferContainingLoc(R.B->Range.Start)))
    Res.File = Buf->getBufferIdentifier().str();
  EvalContext Ctx;
  Ctx.Mod = R.Mod;
  Ctx.Each = Each;
  Ctx.Deps = &Deps;
  Ctx.Block = R.B;
  Ctx.BaseDir = llvm::sys::path::parent_path(Res.File).str();
  unsigned ErrorsBefore = Diags.errorCount();
  checkBlockBody(*R.B, *R.Schema, "", Res.Attributes, Res, Ctx);
  // References to a resource with errors stay quiet: its own errors say it.
  if (Diags.errorCount() != ErrorsBefore)
    R.Failed = true;
  Deps.erase(R.Address);
  Res.Dependencies.assign(Deps.begin(), Deps.end());
  std::sort(Res.ForceNew.begin(), Res.ForceNew.end());
  std::sort(Res.Sensitive.begin(), Res.Sensitive.end());
  Res.Sensitive.erase(std::unique(Res.Sensitive.begin(), Res.Sensitive.end()),
                      Res.Sensitive.end());
  std::sort(Res.Computed.begin(), Res.Computed.end());
  for (const std::string &P : Res.Sensitive)
    SensitiveAttrs[Res.Address].insert(topLevelName(P));

  // What `kind.name` evaluates to: the attributes, computed ones unknown.
  Value Ref = Res.Attributes;
  for (const std::string &C : Res.Computed)
    if (C.find('.') == std::string::npos)
      Ref[C] = ir::unknownValue(Res.Address + "." + C);
  Ref["__address__"] = Res.Address;
  if (Each)
    R.RefValue[Key] = std::move(Ref);
  else
    R.RefValue = std::move(Ref);
  Program.Resources.push_back(std::move(Res));
}

void Analyzer::evaluateResource(ResourceDecl &R) {
  if (R.S != ResourceDecl::State::Todo || !R.Schema)
    return;
  R.S = ResourceDecl::State::Busy;
  bool PushedSelf = EvalStack.empty() || EvalStack.back().first != R.Address;
  if (PushedSelf)
    EvalStack.push_back({R.Address, R.B->Range});

  const Attribute *ForEach = nullptr;
  for (const ItemPtr &It : R.B->Body)
    if (auto *A = dyn_cast<Attribute>(It.get()); A && A->Name.Name == "for_each")
      ForEach = A;
  std::set<std::string> ForEachDeps;
  if (!ForEach) {
    std::set<std::string> Deps;
    evaluateInstance(R, nullptr, "", Deps);
  } else {
    EvalContext Ctx;
    Ctx.Mod = R.Mod;
    Ctx.Deps = &ForEachDeps;
    SensitivityProbe Probe(SensitiveRead);
    auto V = eval(*ForEach->Value, Ctx);
    R.RefValue = Value::object();
    if (!V) {
      R.Failed = true;
    } else if (Probe.marked()) {
      // The keys become instance addresses, printed by every plan.
      Diags.report(ForEach->Value->Range, diag::err_for_each_sensitive)
          << R.Address;
      R.Failed = true;
    } else if (ir::isUnknown(*V)) {
      Diags.report(ForEach->Value->Range, diag::err_for_each_unknown) << (*V)["__unknown__"].get<std::string>();
      R.Failed = true;
    } else if (V->is_array()) {
      std::set<std::string> Keys;
      for (const Value &E : *V) {
        if (!E.is_string()) {
          Diags.report(ForEach->Value->Range, diag::err_for_each_type) << "a list with " + describeValue(E);
          R.Failed = true;
          break;
        }
        if (!Keys.insert(E.get<std::string>()).second) {
          Diags.report(ForEach->Value->Range, diag::err_for_each_duplicate) << E.get<std::string>();
          continue;
        }
        Value Each = {{"key", E}, {"value", E}};
        std::set<std::string> Deps = ForEachDeps;
        evaluateInstance(R, &Each, E.get<std::string>(), Deps);
      }
    } else if (V->is_object() && !V->contains("__address__")) {
      for (auto &KV : V->items()) {
        Value Each = {{"key", KV.key()}, {"value", KV.value()}};
        std::set<std::string> Deps = ForEachDeps;
        evaluateInstance(R, &Each, KV.key(), Deps);
      }
    } else {
      Diags.report(ForEach->Value->Range, diag::err_for_each_type) << describeValue(*V);
      R.Failed = true;
    }
  }
  if (PushedSelf)
    EvalStack.pop_back();
  R.S = ResourceDecl::State::Done;
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

ir::Program Analyzer::run(std::vector<ast::File> &Roots) {
  loadStdlib();
  Root = std::make_unique<Module>();
  Root->Dir = Roots.empty() ? "." : llvm::sys::path::parent_path(Roots.front().Path).str();
  if (Root->Dir.empty())
    Root->Dir = ".";
  std::vector<std::string> Stack;
  for (ast::File &F : Roots) {
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(F.Path, Real))
      LoadedPaths.insert("|" + Real.str().str());
    Stack = {Real.str().str()};
    collectFile(*Root, F, Stack);
  }
  loadChildModules(*Root, 0);
  loadSchemas();

  // The stdlib's tables and built-in policies.
  for (auto &[Name, L] : Stdlib.Lets)
    if (auto V = letValue(Stdlib, L, L.D->Range))
      Program.Std[Name] = *V;
  for (auto &[Name, B] : BuiltinPolicyBlocks) {
    ir::BuiltinPolicy P;
    P.Name = Name;
    P.Type = "System";
    ir::Resource Scratch;
    EvalContext Ctx;
    Ctx.Mod = &Stdlib;
    Value Out = Value::object();
    Out["statements"] = Value::array();
    size_t I = 0;
    for (const ItemPtr &It : B->Body) {
      if (auto *Rule = dyn_cast<RuleStmt>(It.get()))
        lowerStatements(*Rule, I++, Out, Scratch, Ctx);
      else if (auto *A = dyn_cast<Attribute>(It.get()); A && A->Name.Name == "type")
        if (auto V = eval(*A->Value, Ctx); V && V->is_string())
          P.Type = *V;
    }
    P.Statements = Out["statements"];
    BuiltinRefs[Name] = {{"__address__", "builtin." + Name}, {"name", Name}, {"type", P.Type}};
    Program.Builtins[Name] = std::move(P);
  }

  bindVariables(*Root);

  std::function<void(Module &)> EvalModule = [&](Module &M) {
    for (ResourceDecl *R : M.InOrder)
      evaluateResource(*R);
    for (auto &[Name, L] : M.Lets)
      letValue(M, L, L.D->Range);
    for (auto &[Name, B] : M.Outputs)
      outputValue(M, Name);
    for (auto &[Name, Child] : M.Children)
      EvalModule(*Child);
  };
  EvalModule(*Root);

  for (auto &[Name, B] : Root->Outputs) {
    ir::Output O;
    O.Name = Name;
    O.Range = headerRange(*B);
    auto V = Root->OutputValues[Name];
    O.Val = V ? *V : Value();
    for (const ItemPtr &It : B->Body)
      if (auto *A = dyn_cast<Attribute>(It.get()); A && A->Name.Name == "sensitive")
        O.Sensitive = isa<BoolExpr>(*A->Value) && cast<BoolExpr>(*A->Value).Value;
    Program.Outputs.push_back(std::move(O));
  }

  for (const Block *B : Root->Providers) {
    std::string Name = B->Labels.empty() ? "alicloud" : std::string(B->name());
    Value Attrs = Value::object();
    EvalContext Ctx;
    Ctx.Mod = Root.get();
    for (const ItemPtr &It : B->Body)
      if (auto *A = dyn_cast<Attribute>(It.get())) {
        if (auto V = eval(*A->Value, Ctx)) {
          lowerRefs(*V);
          Attrs[A->Name.Name] = *V;
          Program.ProviderRanges[Name + "." + A->Name.Name] = A->Value->Range;
        }
      }
    Program.Providers[Name] = Attrs;
  }
  for (const Block *B : Root->Backends) {
    EvalContext Ctx;
    Ctx.Mod = Root.get();
    Value Attrs = {{"type", std::string(B->name())}};
    for (const ItemPtr &It : B->Body)
      if (auto *A = dyn_cast<Attribute>(It.get()))
        if (auto V = eval(*A->Value, Ctx))
          Attrs[A->Name.Name] = *V;
    Program.Providers["backend"] = Attrs;
  }

  for (auto &[Name, B] : Root->Variables)
    if (!Root->UsedVariables.count(Name) && Root->VarValues.count(Name))
      Diags.report(headerRange(*B), diag::warn_unused_variable) << Name;

  std::sort(Program.Resources.begin(), Program.Resources.end(),
            [](const ir::Resource &A, const ir::Resource &B) { return A.Address < B.Address; });
  lowerMovedBlocks();
  std::sort(Program.Variables.begin(), Program.Variables.end(),
            [](const auto &A, const auto &B) { return A.Name < B.Name; });
  return std::move(Program);
}

} // namespace rtc::sema
