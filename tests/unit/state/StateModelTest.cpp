//===- StateModelTest.cpp - state JSON, sensitive values, persist rules ---===//
#include "TestUtil.h"

#include "rtc/State/Duration.h"
#include "rtc/State/Sensitive.h"
#include "rtc/State/StateJson.h"
#include "rtc/State/StateManager.h"

using namespace rtc::state;
using namespace rtc::state::test;

namespace {

State sample() {
  State S;
  S.Serial = 7;
  S.Lineage = newLineage();
  ResourceState C = makeResource("cluster", "analytics", 3);
  C.Sensitive = {"password"};
  C.Attributes["password"] = "hunter2";
  ResourceState P = makeResource("project", "clicks", 12);
  P.Dependencies = {"cluster.analytics"};
  S.Resources = {P, C}; // unsorted on purpose
  S.Outputs["cluster_id"] = OutputState{"c-analytics", false};
  S.normalize();
  return S;
}

TEST(StateJson, RoundTripKeepsEverything) {
  State S = sample();
  auto Back = parseState(serializeState(S), "mem");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->Serial, 7u);
  EXPECT_EQ(Back->Lineage, S.Lineage);
  EXPECT_TRUE(Back->sameContent(S));
  ASSERT_NE(Back->find("project.clicks"), nullptr);
  EXPECT_EQ(Back->find("project.clicks")->Dependencies,
            std::vector<std::string>{"cluster.analytics"});
}

TEST(StateJson, OutputIsSortedAndDeterministic) {
  State A = sample();
  State B = A;
  std::reverse(B.Resources.begin(), B.Resources.end());
  std::string TA = serializeState(A), TB = serializeState(B);
  EXPECT_EQ(TA, TB);
  EXPECT_LT(TA.find("cluster.analytics"), TA.find("project.clicks"));
  EXPECT_LT(TA.find("\"format_version\""), TA.find("\"lineage\""));
}

TEST(StateJson, LayoutIsWhatJsonDumpWouldPrint) {
  State S = sample();
  S.Outputs["empty"] = OutputState{nlohmann::json::object(), true};
  S.find("cluster.analytics")->Attributes["nested"] = {
      {"list", {1, 2, {{"k", "v\n\"q\""}}}}, {"empty", nlohmann::json::array()}};
  std::string Text = serializeState(S);
  EXPECT_EQ(Text, nlohmann::json::parse(Text).dump(2) + "\n");
  State Empty;
  Empty.Lineage = newLineage();
  std::string E = serializeState(Empty);
  EXPECT_EQ(E, nlohmann::json::parse(E).dump(2) + "\n");
}

TEST(StateJson, ReplaceSerialRewritesOnlyTheSerial) {
  State S = sample();
  std::string Text = serializeState(S);
  ASSERT_TRUE(replaceSerial(Text, 12345));
  S.Serial = 12345;
  EXPECT_EQ(Text, serializeState(S));
}

TEST(StateJson, RejectsBrokenJsonNamingTheFile) {
  auto S = parseState("{\"serial\": ", "/x/state.json");
  ASSERT_FALSE(bool(S));
  std::string M = llvm::toString(S.takeError());
  EXPECT_NE(M.find("/x/state.json: not valid JSON"), std::string::npos) << M;
}

TEST(StateJson, RejectsWrongFieldTypeWithItsPath) {
  State S = sample();
  std::string T = serializeState(S);
  auto J = nlohmann::json::parse(T);
  J["resources"][1]["attributes"] = "oops";
  auto R = parseState(J.dump(), "f.json");
  ASSERT_FALSE(bool(R));
  std::string M = llvm::toString(R.takeError());
  EXPECT_NE(M.find("resources[1].attributes: expected an object, got string"),
            std::string::npos)
      << M;
}

