// The examples' resources, as `rtcc check --emit=ir-json` gives them
// (Inputs/*.ir.json), applied in dependency order through the providers
// the way the executor does it: after each create, and after reading
// everything back, overlaying what the providers observed on the IR
// attributes changes nothing, so `rtcc plan` would show no change.
#include "ProviderTestSupport.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace rtc::provider::test {
namespace {

std::string inputPath(const std::string &Name) {
  std::string Dir = RTCC_PROVIDER_INPUTS;
  if (const char *Src = std::getenv("RTCC_SOURCE_DIR"))
    Dir = std::string(Src) + "/tests/unit/provider/Inputs";
  return Dir + "/" + Name;
}

json loadIr(const std::string &Name) {
  std::ifstream In(inputPath(Name));
  std::stringstream SS;
  SS << In.rdbuf();
  return json::parse(SS.str(), nullptr, false);
}

std::set<std::string> computedOf(const json &R) {
  std::set<std::string> Out;
  for (const json &C : R.value("computed", json::array()))
    Out.insert(C.get<std::string>());
  return Out;
}

class ExampleApply : public ProviderTest {
protected:
  /// What the executor would give for `builtin.AliyunStreamDefaultRole`:
  /// the stdlib's Custom template (builtin_policies.rtc).
  void addCustomBuiltin() {
    state::ResourceState B;
    B.Address = "builtin.AliyunStreamDefaultRole";
    B.Kind = "policy";
    B.CloudId = "AliyunStreamDefaultRole";
    B.Attributes = {
        {"type", "Custom"},
        {"statements",
         {{{"effect", "Allow"},
           {"actions", {"vpc:DescribeVpcs", "vpc:DescribeVSwitches"}},
           {"resources", {"*"}}},
          {{"effect", "Allow"},
           {"actions",
            {"ecs:CreateSecurityGroup", "ecs:AuthorizeSecurityGroup",
             "ecs:CreateNetworkInterface", "ecs:DescribeNetworkInterfaces",
             "ecs:AttachNetworkInterface", "ecs:DescribeNetworkInterfacePermissions",
             "ecs:CreateNetworkInterfacePermission"}},
           {"resources", {"*"}}}}}};
    State[B.Address] = B;
  }

  void seedNetwork(const std::string &Vpc, const std::string &Zone,
                   const std::string &VSwitch, const std::string &Bucket) {
    ASSERT_EQ(admin("POST", "/_emulator/vpcs",
                    {{"VpcId", "vpc-id-" + Vpc},
                     {"VpcName", Vpc},
                     {"Zones", {Zone}},
                     {"VSwitches", {{{"VSwitchId", VSwitch}, {"ZoneId", Zone}, {"FreeIps", 64}}}}})
                  .Status,
              200);
    ASSERT_EQ(admin("POST", "/_emulator/buckets", {{"Name", Bucket}}).Status, 200);
  }

  /// Creates every resource of the IR in dependency order, installs the
  /// extra engine versions a cluster lists (the plan's engine steps), then
  /// reads everything back.
  void applyAndCheck(const std::string &File) {
    json Ir = loadIr(File);
    ASSERT_TRUE(Ir.is_object()) << inputPath(File);
    std::vector<json> Pending(Ir["resources"].begin(), Ir["resources"].end());
    while (!Pending.empty()) {
      auto Ready = std::find_if(Pending.begin(), Pending.end(), [&](const json &R) {
        for (const json &Dep : R["dependencies"])
          if (!State.count(Dep.get<std::string>()))
            return false;
        return true;
      });
      ASSERT_NE(Ready, Pending.end()) << "dependency cycle";
      json R = *Ready;
      Pending.erase(Ready);
      applyOne(R);
      if (HasFatalFailure())
        return;
    }
    for (const json &R : Ir["resources"]) {
      std::string Addr = R["address"];
      const state::ResourceState &S = State.at(Addr);
      auto O = kind(S.Kind).read(S, refs());
      ASSERT_TRUE(static_cast<bool>(O)) << Addr << ": " << llvm::toString(O.takeError());
      ASSERT_TRUE(O->has_value()) << Addr << " is gone";
      EXPECT_EQ(withoutKeys(overlay(R["attributes"], (*O)->Attributes), computedOf(R)),
                withoutKeys(R["attributes"], computedOf(R)))
          << Addr << " read back " << (*O)->Attributes.dump();
    }
  }

