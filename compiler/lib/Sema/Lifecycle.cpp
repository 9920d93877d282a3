//===- Lifecycle.cpp - a resource's `lifecycle { … }` block ---------------===//
//
// Any resource may say how the planner treats it (docs/apply.md#lifecycle):
// `prevent_destroy = true` makes a plan that deletes or replaces it fail, and
// `ignore_changes = [ATTR, …]` keeps differences of those attributes (drift
// or edits) from causing an update. The attribute names are written bare, as
// paths of the kind's schema (`trust`, `master.count`), and checked here.
//
//===----------------------------------------------------------------------===//
#include "Analyzer.h"
#include "rtc/Diag/EditDistance.h"
#include <algorithm>

using namespace rtc::ast;
using llvm::dyn_cast;

namespace rtc::sema {

namespace {

/// `trust`, `master.count` or "trust": the path written, or "".
std::string spelledPath(const Expr &E) {
  if (auto *N = dyn_cast<NameExpr>(&E))
    return N->Name;
  if (auto *G = dyn_cast<GetAttrExpr>(&E)) {
    std::string Base = spelledPath(*G->Base);
    return Base.empty() ? "" : Base + "." + G->Attr.Name;
  }
  if (auto *S = dyn_cast<StringExpr>(&E); S && S->isLiteral())
    return S->literalValue();
  return "";
}

/// Every attribute path of S (`trust`, `master`, `master.count`).
void schemaPaths(const BlockSchema &S, const std::string &Prefix,
                 std::vector<std::string> &Out) {
  for (const auto &KV : S.Attrs)
    Out.push_back(Prefix + KV.first);
  for (const auto &KV : S.Blocks) {
    Out.push_back(Prefix + KV.first);
    schemaPaths(KV.second, Prefix + KV.first + ".", Out);
  }
}

} // namespace

void Analyzer::lowerLifecycle(const Block &B, const BlockSchema &S,
                              ir::Resource &Res, EvalContext &Ctx) {
  if (Res.PreventDestroy || !Res.IgnoreChanges.empty()) {
    Diags.report(B.Type.Range, diag::err_lifecycle_twice) << Res.Address;
    return;
  }
  for (const ItemPtr &It : B.Body) {
    auto *A = dyn_cast<Attribute>(It.get());
    if (!A) {
      Diags.report(It->Range, diag::err_lifecycle_attribute)
          << "only `prevent_destroy` and `ignore_changes` are allowed here";
      continue;
    }
    const std::string &N = A->Name.Name;
    if (N == "prevent_destroy") {
      auto V = eval(*A->Value, Ctx);
      if (V && !V->is_boolean())
        Diags.report(A->Value->Range, diag::err_lifecycle_not_bool) << N;
      else if (V)
        Res.PreventDestroy = V->get<bool>();
      continue;
    }
    if (N == "create_before_destroy") { // Terraform's, which cannot work here
      Diags.report(A->Name.Range, diag::err_lifecycle_create_before_destroy);
      continue;
    }
    if (N != "ignore_changes") {
      Diags.report(A->Name.Range, diag::err_lifecycle_attribute)
          << "unknown attribute `" + N + "`";
      continue;
    }
    auto *L = dyn_cast<ListExpr>(A->Value.get());
    if (!L) {
      Diags.report(A->Value->Range, diag::err_ignore_changes_not_list);
      continue;
    }
    std::vector<std::string> Known;
    schemaPaths(S, "", Known);
    for (const ExprPtr &E : L->Elements) {
      std::string P = spelledPath(*E);
      if (P.empty()) {
        Diags.report(E->Range, diag::err_ignore_changes_not_list);
        continue;
      }
      if (std::find(Known.begin(), Known.end(), P) == Known.end()) {
        if (auto Best = closestMatch(P, Known))
          Diags.report(E->Range, diag::err_ignore_changes_unknown_suggest)
                  .fixit(E->Range, *Best)
              << P << Res.Kind << *Best;
        else {
          std::string List;
          for (const std::string &K : Known)
            List += (List.empty() ? "" : ", ") + K;
          Diags.report(E->Range, diag::err_ignore_changes_unknown)
              << P << Res.Kind << (List.empty() ? "(none)" : List);
        }
        continue;
      }
      Res.IgnoreChanges.push_back(P);
    }
  }
  std::sort(Res.IgnoreChanges.begin(), Res.IgnoreChanges.end());
  Res.IgnoreChanges.erase(
      std::unique(Res.IgnoreChanges.begin(), Res.IgnoreChanges.end()),
      Res.IgnoreChanges.end());
}

} // namespace rtc::sema
