//===- JsonRpcTest.cpp - Content-Length framing ----------------------------===//
#include "rtc/Lsp/JsonRpc.h"
#include <gtest/gtest.h>
#include <sstream>

using namespace rtc::lsp;

TEST(JsonRpcTest, FrameRoundTripsSeveralMessages) {
  std::string In = frame({{"id", 1}}) + frame({{"method", "x"}, {"text", "é\r\n"}});
  std::istringstream IS(In);
  std::ostringstream OS;
  StreamTransport T(IS, OS);
  auto A = T.read();
  auto B = T.read();
  ASSERT_TRUE(A && B);
  EXPECT_EQ((*A)["id"], 1);
  EXPECT_EQ((*B)["text"], "é\r\n");
  EXPECT_FALSE(T.read());
}

TEST(JsonRpcTest, ContentLengthCountsBytesNotCharacters) {
  std::string F = frame({{"s", "日本"}});
  std::string Body = F.substr(F.find("\r\n\r\n") + 4);
  EXPECT_NE(F.find("Content-Length: " + std::to_string(Body.size()) + "\r\n"), std::string::npos);
}

TEST(JsonRpcTest, OtherHeadersAndCaseAreAccepted) {
  std::string Body = R"({"a":2})";
  std::istringstream IS("content-length: " + std::to_string(Body.size()) +
                        "\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" +
                        Body);
  std::ostringstream OS;
  StreamTransport T(IS, OS);
  auto M = T.read();
  ASSERT_TRUE(M);
  EXPECT_EQ((*M)["a"], 2);
}

TEST(JsonRpcTest, InvalidJsonBodyIsDiscardedNotFatal) {
  std::istringstream IS("Content-Length: 3\r\n\r\n{x}" + frame({{"ok", true}}));
  std::ostringstream OS;
  StreamTransport T(IS, OS);
  auto Bad = T.read();
  ASSERT_TRUE(Bad);
  EXPECT_TRUE(Bad->is_discarded());
  auto Good = T.read();
  ASSERT_TRUE(Good);
  EXPECT_EQ((*Good)["ok"], true);
}

TEST(JsonRpcTest, TruncatedBodyEndsInput) {
  std::istringstream IS("Content-Length: 50\r\n\r\n{\"a\":1}");
  std::ostringstream OS;
  StreamTransport T(IS, OS);
  EXPECT_FALSE(T.read());
}

TEST(JsonRpcTest, WriteFramesTheMessage) {
  std::istringstream IS;
  std::ostringstream OS;
  StreamTransport T(IS, OS);
  T.write({{"id", 7}});
  EXPECT_EQ(OS.str(), "Content-Length: 8\r\n\r\n{\"id\":7}");
}
