// Model-level analysis shared by lint, stats and doc; see analysis.hpp.
#include "lint/analysis.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "expr/parser.hpp"

namespace zice::analysis {

using detail::Band;
using detail::Dimension;
using detail::Indicator;
using detail::kNoSlot;
using detail::Question;
using detail::QuestionType;
using expr::Type;

namespace {

const Decimal kZero;
const Decimal kOne = Decimal::from_int(1);
const Decimal kHundred = Decimal::from_int(100);
const Decimal kFar = Decimal::from_int(1'000'000);

Decimal add(const Decimal& a, const Decimal& b) { return a.add(b).value_or(a); }
Decimal sub(const Decimal& a, const Decimal& b) { return a.sub(b).value_or(a); }
Decimal mul(const Decimal& a, const Decimal& b) { return a.mul(b).value_or(kZero); }

bool is_true(const Value& v) { return v.type() == Type::Bool && v.as_bool(); }
bool is_false(const Value& v) { return v.type() == Type::Bool && !v.as_bool(); }

std::string int128_text(expr::int128_t v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  expr::uint128_t u = neg ? static_cast<expr::uint128_t>(-(v + 1)) + 1 : static_cast<expr::uint128_t>(v);
  std::string s;
  while (u) s += static_cast<char>('0' + static_cast<int>(u % 10)), u /= 10;
  if (neg) s += '-';
  return {s.rbegin(), s.rend()};
}

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

std::string decimal_text(const Decimal& d) { return d.to_string(6); }

std::string value_key(const Value& v) {
  switch (v.type()) {
    case Type::Null: return "n";
    case Type::Bool: return v.as_bool() ? "t" : "f";
    case Type::Number:
      return "d" + int128_text(v.as_number().numerator()) + "/" + int128_text(v.as_number().denominator());
    case Type::String: return "s" + std::to_string(v.as_string().size()) + ":" + v.as_string();
    case Type::Date: return "D" + std::to_string(v.as_date());
    case Type::List: {
      std::string s = "[";
      for (const Value& x : v.as_list()) s += value_key(x) + ",";
      return s + "]";
    }
    case Type::Any: break;
  }
  return "?";
}

// ------------------------------------------------------------------ slots

bool is_scoring(SlotKind k) noexcept {
  switch (k) {
    case SlotKind::points:
    case SlotKind::dim_score:
    case SlotKind::dim_max:
    case SlotKind::dim_percent:
    case SlotKind::dim_min_met:
    case SlotKind::total_score:
    case SlotKind::total_max:
    case SlotKind::total_percent:
    case SlotKind::minimums_met: return true;
    default: return false;
  }
}

std::vector<SlotInfo> classify_slots(const Model& m) {
  std::vector<SlotInfo> info(m.slot_count());
  auto set = [&](std::uint32_t slot, SlotKind k, int i = -1) {
    if (slot != kNoSlot && slot < info.size()) info[slot] = {k, i};
  };
  for (std::size_t i = 0; i < m.questions.size(); ++i) set(m.questions[i].slot, SlotKind::question, static_cast<int>(i));
  for (std::size_t i = 0; i < m.derived.size(); ++i) set(m.derived[i].slot, SlotKind::derived, static_cast<int>(i));
  set(m.date_slot, SlotKind::date);
  for (std::size_t i = 0; i < m.indicators.size(); ++i) set(m.indicators[i].slot, SlotKind::points, static_cast<int>(i));
  for (std::size_t i = 0; i < m.dimensions.size(); ++i) {
    const Dimension& d = m.dimensions[i];
    int k = static_cast<int>(i);
    set(d.score_slot, SlotKind::dim_score, k);
    set(d.max_slot, SlotKind::dim_max, k);
    set(d.percent_slot, SlotKind::dim_percent, k);
    set(d.min_met_slot, SlotKind::dim_min_met, k);
  }
  set(m.total_score_slot, SlotKind::total_score);
  set(m.total_max_slot, SlotKind::total_max);
  set(m.total_percent_slot, SlotKind::total_percent);
  set(m.minimums_met_slot, SlotKind::minimums_met);
  for (std::size_t i = 0; i < m.gates.size(); ++i) set(m.gates[i].slot, SlotKind::gate, static_cast<int>(i));
  set(m.gates_mandatory_slot, SlotKind::gates_mandatory);
  set(m.gates_direct_slot, SlotKind::gates_direct);
  for (std::size_t i = 0; i < m.checks.size(); ++i) set(m.checks[i].slot, SlotKind::check, static_cast<int>(i));
  for (std::size_t i = 0; i < m.groups.size(); ++i) set(m.groups[i].slot, SlotKind::group_compliance, static_cast<int>(i));
  if (m.has_checks)
    for (int s = 0; s < detail::kSeverityCount; ++s) set(m.findings_slots[s], SlotKind::findings, s);
  set(m.findings_total_slot, SlotKind::findings_total);
  set(m.compliance_percent_slot, SlotKind::compliance_percent);
  return info;
}

std::uint32_t slot_of(const Model& m, std::string_view name) {
  for (std::size_t i = 0; i < m.slot_names.size(); ++i)
    if (m.slot_names[i] == name) return static_cast<std::uint32_t>(i);
  return kNoSlot;
}

// ---------------------------------------------------------------- literals

void Literals::merge(const Literals& o) {
  for (const auto& [s, v] : o.numbers) numbers[s].insert(numbers[s].end(), v.begin(), v.end());
  for (const auto& [s, v] : o.strings) strings[s].insert(strings[s].end(), v.begin(), v.end());
  for (const auto& [s, v] : o.dates) dates[s].insert(dates[s].end(), v.begin(), v.end());
  all_numbers.insert(all_numbers.end(), o.all_numbers.begin(), o.all_numbers.end());
  all_strings.insert(all_strings.end(), o.all_strings.begin(), o.all_strings.end());
  all_dates.insert(all_dates.end(), o.all_dates.begin(), o.all_dates.end());
}

namespace {

using expr::ast::Kind;
using expr::ast::Node;
using expr::ast::Op;

struct LiteralWalker {
  const Model& m;
  Literals& out;

