// zice::lint(): deep checks of a loaded ruleset (include/zice/lint.hpp,
// docs/lint.md). Each check reads the compiled model only; the score, gate
// and grade checks use the model-level analysis of lint/analysis.hpp.
#include "zice/lint.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "expr/diagnostic.hpp"
#include "lint/analysis.hpp"
#include "ruleset/model.hpp"
#include "util/sha256.hpp"
#include "util/source_map.hpp"

namespace zice {

namespace {

using analysis::Context;
using analysis::decimal_text;
using analysis::Span;
using analysis::SpanSet;
using detail::Decimal;
using detail::Model;
using detail::Program;
using expr::Value;

std::string today_utc() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{now};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

std::string quote(std::string_view s) { return fmt::format("'{}'", s); }
std::string code_text(std::string_view expr) { return fmt::format("`{}`", expr); }
std::string num(const Decimal& d) { return decimal_text(d); }

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? std::string(sep) : std::string()) + v[i];
  return out;
}

/// "[3, 5)" of a band.
std::string band_text(const detail::Band& b) { return analysis::span_text(analysis::band_span(b)); }
/// "[3, 5), 2 points" of a band.
std::string band_points_text(const detail::Band& b) {
  return fmt::format("{}, {} points", band_text(b), num(b.points));
}
/// "and"-joined spans.
std::string spans_text(const std::vector<Span>& spans) {
  std::vector<std::string> v;
  for (const Span& x : spans) v.push_back(analysis::span_text(x));
  return join(v, " and ");
}

std::string truth_text(const Value& v) {
  if (v.type() == expr::Type::Bool) return v.as_bool() ? "true" : "false";
  return "null";
}

struct Finding {
  Diagnostic d;
  int file = 0;                      // index into Model::chain
  std::vector<std::string> targets;  // ids a <suppress target> may name
};

/// The text of every file of the ruleset's chain (the ruleset itself, then
/// what it extends), each kept only while it is still the file that was
/// loaded (same SHA-256); used for excerpts.
class SourceText {
 public:
  explicit SourceText(const Model& m) {
    for (const detail::Layer& layer : m.chain) {
      files_.push_back(std::make_unique<File>());
      File& f = *files_.back();
      std::ifstream in(layer.file, std::ios::binary);
      if (!in) continue;
      std::ostringstream ss;
      ss << in.rdbuf();
      f.text = ss.str();
      if (std::string_view(f.text).starts_with("\xEF\xBB\xBF")) f.text.erase(0, 3);
      if (util::sha256_hex(f.text) != layer.sha256) {
        f.text.clear();
        continue;
      }
      f.map.emplace(f.text);
    }
  }
  /// The source line at `line` of chain file `file` with a caret under
  /// `column` (under the whole tag name when an element starts there).
  std::string excerpt(int file, int line, int column) const {
    if (file < 0 || static_cast<std::size_t>(file) >= files_.size() || line <= 0) return {};
    const File& f = *files_[static_cast<std::size_t>(file)];
    if (!f.map) return {};
    std::string_view lt = f.map->line_text(line);
    if (lt.empty() && line > 1) return {};
    std::size_t off = static_cast<std::size_t>(lt.data() - f.text.data());
    std::size_t i = 0;
    for (int c = 1; c < column && i < lt.size(); ++c) {
      unsigned char b = static_cast<unsigned char>(lt[i]);
      i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }
    std::size_t len = 1;
    if (i < lt.size() && lt[i] == '<') {
      while (i + len < lt.size() && lt[i + len] != ' ' && lt[i + len] != '>' && lt[i + len] != '/' &&
             lt[i + len] != '\t')
        ++len;
    }
    return f.map->excerpt(off + std::min(i, lt.size()), len);
  }

 private:
  struct File {
    std::string text;
    std::optional<util::SourceMap> map;  // views `text`, so a File never moves
  };
  std::vector<std::unique_ptr<File>> files_;
};

class Linter {
 public:
  Linter(const Model& m, const LintOptions& o)
      : m_(m),
        opt_(o),
        today_(o.today.empty() ? today_utc() : o.today),
        ctx_(m, expr::parse_iso_date(today_).value_or(0)),
        src_(m) {}

  std::vector<Diagnostic> run() {
    bands();
    maxima();
    gates();
    grades();
    constants();
    unused();
    option_tables();
    translations();
    legal_basis();
    return finish();
  }

