// zice explain RULESET ANSWERS: how every number of the result was obtained —
// the answers used, derived values with their expressions, each indicator's
// method, input, matched band or option and points, dimension sums, gates
// and grades with the values of the names their conditions read. Built from
// the result document with the trace on (docs/result-schema.md), plus the
// expression texts of the compiled ruleset.
#include <algorithm>
#include <iostream>
#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/answer_text.hpp"
#include "cli/common.hpp"
#include "report/text_layout.hpp"
#include "ruleset/model.hpp"
#include "util/text_width.hpp"

namespace zice::cli {
namespace {

namespace json = boost::json;
using report::Cell;
using report::Table;

void add_options(po::options_description& d) {
  d.add_options()
    ("indicator,i", po::value<std::string>()->value_name("ID"), "explain one indicator and the derived values and questions it reads")
    ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"), "output format: text or json")
    ("lang,l", po::value<std::string>()->value_name("LANG"), "language, e.g. zh-CN or en (default: the ruleset's)")
    ("date,d", po::value<std::string>()->value_name("DATE"), "assessment date YYYY-MM-DD (default: today, UTC)")
    ("output,o", po::value<std::string>()->value_name("FILE"), "write the explanation to FILE instead of stdout");
}

// ---------------------------------------------------------------- helpers

const json::value kNull;

const json::value& at(const json::value& v, std::string_view key) {
  if (!v.is_object()) return kNull;
  const json::value* p = v.get_object().if_contains(key);
  return p ? *p : kNull;
}
std::string str(const json::value& v) { return v.is_string() ? std::string(v.get_string()) : std::string(); }
const json::array& arr(const json::value& v) {
  static const json::array empty;
  return v.is_array() ? v.get_array() : empty;
}

/// A value as an expression would spell it: true/false, 'text', ['a', 'b'], null.
std::string expr_value(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return v.get_bool() ? "true" : "false";
    case json::kind::string: return "'" + std::string(v.get_string()) + "'";
    case json::kind::array: {
      std::string out;
      for (const json::value& e : v.get_array()) out += (out.empty() ? "" : ", ") + expr_value(e);
      return "[" + out + "]";
    }
    case json::kind::object: return to_json_text(v, false);
    default: return report::format_number(v);
  }
}

/// Slot names an expression reads, in slot order.
std::vector<std::string> names_read(const std::optional<expr::Program>& p, const detail::Model& m) {
  std::vector<std::string> out;
  if (!p) return out;
  for (std::uint32_t s : p->dependencies())
    if (s < m.slot_names.size()) out.push_back(m.slot_names[s]);
  return out;
}

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

/// Whether `name` occurs in `text` as a whole identifier.
bool mentions(std::string_view text, std::string_view name) {
  for (std::size_t pos = text.find(name); pos != std::string_view::npos; pos = text.find(name, pos + 1)) {
    bool before = pos == 0 || !ident_char(text[pos - 1]);
    std::size_t end = pos + name.size();
    bool after = end >= text.size() || !ident_char(text[end]);
    if (before && after) return true;
  }
  return false;
}

struct Labels {
  bool zh;
  const char* t(const char* z, const char* e) const { return zh ? z : e; }
};

// ---------------------------------------------------------------- the explanation

class Explainer {
 public:
  Explainer(const Ruleset& rs, const json::value& result, bool zh)
      : rs_(rs), m_(rs.model()), r_(result), L{zh}, questionnaire_(rs.questionnaire(str(at(result, "lang")))) {
    questions_ = flatten_questionnaire(questionnaire_);
    for (const json::value& p : arr(at(r_, "problems")))
      if (at(p, "fatal").is_bool() && at(p, "fatal").get_bool()) problems_[str(at(p, "question"))] = str(at(p, "message"));
    for (const json::value& q : arr(at(at(r_, "not_applicable"), "questions"))) not_applicable_.insert(str(q));
  }