  std::uint32_t name_slot(const Node& n) const {
    return n.kind == Kind::Name ? slot_of(m, n.name) : kNoSlot;
  }
  static std::optional<std::int32_t> date_literal(const Node& n) {
    if (n.kind == Kind::Call && n.name == "date" && n.children.size() == 1 &&
        n.children[0]->kind == Kind::Literal && n.children[0]->literal.type() == Type::String)
      return expr::parse_iso_date(n.children[0]->literal.as_string());
    return std::nullopt;
  }
  void attach(std::uint32_t slot, const Node& lit) {
    if (slot == kNoSlot) return;
    if (lit.kind == Kind::Literal) {
      if (lit.literal.type() == Type::Number) out.numbers[slot].push_back(lit.literal.as_number());
      else if (lit.literal.type() == Type::String) out.strings[slot].push_back(lit.literal.as_string());
    } else if (auto d = date_literal(lit)) {
      out.dates[slot].push_back(*d);
    } else if (lit.kind == Kind::List) {
      for (const auto& c : lit.children) attach(slot, *c);
    }
  }
  void walk(const Node& n) {
    switch (n.kind) {
      case Kind::Literal:
        if (n.literal.type() == Type::Number) out.all_numbers.push_back(n.literal.as_number());
        if (n.literal.type() == Type::String) {
          out.all_strings.push_back(n.literal.as_string());
          if (auto d = expr::parse_iso_date(n.literal.as_string())) out.all_dates.push_back(*d);
        }
        break;
      case Kind::Binary:
        if (n.children.size() == 2) {
          const Node& a = *n.children[0];
          const Node& b = *n.children[1];
          switch (n.op) {
            case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
              attach(name_slot(a), b);
              attach(name_slot(b), a);
              break;
            case Op::In:
              attach(name_slot(a), b);   // x in ['a', 'b']
              attach(name_slot(b), a);   // 'a' in list
              break;
            default: break;
          }
        }
        break;
      case Kind::Call:
        if ((n.name == "between" || n.name == "clamp") && n.children.size() == 3) {
          attach(name_slot(*n.children[0]), *n.children[1]);
          attach(name_slot(*n.children[0]), *n.children[2]);
        } else if (n.name == "selected" && n.children.size() == 2) {
          attach(name_slot(*n.children[0]), *n.children[1]);
        }
        break;
      default: break;
    }
    for (const auto& c : n.children) walk(*c);
  }
};

}  // namespace

void collect_literals(const Model& m, const Program& p, Literals& out) {
  expr::ParseResult r = expr::parse(p.source(), expr::Limits{});
  if (!r.root) return;
  LiteralWalker w{m, out};
  w.walk(*r.root);
}

// ------------------------------------------------------------ spans

bool Span::empty() const {
  if (!lo || !hi) return false;
  if (*hi < *lo) return true;
  return *hi == *lo && !(lo_incl && hi_incl);
}

namespace {
// Lower endpoints: -inf first; at equal values an inclusive bound starts earlier.
bool lower_before(const Span& a, const Span& b) {
  if (!a.lo) return static_cast<bool>(b.lo);
  if (!b.lo) return false;
  if (*a.lo != *b.lo) return *a.lo < *b.lo;
  return a.lo_incl && !b.lo_incl;
}
}  // namespace

Span intersect(const Span& a, const Span& b) {
  Span r;
  // Greater lower bound (at a tie, the exclusive one).
  if (!a.lo) r.lo = b.lo, r.lo_incl = b.lo_incl;
  else if (!b.lo) r.lo = a.lo, r.lo_incl = a.lo_incl;
  else if (*a.lo != *b.lo) (*a.lo > *b.lo ? (r.lo = a.lo, r.lo_incl = a.lo_incl) : (r.lo = b.lo, r.lo_incl = b.lo_incl));
  else r.lo = a.lo, r.lo_incl = a.lo_incl && b.lo_incl;
  if (!a.hi) r.hi = b.hi, r.hi_incl = b.hi_incl;
  else if (!b.hi) r.hi = a.hi, r.hi_incl = a.hi_incl;
  else if (*a.hi != *b.hi) (*a.hi < *b.hi ? (r.hi = a.hi, r.hi_incl = a.hi_incl) : (r.hi = b.hi, r.hi_incl = b.hi_incl));
  else r.hi = a.hi, r.hi_incl = a.hi_incl && b.hi_incl;
  return r;
}

void SpanSet::add(const Span& s) {
  if (s.empty()) return;
  spans.push_back(s);
  std::sort(spans.begin(), spans.end(), lower_before);
  std::vector<Span> merged;
  for (const Span& x : spans) {
    if (!merged.empty()) {
      Span& last = merged.back();
      // Overlapping or touching: last.hi >= x.lo (touching needs one inclusive end).
      bool joins = !last.hi || !x.lo || *x.lo < *last.hi || (*x.lo == *last.hi && (last.hi_incl || x.lo_incl));
      if (joins) {
        if (last.hi && (!x.hi || *x.hi > *last.hi || (*x.hi == *last.hi && x.hi_incl))) {
          last.hi = x.hi;
          last.hi_incl = x.hi_incl;
        }
        continue;
      }
    }
    merged.push_back(x);
  }
  spans = std::move(merged);
}

SpanSet SpanSet::complement() const {
  SpanSet out;
  Span cur;  // starts at -inf
  for (const Span& s : spans) {
    if (s.lo) {
      Span gap = cur;
      gap.hi = s.lo;
      gap.hi_incl = !s.lo_incl;
      out.add(gap);
    }
    if (!s.hi) return out;
    cur = Span{};
    cur.lo = s.hi;
    cur.lo_incl = !s.hi_incl;
  }
  out.add(cur);
  return out;
}

SpanSet SpanSet::intersect(const Span& with) const {
  SpanSet out;
  for (const Span& s : spans) out.add(analysis::intersect(s, with));
  return out;
}

bool SpanSet::empty() const { return spans.empty(); }

std::string span_text(const Span& s) {
  if (s.lo && s.hi && *s.lo == *s.hi) return decimal_text(*s.lo);
  std::string out = s.lo ? std::string(s.lo_incl ? "[" : "(") + decimal_text(*s.lo) : std::string("(-∞");
  out += ", ";
  out += s.hi ? decimal_text(*s.hi) + (s.hi_incl ? "]" : ")") : std::string("+∞)");
  return out;
}

Span band_span(const Band& b) {
  Span s;
  s.lo = b.lo;
  s.lo_incl = b.lo_inclusive;
  s.hi = b.hi;
  s.hi_incl = b.hi_inclusive;
  return s;
}

std::optional<Span> band_input_domain(const Model& m, const Indicator& ind, int* question) {
  if (!ind.of) return std::nullopt;
  std::string_view src = ind.of->source();
  while (!src.empty() && (src.front() == ' ' || src.front() == '\t' || src.front() == '\n')) src.remove_prefix(1);
  while (!src.empty() && (src.back() == ' ' || src.back() == '\t' || src.back() == '\n')) src.remove_suffix(1);
  auto it = m.question_index.find(src);
  if (it == m.question_index.end()) return std::nullopt;
  const Question& q = m.questions[it->second];
  if (q.type != QuestionType::integer && q.type != QuestionType::number) return std::nullopt;
  if (!q.min && !q.max) return std::nullopt;
  if (question) *question = it->second;
  Span s;
  s.lo = q.min;
  s.hi = q.max;
  return s;
}

std::vector<bool> reachable_bands(const Model& m, const Indicator& ind) {
  std::vector<bool> out;
  std::optional<Span> dom = band_input_domain(m, ind);
  SpanSet earlier;
  for (const Band& b : ind.bands) {
    SpanSet visible;
    visible.add(band_span(b));
    SpanSet rest = visible;
    for (const Span& e : earlier.spans) {
      // rest \= e
      SpanSet comp;
      comp.add(e);
      comp = comp.complement();
      SpanSet next;
      for (const Span& r : rest.spans)
        for (const Span& c : comp.spans) next.add(intersect(r, c));
      rest = std::move(next);
    }
    if (dom) rest = rest.intersect(*dom);
    out.push_back(!rest.empty());
    earlier.add(band_span(b));
  }
  return out;
}

// ------------------------------------------------------------ score ranges

std::optional<Value> constant_value(const Program& p) {
  if (!p.dependencies().empty()) return std::nullopt;
  expr::EvalContext ctx;
  return p.evaluate({}, ctx);
}

namespace {

/// Whether an optional condition may be false/null (nullopt: may be either).
/// Returns {may_be_false, always_false}.
std::pair<bool, bool> condition_may_fail(const std::optional<Program>& p) {
  if (!p) return {false, false};
  if (auto v = constant_value(*p)) return {!is_true(*v), !is_true(*v)};
  return {true, false};
}

}  // namespace

std::vector<Decimal> raw_values(const Model& m, int i, bool* continuous) {
  const Indicator& ind = m.indicators[i];
  std::vector<Decimal> out{kZero};
  if (continuous) *continuous = false;
  switch (ind.method) {
    case Indicator::Method::options: {
      if (ind.question < 0) break;
      const Question& q = m.questions[ind.question];
      if (q.type != QuestionType::multi_choice) {
        for (const auto& op : ind.option_points) out.push_back(op.points);
        break;
      }
      Decimal limit = ind.cap ? *ind.cap : ind.max;
      auto capped = [&](const Decimal& d) { return d > limit ? limit : d; };
      std::vector<Decimal> plain;
      for (const auto& op : ind.option_points) {
        const detail::Option* o = q.find_option(op.value);
        if (o && o->exclusive) out.push_back(capped(op.points));
        else plain.push_back(op.points);
      }
      std::size_t k = plain.size();
      int max_sel = q.max_selected ? *q.max_selected : static_cast<int>(k);
      if (k <= 16) {
        for (std::uint32_t mask = 0; mask < (1u << k); ++mask) {
          if (std::popcount(mask) > max_sel) continue;
          Decimal s;
          for (std::size_t b = 0; b < k; ++b)
            if (mask & (1u << b)) s = add(s, plain[b]);
          out.push_back(capped(s));
        }
      } else {
        Decimal pos, neg;
        for (const Decimal& p : plain) {
          out.push_back(capped(p));
          if (p.is_negative()) neg = add(neg, p);
          else pos = add(pos, p);
        }
        out.push_back(capped(pos));
        out.push_back(neg);
      }
      break;
    }
    case Indicator::Method::bands: {
      std::vector<bool> ok = reachable_bands(m, ind);
      for (std::size_t b = 0; b < ind.bands.size(); ++b)
        if (ok[b]) out.push_back(ind.bands[b].points);
      break;
    }
    case Indicator::Method::formula: {
      if (continuous) *continuous = true;
      const Decimal& mx = ind.max;
      if (mx.is_negative()) break;
      auto n = mx.to_int64();
      if (mx.is_integer() && n && *n <= 100) {
        for (std::int64_t k = 1; k <= *n; ++k) out.push_back(Decimal::from_int(k));
      } else {
        for (int k = 1; k <= 4; ++k) out.push_back(mul(mx, *Decimal::fraction(k, 4)));
      }
      break;
    }
  }
  sort_unique(out);
  return out;
}

namespace {

struct RangeBuilder {
  const Model& m;
  ScoreRanges& r;

