//===- SizeCommand.cpp - rtcc size -----------------------------------------===//
//
// rtcc size --records-per-second N --workload simple|complex [--headroom 30%]
// Recommends the slave model and count and the master model for a load,
// showing the arithmetic (docs/service.md#cluster-sizing; tables from the stdlib).
//
//===----------------------------------------------------------------------===//
#include "CommandRegistry.h"
#include "DriverSupport.h"
#include "rtc/Rules/Rules.h"
#include "rtc/Sema/Sema.h"
#include "rtc/Sizing/Recommend.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace rtc::driver {
namespace {

cl::SubCommand SizeCmd("size", "Recommend cluster machines for a load");
cl::opt<uint64_t> RecordsPerSecond("records-per-second", cl::desc("Input records per second"),
                                   cl::Required, cl::sub(SizeCmd));
cl::opt<std::string> Workload("workload", cl::desc("simple | complex"), cl::init("simple"),
                              cl::sub(SizeCmd));
cl::opt<std::string> Headroom("headroom", cl::desc("Spare capacity, e.g. 30%"),
                              cl::init("30%"), cl::sub(SizeCmd));

int run() {
  auto Work = sizing::parseWorkload(Workload);
  if (!Work) {
    WithColor::error(errs(), "rtcc") << "--workload must be simple or complex, not '"
                                     << Workload << "'\n";
    return ExitUsage;
  }
  StringRef H = StringRef(Headroom).rtrim("%");
  unsigned HeadroomPercent = 0;
  if (H.getAsInteger(10, HeadroomPercent) || HeadroomPercent > 1000) {
    WithColor::error(errs(), "rtcc") << "--headroom must be a percentage such as 30%, not '"
                                     << Headroom << "'\n";
    return ExitUsage;
  }
  Session S;
  std::vector<ast::File> None;
  ir::Program P = analyze(None, S.diags(), semaOptions());
  std::optional<sizing::MachineTables> Tables = machineTablesFrom(P);
  if (!Tables) {
    WithColor::error(errs(), "rtcc") << "the stdlib has no machine tables\n";
    return ExitInputError;
  }
  sizing::SizingRequest Req;
  Req.RecordsPerSecond = RecordsPerSecond;
  Req.Work = *Work;
  Req.HeadroomPercent = HeadroomPercent;
  auto R = sizing::recommend(Req, *Tables);
  if (!R) {
    WithColor::error(errs(), "rtcc") << toString(R.takeError()) << "\n";
    return ExitInputError;
  }
  for (const std::string &Line : R->explain())
    outs() << Line << "\n";
  outs() << "\nslave  { model = \"" << R->SlaveModel << "\"  count = " << R->SlaveCount
         << " }   // " << R->ClusterCu << " usable CU\n";
  outs() << "master { model = \"" << R->MasterModel << "\"  count = " << R->MasterCount
         << " }\n";
  return S.finish();
}

CommandRegistration Reg(SizeCmd, run);

} // namespace
} // namespace rtc::driver
