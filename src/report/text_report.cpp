// Terminal report rendered from the result JSON alone (docs/result-schema.md),
// so it works for results produced anywhere (CLI, C API, a stored file).
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "report/text_layout.hpp"
#include "util/text_width.hpp"
#include "zice/report.hpp"

namespace zice {
namespace {
namespace json = boost::json;
using report::Cell;
using report::Table;
using report::format_number;
using report::paint;
namespace ansi = report::ansi;

constexpr std::size_t kWidth = 100;
const json::value kNull;

// Field access that tolerates absent keys and wrong kinds: the report must
// render whatever it is given rather than throw.
const json::value& at(const json::value& v, std::string_view key) {
  if (const json::object* o = v.if_object())
    if (const json::value* f = o->if_contains(key)) return *f;
  return kNull;
}
std::string str(const json::value& v) {
  if (const json::string* s = v.if_string()) return std::string(*s);
  return {};
}
const json::array& arr(const json::value& v) {
  static const json::array empty;
  const json::array* a = v.if_array();
  return a ? *a : empty;
}
// A title when present, else the id, so every row has a name.
std::string name_of(const json::value& item) {
  std::string t = str(at(item, "title"));
  if (t.empty()) t = str(at(item, "label"));
  return t.empty() ? str(at(item, "id")) : t;
}
// Percentages are exact in the JSON (66.666667); one decimal reads better.
std::string percent_text(const json::value& v) {
  if (!v.is_number()) return "—";
  double rounded = std::round(v.to_number<double>() * 10) / 10;
  return format_number(json::value(rounded)) + "%";
}

const std::vector<std::string_view> kSeverities = {"critical", "high", "medium", "low", "info"};

class Writer {
 public:
  Writer(const json::value& r, bool color)
      : r_(r), color_(color), zh_(str(at(r, "lang")).rfind("zh", 0) == 0) {}

  std::string run() {
    header();
    grade();
    score();
    dimensions();
    indicators();
    gates();
    compliance();
    findings();
    improvement();
    derived();
    missing();
    problems();
    warnings();
    interpretations();
    footer();
    return std::move(out_);
  }

 private:
  const char* tr(const char* zh, const char* en) const { return zh_ ? zh : en; }
  std::string c(std::string_view s, const char* code) const { return paint(s, code, color_); }

  void heading(const char* zh, const char* en) {
    out_ += "\n" + c(tr(zh, en), ansi::bold) + "\n";
  }
  // "label：text" wrapped with a hanging indent under the text.
  void labelled(std::size_t indent, std::string_view label, std::string_view text) {
    std::string prefix = std::string(indent, ' ') + std::string(label) + tr("：", ": ");
    std::size_t used = util::display_width(prefix);
    out_ += prefix + report::wrap(text, used, used, kWidth) + "\n";
  }
  void paragraph(std::size_t indent, std::string_view text) {
    out_ += std::string(indent, ' ') + report::wrap(text, indent, indent, kWidth) + "\n";
  }

  void header() {
    const json::value& rs = at(r_, "ruleset");
    std::string title = str(at(rs, "title"));
    if (title.empty()) title = str(at(rs, "id"));
    out_ += c(title, ansi::bold) + "\n";
    std::string line = std::string(tr("评估日期：", "Assessment date: ")) + str(at(r_, "assessment_date"));
    if (at(r_, "complete").is_bool() && !at(r_, "complete").get_bool())
      line += tr("　（答卷不完整）", "  (incomplete answers)");
    out_ += line + "\n";
  }

  void grade() {
    const json::value& g = at(r_, "grade");
    bool provisional = at(g, "provisional").is_bool() && at(g, "provisional").get_bool();
    std::string label = tr("等级：", "Grade: ");
    if (g.is_object()) {
      // Reverse video needs padding to look like a badge; plain text uses brackets.
      std::string badge = color_ ? c(" " + name_of(g) + " ", provisional ? "1;7;33" : ansi::badge)
                                 : tr("【", "[") + name_of(g) + tr("】", "]");
      out_ += "\n" + label + badge + "\n";
      if (!str(at(g, "message")).empty()) paragraph(2, str(at(g, "message")));
      if (provisional)
        paragraph(2, tr("（暂定：部分问题未作答，作答后等级可能变化）",
                        "(provisional: unanswered questions could still change the grade)"));
    } else if (!arr(at(r_, "grades")).empty()) {
      out_ += "\n" + label + c(tr("未达到任何等级", "no grade reached"), ansi::red) + "\n";
    }
    missed_grades();
  }

