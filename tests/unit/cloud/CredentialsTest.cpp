// Credential lookup order and redaction.
#include "rtc/Cloud/Credentials.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

using namespace rtc::cloud;

namespace {

CredentialSource fakeEnv(std::map<std::string, std::string> Vars) {
  CredentialSource S;
  S.GetEnv = [Vars](llvm::StringRef Name) -> std::optional<std::string> {
    auto It = Vars.find(Name.str());
    if (It == Vars.end())
      return std::nullopt;
    return It->second;
  };
  return S;
}

std::string writeTemp(const std::string &Content) {
  llvm::SmallString<128> Path;
  int FD;
  EXPECT_FALSE(llvm::sys::fs::createTemporaryFile("rtcc-creds", "json", FD, Path));
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << Content;
  return std::string(Path);
}

TEST(Credentials, EnvironmentWins) {
  auto S = fakeEnv({{"ALIBABA_CLOUD_ACCESS_KEY_ID", "id1"},
                    {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "sec1"},
                    {"ALIBABA_CLOUD_SECURITY_TOKEN", "tok"}});
  S.ProfilePath = "/nonexistent";
  auto C = loadCredentials(S);
  ASSERT_TRUE(bool(C));
  EXPECT_EQ(C->AccessKeyId, "id1");
  EXPECT_EQ(C->AccessKeySecret, "sec1");
  EXPECT_EQ(C->SecurityToken, "tok");
}

TEST(Credentials, IdWithoutSecretIsAnError) {
  auto S = fakeEnv({{"ALIBABA_CLOUD_ACCESS_KEY_ID", "id1"}});
  auto C = loadCredentials(S);
  ASSERT_FALSE(bool(C));
  EXPECT_NE(llvm::toString(C.takeError()).find("must be set together"),
            std::string::npos);
}

TEST(Credentials, ProfileFileNamedProfile) {
  std::string Path = writeTemp(
      R"({"default":{"access_key_id":"d","access_key_secret":"ds"},)"
      R"("prod":{"access_key_id":"p","access_key_secret":"ps"}})");
  auto S = fakeEnv({{"RTCC_PROFILE", "prod"}});
  S.ProfilePath = Path;
  auto C = loadCredentials(S);
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(C->AccessKeyId, "p");
  S.Profile = "default";
  auto D = loadCredentials(S);
  ASSERT_TRUE(bool(D));
  EXPECT_EQ(D->AccessKeySecret, "ds");
  llvm::sys::fs::remove(Path);
}

TEST(Credentials, DefaultProfilePathIsUnderHome) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("rtcc-home", Dir));
  std::string RtccDir = std::string(Dir) + "/.rtcc";
  ASSERT_FALSE(llvm::sys::fs::create_directory(RtccDir));
  {
    std::ofstream F(RtccDir + "/credentials");
    F << R"({"default":{"access_key_id":"h","access_key_secret":"hs"}})";
  }
  auto S = fakeEnv({{"HOME", std::string(Dir)}});
  auto C = loadCredentials(S);
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(C->AccessKeyId, "h");
  llvm::sys::fs::remove_directories(Dir);
}

TEST(Credentials, MissingProfileNamesFileNotSecrets) {
  std::string Path = writeTemp(R"({"default":{"access_key_id":"d","access_key_secret":"topsecret"}})");
  auto S = fakeEnv({});
  S.ProfilePath = Path;
  S.Profile = "staging";
  auto C = loadCredentials(S);
  ASSERT_FALSE(bool(C));
  std::string Msg = llvm::toString(C.takeError());
  EXPECT_NE(Msg.find("profile 'staging' not found"), std::string::npos);
  EXPECT_EQ(Msg.find("topsecret"), std::string::npos);
  llvm::sys::fs::remove(Path);
}

TEST(Credentials, PrintingRedactsSecretAndToken) {
  Credentials C{"LTAIid", "s3cr3t", "t0ken"};
  std::ostringstream OS;
  OS << C;
  EXPECT_EQ(OS.str(), "Credentials{AccessKeyId=LTAIid, "
                      "AccessKeySecret=<redacted>, SecurityToken=<redacted>}");
  std::string S;
  llvm::raw_string_ostream ROS(S);
  ROS << C;
  EXPECT_EQ(ROS.str().find("s3cr3t"), std::string::npos);
}

} // namespace