  void applyOne(const json &R) {
    Desired D;
    D.Address = R["address"];
    D.Kind = R["kind"];
    D.Name = R["name"];
    D.Attributes = R["attributes"];
    D.Refs = refs();
    std::set<std::string> Computed = computedOf(R);
    auto O = kind(D.Kind).create(D, progress());
    ASSERT_TRUE(static_cast<bool>(O)) << D.Address << ": " << llvm::toString(O.takeError());
    bool Engines = D.Kind == "cluster" && D.Attributes.contains("engines");
    // A new cluster has one engine version; the others are plan steps.
    std::set<std::string> Skip = Computed;
    if (Engines)
      Skip.insert("engines");
    expectNoChange(D.Attributes, O->Attributes, Skip);
    state::ResourceState S = store(D, *O);
    if (!Engines)
      return;
    const json &Want = D.Attributes["engines"];
    for (const json &V : Want["installed"])
      mustOk(P->installEngine(S, V.get<std::string>(), progress()));
    mustOk(P->setCurrentEngine(S, Want["current"].get<std::string>(), progress()));
    // As the executor's engine step: the planned engines, then read back.
    S.Attributes = D.Attributes;
    auto Read = must(kind("cluster").read(S, refs()));
    ASSERT_TRUE(Read.has_value());
    expectNoChange(D.Attributes, Read->Attributes, Computed);
    store(D, *Read);
  }
};

TEST_F(ExampleApply, SharedTeamAppliesWithNoRemainingChange) {
  restartIn("cn-hangzhou");
  ASSERT_EQ(admin("POST", "/_emulator/orders",
                  {{"OrderId", "ord-team"},
                   {"Mode", "shared"},
                   {"Cu", 10},
                   {"Duration", 12}})
                .Status,
            200);
  applyAndCheck("shared-team.ir.json");
  EXPECT_EQ(count("User"), 2);
  EXPECT_EQ(count("Membership"), 2);
  EXPECT_EQ(count("Project"), 1);
}

TEST_F(ExampleApply, ExclusiveHaAppliesWithNoRemainingChange) {
  restartIn("cn-shanghai");
  seedNetwork("vpc-analytics", "cn-shanghai-e", "vsw-analytics-e", "acme-analytics-udf");
  ASSERT_EQ(admin("POST", "/_emulator/orders",
                  {{"OrderId", "ord-ha"}, {"Mode", "exclusive"},
                   {"MasterModel", "16c64g"}, {"MasterCount", 3},
                   {"SlaveModel", "16c64g"}, {"SlaveCount", 4}})
                .Status,
            200);
  addCustomBuiltin();
  applyAndCheck("exclusive-ha.ir.json");
  EXPECT_EQ(count("Cluster"), 1);
  EXPECT_EQ(count("Project"), 2);
  EXPECT_EQ(count("Job"), 1);
}

TEST_F(ExampleApply, EngineUpgradeAppliesWithBothVersionsInstalled) {
  restartIn("cn-hangzhou");
  seedNetwork("vpc-stream", "cn-hangzhou-h", "vsw-stream-h", "acme-stream-udf");
  ASSERT_EQ(admin("POST", "/_emulator/orders",
                  {{"OrderId", "ord-stream"}, {"Mode", "exclusive"}, {"SlaveCount", 2}})
                .Status,
            200);
  addCustomBuiltin();
  applyAndCheck("engine-upgrade.ir.json");
  EXPECT_EQ(count("Job"), 2);
}

} // namespace
} // namespace rtc::provider::test
