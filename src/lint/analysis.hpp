// Model-level analysis shared by lint, stats and doc (src/lint/).
//
// Nothing here runs the engine: every question is answered by evaluating the
// compiled expr::Program objects of the model on slot vectors filled here.
//
// * Score ranges: the points an indicator can take (options, bands, a grid
//   over [0, max] for formulas; 0 for an unanswered input), then intervals
//   for dimensions and the total with weights and caps (exact when the
//   indicators are independent, an over-approximation when they share
//   inputs).
// * Joint scores: the combinations of score names that conditions read
//   (points.*, score.*, max.*, percent.*, min_met.*, minimums.met), built
//   bottom-up over the dimension tree so that they are consistent with each
//   other, with one witness (the points of every indicator) per combination.
// * Free inputs: every other name a condition reads (questions, derived
//   values, gate/check results, findings counts) is given a small domain of
//   representative values: booleans both ways, every option, numbers at, just
//   below and just above each literal they are compared with (and far out),
//   and null (unanswered).
// * Enumeration of all combinations of those domains, or a deterministic
//   sample when there are more than a limit.
//
// Limits (also in docs/lint.md): derived values are treated as free inputs,
// not recomputed from the questions, and indicators as independent, so a
// combination may be impossible in reality (over-approximation: "reachable"
// may be too generous, "unreachable" is then trustworthy); numbers are only
// tried at representative points, so a condition that is true only between
// two points not derived from its literals can be missed; large spaces are
// sampled.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "expr/expr.hpp"
#include "ruleset/model.hpp"

