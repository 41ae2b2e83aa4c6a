// zice::render_ruleset_doc(): a ruleset as a Markdown or HTML document for a
// standards committee (include/zice/doc.hpp). The content is built once
// against a small Writer interface; Markdown and HTML only differ in how
// headings, paragraphs, lists, tables and inline code are written and escaped.
#include "zice/doc.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <fmt/format.h>

#include "lint/analysis.hpp"
#include "lint/humanize.hpp"
#include "ruleset/model.hpp"

namespace zice {

namespace {

using detail::Decimal;
using detail::Model;

// ---------------------------------------------------------------- writers

struct Inline {
  enum Kind { plain, code, strong } kind = plain;
  std::string text;
};
using Rich = std::vector<Inline>;

Rich plain(std::string s) { return {{Inline::plain, std::move(s)}}; }
Rich code(std::string s) { return {{Inline::code, std::move(s)}}; }
Rich strong(std::string s) { return {{Inline::strong, std::move(s)}}; }
Rich operator+(Rich a, const Rich& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
Rich operator+(Rich a, const std::string& b) { return std::move(a) + plain(b); }

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void heading(int level, const std::string& text) = 0;
  virtual void para(const Rich&) = 0;
  virtual void bullets(const std::vector<Rich>&) = 0;
  virtual void table(const std::vector<std::string>& head, const std::vector<std::vector<Rich>>& rows) = 0;
  virtual std::string finish(const std::string& title, const std::string& lang) = 0;
};

class Markdown final : public Writer {
 public:
  void heading(int level, const std::string& text) override {
    out_ += std::string(static_cast<std::size_t>(std::clamp(level, 1, 6)), '#') + " " + esc(text, false) + "\n\n";
  }
  void para(const Rich& r) override { out_ += inl(r, false) + "\n\n"; }
  void bullets(const std::vector<Rich>& items) override {
    for (const Rich& r : items) out_ += "* " + inl(r, false) + "\n";
    out_ += "\n";
  }
  void table(const std::vector<std::string>& head, const std::vector<std::vector<Rich>>& rows) override {
    out_ += "|";
    for (const auto& h : head) out_ += " " + esc(h, true) + " |";
    out_ += "\n|";
    for (std::size_t i = 0; i < head.size(); ++i) out_ += "---|";
    out_ += "\n";
    for (const auto& row : rows) {
      out_ += "|";
      for (const Rich& c : row) out_ += " " + inl(c, true) + " |";
      out_ += "\n";
    }
    out_ += "\n";
  }
  std::string finish(const std::string&, const std::string&) override { return out_; }

 private:
  std::string out_;
  static std::string esc(std::string_view s, bool in_table) {
    std::string o;
    for (char c : s) {
      if (c == '\n' || c == '\r') {
        o += ' ';
        continue;
      }
      if (c == '|' && in_table) o += '\\';
      else if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos) o += '\\';
      o += c;
    }
    return o;
  }
  static std::string code_span(std::string_view s, bool in_table) {
    std::string body;
    for (char c : s) {
      if (c == '\n' || c == '\r') c = ' ';
      if (c == '|' && in_table) body += '\\';
      body += c;
    }
    std::string fence = body.find('`') == std::string::npos ? "`" : "``";
    bool pad = fence.size() > 1 || (!body.empty() && (body.front() == '`' || body.back() == '`'));
    return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
  }
  static std::string inl(const Rich& r, bool in_table) {
    std::string o;
    for (const Inline& i : r) {
      if (i.text.empty()) continue;
      switch (i.kind) {
        case Inline::plain: o += esc(i.text, in_table); break;
        case Inline::code: o += code_span(i.text, in_table); break;
        case Inline::strong: o += "**" + esc(i.text, in_table) + "**"; break;
      }
    }
    return o.empty() ? "—" : o;
  }
};

std::string html_escape(std::string_view s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += c;
    }
  }
  return o;
}

