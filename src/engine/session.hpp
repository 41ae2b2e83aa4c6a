// One assessment in progress: the slot values and what validation found.
// Internal to src/engine/. A Session lives on one thread; the Model it reads
// is shared and immutable.
#pragma once
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "expr/expr.hpp"
#include "ruleset/model.hpp"
#include "zice/assess.hpp"

namespace zice::detail {

struct Session {
  Session(const Model& model, const AssessOptions& options);

  const Model& m;
  std::string lang;                   // resolved report language
  bool zh = true;                     // report language is Chinese
  std::vector<expr::Value> slots;
  expr::EvalContext ctx;
  std::vector<AnswerProblem> problems;
  std::vector<expr::Value> answers;   // per question: validated answer or null
  std::vector<char> given;            // per question: a non-null answer was submitted
  std::vector<char> invalid;          // per question: the submitted answer had a fatal problem
  std::vector<char> applicable;       // per question
  bool date_ok = true;

  /// Localised message: Chinese or English.
  const char* tr(const char* zh_text, const char* en_text) const { return zh ? zh_text : en_text; }
  void problem(std::string question, std::string code, std::string message, bool fatal = true) {
    problems.push_back({std::move(question), std::move(code), std::move(message), fatal});
  }
  bool has_fatal() const {
    for (const AnswerProblem& p : problems)
      if (p.fatal) return true;
    return false;
  }
  expr::Value eval(const std::optional<expr::Program>& p) { return p ? p->evaluate(slots, ctx) : expr::Value(); }
  /// true / false / null of an optional condition (absent = true).
  expr::Value cond(const std::optional<expr::Program>& p) {
    return p ? p->evaluate(slots, ctx) : expr::Value::boolean(true);
  }
};

inline bool is_true(const expr::Value& v) { return v.type() == expr::Type::Bool && v.as_bool(); }
inline bool is_false(const expr::Value& v) { return v.type() == expr::Type::Bool && !v.as_bool(); }

/// Converts and checks every submitted answer (types, options, ranges) into
/// Session::answers; problems go to Session::problems.
void bind_answers(Session& s, const boost::json::value& answers);
/// Evaluates question applicability and derived values in dependency order,
/// then required-ness and constraints.
void evaluate_questionnaire(Session& s);

/// The text variant to show: the first whose condition holds in the report
/// language, then in the ruleset's default language, then in any; null when
/// none holds. render_template() fills in its `{expr}` placeholders.
const TextVariant* pick_variant(Session& s, const Variants& v);
/// The picked variant rendered, as a JSON string; null when none holds.
boost::json::value render_variants(Session& s, const Variants& v);
std::string render_template(Session& s, const Template& t);

}  // namespace zice::detail
