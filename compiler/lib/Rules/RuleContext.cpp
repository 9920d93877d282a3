//===- RuleContext.cpp - tables, policies and helpers shared by the rules -===//
#include "RuleContext.h"
#include "rtc/Policy/PolicyJson.h"
#include "rtc/Rules/Rules.h"

namespace rtc::rules {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

std::optional<long long> asInt(const ir::Value &V) {
  if (V.is_number_integer())
    return V.get<long long>();
  if (V.is_number_float()) {
    double D = V.get<double>();
    if (D >= -9e18 && D <= 9e18)
      return static_cast<long long>(D);
  }
  return std::nullopt;
}

std::optional<std::string> asString(const ir::Value &V) {
  if (V.is_string())
    return V.get<std::string>();
  return std::nullopt;
}

std::vector<std::string> stringList(const ir::Value &V) {
  std::vector<std::string> Out;
  if (V.is_array())
    for (const ir::Value &E : V)
      if (E.is_string())
        Out.push_back(E.get<std::string>());
  return Out;
}

std::vector<std::string> keysOf(const ir::Value &V) {
  std::vector<std::string> Out;
  if (V.is_object())
    for (auto &E : V.items())
      Out.push_back(E.key());
  return Out;
}

std::string quotedList(const std::vector<std::string> &Names) {
  std::string Out;
  for (const std::string &N : Names) {
    if (!Out.empty())
      Out += ", ";
    Out += "`" + N + "`";
  }
  return Out.empty() ? "(none)" : Out;
}

std::string addressOf(const ir::Value &V) {
  if (V.is_string())
    return V.get<std::string>();
  if (V.is_object() && V.contains("__address__") && V["__address__"].is_string())
    return V["__address__"].get<std::string>();
  return "";
}

std::string displayName(const ir::Resource &R) {
  if (auto N = asString(R.get("name")))
    return *N;
  return R.Name;
}

std::optional<bool> fullMatch(llvm::StringRef Pattern, llvm::StringRef S) {
  ir::FullMatcher Re(Pattern);
  std::string Error;
  if (!Re.isValid(Error))
    return std::nullopt;
  return Re.matches(S);
}

std::string substitute(std::string Template,
                       const std::map<std::string, std::string> &Values) {
  for (const auto &[Key, Value] : Values) {
    std::string Pattern = "{" + Key + "}";
    for (size_t At = Template.find(Pattern); At != std::string::npos;
         At = Template.find(Pattern, At + Value.size()))
      Template.replace(At, Pattern.size(), Value);
  }
  return Template;
}

llvm::SMRange stripQuotes(llvm::SMRange R) {
  if (!R.isValid())
    return R;
  const char *B = R.Start.getPointer(), *E = R.End.getPointer();
  if (E - B >= 2 && (*B == '"' || *B == '`') && E[-1] == *B)
    return {llvm::SMLoc::getFromPointer(B + 1), llvm::SMLoc::getFromPointer(E - 1)};
  return R;
}

//===----------------------------------------------------------------------===//
// Policies as documents
//===----------------------------------------------------------------------===//

/// Statements in the IR shape ({effect, actions, resources}) as a document;
/// ranges come from the resource when there is one.
static policy::PolicyDocument documentFrom(const ir::Value &Statements,
                                           const ir::Resource *R,
                                           const std::string &Name) {
  policy::PolicyDocument Doc;
  Doc.Name = Name;
  if (R)
    Doc.Range = R->Range;
  if (!Statements.is_array())
    return Doc;
  for (size_t I = 0; I < Statements.size(); ++I) {
    const ir::Value &S = Statements[I];
    if (!S.is_object())
      continue;
    std::string Path = "statements[" + std::to_string(I) + "]";
    policy::PolicyStatement St;
    St.Eff = S.value("effect", "Allow") == "Deny" ? policy::Effect::Deny
                                                   : policy::Effect::Allow;
    if (R)
      St.Range = R->rangeOf(Path);
    for (auto [Key, Out] : {std::pair{"actions", &St.Actions},
                            std::pair{"resources", &St.Resources}}) {
      std::vector<std::string> Values = stringList(S.contains(Key) ? S[Key] : ir::Value());
      for (size_t J = 0; J < Values.size(); ++J) {
        llvm::SMRange Range;
        if (R)
          Range = stripQuotes(R->rangeOf(Path + "." + Key + "[" + std::to_string(J) + "]"));
        Out->push_back({Values[J], Range});
      }
    }
    Doc.Statements.push_back(std::move(St));
  }
  return Doc;
}

/// Ranges the JSON reader made into a string that is not source text are
/// moved to Fallback, so no diagnostic points outside the SourceMgr.
static void keepInSource(const llvm::SourceMgr &SM, llvm::SMRange &R,
                         llvm::SMRange Fallback) {
  if (R.isValid() && SM.FindBufferContainingLoc(R.Start) == 0)
    R = Fallback;
}

static PolicyEntry readJsonPolicy(const ir::Resource &R, const std::string &Json,
                                  const llvm::SourceMgr &SM) {
  PolicyEntry E;
  E.Res = &R;
  E.FromJson = true;
  llvm::SMRange Attr = R.rangeOf("document");
  llvm::SMRange Inner = stripQuotes(Attr);
  // Exact offsets only when the value is the source text itself (a raw
  // string without interpolation).
  llvm::SMLoc Start;
  if (Inner.isValid() && Inner.Start != Attr.Start &&
      llvm::StringRef(Inner.Start.getPointer(),
                      Inner.End.getPointer() - Inner.Start.getPointer()) == Json)
    Start = Inner.Start;
  E.Doc = policy::parsePolicyJson(Json, Start, E.ReadFindings, displayName(R));
  if (!Start.isValid()) {
    for (policy::Finding &F : E.ReadFindings)
      keepInSource(SM, F.Range, Attr);
    keepInSource(SM, E.Doc.Range, Attr);
    for (policy::PolicyStatement &S : E.Doc.Statements) {
      keepInSource(SM, S.Range, Attr);
      keepInSource(SM, S.ConditionRange, Attr);
      for (auto *L : {&S.Actions, &S.Resources})
        for (policy::LocatedString &V : *L)
          keepInSource(SM, V.Range, Attr);
    }
  }
  E.Doc.Range = R.Range;
  return E;
}

RuleContext::RuleContext(const ir::Program &P, DiagnosticsEngine &Diags,
                         const RuleOptions &Opts)
    : P(P), Diags(Diags), Opts(Opts), Machines(machineTablesFrom(P)),
      Catalogue(actionCatalogueFrom(P)) {
  for (const auto &[Name, B] : P.Builtins) {
    PolicyEntry E;
    E.Doc = documentFrom(B.Statements, nullptr, Name);
    Policies["builtin." + Name] = std::move(E);
  }
  for (const ir::Resource *R : P.ofKind("policy")) {
    if (auto Json = asString(R->get("document"))) {
      Policies[R->Address] = readJsonPolicy(*R, *Json, Diags.getSourceMgr());
      continue;
    }
    PolicyEntry E;
    E.Res = R;
    const ir::Value &Stmts = R->get("statements");
    // A System policy names an existing vendor policy: use the builtin.
    auto It = P.Builtins.find(displayName(*R));
    if (!Stmts.is_array() && R->get("type") == "System" && It != P.Builtins.end())
      E.Doc = documentFrom(It->second.Statements, nullptr, displayName(*R));
    else
      E.Doc = documentFrom(Stmts, R, displayName(*R));
    Policies[R->Address] = std::move(E);
  }
}

RuleContext::~RuleContext() = default;

std::optional<bool> RuleContext::matches(llvm::StringRef Pattern, llvm::StringRef S) {
  auto [It, New] = Patterns.try_emplace(Pattern.str());
  if (New) {
    auto Re = std::make_unique<ir::FullMatcher>(Pattern);
    std::string Error;
    if (Re->isValid(Error))
      It->second = std::move(Re);
  }
  if (!It->second)
    return std::nullopt;
  return It->second->matches(S);
}

const PolicyEntry *RuleContext::policyAt(llvm::StringRef Address) const {
  auto It = Policies.find(Address.str());
  return It == Policies.end() ? nullptr : &It->second;
}

const ir::Value &RuleContext::table(llvm::StringRef Table, llvm::StringRef Key) const {
  static const ir::Value Null;
  const ir::Value &T = P.std(Table);
  if (!T.is_object())
    return Null;
  auto It = T.find(Key.str());
  return It == T.end() ? Null : *It;
}

const ir::Resource *RuleContext::deref(const ir::Value &Ref) const {
  std::string A = addressOf(Ref);
  return A.empty() ? nullptr : P.find(A);
}

std::string RuleContext::caller() const {
  auto It = P.Providers.find("alicloud");
  if (It == P.Providers.end() || !It->second.is_object() || !It->second.contains("caller"))
    return "";
  return addressOf(It->second["caller"]);
}

llvm::SMRange RuleContext::callerRange() const {
  auto It = P.ProviderRanges.find("alicloud.caller");
  return It == P.ProviderRanges.end() ? llvm::SMRange() : It->second;
}

bool RuleContext::callerIsSubAccount() const {
  std::string Who = caller();
  return !Who.empty() && Who != "main";
}

std::vector<policy::AttachedPolicy> attachedPolicies(const RuleContext &C,
                                                     llvm::StringRef Principal) {
  std::vector<policy::AttachedPolicy> Out;
  const ir::Resource *Who = C.P.find(Principal);
  if (!Who)
    return Out;
  auto Add = [&](const std::string &PolicyAddr, std::vector<std::string> Chain) {
    if (const PolicyEntry *E = C.policyAt(PolicyAddr)) {
      Chain.push_back(PolicyAddr);
      Out.push_back({&E->Doc, std::move(Chain)});
    }
  };
  auto Direct = [&](const ir::Resource &To, std::vector<std::string> Chain) {
    for (const ir::Resource *A : C.P.ofKind("policy_attachment"))
      if (addressOf(A->get(To.Kind)) == To.Address)
        Add(addressOf(A->get("policy")), Chain);
    if (To.Kind == "role")
      for (const ir::Value &Ref : To.get("policies").is_array() ? To.get("policies")
                                                               : ir::Value::array())
        Add(addressOf(Ref), Chain);
  };
  Direct(*Who, {Who->Address});
  if (Who->Kind == "user")
    for (const ir::Resource *M : C.P.ofKind("group_membership"))
      if (addressOf(M->get("user")) == Who->Address)
        if (const ir::Resource *G = C.deref(M->get("group")))
          Direct(*G, {Who->Address, G->Address});
  return Out;
}

} // namespace rtc::rules