class Html final : public Writer {
 public:
  void heading(int level, const std::string& text) override {
    int l = std::clamp(level, 1, 6);
    out_ += fmt::format("<h{0}>{1}</h{0}>\n", l, html_escape(text));
  }
  void para(const Rich& r) override { out_ += "<p>" + inl(r) + "</p>\n"; }
  void bullets(const std::vector<Rich>& items) override {
    out_ += "<ul>\n";
    for (const Rich& r : items) out_ += "<li>" + inl(r) + "</li>\n";
    out_ += "</ul>\n";
  }
  void table(const std::vector<std::string>& head, const std::vector<std::vector<Rich>>& rows) override {
    out_ += "<table>\n<thead><tr>";
    for (const auto& h : head) out_ += "<th>" + html_escape(h) + "</th>";
    out_ += "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
      out_ += "<tr>";
      for (const Rich& c : row) out_ += "<td>" + inl(c) + "</td>";
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
  }
  std::string finish(const std::string& title, const std::string& lang) override {
    return "<!DOCTYPE html>\n<html lang=\"" + html_escape(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n" +
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + html_escape(title) +
           "</title>\n<style>\n"
           "body{font-family:system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;"
           "line-height:1.6;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1f2328}\n"
           "h1{border-bottom:2px solid #1f2328;padding-bottom:.3rem}h2{border-bottom:1px solid #d0d7de;margin-top:2rem}\n"
           "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
           "th,td{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top;text-align:left}"
           "th{background:#f6f8fa}\n"
           "code{background:#f6f8fa;padding:0 .2rem;border-radius:3px;font-size:.9em}\n"
           "@media print{body{max-width:none;margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}\n"
           "</style>\n</head>\n<body>\n" + out_ + "</body>\n</html>\n";
  }

 private:
  std::string out_;
  static std::string inl(const Rich& r) {
    std::string o;
    for (const Inline& i : r) {
      if (i.text.empty()) continue;
      switch (i.kind) {
        case Inline::plain: o += html_escape(i.text); break;
        case Inline::code: o += "<code>" + html_escape(i.text) + "</code>"; break;
        case Inline::strong: o += "<strong>" + html_escape(i.text) + "</strong>"; break;
      }
    }
    return o.empty() ? "—" : o;
  }
};

// ---------------------------------------------------------------- content

class Doc {
 public:
  Doc(const Model& m, std::string lang, Writer& w)
      : m_(m), lang_(lang.empty() ? m.default_lang : std::move(lang)), hz_(m, lang_), w_(w) {
    zh_ = hz_.chinese();
  }

  std::string run() {
    meta();
    questionnaire();
    derived();
    scoring();
    gates();
    grades();
    checks();
    return w_.finish(title(), lang_);
  }

 private:
  const Model& m_;
  std::string lang_;
  analysis::Humanizer hz_;
  Writer& w_;
  bool zh_ = true;

  std::string L(const char* zh, const char* en) const { return zh_ ? zh : en; }
  std::string t(const detail::LocalText& x) const { return x.str(lang_, m_.default_lang); }
  std::string title() const {
    std::string s = t(m_.title);
    return s.empty() ? m_.id : s;
  }
  /// Every text of `x` in the document language (else the default language).
  std::vector<std::string> all(const detail::LocalText& x) const {
    std::vector<std::string> v;
    for (const auto& [l, s] : x.items)
      if (l == lang_) v.push_back(s);
    if (v.empty())
      for (const auto& [l, s] : x.items)
        if (l == m_.default_lang) v.push_back(s);
    if (v.empty() && !x.items.empty()) v.push_back(x.items.front().second);
    return v;
  }
  std::string num(const Decimal& d) const { return d.to_string(6); }
  std::string points(const Decimal& d) const { return zh_ ? num(d) + " 分" : num(d) + (d == Decimal::from_int(1) ? " point" : " points"); }

  /// A condition in words, or as written when it is too complex.
  Rich expr(const detail::Program& p) const {
    if (auto s = hz_.text(p)) return plain(*s);
    return code(std::string(p.source()));
  }
  Rich cond(const std::optional<detail::Program>& p) const { return p ? expr(*p) : plain(""); }

  Rich variants(const detail::Variants& vs) const {
    std::vector<const detail::TextVariant*> pick;
    for (const auto& v : vs)
      if (v.lang == lang_) pick.push_back(&v);
    if (pick.empty())
      for (const auto& v : vs)
        if (v.lang == m_.default_lang) pick.push_back(&v);
    Rich r;
    for (std::size_t i = 0; i < pick.size(); ++i) {
      if (i) r = r + L(" 否则：", " Otherwise: ");
      if (pick[i]->when) r = r + L("当 ", "When ") + expr(*pick[i]->when) + L(" 时：", ": ");
      r = r + pick[i]->text.source;
    }
    return r;
  }

