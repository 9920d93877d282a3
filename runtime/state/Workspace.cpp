//===- Workspace.cpp - workspace names and selection ----------------------===//
#include "rtc/State/Workspace.h"
#include "rtc/State/LocalBackend.h"
#include "rtc/State/StateError.h"

#include "llvm/ADT/StringRef.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace rtc::state {

bool isValidWorkspaceName(const std::string &Name) {
  if (Name.empty() || Name.size() > 90)
    return false;
  for (char C : Name)
    if (!(isalnum(static_cast<unsigned char>(C)) || C == '-' || C == '_'))
      return false;
  return true;
}

static std::string envFile(const std::string &Dir) {
  return (Dir.empty() ? std::string(".") : Dir) + "/.rtc/environment";
}

llvm::Expected<std::string> currentWorkspace(const std::string &Dir) {
  if (const char *W = std::getenv("RTC_WORKSPACE"); W && *W) {
    if (!isValidWorkspaceName(W))
      return makeError(ErrId::err_workspace_name, std::string(W));
    return std::string(W);
  }
  std::ifstream In(envFile(Dir));
  if (!In)
    return std::string(DefaultWorkspace);
  std::stringstream SS;
  SS << In.rdbuf();
  std::string Name = llvm::StringRef(SS.str()).trim().str();
  if (Name.empty())
    return std::string(DefaultWorkspace);
  if (!isValidWorkspaceName(Name))
    return makeError(ErrId::err_workspace_name, Name);
  return Name;
}

llvm::Error selectWorkspace(const std::string &Dir, const std::string &Name) {
  if (!isValidWorkspaceName(Name))
    return makeError(ErrId::err_workspace_name, Name);
  std::string RtcDir = (Dir.empty() ? std::string(".") : Dir) + "/.rtc";
  if (::mkdir(RtcDir.c_str(), 0700) != 0 && errno != EEXIST)
    return makeError(ErrId::err_io, RtcDir,
                     std::string("cannot create directory: ") +
                         std::strerror(errno));
  return writeFileAtomically(envFile(Dir), Name + "\n", 0644);
}

} // namespace rtc::state