  static Interval scaled(const Interval& x, const Decimal& w) {
    Decimal a = mul(x.lo, w), b = mul(x.hi, w);
    return a <= b ? Interval{a, b} : Interval{b, a};
  }
  static Interval with_zero(const Interval& x) { return {Decimal::min(x.lo, kZero), Decimal::max(x.hi, kZero)}; }

  // Returns (interval when applicable, computed max).
  void dimension(int di, bool parent_na_possible, bool parent_always_na) {
    const Dimension& d = m.dimensions[di];
    auto [may, always] = condition_may_fail(d.when);
    r.dimension_may_be_na[di] = may || parent_na_possible;
    r.dimension_always_na[di] = always || parent_always_na;
    Interval sum{kZero, kZero};
    Decimal cmax;
    for (const auto& c : d.children) {
      Interval ci;
      bool na;
      Decimal cm;
      if (c.is_dimension) {
        dimension(c.index, r.dimension_may_be_na[di], r.dimension_always_na[di]);
        const Dimension& cd = m.dimensions[c.index];
        ci = scaled(r.dimension[c.index], cd.weight);
        na = r.dimension_may_be_na[c.index] && !r.dimension_always_na[di];
        cm = mul(r.dimension_computed_max[c.index], cd.weight);
        if (r.dimension_always_na[c.index]) ci = {kZero, kZero};
      } else {
        indicator(c.index, r.dimension_may_be_na[di], r.dimension_always_na[di]);
        ci = r.indicator[c.index];
        na = r.indicator_may_be_na[c.index] && !r.dimension_always_na[di];
        cm = mul(m.indicators[c.index].max, m.indicators[c.index].weight);
        if (r.indicator_always_na[c.index]) ci = {kZero, kZero};
      }
      if (na) ci = with_zero(ci);
      sum = {add(sum.lo, ci.lo), add(sum.hi, ci.hi)};
      cmax = add(cmax, cm);
    }
    if (d.cap) {
      sum = {Decimal::min(sum.lo, *d.cap), Decimal::min(sum.hi, *d.cap)};
      cmax = Decimal::min(cmax, *d.cap);
    }
    r.dimension[di] = sum;
    r.dimension_computed_max[di] = cmax;
  }

