//===- SizingTest.cpp - exclusive-cluster sizing (docs/service.md#cluster-sizing) -----------===//
#include "rtc/Sizing/LoadCheck.h"
#include "rtc/Sizing/Recommend.h"
#include "gtest/gtest.h"

using namespace rtc::sizing;

namespace {

/// The tables of docs/service.md#cluster-sizing, as sema would fill them from stdlib.
MachineTables seedTables() {
  MachineTables T;
  T.Slaves = {{"4c16g", 4, 16, 3},      {"8c32g", 8, 32, 6},
              {"16c64g", 16, 64, 13},   {"24c96g", 24, 96, 21},
              {"32c128g", 32, 128, 28}, {"56c224g", 56, 224, 52},
              {"64c256g", 64, 256, 60}};
  T.Masters = {{"4c16g", 4, 16, 80},
               {"8c32g", 8, 32, 160},
               {"16c64g", 16, 64, 800},
               {"24c96g", 24, 96, std::nullopt}};
  T.MinSlaves = 2;
  T.FailoverMasters = 3;
  T.CoresPerCu = 1;
  T.MemoryGbPerCu = 4;
  T.SimpleRecordsPerCu = 10000;
  T.ComplexRecordsPerCuMin = 1000;
  T.ComplexRecordsPerCuMax = 5000;
  return T;
}

Recommendation mustRecommend(SizingRequest Req,
                             const MachineTables &T = seedTables()) {
  llvm::Expected<Recommendation> R = recommend(Req, T);
  if (!R) {
    ADD_FAILURE() << llvm::toString(R.takeError());
    return {};
  }
  return *R;
}

bool explains(const Recommendation &R, const std::string &Needle) {
  for (const std::string &L : R.explain())
    if (L.find(Needle) != std::string::npos)
      return true;
  return false;
}

TEST(Recommend, NoLoadGivesTheSmallestClusterOfTwoSlaves) {
  Recommendation R = mustRecommend({0, Workload::Simple, 30});
  EXPECT_EQ(R.NeededCu, 0u);
  EXPECT_EQ(R.SlaveModel, "4c16g");
  EXPECT_EQ(R.SlaveCount, 2u);
  EXPECT_EQ(R.ClusterCu, 6u); // docs/service.md#cluster-sizing: smallest cluster = 6 CU
  EXPECT_EQ(R.MasterModel, "4c16g");
  EXPECT_EQ(R.MasterCount, 3u);
}

TEST(Recommend, ComplexWorkUsesTheConservativeThroughputAndSaysSo) {
  Recommendation R = mustRecommend({50000, Workload::Complex, 30});
  EXPECT_EQ(R.ThroughputPerCu, 1000u);
  EXPECT_TRUE(explains(R, "using the conservative 1,000"));
  EXPECT_TRUE(explains(R, "1,000 to 5,000 records/s per CU"));
}

TEST(Recommend, NeededCuIsExactWithoutFloatingPointDrift) {
  // 50,000 / 1,000 * 1.3 is 65; doubles give 65.00000000000001 -> 66.
  Recommendation R = mustRecommend({50000, Workload::Complex, 30});
  EXPECT_EQ(R.NeededCu, 65u);
  EXPECT_TRUE(explains(
      R,
      "needed CU = ceil(50,000 / 1,000 x (1 + 30% headroom)) = ceil(65) = 65"));
  EXPECT_EQ(R.SlaveModel, "16c64g"); // 5 x 13 = 65, no waste
  EXPECT_EQ(R.SlaveCount, 5u);
  EXPECT_EQ(R.ClusterCu, 65u);
  EXPECT_EQ(R.MasterModel, "4c16g"); // 65 <= 80
}

TEST(Recommend, RoundsNeededCuUp) {
  Recommendation R = mustRecommend({10001, Workload::Simple, 0});
  EXPECT_EQ(R.NeededCu, 2u);
  Recommendation S = mustRecommend({35000, Workload::Simple, 30}); // 4.55
  EXPECT_EQ(S.NeededCu, 5u);
  EXPECT_TRUE(explains(S, "ceil(4.55) = 5"));
}

TEST(Recommend, TiesInTotalCuGoToFewerMachines) {
  // 12 CU: 4 x 4c16g = 12 and 2 x 8c32g = 12.
  Recommendation R = mustRecommend({120000, Workload::Simple, 0});
  EXPECT_EQ(R.NeededCu, 12u);
  EXPECT_EQ(R.SlaveModel, "8c32g");
  EXPECT_EQ(R.SlaveCount, 2u);
}

TEST(Recommend, MasterIsTheSmallestWhoseCapCoversTheCluster) {
  EXPECT_EQ(mustRecommend({78000, Workload::Complex, 0}).MasterModel,
            "4c16g"); // 26 x 3 = 78 <= 80
  EXPECT_EQ(mustRecommend({81000, Workload::Complex, 0}).MasterModel,
            "8c32g"); // 27 x 3 = 81 > 80
  EXPECT_EQ(mustRecommend({500000, Workload::Complex, 0}).MasterModel,
            "16c64g"); // 500+
  Recommendation Big = mustRecommend({1000000, Workload::Complex, 0});
  EXPECT_GT(Big.ClusterCu, 800u);
  EXPECT_EQ(Big.MasterModel, "24c96g"); // "over 800": no cap
  EXPECT_FALSE(Big.MasterCap.has_value());
  EXPECT_TRUE(explains(Big, "(no cap)"));
}

TEST(Recommend, EveryRecommendationIsTheLeastWastefulValidChoice) {
  MachineTables T = seedTables();
  for (uint64_t Records = 0; Records <= 3000000; Records += 7919) {
    for (Workload W : {Workload::Simple, Workload::Complex}) {
      Recommendation R = mustRecommend({Records, W, 30}, T);
      ASSERT_GE(R.ClusterCu, R.NeededCu);
      ASSERT_GE(R.SlaveCount, T.MinSlaves);
      ASSERT_EQ(R.ClusterCu,
                R.SlaveCount * T.findSlave(R.SlaveModel)->UsableCu);
      // Brute force: no model and count does better.
      for (const SlaveModel &S : T.Slaves) {
        for (uint64_t N = T.MinSlaves; N * S.UsableCu <= R.ClusterCu; ++N) {
          if (N * S.UsableCu < R.NeededCu)
            continue;
          ASSERT_FALSE(N * S.UsableCu < R.ClusterCu)
              << Records << ": " << N << " x " << S.Name << " wastes less";
          ASSERT_FALSE(N * S.UsableCu == R.ClusterCu && N < R.SlaveCount)
              << Records << ": " << N << " x " << S.Name
              << " uses fewer machines";
        }
      }
      const MasterModel *M = T.findMaster(R.MasterModel);
      ASSERT_TRUE(!M->MaxClusterCu || *M->MaxClusterCu >= R.ClusterCu);
      for (const MasterModel &Other : T.Masters) {
        bool Smaller =
            Other.MaxClusterCu &&
            (!M->MaxClusterCu || *Other.MaxClusterCu < *M->MaxClusterCu);
        if (Smaller) {
          ASSERT_LT(*Other.MaxClusterCu, R.ClusterCu)
              << "a smaller master fits";
        }
      }
    }
  }
}

TEST(Recommend, ExplanationCoversEveryStep) {
  Recommendation R = mustRecommend({200000, Workload::Simple, 30});
  EXPECT_TRUE(explains(R, "1 CU = 1 core + 4 GB"));
  EXPECT_TRUE(explains(R, "10,000 records/s per CU"));
  EXPECT_TRUE(explains(R, "slaves: "));
  EXPECT_TRUE(explains(R, "scaling step"));
  EXPECT_TRUE(explains(R, "master: "));
  EXPECT_TRUE(explains(R, "cannot be changed"));
}

TEST(Recommend, RejectsIncompleteTables) {
  MachineTables T = seedTables();
  T.Slaves.clear();
  llvm::Expected<Recommendation> R = recommend({1000, Workload::Simple, 30}, T);
  ASSERT_FALSE(R);
  EXPECT_NE(llvm::toString(R.takeError()).find("no slave models"),
            std::string::npos);
  T = seedTables();
  T.ComplexRecordsPerCuMin = 0;
  llvm::Expected<Recommendation> R2 =
      recommend({1000, Workload::Simple, 30}, T);
  EXPECT_FALSE(R2);
  llvm::consumeError(R2.takeError());
}

TEST(Recommend, RejectsAbsurdLoadsInsteadOfOverflowing) {
  llvm::Expected<Recommendation> R =
      recommend({MaxRecordsPerSecond + 1, Workload::Complex, 30}, seedTables());
  EXPECT_FALSE(R);
  llvm::consumeError(R.takeError());
  EXPECT_TRUE(static_cast<bool>(
      recommend({MaxRecordsPerSecond, Workload::Complex, 1000}, seedTables())));
}

TEST(Recommend, FailsWhenNoMasterCanManageTheCluster) {
  MachineTables T = seedTables();
  T.Masters = {{"4c16g", 4, 16, 80}};
  llvm::Expected<Recommendation> R =
      recommend({1000000, Workload::Simple, 0}, T);
  ASSERT_FALSE(R);
  EXPECT_NE(llvm::toString(R.takeError()).find("no master model"),
            std::string::npos);
}

TEST(LoadCheck, SimpleWorkIsEnoughOrNot) {
  MachineTables T = seedTables();
  EXPECT_EQ(checkUndersized(6, {50000, Workload::Simple}, T).Verdict,
            LoadVerdict::Sufficient);
  EXPECT_EQ(checkUndersized(6, {60000, Workload::Simple}, T).Verdict,
            LoadVerdict::Sufficient);
  LoadCheck C = checkUndersized(6, {60001, Workload::Simple}, T);
  EXPECT_EQ(C.Verdict, LoadVerdict::Undersized);
  EXPECT_EQ(C.NeededCuConservative, 7u);
  EXPECT_EQ(C.HaveCu, 6u);
}

TEST(LoadCheck, ComplexWorkBetweenTheEndsOfTheRangeIsMaybe) {
  MachineTables T = seedTables();
  // 24 CU (4 x 8c32g): 1,000-5,000 records/s per CU -> 24,000-120,000.
  EXPECT_EQ(checkUndersized(24, {24000, Workload::Complex}, T).Verdict,
            LoadVerdict::Sufficient);
  LoadCheck Maybe = checkUndersized(24, {50000, Workload::Complex}, T);
  EXPECT_EQ(Maybe.Verdict, LoadVerdict::MaybeUndersized);
  EXPECT_EQ(Maybe.NeededCuConservative, 50u);
  EXPECT_EQ(Maybe.NeededCuOptimistic, 10u);
  EXPECT_TRUE(Maybe.undersized());
  EXPECT_EQ(checkUndersized(24, {120000, Workload::Complex}, T).Verdict,
            LoadVerdict::MaybeUndersized);
  EXPECT_EQ(checkUndersized(24, {120001, Workload::Complex}, T).Verdict,
            LoadVerdict::Undersized);
}

TEST(MachineTablesLookup, ClusterUsableCuMultipliesTheModelsCu) {
  MachineTables T = seedTables();
  EXPECT_EQ(T.clusterUsableCu("8c32g", 4), 24u); // the language example
  EXPECT_EQ(T.clusterUsableCu("64c256g", 2), 120u);
  EXPECT_FALSE(T.clusterUsableCu("9c99g", 2).has_value());
  EXPECT_TRUE(T.validate().empty());
}

TEST(Workloads, ParseTheStdlibSpellings) {
  EXPECT_EQ(parseWorkload("simple"), Workload::Simple);
  EXPECT_EQ(parseWorkload("complex"), Workload::Complex);
  EXPECT_FALSE(parseWorkload("Complex").has_value());
  EXPECT_EQ(toString(Workload::Complex), "complex");
}

} // namespace
