// zice describe RULESET: the questionnaire as JSON, for front ends.
#include "cli/common.hpp"

namespace zice::cli {
namespace {

void add_options(po::options_description& d) {
  d.add_options()
    ("lang,l", po::value<std::string>()->value_name("LANG"), "language of labels and help (default: the ruleset's)")
    ("output,o", po::value<std::string>()->value_name("FILE"), "write the JSON to FILE instead of stdout");
}

int run(const po::variables_map& vm) {
  std::optional<Ruleset> rs = load_ruleset(vm["ruleset"].as<std::string>(), input_limits(vm).ruleset);
  if (!rs) return kUsage;
  std::string lang = vm.count("lang") ? vm["lang"].as<std::string>() : "";
  write_output(vm.count("output") ? vm["output"].as<std::string>() : "",
               json_text(rs->questionnaire(lang)));
  return kOk;
}

}  // namespace

const Verb& describe_verb() {
  static const Verb v{
      "describe",
      "print a ruleset's questionnaire as JSON (sections, questions, options)",
      "zice describe RULESET [options]",
      "The JSON lists sections and questions with their types, options, units,\n"
      "constraints and applicability, so a front end can build the form.",
      "zice describe examples/innovation-demo.xml\n"
      "zice describe rulesets/miit-innovative-sme-2022.xml --lang en -o questionnaire.json",
      "",
      {{"ruleset"}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
