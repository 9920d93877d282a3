//===- PolicyJson.cpp - read a RAM policy document, keeping offsets -------===//
//
// Two steps: a small JSON reader that builds a tree whose every value knows
// its byte range, then a walk over that tree that checks RAM's document shape
// and builds a PolicyDocument. The reader stops at the first syntax error (one
// precise error beats a cascade); nesting is capped so hostile input cannot
// exhaust the stack.
//
//===----------------------------------------------------------------------===//
#include "rtc/Policy/PolicyJson.h"
#include "rtc/Diag/EditDistance.h"
#include "llvm/ADT/StringExtras.h"
#include <optional>
#include <set>
#include <string>

namespace rtc::policy {

namespace {

struct JValue {
  enum Kind { Null, Bool, Number, String, Array, Object } K = Null;
  std::string Str; ///< decoded string, or the literal text of other scalars
  size_t Begin = 0, End = 0; ///< the value's bytes, quotes included
  std::vector<JValue> Items; ///< array elements, or object member values
  std::vector<JValue>
      Keys; ///< object member keys (always String), parallel to Items

  bool isString() const { return K == String; }
  /// The characters between a string's quotes.
  size_t contentBegin() const { return K == String ? Begin + 1 : Begin; }
  size_t contentEnd() const { return K == String ? End - 1 : End; }
};

llvm::StringRef describe(const JValue &V) {
  switch (V.K) {
  case JValue::Null:
    return "null";
  case JValue::Bool:
    return "a boolean";
  case JValue::Number:
    return "a number";
  case JValue::String:
    return "a string";
  case JValue::Array:
    return "a list";
  case JValue::Object:
    return "an object";
  }
  return "a value";
}

class JsonReader {
public:
  explicit JsonReader(llvm::StringRef Text) : Text(Text) {}

  /// Reads the whole text as one value; on failure Error/ErrorPos say why.
  bool readDocument(JValue &Out) {
    skipSpace();
    if (!readValue(Out))
      return false;
    skipSpace();
    if (Pos != Text.size())
      return fail("unexpected text after the end of the document");
    return true;
  }

  std::string Error;
  size_t ErrorPos = 0;

private:
  static constexpr unsigned MaxDepth = 64;
  llvm::StringRef Text;
  size_t Pos = 0;
  unsigned Depth = 0;

  bool fail(std::string Msg) { return failAt(Pos, std::move(Msg)); }
  bool failAt(size_t At, std::string Msg) {
    Error = std::move(Msg);
    ErrorPos = At;
    return false;
  }
  bool atEnd() const { return Pos >= Text.size(); }
  char peek() const { return atEnd() ? '\0' : Text[Pos]; }
  void skipSpace() {
    while (!atEnd() && (Text[Pos] == ' ' || Text[Pos] == '\t' ||
                        Text[Pos] == '\n' || Text[Pos] == '\r'))
      ++Pos;
  }
  std::string found() const {
    if (atEnd())
      return "the end of the document";
    return "`" + std::string(1, Text[Pos]) + "`";
  }

  bool readValue(JValue &V) {
    V.Begin = Pos;
    if (atEnd())
      return fail("expected a value, found the end of the document");
    char C = Text[Pos];
    bool Ok;
    if (C == '{')
      Ok = readObject(V);
    else if (C == '[')
      Ok = readArray(V);
    else if (C == '"')
      Ok = readString(V);
    else if (C == '-' || llvm::isDigit(C))
      Ok = readNumber(V);
    else if (Text.substr(Pos).startswith("true") ||
             Text.substr(Pos).startswith("false") ||
             Text.substr(Pos).startswith("null")) {
      V.K = C == 'n' ? JValue::Null : JValue::Bool;
      size_t Len = C == 'f' ? 5 : 4;
      V.Str = Text.substr(Pos, Len).str();
      Pos += Len;
      Ok = true;
    } else if (C == '\'')
      return fail("JSON strings use double quotes, not single quotes");
    else
      return fail("expected a value, found " + found());
    V.End = Pos;
    return Ok;
  }

  bool enter() {
    if (++Depth > MaxDepth)
      return fail("nesting deeper than " + std::to_string(MaxDepth) +
                  " levels");
    return true;
  }

  bool readObject(JValue &V) {
    V.K = JValue::Object;
    if (!enter())
      return false;
    ++Pos; // {
    skipSpace();
    if (peek() == '}') {
      ++Pos;
      --Depth;
      return true;
    }
    while (true) {
      skipSpace();
      if (peek() != '"')
        return fail("expected a member name in double quotes, found " +
                    found());
      JValue Key;
      Key.Begin = Pos;
      if (!readString(Key))
        return false;
      Key.End = Pos;
      skipSpace();
      if (peek() != ':')
        return fail("expected `:` after member name \"" + Key.Str +
                    "\", found " + found());
      ++Pos;
      skipSpace();
      JValue Val;
      if (!readValue(Val))
        return false;
      V.Keys.push_back(std::move(Key));
      V.Items.push_back(std::move(Val));
      skipSpace();
      if (peek() == ',') {
        ++Pos;
        skipSpace();
        if (peek() == '}')
          return fail("trailing `,` before `}`");
        continue;
      }
      if (peek() == '}') {
        ++Pos;
        --Depth;
        return true;
      }
      return fail("expected `,` or `}` after an object member, found " +
                  found());
    }
  }

