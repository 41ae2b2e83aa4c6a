// Ruleset comparison (include/zice/diff.hpp): structural changes by id and the
// impact on a corpus of answers.
#include "zice/diff.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "ruleset/model.hpp"
#include "zice/assess.hpp"

namespace zice {
namespace {

namespace json = boost::json;
using detail::Decimal;
using detail::Model;
using detail::Program;

std::optional<std::string> src(const std::optional<Program>& p) {
  if (!p) return std::nullopt;
  return std::string(p->source());
}
std::optional<std::string> dec(const std::optional<Decimal>& d) {
  if (!d) return std::nullopt;
  return d->to_string();
}
std::optional<std::string> dec(const Decimal& d) { return d.to_string(); }
std::optional<std::string> str(const std::string& s) { return s; }

json::value opt_json(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

class Differ {
 public:
  json::array changes;

  void added(const char* what, const std::string& id) { push("added", what, id, nullptr, nullptr, nullptr); }
  void removed(const char* what, const std::string& id) { push("removed", what, id, nullptr, nullptr, nullptr); }
  void field(const char* what, const std::string& id, const char* name, const std::optional<std::string>& a,
             const std::optional<std::string>& b) {
    if (a == b) return;
    push("changed", what, id, json::value(name), opt_json(a), opt_json(b));
  }

  // Items of two vectors matched by id: added, removed, and `both` for pairs.
  template <class T, class F>
  void by_id(const char* what, const std::vector<T>& a, const std::vector<T>& b, F both) {
    std::map<std::string, const T*> in_b;
    for (const T& x : b) in_b[x.id] = &x;
    std::map<std::string, const T*> in_a;
    for (const T& x : a) in_a[x.id] = &x;
    for (const T& x : a) {
      auto it = in_b.find(x.id);
      if (it == in_b.end()) removed(what, x.id);
      else both(x, *it->second);
    }
    for (const T& x : b)
      if (!in_a.count(x.id)) added(what, x.id);
  }

 private:
  void push(const char* kind, const char* what, const std::string& id, json::value field, json::value a,
            json::value b) {
    changes.push_back(json::object{{"kind", kind}, {"what", what}, {"id", id}, {"field", std::move(field)},
                                   {"old", std::move(a)}, {"new", std::move(b)}});
  }
};

const char* method_name(detail::Indicator::Method m) {
  switch (m) {
    case detail::Indicator::Method::options: return "options";
    case detail::Indicator::Method::bands: return "bands";
    case detail::Indicator::Method::formula: return "formula";
  }
  return "?";
}

std::string band_range(const detail::Band& b) {
  std::string lo = b.lo ? (b.lo_text.empty() ? b.lo->to_string() : b.lo_text) : "";
  std::string hi = b.hi ? (b.hi_text.empty() ? b.hi->to_string() : b.hi_text) : "";
  if (b.lo && b.hi)
    return fmt::format("{}{}, {}{}", b.lo_inclusive ? "[" : "(", lo, hi, b.hi_inclusive ? "]" : ")");
  if (b.lo) return fmt::format("{} {}", b.lo_inclusive ? "≥" : ">", lo);
  if (b.hi) return fmt::format("{} {}", b.hi_inclusive ? "≤" : "<", hi);
  return "any";
}

std::string basis_text(const std::vector<detail::Basis>& v) {
  std::string out;
  for (const detail::Basis& b : v) {
    if (!out.empty()) out += "; ";
    out += b.name;
    if (!b.article.empty()) out += " " + b.article;
  }
  return out;
}

json::value ruleset_head(const Ruleset& rs) {
  return json::object{{"id", rs.id()}, {"version", rs.version()}, {"title", rs.title()}};
}

void diff_questions(Differ& d, const Model& a, const Model& b) {
  d.by_id("question", a.questions, b.questions, [&](const detail::Question& x, const detail::Question& y) {
    d.field("question", x.id, "type", str(to_string(x.type)), str(to_string(y.type)));
    d.field("question", x.id, "required", str(x.required ? "true" : "false"), str(y.required ? "true" : "false"));
    d.field("question", x.id, "when", src(x.when), src(y.when));
    d.field("question", x.id, "min", dec(x.min), dec(y.min));
    d.field("question", x.id, "max", dec(x.max), dec(y.max));
    for (const detail::Option& o : x.options)
      if (!y.find_option(o.value)) d.removed("option", x.id + "." + o.value);
    for (const detail::Option& o : y.options)
      if (!x.find_option(o.value)) d.added("option", x.id + "." + o.value);
  });
  d.by_id("derived", a.derived, b.derived, [&](const detail::Derived& x, const detail::Derived& y) {
    d.field("derived", x.id, "expr", src(x.expr), src(y.expr));
  });
}

std::optional<std::string> question_id(const Model& m, int q) {
  if (q < 0 || q >= static_cast<int>(m.questions.size())) return std::nullopt;
  return m.questions[static_cast<std::size_t>(q)].id;
}

void diff_indicators(Differ& d, const Model& a, const Model& b) {
  d.by_id("indicator", a.indicators, b.indicators, [&](const detail::Indicator& x, const detail::Indicator& y) {
    d.field("indicator", x.id, "method", str(method_name(x.method)), str(method_name(y.method)));
    d.field("indicator", x.id, "max", dec(x.max), dec(y.max));
    d.field("indicator", x.id, "weight", dec(x.weight), dec(y.weight));
    d.field("indicator", x.id, "when", src(x.when), src(y.when));
    if (x.method != y.method) return;
    switch (x.method) {
      case detail::Indicator::Method::options: {
        d.field("indicator", x.id, "question", question_id(a, x.question), question_id(b, y.question));
        d.field("indicator", x.id, "cap", dec(x.cap), dec(y.cap));
        std::map<std::string, std::string> pa, pb;
        for (const auto& op : x.option_points) pa[op.value] = op.points.to_string();
        for (const auto& op : y.option_points) pb[op.value] = op.points.to_string();
        for (const auto& [v, p] : pa) {
          auto it = pb.find(v);
          if (it == pb.end()) d.removed("option", x.id + "." + v);
          else d.field("option", x.id + "." + v, "points", p, it->second);
        }
        for (const auto& [v, p] : pb)
          if (!pa.count(v)) d.added("option", x.id + "." + v);
        break;
      }
      case detail::Indicator::Method::bands: {
        d.field("indicator", x.id, "of", src(x.of), src(y.of));
        std::size_t n = std::max(x.bands.size(), y.bands.size());
        for (std::size_t i = 0; i < n; ++i) {
          std::string id = fmt::format("{}#{}", x.id, i + 1);
          if (i >= y.bands.size()) { d.removed("band", id); continue; }
          if (i >= x.bands.size()) { d.added("band", id); continue; }
          d.field("band", id, "range", band_range(x.bands[i]), band_range(y.bands[i]));
          d.field("band", id, "points", x.bands[i].points.to_string(), y.bands[i].points.to_string());
        }
        break;
      }
      case detail::Indicator::Method::formula:
        d.field("indicator", x.id, "formula", src(x.formula), src(y.formula));
        break;
    }
  });
}

void diff_rest(Differ& d, const Model& a, const Model& b) {
  d.by_id("dimension", a.dimensions, b.dimensions, [&](const detail::Dimension& x, const detail::Dimension& y) {
    d.field("dimension", x.id, "max", dec(x.declared_max), dec(y.declared_max));
    d.field("dimension", x.id, "min", dec(x.min), dec(y.min));
    d.field("dimension", x.id, "cap", dec(x.cap), dec(y.cap));
    d.field("dimension", x.id, "weight", dec(x.weight), dec(y.weight));
    d.field("dimension", x.id, "when", src(x.when), src(y.when));
  });
  auto kind = [](detail::GateKind k) { return std::string(k == detail::GateKind::direct ? "direct" : "mandatory"); };
  d.by_id("gate", a.gates, b.gates, [&](const detail::Gate& x, const detail::Gate& y) {
    d.field("gate", x.id, "kind", kind(x.kind), kind(y.kind));
    d.field("gate", x.id, "test", src(x.test), src(y.test));
    d.field("gate", x.id, "when", src(x.when), src(y.when));
  });
  d.by_id("check", a.checks, b.checks, [&](const detail::Check& x, const detail::Check& y) {
    d.field("check", x.id, "severity", str(to_string(x.severity)), str(to_string(y.severity)));
    d.field("check", x.id, "test", src(x.test), src(y.test));
    d.field("check", x.id, "when", src(x.when), src(y.when));
    d.field("check", x.id, "basis", basis_text(x.basis), basis_text(y.basis));
  });
  d.by_id("grade", a.grades, b.grades, [&](const detail::Grade& x, const detail::Grade& y) {
    d.field("grade", x.id, "when", src(x.when), src(y.when));
  });
}

// ---------------------------------------------------------------- impact

struct Outcome {
  bool invalid = false;
  std::string grade = "(none)";
  std::optional<double> total;
};

Outcome outcome(const Ruleset& rs, const json::value& answers, const AssessOptions& o) {
  Outcome out;
  Assessment as = assess(rs, answers, o);
  for (const AnswerProblem& p : as.problems)
    if (p.fatal && p.code != "unknown_question" && p.code != "not_applicable") out.invalid = true;
  if (!as.ok || !as.result.is_object()) {
    out.invalid = true;
    return out;
  }
  const json::object& r = as.result.as_object();
  if (const json::value* g = r.if_contains("grade"); g && g->is_object())
    if (const json::value* id = g->as_object().if_contains("id"); id && id->is_string())
      out.grade = std::string(id->as_string());
  if (const json::value* s = r.if_contains("score"); s && s->is_object())
    if (const json::value* t = s->as_object().if_contains("total"); t && t->is_number())
      out.total = t->to_number<double>();
  return out;
}

json::value num(double v) {
  double r = std::round(v * 1000.0) / 1000.0;
  if (r == std::floor(r) && std::abs(r) < 1e15) return json::value(static_cast<std::int64_t>(r));
  return json::value(r);
}

json::value opt_num(const std::optional<double>& v) { return v ? num(*v) : json::value(nullptr); }

std::string num_text(const json::value& v) {
  if (v.is_null()) return "—";
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_double()) {
    std::string s = fmt::format("{:.3f}", v.as_double());
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  return json::serialize(v);
}

std::string signed_text(const json::value& v) {
  std::string s = num_text(v);
  if (!v.is_null() && v.to_number<double>() > 0) s = "+" + s;
  return s;
}

}  // namespace

json::value ruleset_diff(const Ruleset& old, const Ruleset& neu) {
  Differ d;
  const Model& a = old.model();
  const Model& b = neu.model();
  diff_questions(d, a, b);
  diff_indicators(d, a, b);
  diff_rest(d, a, b);
  int added = 0, removed = 0, changed = 0;
  for (const json::value& c : d.changes) {
    std::string_view k = c.as_object().at("kind").as_string();
    (k == "added" ? added : k == "removed" ? removed : changed)++;
  }
  return json::object{{"old", ruleset_head(old)},
                      {"new", ruleset_head(neu)},
                      {"summary", {{"added", added}, {"removed", removed}, {"changed", changed}}},
                      {"changes", std::move(d.changes)}};
}

json::value diff_impact(const Ruleset& old, const Ruleset& neu, const std::vector<CorpusRecord>& corpus,
                        const std::string& date) {
  AssessOptions o;
  o.analyse = false;
  o.date = date;
  struct Transition {
    int count = 0;
    json::array examples;
  };
  std::map<std::pair<std::string, std::string>, Transition> transitions;
  int invalid_old = 0, invalid_new = 0, grade_changed = 0, score_changed = 0, scored = 0;
  double sum = 0;
  std::optional<double> lo, hi;
  for (const CorpusRecord& rec : corpus) {
    Outcome x = outcome(old, rec.answers, o);
    Outcome y = outcome(neu, rec.answers, o);
    invalid_old += x.invalid;
    invalid_new += y.invalid;
    std::string from = x.invalid ? "(invalid)" : x.grade;
    std::string to = y.invalid ? "(invalid)" : y.grade;
    if (from != to) ++grade_changed;
    Transition& t = transitions[{from, to}];
    ++t.count;
    if (t.examples.size() < 5)
      t.examples.push_back(json::object{{"id", rec.id}, {"old_total", opt_num(x.total)}, {"new_total", opt_num(y.total)}});
    if (x.total && y.total) {
      double delta = *y.total - *x.total;
      ++scored;
      sum += delta;
      if (std::abs(delta) > 1e-9) ++score_changed;
      lo = lo ? std::min(*lo, delta) : delta;
      hi = hi ? std::max(*hi, delta) : delta;
    }
  }
  std::vector<std::pair<std::pair<std::string, std::string>, Transition*>> sorted;
  for (auto& [k, t] : transitions) sorted.emplace_back(k, &t);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& p, const auto& q) { return p.second->count > q.second->count; });
  json::array ts;
  for (auto& [k, t] : sorted)
    ts.push_back(json::object{{"from", k.first}, {"to", k.second}, {"count", t->count},
                              {"examples", std::move(t->examples)}});
  return json::object{
      {"records", static_cast<std::int64_t>(corpus.size())},
      {"date", date},
      {"invalid", {{"old", invalid_old}, {"new", invalid_new}}},
      {"grade_changed", grade_changed},
      {"transitions", std::move(ts)},
      {"score",
       {{"compared", scored},
        {"count_changed", score_changed},
        {"mean", scored ? num(sum / scored) : json::value(nullptr)},
        {"min", opt_num(lo)},
        {"max", opt_num(hi)}}}};
}

