//===- RulesTestUtil.h - hand-built programs for the rule tests -*- C++ -*-===//
//
// A Program with the stdlib tables the rules read (copied from stdlib/ as
// JSON, so the tests do not go through sema), resources whose attribute
// ranges point into a real SourceMgr buffer, and lookups of the reported
// diagnostics by code.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_TESTS_RULESTESTUTIL_H
#define RTC_TESTS_RULESTESTUTIL_H

#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/IR/IR.h"
#include "rtc/Rules/Rules.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <algorithm>
#include <string>
#include <vector>

namespace rtc::rules::test {

using ir::Value;

/// The stdlib tables (stdlib/alicloud/*.rtc), as sema lowers them.
inline void addStdTables(ir::Program &P) {
  P.Std["slave_models"] = Value::parse(R"({
    "4c16g": {"cores": 4, "memory_gb": 16, "usable_cu": 3},
    "8c32g": {"cores": 8, "memory_gb": 32, "usable_cu": 6},
    "16c64g": {"cores": 16, "memory_gb": 64, "usable_cu": 13},
    "24c96g": {"cores": 24, "memory_gb": 96, "usable_cu": 21},
    "32c128g": {"cores": 32, "memory_gb": 128, "usable_cu": 28},
    "56c224g": {"cores": 56, "memory_gb": 224, "usable_cu": 52},
    "64c256g": {"cores": 64, "memory_gb": 256, "usable_cu": 60}})");
  P.Std["master_models"] = Value::parse(R"({
    "4c16g": {"cores": 4, "memory_gb": 16, "max_cluster_cu": 80},
    "8c32g": {"cores": 8, "memory_gb": 32, "max_cluster_cu": 160},
    "16c64g": {"cores": 16, "memory_gb": 64, "max_cluster_cu": 800},
    "24c96g": {"cores": 24, "memory_gb": 96, "max_cluster_cu": null}})");
  P.Std["cluster_limits"] = Value::parse(
      R"({"min_slaves": 2, "failover_masters": 3, "smallest_cluster_cu": 6})");
  P.Std["cu"] = Value::parse(R"({"cores": 1, "memory_gb": 4})");
  P.Std["throughput"] = Value::parse(
      R"({"simple": {"records_per_cu": 10000},
          "complex": {"records_per_cu_min": 1000, "records_per_cu_max": 5000}})");
  P.Std["engine_limits"] = Value::parse(R"({"max_installed_versions": 3})");
  P.Std["engine_tags"] = Value::parse(
      R"({"stable": "Recommended.", "beta": "Test release for special cases only; not recommended.", "": "older"})");
  P.Std["engine_version_pattern"] = R"(^blink-[0-9]+\.[0-9]+\.[0-9]+(-[a-z0-9]+)?$)";
  P.Std["engine_versions"] = Value::parse(R"({
    "blink-3.3.0": {"tag": "stable"}, "blink-2.2.6-hotfix0": {"tag": ""},
    "blink-3.4.0-beta1": {"tag": "beta"}})");
  P.Std["errors"] = Value::parse(R"({
    "version_already_installed": "blink-{version} already installed",
    "versions_exceeded": "Flink versions exceeded max limitation:3",
    "blink_script_not_exist": "code:[30006], brief info:[blink script not exist, please check blink version], context info:[blink script:[/home/admin/blink/blink-{version}/bin/flink], blink version:[/home/admin/blink/blink-{version}/bin/flink]]",
    "no_pass_role": "sub-account has no passRole permission"})");
  P.Std["error_codes"] = Value::parse(R"({"no_pass_role": 922019, "blink_script_not_exist": 30006})");
  P.Std["name_rules"] = Value::parse(R"({
    "user": "^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$",
    "group": "^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$",
    "policy": "^[A-Za-z0-9-]{1,128}$",
    "project": "^[a-z][a-z0-9_]{2,63}$"})");
  P.Std["ram_limits"] = Value::parse(R"({"policy_document_bytes": 6144, "policy_versions": 5,
    "min_session_duration": 3600, "max_session_duration": 43200})");
  P.Std["main_account_only"] = Value::parse(R"(["order", "project"])");
  P.Std["billing_by_mode"] = Value::parse(
      R"({"shared": ["subscription"], "exclusive": ["subscription", "pay_as_you_go"]})");
  P.Std["oss_bucket_rules"] = Value::parse(R"({
    "required_storage_class": "Standard", "recommended_acl": "private",
    "forbidden_acls": ["public-read", "public-read-write"]})");
  P.Std["stream_role"] = Value::parse(R"({
    "name": "AliyunStreamDefaultRole", "trust": ["stream.aliyuncs.com"],
    "shared_policies": ["AliyunStreamRolePolicy"],
    "exclusive_policies": ["AliyunStreamDefaultRole", "AliyunOSSFullAccess"],
    "removable_after_cluster": ["ecs:CreateSecurityGroup", "ecs:AuthorizeSecurityGroup"]})");
  P.Std["services"] = Value::parse(R"({
    "stream": ["CreateProject", "GetProject", "CreateJob"],
    "ram": ["PassRole", "CreateUser"],
    "vpc": ["DescribeVpcs", "DescribeVSwitches"],
    "ecs": ["CreateSecurityGroup", "AuthorizeSecurityGroup", "CreateNetworkInterface"],
    "oss": ["GetObject", "PutObject"],
    "rds": ["DescribeDBInstances"],
    "dhs": ["DeleteTopic", "PutRecords"]})");

  auto Builtin = [&](const char *Name, const char *Type, const char *Stmts) {
    ir::BuiltinPolicy B;
    B.Name = Name;
    B.Type = Type;
    B.Statements = Value::parse(Stmts);
    P.Builtins[Name] = B;
  };
  Builtin("AliyunStreamRolePolicy", "System",
          R"([{"effect": "Allow", "actions": ["rds:Describe*", "vpc:DescribeVpcs",
               "ecs:CreateSecurityGroup", "oss:*"], "resources": ["*"]}])");
  Builtin("AliyunStreamDefaultRole", "Custom",
          R"([{"effect": "Allow", "actions": ["vpc:DescribeVpcs", "vpc:DescribeVSwitches"], "resources": ["*"]},
              {"effect": "Allow", "actions": ["ecs:CreateSecurityGroup", "ecs:AuthorizeSecurityGroup",
               "ecs:CreateNetworkInterface"], "resources": ["*"]}])");
  Builtin("AliyunOSSFullAccess", "System",
          R"([{"effect": "Allow", "actions": ["oss:*"], "resources": ["*"]}])");
}

