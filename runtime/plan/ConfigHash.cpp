//===- ConfigHash.cpp - sha256 of the IR JSON, streamed -------------------===//
//
// The hash is defined as sha256 of `ir::toJson(Prog).dump()`. Building that
// tree copies every attribute of every resource and dumping it makes one
// more copy as text, which cost about as much as the diff itself on 10,000
// resources. Here the same bytes are written straight into the digest;
// ConfigHashTest checks the equality against ir::toJson.
//
//===----------------------------------------------------------------------===//
#include "rtc/Plan/Planner.h"

#include <openssl/evp.h>

#include <cstring>
#include <map>
#include <memory>

namespace rtc::plan {

namespace {

using nlohmann::json;

/// A serializer sink that feeds a SHA-256 digest through a small buffer.
class DigestOutput : public nlohmann::detail::output_adapter_protocol<char> {
public:
  DigestOutput() : Ctx(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(Ctx, EVP_sha256(), nullptr);
  }
  ~DigestOutput() override { EVP_MD_CTX_free(Ctx); }
  DigestOutput(const DigestOutput &) = delete;
  DigestOutput &operator=(const DigestOutput &) = delete;

  void write_character(char C) override {
    if (Used == sizeof Buf)
      flush();
    Buf[Used++] = C;
  }
  void write_characters(const char *S, std::size_t N) override {
    if (N > sizeof Buf - Used) {
      flush();
      if (N >= sizeof Buf) {
        EVP_DigestUpdate(Ctx, S, N);
        return;
      }
    }
    std::memcpy(Buf + Used, S, N);
    Used += N;
  }
  void write(const char *S) { write_characters(S, std::strlen(S)); }

  std::string hex() {
    flush();
    unsigned char Digest[EVP_MAX_MD_SIZE];
    unsigned Len = 0;
    EVP_DigestFinal_ex(Ctx, Digest, &Len);
    static const char Hex[] = "0123456789abcdef";
    std::string Out = "sha256:";
    for (unsigned I = 0; I < Len; ++I) {
      Out += Hex[Digest[I] >> 4];
      Out += Hex[Digest[I] & 15];
    }
    return Out;
  }

private:
  void flush() {
    if (Used)
      EVP_DigestUpdate(Ctx, Buf, Used);
    Used = 0;
  }
  EVP_MD_CTX *Ctx;
  char Buf[1 << 16];
  size_t Used = 0;
};

/// Writes what json::dump() (compact, strict UTF-8) prints for the tree
/// ir::toJson would build, member by member in sorted key order.
class IrWriter {
public:
  explicit IrWriter(std::shared_ptr<DigestOutput> Out)
      : Out(*Out), Ser(Out, ' ', nlohmann::detail::error_handler_t::strict) {}

  /// Compact JSON of V. Structure and plain strings are written here; the
  /// serializer handles numbers and strings that need escaping or UTF-8
  /// validation, so the bytes are exactly json::dump()'s.
  void value(const json &V) {
    switch (V.type()) {
    case json::value_t::object: {
      Out.write_character('{');
      bool First = true;
      for (auto It = V.begin(); It != V.end(); ++It) {
        if (!First)
          Out.write_character(',');
        First = false;
        string(It.key());
        Out.write_character(':');
        value(*It);
      }
      Out.write_character('}');
      return;
    }
    case json::value_t::array: {
      Out.write_character('[');
      bool First = true;
      for (const json &E : V) {
        if (!First)
          Out.write_character(',');
        First = false;
        value(E);
      }
      Out.write_character(']');
      return;
    }
    case json::value_t::string:
      string(V.get_ref<const std::string &>());
      return;
    default:
      Ser.dump(V, false, false, 0);
      return;
    }
  }
  void string(const std::string &S) {
    // Printable ASCII other than `"` and `\` is written as is by dump().
    for (char C : S)
      if (C < 0x20 || C > 0x7e || C == '"' || C == '\\') {
        Ser.dump(json(S), false, false, 0);
        return;
      }
    Out.write_character('"');
    Out.write_characters(S.data(), S.size());
    Out.write_character('"');
  }
  void key(const char *K, bool First = false) {
    Out.write(First ? "\"" : ",\"");
    Out.write(K);
    Out.write("\":");
  }
  void strings(const std::vector<std::string> &L) {
    Out.write_character('[');
    for (size_t I = 0; I < L.size(); ++I) {
      if (I)
        Out.write_character(',');
      string(L[I]);
    }
    Out.write_character(']');
  }
  /// Outputs and variables: `{"name":{"sensitive":b,"value":v},…}`, the
  /// last of equal names winning as with json::operator[].
  template <typename T> void named(const std::vector<T> &Items) {
    std::map<std::string, const T *> ByName;
    for (const T &I : Items)
      ByName[I.Name] = &I;
    Out.write_character('{');
    bool First = true;
    for (const auto &[Name, I] : ByName) {
      if (!First)
        Out.write_character(',');
      First = false;
      string(Name);
      Out.write(":{\"sensitive\":");
      Out.write(I->Sensitive ? "true" : "false");
      Out.write(",\"value\":");
      if (I->Sensitive)
        string("(sensitive)");
      else
        value(I->Val);
      Out.write_character('}');
    }
    Out.write_character('}');
  }

  void program(const ir::Program &P) {
    Out.write("{\"ir_version\":1,");
    if (!P.Moves.empty()) { // keys in toJson's (sorted) order
      Out.write("\"moved\":[");
      for (size_t I = 0; I < P.Moves.size(); ++I) {
        Out.write(I ? ",{" : "{");
        key("from", true);
        string(P.Moves[I].From);
        key("to");
        string(P.Moves[I].To);
        Out.write_character('}');
      }
      Out.write("],");
    }
    Out.write("\"outputs\":");
    named(P.Outputs);
    Out.write(",\"resources\":[");
    for (size_t I = 0; I < P.Resources.size(); ++I) {
      const ir::Resource &R = P.Resources[I];
      Out.write(I ? ",{" : "{");
      key("address", true);
      string(R.Address);
      key("attributes");
      value(R.Attributes);
      key("computed");
      strings(R.Computed);
      key("dependencies");
      strings(R.Dependencies);
      key("force_new");
      strings(R.ForceNew);
      if (!R.InstanceKey.empty()) {
        key("instance_key");
        string(R.InstanceKey);
      }
      key("kind");
      string(R.Kind);
      if (R.PreventDestroy || !R.IgnoreChanges.empty()) { // as toJson
        key("lifecycle");
        Out.write("{\"ignore_changes\":");
        strings(R.IgnoreChanges);
        Out.write(R.PreventDestroy ? ",\"prevent_destroy\":true}"
                                   : ",\"prevent_destroy\":false}");
      }
      key("name");
      string(R.Name);
      key("provider");
      string(R.Provider);
      key("sensitive");
      strings(R.Sensitive);
      Out.write_character('}');
    }
    Out.write("],\"variables\":");
    named(P.Variables);
    Out.write_character('}');
  }

private:
  DigestOutput &Out;
  nlohmann::detail::serializer<json> Ser;
};

} // namespace

std::string configHash(const ir::Program &Prog) {
  auto Out = std::make_shared<DigestOutput>();
  IrWriter W(Out);
  W.program(Prog);
  return Out->hex();
}

} // namespace rtc::plan