std::string render_diff_text(const json::value& diff, const json::value& impact) {
  const json::object& d = diff.as_object();
  auto head = [](const json::value& h) {
    const json::object& o = h.as_object();
    return fmt::format("{} {} ({})", std::string_view(o.at("id").as_string()),
                       std::string_view(o.at("version").as_string()), std::string_view(o.at("title").as_string()));
  };
  std::string out = fmt::format("旧 old: {}\n新 new: {}\n\n", head(d.at("old")), head(d.at("new")));
  const json::object& s = d.at("summary").as_object();
  out += fmt::format("结构变化 Structural changes: {} added, {} removed, {} changed\n",
                     s.at("added").as_int64(), s.at("removed").as_int64(), s.at("changed").as_int64());
  auto text = [](const json::value& v) { return v.is_null() ? std::string("—") : std::string(v.as_string()); };
  for (const json::value& cv : d.at("changes").as_array()) {
    const json::object& c = cv.as_object();
    std::string_view kind = c.at("kind").as_string();
    std::string what(c.at("what").as_string()), id(c.at("id").as_string());
    if (kind == "added") out += fmt::format("  + {} {}\n", what, id);
    else if (kind == "removed") out += fmt::format("  - {} {}\n", what, id);
    else
      out += fmt::format("  ~ {} {} {}: {} → {}\n", what, id, std::string_view(c.at("field").as_string()),
                         text(c.at("old")), text(c.at("new")));
  }
  if (impact.is_null()) return out;
  const json::object& im = impact.as_object();
  const json::object& inv = im.at("invalid").as_object();
  out += fmt::format("\n语料影响 Impact on {} records (assessment date {}):\n", im.at("records").as_int64(),
                     std::string_view(im.at("date").as_string()));
  out += fmt::format("  invalid: {} with the old ruleset, {} with the new\n", inv.at("old").as_int64(),
                     inv.at("new").as_int64());
  out += fmt::format("  grade changed: {} of {}\n", im.at("grade_changed").as_int64(), im.at("records").as_int64());
  const json::object& sc = im.at("score").as_object();
  out += fmt::format("  score (new − old total, {} compared): {} changed; mean {}, min {}, max {}\n",
                     sc.at("compared").as_int64(), sc.at("count_changed").as_int64(), signed_text(sc.at("mean")),
                     signed_text(sc.at("min")), signed_text(sc.at("max")));
  out += "\n  等级迁移 Grade transitions (old → new: count):\n";
  for (const json::value& tv : im.at("transitions").as_array()) {
    const json::object& t = tv.as_object();
    out += fmt::format("    {} → {}: {}\n", std::string_view(t.at("from").as_string()),
                       std::string_view(t.at("to").as_string()), t.at("count").as_int64());
    if (t.at("from") == t.at("to")) continue;
    for (const json::value& ev : t.at("examples").as_array()) {
      const json::object& e = ev.as_object();
      out += fmt::format("        {}: total {} → {}\n", std::string_view(e.at("id").as_string()),
                         num_text(e.at("old_total")), num_text(e.at("new_total")));
    }
  }
  return out;
}

}  // namespace zice
