//===- Duration.cpp - Go-style duration parsing ---------------------------===//
#include "rtc/State/Duration.h"
#include "rtc/State/StateError.h"

namespace rtc::state {

llvm::Expected<std::chrono::milliseconds> parseDuration(llvm::StringRef Text) {
  llvm::StringRef S = Text.trim();
  auto Bad = [&] { return makeError(ErrId::err_bad_duration, Text.str()); };
  if (S == "0")
    return std::chrono::milliseconds(0);
  if (S.empty())
    return Bad();
  double TotalMs = 0;
  while (!S.empty()) {
    size_t N = 0;
    while (N < S.size() && (isdigit(static_cast<unsigned char>(S[N])) || S[N] == '.'))
      ++N;
    if (N == 0)
      return Bad();
    double V;
    if (S.take_front(N).getAsDouble(V))
      return Bad();
    S = S.drop_front(N);
    double Scale;
    if (S.consume_front("ms"))
      Scale = 1;
    else if (S.consume_front("s"))
      Scale = 1000;
    else if (S.consume_front("m"))
      Scale = 60000;
    else if (S.consume_front("h"))
      Scale = 3600000;
    else
      return Bad();
    TotalMs += V * Scale;
  }
  if (TotalMs > 1e12)
    return Bad();
  return std::chrono::milliseconds(static_cast<long long>(TotalMs));
}

} // namespace rtc::state
