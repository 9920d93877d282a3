//===- FastLexer.cpp - hand-written lexer, token-equal to RtcLexer --------===//
//
// Each lexX function mirrors one mode of grammar/RtcLexer.g4; comments name
// the rule a branch implements. Where ANTLR's longest-match choice is subtle
// (numbers, escapes, block comments, a stray carriage return in a string) the
// reasoning is spelled out next to the code.
//
//===----------------------------------------------------------------------===//
#include "FastLexer.h"

#include "CommonTokenFactory.h"
#include "RtcLexer.h"
#include "Exceptions.h"
#include "misc/Interval.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

using rtc::antlrgen::RtcLexer;

namespace rtc {

namespace {

constexpr size_t DefaultChannel = antlr4::Token::DEFAULT_CHANNEL;
constexpr size_t CommentChannel = RtcLexer::COMMENTS;

bool isContinuation(unsigned char C) { return (C & 0xC0) == 0x80; }
bool isDigit(unsigned char C) { return C >= '0' && C <= '9'; }
bool isHex(unsigned char C) {
  return isDigit(C) || (C >= 'a' && C <= 'f') || (C >= 'A' && C <= 'F');
}
bool isIdentStart(unsigned char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_';
}
bool isIdentChar(unsigned char C) { return isIdentStart(C) || isDigit(C); }

bool hasBOM(const char *Begin, const char *End) {
  return End - Begin >= 3 && std::memcmp(Begin, "\xEF\xBB\xBF", 3) == 0;
}

/// ANTLRInputStream (through std::wstring_convert) silently drops a
/// multi-byte sequence cut off by the end of the input; so do we.
const char *trimIncompleteTail(const char *Begin, const char *End) {
  const char *P = End;
  while (P != Begin && End - P < 4 &&
         isContinuation(static_cast<unsigned char>(P[-1])))
    --P;
  if (P == Begin)
    return End;
  unsigned char Lead = static_cast<unsigned char>(P[-1]);
  long Need = Lead >= 0xF0 ? 4 : Lead >= 0xE0 ? 3 : Lead >= 0xC0 ? 2 : 1;
  return End - (P - 1) < Need ? P - 1 : End;
}

/// Keyword token type for an identifier, or IDENT.
size_t keywordOrIdent(const char *P, size_t Len) {
  auto Is = [&](const char *KW) { return std::memcmp(P, KW, Len) == 0; };
  switch (Len) {
  case 2:
    if (Is("as"))
      return RtcLexer::AS;
    if (Is("on"))
      return RtcLexer::ON;
    break;
  case 3:
    if (Is("let"))
      return RtcLexer::LET;
    break;
  case 4:
    if (Is("deny"))
      return RtcLexer::DENY;
    if (Is("true"))
      return RtcLexer::TRUE_LIT;
    if (Is("null"))
      return RtcLexer::NULL_LIT;
    break;
  case 5:
    if (Is("allow"))
      return RtcLexer::ALLOW;
    if (Is("false"))
      return RtcLexer::FALSE_LIT;
    break;
  case 6:
    if (Is("import"))
      return RtcLexer::IMPORT;
    break;
  default:
    break;
  }
  return RtcLexer::IDENT;
}

/// A block of token objects. It is freed when the arena has moved on from it
/// and its last token has been deleted, whichever comes last; tokens may be
/// deleted on any thread, hence the atomic count.
struct TokenChunk {
  static constexpr size_t Bytes = 64 * 1024; // also the alignment
  std::atomic<size_t> Refs{1};                // the arena's, plus live tokens

  static TokenChunk *containing(void *P) {
    return reinterpret_cast<TokenChunk *>(reinterpret_cast<uintptr_t>(P) &
                                          ~uintptr_t(Bytes - 1));
  }
  static void unref(TokenChunk *C) {
    if (C->Refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      C->~TokenChunk();
      std::free(C);
    }
  }
};

constexpr size_t roundUp(size_t N) {
  return (N + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);
}

} // namespace

/// Hands out token memory from TokenChunks (see FastLexer::Arena).
class TokenArena {
public:
  TokenArena() = default;
  TokenArena(const TokenArena &) = delete;
  TokenArena &operator=(const TokenArena &) = delete;
  ~TokenArena() {
    if (Chunk)
      TokenChunk::unref(Chunk);
  }

