// Improvement plan: the fewest indicator changes that reach the next better
// grade (docs/result-schema.md, `improvement`).
//
// Each applicable indicator has a finite ladder of point levels (its options,
// its bands, or 0..max for formulas). A "what-if" assessment overrides some
// indicators' points and re-runs scoring, gates, checks and grades, so any
// grade condition is honoured exactly, whatever it reads.
//
// Search: for k = 1, 2, … changed indicators, try every k-subset with its
// indicators at their best level; among the subsets that reach the target,
// lower each indicator to its smallest sufficient level and keep the plan
// with the smallest total gain (ties: document order). When the number of
// what-if runs would exceed kBudget, fall back to a greedy plan: raise the
// indicators with the largest possible gain first until the target is reached,
// then lower each as far as possible. Grade conditions are assumed monotone in
// points (more points never lose a grade), which holds for every shipped
// ruleset; the plan is always checked by a real what-if run.
#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "engine/assessor.hpp"
#include "engine/json_convert.hpp"

namespace zice::detail {

namespace {

constexpr long kBudget = 4000;  // what-if runs per plan


std::vector<Decimal> ladder(const Model& m, const Indicator& ind) {
  std::vector<Decimal> v{Decimal()};
  switch (ind.method) {
    case Indicator::Method::bands:
      for (const Band& b : ind.bands) v.push_back(b.points);
      break;
    case Indicator::Method::options: {
      bool multi = ind.question >= 0 && m.questions[ind.question].type == QuestionType::multi_choice;
      if (!multi) {
        for (const OptionPoints& o : ind.option_points) v.push_back(o.points);
        break;
      }
      std::vector<Decimal> pts;
      for (const OptionPoints& o : ind.option_points)
        if (!o.points.is_negative()) pts.push_back(o.points);
      std::sort(pts.begin(), pts.end(), [](const Decimal& a, const Decimal& b) { return b < a; });
      Decimal sum;
      Decimal limit = ind.cap ? *ind.cap : ind.max;
      for (const Decimal& p : pts) {
        sum = sum + p;
        v.push_back(Decimal::min(sum, limit));
      }
      break;
    }
    case Indicator::Method::formula: {
      auto top = ind.max.floor().to_int64().value_or(0);
      if (top <= 50)
        for (std::int64_t i = 1; i <= top; ++i) v.push_back(Decimal::from_int(i));
      v.push_back(ind.max);
      break;
    }
  }
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::string band_text(const Band& b) {
  if (!b.label.empty()) return b.label;
  return fmt::format("{}{}, {}{}", b.lo ? (b.lo_inclusive ? "[" : "(") : "(", b.lo ? b.lo->to_string() : "-∞",
                     b.hi ? b.hi->to_string() : "∞", b.hi ? (b.hi_inclusive ? "]" : ")") : ")");
}

/// The easiest band giving `points`: the one with the lowest lower bound.
const Band* band_for(const Indicator& ind, const Decimal& points) {
  const Band* best = nullptr;
  for (const Band& b : ind.bands) {
    if (!(b.points == points)) continue;
    if (!best || (best->lo && (!b.lo || *b.lo < *best->lo))) best = &b;
  }
  return best;
}

struct Planner {
  Session& s;
  const Model& m;
  int target_rank;
  std::vector<int> cands;                  // indicator indices that can gain
  std::vector<std::vector<Decimal>> up;    // their levels above the current one, ascending
  std::vector<Decimal> current;            // current raw points per indicator
  long runs = 0;

  bool reaches(const Assessor::Overrides& o) {
    ++runs;
    Assessor a(s, &o);
    a.evaluate();
    return a.rank() >= target_rank;
  }
  Decimal gain(const Assessor::Overrides& o) const {
    Decimal g;
    for (std::size_t i = 0; i < o.size(); ++i)
      if (o[i]) g = g + (*o[i] - current[i]) * m.indicators[i].weight;
    return g;
  }
  /// Lowers each changed indicator to its smallest sufficient level.
  void minimise(Assessor::Overrides& o, const std::vector<int>& chosen) {
    for (int c : chosen) {
      int ii = cands[c];
      for (const Decimal& lvl : up[c]) {
        Assessor::Overrides t = o;
        t[ii] = lvl;
        if (lvl == *o[ii] || reaches(t)) {
          o[ii] = lvl;
          break;
        }
      }
    }
  }
};

long choose(long n, long k) {
  long r = 1;
  for (long i = 1; i <= k; ++i) {
    r = r * (n - k + i) / i;
    if (r > kBudget * 10) return r;
  }
  return r;
}

}  // namespace

json::value plan_improvement(Session& s, const Assessor& cur) {
  const Model& m = s.m;
  json::array remediation;
  for (int sev = 0; sev < kSeverityCount; ++sev)
    for (std::size_t i = 0; i < m.checks.size(); ++i) {
      const Check& c = m.checks[i];
      if (static_cast<int>(c.severity) != sev || !cur.check_failed(i)) continue;
      remediation.push_back(json::object{{"id", c.id},
                                         {"severity", to_string(c.severity)},
                                         {"title", c.title.str(s.lang, m.default_lang)},
                                         {"remediation", render_variants(s, c.remediation)}});
    }
  int best_rank = m.staged ? static_cast<int>(m.grades.size()) : static_cast<int>(m.grades.size()) - 1;
  bool can_plan = m.has_scoring && m.has_grades && cur.rank() < best_rank;
  if (!can_plan && remediation.empty()) return nullptr;

  json::object out;
  if (!can_plan) {
    out["target"] = nullptr;
    out["reachable"] = nullptr;
    out["method"] = nullptr;
    out["steps"] = json::array();
    out["gain"] = nullptr;
    out["remediation"] = std::move(remediation);
    return out;
  }

  Planner p{s, m, cur.rank() + 1, {}, {}, {}, 0};
  int target = m.staged ? p.target_rank - 1 : static_cast<int>(m.grades.size()) - 1 - p.target_rank;
  p.current.resize(m.indicators.size());
  for (std::size_t i = 0; i < m.indicators.size(); ++i) {
    const IndicatorResult& r = cur.indicator(i);
    p.current[i] = r.raw;
    if (!r.applicable) continue;
    std::vector<Decimal> up;
    for (const Decimal& l : ladder(m, m.indicators[i]))
      if (r.raw < l) up.push_back(l);
    if (up.empty()) continue;
    p.cands.push_back(static_cast<int>(i));
    p.up.push_back(std::move(up));
  }
  out["target"] = json::object{{"id", m.grades[target].id}, {"title", m.grades[target].title.str(s.lang, m.default_lang)}};

  const auto n = static_cast<int>(p.cands.size());
  Assessor::Overrides all_max(m.indicators.size());
  for (int c = 0; c < n; ++c) all_max[p.cands[c]] = p.up[c].back();
  bool reachable = n > 0 && p.reaches(all_max);
  std::optional<Assessor::Overrides> plan;
  std::vector<int> chosen;
  std::string method = "exact";
  if (reachable) {
    // Exact: fewest changes first.
    for (int k = 1; k <= n && !plan; ++k) {
      if (p.runs + choose(n, k) * (1 + k) > kBudget) {
        method = "greedy";
        break;
      }
      std::vector<int> idx(k);
      std::iota(idx.begin(), idx.end(), 0);
      std::optional<Decimal> best_gain;
      while (true) {
        Assessor::Overrides o(m.indicators.size());
        for (int c : idx) o[p.cands[c]] = p.up[c].back();
        if (p.reaches(o)) {
          p.minimise(o, idx);
          Decimal g = p.gain(o);
          if (!best_gain || g < *best_gain) best_gain = g, plan = o, chosen = idx;
        }
        int j = k - 1;
        while (j >= 0 && idx[j] == n - k + j) --j;
        if (j < 0) break;
        ++idx[j];
        for (int t = j + 1; t < k; ++t) idx[t] = idx[t - 1] + 1;
      }
    }
    if (!plan) {
      method = "greedy";
      std::vector<int> order(n);
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        Decimal ga = (p.up[a].back() - p.current[p.cands[a]]) * m.indicators[p.cands[a]].weight;
        Decimal gb = (p.up[b].back() - p.current[p.cands[b]]) * m.indicators[p.cands[b]].weight;
        return gb < ga;
      });
      Assessor::Overrides o(m.indicators.size());
      for (int c : order) {
        o[p.cands[c]] = p.up[c].back();
        chosen.push_back(c);
        if (p.reaches(o)) break;
      }
      p.minimise(o, chosen);
      plan = o;
      std::sort(chosen.begin(), chosen.end());
    }
  }
  out["reachable"] = reachable;
  out["method"] = method;

