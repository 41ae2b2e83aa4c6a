// GitHub-flavoured Markdown report rendered from the result JSON alone
// (docs/result-schema.md): the content of the HTML report, with text bars
// instead of the radar chart. Ruleset and user text is escaped so it renders
// literally and can never break a table.
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "report/labels.hpp"
#include "report/result_view.hpp"
#include "zice/report.hpp"

namespace zice {
namespace {
namespace json = boost::json;
using namespace report_view;

class MarkdownWriter {
 public:
  MarkdownWriter(const json::value& r, const json::value* answers)
      : r_(r), answers_(answers), L_(report_labels::labels_for(str(at(r, "lang")))) {}

  std::string run() {
    header();
    grade();
    dimensions();
    indicators();
    gates();
    compliance();
    findings();
    improvement();
    partial();
    derived();
    gaps();
    interpretations();
    answers();
    footer();
    return std::move(out_);
  }

 private:
  const json::value& r_;
  const json::value* answers_;
  const report_labels::Labels& L_;
  std::string out_;

  static std::string t(std::string_view s) { return md_escape(s); }
  static std::string code(std::string_view s) { return s.empty() ? "" : "`" + md_code(s) + "`"; }
  bool zh() const { return std::string_view(L_.html_lang).substr(0, 2) == "zh"; }
  std::string paren(const std::string& s) const { return zh() ? "（" + s + "）" : " (" + s + ")"; }

  // Exactly one blank line before a block.
  void blank() {
    while (out_.size() >= 2 && out_.ends_with("\n\n")) out_.pop_back();
    if (!out_.empty()) out_ += out_.ends_with("\n") ? "\n" : "\n\n";
  }
  void h2(const std::string& text) { blank(); out_ += "## " + text + "\n\n"; }
  void h3(const std::string& text) { blank(); out_ += "### " + text + "\n\n"; }

  // A table: header cells, then rows; `right` marks right-aligned columns.
  void table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows,
             const std::vector<bool>& right = {}) {
    auto line = [&](const std::vector<std::string>& cells) {
      std::string s = "|";
      for (std::size_t i = 0; i < head.size(); ++i) {
        std::string c = i < cells.size() ? cells[i] : "";
        s += " " + (c.empty() ? std::string(" ") : c) + " |";
      }
      return s + "\n";
    };
    out_ += line(head);
    std::string sep = "|";
    for (std::size_t i = 0; i < head.size(); ++i) sep += i < right.size() && right[i] ? " ---: |" : " --- |";
    out_ += sep + "\n";
    for (const auto& r : rows) out_ += line(r);
    out_ += "\n";
  }

  static std::string text_bar(const json::value& percent) {
    if (!percent.is_number()) return "";
    int filled = static_cast<int>(std::floor(clamp_percent(percent) / 10 + 0.5));
    std::string out;
    for (int i = 0; i < 10; ++i) out += i < filled ? "█" : "░";
    return out;
  }

  std::string title() const {
    const json::value& rs = at(r_, "ruleset");
    std::string s = str(at(rs, "title"));
    return s.empty() ? str(at(rs, "id")) : s;
  }

  void header() {
    const json::value& rs = at(r_, "ruleset");
    out_ += "# " + t(title()) + "\n\n";
    std::string meta = std::string(L_.report) + " · " + L_.ruleset + " " + code(str(at(rs, "id")));
    if (!str(at(rs, "version")).empty()) meta += " · " + std::string(L_.version) + " " + t(str(at(rs, "version")));
    if (!str(at(r_, "assessment_date")).empty())
      meta += " · " + std::string(L_.assessment_date) + " " + t(str(at(r_, "assessment_date")));
    out_ += meta + "\n";
    if (is_false(at(r_, "complete"))) out_ += "\n> **⚠** " + std::string(L_.incomplete) + "\n";
  }

  const char* grade_status(std::string_view s) const {
    if (s == "reached") return L_.grade_status_reached;
    if (s == "missed") return L_.grade_status_missed;
    if (s == "undecided") return L_.grade_status_undecided;
    if (s == "passed") return L_.grade_status_passed;
    return L_.grade_status_not_evaluated;
  }

