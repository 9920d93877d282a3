//===- ConsoleOnlyTest.cpp - no engine call to an endpoint without them ---===//
//
// Against `--official-api-only` (the real service's API), the providers
// learn from a published call that engine install / uninstall / set-current
// do not exist, send none of them, and still read the versions with the
// published GetClusterEngineVersions.
//
//===----------------------------------------------------------------------===//
#include "ProviderTestSupport.h"

#include "rtc/Cloud/FoasClient.h"

namespace rtc::provider::test {
namespace {

class ConsoleOnly : public ProviderTest {
protected:
  state::ResourceState Cluster;
  void SetUp() override {
    Opts.OfficialApiOnly = official();
    ProviderTest::SetUp();
    ASSERT_EQ(admin("POST", "/_emulator/clusters",
                    {{"ClusterId", "cls-console"}, {"State", "running"}})
                  .Status,
              200);
    Cluster.Address = "cluster.c";
    Cluster.Kind = "cluster";
    Cluster.CloudId = "cls-console";
  }
  virtual bool official() const { return true; }

  std::vector<std::string> versions() {
    cloud::FoasClient Foas(Cfg, "cn-hangzhou");
    auto V = Foas.getClusterEngineVersions("cls-console");
    std::vector<std::string> Out;
    if (V)
      for (const cloud::FoasEngineVersion &E : *V)
        Out.push_back(E.Version);
    else
      ADD_FAILURE() << llvm::toString(V.takeError());
    return Out;
  }
};

class WithExtensions : public ConsoleOnly {
  bool official() const override { return false; }
};

TEST_F(ConsoleOnly, TheOfficialApiAnnouncesNoEngineCalls) {
  cloud::FoasClient Foas(Cfg, "cn-hangzhou");
  auto Names = Foas.announcedExtensions();
  ASSERT_TRUE(static_cast<bool>(Names)) << llvm::toString(Names.takeError());
  EXPECT_TRUE(Names->empty());
  auto Calls = P->engineCallsAvailable();
  ASSERT_TRUE(static_cast<bool>(Calls));
  EXPECT_FALSE(*Calls);
}

TEST_F(ConsoleOnly, EngineOperationsSendNothingAndSaySo) {
  std::vector<std::string> Before = versions();
  EXPECT_EQ(codeOf(P->installEngine(Cluster, "blink-3.4.0", progress())),
            "ConsoleOnly");
  EXPECT_EQ(codeOf(P->setCurrentEngine(Cluster, "blink-3.4.0", progress())),
            "ConsoleOnly");
  EXPECT_EQ(codeOf(P->uninstallEngine(Cluster, Before.front(), progress())),
            "ConsoleOnly");
  // Had a call gone out, the emulator would have answered 404
  // InvalidAction.NotFound, not ConsoleOnly; nothing changed either.
  EXPECT_EQ(versions(), Before);
  auto Read = P->readEngines(Cluster);
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(Read->Installed, Before);
  EXPECT_EQ(Read->Current, Before.front());
}

TEST_F(WithExtensions, TheEmulatorAnnouncesThemAndTheyWork) {
  cloud::FoasClient Foas(Cfg, "cn-hangzhou");
  auto Names = Foas.announcedExtensions();
  ASSERT_TRUE(static_cast<bool>(Names)) << llvm::toString(Names.takeError());
  EXPECT_NE(std::find(Names->begin(), Names->end(), "engine-versions"),
            Names->end());
  auto Calls = P->engineCallsAvailable();
  ASSERT_TRUE(static_cast<bool>(Calls));
  EXPECT_TRUE(*Calls);
  EXPECT_FALSE(static_cast<bool>(
      P->setCurrentEngine(Cluster, versions().front(), progress())));
}

} // namespace
} // namespace rtc::provider::test
