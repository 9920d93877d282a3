//===- DocumentStoreTest.cpp - incremental sync and UTF-16 positions -------===//
#include "rtc/Lsp/DocumentStore.h"
#include <gtest/gtest.h>

using namespace rtc::lsp;

TEST(DocumentStoreTest, PositionsCountUtf16CodeUnits) {
  // "é" is 2 bytes / 1 unit; U+1F600 is 4 bytes / 2 units.
  std::string Text = "a\xC3\xA9\xF0\x9F\x98\x80z\nline2";
  LineTable L(Text);
  EXPECT_EQ(L.offsetOf({0, 1}), 1u);
  EXPECT_EQ(L.offsetOf({0, 2}), 3u);
  EXPECT_EQ(L.offsetOf({0, 4}), 7u); // after the emoji
  EXPECT_EQ(L.offsetOf({0, 5}), 8u); // end of line 0 (before \n)
  EXPECT_EQ(L.offsetOf({0, 99}), 8u); // clamped to the line
  EXPECT_EQ(L.offsetOf({1, 2}), 11u);
  Position P = L.positionOf(7);
  EXPECT_EQ(P.Line, 0u);
  EXPECT_EQ(P.Character, 4u);
  P = L.positionOf(11);
  EXPECT_EQ(P.Line, 1u);
  EXPECT_EQ(P.Character, 2u);
}

TEST(DocumentStoreTest, IncrementalEditsApplyInOrder) {
  DocumentStore S;
  S.open("u", "cluster a {\n  vpc = \"x\"\n}\n", 1);
  // Replace "x" (line 1, chars 9-10) with "vpc-prod".
  ASSERT_TRUE(S.applyEdit("u", {1, 9}, {1, 10}, "vpc-prod"));
  EXPECT_EQ(S.find("u")->Text, "cluster a {\n  vpc = \"vpc-prod\"\n}\n");
  // Insert a line, then delete across lines.
  ASSERT_TRUE(S.applyEdit("u", {2, 0}, {2, 0}, "  zone = \"z\"\n"));
  EXPECT_EQ(S.find("u")->Text, "cluster a {\n  vpc = \"vpc-prod\"\n  zone = \"z\"\n}\n");
  ASSERT_TRUE(S.applyEdit("u", {0, 11}, {2, 13}, ""));
  EXPECT_EQ(S.find("u")->Text, "cluster a {\n}\n");
}

TEST(DocumentStoreTest, EditAfterAstralCharacterUsesUtf16Columns) {
  DocumentStore S;
  S.open("u", "// \xF0\x9F\x98\x80 x\n", 1);
  // The "x" is at UTF-16 column 6 (3 + 2 for the emoji + 1 space).
  ASSERT_TRUE(S.applyEdit("u", {0, 6}, {0, 7}, "y"));
  EXPECT_EQ(S.find("u")->Text, "// \xF0\x9F\x98\x80 y\n");
}

TEST(DocumentStoreTest, UnknownDocumentIsRejectedAndCloseForgets) {
  DocumentStore S;
  EXPECT_FALSE(S.applyEdit("nope", {0, 0}, {0, 0}, "x"));
  S.open("u", "a", 3);
  EXPECT_EQ(S.find("u")->Version, 3);
  S.close("u");
  EXPECT_EQ(S.find("u"), nullptr);
}
