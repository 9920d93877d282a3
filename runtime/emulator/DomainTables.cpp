// What the emulator needs that the stdlib does not hold (yet): its own
// timing choice, the signature clock skew, the service role's name and the
// stock system policies. Machine models, limits, name rules, engine versions
// and error texts come from the stdlib (rtc/Domain/DomainFacts.h).
#include "rtc/Emulator/DomainTables.h"

namespace rtc::emulator {

const DomainLimits &domainLimits() {
  static const DomainLimits Limits = {
      /*EngineInstallSeconds=*/600, // not in the seed; emulator choice
                                    /*StreamRoleName=*/
      "AliyunStreamDefaultRole",    // docs/service.md#shared-role
      /*MaxClockSkewSeconds=*/900,  // docs/service.md#roa-signature: 15 minutes
  };
  return Limits;
}

// docs/service.md#shared-role (AliyunStreamRolePolicy) and the stock RAM system policies
// the guide attaches (§2, §4).
static const SystemPolicy Policies[] = {
    {"AdministratorAccess", "Full access to every service",
     R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"},
    {"AliyunRAMFullAccess", "Full access to RAM",
     R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:*","Resource":"*"}]})"},
    {"AliyunStreamFullAccess", "Full access to Realtime Compute",
     R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"stream:*","Resource":"*"}]})"},
    {"AliyunOSSFullAccess", "Full access to OSS",
     R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]})"},
    {"AliyunStreamRolePolicy",
     "Policy of AliyunStreamDefaultRole (docs/service.md#shared-role)",
     R"({"Version":"1","Statement":[
{"Action":["ots:List*","ots:DescribeTable","ots:Get*","ots:*Row"],"Resource":"*","Effect":"Allow"},
{"Action":["dhs:Create*","dhs:List*","dhs:Get*","dhs:PutRecords","dhs:DeleteTopic"],"Resource":"*","Effect":"Allow"},
{"Action":["log:List*","log:Get*","log:Post*"],"Resource":"*","Effect":"Allow"},
{"Action":["mns:List*","mns:Get*","mns:Send*","mns:Publish*","mns:Subscribe"],"Resource":"*","Effect":"Allow"},
{"Action":["drds:DescribeDrdsInstance","drds:ModifyDrdsIpWhiteList"],"Resource":"*","Effect":"Allow"},
{"Action":["rds:Describe*","rds:ModifySecurityIps*"],"Resource":"*","Effect":"Allow"},
{"Action":["vpc:DescribeVpcs","vpc:DescribeVSwitches"],"Resource":"*","Effect":"Allow"},
{"Action":["ecs:CreateSecurityGroup","ecs:AuthorizeSecurityGroup","ecs:CreateNetworkInterface","ecs:DescribeNetworkInterfaces","ecs:AttachNetworkInterface","ecs:DescribeNetworkInterfacePermissions","ecs:CreateNetworkInterfacePermission"],"Resource":"*","Effect":"Allow"},
{"Action":["oss:*"],"Resource":"*","Effect":"Allow"}]})"},
};

llvm::ArrayRef<SystemPolicy> systemPolicies() { return Policies; }

const SystemPolicy *findSystemPolicy(llvm::StringRef Name) {
  for (const SystemPolicy &P : Policies)
    if (Name == P.Name)
      return &P;
  return nullptr;
}

} // namespace rtc::emulator