  json::array steps;
  Decimal total_gain;
  if (plan) {
    for (int c : chosen) {
      int ii = p.cands[c];
      const Indicator& ind = m.indicators[ii];
      const IndicatorResult& r = cur.indicator(ii);
      Decimal to = *(*plan)[ii];
      Decimal g = (to - p.current[ii]) * ind.weight;
      total_gain = total_gain + g;
      json::object step;
      step["indicator"] = ind.id;
      step["title"] = ind.title.str(s.lang, m.default_lang);
      json::value question = nullptr, cur_answer = nullptr, tgt_answer = nullptr;
      std::string cur_label, tgt_label;
      if (ind.method == Indicator::Method::options && ind.question >= 0) {
        const Question& q = m.questions[ind.question];
        question = json::string(q.id);
        cur_answer = to_json(s.slots[q.slot]);
        if (q.type == QuestionType::choice) {
          for (const OptionPoints& op : ind.option_points)
            if (op.points == to) {
              tgt_answer = json::string(op.value);
              if (const Option* o = q.find_option(op.value)) tgt_label = o->label.str(s.lang, m.default_lang);
              break;
            }
          if (!s.slots[q.slot].is_null())
            if (const Option* o = q.find_option(s.slots[q.slot].as_string())) cur_label = o->label.str(s.lang, m.default_lang);
        } else {
          // Multi-choice: the highest-scoring options whose sum reaches the level.
          std::vector<const OptionPoints*> ops;
          for (const OptionPoints& op : ind.option_points) ops.push_back(&op);
          std::stable_sort(ops.begin(), ops.end(), [](auto* a, auto* b) { return b->points < a->points; });
          json::array pick;
          Decimal sum;
          for (const OptionPoints* op : ops) {
            if (!(sum < to)) break;
            sum = sum + op->points;
            pick.push_back(json::string(op->value));
          }
          tgt_answer = std::move(pick);
        }
      } else if (ind.method == Indicator::Method::bands) {
        std::string of(ind.of ? ind.of->source() : "");
        if (m.question_index.count(of)) question = json::string(of);
        if (const Band* b = band_for(ind, to)) {
          tgt_label = band_text(*b);
          if (!question.is_null()) {
            cur_answer = to_json(s.slots[m.questions[m.question_index.at(of)].slot]);
            if (b->lo && b->lo_inclusive) tgt_answer = to_json(*b->lo);
          }
        }
        if (r.matched_label()) cur_label = *r.matched_label();
      }
      step["question"] = question;
      step["current"] = json::object{{"points", to_json(mul_or_zero(p.current[ii], ind.weight))},
                                     {"answer", cur_answer},
                                     {"label", cur_label.empty() ? json::value() : json::value(cur_label)}};
      step["target"] = json::object{{"points", to_json(mul_or_zero(to, ind.weight))},
                                    {"answer", tgt_answer},
                                    {"label", tgt_label.empty() ? json::value() : json::value(tgt_label)}};
      step["gain"] = to_json(g);
      std::string advice =
          s.zh ? fmt::format("「{}」从 {} 分提高到 {} 分{}", ind.title.str(s.lang, m.default_lang),
                             (p.current[ii] * ind.weight).to_string(2), (to * ind.weight).to_string(2),
                             tgt_label.empty() ? "" : fmt::format("（达到“{}”）", tgt_label))
               : fmt::format("raise '{}' from {} to {} points{}", ind.title.str(s.lang, m.default_lang),
                             (p.current[ii] * ind.weight).to_string(2), (to * ind.weight).to_string(2),
                             tgt_label.empty() ? "" : fmt::format(" (reach '{}')", tgt_label));
      step["advice"] = advice;
      steps.push_back(std::move(step));
    }
  }
  out["steps"] = std::move(steps);
  out["gain"] = plan ? to_json(total_gain) : json::value();
  if (!reachable) {
    // Report what blocks the target even at full points.
    Assessor a(s, &all_max);
    a.evaluate();
    json::array blocking;
    for (std::size_t i = 0; i < m.gates.size(); ++i)
      if (m.gates[i].kind == GateKind::mandatory && a.gate_failed(i)) blocking.push_back(json::string(m.gates[i].id));
    out["blocking"] = std::move(blocking);
  }
  out["remediation"] = std::move(remediation);
  return out;
}

}  // namespace zice::detail
