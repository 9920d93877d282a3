// rtcc's own cloud clients (rtc/Cloud/RamClient.h, FoasClient.h) against the
// emulator: the two halves must agree on the wire.
#include "EmulatorTestSupport.h"

#include "rtc/Cloud/CloudError.h"
#include "rtc/Cloud/FoasClient.h"
#include "rtc/Cloud/RamClient.h"

namespace rtc::emulator::test {
namespace {

class EmulatorClientInterop : public EmulatorTest {
protected:
  cloud::ClientConfig Cfg;
  void SetUp() override {
    EmulatorTest::SetUp();
    seedWorld();
    Cfg.Creds = {Main.Id, Main.Secret, ""};
    auto Ep = cloud::Endpoint::parse(E->baseUrl());
    ASSERT_TRUE(static_cast<bool>(Ep));
    Cfg.EndpointOverride = *Ep;
  }
  static std::string codeOf(llvm::Error Err) {
    std::string Code;
    llvm::handleAllErrors(std::move(Err), [&](const cloud::CloudError &C) { Code = C.Code; },
                          [&](const llvm::ErrorInfoBase &B) { Code = "other: " + B.message(); });
    return Code;
  }
};

TEST_F(EmulatorClientInterop, RamClientCreatesListsAndReportsErrors) {
  cloud::RamClient Ram(Cfg);
  auto U = Ram.createUser({"alice", "Alice", "", "", ""});
  ASSERT_TRUE(static_cast<bool>(U)) << llvm::toString(U.takeError());
  for (const char *N : {"bob", "carol", "dave"})
    ASSERT_TRUE(static_cast<bool>(Ram.createUser({N, "", "", "", ""})));
  auto All = Ram.listAllUsers();
  ASSERT_TRUE(static_cast<bool>(All)) << llvm::toString(All.takeError());
  EXPECT_EQ(All->size(), 4u);
  auto Missing = Ram.getUser("ghost");
  ASSERT_FALSE(static_cast<bool>(Missing));
  EXPECT_EQ(codeOf(Missing.takeError()), "EntityNotExist.User");
  std::string Doc = R"({"Version":"1","Statement":[{"Action":"stream:*","Resource":"acs:stream:*:*:)" +
                    std::string(5000, 'x') + R"(","Effect":"Allow"}]})";
  auto P = Ram.createPolicy({"big-policy", Doc, ""});
  EXPECT_TRUE(static_cast<bool>(P)) << llvm::toString(P.takeError());
}

TEST_F(EmulatorClientInterop, FoasClientDrivesClusterProjectAndJob) {
  cloud::FoasClient Foas(Cfg, "cn-hangzhou");
  cloud::CreateClusterInput In;
  In.OrderId = "ord-1";
  In.DisplayName = "analytics";
  In.ZoneId = "cn-hangzhou-h";
  In.UserVpcId = "vpc-prod";
  In.UserVSwitch = "vsw-a";
  In.UserOssBucket = "acme-udf";
  auto Id = Foas.createCluster(In);
  ASSERT_TRUE(static_cast<bool>(Id)) << llvm::toString(Id.takeError());
  auto D = Foas.getClusterDetails(*Id);
  ASSERT_TRUE(static_cast<bool>(D)) << llvm::toString(D.takeError());
  EXPECT_EQ(D->State, "starting");
  EXPECT_EQ(D->Slave.Count, 4);
  EXPECT_EQ(D->SlaveInstanceIds.size(), 4u);
  advance(1800);
  ASSERT_FALSE(static_cast<bool>(Foas.installEngineVersion(*Id, "blink-2.2.6-hotfix0")));
  EXPECT_EQ(codeOf(Foas.installEngineVersion(*Id, "blink-3.4.0")), "EngineVersionDeploying");
  advance(600);
  auto Versions = Foas.getClusterEngineVersions(*Id);
  ASSERT_TRUE(static_cast<bool>(Versions));
  EXPECT_EQ(Versions->size(), 2u);

  cloud::CreateProjectInput P;
  P.Name = "clicks";
  P.ClusterId = *Id;
  P.Cu = 12;
  ASSERT_FALSE(static_cast<bool>(Foas.createProject(P)));
  cloud::CreateJobInput J;
  J.ProjectName = "clicks";
  J.JobName = "sessionize";
  J.EngineVersion = "blink-2.2.6-hotfix0";
  J.SqlCode = "INSERT INTO b SELECT * FROM a";
  ASSERT_FALSE(static_cast<bool>(Foas.createJob(J)));
  ASSERT_FALSE(static_cast<bool>(Foas.commitJob("clicks", "sessionize")));
  ASSERT_FALSE(static_cast<bool>(Foas.startJob("clicks", "sessionize")));
  auto Job = Foas.getJob("clicks", "sessionize");
  ASSERT_TRUE(static_cast<bool>(Job));
  EXPECT_EQ(Job->Status, "RUNNING");
  EXPECT_EQ(codeOf(Foas.uninstallEngineVersion(*Id, "blink-2.2.6-hotfix0")), "EngineVersionInUse");

  cloud::ShrinkClusterInput S;
  S.TargetCount = 2;
  S.Model = "8c32g";
  ASSERT_FALSE(static_cast<bool>(Foas.shrinkCluster(*Id, S)));
  auto After = Foas.getClusterDetails(*Id);
  ASSERT_TRUE(static_cast<bool>(After));
  EXPECT_EQ(After->UsableCu, 12);
}

// rtcc's client percent-encodes path segments and signs the path as sent;
// the emulator signed the decoded path, so a job "my job" could be created
// but never read or deleted (SignatureDoesNotMatch).
TEST_F(EmulatorClientInterop, FoasClientAddressesJobsWhoseNamesNeedEncoding) {
  cloud::FoasClient Foas(Cfg, "cn-hangzhou");
  cloud::CreateProjectInput P;
  ASSERT_EQ(admin("POST", "/_emulator/orders",
                  {{"OrderId", "ord-shared"}, {"Mode", "shared"}, {"Cu", 2}})
                .Status,
            200);
  P.Name = "encoded";
  P.DeployType = "public";
  P.OrderId = "ord-shared";
  ASSERT_FALSE(static_cast<bool>(Foas.createProject(P)));
  for (const char *Name : {"my job", "作业-1", "a+b=c&d"}) {
    cloud::CreateJobInput J;
    J.ProjectName = "encoded";
    J.JobName = Name;
    J.SqlCode = "INSERT INTO b SELECT * FROM a";
    ASSERT_FALSE(static_cast<bool>(Foas.createJob(J))) << Name;
    auto Job = Foas.getJob("encoded", Name);
    ASSERT_TRUE(static_cast<bool>(Job)) << Name << ": " << llvm::toString(Job.takeError());
    EXPECT_EQ(Job->JobName, Name);
    EXPECT_FALSE(static_cast<bool>(Foas.deleteJob("encoded", Name))) << Name;
  }
  EXPECT_FALSE(static_cast<bool>(Foas.deleteProject("encoded")));
}

} // namespace
} // namespace rtc::emulator::test
