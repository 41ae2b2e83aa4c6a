// zice lint RULESET...: loads rulesets and reports every diagnostic.
#include <fstream>
#include <iostream>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/common.hpp"

namespace zice::cli {
namespace {

void add_options(po::options_description& d) {
  d.add_options()
    ("werror", "treat warnings as errors (exit 1)")
    ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
     "text: diagnostics on stderr; json: a JSON array on stdout");
}

boost::json::value diagnostic_json(const Diagnostic& d) {
  return boost::json::object{{"file", d.file},       {"line", d.line},       {"column", d.column},
                             {"severity", to_string(d.severity)}, {"code", d.code}, {"message", d.message}};
}

struct Tally {
  int errors = 0;
  int warnings = 0;
  bool unreadable = false;
};

std::string plural(int n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

void lint_one(const std::string& path, bool json, boost::json::array& out, Tally& t) {
  if (!std::ifstream(path, std::ios::binary)) {
    print_error(fmt::format("cannot read {}", path));
    t.unreadable = true;
    return;
  }
  LoadResult r = Ruleset::load_file(path);
  for (const Diagnostic& d : r.diagnostics) {
    t.errors += d.severity == Severity::error;
    t.warnings += d.severity == Severity::warning;
    if (json) out.push_back(diagnostic_json(d));
    else std::cerr << d.format() << "\n";
  }
}

int run(const po::variables_map& vm) {
  std::string format = vm["format"].as<std::string>();
  require_one_of("format", format, {"text", "json"});
  bool json = format == "json";
  Tally t;
  boost::json::array diagnostics;
  for (const std::string& path : vm["ruleset"].as<std::vector<std::string>>()) lint_one(path, json, diagnostics, t);
  if (json) write_output("", json_text(diagnostics));
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
      "Loads every RULESET and prints each diagnostic as\n"
      "\"file:line:col: severity: message [code]\" followed by the source line.\n"
      "Exit 1 on any error (or warning, with --werror); 2 if a file cannot be read.",
      "zice lint rulesets/*.xml\n"
      "zice lint --werror examples/innovation-demo.xml\n"
      "zice lint rulesets/sme-size-2011.xml --format json",
      "errors (or warnings with --werror)",
      {{"ruleset", true}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
