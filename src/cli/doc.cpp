// zice doc RULESET: the ruleset as a Markdown or HTML document for a standards
// committee (zice::render_ruleset_doc).
#include "cli/common.hpp"
#include "zice/doc.hpp"

namespace zice::cli {
namespace {

void add_options(po::options_description& d) {
  d.add_options()
    ("format,f", po::value<std::string>()->default_value("md")->value_name("FORMAT"),
     "md: Markdown; html: one self-contained HTML page")
    ("lang,l", po::value<std::string>()->value_name("LANG"),
     "language of the texts and headings (default: the ruleset's)")
    ("output,o", po::value<std::string>()->value_name("FILE"), "write to FILE instead of stdout");
}

int run(const po::variables_map& vm) {
  std::string format = vm["format"].as<std::string>();
  require_one_of("format", format, {"md", "html"});
  std::optional<Ruleset> rs = load_ruleset(vm["ruleset"].as<std::string>(), input_limits(vm).ruleset);
  if (!rs) return kUsage;
  write_output(vm.count("output") ? vm["output"].as<std::string>() : "",
               render_ruleset_doc(*rs, format, vm.count("lang") ? vm["lang"].as<std::string>() : ""));
  return kOk;
}

}  // namespace

const Verb& doc_verb() {
  static const Verb v{
      "doc",
      "render a ruleset as a Markdown or HTML document for review",
      "zice doc RULESET [options]",
      "Writes what a standards committee circulates: metadata (standards,\n"
      "effective dates, confidence, interpretations), the questionnaire with its\n"
      "conditions in plain words, the scoring tables per dimension, gates, grades\n"
      "and the compliance checks with severity and legal basis.",
      "zice doc examples/innovation-demo.xml\n"
      "zice doc rulesets/sme-legal-compliance.xml --format html -o sme-legal-compliance.html\n"
      "zice doc rulesets/miit-innovative-sme-2022.xml --lang en",
      "(not used)",
      {{"ruleset"}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
