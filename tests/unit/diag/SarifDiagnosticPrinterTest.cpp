//===- SarifDiagnosticPrinterTest.cpp - SARIF 2.1.0 logs ------------------===//
// Schema validity is checked by tests/suites/sarif.sh; these tests pin down
// what each diagnostic becomes.
#include "rtc/Diag/SarifDiagnosticPrinter.h"
#include "DiagTestUtil.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace rtc;
using namespace rtc::test;
using nlohmann::json;

namespace {

class SarifPrinterTest : public ::testing::Test {
protected:
  llvm::SourceMgr SM;
  std::string Out;
  llvm::raw_string_ostream OS{Out};
  DiagnosticsEngine Diags{SM};
  void SetUp() override {
    Diags.addConsumer(std::make_unique<SarifDiagnosticPrinter>(
        OS, SarifOptions{"rtcc", "9.9.9", "https://example.com/rtcc", -1}));
  }
  json finish() {
    Diags.finish();
    OS.flush();
    return json::parse(Out);
  }
};

TEST_F(SarifPrinterTest, EmptyRunHasSchemaVersionAndTool) {
  json Log = finish();
  EXPECT_EQ(Log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(Log["version"], "2.1.0");
  ASSERT_EQ(Log["runs"].size(), 1u);
  EXPECT_EQ(Log["runs"][0]["tool"]["driver"],
            json::parse(R"({"name":"rtcc","version":"9.9.9",
                            "informationUri":"https://example.com/rtcc",
                            "rules":[]})"));
  EXPECT_EQ(Log["runs"][0]["results"], json::array());
  EXPECT_EQ(Log["runs"][0]["columnKind"], "unicodeCodePoints");
}

TEST_F(SarifPrinterTest, ResultHasRuleLevelMessageAndRegion) {
  unsigned ID = addBuffer(SM, "a = 1;\n", "envs/prod/main.rtc");
  Diags.report(rangeOf(SM, ID, "1;"), diag::err_unexpected_semicolon);
  json Run = finish()["runs"][0];
  EXPECT_EQ(Run["results"][0], json::parse(R"({
    "ruleId": "RTC0109", "ruleIndex": 0, "level": "error",
    "message": {"text": "unexpected `;`"},
    "locations": [{"physicalLocation": {
      "artifactLocation": {"uri": "envs/prod/main.rtc"},
      "region": {"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 7}}}],
    "properties": {"hint": "items are separated by whitespace or newlines in .rtc; remove the `;`"}
  })"));
  EXPECT_EQ(Run["tool"]["driver"]["rules"][0], json::parse(R"({
    "id": "RTC0109",
    "shortDescription": {"text": "unexpected `;`"},
    "help": {"text": "items are separated by whitespace or newlines in .rtc; remove the `;`"},
    "defaultConfiguration": {"level": "error"}
  })"));
}

TEST_F(SarifPrinterTest, EachCodeIsOneRuleAndResultsPointAtIt) {
  Diags.report(llvm::SMLoc(), diag::err_expected_close_brace) << "a"
                                                              << "1:1";
  Diags.report(llvm::SMLoc(), diag::err_unterminated_string);
  Diags.report(llvm::SMLoc(), diag::err_expected_close_brace) << "b"
                                                              << "2:1";
  json Run = finish()["runs"][0];
  json Rules = Run["tool"]["driver"]["rules"];
  ASSERT_EQ(Rules.size(), 2u);
  EXPECT_EQ(Rules[0]["id"], "RTC0102");
  // Doubled braces in the table are shown single in descriptions.
  EXPECT_EQ(Rules[0]["shortDescription"]["text"],
            "expected `}` to close block `{0}` opened at {1}");
  EXPECT_EQ(Rules[1]["id"], "RTC0105");
  EXPECT_EQ(Run["results"][0]["ruleIndex"], 0);
  EXPECT_EQ(Run["results"][1]["ruleIndex"], 1);
  EXPECT_EQ(Run["results"][2]["ruleIndex"], 0);
  EXPECT_EQ(Run["results"][2]["message"]["text"],
            "expected `}` to close block `b` opened at 2:1");
  // No location: no locations member at all.
  EXPECT_FALSE(Run["results"][0].contains("locations"));
}

TEST_F(SarifPrinterTest, RuleWithoutHintHasNoHelp) {
  Diags.report(llvm::SMLoc(), diag::err_unexpected_token) << "x";
  json Rule = finish()["runs"][0]["tool"]["driver"]["rules"][0];
  EXPECT_FALSE(Rule.contains("help"));
}

TEST_F(SarifPrinterTest, NotesBecomeRelatedLocations) {
  unsigned ID = addBuffer(SM, "cluster c {\n  a = 1\n");
  Diags.report(locOf(SM, ID, "\n", 1), diag::err_expected_close_brace)
          .note(rangeOf(SM, ID, "{"), diag::note_opened_here, "block")
          .note(llvm::SMRange(), "no location")
      << "cluster"
      << "1:11";
  json R = finish()["runs"][0]["results"][0];
  EXPECT_EQ(R["relatedLocations"], json::parse(R"([
    {"id": 0,
     "physicalLocation": {"artifactLocation": {"uri": "main.rtc"},
       "region": {"startLine": 1, "startColumn": 11, "endLine": 1, "endColumn": 12}},
     "message": {"text": "block opened here"}},
    {"id": 1, "message": {"text": "no location"}}
  ])"));
}

TEST_F(SarifPrinterTest, FixItsBecomeOneFixWithReplacements) {
  unsigned ID = addBuffer(SM, "order = 'x'\n");
  llvm::SMRange R = rangeOf(SM, ID, "'x'");
  Diags.report(R, diag::err_single_quote_string)
      .fixit(R, "\"x\"")
      .fixit(pointAt(locOf(SM, ID, "\n")), " # fixed");
  json Fixes = finish()["runs"][0]["results"][0]["fixes"];
  EXPECT_EQ(Fixes, json::parse(R"([{"artifactChanges": [{
    "artifactLocation": {"uri": "main.rtc"},
    "replacements": [
      {"deletedRegion": {"startLine": 1, "startColumn": 9, "endLine": 1, "endColumn": 12},
       "insertedContent": {"text": "\"x\""}},
      {"deletedRegion": {"startLine": 1, "startColumn": 12, "endLine": 1, "endColumn": 12},
       "insertedContent": {"text": " # fixed"}}
    ]}]}])"));
}

TEST_F(SarifPrinterTest, LevelsFollowSeverity) {
  Diagnostic D;
  D.Id = diag::err_unexpected_token;
  D.Code = "RTC0101";
  D.Message = "m";
  for (Severity S :
       {Severity::Error, Severity::Warning, Severity::Note, Severity::Remark}) {
    D.Sev = S;
    Diags.emit(D);
  }
  json Results = finish()["runs"][0]["results"];
  EXPECT_EQ(Results[0]["level"], "error");
  EXPECT_EQ(Results[1]["level"], "warning");
  EXPECT_EQ(Results[2]["level"], "note");
  EXPECT_EQ(Results[3]["level"], "note");
}

TEST_F(SarifPrinterTest, ColumnsCountCodePoints) {
  unsigned ID = addBuffer(SM, "s = \"caf\xC3\xA9\" x\n");
  Diags.report(rangeOf(SM, ID, "x"), diag::err_unexpected_character) << "x";
  json Region = finish()["runs"][0]["results"][0]["locations"][0]
                        ["physicalLocation"]["region"];
  // Byte column 13; "é" is two bytes but one code point.
  EXPECT_EQ(Region["startColumn"], 12);
  EXPECT_EQ(Region["endColumn"], 13);
}

TEST(SarifUri, RelativePathsStayRelativeAndAbsoluteOnesBecomeFileUris) {
  EXPECT_EQ(SarifDiagnosticPrinter::pathToUri("envs/prod/main.rtc"),
            "envs/prod/main.rtc");
  EXPECT_EQ(SarifDiagnosticPrinter::pathToUri("my dir/a#1.rtc"),
            "my%20dir/a%231.rtc");
  EXPECT_EQ(SarifDiagnosticPrinter::pathToUri("/tmp/x.rtc"),
            "file:///tmp/x.rtc");
  EXPECT_EQ(SarifDiagnosticPrinter::pathToUri("caf\xC3\xA9.rtc"),
            "caf%C3%A9.rtc");
}

TEST(SarifTool, VersionDefaultsToTheBuiltVersion) {
  llvm::SourceMgr SM;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  SarifDiagnosticPrinter P(OS);
  P.finish(SM);
  OS.flush();
  json Driver = json::parse(Out)["runs"][0]["tool"]["driver"];
  EXPECT_FALSE(Driver["version"].get<std::string>().empty());
  EXPECT_EQ(Driver["name"], "rtcc");
}

} // namespace