  void indicator(int ii, bool parent_na_possible, bool parent_always_na) {
    const Indicator& ind = m.indicators[ii];
    auto [may, always] = condition_may_fail(ind.when);
    if (ind.method == Indicator::Method::options && ind.question >= 0) {
      const Question& q = m.questions[ind.question];
      auto [qmay, qalways] = condition_may_fail(q.when);
      may = may || qmay;
      always = always || qalways;
      for (int s = q.section; s >= 0; s = m.sections[s].parent) {
        auto [smay, salways] = condition_may_fail(m.sections[s].when);
        may = may || smay;
        always = always || salways;
      }
    }
    r.indicator_may_be_na[ii] = may || parent_na_possible;
    r.indicator_always_na[ii] = always || parent_always_na;
    bool cont = false;
    std::vector<Decimal> raw = raw_values(m, ii, &cont);
    r.continuous[ii] = cont;
    r.raw_max[ii] = raw.empty() ? kZero : raw.back();
    std::vector<Decimal> pts;
    for (const Decimal& v : raw) pts.push_back(mul(v, ind.weight));
    sort_unique(pts);
    r.points[ii] = pts;
    r.indicator[ii] = pts.empty() ? Interval{} : Interval{pts.front(), pts.back()};
  }
};

}  // namespace

ScoreRanges score_ranges(const Model& m) {
  ScoreRanges r;
  std::size_t ni = m.indicators.size(), nd = m.dimensions.size();
  r.points.resize(ni);
  r.raw_max.resize(ni);
  r.continuous.assign(ni, false);
  r.indicator_may_be_na.assign(ni, false);
  r.indicator_always_na.assign(ni, false);
  r.indicator.resize(ni);
  r.dimension.resize(nd);
  r.dimension_may_be_na.assign(nd, false);
  r.dimension_always_na.assign(nd, false);
  r.dimension_computed_max.resize(nd);
  RangeBuilder b{m, r};
  for (int di : m.top_dimensions) {
    b.dimension(di, false, false);
    const Dimension& d = m.dimensions[di];
    Interval ci = RangeBuilder::scaled(r.dimension[di], d.weight);
    if (r.dimension_always_na[di]) ci = {kZero, kZero};
    if (r.dimension_may_be_na[di]) ci = RangeBuilder::with_zero(ci);
    r.total = {add(r.total.lo, ci.lo), add(r.total.hi, ci.hi)};
    r.total_computed_max = add(r.total_computed_max, mul(r.dimension_computed_max[di], d.weight));
  }
  return r;
}

// ------------------------------------------------------------ joint scores

namespace {

struct JointBuilder {
  const Model& m;
  const ScoreRanges& r;
  std::unordered_map<std::uint32_t, std::size_t> pos;
  std::size_t nt, ni, max_states;
  bool approximate = false;
  static constexpr std::size_t kMaxPairs = 400000;

  struct St {
    Decimal score, max;
    bool mins_ok = true;
    std::vector<Value> vars;
    std::vector<std::int16_t> wit;
  };
  struct Lists {
    std::vector<std::size_t> pos;
    std::vector<int> inds;
  };

  St blank() const {
    St s;
    s.vars.assign(nt, Value());
    s.wit.assign(ni, -1);
    return s;
  }
  void set(St& s, std::uint32_t slot, Value v) const {
    auto it = pos.find(slot);
    if (it != pos.end()) s.vars[it->second] = std::move(v);
  }
  void own_pos(std::uint32_t slot, Lists& l) const {
    auto it = pos.find(slot);
    if (it != pos.end()) l.pos.push_back(it->second);
  }
  static std::string key(const St& s, bool with_score) {
    std::string k;
    if (with_score) {
      k = value_key(Value::number(s.score)) + "|" + value_key(Value::number(s.max)) + (s.mins_ok ? "|1" : "|0");
    }
    for (const Value& v : s.vars) k += "|" + value_key(v);
    return k;
  }
  void dedupe(std::vector<St>& v, bool with_score) const {
    std::unordered_set<std::string> seen;
    std::vector<St> out;
    for (St& s : v)
      if (seen.insert(key(s, with_score)).second) out.push_back(std::move(s));
    v = std::move(out);
  }
  void thin(std::vector<St>& v, std::size_t keep) {
    if (v.size() <= keep) return;
    approximate = true;
    std::stable_sort(v.begin(), v.end(), [](const St& a, const St& b) { return a.score < b.score; });
    std::vector<St> out;
    out.reserve(keep);
    for (std::size_t k = 0; k < keep; ++k) {
      std::size_t idx = keep == 1 ? 0 : k * (v.size() - 1) / (keep - 1);
      out.push_back(std::move(v[idx]));
    }
    v = std::move(out);
  }

  std::vector<St> combine(std::vector<St> acc, const std::vector<St>& cs, const Lists& cl, const Decimal& w) {
    if (cs.empty()) return acc;
    if (acc.size() * cs.size() > kMaxPairs) thin(acc, std::max<std::size_t>(1, kMaxPairs / cs.size()));
    std::vector<St> out;
    out.reserve(acc.size() * cs.size());
    std::unordered_set<std::string> seen;
    for (const St& a : acc)
      for (const St& c : cs) {
        St n = a;
        n.score = add(n.score, mul(c.score, w));
        n.max = add(n.max, mul(c.max, w));
        n.mins_ok = n.mins_ok && c.mins_ok;
        for (std::size_t p : cl.pos) n.vars[p] = c.vars[p];
        for (int i : cl.inds) n.wit[i] = c.wit[i];
        if (seen.insert(key(n, true)).second) out.push_back(std::move(n));
      }
    thin(out, max_states);
    return out;
  }