  std::string confidence_name(const std::string& c) const {
    if (c == "C") return L("C 已确认", "C confirmed");
    if (c == "C1") return L("C1 单一来源", "C1 one source");
    if (c == "H") return L("H 高可信度（未核实）", "H high certainty, unverified");
    if (c == "M") return L("M 中等（使用前请核对）", "M medium, check before relying");
    if (c == "U") return L("U 未确认", "U unconfirmed");
    return c;
  }

  std::string period(const std::string& from, const std::string& to) const {
    if (from.empty() && to.empty()) return L("未规定", "not specified");
    if (to.empty()) return zh_ ? from + " 起" : "from " + from;
    if (from.empty()) return zh_ ? "至 " + to : "until " + to;
    return zh_ ? from + " 至 " + to : from + " to " + to;
  }

  Rich basis(const std::vector<detail::Basis>& bs) const {
    Rich r;
    for (std::size_t i = 0; i < bs.size(); ++i) {
      const auto& b = bs[i];
      if (i) r = r + L("；", "; ");
      std::string s = zh_ && !b.name.empty() && b.name.find("《") == std::string::npos ? "《" + b.name + "》" : b.name;
      if (!b.article.empty()) s += " " + b.article;
      if (!b.version.empty()) s += zh_ ? "（" + b.version + "）" : " (" + b.version + ")";
      std::vector<std::string> notes;
      if (!b.confidence.empty()) notes.push_back(L("可信度 ", "confidence ") + b.confidence);
      if (!b.effective_from.empty() || !b.effective_to.empty()) notes.push_back(period(b.effective_from, b.effective_to));
      if (!b.note.empty()) notes.push_back(b.note);
      if (!b.url.empty()) notes.push_back(b.url);
      if (!notes.empty()) {
        std::string n;
        for (std::size_t k = 0; k < notes.size(); ++k) n += (k ? L("，", ", ") : "") + notes[k];
        s += zh_ ? "（" + n + "）" : " (" + n + ")";
      }
      r = r + s;
    }
    return r.empty() ? plain(L("未注明", "none cited")) : r;
  }

  // ---- metadata

  void meta() {
    w_.heading(1, title());
    for (const std::string& d : all(m_.description)) w_.para(plain(d));
    std::vector<std::vector<Rich>> rows;
    rows.push_back({plain(L("规则集编号", "Ruleset id")), code(m_.id)});
    rows.push_back({plain(L("版本", "Version")), plain(m_.version)});
    rows.push_back({plain(L("生效期间", "Effective")), plain(period(m_.effective_from, m_.effective_to))});
    if (!m_.publisher.empty()) rows.push_back({plain(L("发布者", "Publisher")), plain(t(m_.publisher))});
    if (!m_.confidence_level.empty()) {
      Rich c = plain(confidence_name(m_.confidence_level));
      std::string txt = t(m_.confidence_text);
      if (!txt.empty()) c = c + L("：", ": ") + txt;
      rows.push_back({plain(L("可信度", "Confidence")), c});
    }
    std::string langs;
    for (const auto& l : m_.langs) langs += (langs.empty() ? "" : " ") + l;
    rows.push_back({plain(L("语言", "Languages")), plain(langs)});
    rows.push_back({plain("SHA-256"), code(m_.sha256)});
    // An overlay: the rulesets it extends, nearest first.
    if (m_.chain.size() > 1) {
      Rich ext;
      for (std::size_t k = 1; k < m_.chain.size(); ++k) {
        if (k > 1) ext = ext + std::string(" → ");
        ext = ext + code(m_.chain[k].id) + (" " + m_.chain[k].version);
      }
      rows.push_back({plain(L("扩展自", "Extends")), ext});
    }
    w_.table({L("项目", "Item"), L("内容", "Value")}, rows);

    if (!m_.standards.empty()) {
      w_.heading(2, L("依据的标准和文件", "Standards and sources"));
      std::vector<std::vector<Rich>> st;
      for (const auto& s : m_.standards) {
        Rich note = plain(s.note);
        if (!s.url.empty()) note = note + (s.note.empty() ? "" : " ") + code(s.url);
        st.push_back({plain(s.number), plain(s.title), plain(s.issuer), plain(s.annex), plain(s.version),
                      plain(s.confidence.empty() ? "" : confidence_name(s.confidence)), note});
      }
      w_.table({L("文号", "Number"), L("名称", "Title"), L("发布机关", "Issuer"), L("附件", "Annex"),
                L("版本", "Version"), L("可信度", "Confidence"), L("说明", "Note")},
               st);
    }
    if (!m_.interpretations.empty()) {
      w_.heading(2, L("解释说明", "Interpretations"));
      w_.para(plain(L("以下是本规则集在原文未明确之处所作的解释。",
                      "Where the source is silent or ambiguous, this ruleset interprets it as follows.")));
      std::vector<Rich> items;
      for (const auto& i : m_.interpretations) items.push_back(code(i.id) + L("：", ": ") + t(i.text));
      w_.bullets(items);
    }
  }

