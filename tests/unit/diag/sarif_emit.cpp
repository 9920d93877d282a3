//===- sarif_emit.cpp - a SARIF log exercising every printer feature ------===//
//
// tests/suites/sarif.sh validates this output against the SARIF 2.1.0 schema,
// so the parts that `rtcc check` inputs may not reach (notes without a
// location, fix-its, warnings, diagnostics without a location, odd file names)
// are covered too.
//
//===----------------------------------------------------------------------===//
#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/Diag/SarifDiagnosticPrinter.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace rtc;

int main() {
  llvm::SourceMgr SM;
  const char *Text = "cluster analytics {\n"
                     "  order = 'ord-1';\n"
                     "  engine = \"blink-3.3.0\" /* caf\xC3\xA9 */ x\n";
  unsigned ID = SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(Text, "dir with space/main.rtc"),
      llvm::SMLoc());
  unsigned Abs = SM.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy("job j {}\n", "/abs/path/j.rtc"),
      llvm::SMLoc());
  llvm::StringRef B = SM.getMemoryBuffer(ID)->getBuffer();
  auto At = [&](llvm::StringRef Needle) {
    return llvm::SMLoc::getFromPointer(B.data() + B.find(Needle));
  };
  auto Range = [&](llvm::StringRef Needle) {
    llvm::SMLoc L = At(Needle);
    return llvm::SMRange(
        L, llvm::SMLoc::getFromPointer(L.getPointer() + Needle.size()));
  };

  DiagnosticsEngine Diags(SM);
  Diags.addConsumer(std::make_unique<SarifDiagnosticPrinter>(
      llvm::outs(), SarifOptions{"rtcc", "", "https://example.com/rtcc", 2}));

  Diags.report(Range("'ord-1'"), diag::err_single_quote_string)
      .fixit(Range("'ord-1'"), "\"ord-1\"");
  Diags.report(Range(";"), diag::err_unexpected_semicolon)
      .fixit(Range(";"), "");
  Diags.report(At(" x\n"), diag::err_expected_close_brace)
          .note(Range("{"), diag::note_opened_here, "block")
          .note(llvm::SMRange(), "a note without a location")
          .fixit(llvm::SMRange(At("x\n"), At("x\n")), "}\n")
      << "cluster"
      << "1:19";
  // A range spanning lines, in the file with an absolute path.
  llvm::StringRef AB = SM.getMemoryBuffer(Abs)->getBuffer();
  Diags.report(llvm::SMRange(llvm::SMLoc::getFromPointer(AB.data()),
                             llvm::SMLoc::getFromPointer(AB.end())),
               diag::err_unexpected_token)
      << "block";
  Diagnostic W;
  W.Id = diag::err_unexpected_token;
  W.Sev = Severity::Warning;
  W.Code = "RTC0101";
  W.Message = "a warning after caf\xC3\xA9";
  W.Range = llvm::SMRange(At("x\n"), At("x\n"));
  Diags.emit(W);
  Diags.report(llvm::SMLoc(), diag::err_no_input_files) << ".";
  Diags.finish();
  return 0;
}