  bool readArray(JValue &V) {
    V.K = JValue::Array;
    if (!enter())
      return false;
    ++Pos; // [
    skipSpace();
    if (peek() == ']') {
      ++Pos;
      --Depth;
      return true;
    }
    while (true) {
      skipSpace();
      JValue Item;
      if (!readValue(Item))
        return false;
      V.Items.push_back(std::move(Item));
      skipSpace();
      if (peek() == ',') {
        ++Pos;
        skipSpace();
        if (peek() == ']')
          return fail("trailing `,` before `]`");
        continue;
      }
      if (peek() == ']') {
        ++Pos;
        --Depth;
        return true;
      }
      return fail("expected `,` or `]` after a list element, found " + found());
    }
  }

  static void appendUtf8(std::string &Out, unsigned CP) {
    if (CP < 0x80) {
      Out += static_cast<char>(CP);
    } else if (CP < 0x800) {
      Out += static_cast<char>(0xC0 | (CP >> 6));
      Out += static_cast<char>(0x80 | (CP & 0x3F));
    } else if (CP < 0x10000) {
      Out += static_cast<char>(0xE0 | (CP >> 12));
      Out += static_cast<char>(0x80 | ((CP >> 6) & 0x3F));
      Out += static_cast<char>(0x80 | (CP & 0x3F));
    } else {
      Out += static_cast<char>(0xF0 | (CP >> 18));
      Out += static_cast<char>(0x80 | ((CP >> 12) & 0x3F));
      Out += static_cast<char>(0x80 | ((CP >> 6) & 0x3F));
      Out += static_cast<char>(0x80 | (CP & 0x3F));
    }
  }

  bool readHex4(unsigned &Out) {
    if (Pos + 4 > Text.size())
      return fail("`\\u` needs four hex digits");
    Out = 0;
    for (size_t I = 0; I < 4; ++I) {
      unsigned D = llvm::hexDigitValue(Text[Pos + I]);
      if (D == ~0U)
        return failAt(Pos + I, "`\\u` needs four hex digits");
      Out = Out * 16 + D;
    }
    Pos += 4;
    return true;
  }

  bool readString(JValue &V) {
    V.K = JValue::String;
    size_t Open = Pos++;
    while (true) {
      if (atEnd())
        return failAt(Open, "unterminated string");
      char C = Text[Pos];
      if (C == '"') {
        ++Pos;
        return true;
      }
      if (static_cast<unsigned char>(C) < 0x20)
        return fail(C == '\n'
                        ? "unterminated string (a newline inside a string)"
                        : "control character inside a string");
      if (C != '\\') {
        V.Str += C;
        ++Pos;
        continue;
      }
      size_t EscPos = Pos++;
      char E = peek();
      ++Pos;
      switch (E) {
      case '"':
        V.Str += '"';
        break;
      case '\\':
        V.Str += '\\';
        break;
      case '/':
        V.Str += '/';
        break;
      case 'b':
        V.Str += '\b';
        break;
      case 'f':
        V.Str += '\f';
        break;
      case 'n':
        V.Str += '\n';
        break;
      case 'r':
        V.Str += '\r';
        break;
      case 't':
        V.Str += '\t';
        break;
      case 'u': {
        unsigned CP = 0;
        if (!readHex4(CP))
          return false;
        if (CP >= 0xD800 && CP <= 0xDBFF &&
            Text.substr(Pos).startswith("\\u")) {
          size_t Save = Pos;
          Pos += 2;
          unsigned Lo = 0;
          if (!readHex4(Lo))
            return false;
          if (Lo >= 0xDC00 && Lo <= 0xDFFF)
            CP = 0x10000 + ((CP - 0xD800) << 10) + (Lo - 0xDC00);
          else
            Pos = Save; // unpaired: keep the high half as is
        }
        appendUtf8(V.Str, CP);
        break;
      }
      default:
        return failAt(EscPos, "invalid escape in a JSON string");
      }
    }
  }