  // ---- questionnaire

  std::string type_text(const detail::Question& q) const {
    using QT = detail::QuestionType;
    std::string unit = q.unit.empty() ? "" : (zh_ ? "，单位：" : ", unit: ") + q.unit;
    std::string range;
    if (q.min && q.max) range = (zh_ ? "，范围 " : ", from ") + num(*q.min) + (zh_ ? " 至 " : " to ") + num(*q.max);
    else if (q.min) range = (zh_ ? "，≥ " : ", ≥ ") + num(*q.min);
    else if (q.max) range = (zh_ ? "，≤ " : ", ≤ ") + num(*q.max);
    switch (q.type) {
      case QT::boolean: return L("是 / 否", "yes / no");
      case QT::integer: return L("整数", "whole number") + unit + range;
      case QT::number: return L("数值", "number") + unit + range;
      case QT::text:
        return L("文字", "text") + (q.max_length ? fmt::format(fmt::runtime(zh_ ? "，不超过 {} 字" : ", at most {} characters"), *q.max_length) : "");
      case QT::date: return L("日期（YYYY-MM-DD）", "date (YYYY-MM-DD)");
      case QT::choice:
      case QT::multi_choice: {
        std::string s = q.type == QT::choice ? L("单选：", "one of: ") : L("多选：", "any of: ");
        for (std::size_t i = 0; i < q.options.size(); ++i) {
          s += (i ? L("；", "; ") : "") + t(q.options[i].label);
          if (q.options[i].exclusive) s += L("（不能与其他选项同选）", " (exclusive)");
        }
        if (q.min_selected) s += fmt::format(fmt::runtime(zh_ ? "；至少选 {} 项" : "; at least {}"), *q.min_selected);
        if (q.max_selected) s += fmt::format(fmt::runtime(zh_ ? "；至多选 {} 项" : "; at most {}"), *q.max_selected);
        return s;
      }
    }
    return "";
  }

  std::vector<Rich> question_row(const detail::Question& q) const {
    Rich label = plain(t(q.label));
    if (!q.required) label = label + L("（选答）", " (optional)");
    std::string help = t(q.help);
    if (!help.empty()) label = label + (zh_ ? "（" + help + "）" : " (" + help + ")");
    Rich answer = plain(type_text(q));
    for (const auto& c : q.constraints) {
      if (!c.test) continue;
      answer = answer + L("；须满足：", "; must satisfy: ") + expr(*c.test);
      std::string msg = t(c.message);
      if (!msg.empty()) answer = answer + (zh_ ? "（" + msg + "）" : " (" + msg + ")");
    }
    return {code(q.id), label, answer, q.when ? expr(*q.when) : plain(L("总是", "always"))};
  }

  void question_table(const std::vector<int>& qs) {
    if (qs.empty()) return;
    std::vector<std::vector<Rich>> rows;
    for (int i : qs) rows.push_back(question_row(m_.questions[i]));
    w_.table({L("编号", "Id"), L("问题", "Question"), L("回答", "Answer"), L("适用条件", "Asked when")}, rows);
  }

  void items(const std::vector<detail::Section::Item>& list, int level, const detail::Section* owner = nullptr) {
    std::vector<int> pending;
    bool after_section = false;
    auto flush = [&] {
      if (!pending.empty() && after_section && owner)
        w_.para(plain(zh_ ? "（续：" + t(owner->title) + "）" : "(" + t(owner->title) + ", continued)"));
      question_table(pending);
      pending.clear();
    };
    for (const auto& it : list) {
      if (!it.is_section) {
        pending.push_back(it.index);
        continue;
      }
      flush();
      after_section = true;
      const detail::Section& s = m_.sections[it.index];
      w_.heading(level, t(s.title));
      std::string help = t(s.help);
      if (!help.empty()) w_.para(plain(help));
      if (s.when) w_.para(plain(L("本部分仅在以下条件成立时填写：", "Answered only when: ")) + expr(*s.when));
      items(s.items, level + 1, &s);
    }
    flush();
  }

