// zice test RULESET CASES: runs a ruleset's worked cases (case files are
// described in docs/ruleset-format.md) and prints every mismatch.
#include <iostream>

#include <fmt/format.h>

#include "cli/common.hpp"
#include "engine/case_runner.hpp"
#include "util/text_width.hpp"

namespace zice::cli {
namespace {

void add_options(po::options_description& d) {
  d.add_options()("verbose,v", "print mismatching values in full and each case's expectation count")(
      "coverage", "print which bands, options, gates, grades and checks the cases exercised")(
      "min-coverage", po::value<double>()->value_name("P"),
      "exit 1 when total coverage is below P percent (implies the coverage computation)")(
      "junit", po::value<std::string>()->value_name("FILE"), "also write a JUnit XML report to FILE");
}

// Compact JSON; long values are cut unless --verbose, so one mismatch stays
// one readable line.
std::string show(const boost::json::value& v, bool verbose) {
  std::string text = to_json_text(v, false);
  return verbose ? text : util::truncate(text, 120);
}

void print_mismatch(const testing::CaseMismatch& m, bool verbose) {
  bool absent = m.note == "path not found in result";
  std::string got = absent ? "nothing" : show(m.actual, verbose);
  std::cout << fmt::format("    {}: expected {}, got {}", m.path, show(m.expected, verbose), got);
  if (!m.note.empty()) std::cout << " (" << m.note << ")";
  std::cout << "\n";
}

void print_case(const testing::CaseOutcome& c, std::size_t expectations, bool verbose) {
  std::cout << (c.passed ? "PASS " : "FAIL ") << c.name;
  if (verbose) std::cout << fmt::format(" ({} expectation{})", expectations, expectations == 1 ? "" : "s");
  std::cout << "\n";
  if (!c.error.empty()) std::cout << "    error: " << c.error << "\n";
  for (const testing::CaseMismatch& m : c.mismatches) print_mismatch(m, verbose);
}

// Expectations per case, for --verbose (the runner reports only mismatches).
std::vector<std::size_t> expectation_counts(const boost::json::value& file) {
  std::vector<std::size_t> out;
  const boost::json::value* cases = file.is_object() ? file.get_object().if_contains("cases") : nullptr;
  if (!cases || !cases->is_array()) return out;
  for (const boost::json::value& c : cases->get_array()) {
    const boost::json::value* e = c.is_object() ? c.get_object().if_contains("expect") : nullptr;
    out.push_back(e && e->is_object() ? e->get_object().size() : 0);
  }
  return out;
}

void print_coverage(const testing::Coverage& cov) {
  std::cout << "coverage:\n";
  for (const testing::CoverageCategory& c : cov.categories) {
    std::cout << fmt::format("  {:<11} {}/{} ({:.1f}%){}\n", c.name, c.covered, c.total, c.percent(),
                             c.counted ? "" : " (not in the total)");
    for (const std::string& u : c.uncovered) std::cout << "    uncovered: " << u << "\n";
  }
  std::cout << fmt::format("  total       {}/{} ({:.1f}%)\n", cov.covered(), cov.total(), cov.percent());
}

int run(const po::variables_map& vm) {
  bool verbose = vm.count("verbose") > 0;
  std::string cases_path = vm["cases"].as<std::string>();
  std::optional<Ruleset> rs = load_ruleset(vm["ruleset"].as<std::string>(), input_limits(vm).ruleset);
  if (!rs) return kUsage;
  boost::json::value file = parse_json(read_input(cases_path), cases_path == "-" ? "<stdin>" : cases_path);

  testing::CaseFileResult r = testing::run_case_file(*rs, file);
  if (!r.error.empty()) throw InputError(fmt::format("{}: {}", cases_path, r.error));
  std::vector<std::size_t> counts = expectation_counts(file);
  for (std::size_t i = 0; i < r.cases.size(); ++i)
    print_case(r.cases[i], i < counts.size() ? counts[i] : 0, verbose);
  std::cout << fmt::format("{} passed, {} failed\n", r.passed, r.failed);
  if (vm.count("junit")) write_output(vm["junit"].as<std::string>(), testing::junit_xml(rs->id(), r));
  bool below = false;
  if (vm.count("coverage") || vm.count("min-coverage")) {
    testing::Coverage cov = testing::compute_coverage(*rs, r);
    if (vm.count("coverage")) print_coverage(cov);
    if (vm.count("min-coverage")) {
      double min = vm["min-coverage"].as<double>();
      below = cov.percent() < min;
      if (below) std::cout << fmt::format("coverage {:.1f}% is below --min-coverage {}\n", cov.percent(), min);
    }
  }
  return r.failed > 0 || below ? kFailed : kOk;
}

}  // namespace

const Verb& test_verb() {
  static const Verb v{
      "test",
      "run a ruleset's worked cases and report mismatches",
      "zice test RULESET CASES [options]",
      "CASES is a case file (docs/ruleset-format.md, \"Case files\"): answers per\n"
      "case and the expected result values. Prints \"PASS name\" or \"FAIL name\" for\n"
      "every case, each mismatch as \"path: expected X, got Y\", then a summary.\n"
      "Exit 1 if any case fails; 2 if the case file is malformed or for another ruleset.\n"
      "--coverage prints, per category, covered/total and the uncovered items: bands\n"
      "matched, scoring options matched, gates and checks seen both passing and\n"
      "failing, grades reached (indicators scored are listed but not in the total).\n"
      "--min-coverage P also exits 1 when the total is below P percent. --junit FILE\n"
      "writes a JUnit XML report (one testcase per case).",
      "zice test examples/innovation-demo.xml examples/innovation-demo.cases.json\n"
      "zice test rulesets/sme-size-2011.xml rulesets/tests/sme-size-2011.cases.json -v\n"
      "zice test examples/innovation-demo.xml examples/innovation-demo.cases.json --coverage --junit report.xml",
      "a case failed, or coverage below --min-coverage",
      {{"ruleset"}, {"cases"}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
