//===- Sema.cpp - from ASTs to the checked IR ------------------------------===//
#include "rtc/Sema/Sema.h"
#include "Analyzer.h"
#include <functional>

namespace rtc {

ir::Program analyze(std::vector<ast::File> &Roots, DiagnosticsEngine &Diags,
                    const SemaOptions &Opts) {
  sema::Analyzer A(Diags, Opts);
  return A.run(Roots);
}

Analysis analyzeWithSchemas(std::vector<ast::File> &Roots, DiagnosticsEngine &Diags,
                            const SemaOptions &Opts) {
  sema::Analyzer A(Diags, Opts);
  Analysis Out;
  Out.Program = A.run(Roots);
  Out.Schemas = A.schemas();
  // Defaults point into the analyzer's stdlib ASTs, gone after this call.
  std::function<void(BlockSchema &)> Detach = [&](BlockSchema &B) {
    for (auto &[Name, Attr] : B.Attrs)
      Attr.Default = nullptr;
    for (auto &[Name, Nested] : B.Blocks)
      Detach(Nested);
  };
  for (auto &[Name, K] : Out.Schemas.Kinds)
    Detach(K);
  return Out;
}

} // namespace rtc
