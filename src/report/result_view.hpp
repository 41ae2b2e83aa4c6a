// Read-only helpers over a result document (docs/result-schema.md) shared by
// the HTML and Markdown reports: tolerant field access, number and value
// formatting, escaping, and the few judgements both formats make (grade tone,
// answers appendix). Internal to src/report/.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "report/labels.hpp"

namespace zice::report_view {

namespace json = boost::json;
using report_labels::Labels;

// ---- tolerant access: absent keys and wrong kinds read as null / empty -----

/// `v[key]`, or a null value when `v` is not an object or has no such key.
const json::value& at(const json::value& v, std::string_view key);
/// The string, or "" for anything that is not a string.
std::string str(const json::value& v);
/// The array, or an empty one.
const json::array& arr(const json::value& v);
/// True only for the boolean `true`.
bool is_true(const json::value& v);
/// True only for the boolean `false`.
bool is_false(const json::value& v);
/// title, else label, else id.
std::string name_of(const json::value& item);
/// The element of `items` whose "id" is `id`, or null.
const json::value& find_by_id(const json::array& items, std::string_view id);

// ---- formatting --------------------------------------------------------------

/// Integers without a fraction, other numbers with at most 6 fraction digits
/// (trailing zeros dropped, never an exponent); null and non-numbers → "—".
std::string format_number(const json::value& v);
/// "75%", "66.7%" (rounded to one decimal) or "—".
std::string format_percent(const json::value& v);
/// Any JSON value as short plain text: strings unquoted, booleans as yes/no,
/// arrays joined by the list separator, null as "—", objects as compact JSON.
std::string format_value(const json::value& v, const Labels& L);
/// A number in [0, 100] for drawing (null/non-numbers → 0, clamped).
double clamp_percent(const json::value& v);

// ---- escaping ------------------------------------------------------------------

/// Escapes & < > " ' for use in HTML text and attribute values.
std::string html_escape(std::string_view text);
/// Escapes Markdown inline syntax (\ ` * _ [ ] < > | ~ & and block markers at
/// the start) so ruleset or user text renders literally; newlines become <br>.
std::string md_escape(std::string_view text);
/// Contents of a `code span`: backticks are replaced, `|` escaped for tables.
std::string md_code(std::string_view text);

// ---- judgements ------------------------------------------------------------------

/// Severity ids in report order.
const std::vector<std::string_view>& severities();
const char* severity_label(const Labels& L, std::string_view severity);
/// "已确认" etc. for C, C1, H, M, U; "" for anything else.
const char* confidence_label(const Labels& L, std::string_view level);

/// How the reached grade reads: used for the badge colour.
enum class Tone { good, fair, poor, neutral, none };
/// True when the grade statuses show a staged (maturity ladder) ruleset.
bool is_staged(const json::value& result);
/// The reached grade's position on the ladder, best = good. First-match
/// rulesets list grades best first, staged ones lowest first; risk ladders
/// (every grade id ends in "_risk") are listed worst first. A ruleset with
/// neither scoring, gates nor checks is a classification (e.g. enterprise
/// size) and reads neutral. `none` when no grade was reached.
Tone grade_tone(const json::value& result);

/// Top-level dimensions (parent null), in document order.
std::vector<const json::value*> top_dimensions(const json::value& result);
/// Nesting depth of a dimension (0 for top level).
int dimension_depth(const json::value& result, const json::value& dim);

/// One line of a legal or standard basis: 《law》article（version）or
/// "standard clause (version)". Confidence and note are separate.
std::string basis_text(const json::value& basis, const Labels& L);
/// "可信度 C（已确认）" or "" when the basis has no confidence.
std::string confidence_text(const json::value& basis, const Labels& L);

struct AnswerRow {
  std::string id;
  const json::value* value;
};
enum class AnswerSource { given, trace, inputs, none };
/// Rows of the answers appendix: from `answers` (an object keyed by question
/// id) when given, else the question values in result.trace (keys without a
/// '.' that are not derived values), else the named inputs of the indicators.
std::vector<AnswerRow> answer_rows(const json::value& result, const json::value* answers,
                                   AnswerSource& source);

/// First `n` characters of the ruleset's SHA-256.
std::string short_sha(const json::value& result, std::size_t n = 12);

}  // namespace zice::report_view
