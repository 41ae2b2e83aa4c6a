// zice lint RULESET...: load diagnostics plus the deep lint of docs/lint.md.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <tuple>

#include <fmt/format.h>

#include "cli/common.hpp"
#include "zice/lint.hpp"

namespace zice::cli {
namespace {

void add_options(po::options_description& d) {
  d.add_options()
    ("werror", "treat warnings as errors (exit 1)")
    ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
     "text: diagnostics on stderr; json: a JSON array on stdout; sarif: a SARIF 2.1.0 log on stdout")
    ("today", po::value<std::string>()->value_name("DATE"),
     "date YYYY-MM-DD for the expiry checks (default: today, UTC)")
    ("load-only", "report only what loading finds; skip the deep lint");
}

struct Tally {
  int errors = 0;
  int warnings = 0;
  bool unreadable = false;
};

std::string plural(int n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// Loader diagnostics plus, when the ruleset loads, the deep lint.
std::vector<Diagnostic> diagnostics_of(const std::string& path, const RulesetLimits& limits, const LintOptions& options,
                                       bool deep) {
  return lint_loaded(Ruleset::load_file(path, limits), options, deep);
}

std::string with_one_newline(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text + "\n";
}

int run(const po::variables_map& vm) {
  std::string format = vm["format"].as<std::string>();
  require_one_of("format", format, {"text", "json", "sarif"});
  LintOptions options;
  if (vm.count("today")) {
    options.today = vm["today"].as<std::string>();
    require_iso_date("today", options.today);
  }
  Tally t;
  std::vector<Diagnostic> all;
  for (const std::string& path : vm["ruleset"].as<std::vector<std::string>>()) {
    if (!std::ifstream(path, std::ios::binary)) {
      print_error(fmt::format("cannot read {}", path));
      t.unreadable = true;
      continue;
    }
    for (Diagnostic& d : diagnostics_of(path, input_limits(vm).ruleset, options, !vm.count("load-only"))) {
      t.errors += d.severity == Severity::error;
      t.warnings += d.severity == Severity::warning;
      if (format == "text") std::cerr << d.format() << "\n";
      all.push_back(std::move(d));
    }
  }
  if (format == "json") write_output("", with_one_newline(lint_to_json(all)));
  if (format == "sarif") write_output("", with_one_newline(lint_to_sarif(all, zice::version())));
  std::cerr << plural(t.errors, "error") << ", " << plural(t.warnings, "warning") << "\n";
  if (t.unreadable) return kUsage;
  return t.errors > 0 || (vm.count("werror") && t.warnings > 0) ? kFailed : kOk;
}

}  // namespace

const Verb& lint_verb() {
  static const Verb v{
      "lint",
      "check rulesets and report errors and warnings with file:line:col",
      "zice lint RULESET... [options]",
      "Loads every RULESET and runs the deep checks of docs/lint.md (score bands,\n"
      "maximums, reachability of grades and gates, unused items, translations,\n"
      "legal bases). Each diagnostic is \"file:line:col: severity: message [code]\"\n"
      "followed by the source line; a summary \"N errors, M warnings\" ends the run.\n"
      "A ruleset silences a lint code with <suppress code=\"…\"> in <meta>.",
      "zice lint rulesets/*.xml\n"
      "zice lint --werror examples/innovation-demo.xml\n"
      "zice lint rulesets/sme-size-2011.xml --format json\n"
      "zice lint --format sarif rulesets/*.xml > lint.sarif",
      "any error (or warning, with --werror); a ruleset that does not load is an error",
      {{"ruleset", true}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