  void *allocate(size_t Size) {
    Size = roundUp(Size);
    if (!Chunk || static_cast<size_t>(End - Cur) < Size) {
      void *Mem = std::aligned_alloc(TokenChunk::Bytes, TokenChunk::Bytes);
      if (!Mem)
        throw std::bad_alloc();
      if (Chunk)
        TokenChunk::unref(Chunk);
      Chunk = new (Mem) TokenChunk();
      Cur = static_cast<char *>(Mem) + roundUp(sizeof(TokenChunk));
      End = static_cast<char *>(Mem) + TokenChunk::Bytes;
    }
    void *P = Cur;
    Cur += Size;
    Chunk->Refs.fetch_add(1, std::memory_order_relaxed);
    return P;
  }

  static void release(void *P) { TokenChunk::unref(TokenChunk::containing(P)); }

private:
  TokenChunk *Chunk = nullptr;
  char *Cur = nullptr;
  char *End = nullptr;
};

namespace {

/// A CommonToken whose text is copied straight from the buffer (CommonToken
/// only offers setText(const std::string &), which would copy twice) and
/// whose memory comes from a TokenArena.
class LexedToken final : public antlr4::CommonToken {
public:
  LexedToken(std::pair<antlr4::TokenSource *, antlr4::CharStream *> Source,
             size_t Type, size_t Channel, size_t Start, size_t Stop,
             size_t Line, size_t Column, const char *Text, size_t Len)
      : CommonToken({nullptr, nullptr}, Type, Channel, Start, Stop) {
    _source = Source;
    _line = Line;
    _charPositionInLine = Column;
    _text.assign(Text, Len);
  }

