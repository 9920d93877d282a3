//===- AST.h - the .rtc abstract syntax tree ---------------------*- C++ -*-===//
//
// The project's own syntax tree with exact source ranges. Everything after the
// parser (sema, fmt, LSP) sees only these types, never ANTLR's. Nodes are
// plain data owned by unique_ptr and discriminated with LLVM-style kinds
// (use llvm::isa / dyn_cast).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_AST_AST_H
#define RTC_AST_AST_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"
#include <memory>
#include <string>
#include <vector>

namespace rtc::ast {

/// A name with its location: attribute names, block kinds, labels.
struct Ident {
  std::string Name;
  llvm::SMRange Range;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr {
public:
  enum class Kind {
    Number, Bool, Null, String, List, Map, Name, GetAttr, Index, Call,
    Unary, Binary, Cond, Paren, Error
  };
  Kind getKind() const { return K; }
  llvm::SMRange Range;
  virtual ~Expr();

protected:
  Expr(Kind K, llvm::SMRange R) : Range(R), K(K) {}

private:
  Kind K;
};
using ExprPtr = std::unique_ptr<Expr>;

class NumberExpr : public Expr {
public:
  NumberExpr(llvm::SMRange R, std::string Spelling, double Value)
      : Expr(Kind::Number, R), Spelling(std::move(Spelling)), Value(Value) {}
  std::string Spelling; ///< as written, for fmt
  double Value;
  static bool classof(const Expr *E) { return E->getKind() == Kind::Number; }
};

class BoolExpr : public Expr {
public:
  BoolExpr(llvm::SMRange R, bool V) : Expr(Kind::Bool, R), Value(V) {}
  bool Value;
  static bool classof(const Expr *E) { return E->getKind() == Kind::Bool; }
};

class NullExpr : public Expr {
public:
  explicit NullExpr(llvm::SMRange R) : Expr(Kind::Null, R) {}
  static bool classof(const Expr *E) { return E->getKind() == Kind::Null; }
};

/// One piece of a string: literal text (escapes already decoded) or an
/// interpolated expression.
struct StringPart {
  std::string Text;     ///< decoded literal text when Interp is null
  ExprPtr Interp;       ///< `${ … }` expression, or null
  llvm::SMRange Range;  ///< source range of this piece
};

class StringExpr : public Expr {
public:
  enum class Style { Quoted, TextBlock, Raw };
  StringExpr(llvm::SMRange R, Style S) : Expr(Kind::String, R), Form(S) {}
  Style Form;
  std::vector<StringPart> Parts;
  /// True when the string has no interpolation.
  bool isLiteral() const;
  /// The decoded value of a literal string (concatenated parts).
  std::string literalValue() const;
  static bool classof(const Expr *E) { return E->getKind() == Kind::String; }
};

class ListExpr : public Expr {
public:
  explicit ListExpr(llvm::SMRange R) : Expr(Kind::List, R) {}
  std::vector<ExprPtr> Elements;
  static bool classof(const Expr *E) { return E->getKind() == Kind::List; }
};

struct MapEntry {
  /// The key as written: an identifier or a string expression.
  Ident KeyIdent;          ///< set when the key is a bare identifier
  ExprPtr KeyString;       ///< set when the key is a string
  ExprPtr Value;
  bool UsesColon = false;  ///< `k: v` rather than `k = v` (fmt normalises)
  llvm::SMRange Range;
};

class MapExpr : public Expr {
public:
  explicit MapExpr(llvm::SMRange R) : Expr(Kind::Map, R) {}
  std::vector<MapEntry> Entries;
  static bool classof(const Expr *E) { return E->getKind() == Kind::Map; }
};

/// A bare name: the root of a reference (`cluster`, `var`, `each`) or a let.
class NameExpr : public Expr {
public:
  NameExpr(llvm::SMRange R, std::string N) : Expr(Kind::Name, R), Name(std::move(N)) {}
  std::string Name;
  static bool classof(const Expr *E) { return E->getKind() == Kind::Name; }
};

/// `base.name`
class GetAttrExpr : public Expr {
public:
  GetAttrExpr(llvm::SMRange R, ExprPtr B, Ident A)
      : Expr(Kind::GetAttr, R), Base(std::move(B)), Attr(std::move(A)) {}
  ExprPtr Base;
  Ident Attr;
  static bool classof(const Expr *E) { return E->getKind() == Kind::GetAttr; }
};

/// `base[index]`
class IndexExpr : public Expr {
public:
  IndexExpr(llvm::SMRange R, ExprPtr B, ExprPtr I)
      : Expr(Kind::Index, R), Base(std::move(B)), Index(std::move(I)) {}
  ExprPtr Base, Index;
  static bool classof(const Expr *E) { return E->getKind() == Kind::Index; }
};

class CallExpr : public Expr {
public:
  CallExpr(llvm::SMRange R, Ident C) : Expr(Kind::Call, R), Callee(std::move(C)) {}
  Ident Callee;
  std::vector<ExprPtr> Args;
  static bool classof(const Expr *E) { return E->getKind() == Kind::Call; }
};

class UnaryExpr : public Expr {
public:
  UnaryExpr(llvm::SMRange R, std::string Op, ExprPtr O)
      : Expr(Kind::Unary, R), Op(std::move(Op)), Operand(std::move(O)) {}
  std::string Op; ///< "!" or "-"
  ExprPtr Operand;
  static bool classof(const Expr *E) { return E->getKind() == Kind::Unary; }
};

class BinaryExpr : public Expr {
public:
  BinaryExpr(llvm::SMRange R, std::string Op, ExprPtr L, ExprPtr Rhs)
      : Expr(Kind::Binary, R), Op(std::move(Op)), LHS(std::move(L)), RHS(std::move(Rhs)) {}
  std::string Op; ///< "+", "&&", "==", …
  llvm::SMRange OpRange;
  ExprPtr LHS, RHS;
  static bool classof(const Expr *E) { return E->getKind() == Kind::Binary; }
};

class CondExpr : public Expr {
public:
  CondExpr(llvm::SMRange R, ExprPtr C, ExprPtr T, ExprPtr F)
      : Expr(Kind::Cond, R), Cond(std::move(C)), Then(std::move(T)), Else(std::move(F)) {}
  ExprPtr Cond, Then, Else;
  static bool classof(const Expr *E) { return E->getKind() == Kind::Cond; }
};

class ParenExpr : public Expr {
public:
  ParenExpr(llvm::SMRange R, ExprPtr I) : Expr(Kind::Paren, R), Inner(std::move(I)) {}
  ExprPtr Inner;
  static bool classof(const Expr *E) { return E->getKind() == Kind::Paren; }
};

/// Stands in for an expression that failed to parse; its error has already
/// been reported, so later passes stay quiet about it.
class ErrorExpr : public Expr {
public:
  explicit ErrorExpr(llvm::SMRange R) : Expr(Kind::Error, R) {}
  static bool classof(const Expr *E) { return E->getKind() == Kind::Error; }
};

//===----------------------------------------------------------------------===//
// Items: what a file or a block body contains
//===----------------------------------------------------------------------===//

class Item {
public:
  enum class Kind { Attribute, Block, Let, Import, Rule };
  Kind getKind() const { return K; }
  llvm::SMRange Range;
  virtual ~Item();

protected:
  Item(Kind K, llvm::SMRange R) : Range(R), K(K) {}

private:
  Kind K;
};
using ItemPtr = std::unique_ptr<Item>;

/// `name = value`
class Attribute : public Item {
public:
  Attribute(llvm::SMRange R, Ident N, ExprPtr V)
      : Item(Kind::Attribute, R), Name(std::move(N)), Value(std::move(V)) {}
  Ident Name;
  ExprPtr Value;
  static bool classof(const Item *I) { return I->getKind() == Kind::Attribute; }
};

/// A block label: an identifier or a string literal.
struct Label {
  std::string Value;
  bool Quoted = false;
  llvm::SMRange Range;
};

/// `kind label* { items }`
class Block : public Item {
public:
  Block(llvm::SMRange R, Ident K) : Item(Kind::Block, R), Type(std::move(K)) {}
  Ident Type;                ///< `cluster`, `master`, `variable`, …
  std::vector<Label> Labels; ///< usually one: the block's name
  std::vector<ItemPtr> Body;
  llvm::SMLoc OpenBrace, CloseBrace; ///< CloseBrace invalid if missing
  /// The first label's value, or "" when the block has none.
  llvm::StringRef name() const {
    return Labels.empty() ? llvm::StringRef() : llvm::StringRef(Labels.front().Value);
  }
  static bool classof(const Item *I) { return I->getKind() == Kind::Block; }
};

/// `let name = value`
class LetDecl : public Item {
public:
  LetDecl(llvm::SMRange R, Ident N, ExprPtr V)
      : Item(Kind::Let, R), Name(std::move(N)), Value(std::move(V)) {}
  Ident Name;
  ExprPtr Value;
  static bool classof(const Item *I) { return I->getKind() == Kind::Let; }
};

/// `import "path" [as name]`
class ImportDecl : public Item {
public:
  ImportDecl(llvm::SMRange R, ExprPtr P) : Item(Kind::Import, R), Path(std::move(P)) {}
  ExprPtr Path;  ///< a StringExpr
  Ident Alias;   ///< empty Name when absent
  static bool classof(const Item *I) { return I->getKind() == Kind::Import; }
};

/// `allow ACTIONS on RESOURCES` / `deny ACTIONS on RESOURCES`
class RuleStmt : public Item {
public:
  enum class Effect { Allow, Deny };
  RuleStmt(llvm::SMRange R, Effect E, ExprPtr A, ExprPtr Res)
      : Item(Kind::Rule, R), Eff(E), Actions(std::move(A)), Resources(std::move(Res)) {}
  Effect Eff;
  ExprPtr Actions, Resources;
  static bool classof(const Item *I) { return I->getKind() == Kind::Rule; }
};

/// A comment as written, kept so that fmt and the LSP can use it.
struct Comment {
  llvm::SMRange Range;
  std::string Text; ///< including the `//`, `#` or `/* */` markers
  bool IsBlock = false;
};

/// One parsed .rtc file.
struct File {
  std::string Path;
  unsigned BufferId = 0; ///< in the SourceMgr that owns the text
  std::vector<ItemPtr> Items;
  std::vector<Comment> Comments; ///< in source order
  bool HadSyntaxErrors = false;
};

} // namespace rtc::ast

#endif
