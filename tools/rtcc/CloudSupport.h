//===- CloudSupport.h - which cloud apply talks to --------------*- C++ -*-===//
//
// apply, destroy, refresh, import and plan (for its refresh) talk to one of
// two clouds through the same signed clients:
// - the real Alibaba Cloud (or any endpoint: `-endpoint URL`, or `endpoint`
//   in the configuration's provider block), with credentials from the
//   environment or the profile file;
// - the embedded emulator (`-cloud=embedded[:PATH]`, the default when no
//   endpoint and no credentials are set), started in-process on loopback
//   with its SQLite file beside the configuration, so a new user can apply
//   with no account. A `cloud.seed.json` beside the configuration seeds its
//   VPCs, vSwitches, buckets, orders and clusters when the file is first
//   created; entries added to the seed later are added on the next run.
//
//===----------------------------------------------------------------------===//
#ifndef RTCC_TOOLS_CLOUDSUPPORT_H
#define RTCC_TOOLS_CLOUDSUPPORT_H

#include "rtc/Cloud/ClientConfig.h"
#include "rtc/Emulator/Emulator.h"
#include "rtc/IR/IR.h"
#include "rtc/Provider/Provider.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace rtc::driver {

struct CloudSession {
  std::unique_ptr<emulator::Emulator> Embedded; ///< null for a remote cloud
  cloud::ClientConfig Client;
  std::string Region;
  std::string Where; ///< for messages: "embedded emulator (.rtc/cloud.db)"
  std::string SeedFile; ///< the embedded cloud's cloud.seed.json path
  std::unique_ptr<provider::Providers> Providers;
};

/// For an error of the embedded cloud that its seed would fix (an order,
/// VPC, vSwitch, zone or bucket it does not hold), how to add it to
/// cloud.seed.json; empty otherwise.
std::string seedHint(const CloudSession &S, llvm::StringRef Code);

class CloudOptions {
public:
  explicit CloudOptions(llvm::cl::SubCommand &Sub);

  /// Connects as the flags, the environment and the provider block say.
  llvm::Expected<std::unique_ptr<CloudSession>>
  open(const ir::Program &Prog, const std::string &ConfigDir) const;
  /// Whether open() would start the embedded cloud, which offers every
  /// emulator extension (so there is nothing to ask it).
  bool embedded(const ir::Program &Prog) const;

private:
  llvm::cl::opt<std::string> Cloud;
  llvm::cl::opt<std::string> Endpoint;
  llvm::cl::opt<std::string> Region;
  llvm::cl::opt<unsigned> MaxAttempts;
  llvm::cl::opt<bool> Verbose;
};

} // namespace rtc::driver

#endif