  void questionnaire() {
    w_.heading(2, L("问卷", "Questionnaire"));
    w_.para(plain(zh_ ? fmt::format("共 {} 个问题。“适用条件”不成立时不提问，该问题的值视为空。", m_.questions.size())
                      : fmt::format("{} questions. A question whose condition does not hold is not asked and has no "
                                    "value.",
                                    m_.questions.size())));
    items(m_.top_items, 3);
  }

  void derived() {
    if (m_.derived.empty()) return;
    w_.heading(2, L("派生值", "Derived values"));
    std::vector<std::vector<Rich>> rows;
    for (const auto& d : m_.derived) {
      std::string label = t(d.label);
      rows.push_back({code(d.id), plain(label), d.expr ? expr(*d.expr) : plain(""), plain(d.unit)});
    }
    w_.table({L("编号", "Id"), L("名称", "Name"), L("计算方法", "Computed as"), L("单位", "Unit")}, rows);
  }

  // ---- scoring

  Rich band_range(const detail::Band& b, const std::string& unit) const {
    std::string lo = b.lo ? (b.lo_inclusive ? "≥ " : "> ") + num(*b.lo) + unit : "";
    std::string hi = b.hi ? (b.hi_inclusive ? "≤ " : "< ") + num(*b.hi) + unit : "";
    std::string s = lo.empty() ? hi : hi.empty() ? lo : lo + L(" 且 ", " and ") + hi;
    if (s.empty()) s = L("任意值", "any value");
    if (!b.label.empty()) s += zh_ ? "（" + b.label + "）" : " (" + b.label + ")";
    return plain(s);
  }

  std::vector<Rich> indicator_row(const detail::Indicator& ind) const {
    using Method = detail::Indicator::Method;
    Rich name = plain(t(ind.title)) + " " + code(ind.id);
    Rich method, values;
    switch (ind.method) {
      case Method::options: {
        const detail::Question* q = ind.question >= 0 ? &m_.questions[ind.question] : nullptr;
        bool multi = q && q->type == detail::QuestionType::multi_choice;
        method = plain(L("按选项：", "by option: ")) + (q ? hz_.name(q->id) : std::string("?"));
        if (multi)
          method = method + (zh_ ? "（多选累加，封顶 " + num(ind.cap ? *ind.cap : ind.max) + " 分）"
                                 : " (options add up, capped at " + num(ind.cap ? *ind.cap : ind.max) + ")");
        bool unlisted = false;
        for (std::size_t i = 0; i < ind.option_points.size(); ++i) {
          const auto& op = ind.option_points[i];
          const detail::Option* o = q ? q->find_option(op.value) : nullptr;
          values = values + (i ? L("；", "; ") : "") + (o ? t(o->label) : op.value) + " → " + points(op.points);
        }
        if (q)
          for (const auto& o : q->options)
            unlisted = unlisted || std::none_of(ind.option_points.begin(), ind.option_points.end(),
                                                [&](const detail::OptionPoints& p) { return p.value == o.value; });
        if (unlisted) values = values + L("；其他选项 → 0 分", "; other options → 0 points");
        break;
      }
      case Method::bands: {
        method = plain(L("按分档：", "by band: ")) + (ind.of ? expr(*ind.of) : plain("?"));
        for (std::size_t i = 0; i < ind.bands.size(); ++i)
          values = values + (i ? L("；", "; ") : "") + band_range(ind.bands[i], ind.unit) + " → " +
                   points(ind.bands[i].points);
        values = values + L("（按顺序取第一个符合的分档）", " (the first matching band applies)");
        break;
      }
      case Method::formula:
        method = plain(L("公式", "formula"));
        values = (ind.formula ? expr(*ind.formula) : plain("?")) +
                 (zh_ ? "（结果限定在 0 至 " + num(ind.max) + " 分之间）"
                      : " (limited to 0 – " + num(ind.max) + ")");
        break;
    }
    if (ind.when) method = method + L("；适用条件：", "; applies when: ") + expr(*ind.when);
    std::string help = t(ind.help);
    if (!help.empty()) name = name + (zh_ ? "（" + help + "）" : " (" + help + ")");
    std::string max = num(ind.max);
    if (!(ind.weight == Decimal::from_int(1)))
      max += zh_ ? "（权重 " + num(ind.weight) + "，计 " + num(ind.max * ind.weight) + " 分）"
                 : " (weight " + num(ind.weight) + ": " + num(ind.max * ind.weight) + ")";
    return {name, method, values, plain(max)};
  }

