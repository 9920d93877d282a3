//===- StateManager.cpp - shared persist rules and lock retry -------------===//
#include "rtc/State/StateManager.h"
#include "rtc/State/Sensitive.h"
#include "rtc/State/StateError.h"
#include "rtc/State/StateJson.h"

#include <algorithm>
#include <thread>

namespace rtc::state {

StoredSnapshot StoredSnapshot::make(const State &S, std::string Text) {
  StoredSnapshot Snap;
  Snap.Serial = S.Serial;
  Snap.Lineage = S.Lineage;
  Snap.Text = std::move(Text);
  for (const ResourceState &R : S.Resources) {
    if (R.Sensitive.empty())
      continue;
    ResourceState Only;
    Only.Address = R.Address;
    Only.Sensitive = R.Sensitive;
    for (const std::string &Name : R.Sensitive)
      if (auto It = R.Attributes.find(Name); It != R.Attributes.end())
        Only.Attributes[Name] = *It;
    Snap.Secrets.Resources.push_back(std::move(Only));
  }
  for (const auto &[Name, O] : S.Outputs)
    if (O.Sensitive)
      Snap.Secrets.Outputs[Name] = O;
  return Snap;
}

llvm::Expected<bool> preparePersist(const StoredSnapshot *Stored, State &In,
                                    PersistOptions Opts, std::string &Text) {
  redactSensitive(In, Stored ? &Stored->Secrets : nullptr);
  if (!Stored) {
    In.Serial = std::max<uint64_t>(In.Serial, 1);
    if (In.Lineage.empty())
      In.Lineage = newLineage();
    Text = serializeState(In);
    return true;
  }
  std::string Lineage = In.Lineage.empty() ? Stored->Lineage : In.Lineage;
  if (!Opts.Force) {
    if (Lineage != Stored->Lineage)
      return makeError(ErrId::err_lineage_mismatch, Lineage, Stored->Lineage);
    if (In.Serial < Stored->Serial)
      return makeError(ErrId::err_stale_serial, In.Serial, Stored->Serial);
  }
  // A state based on the stored one (same serial) gets the next serial; a
  // pushed state that is already newer keeps its own.
  uint64_t NewSerial = std::max(In.Serial, Stored->Serial + 1);
  In.Lineage = Lineage;
  if (Lineage != Stored->Lineage) {
    In.Serial = NewSerial;
    Text = serializeState(In);
    return true;
  }
  // Serialise with the stored serial: equal bytes mean equal content.
  In.Serial = Stored->Serial;
  Text = serializeState(In);
  if (Text == Stored->Text) {
    Text.clear();
    return false;
  }
  In.Serial = NewSerial;
  if (!replaceSerial(Text, NewSerial))
    Text = serializeState(In);
  return true;
}

llvm::Expected<PersistDecision> decidePersist(const std::optional<State> &Stored,
                                              const State &Incoming,
                                              PersistOptions Opts) {
  std::optional<StoredSnapshot> Snap;
  if (Stored)
    Snap = StoredSnapshot::make(*Stored, serializeState(*Stored));
  State In = Incoming;
  std::string Text;
  auto Write = preparePersist(Snap ? &*Snap : nullptr, In, Opts, Text);
  if (!Write)
    return Write.takeError();
  PersistDecision D;
  D.Write = *Write;
  D.NewSerial = In.Serial;
  D.NewLineage = In.Lineage;
  return D;
}

llvm::Expected<std::string> lockWithTimeout(StateLocker &Locker,
                                            const LockInfo &Info,
                                            std::chrono::milliseconds Timeout) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point Deadline = Clock::now() + Timeout;
  std::chrono::milliseconds Delay(100);
  while (true) {
    llvm::Expected<std::string> Id = Locker.lock(Info);
    if (Id)
      return Id;
    llvm::Error E = Id.takeError();
    if (!E.isA<LockError>())
      return std::move(E);
    Clock::time_point Now = Clock::now();
    if (Now >= Deadline)
      return std::move(E);
    llvm::consumeError(std::move(E));
    auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
        Deadline - Now);
    std::this_thread::sleep_for(std::min(Delay, Left));
    Delay = std::min(Delay * 2, std::chrono::milliseconds(2000));
  }
}

} // namespace rtc::state
