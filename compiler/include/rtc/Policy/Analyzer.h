//===- Analyzer.h - static checks of RAM policies ---------------*- C++ -*-===//
//
// Purely static: the analyzer never asks the Evaluator for a decision. Each
// check is an independent pass over one PolicyDocument; analyze() chains them
// according to the options. Every finding is a struct (Finding.h) carrying a
// kind from DiagnosticPolicyKinds.def, so tests compare data, not text.
//
// Passes:
//  checkActions      `service:Action` syntax (a wrong separator among > / . ;
//                    , or a missing colon gets a "did you mean"), unknown
//                    services (error), unknown actions of known services and
//                    wildcards matching no known action (warnings)
//  checkResources    `*` or a 5-part ARN `acs:svc:region:account:resource`,
//                    known ARN service, ARN service used by some action
//  checkOverbroad    `*` / `*:*` actions; `Resource: "*"` with write actions
//                    of stream or ram
//  checkProjects     `acs:stream:*:*:NAME` naming an undeclared project
//  checkShadowed     an Allow already granted by an earlier Allow; an Allow
//                    entirely denied by a Deny of the same document
//
//===----------------------------------------------------------------------===//
#ifndef RTC_POLICY_ANALYZER_H
#define RTC_POLICY_ANALYZER_H

#include "rtc/Policy/ActionCatalogue.h"
#include "rtc/Policy/Finding.h"
#include "rtc/Policy/PolicyDocument.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rtc {
class DiagnosticsEngine;
} // namespace rtc

namespace rtc::policy {

/// Strict runs every pass; Permissive skips the advisory ones (overbroad,
/// shadowing), e.g. for vendor policies copied verbatim.
enum class AnalysisMode { Strict, Permissive };

struct AnalyzerOptions {
  AnalysisMode Mode = AnalysisMode::Strict;
  /// Project names declared in the configuration (not owned: the rules
  /// analyse every policy against one set); when unset the project check is
  /// skipped (a policy may be analysed on its own).
  const std::set<std::string> *KnownProjects = nullptr;
};

struct AnalysisResult {
  std::vector<Finding> Findings;

  bool passed() const; ///< no errors (warnings allowed)
  std::vector<Finding> errors() const;
  std::vector<Finding> warnings() const;
};

void checkActions(const PolicyDocument &Doc, const ActionCatalogue &Cat,
                  std::vector<Finding> &Out);
void checkResources(const PolicyDocument &Doc, const ActionCatalogue &Cat,
                    std::vector<Finding> &Out);
void checkOverbroad(const PolicyDocument &Doc, const ActionCatalogue &Cat,
                    std::vector<Finding> &Out);
void checkProjects(const PolicyDocument &Doc,
                   const std::set<std::string> &KnownProjects,
                   std::vector<Finding> &Out);
void checkShadowed(const PolicyDocument &Doc, std::vector<Finding> &Out);

AnalysisResult analyze(const PolicyDocument &Doc, const ActionCatalogue &Cat,
                       const AnalyzerOptions &Opts = {});

/// analyze(), then reports the findings through Diags.
AnalysisResult analyze(const PolicyDocument &Doc, const ActionCatalogue &Cat,
                       const AnalyzerOptions &Opts, DiagnosticsEngine &Diags);

} // namespace rtc::policy

#endif