/// A program plus the source text its ranges point into.
class Fixture {
public:
  /// Source is the text ranges are taken from (see at()).
  explicit Fixture(const std::string &Source = "") : Diags(SM) {
    SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(Source, "test.rtc"),
                          llvm::SMLoc());
    Buffer = SM.getMemoryBuffer(1)->getBuffer();
    Diags.setMaxErrors(0);
    addStdTables(P);
  }

  /// The range of the Nth occurrence of Needle in the source.
  llvm::SMRange at(llvm::StringRef Needle, unsigned N = 0) const {
    size_t Pos = Buffer.find(Needle);
    while (N-- && Pos != llvm::StringRef::npos)
      Pos = Buffer.find(Needle, Pos + 1);
    if (Pos == llvm::StringRef::npos)
      return {};
    const char *B = Buffer.data() + Pos;
    return {llvm::SMLoc::getFromPointer(B), llvm::SMLoc::getFromPointer(B + Needle.size())};
  }
  std::string text(llvm::SMRange R) const {
    return R.isValid() ? std::string(R.Start.getPointer(), R.End.getPointer()) : "<invalid>";
  }

  ir::Resource &add(const std::string &Kind, const std::string &Name, const char *Attrs) {
    ir::Resource R;
    R.Kind = Kind;
    R.Name = Name;
    R.Address = Kind + "." + Name;
    R.Attributes = Value::parse(Attrs);
    R.Range = at(Kind + " " + Name);
    P.Resources.push_back(std::move(R));
    std::sort(P.Resources.begin(), P.Resources.end(),
              [](const ir::Resource &A, const ir::Resource &B) { return A.Address < B.Address; });
    return *std::find_if(P.Resources.begin(), P.Resources.end(),
                         [&](const ir::Resource &X) { return X.Address == Kind + "." + Name; });
  }
  ir::Resource &res(const std::string &Address) {
    return *std::find_if(P.Resources.begin(), P.Resources.end(),
                         [&](const ir::Resource &X) { return X.Address == Address; });
  }

  /// The service role, so that rules about it stay quiet unless tested.
  /// Like add(), it invalidates references to earlier resources.
  void addExclusiveRole() {
    add("role", "stream_default", R"({"name": "AliyunStreamDefaultRole",
        "trust": ["stream.aliyuncs.com"],
        "policies": ["builtin.AliyunStreamDefaultRole", "builtin.AliyunOSSFullAccess"]})");
  }
  void addSharedRole() {
    add("role", "stream_default", R"({"name": "AliyunStreamDefaultRole",
        "trust": ["stream.aliyuncs.com"], "policies": ["builtin.AliyunStreamRolePolicy"]})");
  }

  void run(const RuleOptions &Opts = {}) { runRules(P, Diags, Opts); }

  std::vector<const Diagnostic *> withCode(llvm::StringRef Code) const {
    std::vector<const Diagnostic *> Out;
    for (const Diagnostic &D : Diags.diagnostics())
      if (D.Code == Code)
        Out.push_back(&D);
    return Out;
  }
  const Diagnostic *first(llvm::StringRef Code) const {
    auto All = withCode(Code);
    return All.empty() ? nullptr : All.front();
  }
  std::string codes() const {
    std::string Out;
    for (const Diagnostic &D : Diags.diagnostics())
      Out += D.Code + " " + D.Message + "\n";
    return Out;
  }

  llvm::SourceMgr SM;
  DiagnosticsEngine Diags;
  ir::Program P;

private:
  llvm::StringRef Buffer;
};

} // namespace rtc::rules::test

#endif
