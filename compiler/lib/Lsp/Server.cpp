//===- Server.cpp - the .rtc language server --------------------------------===//
#include "rtc/Lsp/Server.h"
#include "rtc/Format/Formatter.h"
#include "rtc/Lsp/CompletionContext.h"
#include "llvm/Support/Format.h"
#include <cctype>
#include <chrono>
#include <functional>

namespace rtc::lsp {

namespace {

// LSP enumerations used below.
enum SymbolKind { SK_Module = 2, SK_Variable = 13, SK_Object = 19, SK_Struct = 23 };
enum CompletionItemKind {
  CK_Property = 10, CK_Module = 9, CK_Class = 7, CK_Keyword = 14, CK_Reference = 18,
  CK_EnumMember = 20, CK_Value = 12
};

int lspSeverity(Severity S) {
  switch (S) {
  case Severity::Error:
    return 1;
  case Severity::Warning:
    return 2;
  case Severity::Note:
    return 3;
  case Severity::Remark:
    return 4;
  }
  return 1;
}


json position(Position P) { return {{"line", P.Line}, {"character", P.Character}}; }

Position toPosition(const json &J) {
  return {J.at("line").get<unsigned>(), J.at("character").get<unsigned>()};
}

} // namespace

std::string uriToPath(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return Uri.str();
  std::string Out;
  for (size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] == '%' && I + 2 < Uri.size()) {
      unsigned V = 0;
      if (!Uri.substr(I + 1, 2).getAsInteger(16, V)) {
        Out.push_back(static_cast<char>(V));
        I += 2;
        continue;
      }
    }
    Out.push_back(Uri[I]);
  }
  return Out;
}

std::string pathToUri(llvm::StringRef Path) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out = "file://";
  for (char C : Path) {
    unsigned char U = static_cast<unsigned char>(C);
    if (std::isalnum(U) || C == '/' || C == '-' || C == '_' || C == '.' || C == '~')
      Out.push_back(C);
    else {
      Out.push_back('%');
      Out.push_back(Hex[U >> 4]);
      Out.push_back(Hex[U & 15]);
    }
  }
  return Out;
}

int Server::run() {
  while (std::optional<json> M = T.read()) {
    handle(*M);
    if (Exited)
      break;
  }
  return ShutdownRequested && Exited ? 0 : 1;
}

void Server::reply(const json &Id, json Result) {
  T.write({{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
}

void Server::replyError(const json &Id, int Code, const std::string &Message) {
  T.write({{"jsonrpc", "2.0"},
           {"id", Id},
           {"error", {{"code", Code}, {"message", Message}}}});
}

void Server::handle(const json &Msg) {
  if (Msg.is_discarded() || !Msg.is_object()) {
    Log << "rtcc lsp: a message is not JSON\n";
    replyError(nullptr, ParseError, "the message is not valid JSON");
    return;
  }
  if (!Msg.contains("method") || !Msg["method"].is_string())
    return; // a response to a request we never send, or garbage
  std::string Method = Msg["method"];
  json Params = Msg.value("params", json::object());
  bool IsRequest = Msg.contains("id");
  json Id = IsRequest ? Msg["id"] : json();
  auto Start = std::chrono::steady_clock::now();

  static const std::map<std::string, Handler> Requests = {
      {"initialize", &Server::initialize},
      {"shutdown", &Server::shutdown},
      {"textDocument/hover", &Server::hover},
      {"textDocument/completion", &Server::completion},
      {"textDocument/definition", &Server::definition},
      {"textDocument/references", &Server::references},
      {"textDocument/documentSymbol", &Server::documentSymbol},
      {"textDocument/formatting", &Server::formatting},
  };
  using NotifyHandler = void (Server::*)(const json &);
  static const std::map<std::string, NotifyHandler> Notifications = {
      {"textDocument/didOpen", &Server::didOpen},
      {"textDocument/didChange", &Server::didChange},
      {"textDocument/didClose", &Server::didClose},
  };

  try {
    if (!IsRequest) {
      if (Method == "exit") {
        Exited = true;
        return;
      }
      if (!Initialized || Method == "initialized")
        return;
      auto It = Notifications.find(Method);
      if (It != Notifications.end())
        (this->*It->second)(Params);
      // Unknown notifications ($/cancelRequest, …) are ignored, as allowed.
    } else if (Method != "initialize" && !Initialized) {
      replyError(Id, ServerNotInitialized, "the server is not initialized");
    } else if (ShutdownRequested) {
      replyError(Id, InvalidRequest, "the server is shutting down");
    } else if (auto It = Requests.find(Method); It != Requests.end()) {
      reply(Id, (this->*It->second)(Params));
    } else {
      replyError(Id, MethodNotFound, "unsupported method: " + Method);
    }
  } catch (const json::exception &E) {
    Log << "rtcc lsp: bad parameters for " << Method << ": " << E.what() << "\n";
    if (IsRequest)
      replyError(Id, InvalidParams, std::string("bad parameters: ") + E.what());
  }
  if (Verbose) {
    double Ms = std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - Start)
                    .count();
    Log << "rtcc lsp: " << Method << " took " << llvm::format("%.2f", Ms) << " ms\n";
  }
}

json Server::initialize(const json &) {
  if (Initialized)
    throw json::other_error::create(501, "initialize sent twice", nullptr);
  Initialized = true;
  return {{"capabilities",
           {{"positionEncoding", "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", 2}}},
            {"hoverProvider", true},
            {"completionProvider", {{"triggerCharacters", {".", "\"", " "}}}},
            {"definitionProvider", true},
            {"referencesProvider", true},
            {"documentSymbolProvider", true},
            {"documentFormattingProvider", true}}},
          {"serverInfo", {{"name", "rtcc"}}}};
}