  /// Restricts the explanation to one indicator and what it reads (transitively).
  void focus(const std::string& indicator) {
    auto it = std::find_if(m_.indicators.begin(), m_.indicators.end(),
                           [&](const detail::Indicator& i) { return i.id == indicator; });
    if (it == m_.indicators.end()) {
      std::string ids;
      for (const detail::Indicator& i : m_.indicators) ids += (ids.empty() ? "" : ", ") + i.id;
      throw InputError(fmt::format("unknown indicator '{}' (indicators: {})", indicator,
                                   ids.empty() ? "none" : ids));
    }
    focus_ = indicator;
    std::vector<std::string> todo;
    auto add = [&](const std::vector<std::string>& names) { todo.insert(todo.end(), names.begin(), names.end()); };
    add(names_read(it->of, m_));
    add(names_read(it->formula, m_));
    add(names_read(it->when, m_));
    if (it->question >= 0) todo.push_back(m_.questions[it->question].id);
    while (!todo.empty()) {
      std::string name = todo.back();
      todo.pop_back();
      if (!wanted_.insert(name).second) continue;
      for (const detail::Derived& d : m_.derived)
        if (d.id == name) add(names_read(d.expr, m_));
    }
  }

  json::value to_json() const {
    json::object o;
    o["ruleset"] = at(r_, "ruleset");
    o["lang"] = at(r_, "lang");
    o["assessment_date"] = at(r_, "assessment_date");
    o["complete"] = at(r_, "complete");
    if (!focus_) o["grade"] = at(r_, "grade");
    json::object inputs;
    for (const QuestionRef& q : questions_)
      if (wants(q.id)) inputs[q.id] = trace(q.id);
    o["inputs"] = std::move(inputs);
    json::array derived;
    for (const json::value& d : arr(at(r_, "derived"))) {
      if (!wants(str(at(d, "id")))) continue;
      json::object x = d.get_object();
      const detail::Derived* md = find_derived(str(at(d, "id")));
      x["expr"] = md && md->expr ? json::value(std::string(md->expr->source())) : json::value();
      x["reads"] = reads(md ? names_read(md->expr, m_) : std::vector<std::string>{});
      derived.push_back(std::move(x));
    }
    o["derived"] = std::move(derived);
    json::array inds;
    std::string focus_dim;
    for (const json::value& i : arr(at(r_, "indicators")))
      if (!focus_ || str(at(i, "id")) == *focus_) {
        inds.push_back(i);
        focus_dim = str(at(i, "dimension"));
      }
    o["indicators"] = std::move(inds);
    json::array dims;
    for (const json::value& d : arr(at(r_, "dimensions")))
      if (!focus_ || str(at(d, "id")) == focus_dim) dims.push_back(d);
    o["dimensions"] = std::move(dims);
    if (focus_) return o;
    o["score"] = at(r_, "score");
    json::array gates;
    for (std::size_t i = 0; i < arr(at(r_, "gates")).size(); ++i) {
      json::object g = arr(at(r_, "gates"))[i].get_object();
      const detail::Gate* mg = i < m_.gates.size() ? &m_.gates[i] : nullptr;
      g["test"] = mg && mg->test ? json::value(std::string(mg->test->source())) : json::value();
      g["when"] = mg && mg->when ? json::value(std::string(mg->when->source())) : json::value();
      std::vector<std::string> names = mg ? names_read(mg->test, m_) : std::vector<std::string>{};
      if (mg)
        for (const std::string& n : names_read(mg->when, m_)) names.push_back(n);
      g["reads"] = reads(names);
      gates.push_back(std::move(g));
    }
    o["gates"] = std::move(gates);
    json::array grades;
    for (std::size_t i = 0; i < arr(at(r_, "grades")).size(); ++i) {
      json::object g = arr(at(r_, "grades"))[i].get_object();
      const detail::Grade* mg = i < m_.grades.size() ? &m_.grades[i] : nullptr;
      g["when"] = mg && mg->when ? json::value(std::string(mg->when->source())) : json::value();
      if (mg && g.contains("failing")) {
        json::array failing;
        for (const json::value& f : arr(g["failing"])) {
          json::object x = f.get_object();
          x["reads"] = reads(names_in(str(at(f, "condition")), mg->when));
          failing.push_back(std::move(x));
        }
        g["failing"] = std::move(failing);
      }
      grades.push_back(std::move(g));
    }
    o["grades"] = std::move(grades);
    o["trace"] = at(r_, "trace");
    return o;
  }