  std::vector<St> indicator(int ii, Lists& l) {
    const Indicator& ind = m.indicators[ii];
    l.inds.push_back(ii);
    own_pos(ind.slot, l);
    std::vector<St> out;
    if (r.indicator_may_be_na[ii] || r.indicator_always_na[ii]) out.push_back(blank());
    if (r.indicator_always_na[ii]) return out;
    Decimal mx = mul(ind.max, ind.weight);
    for (std::size_t k = 0; k < r.points[ii].size(); ++k) {
      St s = blank();
      s.score = r.points[ii][k];
      s.max = mx;
      set(s, ind.slot, Value::number(s.score));
      s.wit[ii] = static_cast<std::int16_t>(k);
      out.push_back(std::move(s));
    }
    return out;
  }

  std::vector<St> dimension(int di, Lists& l) {
    const Dimension& d = m.dimensions[di];
    std::vector<St> acc{blank()};
    for (const auto& c : d.children) {
      Lists cl;
      std::vector<St> cs;
      Decimal w = kOne;
      if (c.is_dimension) {
        cs = dimension(c.index, cl);
        w = m.dimensions[c.index].weight;
      } else {
        cs = indicator(c.index, cl);
      }
      acc = combine(std::move(acc), cs, cl, w);
      l.pos.insert(l.pos.end(), cl.pos.begin(), cl.pos.end());
      l.inds.insert(l.inds.end(), cl.inds.begin(), cl.inds.end());
    }
    own_pos(d.score_slot, l);
    own_pos(d.max_slot, l);
    own_pos(d.percent_slot, l);
    own_pos(d.min_met_slot, l);
    std::vector<St> out;
    bool may_na = r.dimension_may_be_na[di] || r.dimension_always_na[di];
    if (may_na) out.push_back(blank());
    if (r.dimension_always_na[di]) return out;
    for (St& s : acc) {
      if (d.cap) {
        s.score = Decimal::min(s.score, *d.cap);
        s.max = Decimal::min(s.max, *d.cap);
      }
      set(s, d.score_slot, Value::number(s.score));
      set(s, d.max_slot, Value::number(s.max));
      set(s, d.percent_slot, percent(s.score, s.max));
      if (d.min) {
        bool met = s.score >= *d.min;
        set(s, d.min_met_slot, Value::boolean(met));
        s.mins_ok = s.mins_ok && met;
      }
      out.push_back(std::move(s));
    }
    dedupe(out, true);
    return out;
  }

