// zice assess RULESET ANSWERS: scores answers and prints the report.
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "cli/common.hpp"

namespace zice::cli {
namespace {

void add_options(po::options_description& d) {
  d.add_options()
    ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"), "output format: text, json, html or md")
    ("lang,l", po::value<std::string>()->value_name("LANG"), "report language, e.g. zh-CN or en (default: the ruleset's)")
    ("strict", "fail (exit 1, no result) when any answer has a fatal problem")
    ("date,d", po::value<std::string>()->value_name("DATE"), "assessment date YYYY-MM-DD (default: today, UTC)")
    ("color", po::value<std::string>()->default_value("auto")->value_name("WHEN"), "colour for text: auto, always or never")
    ("trace", "include the derived-value trace in the JSON result")
    ("no-analysis", "skip the improvement plan and the partial-answer analysis (faster)")
    ("output,o", po::value<std::string>()->value_name("FILE"), "write the report to FILE instead of stdout");
}

// auto: colour only on a terminal, and never when NO_COLOR is set
// (https://no-color.org) or the report goes to a file.
bool use_color(const po::variables_map& vm) {
  std::string mode = vm["color"].as<std::string>();
  require_one_of("color", mode, {"auto", "always", "never"});
  if (mode != "auto") return mode == "always";
  const char* no_color = std::getenv("NO_COLOR");
  return !vm.count("output") && stdout_is_terminal() && !(no_color && *no_color);
}

AssessOptions options_from(const po::variables_map& vm) {
  AssessOptions o;
  if (vm.count("lang")) o.lang = vm["lang"].as<std::string>();
  if (vm.count("date")) {
    o.date = vm["date"].as<std::string>();
    require_iso_date("date", o.date);
  }
  o.strict = vm.count("strict") > 0;
  o.trace = vm.count("trace") > 0;
  o.analyse = vm.count("no-analysis") == 0;
  return o;
}

int run(const po::variables_map& vm) {
  std::string format = vm["format"].as<std::string>();
  require_one_of("format", format, {"text", "json", "html", "md"});
  bool color = use_color(vm);
  AssessOptions opt = options_from(vm);
  std::optional<Ruleset> rs = load_ruleset(vm["ruleset"].as<std::string>(), input_limits(vm).ruleset);
  if (!rs) return kUsage;
  boost::json::value answers = read_answers(vm["answers"].as<std::string>(), input_limits(vm).answers);

  Assessment a = assess(*rs, answers, opt);
  std::cerr << format_problems(a.problems);
  if (!a.ok) {
    print_error(opt.strict ? "assessment failed: the answers have problems (strict mode)"
                           : "assessment failed: the answers are unusable");
    return opt.strict ? kFailed : kUsage;
  }
  std::string out = format == "json"   ? json_text(a.result)
                    : format == "html" ? render_html_report(a.result, &answers)
                    : format == "md"   ? render_markdown_report(a.result, &answers)
                                       : render_text_report(a.result, color);
  write_output(vm.count("output") ? vm["output"].as<std::string>() : "", out);
  return kOk;
}

}  // namespace

const Verb& assess_verb() {
  static const Verb v{
      "assess",
      "score answers against a ruleset and print the graded report",
      "zice assess RULESET ANSWERS [options]",
      "RULESET is a ruleset XML file; ANSWERS is a JSON object keyed by question id\n"
      "(\"-\" reads it from stdin). Answer problems are printed to stderr as\n"
      "\"question: [code] message\"; answers with a fatal problem count as unanswered\n"
      "unless --strict is given. The JSON format is docs/result-schema.md.",
      "zice assess examples/innovation-demo.xml examples/innovation-demo.answers.json\n"
      "zice assess rulesets/sme-size-2011.xml answers.json --format json -o result.json\n"
      "zice assess rulesets/sme-legal-compliance.xml answers.json --format html -o report.html\n"
      "cat answers.json | zice assess rulesets/miit-innovative-sme-2022.xml - --lang en\n"
      "zice assess RULESET ANSWERS --strict --date 2026-06-30",
      "strict mode and the answers have problems",
      {{"ruleset"}, {"answers"}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