  // Why each better grade was missed: its failing top-level conditions.
  void missed_grades() {
    for (const json::value& g : arr(at(r_, "grades"))) {
      std::string status = str(at(g, "status"));
      if ((status != "missed" && status != "undecided") || arr(at(g, "failing")).empty()) continue;
      out_ += std::string("  ") + (status == "missed" ? tr("未达到", "Missed") : tr("未能判定", "Undecided")) +
              tr("「", " \"") + name_of(g) + tr("」：", "\":") + "\n";
      for (const json::value& f : arr(at(g, "failing"))) {
        bool unknown = at(f, "value").is_null();
        std::string mark = unknown ? c("?", ansi::yellow) : c("✗", ansi::red);
        std::string tail = unknown ? tr("（未知）", " (unknown)") : "";
        out_ += "    " + mark + " " + str(at(f, "condition")) + tail + "\n";
      }
    }
  }

  void score() {
    const json::value& s = at(r_, "score");
    if (!s.is_object()) return;
    out_ += "\n" + std::string(tr("得分：", "Score: ")) + c(format_number(at(s, "total")), ansi::bold) + " / " +
            format_number(at(s, "max")) + tr("（", " (") + percent_text(at(s, "percent")) + tr("）", ")") + "\n";
    const json::value& range = at(at(r_, "partial"), "score");
    if (range.is_object())
      out_ += std::string(tr("  作答完整后可能的得分：", "  Possible total once complete: ")) +
              format_number(at(range, "min")) + " – " + format_number(at(range, "max")) + "\n";
  }

  std::string bar(const json::value& percent) const {
    if (!percent.is_number()) return std::string(10, ' ');
    double p = percent.to_number<double>();
    int filled = static_cast<int>(p / 10 + 0.5);
    filled = filled < 0 ? 0 : filled > 10 ? 10 : filled;
    std::string out;
    for (int i = 0; i < 10; ++i) out += i < filled ? "█" : "░";
    return out;
  }

  int depth(const json::value& dim) const {
    int d = 0;
    std::string parent = str(at(dim, "parent"));
    while (!parent.empty() && d < 8) {
      ++d;
      parent = str(at(find_dimension(parent), "parent"));
    }
    return d;
  }
  const json::value& find_dimension(const std::string& id) const {
    for (const json::value& d : arr(at(r_, "dimensions")))
      if (str(at(d, "id")) == id) return d;
    return kNull;
  }

  void dimensions() {
    const json::array& dims = arr(at(r_, "dimensions"));
    if (dims.empty()) return;
    heading("维度得分", "Dimensions");
    Table t({{tr("维度", "Dimension"), false, 36},
             {tr("得分", "Score"), true},
             {tr("满分", "Max"), true},
             {tr("得分率", "Percent"), true},
             {"", false},
             {tr("最低要求", "Minimum"), true}});
    for (const json::value& d : dims) {
      std::string title = std::string(2 * depth(d), ' ') + name_of(d);
      t.add({{title}, {format_number(at(d, "score"))}, {format_number(at(d, "max"))},
             {percent_text(at(d, "percent"))}, {bar(at(d, "percent")), ansi::cyan}, min_cell(d)});
    }
    out_ += t.render(2, color_);
  }
  Cell min_cell(const json::value& d) const {
    const json::value& met = at(d, "min_met");
    if (!met.is_bool()) return {"—"};
    std::string text = (met.get_bool() ? "✓ ≥ " : "✗ ≥ ") + format_number(at(d, "min"));
    return {text, met.get_bool() ? ansi::green : ansi::red};
  }

