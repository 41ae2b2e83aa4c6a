// zice validate RULESET ANSWERS: checks answers without scoring them.
#include <iostream>

#include <fmt/format.h>

#include "cli/common.hpp"

namespace zice::cli {
namespace {

void add_options(po::options_description& d) {
  d.add_options()
    ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"), "output format: text or json")
    ("lang,l", po::value<std::string>()->value_name("LANG"), "message language, e.g. zh-CN or en (default: the ruleset's)")
    ("date,d", po::value<std::string>()->value_name("DATE"), "assessment date YYYY-MM-DD for date rules (default: today, UTC)");
}

int run(const po::variables_map& vm) {
  std::string format = vm["format"].as<std::string>();
  require_one_of("format", format, {"text", "json"});
  AssessOptions opt;
  if (vm.count("lang")) opt.lang = vm["lang"].as<std::string>();
  if (vm.count("date")) {
    opt.date = vm["date"].as<std::string>();
    require_iso_date("date", opt.date);
  }
  std::optional<Ruleset> rs = load_ruleset(vm["ruleset"].as<std::string>(), input_limits(vm).ruleset);
  if (!rs) return kUsage;
  boost::json::value answers = read_answers(vm["answers"].as<std::string>(), input_limits(vm).answers);

  std::vector<AnswerProblem> problems = validate(*rs, answers, opt);
  if (format == "json") {
    write_output("", json_text(problems_json(problems)));
  } else {
    std::size_t fatal = std::count_if(problems.begin(), problems.end(), [](const AnswerProblem& p) { return p.fatal; });
    write_output("", format_problems(problems) +
                         fmt::format("{} problem{}, {} note{}\n", fatal, fatal == 1 ? "" : "s",
                                     problems.size() - fatal, problems.size() - fatal == 1 ? "" : "s"));
  }
  return has_fatal(problems) ? kFailed : kOk;
}

}  // namespace

const Verb& validate_verb() {
  static const Verb v{
      "validate",
      "check answers against a ruleset's questionnaire without scoring",
      "zice validate RULESET ANSWERS [options]",
      "Prints every answer problem (\"question: [code] message\") and a count.\n"
      "Problems marked (note) are not fatal, e.g. an ignored answer to a question\n"
      "that does not apply. ANSWERS \"-\" reads stdin. Exit 1 if any problem is fatal.",
      "zice validate examples/innovation-demo.xml examples/innovation-demo.answers.json\n"
      "zice validate rulesets/sme-size-2011.xml answers.json --format json",
      "a fatal answer problem",
      {{"ruleset"}, {"answers"}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
