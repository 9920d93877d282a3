// Realtime Compute orders (schema `order`). Orders are bought in the
// console; there is no purchase API. "Creating" an order adopts an unused
// one of the right mode, region and CU (exact for shared mode, the smallest
// that suffices for exclusive mode) through the
// order listing (an emulator extension, see docs/emulator.md); removing it
// only forgets it. CloudId is the order id.
#include "ProviderKinds.h"

#include <algorithm>
#include <tuple>

namespace rtc::provider::detail {
namespace {

class OrderProvider : public ResourceProvider {
public:
  explicit OrderProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &) override {
    cloud::ListOrdersFilter F;
    F.Mode = attrString(D.Attributes, "mode");
    F.Region = attrString(D.Attributes, "region");
    F.Status = "pending";
    auto Orders = Ctx.Foas.listOrders(F);
    if (!Orders)
      return Orders.takeError();
    // Deterministic binding (never first come, first served): shared orders
    // must have exactly the configured CU; an exclusive order must offer at
    // least it, and the smallest that does wins, so two pending orders of
    // different CU each go to the configuration they were bought for,
    // whatever order the creates run in. Ties break on the order id.
    std::optional<int64_t> Cu = attrInt(D.Attributes, "cu");
    bool Shared = F.Mode == "shared";
    std::vector<const cloud::FoasOrder *> Fit;
    for (const cloud::FoasOrder &O : *Orders) {
      if (O.Status != "pending" || O.Mode != F.Mode ||
          (!F.Region.empty() && O.RegionId != F.Region))
        continue;
      if (Cu && (Shared ? O.Cu != *Cu : O.Cu < *Cu))
        continue;
      Fit.push_back(&O);
    }
    std::sort(Fit.begin(), Fit.end(),
              [](const cloud::FoasOrder *A, const cloud::FoasOrder *B) {
                return std::tie(A->Cu, A->OrderId) <
                       std::tie(B->Cu, B->OrderId);
              });
    for (const cloud::FoasOrder *O : Fit)
      if (Ctx.claimOrder(O->OrderId)) // else another resource of this run
        return observe(*O);
    std::string What = F.Mode + " order in " +
                       (F.Region.empty() ? Ctx.Region : F.Region);
    if (Cu)
      What += std::string(Shared ? " with " : " with at least ") +
              std::to_string(*Cu) + " CU";
    return providerError(
        "OrderNotFound",
        "no unused " + What + " for " + D.Address +
            ": orders are bought in the Realtime Compute console; buy one, "
            "or adopt a known order with `rtcc import " +
            D.Address + " <order-id>`");
  }

  llvm::Expected<std::optional<Observed>>
  read(const state::ResourceState &S, const RefLookup &) override {
    auto O = find(S.CloudId);
    if (!O)
      return O.takeError();
    if (!*O)
      return std::nullopt;
    // Known to the state: no other order resource may adopt it.
    Ctx.claimOrder(S.CloudId);
    return observe(**O);
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &,
                                  const ProgressFn &) override {
    // Every order attribute is force_new: nothing changes in place.
    return importById(Prior.CloudId, nullptr);
  }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    // Nothing to undo in the cloud: the purchase stays; rtcc forgets it.
    Ctx.releaseOrder(S.CloudId);
    return llvm::Error::success();
  }

  llvm::Expected<Observed> importById(const std::string &Id,
                                      const Desired *) override {
    auto O = find(Id);
    if (!O)
      return O.takeError();
    if (!*O)
      return providerError("OrderNotFound",
                           "order \"" + Id + "\" does not exist");
    Ctx.claimOrder(Id);
    return observe(**O);
  }

private:
  AlicloudContext &Ctx;

  llvm::Expected<std::optional<cloud::FoasOrder>> find(const std::string &Id) {
    cloud::ListOrdersFilter F;
    F.OrderId = Id;
    auto Orders = Ctx.Foas.listOrders(F);
    if (!Orders)
      return Orders.takeError();
    for (const cloud::FoasOrder &O : *Orders)
      if (O.OrderId == Id)
        return std::optional<cloud::FoasOrder>(O);
    return std::optional<cloud::FoasOrder>();
  }

  static Observed observe(const cloud::FoasOrder &O) {
    Observed Out;
    Out.CloudId = O.OrderId;
    Out.Attributes = {{"id", O.OrderId},
                      {"pending", O.Status == "pending"},
                      {"mode", O.Mode},
                      {"region", O.RegionId}};
    return Out;
  }
};

} // namespace

std::unique_ptr<ResourceProvider> makeOrderProvider(AlicloudContext &Ctx) {
  return std::make_unique<OrderProvider>(Ctx);
}

} // namespace rtc::provider::detail
