// zice stats RULESET: score ranges, reachable grades and questionnaire paths
// (zice::ruleset_stats, docs/lint.md).
#include "cli/common.hpp"
#include "zice/stats.hpp"

namespace zice::cli {
namespace {

void add_options(po::options_description& d) {
  d.add_options()
    ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
     "text: an aligned report; json: the statistics as JSON")
    ("lang,l", po::value<std::string>()->value_name("LANG"), "language of titles (default: the ruleset's)")
    ("output,o", po::value<std::string>()->value_name("FILE"), "write to FILE instead of stdout");
}

int run(const po::variables_map& vm) {
  std::string format = vm["format"].as<std::string>();
  require_one_of("format", format, {"text", "json"});
  std::optional<Ruleset> rs = load_ruleset(vm["ruleset"].as<std::string>(), input_limits(vm).ruleset);
  if (!rs) return kUsage;
  boost::json::value stats = ruleset_stats(*rs, vm.count("lang") ? vm["lang"].as<std::string>() : "");
  write_output(vm.count("output") ? vm["output"].as<std::string>() : "",
               format == "json" ? json_text(stats) : render_stats_text(stats));
  return kOk;
}

}  // namespace

const Verb& stats_verb() {
  static const Verb v{
      "stats",
      "show score ranges, reachable grades and questionnaire path lengths",
      "zice stats RULESET [options]",
      "Analyses the ruleset without answers (docs/lint.md, \"How lint analyses\n"
      "scores, gates and grades\"): the lowest and highest points of every\n"
      "indicator, dimension and the total; which grades can be reached, with one\n"
      "example combination each; and how many questions are asked on the\n"
      "shortest and the longest path through the questionnaire.",
      "zice stats examples/innovation-demo.xml\n"
      "zice stats rulesets/miit-innovative-sme-2022.xml --format json -o stats.json",
      "(not used)",
      {{"ruleset"}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