 private:
  const Model& m_;
  LintOptions opt_;
  std::string today_;
  Context ctx_;
  SourceText src_;
  std::vector<Finding> out_;

  /// Path of file `k` of the chain (the ruleset's own file when out of range).
  const std::string& file_name(int k) const {
    return k >= 0 && static_cast<std::size_t>(k) < m_.chain.size() ? m_.chain[static_cast<std::size_t>(k)].file
                                                                  : m_.file;
  }
  /// A finding at an item's own position: its line, column and the file of
  /// the chain it was read from (an item inherited through `extends` is
  /// reported in the base, one added or replaced by an overlay in the overlay).
  template <class Item>
  void add(const char* code, const Item& at, std::vector<std::string> targets, std::string message) {
    const LintCode* c = find_lint_code(code);
    Finding f;
    f.d.severity = c ? c->severity : Severity::warning;
    f.d.code = code;
    f.file = at.file;
    f.d.file = file_name(at.file);
    f.d.line = at.line;
    f.d.column = at.column;
    f.d.message = std::move(message);
    f.targets = std::move(targets);
    out_.push_back(std::move(f));
  }

  // ---------------------------------------------------------------- bands

  void bands() {
    for (const detail::Indicator& ind : m_.indicators) {
      if (ind.method != detail::Indicator::Method::bands || ind.bands.empty()) continue;
      int qi = -1;
      std::optional<Span> dom = analysis::band_input_domain(m_, ind, &qi);
      const std::string of = ind.of ? std::string(ind.of->source()) : std::string("?");
      SpanSet earlier;
      std::vector<bool> usable(ind.bands.size(), false);
      for (std::size_t k = 0; k < ind.bands.size(); ++k) {
        const detail::Band& b = ind.bands[k];
        Span s = analysis::band_span(b);
        SpanSet self;
        self.add(s);
        SpanSet hidden = earlier.intersect(s);
        SpanSet visible;
        for (const Span& c : earlier.complement().spans) visible.add(analysis::intersect(s, c));
        if (earlier.empty()) visible = self;
        bool in_range = true;
        if (dom) {
          in_range = !self.intersect(*dom).empty();
          check_band_range(ind, b, s, *dom, qi, in_range);
        }
        if (!hidden.empty() && in_range) {
          int first = -1;
          for (std::size_t j = 0; j < k && first < 0; ++j)
            if (!analysis::intersect(s, analysis::band_span(ind.bands[j])).empty()) first = static_cast<int>(j);
          const detail::Band& e = ind.bands[first < 0 ? 0 : first];
          std::string earlier_band =
              e.file == b.file ? fmt::format("the band on line {} ({})", e.line, band_points_text(e))
                               : fmt::format("the band at {}:{} ({})", file_name(e.file), e.line, band_points_text(e));
          if (visible.empty())
            add("band-unreachable", b, {ind.id},
                fmt::format("band {} of indicator {} never applies: earlier bands already cover all of it "
                            "(the first matching band wins), e.g. {}; remove it or fix the bounds",
                            analysis::span_text(s), quote(ind.id), earlier_band));
          else
            add("band-overlap", b, {ind.id},
                fmt::format("band {} of indicator {} overlaps {} in {}; the earlier band wins there, so this one only "
                            "applies to {}; make the bounds meet without overlapping (e.g. ge=\"3\" after lt=\"3\")",
                            analysis::span_text(s), quote(ind.id), earlier_band, spans_text(hidden.spans),
                            spans_text(visible.spans)));
        }
        usable[k] = !visible.empty() && in_range;
        earlier.add(s);
      }
      // Gaps: bounded stretches covered by no band (inside the question's range).
      SpanSet none = earlier.complement();
      if (dom) none = none.intersect(*dom);
      for (const Span& g : none.spans) {
        if (!g.lo || !g.hi) continue;
        // Report at the band that starts where the gap ends, else at the indicator.
        const detail::Band* next = nullptr;
        for (const detail::Band& b : ind.bands)
          if (b.lo && *b.lo == *g.hi && !next) next = &b;
        std::string what = g.lo && g.hi && *g.lo == *g.hi ? fmt::format("the value {}", num(*g.lo))
                                                          : fmt::format("values in {}", analysis::span_text(g));
        std::string range_note;
        if (dom && qi >= 0 &&
            ((dom->lo && *g.lo == *dom->lo) || (dom->hi && *g.hi == *dom->hi)))
          range_note = fmt::format(" (question {} allows {})", quote(m_.questions[qi].id), analysis::span_text(*dom));
        std::string msg = fmt::format("{} of {}{} fall in no band of indicator {}: they score 0 with a run-time "
                                      "warning; extend a neighbouring band or add one",
                                      what, code_text(of), range_note, quote(ind.id));
        if (next) add("band-gap", *next, {ind.id}, msg);
        else add("band-gap", ind, {ind.id}, msg);
      }
      band_order(ind, usable);
    }
  }