  bool readNumber(JValue &V) {
    V.K = JValue::Number;
    size_t B = Pos;
    if (peek() == '-')
      ++Pos;
    if (!llvm::isDigit(peek()))
      return fail("expected a digit");
    while (llvm::isDigit(peek()))
      ++Pos;
    if (peek() == '.') {
      ++Pos;
      if (!llvm::isDigit(peek()))
        return fail("expected a digit after `.`");
      while (llvm::isDigit(peek()))
        ++Pos;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++Pos;
      if (peek() == '+' || peek() == '-')
        ++Pos;
      if (!llvm::isDigit(peek()))
        return fail("expected a digit in the exponent");
      while (llvm::isDigit(peek()))
        ++Pos;
    }
    V.Str = Text.substr(B, Pos - B).str();
    return true;
  }
};

/// Walks the JSON tree and builds the PolicyDocument.
class DocumentBuilder {
public:
  DocumentBuilder(llvm::StringRef Json, llvm::SMLoc Start,
                  std::vector<Finding> &Out, llvm::StringRef Name)
      : Json(Json), Base(Start.isValid() ? Start.getPointer() : Json.data()),
        Out(Out), Name(Name.str()) {}

  llvm::SMRange range(size_t B, size_t E) const {
    return llvm::SMRange(llvm::SMLoc::getFromPointer(Base + B),
                         llvm::SMLoc::getFromPointer(Base + E));
  }
  llvm::SMRange valueRange(const JValue &V) const {
    return range(V.Begin, V.End);
  }
  llvm::SMRange contentRange(const JValue &V) const {
    return range(V.contentBegin(), V.contentEnd());
  }

  void add(diag::ID Kind, llvm::SMRange R, int Stmt,
           std::vector<std::string> Args, std::string Suggestion = "") {
    Out.push_back(
        Finding{Kind, R, Name, Stmt, std::move(Args), std::move(Suggestion)});
  }

  PolicyDocument build(const JValue &Root) {
    PolicyDocument Doc;
    Doc.Name = Name;
    Doc.Range = range(0, Json.size());
    Doc.Version.clear();
    if (Root.K != JValue::Object) {
      add(diag::err_policy_bad_value, valueRange(Root), -1,
          {"policy document", "a JSON object, found " + describe(Root).str()});
      return Doc;
    }
    const JValue *Version = nullptr, *Statement = nullptr;
    forEachMember(Root, "document", -1, {"Version", "Statement"},
                  [&](llvm::StringRef Key, const JValue &V) {
                    (Key == "Version" ? Version : Statement) = &V;
                  });
    if (!Version) {
      add(diag::err_policy_missing_key, range(Root.Begin, Root.Begin + 1), -1,
          {"document", "Version"});
    } else if (!Version->isString() || Version->Str != "1") {
      add(diag::err_policy_version, valueRange(*Version), -1,
          {Json.slice(Version->Begin, Version->End).str()});
      if (Version->isString())
        Doc.Version = Version->Str;
    } else {
      Doc.Version = Version->Str;
    }
    if (!Statement) {
      add(diag::err_policy_missing_key, range(Root.Begin, Root.Begin + 1), -1,
          {"document", "Statement"});
      return Doc;
    }
    if (Statement->K == JValue::Object) {
      readStatement(*Statement, 0, Doc);
    } else if (Statement->K == JValue::Array) {
      for (const JValue &S : Statement->Items) {
        int Index = static_cast<int>(Doc.Statements.size());
        if (S.K != JValue::Object) {
          add(diag::err_policy_bad_value, valueRange(S), Index,
              {"Statement", "a statement object, found " + describe(S).str()});
          continue;
        }
        readStatement(S, Index, Doc);
      }
    } else {
      add(diag::err_policy_bad_value, valueRange(*Statement), -1,
          {"Statement", "an object or a list of objects, found " +
                            describe(*Statement).str()});
    }
    return Doc;
  }

private:
  llvm::StringRef Json;
  const char *Base;
  std::vector<Finding> &Out;
  std::string Name;

  /// Calls Fn for each known member of Obj; reports unknown and duplicate
  /// keys (RAM keys are case-sensitive, so `action` gets a suggestion).
  template <typename Fn>
  void forEachMember(const JValue &Obj, llvm::StringRef Where, int Stmt,
                     const std::vector<std::string> &Known, Fn Callback) {
    std::set<std::string> Seen;
    for (size_t I = 0; I < Obj.Keys.size(); ++I) {
      const JValue &K = Obj.Keys[I];
      bool IsKnown = false;
      for (const std::string &N : Known)
        IsKnown |= N == K.Str;
      if (!IsKnown) {
        std::string S = rtc::closestMatch(K.Str, Known).value_or("");
        if (S.empty())
          add(diag::err_policy_unknown_key, contentRange(K), Stmt,
              {K.Str, Where.str()});
        else
          add(diag::err_policy_unknown_key_suggest, contentRange(K), Stmt,
              {K.Str, Where.str(), S}, S);
        continue;
      }
      if (!Seen.insert(K.Str).second) {
        add(diag::err_policy_duplicate_key, contentRange(K), Stmt,
            {K.Str, Where.str()});
        continue;
      }
      Callback(K.Str, Obj.Items[I]);
    }
  }

