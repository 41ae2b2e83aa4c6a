// zice diff OLD NEW: structural changes between two rulesets and, with a
// corpus of answers, their impact on grades and scores (zice::ruleset_diff).
#include <sstream>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/common.hpp"
#include "zice/diff.hpp"

namespace zice::cli {
namespace {

void add_options(po::options_description& d) {
  d.add_options()
    ("corpus,c", po::value<std::string>()->value_name("FILE"),
     "JSON Lines of answers (one object per line; \"id\"/\"_id\" names the record): "
     "assess each with both rulesets")
    ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
     "text: a readable report; json: {diff, impact}")
    ("date,d", po::value<std::string>()->default_value("2026-06-30")->value_name("DATE"),
     "assessment date for the corpus (YYYY-MM-DD)")
    ("output,o", po::value<std::string>()->value_name("FILE"), "write to FILE instead of stdout");
}

std::vector<CorpusRecord> read_corpus(const std::string& path) {
  std::vector<CorpusRecord> out;
  std::istringstream in(read_input(path));
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    boost::json::value v = parse_json(line, fmt::format("{}:{}", path, n));
    if (!v.is_object()) throw InputError(fmt::format("{}:{}: a corpus line must be a JSON object", path, n));
    CorpusRecord rec;
    rec.id = fmt::format("#{}", n);
    boost::json::object& o = v.as_object();
    for (const char* key : {"id", "_id"}) {
      if (const boost::json::value* id = o.if_contains(key)) {
        rec.id = id->is_string() ? std::string(id->as_string()) : boost::json::serialize(*id);
        o.erase(key);
      }
    }
    rec.answers = std::move(v);
    out.push_back(std::move(rec));
  }
  return out;
}

int run(const po::variables_map& vm) {
  std::string format = vm["format"].as<std::string>();
  require_one_of("format", format, {"text", "json"});
  std::string date = vm["date"].as<std::string>();
  require_iso_date("date", date);
  std::vector<CorpusRecord> corpus;
  if (vm.count("corpus")) corpus = read_corpus(vm["corpus"].as<std::string>());
  std::optional<Ruleset> a = load_ruleset(vm["old"].as<std::string>(), input_limits(vm).ruleset);
  if (!a) return kUsage;
  std::optional<Ruleset> b = load_ruleset(vm["new"].as<std::string>(), input_limits(vm).ruleset);
  if (!b) return kUsage;
  boost::json::value diff = ruleset_diff(*a, *b);
  boost::json::value impact = vm.count("corpus") ? diff_impact(*a, *b, corpus, date) : boost::json::value(nullptr);
  std::string text = format == "json" ? json_text(boost::json::object{{"diff", diff}, {"impact", impact}})
                                      : render_diff_text(diff, impact);
  write_output(vm.count("output") ? vm["output"].as<std::string>() : "", text);
  return kOk;
}

}  // namespace

const Verb& diff_verb() {
  static const Verb v{
      "diff",
      "compare two rulesets, optionally with their impact on a corpus of answers",
      "zice diff OLD NEW [options]",
      "Lists what changed between two rulesets, by id: questions (type, required,\n"
      "when, min/max, options), derived values, indicators (method, max, weight,\n"
      "bands, option points), dimensions, gates, checks and grades.\n"
      "With --corpus, assesses every answers record with both rulesets and reports\n"
      "the grade transitions (old → new, with example records), how many records\n"
      "are invalid for either ruleset and how the total score moves.",
      "zice diff rulesets/miit-zjtx-sme-2022.xml rulesets/miit-zjtx-sme-2026.xml\n"
      "zice diff rulesets/miit-zjtx-sme-2022.xml rulesets/miit-zjtx-sme-2026.xml "
      "--corpus examples/corpus/zjtx-enterprises.jsonl\n"
      "zice diff OLD.xml NEW.xml --corpus answers.jsonl --format json -o impact.json",
      "(not used)",
      {{"old"}, {"new"}},
      add_options,
      run};
  return v;
}

}  // namespace zice::cli
