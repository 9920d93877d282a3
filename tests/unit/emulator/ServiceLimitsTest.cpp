// The service's own limits: RAM's free-text lengths (read from the stdlib),
// job names that can be addressed again, encoded paths signed as sent, and
// list paging that reads one page.
#include "EmulatorTestSupport.h"

namespace rtc::emulator::test {
namespace {

class ServiceLimits : public EmulatorTest {
protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seedAccount();
  }
};

// 10 MB Comments used to be stored and returned; RAM caps them at 128.
TEST_F(ServiceLimits, UserCommentsOver128CharactersAreRefused) {
  Resp Long = rpc({{"Action", "CreateUser"},
                   {"UserName", "alice"},
                   {"Comments", std::string(129, 'c')}});
  EXPECT_EQ(Long.Status, 400) << Long.Body;
  EXPECT_EQ(Long.code(), "InvalidParameter.Comments.Length");
  // 128 characters, each two bytes in UTF-8: within the limit.
  std::string Wide;
  for (int I = 0; I < 128; ++I)
    Wide += "\xC3\xA9";
  EXPECT_EQ(
      rpc({{"Action", "CreateUser"}, {"UserName", "alice"}, {"Comments", Wide}})
          .Status,
      200);
  Resp Update = rpc({{"Action", "UpdateUser"},
                     {"UserName", "alice"},
                     {"NewComments", std::string(129, 'c')}});
  EXPECT_EQ(Update.code(), "InvalidParameter.NewComments.Length");
}

TEST_F(ServiceLimits, DescriptionsOver1024CharactersAreRefused) {
  Resp R = rpc(
      {{"Action", "CreatePolicy"},
       {"PolicyName", "p"},
       {"PolicyDocument",
        R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:*","Resource":"*"}]})"},
       {"Description", std::string(1025, 'd')}});
  EXPECT_EQ(R.code(), "InvalidParameter.Description.Length") << R.Body;
}

class JobNames : public EmulatorTest {
protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seedWorld();
    ASSERT_EQ(admin("POST", "/_emulator/orders",
                    {{"OrderId", "ord-shared"}, {"Mode", "shared"}, {"Cu", 2}})
                  .Status,
              200);
    Resp P = roa("POST", "/api/v2/projects",
                 {{"name", "names"},
                  {"deployType", "public"},
                  {"orderId", "ord-shared"}});
    ASSERT_EQ(P.Status, 200) << P.Body;
  }
};

// A job named "a/b" could be created but never addressed, and then its
// project could never be deleted.
TEST_F(JobNames, SlashAndQueryCharactersAreRefused) {
  for (const char *Name : {"a/b", "a?b", "a#b", "tab\there"}) {
    Resp R = createJob("names", Name);
    EXPECT_EQ(R.Status, 400) << Name;
    EXPECT_EQ(R.code(), "InvalidParameter.JobName") << Name;
  }
  EXPECT_EQ(roa("DELETE", "/api/v2/projects/names").Status, 200);
}

// The canonical resource is the path as sent: "my%20job", not "my job".
TEST_F(JobNames, EncodedNamesAreCreatedReadAndDeleted) {
  struct Case {
    const char *Name, *Encoded;
  } Cases[] = {
      {"my job", "my%20job"}, {"作业", "%E4%BD%9C%E4%B8%9A"}, {"a+b", "a%2Bb"}};
  for (const Case &C : Cases) {
    ASSERT_EQ(createJob("names", C.Name).Status, 200) << C.Name;
    std::string Path = std::string("/api/v2/projects/names/jobs/") + C.Encoded;
    Resp Get = roa("GET", Path);
    ASSERT_EQ(Get.Status, 200) << C.Name << ": " << Get.Body;
    EXPECT_EQ(Get.Body["Job"].value("JobName", ""), C.Name);
    Resp Del = roa("DELETE", Path);
    EXPECT_EQ(Del.Status, 200) << C.Name << ": " << Del.Body;
  }
  EXPECT_EQ(roa("DELETE", "/api/v2/projects/names").Status, 200);
}

TEST_F(ServiceLimits, ListUsersPagesThroughEveryUserInOrder) {
  for (int I = 0; I < 25; ++I)
    ASSERT_EQ(rpc({{"Action", "CreateUser"},
                   {"UserName", "u" + std::to_string(100 + I)}})
                  .Status,
              200);
  std::vector<std::string> Seen;
  std::string Marker;
  for (int Page = 0; Page < 10; ++Page) {
    ParamMap P = {{"Action", "ListUsers"}, {"MaxItems", "7"}};
    if (!Marker.empty())
      P["Marker"] = Marker;
    Resp R = rpc(P);
    ASSERT_EQ(R.Status, 200) << R.Body;
    for (const json &U : R.Body["Users"]["User"])
      Seen.push_back(U.value("UserName", ""));
    if (!R.Body.value("IsTruncated", false))
      break;
    Marker = R.Body.value("Marker", "");
  }
  ASSERT_EQ(Seen.size(), 25u);
  EXPECT_TRUE(std::is_sorted(Seen.begin(), Seen.end()));
  Resp Bad = rpc({{"Action", "ListUsers"}, {"Marker", "nobody"}});
  EXPECT_EQ(Bad.code(), "InvalidParameter.Marker");
}

} // namespace
} // namespace rtc::emulator::test
