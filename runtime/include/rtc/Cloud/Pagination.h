// Generic "fetch every page" loops for the two paging styles: RAM's
// Marker/MaxItems and foas's pageIndex/pageSize.
#ifndef RTC_CLOUD_PAGINATION_H
#define RTC_CLOUD_PAGINATION_H

#include "rtc/Cloud/CloudError.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace rtc::cloud {

/// Stops a misbehaving server (a marker that never ends) from looping us
/// forever.
inline constexpr unsigned MaxPagesPerListing = 10000;

struct MarkerPageRequest {
  std::string Marker; ///< Empty for the first page.
  unsigned MaxItems = 100;
};

template <typename T> struct MarkerPage {
  std::vector<T> Items;
  bool IsTruncated = false;
  std::string Marker; ///< Pass back to get the next page.
};

template <typename T> struct IndexPage {
  std::vector<T> Items;
  unsigned PageIndex = 1;
  unsigned PageSize = 0;
  uint64_t TotalCount = 0;
};

/// Fetches pages until IsTruncated is false. A truncated page without a new
/// marker is an error (it would repeat the same page forever).
template <typename T>
llvm::Expected<std::vector<T>> collectMarkerPages(
    llvm::function_ref<llvm::Expected<MarkerPage<T>>(const MarkerPageRequest &)>
        Fetch,
    unsigned MaxItems = 100) {
  std::vector<T> All;
  MarkerPageRequest Req;
  Req.MaxItems = MaxItems;
  for (unsigned Pages = 0; Pages < MaxPagesPerListing; ++Pages) {
    auto Page = Fetch(Req);
    if (!Page)
      return Page.takeError();
    for (T &Item : Page->Items)
      All.push_back(std::move(Item));
    if (!Page->IsTruncated)
      return All;
    if (Page->Marker.empty() || Page->Marker == Req.Marker)
      return makeCloudError(0, "InvalidResponse",
                            "truncated list page without a new Marker");
    Req.Marker = Page->Marker;
  }
  return makeCloudError(0, "InvalidResponse", "listing exceeded page limit");
}

/// Fetches pages 1, 2, ... until TotalCount items were seen or a page comes
/// back short or empty (TotalCount 0 means "not reported").
template <typename T>
llvm::Expected<std::vector<T>> collectIndexPages(
    llvm::function_ref<llvm::Expected<IndexPage<T>>(unsigned PageIndex,
                                                    unsigned PageSize)>
        Fetch,
    unsigned PageSize = 50) {
  std::vector<T> All;
  for (unsigned Index = 1; Index <= MaxPagesPerListing; ++Index) {
    auto Page = Fetch(Index, PageSize);
    if (!Page)
      return Page.takeError();
    size_t Got = Page->Items.size();
    for (T &Item : Page->Items)
      All.push_back(std::move(Item));
    bool SawAll = Page->TotalCount > 0 && All.size() >= Page->TotalCount;
    if (Got == 0 || Got < PageSize || SawAll)
      return All;
  }
  return makeCloudError(0, "InvalidResponse", "listing exceeded page limit");
}

} // namespace rtc::cloud

#endif // RTC_CLOUD_PAGINATION_H
