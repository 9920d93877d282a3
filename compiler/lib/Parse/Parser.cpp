//===- Parser.cpp - parse .rtc source into the AST -------------------------===//
//
// Two-stage parsing: SLL prediction with a bail-out error strategy first (fast
// and enough for almost every valid file), then full LL with error recovery
// and readable diagnostics only if the first stage fails.
// Before both, DirectParser tries to build the AST straight from the tokens;
// it handles plainly valid input, several times faster than ANTLR.
//
//===----------------------------------------------------------------------===//
#include "rtc/Parse/Parser.h"
#include "AstBuilder.h"
#include "DirectParser.h"
#include "FastLexer.h"
#include "RecoveryStrategy.h"
#include "RtcLexer.h"
#include "RtcParser.h"
#include "SourceLocator.h"
#include "SyntaxErrorReporter.h"
#include "antlr4-runtime.h"
#include "rtc/Parse/IgnoreComments.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace rtc::antlrgen;

namespace rtc {

namespace {

/// ANTLR's input stream rejects invalid UTF-8; report each bad byte and
/// replace it with `?` so offsets stay the same and parsing can go on.
std::string sanitizeUtf8(llvm::StringRef Text, DiagnosticsEngine &Diags,
                         bool &Changed) {
  std::string Out;
  Changed = false;
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Text.begin());
  const auto *End = reinterpret_cast<const llvm::UTF8 *>(Text.end());
  const llvm::UTF8 *Pos = Begin;
  unsigned Reported = 0;
  while (Pos < End) {
    if (llvm::isLegalUTF8String(&Pos, End))
      break;
    if (!Changed) {
      Out.assign(Text.begin(), Text.end());
      Changed = true;
    }
    size_t Offset = static_cast<size_t>(Pos - Begin);
    if (Reported++ < 3) {
      llvm::SMLoc L = llvm::SMLoc::getFromPointer(Text.data() + Offset);
      std::string Hex;
      llvm::raw_string_ostream(Hex) << llvm::format_hex_no_prefix(*Pos, 2, true);
      Diags.report(llvm::SMRange(L, llvm::SMLoc::getFromPointer(Text.data() + Offset + 1)),
                   diag::err_invalid_utf8)
          << Hex;
    }
    Out[Offset] = '?';
    Pos = reinterpret_cast<const llvm::UTF8 *>(Out.data()) + Offset + 1;
    Begin = reinterpret_cast<const llvm::UTF8 *>(Out.data());
    End = Begin + Out.size();
  }
  return Out;
}

void collectComments(antlr4::CommonTokenStream &Tokens, const SourceLocator &Locator,
                     DiagnosticsEngine &Diags, ast::File &Out) {
  for (antlr4::Token *T : Tokens.getTokens()) {
    if (T->getChannel() != RtcLexer::COMMENTS)
      continue;
    ast::Comment C;
    C.Range = Locator.range(T);
    C.Text = T->getText();
    C.IsBlock = T->getType() != RtcLexer::LINE_COMMENT;
    if (T->getType() == RtcLexer::BLOCK_COMMENT_UNTERMINATED)
      Diags.report(llvm::SMRange(C.Range.Start, C.Range.Start),
                   diag::err_unterminated_comment);
    Out.Comments.push_back(std::move(C));
  }
}

/// Estimates, in one pass over the tokens, how deep the tree of the input
/// would be: each open bracket, string or `${` is a level, and so is each
/// operator since the last `,` or `=` of that level (a chain `1+1+…` is a
/// tree as deep as it is long). Reports err_nesting_too_deep at the first
/// token past MaxNestingDepth. Both parsers, the AST and every recursive walk
/// after it (sema, fmt, IR, destructors) are bounded by this one check.
bool checkNesting(const std::vector<FastLexer::RawToken> &Toks,
                  llvm::StringRef LexText, llvm::StringRef Text,
                  DiagnosticsEngine &Diags) {
  using L = RtcLexer;
  std::vector<unsigned> Ops{0}; // operators per open level; [0] is the file
  unsigned Depth = 0;           // levels + operators on the stack
  for (const FastLexer::RawToken &T : Toks) {
    if (T.Channel != antlr4::Token::DEFAULT_CHANNEL)
      continue;
    switch (T.Type) {
    case L::LBRACE:
    case L::LBRACK:
    case L::LPAREN:
    case L::QUOTE_OPEN:
    case L::TEXT_BLOCK_OPEN:
    case L::STRING_INTERP:
    case L::TB_INTERP:
      Ops.push_back(0);
      ++Depth;
      break;
    case L::RBRACE:
    case L::RBRACK:
    case L::RPAREN:
    case L::QUOTE_CLOSE:
    case L::STRING_NEWLINE:
    case L::TEXT_BLOCK_CLOSE:
      if (Ops.size() > 1) {
        Depth -= 1 + Ops.back();
        Ops.pop_back();
      }
      break;
    case L::COMMA:
    case L::ASSIGN:
      Depth -= Ops.back();
      Ops.back() = 0;
      break;
    case L::EQ: case L::NEQ: case L::LE: case L::GE: case L::LT: case L::GT:
    case L::AND: case L::OR: case L::NOT: case L::PLUS: case L::MINUS:
    case L::STAR: case L::SLASH: case L::PERCENT: case L::QUESTION:
    case L::DOT:
      ++Ops.back();
      ++Depth;
      break;
    default:
      break;
    }
    if (Depth > MaxNestingDepth) {
      size_t Offset = static_cast<size_t>(T.Begin - LexText.begin());
      const char *P = Text.data() + Offset;
      Diags.report(llvm::SMRange(llvm::SMLoc::getFromPointer(P),
                                 llvm::SMLoc::getFromPointer(P + (T.End - T.Begin))),
                   diag::err_nesting_too_deep)
          << MaxNestingDepth;
      return false;
    }
  }
  return true;
}

ast::File parseSource(unsigned BufferId, DiagnosticsEngine &Diags,
                      const ParseOptions &Opts) {
  const llvm::MemoryBuffer *Buf = Diags.getSourceMgr().getMemoryBuffer(BufferId);
  llvm::StringRef Text = Buf->getBuffer();
  ast::File Out;
  Out.BufferId = BufferId;
  Out.Path = Buf->getBufferIdentifier().str();
  unsigned ErrorsBefore = Diags.errorCount();

  bool Sanitized = false;
  std::string Clean = sanitizeUtf8(Text, Diags, Sanitized);
  llvm::StringRef LexText = Sanitized ? llvm::StringRef(Clean) : Text;
  {
    FastLexer Pre(LexText.begin(), LexText.end());
    std::vector<FastLexer::RawToken> Toks;
    Pre.lexAll(Toks);
    if (!checkNesting(Toks, LexText, Text, Diags)) {
      Out.HadSyntaxErrors = true;
      return Out;
    }
    if (!Sanitized && !Opts.UseAntlrLexer && !Opts.UseAntlrParser &&
        Pre.recognitionErrors().empty() && parseDirect(std::move(Toks), Out))
      return Out;
  }
  // Locations always point into the SourceMgr's buffer.
  SourceLocator Locator(Text);

  std::unique_ptr<antlr4::ANTLRInputStream> Input;
  std::unique_ptr<antlr4::TokenSource> Lexer;
  if (Opts.UseAntlrLexer) {
    Input = std::make_unique<antlr4::ANTLRInputStream>(LexText.data(), LexText.size());
    auto L = std::make_unique<RtcLexer>(Input.get());
    L->removeErrorListeners();
    Lexer = std::move(L);
  } else {
    Lexer = std::make_unique<FastLexer>(LexText.begin(), LexText.end(), Out.Path);
  }
  antlr4::CommonTokenStream Tokens(Lexer.get());
  RtcParser Parser(&Tokens);
  Parser.removeErrorListeners();

  RtcParser::FileContext *Tree = nullptr;
  Parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  Parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    Tree = Parser.file();
  } catch (antlr4::ParseCancellationException &) {
    Tokens.seek(0);
    Parser.reset();
    Parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    Parser.setErrorHandler(std::make_shared<RecoveryStrategy>());
    SyntaxErrorReporter Reporter(Diags, Locator);
    Parser.addErrorListener(&Reporter);
    Tree = Parser.file();
    Parser.removeErrorListeners();
  }
  Tokens.fill();
  collectComments(Tokens, Locator, Diags, Out);

  AstBuilder Builder(Diags, Locator);
  Out.Items = Builder.buildItems(Tree);
  Out.HadSyntaxErrors = Diags.errorCount() != ErrorsBefore;
  return Out;
}

} // namespace

ast::File parseBuffer(unsigned BufferId, DiagnosticsEngine &Diags,
                      const ParseOptions &Opts) {
  ast::File F = parseSource(BufferId, Diags, Opts);
  // Every front end reads the file through here, so check, plan, apply and
  // the LSP honour the same comments.
  registerIgnoreComments(F, Diags);
  return F;
}

} // namespace rtc
