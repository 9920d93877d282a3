//===- ShowCommand.cpp - rtcc show [-json|-markdown] FILE ------------------===//
//
// Renders a plan saved by `rtcc plan -out FILE`: the human view by default,
// the JSON view (the file's own layout, re-serialised) or Markdown for
// pull-request comments.
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"
#include "DriverSupport.h"
#include "rtc/Plan/PlanJson.h"
#include "rtc/Plan/PlanRenderer.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand ShowCmd("show", "Show a plan saved by `rtcc plan -out FILE`");
cl::opt<std::string> File(cl::Positional, cl::desc("<plan file>"), cl::Required,
                          cl::sub(ShowCmd));
cl::opt<bool> Json("json", cl::desc("Print the plan as JSON (docs/plan.md)"),
                   cl::sub(ShowCmd));
cl::opt<bool> Markdown("markdown", cl::desc("Print the plan as Markdown"),
                       cl::sub(ShowCmd));

int run() {
  if (Json && Markdown) {
    WithColor::error(errs(), "rtcc show") << "-json and -markdown exclude each other\n";
    return ExitUsage;
  }
  auto Buf = MemoryBuffer::getFileOrSTDIN(File);
  if (!Buf) {
    WithColor::error(errs(), "rtcc show")
        << File << ": " << Buf.getError().message() << "\n";
    return ExitInputError;
  }
  auto P = plan::planFromJson((*Buf)->getBuffer(), File);
  if (!P) {
    WithColor::error(errs(), "rtcc show") << toString(P.takeError()) << "\n";
    return ExitInputError;
  }
  if (Json)
    outs() << plan::toJson(*P).dump(2) << "\n";
  else if (Markdown)
    plan::renderMarkdown(*P, outs());
  else
    plan::renderHuman(*P, outs(), {stdoutColor()});
  return ExitOk;
}

CommandRegistration Reg(ShowCmd, run);

} // namespace
} // namespace rtc::driver