  void grade() {
    const json::value& g = at(r_, "grade");
    bool provisional = is_true(at(g, "provisional"));
    std::string label = is_staged(r_) ? L_.maturity : L_.grade;
    if (g.is_object()) {
      h2(label + L_.colon + "**" + t(name_of(g)) + "**" +
         (provisional ? paren(std::string(L_.provisional)) : std::string()));
      if (!str(at(g, "message")).empty()) out_ += "> " + t(str(at(g, "message"))) + "\n";
      if (!str(at(g, "description")).empty()) out_ += ">\n> " + t(str(at(g, "description"))) + "\n";
      if (provisional) out_ += ">\n> *" + std::string(L_.provisional_note) + "*\n";
    } else {
      h2(label + L_.colon + "**" + L_.no_grade + "**");
    }
    const json::value& s = at(r_, "score");
    const json::value& c = at(r_, "compliance");
    if (s.is_object()) {
      out_ += "\n**" + std::string(L_.score) + "**" + L_.colon + "**" + format_number(at(s, "total")) + "** / " +
              format_number(at(s, "max")) + paren(format_percent(at(s, "percent"))) + " " + text_bar(at(s, "percent")) +
              "\n";
      const json::value& range = at(at(r_, "partial"), "score");
      if (range.is_object())
        out_ += "\n" + std::string(L_.possible_range) + L_.colon + format_number(at(range, "min")) + " – " +
                format_number(at(range, "max")) + "\n";
    } else if (c.is_object()) {
      out_ += "\n**" + std::string(L_.compliance_rate) + "**" + L_.colon + "**" + format_percent(at(c, "percent")) +
              "** " + text_bar(at(c, "percent")) + "\n";
    }
    ladder();
  }

  void ladder() {
    const json::array& grades = arr(at(r_, "grades"));
    if (grades.empty()) return;
    out_ += "\n";
    for (const json::value& g : grades) {
      std::string s = str(at(g, "status"));
      bool reached = s == "reached";
      out_ += "- " + std::string(reached ? "**" : "") + t(name_of(g)) + (reached ? "**" : "") + " — " +
              grade_status(s) + "\n";
      if (s != "missed" && s != "undecided") continue;
      for (const json::value& f : arr(at(g, "failing"))) {
        bool unknown = at(f, "value").is_null();
        out_ += "  - " + std::string(unknown ? "?" : "✗") + " " + code(str(at(f, "condition"))) +
                (unknown ? paren(L_.unknown_value) : "") + "\n";
      }
    }
  }

  void dimensions() {
    const json::array& dims = arr(at(r_, "dimensions"));
    if (dims.empty()) return;
    h2(L_.dimensions);
    std::vector<std::vector<std::string>> rows;
    for (const json::value& d : dims) {
      bool applicable = !is_false(at(d, "applicable"));
      std::string indent;
      for (int i = 0; i < dimension_depth(r_, d); ++i) indent += "　";
      std::string min = "—";
      if (at(d, "min").is_number()) {
        min = "≥ " + format_number(at(d, "min"));
        if (at(d, "min_met").is_bool()) min = (is_true(at(d, "min_met")) ? "✓ " : "**✗** ") + min;
      }
      if (!applicable) {
        rows.push_back({indent + t(name_of(d)), "", "", L_.not_applicable, "", min});
        continue;
      }
      rows.push_back({indent + t(name_of(d)), format_number(at(d, "score")), format_number(at(d, "max")),
                      format_percent(at(d, "percent")), text_bar(at(d, "percent")), min});
    }
    table({L_.dimension, L_.points, L_.max, L_.percent, " ", L_.minimum}, rows, {false, true, true, true, false, false});
  }