json Server::shutdown(const json &) {
  ShutdownRequested = true;
  return nullptr;
}

void Server::didOpen(const json &Params) {
  const json &TD = Params.at("textDocument");
  std::string Uri = TD.at("uri");
  Docs.open(Uri, TD.at("text").get<std::string>(), TD.value("version", 0LL));
  analyze(Uri);
}

void Server::didChange(const json &Params) {
  const json &TD = Params.at("textDocument");
  std::string Uri = TD.at("uri");
  if (!Docs.find(Uri)) {
    Log << "rtcc lsp: didChange for a document that is not open: " << Uri << "\n";
    return;
  }
  for (const json &C : Params.at("contentChanges")) {
    if (C.contains("range"))
      Docs.applyEdit(Uri, toPosition(C["range"].at("start")), toPosition(C["range"].at("end")),
                     C.at("text").get<std::string>());
    else
      Docs.replace(Uri, C.at("text").get<std::string>());
  }
  Docs.setVersion(Uri, TD.value("version", 0LL));
  analyze(Uri);
}

void Server::didClose(const json &Params) {
  std::string Uri = Params.at("textDocument").at("uri");
  Docs.close(Uri);
  Analyses.erase(Uri);
  T.write({{"jsonrpc", "2.0"},
           {"method", "textDocument/publishDiagnostics"},
           {"params", {{"uri", Uri}, {"diagnostics", json::array()}}}});
}

void Server::analyze(const std::string &Uri) {
  const Document *Doc = Docs.find(Uri);
  if (!Doc)
    return;
  auto A = std::make_unique<DocumentAnalysis>(uriToPath(Uri), Doc->Text);
  json Diags = diagnosticsJson(*Doc, *A);
  Analyses[Uri] = std::move(A);
  T.write({{"jsonrpc", "2.0"},
           {"method", "textDocument/publishDiagnostics"},
           {"params", {{"uri", Uri}, {"version", Doc->Version}, {"diagnostics", Diags}}}});
}

json Server::diagnosticsJson(const Document &Doc, const DocumentAnalysis &A) const {
  LineTable Lines(A.text());
  const llvm::SourceMgr &SM = A.sourceMgr();
  // A range elsewhere (an imported file): its location as words, so the
  // diagnostic still shows, at the top of this document.
  auto Locate = [&](llvm::SMRange R, json &Range, std::string &Where) -> bool {
    auto B = A.offsetOf(R.Start);
    if (B) {
      auto E = A.offsetOf(R.End);
      size_t End = E && *E >= *B ? *E : *B;
      Range = {{"start", position(Lines.positionOf(*B))},
               {"end", position(Lines.positionOf(End))}};
      return true;
    }
    Range = {{"start", position({0, 0})}, {"end", position({0, 0})}};
    if (R.Start.isValid()) {
      unsigned Buf = SM.FindBufferContainingLoc(R.Start);
      if (Buf) {
        auto [Line, Col] = SM.getLineAndColumn(R.Start, Buf);
        Where = SM.getMemoryBuffer(Buf)->getBufferIdentifier().str() + ":" +
                std::to_string(Line) + ":" + std::to_string(Col);
      }
    }
    return false;
  };
  json Out = json::array();
  for (const Diagnostic &D : A.diagnostics()) {
    json Range;
    std::string Where;
    bool Here = Locate(D.Range, Range, Where);
    json J = {{"range", Range},
              {"severity", lspSeverity(D.Sev)},
              {"code", D.Code},
              {"source", "rtcc"},
              {"message", Here || Where.empty() ? D.Message : Where + ": " + D.Message}};
    json Related = json::array();
    for (const DiagnosticNote &N : D.Notes) {
      json NR;
      std::string NWhere;
      std::string Uri = Doc.Uri;
      if (!Locate(N.Range, NR, NWhere) && !NWhere.empty()) {
        unsigned Buf = SM.FindBufferContainingLoc(N.Range.Start);
        Uri = pathToUri(SM.getMemoryBuffer(Buf)->getBufferIdentifier());
        auto [Line, Col] = SM.getLineAndColumn(N.Range.Start, Buf);
        Position P{Line - 1, Col - 1};
        NR = {{"start", position(P)}, {"end", position(P)}};
      } else if (!N.Range.Start.isValid()) {
        NR = Range;
      }
      Related.push_back({{"location", {{"uri", Uri}, {"range", NR}}}, {"message", N.Message}});
    }
    if (!Related.empty())
      J["relatedInformation"] = Related;
    if (!D.Hint.empty())
      J["data"] = {{"hint", D.Hint}};
    Out.push_back(std::move(J));
  }
  return Out;
}

