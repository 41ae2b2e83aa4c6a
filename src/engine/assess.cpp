// The assessment pipeline (docs/ruleset-format.md, "Evaluation order"):
// answers → derived values → indicators and dimensions → gates → checks →
// grades, then the result document (docs/result-schema.md).
#include "zice/assess.hpp"

#include <algorithm>
#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "engine/json_convert.hpp"
#include "engine/assessor.hpp"
#include "engine/session.hpp"
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

Decimal mul(const Decimal& a, const Decimal& b) { return a.mul(b).value_or(kZero); }
Decimal add(const Decimal& a, const Decimal& b) { return a.add(b).value_or(a); }
json::value percent_of(const Decimal& score, const Decimal& max) {
  if (max.is_zero()) return nullptr;
  auto q = score.divide(max);
  if (!q) return nullptr;
  return detail::to_json(mul(*q, kHundred));
}
Value percent_value(const Decimal& score, const Decimal& max) {
  if (max.is_zero()) return Value();
  auto q = score.divide(max);
  return q ? Value::number(mul(*q, kHundred)) : Value();
}
json::value opt_string(const std::string& s) { return s.empty() ? json::value() : json::value(s); }

}  // namespace


IndicatorResult Assessor::score_indicator(int ii, bool parent_applies) {
  using Method = detail::Indicator::Method;
  const detail::Indicator& ind = m_.indicators[ii];
  IndicatorResult r(sp_);
  r.detail.reserve(4);
  static const char* kMethod[] = {"options", "bands", "formula"};
  r.detail["method"] = kMethod[static_cast<int>(ind.method)];
  Value w = parent_applies ? s_.cond(ind.when) : Value::boolean(false);
  if (w.is_null()) undecided_ = true;
  r.applicable = is_true(w);
  if (r.applicable && ind.method == Method::options && ind.question >= 0 && !s_.applicable[ind.question])
    r.applicable = false;
  if (!r.applicable) {
    r.detail["input"] = nullptr;
    r.detail["matched"] = nullptr;
    r.detail["explain"] = s_.tr("不适用", "not applicable");
    return r;
  }
  if (overrides_ && (*overrides_)[ii]) {  // what-if analysis: points given
    r.raw = *(*overrides_)[ii];
    r.points = mul(*(*overrides_)[ii], ind.weight);
    r.max = mul(ind.max, ind.weight);
    return r;
  }
  Decimal raw;
  std::string explain;
  switch (ind.method) {
    case Method::options: {
      const detail::Question& q = m_.questions[ind.question];
      const Value& v = s_.slots[q.slot];
      r.detail["input"] = json::object({{"name", q.id}, {"value", detail::to_json(v)}}, sp_);
      json::array matched(sp_);
      if (v.is_null()) {
        r.missing = true;
        explain = fmt::format("{} {}", q.id, s_.tr("未作答 → 0 分", "unanswered → 0 points"));
      } else {
        std::vector<std::string> chosen;
        if (v.type() == expr::Type::List)
          for (const Value& x : v.as_list()) chosen.push_back(x.as_string());
        else
          chosen.push_back(v.as_string());
        std::string parts;
        for (const detail::OptionPoints& op : ind.option_points)
          if (std::find(chosen.begin(), chosen.end(), op.value) != chosen.end()) {
            raw = add(raw, op.points);
            matched.push_back(json::object({{"value", op.value}, {"points", detail::to_json(op.points)}}, sp_));
            parts += fmt::format("{}{}={}", parts.empty() ? "" : " + ", op.value, op.points.to_string());
          }
        Decimal limit = ind.cap ? *ind.cap : ind.max;
        bool capped = q.type == detail::QuestionType::multi_choice && raw > limit;
        if (capped) raw = limit;
        explain = fmt::format("{} = {} → {}{}", q.id, v.to_display(), parts.empty() ? "0" : parts,
                              capped ? fmt::format(" ({} {})", s_.tr("封顶", "capped at"), limit.to_string()) : "");
      }
      r.detail["matched"] = std::move(matched);
      break;
    }
    case Method::bands: {
      Value v = s_.eval(ind.of);
      std::string name(ind.of ? ind.of->source() : "");
      r.detail["input"] = json::object({{"name", name}, {"value", detail::to_json(v)}}, sp_);
      r.detail["matched"] = nullptr;
      if (v.is_null()) {
        r.missing = true;
        explain = fmt::format("{} {}", name, s_.tr("无法计算（输入未作答）→ 0 分", "cannot be computed (unanswered input) → 0 points"));
        break;
      }
      const Decimal& x = v.as_number();
      const detail::Band* hit = nullptr;
      for (const detail::Band& b : ind.bands)
        if (b.contains(x)) {
          hit = &b;
          break;
        }
      if (!hit) {
        s_.ctx.warnings.push_back(fmt::format("indicator '{}': value {} is in no band; scored 0", ind.id, x.to_string()));
        explain = fmt::format("{} = {} {}", name, x.to_string(), s_.tr("不在任何分档内 → 0 分", "is in no band → 0 points"));
        break;
      }
      raw = hit->points;
      json::object b(sp_);
      if (hit->lo) b[hit->lo_inclusive ? "ge" : "gt"] = detail::to_json(*hit->lo);
      if (hit->hi) b[hit->hi_inclusive ? "le" : "lt"] = detail::to_json(*hit->hi);
      b["points"] = detail::to_json(hit->points);
      b["label"] = opt_string(hit->label);
      if (!hit->label.empty()) r.matched_label = &hit->label;
      r.detail["matched"] = std::move(b);
      std::string range = fmt::format("{}{}, {}{}", hit->lo ? (hit->lo_inclusive ? "[" : "(") : "(",
                                      hit->lo ? hit->lo->to_string() : "-∞", hit->hi ? hit->hi->to_string() : "∞",
                                      hit->hi ? (hit->hi_inclusive ? "]" : ")") : ")");
      explain = fmt::format("{} = {}{} ∈ {} → {}", name, x.to_string(), ind.unit, range, hit->points.to_string());
      break;
    }
    case Method::formula: {
      Value v = s_.eval(ind.formula);
      r.detail["input"] = json::object({{"expr", std::string(ind.formula ? ind.formula->source() : "")},
                                        {"value", detail::to_json(v)}}, sp_);
      r.detail["matched"] = nullptr;
      if (v.is_null()) {
        r.missing = true;
        explain = s_.tr("公式无法计算（输入未作答）→ 0 分", "formula cannot be computed (unanswered input) → 0 points");
        break;
      }
      raw = Decimal::min(Decimal::max(v.as_number(), kZero), ind.max);
      explain = fmt::format("{} = {}{}", ind.formula->source(), v.as_number().to_string(),
                            raw == v.as_number() ? "" : fmt::format(" → {}", raw.to_string()));
      break;
    }
  }
  r.raw = raw;
  r.points = mul(raw, ind.weight);
  r.max = mul(ind.max, ind.weight);
  if (!(ind.weight == Decimal::from_int(1))) explain += fmt::format(" × {}", ind.weight.to_string());
  r.detail["explain"] = explain;
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
        r.score = add(r.score, mul(cr.score, cw));
        r.max = add(r.max, mul(cr.max, cw));
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
  ind_.assign(m_.indicators.size(), IndicatorResult(sp_));
  dim_.assign(m_.dimensions.size(), {});
  if (!m_.has_scoring) return;
  for (int di : m_.top_dimensions) {
    DimensionResult r = score_dimension(di, true);
    if (!r.applicable) continue;
    total_ = add(total_, mul(r.score, m_.dimensions[di].weight));
    total_max_ = add(total_max_, mul(r.max, m_.dimensions[di].weight));
  }
  bool minimums = true;
  for (std::size_t i = 0; i < m_.indicators.size(); ++i) {
    const IndicatorResult& r = ind_[i];
    set(m_.indicators[i].slot, r.applicable ? Value::number(r.points) : Value());
    if (!r.applicable) na_ind_.emplace_back(m_.indicators[i].id);
    if (r.missing) missing_ind_.emplace_back(m_.indicators[i].id);
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
  for (const detail::Gate& g : m_.gates) {
    Value w = s_.cond(g.when);
    Status st;
    Value t;
    if (!is_true(w)) {
      st = Status::not_applicable;
      if (w.is_null()) undecided_ = true;
      na_gates_.emplace_back(g.id);
    } else {
      t = s_.eval(g.test);
      st = t.is_null() ? Status::unknown : is_true(t) ? Status::pass : Status::fail;
      if (st == Status::unknown) missing_gates_.emplace_back(g.id), undecided_ = true;
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
      if (st == Status::not_applicable) na_checks_.emplace_back(c.id);
      if (st == Status::unknown) missing_checks_.emplace_back(c.id), undecided_ = true;
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
  grade_failing_.assign(m_.grades.size(), json::array(sp_));
  for (std::size_t i = 0; i < m_.grades.size() && !stop; ++i) {
    const detail::Grade& g = m_.grades[i];
    Value v = s_.cond(g.when);
    auto explain = [&] {
      if (!g.when) return;
      for (auto& [src, val] : g.when->failing_conjuncts(s_.slots, s_.ctx))
        grade_failing_[i].push_back(json::object({{"condition", src}, {"value", detail::to_json(val)}}, sp_));
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

json::value Assessor::basis_json(const std::vector<detail::Basis>& bs, const json::storage_ptr& sp) const {
  json::array a(sp);
  a.reserve(bs.size());
  for (const detail::Basis& b : bs) {
    json::object o(sp);
    o.reserve(8);
    o[b.is_standard ? "standard" : "law"] = b.name;
    o[b.is_standard ? "clause" : "article"] = opt_string(b.article);
    o["version"] = opt_string(b.version);
    o["confidence"] = opt_string(b.confidence);
    o["url"] = opt_string(b.url);
    o["note"] = opt_string(b.note);
    if (!b.effective_from.empty()) o["effective_from"] = b.effective_from;
    if (!b.effective_to.empty()) o["effective_to"] = b.effective_to;
    a.push_back(std::move(o));
  }
  return a;
}

void Assessor::evaluate() {
  score();
  gates();
  checks();
  grades();
}

json::value Assessor::to_json() {
  static const char* kStatus[] = {"pass", "fail", "unknown", "not_applicable"};
  // Objects and arrays are reserved at their final size: no rehashing or
  // regrowth while the document is built.
  // The whole document lives in the Assessor's monotonic arena (sp_): building
  // it is pointer bumps, not a malloc per node, and it is released at once.
  const json::storage_ptr& sp = sp_;
  json::object r(sp);
  r.reserve(32);
  r["schema"] = "zice-result/1";
  r["engine"] = json::object({{"name", "zice"}, {"version", ZICE_VERSION}}, sp);
  json::object rs({{"id", m_.id}, {"version", m_.version}, {"title", text(m_.title)}, {"sha256", m_.sha256}}, sp);
  if (m_.chain.size() > 1) {  // an overlay: record every layer
    json::array chain(sp);
    for (const detail::Layer& l : m_.chain)
      chain.push_back(json::object({{"id", l.id}, {"version", l.version}, {"sha256", l.sha256}}, sp));
    rs["chain"] = std::move(chain);
  }
  r["ruleset"] = std::move(rs);
  r["lang"] = s_.lang;
  r["assessment_date"] = m_.date_slot != kNoSlot && !s_.slots[m_.date_slot].is_null()
                             ? json::value(expr::format_iso_date(s_.slots[m_.date_slot].as_date()))
                             : json::value();
  // "complete" is filled in below, once every section has been built.
  r["complete"] = true;
  if (result_ >= 0) {
    const detail::Grade& g = m_.grades[result_];
    r["grade"] = json::object({{"id", g.id},
                               {"title", text(g.title)},
                               {"message", detail::render_variants(s_, g.message)},
                               {"description", detail::render_variants(s_, g.description)},
                               {"provisional", provisional_}}, sp);
  } else {
    r["grade"] = nullptr;
  }
  json::array grades(sp);
  grades.reserve(m_.grades.size());
  for (std::size_t i = 0; i < m_.grades.size(); ++i)
    grades.push_back(json::object({{"id", m_.grades[i].id},
                                   {"title", text(m_.grades[i].title)},
                                   {"status", grade_status_[i]},
                                   {"failing", std::move(grade_failing_[i])}}, sp));
  r["grades"] = std::move(grades);

  if (m_.has_scoring)
    r["score"] = json::object({{"total", detail::to_json(total_)},
                               {"max", detail::to_json(total_max_)},
                               {"percent", percent_of(total_, total_max_)}}, sp);
  else
    r["score"] = nullptr;

  json::array dims(sp);
  dims.reserve(m_.dimensions.size());
  for (std::size_t i = 0; i < m_.dimensions.size(); ++i) {
    const detail::Dimension& d = m_.dimensions[i];
    const DimensionResult& dr = dim_[i];
    json::object o(sp);
    o.reserve(10);
    o.emplace("id", d.id);
    o.emplace("title", text(d.title));
    o.emplace("parent", d.parent >= 0 ? json::value(m_.dimensions[d.parent].id) : json::value());
    o.emplace("applicable", dr.applicable);
    o.emplace("score", dr.applicable ? detail::to_json(dr.score) : json::value());
    o.emplace("max", dr.applicable ? detail::to_json(dr.max) : json::value());
    o.emplace("percent", dr.applicable ? percent_of(dr.score, dr.max) : json::value());
    o.emplace("weight", detail::to_json(d.weight));
    o.emplace("min", d.min ? detail::to_json(*d.min) : json::value());
    o.emplace("min_met", d.min && dr.applicable ? json::value(dr.score >= *d.min) : json::value());
    dims.push_back(std::move(o));
  }
  r["dimensions"] = std::move(dims);

  json::array inds(sp);
  inds.reserve(m_.indicators.size());
  for (std::size_t i = 0; i < m_.indicators.size(); ++i) {
    const detail::Indicator& ind = m_.indicators[i];
    IndicatorResult& ir = ind_[i];
    json::object o(sp);
    o.reserve(6 + ir.detail.size());
    o.emplace("id", ind.id);
    o.emplace("title", text(ind.title));
    o.emplace("dimension", m_.dimensions[ind.dimension].id);
    o.emplace("applicable", ir.applicable);
    o.emplace("points", ir.applicable ? detail::to_json(ir.points) : json::value());
    o.emplace("max", detail::to_json(mul(ind.max, ind.weight)));
    for (auto& kv : ir.detail) o.emplace(kv.key(), std::move(kv.value()));  // same arena: no copy
    inds.push_back(std::move(o));
  }
  r["indicators"] = std::move(inds);

  json::array gates(sp);
  gates.reserve(m_.gates.size());
  for (std::size_t i = 0; i < m_.gates.size(); ++i) {
    const detail::Gate& g = m_.gates[i];
    Status st = gate_status_[i];
    bool relevant = g.kind == detail::GateKind::mandatory ? st == Status::fail : st == Status::pass;
    json::object o(sp);
    o.reserve(7);
    o.emplace("id", g.id);
    o.emplace("kind", g.kind == detail::GateKind::mandatory ? "mandatory" : "direct");
    o.emplace("title", text(g.title));
    o.emplace("status", kStatus[static_cast<int>(st)]);
    o.emplace("passed", st == Status::pass ? json::value(true) : st == Status::fail ? json::value(false) : json::value());
    o.emplace("message", relevant ? detail::render_variants(s_, g.message) : json::value());
    o.emplace("basis", basis_json(g.basis, sp));
    gates.push_back(std::move(o));
  }
  r["gates"] = std::move(gates);

  if (m_.has_checks) {
    auto count = [&](const std::vector<int>& ids, Status st) {
      std::int64_t n = 0;
      for (int ci : ids) n += check_status_[ci] == st;
      return n;
    };
    std::vector<int> all(m_.checks.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
    auto summary = [&](const std::vector<int>& ids) {
      std::int64_t p = count(ids, Status::pass), f = count(ids, Status::fail);
      json::object o(sp);
      o.emplace("percent", percent_of(Decimal::from_int(p), Decimal::from_int(p + f)));
      o.emplace("passed", p);
      o.emplace("failed", f);
      o.emplace("unknown", count(ids, Status::unknown));
      o.emplace("not_applicable", count(ids, Status::not_applicable));
      return o;
    };
    json::object c = summary(all);
    json::array groups(sp);
    for (const detail::CheckGroup& g : m_.groups) {
      json::object o({{"id", g.id}, {"title", text(g.title)}}, sp);
      for (auto& kv : summary(g.checks)) o[kv.key()] = std::move(kv.value());
      groups.push_back(std::move(o));
    }
    c["groups"] = std::move(groups);
    r["compliance"] = std::move(c);
  } else {
    r["compliance"] = nullptr;
  }

  json::array findings(sp), checks(sp);
  for (int sev = 0; sev < detail::kSeverityCount; ++sev)
    for (std::size_t i = 0; i < m_.checks.size(); ++i) {
      const detail::Check& c = m_.checks[i];
      if (static_cast<int>(c.severity) != sev || check_status_[i] != Status::fail) continue;
      json::object o(sp);
      o.reserve(9);
      o.emplace("id", c.id);
      o.emplace("group", m_.groups[c.group].id);
      o.emplace("severity", detail::to_string(c.severity));
      o.emplace("title", text(c.title));
      o.emplace("basis", basis_json(c.basis, sp));
      o.emplace("finding", detail::render_variants(s_, c.finding));
      o.emplace("remediation", detail::render_variants(s_, c.remediation));
      json::array ev(sp);
      for (const detail::LocalText& e : c.evidence) ev.push_back(json::string(text(e), sp));
      o.emplace("evidence", std::move(ev));
      findings.push_back(std::move(o));
    }
  checks.reserve(m_.checks.size());
  for (std::size_t i = 0; i < m_.checks.size(); ++i)
    checks.push_back(json::object({{"id", m_.checks[i].id},
                                   {"group", m_.groups[m_.checks[i].group].id},
                                   {"status", kStatus[static_cast<int>(check_status_[i])]}}, sp));
  r["findings"] = std::move(findings);
  r["checks"] = std::move(checks);

  json::array derived(sp);
  derived.reserve(m_.derived.size());
  for (const detail::Derived& d : m_.derived) {
    json::object o(sp);
    o.reserve(4);
    o.emplace("id", d.id);
    o.emplace("label", text_or_null(d.label));
    o.emplace("value", d.slot != kNoSlot ? detail::to_json(s_.slots[d.slot]) : json::value());
    o.emplace("unit", opt_string(d.unit));
    derived.push_back(std::move(o));
  }
  r["derived"] = std::move(derived);

  json::array na_q(sp), missing_q(sp);
  bool missing_required = false;
  for (std::size_t i = 0; i < m_.questions.size(); ++i) {
    if (!s_.applicable[i]) na_q.push_back(json::string(m_.questions[i].id, sp));
    else if (s_.answers[i].is_null()) {
      missing_q.push_back(json::string(m_.questions[i].id, sp));
      missing_required |= m_.questions[i].required;
    }
  }
  r["not_applicable"] = json::object({{"questions", std::move(na_q)},
                                      {"indicators", std::move(na_ind_)},
                                      {"gates", std::move(na_gates_)},
                                      {"checks", std::move(na_checks_)}}, sp);
  r["missing"] = json::object({{"questions", std::move(missing_q)},
                               {"indicators", missing_ind_},
                               {"gates", missing_gates_},
                               {"checks", missing_checks_}}, sp);

  json::array problems(sp);
  for (const AnswerProblem& p : s_.problems)
    problems.push_back(json::object({{"question", p.question}, {"code", p.code}, {"message", p.message}, {"fatal", p.fatal}}, sp));
  r["problems"] = std::move(problems);

  json::array warnings(sp);
  std::set<std::string> seen;
  for (const std::string& w : s_.ctx.warnings)
    if (seen.insert(w).second) warnings.push_back(json::string(w, sp));
  r["warnings"] = std::move(warnings);

  json::array interp(sp);
  for (const detail::Interpretation& i : m_.interpretations)
    interp.push_back(json::object({{"id", i.id}, {"text", text(i.text)}}, sp));
  r["interpretations"] = std::move(interp);

  r["complete"] = !(missing_required || s_.has_fatal() || undecided_ || !missing_ind_.empty());
  return r;
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

Assessment assess(const Ruleset& rs, const json::value& answers, const AssessOptions& o) {
  Assessment out;
  try {
    Session s(rs.model(), o);
    detail::bind_answers(s, answers);
    if (!s.date_ok || (!answers.is_object())) {
      out.problems = std::move(s.problems);
      return out;
    }
    detail::evaluate_questionnaire(s);
    if (o.strict && s.has_fatal()) {
      out.problems = std::move(s.problems);
      return out;
    }
    detail::Assessor a(s);
    a.evaluate();
    json::value result = a.to_json();
    json::object& obj = result.as_object();
    json::object trace(result.storage());
    if (o.trace)
      for (std::size_t i = 0; i < s.slots.size(); ++i) trace[rs.model().slot_names[i]] = detail::to_json(s.slots[i]);
    // The what-if analyses reuse the session's slots and must not leak warnings.
    std::size_t warnings = s.ctx.warnings.size();
    obj["improvement"] = o.analyse ? detail::plan_improvement(s, a) : json::value();
    obj["partial"] = o.analyse ? detail::analyse_partial(s, a) : json::value();
    s.ctx.warnings.resize(warnings);
    if (o.trace) obj["trace"] = std::move(trace);
    // Constructed, not assigned: a moved-from json::value passes on its arena
    // (Assessor::to_json), while move assignment would copy the whole document
    // into the assignee's default storage.
    return Assessment{std::move(result), std::move(s.problems), true};
  } catch (const std::exception& e) {
    out.problems.push_back({"", "internal", e.what(), true});
    out.ok = false;
  }
  return out;
}

}  // namespace zice
