// zice — comparing two versions of a ruleset, for standard authors.
//
// What changed between two rulesets (structurally, by id), and — given a
// corpus of answers — which enterprises would change grade or score.
#pragma once
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "zice/ruleset.hpp"

namespace zice {

/// Structural differences by id:
/// {
///   "old": {id, version, title}, "new": {id, version, title},
///   "summary": {added, removed, changed},
///   "changes": [{kind: added|removed|changed,
///                what: question|option|derived|indicator|band|dimension|gate|check|grade,
///                id, field, old, new}]
/// }
/// `field` is null for added/removed items; `old`/`new` are strings (expression
/// sources, numbers as written) or null. Band changes use id "indicator#n"
/// (1-based band position); option changes use id "question.value" or
/// "indicator.value" (option points).
boost::json::value ruleset_diff(const Ruleset& old, const Ruleset& neu);

/// One answers record of an impact corpus.
struct CorpusRecord {
  std::string id;                 ///< the record's "id"/"_id", else "#<line>"
  boost::json::value answers;     ///< the answers object without the id key
};

/// Assesses every record with both rulesets (no analysis, fixed `date`):
/// {
///   "records", "date",
///   "invalid": {old, new},              // records with fatal answer problems
///   "grade_changed",                    // records whose grade id differs
///   "transitions": [{from, to, count, examples: [{id, old_total, new_total}]}],
///   "score": {count_changed, mean, min, max}   // new total − old total
/// }
/// Grades are ids, or "(none)". Transitions are sorted by count, descending;
/// up to 5 examples each.
boost::json::value diff_impact(const Ruleset& old, const Ruleset& neu,
                               const std::vector<CorpusRecord>& corpus, const std::string& date);

/// The diff (and the impact, when not null) as a plain-text report.
std::string render_diff_text(const boost::json::value& diff, const boost::json::value& impact);

}  // namespace zice
