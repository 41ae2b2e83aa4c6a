// zice::ruleset_stats(): score ranges, reachable grades and questionnaire
// path lengths of a ruleset (include/zice/stats.hpp), from the model-level
// analysis of lint/analysis.hpp.
//
// Questionnaire paths: the questions whose answers decide applicability (read
// by a question or section `when`, directly or through derived values) are
// enumerated over their representative answered values (booleans both ways,
// every option, multi-choice none/each/all, numbers around the literals the
// conditions use); for each combination the questionnaire is evaluated in the
// model's dependency order exactly like the engine does, and the applicable
// questions are counted. All combinations when there are at most 4096,
// otherwise a deterministic sample of 4096.
#include "zice/stats.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "lint/analysis.hpp"
#include "ruleset/model.hpp"
#include "util/text_width.hpp"

namespace zice {

namespace json = boost::json;
using analysis::Context;
using detail::Decimal;
using detail::Model;
using expr::Value;

namespace {

constexpr std::size_t kPathLimit = 4096;

json::value num(const Decimal& d) {
  if (d.is_integer())
    if (auto i = d.to_int64()) return *i;
  return d.to_double();
}

json::value value_json(const Value& v) {
  switch (v.type()) {
    case expr::Type::Null: return nullptr;
    case expr::Type::Bool: return v.as_bool();
    case expr::Type::Number: return num(v.as_number());
    case expr::Type::String: return json::string(v.as_string());
    case expr::Type::Date: return json::string(expr::format_iso_date(v.as_date()));
    case expr::Type::List: {
      json::array a;
      for (const Value& x : v.as_list()) a.push_back(value_json(x));
      return a;
    }
    case expr::Type::Any: break;
  }
  return nullptr;
}

json::value opt_num(const std::optional<Decimal>& d) { return d ? num(*d) : json::value(nullptr); }

std::int32_t today_days() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<std::int32_t>(now.time_since_epoch().count());
}

bool is_true(const Value& v) { return v.type() == expr::Type::Bool && v.as_bool(); }

struct Builder {
  const Model& m;
  std::string lang;
  Context ctx;

  std::string text(const detail::LocalText& t) const { return t.str(lang, m.default_lang); }

  json::value total() const {
    const auto& r = ctx.ranges;
    return json::object{{"min", num(r.total.lo)},
                        {"max", num(r.total.hi)},
                        {"computed_max", num(r.total_computed_max)},
                        {"declared_max", opt_num(m.declared_total_max)}};
  }

  json::array dimensions() const {
    const auto& r = ctx.ranges;
    json::array out;
    for (std::size_t i = 0; i < m.dimensions.size(); ++i) {
      const auto& d = m.dimensions[i];
      json::value reachable = nullptr;
      if (d.min) reachable = !r.dimension_always_na[i] && *d.min <= r.dimension[i].hi;
      out.push_back(json::object{
          {"id", d.id},
          {"title", text(d.title)},
          {"parent", d.parent >= 0 ? json::value(m.dimensions[d.parent].id) : json::value(nullptr)},
          {"weight", num(d.weight)},
          {"min_score", num(r.dimension[i].lo)},
          {"max_score", num(r.dimension[i].hi)},
          {"computed_max", num(r.dimension_computed_max[i])},
          {"declared_max", opt_num(d.declared_max)},
          {"min", opt_num(d.min)},
          {"min_reachable", reachable},
          {"may_be_not_applicable", static_cast<bool>(r.dimension_may_be_na[i])}});
    }
    return out;
  }

