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

struct IndicatorResult {
  /// `sp`: the storage of `detail` (the Assessor's arena).
  explicit IndicatorResult(json::storage_ptr sp) : detail(std::move(sp)) {}
  bool applicable = false;
  bool missing = false;
  Decimal raw;                // before weight
  Decimal points, max;        // weighted
  json::object detail;        // method, input, matched, explain; moved into the result by to_json()
  const std::string* matched_label = nullptr;  // label of the matched band, if it has one
};

struct DimensionResult {
  bool applicable = false;
  Decimal score, max;         // own (capped), before the dimension's own weight
};

/// Scores, gates, checks and grades one Session. `overrides` (per indicator,
/// optional) replaces an applicable indicator's raw points: the improvement
/// planner and the partial-answer analysis use it to ask "what if".
class Assessor {
 public:
  using Overrides = std::vector<std::optional<Decimal>>;
  explicit Assessor(Session& s, const Overrides* overrides = nullptr) : s_(s), m_(s.m), overrides_(overrides) {}

  /// Runs every step after the questionnaire; cheap enough to repeat.
  void evaluate();
  /// The result document (after evaluate()); call it once: the indicator
  /// details move into it.
  json::value to_json();

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
  json::value basis_json(const std::vector<detail::Basis>& bs, const json::storage_ptr& sp) const;
  std::string text(const detail::LocalText& t) const { return t.str(s_.lang, m_.default_lang); }
  json::value text_or_null(const detail::LocalText& t) const {
    const std::string* p = t.get(s_.lang, m_.default_lang);
    return p ? json::value(*p) : json::value();
  }
  void set(std::uint32_t slot, Value v) {
    if (slot != kNoSlot) s_.slots[slot] = std::move(v);
  }
  bool undecided_ = false;   // some condition was null → result incomplete

  // One monotonic arena for every JSON node this Assessor builds (indicator
  // details, failing conditions, the missing/not-applicable lists) and for the
  // result document (to_json): pieces move into the result without a copy and
  // no node is a malloc of its own. The result shares the arena and keeps it
  // alive.
  json::storage_ptr sp_ = json::make_shared_resource<json::monotonic_resource>(16384);
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
  std::vector<std::string> grade_status_;
  std::vector<json::array> grade_failing_;
  json::object missing_ = json::object(sp_), not_applicable_ = json::object(sp_);
  json::array missing_ind_ = json::array(sp_), missing_gates_ = json::array(sp_), missing_checks_ = json::array(sp_),
              na_ind_ = json::array(sp_), na_gates_ = json::array(sp_), na_checks_ = json::array(sp_);
};


/// Improvement plan (docs/result-schema.md, `improvement`); null when there is nothing to improve.
json::value plan_improvement(Session& s, const Assessor& current);
/// Partial-answer analysis (docs/result-schema.md, `partial`); null when nothing is unanswered.
json::value analyse_partial(Session& s, const Assessor& current);

}  // namespace zice::detail