  void check_band_range(const detail::Indicator& ind, const detail::Band& b, const Span& s, const Span& dom, int qi,
                        bool in_range) {
    const std::string qid = m_.questions[qi].id;
    if (!in_range) {
      add("band-out-of-range", b, {ind.id, qid},
          fmt::format("band {} of indicator {} never applies: question {} only takes values in {} (its min/max); "
                      "remove the band or fix the question's range",
                      analysis::span_text(s), quote(ind.id), quote(qid), analysis::span_text(dom)));
      return;
    }
    auto outside = [&](const std::optional<Decimal>& v) -> std::string {
      if (!v) return {};
      if (dom.lo && *v < *dom.lo) return fmt::format("below the min {}", num(*dom.lo));
      if (dom.hi && *v > *dom.hi) return fmt::format("above the max {}", num(*dom.hi));
      return {};
    };
    for (const auto& [v, text] : {std::pair{b.lo, b.lo_text}, std::pair{b.hi, b.hi_text}}) {
      std::string o = outside(v);
      if (o.empty()) continue;
      add("band-out-of-range", b, {ind.id, qid},
          fmt::format("band threshold {} of indicator {} is {} of question {}: no answer can reach it; use the "
                      "question's bound or drop this bound",
                      text.empty() ? num(*v) : text, quote(ind.id), o, quote(qid)));
    }
  }

  void band_order(const detail::Indicator& ind, const std::vector<bool>& usable) {
    std::vector<const detail::Band*> bs;
    for (std::size_t k = 0; k < ind.bands.size(); ++k)
      if (usable[k]) bs.push_back(&ind.bands[k]);
    std::stable_sort(bs.begin(), bs.end(), [](const detail::Band* a, const detail::Band* b) {
      if (!a->lo || !b->lo) return !a->lo && b->lo;
      if (*a->lo != *b->lo) return *a->lo < *b->lo;
      return a->lo_inclusive && !b->lo_inclusive;
    });
    int dir = 0;
    std::size_t turn = 0;  // where the first direction started
    for (std::size_t i = 1; i < bs.size(); ++i) {
      int d = bs[i]->points > bs[i - 1]->points ? 1 : bs[i]->points < bs[i - 1]->points ? -1 : 0;
      if (d == 0) continue;
      if (dir == 0) {
        dir = d;
        turn = i - 1;
        continue;
      }
      if (d != dir) {
        const detail::Band& a = *bs[turn];
        const detail::Band& p = *bs[i - 1];
        const detail::Band& c = *bs[i];
        add("band-points-order", c, {ind.id},
            fmt::format("band points of indicator {} {} and then {} along the thresholds: {} scores {}, {} scores {}, "
                        "but {} scores {}; bands should score monotonically with the input (check the points and "
                        "the bounds)",
                        quote(ind.id), dir > 0 ? "rise" : "fall", dir > 0 ? "fall" : "rise",
                        band_text(a), num(a.points), band_text(p), num(p.points), band_text(c), num(c.points)));
        return;
      }
    }
  }

  // ---------------------------------------------------------------- maxima

