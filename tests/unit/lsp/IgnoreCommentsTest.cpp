//===- IgnoreCommentsTest.cpp - the editor honours rtcc-ignore ------------===//
//
// The LSP reuses the check pipeline, so an `rtcc-ignore` comment silences a
// remark in the editor as in `rtcc check`, and an unused one is flagged.
//
//===----------------------------------------------------------------------===//
#include "rtc/Lsp/DocumentAnalysis.h"
#include <gtest/gtest.h>

using namespace rtc;

namespace {

const char *Config = R"(order excl {
  mode   = "exclusive"
  region = "cn-hangzhou"
}
cluster analytics {
  order             = order.excl
  vpc               = "vpc-prod"
  zone              = "cn-hangzhou-h"
  vswitch           = "vsw-a"
  vswitch_free_ips  = 7
  oss               = "acme-udf"
  oss_storage_class = "Standard"
  oss_acl           = "private"
  master { model = "8c32g"  count = 3 }
  slave  { model = "8c32g"  count = 4 }
}
IGNORE
role stream_default {
  name     = "AliyunStreamDefaultRole"
  trust    = ["stream.aliyuncs.com"]
  policies = [builtin.AliyunStreamDefaultRole, builtin.AliyunOSSFullAccess]
}
)";

std::vector<std::string> codesWith(const std::string &Ignore) {
  std::string Text = Config;
  Text.replace(Text.find("IGNORE"), 6, Ignore);
  lsp::DocumentAnalysis A("main.rtc", Text);
  std::vector<std::string> Codes;
  for (const Diagnostic &D : A.diagnostics())
    Codes.push_back(D.Code);
  return Codes;
}

TEST(LspIgnoreComments, RemarkShownWithoutComment) {
  EXPECT_EQ(codesWith(""), (std::vector<std::string>{"RTC0356", "RTC0356"}));
}

TEST(LspIgnoreComments, CommentSilencesRemark) {
  EXPECT_TRUE(codesWith("// rtcc-ignore: RTC0356").empty());
}

TEST(LspIgnoreComments, UnusedCommentIsFlagged) {
  EXPECT_EQ(codesWith("# rtcc-ignore: RTC0356, RTC0309"),
            (std::vector<std::string>{"RTC0007"}));
}

} // namespace
