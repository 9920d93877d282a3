//===- DiagnosticLocation.cpp - file/line/column of an SMLoc --------------===//
#include "rtc/Diag/DiagnosticLocation.h"
#include "llvm/Support/SourceMgr.h"

namespace rtc::diag {

ResolvedLoc resolveLoc(const llvm::SourceMgr &SM, llvm::SMLoc Loc) {
  ResolvedLoc R;
  if (!Loc.isValid())
    return R;
  unsigned ID = SM.FindBufferContainingLoc(Loc);
  if (ID == 0)
    return R;
  const llvm::MemoryBuffer *Buf = SM.getMemoryBuffer(ID);
  std::pair<unsigned, unsigned> LC = SM.getLineAndColumn(Loc, ID);
  R.BufferID = ID;
  R.File = Buf->getBufferIdentifier();
  R.Line = LC.first;
  R.Column = LC.second;
  R.Offset = static_cast<size_t>(Loc.getPointer() - Buf->getBufferStart());

  const char *LineStart = Loc.getPointer() - (R.Column - 1);
  const char *End = Buf->getBufferEnd();
  const char *LineEnd = Loc.getPointer();
  while (LineEnd != End && *LineEnd != '\n')
    ++LineEnd;
  llvm::StringRef Text(LineStart, static_cast<size_t>(LineEnd - LineStart));
  if (Text.endswith("\r"))
    Text = Text.drop_back();
  R.LineText = Text;
  return R;
}

unsigned codePointColumn(llvm::StringRef Line, unsigned Column) {
  unsigned CP = 1;
  for (unsigned I = 0; I + 1 < Column && I < Line.size(); ++I)
    if ((static_cast<unsigned char>(Line[I]) & 0xC0) != 0x80)
      ++CP;
  // Columns past the end of the line (the end-of-line position) count as one
  // code point each.
  if (Column > Line.size() + 1)
    CP += Column - static_cast<unsigned>(Line.size()) - 1;
  return CP;
}

} // namespace rtc::diag
