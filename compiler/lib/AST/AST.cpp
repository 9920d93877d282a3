//===- AST.cpp - out-of-line pieces of the AST ----------------------------===//
#include "rtc/AST/AST.h"

namespace rtc::ast {

Expr::~Expr() = default;
Item::~Item() = default;

bool StringExpr::isLiteral() const {
  for (const StringPart &P : Parts)
    if (P.Interp)
      return false;
  return true;
}

std::string StringExpr::literalValue() const {
  std::string Out;
  for (const StringPart &P : Parts)
    Out += P.Text;
  return Out;
}

} // namespace rtc::ast