  // Grouped by dimension, with one set of column widths for the whole
  // section so that every group lines up.
  void indicators() {
    const json::array& inds = arr(at(r_, "indicators"));
    if (inds.empty()) return;
    heading("指标明细", "Indicators");
    std::vector<std::string> order;  // dimension ids in result order, then strays
    for (const json::value& d : arr(at(r_, "dimensions"))) order.push_back(str(at(d, "id")));
    std::size_t title_w = 0, points_w = 0;
    for (const json::value& i : inds) {
      std::string dim = str(at(i, "dimension"));
      if (std::find(order.begin(), order.end(), dim) == order.end()) order.push_back(dim);
      title_w = std::max(title_w, util::display_width(util::truncate(name_of(i), 40)));
      points_w = std::max(points_w, util::display_width(points_text(i)));
    }
    for (const std::string& dim : order) indicator_group(dim, inds, title_w, points_w);
  }

  void indicator_group(const std::string& dim, const json::array& inds, std::size_t title_w, std::size_t points_w) {
    bool any = std::any_of(inds.begin(), inds.end(), [&](const json::value& i) { return str(at(i, "dimension")) == dim; });
    if (!any) return;
    const json::value& d = find_dimension(dim);
    out_ += "  " + c(d.is_null() ? (dim.empty() ? tr("其他", "Other") : dim) : name_of(d), ansi::bold) + "\n";
    for (const json::value& i : inds) {
      if (str(at(i, "dimension")) != dim) continue;
      std::string prefix = "    " + util::pad(util::truncate(name_of(i), 40), title_w) + "  " +
                           util::pad(points_text(i), points_w, true);
      std::string explain = str(at(i, "explain"));
      if (explain.empty()) {
        out_ += prefix + "\n";
        continue;
      }
      prefix += "  ";
      std::size_t used = util::display_width(prefix);
      out_ += prefix + report::wrap(explain, used, used, kWidth) + "\n";
    }
  }
  std::string points_text(const json::value& i) const {
    if (at(i, "applicable").is_bool() && !at(i, "applicable").get_bool()) return tr("不适用", "n/a");
    return format_number(at(i, "points")) + "/" + format_number(at(i, "max"));
  }

  void gates() {
    const json::array& gs = arr(at(r_, "gates"));
    if (gs.empty()) return;
    heading("门槛条件", "Gates");
    for (const json::value& g : gs) {
      std::string status = str(at(g, "status"));
      Cell mark = status == "pass"   ? Cell{"✓", ansi::green}
                  : status == "fail" ? Cell{"✗", ansi::red}
                  : status == "unknown" ? Cell{"?", ansi::yellow}
                                        : Cell{"–", ansi::dim};
      std::string kind = str(at(g, "kind")) == "direct" ? tr("［直通］", "[direct] ") : "";
      std::string line = "  " + c(mark.text, mark.color) + " " + kind + name_of(g);
      if (status == "unknown") line += tr("（未能判定）", " (undecided)");
      if (status == "not_applicable") line += tr("（不适用）", " (not applicable)");
      out_ += line + "\n";
      if (!str(at(g, "message")).empty()) paragraph(4, str(at(g, "message")));
    }
  }

  void compliance() {
    const json::value& cp = at(r_, "compliance");
    if (!cp.is_object()) return;
    heading("合规情况", "Compliance");
    out_ += std::string(tr("  合规率：", "  Compliance: ")) + c(percent_text(at(cp, "percent")), ansi::bold) +
            tr("（", " (") + counts(cp) + tr("）", ")") + "\n";
    const json::array& groups = arr(at(cp, "groups"));
    if (groups.empty()) return;
    Table t({{tr("领域", "Area"), false, 36},
             {tr("合规率", "Percent"), true},
             {tr("通过", "Passed"), true},
             {tr("未通过", "Failed"), true},
             {tr("未知", "Unknown"), true},
             {tr("不适用", "N/A"), true}});
    for (const json::value& g : groups) {
      bool failed = at(g, "failed").is_number() && at(g, "failed").to_number<double>() > 0;
      t.add({{name_of(g)}, {percent_text(at(g, "percent"))}, {format_number(at(g, "passed"))},
             {format_number(at(g, "failed")), failed ? ansi::red : nullptr}, {format_number(at(g, "unknown"))},
             {format_number(at(g, "not_applicable"))}});
    }
    out_ += "\n" + t.render(2, color_);
  }
  std::string counts(const json::value& cp) const {
    return std::string(tr("通过 ", "passed ")) + format_number(at(cp, "passed")) + tr("，未通过 ", ", failed ") +
           format_number(at(cp, "failed")) + tr("，未知 ", ", unknown ") + format_number(at(cp, "unknown")) +
           tr("，不适用 ", ", not applicable ") + format_number(at(cp, "not_applicable"));
  }

