// zice — deep lint of a loaded ruleset, for standard authors.
//
// The loader already rejects what is certainly broken (syntax, names, types,
// cycles). lint() looks for what loads fine but is probably not what the
// author meant: gaps and overlaps in band tables, declared maximums that do
// not add up, grades that can never be reached, questions nobody reads,
// missing translations, expired legal bases. Every kind of finding has a
// stable code (lint_codes(); docs/lint.md explains each with an example).
// A ruleset silences one code, for one id or everywhere, with
// `<suppress code="…" target="…">reason</suppress>` in <meta>; a suppression
// that matches nothing is itself reported (`unused-suppression`).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "zice/diagnostic.hpp"
#include "zice/ruleset.hpp"

namespace zice {

struct LintOptions {
  /// YYYY-MM-DD used for the expiry checks; empty = today (UTC).
  std::string today;
  /// Attach the source line with a caret to each diagnostic (reads the
  /// ruleset file again; skipped when it changed since loading).
  bool excerpts = true;
};

/// One kind of lint finding.
struct LintCode {
  const char* code;       ///< stable, e.g. "band-gap"
  Severity severity;      ///< default severity
  const char* summary;    ///< one line, for --help, SARIF rules and docs
};

/// Every lint code, in documentation order (docs/lint.md).
const std::vector<LintCode>& lint_codes();
/// nullptr when `code` is not a lint code.
const LintCode* find_lint_code(std::string_view code);

/// Deep checks of a loaded ruleset. Diagnostics carry file:line:col of the
/// item concerned and are sorted by position; suppressed ones are removed.
std::vector<Diagnostic> lint(const Ruleset&, const LintOptions& = {});

/// Everything `zice lint` and zice_lint_file() report for one ruleset: the
/// loader's diagnostics of `loaded` plus, when it loaded and `deep`, lint();
/// file by file along the ruleset's chain (the ruleset, then what it
/// extends), then by position. Each code comes from one place only (the
/// loader never reports a lint code), so nothing appears twice.
std::vector<Diagnostic> lint_loaded(LoadResult loaded, const LintOptions& = {}, bool deep = true);

/// JSON array of {file, line, column, severity, code, message}.
std::string lint_to_json(const std::vector<Diagnostic>&);

/// SARIF 2.1.0 log with one run of the tool "zice": rules from lint_codes()
/// (plus any other code that occurs, e.g. loader diagnostics), one result
/// per diagnostic. `tool_version` defaults to the library version.
std::string lint_to_sarif(const std::vector<Diagnostic>&, std::string_view tool_version = {});

}  // namespace zice