  void dimension(int di, int level, const analysis::ScoreRanges& r) {
    const detail::Dimension& d = m_.dimensions[di];
    w_.heading(level, t(d.title) + " (" + d.id + ")");
    std::string help = t(d.help);
    if (!help.empty()) w_.para(plain(help));
    Rich facts = plain(zh_ ? "满分 " + num(r.dimension_computed_max[di]) + " 分" : "Maximum " + num(r.dimension_computed_max[di]));
    if (d.min) facts = facts + (zh_ ? "；最低须得 " + num(*d.min) + " 分" : "; minimum required " + num(*d.min));
    if (!(d.weight == Decimal::from_int(1))) facts = facts + (zh_ ? "；权重 " : "; weight ") + num(d.weight);
    if (d.cap) facts = facts + (zh_ ? "；得分封顶 " : "; score capped at ") + num(*d.cap);
    if (d.when) facts = facts + L("；适用条件：", "; applies when: ") + expr(*d.when);
    w_.para(facts + L("。", "."));
    std::vector<std::vector<Rich>> rows;
    for (const auto& c : d.children)
      if (!c.is_dimension) rows.push_back(indicator_row(m_.indicators[c.index]));
    if (!rows.empty())
      w_.table({L("指标", "Indicator"), L("计分方式", "Method"), L("分值", "Points"), L("满分", "Max")}, rows);
    for (const auto& c : d.children)
      if (c.is_dimension) dimension(c.index, level + 1, r);
  }

  void scoring() {
    if (!m_.has_scoring) return;
    analysis::ScoreRanges r = analysis::score_ranges(m_);
    w_.heading(2, L("评分", "Scoring"));
    std::vector<std::vector<Rich>> rows;
    for (int di : m_.top_dimensions) {
      const auto& d = m_.dimensions[di];
      std::string max = num(r.dimension_computed_max[di]);
      if (!(d.weight == Decimal::from_int(1))) max += " × " + num(d.weight);
      rows.push_back({plain(t(d.title)), code(d.id), plain(max), plain(d.min ? num(*d.min) : "")});
    }
    w_.para(plain(zh_ ? "总分满分 " + num(r.total_computed_max) + " 分，由以下维度组成："
                      : "The total maximum is " + num(r.total_computed_max) + ", made of these dimensions:"));
    w_.table({L("维度", "Dimension"), L("编号", "Id"), L("满分", "Max"), L("最低分", "Minimum")}, rows);
    for (int di : m_.top_dimensions) dimension(di, 3, r);
  }

  // ---- gates, grades, checks

  void gates() {
    if (m_.gates.empty()) return;
    w_.heading(2, L("门槛条件", "Gates"));
    w_.para(plain(L("“必须满足”的条件全部成立才能参评；“直通”条件满足任一即可不看分数。",
                    "Every mandatory gate must hold; any one direct route qualifies regardless of the score.")));
    std::vector<std::vector<Rich>> rows;
    for (const auto& g : m_.gates) {
      Rich test = g.test ? expr(*g.test) : plain("?");
      if (g.when) test = test + L("（仅当 ", " (only when ") + expr(*g.when) + L(" 时适用）", ")");
      rows.push_back({plain(t(g.title)) + " " + code(g.id),
                      plain(g.kind == detail::GateKind::mandatory ? L("必须满足", "mandatory") : L("直通", "direct")),
                      test, g.basis.empty() ? plain("") : basis(g.basis), variants(g.message)});
    }
    w_.table({L("条件", "Gate"), L("类型", "Kind"), L("判定标准", "Test"), L("依据", "Basis"), L("说明", "Message")},
             rows);
  }

