// zice — human-readable reports rendered from a result document.
#pragma once
#include <string>

#include <boost/json/value.hpp>

namespace zice {

/// Terminal report: grade first, then dimensions, gates and findings, with
/// columns that stay aligned for Chinese text. `color` adds ANSI colours.
std::string render_text_report(const boost::json::value& result, bool color = false);

/// Self-contained HTML report (one file: inline CSS and SVG, no scripts, no
/// external requests), print-ready on A4. Reads only the result document
/// (docs/result-schema.md): grade badge, score, radar chart (three or more
/// top-level dimensions) and dimension bars, indicators, gates, compliance,
/// findings by severity, improvement plan, partial-answer analysis, derived
/// values, data gaps, interpretations, and a footer with the ruleset's
/// id/version/SHA-256 and the engine version. Labels are Chinese when
/// result.lang starts with "zh", else English. All ruleset and user text is
/// HTML-escaped. Deterministic: the same result gives the same bytes.
///
/// `answers` (optional, the answers object keyed by question id) adds an
/// answers appendix. Without it the appendix comes from result.trace when
/// present, else from the inputs the indicators name (the result document
/// does not hold every answer).
std::string render_html_report(const boost::json::value& result,
                               const boost::json::value* answers = nullptr);

/// The same content as GitHub-flavoured Markdown: headings, tables (cells
/// escaped, so `|` and newlines in ruleset text cannot break them), and a text
/// bar (█░) per dimension instead of the radar chart. `answers` as for
/// render_html_report.
std::string render_markdown_report(const boost::json::value& result,
                                   const boost::json::value* answers = nullptr);

}  // namespace zice
