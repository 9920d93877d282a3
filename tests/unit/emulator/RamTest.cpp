// RAM users, groups, policies, roles: limits, conflicts, shapes.
#include "EmulatorTestSupport.h"

namespace rtc::emulator::test {
namespace {

class EmulatorRam : public EmulatorTest {
protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    seedAccount();
  }
  Resp user(const std::string &Name) {
    return rpc({{"Action", "CreateUser"}, {"UserName", Name}});
  }
  Resp policy(const std::string &Name, const std::string &Doc = Allow) {
    return rpc({{"Action", "CreatePolicy"}, {"PolicyName", Name}, {"PolicyDocument", Doc}});
  }
  static inline const std::string Allow =
      R"({"Version":"1","Statement":[{"Action":"stream:*","Resource":"acs:stream:*:*:*","Effect":"Allow"},{"Action":"ram:PassRole","Resource":"acs:ram:*:*:*","Effect":"Allow"}]})";
};

TEST_F(EmulatorRam, CreateUserReturnsUserShape) {
  Resp R = rpc({{"Action", "CreateUser"}, {"UserName", "alice"}, {"DisplayName", "Alice"}});
  ASSERT_EQ(R.Status, 200);
  for (const char *F : {"UserName", "UserId", "DisplayName", "CreateDate"})
    EXPECT_TRUE(R.Body["User"].contains(F)) << F;
  EXPECT_EQ(rpc({{"Action", "GetUser"}, {"UserName", "alice"}}).Body["User"]["DisplayName"], "Alice");
}

TEST_F(EmulatorRam, RefusesInvalidUserNames) {
  for (std::string Bad : {std::string("-alice"), std::string(65, 'a'), std::string("al ice"),
                          std::string("al/ice")}) {
    Resp R = user(Bad);
    EXPECT_EQ(R.Status, 400) << Bad;
    EXPECT_EQ(R.code(), "InvalidParameter.UserName.InvalidChars") << Bad;
  }
  EXPECT_EQ(user(std::string(64, 'a')).Status, 200);
  EXPECT_EQ(user("a.b_c-d").Status, 200);
}

TEST_F(EmulatorRam, RefusesInvalidGroupNames) {
  EXPECT_EQ(rpc({{"Action", "CreateGroup"}, {"GroupName", "-devs"}}).code(),
            "InvalidParameter.GroupName.InvalidChars");
  EXPECT_EQ(rpc({{"Action", "CreateGroup"}, {"GroupName", std::string(65, 'g')}}).Status, 400);
  EXPECT_EQ(rpc({{"Action", "CreateGroup"}, {"GroupName", "stream-devs"}}).Status, 200);
}

TEST_F(EmulatorRam, DuplicateUserIsEntityAlreadyExists) {
  ASSERT_EQ(user("alice").Status, 200);
  Resp R = user("alice");
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.code(), "EntityAlreadyExists.User");
}

TEST_F(EmulatorRam, MissingEntitiesAreEntityNotExist) {
  EXPECT_EQ(rpc({{"Action", "GetUser"}, {"UserName", "ghost"}}).code(), "EntityNotExist.User");
  EXPECT_EQ(rpc({{"Action", "GetUser"}, {"UserName", "ghost"}}).Status, 404);
  EXPECT_EQ(rpc({{"Action", "GetGroup"}, {"GroupName", "ghost"}}).code(), "EntityNotExist.Group");
  EXPECT_EQ(rpc({{"Action", "GetRole"}, {"RoleName", "ghost"}}).code(), "EntityNotExist.Role");
  EXPECT_EQ(rpc({{"Action", "GetPolicy"}, {"PolicyName", "ghost"}, {"PolicyType", "Custom"}}).code(),
            "EntityNotExist.Policy");
}

