//===- EvaluatorTest.cpp - decisions of attached policies -----------------===//
#include "rtc/Policy/Evaluator.h"
#include "ReferenceEvaluator.h"
#include "gtest/gtest.h"
#include <random>

using namespace rtc::policy;

namespace {

PolicyStatement stmt(Effect E, std::vector<std::string> Actions,
                     std::vector<std::string> Resources,
                     bool Condition = false) {
  PolicyStatement S;
  S.Eff = E;
  for (auto &A : Actions)
    S.Actions.push_back({A, {}});
  for (auto &R : Resources)
    S.Resources.push_back({R, {}});
  S.HasCondition = Condition;
  return S;
}

PolicyDocument doc(std::string Name, std::vector<PolicyStatement> Ss) {
  PolicyDocument D;
  D.Name = std::move(Name);
  D.Statements = std::move(Ss);
  return D;
}

TEST(Evaluator, DeniesByDefault) {
  Decision D = evaluate({}, {"stream:GetProject", "acs:stream:*:*:clicks"});
  EXPECT_EQ(D.Kind, DecisionKind::ImplicitDeny);
  EXPECT_TRUE(D.Determining.empty());
  EXPECT_FALSE(D.allowed());
}

TEST(Evaluator, AllowNamesTheStatementAndTheChainThatAttachedIt) {
  PolicyDocument Dev =
      doc("stream_dev",
          {stmt(Effect::Allow, {"stream:*"}, {"acs:stream:*:*:clicks"}),
           stmt(Effect::Allow, {"ram:PassRole"}, {"acs:ram:*:*:*"})});
  std::vector<AttachedPolicy> Ps{
      {&Dev, {"user.alice", "group.devs", "policy.stream_dev"}}};
  Decision D = evaluate(Ps, {"stream:CreateJob", "acs:stream:*:*:clicks"});
  EXPECT_EQ(D.Kind, DecisionKind::Allow);
  ASSERT_EQ(D.Determining.size(), 1u);
  EXPECT_EQ(D.Determining[0].Statement, 0u);
  EXPECT_EQ(D.Determining[0].PolicyName, "stream_dev");
  EXPECT_EQ(D.Determining[0].Chain,
            (std::vector<std::string>{"user.alice", "group.devs",
                                      "policy.stream_dev"}));
}

TEST(Evaluator, ResourceOutsideTheGrantIsImplicitlyDenied) {
  PolicyDocument Dev =
      doc("d", {stmt(Effect::Allow, {"stream:*"}, {"acs:stream:*:*:clicks"})});
  Decision D =
      evaluate({{&Dev, {}}}, {"stream:CreateJob", "acs:stream:*:*:billing"});
  EXPECT_EQ(D.Kind, DecisionKind::ImplicitDeny);
}

TEST(Evaluator, ExplicitDenyWinsWhateverTheOrder) {
  PolicyDocument Allow =
      doc("allow", {stmt(Effect::Allow, {"stream:*"}, {"*"})});
  PolicyDocument Deny =
      doc("deny", {stmt(Effect::Deny, {"stream:Delete*"}, {"*"})});
  for (auto Ps : {std::vector<AttachedPolicy>{{&Allow, {}}, {&Deny, {}}},
                  std::vector<AttachedPolicy>{{&Deny, {}}, {&Allow, {}}}}) {
    Decision D =
        evaluate(Ps, {"stream:DeleteProject", "acs:stream:*:*:clicks"});
    EXPECT_EQ(D.Kind, DecisionKind::ExplicitDeny);
    ASSERT_EQ(D.Determining.size(), 1u);
    EXPECT_EQ(D.Determining[0].PolicyName, "deny");
    EXPECT_TRUE(evaluate(Ps, {"stream:GetProject", "x"}).allowed());
  }
}

TEST(Evaluator, ActionsMatchIgnoringCaseResourcesDoNot) {
  PolicyDocument P =
      doc("p",
          {stmt(Effect::Allow, {"ram:PassRole"}, {"acs:ram:*:*:role/Stream"})});
  EXPECT_TRUE(evaluate({{&P, {}}}, {"RAM:passrole", "acs:ram:*:*:role/Stream"})
                  .allowed());
  EXPECT_FALSE(evaluate({{&P, {}}}, {"ram:PassRole", "acs:ram:*:*:role/stream"})
                   .allowed());
}

TEST(Evaluator, ConditionalStatementsAreListedButNotApplied) {
  PolicyDocument P =
      doc("p", {stmt(Effect::Allow, {"stream:*"}, {"*"}, /*Condition=*/true),
                stmt(Effect::Deny, {"stream:*"}, {"*"}, /*Condition=*/true)});
  Decision D = evaluate({{&P, {}}}, {"stream:GetJob", "x"});
  EXPECT_EQ(D.Kind, DecisionKind::ImplicitDeny);
  EXPECT_EQ(D.Conditional.size(), 2u);
}

TEST(Evaluator, EveryMatchingAllowIsDetermining) {
  PolicyDocument A = doc("a", {stmt(Effect::Allow, {"stream:Get*"}, {"*"})});
  PolicyDocument B =
      doc("b", {stmt(Effect::Allow, {"stream:*"}, {"acs:stream:*:*:*"}),
                stmt(Effect::Allow, {"ram:*"}, {"*"})});
  Decision D = evaluate(
      {{&A, {"user.u", "policy.a"}}, {&B, {"user.u", "group.g", "policy.b"}}},
      {"stream:GetJob", "acs:stream:cn-hangzhou:1:clicks"});
  EXPECT_EQ(D.Kind, DecisionKind::Allow);
  ASSERT_EQ(D.Determining.size(), 2u);
  EXPECT_EQ(D.Determining[1].Policy, 1u);
  EXPECT_EQ(D.Determining[1].Chain.size(), 3u);
}

/// Random policies over a tiny vocabulary, so that matches are frequent.
class RandomPolicies {
public:
  explicit RandomPolicies(unsigned Seed) : Rng(Seed) {}

