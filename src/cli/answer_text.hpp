// Answers typed as text — at the `zice run` prompt or in a CSV cell of
// `zice batch` — converted to the JSON an answers document holds, using the
// question types of the questionnaire JSON (Ruleset::questionnaire).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace zice::cli {

/// One question of the questionnaire JSON in document order, with the
/// sections that enclose it (outermost first). Pointers into the document.
struct QuestionRef {
  const boost::json::object* question = nullptr;
  std::vector<const boost::json::object*> sections;
  std::string id;
  std::string type;  ///< boolean, choice, multi-choice, integer, number, text, date
  bool required = true;
};

/// Every question of a questionnaire document, in order.
std::vector<QuestionRef> flatten_questionnaire(const boost::json::value& questionnaire);

/// Where the text comes from: a person at the prompt (option numbers, units
/// and full-width digits accepted; multi-choice separated by commas) or a CSV
/// cell (option values only; multi-choice separated by ';').
enum class AnswerSyntax { prompt, csv };

/// Converts `text` to the answer of `q`. Returns nullopt with `error` set (in
/// Chinese when `zh`, else English) when the text does not fit the type. Range,
/// option and constraint checks are left to zice::validate. A multi-choice
/// answer "[]" is an empty selection (an empty CSV cell is "unanswered").
std::optional<boost::json::value> parse_answer_text(const QuestionRef& q, std::string_view text, AnswerSyntax syntax,
                                                    bool zh, std::string& error);

/// An answer as short text for people: option labels with their values,
/// 是/否 (yes/no) for booleans, the unit after numbers.
std::string answer_display(const QuestionRef& q, const boost::json::value& v, bool zh);

/// What a person types to pick each option of a choice question at the
/// prompt: "1", "2", … in order, or the option values themselves when any
/// value is a number (scales such as "1".."5", where a position would be
/// ambiguous).
std::vector<std::string> option_keys(const QuestionRef& q);

/// Trims ASCII and ideographic (U+3000) spaces at both ends.
std::string trim(std::string_view);

}  // namespace zice::cli