  std::string to_text() const {
    std::string out;
    out += fmt::format("{}  {} {}\n", str(at(at(r_, "ruleset"), "title")), str(at(at(r_, "ruleset"), "id")),
                       str(at(at(r_, "ruleset"), "version")));
    out += fmt::format("{}{}\n", L.t("评估日期：", "Assessment date: "), str(at(r_, "assessment_date")));
    if (focus_) out += fmt::format("{}{}\n", L.t("仅解释指标：", "Explaining indicator: "), *focus_);
    if (at(r_, "complete").is_bool() && !at(r_, "complete").get_bool()) {
      std::string missing;
      for (const json::value& q : arr(at(at(r_, "missing"), "questions"))) missing += (missing.empty() ? "" : ", ") + str(q);
      out += L.t("注意：答案不完整，结果可能变化", "Note: the answers are incomplete; the result may change");
      out += missing.empty() ? "\n" : fmt::format("{}{}\n", L.t("（未作答：", " (unanswered: "), missing + L.t("）", ")"));
    }
    int n = 0;
    auto heading = [&](const char* zh, const char* en) {
      out += fmt::format("\n{}. {}\n", ++n, L.t(zh, en));
    };
    heading("作答（输入）", "Answers (inputs)");
    out += inputs_text();
    heading("计算值", "Derived values");
    out += derived_text();
    if (!arr(at(r_, "indicators")).empty()) {
      heading("指标得分", "Indicators");
      out += indicators_text();
      heading("维度得分", "Dimensions");
      out += dimensions_text();
    }
    if (focus_) return out;
    if (!arr(at(r_, "gates")).empty()) {
      heading("门槛条件", "Gates");
      out += gates_text();
    }
    if (!arr(at(r_, "grades")).empty()) {
      heading("等级判定", "Grade");
      out += grades_text();
    }
    return out;
  }

 private:
  const Ruleset& rs_;
  const detail::Model& m_;
  const json::value& r_;
  Labels L;
  json::value questionnaire_;
  std::vector<QuestionRef> questions_;
  std::map<std::string, std::string> problems_;
  std::set<std::string> not_applicable_;
  std::optional<std::string> focus_;
  std::set<std::string> wanted_;

  bool wants(const std::string& name) const { return !focus_ || wanted_.count(name); }

  const json::value& trace(std::string_view name) const { return at(at(r_, "trace"), name); }

  const detail::Derived* find_derived(const std::string& id) const {
    for (const detail::Derived& d : m_.derived)
      if (d.id == id) return &d;
    return nullptr;
  }

  json::object reads(const std::vector<std::string>& names) const {
    json::object o;
    for (const std::string& n : names) o[n] = trace(n);
    return o;
  }

  // Names of `whole` that occur in `part` (a conjunct of it).
  std::vector<std::string> names_in(const std::string& part, const std::optional<expr::Program>& whole) const {
    std::vector<std::string> out;
    for (const std::string& n : names_read(whole, m_))
      if (mentions(part, n)) out.push_back(n);
    return out;
  }

  std::string values_of(const std::vector<std::string>& names) const {
    std::string out;
    for (const std::string& n : names)
      out += fmt::format("{}{} = {}", out.empty() ? "" : L.t("，", ", "), n, expr_value(trace(n)));
    return out;
  }

  std::string line(std::string_view label, std::string_view text, std::size_t indent) const {
    std::string prefix = std::string(indent, ' ') + std::string(label);
    return prefix + report::wrap(text, util::display_width(prefix), indent + util::display_width(label)) + "\n";
  }

  std::string inputs_text() const {
    Table t({{L.t("问题", "Question"), false, 28}, {L.t("题目", "Label"), false, 30}, {L.t("答案", "Answer"), false, 60}});
    std::size_t shown = 0;
    for (const QuestionRef& q : questions_) {
      if (!wants(q.id)) continue;
      std::string value;
      if (not_applicable_.count(q.id)) {
        value = L.t("不适用", "not applicable");
      } else if (auto p = problems_.find(q.id); p != problems_.end()) {
        value = fmt::format("{}{}", L.t("答案有误，按未作答：", "invalid, counted as unanswered: "), p->second);
      } else {
        value = answer_display(q, trace(q.id), L.zh);
      }
      t.add({{q.id}, {str(at(*q.question, "label"))}, {value}});
      ++shown;
    }
    return shown ? t.render(2, false) : std::string("  —\n");
  }

