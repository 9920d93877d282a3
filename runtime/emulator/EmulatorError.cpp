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

} // namespace rtc::emulator
