//===- PlanRenderer.h - the human and Markdown views of a plan --*- C++ -*-===//
//
// Terraform-like text: `+` create, `~` update, `-` destroy, `-/+` replace,
// nested values aligned, `# forces replacement`, `(sensitive)`, `(known
// after apply)`, dangerous changes called out, then the summary and CU
// lines. The JSON view is PlanJson.h; all read the same Plan.
//
//===----------------------------------------------------------------------===//
#ifndef RTC_PLAN_PLANRENDERER_H
#define RTC_PLAN_PLANRENDERER_H

#include "rtc/Plan/Plan.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace rtc::plan {

struct RenderOptions {
  bool Color = false;
  /// The command that would perform the plan, named where the plan tells
  /// the user what it needs (`-allow-dangerous`): "rtcc destroy" when
  /// destroy runs, "rtcc apply -destroy" for `plan -destroy`.
  std::string ApplyCommand = "rtcc apply";
};

void renderHuman(const Plan &P, llvm::raw_ostream &OS,
                 const RenderOptions &Opts = {});
/// For pull-request comments: a summary table and one diff block.
void renderMarkdown(const Plan &P, llvm::raw_ostream &OS);

/// `Plan: X to add, Y to change, Z to destroy.`
std::string summaryLine(const Plan &P);

} // namespace rtc::plan

#endif