  void maxima() {
    const auto& r = ctx_.ranges;
    for (std::size_t i = 0; i < m_.indicators.size(); ++i) {
      const detail::Indicator& ind = m_.indicators[i];
      using Method = detail::Indicator::Method;
      if (ind.declared_max) {
        bool above = false;
        if (ind.method == Method::options && ind.question >= 0) {
          const detail::Question& q = m_.questions[ind.question];
          if (q.type != detail::QuestionType::multi_choice) {
            for (const auto& op : ind.option_points)
              if (op.points > ind.max) {
                above = true;
                add("points-above-max", op, {ind.id},
                    fmt::format("option {} of indicator {} scores {} but the indicator's max is {}: its points "
                                "would exceed the maximum (percentages above 100); raise max or lower the points",
                                quote(op.value), quote(ind.id), num(op.points), num(ind.max)));
              }
          } else if (ind.cap && *ind.cap > ind.max && r.raw_max[i] > ind.max) {
            above = true;
            add("points-above-max", ind, {ind.id},
                fmt::format("the options of indicator {} add up to {} (capped at cap=\"{}\") but the indicator's max "
                            "is {}; make cap at most max",
                            quote(ind.id), num(r.raw_max[i]), num(*ind.cap), num(ind.max)));
          }
        } else if (ind.method == Method::bands) {
          std::vector<bool> ok = analysis::reachable_bands(m_, ind);
          for (std::size_t k = 0; k < ind.bands.size(); ++k)
            if (ok[k] && ind.bands[k].points > ind.max) {
              above = true;
              add("points-above-max", ind.bands[k], {ind.id},
                  fmt::format("band {} of indicator {} scores {} but the indicator's max is {}: its points would "
                              "exceed the maximum; raise max or lower the points",
                              band_text(ind.bands[k]), quote(ind.id),
                              num(ind.bands[k].points), num(ind.max)));
            }
        }
        if (!above && ind.method != Method::formula && r.raw_max[i] < ind.max)
          add("max-mismatch", ind, {ind.id},
              fmt::format("indicator {} declares max=\"{}\" but the most it can score is {}; set max=\"{}\" or add "
                          "the missing points",
                          quote(ind.id), num(ind.max), num(r.raw_max[i]), num(r.raw_max[i])));
      }
    }
    for (std::size_t di = 0; di < m_.dimensions.size(); ++di) {
      const detail::Dimension& d = m_.dimensions[di];
      const Decimal& computed = r.dimension_computed_max[di];
      if (d.declared_max && *d.declared_max != computed)
        add("max-mismatch", d, {d.id},
            fmt::format("dimension {} declares max=\"{}\" but its parts add up to {}{}{}; the engine reports max.{} = "
                        "{}; fix max or the parts",
                        quote(d.id), num(*d.declared_max), num(computed), parts_text(d),
                        d.cap ? fmt::format(" (capped at {})", num(*d.cap)) : "", d.id, num(computed)));
      if (d.min && !r.dimension_always_na[di]) {
        const analysis::Interval& iv = r.dimension[di];
        if (*d.min > iv.hi)
          add("min-unreachable", d, {d.id},
              fmt::format("dimension {} requires min=\"{}\" but the most it can score is {}: min_met.{} is always "
                          "false, so minimums.met is false whenever the dimension applies; lower min",
                          quote(d.id), num(*d.min), num(iv.hi), d.id));
        else if (*d.min <= iv.lo)
          add("min-always-met", d, {d.id},
              fmt::format("dimension {} requires min=\"{}\" but it never scores less than {}: the minimum is always "
                          "met; raise min or remove it",
                          quote(d.id), num(*d.min), num(iv.lo)));
      }
    }
    if (m_.has_scoring && m_.declared_total_max && *m_.declared_total_max != r.total_computed_max) {
      std::vector<std::string> parts;
      for (int di : m_.top_dimensions) {
        const detail::Dimension& d = m_.dimensions[di];
        parts.push_back(weighted(d.weight, d.id, r.dimension_computed_max[di]));
      }
      add("max-mismatch", m_.scoring_at, {"total", "scoring"},
             fmt::format("<scoring total-max=\"{}\"> but the dimensions add up to {} ({}); the engine reports "
                         "max.total = {}; fix total-max or the dimensions",
                         num(*m_.declared_total_max), num(r.total_computed_max), join(parts, " + "),
                         num(r.total_computed_max)));
    }
  }

  static std::string weighted(const Decimal& w, const std::string& id, const Decimal& v) {
    if (w == Decimal::from_int(1)) return fmt::format("{} {}", id, num(v));
    return fmt::format("{} × {} {}", num(w), id, num(v));
  }
  std::string parts_text(const detail::Dimension& d) const {
    if (d.children.size() > 8) return "";
    std::vector<std::string> parts;
    for (const auto& c : d.children) {
      if (c.is_dimension) {
        const auto& cd = m_.dimensions[c.index];
        parts.push_back(weighted(cd.weight, cd.id, ctx_.ranges.dimension_computed_max[c.index]));
      } else {
        const auto& ci = m_.indicators[c.index];
        parts.push_back(weighted(ci.weight, ci.id, ci.max));
      }
    }
    return " (" + join(parts, " + ") + ")";
  }

