//===- DiagnosticIDs.cpp - the diagnostic table and message formatting ----===//
#include "fmt/args.h"
#include "fmt/format.h"
#include "rtc/Diag/Diagnostic.h"
#include <cassert>

namespace rtc::diag {

static const Info Table[] = {
#define DIAG(ID, CODE, SEV, MSG, HINT) {CODE, Severity::SEV, MSG, HINT},
#include "rtc/Diag/DiagnosticKinds.def"
#undef DIAG
};
static_assert(sizeof(Table) / sizeof(Table[0]) == NUM_DIAGNOSTICS,
              "one Info per diagnostic");

const Info &getInfo(ID Id) {
  assert(Id < NUM_DIAGNOSTICS && "diagnostic ID out of range");
  return Table[Id];
}

static std::string tryFormat(llvm::StringRef Format,
                             llvm::ArrayRef<std::string> Args,
                             unsigned Padding) {
  fmt::dynamic_format_arg_store<fmt::format_context> Store;
  for (const std::string &A : Args)
    Store.push_back(A);
  for (unsigned I = 0; I < Padding; ++I)
    Store.push_back("<?>");
  return fmt::vformat(fmt::string_view(Format.data(), Format.size()), Store);
}

std::string formatMessage(llvm::StringRef Format,
                          llvm::ArrayRef<std::string> Args) {
  // A call site that streams too few arguments is a bug, but the user should
  // still see a readable message rather than a crash: pad with "<?>".
  try {
    return tryFormat(Format, Args, 0);
  } catch (const fmt::format_error &) {
  }
  try {
    return tryFormat(Format, Args, 16);
  } catch (const fmt::format_error &) {
  }
  return Format.str();
}

llvm::StringRef severityName(Severity Sev) {
  switch (Sev) {
  case Severity::Note:
    return "note";
  case Severity::Remark:
    return "remark";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "error";
}

std::optional<ID> findCode(llvm::StringRef Code) {
  for (unsigned I = 0; I < NUM_DIAGNOSTICS; ++I)
    if (Table[I].Code == Code)
      return static_cast<ID>(I);
  return std::nullopt;
}

} // namespace rtc::diag
