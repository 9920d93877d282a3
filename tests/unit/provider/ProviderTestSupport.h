// Test fixture: an in-process emulator (fast clock), the Alibaba Cloud
// providers pointed at it, and a tiny in-memory state that plays the
// executor's part (stores CloudId and desired attributes overlaid with what
// the provider observed, and answers reference lookups).
#ifndef RTC_TESTS_UNIT_PROVIDER_PROVIDERTESTSUPPORT_H
#define RTC_TESTS_UNIT_PROVIDER_PROVIDERTESTSUPPORT_H

#include "../emulator/EmulatorTestSupport.h"

#include "rtc/Cloud/ClientConfig.h"
#include "rtc/Cloud/CloudError.h"
#include "rtc/Provider/Provider.h"

#include <map>
#include <set>

namespace rtc::provider::test {

using json = nlohmann::json;

/// The code of a failed call ("" for a non-cloud error).
inline std::string codeOf(llvm::Error E) {
  std::string Code;
  llvm::handleAllErrors(
      std::move(E), [&](const cloud::CloudError &C) { Code = C.Code; },
      [&](const llvm::ErrorInfoBase &B) { Code = "other: " + B.message(); });
  return Code;
}

template <typename T> T must(llvm::Expected<T> V) {
  if (!V) {
    ADD_FAILURE() << llvm::toString(V.takeError());
    return T();
  }
  return std::move(*V);
}

inline void mustOk(llvm::Error E) {
  if (E)
    ADD_FAILURE() << llvm::toString(std::move(E));
}

/// Desired with \p Observed's top-level keys laid over it: what the
/// executor stores.
inline json overlay(json Desired, const json &Observed) {
  for (auto It = Observed.begin(); It != Observed.end(); ++It)
    Desired[It.key()] = It.value();
  return Desired;
}

/// \p A without the computed keys.
inline json withoutKeys(json A, const std::set<std::string> &Keys) {
  for (const std::string &K : Keys)
    A.erase(K);
  return A;
}

class ProviderTest : public emulator::test::EmulatorTest {
protected:
  cloud::ClientConfig Cfg;
  WaitOptions Wait;
  std::unique_ptr<Providers> P;
  std::map<std::string, state::ResourceState> State;
  std::vector<std::string> ProgressLog;

  void SetUp() override {
    Opts.TimeScale = 0.0005; // cluster creation: 0.9 s
    EmulatorTest::SetUp();
    seedWorld();
    Wait.PollInterval = std::chrono::milliseconds(20);
    Wait.Timeout = std::chrono::seconds(30);
    connect();
  }

  /// Points the config and the providers at the running emulator.
  void connect() {
    Cfg.Creds = {Main.Id, Main.Secret, ""};
    auto Ep = cloud::Endpoint::parse(E->baseUrl());
    ASSERT_TRUE(static_cast<bool>(Ep));
    Cfg.EndpointOverride = *Ep;
    P = makeAlicloudProviders(Cfg, Opts.Region, Wait);
  }

  /// A fresh, empty emulator world in \p Region with only the account.
  void restartIn(const std::string &Region) {
    stopEmulator();
    Opts.Region = Region;
    startEmulator();
    seedAccount();
    State.clear();
    connect();
  }

  RefLookup refs() {
    return [this](const std::string &Addr) -> const state::ResourceState * {
      auto It = State.find(Addr);
      return It == State.end() ? nullptr : &It->second;
    };
  }

  ProgressFn progress() {
    return [this](const std::string &S) { ProgressLog.push_back(S); };
  }

  Desired desired(const std::string &Address, json Attrs) {
    Desired D;
    D.Address = Address;
    D.Kind = Address.substr(0, Address.find('.'));
    D.Name = Address.substr(Address.find('.') + 1);
    D.Attributes = std::move(Attrs);
    D.Refs = refs();
    return D;
  }

  ResourceProvider &kind(const std::string &K) {
    ResourceProvider *R = P->forKind(K);
    EXPECT_NE(R, nullptr) << K;
    return *R;
  }

  /// What the executor stores after create/update.
  state::ResourceState store(const Desired &D, const Observed &O) {
    state::ResourceState S;
    S.Address = D.Address;
    S.Kind = D.Kind;
    S.Name = D.Name;
    S.CloudId = O.CloudId;
    S.Attributes = overlay(D.Attributes, O.Attributes);
    State[D.Address] = S;
    return S;
  }

  /// Creates the resource, checks that the observed attributes match the
  /// desired ones (no plan change after apply), stores it.
  state::ResourceState create(const std::string &Address, json Attrs,
                              const std::set<std::string> &Computed = {}) {
    return createWith(Address, std::move(Attrs), Computed, /*MayAdopt=*/false);
  }

  /// Creates again after a crash between the cloud call and the state
  /// write: the state recorded the intent, so the object may be adopted.
  state::ResourceState createAgain(const std::string &Address, json Attrs,
                                   const std::set<std::string> &Computed = {}) {
    return createWith(Address, std::move(Attrs), Computed, /*MayAdopt=*/true);
  }

  state::ResourceState createWith(const std::string &Address, json Attrs,
                                  const std::set<std::string> &Computed,
                                  bool MayAdopt) {
    Desired D = desired(Address, std::move(Attrs));
    D.MayAdopt = MayAdopt;
    auto O = kind(D.Kind).create(D, progress());
    if (!O) {
      ADD_FAILURE() << Address << ": " << llvm::toString(O.takeError());
      return {};
    }
    expectNoChange(D.Attributes, O->Attributes, Computed);
    return store(D, *O);
  }

  state::ResourceState update(const std::string &Address, json Attrs,
                              const std::set<std::string> &Computed = {}) {
    Desired D = desired(Address, std::move(Attrs));
    auto O = kind(D.Kind).update(State.at(Address), D, progress());
    if (!O) {
      ADD_FAILURE() << Address << ": " << llvm::toString(O.takeError());
      return {};
    }
    expectNoChange(D.Attributes, O->Attributes, Computed);
    return store(D, *O);
  }

  /// read() of the stored resource; checks it still matches.
  std::optional<Observed> read(const std::string &Address,
                               const std::set<std::string> &Computed = {}) {
    const state::ResourceState &S = State.at(Address);
    auto O = must(kind(S.Kind).read(S, refs()));
    if (O) {
      EXPECT_EQ(O->CloudId, S.CloudId);
      expectNoChange(S.Attributes, O->Attributes, Computed);
    }
    return O;
  }

  static void expectNoChange(const json &Desired, const json &Observed,
                             const std::set<std::string> &Computed) {
    EXPECT_EQ(withoutKeys(overlay(Desired, Observed), Computed),
              withoutKeys(Desired, Computed))
        << "observed " << Observed.dump();
  }

  int count(const std::string &Kind) {
    auto R = admin("GET", "/_emulator/counts");
    return R.Body.value(Kind, 0);
  }
};

} // namespace rtc::provider::test

#endif