  // ---------------------------------------------------------------- gates

  void gates() {
    for (std::size_t i = 0; i < m_.gates.size(); ++i) {
      const detail::Gate& g = m_.gates[i];
      if (!g.test) continue;
      const analysis::Outcomes& o = ctx_.gate_test[i];
      bool mandatory = g.kind == detail::GateKind::mandatory;
      std::string test = code_text(g.test->source());
      std::string how = tried_text(g.test->dependencies(), o.tried, o.exhaustive, "it reads no name");
      if (!o.can_true)
        add("gate-never-passes", g, {g.id},
            fmt::format("the test {} of gate {} is never true ({}): {}", test, quote(g.id), how,
                        mandatory ? "every assessment fails this mandatory gate" : "this direct route never fires"));
      else if (!o.can_false)
        add("gate-never-fails", g, {g.id},
            fmt::format("the test {} of gate {} is never false ({}): {}", test, quote(g.id), how,
                        mandatory ? "this mandatory gate never excludes anyone"
                                  : "this direct route fires for every answered assessment"));
    }
  }

  /// "lint tried 12 combinations of a, b (a sample)", or `none` when the
  /// condition reads no input.
  std::string tried_text(std::span<const std::uint32_t> inputs, std::size_t tried, bool exhaustive,
                         const char* none) const {
    if (inputs.empty()) return none;
    return fmt::format("lint tried {} combination{} of {}{}", tried, tried == 1 ? "" : "s", names(inputs),
                       exhaustive ? "" : " (a sample)");
  }

  std::string names(std::span<const std::uint32_t> slots) const {
    std::vector<std::string> v;
    for (std::uint32_t s : slots)
      if (s < m_.slot_names.size()) v.push_back(m_.slot_names[s]);
    if (v.size() > 6) {
      v.resize(6);
      v.push_back("…");
    }
    return join(v);
  }

  // ---------------------------------------------------------------- grades

  void grades() {
    if (!m_.has_grades || m_.grades.empty()) return;
    analysis::GradeAnalysis a = analysis::analyse_grades(ctx_);
    std::vector<std::uint32_t> inputs = a.scores.tracked;
    inputs.insert(inputs.end(), a.free_slots.begin(), a.free_slots.end());
    std::sort(inputs.begin(), inputs.end());
    std::string method = tried_text(inputs, a.tried, a.exhaustive, "its condition reads no name");
    for (std::size_t i = 0; i < m_.grades.size(); ++i) {
      const detail::Grade& g = m_.grades[i];
      const auto& ga = a.grades[i];
      std::string cond = g.when ? code_text(g.when->source()) : std::string("(none)");
      if (!ga.condition_possible) {
        add("grade-unreachable", g, {g.id},
            fmt::format("grade {} is never reached: its condition {} is not true for any combination ({})", quote(g.id),
                        cond, method));
      } else if (m_.staged && !ga.reached) {
        add("grade-unreachable", g, {g.id},
            fmt::format("level {} is never reached: its condition {} never holds together with every lower level's "
                        "({})",
                        quote(g.id), cond, method));
      } else if (!m_.staged && !ga.reached) {
        std::vector<std::string> by;
        for (int j : ga.covered_by) by.push_back(quote(m_.grades[j].id) + where_text(m_.grades[j], g.file));
        add("grade-shadowed", g, {g.id},
            by.empty()
                ? fmt::format("grade {} is never the result: whenever its condition {} holds, one of the grades before "
                              "it already matches (first-match; {}); reorder the grades or narrow the earlier ones",
                              quote(g.id), cond, method)
                : fmt::format("grade {} is never the result: whenever its condition {} holds, grade{} {} before it "
                              "also hold{} (first-match; {}); reorder the grades or narrow the earlier one{}",
                              quote(g.id), cond, by.size() == 1 ? "" : "s", join(by), by.size() == 1 ? "s" : "",
                              method, by.size() == 1 ? "" : "s"));
      }
    }
  }

  // ---------------------------------------------------------------- constant conditions