  const char* severity_label(std::string_view s) const {
    if (s == "critical") return tr("严重", "Critical");
    if (s == "high") return tr("高", "High");
    if (s == "medium") return tr("中", "Medium");
    if (s == "low") return tr("低", "Low");
    return tr("提示", "Info");
  }
  static const char* severity_color(std::string_view s) {
    if (s == "critical") return "1;35";
    if (s == "high") return ansi::red;
    if (s == "medium") return ansi::yellow;
    if (s == "low") return ansi::blue;
    return ansi::dim;
  }

  // Grouped by severity explicitly (not trusting input order) so the report
  // always reads worst first; unknown severities come last as "info".
  void findings() {
    const json::array& fs = arr(at(r_, "findings"));
    if (fs.empty()) return;
    heading("问题发现", "Findings");
    std::vector<std::string_view> order = kSeverities;
    int number = 0;
    for (std::string_view sev : order) {
      std::vector<const json::value*> group;
      for (const json::value& f : fs) {
        std::string s = str(at(f, "severity"));
        bool known = std::find(order.begin(), order.end(), s) != order.end();
        if (s == sev || (!known && sev == "info")) group.push_back(&f);
      }
      if (group.empty()) continue;
      std::string label = std::string(tr("【", "[")) + severity_label(sev) + tr("】", "]");
      out_ += std::string(number > 0 ? "\n" : "") + "  " + c(label, severity_color(sev)) + " " + std::to_string(group.size()) +
              tr(" 项", group.size() == 1 ? " finding" : " findings") + "\n";
      for (const json::value* f : group) finding(*f, ++number);
    }
  }

  void finding(const json::value& f, int number) {
    std::string head = "  " + std::to_string(number) + ". ";
    std::size_t indent = util::display_width(head);
    out_ += head + c(name_of(f), ansi::bold) + "\n";
    std::string basis = basis_text(at(f, "basis"));
    if (!basis.empty()) labelled(indent, tr("依据", "Basis"), basis);
    if (!str(at(f, "finding")).empty()) paragraph(indent, str(at(f, "finding")));
    if (!str(at(f, "remediation")).empty()) labelled(indent, tr("整改建议", "Remediation"), str(at(f, "remediation")));
    std::string evidence;
    for (const json::value& e : arr(at(f, "evidence"))) evidence += (evidence.empty() ? "" : tr("、", "; ")) + str(e);
    if (!evidence.empty()) labelled(indent, tr("留存材料", "Evidence to keep"), evidence);
  }

  // 《law》article（version）, several joined by "；".
  std::string basis_text(const json::value& bases) const {
    std::string out;
    for (const json::value& b : arr(bases)) {
      std::string law = str(at(b, "law"));
      if (law.empty()) law = str(at(b, "standard"));
      std::string article = str(at(b, "article"));
      if (article.empty()) article = str(at(b, "clause"));
      std::string one = (law.empty() ? "" : "《" + law + "》") + article;
      if (!str(at(b, "version")).empty()) one += "（" + str(at(b, "version")) + "）";
      if (one.empty()) continue;
      out += (out.empty() ? "" : tr("；", "; ")) + one;
    }
    return out;
  }

