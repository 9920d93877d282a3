//===- MovedBlocks.cpp - `moved { from = … to = … }` blocks ---------------===//
//
// A moved block says that the object stored at `from` is the one now
// configured at `to` (a renamed block label, a new for_each key, a resource
// moved into or out of a module), so the planner renames the state entry
// instead of deleting one object and creating the same one again
// (docs/apply.md#moved). The addresses are written as references
// (`role.old`, `user.devs["a"]`, `module.prod.user.alice`) but never
// evaluated: `from` is, by definition, no longer declared.
//
//===----------------------------------------------------------------------===//
#include "Analyzer.h"
#include "rtc/Diag/EditDistance.h"
#include "llvm/ADT/StringExtras.h"
#include <functional>

using namespace rtc::ast;
using llvm::dyn_cast;

namespace rtc::sema {

namespace {

/// The address an expression spells, relative to its module, or "" when it
/// is not one: `kind.name`, `kind.name["key"]`, `kind.name[0]`, each with
/// optional `module.NAME.` prefixes.
std::string spelledAddress(const Expr &E) {
  if (auto *N = dyn_cast<NameExpr>(&E))
    return N->Name;
  if (auto *G = dyn_cast<GetAttrExpr>(&E)) {
    std::string Base = spelledAddress(*G->Base);
    // No member after an index: `user.a["k"].x` is an attribute, not an
    // address.
    if (Base.empty() || Base.back() == ']')
      return "";
    return Base + "." + G->Attr.Name;
  }
  if (auto *I = dyn_cast<IndexExpr>(&E)) {
    std::string Base = spelledAddress(*I->Base);
    if (Base.empty() || Base.back() == ']')
      return "";
    if (auto *S = dyn_cast<StringExpr>(I->Index.get()); S && S->isLiteral())
      return Base + "[\"" + S->literalValue() + "\"]";
    if (auto *Num = dyn_cast<NumberExpr>(I->Index.get()))
      return Base + "[" + Num->Spelling + "]";
    return "";
  }
  return "";
}

/// Splits `module.a.user.x["k"]` into its module prefix (`module.a.`), kind
/// and the rest; false when the shape is not `[module.M.]*kind.name[...]`.
bool splitAddress(const std::string &A, std::string &Prefix, std::string &Kind,
                  std::string &Base) {
  size_t Bracket = A.find('[');
  std::string Path = A.substr(0, Bracket);
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(Path).split(Parts, '.');
  if (Parts.size() < 2 || Parts.size() % 2)
    return false;
  Prefix.clear();
  for (size_t I = 0; I + 2 < Parts.size(); I += 2) {
    if (Parts[I] != "module")
      return false;
    Prefix += "module." + Parts[I + 1].str() + ".";
  }
  Kind = Parts[Parts.size() - 2].str();
  if (Kind == "module")
    return false;
  Base = Prefix + Kind + "." + Parts.back().str();
  return true;
}

const Attribute *attributeNamed(const Block &B, llvm::StringRef Name) {
  for (const ItemPtr &It : B.Body)
    if (auto *A = dyn_cast<Attribute>(It.get()); A && A->Name.Name == Name)
      return A;
  return nullptr;
}

} // namespace

void Analyzer::lowerMovedBlocks() {
  std::map<std::string, const Block *> SeenFrom, SeenTo;
  std::function<void(Module &)> Walk = [&](Module &M) {
    for (const Block *B : M.Moved)
      lowerMovedBlock(M, *B, SeenFrom, SeenTo);
    for (auto &KV : M.Children)
      Walk(*KV.second);
  };
  Walk(*Root);
}

void Analyzer::lowerMovedBlock(Module &M, const Block &B,
                               std::map<std::string, const Block *> &SeenFrom,
                               std::map<std::string, const Block *> &SeenTo) {
  llvm::SMRange Header = B.Type.Range;
  for (const ItemPtr &It : B.Body) {
    auto *A = dyn_cast<Attribute>(It.get());
    if (!A) {
      Diags.report(It->Range, diag::err_moved_attribute)
          << "only `from` and `to` are allowed here";
      return;
    }
    if (A->Name.Name != "from" && A->Name.Name != "to") {
      Diags.report(A->Name.Range, diag::err_moved_attribute)
          << "unknown attribute `" + A->Name.Name + "`";
      return;
    }
  }
  const Attribute *From = attributeNamed(B, "from"),
                  *To = attributeNamed(B, "to");
  if (!From || !To) {
    Diags.report(Header, diag::err_moved_attribute)
        << (!From ? "`from` is missing" : "`to` is missing");
    return;
  }
  // Addresses are relative to the module that holds the block.
  std::string Addr[2];
  std::string Prefix[2], Kind[2], Base[2];
  const Attribute *Sides[2] = {From, To};
  for (int I = 0; I < 2; ++I) {
    std::string Rel = spelledAddress(*Sides[I]->Value);
    if (Rel.empty() ||
        !splitAddress(M.Prefix + Rel, Prefix[I], Kind[I], Base[I])) {
      Diags.report(Sides[I]->Value->Range, diag::err_moved_not_address)
          << Sides[I]->Name.Name;
      return;
    }
    Addr[I] = M.Prefix + Rel;
  }
  if (Addr[0] == Addr[1]) {
    Diags.report(From->Value->Range, diag::err_moved_to_itself) << Addr[0];
    return;
  }
  if (Kind[0] != Kind[1]) {
    Diags.report(To->Value->Range, diag::err_moved_kind_mismatch)
        << Addr[0] << Addr[1] << Kind[0] << Kind[1];
    return;
  }
  // An instance address is declared when the IR has that instance; a plain
  // address when its block is (it may have failed evaluation).
  auto InIr = [&](const std::string &A) {
    for (const ir::Resource &R : Program.Resources)
      if (R.Address == A)
        return true;
    return false;
  };
  auto BlockDeclared = [&](const std::string &P, const std::string &K,
                           const std::string &BaseAddr) {
    Module *Owner = Root.get();
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    llvm::StringRef(P).split(Parts, '.', -1, false);
    for (size_t I = 1; I < Parts.size() && Owner; I += 2) {
      auto It = Owner->Children.find(Parts[I].str());
      Owner = It == Owner->Children.end() ? nullptr : It->second.get();
    }
    if (!Owner)
      return false;
    auto KindIt = Owner->Resources.find(K);
    return KindIt != Owner->Resources.end() &&
           KindIt->second.count(BaseAddr.substr(P.size() + K.size() + 1));
  };
  if (BlockDeclared(Prefix[0], Kind[0], Base[0]) &&
      (Addr[0] == Base[0] || InIr(Addr[0]))) {
    Diags.report(From->Value->Range, diag::err_moved_from_declared) << Addr[0];
    return;
  }
  if (!BlockDeclared(Prefix[1], Kind[1], Base[1]) ||
      (Addr[1] != Base[1] && !InIr(Addr[1]))) {
    std::vector<std::string> Same;
    for (const ir::Resource &R : Program.Resources)
      if (R.Kind == Kind[1])
        Same.push_back(R.Address);
    std::string Hint =
        "declare it, or move to one of the declared " + Kind[1] + " addresses";
    if (auto Best = closestMatch(Addr[1], Same))
      Hint = "did you mean `" + *Best + "`?";
    Diags.report(To->Value->Range, diag::err_moved_to_unknown)
        << Addr[1] << Hint;
    return;
  }
  for (int I = 0; I < 2; ++I) {
    auto &Seen = I ? SeenTo : SeenFrom;
    auto [Pos, New] = Seen.try_emplace(Addr[I], &B);
    if (!New) {
      Diags.report(Sides[I]->Value->Range, diag::err_moved_twice)
              .note(Pos->second->Type.Range, "the other `moved` block")
          << Addr[I];
      return;
    }
  }
  ir::Move Mv;
  Mv.From = Addr[0];
  Mv.To = Addr[1];
  Mv.Range = Header;
  Program.Moves.push_back(std::move(Mv));
}

} // namespace rtc::sema