  template <class Item>
  void constant(const std::optional<Program>& p, const Item& at, const std::string& id, const std::string& what,
                const std::string& never) {
    if (!p) return;
    auto v = analysis::constant_value(*p);
    if (!v) return;
    bool t = v->type() == expr::Type::Bool && v->as_bool();
    add("constant-condition", at, {id},
        t ? fmt::format("{} {} reads no name and is always true; remove it", what, code_text(p->source()))
          : fmt::format("{} {} reads no name and is always {}: {}", what, code_text(p->source()), truth_text(*v),
                        never));
  }

  void constants() {
    for (const auto& s : m_.sections) when_of(s, "section", "nothing in the section is ever asked");
    for (const auto& q : m_.questions) {
      when_of(q, "question", "the question is never asked");
      for (const auto& c : q.constraints)
        constant(c.test, q, q.id, fmt::format("a constraint of question {}", quote(q.id)),
                 "every answer to the question is rejected");
    }
    for (const auto& i : m_.indicators) when_of(i, "indicator", "the indicator never applies");
    for (const auto& d : m_.dimensions) when_of(d, "dimension", "the dimension never applies");
    for (const auto& g : m_.gates) {
      when_of(g, "gate", "the gate never applies");
      variants(g.message, g, g.id, "message");
    }
    for (const auto& g : m_.groups) when_of(g, "check group", "no check of the group ever applies");
    for (const auto& c : m_.checks) {
      when_of(c, "check", "the check never applies");
      constant(c.test, c, c.id, fmt::format("the test of check {}", quote(c.id)), "the check always fails");
      variants(c.finding, c, c.id, "finding");
      variants(c.remediation, c, c.id, "remediation");
    }
    for (const auto& g : m_.grades) {
      variants(g.message, g, g.id, "message");
      variants(g.description, g, g.id, "description");
    }
  }
  /// The `when` of an item that has one.
  template <class Item>
  void when_of(const Item& x, const char* kind, const char* never) {
    constant(x.when, x, x.id, fmt::format("the condition of {} {}", kind, quote(x.id)), never);
  }
  template <class Item>
  void variants(const detail::Variants& vs, const Item& at, const std::string& id, const char* what) {
    for (const auto& v : vs)
      constant(v.when, at, id, fmt::format("the condition of a <{}> of {}", what, quote(id)), "that text is never used");
  }

  // ---------------------------------------------------------------- unused

  void unused() {
    analysis::Reads r = analysis::collect_reads(m_);
    for (std::size_t i = 0; i < m_.questions.size(); ++i) {
      const auto& q = m_.questions[i];
      if (q.slot == detail::kNoSlot || r.slot_read[q.slot] || r.question_scored[i]) continue;
      add("unused-question", q, {q.id},
          fmt::format("question {} is never used: no condition, derived value, indicator, gate, check, grade or "
                      "message reads it; remove it, use it, or suppress this with the reason it is asked",
                      quote(q.id)));
    }
    for (const auto& d : m_.derived) {
      if (d.slot == detail::kNoSlot || r.slot_read[d.slot]) continue;
      add("unused-derived", d, {d.id},
          fmt::format("derived value {} is never used: no condition, derived value, indicator, gate, check, grade or "
                      "message reads it; remove it or use it",
                      quote(d.id)));
    }
  }

  void option_tables() {
    for (const auto& ind : m_.indicators) {
      if (ind.method != detail::Indicator::Method::options || ind.question < 0) continue;
      const auto& q = m_.questions[ind.question];
      // Reported at the question's <option> element that the table leaves out.
      for (const auto& o : q.options) {
        bool listed = std::any_of(ind.option_points.begin(), ind.option_points.end(),
                                  [&](const detail::OptionPoints& p) { return p.value == o.value; });
        if (listed) continue;
        add("option-never-scores", o, {ind.id, q.id},
            fmt::format("option {} of question {} is not in the option table of indicator {}{} and silently scores 0; "
                        "list it with points=\"0\" if that is intended",
                        quote(o.value), quote(q.id), quote(ind.id), where_text(ind, o.file)));
      }
    }
  }

  /// " (line N)" or " (file:N)" for an item referred to in a message about
  /// something in file `from`.
  template <class Item>
  std::string where_text(const Item& it, int from) const {
    if (it.file == from) return fmt::format(" (line {})", it.line);
    return fmt::format(" ({}:{})", file_name(it.file), it.line);
  }

