// RAM providers (user, group, group_membership, policy, policy_attachment,
// role) against the emulator: create, read, update, import, remove, and the
// idempotency the executor relies on.
#include "ProviderTestSupport.h"

#include "rtc/Cloud/RamClient.h"

namespace rtc::provider::test {
namespace {

class RamProviders : public ProviderTest {
protected:
  std::unique_ptr<cloud::RamClient> Ram;
  void SetUp() override {
    ProviderTest::SetUp();
    Ram = std::make_unique<cloud::RamClient>(Cfg);
  }

  std::vector<std::string> attachedTo(cloud::PrincipalKind K,
                                      const std::string &Name) {
    std::vector<std::string> Out;
    for (const cloud::RamPolicy &P : must(Ram->listPoliciesFor(K, Name)))
      Out.push_back(P.PolicyType + ":" + P.PolicyName);
    std::sort(Out.begin(), Out.end());
    return Out;
  }
};

const std::set<std::string> UserComputed = {"id"};
const std::set<std::string> PolicyComputed = {"default_version"};
const std::set<std::string> RoleComputed = {"arn", "id"};

json devStatements(const std::string &Project = "clicks") {
  return json::array({{{"effect", "Allow"},
                       {"actions", {"stream:*"}},
                       {"resources", {"acs:stream:*:*:" + Project}}},
                      {{"effect", "Allow"},
                       {"actions", {"ram:PassRole"}},
                       {"resources", {"acs:ram:*:*:*"}}}});
}

//--- user ------------------------------------------------------------------

TEST_F(RamProviders, UserCreateReadUpdateImportRemove) {
  json A = {{"name", "alice"},
            {"display_name", "Alice"},
            {"email", "alice@example.com"}};
  state::ResourceState S = create("user.alice", A, UserComputed);
  EXPECT_EQ(S.CloudId, "alice");
  std::string UserId = S.Attributes.value("id", "");
  EXPECT_FALSE(UserId.empty());
  ASSERT_TRUE(read("user.alice", UserComputed).has_value());

  // Every updatable attribute, a rename included; a dropped email is cleared.
  json B = {{"name", "alice2"},
            {"display_name", "Alice B"},
            {"mobile", "86-1380000"},
            {"comments", "team lead"}};
  S = update("user.alice", B, UserComputed);
  EXPECT_EQ(S.CloudId, "alice2");
  EXPECT_EQ(S.Attributes.value("id", ""), UserId); // same user, renamed
  EXPECT_FALSE(S.Attributes.contains("email"));
  cloud::RamUser U = must(Ram->getUser("alice2"));
  EXPECT_EQ(U.DisplayName, "Alice B");
  EXPECT_EQ(U.MobilePhone, "86-1380000");
  EXPECT_EQ(U.Comments, "team lead");
  EXPECT_EQ(U.Email, "");
  ASSERT_TRUE(read("user.alice", UserComputed).has_value());

  Desired D = desired("user.alice", B);
  Observed I = must(kind("user").importById("alice2", &D));
  EXPECT_EQ(I.CloudId, "alice2");
  expectNoChange(B, I.Attributes, UserComputed);

  mustOk(kind("user").remove(S, progress()));
  EXPECT_EQ(count("User"), 0);
  mustOk(kind("user").remove(S, progress())); // already gone: fine
  EXPECT_FALSE(must(kind("user").read(S, refs())).has_value());
}

TEST_F(RamProviders, UserCreateTwiceMakesOneUserAndAdoptsIt) {
  create("user.bob", {{"name", "bob"}}, UserComputed);
  // A crash between the cloud call and the state write: create again.
  state::ResourceState S = createAgain(
      "user.bob", {{"name", "bob"}, {"comments", "again"}}, UserComputed);
  EXPECT_EQ(count("User"), 1);
  EXPECT_EQ(must(Ram->getUser("bob")).Comments, "again");
  EXPECT_EQ(S.CloudId, "bob");
}

TEST_F(RamProviders, UserCreateWithoutARecordedIntentRefusesToAdopt) {
  create("user.dora", {{"name", "dora"}}, UserComputed);
  Desired D = desired("user.dora", {{"name", "dora"}, {"comments", "stolen"}});
  auto O = kind("user").create(D, progress());
  ASSERT_FALSE(static_cast<bool>(O));
  std::string Message = llvm::toString(O.takeError());
  EXPECT_NE(Message.find("\"dora\" already exists in the cloud and is not "
                         "managed by this state; to manage it, run rtcc "
                         "import user.dora dora"),
            std::string::npos)
      << Message;
  EXPECT_EQ(must(Ram->getUser("dora")).Comments, "");
  EXPECT_EQ(count("User"), 1);
}

TEST_F(RamProviders, UserReadShowsChangesMadeOutsideRtcc) {
  state::ResourceState S =
      create("user.carol", {{"name", "carol"}, {"display_name", "Carol"}},
             UserComputed);
  cloud::UpdateUserInput In;
  In.UserName = "carol";
  In.NewDisplayName = "Someone else";
  In.NewEmail = "x@example.com";
  ASSERT_TRUE(static_cast<bool>(Ram->updateUser(In)));
  auto O = must(kind("user").read(S, refs()));
  ASSERT_TRUE(O.has_value());
  EXPECT_EQ(O->Attributes.value("display_name", ""), "Someone else");
  EXPECT_EQ(O->Attributes.value("email", ""), "x@example.com");
}

TEST_F(RamProviders, UserWithoutDisplayNameReportsNoneThoughRamShowsTheName) {
  state::ResourceState S = create("user.dan", {{"name", "dan"}}, UserComputed);
  EXPECT_EQ(must(Ram->getUser("dan")).DisplayName, "dan");
  EXPECT_FALSE(S.Attributes.contains("display_name"));
}

//--- group -----------------------------------------------------------------

TEST_F(RamProviders, GroupCreateReadUpdateImportRemove) {
  state::ResourceState S = create("group.devs", {{"name", "stream-devs"}});
  EXPECT_EQ(S.CloudId, "stream-devs");
  createAgain("group.devs", {{"name", "stream-devs"}}); // twice: one group
  EXPECT_EQ(count("Group"), 1);
  ASSERT_TRUE(read("group.devs").has_value());

  json B = {{"name", "stream-devs-2"}, {"comments", "developers"}};
  S = update("group.devs", B);
  EXPECT_EQ(S.CloudId, "stream-devs-2");
  EXPECT_EQ(must(Ram->getGroup("stream-devs-2")).Comments, "developers");
  ASSERT_TRUE(read("group.devs").has_value());

  Desired D = desired("group.devs", B);
  Observed I = must(kind("group").importById("stream-devs-2", &D));
  expectNoChange(B, I.Attributes, {});

  mustOk(kind("group").remove(S, progress()));
  mustOk(kind("group").remove(S, progress()));
  EXPECT_EQ(count("Group"), 0);
  EXPECT_FALSE(must(kind("group").read(S, refs())).has_value());
}

//--- group_membership ------------------------------------------------------

TEST_F(RamProviders, GroupMembershipCreateReadImportRemove) {
  create("user.alice", {{"name", "alice"}}, UserComputed);
  create("group.devs", {{"name", "devs"}});
  json A = {{"group", "group.devs"}, {"user", "user.alice"}};
  state::ResourceState S = create("group_membership.alice_devs", A);
  EXPECT_EQ(S.CloudId, "devs/alice");
  create("group_membership.alice_devs", A); // already a member: fine
  EXPECT_EQ(count("Membership"), 1);
  ASSERT_TRUE(read("group_membership.alice_devs").has_value());
  S = update("group_membership.alice_devs", A);

  Desired D = desired("group_membership.alice_devs", A);
  Observed I = must(kind("group_membership").importById("devs/alice", &D));
  EXPECT_EQ(I.Attributes, A);
  EXPECT_EQ(codeOf(kind("group_membership").importById("devs", &D).takeError()),
            "InvalidId");

  mustOk(kind("group_membership").remove(S, progress()));
  mustOk(kind("group_membership").remove(S, progress()));
  EXPECT_EQ(count("Membership"), 0);
  EXPECT_FALSE(must(kind("group_membership").read(S, refs())).has_value());
}

TEST_F(RamProviders, GroupMembershipFollowsAUserRenamedInPlace) {
  create("user.alice", {{"name", "alice"}}, UserComputed);
  create("group.devs", {{"name", "devs"}});
  state::ResourceState S = create(
      "group_membership.m", {{"group", "group.devs"}, {"user", "user.alice"}});
  update("user.alice", {{"name", "alicia"}}, UserComputed);
  EXPECT_EQ(must(Ram->getUser("alicia")).DisplayName, "alicia");
  auto O = must(kind("group_membership").read(S, refs()));
  ASSERT_TRUE(O.has_value());
  EXPECT_EQ(O->CloudId, "devs/alicia");
  EXPECT_EQ(O->Attributes, S.Attributes);
}

//--- policy ----------------------------------------------------------------

TEST_F(RamProviders, PolicyFromStatementsReadsBackAsTheSameStatements) {
  json A = {{"name", "clicks-dev"},
            {"type", "Custom"},
            {"statements", devStatements()}};
  state::ResourceState S = create("policy.dev", A, PolicyComputed);
  EXPECT_EQ(S.CloudId, "clicks-dev");
  EXPECT_EQ(S.Attributes.value("default_version", ""), "v1");
  cloud::RamPolicy P = must(Ram->getPolicy("clicks-dev"));
  ASSERT_TRUE(P.DefaultPolicyVersion.has_value());
  json Doc = json::parse(P.DefaultPolicyVersion->PolicyDocument);
  EXPECT_EQ(Doc["Version"], "1");
  EXPECT_EQ(Doc["Statement"][0]["Effect"], "Allow");
  EXPECT_EQ(Doc["Statement"][0]["Action"], json({"stream:*"}));
  ASSERT_TRUE(read("policy.dev", PolicyComputed).has_value());
  createAgain("policy.dev", A,
              PolicyComputed); // twice: adopted, no new version
  EXPECT_EQ(count("Policy"), 1);
  EXPECT_EQ(must(Ram->listPolicyVersions("clicks-dev")).size(), 1u);
}

TEST_F(RamProviders, PolicyUpdateAddsVersionsAndKeepsRamsLimitOfFive) {
  json A = {
      {"name", "dev"}, {"type", "Custom"}, {"statements", devStatements("p0")}};
  create("policy.dev", A, PolicyComputed);
  for (int I = 1; I <= 7; ++I) {
    A["statements"] = devStatements("p" + std::to_string(I));
    state::ResourceState S = update("policy.dev", A, PolicyComputed);
    EXPECT_EQ(S.Attributes.value("default_version", ""),
              "v" + std::to_string(I + 1));
  }
  auto Versions = must(Ram->listPolicyVersions("dev"));
  EXPECT_EQ(Versions.size(), 5u);
  ASSERT_TRUE(read("policy.dev", PolicyComputed).has_value());
  // Unchanged statements: no new version.
  update("policy.dev", A, PolicyComputed);
  EXPECT_EQ(must(Ram->getPolicy("dev")).DefaultVersion, "v8");

  Desired D = desired("policy.dev", A);
  Observed I = must(kind("policy").importById("dev", &D));
  expectNoChange(A, I.Attributes, PolicyComputed);

  // Remove deletes the other versions first, as RAM requires.
  mustOk(kind("policy").remove(State.at("policy.dev"), progress()));
  mustOk(kind("policy").remove(State.at("policy.dev"), progress()));
  EXPECT_EQ(count("Policy"), 0);
  EXPECT_FALSE(
      must(kind("policy").read(State.at("policy.dev"), refs())).has_value());
}

TEST_F(RamProviders, PolicyFromRawDocumentKeepsTheConfiguredSpelling) {
  std::string Doc =
      "{ \"Version\": \"1\", \"Statement\": [ {\"Effect\": \"Allow\", "
      "\"Action\": \"oss:GetObject\", \"Resource\": \"*\", "
      "\"Condition\": {\"IpAddress\": {\"acs:SourceIp\": \"10.0.0.0/8\"}}} ] }";
  json A = {{"name", "raw"},
            {"type", "Custom"},
            {"document", Doc},
            {"description", "raw doc"}};
  state::ResourceState S = create("policy.raw", A, PolicyComputed);
  EXPECT_EQ(S.Attributes.value("document", ""), Doc);
  EXPECT_EQ(must(Ram->getPolicy("raw")).Description, "raw doc");
  ASSERT_TRUE(read("policy.raw", PolicyComputed).has_value());
}

TEST_F(RamProviders, SystemPolicyIsCheckedNeverCreatedOrDeleted) {
  json A = {{"name", "AliyunOSSFullAccess"}, {"type", "System"}};
  state::ResourceState S = create("policy.oss", A, PolicyComputed);
  EXPECT_EQ(count("Policy"), 0);
  ASSERT_TRUE(read("policy.oss", PolicyComputed).has_value());
  mustOk(kind("policy").remove(S, progress()));
  EXPECT_TRUE(static_cast<bool>(
      Ram->getPolicy("AliyunOSSFullAccess", cloud::PolicyType::System)));
  Desired Missing =
      desired("policy.nope", {{"name", "NoSuchPolicy"}, {"type", "System"}});
  EXPECT_EQ(codeOf(kind("policy").create(Missing, progress()).takeError()),
            "EntityNotExist.Policy");
}

//--- policy_attachment -----------------------------------------------------

TEST_F(RamProviders, PolicyAttachmentToGroupCreateReadImportRemove) {
  create("group.devs", {{"name", "devs"}});
  create("policy.dev",
         {{"name", "dev"}, {"type", "Custom"}, {"statements", devStatements()}},
         PolicyComputed);
  json A = {{"policy", "policy.dev"}, {"group", "group.devs"}};
  state::ResourceState S = create("policy_attachment.devs", A);
  EXPECT_EQ(S.CloudId, "Group/devs/Custom/dev");
  create("policy_attachment.devs", A); // already attached: fine
  EXPECT_EQ(count("Attachment"), 1);
  ASSERT_TRUE(read("policy_attachment.devs").has_value());
  update("policy_attachment.devs", A);

  Desired D = desired("policy_attachment.devs", A);
  Observed I =
      must(kind("policy_attachment").importById("Group/devs/Custom/dev", &D));
  EXPECT_EQ(I.Attributes, A);

  mustOk(kind("policy_attachment").remove(S, progress()));
  mustOk(kind("policy_attachment").remove(S, progress()));
  EXPECT_EQ(count("Attachment"), 0);
  EXPECT_FALSE(must(kind("policy_attachment").read(S, refs())).has_value());
}

TEST_F(RamProviders, PolicyAttachmentOfABuiltinSystemPolicyToAUser) {
  create("user.alice", {{"name", "alice"}}, UserComputed);
  json A = {{"policy", "builtin.AliyunStreamFullAccess"},
            {"user", "user.alice"}};
  state::ResourceState S = create("policy_attachment.a", A);
  EXPECT_EQ(S.CloudId, "User/alice/System/AliyunStreamFullAccess");
  EXPECT_EQ(attachedTo(cloud::PrincipalKind::User, "alice"),
            std::vector<std::string>{"System:AliyunStreamFullAccess"});
  // policy_type given explicitly is reported back.
  mustOk(kind("policy_attachment").remove(S, progress()));
  json B = A;
  B["policy_type"] = "System";
  create("policy_attachment.a", B);
  EXPECT_EQ(count("Attachment"), 1);
}

//--- role ------------------------------------------------------------------

TEST_F(RamProviders, RoleCreateReadUpdateImportRemove) {
  create("policy.dev",
         {{"name", "dev"}, {"type", "Custom"}, {"statements", devStatements()}},
         PolicyComputed);
  json A = {{"name", "AliyunStreamDefaultRole"},
            {"trust", {"stream.aliyuncs.com"}},
            {"max_session_duration", 3600},
            {"policies", {"builtin.AliyunStreamRolePolicy", "policy.dev"}}};
  state::ResourceState S = create("role.stream", A, RoleComputed);
  EXPECT_EQ(S.CloudId, "AliyunStreamDefaultRole");
  EXPECT_EQ(S.Attributes.value("arn", ""),
            "acs:ram::1234567890123456:role/aliyunstreamdefaultrole");
  EXPECT_FALSE(S.Attributes.value("id", "").empty());
  EXPECT_EQ(attachedTo(cloud::PrincipalKind::Role, "AliyunStreamDefaultRole"),
            (std::vector<std::string>{"Custom:dev",
                                      "System:AliyunStreamRolePolicy"}));
  json Trust = json::parse(
      must(Ram->getRole("AliyunStreamDefaultRole")).AssumeRolePolicyDocument);
  EXPECT_EQ(Trust["Statement"][0]["Action"], "sts:AssumeRole");
  EXPECT_EQ(Trust["Statement"][0]["Principal"]["Service"],
            json({"stream.aliyuncs.com"}));
  createAgain("role.stream", A, RoleComputed); // twice: adopted
  EXPECT_EQ(count("Role"), 1);
  ASSERT_TRUE(read("role.stream", RoleComputed).has_value());

  json B = {
      {"name", "AliyunStreamDefaultRole"},
      {"trust", {"stream.aliyuncs.com", "ecs.aliyuncs.com"}},
      {"max_session_duration", 7200},
      {"description", "service role"},
      {"policies",
       {"builtin.AliyunOSSFullAccess", "builtin.AliyunStreamRolePolicy"}}};
  S = update("role.stream", B, RoleComputed);
  cloud::RamRole R = must(Ram->getRole("AliyunStreamDefaultRole"));
  EXPECT_EQ(R.MaxSessionDuration, 7200);
  EXPECT_EQ(R.Description, "service role");
  EXPECT_EQ(attachedTo(cloud::PrincipalKind::Role, "AliyunStreamDefaultRole"),
            (std::vector<std::string>{"System:AliyunOSSFullAccess",
                                      "System:AliyunStreamRolePolicy"}));
  ASSERT_TRUE(read("role.stream", RoleComputed).has_value());

  Desired D = desired("role.stream", B);
  Observed I = must(kind("role").importById("AliyunStreamDefaultRole", &D));
  expectNoChange(B, I.Attributes, RoleComputed);

  // Remove detaches everything first (RAM refuses otherwise).
  mustOk(kind("role").remove(S, progress()));
  mustOk(kind("role").remove(S, progress()));
  EXPECT_EQ(count("Role"), 0);
  EXPECT_EQ(count("Attachment"), 0);
  EXPECT_FALSE(must(kind("role").read(S, refs())).has_value());
}

TEST_F(RamProviders, RoleReadShowsADetachedPolicyAsDrift) {
  json A = {{"name", "r1"},
            {"trust", {"stream.aliyuncs.com"}},
            {"max_session_duration", 3600},
            {"policies", {"builtin.AliyunOSSFullAccess"}}};
  state::ResourceState S = create("role.r1", A, RoleComputed);
  mustOk(Ram->detachPolicy(cloud::PrincipalKind::Role, "r1",
                           "AliyunOSSFullAccess", cloud::PolicyType::System));
  auto O = must(kind("role").read(S, refs()));
  ASSERT_TRUE(O.has_value());
  EXPECT_EQ(O->Attributes["policies"], json::array());
}

TEST_F(RamProviders,
       RoleCreatesACustomBuiltinFromTheStatementsTheExecutorGives) {
  // The executor answers Refs("builtin.NAME") from the IR's builtins.
  state::ResourceState B;
  B.Address = "builtin.AliyunStreamDefaultRole";
  B.Kind = "policy";
  B.CloudId = "AliyunStreamDefaultRole";
  B.Attributes = {{"type", "Custom"},
                  {"statements",
                   {{{"effect", "Allow"},
                     {"actions", {"vpc:DescribeVpcs", "vpc:DescribeVSwitches"}},
                     {"resources", {"*"}}}}}};
  State[B.Address] = B;
  json A = {
      {"name", "AliyunStreamDefaultRole"},
      {"trust", {"stream.aliyuncs.com"}},
      {"max_session_duration", 3600},
      {"policies",
       {"builtin.AliyunStreamDefaultRole", "builtin.AliyunOSSFullAccess"}}};
  create("role.stream", A, RoleComputed);
  EXPECT_EQ(attachedTo(cloud::PrincipalKind::Role, "AliyunStreamDefaultRole"),
            (std::vector<std::string>{"Custom:AliyunStreamDefaultRole",
                                      "System:AliyunOSSFullAccess"}));
  EXPECT_EQ(count("Policy"), 1);
}

TEST_F(RamProviders, MissingReferenceFailsClearly) {
  Desired D = desired("group_membership.m",
                      {{"group", "group.nope"}, {"user", "user.nope"}});
  EXPECT_EQ(codeOf(kind("group_membership").create(D, progress()).takeError()),
            "ReferenceNotFound");
  EXPECT_EQ(P->forKind("no_such_kind"), nullptr);
}

} // namespace
} // namespace rtc::provider::test
