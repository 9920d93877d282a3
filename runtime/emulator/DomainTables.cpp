// The service's numbers and catalogues as data.
#include "rtc/Emulator/DomainTables.h"

namespace rtc::emulator {

// docs/service.md#cluster-sizing: usable CU per slave model and max cluster CU per master
// model. "24 cores 96 GB: over 800" and the larger models carry no cap.
static const MachineModel Models[] = {
    {"4c16g", 4, 16, 3, 80},
    {"8c32g", 8, 32, 6, 160},
    {"16c64g", 16, 64, 13, 800},
    {"24c96g", 24, 96, 21, -1},
    {"32c128g", 32, 128, 28, -1},
    {"56c224g", 56, 224, 52, -1},
    {"64c256g", 64, 256, 60, -1},
};

llvm::ArrayRef<MachineModel> machineModels() { return Models; }

const MachineModel *findModel(llvm::StringRef Name) {
  for (const MachineModel &M : Models)
    if (Name == M.Name)
      return &M;
  return nullptr;
}

const DomainLimits &domainLimits() {
  static const DomainLimits Limits = {
      /*MinSlaves=*/2,                 // docs/service.md#cluster-sizing
      /*MinMasters=*/1,                // emulator choice (1 or 3 are sold)
      /*MaxMasters=*/3,                // docs/service.md#cluster-sizing: 3 masters give failover
      /*MaxEngineVersions=*/3,         // docs/service.md#engine-versions
      /*ClusterCreationSeconds=*/1800, // docs/service.md#deployment-modes: about 30 minutes
      /*EngineInstallSeconds=*/600,    // not in the seed; emulator choice
      /*DefaultEngineVersion=*/"blink-3.3.0",
      /*StreamRoleName=*/"AliyunStreamDefaultRole", // docs/service.md#shared-role
      /*MaxClockSkewSeconds=*/900,     // docs/service.md#roa-signature: 15 minutes
      /*MaxOrderPeriodMonths=*/12,     // CreateCellClusterOrder `period` (foas 2018-11-11)
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
