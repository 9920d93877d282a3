// Realtime Compute orders (schema `order`). "Creating" an order is one of
// three things (docs/apply.md#orders):
//  - `id` set: bind exactly that order (pinned);
//  - exclusive mode with `master` and `slave`: buy it (CreateCellClusterOrder,
//    a published call);
//  - otherwise: bind the one unused order whose mode, region, billing, cu and
//    duration all match, found through the order listing. The listing is an
//    emulator extension (docs/emulator.md): the real service has none, so
//    there such an order must be pinned by `id` or imported.
// Removing an order only forgets it: the purchase stays. CloudId is the
// order id.
#include "OrderMatch.h"
#include "ProviderKinds.h"

#include <algorithm>

namespace rtc::provider::detail {
namespace {

/// Whether a failed listing means the endpoint has no order listing (the
/// real service, or `emulator serve --official-api-only`), rather than an
/// error to report.
bool listingUnavailable(const cloud::CloudError &E) {
  return E.HttpStatus == 404 &&
         !llvm::StringRef(E.Code).startswith("EntityNotExist");
}

class OrderProvider : public ResourceProvider {
public:
  explicit OrderProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &Progress) override {
    if (std::string Id = attrString(D.Attributes, "id"); !Id.empty())
      return bindPinned(D, Id);
    if (attrString(D.Attributes, "mode") == "exclusive" &&
        hasMachineSpecs(D.Attributes))
      return buy(D, Progress);
    return bindMatching(D);
  }

  llvm::Expected<std::optional<Observed>> read(const state::ResourceState &S,
                                               const RefLookup &) override {
    auto O = find(S.CloudId);
    if (!O) {
      // No listing: the order is what the state recorded when it was bound.
      if (llvm::Error E = ignoreNoListing(O.takeError()))
        return std::move(E);
      Ctx.claimOrder(S.CloudId);
      return std::optional<Observed>(fromState(S));
    }
    if (!*O)
      return std::nullopt;
    // Known to the state: no other order resource may adopt it.
    Ctx.claimOrder(S.CloudId);
    return std::optional<Observed>(observe(**O, S.Attributes));
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &D,
                                  const ProgressFn &) override {
    // Every order attribute is force_new: nothing changes in place.
    return importById(Prior.CloudId, &D);
  }

  /// A cluster or project consumes the order; until then only this state
  /// knows which order it bound (docs/apply.md#orders).
  bool savedBeforeDependents() const override { return true; }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    // Nothing to undo in the cloud: the purchase stays; rtcc forgets it.
    Ctx.releaseOrder(S.CloudId);
    return llvm::Error::success();
  }

  llvm::Expected<Observed> importById(const std::string &Id,
                                      const Desired *D) override {
    auto O = find(Id);
    if (!O)
      return O.takeError();
    if (!*O)
      return providerError("OrderNotFound",
                           "order \"" + Id + "\" does not exist");
    Ctx.claimOrder(Id);
    return observe(**O, D ? D->Attributes : json::object());
  }

private:
  AlicloudContext &Ctx;

  /// `id = "ord-…"`: that order, unused (or used only by what this state
  /// already holds, which `rtcc import` covers) and as configured.
  llvm::Expected<Observed> bindPinned(const Desired &D, const std::string &Id) {
    auto O = find(Id);
    if (!O) {
      // The real service cannot show an order: trust the id; CreateCluster /
      // CreateProject refuse an order that does not exist or is used.
      if (llvm::Error E = ignoreNoListing(O.takeError()))
        return std::move(E);
      return claimed(D, Id, fromDesired(Id));
    }
    if (!*O)
      return providerError(
          "OrderNotFound",
          D.Address + " pins order \"" + Id +
              "\", which does not exist in region " + regionOf(D) +
              ": check the id in the console (Expenses → Orders), or remove "
              "`id` to bind or buy an order");
    if (!(*O)->UsedBy.empty() || (*O)->Status == "used")
      return providerError(
          "OrderInUse",
          D.Address + " pins order \"" + Id + "\", which is already used by " +
              ((*O)->UsedBy.empty() ? std::string("another object")
                                    : "\"" + (*O)->UsedBy + "\"") +
              " that this state does not manage; a used order cannot create "
              "another cluster or project. Pin an unused order, or, if this "
              "state manages that object, adopt the order with `rtcc import " +
              D.Address + " " + Id + "`");
    if (auto M = orderMismatch(**O, D.Attributes))
      return providerError("OrderMismatch",
                           D.Address + " pins order \"" + Id + "\", whose " +
                               *M +
                               "; change the block to match the order, or "
                               "pin an order bought with these attributes");
    return claimed(D, Id, observe(**O, D.Attributes));
  }