  // ---------------------------------------------------------------- translations

  /// Which fields of one item lack a text in which declared language.
  struct Fields {
    explicit Fields(const std::vector<std::string>& langs) : langs_(langs) {}
    std::vector<std::pair<std::string, std::vector<std::string>>> by_lang;  // lang -> fields missing it
    Fields& text(const char* field, const detail::LocalText& t) {
      if (!t.empty())
        for (const std::string& l : langs_)
          if (std::none_of(t.items.begin(), t.items.end(), [&](const auto& p) { return p.first == l; })) miss(l, field);
      return *this;
    }
    Fields& variants(const char* field, const detail::Variants& v) {
      if (!v.empty())
        for (const std::string& l : langs_)
          if (std::none_of(v.begin(), v.end(), [&](const detail::TextVariant& x) { return x.lang == l; }))
            miss(l, field);
      return *this;
    }

   private:
    const std::vector<std::string>& langs_;
    void miss(const std::string& lang, const char* field) {
      for (auto& [l, f] : by_lang)
        if (l == lang) {
          if (std::find(f.begin(), f.end(), field) == f.end()) f.push_back(field);
          return;
        }
      by_lang.push_back({lang, {field}});
    }
  };

  template <class Item>
  void report_missing(const Fields& f, const Item& at, const std::string& id, const std::string& what) {
    for (const auto& [lang, fields] : f.by_lang)
      add("missing-translation", at, {id},
          fmt::format("{} has no {} text for {} (the ruleset declares langs=\"{}\"); add xml:lang=\"{}\" versions",
                      what, quote(lang), join(fields), join(m_.langs, " "), lang));
  }

  /// Title and help of every item of `items` (sections, dimensions, indicators, check groups).
  template <class Items>
  void titles_and_help(const Items& items, const char* kind) {
    for (const auto& x : items)
      report_missing(Fields(m_.langs).text("title", x.title).text("help", x.help), x, x.id,
                     fmt::format("{} {}", kind, quote(x.id)));
  }

  void translations() {
    Fields meta(m_.langs);
    meta.text("title", m_.title).text("description", m_.description).text("publisher", m_.publisher);
    report_missing(meta, m_.meta_at, "meta", "<meta>");
    for (const auto& it : m_.interpretations)
      report_missing(Fields(m_.langs).text("interpretation", it.text), it, it.id,
                     fmt::format("interpretation {}", quote(it.id)));
    titles_and_help(m_.sections, "section");
    for (const auto& q : m_.questions) {
      Fields f(m_.langs);
      f.text("label", q.label).text("help", q.help);
      for (const auto& c : q.constraints) f.text("constraint message", c.message);
      report_missing(f, q, q.id, fmt::format("question {}", quote(q.id)));
      for (const auto& o : q.options)
        report_missing(Fields(m_.langs).text("label", o.label).text("help", o.help), o, q.id,
                       fmt::format("option {} of question {}", quote(o.value), quote(q.id)));
    }
    for (const auto& d : m_.derived)
      report_missing(Fields(m_.langs).text("label", d.label), d, d.id, fmt::format("derived value {}", quote(d.id)));
    titles_and_help(m_.dimensions, "dimension");
    titles_and_help(m_.indicators, "indicator");
    for (const auto& g : m_.gates)
      report_missing(Fields(m_.langs).text("title", g.title).variants("message", g.message), g, g.id,
                     fmt::format("gate {}", quote(g.id)));
    titles_and_help(m_.groups, "check group");
    for (const auto& c : m_.checks) {
      Fields f(m_.langs);
      f.text("title", c.title).text("help", c.help);
      f.variants("finding", c.finding).variants("remediation", c.remediation);
      for (const auto& e : c.evidence) f.text("evidence", e);
      report_missing(f, c, c.id, fmt::format("check {}", quote(c.id)));
    }
    for (const auto& g : m_.grades)
      report_missing(
          Fields(m_.langs).text("title", g.title).variants("message", g.message).variants("description", g.description),
          g, g.id, fmt::format("grade {}", quote(g.id)));
  }

  // ---------------------------------------------------------------- legal basis