  void improvement() {
    const json::value& im = at(r_, "improvement");
    if (!im.is_object()) return;
    bool reachable = !at(im, "reachable").is_bool() || at(im, "reachable").get_bool();
    if (reachable && arr(at(im, "steps")).empty()) return;
    heading("提升建议", "How to improve");
    std::string target = name_of(at(im, "target"));
    if (!reachable) {
      out_ += std::string(tr("  调整评分项无法达到「", "  No change of scored answers reaches \"")) + target +
              tr("」。", "\".") + "\n";
      std::string blocking;
      for (const json::value& b : arr(at(im, "blocking")))
        blocking += (blocking.empty() ? "" : tr("、", ", ")) + (b.is_string() ? str(b) : name_of(b));
      if (!blocking.empty()) labelled(4, tr("阻碍条件", "Blocked by"), blocking);
      return;
    }
    out_ += std::string(tr("  要达到「", "  To reach \"")) + target + tr("」：", "\":") + "\n";
    for (const json::value& s : arr(at(im, "steps"))) {
      out_ += "  - " + name_of(s) + tr("：", ": ") + step_end(at(s, "current")) + " → " + step_end(at(s, "target")) +
              tr("（+", " (+") + format_number(at(s, "gain")) + tr("）", ")") + "\n";
      if (!str(at(s, "advice")).empty()) paragraph(4, str(at(s, "advice")));
    }
  }
  // "10 分" or "[2, 3) 10 分" when the band or option has a label.
  std::string step_end(const json::value& end) const {
    std::string label = str(at(end, "label"));
    std::string points = format_number(at(end, "points")) + tr(" 分", " pts");
    return label.empty() ? points : label + " " + points;
  }

  void derived() {
    const json::array& ds = arr(at(r_, "derived"));
    if (ds.empty()) return;
    heading("计算值", "Derived values");
    Table t({{tr("项目", "Item"), false, 40}, {tr("值", "Value"), false, 56}});
    for (const json::value& d : ds) {
      std::string value = report::format_value(at(d, "value"), tr("是", "yes"), tr("否", "no"));
      std::string unit = str(at(d, "unit"));
      if (!unit.empty() && !at(d, "value").is_null()) value += (unit == "%" ? "" : " ") + unit;
      t.add({{name_of(d)}, {value}});
    }
    out_ += t.render(2, color_);
  }

  void missing() {
    const json::array& qs = arr(at(at(r_, "missing"), "questions"));
    if (qs.empty()) return;
    heading("未作答的问题", "Unanswered questions");
    paragraph(2, report::format_value(qs, "", ""));
  }

  void problems() {
    const json::array& ps = arr(at(r_, "problems"));
    if (ps.empty()) return;
    heading("答卷问题", "Answer problems");
    for (const json::value& p : ps) {
      std::string q = str(at(p, "question"));
      std::string prefix = "  " + (q.empty() ? std::string("-") : q) + ": [" + str(at(p, "code")) + "] ";
      std::string msg = str(at(p, "message"));
      if (at(p, "fatal").is_bool() && !at(p, "fatal").get_bool()) msg += tr("（已忽略）", " (ignored)");
      std::size_t used = util::display_width(prefix);
      out_ += prefix + report::wrap(msg, used, 4, kWidth) + "\n";
    }
  }

  void warnings() {
    const json::array& ws = arr(at(r_, "warnings"));
    if (ws.empty()) return;
    heading("警告", "Warnings");
    for (const json::value& w : ws) out_ += "  - " + report::wrap(str(w), 4, 4, kWidth) + "\n";
  }

  void interpretations() {
    const json::array& is = arr(at(r_, "interpretations"));
    if (is.empty()) return;
    heading("解释说明", "Interpretations");
    for (const json::value& i : is) {
      std::string prefix = "  [" + str(at(i, "id")) + "] ";
      out_ += prefix + report::wrap(str(at(i, "text")), util::display_width(prefix), 4, kWidth) + "\n";
    }
  }

  void footer() {
    const json::value& rs = at(r_, "ruleset");
    std::string sha = str(at(rs, "sha256")).substr(0, std::min<std::size_t>(12, str(at(rs, "sha256")).size()));
    std::string line = str(at(rs, "id")) + " " + str(at(rs, "version"));
    if (!sha.empty()) line += " · sha256 " + sha;
    const json::value& engine = at(r_, "engine");
    if (engine.is_object())
      line += " · " + (str(at(engine, "name")).empty() ? "zice" : str(at(engine, "name"))) + " " +
              str(at(engine, "version"));
    std::string rule;
    for (int i = 0; i < 40; ++i) rule += "─";
    out_ += "\n" + c(rule, ansi::dim) + "\n" + c(line, ansi::dim) + "\n";
  }

  const json::value& r_;
  bool color_;
  bool zh_;
  std::string out_;
};

}  // namespace

std::string render_text_report(const boost::json::value& result, bool color) {
  if (!result.is_object()) return {};
  return Writer(result, color).run();
}

}  // namespace zice