  /// Exclusive order with machines and no id: CreateCellClusterOrder. The
  /// executor recorded a pending-create intent before this call; when it
  /// was inherited from an interrupted run (D.MayAdopt), that run may have
  /// bought the order already, so find it instead of buying a second one.
  llvm::Expected<Observed> buy(const Desired &D, const ProgressFn &Progress) {
    if (D.MayAdopt) {
      auto Found = recoverPurchase(D);
      if (!Found)
        return Found.takeError();
      if (*Found)
        return std::move(**Found);
    }
    cloud::CellClusterOrderInput In = purchaseOf(D);
    if (Progress)
      Progress("buying (CreateCellClusterOrder " + In.MasterSpec + " x" +
               std::to_string(In.MasterNum) + " / " + In.SlaveSpec + " x" +
               std::to_string(In.SlaveNum) + ")");
    auto Id = Ctx.Foas.createCellClusterOrder(In);
    if (!Id)
      return Id.takeError();
    Ctx.claimOrder(*Id);
    auto O = find(*Id);
    if (!O) {
      if (llvm::Error E = ignoreNoListing(O.takeError()))
        return std::move(E);
      return fromDesired(*Id);
    }
    return *O ? observe(**O, D.Attributes) : fromDesired(*Id);
  }

  /// The order an interrupted purchase bought, std::nullopt when none was
  /// bought, or an error when the endpoint cannot tell.
  llvm::Expected<std::optional<Observed>> recoverPurchase(const Desired &D) {
    auto Fit = matching(D);
    if (!Fit) {
      return llvm::handleErrors(
          Fit.takeError(),
          [&](std::unique_ptr<cloud::CloudError> E) -> llvm::Error {
            if (!listingUnavailable(*E))
              return llvm::Error(std::move(E));
            return providerError(
                "OrderPurchaseUncertain",
                "an earlier apply was interrupted while buying " + D.Address +
                    ", and this endpoint cannot list orders to tell whether "
                    "the purchase went through. Look in the console "
                    "(Expenses → Orders) for a pending exclusive order with "
                    "these machines and run `rtcc import " +
                    D.Address +
                    " <order-id>`; if there is none, buy one there and "
                    "set `id`");
          });
    }
    for (const cloud::FoasOrder &O : *Fit)
      if (Ctx.claimOrder(O.OrderId))
        return std::optional<Observed>(observe(O, D.Attributes));
    return std::optional<Observed>();
  }

  /// No id, no machines: the one unused order that matches the block.
  llvm::Expected<Observed> bindMatching(const Desired &D) {
    auto Fit = matching(D);
    if (!Fit)
      return llvm::handleErrors(
          Fit.takeError(),
          [&](std::unique_ptr<cloud::CloudError> E) -> llvm::Error {
            if (!listingUnavailable(*E))
              return llvm::Error(std::move(E));
            return providerError("OrderNotListable", noListingAdvice(D));
          });
    for (const cloud::FoasOrder &O : *Fit)
      if (Ctx.claimOrder(O.OrderId)) // else another resource of this run
        return observe(O, D.Attributes);
    return providerError("OrderNotFound", noMatchAdvice(D));
  }

  /// The unused orders whose every configured attribute matches, in order-id
  /// order (so ties never depend on timing).
  llvm::Expected<std::vector<cloud::FoasOrder>> matching(const Desired &D) {
    cloud::ListOrdersFilter F;
    F.Mode = attrString(D.Attributes, "mode");
    F.Region = attrString(D.Attributes, "region");
    F.Status = "pending";
    auto Orders = Ctx.Foas.listOrders(F);
    if (!Orders)
      return Orders.takeError();
    std::vector<cloud::FoasOrder> Fit;
    for (const cloud::FoasOrder &O : *Orders)
      if (O.Status == "pending" && O.UsedBy.empty() &&
          !orderMismatch(O, D.Attributes))
        Fit.push_back(O);
    std::sort(Fit.begin(), Fit.end(),
              [](const cloud::FoasOrder &A, const cloud::FoasOrder &B) {
                return A.OrderId < B.OrderId;
              });
    return Fit;
  }

  std::string regionOf(const Desired &D) const {
    std::string R = attrString(D.Attributes, "region");
    return R.empty() ? Ctx.Region : R;
  }

