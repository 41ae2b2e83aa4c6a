// zice — assessing answers against a ruleset.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "zice/ruleset.hpp"

namespace zice {

struct AssessOptions {
  std::string lang;         ///< report language; empty = ruleset default
  bool strict = false;      ///< any answer problem makes the assessment fail
  bool trace = false;       ///< include the derived-value trace in the result
  std::string date;         ///< assessment date (YYYY-MM-DD); empty = today (UTC)
  /// Adds the improvement plan and, for incomplete answers, the partial-answer
  /// analysis (docs/result-schema.md). They run "what-if" assessments and can
  /// cost tens of milliseconds; batch scoring may turn them off.
  bool analyse = true;
};

/// One problem with the submitted answers.
struct AnswerProblem {
  std::string question;     ///< question id ("" for problems with the whole document)
  std::string code;         ///< unknown_question, wrong_type, out_of_range, unknown_option,
                            ///< missing_required, constraint_failed, invalid_date, too_long,
                            ///< selection_count, exclusive_option, not_applicable, invalid_json
  std::string message;      ///< human-readable, in the report language
  bool fatal = true;        ///< false for notes such as an ignored not-applicable answer
};

struct Assessment {
  /// The result document (docs/result-schema.md); null when `ok` is false.
  boost::json::value result;
  std::vector<AnswerProblem> problems;
  /// False only in strict mode with fatal problems, or for unusable input.
  bool ok = false;
};

/// The headline figures of an assessment, for tables of many assessments
/// (zice batch's CSV) and callers that want only the outcome.
struct AssessmentSummary {
  std::string grade;                           ///< id of the grade reached; empty for none
  boost::json::value total, percent;           ///< as result.score.total/percent; null without scoring
  std::vector<boost::json::value> dimensions;  ///< each dimension's score (null when not applicable), in ruleset order
  std::vector<std::string> failed_gates;       ///< mandatory gates that failed, in ruleset order
  std::array<int, 5> findings{};               ///< failed checks per severity: critical, high, medium, low, info
  bool complete = false;                       ///< as result.complete
  std::size_t problems = 0;                    ///< answer problems (fatal or not), as result.problems
};

/// How assess_to_json writes the result document.
enum class ResultText {
  pretty,   ///< as to_json_text(result) (2-space indent)
  compact,  ///< as to_json_text(result, false): one line
  none,     ///< no document, only the summary
};

/// An assessment written as JSON text.
struct AssessmentText {
  /// The result document; byte for byte to_json_text(assess(...).result, pretty).
  /// Empty when `ok` is false or with ResultText::none.
  std::string json;
  AssessmentSummary summary;  ///< filled when `ok`
  std::vector<AnswerProblem> problems;
  bool ok = false;            ///< as Assessment::ok
};

/// Validates answers (a JSON object keyed by question id) without scoring.
std::vector<AnswerProblem> validate(const Ruleset&, const boost::json::value& answers,
                                    const AssessOptions& = {});

/// Scores answers. Thread-safe: any number of threads may assess against one
/// Ruleset at once. Never throws for bad answers.
Assessment assess(const Ruleset&, const boost::json::value& answers, const AssessOptions& = {});

/// Scores answers like assess() and writes the result document straight to
/// text, without building it as a boost::json tree first: the fast path for
/// callers that pass the result on (web backends, the C API, zice batch).
AssessmentText assess_to_json(const Ruleset&, const boost::json::value& answers, const AssessOptions& = {},
                              ResultText = ResultText::pretty);

/// The summary as a JSON object (docs/result-schema.md, "Summary"):
/// {"schema": "zice-summary/1", "ruleset": {"id", "version"}, "grade",
/// ["grade_tone",] "total", "percent", "dimensions": {id: score}, "failed_gates",
/// "findings": {severity: count}, "complete", "problems"}.
std::string summary_to_json(const Ruleset&, const AssessmentSummary&, bool pretty = true);

/// Deterministic, pretty-printed JSON (2-space indent, keys in insertion order,
/// decimals without exponents).
std::string to_json_text(const boost::json::value&, bool pretty = true);

}  // namespace zice