namespace zice::analysis {

using detail::Model;
using expr::Decimal;
using expr::Program;
using expr::Value;

// ------------------------------------------------------------------ slots

enum class SlotKind : std::uint8_t {
  unknown, question, derived, date,
  points, dim_score, dim_max, dim_percent, dim_min_met,
  total_score, total_max, total_percent, minimums_met,
  gate, gates_mandatory, gates_direct,
  check, group_compliance, findings, findings_total, compliance_percent,
};

struct SlotInfo {
  SlotKind kind = SlotKind::unknown;
  int index = -1;  // question, derived, indicator, dimension, gate, check, group or severity index
};

bool is_scoring(SlotKind) noexcept;

/// What every slot of the model holds.
std::vector<SlotInfo> classify_slots(const Model&);

/// Slot of a name, or kNoSlot.
std::uint32_t slot_of(const Model&, std::string_view name);

// ---------------------------------------------------------------- literals

/// Literals found in expressions, per name they are compared with (`a ge 3`,
/// `x in ['a', 'b']`, `between(x, 1, 5)`, `'v' in list`) and overall.
struct Literals {
  std::map<std::uint32_t, std::vector<Decimal>> numbers;
  std::map<std::uint32_t, std::vector<std::string>> strings;
  std::map<std::uint32_t, std::vector<std::int32_t>> dates;
  std::vector<Decimal> all_numbers;
  std::vector<std::string> all_strings;
  std::vector<std::int32_t> all_dates;
  void merge(const Literals&);
};

/// Parses the program's source again (the compiled plan keeps no literals).
void collect_literals(const Model&, const Program&, Literals& out);

// ------------------------------------------------------------ spans

/// An interval of the real line; a missing bound is infinite.
struct Span {
  std::optional<Decimal> lo, hi;
  bool lo_incl = true, hi_incl = true;
  bool empty() const;
};
Span intersect(const Span&, const Span&);
/// "[3, 5)", "(-∞, 1)", or "3" for a single point.
std::string span_text(const Span&);

/// A union of disjoint spans, sorted.
struct SpanSet {
  std::vector<Span> spans;
  void add(const Span&);
  SpanSet complement() const;
  SpanSet intersect(const Span&) const;
  bool empty() const;
};

Span band_span(const detail::Band&);
/// [min, max] of the input when a band table's `of` is a plain integer or
/// number question with a min or a max (its index in *question).
std::optional<Span> band_input_domain(const Model&, const detail::Indicator&, int* question = nullptr);
/// Per band: whether some input value reaches it (not covered by earlier
/// bands, inside the input question's range).
std::vector<bool> reachable_bands(const Model&, const detail::Indicator&);

// ------------------------------------------------------------ score ranges

struct Interval {
  Decimal lo, hi;
};

struct ScoreRanges {
  // Per indicator: the points (raw × weight) it can score when it applies,
  // sorted and distinct, always including 0 (unanswered input).
  std::vector<std::vector<Decimal>> points;
  std::vector<Decimal> raw_max;         // highest raw points (before weight)
  std::vector<bool> continuous;         // formula: anything in [0, max]
  std::vector<bool> indicator_may_be_na, indicator_always_na;
  std::vector<Interval> indicator;      // weighted, applicable
  // Per dimension, when it applies (weights of its children applied, own
  // weight not; cap applied).
  std::vector<Interval> dimension;
  std::vector<bool> dimension_may_be_na, dimension_always_na;
  std::vector<Decimal> dimension_computed_max;  // what the engine reports as max.<id> when all applies
  Interval total;
  Decimal total_computed_max;
};

/// Raw points (before weight) an indicator can score; sets *continuous for
/// formulas (the list is then a grid over [0, max]).
std::vector<Decimal> raw_values(const Model&, int indicator, bool* continuous = nullptr);
ScoreRanges score_ranges(const Model&);

/// true / false / null of a constant condition (no dependencies); nullopt
/// when it reads names.
std::optional<Value> constant_value(const Program&);

// ------------------------------------------------------------ joint scores

/// The distinct combinations of the `tracked` score slots, each with a
/// witness: per indicator the index into ScoreRanges::points, or -1 when the
/// indicator does not apply.
struct JointScores {
  std::vector<std::uint32_t> tracked;
  struct State {
    std::vector<Value> vars;        // parallel to `tracked`
    std::vector<std::int16_t> witness;
  };
  std::vector<State> states;
  bool approximate = false;         // some combinations were dropped
};
JointScores joint_scores(const Model&, const ScoreRanges&, const std::vector<std::uint32_t>& tracked,
                         std::size_t max_states = 20000);

// ------------------------------------------------------------ free inputs

/// Which results a boolean condition (a gate or check test) can have.
struct Outcomes {
  bool can_true = false, can_false = false, can_null = false;
  bool exhaustive = true;
  std::size_t tried = 0;
};

struct Context {
  const Model& m;
  std::vector<SlotInfo> info;
  ScoreRanges ranges;
  std::int32_t today = 0;            // days since 1970-01-01
  std::vector<Outcomes> gate_test;   // per gate
  std::vector<bool> gate_may_be_na;
  std::vector<Outcomes> check_test;  // per check
  std::vector<bool> check_may_be_na;
  explicit Context(const Model& model, std::int32_t today_days);
};

/// Representative values of one slot treated as a free input. `lits` are the
/// literals of the expressions under analysis.
std::vector<Value> domain(const Context&, std::uint32_t slot, const Literals& lits);

/// Representative numbers: each literal and its neighbours, midpoints,
/// 0, far values and the bounds, clipped to [lo, hi].
std::vector<Decimal> numeric_candidates(std::vector<Decimal> lits, const std::optional<Decimal>& lo,
                                        const std::optional<Decimal>& hi, bool integer);

/// Calls `fn` with every combination of the domains (index per domain), or
/// with `limit` deterministic samples (plus the first and last corner) when
/// there are more. Returns {tried, exhaustive}.
std::pair<std::size_t, bool> enumerate(const std::vector<std::size_t>& sizes, std::size_t limit,
                                       const std::function<void(const std::vector<std::size_t>&)>& fn);

/// Outcomes of a boolean condition over the domains of the names it reads.
Outcomes condition_outcomes(const Context&, const Program&, std::size_t limit = 20000);

// ------------------------------------------------------------ grades

struct GradeAnalysis {
  bool exhaustive = true;
  std::size_t tried = 0;
  JointScores scores;
  std::vector<std::uint32_t> free_slots;   // inputs other than tracked score slots
  std::vector<std::vector<Value>> free_domains;
  struct Grade {
    bool condition_possible = false;   // its `when` is true somewhere
    bool reached = false;              // first-match: the result; staged: passed
    bool result = false;               // staged: the highest level passed somewhere
    std::vector<int> covered_by;       // first-match: earlier grades true whenever this one is
    std::size_t example_state = 0;     // index into scores.states
    std::vector<std::size_t> example_free;  // index into free_domains per free slot
    int example_cost = 0;
  };
  std::vector<Grade> grades;
  /// Whether some combination reaches no grade at all (first-match) or fails
  /// the first level (staged).
  bool no_grade_possible = false;
};
GradeAnalysis analyse_grades(const Context&, std::size_t limit = 200000);

// ------------------------------------------------------------ helpers

std::string decimal_text(const Decimal&);
/// A key that orders and identifies values exactly.
std::string value_key(const Value&);
/// Union of `Program::dependencies()` of every expression in the model, with
/// who reads what (for unused-question / unused-derived).
struct Reads {
  std::vector<bool> slot_read;   // read by some expression other than a question's own constraints
  std::vector<bool> question_scored;  // used by an <options> table
};
Reads collect_reads(const Model&);

/// Calls fn(program) for every compiled expression of the model (question
/// constraints only when `constraints`).
void for_each_program(const Model&, const std::function<void(const Program&)>& fn, bool constraints = true);

}  // namespace zice::analysis
