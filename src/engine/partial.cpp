// Partial answers: what an incomplete questionnaire already decides
// (docs/result-schema.md, `partial`).
//
// Score range: every indicator whose input is unanswered is set to its lowest
// and then its highest level in two what-if runs; answered indicators keep
// their points. Grades still possible and deciding questions: the unanswered
// applicable questions are completed in every combination of representative
// values (booleans both ways, every option, multi-choice none/each/all,
// numbers at their lower bound and far above it) — all combinations when
// there are at most kMaxCompletions, otherwise a fixed pseudo-random sample
// plus the two extremes, so the output stays deterministic. A question is
// "deciding" when two completions that differ only in its answer reach
// different grades (checked exhaustively for small spaces, around four base
// completions otherwise).
#include <algorithm>
#include <map>
#include <set>

#include "engine/assessor.hpp"
#include "engine/json_convert.hpp"

namespace zice::detail {

namespace {

constexpr std::size_t kMaxCompletions = 256;

std::vector<Value> representatives(const Question& q) {
  std::vector<Value> v;
  switch (q.type) {
    case QuestionType::boolean:
      v = {Value::boolean(true), Value::boolean(false)};
      break;
    case QuestionType::choice:
      for (const Option& o : q.options) v.push_back(Value::string(o.value));
      break;
    case QuestionType::multi_choice: {
      std::vector<Value> all;
      v.push_back(Value::list({}));
      for (const Option& o : q.options) {
        v.push_back(Value::list({Value::string(o.value)}));
        if (!o.exclusive) all.push_back(Value::string(o.value));
      }
      if (all.size() > 1) v.push_back(Value::list(all));
      break;
    }
    case QuestionType::integer:
    case QuestionType::number: {
      Decimal lo = q.min ? *q.min : Decimal();
      Decimal hi = q.max ? *q.max : lo + Decimal::from_int(1'000'000);
      v = {Value::number(lo), Value::number(hi)};
      break;
    }
    case QuestionType::text:
    case QuestionType::date:
      break;  // never scored directly; left unanswered
  }
  return v;
}

std::vector<Decimal> extremes(const Model& m, const Indicator& ind) {
  Decimal lo, hi;
  bool first = true;
  auto see = [&](const Decimal& d) {
    if (first || d < lo) lo = d;
    if (first || hi < d) hi = d;
    first = false;
  };
  see(Decimal());
  if (ind.method == Indicator::Method::bands)
    for (const Band& b : ind.bands) see(b.points);
  else if (ind.method == Indicator::Method::options)
    for (const OptionPoints& o : ind.option_points) see(o.points);
  else
    see(ind.max);
  if (ind.method == Indicator::Method::options && ind.question >= 0 &&
      m.questions[ind.question].type == QuestionType::multi_choice)
    hi = ind.max;
  return {lo, hi};
}

}  // namespace

json::value analyse_partial(Session& s, const Assessor& cur) {
  const Model& m = s.m;
  std::vector<int> open;
  for (std::size_t i = 0; i < m.questions.size(); ++i)
    if (s.applicable[i] && s.answers[i].is_null()) open.push_back(static_cast<int>(i));
  if (open.empty()) return nullptr;

  json::object out;
  if (m.has_scoring) {
    Assessor::Overrides lo(m.indicators.size()), hi(m.indicators.size());
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
      if (!cur.indicator(i).missing) continue;
      auto e = extremes(m, m.indicators[i]);
      lo[i] = e[0];
      hi[i] = e[1];
    }
    Assessor a(s, &lo), b(s, &hi);
    a.evaluate();
    Decimal min_total = a.total();
    b.evaluate();
    Decimal max_total = b.total();
    out["score"] = json::object{{"min", to_json(min_total)}, {"max", to_json(max_total)}};
  } else {
    out["score"] = nullptr;
  }

