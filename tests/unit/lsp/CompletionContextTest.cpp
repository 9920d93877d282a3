//===- CompletionContextTest.cpp - placing the cursor without a parse ------===//
#include "rtc/Lsp/CompletionContext.h"
#include <gtest/gtest.h>

using namespace rtc::lsp;
using W = CompletionContext::Where;

// The context at the `|` in Src.
static CompletionContext ctx(std::string Src) {
  size_t Cur = Src.find('|');
  Src.erase(Cur, 1);
  return completionContextAt(Src, Cur);
}

TEST(CompletionContextTest, TopLevelItemStart) {
  CompletionContext C = ctx("variable env { default = \"x\" }\ncl|");
  EXPECT_EQ(C.At, W::ItemStart);
  EXPECT_TRUE(C.Blocks.empty());
  EXPECT_EQ(C.Prefix, "cl");
}

TEST(CompletionContextTest, InsideNestedBlocks) {
  CompletionContext C = ctx("cluster a {\n  vpc = \"v\"  master { model = \"8c32g\"  | }");
  EXPECT_EQ(C.At, W::ItemStart);
  EXPECT_EQ(C.Blocks, (std::vector<std::string>{"cluster", "master"}));
  C = ctx("cluster a {\n  master { count = 3 }\n  | \n}");
  EXPECT_EQ(C.At, W::ItemStart);
  EXPECT_EQ(C.Blocks, (std::vector<std::string>{"cluster"}));
}

TEST(CompletionContextTest, AfterEqualsAndInsideOpenQuote) {
  CompletionContext C = ctx("cluster a { slave { model = |");
  EXPECT_EQ(C.At, W::Value);
  EXPECT_EQ(C.Attr, "model");
  EXPECT_FALSE(C.InString);
  C = ctx("cluster a { slave { model = \"8c|");
  EXPECT_EQ(C.At, W::Value);
  EXPECT_TRUE(C.InString);
  EXPECT_EQ(C.Prefix, "8c");
  EXPECT_EQ(C.Blocks, (std::vector<std::string>{"cluster", "slave"}));
}

TEST(CompletionContextTest, AfterKindDot) {
  CompletionContext C = ctx("project p { cluster = cluster.an|");
  EXPECT_EQ(C.At, W::Member);
  EXPECT_EQ(C.Root, "cluster");
  EXPECT_EQ(C.Prefix, "an");
  // a.b. is not a kind.name reference
  EXPECT_NE(ctx("x { v = cluster.a.|").At, W::Member);
}

TEST(CompletionContextTest, MapsAndStringsDoNotOpenBlocks) {
  CompletionContext C =
      ctx("cluster a { tags = { k = \"}{\" }  s = \"${x} }\" /* } */ // }\n | }");
  EXPECT_EQ(C.At, W::ItemStart);
  EXPECT_EQ(C.Blocks, (std::vector<std::string>{"cluster"}));
  C = ctx("cluster a { tags = { | } }");
  EXPECT_EQ(C.At, W::Other);
}

TEST(CompletionContextTest, CommentsAndImportsAreHandled) {
  EXPECT_EQ(ctx("cluster a { // slave |").At, W::Other);
  CompletionContext C = ctx("import \"lib.rtc\" as lib\ncluster a { |");
  EXPECT_EQ(C.At, W::ItemStart);
  EXPECT_EQ(C.Blocks, (std::vector<std::string>{"cluster"}));
}

TEST(CompletionContextTest, AfterAnOperandANewItemStarts) {
  CompletionContext C = ctx("cluster a { vpc = \"v\" + var.x |");
  EXPECT_EQ(C.At, W::ItemStart);
  C = ctx("cluster a { vpc = \"v\" + |");
  EXPECT_EQ(C.At, W::Other);
}