  json::array indicators() const {
    const auto& r = ctx.ranges;
    static const char* kMethod[] = {"options", "bands", "formula"};
    json::array out;
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
      const auto& ind = m.indicators[i];
      json::array pts;
      if (!r.continuous[i])
        for (const Decimal& p : r.points[i]) pts.push_back(num(p));
      out.push_back(json::object{
          {"id", ind.id},
          {"title", text(ind.title)},
          {"dimension", ind.dimension >= 0 ? json::value(m.dimensions[ind.dimension].id) : json::value(nullptr)},
          {"method", kMethod[static_cast<int>(ind.method)]},
          {"weight", num(ind.weight)},
          {"max", num(ind.max)},
          {"declared_max", opt_num(ind.declared_max)},
          {"min_points", num(r.indicator[i].lo)},
          {"max_points", num(r.indicator[i].hi)},
          {"points", std::move(pts)},
          {"continuous", static_cast<bool>(r.continuous[i])},
          {"may_be_not_applicable", static_cast<bool>(r.indicator_may_be_na[i])}});
    }
    return out;
  }

  json::value grades() const {
    if (!m.has_grades || m.grades.empty()) return nullptr;
    analysis::GradeAnalysis a = analysis::analyse_grades(ctx);
    json::array inputs;
    for (std::uint32_t s : a.scores.tracked) inputs.push_back(json::string(m.slot_names[s]));
    for (std::uint32_t s : a.free_slots) inputs.push_back(json::string(m.slot_names[s]));
    json::array items;
    for (std::size_t i = 0; i < m.grades.size(); ++i) {
      const auto& g = m.grades[i];
      const auto& ga = a.grades[i];
      json::value example = nullptr;
      if (ga.reached) {
        json::object ex;
        const auto& st = a.scores.states[ga.example_state];
        if (!a.scores.tracked.empty()) {
          json::object inds;
          for (std::size_t k = 0; k < m.indicators.size(); ++k) {
            int w = k < st.witness.size() ? st.witness[k] : -1;
            inds[m.indicators[k].id] = w >= 0 ? num(ctx.ranges.points[k][static_cast<std::size_t>(w)]) : json::value(nullptr);
          }
          ex["indicators"] = std::move(inds);
        }
        json::object in;
        for (std::size_t k = 0; k < a.scores.tracked.size(); ++k)
          in[m.slot_names[a.scores.tracked[k]]] = value_json(st.vars[k]);
        for (std::size_t k = 0; k < a.free_slots.size(); ++k)
          in[m.slot_names[a.free_slots[k]]] = value_json(a.free_domains[k][ga.example_free[k]]);
        ex["inputs"] = std::move(in);
        example = std::move(ex);
      }
      json::array shadow;
      if (!m.staged && ga.condition_possible && !ga.reached)
        for (int j : ga.covered_by) shadow.push_back(json::string(m.grades[j].id));
      items.push_back(json::object{{"id", g.id},
                                   {"title", text(g.title)},
                                   {"condition", g.when ? json::value(std::string(g.when->source())) : json::value(nullptr)},
                                   {"reachable", ga.reached},
                                   {"shadowed_by", std::move(shadow)},
                                   {"example", std::move(example)}});
    }
    return json::object{{"mode", m.staged ? "staged" : "first-match"},
                        {"combinations", a.tried},
                        {"exhaustive", a.exhaustive},
                        {"inputs", std::move(inputs)},
                        {"no_grade_possible", a.no_grade_possible},
                        {"items", std::move(items)}};
  }

