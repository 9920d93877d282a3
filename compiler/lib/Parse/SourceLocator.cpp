//===- SourceLocator.cpp - ANTLR char indexes to SMLoc ---------------------===//
#include "SourceLocator.h"
#include "antlr4-runtime.h"

namespace rtc {

SourceLocator::SourceLocator(llvm::StringRef Text) : Buffer(Text) {
  // The lexers index from the first character after a byte order mark.
  if (Buffer.startswith("\xEF\xBB\xBF"))
    Buffer = Buffer.drop_front(3);
  bool Ascii = true;
  for (unsigned char C : Buffer)
    if (C >= 0x80) {
      Ascii = false;
      break;
    }
  if (Ascii)
    return;
  // Code points start at every byte that is not a UTF-8 continuation byte;
  // the input was validated before lexing.
  ByteOffsetOfCodePoint.reserve(Buffer.size() + 1);
  for (size_t I = 0; I < Buffer.size(); ++I)
    if ((static_cast<unsigned char>(Buffer[I]) & 0xC0) != 0x80)
      ByteOffsetOfCodePoint.push_back(static_cast<uint32_t>(I));
  ByteOffsetOfCodePoint.push_back(static_cast<uint32_t>(Buffer.size()));
}

llvm::SMLoc SourceLocator::loc(size_t Index) const {
  size_t Byte = Index;
  if (!ByteOffsetOfCodePoint.empty())
    Byte = Index < ByteOffsetOfCodePoint.size() ? ByteOffsetOfCodePoint[Index]
                                                : Buffer.size();
  if (Byte > Buffer.size())
    Byte = Buffer.size();
  return llvm::SMLoc::getFromPointer(Buffer.data() + Byte);
}

llvm::SMRange SourceLocator::range(const antlr4::Token *T) const {
  return range(T, T);
}

llvm::SMRange SourceLocator::range(const antlr4::Token *First,
                                   const antlr4::Token *Last) const {
  if (!First)
    return {};
  llvm::SMLoc Start = loc(First->getStartIndex());
  if (!Last || First->getType() == antlr4::Token::EOF)
    return {Start, Start};
  size_t Stop = Last->getStopIndex();
  // EOF and zero-width tokens have stop < start.
  if (Last->getType() == antlr4::Token::EOF || Stop + 1 <= First->getStartIndex())
    return {Start, loc(Last->getStartIndex())};
  return {Start, loc(Stop + 1)};
}

llvm::SMRange SourceLocator::range(const antlr4::ParserRuleContext *Ctx) const {
  if (!Ctx || !Ctx->start)
    return {};
  const antlr4::Token *Stop = Ctx->stop;
  if (!Stop || Stop->getTokenIndex() < Ctx->start->getTokenIndex())
    Stop = Ctx->start;
  return range(Ctx->start, Stop);
}

std::string SourceLocator::lineCol(const antlr4::Token *T) {
  return std::to_string(T->getLine()) + ":" +
         std::to_string(T->getCharPositionInLine() + 1);
}

} // namespace rtc
