//===- LspTestSupport.cpp - drive the server through framed messages -------===//
#include "LspTestSupport.h"
#include "rtc/Lsp/Server.h"
#include <sstream>

namespace rtc::lsp::test {

const char *const ExampleConfig = R"(variable env {
  type    = string
  default = "dev"
}

order analytics {
  mode    = "exclusive"
  billing = "subscription"
  region  = "cn-hangzhou"
  cu      = 24
}

cluster analytics {
  order   = order.analytics
  vpc     = "vpc-prod"
  zone    = "cn-hangzhou-h"
  vswitch = "vsw-a"
  oss     = "acme-udf"
  master {
    model = "8c32g"
    count = 3
  }
  slave {
    model = "8c32g"
    count = 4
  }
  engines {
    installed = ["blink-3.3.0"]
    current   = "blink-3.3.0"
  }
}

project clicks {
  cluster = cluster.analytics
  cu      = 12
}

output cluster_id {
  value = cluster.analytics.id
}

output env {
  value = var.env
}

role stream_default {
  name     = "AliyunStreamDefaultRole"
  trust    = ["stream.aliyuncs.com"]
  policies = [builtin.AliyunStreamDefaultRole, builtin.AliyunOSSFullAccess]
}
)";

json LspRun::response(int Id) const {
  for (const json &M : Out)
    if (M.contains("id") && M["id"] == Id && !M.contains("method"))
      return M;
  return json();
}

std::vector<json> LspRun::notifications(const std::string &Method) const {
  std::vector<json> R;
  for (const json &M : Out)
    if (M.value("method", "") == Method)
      R.push_back(M);
  return R;
}

json request(int Id, const std::string &Method, json Params) {
  return {{"jsonrpc", "2.0"}, {"id", Id}, {"method", Method}, {"params", std::move(Params)}};
}

json notification(const std::string &Method, json Params) {
  return {{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}};
}

json initializeRequest(int Id) {
  return request(Id, "initialize", {{"processId", nullptr}, {"capabilities", json::object()}});
}

json didOpen(const std::string &Uri, const std::string &Text, int Version) {
  return notification("textDocument/didOpen",
                      {{"textDocument",
                        {{"uri", Uri}, {"languageId", "rtc"}, {"version", Version},
                         {"text", Text}}}});
}

json at(const std::string &Uri, Position P) {
  return {{"textDocument", {{"uri", Uri}}},
          {"position", {{"line", P.Line}, {"character", P.Character}}}};
}

LspRun runServer(const std::vector<json> &Messages) {
  std::string Input;
  for (const json &M : Messages)
    Input += frame(M);
  std::istringstream In(Input);
  std::ostringstream Out;
  LspRun R;
  llvm::raw_string_ostream Log(R.Log);
  StreamTransport T(In, Out);
  Server S(T, Log);
  S.setVerbose(true);
  R.ExitCode = S.run();
  Log.flush();
  std::istringstream Back(Out.str());
  std::ostringstream Unused;
  StreamTransport Reader(Back, Unused);
  while (std::optional<json> M = Reader.read())
    R.Out.push_back(*M);
  return R;
}

Position positionOf(const std::string &Text, const std::string &Needle, size_t Delta,
                    unsigned Nth) {
  size_t Off = Text.find(Needle);
  for (unsigned I = 0; I < Nth && Off != std::string::npos; ++I)
    Off = Text.find(Needle, Off + 1);
  if (Off == std::string::npos)
    return {~0u, ~0u};
  return LineTable(Text).positionOf(Off + Delta);
}

} // namespace rtc::lsp::test
