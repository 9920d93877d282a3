//===- AtomicFile.cpp - write temp, fsync, rename, fsync dir --------------===//
#include "rtc/State/LocalBackend.h"
#include "rtc/State/State.h"
#include "rtc/State/StateError.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace rtc::state {

static llvm::Error ioError(const std::string &Path, const std::string &What) {
  return makeError(ErrId::err_io, Path,
                   What + ": " + std::strerror(errno));
}

static std::string dirOf(const std::string &Path) {
  size_t Slash = Path.rfind('/');
  if (Slash == std::string::npos)
    return ".";
  if (Slash == 0)
    return "/";
  return Path.substr(0, Slash);
}

llvm::Error writeFileAtomically(
    const std::string &Path, llvm::StringRef Contents, unsigned Mode,
    const std::function<llvm::Error(const std::string &)> &BeforeRename) {
  // Same directory, so rename(2) cannot cross file systems.
  std::string Tmp = Path + ".tmp-" + newLineage().substr(0, 8);
  int Fd = ::open(Tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, Mode);
  if (Fd < 0)
    return ioError(Tmp, "cannot create temporary file");
  auto Fail = [&](llvm::Error E) {
    if (Fd >= 0)
      ::close(Fd);
    ::unlink(Tmp.c_str());
    return E;
  };
  // The umask may have dropped bits; the mode must be exact.
  if (::fchmod(Fd, Mode) != 0)
    return Fail(ioError(Tmp, "cannot set mode"));
  const char *P = Contents.data();
  size_t Left = Contents.size();
  while (Left > 0) {
    ssize_t N = ::write(Fd, P, Left);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return Fail(ioError(Tmp, "cannot write"));
    }
    P += N;
    Left -= static_cast<size_t>(N);
  }
  if (::fsync(Fd) != 0)
    return Fail(ioError(Tmp, "cannot sync"));
  if (::close(Fd) != 0) {
    Fd = -1;
    return Fail(ioError(Tmp, "cannot close"));
  }
  Fd = -1;
  if (BeforeRename)
    if (llvm::Error E = BeforeRename(Tmp))
      return Fail(std::move(E));
  if (::rename(Tmp.c_str(), Path.c_str()) != 0)
    return Fail(ioError(Path, "cannot rename temporary file over it"));
  // Without syncing the directory the rename itself may be lost on a crash.
  std::string Dir = dirOf(Path);
  int DirFd = ::open(Dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (DirFd < 0)
    return ioError(Dir, "cannot open directory to sync it");
  int Rc = ::fsync(DirFd);
  ::close(DirFd);
  if (Rc != 0)
    return ioError(Dir, "cannot sync directory");
  return llvm::Error::success();
}

} // namespace rtc::state
