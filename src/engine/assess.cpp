// The assessment pipeline (docs/ruleset-format.md, "Evaluation order"):
// answers → derived values → indicators and dimensions → gates → checks →
// grades, then the result document (docs/result-schema.md).
#include "zice/assess.hpp"

#include <algorithm>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "engine/json_convert.hpp"
#include "engine/assess_text.hpp"
#include "engine/assessor.hpp"
#include "engine/result_out.hpp"
#include "engine/session.hpp"
#include "util/json_writer.hpp"
#include "zice/version.hpp"

namespace zice {

namespace json = boost::json;
using detail::Decimal;
using detail::is_false;
using detail::is_true;
using detail::kNoSlot;
using detail::Session;
using expr::Value;

namespace detail {
namespace {

const Decimal kZero;
const Decimal kHundred = Decimal::from_int(100);

Decimal add(const Decimal& a, const Decimal& b) { return a.add(b).value_or(a); }

}  // namespace

Decimal mul_or_zero(const Decimal& a, const Decimal& b) { return a.mul(b).value_or(kZero); }

Value percent_value(const Decimal& score, const Decimal& max) {
  if (max.is_zero()) return Value();
  auto q = score.divide(max);
  return q ? Value::number(mul_or_zero(*q, kHundred)) : Value();
}


IndicatorResult Assessor::score_indicator(int ii, bool parent_applies) {
  using Method = detail::Indicator::Method;
  const detail::Indicator& ind = m_.indicators[ii];
  IndicatorResult r;
  Value w = parent_applies ? s_.cond(ind.when) : Value::boolean(false);
  if (w.is_null()) undecided_ = true;
  r.applicable = is_true(w);
  if (r.applicable && ind.method == Method::options && ind.question >= 0 && !s_.applicable[ind.question])
    r.applicable = false;
  if (!r.applicable) return r;
  r.max = mul_or_zero(ind.max, ind.weight);
  if (overrides_ && (*overrides_)[ii]) {  // what-if analysis: points given
    r.overridden = true;
    r.raw = *(*overrides_)[ii];
    r.points = mul_or_zero(*(*overrides_)[ii], ind.weight);
    return r;
  }
  Decimal raw;
  switch (ind.method) {
    case Method::options: {
      const detail::Question& q = m_.questions[ind.question];
      const Value& v = s_.slots[q.slot];
      if (v.is_null()) {
        r.missing = true;
        break;
      }
      for_each_selected(ind, v, [&](const detail::OptionPoints& op) { raw = add(raw, op.points); });
      const Decimal& limit = ind.cap ? *ind.cap : ind.max;
      r.capped = q.type == detail::QuestionType::multi_choice && raw > limit;
      if (r.capped) raw = limit;
      break;
    }
    case Method::bands: {
      r.input = s_.eval(ind.of);
      if (r.input.is_null()) {
        r.missing = true;
        break;
      }
      const Decimal& x = r.input.as_number();
      for (const detail::Band& b : ind.bands)
        if (b.contains(x)) {
          r.band = &b;
          break;
        }
      if (!r.band) {
        s_.ctx.warnings.push_back(fmt::format("indicator '{}': value {} is in no band; scored 0", ind.id, x.to_string()));
        break;
      }
      raw = r.band->points;
      break;
    }
    case Method::formula: {
      r.input = s_.eval(ind.formula);
      if (r.input.is_null()) {
        r.missing = true;
        break;
      }
      raw = Decimal::min(Decimal::max(r.input.as_number(), kZero), ind.max);
      break;
    }
  }
  r.raw = raw;
  r.points = mul_or_zero(raw, ind.weight);
  return r;
}

DimensionResult Assessor::score_dimension(int di, bool parent_applies) {
  const detail::Dimension& d = m_.dimensions[di];
  DimensionResult r;
  Value w = parent_applies ? s_.cond(d.when) : Value::boolean(false);
  if (w.is_null()) undecided_ = true;
  r.applicable = is_true(w);
  for (const detail::Dimension::Child& c : d.children) {
    if (c.is_dimension) {
      DimensionResult cr = score_dimension(c.index, r.applicable);
      if (cr.applicable) {
        const Decimal& cw = m_.dimensions[c.index].weight;
        r.score = add(r.score, mul_or_zero(cr.score, cw));
        r.max = add(r.max, mul_or_zero(cr.max, cw));
      }
    } else {
      IndicatorResult ir = score_indicator(c.index, r.applicable);
      if (ir.applicable) {
        r.score = add(r.score, ir.points);
        r.max = add(r.max, ir.max);
      }
      ind_[c.index] = std::move(ir);
    }
  }
  if (d.cap) {
    r.score = Decimal::min(r.score, *d.cap);
    r.max = Decimal::min(r.max, *d.cap);
  }
  dim_[di] = r;
  return r;
}

void Assessor::score() {
  ind_.assign(m_.indicators.size(), IndicatorResult());
  dim_.assign(m_.dimensions.size(), {});
  if (!m_.has_scoring) return;
  for (int di : m_.top_dimensions) {
    DimensionResult r = score_dimension(di, true);
    if (!r.applicable) continue;
    total_ = add(total_, mul_or_zero(r.score, m_.dimensions[di].weight));
    total_max_ = add(total_max_, mul_or_zero(r.max, m_.dimensions[di].weight));
  }
  bool minimums = true;
  for (std::size_t i = 0; i < m_.indicators.size(); ++i) {
    const IndicatorResult& r = ind_[i];
    set(m_.indicators[i].slot, r.applicable ? Value::number(r.points) : Value());
  }
  for (std::size_t i = 0; i < m_.dimensions.size(); ++i) {
    const detail::Dimension& d = m_.dimensions[i];
    const DimensionResult& r = dim_[i];
    set(d.score_slot, r.applicable ? Value::number(r.score) : Value());
    set(d.max_slot, r.applicable ? Value::number(r.max) : Value());
    set(d.percent_slot, r.applicable ? percent_value(r.score, r.max) : Value());
    if (d.min) {
      bool met = !r.applicable || r.score >= *d.min;
      set(d.min_met_slot, r.applicable ? Value::boolean(met) : Value());
      minimums = minimums && met;
    }
  }
  set(m_.total_score_slot, Value::number(total_));
  set(m_.total_max_slot, Value::number(total_max_));
  set(m_.total_percent_slot, percent_value(total_, total_max_));
  set(m_.minimums_met_slot, Value::boolean(minimums));
}

void Assessor::gates() {
  bool any_fail = false, any_unknown_m = false, any_fire = false, any_unknown_d = false;
  gate_status_.reserve(m_.gates.size());
  for (const detail::Gate& g : m_.gates) {
    Value w = s_.cond(g.when);
    Status st;
    Value t;
    if (!is_true(w)) {
      st = Status::not_applicable;
      if (w.is_null()) undecided_ = true;
    } else {
      t = s_.eval(g.test);
      st = t.is_null() ? Status::unknown : is_true(t) ? Status::pass : Status::fail;
      if (st == Status::unknown) undecided_ = true;
    }
    gate_status_.push_back(st);
    set(g.slot, st == Status::not_applicable ? Value() : t);
    if (g.kind == detail::GateKind::mandatory) {
      any_fail |= st == Status::fail;
      any_unknown_m |= st == Status::unknown;
    } else {
      any_fire |= st == Status::pass;
      any_unknown_d |= st == Status::unknown;
    }
  }
  set(m_.gates_mandatory_slot, any_fail ? Value::boolean(false) : any_unknown_m ? Value() : Value::boolean(true));
  set(m_.gates_direct_slot, any_fire ? Value::boolean(true) : any_unknown_d ? Value() : Value::boolean(false));
}

void Assessor::checks() {
  if (!m_.has_checks) return;
  std::array<std::int64_t, detail::kSeverityCount> counts{};
  std::int64_t passed = 0, failed = 0;
  check_status_.assign(m_.checks.size(), Status::not_applicable);
  for (const detail::CheckGroup& g : m_.groups) {
    Value gw = s_.cond(g.when);
    std::int64_t gp = 0, gf = 0;
    for (int ci : g.checks) {
      const detail::Check& c = m_.checks[ci];
      Value w = is_true(gw) ? s_.cond(c.when) : gw;
      Status st;
      Value t;
      if (is_false(w)) {
        st = Status::not_applicable;
      } else if (w.is_null()) {
        st = Status::unknown;
      } else {
        t = s_.eval(c.test);
        st = t.is_null() ? Status::unknown : is_true(t) ? Status::pass : Status::fail;
      }
      check_status_[ci] = st;
      set(c.slot, t);
      if (st == Status::unknown) undecided_ = true;
      if (st == Status::pass) ++gp;
      if (st == Status::fail) ++gf, ++counts[static_cast<int>(c.severity)];
    }
    passed += gp;
    failed += gf;
    set(g.slot, percent_value(Decimal::from_int(gp), Decimal::from_int(gp + gf)));
  }
  std::int64_t total = 0;
  for (int i = 0; i < detail::kSeverityCount; ++i) {
    set(m_.findings_slots[i], Value::number(counts[i]));
    total += counts[i];
  }
  set(m_.findings_total_slot, Value::number(total));
  set(m_.compliance_percent_slot, percent_value(Decimal::from_int(passed), Decimal::from_int(passed + failed)));
}

void Assessor::grades() {
  if (!m_.has_grades) return;
  bool stop = false;
  grade_status_.assign(m_.grades.size(), "not_evaluated");
  grade_failing_.assign(m_.grades.size(), {});
  for (std::size_t i = 0; i < m_.grades.size() && !stop; ++i) {
    const detail::Grade& g = m_.grades[i];
    Value v = s_.cond(g.when);
    auto explain = [&] {
      if (!g.when) return;
      grade_failing_[i] = g.when->failing_conjuncts(s_.slots, s_.ctx);
    };
    if (m_.staged) {
      if (is_true(v)) {
        grade_status_[i] = "passed";
        result_ = static_cast<int>(i);
      } else {
        grade_status_[i] = v.is_null() ? "undecided" : "missed";
        provisional_ = v.is_null();
        explain();
        stop = true;
      }
    } else if (is_true(v)) {
      grade_status_[i] = "reached";
      result_ = static_cast<int>(i);
      stop = true;
    } else {
      grade_status_[i] = v.is_null() ? "undecided" : "missed";
      provisional_ |= v.is_null();
      explain();
    }
  }
  if (result_ >= 0) grade_status_[result_] = "reached";
  if (provisional_) undecided_ = true;
}

void Assessor::evaluate() {
  score();
  gates();
  checks();
  grades();
}

}  // namespace detail

std::vector<AnswerProblem> validate(const Ruleset& rs, const json::value& answers, const AssessOptions& o) {
  try {
    Session s(rs.model(), o);
    detail::bind_answers(s, answers);
    if (answers.is_object()) detail::evaluate_questionnaire(s);
    return std::move(s.problems);
  } catch (const std::exception& e) {
    return {AnswerProblem{"", "internal", e.what(), true}};
  }
}

namespace {

// Runs an assessment and writes its result document to `out`: the members
// from the Assessor, then the analyses (which re-use the session's slots for
// their what-if runs, so they come after everything read from them) and the
// trace. `summary`, when given, is filled from the evaluation. Returns false,
// with the problems in `problems`, when there is no result. May throw.
template <class Out>
bool run(const Ruleset& rs, const json::value& answers, const AssessOptions& o, Out* out,
         AssessmentSummary* summary, std::vector<AnswerProblem>& problems) {
  Session s(rs.model(), o);
  detail::bind_answers(s, answers);
  if (!s.date_ok || (!answers.is_object())) {
    problems = std::move(s.problems);
    return false;
  }
  detail::evaluate_questionnaire(s);
  if (o.strict && s.has_fatal()) {
    problems = std::move(s.problems);
    return false;
  }
  detail::Assessor a(s);
  a.evaluate();
  if (summary) a.summarise(*summary);
  if (out) {
    out->begin_object();
    a.write(*out);
    json::object trace;
    if (o.trace)
      for (std::size_t i = 0; i < s.slots.size(); ++i) trace[rs.model().slot_names[i]] = detail::to_json(s.slots[i]);
    // The what-if analyses reuse the session's slots and must not leak warnings.
    std::size_t warnings = s.ctx.warnings.size();
    out->key("improvement");
    out->value(o.analyse ? detail::plan_improvement(s, a) : json::value());
    out->key("partial");
    out->value(o.analyse ? detail::analyse_partial(s, a) : json::value());
    s.ctx.warnings.resize(warnings);
    if (o.trace) {
      out->key("trace");
      out->value(trace);
    }
    out->end_object();
  }
  problems = std::move(s.problems);
  return true;
}

}  // namespace

Assessment assess(const Ruleset& rs, const json::value& answers, const AssessOptions& o) {
  Assessment out;
  try {
    // The whole document is built in one monotonic arena owned by the result:
    // pointer bumps instead of a malloc per node, released at once.
    detail::TreeOut tree(json::make_shared_resource<json::monotonic_resource>(16384));
    out.ok = run(rs, answers, o, &tree, nullptr, out.problems);
    // Constructed, not assigned: move assignment would copy the whole
    // document into the assignee's default storage.
    if (out.ok) return Assessment{tree.release(), std::move(out.problems), true};
  } catch (const std::exception& e) {
    out.problems.push_back({"", "internal", e.what(), true});
    out.ok = false;
  }
  return out;
}

AssessmentText assess_to_json(const Ruleset& rs, const json::value& answers, const AssessOptions& o, ResultText style) {
  AssessmentText out;
  try {
    switch (style) {
      case ResultText::pretty: {
        util::JsonWriter<true> w;
        if ((out.ok = run(rs, answers, o, &w, &out.summary, out.problems))) out.json = w.take();
        break;
      }
      case ResultText::compact: {
        util::JsonWriter<false> w;
        if ((out.ok = run(rs, answers, o, &w, &out.summary, out.problems))) out.json = w.take();
        break;
      }
      case ResultText::none:
        out.ok = run<util::JsonWriter<false>>(rs, answers, o, nullptr, &out.summary, out.problems);
        break;
    }
  } catch (const std::exception& e) {
    out = AssessmentText{};
    out.problems.push_back({"", "internal", e.what(), true});
  }
  return out;
}

namespace detail {

char* assess_to_c_string(const Ruleset& rs, const json::value& answers, const AssessOptions& o, bool pretty,
                         std::vector<AnswerProblem>& problems) {
  problems.clear();
  try {
    if (pretty) {
      util::JsonWriter<true> w;
      return run(rs, answers, o, &w, nullptr, problems) ? w.release_c_string() : nullptr;
    }
    util::JsonWriter<false> w;
    return run(rs, answers, o, &w, nullptr, problems) ? w.release_c_string() : nullptr;
  } catch (const std::exception& e) {
    problems.assign(1, AnswerProblem{"", "internal", e.what(), true});
  }
  return nullptr;
}

}  // namespace detail
}  // namespace zice
