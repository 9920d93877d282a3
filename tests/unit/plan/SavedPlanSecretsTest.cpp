//===- SavedPlanSecretsTest.cpp - secrets in saved plans ------------------===//
//
// A saved plan keeps sensitive attribute values only as salted hashes, and
// `apply PLAN` puts the configured values back where they hash to them.
//
//===----------------------------------------------------------------------===//
#include "rtc/Plan/PlanJson.h"
#include "rtc/Plan/Planner.h"
#include "rtc/Plan/SavedPlan.h"
#include "rtc/State/Sensitive.h"

#include <gtest/gtest.h>

using namespace rtc;
using namespace rtc::plan;
using nlohmann::json;

namespace {

ir::Program userWithSecret(const std::string &Secret) {
  ir::Resource R;
  R.Kind = "user";
  R.Name = "app";
  R.Address = "user.app";
  R.Attributes = {{"name", "app"}, {"comments", "pw=" + Secret}};
  R.Sensitive = {"comments"};
  ir::Program P;
  P.Resources.push_back(std::move(R));
  return P;
}

Plan savedAndLoaded(const Plan &P) {
  std::string Text = toJson(P).dump(2);
  EXPECT_EQ(Text.find("s3cret"), std::string::npos) << Text;
  auto Loaded = planFromJson(Text, "plan.json");
  EXPECT_TRUE(static_cast<bool>(Loaded));
  return Loaded ? std::move(*Loaded) : Plan();
}

TEST(SavedPlanSecrets, TheFileHoldsOnlyHashes) {
  Plan P = makePlan(userWithSecret("s3cret"), nullptr);
  Plan L = savedAndLoaded(P);
  const ResourceChange *C = L.find("user.app");
  ASSERT_NE(C, nullptr);
  EXPECT_TRUE(state::isSensitiveHash(C->After["comments"]));
  EXPECT_EQ(C->After["name"], "app");
  for (const AttributeChange &A : C->AttributeChanges) {
    if (A.Path == "comments") {
      EXPECT_TRUE(state::isSensitiveHash(A.After));
    }
  }
}

TEST(SavedPlanSecrets, TheSameSecretIsPutBack) {
  ir::Program Prog = userWithSecret("s3cret");
  Plan L = savedAndLoaded(makePlan(Prog, nullptr));
  ASSERT_FALSE(static_cast<bool>(restoreSavedPlanSecrets(L, Prog)));
  const ResourceChange *C = L.find("user.app");
  ASSERT_NE(C, nullptr);
  EXPECT_EQ(C->After["comments"], "pw=s3cret");
  for (const AttributeChange &A : C->AttributeChanges) {
    if (A.Path == "comments") {
      EXPECT_EQ(A.After, "pw=s3cret");
    }
  }
}

TEST(SavedPlanSecrets, AnotherSecretIsRefused) {
  Plan L = savedAndLoaded(makePlan(userWithSecret("s3cret"), nullptr));
  llvm::Error E = restoreSavedPlanSecrets(L, userWithSecret("other"));
  ASSERT_TRUE(static_cast<bool>(E));
  std::string Msg = llvm::toString(std::move(E));
  EXPECT_NE(Msg.find("user.app.comments"), std::string::npos) << Msg;
  EXPECT_EQ(Msg.find("other"), std::string::npos) << Msg;
}

} // namespace