  std::string matched_text(const json::value& ind) const {
    const json::value& m = at(ind, "matched");
    if (const json::array* a = m.if_array()) {
      std::string out;
      for (const json::value& o : *a) out += (out.empty() ? "" : L_.list_sep) + format_value(at(o, "value"), L_);
      return out;
    }
    if (m.is_object()) {
      std::string label = str(at(m, "label"));
      if (!label.empty()) return label;
      std::string out;
      if (at(m, "ge").is_number()) out += "≥ " + format_number(at(m, "ge"));
      if (at(m, "gt").is_number()) out += "> " + format_number(at(m, "gt"));
      if (at(m, "lt").is_number()) out += (out.empty() ? "" : ", ") + std::string("< ") + format_number(at(m, "lt"));
      if (at(m, "le").is_number()) out += (out.empty() ? "" : ", ") + std::string("≤ ") + format_number(at(m, "le"));
      return out;
    }
    return "—";
  }

  void indicators() {
    const json::array& inds = arr(at(r_, "indicators"));
    if (inds.empty()) return;
    const json::array& dims = arr(at(r_, "dimensions"));
    h2(L_.indicators);
    std::vector<std::vector<std::string>> rows;
    for (const json::value& ind : inds) {
      bool applicable = !is_false(at(ind, "applicable"));
      const json::value& in = at(ind, "input");
      std::string name = str(at(in, "name"));
      if (name.empty()) name = str(at(in, "expr"));
      std::string input = (name.empty() ? "" : code(name) + " = ") + t(format_value(at(in, "value"), L_));
      std::string dim = str(at(ind, "dimension"));
      const json::value& d = find_by_id(dims, dim);
      rows.push_back({t(name_of(ind)), t(d.is_object() ? name_of(d) : dim), input,
                      applicable ? t(matched_text(ind)) : "—",
                      applicable ? "**" + format_number(at(ind, "points")) + "** / " + format_number(at(ind, "max"))
                                 : std::string(L_.not_applicable)});
    }
    table({L_.indicator, L_.dimension, L_.input, L_.matched, L_.points}, rows, {false, false, false, false, true});
  }

  std::string basis_line(const json::value& b) const {
    std::string out = t(basis_text(b, L_));
    std::string conf = confidence_text(b, L_);
    if (!conf.empty()) out += " — *" + t(conf) + "*";
    if (!str(at(b, "url")).empty()) out += " — " + code(str(at(b, "url")));
    if (!str(at(b, "note")).empty()) out += paren(t(str(at(b, "note"))));
    return out;
  }

  void gates() {
    const json::array& gates = arr(at(r_, "gates"));
    if (gates.empty()) return;
    h2(L_.gates);
    std::vector<std::vector<std::string>> rows;
    for (const json::value& g : gates) {
      std::string status = str(at(g, "status"));
      bool direct = str(at(g, "kind")) == "direct";
      std::string s;
      bool failed = false;
      if (status == "pass") s = std::string("✓ ") + (direct ? L_.gate_fired : L_.gate_pass);
      else if (status == "fail") failed = !direct, s = direct ? std::string("– ") + L_.gate_not_fired : std::string("**✗ ") + L_.gate_fail + "**";
      else if (status == "unknown") s = std::string("? ") + L_.gate_unknown;
      else s = std::string("– ") + L_.gate_not_applicable;
      std::string name = failed ? "**" + t(name_of(g)) + "**" : t(name_of(g));
      std::string basis;
      for (const json::value& b : arr(at(g, "basis"))) basis += "<br>" + basis_line(b);
      rows.push_back({s, name + basis, direct ? L_.gate_kind_direct : L_.gate_kind_mandatory, t(str(at(g, "message")))});
    }
    table({L_.status, L_.gate, " ", L_.message}, rows);
  }

  static std::string count_of(const json::value& v) { return v.is_number() ? format_number(v) : "0"; }

