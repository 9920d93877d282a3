//===- Moves.cpp - object identity across renames -------------------------===//
#include "rtc/Plan/Moves.h"
#include "rtc/Diag/Diagnostic.h"

#include <algorithm>
#include <map>

namespace rtc::plan {

namespace {

using nlohmann::json;

/// Address is Base itself or one of its instances (`user.devs["a"]`).
bool isInstanceOf(const std::string &Address, const std::string &Base) {
  return Address.size() > Base.size() &&
         Address.compare(0, Base.size(), Base) == 0 &&
         Address[Base.size()] == '[';
}

/// The block label of an address: `module.a.user.devs["k"]` → `devs`.
std::string labelOf(const std::string &Address) {
  std::string Base = Address.substr(0, Address.find('['));
  size_t Dot = Base.rfind('.');
  return Dot == std::string::npos ? Base : Base.substr(Dot + 1);
}

/// References are stored as the address they name: rename them with the
/// object, or every resource referring to it would look changed.
void renameRefs(json &V, const std::map<std::string, std::string> &To) {
  if (V.is_string()) {
    auto It = To.find(V.get_ref<const std::string &>());
    if (It != To.end())
      V = It->second;
  } else if (V.is_structured()) {
    for (json &E : V)
      renameRefs(E, To);
  }
}

const std::string *cloudName(const json &Attrs) {
  if (!Attrs.is_object())
    return nullptr;
  auto It = Attrs.find("name");
  return It != Attrs.end() && It->is_string()
             ? &It->get_ref<const std::string &>()
             : nullptr;
}

} // namespace

std::vector<MovedResource> resolveMoves(const std::vector<ir::Move> &Moves,
                                        const state::State &S,
                                        std::vector<std::string> &Notes) {
  std::vector<MovedResource> Out;
  for (const ir::Move &M : Moves)
    for (const state::ResourceState &R : S.Resources) {
      std::string To;
      if (R.Address == M.From)
        To = M.To;
      else if (isInstanceOf(R.Address, M.From) &&
               M.To.find('[') == std::string::npos)
        To = M.To + R.Address.substr(M.From.size()); // the key moves along
      else
        continue;
      if (S.find(To)) {
        Notes.push_back("not moving " + R.Address + " to " + To +
                        ": an object is already stored at " + To);
        continue;
      }
      Out.push_back({R.Address, To});
    }
  std::sort(Out.begin(), Out.end(),
            [](const MovedResource &A, const MovedResource &B) {
              return A.From < B.From;
            });
  return Out;
}

void applyMoves(state::State &S, const std::vector<MovedResource> &Moves) {
  if (Moves.empty())
    return;
  std::map<std::string, std::string> To;
  for (const MovedResource &M : Moves)
    To[M.From] = M.To;
  for (state::ResourceState &R : S.Resources) {
    auto It = To.find(R.Address);
    if (It != To.end()) {
      R.Address = It->second;
      R.Name = labelOf(R.Address);
    }
    for (std::string &D : R.Dependencies)
      if (auto DIt = To.find(D); DIt != To.end())
        D = DIt->second;
    renameRefs(R.Attributes, To);
  }
  for (state::PendingCreate &PC : S.Pending)
    if (auto It = To.find(PC.Address); It != To.end())
      PC.Address = It->second;
  std::sort(S.Pending.begin(), S.Pending.end(),
            [](const state::PendingCreate &A, const state::PendingCreate &B) {
              return A.Address < B.Address;
            });
  S.normalize();
}

void checkIdentityConflicts(Plan &P) {
  // Deletes by (kind, cloud name); a plan has few of them.
  std::map<std::pair<std::string, std::string>, const ResourceChange *> Deleted;
  for (const ResourceChange &C : P.Changes)
    if (C.Act == Action::Delete)
      if (const std::string *N = cloudName(C.Before))
        Deleted.emplace(std::make_pair(C.Kind, *N), &C);
  if (Deleted.empty())
    return;
  for (const ResourceChange &C : P.Changes) {
    if (C.Act != Action::Create)
      continue;
    const std::string *N = cloudName(C.After);
    if (!N)
      continue;
    auto It = Deleted.find({C.Kind, *N});
    if (It == Deleted.end())
      continue;
    P.Errors.push_back(
        makePlanError(diag::err_plan_identity_conflict,
                      {C.Address, C.Kind, *N, It->second->Address}, C.Address));
  }
}

} // namespace rtc::plan
