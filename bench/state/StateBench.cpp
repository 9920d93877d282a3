//===- StateBench.cpp - load+save of a 10,000-resource state --------------===//
//
// Terraform users complain about slow plans on large states; this measures
// the state part of that: parse, serialise, and a full refresh + change +
// persist cycle on the local backend and (when RTC_PG_CONN is set) on
// PostgreSQL.
//
//===----------------------------------------------------------------------===//
#include "rtc/State/Backend.h"
#include "rtc/State/LocalBackend.h"
#include "rtc/State/StateJson.h"

#include <benchmark/benchmark.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <string>

using namespace rtc::state;

static State bigState(int N) {
  State S;
  S.Lineage = newLineage();
  S.Serial = 1;
  for (int I = 0; I < N; ++I) {
    ResourceState R;
    R.Kind = I % 3 == 0 ? "job" : I % 3 == 1 ? "project" : "user";
    R.Name = "r" + std::to_string(I);
    R.Address = R.Kind + "." + R.Name;
    R.CloudId = "id-" + std::to_string(I * 7919);
    R.Attributes = {{"zone", "cn-hangzhou-h"},
                    {"cu", I % 64},
                    {"engine", "blink-3.3.0"},
                    {"tags", {{"team", "stream"}, {"env", "prod"}}},
                    {"sql", "INSERT INTO sink SELECT * FROM source_" +
                                std::to_string(I)},
                    {"enabled", true}};
    if (I > 0)
      R.Dependencies = {"job.r0"};
    if (R.Kind == "user") {
      R.Sensitive = {"password"};
      R.Attributes["password"] = {{"sensitive", true},
                                  {"hash", "sha256:00112233:abcdef"}};
    }
    S.Resources.push_back(std::move(R));
  }
  S.normalize();
  return S;
}

static void BM_Serialize(benchmark::State &St) {
  State S = bigState(static_cast<int>(St.range(0)));
  size_t Bytes = 0;
  for (auto _ : St) {
    std::string T = serializeState(S);
    Bytes = T.size();
    benchmark::DoNotOptimize(T);
  }
  St.counters["bytes"] = static_cast<double>(Bytes);
}
BENCHMARK(BM_Serialize)->Arg(10000)->Unit(benchmark::kMillisecond);

static void BM_Parse(benchmark::State &St) {
  std::string T = serializeState(bigState(static_cast<int>(St.range(0))));
  for (auto _ : St) {
    auto S = parseState(T, "bench");
    if (!S) {
      St.SkipWithError(llvm::toString(S.takeError()).c_str());
      return;
    }
    benchmark::DoNotOptimize(*S);
  }
}
BENCHMARK(BM_Parse)->Arg(10000)->Unit(benchmark::kMillisecond);

/// One cycle: refresh (load) the stored state, change one resource, and
/// persist (save, fsync, backup) it. The caller's copy of the state it
/// edits is not timed: that is the caller's business, not storage's.
static void loadChangeSave(benchmark::State &St, StateManager &M) {
  int I = 0;
  for (auto _ : St) {
    if (llvm::Error E = M.refreshState()) {
      St.SkipWithError(llvm::toString(std::move(E)).c_str());
      return;
    }
    St.PauseTiming();
    State S = *M.state();
    S.Resources[0].Attributes["cu"] = ++I;
    St.ResumeTiming();
    M.writeState(std::move(S));
    if (llvm::Error E = M.persistState()) {
      St.SkipWithError(llvm::toString(std::move(E)).c_str());
      return;
    }
  }
}

static void BM_LocalLoadSave(benchmark::State &St) {
  char Tmpl[] = "/tmp/rtcc-state-bench-XXXXXX";
  std::string Dir = mkdtemp(Tmpl);
  FileStateManager M(Dir + "/state.json");
  M.writeState(bigState(static_cast<int>(St.range(0))));
  if (llvm::Error E = M.persistState()) {
    St.SkipWithError(llvm::toString(std::move(E)).c_str());
    return;
  }
  loadChangeSave(St, M);
  std::system(("rm -rf " + Dir).c_str());
}
BENCHMARK(BM_LocalLoadSave)->Arg(10000)->Unit(benchmark::kMillisecond);

static void BM_PgLoadSave(benchmark::State &St) {
  const char *Conn = std::getenv("RTC_PG_CONN");
  if (!Conn || !*Conn) {
    St.SkipWithError("RTC_PG_CONN not set");
    return;
  }
  BackendConfig C;
  C.Type = BackendConfig::Kind::Pg;
  C.PgConn = Conn;
  C.PgSchema = "rtcc_bench_" + newLineage().substr(0, 8);
  auto B = makeBackend(C);
  auto M = B ? (*B)->stateManager("default")
             : llvm::Expected<std::unique_ptr<StateManager>>(B.takeError());
  if (!M) {
    St.SkipWithError(llvm::toString(M.takeError()).c_str());
    return;
  }
  (*M)->writeState(bigState(static_cast<int>(St.range(0))));
  if (llvm::Error E = (*M)->persistState()) {
    St.SkipWithError(llvm::toString(std::move(E)).c_str());
    return;
  }
  loadChangeSave(St, **M);
  M->reset();
  PGconn *P = PQconnectdb(Conn);
  PQclear(PQexec(P, ("SET client_min_messages = warning; DROP SCHEMA " +
                     C.PgSchema + " CASCADE")
                        .c_str()));
  PQfinish(P);
}
BENCHMARK(BM_PgLoadSave)->Arg(10000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
