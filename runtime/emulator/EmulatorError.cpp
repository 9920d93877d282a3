// Error construction from the EmulatorErrors.def table.
#include "rtc/Emulator/EmulatorError.h"

#include <vector>

namespace rtc::emulator {

namespace {
struct ErrorInfo {
  int Status;
  const char *Code;
  const char *Message;
};

const ErrorInfo Table[] = {
#define EMU_ERROR(Name, Status, Code, Message) {Status, Code, Message},
#include "rtc/Emulator/EmulatorErrors.def"
#undef EMU_ERROR
};

std::string substitute(const char *Text, const std::vector<std::string> &Args) {
  std::string Out;
  for (const char *P = Text; *P; ++P) {
    if (P[0] == '{' && P[1] >= '0' && P[1] <= '9' && P[2] == '}') {
      size_t Index = static_cast<size_t>(P[1] - '0');
      if (Index < Args.size())
        Out += Args[Index];
      P += 2;
      continue;
    }
    Out.push_back(*P);
  }
  return Out;
}
} // namespace

ApiError apiError(Err E, std::initializer_list<std::string> Args) {
  const ErrorInfo &Info = Table[static_cast<size_t>(E)];
  std::vector<std::string> A(Args);
  return {Info.Status, substitute(Info.Code, A), substitute(Info.Message, A)};
}

void fail(Err E, std::initializer_list<std::string> Args) {
  throw apiError(E, Args);
}

namespace {
/// Length of the well-formed UTF-8 sequence at \p P (of \p N bytes left),
/// or 0 when it is malformed (RFC 3629, table 3-7 of Unicode).
size_t sequenceLength(const unsigned char *P, size_t N) {
  unsigned char C = P[0];
  if (C < 0x80)
    return 1;
  size_t Len;
  unsigned char Lo = 0x80, Hi = 0xBF;
  if (C >= 0xC2 && C <= 0xDF)
    Len = 2;
  else if (C >= 0xE0 && C <= 0xEF) {
    Len = 3;
    if (C == 0xE0)
      Lo = 0xA0; // overlong
    if (C == 0xED)
      Hi = 0x9F; // surrogates
  } else if (C >= 0xF0 && C <= 0xF4) {
    Len = 4;
    if (C == 0xF0)
      Lo = 0x90; // overlong
    if (C == 0xF4)
      Hi = 0x8F; // past U+10FFFF
  } else
    return 0;
  if (N < Len || P[1] < Lo || P[1] > Hi)
    return 0;
  for (size_t I = 2; I < Len; ++I)
    if (P[I] < 0x80 || P[I] > 0xBF)
      return 0;
  return Len;
}
} // namespace

bool isValidUtf8(const std::string &Text) {
  const auto *P = reinterpret_cast<const unsigned char *>(Text.data());
  for (size_t I = 0, N = Text.size(); I < N;) {
    size_t Len = sequenceLength(P + I, N - I);
    if (Len == 0)
      return false;
    I += Len;
  }
  return true;
}

std::string truncateUtf8(const std::string &Text, size_t MaxBytes) {
  if (Text.size() <= MaxBytes)
    return Text;
  size_t End = MaxBytes;
  // Back up over continuation bytes to the start of the cut sequence.
  while (End > 0 && (static_cast<unsigned char>(Text[End]) & 0xC0) == 0x80)
    --End;
  return Text.substr(0, End);
}

} // namespace rtc::emulator
