//===- PolicyTestUtil.h - shared helpers for the policy tests ---*- C++ -*-===//
//
// A source buffer that owns the policy text (so SMRanges point into it), a
// catalogue built by hand, and finding lookups.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_TESTS_POLICYTESTUTIL_H
#define RTC_TESTS_POLICYTESTUTIL_H

#include "rtc/Policy/ActionCatalogue.h"
#include "rtc/Policy/Analyzer.h"
#include "rtc/Policy/PolicyJson.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <memory>
#include <string>

namespace rtc::policy::test {

/// Holds Json in a SourceMgr so that ranges can be turned back into text.
class Source {
public:
  explicit Source(const std::string &Text) {
    SM.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBufferCopy(Text, "policy.json"),
        llvm::SMLoc());
    Buffer = SM.getMemoryBuffer(1)->getBuffer();
  }
  llvm::SMLoc start() const {
    return llvm::SMLoc::getFromPointer(Buffer.data());
  }
  llvm::StringRef text() const { return Buffer; }
  /// The source text an SMRange covers.
  std::string at(llvm::SMRange R) const {
    if (!R.isValid())
      return "<invalid>";
    return std::string(R.Start.getPointer(), R.End.getPointer());
  }
  size_t offset(llvm::SMLoc L) const { return L.getPointer() - Buffer.data(); }
  PolicyDocument parse(std::vector<Finding> &Out, llvm::StringRef Name = "p") {
    return parsePolicyJson(Buffer, start(), Out, Name);
  }
  llvm::SourceMgr SM;

private:
  llvm::StringRef Buffer;
};

/// The actions the tests rely on; a subset of stdlib/alicloud/ram/actions.rtc.
inline ActionCatalogue testCatalogue() {
  ActionCatalogue C;
  C.Services["stream"] = {"CreateProject", "GetProject",     "DeleteProject",
                          "ListProject",   "CreateJob",      "GetJob",
                          "StartJob",      "DescribeCluster"};
  C.Services["ram"] = {"PassRole",  "CreateUser", "GetUser",
                       "ListUsers", "DeleteUser", "AttachPolicyToUser"};
  C.Services["ots"] = {"ListTable", "DescribeTable", "GetRow",  "PutRow",
                       "UpdateRow", "DeleteRow",     "GetRange"};
  C.Services["dhs"] = {"CreateTopic", "ListTopic", "GetTopic", "PutRecords",
                       "DeleteTopic"};
  C.Services["log"] = {"ListLogStores", "GetLogs", "PostLogStoreLogs"};
  C.Services["mns"] = {"ListQueue", "GetQueueAttributes", "SendMessage",
                       "PublishMessage", "Subscribe"};
  C.Services["drds"] = {"DescribeDrdsInstance", "ModifyDrdsIpWhiteList"};
  C.Services["rds"] = {"DescribeDBInstances", "ModifySecurityIps"};
  C.Services["vpc"] = {"DescribeVpcs", "DescribeVSwitches"};
  C.Services["ecs"] = {"CreateSecurityGroup",
                       "AuthorizeSecurityGroup",
                       "CreateNetworkInterface",
                       "DescribeNetworkInterfaces",
                       "AttachNetworkInterface",
                       "DescribeNetworkInterfacePermissions",
                       "CreateNetworkInterfacePermission"};
  C.Services["oss"] = {"GetObject", "PutObject", "ListObjects"};
  return C;
}

inline size_t countKind(const std::vector<Finding> &Fs, diag::ID K) {
  size_t N = 0;
  for (const Finding &F : Fs)
    N += F.Kind == K;
  return N;
}

inline const Finding *findKind(const std::vector<Finding> &Fs, diag::ID K) {
  for (const Finding &F : Fs)
    if (F.Kind == K)
      return &F;
  return nullptr;
}

/// The vendor's reference sub-account policy (docs/service.md#accounts), as in the seed.
inline const char *referenceSubAccountPolicy() {
  return R"({
  "Version": "1",
  "Statement": [
    {
      "Action": "stream:*",
      "Resource": "acs:stream:*:*:*",
      "Effect": "Allow"
    },
    {
      "Action": "ram:PassRole",
      "Resource": "acs:ram:*:*:*",
      "Effect": "Allow"
    }
  ]
})";
}

} // namespace rtc::policy::test

#endif
