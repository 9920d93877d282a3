// Comparing a cloud order with an `order` block, attribute by attribute.
#include "OrderMatch.h"

#include "ProviderSupport.h"

namespace rtc::provider::detail {
namespace {

std::string inQuotes(const std::string &S) { return "\"" + S + "\""; }

std::string differs(const std::string &What, const std::string &Cloud,
                    const std::string &Config) {
  return What + " is " + Cloud + " but the configuration says " + Config;
}

std::optional<std::string>
stringMismatch(const char *Key, const std::string &Cloud, const json &Attrs) {
  std::string Want = attrString(Attrs, Key);
  if (Want.empty() || Want == Cloud)
    return std::nullopt;
  return differs(Key, Cloud.empty() ? "not reported" : inQuotes(Cloud),
                 inQuotes(Want));
}

std::optional<std::string> numberMismatch(const char *Key, int64_t Cloud,
                                          const json &Attrs) {
  std::optional<int64_t> Want = attrInt(Attrs, Key);
  if (!Want || *Want == Cloud)
    return std::nullopt;
  return differs(Key, Cloud ? std::to_string(Cloud) : "not reported",
                 std::to_string(*Want));
}

std::optional<std::string> nodeMismatch(const char *Block,
                                        const cloud::FoasNodeSpec &Cloud,
                                        const json &Attrs) {
  auto It = Attrs.find(Block);
  if (It == Attrs.end() || !It->is_object())
    return std::nullopt;
  std::string Prefix = std::string(Block) + ".";
  if (auto M = stringMismatch("model", Cloud.Model, *It))
    return Prefix + *M;
  if (auto M = numberMismatch("count", Cloud.Count, *It))
    return Prefix + *M;
  return std::nullopt;
}

} // namespace

std::optional<std::string> orderMismatch(const cloud::FoasOrder &O,
                                         const json &Attrs) {
  if (auto M = stringMismatch("mode", O.Mode, Attrs))
    return M;
  if (auto M = stringMismatch("region", O.RegionId, Attrs))
    return M;
  if (auto M = stringMismatch("billing", O.Billing, Attrs))
    return M;
  if (auto M = numberMismatch("cu", O.Cu, Attrs))
    return M;
  // A pay-as-you-go order has no length: `duration` is not used for it.
  if (attrString(Attrs, "billing") != "pay_as_you_go")
    if (auto M = numberMismatch("duration", O.Duration, Attrs))
      return M;
  if (auto M = nodeMismatch("master", O.Master, Attrs))
    return M;
  return nodeMismatch("slave", O.Slave, Attrs);
}

bool hasMachineSpecs(const json &Attrs) {
  auto Has = [&](const char *Block) {
    auto It = Attrs.find(Block);
    return It != Attrs.end() && It->is_object() && !It->empty();
  };
  return Attrs.is_object() && Has("master") && Has("slave");
}

} // namespace rtc::provider::detail
