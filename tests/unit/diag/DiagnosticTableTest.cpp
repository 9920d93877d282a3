//===- DiagnosticTableTest.cpp - the DiagnosticKinds.def table is sound ---===//
#include "fmt/args.h"
#include "fmt/format.h"
#include "rtc/Diag/Diagnostic.h"
#include "llvm/Support/Regex.h"
#include <gtest/gtest.h>
#include <set>

using namespace rtc;

namespace {

struct Entry {
  const char *Name;
  diag::ID Id;
};
const Entry Entries[] = {
#define DIAG(ID, CODE, SEV, MSG, HINT) {#ID, diag::ID},
#include "rtc/Diag/DiagnosticKinds.def"
#undef DIAG
};

// Errors and warnings without a hint. Adding one here is a conscious choice:
// the message alone must tell the user what to do, usually because it states
// the requirement or the useful text is an argument ("expected X, found Y").
// Kinds ending in _suggest need no entry: their message ends in a "did you
// mean" (checked below), which is the hint.
const std::set<std::string> HintlessAllowed = {
    // Parsing: the message says what was expected and what was found.
    "err_unexpected_token",
    "err_expected_item",
    "err_unexpected_character",
    "err_expected_token",
    "err_unclosed_delimiter",
    // Names, types and evaluation: the message states what is required.
    "err_block_needs_name",
    "err_module_source",
    "err_type_mismatch",
    "err_not_in_enum",
    "err_bad_operand",
    "err_index_out_of_range",
    "err_division_by_zero",
    "err_function_arity",
    "err_function_argument",
    "err_for_each_type",
    "err_output_needs_value",
    // RAM policies: the message names the allowed values.
    "err_policy_bad_effect",
    "err_policy_bad_value",
};

bool isSuggestKind(llvm::StringRef Name) { return Name.endswith("_suggest"); }

std::string formatWithDummies(llvm::StringRef Format) {
  fmt::dynamic_format_arg_store<fmt::format_context> Store;
  for (int I = 0; I < 10; ++I)
    Store.push_back(std::string("ARG") + std::to_string(I));
  return fmt::vformat(fmt::string_view(Format.data(), Format.size()), Store);
}

TEST(DiagnosticTable, CodesAreUniqueAndWellFormed) {
  llvm::Regex CodeRE("^RTC[0-9]{4}$");
  std::set<std::string> Seen;
  for (const Entry &E : Entries) {
    const diag::Info &I = diag::getInfo(E.Id);
    EXPECT_TRUE(CodeRE.match(I.Code)) << E.Name << " has code " << I.Code.str();
    EXPECT_TRUE(Seen.insert(I.Code.str()).second)
        << E.Name << " reuses code " << I.Code.str();
  }
  EXPECT_EQ(Seen.size(), static_cast<size_t>(diag::NUM_DIAGNOSTICS));
}

TEST(DiagnosticTable, EveryMessageAndHintFormatsWithDummyArguments) {
  for (const Entry &E : Entries) {
    const diag::Info &I = diag::getInfo(E.Id);
    EXPECT_NO_THROW(formatWithDummies(I.Format)) << E.Name << " message";
    EXPECT_NO_THROW(formatWithDummies(I.HintFormat)) << E.Name << " hint";
    EXPECT_FALSE(I.Format.empty()) << E.Name << " has an empty message";
  }
}

TEST(DiagnosticTable, EveryErrorAndWarningHasAHintOrIsListedHintless) {
  for (const Entry &E : Entries) {
    const diag::Info &I = diag::getInfo(E.Id);
    if (I.DefaultSeverity != Severity::Error &&
        I.DefaultSeverity != Severity::Warning)
      continue;
    if (isSuggestKind(E.Name))
      continue;
    bool Listed = HintlessAllowed.count(E.Name) != 0;
    if (I.HintFormat.empty())
      EXPECT_TRUE(Listed) << E.Name
                          << " has no hint; add one or list it in "
                             "HintlessAllowed";
    else
      EXPECT_FALSE(Listed) << E.Name
                           << " has a hint now; remove it from HintlessAllowed";
  }
}

TEST(DiagnosticTable, SuggestKindsSayDidYouMean) {
  for (const Entry &E : Entries) {
    if (!isSuggestKind(E.Name))
      continue;
    EXPECT_TRUE(diag::getInfo(E.Id).Format.contains("did you mean"))
        << E.Name << " ends in _suggest but offers no \"did you mean\"";
  }
}

TEST(DiagnosticTable, HintlessListNamesOnlyExistingDiagnostics) {
  for (const std::string &Name : HintlessAllowed) {
    bool Found = false;
    for (const Entry &E : Entries)
      Found |= Name == E.Name;
    EXPECT_TRUE(Found) << Name << " is not in DiagnosticKinds.def";
  }
}

TEST(DiagnosticTable, NamePrefixMatchesSeverity) {
  for (const Entry &E : Entries) {
    llvm::StringRef Name(E.Name);
    Severity Sev = diag::getInfo(E.Id).DefaultSeverity;
    if (Name.startswith("err_"))
      EXPECT_EQ(Sev, Severity::Error) << E.Name;
    else if (Name.startswith("warn_"))
      EXPECT_EQ(Sev, Severity::Warning) << E.Name;
    else if (Name.startswith("note_"))
      EXPECT_EQ(Sev, Severity::Note) << E.Name;
    else if (Name.startswith("remark_"))
      EXPECT_EQ(Sev, Severity::Remark) << E.Name;
    else
      ADD_FAILURE() << E.Name << " has no err_/warn_/note_/remark_ prefix";
  }
}

TEST(DiagnosticTable, DoubledBracesAreLiteralBraces) {
  EXPECT_EQ(
      diag::formatMessage(diag::getInfo(diag::err_expected_close_brace).Format,
                          {"cluster", "3:1"}),
      "expected `}` to close block `cluster` opened at 3:1");
}

TEST(DiagnosticTable, MissingArgumentsBecomePlaceholdersInsteadOfThrowing) {
  EXPECT_EQ(diag::formatMessage("expected {0}, found {1}", {"`}`"}),
            "expected `}`, found <?>");
  // A malformed format string (never in the table) is shown as is.
  EXPECT_EQ(diag::formatMessage("bad {", {}), "bad {");
}

} // namespace