  json::value questions() const {
    // Names that decide applicability, through derived values.
    std::set<std::uint32_t> closure;
    std::vector<std::uint32_t> work;
    analysis::Literals lits;
    auto seed = [&](const std::optional<detail::Program>& p) {
      if (!p) return;
      analysis::collect_literals(m, *p, lits);
      for (std::uint32_t s : p->dependencies()) work.push_back(s);
    };
    for (const auto& s : m.sections) seed(s.when);
    for (const auto& q : m.questions) seed(q.when);
    while (!work.empty()) {
      std::uint32_t s = work.back();
      work.pop_back();
      if (!closure.insert(s).second || s >= ctx.info.size()) continue;
      if (ctx.info[s].kind == analysis::SlotKind::derived) seed(m.derived[ctx.info[s].index].expr);
    }
    std::vector<int> controlling;
    std::vector<std::vector<Value>> doms;
    std::vector<std::size_t> sizes;
    std::vector<int> control_pos(m.questions.size(), -1);
    for (std::uint32_t s : closure) {
      if (s >= ctx.info.size() || ctx.info[s].kind != analysis::SlotKind::question) continue;
      int qi = ctx.info[s].index;
      std::vector<Value> d;
      for (Value& v : analysis::domain(ctx, s, lits))
        if (!v.is_null()) d.push_back(std::move(v));
      if (d.empty()) d.push_back(Value::string("x"));
      control_pos[qi] = static_cast<int>(controlling.size());
      controlling.push_back(qi);
      sizes.push_back(d.size());
      doms.push_back(std::move(d));
    }
    int unconditional = 0;
    for (const auto& q : m.questions) {
      bool cond = q.when.has_value();
      for (int s = q.section; s >= 0 && !cond; s = m.sections[s].parent) cond = m.sections[s].when.has_value();
      unconditional += !cond;
    }
    std::vector<Value> slots(m.slot_count());
    std::vector<signed char> section_state(m.sections.size());
    expr::EvalContext ec;
    int best_min = -1, best_max = -1;
    json::object min_answers, max_answers;
    json::array inputs;
    for (int qi : controlling) inputs.push_back(json::string(m.questions[qi].id));
    auto [tried, exhaustive] = analysis::enumerate(sizes, kPathLimit, [&](const std::vector<std::size_t>& idx) {
      std::fill(slots.begin(), slots.end(), Value());
      if (m.date_slot != detail::kNoSlot) slots[m.date_slot] = Value::date(ctx.today);
      std::fill(section_state.begin(), section_state.end(), -1);
      auto cond = [&](const std::optional<detail::Program>& p) {
        if (!p) return true;
        bool r = is_true(p->evaluate(slots, ec));
        ec.warnings.clear();
        return r;
      };
      auto section_applies = [&](int sec) {
        std::vector<int> chain;
        for (int x = sec; x >= 0; x = m.sections[x].parent) chain.push_back(x);
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
          signed char& st = section_state[*it];
          if (st < 0) st = cond(m.sections[*it].when) ? 1 : 0;
          if (st == 0) return false;
        }
        return true;
      };
      int count = 0;
      json::object answers;
      for (const detail::EvalStep& step : m.steps) {
        if (!step.is_question) {
          const auto& d = m.derived[step.index];
          if (d.slot != detail::kNoSlot && closure.count(d.slot) && d.expr) {
            slots[d.slot] = d.expr->evaluate(slots, ec);
            ec.warnings.clear();
          }
          continue;
        }
        const auto& q = m.questions[step.index];
        bool applies = section_applies(q.section) && cond(q.when);
        if (!applies) continue;
        ++count;
        int p = control_pos[step.index];
        if (p >= 0 && q.slot != detail::kNoSlot) {
          slots[q.slot] = doms[p][idx[p]];
          answers[q.id] = value_json(slots[q.slot]);
        }
      }
      if (best_min < 0 || count < best_min) best_min = count, min_answers = answers;
      if (best_max < 0 || count > best_max) best_max = count, max_answers = std::move(answers);
    });
    return json::object{{"count", m.questions.size()},
                        {"unconditional", unconditional},
                        {"combinations", tried},
                        {"exhaustive", exhaustive},
                        {"inputs", std::move(inputs)},
                        {"smallest_path", json::object{{"count", best_min}, {"answers", std::move(min_answers)}}},
                        {"largest_path", json::object{{"count", best_max}, {"answers", std::move(max_answers)}}}};
  }
};

// ---------------------------------------------------------------- text

std::string jnum(const json::value& v) {
  if (v.is_null()) return "—";
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_double()) return Decimal::try_from_double(v.as_double()).value_or(Decimal()).to_string(4);
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  if (v.is_string()) return std::string(v.as_string());
  return json::serialize(v);
}

std::string jstr(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : jnum(v); }

std::string inputs_text(const json::object& o, std::size_t max_items = 8) {
  std::string s;
  std::size_t n = 0;
  for (const auto& kv : o) {
    if (n == max_items) {
      s += ", …";
      break;
    }
    s += (n++ ? ", " : "") + std::string(kv.key()) + " = " + (kv.value().is_string() ? "'" + jstr(kv.value()) + "'" : jnum(kv.value()));
  }
  return s.empty() ? "(any answers)" : s;
}

}  // namespace

