// zice — score-range analysis of a ruleset, for standard authors.
//
// What can an enterprise score at all, which grades can it reach, and how long
// is the questionnaire? Computed from the ruleset alone, without answers, by
// the model-level analysis described in docs/lint.md ("How lint analyses
// scores, gates and grades").
#pragma once
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "zice/ruleset.hpp"

namespace zice {

/// {
///   "ruleset":  {id, version, title, extends?: [{id, version}] (an overlay:
///                the rulesets it extends, nearest first)},
///   "total":    {min, max, computed_max, declared_max},
///   "dimensions": [{id, title, parent, weight, min_score, max_score,
///                   computed_max, declared_max, min, min_reachable,
///                   may_be_not_applicable}],
///   "indicators": [{id, title, dimension, method, weight, max, declared_max,
///                   min_points, max_points, points[], continuous,
///                   may_be_not_applicable}],
///   "grades":   {mode, combinations, exhaustive, inputs[], no_grade_possible,
///                items: [{id, title, reachable, shadowed_by[], example}]},
///   "questions": {count, unconditional, combinations, exhaustive, inputs[],
///                 smallest_path: {count, answers}, largest_path: {count, answers}}
/// }
/// Numbers are JSON numbers; "example" is null for an unreachable grade, else
/// {"indicators": {id: points|null}, "inputs": {name: value}} (indicators only
/// when a grade condition reads scores). Titles are in `lang` (default: the
/// ruleset's language).
boost::json::value ruleset_stats(const Ruleset&, std::string_view lang = {});

/// The statistics as an aligned plain-text report (CJK-aware widths).
std::string render_stats_text(const boost::json::value& stats);

}  // namespace zice
