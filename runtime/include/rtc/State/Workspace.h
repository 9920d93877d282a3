//===- Workspace.h - workspace names and the selected one -------*- C++ -*-===//
//
// The selected workspace is a property of the working directory, not of the
// backend (as in Terraform): it is kept in `.rtc/environment` for every
// backend, and RTC_WORKSPACE in the environment overrides it.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_STATE_WORKSPACE_H
#define RTC_STATE_WORKSPACE_H

#include "llvm/Support/Error.h"

#include <string>

namespace rtc::state {

constexpr const char *DefaultWorkspace = "default";

/// Letters, digits, '-' and '_', 1 to 90 characters.
bool isValidWorkspaceName(const std::string &Name);

/// RTC_WORKSPACE if set, else the content of <Dir>/.rtc/environment, else
/// "default".
llvm::Expected<std::string> currentWorkspace(const std::string &Dir);

/// Records Name in <Dir>/.rtc/environment (atomically).
llvm::Error selectWorkspace(const std::string &Dir, const std::string &Name);

} // namespace rtc::state

#endif
