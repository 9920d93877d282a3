//===- CheckHarness.h - `rtcc check` on one in-memory file ------*- C++ -*-===//
//
// What CheckCommand does for one file, minus the driver: parse, Sema, and
// when that is clean the domain rules (which include the policy analysis)
// and the IR as JSON. Diagnostics are only counted (no consumer).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_TESTS_FUZZ_CHECKHARNESS_H
#define RTC_TESTS_FUZZ_CHECKHARNESS_H

#include "FuzzSupport.h"
#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/IR/IR.h"
#include "rtc/Parse/Parser.h"
#include "rtc/Rules/Rules.h"
#include "rtc/Sema/Sema.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <optional>
#include <string>
#include <vector>

namespace rtc::fuzz {

struct CheckResult {
  bool SyntaxErrors = false;
  bool Clean = false; ///< no error at all (parse, Sema, rules)
  std::string IrJson; ///< set when Clean
};

/// Checks Text as the file Name in the scratch directory, with VarFiles as
/// `-var-file` arguments.
inline CheckResult checkText(llvm::StringRef Text, const std::string &Name,
                             std::vector<std::string> VarFiles = {}) {
  CheckResult R;
  llvm::SourceMgr SM;
  DiagnosticsEngine Diags(SM);
  Diags.setMaxErrors(0);
  unsigned Id = SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(Text, scratchDir() + "/" + Name),
      llvm::SMLoc());
  std::vector<ast::File> Roots;
  Roots.push_back(parseBuffer(Id, Diags));
  R.SyntaxErrors = Roots.front().HadSyntaxErrors || Diags.hasErrors();
  if (R.SyntaxErrors)
    return R;
  SemaOptions Opts;
  Opts.UseEnvironment = false;
  Opts.VarFiles = std::move(VarFiles);
  Opts.ConstraintsCheckedByRules = constraintsCheckedByRules();
  ir::Program P = analyze(Roots, Diags, Opts);
  if (Diags.hasErrors())
    return R;
  runRules(P, Diags);
  // As `check --emit=ir-json` prints it (strict UTF-8: a value that is not
  // UTF-8 must have been diagnosed before this point).
  std::string Json = ir::toJson(P).dump(2);
  R.Clean = !Diags.hasErrors();
  if (R.Clean)
    R.IrJson = std::move(Json);
  return R;
}

} // namespace rtc::fuzz

#endif