TEST(StateJson, RejectsUnknownFieldsMissingSerialAndBadLineage) {
  auto J = nlohmann::json::parse(serializeState(sample()));
  auto Unknown = J;
  Unknown["extra"] = 1;
  auto R1 = parseState(Unknown.dump(), "f");
  EXPECT_EQ(idOf(R1), ErrId::err_state_invalid);
  auto NoSerial = J;
  NoSerial.erase("serial");
  auto R2 = parseState(NoSerial.dump(), "f");
  EXPECT_EQ(idOf(R2), ErrId::err_state_invalid);
  auto BadLineage = J;
  BadLineage["lineage"] = "not-a-uuid";
  auto R3 = parseState(BadLineage.dump(), "f");
  EXPECT_EQ(idOf(R3), ErrId::err_state_invalid);
  auto Negative = J;
  Negative["serial"] = -1;
  auto R4 = parseState(Negative.dump(), "f");
  EXPECT_EQ(idOf(R4), ErrId::err_state_invalid);
}

TEST(StateJson, RejectsFutureFormatVersion) {
  auto J = nlohmann::json::parse(serializeState(sample()));
  J["format_version"] = 99;
  auto R = parseState(J.dump(), "f");
  EXPECT_EQ(idOf(R), ErrId::err_state_version);
}

TEST(StateJson, RejectsDuplicateAddressesAndBadAddresses) {
  auto J = nlohmann::json::parse(serializeState(sample()));
  J["resources"].push_back(J["resources"][0]);
  auto R = parseState(J.dump(), "f");
  ASSERT_FALSE(bool(R));
  EXPECT_NE(llvm::toString(R.takeError()).find("appears twice"),
            std::string::npos);
  auto K = nlohmann::json::parse(serializeState(sample()));
  K["resources"][0]["address"] = "no-dots";
  auto R2 = parseState(K.dump(), "f");
  EXPECT_EQ(idOf(R2), ErrId::err_state_invalid);
}

TEST(StateModel, AddressValidation) {
  EXPECT_TRUE(isValidAddress("cluster.analytics"));
  EXPECT_TRUE(isValidAddress("module.net.cluster.a"));
  EXPECT_TRUE(isValidAddress("job.j[0]"));
  EXPECT_FALSE(isValidAddress("cluster"));
  EXPECT_FALSE(isValidAddress("cluster."));
  EXPECT_FALSE(isValidAddress("9x.y"));
  EXPECT_FALSE(isValidAddress("a.b[]"));
}

TEST(StateModel, LineageIsUuidV4) {
  std::string L = newLineage();
  ASSERT_EQ(L.size(), 36u);
  EXPECT_EQ(L[14], '4');
  EXPECT_NE(L, newLineage());
}

TEST(Sensitive, HashNeverContainsTheClearValue) {
  nlohmann::json H = hashSensitive("hunter2");
  EXPECT_TRUE(isSensitiveHash(H));
  EXPECT_EQ(H.dump().find("hunter2"), std::string::npos);
}

TEST(Sensitive, MatchesSameValueOnlyAndSaltsDiffer) {
  nlohmann::json H = hashSensitive("hunter2");
  EXPECT_TRUE(sensitiveMatches(H, "hunter2"));
  EXPECT_FALSE(sensitiveMatches(H, "hunter3"));
  EXPECT_FALSE(sensitiveMatches(H, nlohmann::json(7)));
  EXPECT_NE(hashSensitive("hunter2"), H); // random salt
  EXPECT_EQ(hashSensitive("x", "abc"), hashSensitive("x", "abc"));
}

TEST(Sensitive, RedactReusesPriorHashForUnchangedSecret) {
  State Prior = sample();
  redactSensitive(Prior, nullptr);
  const auto &PH = Prior.find("cluster.analytics")->Attributes["password"];
  ASSERT_TRUE(isSensitiveHash(PH));

  State Same = sample();
  redactSensitive(Same, &Prior);
  EXPECT_EQ(Same.find("cluster.analytics")->Attributes["password"], PH);

  State Changed = sample();
  Changed.find("cluster.analytics")->Attributes["password"] = "new-secret";
  redactSensitive(Changed, &Prior);
  const auto &CH = Changed.find("cluster.analytics")->Attributes["password"];
  EXPECT_TRUE(isSensitiveHash(CH));
  EXPECT_NE(CH, PH);
}

TEST(Sensitive, SensitiveOutputsAreHashed) {
  State S = sample();
  S.Outputs["token"] = OutputState{"s3cr3t", true};
  redactSensitive(S, nullptr);
  EXPECT_TRUE(isSensitiveHash(S.Outputs["token"].Value));
  EXPECT_EQ(serializeState(S).find("s3cr3t"), std::string::npos);
}

