//===- SourceFileTest.cpp - readSourceFile and its sandbox
//-----------------===//
//
// The fuzz targets confine every source read to a scratch directory; a read
// outside it (an absolute path, `..`, or a symlink pointing out) must fail.
//
//===----------------------------------------------------------------------===//
#include "rtc/Parse/SourceFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>

namespace {

std::string makeFile(const llvm::Twine &Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path.str(), EC);
  EXPECT_FALSE(EC);
  OS << Text;
  return Path.str();
}

struct SandboxTest : ::testing::Test {
  llvm::SmallString<128> Inside, Outside;
  void SetUp() override {
    llvm::SmallString<128> A, B;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("rtcc-sandbox-in", A));
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("rtcc-sandbox-out", B));
    ASSERT_FALSE(llvm::sys::fs::real_path(A, Inside));
    ASSERT_FALSE(llvm::sys::fs::real_path(B, Outside));
  }
  void TearDown() override {
    rtc::confineSourceFilesTo("");
    llvm::sys::fs::remove_directories(Inside);
    llvm::sys::fs::remove_directories(Outside);
  }
};

TEST_F(SandboxTest, ReadsOnlyUnderTheDirectory) {
  std::string In = makeFile(Inside + "/a.rtc", "let a = 1\n");
  std::string Out = makeFile(Outside + "/b.rtc", "let b = 1\n");
  rtc::confineSourceFilesTo(Inside.str().str());

  auto Ok = rtc::readSourceFile(In);
  ASSERT_TRUE(bool(Ok));
  EXPECT_EQ((*Ok)->getBuffer(), "let a = 1\n");

  auto Abs = rtc::readSourceFile(Out);
  ASSERT_FALSE(bool(Abs));
  EXPECT_EQ(llvm::toString(Abs.takeError()), "outside the sandbox");

  auto Dots = rtc::readSourceFile(
      Inside + "/../" + llvm::sys::path::filename(Outside) + "/b.rtc");
  ASSERT_FALSE(bool(Dots));
  llvm::consumeError(Dots.takeError());

  ASSERT_FALSE(llvm::sys::fs::create_link(Out, Inside + "/link.rtc"));
  auto Link = rtc::readSourceFile(Inside + "/link.rtc");
  ASSERT_FALSE(bool(Link));
  llvm::consumeError(Link.takeError());

  // A sibling whose name merely starts with the sandbox's is outside too.
  std::string Sibling = Inside.str().str() + "x";
  ASSERT_FALSE(llvm::sys::fs::create_directory(Sibling));
  auto Prefix = rtc::readSourceFile(makeFile(Sibling + "/c.rtc", "x"));
  EXPECT_FALSE(bool(Prefix));
  llvm::consumeError(Prefix.takeError());
  llvm::sys::fs::remove_directories(Sibling);
}

TEST_F(SandboxTest, NoSandboxByDefault) {
  std::string Out = makeFile(Outside + "/b.rtc", "let b = 1\n");
  auto Ok = rtc::readSourceFile(Out);
  EXPECT_TRUE(bool(Ok));
  if (!Ok)
    llvm::consumeError(Ok.takeError());
}

} // namespace