  void compliance() {
    const json::value& c = at(r_, "compliance");
    if (!c.is_object()) return;
    h2(L_.compliance);
    out_ += "**" + std::string(L_.compliance_rate) + "**" + L_.colon + "**" + format_percent(at(c, "percent")) + "** " +
            text_bar(at(c, "percent")) + " — " + L_.passed + " " + count_of(at(c, "passed")) + " · " + L_.failed + " " +
            count_of(at(c, "failed")) + " · " + L_.unknown + " " + count_of(at(c, "unknown")) + " · " +
            L_.not_applicable + " " + count_of(at(c, "not_applicable")) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const json::value& g : arr(at(c, "groups")))
      rows.push_back({t(name_of(g)), format_percent(at(g, "percent")), text_bar(at(g, "percent")),
                      count_of(at(g, "passed")), count_of(at(g, "failed")), count_of(at(g, "unknown")),
                      count_of(at(g, "not_applicable"))});
    if (!rows.empty())
      table({L_.group, L_.compliance_rate, " ", L_.passed, L_.failed, L_.unknown, L_.not_applicable}, rows,
            {false, true, false, true, true, true, true});
  }

  void findings() {
    const json::array& findings = arr(at(r_, "findings"));
    if (findings.empty()) {
      if (at(r_, "compliance").is_object()) {
        h2(L_.findings);
        out_ += std::string(L_.no_findings) + "\n";
      }
      return;
    }
    const json::array& groups = arr(at(at(r_, "compliance"), "groups"));
    h2(std::string(L_.findings) + paren(std::to_string(findings.size())));
    const std::vector<std::string_view>& order = severities();
    for (std::string_view sev : order) {
      std::vector<const json::value*> these;
      for (const json::value& f : findings)
        if (str(at(f, "severity")) == sev ||
            (sev == "info" && std::find(order.begin(), order.end(), str(at(f, "severity"))) == order.end()))
          these.push_back(&f);
      if (these.empty()) continue;
      h3(std::string(severity_label(L_, sev)) + paren(std::to_string(these.size())));
      for (const json::value* f : these) finding(*f, groups);
    }
  }

  void finding(const json::value& f, const json::array& groups) {
    std::string group = str(at(f, "group"));
    const json::value& g = find_by_id(groups, group);
    out_ += "#### " + t(name_of(f)) + "\n\n";
    out_ += "*" + t(g.is_object() ? name_of(g) : group) + "* · " + code(str(at(f, "id"))) + " · " +
            severity_label(L_, str(at(f, "severity"))) + "\n\n";
    if (!str(at(f, "finding")).empty()) out_ += t(str(at(f, "finding"))) + "\n\n";
    const json::array& basis = arr(at(f, "basis"));
    if (!basis.empty()) {
      out_ += "**" + std::string(L_.basis) + "**" + L_.colon + "\n\n";
      for (const json::value& b : basis) out_ += "- " + basis_line(b) + "\n";
      out_ += "\n";
    }
    if (!str(at(f, "remediation")).empty())
      out_ += "**" + std::string(L_.remediation) + "**" + L_.colon + t(str(at(f, "remediation"))) + "\n\n";
    const json::array& evidence = arr(at(f, "evidence"));
    if (!evidence.empty()) {
      out_ += "**" + std::string(L_.evidence) + "**" + L_.colon + "\n\n";
      for (const json::value& ev : evidence) out_ += "- " + t(format_value(ev, L_)) + "\n";
      out_ += "\n";
    }
  }

  std::string step_side(const json::value& side) const {
    std::string out = t(str(at(side, "label")));
    if (at(side, "points").is_number()) out += (out.empty() ? "" : " · ") + std::string("**") + format_number(at(side, "points")) + "**";
    if (!at(side, "answer").is_null())
      out += "<br>" + std::string(L_.answer) + L_.colon + t(format_value(at(side, "answer"), L_));
    return out.empty() ? "—" : out;
  }