  void grades() {
    if (!m_.has_grades || m_.grades.empty()) return;
    w_.heading(2, L("等级判定", "Grades"));
    w_.para(plain(m_.staged ? L("阶梯式判定：达到某一级须同时满足该级及以下各级的条件，结果为达到的最高一级。",
                                "Staged: a level is reached when its condition and those of all lower levels hold; the "
                                "result is the highest level reached.")
                            : L("按顺序判定：结果为第一个条件成立的等级。",
                                "First match: the result is the first grade whose condition holds.")));
    std::vector<std::vector<Rich>> rows;
    for (const auto& g : m_.grades) {
      Rich msg = variants(g.message);
      Rich desc = variants(g.description);
      if (!desc.empty()) msg = msg + (msg.empty() ? "" : " ") + desc;
      Rich grade = plain(t(g.title)) + " " + code(g.id);
      if (!g.tone.empty()) grade = grade + tone_label(g.tone);
      rows.push_back({grade,
                      g.when ? expr(*g.when) : plain(L("其他情况", "otherwise")), msg});
    }
    w_.table({L("等级", "Grade"), L("条件", "Condition"), L("说明", "Message")}, rows);
  }

  /// A declared grade tone in words: "（较差）" / " (poor)".
  std::string tone_label(const std::string& tone) const {
    std::string w = tone == "good"   ? L("良好", "good")
                    : tone == "fair" ? L("一般", "fair")
                    : tone == "poor" ? L("较差", "poor")
                                     : L("中性", "neutral");
    return L("（", " (") + w + L("）", ")");
  }

  std::string severity(detail::CheckSeverity s) const {
    switch (s) {
      case detail::CheckSeverity::critical: return L("严重", "critical");
      case detail::CheckSeverity::high: return L("高", "high");
      case detail::CheckSeverity::medium: return L("中", "medium");
      case detail::CheckSeverity::low: return L("低", "low");
      case detail::CheckSeverity::info: return L("提示", "info");
    }
    return "";
  }

  void checks() {
    if (!m_.has_checks || m_.checks.empty()) return;
    w_.heading(2, L("合规检查", "Compliance checks"));
    std::array<int, detail::kSeverityCount> n{};
    for (const auto& c : m_.checks) ++n[static_cast<int>(c.severity)];
    std::string counts;
    for (int s = 0; s < detail::kSeverityCount; ++s)
      if (n[s]) counts += (counts.empty() ? "" : L("，", ", ")) + severity(static_cast<detail::CheckSeverity>(s)) + " " + std::to_string(n[s]);
    w_.para(plain(zh_ ? fmt::format("共 {} 项检查（按严重程度：{}）。检查不通过即产生一项发现。", m_.checks.size(), counts)
                      : fmt::format("{} checks ({}). A check that fails produces a finding.", m_.checks.size(), counts)));
    for (const auto& g : m_.groups) {
      w_.heading(3, t(g.title) + " (" + g.id + ")");
      std::string help = t(g.help);
      if (!help.empty()) w_.para(plain(help));
      if (g.when) w_.para(plain(L("本组检查仅在以下条件成立时适用：", "These checks apply only when: ")) + expr(*g.when));
      for (int ci : g.checks) {
        const detail::Check& c = m_.checks[ci];
        w_.heading(4, t(c.title) + " (" + c.id + ")");
        std::string chelp = t(c.help);
        if (!chelp.empty()) w_.para(plain(chelp));
        std::vector<Rich> b;
        b.push_back(strong(L("严重程度", "Severity")) + L("：", ": ") + severity(c.severity));
        if (c.when) b.push_back(strong(L("适用条件", "Applies when")) + L("：", ": ") + expr(*c.when));
        b.push_back(strong(L("合规要求", "Compliant when")) + L("：", ": ") + (c.test ? expr(*c.test) : plain("?")));
        b.push_back(strong(L("依据", "Basis")) + L("：", ": ") + basis(c.basis));
        b.push_back(strong(L("问题描述", "Finding")) + L("：", ": ") + variants(c.finding));
        b.push_back(strong(L("整改建议", "Remediation")) + L("：", ": ") + variants(c.remediation));
        if (!c.evidence.empty()) {
          std::string e;
          for (const auto& ev : c.evidence) e += (e.empty() ? "" : L("；", "; ")) + t(ev);
          b.push_back(strong(L("证明材料", "Evidence")) + L("：", ": ") + e);
        }
        w_.bullets(b);
      }
    }
  }
};

}  // namespace

std::string render_ruleset_doc(const Ruleset& rs, std::string_view format, std::string_view lang) {
  if (format == "md" || format == "markdown") {
    Markdown w;
    return Doc(rs.model(), std::string(lang), w).run();
  }
  if (format == "html") {
    Html w;
    return Doc(rs.model(), std::string(lang), w).run();
  }
  throw std::invalid_argument(fmt::format("unknown document format '{}' (md or html)", format));
}

}  // namespace zice
