// Self-contained HTML report rendered from the result JSON alone
// (docs/result-schema.md): inline CSS and SVG, no scripts, no external
// requests, print-ready on A4. Every ruleset or user text is HTML-escaped.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "report/labels.hpp"
#include "report/result_view.hpp"
#include "util/text_width.hpp"
#include "zice/report.hpp"

namespace zice {
namespace {
namespace json = boost::json;
using namespace report_view;

// Kept readable rather than minified: the report is meant to be opened,
// printed and occasionally restyled by service-centre staff.
constexpr std::string_view kStyle = R"css(
:root {
  --ink: #1f2933; --muted: #616e7c; --faint: #9aa5b1; --line: #e4e7eb; --paper: #ffffff;
  --bg: #eef1f5; --accent: #2563eb; --accent-soft: #dbe7ff;
  --good: #15803d; --good-soft: #dcfce7; --fair: #b45309; --fair-soft: #fef3c7;
  --poor: #b91c1c; --poor-soft: #fee2e2; --neutral: #1d4ed8; --neutral-soft: #dbeafe;
  --none: #475569; --none-soft: #e2e8f0;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
  font-size: 10.5pt; line-height: 1.55; }
.page { max-width: 210mm; margin: 24px auto; background: var(--paper); padding: 16mm 15mm 14mm;
  box-shadow: 0 2px 12px rgba(15, 23, 42, .12); border-radius: 4px; }
h1 { font-size: 20pt; line-height: 1.25; margin: 4px 0 6px; letter-spacing: .01em; }
h2 { font-size: 13pt; margin: 0 0 10px; padding-bottom: 5px; border-bottom: 2px solid var(--ink);
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 14px 0 8px; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 10.5pt; margin: 0; }
p { margin: 4px 0; }
code, .id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8.5pt; color: var(--muted); }
.muted { color: var(--muted); }
.small { font-size: 9pt; }
section { margin-top: 22px; }
.doc-head { border-bottom: 1px solid var(--line); padding-bottom: 10px; }
.eyebrow { text-transform: uppercase; letter-spacing: .12em; font-size: 8.5pt; color: var(--accent); font-weight: 700; }
.meta { color: var(--muted); font-size: 9pt; }
.meta span + span::before { content: "·"; margin: 0 .5em; color: var(--faint); }
.notice { margin-top: 8px; padding: 6px 10px; border-left: 4px solid var(--fair); background: var(--fair-soft); font-size: 9.5pt; }

.hero { display: flex; gap: 16px; align-items: stretch; margin-top: 16px; break-inside: avoid; page-break-inside: avoid; }
.badge { flex: 1 1 58%; border-radius: 10px; padding: 14px 18px; color: #fff; position: relative; }
.badge .label { font-size: 9pt; opacity: .85; letter-spacing: .08em; }
.badge .title { font-size: 19pt; font-weight: 800; line-height: 1.25; margin: 2px 0 6px; }
.badge .message { font-size: 10pt; opacity: .95; }
.badge .message, .badge .description, .finding p, .remedy p, ol.interp li { white-space: pre-line; }
.badge .description { font-size: 9pt; opacity: .8; margin-top: 4px; }
.badge .chip { display: inline-block; font-size: 8.5pt; font-weight: 700; padding: 1px 8px; border-radius: 99px;
  background: rgba(255,255,255,.92); color: var(--ink); vertical-align: middle; margin-left: 6px; }
.tone-good { background: linear-gradient(135deg, #15803d, #16a34a); }
.tone-fair { background: linear-gradient(135deg, #b45309, #d97706); }
.tone-poor { background: linear-gradient(135deg, #991b1b, #dc2626); }
.tone-neutral { background: linear-gradient(135deg, #1e40af, #2563eb); }
.tone-none { background: linear-gradient(135deg, #334155, #64748b); }
.badge.provisional { background-image: repeating-linear-gradient(135deg, rgba(255,255,255,.10) 0 10px, transparent 10px 20px),
  linear-gradient(135deg, #92400e, #d97706); outline: 3px dashed #f59e0b; outline-offset: -3px; }
.scorecard { flex: 0 0 36%; border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; background: #f8fafc; }
.scorecard .label { font-size: 9pt; color: var(--muted); letter-spacing: .06em; }
.scorecard .big { font-size: 28pt; font-weight: 800; line-height: 1.1; }
.scorecard .big small { font-size: 13pt; color: var(--muted); font-weight: 600; }
.scorecard .pct { font-size: 11pt; font-weight: 700; color: var(--accent); }
.scorecard .range { font-size: 9pt; color: var(--muted); margin-top: 6px; }

.ladder { list-style: none; padding: 0; margin: 10px 0 0; display: flex; flex-wrap: wrap; gap: 6px; }
.ladder li { border: 1px solid var(--line); border-radius: 6px; padding: 3px 9px; font-size: 9pt; background: #fff; }
.ladder li.reached { border-color: var(--ink); font-weight: 700; box-shadow: inset 0 -3px 0 var(--accent); }
.ladder li .st { color: var(--muted); font-weight: 400; margin-left: 4px; }
.failing { margin: 6px 0 0; padding-left: 0; list-style: none; font-size: 9pt; }
.failing li { margin: 2px 0; }
.failing code { color: var(--ink); }

.bar { position: relative; height: 10px; background: #edf0f4; border-radius: 99px; overflow: visible; }
.bar .fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 99px; background: var(--accent); }
.bar .fill.bad { background: var(--poor); }
.bar .fill.mid { background: var(--fair); }
.bar .fill.ok { background: var(--good); }
.bar .min { position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--ink); }
.dims { display: flex; gap: 18px; align-items: flex-start; break-inside: avoid; page-break-inside: avoid; }
.dims .radar { flex: 0 0 50%; }
.dims .radar svg { width: 100%; height: auto; display: block; }
.dims .radar figcaption { text-align: center; font-size: 8.5pt; color: var(--muted); }
.dims .bars { flex: 1 1 auto; }
.dim { margin: 0 0 10px; break-inside: avoid; page-break-inside: avoid; }
.dim .head { display: flex; justify-content: space-between; gap: 8px; font-size: 9.5pt; }
.dim .head .t { font-weight: 600; }
.dim .head .n { white-space: nowrap; font-variant-numeric: tabular-nums; }
.dim .foot { font-size: 8.5pt; color: var(--muted); margin-top: 2px; }
.dim.sub { margin-left: 16px; }
.dim.sub .head .t { font-weight: 400; }
.ok-text { color: var(--good); font-weight: 700; }
.bad-text { color: var(--poor); font-weight: 700; }
.mid-text { color: var(--fair); font-weight: 700; }

table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { white-space: nowrap; text-align: left; font-weight: 700; color: var(--muted); font-size: 8.5pt; letter-spacing: .04em;
  border-bottom: 1.5px solid var(--ink); padding: 5px 6px; }
td { border-bottom: 1px solid var(--line); padding: 5px 6px; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
tr.fail td { background: var(--poor-soft); }
tr.fail td:first-child { box-shadow: inset 3px 0 0 var(--poor); }
tr.unknown td { background: var(--fair-soft); }
tr.fired td { background: var(--good-soft); }
tr.na td { color: var(--faint); }
.icon { display: inline-block; width: 18px; height: 18px; line-height: 18px; border-radius: 50%; text-align: center;
  font-size: 10pt; font-weight: 700; color: #fff; }
.icon.pass { background: var(--good); } .icon.fail { background: var(--poor); }
.icon.unknown { background: var(--fair); } .icon.na { background: var(--faint); } .icon.off { background: #94a3b8; }

.summary { display: flex; gap: 14px; align-items: center; margin-bottom: 10px; break-inside: avoid; page-break-inside: avoid; }
.summary .big { font-size: 24pt; font-weight: 800; }
.counts { display: flex; flex-wrap: wrap; gap: 6px; font-size: 9pt; }
.counts span { border-radius: 99px; padding: 2px 9px; background: #f1f5f9; }
.counts .c-pass { background: var(--good-soft); color: var(--good); }
.counts .c-fail { background: var(--poor-soft); color: var(--poor); }
.counts .c-unknown { background: var(--fair-soft); color: var(--fair); }
.stack { display: flex; height: 12px; border-radius: 99px; overflow: hidden; background: #edf0f4; margin: 6px 0 14px; }
.stack span { display: block; height: 100%; }
.group-row { display: grid; grid-template-columns: 40% 1fr 96px; gap: 10px; align-items: center; margin: 5px 0;
  font-size: 9.5pt; break-inside: avoid; page-break-inside: avoid; }
.group-row .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }

.sev-head { display: flex; align-items: center; gap: 8px; }
.sev { display: inline-block; min-width: 2.4em; text-align: center; border-radius: 4px; padding: 0 6px; font-size: 8.5pt;
  font-weight: 700; color: #fff; }
.sev-critical { background: #7f1d1d; } .sev-high { background: #dc2626; } .sev-medium { background: #d97706; }
.sev-low { background: #2563eb; } .sev-info { background: #64748b; }
.finding { border: 1px solid var(--line); border-left: 4px solid var(--faint); border-radius: 6px; padding: 9px 12px;
  margin: 0 0 9px; break-inside: avoid; page-break-inside: avoid; }
.finding.critical { border-left-color: #7f1d1d; } .finding.high { border-left-color: #dc2626; }
.finding.medium { border-left-color: #d97706; } .finding.low { border-left-color: #2563eb; }
.finding header { display: flex; justify-content: space-between; gap: 10px; align-items: baseline; }
.finding .where { font-size: 8.5pt; color: var(--muted); white-space: nowrap; }
.finding .k { font-size: 8.5pt; font-weight: 700; color: var(--muted); letter-spacing: .04em; margin-top: 6px; }
.finding ul { margin: 2px 0 0; padding-left: 18px; }
.finding .remedy { background: #f8fafc; border-radius: 4px; padding: 4px 8px; margin-top: 6px; }
.conf { font-size: 8.5pt; color: var(--muted); margin-left: 6px; }
.note { font-size: 8.5pt; color: var(--muted); }
.check { display: inline-block; width: 12px; height: 12px; border: 1.5px solid var(--ink); border-radius: 2px; }
.kv { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; font-size: 9.5pt; margin: 6px 0 10px; }
.kv dt { color: var(--muted); } .kv dd { margin: 0; }
dl.answers { columns: 2; column-gap: 24px; margin: 6px 0 0; font-size: 9pt; }
dl.answers div { display: flex; justify-content: space-between; gap: 10px; break-inside: avoid; page-break-inside: avoid;
  border-bottom: 1px solid var(--line); padding: 3px 2px; }
dl.answers dt { min-width: 0; overflow-wrap: anywhere; } dl.answers dd { margin: 0; text-align: right; overflow-wrap: anywhere; }
ol.interp { padding-left: 20px; font-size: 9.5pt; } ol.interp li { margin-bottom: 5px; }
footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--line); font-size: 8.5pt; color: var(--muted); }
footer .meta span + span::before { content: "·"; margin: 0 .5em; }

@page { size: A4; margin: 14mm 13mm 16mm; }
@page { @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #9aa5b1; } }
@media print {
  body { background: #fff; font-size: 10pt; }
  .page { max-width: none; margin: 0; padding: 0; box-shadow: none; border-radius: 0; }
  section { break-inside: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
)css";

const char* tone_class(Tone t) {
  switch (t) {
    case Tone::good: return "tone-good";
    case Tone::fair: return "tone-fair";
    case Tone::poor: return "tone-poor";
    case Tone::neutral: return "tone-neutral";
    case Tone::none: break;
  }
  return "tone-none";
}

std::string fixed1(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", d);
  std::string s = buf;
  return s == "-0.0" ? "0.0" : s;
}

// Splits a label into lines of at most `width` display columns (CJK counts
// two), preferring breaks at spaces ("第10章 绩效分析和评价" breaks after the
// chapter number), at most `max_lines` lines, the last ending in "…" when cut.
std::vector<std::string> wrap_label(std::string_view text, std::size_t width, std::size_t max_lines) {
  std::vector<std::string> words;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t space = text.find(' ', start);
    if (space == std::string_view::npos) space = text.size();
    if (space > start) words.emplace_back(text.substr(start, space - start));
    start = space + 1;
  }
  std::vector<std::string> lines;
  std::string line;
  auto flush = [&] {
    if (!line.empty()) lines.push_back(line);
    line.clear();
  };
  for (const std::string& word : words) {
    std::string joined = line.empty() ? word : line + " " + word;
    if (util::display_width(joined) <= width) {
      line = joined;
      continue;
    }
    flush();
    // A word longer than a line breaks between characters.
    for (std::size_t i = 0; i < word.size();) {
      std::size_t start = i;
      util::next_code_point(word, i);
      std::string_view ch = std::string_view(word).substr(start, i - start);
      if (util::display_width(line) + util::display_width(ch) > width) flush();
      line += ch;
    }
  }
  flush();
  if (lines.size() > max_lines) {
    std::string rest;
    for (std::size_t k = max_lines - 1; k < lines.size(); ++k) rest += (rest.empty() ? "" : " ") + lines[k];
    lines.resize(max_lines);
    lines.back() = util::truncate(rest, width);
  }
  return lines;
}

class HtmlWriter {
 public:
  HtmlWriter(const json::value& r, const json::value* answers)
      : r_(r), answers_(answers), L_(report_labels::labels_for(str(at(r, "lang")))) {}

  std::string run() {
    head();
    out_ += "<main class=\"page\">\n";
    header();
    hero();
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
    out_ += "</main>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  const json::value& r_;
  const json::value* answers_;
  const report_labels::Labels& L_;
  std::string out_;

  static std::string e(std::string_view s) { return html_escape(s); }
  bool zh() const { return std::string_view(L_.html_lang).substr(0, 2) == "zh"; }
  std::string paren(const std::string& s) const { return zh() ? "（" + s + "）" : " (" + s + ")"; }

  std::string title() const {
    const json::value& rs = at(r_, "ruleset");
    std::string t = str(at(rs, "title"));
    return t.empty() ? str(at(rs, "id")) : t;
  }

  void head() {
    out_ += "<!DOCTYPE html>\n<html lang=\"" + std::string(L_.html_lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<meta name=\"generator\" content=\"" + e(str(at(at(r_, "engine"), "name"))) + " " +
            e(str(at(at(r_, "engine"), "version"))) + "\">\n";
    out_ += "<title>" + e(title()) + " — " + L_.report + "</title>\n<style>" + std::string(kStyle) +
            "</style>\n</head>\n<body>\n";
  }

  void header() {
    const json::value& rs = at(r_, "ruleset");
    out_ += "<header class=\"doc-head\">\n<div class=\"eyebrow\">" + std::string(L_.report) + "</div>\n";
    out_ += "<h1>" + e(title()) + "</h1>\n<div class=\"meta\">";
    out_ += "<span>" + std::string(L_.ruleset) + " <code>" + e(str(at(rs, "id"))) + "</code></span>";
    if (!str(at(rs, "version")).empty())
      out_ += "<span>" + std::string(L_.version) + " " + e(str(at(rs, "version"))) + "</span>";
    if (!str(at(r_, "assessment_date")).empty())
      out_ += "<span>" + std::string(L_.assessment_date) + " " + e(str(at(r_, "assessment_date"))) + "</span>";
    out_ += "</div>\n";
    if (is_false(at(r_, "complete"))) out_ += "<div class=\"notice\">" + std::string(L_.incomplete) + "</div>\n";
    out_ += "</header>\n";
  }

  // ---- grade and score -------------------------------------------------------

  void hero() {
    const json::value& g = at(r_, "grade");
    bool provisional = is_true(at(g, "provisional"));
    bool staged = is_staged(r_);
    out_ += "<section class=\"hero\" id=\"grade\">\n";
    out_ += std::string("<div class=\"badge ") + tone_class(grade_tone(r_)) + (provisional ? " provisional" : "") + "\">\n";
    out_ += std::string("<div class=\"label\">") + (staged ? L_.maturity : L_.grade) + "</div>\n";
    if (g.is_object()) {
      out_ += "<div class=\"title\">" + e(name_of(g));
      if (provisional) out_ += "<span class=\"chip\">" + std::string(L_.provisional) + "</span>";
      out_ += "</div>\n";
      if (!str(at(g, "message")).empty()) out_ += "<div class=\"message\">" + e(str(at(g, "message"))) + "</div>\n";
      if (!str(at(g, "description")).empty())
        out_ += "<div class=\"description\">" + e(str(at(g, "description"))) + "</div>\n";
      if (provisional) out_ += "<div class=\"description\">" + std::string(L_.provisional_note) + "</div>\n";
    } else {
      out_ += "<div class=\"title\">" + std::string(L_.no_grade) + "</div>\n";
    }
    out_ += "</div>\n";
    scorecard();
    out_ += "</section>\n";
    ladder();
  }

  void scorecard() {
    const json::value& s = at(r_, "score");
    const json::value& c = at(r_, "compliance");
    if (s.is_object()) {
      out_ += "<div class=\"scorecard\">\n<div class=\"label\">" + std::string(L_.score) + "</div>\n";
      out_ += "<div class=\"big\">" + format_number(at(s, "total")) + "<small> / " + format_number(at(s, "max")) +
              "</small></div>\n";
      out_ += "<div class=\"pct\">" + format_percent(at(s, "percent")) + "</div>\n";
      out_ += bar(at(s, "percent"), "", json::value());
      const json::value& range = at(at(r_, "partial"), "score");
      if (range.is_object())
        out_ += "<div class=\"range\">" + std::string(L_.possible_range) + L_.colon + format_number(at(range, "min")) +
                " – " + format_number(at(range, "max")) + "</div>\n";
      out_ += "</div>\n";
    } else if (c.is_object()) {
      out_ += "<div class=\"scorecard\">\n<div class=\"label\">" + std::string(L_.compliance_rate) + "</div>\n";
      out_ += "<div class=\"big\">" + format_percent(at(c, "percent")) + "</div>\n";
      out_ += "<div class=\"range\">" + std::string(L_.passed) + " " + format_number(at(c, "passed")) + " · " +
              L_.failed + " " + format_number(at(c, "failed")) + "</div>\n";
      out_ += bar(at(c, "percent"), "", json::value());
      out_ += "</div>\n";
    }
  }

  const char* grade_status(std::string_view s) const {
    if (s == "reached") return L_.grade_status_reached;
    if (s == "missed") return L_.grade_status_missed;
    if (s == "undecided") return L_.grade_status_undecided;
    if (s == "passed") return L_.grade_status_passed;
    return L_.grade_status_not_evaluated;
  }

  // Every grade with its status, then why each better grade was missed.
  void ladder() {
    const json::array& grades = arr(at(r_, "grades"));
    if (grades.empty()) return;
    out_ += "<section id=\"grades\">\n<ul class=\"ladder\" aria-label=\"" + std::string(L_.grade_ladder) + "\">\n";
    for (const json::value& g : grades) {
      std::string s = str(at(g, "status"));
      out_ += "<li class=\"" + e(s) + "\">" + e(name_of(g)) + "<span class=\"st\">" + grade_status(s) + "</span></li>\n";
    }
    out_ += "</ul>\n";
    std::string failing;
    for (const json::value& g : grades) {
      std::string s = str(at(g, "status"));
      if ((s != "missed" && s != "undecided") || arr(at(g, "failing")).empty()) continue;
      failing += "<li><b>" + e(name_of(g)) + "</b> — " + grade_status(s) + L_.colon;
      bool first = true;
      for (const json::value& f : arr(at(g, "failing"))) {
        if (!first) failing += "; ";
        first = false;
        bool unknown = at(f, "value").is_null();
        failing += std::string(unknown ? "<span class=\"mid-text\">?</span> " : "<span class=\"bad-text\">✗</span> ") +
                   "<code>" + e(str(at(f, "condition"))) + "</code>" + (unknown ? paren(L_.unknown_value) : "");
      }
      failing += "</li>\n";
    }
    if (!failing.empty()) out_ += "<ul class=\"failing\">\n" + failing + "</ul>\n";
    out_ += "</section>\n";
  }

  // A horizontal bar; `min_percent` (a number) adds the minimum marker.
  std::string bar(const json::value& percent, const char* fill_class, const json::value& min_percent) const {
    std::string out = "<div class=\"bar\">";
    if (percent.is_number())
      out += std::string("<div class=\"fill ") + fill_class + "\" style=\"width:" + fixed1(clamp_percent(percent)) +
             "%\"></div>";
    if (min_percent.is_number())
      out += "<div class=\"min\" style=\"left:" + fixed1(clamp_percent(min_percent)) + "%\"></div>";
    return out + "</div>\n";
  }

  // ---- dimensions --------------------------------------------------------------

  void dimensions() {
    const json::array& dims = arr(at(r_, "dimensions"));
    if (dims.empty()) return;
    out_ += "<section id=\"dimensions\">\n<h2>" + std::string(L_.dimensions) + "</h2>\n<div class=\"dims\">\n";
    // The radar shows applicable top-level dimensions; with fewer than three
    // a polygon says nothing the bars do not, so the bars stand alone.
    std::vector<const json::value*> top;
    for (const json::value* d : top_dimensions(r_))
      if (!is_false(at(*d, "applicable"))) top.push_back(d);
    if (top.size() >= 3) radar(top);
    out_ += "<div class=\"bars\">\n";
    for (const json::value& d : dims) dimension_bar(d);
    out_ += "</div>\n</div>\n</section>\n";
  }

  void dimension_bar(const json::value& d) {
    bool applicable = !is_false(at(d, "applicable"));
    const json::value& max = at(d, "max");
    json::value min_percent;
    if (at(d, "min").is_number() && max.is_number() && max.to_number<double>() > 0)
      min_percent = at(d, "min").to_number<double>() / max.to_number<double>() * 100;
    const char* fill = is_false(at(d, "min_met")) ? "bad" : "";
    int depth = dimension_depth(r_, d);
    out_ += std::string("<div class=\"dim") + (depth > 0 ? " sub" : "") + "\"" +
            (depth > 1 ? " style=\"margin-left:" + std::to_string(16 * depth) + "px\"" : "") + ">\n";
    out_ += "<div class=\"head\"><span class=\"t\">" + e(name_of(d)) + "</span><span class=\"n\">";
    if (applicable)
      out_ += "<b>" + format_number(at(d, "score")) + "</b> / " + format_number(max) + " · " +
              format_percent(at(d, "percent"));
    else
      out_ += L_.not_applicable;
    out_ += "</span></div>\n";
    out_ += bar(applicable ? at(d, "percent") : json::value(), fill, min_percent);
    if (at(d, "min").is_number()) {
      bool met = is_true(at(d, "min_met"));
      out_ += "<div class=\"foot\">" + std::string(L_.minimum) + " " + format_number(at(d, "min")) + " · " +
              (at(d, "min_met").is_bool()
                   ? std::string("<span class=\"") + (met ? "ok-text\">✓ " : "bad-text\">✗ ") +
                         (met ? L_.min_met : L_.min_missed) + "</span>"
                   : std::string("—")) +
              "</div>\n";
    }
    out_ += "</div>\n";
  }

  // Radar chart of the top-level dimensions' percent, computed here so the
  // file needs no script. Rings at 20..100 %, one axis per dimension.
  void radar(const std::vector<const json::value*>& top) {
    const double cx = 200, cy = 160, radius = 106;
    const std::size_t n = top.size();
    auto point = [&](std::size_t i, double fraction) {
      double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
      return std::pair{cx + radius * fraction * std::cos(angle), cy + radius * fraction * std::sin(angle)};
    };
    auto polygon = [&](auto fraction_of) {
      std::string pts;
      for (std::size_t i = 0; i < n; ++i) {
        auto [x, y] = point(i, fraction_of(i));
        pts += (i ? " " : "") + fixed1(x) + "," + fixed1(y);
      }
      return pts;
    };
    std::string svg;
    // The view box is fitted vertically to the drawing and its labels, so a
    // triangle does not leave a band of white below it.
    double top_edge = cy - radius - 4, bottom_edge = cy;
    double left_edge = cx - radius - 4, right_edge = cx + radius + 4;
    for (int ring = 1; ring <= 5; ++ring)
      svg += "<polygon class=\"radar-ring\" points=\"" + polygon([&](std::size_t) { return ring / 5.0; }) +
              "\" fill=\"" + (ring % 2 ? "#f8fafc" : "#ffffff") + "\" fill-opacity=\"0\" stroke=\"#d5dbe3\" stroke-width=\"" +
              (ring == 5 ? "1.2" : "0.8") + "\"/>\n";
    for (std::size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, 1);
      svg += "<line x1=\"" + fixed1(cx) + "\" y1=\"" + fixed1(cy) + "\" x2=\"" + fixed1(x) + "\" y2=\"" + fixed1(y) +
              "\" stroke=\"#d5dbe3\" stroke-width=\"0.8\"/>\n";
    }
    for (int ring = 1; ring <= 5; ++ring) {
      auto [x, y] = point(0, ring / 5.0);
      svg += "<text x=\"" + fixed1(x + 4) + "\" y=\"" + fixed1(y + 3) +
              "\" font-size=\"8\" fill=\"#9aa5b1\">" + std::to_string(ring * 20) + "</text>\n";
    }
    std::vector<double> fractions;
    for (const json::value* d : top) fractions.push_back(clamp_percent(at(*d, "percent")) / 100);
    svg += "<polygon class=\"radar-value\" points=\"" + polygon([&](std::size_t i) { return fractions[i]; }) +
            "\" fill=\"#2563eb\" fill-opacity=\"0.22\" stroke=\"#2563eb\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n";
    for (std::size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, fractions[i]);
      bool bad = is_false(at(*top[i], "min_met"));
      svg += "<circle cx=\"" + fixed1(x) + "\" cy=\"" + fixed1(y) + "\" r=\"3.2\" fill=\"" +
              (bad ? "#dc2626" : "#2563eb") + "\"/>\n";
      const json::value& max = at(*top[i], "max");
      if (at(*top[i], "min").is_number() && max.is_number() && max.to_number<double>() > 0) {
        double f = std::clamp(at(*top[i], "min").to_number<double>() / max.to_number<double>(), 0.0, 1.0);
        auto [mx, my] = point(i, f);
        svg += "<circle class=\"radar-min\" cx=\"" + fixed1(mx) + "\" cy=\"" + fixed1(my) +
                "\" r=\"3\" fill=\"#fff\" stroke=\"#1f2933\" stroke-width=\"1.2\"/>\n";
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, 1.12);
      const char* anchor = std::fabs(x - cx) < 8 ? "middle" : x > cx ? "start" : "end";
      std::vector<std::string> lines = wrap_label(name_of(*top[i]), 14, 2);
      lines.push_back(format_percent(at(*top[i], "percent")));
      double line_h = 14;
      double extra = line_h * static_cast<double>(lines.size() - 1);
      double top_y = y - (y < cy - 8 ? extra : y > cy + 8 ? -8 : extra / 2);
      top_edge = std::min(top_edge, top_y - 12);
      bottom_edge = std::max({bottom_edge, top_y + extra + 4, point(i, 1).second + 6});
      for (const std::string& line : lines) {
        // Half an em per display column is close enough for the fonts used.
        double w = static_cast<double>(util::display_width(line)) * 12.5 * 0.52;
        double from = anchor[0] == 'e' ? x - w : anchor[0] == 's' ? x : x - w / 2;
        left_edge = std::min(left_edge, from - 4);
        right_edge = std::max(right_edge, from + w + 4);
      }
      svg += "<text class=\"radar-label\" x=\"" + fixed1(x) + "\" y=\"" + fixed1(top_y) + "\" text-anchor=\"" + anchor +
              "\" font-size=\"12.5\" fill=\"#1f2933\">";
      for (std::size_t k = 0; k < lines.size(); ++k) {
        bool last = k + 1 == lines.size();
        svg += "<tspan x=\"" + fixed1(x) + "\"" + (k ? " dy=\"" + fixed1(line_h) + "\"" : "") +
                (last ? " font-weight=\"700\" fill=\"#2563eb\"" : "") + ">" + e(lines[k]) + "</tspan>";
      }
      svg += "</text>\n";
    }
    out_ += "<figure class=\"radar\" style=\"margin:0\">\n<svg viewBox=\"" + fixed1(left_edge) + " " + fixed1(top_edge) +
            " " + fixed1(right_edge - left_edge) + " " +
            fixed1(bottom_edge - top_edge) + "\" role=\"img\" aria-label=\"" + std::string(L_.radar_caption) + "\">\n" +
            svg + "</svg>\n<figcaption>" + std::string(L_.radar_caption) + "</figcaption>\n</figure>\n";
  }

  // ---- indicators --------------------------------------------------------------

  std::string matched_text(const json::value& ind) const {
    const json::value& m = at(ind, "matched");
    if (const json::array* a = m.if_array()) {
      std::string out;
      for (const json::value& o : *a) {
        if (!out.empty()) out += L_.list_sep;
        out += format_value(at(o, "value"), L_);
      }
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

  std::string input_text(const json::value& ind) const {
    const json::value& in = at(ind, "input");
    std::string name = str(at(in, "name"));
    if (name.empty()) name = str(at(in, "expr"));
    std::string out = name.empty() ? "" : "<code>" + e(name) + "</code> = ";
    return out + e(format_value(at(in, "value"), L_));
  }

  void indicators() {
    const json::array& inds = arr(at(r_, "indicators"));
    if (inds.empty()) return;
    const json::array& dims = arr(at(r_, "dimensions"));
    out_ += "<section id=\"indicators\">\n<h2>" + std::string(L_.indicators) + "</h2>\n<table>\n<thead><tr><th>" +
            L_.indicator + "</th><th>" + L_.dimension + "</th><th>" + L_.input + "</th><th>" + L_.matched +
            "</th><th class=\"num\">" + L_.points + "</th></tr></thead>\n<tbody>\n";
    for (const json::value& ind : inds) {
      bool applicable = !is_false(at(ind, "applicable"));
      out_ += std::string("<tr") + (applicable ? "" : " class=\"na\"") + "><td>" + e(name_of(ind));
      if (!str(at(ind, "explain")).empty()) out_ += "<div class=\"note\">" + e(str(at(ind, "explain"))) + "</div>";
      std::string dim = str(at(ind, "dimension"));
      const json::value& d = find_by_id(dims, dim);
      out_ += "</td><td>" + e(d.is_object() ? name_of(d) : dim) + "</td><td>" + input_text(ind) + "</td><td>" +
              e(applicable ? matched_text(ind) : "—") + "</td><td class=\"num\">";
      out_ += applicable ? "<b>" + format_number(at(ind, "points")) + "</b> / " + format_number(at(ind, "max"))
                         : std::string(L_.not_applicable);
      out_ += "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n</section>\n";
  }

  // ---- gates ---------------------------------------------------------------------

  std::string basis_list(const json::array& basis) const {
    if (basis.empty()) return {};
    std::string out = "<ul>\n";
    for (const json::value& b : basis) {
      out += "<li>" + e(basis_text(b, L_));
      std::string conf = confidence_text(b, L_);
      if (!conf.empty()) out += "<span class=\"conf\">" + e(conf) + "</span>";
      if (!str(at(b, "url")).empty()) out += "<div class=\"note\">" + e(str(at(b, "url"))) + "</div>";
      if (!str(at(b, "note")).empty()) out += "<div class=\"note\">" + e(str(at(b, "note"))) + "</div>";
      out += "</li>\n";
    }
    return out + "</ul>\n";
  }

  void gates() {
    const json::array& gates = arr(at(r_, "gates"));
    if (gates.empty()) return;
    out_ += "<section id=\"gates\">\n<h2>" + std::string(L_.gates) + "</h2>\n<table>\n<thead><tr><th>" + L_.status +
            "</th><th>" + L_.gate + "</th><th>" + L_.message + "</th></tr></thead>\n<tbody>\n";
    for (const json::value& g : gates) {
      std::string status = str(at(g, "status"));
      bool direct = str(at(g, "kind")) == "direct";
      const char* row = "";
      const char* icon = "na";
      const char* glyph = "–";
      const char* text = L_.gate_not_applicable;
      if (status == "pass") {
        row = direct ? "fired" : "";
        icon = "pass", glyph = "✓", text = direct ? L_.gate_fired : L_.gate_pass;
      } else if (status == "fail") {
        row = direct ? "" : "fail";
        icon = direct ? "off" : "fail", glyph = direct ? "–" : "✗", text = direct ? L_.gate_not_fired : L_.gate_fail;
      } else if (status == "unknown") {
        row = "unknown", icon = "unknown", glyph = "?", text = L_.gate_unknown;
      } else {
        row = "na";
      }
      out_ += std::string("<tr class=\"") + row + "\"><td class=\"nowrap\"><span class=\"icon " + icon + "\">" + glyph +
              "</span> " + text + "</td><td><b>" + e(name_of(g)) + "</b><div class=\"note\">" +
              (direct ? L_.gate_kind_direct : L_.gate_kind_mandatory) + " · <code>" + e(str(at(g, "id"))) +
              "</code></div>";
      const json::array& basis = arr(at(g, "basis"));
      if (!basis.empty()) out_ += "<div class=\"small\">" + basis_list(basis) + "</div>";
      out_ += "</td><td>" + e(str(at(g, "message"))) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n</section>\n";
  }

  // ---- compliance and findings --------------------------------------------------

  static std::string count_of(const json::value& v) { return v.is_number() ? format_number(v) : "0"; }
  static double dnum(const json::value& v) { return v.is_number() ? v.to_number<double>() : 0; }

  void compliance() {
    const json::value& c = at(r_, "compliance");
    if (!c.is_object()) return;
    out_ += "<section id=\"compliance\">\n<h2>" + std::string(L_.compliance) + "</h2>\n<div class=\"summary\">";
    out_ += "<div><div class=\"muted small\">" + std::string(L_.compliance_rate) + "</div><div class=\"big\">" +
            format_percent(at(c, "percent")) + "</div></div>\n<div class=\"counts\">";
    out_ += "<span class=\"c-pass\">" + std::string(L_.passed) + " " + count_of(at(c, "passed")) + "</span>";
    out_ += "<span class=\"c-fail\">" + std::string(L_.failed) + " " + count_of(at(c, "failed")) + "</span>";
    out_ += "<span class=\"c-unknown\">" + std::string(L_.unknown) + " " + count_of(at(c, "unknown")) + "</span>";
    out_ += "<span>" + std::string(L_.not_applicable) + " " + count_of(at(c, "not_applicable")) + "</span>";
    out_ += "</div></div>\n";
    double total = dnum(at(c, "passed")) + dnum(at(c, "failed")) + dnum(at(c, "unknown"));
    if (total > 0) {
      out_ += "<div class=\"stack\">";
      const std::pair<const char*, const char*> parts[] = {
          {"passed", "var(--good)"}, {"failed", "var(--poor)"}, {"unknown", "var(--fair)"}};
      for (const auto& [key, colour] : parts)
        if (dnum(at(c, key)) > 0)
          out_ += "<span style=\"width:" + fixed1(dnum(at(c, key)) / total * 100) + "%;background:" + colour + "\"></span>";
      out_ += "</div>\n";
    }
    for (const json::value& g : arr(at(c, "groups"))) {
      double failed = dnum(at(g, "failed"));
      const char* fill = !at(g, "percent").is_number() ? "" : failed == 0 ? "ok" : clamp_percent(at(g, "percent")) >= 60 ? "mid" : "bad";
      out_ += "<div class=\"group-row\"><div>" + e(name_of(g));
      if (failed > 0) out_ += " <span class=\"bad-text small\">✗ " + format_number(at(g, "failed")) + "</span>";
      if (dnum(at(g, "unknown")) > 0) out_ += " <span class=\"mid-text small\">? " + format_number(at(g, "unknown")) + "</span>";
      out_ += "</div>" + bar(at(g, "percent"), fill, json::value()) + "<div class=\"n\">" + format_percent(at(g, "percent")) +
              " <span class=\"muted small\">" + count_of(at(g, "passed")) + "/" +
              format_number(json::value(dnum(at(g, "passed")) + failed)) + "</span></div></div>\n";
    }
    out_ += "</section>\n";
  }

  void findings() {
    const json::array& findings = arr(at(r_, "findings"));
    if (findings.empty()) {
      if (at(r_, "compliance").is_object())
        out_ += "<section id=\"findings\">\n<h2>" + std::string(L_.findings) + "</h2>\n<p class=\"muted\">" +
                L_.no_findings + "</p>\n</section>\n";
      return;
    }
    const json::array& groups = arr(at(at(r_, "compliance"), "groups"));
    out_ += "<section id=\"findings\">\n<h2>" + std::string(L_.findings) + " (" + std::to_string(findings.size()) + ")</h2>\n";
    std::vector<std::string_view> order = severities();
    for (std::string_view sev : order) {
      std::vector<const json::value*> these;
      for (const json::value& f : findings)
        if (str(at(f, "severity")) == sev ||
            (sev == "info" && std::find(order.begin(), order.end(), str(at(f, "severity"))) == order.end()))
          these.push_back(&f);
      if (these.empty()) continue;
      std::string s(sev);
      out_ += "<h3 class=\"sev-head\"><span class=\"sev sev-" + s + "\">" + severity_label(L_, sev) + "</span> " +
              std::to_string(these.size()) + "</h3>\n";
      for (const json::value* f : these) finding(*f, s, groups);
    }
    out_ += "</section>\n";
  }

  void finding(const json::value& f, const std::string& sev, const json::array& groups) {
    std::string group = str(at(f, "group"));
    const json::value& g = find_by_id(groups, group);
    out_ += "<article class=\"finding " + sev + "\">\n<header><h4>" + e(name_of(f)) + "</h4><span class=\"where\">" +
            e(g.is_object() ? name_of(g) : group) + " · <code>" + e(str(at(f, "id"))) + "</code></span></header>\n";
    if (!str(at(f, "finding")).empty()) out_ += "<p>" + e(str(at(f, "finding"))) + "</p>\n";
    const json::array& basis = arr(at(f, "basis"));
    if (!basis.empty()) out_ += "<div class=\"k\">" + std::string(L_.basis) + "</div>\n" + basis_list(basis);
    if (!str(at(f, "remediation")).empty())
      out_ += "<div class=\"remedy\"><div class=\"k\" style=\"margin-top:0\">" + std::string(L_.remediation) +
              "</div><p>" + e(str(at(f, "remediation"))) + "</p></div>\n";
    const json::array& evidence = arr(at(f, "evidence"));
    if (!evidence.empty()) {
      out_ += "<div class=\"k\">" + std::string(L_.evidence) + "</div>\n<ul>\n";
      for (const json::value& ev : evidence) out_ += "<li>" + e(format_value(ev, L_)) + "</li>\n";
      out_ += "</ul>\n";
    }
    out_ += "</article>\n";
  }

  // ---- improvement plan and partial answers -----------------------------------

  std::string step_side(const json::value& side) const {
    std::string out = e(str(at(side, "label")));
    if (at(side, "points").is_number())
      out += (out.empty() ? "" : " · ") + std::string("<b>") + format_number(at(side, "points")) + "</b>";
    if (!at(side, "answer").is_null())
      out += "<div class=\"note\">" + std::string(L_.answer) + L_.colon + e(format_value(at(side, "answer"), L_)) + "</div>";
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
    out_ += "<section id=\"improvement\">\n<h2>" + std::string(L_.improvement) + "</h2>\n";
    if (target.is_object()) {
      out_ += "<dl class=\"kv\"><dt>" + std::string(L_.target) + "</dt><dd><b>" + e(name_of(target)) + "</b></dd>";
      if (at(imp, "reachable").is_bool())
        out_ += "<dt>" + std::string(L_.status) + "</dt><dd>" +
                (is_true(at(imp, "reachable")) ? "<span class=\"ok-text\">✓ " + std::string(L_.reachable) + "</span>"
                                               : "<span class=\"bad-text\">✗ " + std::string(L_.unreachable) + "</span>") +
                "</dd>";
      std::string method = str(at(imp, "method"));
      if (!method.empty())
        out_ += "<dt>" + std::string(L_.method) + "</dt><dd>" +
                (method == "exact" ? L_.method_exact : method == "greedy" ? L_.method_greedy : e(method)) + "</dd>";
      if (at(imp, "gain").is_number())
        out_ += "<dt>" + std::string(L_.total_gain) + "</dt><dd>+" + format_number(at(imp, "gain")) + "</dd>";
      out_ += "</dl>\n";
    }
    if (!steps.empty()) {
      out_ += "<h3>" + std::string(L_.steps) + "</h3>\n<table>\n<thead><tr><th>#</th><th>" + L_.indicator + "</th><th>" +
              L_.current + "</th><th>" + L_.target_value + "</th><th class=\"num\">" + L_.gain + "</th><th>" + L_.advice +
              "</th></tr></thead>\n<tbody>\n";
      int i = 0;
      for (const json::value& s : steps) {
        out_ += "<tr><td class=\"num\">" + std::to_string(++i) + "</td><td><b>" + e(name_of(s)) + "</b>";
        if (!str(at(s, "question")).empty())
          out_ += "<div class=\"note\">" + std::string(L_.question) + " <code>" + e(str(at(s, "question"))) + "</code></div>";
        out_ += "</td><td>" + step_side(at(s, "current")) + "</td><td>" + step_side(at(s, "target")) +
                "</td><td class=\"num\">+" + format_number(at(s, "gain")) + "</td><td>" + e(str(at(s, "advice"))) +
                "</td></tr>\n";
      }
      out_ += "</tbody>\n</table>\n";
    }
    if (!blocking.empty()) {
      out_ += "<h3>" + std::string(L_.blocking) + "</h3>\n<ul>\n";
      const json::array& gates = arr(at(r_, "gates"));
      for (const json::value& b : blocking) {
        std::string id = b.is_string() ? str(b) : str(at(b, "id"));
        const json::value& gate = find_by_id(gates, id);
        const json::value& item = b.is_object() ? b : gate;
        std::string name = item.is_object() ? name_of(item) : id;
        std::string message = str(at(item, "message"));
        if (message.empty()) message = str(at(gate, "message"));
        out_ += "<li><span class=\"bad-text\">✗</span> <b>" + e(name) + "</b>" +
                (message.empty() ? "" : " — " + e(message)) + "</li>\n";
      }
      out_ += "</ul>\n";
    }
    if (!remediation.empty()) {
      out_ += "<h3>" + std::string(L_.remediation_list) + "</h3>\n<table>\n<thead><tr><th></th><th>" + L_.severity +
              "</th><th>" + L_.check + "</th><th>" + L_.remediation + "</th></tr></thead>\n<tbody>\n";
      for (const json::value& item : remediation) {
        std::string sev = str(at(item, "severity"));
        out_ += "<tr><td><span class=\"check\"></span></td><td class=\"nowrap\"><span class=\"sev sev-" + e(sev) +
                "\">" + severity_label(L_, sev) + "</span></td><td><b>" + e(name_of(item)) + "</b></td><td>" +
                e(str(at(item, "remediation"))) + "</td></tr>\n";
      }
      out_ += "</tbody>\n</table>\n";
    }
    out_ += "</section>\n";
  }

  std::string grade_title(const std::string& id) const {
    const json::value& g = find_by_id(arr(at(r_, "grades")), id);
    return g.is_object() ? name_of(g) : id;
  }

  void partial() {
    const json::value& p = at(r_, "partial");
    if (!p.is_object()) return;
    out_ += "<section id=\"partial\">\n<h2>" + std::string(L_.partial) + "</h2>\n<dl class=\"kv\">";
    const json::value& range = at(p, "score");
    if (range.is_object())
      out_ += "<dt>" + std::string(L_.score_range) + "</dt><dd><b>" + format_number(at(range, "min")) + " – " +
              format_number(at(range, "max")) + "</b></dd>";
    const json::array& possible = arr(at(p, "grades_possible"));
    if (!possible.empty()) {
      std::string list;
      for (const json::value& g : possible) list += (list.empty() ? "" : L_.list_sep) + e(grade_title(str(g)));
      out_ += "<dt>" + std::string(L_.grades_possible) + "</dt><dd>" + list + "</dd>";
    }
    if (at(p, "decided").is_bool())
      out_ += "<dt>" + std::string(L_.status) + "</dt><dd>" +
              (is_true(at(p, "decided")) ? "<span class=\"ok-text\">" + std::string(L_.decided) + "</span>"
                                         : "<span class=\"mid-text\">" + std::string(L_.undecided) + "</span>") +
              "</dd>";
    const json::array& deciding = arr(at(p, "deciding_questions"));
    if (!deciding.empty()) {
      std::string list;
      for (const json::value& q : deciding) list += (list.empty() ? "" : " ") + std::string("<code>") + e(str(q)) + "</code>";
      out_ += "<dt>" + std::string(L_.deciding_questions) + "</dt><dd>" + list + "</dd>";
    }
    out_ += "</dl>\n</section>\n";
  }

  // ---- derived values, gaps, interpretations, answers, footer --------------------

  void derived() {
    const json::array& derived = arr(at(r_, "derived"));
    if (derived.empty()) return;
    out_ += "<section id=\"derived\">\n<h2>" + std::string(L_.derived) + "</h2>\n<table>\n<thead><tr><th>" + L_.item +
            "</th><th class=\"num\">" + L_.value + "</th></tr></thead>\n<tbody>\n";
    for (const json::value& d : derived) {
      std::string value = format_value(at(d, "value"), L_);
      if (!str(at(d, "unit")).empty() && !at(d, "value").is_null())
        value += (str(at(d, "unit")) == "%" ? "" : " ") + str(at(d, "unit"));
      out_ += "<tr><td>" + e(name_of(d)) + " <code>" + e(str(at(d, "id"))) + "</code></td><td class=\"num\">" + e(value) +
              "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n</section>\n";
  }

  std::string id_list(const json::array& ids, const json::array& items) const {
    std::string out;
    for (const json::value& id : ids) {
      const json::value& item = find_by_id(items, str(id));
      out += (out.empty() ? "" : L_.list_sep) +
             (item.is_object() && !name_of(item).empty() && name_of(item) != str(id)
                  ? e(name_of(item)) + " <code>" + e(str(id)) + "</code>"
                  : "<code>" + e(str(id)) + "</code>");
    }
    return out;
  }

  void gaps() {
    const json::value& missing = at(r_, "missing");
    const json::array& problems = arr(at(r_, "problems"));
    const json::array& warnings = arr(at(r_, "warnings"));
    const std::pair<const char*, const char*> kinds[] = {{"questions", L_.missing_questions},
                                                         {"indicators", L_.missing_indicators},
                                                         {"gates", L_.missing_gates},
                                                         {"checks", L_.missing_checks}};
    const json::array empty;
    auto items_for = [&](std::string_view kind) -> const json::array& {
      if (kind == "indicators") return arr(at(r_, "indicators"));
      if (kind == "gates") return arr(at(r_, "gates"));
      if (kind == "checks") return arr(at(r_, "findings"));
      return empty;
    };
    std::string body;
    for (const auto& [key, label] : kinds) {
      const json::array& ids = arr(at(missing, key));
      if (!ids.empty()) body += "<dt>" + std::string(label) + "</dt><dd>" + id_list(ids, items_for(key)) + "</dd>";
    }
    if (body.empty() && problems.empty() && warnings.empty()) return;
    out_ += "<section id=\"gaps\">\n<h2>" + std::string(L_.data_gaps) + "</h2>\n";
    if (!body.empty()) out_ += "<dl class=\"kv\">" + body + "</dl>\n";
    if (!problems.empty()) {
      out_ += "<h3>" + std::string(L_.problems) + "</h3>\n<table>\n<thead><tr><th>" + L_.question + "</th><th>" +
              L_.status + "</th><th>" + L_.message + "</th></tr></thead>\n<tbody>\n";
      for (const json::value& p : problems)
        out_ += std::string("<tr class=\"") + (is_false(at(p, "fatal")) ? "" : "fail") + "\"><td><code>" +
                e(str(at(p, "question"))) + "</code></td><td><code>" + e(str(at(p, "code"))) + "</code></td><td>" +
                e(str(at(p, "message"))) + "</td></tr>\n";
      out_ += "</tbody>\n</table>\n";
    }
    if (!warnings.empty()) {
      out_ += "<h3>" + std::string(L_.warnings) + "</h3>\n<ul>\n";
      for (const json::value& w : warnings) out_ += "<li>" + e(format_value(w, L_)) + "</li>\n";
      out_ += "</ul>\n";
    }
    out_ += "</section>\n";
  }

  void interpretations() {
    const json::array& items = arr(at(r_, "interpretations"));
    if (items.empty()) return;
    out_ += "<section id=\"interpretations\">\n<h2>" + std::string(L_.interpretations) + "</h2>\n<ol class=\"interp\">\n";
    for (const json::value& i : items)
      out_ += "<li>" + e(str(at(i, "text"))) + " <code>" + e(str(at(i, "id"))) + "</code></li>\n";
    out_ += "</ol>\n</section>\n";
  }

  void answers() {
    AnswerSource source = AnswerSource::none;
    std::vector<AnswerRow> rows = answer_rows(r_, answers_, source);
    if (rows.empty()) return;
    const char* note = source == AnswerSource::given   ? L_.answers_given
                       : source == AnswerSource::trace ? L_.answers_trace
                                                       : L_.answers_inputs;
    out_ += "<section id=\"answers\">\n<h2>" + std::string(L_.answers) + "</h2>\n<p class=\"muted small\">" + note +
            "</p>\n<dl class=\"answers\">\n";
    // Two columns of short pairs: a long questionnaire stays a few pages.
    for (const AnswerRow& row : rows)
      out_ += "<div><dt><code>" + e(row.id) + "</code></dt><dd>" + e(format_value(*row.value, L_)) + "</dd></div>\n";
    out_ += "</dl>\n</section>\n";
  }

  void footer() {
    const json::value& rs = at(r_, "ruleset");
    const json::value& engine = at(r_, "engine");
    out_ += "<footer>\n<div class=\"meta\"><span>" + std::string(L_.ruleset) + " <code>" + e(str(at(rs, "id"))) +
            "</code> " + e(str(at(rs, "version"))) + "</span>";
    if (!short_sha(r_).empty()) out_ += "<span>" + std::string(L_.sha256) + " <code>" + e(short_sha(r_)) + "</code></span>";
    out_ += "<span>" + std::string(L_.engine) + " " + e(str(at(engine, "name"))) + " " + e(str(at(engine, "version"))) +
            "</span>";
    if (!str(at(r_, "schema")).empty()) out_ += "<span>" + e(str(at(r_, "schema"))) + "</span>";
    out_ += "</div>\n<p>" + std::string(L_.disclaimer) + "</p>\n</footer>\n";
  }
};

}  // namespace

std::string render_html_report(const boost::json::value& result, const boost::json::value* answers) {
  return HtmlWriter(result, answers).run();
}

}  // namespace zice
