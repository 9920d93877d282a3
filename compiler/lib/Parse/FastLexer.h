//===- FastLexer.h - hand-written lexer, token-equal to RtcLexer -*- C++ -*-===//
//
// The ANTLR-generated lexer runs at about a million tokens per second, which
// makes it the first bottleneck on large configurations. FastLexer produces
// exactly the tokens grammar/RtcLexer.g4 defines (type, channel, text, start
// and stop index, line, column), so the generated parser cannot tell the two
// apart; tests/unit/lexer checks that token for token.
//
// Indexes. ANTLRInputStream decodes UTF-8 into code points and drops a leading
// byte order mark, so token start/stop indexes and columns count code points
// from the first character after the BOM. FastLexer scans bytes and counts
// code points the same way (a code point starts at every byte that is not a
// continuation byte 10xxxxxx). The input must be valid UTF-8 (the parser
// validates it first, as ANTLRInputStream would throw otherwise); on invalid
// input FastLexer still terminates and stays inside the buffer, but indexes
// are then unspecified. Two quirks of ANTLRInputStream's decoder are matched:
// a multi-byte sequence cut off by the end of the input is dropped, and
// surrogate code points encoded in three bytes count as one code point.
//
// Token objects are antlr4::CommonTokens that carry their text; their memory
// comes from chunks shared by many tokens (freed when the lexer and the last
// token of a chunk are gone), which makes buffering a large file's tokens
// several times cheaper than one malloc per token.
//
// Private to the parse library: ANTLR types never reach compiler/include.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_LIB_PARSE_FASTLEXER_H
#define RTC_LIB_PARSE_FASTLEXER_H

#include "CharStream.h"
#include "CommonToken.h"
#include "TokenFactory.h"
#include "TokenSource.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rtc {

class TokenArena;

/// A read-only CharStream over a UTF-8 buffer, indexed by code point like
/// ANTLRInputStream. Tokens from FastLexer carry their text, so the parser
/// never needs this; it serves callers that ask a token for its input stream.
class Utf8CharStream : public antlr4::CharStream {
public:
  Utf8CharStream(const char *Begin, const char *End, std::string SourceName);

  void consume() override;
  size_t LA(ssize_t I) override;
  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return Pos; }
  void seek(size_t Index) override;
  size_t size() override;
  std::string getSourceName() const override;
  std::string getText(const antlr4::misc::Interval &Interval) override;
  std::string toString() const override;

  /// Byte offset (from Begin) of code point Index; size in bytes past the end.
  size_t byteOffset(size_t Index) const;

private:
  /// Counts code points on first use: the parser never asks, so lexing does
  /// not pay for it.
  void buildIndex() const;

  const char *Begin;
  const char *End;
  std::string SourceName;
  size_t Pos = 0;
  mutable bool Indexed = false;
  mutable size_t NumCodePoints = 0;
  // Byte offset of every code point plus one for the end; empty when the
  // text is ASCII and code point and byte indexes coincide.
  mutable std::vector<uint32_t> ByteOffsetOfCodePoint;
};

class FastLexer : public antlr4::TokenSource {
public:
  /// [Begin, End) must stay alive and unchanged while the lexer or any of its
  /// tokens is used.
  FastLexer(const char *Begin, const char *End,
            std::string SourceName = "<unknown>");
  ~FastLexer() override;

  std::unique_ptr<antlr4::Token> nextToken() override;
  size_t getLine() const override { return Line; }
  size_t getCharPositionInLine() override { return column(Cur); }
  antlr4::CharStream *getInputStream() override;
  std::string getSourceName() override;
  antlr4::TokenFactory<antlr4::CommonToken> *getTokenFactory() override;
  /// Tokens are built directly unless a factory is set (nullptr restores that).
  void setTokenFactory(antlr4::TokenFactory<antlr4::CommonToken> *F) {
    Factory = F;
  }

  /// Characters RtcLexer cannot match (only a carriage return not followed by
  /// a newline inside a "..." string, plus the character after it). ANTLR
  /// reports them as "token recognition error" and drops them; so do we.
  struct RecognitionError {
    size_t StartIndex; // code point index
    size_t Line;       // 1-based
    size_t Column;     // 0-based, in code points
    std::string Text;  // the dropped characters
  };
  const std::vector<RecognitionError> &recognitionErrors() const {
    return Errors;
  }

  /// A token without ANTLR's object: its type, channel and bytes. Used by
  /// DirectParser, which needs neither code point indexes nor token objects.
  struct RawToken {
    uint32_t Type;
    uint32_t Channel;
    const char *Begin; ///< first byte
    const char *End;   ///< one past the last byte
  };
  /// Lexes the whole input into Out, EOF last (its Begin == End == end of
  /// input). Same token stream as nextToken(), several times cheaper.
  void lexAll(std::vector<RawToken> &Out);

private:
  enum Mode : uint8_t { ModeDefault, ModeString, ModeTextBlock };

  size_t cpIndex(const char *P) const {
    return static_cast<size_t>(P - Base) - Continuations;
  }
  size_t column(const char *P) const { return cpIndex(P) - LineStartIndex; }
  /// Moves Cur to E over text that may hold newlines and multi-byte
  /// characters, keeping line and code point counts.
  void advanceCounting(const char *E);
  const char *codePointEnd(const char *P) const;
  std::unique_ptr<antlr4::Token> lexDefault();
  std::unique_ptr<antlr4::Token> lexString();
  std::unique_ptr<antlr4::Token> lexTextBlock();
  /// Length of a valid escape at P (which points at a backslash), else 0.
  size_t escapeLength(const char *P) const;
  std::unique_ptr<antlr4::Token> lexDollar(size_t Interp, size_t DollarEsc,
                                           size_t Dollar);
  std::unique_ptr<antlr4::Token> makeEOF();
  /// Emits [Start, Cur) where Start was at StartIndex / StartLine:StartCol.
  std::unique_ptr<antlr4::Token> make(size_t Type, size_t Channel,
                                      const char *Start, size_t StartIndex,
                                      size_t StartLine, size_t StartCol);
  /// Emits [Cur, Cur + Len) of ASCII text without newlines and advances.
  std::unique_ptr<antlr4::Token> makeSimple(size_t Type, size_t Len);
  void pushMode(Mode M) {
    ModeStack.push_back(CurMode);
    CurMode = M;
  }
  void popMode() {
    CurMode = static_cast<Mode>(ModeStack.back());
    ModeStack.pop_back();
  }

  const char *Base; // first character after an optional BOM
  const char *End;
  const char *Cur;
  std::string SourceName;
  size_t Line = 1;
  size_t LineStartIndex = 0; // code point index of the current line's start
  size_t Continuations = 0;  // continuation bytes in [Base, Cur)
  Mode CurMode = ModeDefault;
  std::vector<uint8_t> ModeStack;
  std::vector<RecognitionError> Errors;
  antlr4::TokenFactory<antlr4::CommonToken> *Factory = nullptr;
  std::unique_ptr<Utf8CharStream> Stream;
  // Token memory: one heap block per token made malloc the main cost of
  // buffering a large file's tokens, so tokens are carved from shared chunks.
  std::unique_ptr<TokenArena> Arena;
  /// Set during lexAll: make() appends here instead of building tokens.
  std::vector<RawToken> *RawOut = nullptr;
};

} // namespace rtc

#endif
