// RAM policy semantics: wildcard matching, document validation, decisions.
#include "rtc/Emulator/PolicyEvaluator.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace rtc::emulator {

using nlohmann::json;

bool wildcardMatch(llvm::StringRef Pattern, llvm::StringRef Text,
                   bool IgnoreCase) {
  // Iterative glob with single backtrack point: linear in practice.
  size_t P = 0, T = 0, StarP = llvm::StringRef::npos, StarT = 0;
  auto Same = [&](char A, char B) {
    return IgnoreCase ? llvm::toLower(A) == llvm::toLower(B) : A == B;
  };
  while (T < Text.size()) {
    if (P < Pattern.size() && (Pattern[P] == '?' || Same(Pattern[P], Text[T]))) {
      ++P;
      ++T;
    } else if (P < Pattern.size() && Pattern[P] == '*') {
      StarP = P++;
      StarT = T;
    } else if (StarP != llvm::StringRef::npos) {
      P = StarP + 1;
      T = ++StarT;
    } else {
      return false;
    }
  }
  while (P < Pattern.size() && Pattern[P] == '*')
    ++P;
  return P == Pattern.size();
}

bool resourceMatch(llvm::StringRef Pattern, llvm::StringRef Arn) {
  if (Pattern == "*")
    return true;
  // acs:service:region:account:resource -- the resource part may itself
  // contain ':' or '/', so split at most four times.
  llvm::SmallVector<llvm::StringRef, 5> PP, AP;
  Pattern.split(PP, ':', 4);
  Arn.split(AP, ':', 4);
  if (PP.size() != 5 || AP.size() != 5)
    return wildcardMatch(Pattern, Arn, false);
  for (size_t I = 0; I < 5; ++I)
    if (!wildcardMatch(PP[I], AP[I], /*IgnoreCase=*/I < 2))
      return false;
  return true;
}

static std::vector<std::string> stringOrList(const json &J) {
  std::vector<std::string> Out;
  if (J.is_string())
    Out.push_back(J.get<std::string>());
  else if (J.is_array())
    for (const json &E : J)
      if (E.is_string())
        Out.push_back(E.get<std::string>());
  return Out;
}

static bool validActionName(llvm::StringRef A) {
  if (A == "*")
    return true;
  auto [Service, Name] = A.split(':');
  if (Service.empty() || Name.empty() || Name.contains(':'))
    return false;
  auto Ok = [](llvm::StringRef S, bool AllowDash) {
    return llvm::all_of(S, [&](char C) {
      return llvm::isAlnum(C) || C == '*' || C == '?' || (AllowDash && C == '-');
    });
  };
  return Ok(Service, true) && Ok(Name, false);
}

std::optional<std::string> checkPolicyDocument(llvm::StringRef Text) {
  json Doc = json::parse(Text.begin(), Text.end(), nullptr, false);
  if (Doc.is_discarded() || !Doc.is_object())
    return std::string("not a JSON object");
  if (!Doc.contains("Version") || Doc["Version"] != "1")
    return std::string("\"Version\" must be \"1\"");
  const json &Stmts = Doc.value("Statement", json());
  if (!Stmts.is_array() || Stmts.empty())
    return std::string("\"Statement\" must be a non-empty list");
  for (const json &S : Stmts) {
    if (!S.is_object())
      return std::string("a statement is not an object");
    std::string Effect = S.value("Effect", "");
    if (Effect != "Allow" && Effect != "Deny")
      return "\"Effect\" must be Allow or Deny, not \"" + Effect + "\"";
    if (!S.contains("Action") && !S.contains("NotAction"))
      return std::string("a statement has no \"Action\"");
    const json &Actions = S.contains("Action") ? S["Action"] : S["NotAction"];
    std::vector<std::string> Names = stringOrList(Actions);
    if (Names.empty())
      return std::string("\"Action\" must be a string or a list of strings");
    for (const std::string &A : Names)
      if (!validActionName(A))
        return "invalid action \"" + A + "\" (expected service:Action)";
    if (!S.contains("Resource") || stringOrList(S["Resource"]).empty())
      return std::string("a statement has no \"Resource\"");
  }
  return std::nullopt;
}

Decision evaluatePolicies(const std::vector<json> &Documents,
                          llvm::StringRef Action, llvm::StringRef Resource) {
  bool Allowed = false;
  for (const json &Doc : Documents) {
    const json &Stmts = Doc.value("Statement", json::array());
    if (!Stmts.is_array())
      continue;
    for (const json &S : Stmts) {
      bool ActionHit = false;
      if (S.contains("Action")) {
        for (const std::string &A : stringOrList(S["Action"]))
          ActionHit |= wildcardMatch(A, Action, /*IgnoreCase=*/true);
      } else if (S.contains("NotAction")) {
        ActionHit = true;
        for (const std::string &A : stringOrList(S["NotAction"]))
          ActionHit &= !wildcardMatch(A, Action, /*IgnoreCase=*/true);
      }
      if (!ActionHit)
        continue;
      bool ResourceHit = false;
      for (const std::string &R : stringOrList(S.value("Resource", json())))
        ResourceHit |= resourceMatch(R, Resource);
      if (!ResourceHit)
        continue;
      if (S.value("Effect", "") == "Deny")
        return Decision::ExplicitDeny;
      Allowed = true;
    }
  }
  return Allowed ? Decision::Allow : Decision::ImplicitDeny;
}

} // namespace rtc::emulator