TEST_F(EmulatorRam, DeletingUserInGroupIsDeleteConflict) {
  ASSERT_EQ(user("alice").Status, 200);
  ASSERT_EQ(rpc({{"Action", "CreateGroup"}, {"GroupName", "devs"}}).Status, 200);
  ASSERT_EQ(rpc({{"Action", "AddUserToGroup"}, {"GroupName", "devs"}, {"UserName", "alice"}}).Status, 200);
  Resp R = rpc({{"Action", "DeleteUser"}, {"UserName", "alice"}});
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.code(), "DeleteConflict.User.Group");
  Resp G = rpc({{"Action", "DeleteGroup"}, {"GroupName", "devs"}});
  EXPECT_EQ(G.code(), "DeleteConflict.Group.User");
  ASSERT_EQ(rpc({{"Action", "RemoveUserFromGroup"}, {"GroupName", "devs"}, {"UserName", "alice"}}).Status, 200);
  EXPECT_EQ(rpc({{"Action", "DeleteUser"}, {"UserName", "alice"}}).Status, 200);
}

TEST_F(EmulatorRam, DeletingUserWithAttachedPolicyIsDeleteConflict) {
  ASSERT_EQ(user("alice").Status, 200);
  ASSERT_EQ(rpc({{"Action", "AttachPolicyToUser"}, {"PolicyType", "System"},
                 {"PolicyName", "AliyunStreamFullAccess"}, {"UserName", "alice"}}).Status, 200);
  EXPECT_EQ(rpc({{"Action", "DeleteUser"}, {"UserName", "alice"}}).code(), "DeleteConflict.User.Policy");
}

TEST_F(EmulatorRam, DeletingGroupWithAttachedPolicyIsDeleteConflict) {
  ASSERT_EQ(rpc({{"Action", "CreateGroup"}, {"GroupName", "devs"}}).Status, 200);
  ASSERT_EQ(policy("p1").Status, 200);
  ASSERT_EQ(rpc({{"Action", "AttachPolicyToGroup"}, {"PolicyType", "Custom"},
                 {"PolicyName", "p1"}, {"GroupName", "devs"}}).Status, 200);
  EXPECT_EQ(rpc({{"Action", "DeleteGroup"}, {"GroupName", "devs"}}).code(), "DeleteConflict.Group.Policy");
}

TEST_F(EmulatorRam, DeletingAttachedPolicyIsDeleteConflict) {
  ASSERT_EQ(user("alice").Status, 200);
  ASSERT_EQ(policy("p1").Status, 200);
  ASSERT_EQ(rpc({{"Action", "AttachPolicyToUser"}, {"PolicyType", "Custom"},
                 {"PolicyName", "p1"}, {"UserName", "alice"}}).Status, 200);
  Resp R = rpc({{"Action", "DeletePolicy"}, {"PolicyName", "p1"}});
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.code(), "DeleteConflict.Policy.User");
  ASSERT_EQ(rpc({{"Action", "DetachPolicyFromUser"}, {"PolicyType", "Custom"},
                 {"PolicyName", "p1"}, {"UserName", "alice"}}).Status, 200);
  EXPECT_EQ(rpc({{"Action", "DeletePolicy"}, {"PolicyName", "p1"}}).Status, 200);
}

TEST_F(EmulatorRam, DeletingPolicyWithNonDefaultVersionsIsDeleteConflict) {
  ASSERT_EQ(policy("p1").Status, 200);
  ASSERT_EQ(rpc({{"Action", "CreatePolicyVersion"}, {"PolicyName", "p1"}, {"PolicyDocument", Allow}}).Status, 200);
  EXPECT_EQ(rpc({{"Action", "DeletePolicy"}, {"PolicyName", "p1"}}).code(), "DeleteConflict.Policy.Version");
  ASSERT_EQ(rpc({{"Action", "DeletePolicyVersion"}, {"PolicyName", "p1"}, {"VersionId", "v2"}}).Status, 200);
  EXPECT_EQ(rpc({{"Action", "DeletePolicy"}, {"PolicyName", "p1"}}).Status, 200);
}

TEST_F(EmulatorRam, DefaultPolicyVersionCannotBeDeleted) {
  ASSERT_EQ(policy("p1").Status, 200);
  EXPECT_EQ(rpc({{"Action", "DeletePolicyVersion"}, {"PolicyName", "p1"}, {"VersionId", "v1"}}).code(),
            "DeleteConflict.Policy.Version.Default");
}

