//===- Sema.cpp - from ASTs to the checked IR ------------------------------===//
#include "rtc/Sema/Sema.h"
#include "Analyzer.h"

namespace rtc {

ir::Program analyze(std::vector<ast::File> &Roots, DiagnosticsEngine &Diags,
                    const SemaOptions &Opts) {
  sema::Analyzer A(Diags, Opts);
  return A.run(Roots);
}

} // namespace rtc