  std::string derived_text() const {
    std::string out;
    for (const json::value& d : arr(at(r_, "derived"))) {
      std::string id = str(at(d, "id"));
      if (!wants(id)) continue;
      std::string unit = str(at(d, "unit"));
      std::string label = str(at(d, "label"));
      out += fmt::format("  {}{} = {}{}\n", id, label.empty() ? "" : "  " + label,
                         d.get_object().contains("value") ? expr_value(at(d, "value")) : "null",
                         at(d, "value").is_null() ? "" : unit);
      const detail::Derived* md = find_derived(id);
      if (!md || !md->expr) continue;
      out += line(L.t("表达式：", "expr: "), md->expr->source(), 4);
      std::string vals = values_of(names_read(md->expr, m_));
      if (!vals.empty()) out += line(L.t("代入：", "with: "), vals, 4);
    }
    return out.empty() ? "  —\n" : out;
  }

  std::string method_name(const std::string& m) const {
    if (m == "options") return L.t("选项计分", "options");
    if (m == "bands") return L.t("分档计分", "bands");
    if (m == "formula") return L.t("公式计分", "formula");
    return m;
  }

  std::string band_range(const json::value& b) const {
    std::string lo = b.get_object().contains("ge")   ? "[" + report::format_number(at(b, "ge"))
                     : b.get_object().contains("gt") ? "(" + report::format_number(at(b, "gt"))
                                                     : "(-∞";
    std::string hi = b.get_object().contains("le")   ? report::format_number(at(b, "le")) + "]"
                     : b.get_object().contains("lt") ? report::format_number(at(b, "lt")) + ")"
                                                     : "∞)";
    return lo + ", " + hi;
  }

  std::string indicators_text() const {
    std::string out;
    const json::array& dims = arr(at(r_, "dimensions"));
    auto dim_title = [&](const std::string& id) {
      for (const json::value& d : dims)
        if (str(at(d, "id")) == id) return str(at(d, "title"));
      return id;
    };
    for (const json::value& i : arr(at(r_, "indicators"))) {
      std::string id = str(at(i, "id"));
      if (focus_ && id != *focus_) continue;
      bool applicable = at(i, "applicable").is_bool() && at(i, "applicable").get_bool();
      std::string head = fmt::format("  {}  {}（{}）", str(at(i, "title")), id, dim_title(str(at(i, "dimension"))));
      if (!L.zh) head = fmt::format("  {}  {} ({})", str(at(i, "title")), id, dim_title(str(at(i, "dimension"))));
      std::string pts = applicable ? fmt::format("{} / {}", report::format_number(at(i, "points")),
                                                 report::format_number(at(i, "max")))
                                   : L.t("不适用", "n/a");
      out += util::pad(head, 60) + "  " + pts + "\n";
      std::string method = str(at(i, "method"));
      const detail::Indicator* mi = nullptr;
      for (const detail::Indicator& x : m_.indicators)
        if (x.id == id) mi = &x;
      if (mi && mi->when)
        out += line(L.t("适用条件：", "applies when: "),
                    fmt::format("{}（{}）", mi->when->source(), values_of(names_read(mi->when, m_))), 4);
      if (!applicable) continue;
      const json::value& input = at(i, "input");
      std::string in_text = input.get_object().contains("expr")
                                ? fmt::format("{} = {}", str(at(input, "expr")), expr_value(at(input, "value")))
                                : fmt::format("{} = {}", str(at(input, "name")), expr_value(at(input, "value")));
      out += line(L.t("方法：", "method: "), method_name(method) + L.t("；输入 ", "; input ") + in_text, 4);
      const json::value& matched = at(i, "matched");
      if (method == "options") {
        std::string parts;
        for (const json::value& mt : arr(matched))
          parts += fmt::format("{}{} → {}", parts.empty() ? "" : L.t("，", ", "), str(at(mt, "value")),
                               report::format_number(at(mt, "points")));
        out += line(L.t("命中：", "matched: "), parts.empty() ? L.t("无计分选项", "no scoring option") : parts, 4);
      } else if (method == "bands") {
        std::string band = matched.is_object()
                               ? fmt::format("{}{} → {}", band_range(matched),
                                             at(matched, "label").is_string() ? " " + str(at(matched, "label")) : "",
                                             report::format_number(at(matched, "points")))
                               : std::string(L.t("无（不在任何分档内或无法计算）", "none (in no band, or not computable)"));
        out += line(L.t("分档：", "band: "), band, 4);
        if (mi && !mi->bands.empty()) {
          std::string all;
          for (const detail::Band& b : mi->bands) {
            std::string lo = b.lo ? (b.lo_inclusive ? "[" : "(") + b.lo->to_string() : "(-∞";
            std::string hi = b.hi ? b.hi->to_string() + (b.hi_inclusive ? "]" : ")") : "∞)";
            all += fmt::format("{}{}, {} → {}", all.empty() ? "" : "  ", lo, hi, b.points.to_string());
          }
          out += line(L.t("全部分档：", "all bands: "), all, 4);
        }
      } else if (method == "formula" && mi && mi->formula) {
        std::string vals = values_of(names_read(mi->formula, m_));
        if (!vals.empty()) out += line(L.t("代入：", "with: "), vals, 4);
        out += line(L.t("取值范围：", "clamped to: "), fmt::format("[0, {}]", mi->max.to_string()), 4);
      }
      if (mi && !(mi->weight == expr::Decimal::from_int(1)))
        out += line(L.t("权重：", "weight: "), mi->weight.to_string(), 4);
      out += line(L.t("计算：", "explain: "), str(at(i, "explain")), 4);
    }
    return out;
  }

