// The result document (docs/result-schema.md), written from an evaluated
// Assessor through a TreeOut (a boost::json tree) or a util::JsonWriter (JSON
// text): one description of the document for both, so that the text of
// zice::assess_to_json and to_json_text(zice::assess(...).result) cannot
// drift apart.
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "engine/assessor.hpp"
#include "engine/result_out.hpp"
#include "zice/version.hpp"

namespace zice::detail {

namespace {

const char* const kStatus[] = {"pass", "fail", "unknown", "not_applicable"};

template <class Out>
void put_string_or_null(Out& out, const std::string& s) {
  if (s.empty()) out.null();
  else out.string(s);
}

template <class Out>
void put_text_or_null(Out& out, const std::string* s) {
  if (s) out.string(*s);
  else out.null();
}

// A grade's declared tone (<grade tone="…">); nothing when undeclared.
template <class Out>
void put_tone(Out& out, const Grade& g) {
  if (g.tone.empty()) return;
  out.key("tone");
  out.string(g.tone);
}

// The first text variant whose condition holds, in the report language, then
// the ruleset's default language, then any; null when none holds.
template <class Out>
void put_variants(Out& out, Session& s, const Variants& v) {
  if (const TextVariant* tv = pick_variant(s, v)) out.string(render_template(s, tv->text));
  else out.null();
}

template <class Out>
void put_basis(Out& out, const std::vector<Basis>& bs) {
  out.begin_array();
  for (const Basis& b : bs) {
    out.begin_object();
    out.key(b.is_standard ? "standard" : "law");
    out.string(b.name);
    out.key(b.is_standard ? "clause" : "article");
    put_string_or_null(out, b.article);
    out.key("version");
    put_string_or_null(out, b.version);
    out.key("confidence");
    put_string_or_null(out, b.confidence);
    out.key("url");
    put_string_or_null(out, b.url);
    out.key("note");
    put_string_or_null(out, b.note);
    if (!b.effective_from.empty()) {
      out.key("effective_from");
      out.string(b.effective_from);
    }
    if (!b.effective_to.empty()) {
      out.key("effective_to");
      out.string(b.effective_to);
    }
    out.end_object();
  }
  out.end_array();
}

template <class Out>
void put_check_summary(Out& out, std::int64_t passed, std::int64_t failed, std::int64_t unknown, std::int64_t not_applicable) {
  out.key("percent");
  put_value(out, percent_value(Decimal::from_int(passed), Decimal::from_int(passed + failed)));
  out.key("passed");
  out.int64(passed);
  out.key("failed");
  out.int64(failed);
  out.key("unknown");
  out.int64(unknown);
  out.key("not_applicable");
  out.int64(not_applicable);
}

template <class Out>
void put_ids(Out& out, std::string_view key, const std::vector<const std::string*>& ids) {
  out.key(key);
  out.begin_array();
  for (const std::string* id : ids) out.string(*id);
  out.end_array();
}

}  // namespace

// The human-readable account of an applicable, scored indicator: what was
// read, which option or band it met, the points. Written into `buf` (reused
// across indicators: no allocation per string).
std::string_view Assessor::explain(std::size_t i, std::string& buf) const {
  using Method = detail::Indicator::Method;
  const detail::Indicator& ind = m_.indicators[i];
  const IndicatorResult& r = ind_[i];
  // Plain appends rather than fmt::format: this runs for every indicator of
  // every result, and the pieces are whole strings.
  buf.clear();
  auto put = [&](std::string_view a, std::string_view b = {}, std::string_view c = {}) {
    buf.append(a).append(b).append(c);
  };
  switch (ind.method) {
    case Method::options: {
      const detail::Question& q = m_.questions[ind.question];
      const Value& v = s_.slots[q.slot];
      if (r.missing) {
        put(q.id, " ", s_.tr("未作答 → 0 分", "unanswered → 0 points"));
        break;
      }
      put(q.id, " = ", v.to_display());
      buf += " → ";
      bool any = false;
      for_each_selected(ind, v, [&](const detail::OptionPoints& op) {
        put(any ? " + " : "", op.value, "=");
        buf += op.points.to_string();
        any = true;
      });
      if (!any) buf += '0';
      if (r.capped) {
        put(" (", s_.tr("封顶", "capped at"), " ");
        put((ind.cap ? *ind.cap : ind.max).to_string(), ")");
      }
      break;
    }
    case Method::bands: {
      std::string_view name = ind.of ? ind.of->source() : "";
      if (r.missing) {
        put(name, " ", s_.tr("无法计算（输入未作答）→ 0 分", "cannot be computed (unanswered input) → 0 points"));
        break;
      }
      const Decimal& x = r.input.as_number();
      const detail::Band* hit = r.band;
      put(name, " = ", x.to_string());
      if (!hit) {
        put(" ", s_.tr("不在任何分档内 → 0 分", "is in no band → 0 points"));
        break;
      }
      put(ind.unit, " ∈ ", hit->lo ? (hit->lo_inclusive ? "[" : "(") : "(");
      put(hit->lo ? hit->lo->to_string() : "-∞", ", ", hit->hi ? hit->hi->to_string() : "∞");
      put(hit->hi ? (hit->hi_inclusive ? "]" : ")") : ")", " → ", hit->points.to_string());
      break;
    }
    case Method::formula: {
      if (r.missing) {
        buf += s_.tr("公式无法计算（输入未作答）→ 0 分", "formula cannot be computed (unanswered input) → 0 points");
        break;
      }
      const Decimal& v = r.input.as_number();
      put(ind.formula->source(), " = ", v.to_string());
      if (!(r.raw == v)) put(" → ", r.raw.to_string());
      break;
    }
  }
  if (!(ind.weight == Decimal::from_int(1))) put(" × ", ind.weight.to_string());
  return buf;
}

template <class Out>
void Assessor::write_indicator(Out& out, std::size_t i) {
  using Method = detail::Indicator::Method;
  static const char* const kMethod[] = {"options", "bands", "formula"};
  const detail::Indicator& ind = m_.indicators[i];
  const IndicatorResult& r = ind_[i];
  out.begin_object();
  out.key("id");
  out.string(ind.id);
  out.key("title");
  out.string(text(ind.title));
  out.key("dimension");
  out.string(m_.dimensions[ind.dimension].id);
  out.key("applicable");
  out.boolean(r.applicable);
  out.key("points");
  if (r.applicable) put_number(out, r.points);
  else out.null();
  out.key("max");
  put_number(out, mul_or_zero(ind.max, ind.weight));
  out.key("method");
  out.string(kMethod[static_cast<int>(ind.method)]);
  if (r.overridden) {  // a what-if assessment: no details
    out.end_object();
    return;
  }
  if (!r.applicable) {
    out.key("input");
    out.null();
    out.key("matched");
    out.null();
    out.key("explain");
    out.string(s_.tr("不适用", "not applicable"));
    out.end_object();
    return;
  }
  out.key("input");
  out.begin_object();
  switch (ind.method) {
    case Method::options: {
      const detail::Question& q = m_.questions[ind.question];
      out.key("name");
      out.string(q.id);
      out.key("value");
      put_value(out, s_.slots[q.slot]);
      break;
    }
    case Method::bands:
      out.key("name");
      out.string(ind.of ? ind.of->source() : "");
      out.key("value");
      put_value(out, r.input);
      break;
    case Method::formula:
      out.key("expr");
      out.string(ind.formula ? ind.formula->source() : "");
      out.key("value");
      put_value(out, r.input);
      break;
  }
  out.end_object();
  out.key("matched");
  if (ind.method == Method::options) {
    out.begin_array();
    if (!r.missing)
      for_each_selected(ind, s_.slots[m_.questions[ind.question].slot], [&](const detail::OptionPoints& op) {
        out.begin_object();
        out.key("value");
        out.string(op.value);
        out.key("points");
        put_number(out, op.points);
        out.end_object();
      });
    out.end_array();
  } else if (const detail::Band* b = r.band) {
    out.begin_object();
    if (b->lo) {
      out.key(b->lo_inclusive ? "ge" : "gt");
      put_number(out, *b->lo);
    }
    if (b->hi) {
      out.key(b->hi_inclusive ? "le" : "lt");
      put_number(out, *b->hi);
    }
    out.key("points");
    put_number(out, b->points);
    out.key("label");
    put_string_or_null(out, b->label);
    out.end_object();
  } else {
    out.null();
  }
  out.key("explain");
  out.string(explain(i, explain_buf_));
  out.end_object();
}

template <class Out>
void Assessor::write(Out& out) {
  // Decided before anything is written: "complete" comes early in the document.
  std::vector<const std::string*> na_q, missing_q;
  for (std::size_t i = 0; i < m_.questions.size(); ++i) {
    if (!s_.applicable[i]) na_q.push_back(&m_.questions[i].id);
    else if (s_.answers[i].is_null()) missing_q.push_back(&m_.questions[i].id);
  }
  std::vector<const std::string*> na_ind, missing_ind, na_gates, missing_gates, na_checks, missing_checks;
  if (m_.has_scoring)
    for (std::size_t i = 0; i < m_.indicators.size(); ++i) {
      if (!ind_[i].applicable) na_ind.push_back(&m_.indicators[i].id);
      if (ind_[i].missing) missing_ind.push_back(&m_.indicators[i].id);
    }
  for (std::size_t i = 0; i < m_.gates.size(); ++i) {
    if (gate_status_[i] == Status::not_applicable) na_gates.push_back(&m_.gates[i].id);
    if (gate_status_[i] == Status::unknown) missing_gates.push_back(&m_.gates[i].id);
  }
  if (m_.has_checks)
    for (const detail::CheckGroup& g : m_.groups)
      for (int ci : g.checks) {
        if (check_status_[ci] == Status::not_applicable) na_checks.push_back(&m_.checks[ci].id);
        if (check_status_[ci] == Status::unknown) missing_checks.push_back(&m_.checks[ci].id);
      }
  bool complete = this->complete();

  out.key("schema");
  out.string("zice-result/1");
  out.key("engine");
  out.begin_object();
  out.key("name");
  out.string("zice");
  out.key("version");
  out.string(ZICE_VERSION);
  out.end_object();

  out.key("ruleset");
  out.begin_object();
  out.key("id");
  out.string(m_.id);
  out.key("version");
  out.string(m_.version);
  out.key("title");
  out.string(text(m_.title));
  out.key("sha256");
  out.string(m_.sha256);
  if (m_.chain.size() > 1) {  // an overlay: record every layer
    out.key("chain");
    out.begin_array();
    for (const detail::Layer& l : m_.chain) {
      out.begin_object();
      out.key("id");
      out.string(l.id);
      out.key("version");
      out.string(l.version);
      out.key("sha256");
      out.string(l.sha256);
      out.end_object();
    }
    out.end_array();
  }
  out.end_object();

  out.key("lang");
  out.string(s_.lang);
  out.key("assessment_date");
  if (m_.date_slot != kNoSlot && !s_.slots[m_.date_slot].is_null())
    out.string(expr::format_iso_date(s_.slots[m_.date_slot].as_date()));
  else
    out.null();
  out.key("complete");
  out.boolean(complete);

  out.key("grade");
  if (result_ >= 0) {
    const detail::Grade& g = m_.grades[result_];
    out.begin_object();
    out.key("id");
    out.string(g.id);
    out.key("title");
    out.string(text(g.title));
    put_tone(out, g);
    out.key("message");
    put_variants(out, s_, g.message);
    out.key("description");
    put_variants(out, s_, g.description);
    out.key("provisional");
    out.boolean(provisional_);
    out.end_object();
  } else {
    out.null();
  }
  out.key("grades");
  out.begin_array();
  for (std::size_t i = 0; i < m_.grades.size(); ++i) {
    out.begin_object();
    out.key("id");
    out.string(m_.grades[i].id);
    out.key("title");
    out.string(text(m_.grades[i].title));
    put_tone(out, m_.grades[i]);
    out.key("status");
    out.string(grade_status_[i]);
    out.key("failing");
    out.begin_array();
    for (const auto& [condition, value] : grade_failing_[i]) {
      out.begin_object();
      out.key("condition");
      out.string(condition);
      out.key("value");
      put_value(out, value);
      out.end_object();
    }
    out.end_array();
    out.end_object();
  }
  out.end_array();

  out.key("score");
  if (m_.has_scoring) {
    out.begin_object();
    out.key("total");
    put_number(out, total_);
    out.key("max");
    put_number(out, total_max_);
    out.key("percent");
    put_value(out, percent_value(total_, total_max_));
    out.end_object();
  } else {
    out.null();
  }

  out.key("dimensions");
  out.begin_array();
  for (std::size_t i = 0; i < m_.dimensions.size(); ++i) {
    const detail::Dimension& d = m_.dimensions[i];
    const DimensionResult& dr = dim_[i];
    out.begin_object();
    out.key("id");
    out.string(d.id);
    out.key("title");
    out.string(text(d.title));
    out.key("parent");
    if (d.parent >= 0) out.string(m_.dimensions[d.parent].id);
    else out.null();
    out.key("applicable");
    out.boolean(dr.applicable);
    out.key("score");
    if (dr.applicable) put_number(out, dr.score);
    else out.null();
    out.key("max");
    if (dr.applicable) put_number(out, dr.max);
    else out.null();
    out.key("percent");
    put_value(out, dr.applicable ? percent_value(dr.score, dr.max) : Value());
    out.key("weight");
    put_number(out, d.weight);
    out.key("min");
    if (d.min) put_number(out, *d.min);
    else out.null();
    out.key("min_met");
    if (d.min && dr.applicable) out.boolean(dr.score >= *d.min);
    else out.null();
    out.end_object();
  }
  out.end_array();

  out.key("indicators");
  out.begin_array();
  for (std::size_t i = 0; i < m_.indicators.size(); ++i) write_indicator(out, i);
  out.end_array();

  out.key("gates");
  out.begin_array();
  for (std::size_t i = 0; i < m_.gates.size(); ++i) {
    const detail::Gate& g = m_.gates[i];
    Status st = gate_status_[i];
    bool relevant = g.kind == detail::GateKind::mandatory ? st == Status::fail : st == Status::pass;
    out.begin_object();
    out.key("id");
    out.string(g.id);
    out.key("kind");
    out.string(g.kind == detail::GateKind::mandatory ? "mandatory" : "direct");
    out.key("title");
    out.string(text(g.title));
    out.key("status");
    out.string(kStatus[static_cast<int>(st)]);
    out.key("passed");
    if (st == Status::pass || st == Status::fail) out.boolean(st == Status::pass);
    else out.null();
    out.key("message");
    if (relevant) put_variants(out, s_, g.message);
    else out.null();
    out.key("basis");
    put_basis(out, g.basis);
    out.end_object();
  }
  out.end_array();

  out.key("compliance");
  if (m_.has_checks) {
    auto count = [&](Status st) {
      std::int64_t n = 0;
      for (Status x : check_status_) n += x == st;
      return n;
    };
    out.begin_object();
    put_check_summary(out, count(Status::pass), count(Status::fail), count(Status::unknown), count(Status::not_applicable));
    out.key("groups");
    out.begin_array();
    for (const detail::CheckGroup& g : m_.groups) {
      std::int64_t n[4] = {};
      for (int ci : g.checks) ++n[static_cast<int>(check_status_[ci])];
      out.begin_object();
      out.key("id");
      out.string(g.id);
      out.key("title");
      out.string(text(g.title));
      put_check_summary(out, n[0], n[1], n[2], n[3]);
      out.end_object();
    }
    out.end_array();
    out.end_object();
  } else {
    out.null();
  }

  out.key("findings");
  out.begin_array();
  for (int sev = 0; sev < detail::kSeverityCount; ++sev)
    for (std::size_t i = 0; i < m_.checks.size(); ++i) {
      const detail::Check& c = m_.checks[i];
      if (static_cast<int>(c.severity) != sev || check_status_[i] != Status::fail) continue;
      out.begin_object();
      out.key("id");
      out.string(c.id);
      out.key("group");
      out.string(m_.groups[c.group].id);
      out.key("severity");
      out.string(detail::to_string(c.severity));
      out.key("title");
      out.string(text(c.title));
      out.key("basis");
      put_basis(out, c.basis);
      out.key("finding");
      put_variants(out, s_, c.finding);
      out.key("remediation");
      put_variants(out, s_, c.remediation);
      out.key("evidence");
      out.begin_array();
      for (const detail::LocalText& e : c.evidence) out.string(text(e));
      out.end_array();
      out.end_object();
    }
  out.end_array();
  out.key("checks");
  out.begin_array();
  for (std::size_t i = 0; i < m_.checks.size(); ++i) {
    out.begin_object();
    out.key("id");
    out.string(m_.checks[i].id);
    out.key("group");
    out.string(m_.groups[m_.checks[i].group].id);
    out.key("status");
    out.string(kStatus[static_cast<int>(check_status_[i])]);
    out.end_object();
  }
  out.end_array();

  out.key("derived");
  out.begin_array();
  for (const detail::Derived& d : m_.derived) {
    out.begin_object();
    out.key("id");
    out.string(d.id);
    out.key("label");
    put_text_or_null(out, d.label.get(s_.lang, m_.default_lang));
    out.key("value");
    put_value(out, d.slot != kNoSlot ? s_.slots[d.slot] : Value());
    out.key("unit");
    put_string_or_null(out, d.unit);
    out.end_object();
  }
  out.end_array();

  using Ids = std::vector<const std::string*>;
  auto put_lists = [&](std::string_view key, const Ids& q, const Ids& ind, const Ids& gates, const Ids& checks) {
    out.key(key);
    out.begin_object();
    put_ids(out, "questions", q);
    put_ids(out, "indicators", ind);
    put_ids(out, "gates", gates);
    put_ids(out, "checks", checks);
    out.end_object();
  };
  put_lists("not_applicable", na_q, na_ind, na_gates, na_checks);
  put_lists("missing", missing_q, missing_ind, missing_gates, missing_checks);

  out.key("problems");
  out.begin_array();
  for (const AnswerProblem& p : s_.problems) {
    out.begin_object();
    out.key("question");
    out.string(p.question);
    out.key("code");
    out.string(p.code);
    out.key("message");
    out.string(p.message);
    out.key("fatal");
    out.boolean(p.fatal);
    out.end_object();
  }
  out.end_array();

  out.key("warnings");
  out.begin_array();
  std::unordered_set<std::string_view> seen;  // a warning repeated by several evaluations is listed once
  for (const std::string& w : s_.ctx.warnings)
    if (seen.insert(w).second) out.string(w);
  out.end_array();

  out.key("interpretations");
  out.begin_array();
  for (const detail::Interpretation& in : m_.interpretations) {
    out.begin_object();
    out.key("id");
    out.string(in.id);
    out.key("text");
    out.string(text(in.text));
    out.end_object();
  }
  out.end_array();
}

bool Assessor::complete() const {
  if (s_.has_fatal() || undecided_) return false;
  for (std::size_t i = 0; i < m_.questions.size(); ++i)
    if (s_.applicable[i] && s_.answers[i].is_null() && m_.questions[i].required) return false;
  if (m_.has_scoring)
    for (const IndicatorResult& r : ind_)
      if (r.missing) return false;
  return true;
}

void Assessor::summarise(AssessmentSummary& out) const {
  out.grade = result_ >= 0 ? m_.grades[result_].id : std::string();
  out.total = m_.has_scoring ? to_json(total_) : json::value();
  out.percent = m_.has_scoring ? to_json(percent_value(total_, total_max_)) : json::value();
  out.dimensions.clear();
  out.dimensions.reserve(m_.dimensions.size());
  for (std::size_t i = 0; i < m_.dimensions.size(); ++i)
    out.dimensions.push_back(dim_[i].applicable ? to_json(dim_[i].score) : json::value());
  out.failed_gates.clear();
  for (std::size_t i = 0; i < m_.gates.size(); ++i)
    if (m_.gates[i].kind == detail::GateKind::mandatory && gate_status_[i] == Status::fail) out.failed_gates.push_back(m_.gates[i].id);
  out.findings = {};
  for (std::size_t i = 0; i < check_status_.size(); ++i)
    if (check_status_[i] == Status::fail) ++out.findings[static_cast<std::size_t>(m_.checks[i].severity)];
  out.complete = complete();
  out.problems = s_.problems.size();
}

template void Assessor::write(TreeOut&);
template void Assessor::write(util::JsonWriter<true>&);
template void Assessor::write(util::JsonWriter<false>&);

}  // namespace zice::detail