TEST_F(EmulatorRam, RefusesSixthPolicyVersion) {
  ASSERT_EQ(policy("p1").Status, 200);
  for (int I = 2; I <= 5; ++I)
    ASSERT_EQ(rpc({{"Action", "CreatePolicyVersion"}, {"PolicyName", "p1"}, {"PolicyDocument", Allow}}).Status, 200);
  Resp R = rpc({{"Action", "CreatePolicyVersion"}, {"PolicyName", "p1"}, {"PolicyDocument", Allow}});
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.code(), "LimitExceeded.Policy.Version");
  Resp Rotated = rpc({{"Action", "CreatePolicyVersion"}, {"PolicyName", "p1"}, {"PolicyDocument", Allow},
                      {"SetAsDefault", "true"},
                      {"RotateStrategy", "DeleteOldestNonDefaultVersionWhenLimitExceeded"}});
  EXPECT_EQ(Rotated.Status, 200);
  EXPECT_EQ(Rotated.Body["PolicyVersion"]["VersionId"], "v6");
  Resp L = rpc({{"Action", "ListPolicyVersions"}, {"PolicyName", "p1"}});
  EXPECT_EQ(L.Body["PolicyVersions"]["PolicyVersion"].size(), 5u);
}

TEST_F(EmulatorRam, PolicyNameAllowsLettersDigitsAndDashUpTo128) {
  EXPECT_EQ(policy(std::string(128, 'p')).Status, 200);
  EXPECT_EQ(policy(std::string(129, 'p')).code(), "InvalidParameter.PolicyName.InvalidChars");
  EXPECT_EQ(policy("stream_dev").code(), "InvalidParameter.PolicyName.InvalidChars");
  EXPECT_EQ(policy("stream-dev-2").Status, 200);
}

TEST_F(EmulatorRam, PolicyDocumentOver6144BytesRefusedAndPostBodyCarriesLargeOnes) {
  auto DocOfSize = [](size_t Size) {
    std::string Head = R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"stream:*","Resource":"acs:stream:*:*:)";
    std::string Tail = R"("}]})";
    return Head + std::string(Size - Head.size() - Tail.size(), 'x') + Tail;
  };
  Resp Exact = rpc({{"Action", "CreatePolicy"}, {"PolicyName", "big"}, {"PolicyDocument", DocOfSize(6144)}},
                   Main, /*Post=*/true);
  EXPECT_EQ(Exact.Status, 200) << Exact.Body;
  Resp Over = rpc({{"Action", "CreatePolicy"}, {"PolicyName", "big2"}, {"PolicyDocument", DocOfSize(6145)}},
                  Main, /*Post=*/true);
  EXPECT_EQ(Over.Status, 400);
  EXPECT_EQ(Over.code(), "InvalidParameter.PolicyDocument.Length");
}

TEST_F(EmulatorRam, RefusesMisspelledActionInPolicyDocument) {
  // docs/service.md#shared-role: the seed's `dhs>DeleteTopic`.
  Resp R = policy("bad", R"({"Version":"1","Statement":[{"Action":["dhs>DeleteTopic"],"Resource":"*","Effect":"Allow"}]})");
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.code(), "MalformedPolicyDocument");
}

TEST_F(EmulatorRam, RoleMaxSessionDurationMustBeWithinBounds) {
  std::string Trust = R"({"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["stream.aliyuncs.com"]}}],"Version":"1"})";
  auto Role = [&](const std::string &Name, const std::string &D) {
    return rpc({{"Action", "CreateRole"}, {"RoleName", Name}, {"AssumeRolePolicyDocument", Trust},
                {"MaxSessionDuration", D}});
  };
  EXPECT_EQ(Role("r1", "3599").code(), "InvalidParameter.MaxSessionDuration");
  EXPECT_EQ(Role("r1", "43201").code(), "InvalidParameter.MaxSessionDuration");
  EXPECT_EQ(Role("r1", "3600").Status, 200);
  EXPECT_EQ(Role("r2", "43200").Status, 200);
  EXPECT_EQ(Role("r2", "43200").code(), "EntityAlreadyExists.Role");
}