  std::string dimensions_text() const {
    Table t({{L.t("维度", "Dimension"), false, 30},
             {L.t("得分", "Score"), true, 10},
             {L.t("满分", "Max"), true, 10},
             {L.t("得分率", "Percent"), true, 10},
             {L.t("最低要求", "Minimum"), false, 16}});
    const json::array& dims = arr(at(r_, "dimensions"));
    const json::array& inds = arr(at(r_, "indicators"));
    std::string sums;
    std::string focus_dim;
    if (focus_)
      for (const json::value& i : inds)
        if (str(at(i, "id")) == *focus_) focus_dim = str(at(i, "dimension"));
    for (std::size_t di = 0; di < dims.size(); ++di) {
      const json::value& d = dims[di];
      std::string id = str(at(d, "id"));
      if (focus_ && id != focus_dim) continue;
      bool applicable = at(d, "applicable").is_bool() && at(d, "applicable").get_bool();
      std::string depth;
      for (std::string p = str(at(d, "parent")); !p.empty();) {
        depth += "  ";
        std::string next;
        for (const json::value& x : dims)
          if (str(at(x, "id")) == p) next = str(at(x, "parent"));
        p = next;
      }
      std::string min = at(d, "min").is_null()
                            ? "—"
                            : fmt::format("≥ {} {}", report::format_number(at(d, "min")),
                                          at(d, "min_met").is_bool() ? (at(d, "min_met").get_bool() ? "✓" : "✗") : "");
      if (!applicable) {
        t.add({{depth + str(at(d, "title"))}, {L.t("不适用", "n/a")}, {""}, {""}, {min}});
        continue;
      }
      std::string pct = at(d, "percent").is_null() ? "—" : report::format_number(at(d, "percent")) + "%";
      t.add({{depth + str(at(d, "title"))},
             {report::format_number(at(d, "score"))},
             {report::format_number(at(d, "max"))},
             {pct},
             {min}});
      // The sum: applicable indicators and child dimensions (× weight).
      std::string terms, skipped;
      for (const json::value& i : inds) {
        if (str(at(i, "dimension")) != id) continue;
        if (at(i, "applicable").is_bool() && at(i, "applicable").get_bool())
          terms += fmt::format("{}{} {}", terms.empty() ? "" : " + ", str(at(i, "title")), report::format_number(at(i, "points")));
        else
          skipped += (skipped.empty() ? "" : L.t("、", ", ")) + str(at(i, "title"));
      }
      for (std::size_t ci = 0; ci < dims.size(); ++ci) {
        const json::value& c = dims[ci];
        if (str(at(c, "parent")) != id || !(at(c, "applicable").is_bool() && at(c, "applicable").get_bool())) continue;
        std::string w = report::format_number(at(c, "weight"));
        terms += fmt::format("{}{} {}{}", terms.empty() ? "" : " + ", str(at(c, "title")),
                             report::format_number(at(c, "score")), w == "1" ? "" : " × " + w);
      }
      std::string sum = fmt::format("{} = {}", str(at(d, "title")), terms.empty() ? "0" : terms);
      if (di < m_.dimensions.size() && m_.dimensions[di].cap)
        sum += fmt::format(fmt::runtime(L.t("，封顶 {}", ", capped at {}")), m_.dimensions[di].cap->to_string());
      sum += fmt::format(" = {} / {}", report::format_number(at(d, "score")), report::format_number(at(d, "max")));
      if (!skipped.empty()) sum += fmt::format(fmt::runtime(L.t("（不适用：{}）", " (not applicable: {})")), skipped);
      sums += line("", sum, 4);
    }
    std::string out = t.render(2, false);
    if (!sums.empty()) out += L.t("  求和：\n", "  Sums:\n") + sums;
    const json::value& score = at(r_, "score");
    if (!focus_ && score.is_object()) {
      std::string terms;
      for (const json::value& d : dims) {
        if (!at(d, "parent").is_null() || !(at(d, "applicable").is_bool() && at(d, "applicable").get_bool())) continue;
        std::string w = report::format_number(at(d, "weight"));
        terms += fmt::format("{}{} {}{}", terms.empty() ? "" : " + ", str(at(d, "title")),
                             report::format_number(at(d, "score")), w == "1" ? "" : " × " + w);
      }
      std::string pct = at(score, "percent").is_null() ? "—" : report::format_number(at(score, "percent")) + "%";
      out += line(L.t("总分：", "Total: "),
                  fmt::format("{} = {} / {}（{}）", terms.empty() ? "0" : terms, report::format_number(at(score, "total")),
                              report::format_number(at(score, "max")), pct),
                  2);
    }
    return out;
  }

