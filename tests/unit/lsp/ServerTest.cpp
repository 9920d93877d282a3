//===- ServerTest.cpp - the language server, one method at a time ----------===//
#include "LspTestSupport.h"
#include <chrono>
#include <gtest/gtest.h>
#include <iostream>

using namespace rtc::lsp;
using namespace rtc::lsp::test;

namespace {

const std::string Uri = "file:///tmp/rtcc-lsp-test/main.rtc";

std::vector<std::string> labels(const json &CompletionResult) {
  std::vector<std::string> L;
  for (const json &I : CompletionResult.at("items"))
    L.push_back(I.at("label"));
  return L;
}

// Errors and warnings only: the example's role legitimately draws RTC0356
// remarks (least privilege) from the rules.
json problems(const json &Diags) {
  json Out = json::array();
  for (const json &D : Diags)
    if (D["severity"].get<int>() <= 2)
      Out.push_back(D);
  return Out;
}

bool has(const std::vector<std::string> &V, const std::string &S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

// Runs initialize + didOpen(Text) + Req (id 2) and returns the run.
LspRun openAndAsk(const std::string &Text, const json &Req) {
  return runServer({initializeRequest(), notification("initialized"), didOpen(Uri, Text), Req});
}

} // namespace

TEST(ServerTest, InitializeAdvertisesExactlyWhatIsServed) {
  LspRun R = runServer({initializeRequest()});
  json Caps = R.response(1).at("result").at("capabilities");
  EXPECT_EQ(Caps["textDocumentSync"]["change"], 2); // incremental
  EXPECT_EQ(Caps["textDocumentSync"]["openClose"], true);
  EXPECT_EQ(Caps["completionProvider"]["triggerCharacters"], json({".", "\"", " "}));
  for (const char *P : {"hoverProvider", "definitionProvider", "referencesProvider",
                        "documentSymbolProvider", "documentFormattingProvider"})
    EXPECT_EQ(Caps[P], true) << P;
  EXPECT_FALSE(Caps.contains("renameProvider"));
  EXPECT_FALSE(Caps.contains("signatureHelpProvider"));
}

TEST(ServerTest, RequestsBeforeInitializeAreRefused) {
  LspRun R = runServer({request(5, "textDocument/hover", at(Uri, {0, 0}))});
  EXPECT_EQ(R.response(5)["error"]["code"], ServerNotInitialized);
}

TEST(ServerTest, UnknownMethodIsMethodNotFound) {
  LspRun R = runServer({initializeRequest(), request(2, "textDocument/rename")});
  EXPECT_EQ(R.response(2)["error"]["code"], MethodNotFound);
}

TEST(ServerTest, BadParamsGiveInvalidParams) {
  LspRun R = runServer({initializeRequest(), request(2, "textDocument/hover", {{"x", 1}})});
  EXPECT_EQ(R.response(2)["error"]["code"], InvalidParams);
}

TEST(ServerTest, ShutdownThenExitEndsWithZero) {
  LspRun R = runServer({initializeRequest(), request(2, "shutdown"), notification("exit"),
                        request(3, "shutdown")});
  EXPECT_TRUE(R.response(2).contains("result"));
  EXPECT_TRUE(R.response(2)["result"].is_null());
  EXPECT_TRUE(R.response(3).is_null()); // nothing is read after exit
  EXPECT_EQ(R.ExitCode, 0);
}

TEST(ServerTest, ExitWithoutShutdownEndsWithOne) {
  EXPECT_EQ(runServer({initializeRequest(), notification("exit")}).ExitCode, 1);
}

TEST(ServerTest, DidOpenPublishesCheckDiagnosticsWithCodeAndNotes) {
  std::string Text = ExampleConfig;
  Text.insert(Text.find("  master {"), "  colour = \"red\"\n");
  LspRun R = runServer({initializeRequest(), didOpen(Uri, Text)});
  std::vector<json> Pub = R.notifications("textDocument/publishDiagnostics");
  ASSERT_EQ(Pub.size(), 1u);
  EXPECT_EQ(Pub[0]["params"]["uri"], Uri);
  json Diags = Pub[0]["params"]["diagnostics"];
  ASSERT_EQ(Diags.size(), 1u) << Diags.dump(2);
  EXPECT_EQ(Diags[0]["code"], "RTC0260");
  EXPECT_EQ(Diags[0]["source"], "rtcc");
  EXPECT_EQ(Diags[0]["severity"], 1);
  EXPECT_EQ(Diags[0]["message"], "`cluster` has no attribute `colour`");
  Position P = positionOf(Text, "colour");
  EXPECT_EQ(Diags[0]["range"]["start"]["line"], P.Line);
  EXPECT_EQ(Diags[0]["range"]["start"]["character"], P.Character);
  EXPECT_EQ(Diags[0]["range"]["end"]["character"], P.Character + 6);
}

TEST(ServerTest, CleanDocumentPublishesNoDiagnostics) {
  LspRun R = runServer({initializeRequest(), didOpen(Uri, ExampleConfig)});
  std::vector<json> Pub = R.notifications("textDocument/publishDiagnostics");
  ASSERT_EQ(Pub.size(), 1u);
  EXPECT_EQ(problems(Pub[0]["params"]["diagnostics"]), json::array()) << Pub[0].dump(2);
}

TEST(ServerTest, SyntaxErrorIsReported) {
  LspRun R = runServer({initializeRequest(), didOpen(Uri, "cluster a {\n  vpc = \n")});
  json Diags = R.notifications("textDocument/publishDiagnostics").at(0)["params"]["diagnostics"];
  ASSERT_FALSE(Diags.empty());
  EXPECT_EQ(Diags[0]["code"].get<std::string>().substr(0, 5), "RTC01");
}

TEST(ServerTest, IncrementalChangesUpdateDiagnostics) {
  std::string Text = ExampleConfig;
  Position Vpc = positionOf(Text, "vpc     =");
  // Rename `vpc` to `vpx` (an unknown attribute), then back.
  json Break = notification(
      "textDocument/didChange",
      {{"textDocument", {{"uri", Uri}, {"version", 2}}},
       {"contentChanges",
        {{{"range", {{"start", {{"line", Vpc.Line}, {"character", Vpc.Character + 2}}},
                     {"end", {{"line", Vpc.Line}, {"character", Vpc.Character + 3}}}}},
          {"text", "x"}}}}});
  json Fix = Break;
  Fix["params"]["textDocument"]["version"] = 3;
  Fix["params"]["contentChanges"][0]["text"] = "c";
  LspRun R = runServer({initializeRequest(), didOpen(Uri, Text), Break, Fix});
  std::vector<json> Pub = R.notifications("textDocument/publishDiagnostics");
  ASSERT_EQ(Pub.size(), 3u);
  EXPECT_TRUE(problems(Pub[0]["params"]["diagnostics"]).empty());
  json Mid = Pub[1]["params"]["diagnostics"];
  EXPECT_EQ(Pub[1]["params"]["version"], 2);
  bool SawUnknown = false;
  for (const json &D : Mid)
    if (D["message"].get<std::string>().find("`vpx`") != std::string::npos)
      SawUnknown = true;
  EXPECT_TRUE(SawUnknown) << Mid.dump(2);
  EXPECT_TRUE(problems(Pub[2]["params"]["diagnostics"]).empty()) << Pub[2].dump(2);
}

TEST(ServerTest, IncrementalChangeAfterAstralCharacter) {
  // The emoji takes two UTF-16 units: the edit must land on `vpx`.
  std::string Text = "// \xF0\x9F\x98\x80\n" + std::string(ExampleConfig);
  Text.replace(Text.find("vpc     ="), 3, "vpx");
  std::string Line = "  \xF0\x9F\x98\x80 vpx";
  Text.replace(Text.find("  vpx"), 5, Line);
  // `vpx` starts at UTF-16 column 2 + 2 + 1 = 5 on its line.
  Position P = positionOf(Text, Line);
  json Change = notification(
      "textDocument/didChange",
      {{"textDocument", {{"uri", Uri}, {"version", 2}}},
       {"contentChanges",
        {{{"range", {{"start", {{"line", P.Line}, {"character", 2}}},
                     {"end", {{"line", P.Line}, {"character", 8}}}}},
          {"text", "vpc"}}}}});
  LspRun R = runServer({initializeRequest(), didOpen(Uri, Text), Change});
  std::vector<json> Pub = R.notifications("textDocument/publishDiagnostics");
  ASSERT_EQ(Pub.size(), 2u);
  EXPECT_FALSE(problems(Pub[0]["params"]["diagnostics"]).empty());
  EXPECT_TRUE(problems(Pub[1]["params"]["diagnostics"]).empty()) << Pub[1].dump(2);
}

TEST(ServerTest, DidClosePublishesEmptyDiagnostics) {
  LspRun R = runServer({initializeRequest(), didOpen(Uri, "cluster {"),
                        notification("textDocument/didClose", {{"textDocument", {{"uri", Uri}}}})});
  std::vector<json> Pub = R.notifications("textDocument/publishDiagnostics");
  ASSERT_EQ(Pub.size(), 2u);
  EXPECT_TRUE(Pub[1]["params"]["diagnostics"].empty());
}

TEST(ServerTest, HoverOnAttributeShowsSchemaDocAndType) {
  std::string Text = ExampleConfig;
  LspRun R = openAndAsk(Text, request(2, "textDocument/hover", at(Uri, positionOf(Text, "vswitch", 1))));
  std::string V = R.response(2)["result"]["contents"]["value"];
  EXPECT_NE(V.find("**vswitch**: `string`"), std::string::npos) << V;
  EXPECT_NE(V.find("vSwitch in the zone."), std::string::npos) << V;
}

TEST(ServerTest, HoverOnBlockKindShowsDoc) {
  std::string Text = ExampleConfig;
  LspRun R = openAndAsk(Text, request(2, "textDocument/hover", at(Uri, positionOf(Text, "slave {", 1))));
  std::string V = R.response(2)["result"]["contents"]["value"];
  EXPECT_NE(V.find("The compute nodes."), std::string::npos) << V;
}

TEST(ServerTest, HoverOnMachineModelShowsUsableCu) {
  std::string Text = ExampleConfig;
  // The second "8c32g" is the slave's.
  LspRun R = openAndAsk(Text, request(2, "textDocument/hover", at(Uri, positionOf(Text, "\"8c32g\"", 2, 1))));
  std::string V = R.response(2)["result"]["contents"]["value"];
  EXPECT_NE(V.find("8 cores, 32 GB"), std::string::npos) << V;
  EXPECT_NE(V.find("6 usable CU"), std::string::npos) << V;
  EXPECT_NE(V.find("160 CU"), std::string::npos) << V;
}

TEST(ServerTest, HoverOnReferenceShowsResolvedValues) {
  std::string Text = ExampleConfig;
  LspRun R = openAndAsk(Text, request(2, "textDocument/hover",
                                      at(Uri, positionOf(Text, "cluster.analytics", 10))));
  std::string V = R.response(2)["result"]["contents"]["value"];
  EXPECT_NE(V.find("cluster.analytics"), std::string::npos) << V;
  EXPECT_NE(V.find("\"vpc-prod\""), std::string::npos) << V;
}

TEST(ServerTest, HoverOnVariableReferenceShowsValue) {
  std::string Text = ExampleConfig;
  LspRun R = openAndAsk(Text, request(2, "textDocument/hover", at(Uri, positionOf(Text, "var.env", 5))));
  std::string V = R.response(2)["result"]["contents"]["value"];
  EXPECT_NE(V.find("\"dev\""), std::string::npos) << V;
}

TEST(ServerTest, HoverOnNothingIsNull) {
  std::string Text = ExampleConfig;
  LspRun R = openAndAsk(Text, request(2, "textDocument/hover", at(Uri, {4, 0})));
  EXPECT_TRUE(R.response(2).contains("result"));
  EXPECT_TRUE(R.response(2)["result"].is_null());
}

TEST(ServerTest, CompletionAtTopLevelOffersBlockKinds) {
  std::string Text = std::string(ExampleConfig) + "\n";
  Position End = LineTable(Text).positionOf(Text.size());
  LspRun R = openAndAsk(Text, request(2, "textDocument/completion", at(Uri, End)));
  std::vector<std::string> L = labels(R.response(2)["result"]);
  for (const char *K : {"cluster", "project", "job", "user", "policy", "variable", "output",
                        "module", "provider", "backend", "let", "import"})
    EXPECT_TRUE(has(L, K)) << K;
  EXPECT_FALSE(has(L, "vpc"));
}

TEST(ServerTest, CompletionInsideClusterOffersMasterAndSlave) {
  std::string Text = ExampleConfig;
  // At the start of the line `  master {`.
  Position P = positionOf(Text, "  master {", 2);
  LspRun R = openAndAsk(Text, request(2, "textDocument/completion", at(Uri, P)));
  std::vector<std::string> L = labels(R.response(2)["result"]);
  EXPECT_TRUE(has(L, "master"));
  EXPECT_TRUE(has(L, "slave"));
  EXPECT_TRUE(has(L, "engines"));
  EXPECT_TRUE(has(L, "vpc"));
  EXPECT_FALSE(has(L, "id")) << "computed attributes are not offered";
  EXPECT_FALSE(has(L, "cluster"));
}

TEST(ServerTest, CompletionAfterEqualsOffersEnumValues) {
  std::string Text = ExampleConfig;
  Text.replace(Text.find("\"8c32g\"", Text.find("slave")), 7, "\"");
  Position P = positionOf(Text, "model = \"", 9, 1);
  LspRun R = openAndAsk(Text, request(2, "textDocument/completion", at(Uri, P)));
  json Items = R.response(2)["result"]["items"];
  std::vector<std::string> L = labels(R.response(2)["result"]);
  EXPECT_TRUE(has(L, "8c32g"));
  EXPECT_TRUE(has(L, "64c256g")); // a slave model
  for (const json &I : Items)
    EXPECT_EQ(I["insertText"], I["label"]) << "inside quotes: no extra quotes";
}

TEST(ServerTest, CompletionAfterKindDotOffersDeclaredNames) {
  std::string Text = ExampleConfig;
  Text.replace(Text.find("cluster = cluster.analytics"), 27, "cluster = cluster.");
  Position P = positionOf(Text, "cluster = cluster.", 18);
  LspRun R = openAndAsk(Text, request(2, "textDocument/completion", at(Uri, P)));
  EXPECT_EQ(labels(R.response(2)["result"]), std::vector<std::string>{"analytics"});
}

TEST(ServerTest, DefinitionOfReferenceIsTheBlockHeader) {
  std::string Text = ExampleConfig;
  LspRun R = runServer(
      {initializeRequest(), didOpen(Uri, Text),
       request(2, "textDocument/definition", at(Uri, positionOf(Text, "cluster.analytics.id", 9))),
       request(3, "textDocument/definition", at(Uri, positionOf(Text, "var.env", 1)))});
  json D = R.response(2)["result"];
  Position H = positionOf(Text, "cluster analytics {");
  EXPECT_EQ(D["uri"], Uri);
  EXPECT_EQ(D["range"]["start"]["line"], H.Line);
  EXPECT_EQ(D["range"]["start"]["character"], 0);
  EXPECT_EQ(D["range"]["end"]["character"], 17);
  json V = R.response(3)["result"];
  EXPECT_EQ(V["range"]["start"]["line"], 0);
}

TEST(ServerTest, ReferencesListEveryUse) {
  std::string Text = ExampleConfig;
  json Params = at(Uri, positionOf(Text, "cluster analytics {", 9));
  Params["context"] = {{"includeDeclaration", true}};
  LspRun R = openAndAsk(Text, request(2, "textDocument/references", Params));
  json Locs = R.response(2)["result"];
  ASSERT_EQ(Locs.size(), 3u) << Locs.dump(2); // header + project + output
  EXPECT_EQ(Locs[1]["range"]["start"]["line"], positionOf(Text, "cluster.analytics").Line);
  EXPECT_EQ(Locs[2]["range"]["start"]["line"], positionOf(Text, "cluster.analytics.id").Line);
}

TEST(ServerTest, DocumentSymbolsOutlineBlocksWithChildren) {
  LspRun R = openAndAsk(ExampleConfig,
                        request(2, "textDocument/documentSymbol", {{"textDocument", {{"uri", Uri}}}}));
  json S = R.response(2)["result"];
  std::vector<std::string> Names;
  for (const json &X : S)
    Names.push_back(X["name"]);
  EXPECT_EQ(Names, (std::vector<std::string>{"variable env", "order analytics",
                                             "cluster analytics", "project clicks",
                                             "output cluster_id", "output env",
                                             "role stream_default"}));
  json Cluster = S[2];
  ASSERT_EQ(Cluster["children"].size(), 3u);
  EXPECT_EQ(Cluster["children"][0]["name"], "master");
  EXPECT_EQ(Cluster["children"][1]["name"], "slave");
}

TEST(ServerTest, FormattingReplacesTheDocument) {
  std::string Text = "cluster a {\nvpc=\"v\"\n     zone = \"z\"\n}\n";
  LspRun R = openAndAsk(Text, request(2, "textDocument/formatting",
                                      {{"textDocument", {{"uri", Uri}}},
                                       {"options", {{"tabSize", 2}, {"insertSpaces", true}}}}));
  json Edits = R.response(2)["result"];
  ASSERT_EQ(Edits.size(), 1u) << R.response(2).dump(2);
  EXPECT_EQ(Edits[0]["newText"], "cluster a {\n  vpc  = \"v\"\n  zone = \"z\"\n}\n");
  EXPECT_EQ(Edits[0]["range"]["end"]["line"], 4);
}

TEST(ServerTest, FormattingRefusesDocumentsWithSyntaxErrors) {
  LspRun R = openAndAsk("cluster a {\n vpc = \n", request(2, "textDocument/formatting",
                                                           {{"textDocument", {{"uri", Uri}}}}));
  EXPECT_TRUE(R.response(2).contains("result"));
  EXPECT_TRUE(R.response(2)["result"].is_null());
}

// Not an assertion: prints how long the server takes on a 2,000-line file.
TEST(ServerTest, TimingOnA2000LineFile) {
  std::string Text;
  for (int I = 0; Text.size() == 0 || std::count(Text.begin(), Text.end(), '\n') < 2000; ++I)
    Text += "user u" + std::to_string(I) + " {\n  name         = \"u" + std::to_string(I) +
            "\"\n  display_name = \"User " + std::to_string(I) + "\"\n}\n\n";
  std::vector<json> Msgs = {initializeRequest(), didOpen(Uri, Text)};
  Position Mid = positionOf(Text, "display_name", 2, 200);
  for (int I = 0; I < 5; ++I) {
    Msgs.push_back(request(10 + I, "textDocument/hover", at(Uri, Mid)));
    Msgs.push_back(request(20 + I, "textDocument/completion", at(Uri, Mid)));
    Msgs.push_back(notification(
        "textDocument/didChange",
        {{"textDocument", {{"uri", Uri}, {"version", 2 + I}}},
         {"contentChanges",
          {{{"range", {{"start", {{"line", Mid.Line}, {"character", 0}}},
                       {"end", {{"line", Mid.Line}, {"character", 0}}}}},
            {"text", " "}}}}}));
  }
  auto Start = std::chrono::steady_clock::now();
  LspRun R = runServer(Msgs);
  double Ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - Start).count();
  EXPECT_TRUE(R.response(14).contains("result"));
  std::cout << "[timing] 2000-line file, " << Msgs.size() << " messages in " << Ms << " ms\n"
            << R.Log;
}
