//===- JsonDiagnosticPrinterTest.cpp - one JSON document for tools --------===//
#include "rtc/Diag/JsonDiagnosticPrinter.h"
#include "DiagTestUtil.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace rtc;
using namespace rtc::test;
using nlohmann::json;

namespace {

class JsonPrinterTest : public ::testing::Test {
protected:
  llvm::SourceMgr SM;
  std::string Out;
  llvm::raw_string_ostream OS{Out};
  DiagnosticsEngine Diags{SM};
  void SetUp() override {
    Diags.addConsumer(std::make_unique<JsonDiagnosticPrinter>(OS, -1));
  }
  json finish() {
    Diags.finish();
    OS.flush();
    return json::parse(Out);
  }
};

TEST_F(JsonPrinterTest, EmptyRunStillWritesADocument) {
  EXPECT_EQ(finish(), json::parse(R"({"version":1,"diagnostics":[],
                                      "summary":{"errors":0,"warnings":0}})"));
}

TEST_F(JsonPrinterTest, WritesEveryFieldInTheDocumentedShape) {
  unsigned ID = addBuffer(SM, "cluster c {\n  a = 1\n", "envs/prod/main.rtc");
  llvm::SMLoc End = locOf(SM, ID, "\n", 1);
  Diags.report(End, diag::err_expected_close_brace)
          .note(rangeOf(SM, ID, "{"), diag::note_opened_here, "block")
          .note(llvm::SMRange(), "free text")
          .fixit(pointAt(End), "}")
      << "cluster"
      << "1:11";
  json Expected = json::parse(R"({
    "version": 1,
    "diagnostics": [{
      "code": "RTC0102",
      "severity": "error",
      "message": "expected `}` to close block `cluster` opened at 1:11",
      "file": "envs/prod/main.rtc",
      "range": {"start": {"line": 2, "column": 8, "offset": 19},
                "end":   {"line": 2, "column": 8, "offset": 19}},
      "notes": [
        {"message": "block opened here", "code": "RTC0190",
         "file": "envs/prod/main.rtc",
         "range": {"start": {"line": 1, "column": 11, "offset": 10},
                   "end":   {"line": 1, "column": 12, "offset": 11}}},
        {"message": "free text", "code": null, "file": null, "range": null}
      ],
      "hint": "add `}` after the last item of the block",
      "fixits": [
        {"file": "envs/prod/main.rtc",
         "range": {"start": {"line": 2, "column": 8, "offset": 19},
                   "end":   {"line": 2, "column": 8, "offset": 19}},
         "replacement": "}"}
      ]
    }],
    "summary": {"errors": 1, "warnings": 0}
  })");
  EXPECT_EQ(finish(), Expected);
}

TEST_F(JsonPrinterTest, KeysAppearInDocumentedOrder) {
  Diags.report(llvm::SMLoc(), diag::err_no_input_files) << ".";
  finish();
  EXPECT_EQ(Out.substr(0, 26), R"({"version":1,"diagnostics")");
  EXPECT_NE(Out.find(R"({"code":"RTC0002","severity":"error","message":)"),
            std::string::npos)
      << Out;
  EXPECT_EQ(Out.back(), '\n');
}

TEST_F(JsonPrinterTest, RangeEndIsExclusiveAndMayBeOnALaterLine) {
  unsigned ID = addBuffer(SM, "x = \"abc\n  def\"\n");
  Diags.report(llvm::SMRange(locOf(SM, ID, "\""), locOf(SM, ID, "\n", 1)),
               diag::err_unterminated_string);
  json R = finish()["diagnostics"][0]["range"];
  EXPECT_EQ(R["start"], json::parse(R"({"line":1,"column":5,"offset":4})"));
  EXPECT_EQ(R["end"], json::parse(R"({"line":2,"column":7,"offset":15})"));
}

TEST_F(JsonPrinterTest, SummaryCountsErrorsAndWarnings) {
  Diags.report(llvm::SMLoc(), diag::err_unterminated_string);
  Diagnostic W;
  W.Id = diag::err_unexpected_token;
  W.Sev = Severity::Warning;
  W.Code = "RTC9999";
  W.Message = "w";
  Diags.emit(W);
  Diags.emit(W);
  json Doc = finish();
  EXPECT_EQ(Doc["summary"], json::parse(R"({"errors":1,"warnings":2})"));
  EXPECT_EQ(Doc["diagnostics"][1]["severity"], "warning");
  EXPECT_EQ(Doc["diagnostics"][1]["hint"], nullptr);
}

TEST_F(JsonPrinterTest, InvalidUtf8InMessagesDoesNotBreakTheDocument) {
  Diags.report(llvm::SMLoc(), diag::err_unexpected_character) << "\xff";
  json Doc = finish();
  EXPECT_EQ(Doc["diagnostics"][0]["message"],
            "unexpected character `\xEF\xBF\xBD`");
}

TEST_F(JsonPrinterTest, FinishWritesOnlyOnce) {
  Diags.finish();
  Diags.finish();
  OS.flush();
  EXPECT_EQ(std::count(Out.begin(), Out.end(), '\n'), 1);
}

TEST(JsonPrinterFormat, PrettyPrintsWithIndentByDefault) {
  llvm::SourceMgr SM;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  JsonDiagnosticPrinter P(OS);
  P.finish(SM);
  OS.flush();
  EXPECT_EQ(Out,
            "{\n  \"version\": 1,\n  \"diagnostics\": [],\n  \"summary\": {\n"
            "    \"errors\": 0,\n    \"warnings\": 0\n  }\n}\n");
}

} // namespace