const DocumentAnalysis *Server::analysisFor(const json &Params, const Document *&Doc,
                                            size_t &Offset) {
  std::string Uri = Params.at("textDocument").at("uri");
  Doc = Docs.find(Uri);
  auto It = Analyses.find(Uri);
  if (!Doc || It == Analyses.end())
    return nullptr;
  Offset = 0;
  if (Params.contains("position"))
    Offset = LineTable(Doc->Text).offsetOf(toPosition(Params["position"]));
  return It->second.get();
}

json Server::toLspRange(const Document &Doc, size_t Begin, size_t End) const {
  LineTable Lines(Doc.Text);
  return {{"start", position(Lines.positionOf(Begin))},
          {"end", position(Lines.positionOf(End))}};
}

json Server::hover(const json &Params) {
  const Document *Doc;
  size_t Off;
  const DocumentAnalysis *A = analysisFor(Params, Doc, Off);
  if (!A)
    return nullptr;
  std::string Text = A->hover(Off);
  if (Text.empty())
    return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", Text}}}};
}

json Server::completion(const json &Params) {
  const Document *Doc;
  size_t Off;
  const DocumentAnalysis *A = analysisFor(Params, Doc, Off);
  json Items = json::array();
  if (!A)
    return {{"isIncomplete", false}, {"items", Items}};
  CompletionContext Ctx = completionContextAt(Doc->Text, Off);
  auto Add = [&](const std::string &Label, int Kind, const std::string &Detail,
                 const std::string &Doc, std::string Insert = "") {
    json I = {{"label", Label}, {"kind", Kind}};
    if (!Detail.empty())
      I["detail"] = Detail;
    if (!Doc.empty())
      I["documentation"] = {{"kind", "markdown"}, {"value", Doc}};
    if (!Insert.empty())
      I["insertText"] = Insert;
    Items.push_back(std::move(I));
  };
  using W = CompletionContext::Where;
  if (Ctx.At == W::ItemStart && Ctx.Blocks.empty()) {
    for (const std::string &K : A->schemas().kindNames()) {
      const KindSchema *S = A->schemas().find(K);
      Add(K, CK_Class, "resource block", S ? S->Doc : "");
    }
    for (const char *K : {"variable", "output", "module", "provider", "backend"})
      if (!A->schemas().find(K))
        Add(K, CK_Class, "block", "");
    for (const char *K : {"let", "import"})
      Add(K, CK_Keyword, "keyword", "");
  } else if (Ctx.At == W::ItemStart) {
    if (const BlockSchema *S = A->schemaAt(Ctx.Blocks)) {
      for (const auto &[Name, AS] : S->Attrs)
        if (!AS.Computed)
          Add(Name, CK_Property, AS.Ty.str() + (AS.Required ? " (required)" : ""), AS.Doc);
      for (const auto &[Name, BS] : S->Blocks)
        Add(Name, CK_Module, "block", BS.Doc);
    }
  } else if (Ctx.At == W::Value) {
    const BlockSchema *S = A->schemaAt(Ctx.Blocks);
    auto It = S ? S->Attrs.find(Ctx.Attr) : decltype(S->Attrs.end())();
    if (S && It != S->Attrs.end()) {
      const AttrSchema &AS = It->second;
      std::vector<std::string> Values = AS.Enum.empty() ? AS.Ty.EnumValues : AS.Enum;
      for (const std::string &V : Values)
        Add(V, CK_EnumMember, AS.Name, "", Ctx.InString ? V : "\"" + V + "\"");
      if (!Ctx.InString && AS.Ty.K == Type::Kind::Bool) {
        Add("true", CK_Value, "bool", "");
        Add("false", CK_Value, "bool", "");
      }
      if (!Ctx.InString && AS.Ty.K == Type::Kind::Ref)
        for (const std::string &N : A->namesOfKind(AS.Ty.RefKind))
          Add(AS.Ty.RefKind + "." + N, CK_Reference, AS.Ty.str(), "");
    }
  } else if (Ctx.At == W::Member) {
    if (Ctx.Root == "var" || A->schemas().find(Ctx.Root))
      for (const std::string &N : A->namesOfKind(Ctx.Root))
        Add(N, CK_Reference, Ctx.Root + "." + N, "");
  }
  return {{"isIncomplete", false}, {"items", Items}};
}

