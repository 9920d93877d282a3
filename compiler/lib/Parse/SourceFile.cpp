//===- SourceFile.cpp - bounded reading of input files
//---------------------===//
#include "rtc/Parse/SourceFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"

#include <string>

namespace rtc {

namespace {
std::string &sandboxDir() {
  static std::string Dir;
  return Dir;
}

/// True when Path resolves to a file under the sandbox (or there is none).
bool insideSandbox(const llvm::Twine &Path) {
  const std::string &Dir = sandboxDir();
  if (Dir.empty())
    return true;
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return false;
  llvm::StringRef R = Real;
  return R.startswith(Dir) && R.size() > Dir.size() && R[Dir.size()] == '/';
}
} // namespace

void confineSourceFilesTo(std::string Dir) { sandboxDir() = std::move(Dir); }

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readSourceFile(const llvm::Twine &Path, uint64_t MaxBytes) {
  if (!insideSandbox(Path))
    return llvm::createStringError(
        std::make_error_code(std::errc::permission_denied),
        "outside the sandbox");
  // stat first: opening a FIFO would already block.
  llvm::sys::fs::file_status St;
  if (std::error_code EC = llvm::sys::fs::status(Path, St))
    return llvm::createStringError(EC, EC.message());
  if (St.type() == llvm::sys::fs::file_type::directory_file)
    return llvm::createStringError(
        std::make_error_code(std::errc::is_a_directory), "is a directory");
  if (St.type() != llvm::sys::fs::file_type::regular_file)
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "not a regular file");
  if (St.getSize() > MaxBytes)
    return llvm::createStringError(
        std::make_error_code(std::errc::file_too_large),
        llvm::Twine("larger than ") + std::to_string(MaxBytes >> 20) +
            " MiB, the limit for an input file");
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), Buf.getError().message());
  // The file may have grown between stat and read.
  if ((*Buf)->getBufferSize() > MaxBytes)
    return llvm::createStringError(
        std::make_error_code(std::errc::file_too_large),
        "larger than the limit for an input file");
  return std::move(*Buf);
}

std::optional<size_t> findInvalidUtf8(llvm::StringRef Text) {
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Text.begin());
  const auto *End = reinterpret_cast<const llvm::UTF8 *>(Text.end());
  const llvm::UTF8 *Pos = Begin;
  if (llvm::isLegalUTF8String(&Pos, End))
    return std::nullopt;
  return static_cast<size_t>(Pos - Begin);
}

} // namespace rtc