  static Value percent(const Decimal& score, const Decimal& max) {
    if (max.is_zero()) return Value();
    auto q = score.divide(max);
    return q ? Value::number(mul(*q, kHundred)) : Value();
  }
};

}  // namespace

JointScores joint_scores(const Model& m, const ScoreRanges& r, const std::vector<std::uint32_t>& tracked,
                         std::size_t max_states) {
  JointBuilder b{m, r, {}, tracked.size(), m.indicators.size(), max_states};
  for (std::size_t i = 0; i < tracked.size(); ++i) b.pos[tracked[i]] = i;
  std::vector<JointBuilder::St> acc{b.blank()};
  for (int di : m.top_dimensions) {
    JointBuilder::Lists cl;
    std::vector<JointBuilder::St> cs = b.dimension(di, cl);
    acc = b.combine(std::move(acc), cs, cl, m.dimensions[di].weight);
  }
  for (auto& s : acc) {
    b.set(s, m.total_score_slot, Value::number(s.score));
    b.set(s, m.total_max_slot, Value::number(s.max));
    b.set(s, m.total_percent_slot, JointBuilder::percent(s.score, s.max));
    b.set(s, m.minimums_met_slot, Value::boolean(s.mins_ok));
  }
  b.dedupe(acc, false);
  JointScores out;
  out.tracked = tracked;
  out.approximate = b.approximate;
  for (auto& s : acc) out.states.push_back({std::move(s.vars), std::move(s.wit)});
  return out;
}

// ------------------------------------------------------------ free inputs

std::vector<Decimal> numeric_candidates(std::vector<Decimal> lits, const std::optional<Decimal>& lo,
                                        const std::optional<Decimal>& hi, bool integer) {
  sort_unique(lits);
  std::vector<Decimal> c{kZero};
  for (const Decimal& l : lits) {
    c.push_back(sub(l, kOne));
    c.push_back(l);
    c.push_back(add(l, kOne));
  }
  for (std::size_t i = 0; i + 1 < lits.size(); ++i) {
    Decimal mid = add(lits[i], lits[i + 1]).divide(Decimal::from_int(2)).value_or(lits[i]);
    c.push_back(mid);
    if (integer) c.push_back(mid.floor()), c.push_back(mid.ceil());
  }
  // Fractions just around each literal, for conditions like `x gt 3 and x lt 3.5`.
  if (!integer)
    for (const Decimal& l : lits) {
      Decimal tenth = *Decimal::fraction(1, 10);
      c.push_back(sub(l, tenth));
      c.push_back(add(l, tenth));
    }
  Decimal low = lits.empty() ? kZero : lits.front(), high = lits.empty() ? kZero : lits.back();
  c.push_back(lo ? *lo : sub(Decimal::min(low, kZero), kFar));
  c.push_back(hi ? *hi : add(Decimal::max(high, kZero), kFar));
  std::vector<Decimal> out;
  for (const Decimal& d : c) {
    if (lo && d < *lo) continue;
    if (hi && d > *hi) continue;
    if (integer && !d.is_integer()) continue;
    out.push_back(d);
  }
  sort_unique(out);
  return out;
}

Context::Context(const Model& model, std::int32_t today_days)
    : m(model), info(classify_slots(model)), ranges(score_ranges(model)), today(today_days) {
  for (const detail::Gate& g : m.gates) {
    gate_test.push_back(g.test ? condition_outcomes(*this, *g.test) : Outcomes{false, false, true});
    gate_may_be_na.push_back(condition_may_fail(g.when).first);
  }
  for (const detail::Check& c : m.checks) {
    check_test.push_back(c.test ? condition_outcomes(*this, *c.test) : Outcomes{false, false, true});
    bool na = condition_may_fail(c.when).first;
    if (c.group >= 0) na = na || condition_may_fail(m.groups[c.group].when).first;
    check_may_be_na.push_back(na);
  }
}

namespace {

template <class T>
std::vector<T> pick(const std::map<std::uint32_t, std::vector<T>>& per_slot, std::uint32_t slot,
                    const std::vector<T>& all) {
  auto it = per_slot.find(slot);
  return it != per_slot.end() ? it->second : all;
}

std::vector<Value> booleans(bool t, bool f, bool n) {
  std::vector<Value> v;
  if (t) v.push_back(Value::boolean(true));
  if (f) v.push_back(Value::boolean(false));
  if (n || v.empty()) v.push_back(Value());
  return v;
}

std::vector<Value> numbers(const std::vector<Decimal>& ds, bool with_null) {
  std::vector<Value> v;
  for (const Decimal& d : ds) v.push_back(Value::number(d));
  if (with_null || v.empty()) v.push_back(Value());
  return v;
}

std::vector<Value> strings_domain(std::vector<std::string> s, bool with_null) {
  s.push_back("");
  s.push_back("x");
  sort_unique(s);
  std::vector<Value> v;
  for (auto& x : s) v.push_back(Value::string(x));
  if (with_null) v.push_back(Value());
  return v;
}

std::vector<Value> dates_domain(const std::vector<std::int32_t>& lits, std::int32_t today) {
  std::vector<std::int32_t> d{today};
  for (std::int32_t x : lits) d.push_back(x - 1), d.push_back(x), d.push_back(x + 1);
  sort_unique(d);
  std::vector<Value> v;
  for (std::int32_t x : d) v.push_back(Value::date(x));
  return v;
}

std::vector<Value> list_domain(std::vector<std::string> s) {
  sort_unique(s);
  std::vector<Value> v{Value::list({})};
  std::vector<Value> all;
  for (const auto& x : s) {
    v.push_back(Value::list({Value::string(x)}));
    all.push_back(Value::string(x));
  }
  if (all.size() > 1) v.push_back(Value::list(all));
  v.push_back(Value());
  return v;
}

}  // namespace

std::vector<Value> domain(const Context& ctx, std::uint32_t slot, const Literals& lits) {
  const Model& m = ctx.m;
  if (slot >= ctx.info.size()) return {Value()};
  const SlotInfo& si = ctx.info[slot];
  const ScoreRanges& r = ctx.ranges;
  auto nums = [&](std::optional<Decimal> lo, std::optional<Decimal> hi, bool integer, bool with_null) {
    return numbers(numeric_candidates(pick(lits.numbers, slot, lits.all_numbers), lo, hi, integer), with_null);
  };
  switch (si.kind) {
    case SlotKind::question: {
      const Question& q = m.questions[si.index];
      switch (q.type) {
        case QuestionType::boolean: return booleans(true, true, true);
        case QuestionType::choice: {
          std::vector<Value> v;
          for (const auto& o : q.options) v.push_back(Value::string(o.value));
          v.push_back(Value());
          return v;
        }
        case QuestionType::multi_choice: {
          std::vector<Value> v{Value::list({})};
          std::vector<Value> all;
          for (const auto& o : q.options) {
            v.push_back(Value::list({Value::string(o.value)}));
            if (!o.exclusive) all.push_back(Value::string(o.value));
          }
          if (all.size() > 1) v.push_back(Value::list(all));
          v.push_back(Value());
          return v;
        }
        case QuestionType::integer: return nums(q.min, q.max, true, true);
        case QuestionType::number: return nums(q.min, q.max, false, true);
        case QuestionType::text: return strings_domain(pick(lits.strings, slot, lits.all_strings), true);
        case QuestionType::date: {
          auto v = dates_domain(pick(lits.dates, slot, lits.all_dates), ctx.today);
          v.push_back(Value());
          return v;
        }
      }
      return {Value()};
    }
    case SlotKind::derived: {
      const detail::Derived& d = m.derived[si.index];
      Type t = d.expr ? d.expr->type() : Type::Any;
      switch (t) {
        case Type::Bool: return booleans(true, true, true);
        case Type::Number: return nums(std::nullopt, std::nullopt, false, true);
        case Type::String: return strings_domain(pick(lits.strings, slot, lits.all_strings), true);
        case Type::Date: {
          auto v = dates_domain(pick(lits.dates, slot, lits.all_dates), ctx.today);
          v.push_back(Value());
          return v;
        }
        case Type::List: return list_domain(pick(lits.strings, slot, lits.all_strings));
        case Type::Null: return {Value()};
        case Type::Any: {
          auto v = nums(std::nullopt, std::nullopt, false, true);
          v.push_back(Value::boolean(true));
          v.push_back(Value::boolean(false));
          return v;
        }
      }
      return {Value()};
    }
    case SlotKind::date: return dates_domain(pick(lits.dates, slot, lits.all_dates), ctx.today);
    case SlotKind::points: {
      int i = si.index;
      std::vector<Value> v;
      if (!r.indicator_always_na[i]) {
        std::vector<Decimal> pts = r.points[i];
        if (r.continuous[i]) {
          auto extra = numeric_candidates(pick(lits.numbers, slot, lits.all_numbers), r.indicator[i].lo, r.indicator[i].hi, false);
          pts.insert(pts.end(), extra.begin(), extra.end());
          sort_unique(pts);
        }
        for (const Decimal& d : pts) v.push_back(Value::number(d));
      }
      if (r.indicator_may_be_na[i] || v.empty()) v.push_back(Value());
      return v;
    }
    case SlotKind::dim_score: {
      int i = si.index;
      if (r.dimension_always_na[i]) return {Value()};
      return nums(r.dimension[i].lo, r.dimension[i].hi, false, r.dimension_may_be_na[i]);
    }
    case SlotKind::dim_max: {
      int i = si.index;
      if (r.dimension_always_na[i]) return {Value()};
      return nums(kZero, r.dimension_computed_max[i], false, r.dimension_may_be_na[i]);
    }
    case SlotKind::dim_percent: {
      int i = si.index;
      if (r.dimension_always_na[i]) return {Value()};
      return nums(kZero, kHundred, false, true);
    }
    case SlotKind::dim_min_met: {
      int i = si.index;
      const Dimension& d = m.dimensions[i];
      if (r.dimension_always_na[i] || !d.min) return {Value()};
      return booleans(r.dimension[i].hi >= *d.min, r.dimension[i].lo < *d.min, r.dimension_may_be_na[i]);
    }
    case SlotKind::total_score: return nums(r.total.lo, r.total.hi, false, false);
    case SlotKind::total_max: return nums(kZero, r.total_computed_max, false, false);
    case SlotKind::total_percent: return nums(kZero, kHundred, false, true);
    case SlotKind::minimums_met: {
      bool can_true = true, can_false = false;
      for (std::size_t i = 0; i < m.dimensions.size(); ++i) {
        const Dimension& d = m.dimensions[i];
        if (!d.min || r.dimension_always_na[i]) continue;
        if (r.dimension[i].hi < *d.min && !r.dimension_may_be_na[i]) can_true = false;
        if (r.dimension[i].lo < *d.min) can_false = true;
      }
      return booleans(can_true, can_false, false);
    }
    case SlotKind::gate: {
      const Outcomes& o = ctx.gate_test[si.index];
      return booleans(o.can_true, o.can_false, o.can_null || ctx.gate_may_be_na[si.index]);
    }
    case SlotKind::gates_mandatory:
    case SlotKind::gates_direct: {
      bool mandatory = si.kind == SlotKind::gates_mandatory;
      bool any = false, can_all_ok = true, can_some_bad = false, can_null = false;
      for (std::size_t i = 0; i < m.gates.size(); ++i) {
        if ((m.gates[i].kind == detail::GateKind::mandatory) != mandatory) continue;
        any = true;
        const Outcomes& o = ctx.gate_test[i];
        bool na = ctx.gate_may_be_na[i];
        if (mandatory) {
          if (!o.can_true && !na) can_all_ok = false;
          if (o.can_false) can_some_bad = true;
          if (o.can_null) can_null = true;
        } else {
          if (o.can_true) can_some_bad = true;   // fires
          if (!o.can_false && !na) can_all_ok = false;
          if (o.can_null) can_null = true;
        }
      }
      if (!any) return {Value::boolean(mandatory)};
      return mandatory ? booleans(can_all_ok, can_some_bad, can_null) : booleans(can_some_bad, can_all_ok, can_null);
    }
    case SlotKind::check: {
      const Outcomes& o = ctx.check_test[si.index];
      return booleans(o.can_true, o.can_false, o.can_null || ctx.check_may_be_na[si.index]);
    }
    case SlotKind::group_compliance:
    case SlotKind::compliance_percent: return nums(kZero, kHundred, false, true);
    case SlotKind::findings:
    case SlotKind::findings_total: {
      std::int64_t n = 0;
      for (std::size_t i = 0; i < m.checks.size(); ++i)
        if (ctx.check_test[i].can_false &&
            (si.kind == SlotKind::findings_total || static_cast<int>(m.checks[i].severity) == si.index))
          ++n;
      if (n <= 20) {
        std::vector<Value> v;
        for (std::int64_t k = 0; k <= n; ++k) v.push_back(Value::number(k));
        return v;
      }
      return nums(kZero, Decimal::from_int(n), true, false);
    }
    case SlotKind::unknown: break;
  }
  return {Value()};
}

std::pair<std::size_t, bool> enumerate(const std::vector<std::size_t>& sizes, std::size_t limit,
                                       const std::function<void(const std::vector<std::size_t>&)>& fn) {
  std::vector<std::size_t> idx(sizes.size(), 0);
  std::size_t product = 1;
  bool overflow = false;
  for (std::size_t s : sizes) {
    if (s == 0) return {0, true};
    if (product > limit / s) overflow = true;
    else product *= s;
  }
  if (!overflow && product <= limit) {
    for (std::size_t n = 0; n < product; ++n) {
      fn(idx);
      for (std::size_t k = 0; k < idx.size(); ++k) {
        if (++idx[k] < sizes[k]) break;
        idx[k] = 0;
      }
    }
    return {product, true};
  }
  // Deterministic sample: both corners, then splitmix64 draws.
  fn(idx);
  for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = sizes[k] - 1;
  fn(idx);
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state] {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  for (std::size_t n = 2; n < limit; ++n) {
    for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = static_cast<std::size_t>(next() % sizes[k]);
    fn(idx);
  }
  return {limit, false};
}

Outcomes condition_outcomes(const Context& ctx, const Program& p, std::size_t limit) {
  Outcomes o;
  const auto& deps = p.dependencies();
  Literals lits;
  collect_literals(ctx.m, p, lits);
  std::vector<std::vector<Value>> doms;
  std::vector<std::size_t> sizes;
  for (std::uint32_t s : deps) {
    doms.push_back(domain(ctx, s, lits));
    sizes.push_back(doms.back().size());
  }
  std::vector<Value> slots(ctx.m.slot_count());
  expr::EvalContext ec;
  auto [tried, exhaustive] = enumerate(sizes, limit, [&](const std::vector<std::size_t>& idx) {
    for (std::size_t k = 0; k < deps.size(); ++k) slots[deps[k]] = doms[k][idx[k]];
    Value v = p.evaluate(slots, ec);
    ec.warnings.clear();
    if (is_true(v)) o.can_true = true;
    else if (is_false(v)) o.can_false = true;
    else o.can_null = true;
  });
  o.tried = tried;
  o.exhaustive = exhaustive;
  return o;
}

// ------------------------------------------------------------ grades

GradeAnalysis analyse_grades(const Context& ctx, std::size_t limit) {
  const Model& m = ctx.m;
  GradeAnalysis a;
  if (!m.has_grades || m.grades.empty()) return a;
  std::set<std::uint32_t> deps;
  Literals lits;
  for (const auto& g : m.grades)
    if (g.when) {
      deps.insert(g.when->dependencies().begin(), g.when->dependencies().end());
      collect_literals(m, *g.when, lits);
    }
  std::vector<std::uint32_t> tracked;
  for (std::uint32_t s : deps) {
    if (s < ctx.info.size() && is_scoring(ctx.info[s].kind)) tracked.push_back(s);
    else a.free_slots.push_back(s);
  }
  a.scores = joint_scores(m, ctx.ranges, tracked);
  if (a.scores.states.empty()) a.scores.states.push_back({std::vector<Value>(tracked.size()), {}});
  std::vector<std::size_t> sizes{a.scores.states.size()};
  for (std::uint32_t s : a.free_slots) {
    a.free_domains.push_back(domain(ctx, s, lits));
    sizes.push_back(a.free_domains.back().size());
  }
  const std::size_t ng = m.grades.size();
  a.grades.resize(ng);
  std::vector<std::vector<char>> cover(ng);
  std::vector<bool> cover_init(ng, false);
  std::vector<Value> slots(m.slot_count());
  std::vector<char> truth(ng);
  expr::EvalContext ec;
  auto [tried, exhaustive] = enumerate(sizes, limit, [&](const std::vector<std::size_t>& idx) {
    const auto& st = a.scores.states[idx[0]];
    for (std::size_t k = 0; k < tracked.size(); ++k) slots[tracked[k]] = st.vars[k];
    for (std::size_t k = 0; k < a.free_slots.size(); ++k) slots[a.free_slots[k]] = a.free_domains[k][idx[k + 1]];
    for (std::size_t i = 0; i < ng; ++i) {
      const auto& w = m.grades[i].when;
      truth[i] = w ? is_true(w->evaluate(slots, ec)) : 1;
      ec.warnings.clear();
    }
    // Examples: the first combination found, replaced by one with fewer
    // unanswered inputs and far-out numbers (nicer to read).
    int cost = 0;
    for (const Value& v : st.vars) cost += v.is_null() ? 1 : 0;
    for (std::size_t k = 0; k < a.free_slots.size(); ++k) {
      const Value& v = a.free_domains[k][idx[k + 1]];
      if (v.is_null()) cost += 2;
      else if (v.type() == Type::Number && v.as_number().abs() >= kFar) cost += 3;
      else if (v.type() == Type::Number && v.as_number().is_negative()) cost += 1;
    }
    auto record = [&](std::size_t i) {
      a.grades[i].example_state = idx[0];
      a.grades[i].example_free.assign(idx.begin() + 1, idx.end());
      a.grades[i].example_cost = cost;
    };
    for (std::size_t i = 0; i < ng; ++i) {
      if (!truth[i]) continue;
      a.grades[i].condition_possible = true;
      if (!cover_init[i]) {
        cover[i].assign(truth.begin(), truth.begin() + static_cast<std::ptrdiff_t>(i));
        cover_init[i] = true;
      } else {
        for (std::size_t j = 0; j < i; ++j) cover[i][j] = cover[i][j] && truth[j];
      }
    }
    if (!m.staged) {
      std::size_t first = ng;
      for (std::size_t i = 0; i < ng && first == ng; ++i)
        if (truth[i]) first = i;
      if (first == ng) {
        a.no_grade_possible = true;
        return;
      }
      if (!a.grades[first].reached || cost < a.grades[first].example_cost) record(first);
      a.grades[first].reached = true;
      a.grades[first].result = true;
    } else {
      std::size_t k = 0;
      while (k < ng && truth[k]) ++k;
      if (k == 0) a.no_grade_possible = true;
      // Prefer an example where the level is the result (the highest passed).
      for (std::size_t i = 0; i + 1 < k; ++i) {
        if (!a.grades[i].reached) record(i);
        a.grades[i].reached = true;
      }
      if (k > 0) {
        auto& g = a.grades[k - 1];
        if (!g.result || cost < g.example_cost) record(k - 1);
        g.reached = true;
        g.result = true;
      }
    }
  });
  a.tried = tried;
  a.exhaustive = exhaustive && !a.scores.approximate;
  for (std::size_t i = 0; i < ng; ++i)
    if (cover_init[i])
      for (std::size_t j = 0; j < i; ++j)
        if (cover[i][j]) a.grades[i].covered_by.push_back(static_cast<int>(j));
  return a;
}

// ------------------------------------------------------------ reads

void for_each_program(const Model& m, const std::function<void(const Program&)>& fn, bool constraints) {
  auto opt = [&](const std::optional<Program>& p) {
    if (p) fn(*p);
  };
  auto variants = [&](const detail::Variants& vs) {
    for (const auto& v : vs) {
      opt(v.when);
      for (const auto& piece : v.text.pieces) opt(piece.expr);
    }
  };
  for (const auto& s : m.sections) opt(s.when);
  for (const auto& q : m.questions) {
    opt(q.when);
    if (constraints)
      for (const auto& c : q.constraints) opt(c.test);
  }
  for (const auto& d : m.derived) opt(d.expr);
  for (const auto& i : m.indicators) {
    opt(i.when);
    opt(i.of);
    opt(i.formula);
  }
  for (const auto& d : m.dimensions) opt(d.when);
  for (const auto& g : m.gates) {
    opt(g.test);
    opt(g.when);
    variants(g.message);
  }
  for (const auto& g : m.groups) opt(g.when);
  for (const auto& c : m.checks) {
    opt(c.test);
    opt(c.when);
    variants(c.finding);
    variants(c.remediation);
  }
  for (const auto& g : m.grades) {
    opt(g.when);
    variants(g.message);
    variants(g.description);
  }
}

Reads collect_reads(const Model& m) {
  Reads r;
  r.slot_read.assign(m.slot_count(), false);
  r.question_scored.assign(m.questions.size(), false);
  auto mark = [&](const Program& p, std::uint32_t except) {
    for (std::uint32_t s : p.dependencies())
      if (s != except && s < r.slot_read.size()) r.slot_read[s] = true;
  };
  // A question's own constraints do not count as a use of it.
  for_each_program(m, [&](const Program& p) { mark(p, kNoSlot); }, false);
  for (const auto& q : m.questions)
    for (const auto& c : q.constraints)
      if (c.test) mark(*c.test, q.slot);
  for (const auto& ind : m.indicators)
    if (ind.method == Indicator::Method::options && ind.question >= 0) r.question_scored[ind.question] = true;
  return r;
}

}  // namespace zice::analysis
