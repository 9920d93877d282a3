//===- DiagTestUtil.h - in-memory sources for diagnostics tests -*- C++ -*-===//
#ifndef RTC_TESTS_DIAGTESTUTIL_H
#define RTC_TESTS_DIAGTESTUTIL_H

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <string>

namespace rtc::test {

/// Adds Text as a buffer named Name; returns its buffer ID.
inline unsigned addBuffer(llvm::SourceMgr &SM, llvm::StringRef Text,
                          llvm::StringRef Name = "main.rtc") {
  return SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(Text, Name),
                               llvm::SMLoc());
}

/// Location of the Nth (0-based) occurrence of Needle in buffer ID.
inline llvm::SMLoc locOf(const llvm::SourceMgr &SM, unsigned ID,
                         llvm::StringRef Needle, unsigned Nth = 0) {
  llvm::StringRef Text = SM.getMemoryBuffer(ID)->getBuffer();
  size_t Pos = Text.find(Needle);
  for (unsigned I = 0; I < Nth && Pos != llvm::StringRef::npos; ++I)
    Pos = Text.find(Needle, Pos + 1);
  if (Pos == llvm::StringRef::npos)
    return llvm::SMLoc();
  return llvm::SMLoc::getFromPointer(Text.data() + Pos);
}

/// Range covering the Nth occurrence of Needle.
inline llvm::SMRange rangeOf(const llvm::SourceMgr &SM, unsigned ID,
                             llvm::StringRef Needle, unsigned Nth = 0) {
  llvm::SMLoc L = locOf(SM, ID, Needle, Nth);
  return llvm::SMRange(
      L, llvm::SMLoc::getFromPointer(L.getPointer() + Needle.size()));
}

inline llvm::SMRange pointAt(llvm::SMLoc L) { return llvm::SMRange(L, L); }

} // namespace rtc::test

#endif
