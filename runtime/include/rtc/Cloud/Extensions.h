//===- Extensions.h - how an emulator announces its extensions --*- C++ -*-===//
//
// The published foas API has no call to install, uninstall or set the
// current engine version of a cluster (they are console operations). The
// emulator offers them as extensions and says so in a response header on
// every answer, published calls included; the real service never sends it,
// nor does `rtcc emulator serve --official-api-only`. A client reads the
// header from a published call (ListCluster), so detecting the extensions
// never sends an unpublished request (docs/cloud.md#console-only-operations).
//
//===----------------------------------------------------------------------===//
#ifndef RTC_CLOUD_EXTENSIONS_H
#define RTC_CLOUD_EXTENSIONS_H

namespace rtc::cloud {

/// Response header (lower case, as HttpResponse stores names) listing the
/// extensions an endpoint offers, comma-separated.
inline constexpr const char *ExtensionsHeader = "x-rtcc-emulator-extensions";

/// The console's engine version operations (install, uninstall, set
/// current) as calls.
inline constexpr const char *EngineVersionsExtension = "engine-versions";

/// What the emulator announces when it serves its extensions.
inline constexpr const char *AnnouncedExtensions = "engine-versions,orders";

} // namespace rtc::cloud

#endif