  static void *operator new(size_t Size, TokenArena &A) {
    return A.allocate(Size);
  }
  // Called by `delete` through the virtual destructor, and if the
  // constructor throws.
  static void operator delete(void *P) { TokenArena::release(P); }
  static void operator delete(void *P, TokenArena &) {
    TokenArena::release(P);
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Utf8CharStream
//===----------------------------------------------------------------------===//

Utf8CharStream::Utf8CharStream(const char *Begin, const char *End,
                               std::string SourceName)
    : Begin(Begin), End(trimIncompleteTail(Begin, End)),
      SourceName(std::move(SourceName)) {
  if (hasBOM(Begin, this->End))
    this->Begin += 3;
}

void Utf8CharStream::buildIndex() const {
  Indexed = true;
  bool Ascii = true;
  for (const char *P = Begin; P != End; ++P)
    if (static_cast<unsigned char>(*P) >= 0x80) {
      Ascii = false;
      break;
    }
  if (Ascii) {
    NumCodePoints = static_cast<size_t>(End - Begin);
    return;
  }
  for (const char *P = Begin; P != End; ++P)
    if (!isContinuation(static_cast<unsigned char>(*P)))
      ByteOffsetOfCodePoint.push_back(static_cast<uint32_t>(P - Begin));
  NumCodePoints = ByteOffsetOfCodePoint.size();
  ByteOffsetOfCodePoint.push_back(static_cast<uint32_t>(End - Begin));
}

size_t Utf8CharStream::size() {
  if (!Indexed)
    buildIndex();
  return NumCodePoints;
}

size_t Utf8CharStream::byteOffset(size_t Index) const {
  if (!Indexed)
    buildIndex();
  if (ByteOffsetOfCodePoint.empty())
    return Index < NumCodePoints ? Index : NumCodePoints;
  return Index < NumCodePoints ? ByteOffsetOfCodePoint[Index]
                               : ByteOffsetOfCodePoint.back();
}

void Utf8CharStream::consume() {
  if (Pos >= size())
    throw antlr4::IllegalStateException("cannot consume EOF");
  ++Pos;
}

size_t Utf8CharStream::LA(ssize_t I) {
  if (I == 0)
    return 0; // undefined, as in ANTLRInputStream
  ssize_t Target = static_cast<ssize_t>(Pos) + (I < 0 ? I : I - 1);
  if (Target < 0 || static_cast<size_t>(Target) >= size())
    return antlr4::IntStream::EOF;
  const auto *P = reinterpret_cast<const unsigned char *>(
      Begin + byteOffset(static_cast<size_t>(Target)));
  const auto *E = reinterpret_cast<const unsigned char *>(End);
  unsigned char C = *P;
  if (C < 0x80)
    return C;
  size_t Len = C >= 0xF0 ? 4 : C >= 0xE0 ? 3 : 2;
  size_t CP = C & (0x7F >> Len);
  for (size_t K = 1; K < Len && P + K < E; ++K)
    CP = (CP << 6) | (P[K] & 0x3F);
  return CP;
}

void Utf8CharStream::seek(size_t Index) {
  Pos = Index < size() ? Index : size();
}

std::string Utf8CharStream::getSourceName() const {
  return SourceName.empty() ? antlr4::IntStream::UNKNOWN_SOURCE_NAME
                            : SourceName;
}

std::string Utf8CharStream::getText(const antlr4::misc::Interval &Interval) {
  if (Interval.a < 0 || Interval.b < Interval.a)
    return "";
  size_t Start = byteOffset(static_cast<size_t>(Interval.a));
  size_t Stop = byteOffset(static_cast<size_t>(Interval.b) + 1);
  return std::string(Begin + Start, Stop - Start);
}

std::string Utf8CharStream::toString() const {
  return std::string(Begin, End);
}

//===----------------------------------------------------------------------===//
// FastLexer
//===----------------------------------------------------------------------===//

FastLexer::FastLexer(const char *Begin, const char *End, std::string Name)
    : Base(hasBOM(Begin, End) ? Begin + 3 : Begin),
      End(trimIncompleteTail(Base, End)), Cur(Base),
      SourceName(std::move(Name)),
      Stream(std::make_unique<Utf8CharStream>(Begin, End, SourceName)),
      Arena(std::make_unique<TokenArena>()) {}

FastLexer::~FastLexer() = default;

antlr4::CharStream *FastLexer::getInputStream() { return Stream.get(); }

std::string FastLexer::getSourceName() { return Stream->getSourceName(); }

antlr4::TokenFactory<antlr4::CommonToken> *FastLexer::getTokenFactory() {
  return Factory ? Factory : antlr4::CommonTokenFactory::DEFAULT.get();
}

void FastLexer::advanceCounting(const char *E) {
  for (const char *P = Cur; P < E; ++P) {
    unsigned char C = static_cast<unsigned char>(*P);
    if (C == '\n') {
      ++Line;
      LineStartIndex = static_cast<size_t>(P + 1 - Base) - Continuations;
    } else if (isContinuation(C)) {
      ++Continuations;
    }
  }
  Cur = E;
}

const char *FastLexer::codePointEnd(const char *P) const {
  unsigned char C = static_cast<unsigned char>(*P);
  size_t Len = C < 0xC0 ? 1 : C < 0xE0 ? 2 : C < 0xF0 ? 3 : 4;
  return static_cast<size_t>(End - P) < Len ? End : P + Len;
}

std::unique_ptr<antlr4::Token>
FastLexer::make(size_t Type, size_t Channel, const char *Start,
                size_t StartIndex, size_t StartLine, size_t StartCol) {
  if (RawOut) {
    RawOut->push_back({static_cast<uint32_t>(Type), static_cast<uint32_t>(Channel),
                       Start, Cur});
    return nullptr;
  }
  size_t Stop = cpIndex(Cur) - 1;
  size_t Len = static_cast<size_t>(Cur - Start);
  if (Factory)
    return Factory->create({this, Stream.get()}, Type, std::string(Start, Len),
                           Channel, StartIndex, Stop, StartLine, StartCol);
  return std::unique_ptr<antlr4::Token>(new (*Arena) LexedToken(
      {this, Stream.get()}, Type, Channel, StartIndex, Stop, StartLine,
      StartCol, Start, Len));
}

std::unique_ptr<antlr4::Token> FastLexer::makeSimple(size_t Type, size_t Len) {
  const char *Start = Cur;
  size_t StartIndex = cpIndex(Cur);
  size_t Col = StartIndex - LineStartIndex;
  Cur += Len;
  return make(Type, DefaultChannel, Start, StartIndex, Line, Col);
}

std::unique_ptr<antlr4::Token> FastLexer::makeEOF() {
  if (RawOut) {
    RawOut->push_back({static_cast<uint32_t>(antlr4::Token::EOF),
                       static_cast<uint32_t>(DefaultChannel), End, End});
    return nullptr;
  }
  // ANTLR's EOF token spans [size, size - 1] and reads back as "<EOF>".
  size_t Index = cpIndex(End);
  size_t Col = column(End);
  if (Factory)
    return Factory->create({this, Stream.get()}, antlr4::Token::EOF, "<EOF>",
                           DefaultChannel, Index, Index - 1, Line, Col);
  static const char Text[] = "<EOF>";
  return std::unique_ptr<antlr4::Token>(
      new (*Arena) LexedToken({this, Stream.get()}, antlr4::Token::EOF,
                              DefaultChannel, Index, Index - 1, Line, Col,
                              Text, sizeof(Text) - 1));
}

void FastLexer::lexAll(std::vector<RawToken> &Out) {
  // About one token per 5 bytes of configuration.
  Out.reserve(Out.size() + static_cast<size_t>(End - Cur) / 5 + 16);
  RawOut = &Out;
  do
    nextToken();
  while (Out.empty() || Out.back().Type != static_cast<uint32_t>(antlr4::Token::EOF));
  RawOut = nullptr;
}

std::unique_ptr<antlr4::Token> FastLexer::nextToken() {
  switch (CurMode) {
  case ModeDefault:
    return lexDefault();
  case ModeString:
    return lexString();
  case ModeTextBlock:
    return lexTextBlock();
  }
  return makeEOF();
}

size_t FastLexer::escapeLength(const char *P) const {
  // STRING_ESCAPE / TB_ESCAPE: '\\' ( [nrt"\\$] | 'u' HEX{4} | 'u{' HEX+ '}' )
  size_t Avail = static_cast<size_t>(End - P);
  if (Avail < 2)
    return 0;
  switch (P[1]) {
  case 'n':
  case 'r':
  case 't':
  case '"':
  case '\\':
  case '$':
    return 2;
  case 'u':
    break;
  default:
    return 0;
  }
  if (Avail >= 6 && isHex(P[2]) && isHex(P[3]) && isHex(P[4]) && isHex(P[5]))
    return 6;
  if (Avail >= 3 && P[2] == '{') {
    const char *Q = P + 3;
    while (Q != End && isHex(static_cast<unsigned char>(*Q)))
      ++Q;
    if (Q != P + 3 && Q != End && *Q == '}')
      return static_cast<size_t>(Q + 1 - P);
  }
  return 0;
}

std::unique_ptr<antlr4::Token>
FastLexer::lexDollar(size_t Interp, size_t DollarEsc, size_t Dollar) {
  // '${' pushes an expression mode; '$${' is a literal; a lone '$' is text.
  size_t Avail = static_cast<size_t>(End - Cur);
  if (Avail >= 2 && Cur[1] == '{') {
    auto T = makeSimple(Interp, 2);
    pushMode(ModeDefault);
    return T;
  }
  if (Avail >= 3 && Cur[1] == '$' && Cur[2] == '{')
    return makeSimple(DollarEsc, 3);
  return makeSimple(Dollar, 1);
}

std::unique_ptr<antlr4::Token> FastLexer::lexDefault() {
  for (;;) {
    // WS: [ \t\r\n\f]+ -> skip
    while (Cur != End) {
      char C = *Cur;
      if (C == ' ' || C == '\t' || C == '\r' || C == '\f') {
        ++Cur;
      } else if (C == '\n') {
        ++Cur;
        ++Line;
        LineStartIndex = cpIndex(Cur);
      } else {
        break;
      }
    }
    if (Cur == End)
      return makeEOF();

    const char *Start = Cur;
    size_t StartIndex = cpIndex(Cur);
    size_t StartLine = Line;
    size_t StartCol = StartIndex - LineStartIndex;
    size_t Avail = static_cast<size_t>(End - Cur);
    unsigned char C = static_cast<unsigned char>(*Cur);
    auto Next = [&](size_t K) -> char { return K < Avail ? Cur[K] : '\0'; };
    auto HasNext = [&](size_t K, char Want) {
      return K < Avail && Cur[K] == Want;
    };

    switch (C) {
    case '{': {
      auto T = makeSimple(RtcLexer::LBRACE, 1);
      pushMode(ModeDefault);
      return T;
    }
    case '}': {
      auto T = makeSimple(RtcLexer::RBRACE, 1);
      if (!ModeStack.empty()) // the grammar's guarded popMode
        popMode();
      return T;
    }
    case '[':
      return makeSimple(RtcLexer::LBRACK, 1);
    case ']':
      return makeSimple(RtcLexer::RBRACK, 1);
    case '(':
      return makeSimple(RtcLexer::LPAREN, 1);
    case ')':
      return makeSimple(RtcLexer::RPAREN, 1);
    case ',':
      return makeSimple(RtcLexer::COMMA, 1);
    case '.':
      return makeSimple(RtcLexer::DOT, 1);
    case '?':
      return makeSimple(RtcLexer::QUESTION, 1);
    case ':':
      return makeSimple(RtcLexer::COLON, 1);
    case '=':
      return HasNext(1, '=') ? makeSimple(RtcLexer::EQ, 2)
                             : makeSimple(RtcLexer::ASSIGN, 1);
    case '!':
      return HasNext(1, '=') ? makeSimple(RtcLexer::NEQ, 2)
                             : makeSimple(RtcLexer::NOT, 1);
    case '<':
      return HasNext(1, '=') ? makeSimple(RtcLexer::LE, 2)
                             : makeSimple(RtcLexer::LT, 1);
    case '>':
      return HasNext(1, '=') ? makeSimple(RtcLexer::GE, 2)
                             : makeSimple(RtcLexer::GT, 1);
    case '&':
      return HasNext(1, '&') ? makeSimple(RtcLexer::AND, 2)
                             : makeSimple(RtcLexer::ERROR_CHAR, 1);
    case '|':
      return HasNext(1, '|') ? makeSimple(RtcLexer::OR, 2)
                             : makeSimple(RtcLexer::ERROR_CHAR, 1);
    case '+':
      return makeSimple(RtcLexer::PLUS, 1);
    case '-':
      return makeSimple(RtcLexer::MINUS, 1);
    case '*':
      return makeSimple(RtcLexer::STAR, 1);
    case '%':
      return makeSimple(RtcLexer::PERCENT, 1);
    case '#': {
      // LINE_COMMENT: ('//' | '#') ~[\r\n]*
      const char *E = Cur + 1;
      while (E != End && *E != '\n' && *E != '\r')
        ++E;
      advanceCounting(E);
      return make(RtcLexer::LINE_COMMENT, CommentChannel, Start, StartIndex,
                  StartLine, StartCol);
    }
    case '/': {
      if (Next(1) == '/') {
        const char *E = Cur + 2;
        while (E != End && *E != '\n' && *E != '\r')
          ++E;
        advanceCounting(E);
        return make(RtcLexer::LINE_COMMENT, CommentChannel, Start, StartIndex,
                    StartLine, StartCol);
      }
      if (Next(1) == '*') {
        // BLOCK_COMMENT ends at the first "*/" after the opening "/*" (its
        // '*' cannot close). Without one, BLOCK_COMMENT_UNTERMINATED matches
        // everything to the end; with one, it cannot get past it and is
        // shorter, so BLOCK_COMMENT wins.
        const char *E = Cur + 2;
        size_t Type = RtcLexer::BLOCK_COMMENT_UNTERMINATED;
        for (;;) {
          const void *Star = std::memchr(E, '*', static_cast<size_t>(End - E));
          if (!Star) {
            E = End;
            break;
          }
          E = static_cast<const char *>(Star) + 1;
          if (E != End && *E == '/') {
            ++E;
            Type = RtcLexer::BLOCK_COMMENT;
            break;
          }
        }
        advanceCounting(E);
        return make(Type, CommentChannel, Start, StartIndex, StartLine,
                    StartCol);
      }
      return makeSimple(RtcLexer::SLASH, 1);
    }
    case '`': {
      // RAW_STRING: '`' ~'`'* '`'; without the closing backtick the
      // unterminated rule takes the rest of the input.
      const void *Close =
          std::memchr(Cur + 1, '`', static_cast<size_t>(End - Cur - 1));
      size_t Type = Close ? RtcLexer::RAW_STRING
                          : RtcLexer::RAW_STRING_UNTERMINATED;
      advanceCounting(Close ? static_cast<const char *>(Close) + 1 : End);
      return make(Type, DefaultChannel, Start, StartIndex, StartLine,
                  StartCol);
    }
    case '"':
      if (Next(1) == '"' && Next(2) == '"') {
        auto T = makeSimple(RtcLexer::TEXT_BLOCK_OPEN, 3);
        pushMode(ModeTextBlock);
        return T;
      } else {
        auto T = makeSimple(RtcLexer::QUOTE_OPEN, 1);
        pushMode(ModeString);
        return T;
      }
    default:
      break;
    }

    if (isDigit(C)) {
      // NUMBER: DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)?, longest match:
      // an optional part is taken only when it is complete ("1." is NUMBER
      // DOT, "1e+" is NUMBER IDENT PLUS).
      const char *E = Cur + 1;
      while (E != End && isDigit(static_cast<unsigned char>(*E)))
        ++E;
      if (End - E >= 2 && *E == '.' && isDigit(static_cast<unsigned char>(E[1]))) {
        E += 2;
        while (E != End && isDigit(static_cast<unsigned char>(*E)))
          ++E;
      }
      if (E != End && (*E == 'e' || *E == 'E')) {
        const char *D = E + 1;
        if (D != End && (*D == '+' || *D == '-'))
          ++D;
        if (D != End && isDigit(static_cast<unsigned char>(*D))) {
          E = D + 1;
          while (E != End && isDigit(static_cast<unsigned char>(*E)))
            ++E;
        }
      }
      return makeSimple(RtcLexer::NUMBER, static_cast<size_t>(E - Cur));
    }
    if (isIdentStart(C)) {
      const char *E = Cur + 1;
      while (E != End && isIdentChar(static_cast<unsigned char>(*E)))
        ++E;
      size_t Len = static_cast<size_t>(E - Cur);
      return makeSimple(keywordOrIdent(Cur, Len), Len);
    }
    // ERROR_CHAR: any other single code point.
    advanceCounting(codePointEnd(Cur));
    return make(RtcLexer::ERROR_CHAR, DefaultChannel, Start, StartIndex,
                StartLine, StartCol);
  }
}

std::unique_ptr<antlr4::Token> FastLexer::lexString() {
  for (;;) {
    if (Cur == End)
      return makeEOF();
    switch (*Cur) {
    case '"': {
      auto T = makeSimple(RtcLexer::QUOTE_CLOSE, 1);
      popMode();
      return T;
    }
    case '$':
      return lexDollar(RtcLexer::STRING_INTERP, RtcLexer::STRING_DOLLAR_ESC,
                       RtcLexer::STRING_DOLLAR);
    case '\\': {
      if (size_t Len = escapeLength(Cur))
        return makeSimple(RtcLexer::STRING_ESCAPE, Len);
      // STRING_BAD_ESCAPE: '\\' ~[\r\n]? -- the backslash alone before a
      // line break or the end, else with the character after it.
      const char *Start = Cur;
      size_t StartIndex = cpIndex(Cur);
      size_t Col = StartIndex - LineStartIndex;
      const char *E = Cur + 1;
      if (E != End && *E != '\r' && *E != '\n')
        E = codePointEnd(E);
      advanceCounting(E);
      return make(RtcLexer::STRING_BAD_ESCAPE, DefaultChannel, Start,
                  StartIndex, Line, Col);
    }
    case '\n':
    case '\r': {
      // STRING_NEWLINE: '\r'? '\n' ends the string (unterminated).
      size_t Len = *Cur == '\n' ? 1 : (End - Cur >= 2 && Cur[1] == '\n') ? 2 : 0;
      if (Len) {
        const char *Start = Cur;
        size_t StartIndex = cpIndex(Cur);
        size_t Col = StartIndex - LineStartIndex;
        size_t StartLine = Line;
        advanceCounting(Cur + Len);
        auto T = make(RtcLexer::STRING_NEWLINE, DefaultChannel, Start,
                      StartIndex, StartLine, Col);
        popMode();
        return T;
      }
      // No rule matches a carriage return without a newline. ANTLR's lexer
      // consumed the '\r' before failing on the next character, then its
      // recovery drops that character too, and lexing resumes in this mode.
      RecognitionError Err{cpIndex(Cur), Line, column(Cur), std::string()};
      const char *Start = Cur;
      const char *E = Cur + 1;
      if (E != End)
        E = codePointEnd(E);
      advanceCounting(E);
      Err.Text.assign(Start, static_cast<size_t>(E - Start));
      Errors.push_back(std::move(Err));
      continue;
    }
    default: {
      // STRING_TEXT: ~["\\$\r\n]+
      const char *Start = Cur;
      size_t StartIndex = cpIndex(Cur);
      size_t Col = StartIndex - LineStartIndex;
      const char *E = Cur + 1;
      while (E != End) {
        char C = *E;
        if (C == '"' || C == '\\' || C == '$' || C == '\r' || C == '\n')
          break;
        ++E;
      }
      advanceCounting(E);
      return make(RtcLexer::STRING_TEXT, DefaultChannel, Start, StartIndex,
                  Line, Col);
    }
    }
  }
}

std::unique_ptr<antlr4::Token> FastLexer::lexTextBlock() {
  if (Cur == End)
    return makeEOF();
  switch (*Cur) {
  case '"':
    if (End - Cur >= 3 && Cur[1] == '"' && Cur[2] == '"') {
      auto T = makeSimple(RtcLexer::TEXT_BLOCK_CLOSE, 3);
      popMode();
      return T;
    }
    return makeSimple(RtcLexer::TB_QUOTE, 1);
  case '$':
    return lexDollar(RtcLexer::TB_INTERP, RtcLexer::TB_DOLLAR_ESC,
                     RtcLexer::TB_DOLLAR);
  case '\\': {
    if (size_t Len = escapeLength(Cur))
      return makeSimple(RtcLexer::TB_ESCAPE, Len);
    // TB_BAD_ESCAPE: '\\' .? -- any following character, line breaks too.
    const char *Start = Cur;
    size_t StartIndex = cpIndex(Cur);
    size_t StartLine = Line;
    size_t Col = StartIndex - LineStartIndex;
    const char *E = Cur + 1;
    if (E != End)
      E = codePointEnd(E);
    advanceCounting(E);
    return make(RtcLexer::TB_BAD_ESCAPE, DefaultChannel, Start, StartIndex,
                StartLine, Col);
  }
  default: {
    // TB_TEXT: ~["\\$]+ (spans lines)
    const char *Start = Cur;
    size_t StartIndex = cpIndex(Cur);
    size_t StartLine = Line;
    size_t Col = StartIndex - LineStartIndex;
    const char *E = Cur + 1;
    while (E != End && *E != '"' && *E != '\\' && *E != '$')
      ++E;
    advanceCounting(E);
    return make(RtcLexer::TB_TEXT, DefaultChannel, Start, StartIndex,
                StartLine, Col);
  }
  }
}

} // namespace rtc
