//===- FakeProviders.cpp - an in-memory cloud for executor tests ----------===//
#include "FakeProviders.h"
#include "rtc/Cloud/CloudError.h"

#include <thread>

namespace rtc::test {

using nlohmann::json;

void FakeCloud::enter() {
  int Now = ++Running;
  int Max = MaxRunning.load();
  while (Now > Max && !MaxRunning.compare_exchange_weak(Max, Now)) {
  }
  if (Delay.count())
    std::this_thread::sleep_for(Delay);
}

llvm::Expected<provider::Observed>
FakeCloud::create(const provider::Desired &D, const provider::ProgressFn &P) {
  if (OnCreate)
    OnCreate(D);
  enter();
  P("starting");
  std::lock_guard<std::mutex> L(M);
  leave();
  Log.push_back("create " + D.Address);
  if (FailOn.count(D.Address))
    return cloud::makeCloudError(409, "InvalidParameter.Fake",
                                 "the fake cloud refuses " + D.Address,
                                 "req-1");
  std::string Id = cloudIdOf(D.Address);
  // Idempotent like the real providers: adopt what is there.
  json &O = Objects[Id];
  O = D.Attributes;
  O["id"] = Id;
  return provider::Observed{Id, {{"id", Id}}};
}

llvm::Expected<std::optional<provider::Observed>>
FakeCloud::read(const state::ResourceState &S, const provider::RefLookup &) {
  enter();
  std::lock_guard<std::mutex> L(M);
  leave();
  auto It = Objects.find(S.CloudId);
  if (It == Objects.end())
    return std::optional<provider::Observed>();
  return std::optional<provider::Observed>(
      provider::Observed{S.CloudId, It->second});
}

llvm::Expected<provider::Observed>
FakeCloud::update(const state::ResourceState &Prior, const provider::Desired &D,
                  const provider::ProgressFn &) {
  enter();
  std::lock_guard<std::mutex> L(M);
  leave();
  Log.push_back("update " + D.Address);
  if (FailOn.count(D.Address))
    return cloud::makeCloudError(400, "InvalidParameter.Fake", "no", "");
  json &O = Objects[Prior.CloudId];
  O = D.Attributes;
  O["id"] = Prior.CloudId;
  return provider::Observed{Prior.CloudId, O};
}

llvm::Error FakeCloud::remove(const state::ResourceState &S,
                              const provider::ProgressFn &) {
  enter();
  std::lock_guard<std::mutex> L(M);
  leave();
  Log.push_back("delete " + S.Address);
  if (FailOn.count(S.Address))
    return cloud::makeCloudError(409, "DeleteConflict.Fake", "still used", "");
  Objects.erase(S.CloudId);
  return llvm::Error::success();
}

llvm::Expected<provider::Observed>
FakeCloud::importById(const std::string &Id, const provider::Desired *) {
  std::lock_guard<std::mutex> L(M);
  auto It = Objects.find(Id);
  if (It == Objects.end())
    return cloud::makeCloudError(404, "EntityNotExist.Fake", "no " + Id, "");
  return provider::Observed{Id, It->second};
}

llvm::Error FakeCloud::installEngine(const state::ResourceState &C,
                                     llvm::StringRef V,
                                     const provider::ProgressFn &P) {
  P("deploying version");
  std::lock_guard<std::mutex> L(M);
  Log.push_back("install " + C.Address + " " + V.str());
  json &Eng = Objects[C.CloudId]["engines"];
  json &Inst = Eng["installed"];
  if (!Inst.is_array())
    Inst = json::array();
  if (std::find(Inst.begin(), Inst.end(), V.str()) == Inst.end())
    Inst.push_back(V.str());
  return llvm::Error::success();
}

llvm::Error FakeCloud::uninstallEngine(const state::ResourceState &C,
                                       llvm::StringRef V,
                                       const provider::ProgressFn &) {
  std::lock_guard<std::mutex> L(M);
  Log.push_back("uninstall " + C.Address + " " + V.str());
  json &Inst = Objects[C.CloudId]["engines"]["installed"];
  json Out = json::array();
  for (const json &E : Inst)
    if (E != V.str())
      Out.push_back(E);
  Inst = Out;
  return llvm::Error::success();
}

llvm::Error FakeCloud::setCurrentEngine(const state::ResourceState &C,
                                        llvm::StringRef V,
                                        const provider::ProgressFn &) {
  std::lock_guard<std::mutex> L(M);
  Log.push_back("current " + C.Address + " " + V.str());
  Objects[C.CloudId]["engines"]["current"] = V.str();
  return llvm::Error::success();
}

llvm::Expected<provider::EngineVersions>
FakeCloud::readEngines(const state::ResourceState &C) {
  unsigned N = ++EngineReads;
  if (OnReadEngines)
    OnReadEngines(*this, N);
  std::lock_guard<std::mutex> L(M);
  Log.push_back("read engines " + C.Address);
  provider::EngineVersions Out;
  const json &Eng = Objects[C.CloudId]["engines"];
  if (Eng.is_object() && Eng.contains("installed") &&
      Eng["installed"].is_array())
    for (const json &V : Eng["installed"])
      Out.Installed.push_back(V.get<std::string>());
  if (Eng.is_object() && Eng.contains("current") && Eng["current"].is_string())
    Out.Current = Eng["current"].get<std::string>();
  return Out;
}

llvm::Error FakeCloud::switchJobEngine(const state::ResourceState &J,
                                       llvm::StringRef To,
                                       const provider::RefLookup &) {
  std::lock_guard<std::mutex> L(M);
  Log.push_back("switch " + J.Address + " " + To.str());
  Objects[J.CloudId]["engine"] = To.str();
  return llvm::Error::success();
}

} // namespace rtc::test