TEST(PersistRules, FirstWriteGetsSerialOneAndALineage) {
  State S;
  auto D = decidePersist(std::nullopt, S, {});
  ASSERT_TRUE(bool(D));
  EXPECT_TRUE(D->Write);
  EXPECT_EQ(D->NewSerial, 1u);
  EXPECT_EQ(D->NewLineage.size(), 36u);
}

TEST(PersistRules, UnchangedContentDoesNotBumpSerial) {
  State Stored = sample();
  redactSensitive(Stored, nullptr); // stored states never hold secrets
  auto D = decidePersist(Stored, Stored, {});
  ASSERT_TRUE(bool(D));
  EXPECT_FALSE(D->Write);
  EXPECT_EQ(D->NewSerial, 7u);
}

TEST(PersistRules, ChangedContentBumpsSerialKeepsLineage) {
  State Stored = sample();
  State In = Stored;
  In.remove("project.clicks");
  auto D = decidePersist(Stored, In, {});
  ASSERT_TRUE(bool(D));
  EXPECT_TRUE(D->Write);
  EXPECT_EQ(D->NewSerial, 8u);
  EXPECT_EQ(D->NewLineage, Stored.Lineage);
}

TEST(PersistRules, RefusesOtherLineageAndOlderSerialUnlessForced) {
  State Stored = sample();
  State Other = sample(); // new lineage
  auto D1 = decidePersist(Stored, Other, {});
  EXPECT_EQ(idOf(D1), ErrId::err_lineage_mismatch);
  State Old = Stored;
  Old.Serial = 6;
  Old.remove("project.clicks");
  auto D2 = decidePersist(Stored, Old, {});
  EXPECT_EQ(idOf(D2), ErrId::err_stale_serial);
  PersistOptions F;
  F.Force = true;
  auto D3 = decidePersist(Stored, Old, F);
  ASSERT_TRUE(bool(D3));
  EXPECT_TRUE(D3->Write);
  EXPECT_EQ(D3->NewSerial, 8u);
}

TEST(PersistRules, NewerPushedSerialIsKept) {
  State Stored = sample();
  State In = Stored;
  In.Serial = 42;
  In.remove("project.clicks");
  auto D = decidePersist(Stored, In, {});
  ASSERT_TRUE(bool(D));
  EXPECT_EQ(D->NewSerial, 42u);
}

TEST(Duration, ParsesUnitsAndRejectsGarbage) {
  auto Ms = [](const char *T) {
    auto D = parseDuration(T);
    return D ? D->count() : (llvm::consumeError(D.takeError()), -1LL);
  };
  EXPECT_EQ(Ms("30s"), 30000);
  EXPECT_EQ(Ms("2m"), 120000);
  EXPECT_EQ(Ms("1m30s"), 90000);
  EXPECT_EQ(Ms("500ms"), 500);
  EXPECT_EQ(Ms("1h"), 3600000);
  EXPECT_EQ(Ms("0"), 0);
  EXPECT_EQ(Ms("1.5s"), 1500);
  EXPECT_EQ(Ms("30"), -1);
  EXPECT_EQ(Ms("s"), -1);
  EXPECT_EQ(Ms("10x"), -1);
  EXPECT_EQ(Ms(""), -1);
}

TEST(LockErrors, MessageNamesHolderOperationAndId) {
  LockInfo I;
  I.ID = "id-1";
  I.Who = "alice@host";
  I.Operation = "apply";
  I.Created = "2026-01-01T00:00:00Z";
  I.Pid = 4242;
  std::string M = llvm::toString(makeLockError(I, false));
  EXPECT_EQ(M, "state is locked by alice@host (operation apply, since "
               "2026-01-01T00:00:00Z, id id-1)");
  std::string S = llvm::toString(makeLockError(I, true));
  EXPECT_NE(S.find("held by pid 4242 which is no longer running"),
            std::string::npos);
  llvm::Error E = makeLockError(I, true);
  std::string Hint;
  llvm::handleAllErrors(std::move(E),
                        [&](const LockError &L) { Hint = L.hint(); });
  EXPECT_NE(Hint.find("rtcc force-unlock id-1"), std::string::npos);
}

} // namespace