json::value ruleset_stats(const Ruleset& rs, std::string_view lang) {
  const Model& m = rs.model();
  Builder b{m, lang.empty() ? m.default_lang : std::string(lang), Context(m, today_days())};
  json::object r{{"id", m.id}, {"version", m.version}, {"title", b.text(m.title)}};
  if (m.chain.size() > 1) {  // an overlay: what it extends, nearest first
    json::array ext;
    for (std::size_t k = 1; k < m.chain.size(); ++k)
      ext.push_back(json::object{{"id", m.chain[k].id}, {"version", m.chain[k].version}});
    r["extends"] = std::move(ext);
  }
  json::object out{{"ruleset", std::move(r)}};
  if (m.has_scoring) {
    out["total"] = b.total();
    out["dimensions"] = b.dimensions();
    out["indicators"] = b.indicators();
  } else {
    out["total"] = nullptr;
    out["dimensions"] = json::array{};
    out["indicators"] = json::array{};
  }
  out["grades"] = b.grades();
  out["questions"] = b.questions();
  return out;
}

std::string render_stats_text(const json::value& v) {
  const json::object& o = v.as_object();
  std::string out;
  const json::object& r = o.at("ruleset").as_object();
  out += fmt::format("{} {} — {}\n", jstr(r.at("id")), jstr(r.at("version")), jstr(r.at("title")));
  if (const json::value* ext = r.if_contains("extends")) {
    std::string chain;
    for (const json::value& e : ext->as_array())
      chain += (chain.empty() ? "" : " → ") + jstr(e.at("id")) + " " + jstr(e.at("version"));
    out += "extends " + chain + "\n";
  }

  const json::array& dims = o.at("dimensions").as_array();
  const json::array& inds = o.at("indicators").as_array();
  if (!o.at("total").is_null()) {
    const json::object& t = o.at("total").as_object();
    out += "\nScore ranges (each indicator from its lowest to its highest points):\n";
    std::vector<std::array<std::string, 4>> rows;
    rows.push_back({"total", "", fmt::format("{} – {}", jnum(t.at("min")), jnum(t.at("max"))),
                    fmt::format("max.total {}{}", jnum(t.at("computed_max")),
                                t.at("declared_max").is_null() ? ""
                                : t.at("declared_max") == t.at("computed_max")
                                    ? ""
                                    : fmt::format(" (declared {})", jnum(t.at("declared_max"))))});
    // Dimensions in document order with their indicators, indented by depth.
    std::function<void(const std::string&, int)> dim_rows = [&](const std::string& id, int depth) {
      for (const auto& dv : dims) {
        const json::object& d = dv.as_object();
        if (jstr(d.at("id")) != id) continue;
        std::string note = fmt::format("max {}", jnum(d.at("computed_max")));
        if (!d.at("declared_max").is_null() && d.at("declared_max") != d.at("computed_max"))
          note += fmt::format(" (declared {})", jnum(d.at("declared_max")));
        if (!d.at("min").is_null())
          note += fmt::format(", min {}{}", jnum(d.at("min")), d.at("min_reachable").as_bool() ? "" : " UNREACHABLE");
        if (d.at("may_be_not_applicable").as_bool()) note += ", may not apply";
        rows.push_back({std::string(2 * depth, ' ') + id, jstr(d.at("title")),
                        fmt::format("{} – {}", jnum(d.at("min_score")), jnum(d.at("max_score"))), note});
      }
      for (const auto& dv : dims)
        if (dv.at("parent").is_string() && jstr(dv.at("parent")) == id) dim_rows(jstr(dv.at("id")), depth + 1);
      for (const auto& iv : inds) {
        const json::object& i = iv.as_object();
        if (!i.at("dimension").is_string() || jstr(i.at("dimension")) != id) continue;
        std::string pts;
        if (i.at("continuous").as_bool()) {
          pts = "any value (formula)";
        } else {
          const json::array& p = i.at("points").as_array();
          for (std::size_t k = 0; k < p.size() && k < 8; ++k) pts += (k ? ", " : "") + jnum(p[k]);
          if (p.size() > 8) pts += ", …";
        }
        if (i.at("may_be_not_applicable").as_bool()) pts += "; may not apply";
        rows.push_back({std::string(2 * depth + 2, ' ') + jstr(i.at("id")), jstr(i.at("title")),
                        fmt::format("{} – {}", jnum(i.at("min_points")), jnum(i.at("max_points"))), pts});
      }
    };
    for (const auto& dv : dims)
      if (dv.at("parent").is_null()) dim_rows(jstr(dv.at("id")), 1);
    std::size_t w0 = 0, w1 = 0, w2 = 0;
    for (const auto& row : rows) {
      w0 = std::max(w0, util::display_width(row[0]));
      w1 = std::max(w1, std::min<std::size_t>(util::display_width(row[1]), 24));
      w2 = std::max(w2, util::display_width(row[2]));
    }
    for (const auto& row : rows)
      out += "  " + util::pad(row[0], w0) + "  " + util::pad(util::truncate(row[1], 24), w1) + "  " +
             util::pad(row[2], w2) + "  " + row[3] + "\n";
  }

  if (!o.at("grades").is_null()) {
    const json::object& g = o.at("grades").as_object();
    out += fmt::format("\nGrades ({}; {} combination{} of {}{}):\n", jstr(g.at("mode")), jnum(g.at("combinations")),
                       g.at("combinations") == json::value(1) ? "" : "s",
                       [&] {
                         std::string s;
                         for (const auto& x : g.at("inputs").as_array()) s += (s.empty() ? "" : ", ") + jstr(x);
                         return s.empty() ? std::string("no inputs") : s;
                       }(),
                       g.at("exhaustive").as_bool() ? ", all tried" : ", a sample");
    std::size_t w = 0;
    for (const auto& it : g.at("items").as_array()) w = std::max(w, util::display_width(jstr(it.at("id"))));
    for (const auto& it : g.at("items").as_array()) {
      const json::object& gi = it.as_object();
      std::string line = "  " + util::pad(jstr(gi.at("id")), w) + "  ";
      if (gi.at("reachable").as_bool()) {
        const json::object& ex = gi.at("example").as_object();
        line += "reachable, e.g. " + inputs_text(ex.at("inputs").as_object());
        if (ex.contains("indicators")) line += "\n  " + std::string(w, ' ') + "  with points " + inputs_text(ex.at("indicators").as_object(), 12);
      } else if (!gi.at("shadowed_by").as_array().empty()) {
        std::string by;
        for (const auto& x : gi.at("shadowed_by").as_array()) by += (by.empty() ? "" : ", ") + jstr(x);
        line += "NEVER the result: " + by + " always matches first";
      } else {
        line += "NEVER reached";
      }
      out += line + "\n";
    }
    if (g.at("no_grade_possible").as_bool())
      out += "  (some combinations reach no grade at all)\n";
  }

  const json::object& q = o.at("questions").as_object();
  const json::object& lo = q.at("smallest_path").as_object();
  const json::object& hi = q.at("largest_path").as_object();
  out += fmt::format("\nQuestionnaire: {} questions, {} always asked; {} combination{} of the answers that decide "
                     "applicability{}\n",
                     jnum(q.at("count")), jnum(q.at("unconditional")), jnum(q.at("combinations")),
                     q.at("combinations") == json::value(1) ? "" : "s", q.at("exhaustive").as_bool() ? "" : " (a sample)");
  out += fmt::format("  shortest path: {} questions, e.g. {}\n", jnum(lo.at("count")), inputs_text(lo.at("answers").as_object()));
  out += fmt::format("  longest path:  {} questions, e.g. {}\n", jnum(hi.at("count")), inputs_text(hi.at("answers").as_object()));
  return out;
}

}  // namespace zice