  void improvement() {
    const json::value& imp = at(r_, "improvement");
    if (!imp.is_object()) return;
    const json::array& steps = arr(at(imp, "steps"));
    const json::array& blocking = arr(at(imp, "blocking"));
    const json::array& remediation = arr(at(imp, "remediation"));
    const json::value& target = at(imp, "target");
    if (!target.is_object() && steps.empty() && blocking.empty() && remediation.empty()) return;
    h2(L_.improvement);
    if (target.is_object()) {
      out_ += "- " + std::string(L_.target) + L_.colon + "**" + t(name_of(target)) + "**\n";
      if (at(imp, "reachable").is_bool())
        out_ += "- " + std::string(L_.status) + L_.colon +
                (is_true(at(imp, "reachable")) ? "✓ " + std::string(L_.reachable) : "✗ " + std::string(L_.unreachable)) +
                "\n";
      std::string method = str(at(imp, "method"));
      if (!method.empty())
        out_ += "- " + std::string(L_.method) + L_.colon +
                (method == "exact" ? L_.method_exact : method == "greedy" ? L_.method_greedy : t(method)) + "\n";
      if (at(imp, "gain").is_number()) out_ += "- " + std::string(L_.total_gain) + L_.colon + "+" + format_number(at(imp, "gain")) + "\n";
    }
    if (!steps.empty()) {
      h3(L_.steps);
      std::vector<std::vector<std::string>> rows;
      int i = 0;
      for (const json::value& s : steps) {
        std::string name = "**" + t(name_of(s)) + "**";
        if (!str(at(s, "question")).empty()) name += "<br>" + std::string(L_.question) + " " + code(str(at(s, "question")));
        rows.push_back({std::to_string(++i), name, step_side(at(s, "current")), step_side(at(s, "target")),
                        "+" + format_number(at(s, "gain")), t(str(at(s, "advice")))});
      }
      table({"#", L_.indicator, L_.current, L_.target_value, L_.gain, L_.advice}, rows,
            {true, false, false, false, true, false});
    }
    if (!blocking.empty()) {
      h3(L_.blocking);
      const json::array& gates = arr(at(r_, "gates"));
      for (const json::value& b : blocking) {
        std::string id = b.is_string() ? str(b) : str(at(b, "id"));
        const json::value& gate = find_by_id(gates, id);
        const json::value& item = b.is_object() ? b : gate;
        std::string name = item.is_object() ? name_of(item) : id;
        std::string message = str(at(item, "message"));
        if (message.empty()) message = str(at(gate, "message"));
        out_ += "- ✗ **" + t(name) + "**" + (message.empty() ? "" : " — " + t(message)) + "\n";
      }
      out_ += "\n";
    }
    if (!remediation.empty()) {
      h3(L_.remediation_list);
      for (const json::value& item : remediation)
        out_ += "- [ ] **" + std::string(severity_label(L_, str(at(item, "severity")))) + "** · " + t(name_of(item)) +
                L_.colon + t(str(at(item, "remediation"))) + "\n";
      out_ += "\n";
    }
  }

  void partial() {
    const json::value& p = at(r_, "partial");
    if (!p.is_object()) return;
    h2(L_.partial);
    const json::value& range = at(p, "score");
    if (range.is_object())
      out_ += "- " + std::string(L_.score_range) + L_.colon + "**" + format_number(at(range, "min")) + " – " +
              format_number(at(range, "max")) + "**\n";
    const json::array& possible = arr(at(p, "grades_possible"));
    if (!possible.empty()) {
      std::string list;
      for (const json::value& g : possible) {
        const json::value& grade = find_by_id(arr(at(r_, "grades")), str(g));
        list += (list.empty() ? "" : L_.list_sep) + t(grade.is_object() ? name_of(grade) : str(g));
      }
      out_ += "- " + std::string(L_.grades_possible) + L_.colon + list + "\n";
    }
    if (at(p, "decided").is_bool())
      out_ += "- " + std::string(L_.status) + L_.colon + (is_true(at(p, "decided")) ? L_.decided : L_.undecided) + "\n";
    const json::array& deciding = arr(at(p, "deciding_questions"));
    if (!deciding.empty()) {
      std::string list;
      for (const json::value& q : deciding) list += (list.empty() ? "" : " ") + code(str(q));
      out_ += "- " + std::string(L_.deciding_questions) + L_.colon + list + "\n";
    }
  }

