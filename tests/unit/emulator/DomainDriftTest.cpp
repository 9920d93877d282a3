// The emulator and `rtcc check` read the same stdlib tables
// (rtc/Domain/DomainFacts.h): what check refuses the emulator refuses with
// check's words, and what check accepts the emulator accepts.
#include "EmulatorTestSupport.h"

#include "rtc/Domain/DomainFacts.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cstdlib>
#include <regex>
#include <set>

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

/// Every `service:Action` the emulator's handlers authorise, read from
/// their sources (RTCC_SOURCE_DIR): authorize(...) and allowed(...). A
/// literal action is taken whole (both of a `?:`); an action built at run
/// time ("ram:AttachPolicyTo" + Kind) leaves its literal prefix in
/// Prefixes; anything else is counted in Unreadable, so no call escapes.
struct AuthorisedActions {
  std::set<std::string> Actions;
  std::set<std::string> Prefixes;
  unsigned Unreadable = 0;
};

AuthorisedActions scanEmulatorSources() {
  AuthorisedActions Out;
  const char *Src = std::getenv("RTCC_SOURCE_DIR");
  if (!Src)
    return Out;
  llvm::SmallString<256> Dir(Src);
  llvm::sys::path::append(Dir, "runtime", "emulator");
  std::error_code EC;
  static const std::regex Call(R"(\b(authorize|allowed)\(\s*([^,)]*))");
  static const std::regex Whole(R"re("([a-z]+:[A-Za-z]+)"(?!\s*\+))re");
  static const std::regex Prefix(R"re("([a-z]+:[A-Za-z]*)"\s*\+)re");
  static const std::regex Built(R"re(^std::string\("([a-z]+:[A-Za-z]*)"$)re");
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    if (llvm::sys::path::extension(It->path()) != ".cpp")
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(It->path());
    if (!Buf)
      continue;
    std::string Text = (*Buf)->getBuffer().str();
    for (std::sregex_iterator M(Text.begin(), Text.end(), Call), E; M != E;
         ++M) {
      std::string Arg = (*M)[2];
      // The definitions, and authorize() forwarding to allowed().
      if (Arg.rfind("const std::string", 0) == 0 || Arg == "Action")
        continue;
      std::smatch B;
      if (std::regex_match(Arg, B, Built)) { // std::string("ram:X") + Kind
        Out.Prefixes.insert(B[1]);
        continue;
      }
      bool Read = false;
      for (std::sregex_iterator L(Arg.begin(), Arg.end(), Whole), LE; L != LE;
           ++L, Read = true)
        Out.Actions.insert((*L)[1]);
      for (std::sregex_iterator L(Arg.begin(), Arg.end(), Prefix), LE; L != LE;
           ++L, Read = true)
        Out.Prefixes.insert((*L)[1]);
      if (!Read)
        ++Out.Unreadable;
    }
  }
  return Out;
}

// ram/actions.rtc is what check's policy analyzer knows: an action the
// emulator authorises but the catalogue lacks gets a false "unknown action".
TEST(DomainDrift, EveryAuthorisedActionIsInTheStdlibCatalogue) {
  AuthorisedActions A = scanEmulatorSources();
  ASSERT_GT(A.Actions.size(), 40u) << "RTCC_SOURCE_DIR unset or sources moved";
  EXPECT_EQ(A.Unreadable, 0u)
      << "an authorize() whose action this scan cannot read escapes the test";
  const policy::ActionCatalogue &C = domain::embeddedFacts().Actions;
  for (const std::string &Action : A.Actions) {
    llvm::StringRef Service, Name;
    std::tie(Service, Name) = llvm::StringRef(Action).split(':');
    EXPECT_TRUE(C.hasAction(Service, Name)) << Action;
  }
  // A built action: at least its literal part must name catalogue actions
  // (the suffixes are the emulator's principal kinds and job operations).
  for (const std::string &P : A.Prefixes) {
    llvm::StringRef Service, Start;
    std::tie(Service, Start) = llvm::StringRef(P).split(':');
    const std::vector<std::string> *Names = C.find(Service);
    ASSERT_NE(Names, nullptr) << P;
    EXPECT_TRUE(llvm::any_of(*Names, [&](const std::string &N) {
      return llvm::StringRef(N).startswith(Start);
    })) << P;
  }
}

} // namespace
} // namespace rtc::emulator::test
