// The scoring pipeline after the questionnaire: indicators, dimensions,
// gates, checks, grades, and the result document. Internal to src/engine/.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "engine/session.hpp"

namespace zice::detail {

namespace json = boost::json;
using expr::Value;

/// What scoring one indicator found: plain data. The result document's
/// indicator details (input, matched, explain) are written from it by
/// Assessor::write, so the "what-if" re-assessments of the analyses build no
/// text at all.
struct IndicatorResult {
  bool applicable = false;
  bool missing = false;
  bool overridden = false;    // points given by an override (what-if)
  bool capped = false;        // options: the selection's points were capped
  Decimal raw;                // before weight
  Decimal points, max;        // weighted
  Value input;                // bands and formula: the value scored
  const detail::Band* band = nullptr;  // bands: the band matched
  /// Label of the matched band, if it has one.
  const std::string* matched_label() const { return band && !band->label.empty() ? &band->label : nullptr; }
};

struct DimensionResult {
  bool applicable = false;
  Decimal score, max;         // own (capped), before the dimension's own weight
};

// Calls f(option) for each scored option of an options indicator that the
// answer `v` (a choice or a list of choices) selects, in the indicator's order.
template <class F>
inline void for_each_selected(const detail::Indicator& ind, const Value& v, F&& f) {
  for (const detail::OptionPoints& op : ind.option_points) {
    bool chosen = false;
    if (v.type() == expr::Type::List) {
      for (const Value& x : v.as_list())
        if (x.as_string() == op.value) {
          chosen = true;
          break;
        }
    } else {
      chosen = v.as_string() == op.value;
    }
    if (chosen) f(op);
  }
}

/// Scores, gates, checks and grades one Session. `overrides` (per indicator,
/// optional) replaces an applicable indicator's raw points: the improvement
/// planner and the partial-answer analysis use it to ask "what if".
class Assessor {
 public:
  using Overrides = std::vector<std::optional<Decimal>>;
  explicit Assessor(Session& s, const Overrides* overrides = nullptr) : s_(s), m_(s.m), overrides_(overrides) {}

  /// Runs every step after the questionnaire; cheap enough to repeat.
  void evaluate();
  /// Writes the members of the result document (docs/result-schema.md) from
  /// "schema" to "interpretations" into an open object of `out` (after
  /// evaluate()). `Out` is TreeOut or util::JsonWriter (engine/result_out.hpp).
  template <class Out>
  void write(Out& out);
  /// The headline figures (after evaluate()).
  void summarise(AssessmentSummary& out) const;
  /// Whether everything needed was answered and decided (result.complete).
  bool complete() const;

  /// Index of the grade reached, -1 for none.
  int grade() const { return result_; }
  /// Higher is better: first-match grades rank from the last (0) up; staged
  /// levels rank from 1 (0 = no level reached).
  int rank() const { return rank_of(m_, result_); }
  static int rank_of(const Model& m, int grade) {
    if (m.staged) return grade + 1;
    return grade < 0 ? -1 : static_cast<int>(m.grades.size()) - 1 - grade;
  }
  bool provisional() const { return provisional_; }
  const Decimal& total() const { return total_; }
  const IndicatorResult& indicator(std::size_t i) const { return ind_[i]; }
  bool gate_failed(std::size_t i) const { return gate_status_[i] == Status::fail; }
  bool check_failed(std::size_t i) const { return i < check_status_.size() && check_status_[i] == Status::fail; }

 private:
  void score();
  DimensionResult score_dimension(int di, bool parent_applies);
  IndicatorResult score_indicator(int ii, bool parent_applies);
  void gates();
  void checks();
  void grades();
  template <class Out>
  void write_indicator(Out& out, std::size_t i);
  std::string_view explain(std::size_t i, std::string& buf) const;
  std::string_view text(const detail::LocalText& t) const {
    const std::string* p = t.get(s_.lang, m_.default_lang);
    return p ? std::string_view(*p) : std::string_view();
  }
  void set(std::uint32_t slot, Value v) {
    if (slot != kNoSlot) s_.slots[slot] = std::move(v);
  }
  bool undecided_ = false;   // some condition was null → result incomplete

  Session& s_;
  const detail::Model& m_;
  std::vector<IndicatorResult> ind_;
  std::vector<DimensionResult> dim_;
  Decimal total_, total_max_;
  // gates: status per gate
  enum class Status { pass, fail, unknown, not_applicable };
  std::vector<Status> gate_status_, check_status_;
  const Overrides* overrides_;
  int result_ = -1;
  bool provisional_ = false;
  std::vector<const char*> grade_status_;
  std::vector<std::vector<std::pair<std::string, Value>>> grade_failing_;  // per grade: conditions that failed
  std::string explain_buf_;  // write(): one indicator's explain text at a time
};


/// a × b; 0 when the product is out of range.
Decimal mul_or_zero(const Decimal& a, const Decimal& b);
/// score ÷ max × 100 as a number; null when max is 0.
Value percent_value(const Decimal& score, const Decimal& max);

/// Improvement plan (docs/result-schema.md, `improvement`); null when there is nothing to improve.
json::value plan_improvement(Session& s, const Assessor& current);
/// Partial-answer analysis (docs/result-schema.md, `partial`); null when nothing is unanswered.
json::value analyse_partial(Session& s, const Assessor& current);

}  // namespace zice::detail