  void derived() {
    const json::array& derived = arr(at(r_, "derived"));
    if (derived.empty()) return;
    h2(L_.derived);
    std::vector<std::vector<std::string>> rows;
    for (const json::value& d : derived) {
      std::string value = format_value(at(d, "value"), L_);
      if (!str(at(d, "unit")).empty() && !at(d, "value").is_null())
        value += (str(at(d, "unit")) == "%" ? "" : " ") + str(at(d, "unit"));
      rows.push_back({t(name_of(d)), code(str(at(d, "id"))), t(value)});
    }
    table({L_.item, " ", L_.value}, rows, {false, false, true});
  }

  void gaps() {
    const json::value& missing = at(r_, "missing");
    const json::array& problems = arr(at(r_, "problems"));
    const json::array& warnings = arr(at(r_, "warnings"));
    const std::pair<const char*, const char*> kinds[] = {{"questions", L_.missing_questions},
                                                         {"indicators", L_.missing_indicators},
                                                         {"gates", L_.missing_gates},
                                                         {"checks", L_.missing_checks}};
    std::string body;
    for (const auto& [key, label] : kinds) {
      const json::array& ids = arr(at(missing, key));
      if (ids.empty()) continue;
      std::string list;
      for (const json::value& id : ids) list += (list.empty() ? "" : " ") + code(str(id));
      body += "- " + std::string(label) + L_.colon + list + "\n";
    }
    if (body.empty() && problems.empty() && warnings.empty()) return;
    h2(L_.data_gaps);
    out_ += body;
    if (!problems.empty()) {
      h3(L_.problems);
      std::vector<std::vector<std::string>> rows;
      for (const json::value& p : problems)
        rows.push_back({code(str(at(p, "question"))), code(str(at(p, "code"))), t(str(at(p, "message")))});
      table({L_.question, L_.status, L_.message}, rows);
    }
    if (!warnings.empty()) {
      h3(L_.warnings);
      for (const json::value& w : warnings) out_ += "- " + t(format_value(w, L_)) + "\n";
    }
  }

  void interpretations() {
    const json::array& items = arr(at(r_, "interpretations"));
    if (items.empty()) return;
    h2(L_.interpretations);
    int i = 0;
    for (const json::value& item : items)
      out_ += std::to_string(++i) + ". " + t(str(at(item, "text"))) + " " + code(str(at(item, "id"))) + "\n";
  }

  void answers() {
    AnswerSource source = AnswerSource::none;
    std::vector<AnswerRow> rows = answer_rows(r_, answers_, source);
    if (rows.empty()) return;
    h2(L_.answers);
    out_ += std::string(source == AnswerSource::given   ? L_.answers_given
                        : source == AnswerSource::trace ? L_.answers_trace
                                                        : L_.answers_inputs) +
            "\n\n";
    std::vector<std::vector<std::string>> cells;
    for (const AnswerRow& row : rows) cells.push_back({code(row.id), t(format_value(*row.value, L_))});
    table({L_.question, L_.answer}, cells);
  }

  void footer() {
    const json::value& rs = at(r_, "ruleset");
    const json::value& engine = at(r_, "engine");
    blank();
    out_ += "---\n\n";
    std::string line = std::string(L_.ruleset) + " " + code(str(at(rs, "id"))) + " " + t(str(at(rs, "version")));
    if (!short_sha(r_).empty()) line += " · " + std::string(L_.sha256) + " " + code(short_sha(r_));
    line += " · " + std::string(L_.engine) + " " + t(str(at(engine, "name"))) + " " + t(str(at(engine, "version")));
    if (!str(at(r_, "schema")).empty()) line += " · " + code(str(at(r_, "schema")));
    out_ += line + "\n\n*" + L_.disclaimer + "*\n";
  }
};

}  // namespace

std::string render_markdown_report(const boost::json::value& result, const boost::json::value* answers) {
  return MarkdownWriter(result, answers).run();
}

}  // namespace zice