  std::string gates_text() const {
    std::string out;
    const json::array& gates = arr(at(r_, "gates"));
    for (std::size_t i = 0; i < gates.size(); ++i) {
      const json::value& g = gates[i];
      std::string status = str(at(g, "status"));
      bool direct = str(at(g, "kind")) == "direct";
      const char* mark = status == "pass" ? "✓" : status == "fail" ? "✗" : status == "unknown" ? "?" : "–";
      const char* word = status == "pass"      ? (direct ? L.t("满足（直通）", "fires (direct route)") : L.t("通过", "pass"))
                         : status == "fail"    ? (direct ? L.t("未满足", "does not fire") : L.t("未通过", "fail"))
                         : status == "unknown" ? L.t("未知（输入未作答）", "unknown (unanswered input)")
                                               : L.t("不适用", "not applicable");
      out += fmt::format("  {} {}  {} [{}] {}\n", mark, str(at(g, "title")), str(at(g, "id")),
                         direct ? L.t("直通", "direct") : L.t("强制", "mandatory"), word);
      if (i >= m_.gates.size()) continue;
      const detail::Gate& mg = m_.gates[i];
      if (mg.when)
        out += line(L.t("适用条件：", "applies when: "),
                    fmt::format("{}（{}）", mg.when->source(), values_of(names_read(mg.when, m_))), 4);
      if (mg.test) {
        out += line(L.t("条件：", "test: "), mg.test->source(), 4);
        std::string vals = values_of(names_read(mg.test, m_));
        if (!vals.empty()) out += line(L.t("代入：", "with: "), vals, 4);
      }
      if (at(g, "message").is_string()) out += line(L.t("说明：", "message: "), str(at(g, "message")), 4);
    }
    for (const char* name : {"gates.mandatory", "gates.direct"})
      out += fmt::format("  {} = {}\n", name, expr_value(trace(name)));
    return out;
  }

