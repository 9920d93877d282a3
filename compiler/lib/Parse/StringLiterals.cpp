//===- StringLiterals.cpp - escapes and text-block layout -----------------===//
#include "StringLiterals.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/ConvertUTF.h"
#include <algorithm>
#include <cstdlib>

namespace rtc {

namespace {

void appendUtf8(std::string &Out, unsigned long CodePoint) {
  char Buf[UNI_MAX_UTF8_BYTES_PER_CODE_POINT];
  char *Ptr = Buf;
  if (CodePoint > 0x10FFFF || (CodePoint >= 0xD800 && CodePoint <= 0xDFFF) ||
      !llvm::ConvertCodePointToUTF8(static_cast<unsigned>(CodePoint), Ptr))
    Out += "\xEF\xBF\xBD"; // U+FFFD
  else
    Out.append(Buf, Ptr);
}

/// Leading spaces/tabs of a line.
size_t indentOf(llvm::StringRef Line) {
  return Line.size() - Line.ltrim(" \t").size();
}

} // namespace

std::string decodeValidEscape(llvm::StringRef Text) {
  switch (Text.size() > 1 ? Text[1] : '\\') {
  case 'n': return "\n";
  case 'r': return "\r";
  case 't': return "\t";
  case 'u': {
    llvm::StringRef Hex = Text.drop_front(2).trim("{}");
    unsigned long CodePoint = std::strtoul(Hex.str().c_str(), nullptr, 16);
    std::string Out;
    appendUtf8(Out, CodePoint);
    return Out;
  }
  default: return Text.substr(1).str(); // \" \\ \$
  }
}

size_t textBlockIndent(llvm::StringRef Whole, bool Closed) {
  llvm::StringRef Body = Whole.drop_front(3);
  if (Closed)
    Body = Body.drop_back(3);
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Body.split(Lines, '\n');
  size_t Indent = std::string::npos;
  for (size_t I = 1; I < Lines.size(); ++I) {
    bool Last = I + 1 == Lines.size();
    if (Lines[I].trim(" \t\r").empty() && !Last)
      continue;
    Indent = std::min(Indent, indentOf(Lines[I]));
  }
  return Indent == std::string::npos ? 0 : Indent;
}

void trimTextBlockEnds(ast::StringExpr &S) {
  if (!S.Parts.empty() && !S.Parts.front().Interp) {
    std::string &Head = S.Parts.front().Text;
    size_t NL = Head.find('\n');
    if (NL != std::string::npos &&
        llvm::StringRef(Head).take_front(NL).trim(" \t\r").empty())
      Head.erase(0, NL + 1);
  }
  if (!S.Parts.empty() && !S.Parts.back().Interp) {
    std::string &Tail = S.Parts.back().Text;
    size_t NL = Tail.find_last_of('\n');
    if (NL != std::string::npos &&
        llvm::StringRef(Tail).drop_front(NL + 1).trim(" \t").empty())
      Tail.erase(NL + 1);
  }
}

} // namespace rtc