  std::string pattern(const std::vector<std::string> &Words) {
    std::string P = Words[pick(Words.size())];
    // Replace a few characters by wildcards, or append one.
    for (int I = pick(3); I > 0; --I) {
      size_t At = pick(P.size() + 1);
      const char *W = pick(2) ? "*" : "?";
      if (At < P.size() && pick(2))
        P.replace(At, 1, W);
      else
        P.insert(At, W);
    }
    return P;
  }
  std::string word(const std::vector<std::string> &Words) {
    std::string W = Words[pick(Words.size())];
    if (pick(4) == 0) // vary case; matters for actions only
      for (char &C : W)
        C = static_cast<char>(pick(2) ? std::toupper(C) : std::tolower(C));
    return W;
  }
  PolicyDocument policy(const std::vector<std::string> &Acts,
                        const std::vector<std::string> &Ress) {
    PolicyDocument D;
    D.Name = "p";
    for (int S = 1 + pick(4); S > 0; --S) {
      PolicyStatement St;
      St.Eff = pick(4) == 0 ? Effect::Deny : Effect::Allow;
      St.HasCondition = pick(8) == 0;
      for (int A = 1 + pick(3); A > 0; --A)
        St.Actions.push_back({pattern(Acts), {}});
      for (int R = 1 + pick(2); R > 0; --R)
        St.Resources.push_back({pattern(Ress), {}});
      D.Statements.push_back(St);
    }
    return D;
  }
  size_t pick(size_t N) {
    return std::uniform_int_distribution<size_t>(0, N - 1)(Rng);
  }

private:
  std::mt19937 Rng;
};

TEST(Evaluator, AgreesWithTheReferenceEvaluatorOnRandomPolicies) {
  const std::vector<std::string> Acts{"stream:GetJob", "stream:CreateJob",
                                      "ram:PassRole", "oss:GetObject"};
  const std::vector<std::string> Ress{"acs:stream:*:*:clicks",
                                      "acs:stream:r:1:Billing",
                                      "acs:ram:*:*:role/x", "*"};
  RandomPolicies Gen(20261125);
  unsigned Allowed = 0, Explicit = 0, Implicit = 0;
  for (int Round = 0; Round < 1500; ++Round) {
    std::vector<PolicyDocument> Docs;
    for (int P = 1 + static_cast<int>(Gen.pick(3)); P > 0; --P)
      Docs.push_back(Gen.policy(Acts, Ress));
    std::vector<AttachedPolicy> Attached;
    for (const PolicyDocument &D : Docs)
      Attached.push_back({&D, {"user.u"}});
    for (int Q = 0; Q < 12; ++Q) {
      Request Req{Gen.word(Acts), Gen.word(Ress)};
      Decision D = evaluate(Attached, Req);
      reference::Result Want = reference::decide(Attached, Req);
      ASSERT_EQ(D.Kind, Want.Kind)
          << "round " << Round << " " << Req.Action << " " << Req.Resource;
      std::set<std::pair<unsigned, unsigned>> Got, GotCond;
      for (const StatementRef &R : D.Determining)
        Got.insert({R.Policy, R.Statement});
      for (const StatementRef &R : D.Conditional)
        GotCond.insert({R.Policy, R.Statement});
      ASSERT_EQ(Got, Want.Determining) << "round " << Round;
      ASSERT_EQ(GotCond, Want.Conditional) << "round " << Round;
      Allowed += D.Kind == DecisionKind::Allow;
      Explicit += D.Kind == DecisionKind::ExplicitDeny;
      Implicit += D.Kind == DecisionKind::ImplicitDeny;
    }
  }
  // The generator must exercise every outcome, or the test proves little.
  EXPECT_GT(Allowed, 500u);
  EXPECT_GT(Explicit, 500u);
  EXPECT_GT(Implicit, 500u);
}

TEST(Evaluator, DecisionKindsHaveStableNames) {
  EXPECT_EQ(toString(DecisionKind::Allow), "Allow");
  EXPECT_EQ(toString(DecisionKind::ExplicitDeny), "ExplicitDeny");
  EXPECT_EQ(toString(DecisionKind::ImplicitDeny), "ImplicitDeny");
}

TEST(Evaluator, TakesActionAndResourceDirectly) {
  PolicyDocument P =
      doc("p", {stmt(Effect::Allow, {"ram:PassRole"}, {"acs:ram:*:*:*"})});
  EXPECT_TRUE(
      evaluate({{&P, {}}}, "ram:PassRole", "acs:ram:*:*:role/x").allowed());
  EXPECT_FALSE(
      evaluate({{&P, {}}}, "ram:CreateUser", "acs:ram:*:*:user/x").allowed());
}

} // namespace