  // Completions of the open questions.
  std::vector<int> vars;
  std::vector<std::vector<Value>> reps;
  for (int q : open) {
    auto r = representatives(m.questions[q]);
    if (r.empty()) continue;
    vars.push_back(q);
    reps.push_back(std::move(r));
  }
  double space = 1;
  for (const auto& r : reps) space *= static_cast<double>(r.size());
  std::vector<std::vector<std::size_t>> picks;
  if (space <= kMaxCompletions) {
    std::vector<std::size_t> idx(vars.size(), 0);
    while (true) {
      picks.push_back(idx);
      std::size_t j = 0;
      while (j < idx.size() && ++idx[j] == reps[j].size()) idx[j++] = 0;
      if (j == idx.size()) break;
    }
  } else {
    std::vector<std::size_t> first(vars.size(), 0), last(vars.size());
    for (std::size_t j = 0; j < vars.size(); ++j) last[j] = reps[j].size() - 1;
    picks.push_back(first);
    picks.push_back(last);
    std::uint64_t state = 0x9E3779B97F4A7C15ull;  // fixed seed: deterministic output
    while (picks.size() < kMaxCompletions) {
      std::vector<std::size_t> idx(vars.size());
      for (std::size_t j = 0; j < vars.size(); ++j) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        idx[j] = static_cast<std::size_t>((state >> 33) % reps[j].size());
      }
      picks.push_back(std::move(idx));
    }
  }

  auto run = [&](const std::vector<std::size_t>& pick) {
    Session t = s;
    t.problems.clear();
    for (std::size_t j = 0; j < vars.size(); ++j) t.answers[vars[j]] = reps[j][pick[j]];
    evaluate_questionnaire(t);
    Assessor a(t);
    a.evaluate();
    return a.rank();
  };
  std::set<int> ranks;
  std::vector<int> pick_rank;
  for (const auto& pick : picks) {
    pick_rank.push_back(run(pick));
    ranks.insert(pick_rank.back());
  }
  // A question decides when two completions that differ only in its answer
  // reach different grades.
  std::vector<char> deciding_var(vars.size(), 0);
  if (ranks.size() > 1) {
    if (space <= kMaxCompletions) {
      for (std::size_t j = 0; j < vars.size(); ++j) {
        std::map<std::vector<std::size_t>, std::set<int>> groups;
        for (std::size_t k = 0; k < picks.size(); ++k) {
          std::vector<std::size_t> key = picks[k];
          key[j] = 0;
          groups[key].insert(pick_rank[k]);
        }
        for (const auto& [key, rs] : groups)
          if (rs.size() > 1) deciding_var[j] = 1;
      }
    } else {
      // Sampled: vary each question alone around a few base completions.
      const std::size_t bases = std::min<std::size_t>(4, picks.size());
      for (std::size_t j = 0; j < vars.size(); ++j)
        for (std::size_t b = 0; b < bases && !deciding_var[j]; ++b) {
          std::vector<std::size_t> pick = picks[b];
          for (std::size_t v = 0; v < reps[j].size() && !deciding_var[j]; ++v) {
            if (v == picks[b][j]) continue;
            pick[j] = v;
            int r = run(pick);
            ranks.insert(r);
            if (r != pick_rank[b]) deciding_var[j] = 1;
          }
        }
    }
  }
  s.ctx.warnings.clear();  // the caller restores the real warnings

  json::array possible;
  for (auto it = ranks.rbegin(); it != ranks.rend(); ++it) {
    int r = *it;
    int gi = m.staged ? r - 1 : static_cast<int>(m.grades.size()) - 1 - r;
    if (gi >= 0 && gi < static_cast<int>(m.grades.size())) possible.push_back(json::string(m.grades[gi].id));
  }
  bool decided = m.has_grades && ranks.size() == 1;
  json::array ordered;
  if (!decided)
    for (const Question& q : m.questions)
      for (std::size_t j = 0; j < vars.size(); ++j)
        if (deciding_var[j] && m.questions[vars[j]].id == q.id) ordered.push_back(json::string(q.id));
  out["grades_possible"] = std::move(possible);
  out["decided"] = decided;
  out["deciding_questions"] = std::move(ordered);
  return out;
}

}  // namespace zice::detail
