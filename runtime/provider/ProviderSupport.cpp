// Shared provider plumbing: clients, attribute access, errors, references,
// policy documents and the poll loop.
#include "ProviderSupport.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <thread>

namespace rtc::provider::detail {

using cloud::CloudError;

AlicloudContext::AlicloudContext(const cloud::ClientConfig &Cfg,
                                 std::string Region, WaitOptions Wait)
    : Ram(Cfg), Foas(Cfg, Region), Region(std::move(Region)), Wait(Wait) {}

bool AlicloudContext::claimOrder(const std::string &OrderId) {
  std::lock_guard<std::mutex> L(M);
  return ClaimedOrders.insert(OrderId).second;
}

void AlicloudContext::releaseOrder(const std::string &OrderId) {
  std::lock_guard<std::mutex> L(M);
  ClaimedOrders.erase(OrderId);
}

llvm::Expected<bool> AlicloudContext::engineCallsAvailable() {
  std::lock_guard<std::mutex> L(M);
  if (EngineCalls)
    return *EngineCalls;
  auto Names = Foas.announcedExtensions();
  if (!Names)
    return Names.takeError();
  EngineCalls = std::find(Names->begin(), Names->end(),
                          cloud::EngineVersionsExtension) != Names->end();
  return *EngineCalls;
}

llvm::Error AlicloudContext::needEngineCalls(const std::string &What) {
  auto Available = engineCallsAvailable();
  if (!Available)
    return Available.takeError();
  if (*Available)
    return llvm::Error::success();
  return providerError(
      "ConsoleOnly",
      What + " is a console operation: the published Realtime Compute API "
             "has no call for it, so rtcc does not send one; do it in the "
             "console (docs/apply.md#manual-steps)");
}

std::optional<cloud::PolicyType>
AlicloudContext::cachedBuiltinType(const std::string &Name) {
  std::lock_guard<std::mutex> L(M);
  auto It = BuiltinTypes.find(Name);
  if (It == BuiltinTypes.end())
    return std::nullopt;
  return It->second;
}

void AlicloudContext::cacheBuiltinType(const std::string &Name,
                                       cloud::PolicyType T) {
  std::lock_guard<std::mutex> L(M);
  BuiltinTypes[Name] = T;
}

//--- Attribute access ------------------------------------------------------

std::string attrString(const json &A, llvm::StringRef Key) {
  if (!A.is_object())
    return "";
  auto It = A.find(Key.str());
  if (It == A.end() || !It->is_string())
    return "";
  return It->get<std::string>();
}

std::optional<int64_t> attrInt(const json &A, llvm::StringRef Key) {
  if (!A.is_object())
    return std::nullopt;
  auto It = A.find(Key.str());
  if (It == A.end() || !It->is_number())
    return std::nullopt;
  if (It->is_number_float())
    return static_cast<int64_t>(It->get<double>());
  return It->get<int64_t>();
}

bool attrBool(const json &A, llvm::StringRef Key, bool Default) {
  if (!A.is_object())
    return Default;
  auto It = A.find(Key.str());
  if (It == A.end() || !It->is_boolean())
    return Default;
  return It->get<bool>();
}

std::vector<std::string> attrStrings(const json &A, llvm::StringRef Key) {
  std::vector<std::string> Out;
  if (!A.is_object())
    return Out;
  auto It = A.find(Key.str());
  if (It == A.end() || !It->is_array())
    return Out;
  for (const json &V : *It)
    if (V.is_string())
      Out.push_back(V.get<std::string>());
  return Out;
}

bool hasAttr(const json &A, llvm::StringRef Key) {
  return A.is_object() && A.contains(Key.str()) && !A[Key.str()].is_null();
}

bool sameSet(std::vector<std::string> A, std::vector<std::string> B) {
  std::sort(A.begin(), A.end());
  std::sort(B.begin(), B.end());
  return A == B;
}

std::vector<std::string>
inPreferredOrder(const std::vector<std::string> &Cloud,
                 const std::vector<std::string> &Preferred) {
  if (sameSet(Cloud, Preferred))
    return Preferred;
  std::vector<std::string> Out, Rest = Cloud;
  for (const std::string &P : Preferred) {
    auto It = std::find(Rest.begin(), Rest.end(), P);
    if (It != Rest.end()) {
      Out.push_back(P);
      Rest.erase(It);
    }
  }
  Out.insert(Out.end(), Rest.begin(), Rest.end());
  return Out;
}

void reportOptionalString(json &Out, const char *Key, const std::string &Cloud,
                          const json &Ref, const std::string &CloudDefault) {
  if (hasAttr(Ref, Key) || (!Cloud.empty() && Cloud != CloudDefault))
    Out[Key] = Cloud;
}

//--- Errors ----------------------------------------------------------------

llvm::Error providerError(std::string Code, std::string Message) {
  return cloud::makeCloudError(0, std::move(Code), std::move(Message));
}

bool isGone(const CloudError &E) {
  if (llvm::StringRef(E.Code).startswith("InvalidAccessKeyId"))
    return false;
  return E.isNotFound();
}

static llvm::Error ignoreIf(llvm::Error E, bool (*Pred)(const CloudError &)) {
  return llvm::handleErrors(std::move(E),
                            [&](std::unique_ptr<CloudError> CE) -> llvm::Error {
                              if (Pred(*CE))
                                return llvm::Error::success();
                              return llvm::Error(std::move(CE));
                            });
}

llvm::Error ignoreGone(llvm::Error E) { return ignoreIf(std::move(E), isGone); }

llvm::Error ignoreAlreadyExists(llvm::Error E) {
  return ignoreIf(std::move(E),
                  [](const CloudError &CE) { return CE.isAlreadyExists(); });
}

llvm::Error adoptionAllowed(const Desired &D, const std::string &CloudName,
                            const std::string &ImportId) {
  if (D.MayAdopt)
    return llvm::Error::success();
  return providerError(
      "NotManaged", "\"" + CloudName +
                        "\" already exists in the cloud and is not managed by "
                        "this state; to manage it, run rtcc import " +
                        D.Address + " " + ImportId);
}

llvm::Error adoptIfAlreadyExists(llvm::Error E, const Desired &D,
                                 const std::string &CloudName,
                                 const std::string &ImportId) {
  bool Exists = false;
  llvm::Error Rest = llvm::handleErrors(
      std::move(E), [&](std::unique_ptr<CloudError> CE) -> llvm::Error {
        if (!CE->isAlreadyExists())
          return llvm::Error(std::move(CE));
        Exists = true;
        return llvm::Error::success();
      });
  if (Rest || !Exists)
    return Rest;
  return adoptionAllowed(D, CloudName, ImportId);
}

//--- References ------------------------------------------------------------

llvm::Expected<const state::ResourceState *>
needRef(const RefLookup &Refs, const std::string &From, const std::string &To) {
  const state::ResourceState *S = Refs ? Refs(To) : nullptr;
  if (!S)
    return providerError("ReferenceNotFound",
                         From + " refers to " + To +
                             ", which is not in the state (create it first)");
  return S;
}

std::string cloudName(const state::ResourceState &S) {
  if (!S.CloudId.empty())
    return S.CloudId;
  return attrString(S.Attributes, "name");
}

llvm::Expected<PolicyRef> resolvePolicyRef(AlicloudContext &Ctx,
                                           const RefLookup &Refs,
                                           const std::string &From,
                                           const std::string &Ref) {
  PolicyRef Out;
  Out.Address = Ref;
  llvm::StringRef R(Ref);
  if (!R.startswith("builtin.")) {
    auto S = needRef(Refs, From, Ref);
    if (!S)
      return S.takeError();
    Out.Name = cloudName(**S);
    Out.Type = attrString((*S)->Attributes, "type") == "System"
                   ? cloud::PolicyType::System
                   : cloud::PolicyType::Custom;
    return Out;
  }
  Out.Name = R.drop_front(strlen("builtin.")).str();
  const state::ResourceState *Builtin = Refs ? Refs(Ref) : nullptr;
  if (Builtin && hasAttr(Builtin->Attributes, "type")) {
    Out.Type = attrString(Builtin->Attributes, "type") == "System"
                   ? cloud::PolicyType::System
                   : cloud::PolicyType::Custom;
  } else if (auto T = Ctx.cachedBuiltinType(Out.Name)) {
    return PolicyRef{Ref, Out.Name, *T};
  } else {
    auto P = orGone(Ctx.Ram.getPolicy(Out.Name, cloud::PolicyType::System));
    if (!P)
      return P.takeError();
    Out.Type = *P ? cloud::PolicyType::System : cloud::PolicyType::Custom;
  }
  // A Custom builtin is a template (e.g. AliyunStreamDefaultRole): make sure
  // the account has it when the executor handed us its statements.
  if (Out.Type == cloud::PolicyType::Custom && Builtin &&
      Builtin->Attributes.contains("statements")) {
    auto P = orGone(Ctx.Ram.getPolicy(Out.Name));
    if (!P)
      return P.takeError();
    if (!*P) {
      cloud::CreatePolicyInput In;
      In.PolicyName = Out.Name;
      In.PolicyDocument =
          policyDocumentFromStatements(Builtin->Attributes["statements"]);
      if (llvm::Error E =
              ignoreAlreadyExists(Ctx.Ram.createPolicy(In).takeError()))
        return std::move(E);
    }
  }
  Ctx.cacheBuiltinType(Out.Name, Out.Type);
  return Out;
}

std::string policyDocumentFromStatements(const json &Statements) {
  json Doc = {{"Version", "1"}, {"Statement", json::array()}};
  if (Statements.is_array())
    for (const json &S : Statements) {
      std::string Effect = attrString(S, "effect");
      if (!Effect.empty())
        Effect[0] = static_cast<char>(std::toupper(Effect[0]));
      Doc["Statement"].push_back(
          {{"Effect", Effect.empty() ? "Allow" : Effect},
           {"Action", S.value("actions", json::array())},
           {"Resource", S.value("resources", json::array())}});
    }
  return Doc.dump();
}

json statementsFromPolicyDocument(const std::string &Document) {
  json Doc = json::parse(Document, nullptr, false);
  if (!Doc.is_object() || !Doc.contains("Statement"))
    return nullptr;
  json List = Doc["Statement"];
  if (List.is_object())
    List = json::array({List});
  if (!List.is_array())
    return nullptr;
  auto Strings = [](const json &V) -> json {
    if (V.is_string())
      return json::array({V});
    return V.is_array() ? V : json();
  };
  json Out = json::array();
  for (const json &S : List) {
    if (!S.is_object())
      return nullptr;
    for (auto It = S.begin(); It != S.end(); ++It)
      if (It.key() != "Effect" && It.key() != "Action" &&
          It.key() != "Resource")
        return nullptr; // Condition, NotAction, Principal, …
    json Actions = Strings(S.value("Action", json()));
    json Resources = Strings(S.value("Resource", json()));
    if (Actions.is_null() || Resources.is_null())
      return nullptr;
    Out.push_back({{"effect", S.value("Effect", "Allow")},
                   {"actions", Actions},
                   {"resources", Resources}});
  }
  return Out;
}

//--- Waiting ---------------------------------------------------------------

llvm::Error
waitUntil(const WaitOptions &Wait, const ProgressFn &Progress,
          const std::string &What,
          const std::function<llvm::Expected<bool>(std::string &)> &Probe) {
  auto Deadline = std::chrono::steady_clock::now() + Wait.Timeout;
  std::string Last;
  for (;;) {
    std::string Status;
    llvm::Expected<bool> Done = Probe(Status);
    if (!Done)
      return Done.takeError();
    if (Progress)
      Progress(Status);
    Last = Status;
    if (*Done)
      return llvm::Error::success();
    if (std::chrono::steady_clock::now() >= Deadline)
      return providerError(
          "WaitTimeout",
          "gave up waiting for " + What + " after " +
              std::to_string(Wait.Timeout.count()) + " ms (last status: " +
              (Last.empty() ? std::string("unknown") : Last) + ")");
    std::this_thread::sleep_for(Wait.PollInterval);
  }
}

} // namespace rtc::provider::detail
