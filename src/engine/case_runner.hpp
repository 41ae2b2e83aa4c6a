// Worked cases for `zice test` (docs/ruleset-format.md, "Case files"): runs
// each case's answers through zice::assess and compares the result JSON with
// the case's expectations.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "zice/ruleset.hpp"

namespace zice::testing {

struct CaseMismatch {
  std::string path;              ///< expectation key as written in the case file
  boost::json::value expected;
  boost::json::value actual;     ///< null when the path is absent (see note)
  std::string note;              ///< e.g. "path not found in result", "missing: a; unexpected: b"
};

struct CaseOutcome {
  std::string name;
  bool passed = false;
  std::vector<CaseMismatch> mismatches;
  std::string error;             ///< the case could not be assessed (strict failure, bad case)
  boost::json::value result;     ///< the assessment's result document; null when `error` is set
};

struct CaseFileResult {
  std::vector<CaseOutcome> cases;
  int passed = 0;
  int failed = 0;
  std::string error;             ///< malformed case file or wrong ruleset; no case ran
};

/// Resolves a result path in a result JSON; nullopt when absent.
///
/// Syntax: dot-separated keys ("score.total"); "name[id]" selects the element
/// of array `name` whose "id" is `id`; "name[0]" selects by index. When the
/// literal path does not exist, the expression names of docs/ruleset-format.md
/// are accepted as aliases, because case authors think in those terms:
/// "derived.X" (value of derived X), "findings.high" / "findings.total"
/// (counts), "compliance.G" (percent of group G), "points.I", "score.D",
/// "max.D", "percent.D", "min_met.D", "gate.G" (passed), "check.C" (true when
/// pass, false when fail, else null).
std::optional<boost::json::value> resolve_path(const boost::json::value& result, std::string_view path);

/// Exact value comparison: numbers by decimal value across int64, uint64 and
/// double (15 == 15.0, 0.1 == 0.1 but not 0.1000001); objects ignore key order;
/// arrays are ordered.
bool json_equal(const boost::json::value& a, const boost::json::value& b);

/// Compares every expectation with the result. Shorthands: grade, total,
/// percent, failed_gates, fired_gates, findings (exact set of ids),
/// findings_include, findings_exclude; the id sets are order-insensitive.
std::vector<CaseMismatch> compare_expectations(const boost::json::value& result,
                                               const boost::json::object& expect);

/// Runs every case of a parsed case file against `ruleset`. Answers are
/// base_answers overlaid with the case's answers (a case value null removes a
/// key); the assessment date is the case's, else the file's, else 2026-01-01
/// so that results never depend on the day the tests run. Never throws.
CaseFileResult run_case_file(const Ruleset& ruleset, const boost::json::value& case_file);

/// One coverage category of `zice test --coverage`.
struct CoverageCategory {
  std::string name;                     ///< indicators, bands, options, gates, grades, checks
  std::size_t covered = 0, total = 0;
  std::vector<std::string> uncovered;   ///< items never exercised, in ruleset order
  bool counted = true;                  ///< part of Coverage::percent() (indicators are not)
  double percent() const { return total == 0 ? 100.0 : 100.0 * static_cast<double>(covered) / static_cast<double>(total); }
};

/// What the cases of a case file exercised, computed from their results:
/// indicators (applicable and scored, i.e. not missing an input), bands (each
/// band of a bands-indicator matched at least once), options (each scoring
/// option of an options-indicator matched), gates and checks (each seen with
/// status pass and with status fail: two items each), grades (each reached).
struct Coverage {
  std::vector<CoverageCategory> categories;   ///< in the order listed above
  /// Over the counted categories (bands, options, gates, grades, checks).
  std::size_t covered() const;
  std::size_t total() const;
  double percent() const;   ///< 100 when there is nothing to cover
};

/// Coverage of `results` (result documents of `ruleset`; null entries skipped).
Coverage compute_coverage(const Ruleset& ruleset, const std::vector<boost::json::value>& results);
/// Coverage of every assessed case of a case file run.
Coverage compute_coverage(const Ruleset& ruleset, const CaseFileResult& run);

/// XML text escaping (& < > " ' and control characters other than tab/newline).
std::string xml_escape(std::string_view text);

/// A JUnit XML report: one <testsuite name="suite"> with one <testcase> per
/// case (times 0); a failing case has <failure message="N mismatches"> listing
/// each mismatch as "path: expected X, got Y", an unassessable case <error>.
std::string junit_xml(std::string_view suite, const CaseFileResult& run);

}  // namespace zice::testing
