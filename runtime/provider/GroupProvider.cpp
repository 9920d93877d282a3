// RAM groups (schema `group`): CreateGroup / UpdateGroup (renames included)
// / DeleteGroup, read back with GetGroup. CloudId is the GroupName.
#include "ProviderKinds.h"

namespace rtc::provider::detail {
namespace {

class GroupProvider : public ResourceProvider {
public:
  explicit GroupProvider(AlicloudContext &Ctx) : Ctx(Ctx) {}

  llvm::Expected<Observed> create(const Desired &D,
                                  const ProgressFn &) override {
    std::string Name = desiredName(D);
    // One call on the usual path; EntityAlreadyExists means an interrupted
    // apply made it: adopt (when the state recorded that intent) and converge.
    auto Created =
        Ctx.Ram.createGroup(Name, attrString(D.Attributes, "comments"));
    if (Created)
      return observe(*Created, D.Attributes);
    if (llvm::Error E =
            adoptIfAlreadyExists(Created.takeError(), D, Name, Name))
      return std::move(E);
    return converge(Name, D);
  }

  llvm::Expected<std::optional<Observed>> read(const state::ResourceState &S,
                                               const RefLookup &) override {
    auto G = orGone(Ctx.Ram.getGroup(S.CloudId));
    if (!G)
      return G.takeError();
    if (!*G)
      return std::nullopt;
    return observe(**G, S.Attributes);
  }

  llvm::Expected<Observed> update(const state::ResourceState &Prior,
                                  const Desired &D,
                                  const ProgressFn &) override {
    return converge(Prior.CloudId.empty() ? desiredName(D) : Prior.CloudId, D);
  }

  llvm::Error remove(const state::ResourceState &S,
                     const ProgressFn &) override {
    return ignoreGone(Ctx.Ram.deleteGroup(S.CloudId));
  }

  llvm::Expected<Observed> importById(const std::string &Id,
                                      const Desired *D) override {
    auto G = Ctx.Ram.getGroup(Id);
    if (!G)
      return G.takeError();
    return observe(*G, D ? D->Attributes : json::object());
  }

private:
  AlicloudContext &Ctx;

  static Observed observe(const cloud::RamGroup &G, const json &Ref) {
    Observed O;
    O.CloudId = G.GroupName;
    O.Attributes["name"] = G.GroupName;
    reportOptionalString(O.Attributes, "comments", G.Comments, Ref);
    return O;
  }

  llvm::Expected<Observed> converge(const std::string &Current,
                                    const Desired &D) {
    auto G = Ctx.Ram.getGroup(Current);
    if (!G)
      return G.takeError();
    std::string Name = desiredName(D);
    std::string Comments = attrString(D.Attributes, "comments");
    cloud::UpdateGroupInput In;
    In.GroupName = Current;
    if (Name != G->GroupName)
      In.NewGroupName = Name;
    if (Comments != G->Comments)
      In.NewComments = Comments;
    if (In.NewGroupName || In.NewComments) {
      auto R = Ctx.Ram.updateGroup(In);
      if (!R)
        return R.takeError();
    }
    auto After = Ctx.Ram.getGroup(Name);
    if (!After)
      return After.takeError();
    return observe(*After, D.Attributes);
  }
};

} // namespace

std::unique_ptr<ResourceProvider> makeGroupProvider(AlicloudContext &Ctx) {
  return std::make_unique<GroupProvider>(Ctx);
}

} // namespace rtc::provider::detail