  template <class Item>
  void expired(const std::vector<detail::Basis>& bs, const Item& at, const std::string& id, const char* kind) {
    for (const auto& b : bs) {
      if (b.effective_to.empty() || !(b.effective_to < today_)) continue;
      std::string cited = b.name + (b.article.empty() ? "" : " " + b.article) + (b.version.empty() ? "" : " (" + b.version + ")");
      add("basis-expired", at, {id},
          fmt::format("the basis {} of {} {} ended on {} (effective-to, today is {}); cite the provision in force or "
                      "retire the {}",
                      quote(cited), kind, quote(id), b.effective_to, today_, kind));
    }
  }

  void legal_basis() {
    for (const auto& c : m_.checks) {
      if (c.basis.empty())
        add("no-basis", c, {c.id},
            fmt::format("check {} cites no law or standard; add <basis law=\"…\" article=\"…\"/> so a finding can be "
                        "traced to its source",
                        quote(c.id)));
      expired(c.basis, c, c.id, "check");
    }
    for (const auto& g : m_.gates) expired(g.basis, g, g.id, "gate");
    if (!m_.effective_to.empty() && m_.effective_to < today_) {
      add("ruleset-expired", m_.effective_at, {m_.id},
             fmt::format("ruleset {} was in force until {} (<effective to>), today is {}: a catalog will not pick it "
                         "for later assessment dates; publish a successor or extend the period",
                         quote(m_.id), m_.effective_to, today_));
    }
  }

  // ---------------------------------------------------------------- suppressions and output

  std::vector<Diagnostic> finish() {
    std::vector<bool> used(m_.suppressions.size(), false);
    std::vector<Finding> kept;
    for (Finding& f : out_) {
      bool suppressed = false;
      for (std::size_t s = 0; s < m_.suppressions.size(); ++s) {
        const auto& sup = m_.suppressions[s];
        if (sup.code != f.d.code) continue;
        if (!sup.target.empty() && std::find(f.targets.begin(), f.targets.end(), sup.target) == f.targets.end())
          continue;
        used[s] = true;
        suppressed = true;
      }
      if (!suppressed) kept.push_back(std::move(f));
    }
    out_ = std::move(kept);
    std::vector<std::string> codes;
    for (const LintCode& c : lint_codes()) codes.push_back(c.code);
    for (std::size_t s = 0; s < m_.suppressions.size(); ++s) {
      const auto& sup = m_.suppressions[s];
      if (!find_lint_code(sup.code)) {
        std::string hint = expr::closest_name(sup.code, codes);
        add("unused-suppression", sup, {sup.code},
            fmt::format("<suppress code=\"{}\"> names no lint code{}; see docs/lint.md for the list", sup.code,
                        hint.empty() ? "" : fmt::format(" (did you mean {}?)", quote(hint))));
      } else if (!used[s]) {
        add("unused-suppression", sup, {sup.code},
            sup.target.empty()
                ? fmt::format("<suppress code=\"{}\"> matches no diagnostic; remove it", sup.code)
                : fmt::format("<suppress code=\"{}\" target=\"{}\"> matches no diagnostic{}; remove it", sup.code,
                              sup.target, target_hint(sup.target)));
      }
    }
    std::stable_sort(out_.begin(), out_.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.file, a.d.line, a.d.column, a.d.code) < std::tie(b.file, b.d.line, b.d.column, b.d.code);
    });
    std::vector<Diagnostic> result;
    for (Finding& f : out_) {
      if (opt_.excerpts) f.d.excerpt = src_.excerpt(f.file, f.d.line, f.d.column);
      result.push_back(std::move(f.d));
    }
    return result;
  }

  std::string target_hint(const std::string& target) const {
    bool known = m_.question_index.count(target) > 0 || target == "meta" || target == "total" || target == m_.id;
    auto has = [&](const auto& v) {
      return std::any_of(v.begin(), v.end(), [&](const auto& x) { return x.id == target; });
    };
    known = known || has(m_.derived) || has(m_.indicators) || has(m_.dimensions) || has(m_.gates) ||
            has(m_.checks) || has(m_.groups) || has(m_.grades) || has(m_.sections) || has(m_.interpretations);
    return known ? "" : fmt::format(" ({} is not an id of this ruleset)", quote(target));
  }
};

}  // namespace

std::vector<Diagnostic> lint(const Ruleset& rs, const LintOptions& options) {
  return Linter(rs.model(), options).run();
}

}  // namespace zice
