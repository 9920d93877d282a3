//===- PlanPhases.cpp - where the time of `rtcc plan` goes ----------------===//
//
// rtcc-plan-phases FILE.rtc [-state PATH | -pg CONN [-pg-schema S]] [-json]
//                  [-repeat N] [-print]
// -print writes the rendered plan instead of its summary line.
// Runs what `rtcc plan` runs on one file (parse, sema, rules, state read,
// plan, render) with a PhaseTimer, prints the plan summary line to stdout
// and the phase table to stderr. The plan's own phases (config hash, diff,
// sequencing) come from PlanOptions::Timer.
//
//===----------------------------------------------------------------------===//
#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/Diag/TextDiagnosticPrinter.h"
#include "rtc/Parse/Parser.h"
#include "rtc/Plan/PhaseTimer.h"
#include "rtc/Plan/PlanJson.h"
#include "rtc/Plan/PlanRenderer.h"
#include "rtc/Plan/Planner.h"
#include "rtc/Rules/Rules.h"
#include "rtc/Sema/Sema.h"
#include "rtc/State/Backend.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <string>

using namespace rtc;

// The jemalloc options of tools/rtcc/main.cpp (unused without jemalloc).
extern "C" {
extern const char *const malloc_conf;
const char *const malloc_conf = "thp:always,metadata_thp:always";
}

int main(int Argc, char **Argv) {
  std::string File;
  state::BackendConfig C;
  bool Json = false;
  int Repeat = 1;
  bool Print = false;
  for (int I = 1; I < Argc; ++I) {
    std::string A = Argv[I];
    if (A == "-state" && I + 1 < Argc) {
      C.StatePath = Argv[++I];
    } else if (A == "-pg" && I + 1 < Argc) {
      C.Type = state::BackendConfig::Kind::Pg;
      C.PgConn = Argv[++I];
    } else if (A == "-pg-schema" && I + 1 < Argc) {
      C.PgSchema = Argv[++I];
    } else if (A == "-repeat" && I + 1 < Argc) {
      Repeat = std::max(1, std::atoi(Argv[++I]));
    } else if (A == "-print") {
      Print = true;
    } else if (A == "-json") {
      Json = true;
    } else if (File.empty() && A[0] != '-') {
      File = A;
    } else {
      llvm::errs() << "usage: rtcc-plan-phases FILE.rtc [-state PATH | -pg CONN "
                      "[-pg-schema S]] [-json] [-repeat N] [-print]\n";
      return 2;
    }
  }
  if (File.empty()) {
    llvm::errs() << "rtcc-plan-phases: no input file\n";
    return 2;
  }
  plan::PhaseTimer T(true);

  llvm::SourceMgr SM;
  DiagnosticsEngine Diags(SM);
  Diags.addConsumer(std::make_unique<TextDiagnosticPrinter>(llvm::errs()));
  auto Buf = llvm::MemoryBuffer::getFile(File);
  if (!Buf) {
    llvm::errs() << "rtcc-plan-phases: cannot read " << File << "\n";
    return 1;
  }
  unsigned Id = SM.AddNewSourceBuffer(std::move(*Buf), llvm::SMLoc());
  std::vector<ast::File> Asts;
  Asts.push_back(parseBuffer(Id, Diags));
  T.mark("parse");
  ir::Program Prog = analyze(Asts, Diags);
  T.mark("sema");
  if (!Diags.hasErrors())
    runRules(Prog, Diags);
  T.mark("rules");
  Diags.finish();
  if (Diags.hasErrors())
    return 1;

  auto B = state::makeBackend(C);
  if (!B) {
    llvm::errs() << llvm::toString(B.takeError()) << "\n";
    return 1;
  }
  auto M = (*B)->stateManager("default");
  if (!M) {
    llvm::errs() << llvm::toString(M.takeError()) << "\n";
    return 1;
  }
  if (llvm::Error E = (*M)->refreshState()) {
    llvm::errs() << llvm::toString(std::move(E)) << "\n";
    return 1;
  }
  std::optional<state::State> Stored = (*M)->state();
  T.mark("state read");

  plan::PlanOptions Opts;
  Opts.Timer = &T;
  plan::Plan P = plan::makePlan(Prog, Stored ? &*Stored : nullptr, Opts);
  // Planning again, for profiles of the planner alone.
  for (int I = 1; I < Repeat; ++I)
    P = plan::makePlan(Prog, Stored ? &*Stored : nullptr, Opts);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  if (Json)
    OS << plan::toJson(P).dump(2) << "\n";
  else
    plan::renderHuman(P, OS);
  OS.flush();
  T.mark(Json ? "render json" : "render");
  if (Print)
    llvm::outs() << Out;
  else
    llvm::outs() << plan::summaryLine(P) << " (" << Out.size()
                 << " bytes of output, " << P.Steps.size() << " steps)\n";
  // What exiting normally costs: freeing the state, the plan, the IR and
  // the ASTs (a command may skip it by exiting without destructors).
  Stored.reset();
  P = plan::Plan();
  Prog = ir::Program();
  Asts.clear();
  T.mark("free");
  T.print(llvm::errs());
  return 0;
}
