// The emulator and `rtcc check` read the same stdlib tables
// (rtc/Domain/DomainFacts.h): what check refuses the emulator refuses with
// check's words, and what check accepts the emulator accepts.
#include "EmulatorTestSupport.h"

#include "rtc/Domain/DomainFacts.h"

namespace rtc::emulator::test {
namespace {

class EmulatorDomainDrift : public EmulatorTest {
protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seedWorld();
  }
  Resp buyWithMaster(const std::string &Model) {
    json B = {{"payModel", "pre"},    {"region", "cn-hangzhou"},
              {"masterSpec", Model},  {"masterNum", 3},
              {"slaveSpec", "8c32g"}, {"slaveNum", 2},
              {"period", 6}};
    return roa("POST", "/api/v2/realtime-compute/cell/buy", B);
  }
};

// 32c128g is a slave model only (machines.rtc); check says RTC0231.
TEST_F(EmulatorDomainDrift, RefusesASlaveOnlyModelAsMasterWithChecksText) {
  Resp R = buyWithMaster("Ecs_32c128g");
  EXPECT_EQ(R.Status, 400) << R.Body;
  EXPECT_EQ(R.code(), "InvalidParameter.MasterModel");
  EXPECT_EQ(R.message(), "`model` must be one of \"16c64g\", \"24c96g\", "
                         "\"4c16g\", \"8c32g\", found \"32c128g\"");
}

TEST_F(EmulatorDomainDrift, InstallsTheStdlibsBetaVersion) {
  std::string Cluster = runningCluster();
  Resp R = roa("PUT", "/api/v2/clusters/" + Cluster +
                          "/engineversions/blink-3.4.0-beta1");
  EXPECT_EQ(R.Status, 200) << R.Body;
}

// Every version engines.rtc catalogues is a name the emulator accepts.
TEST(DomainFacts, EngineCatalogueMatchesThePattern) {
  const domain::DomainFacts &F = domain::embeddedFacts();
  ASSERT_FALSE(F.EngineVersions.empty());
  for (const auto &[Name, Tag] : F.EngineVersions)
    EXPECT_TRUE(F.isEngineVersionName(Name)) << Name;
  EXPECT_FALSE(F.isEngineVersionName("blink-3"));
}

TEST(DomainFacts, MastersAreASubsetOfTheMachines) {
  const domain::DomainFacts &F = domain::embeddedFacts();
  ASSERT_FALSE(F.Machines.Masters.empty());
  EXPECT_EQ(F.Machines.findMaster("32c128g"), nullptr);
  EXPECT_NE(F.Machines.findSlave("32c128g"), nullptr);
  EXPECT_GT(F.Machines.MinSlaves, 0u);
  EXPECT_GT(F.MaxInstalledVersions, 0u);
}

TEST(DomainFacts, RendersErrorTextsFromErrorsRtc) {
  EXPECT_EQ(domain::embeddedFacts().errorText("version_already_installed",
                                              {{"version", "3.3.0"}}),
            "blink-3.3.0 already installed");
}

} // namespace
} // namespace rtc::emulator::test