  /// A string or a non-empty list of strings.
  void readStrings(const JValue &V, llvm::StringRef Key, int Stmt,
                   std::vector<LocatedString> &Into) {
    if (V.isString()) {
      Into.push_back({V.Str, contentRange(V)});
      return;
    }
    if (V.K != JValue::Array || V.Items.empty()) {
      add(diag::err_policy_bad_value, valueRange(V), Stmt,
          {Key.str(), "a string or a non-empty list of strings, found " +
                          (V.K == JValue::Array ? std::string("an empty list")
                                                : describe(V).str())});
      return;
    }
    for (const JValue &I : V.Items) {
      if (!I.isString()) {
        add(diag::err_policy_bad_value, valueRange(I), Stmt,
            {Key.str(),
             "a list of strings, found " + describe(I).str() + " in it"});
        continue;
      }
      Into.push_back({I.Str, contentRange(I)});
    }
  }

  void readStatement(const JValue &Obj, int Index, PolicyDocument &Doc) {
    PolicyStatement S;
    S.Range = valueRange(Obj);
    const JValue *Eff = nullptr, *Act = nullptr, *Res = nullptr,
                 *Cond = nullptr;
    forEachMember(Obj, "statement", Index,
                  {"Effect", "Action", "Resource", "Condition"},
                  [&](llvm::StringRef Key, const JValue &V) {
                    if (Key == "Effect")
                      Eff = &V;
                    else if (Key == "Action")
                      Act = &V;
                    else if (Key == "Resource")
                      Res = &V;
                    else
                      Cond = &V;
                  });
    llvm::SMRange Open = range(Obj.Begin, Obj.Begin + 1);
    if (!Eff) {
      add(diag::err_policy_missing_key, Open, Index, {"statement", "Effect"});
    } else if (Eff->isString() && Eff->Str == "Allow") {
      S.Eff = Effect::Allow;
    } else if (Eff->isString() && Eff->Str == "Deny") {
      S.Eff = Effect::Deny;
    } else {
      std::string Suggestion;
      if (Eff->isString() &&
          llvm::StringRef(Eff->Str).equals_insensitive("allow"))
        Suggestion = "Allow";
      else if (Eff->isString() &&
               llvm::StringRef(Eff->Str).equals_insensitive("deny"))
        Suggestion = "Deny";
      add(diag::err_policy_bad_effect,
          Eff->isString() ? contentRange(*Eff) : valueRange(*Eff), Index,
          {Json.slice(Eff->Begin, Eff->End).str()}, Suggestion);
      if (Suggestion == "Deny")
        S.Eff = Effect::Deny;
    }
    if (!Act)
      add(diag::err_policy_missing_key, Open, Index, {"statement", "Action"});
    else
      readStrings(*Act, "Action", Index, S.Actions);
    if (!Res)
      add(diag::err_policy_missing_key, Open, Index, {"statement", "Resource"});
    else
      readStrings(*Res, "Resource", Index, S.Resources);
    if (Cond) {
      if (Cond->K != JValue::Object) {
        add(diag::err_policy_bad_value, valueRange(*Cond), Index,
            {"Condition", "an object, found " + describe(*Cond).str()});
      } else {
        S.HasCondition = true;
        S.ConditionJson = Json.slice(Cond->Begin, Cond->End).str();
        S.ConditionRange = valueRange(*Cond);
      }
    }
    Doc.Statements.push_back(std::move(S));
  }
};

} // namespace

PolicyDocument parsePolicyJson(llvm::StringRef Json, llvm::SMLoc Start,
                               std::vector<Finding> &Findings,
                               llvm::StringRef PolicyName) {
  DocumentBuilder Builder(Json, Start, Findings, PolicyName);
  if (Json.size() > MaxPolicyDocumentBytes)
    Findings.push_back(Finding{
        diag::err_policy_too_large,
        Builder.range(0, Json.size()),
        PolicyName.str(),
        -1,
        {std::to_string(Json.size()), std::to_string(MaxPolicyDocumentBytes)},
        ""});
  JsonReader Reader(Json);
  JValue Root;
  if (!Reader.readDocument(Root)) {
    size_t At = std::min(Reader.ErrorPos, Json.size());
    Findings.push_back(Finding{diag::err_policy_json_syntax,
                               Builder.range(At, At),
                               PolicyName.str(),
                               -1,
                               {Reader.Error},
                               ""});
    PolicyDocument Doc;
    Doc.Name = PolicyName.str();
    Doc.Range = Builder.range(0, Json.size());
    return Doc;
  }
  return Builder.build(Root);
}

} // namespace rtc::policy