json Server::definition(const json &Params) {
  const Document *Doc;
  size_t Off;
  const DocumentAnalysis *A = analysisFor(Params, Doc, Off);
  if (!A)
    return nullptr;
  std::optional<RefSite> R = A->referenceAt(Off);
  if (!R)
    return nullptr;
  std::optional<OffsetRange> D = A->definitionOf(*R);
  if (!D)
    return nullptr;
  return {{"uri", Doc->Uri}, {"range", toLspRange(*Doc, D->Begin, D->End)}};
}

json Server::references(const json &Params) {
  const Document *Doc;
  size_t Off;
  const DocumentAnalysis *A = analysisFor(Params, Doc, Off);
  json Out = json::array();
  if (!A)
    return Out;
  std::optional<RefSite> R = A->referenceAt(Off);
  if (!R)
    return Out;
  LineTable Lines(Doc->Text);
  auto Loc = [&](size_t B, size_t E) {
    return json{{"uri", Doc->Uri},
                {"range",
                 {{"start", position(Lines.positionOf(B))},
                  {"end", position(Lines.positionOf(E))}}}};
  };
  bool WithDecl = Params.value("context", json::object()).value("includeDeclaration", false);
  if (WithDecl)
    if (std::optional<OffsetRange> D = A->definitionOf(*R))
      Out.push_back(Loc(D->Begin, D->End));
  for (const RefSite &S : A->referencesTo(R->Root, R->Name))
    Out.push_back(Loc(S.Begin, S.End));
  return Out;
}

json Server::documentSymbol(const json &Params) {
  const Document *Doc;
  size_t Off;
  const DocumentAnalysis *A = analysisFor(Params, Doc, Off);
  json Out = json::array();
  if (!A)
    return Out;
  LineTable Lines(A->text());
  auto Range = [&](llvm::SMLoc B, llvm::SMLoc E) -> std::optional<json> {
    auto OB = A->offsetOf(B), OE = A->offsetOf(E);
    if (!OB || !OE || *OE < *OB)
      return std::nullopt;
    return json{{"start", position(Lines.positionOf(*OB))},
                {"end", position(Lines.positionOf(*OE))}};
  };
  std::function<json(const std::vector<ast::ItemPtr> &, unsigned)> Symbols =
      [&](const std::vector<ast::ItemPtr> &Items, unsigned Depth) {
        json List = json::array();
        for (const ast::ItemPtr &I : Items) {
          auto *B = llvm::dyn_cast<ast::Block>(I.get());
          if (!B)
            continue;
          std::string Name = B->Type.Name;
          for (const ast::Label &L : B->Labels)
            Name += " " + (L.Quoted ? "\"" + L.Value + "\"" : L.Value);
          llvm::SMLoc SelEnd = B->Labels.empty() ? B->Type.Range.End : B->Labels.back().Range.End;
          std::optional<json> Full = Range(B->Range.Start, B->Range.End);
          std::optional<json> Sel = Range(B->Type.Range.Start, SelEnd);
          if (!Full || !Sel)
            continue;
          int Kind = B->Type.Name == "variable" ? SK_Variable
                     : B->Type.Name == "module" ? SK_Module
                     : Depth == 0 && A->schemas().find(B->Type.Name) ? SK_Struct
                                                                      : SK_Object;
          json S = {{"name", Name}, {"kind", Kind}, {"range", *Full},
                    {"selectionRange", *Sel}, {"detail", B->Type.Name}};
          json Children = Symbols(B->Body, Depth + 1);
          if (!Children.empty())
            S["children"] = Children;
          List.push_back(std::move(S));
        }
        return List;
      };
  return Symbols(A->file().Items, 0);
}

json Server::formatting(const json &Params) {
  const Document *Doc;
  size_t Off;
  const DocumentAnalysis *A = analysisFor(Params, Doc, Off);
  if (!A)
    return nullptr;
  if (A->hadSyntaxErrors()) {
    Log << "rtcc lsp: not formatting " << Doc->Uri << ": it has syntax errors\n";
    return nullptr;
  }
  std::string Formatted = formatFile(A->file(), A->text());
  if (Formatted == A->text())
    return json::array();
  return json::array({{{"range", toLspRange(*Doc, 0, Doc->Text.size())},
                       {"newText", Formatted}}});
}

} // namespace rtc::lsp