TEST_F(EmulatorRam, DeletingRoleWithAttachedPolicyIsDeleteConflict) {
  std::string Trust = R"({"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["stream.aliyuncs.com"]}}],"Version":"1"})";
  ASSERT_EQ(rpc({{"Action", "CreateRole"}, {"RoleName", "AliyunStreamDefaultRole"},
                 {"AssumeRolePolicyDocument", Trust}}).Status, 200);
  ASSERT_EQ(rpc({{"Action", "AttachPolicyToRole"}, {"PolicyType", "System"},
                 {"PolicyName", "AliyunStreamRolePolicy"}, {"RoleName", "AliyunStreamDefaultRole"}}).Status, 200);
  EXPECT_EQ(rpc({{"Action", "DeleteRole"}, {"RoleName", "AliyunStreamDefaultRole"}}).code(),
            "DeleteConflict.Role.Policy");
  Resp L = rpc({{"Action", "ListPoliciesForRole"}, {"RoleName", "AliyunStreamDefaultRole"}});
  ASSERT_EQ(L.Body["Policies"]["Policy"].size(), 1u);
  EXPECT_EQ(L.Body["Policies"]["Policy"][0]["PolicyName"], "AliyunStreamRolePolicy");
}

TEST_F(EmulatorRam, AttachingUnknownSystemPolicyIsEntityNotExist) {
  ASSERT_EQ(user("alice").Status, 200);
  EXPECT_EQ(rpc({{"Action", "AttachPolicyToUser"}, {"PolicyType", "System"},
                 {"PolicyName", "NoSuchPolicy"}, {"UserName", "alice"}}).code(),
            "EntityNotExist.Policy");
}

TEST_F(EmulatorRam, ListUsersPagesWithMarker) {
  for (const char *N : {"u1", "u2", "u3"})
    ASSERT_EQ(user(N).Status, 200);
  Resp First = rpc({{"Action", "ListUsers"}, {"MaxItems", "2"}});
  EXPECT_EQ(First.Body["IsTruncated"], true);
  EXPECT_EQ(First.Body["Users"]["User"].size(), 2u);
  Resp Second = rpc({{"Action", "ListUsers"}, {"MaxItems", "2"}, {"Marker", First.Body["Marker"]}});
  EXPECT_EQ(Second.Body["IsTruncated"], false);
  ASSERT_EQ(Second.Body["Users"]["User"].size(), 1u);
  EXPECT_EQ(Second.Body["Users"]["User"][0]["UserName"], "u3");
}

TEST_F(EmulatorRam, RenamingUserKeepsMembershipsAndAccessKeys) {
  ASSERT_EQ(user("alice").Status, 200);
  ASSERT_EQ(rpc({{"Action", "CreateGroup"}, {"GroupName", "devs"}}).Status, 200);
  ASSERT_EQ(rpc({{"Action", "AddUserToGroup"}, {"GroupName", "devs"}, {"UserName", "alice"}}).Status, 200);
  ASSERT_EQ(rpc({{"Action", "UpdateUser"}, {"UserName", "alice"}, {"NewUserName", "alice2"}}).Status, 200);
  Resp G = rpc({{"Action", "ListGroupsForUser"}, {"UserName", "alice2"}});
  ASSERT_EQ(G.Body["Groups"]["Group"].size(), 1u);
  EXPECT_EQ(rpc({{"Action", "GetUser"}, {"UserName", "alice"}}).code(), "EntityNotExist.User");
}

TEST_F(EmulatorRam, ListPoliciesIncludesSystemAndCustom) {
  ASSERT_EQ(policy("mine").Status, 200);
  Resp R = rpc({{"Action", "ListPolicies"}, {"PolicyType", "Custom"}});
  ASSERT_EQ(R.Body["Policies"]["Policy"].size(), 1u);
  Resp All = rpc({{"Action", "ListPolicies"}});
  EXPECT_GT(All.Body["Policies"]["Policy"].size(), 1u);
}

} // namespace
} // namespace rtc::emulator::test