  std::string noMatchAdvice(const Desired &D) const {
    std::string What = attrString(D.Attributes, "mode") + " order in " +
                       regionOf(D) + " with billing " +
                       attrString(D.Attributes, "billing");
    if (auto Cu = attrInt(D.Attributes, "cu"))
      What += ", " + std::to_string(*Cu) + " CU";
    if (auto Months = attrInt(D.Attributes, "duration"))
      What += ", " + std::to_string(*Months) + " months";
    std::string Buy = attrString(D.Attributes, "mode") == "exclusive"
                          ? "give the block `master` and `slave` to buy one "
                            "at apply, "
                          : "buy one in the Realtime Compute console, ";
    return "no unused " + What + " for " + D.Address + ": " + Buy +
           "pin a known order with `id = \"<order-id>\"`, or adopt one with "
           "`rtcc import " +
           D.Address + " <order-id>`";
  }

  std::string noListingAdvice(const Desired &D) const {
    bool Shared = attrString(D.Attributes, "mode") == "shared";
    return D.Address + " names no order, and the service has no call that " +
           "lists orders to bind one by its attributes" +
           (Shared ? std::string(" (shared-mode orders are bought only in "
                                 "the console; there is no purchase API)")
                   : std::string("")) +
           ": set `id = \"<order-id>\"` (Expenses → Orders in the console) or "
           "run `rtcc import " +
           D.Address + " <order-id>`" +
           (Shared ? std::string("")
                   : std::string("; or give `master` and `slave` to buy the "
                                 "order at apply"));
  }

  llvm::Expected<Observed> claimed(const Desired &D, const std::string &Id,
                                   Observed O) {
    if (!Ctx.claimOrder(Id))
      return providerError("OrderInUse",
                           D.Address + " pins order \"" + Id +
                               "\", which another order resource of this "
                               "configuration binds; each order can be used "
                               "once");
    return O;
  }

  llvm::Error ignoreNoListing(llvm::Error E) {
    return llvm::handleErrors(
        std::move(E), [](std::unique_ptr<cloud::CloudError> CE) -> llvm::Error {
          if (listingUnavailable(*CE))
            return llvm::Error::success();
          return llvm::Error(std::move(CE));
        });
  }

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

  static cloud::CellClusterOrderInput purchaseOf(const Desired &D) {
    const json &A = D.Attributes;
    cloud::CellClusterOrderInput In;
    bool Subscription = attrString(A, "billing") != "pay_as_you_go";
    In.PayModel = Subscription ? "pre" : "post";
    In.Region = attrString(A, "region");
    json Master = A.value("master", json::object());
    json Slave = A.value("slave", json::object());
    In.MasterSpec = attrString(Master, "model");
    In.MasterNum = attrInt(Master, "count").value_or(0);
    In.SlaveSpec = attrString(Slave, "model");
    In.SlaveNum = attrInt(Slave, "count").value_or(0);
    if (Subscription)
      In.Period = attrInt(A, "duration");
    return In;
  }

  /// What the configuration says, for an endpoint that cannot show orders.
  static Observed fromDesired(const std::string &Id) {
    Observed Out;
    Out.CloudId = Id;
    Out.Attributes = {{"id", Id}, {"pending", true}};
    return Out;
  }

  static Observed fromState(const state::ResourceState &S) {
    Observed Out;
    Out.CloudId = S.CloudId;
    Out.Attributes = {{"id", S.CloudId}};
    if (auto It = S.Attributes.find("pending"); It != S.Attributes.end())
      Out.Attributes["pending"] = *It;
    return Out;
  }

  /// The order's attributes. Besides id, pending, mode and region, only
  /// those the reference attributes (desired or stored) name are reported:
  /// an order has no defaults the configuration could omit, and reporting
  /// the rest would show a change nobody asked for.
  static Observed observe(const cloud::FoasOrder &O, const json &Ref) {
    Observed Out;
    Out.CloudId = O.OrderId;
    Out.Attributes = {{"id", O.OrderId},
                      {"pending", O.Status == "pending"},
                      {"mode", O.Mode},
                      {"region", O.RegionId}};
    auto Named = [&](const char *Key) {
      return Ref.is_object() && Ref.contains(Key) && !Ref[Key].is_null();
    };
    if (Named("billing") && !O.Billing.empty())
      Out.Attributes["billing"] = O.Billing;
    if (Named("cu") && O.Cu)
      Out.Attributes["cu"] = O.Cu;
    if (Named("duration") && O.Duration)
      Out.Attributes["duration"] = O.Duration;
    if (Named("master") && !O.Master.Model.empty())
      Out.Attributes["master"] = {{"model", O.Master.Model},
                                  {"count", O.Master.Count}};
    if (Named("slave") && !O.Slave.Model.empty())
      Out.Attributes["slave"] = {{"model", O.Slave.Model},
                                 {"count", O.Slave.Count}};
    return Out;
  }
};

} // namespace

std::unique_ptr<ResourceProvider> makeOrderProvider(AlicloudContext &Ctx) {
  return std::make_unique<OrderProvider>(Ctx);
}

} // namespace rtc::provider::detail
