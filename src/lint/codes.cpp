// The lint code table: the one place where codes, default severities and
// one-line descriptions live. docs/lint.md documents each code in this order.
#include <algorithm>

#include "zice/lint.hpp"

namespace zice {

const std::vector<LintCode>& lint_codes() {
  static const std::vector<LintCode> kCodes = {
      // Band tables.
      {"band-gap", Severity::warning,
       "Some input values between the bands (or inside the input question's min/max) fall in no band and score 0."},
      {"band-overlap", Severity::warning,
       "A band overlaps an earlier band; the earlier one wins, so part of this band never applies."},
      {"band-unreachable", Severity::warning,
       "Earlier bands cover this band completely, so it never applies."},
      {"band-points-order", Severity::warning,
       "Band points rise and then fall (or fall and then rise) along the thresholds."},
      {"band-out-of-range", Severity::warning,
       "A band threshold lies outside the min/max of the question the bands are over."},
      // Maximums and minimums.
      {"points-above-max", Severity::error,
       "An option or band scores more than the indicator's max, so points can exceed the maximum."},
      {"max-mismatch", Severity::warning,
       "A declared max (indicator, dimension or total-max) differs from the maximum computed from its parts."},
      {"min-unreachable", Severity::error,
       "A dimension's min is above the highest score the dimension can reach."},
      {"min-always-met", Severity::warning,
       "A dimension's min is at or below the lowest score the dimension can have."},
      // Grades and gates.
      {"grade-unreachable", Severity::warning,
       "No combination of scores, gates and inputs that lint tried reaches this grade."},
      {"grade-shadowed", Severity::warning,
       "Whenever this grade's condition holds, an earlier grade already matches (first-match)."},
      {"gate-never-passes", Severity::warning,
       "The gate's test is false (or unknown) for every input lint tried."},
      {"gate-never-fails", Severity::warning,
       "The gate's test is true for every input lint tried."},
      {"constant-condition", Severity::warning,
       "A condition reads no name, so it is always true (redundant) or always false (the item never applies)."},
      // Unused items.
      {"unused-question", Severity::warning,
       "No condition, derived value, indicator, gate, check, grade or message reads the question."},
      {"unused-derived", Severity::warning,
       "No condition, derived value, indicator, gate, check, grade or message reads the derived value."},
      {"option-never-scores", Severity::warning,
       "An option of a scored question is missing from the indicator's option table and silently scores 0."},
      // Texts and legal basis.
      {"missing-translation", Severity::warning,
       "A user-facing text has no version in one of the languages declared in `langs`."},
      {"no-basis", Severity::warning,
       "A check cites no <basis> (law or standard)."},
      {"basis-expired", Severity::warning,
       "A <basis> has an effective-to date in the past."},
      {"ruleset-expired", Severity::warning,
       "The ruleset's own effective period (<effective to>) has ended."},
      // Suppressions.
      {"unused-suppression", Severity::warning,
       "A <suppress> matches no diagnostic (or names no lint code)."},
  };
  return kCodes;
}

const LintCode* find_lint_code(std::string_view code) {
  const auto& t = lint_codes();
  auto it = std::find_if(t.begin(), t.end(), [&](const LintCode& c) { return code == c.code; });
  return it == t.end() ? nullptr : &*it;
}

}  // namespace zice