  std::string grades_text() const {
    std::string out;
    const json::value& grade = at(r_, "grade");
    out += L.t("  结果：", "  Result: ");
    if (grade.is_object()) {
      out += fmt::format("{}（{}）", str(at(grade, "title")), str(at(grade, "id")));
      if (at(grade, "provisional").is_bool() && at(grade, "provisional").get_bool())
        out += L.t("，暂定：更好的等级尚无法判断", "; provisional: a better grade is still undecided");
    } else {
      out += L.t("无（没有等级条件成立）", "none (no grade condition holds)");
    }
    out += "\n";
    const json::array& grades = arr(at(r_, "grades"));
    for (std::size_t i = 0; i < grades.size(); ++i) {
      const json::value& g = grades[i];
      std::string status = str(at(g, "status"));
      const char* mark = status == "reached" ? "●" : status == "passed" ? "✓" : status == "missed" ? "✗"
                         : status == "undecided" ? "?" : "·";
      const char* word = status == "reached"   ? L.t("达到", "reached")
                         : status == "passed"  ? L.t("已通过（阶梯）", "passed (staged)")
                         : status == "missed"  ? L.t("未达到", "missed")
                         : status == "undecided" ? L.t("无法判断（输入未作答）", "undecided (unanswered input)")
                                                 : L.t("未判定", "not evaluated");
      out += fmt::format("  {} {}  {}  {}\n", mark, str(at(g, "title")), str(at(g, "id")), word);
      const detail::Grade* mg = i < m_.grades.size() ? &m_.grades[i] : nullptr;
      if (mg && mg->when && status != "not_evaluated")
        out += line(L.t("条件：", "when: "), mg->when->source(), 4);
      for (const json::value& f : arr(at(g, "failing"))) {
        std::string cond = str(at(f, "condition"));
        out += line(L.t("不成立：", "not true: "), fmt::format("{} → {}", cond, expr_value(at(f, "value"))), 4);
        if (mg) {
          std::string vals = values_of(names_in(cond, mg->when));
          if (!vals.empty()) out += line(L.t("其中：", "where: "), vals, 6);
        }
      }
    }
    return out;
  }
};

int run(const po::variables_map& vm) {
  std::string format = vm["format"].as<std::string>();
  require_one_of("format", format, {"text", "json"});
  AssessOptions opt;
  if (vm.count("lang")) opt.lang = vm["lang"].as<std::string>();
  if (vm.count("date")) {
    opt.date = vm["date"].as<std::string>();
    require_iso_date("date", opt.date);
  }
  opt.trace = true;
  opt.analyse = false;
  std::optional<Ruleset> rs = load_ruleset(vm["ruleset"].as<std::string>(), input_limits(vm).ruleset);
  if (!rs) return kUsage;
  json::value answers = read_answers(vm["answers"].as<std::string>(), input_limits(vm).answers);

  Assessment a = assess(*rs, answers, opt);
  std::cerr << format_problems(a.problems);
  if (!a.ok) {
    print_error("assessment failed: the answers are unusable");
    return kUsage;
  }
  std::string lang = str(at(a.result, "lang"));
  Explainer e(*rs, a.result, lang.rfind("zh", 0) == 0);
  if (vm.count("indicator")) e.focus(vm["indicator"].as<std::string>());
  std::string out = format == "json" ? json_text(e.to_json()) : e.to_text();
  write_output(vm.count("output") ? vm["output"].as<std::string>() : "", out);
  return kOk;
}

}  // namespace

const Verb& explain_verb() {
  static const Verb v{
      "explain",
      "show how every number of an assessment was obtained",
      "zice explain RULESET ANSWERS [options]",
      "Assesses ANSWERS (\"-\" reads stdin) with the trace on and prints, step by step:\n"
      "the answers used; each derived value with its expression and the values it\n"
      "read; each indicator's method, input, matched option or band (or formula) and\n"
      "points; the dimension sums and the total; the gates with their tests and\n"
      "values; the grade reached and, for every better grade missed, the conditions\n"
      "that failed with the values of the names they read. --indicator narrows the\n"
      "output to one indicator and the derived values and questions it depends on.\n"
      "--format json prints the same slice of the result document (with the\n"
      "expressions and the values they read added).",
      "zice explain examples/innovation-demo.xml examples/innovation-demo.answers.json\n"
      "zice explain examples/innovation-demo.xml examples/innovation-demo.answers.json --indicator rd_ratio_points\n"
      "zice explain rulesets/sme-size-2011.xml answers.json --format json --lang en",
      "",
      {{"ruleset"}, {"answers"}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
