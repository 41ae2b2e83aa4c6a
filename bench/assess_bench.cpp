// Load and assessment throughput on the shipped rulesets and their example
// enterprises. Run through scripts/bench, which reports medians of repeated
// runs; the machine is shared, so compare ratios rather than absolute times.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include "zice/zice.hpp"

namespace {

const char* const kRulesets[] = {"sme-size-2011",      "miit-innovative-sme-2022", "miit-zjtx-sme-2022",
                                 "miit-zjtx-sme-2026", "sme-legal-compliance",     "sme-quality-maturity"};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ruleset_path(int i) { return std::string(ZICE_SOURCE_DIR) + "/rulesets/" + kRulesets[i] + ".xml"; }
std::string answers_path(int i) {
  return std::string(ZICE_SOURCE_DIR) + "/examples/enterprises/" + kRulesets[i] + ".answers.json";
}

zice::Ruleset load(int i) {
  auto r = zice::Ruleset::load_file(ruleset_path(i));
  if (!r.ruleset) throw std::runtime_error("ruleset does not load");
  return *r.ruleset;
}

void BM_Load(benchmark::State& state) {
  int i = static_cast<int>(state.range(0));
  std::string xml = slurp(ruleset_path(i));
  for (auto _ : state) benchmark::DoNotOptimize(zice::Ruleset::load_buffer(xml, "bench.xml"));
  state.SetLabel(kRulesets[i]);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * xml.size()));
}
BENCHMARK(BM_Load)->DenseRange(0, 5)->Unit(benchmark::kMillisecond);

// A complete questionnaire: scoring, gates, checks, grades and the
// improvement plan (for results below the best grade).
void BM_AssessComplete(benchmark::State& state) {
  int i = static_cast<int>(state.range(0));
  zice::Ruleset rs = load(i);
  boost::json::value answers = boost::json::parse(slurp(answers_path(i)));
  zice::AssessOptions o;
  o.date = "2026-06-30";
  for (auto _ : state) benchmark::DoNotOptimize(zice::assess(rs, answers, o));
  state.SetLabel(kRulesets[i]);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessComplete)->DenseRange(0, 5)->Unit(benchmark::kMicrosecond);

// The same enterprise with a third of the answers removed: adds the
// partial-answer analysis (what-if completions).
void BM_AssessPartial(benchmark::State& state) {
  int i = static_cast<int>(state.range(0));
  zice::Ruleset rs = load(i);
  boost::json::object answers = boost::json::parse(slurp(answers_path(i))).as_object();
  std::vector<std::string> drop;
  int n = 0;
  for (const auto& kv : answers)
    if (n++ % 3 == 0) drop.emplace_back(kv.key());
  for (const std::string& k : drop) answers.erase(k);
  boost::json::value v(answers);
  zice::AssessOptions o;
  o.date = "2026-06-30";
  for (auto _ : state) benchmark::DoNotOptimize(zice::assess(rs, v, o));
  state.SetLabel(kRulesets[i]);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessPartial)->DenseRange(0, 5)->Unit(benchmark::kMicrosecond);

// Many threads on one shared ruleset: throughput should scale with cores.
void BM_AssessShared(benchmark::State& state) {
  static zice::Ruleset rs = load(1);
  static boost::json::value answers = boost::json::parse(slurp(answers_path(1)));
  zice::AssessOptions o;
  o.date = "2026-06-30";
  for (auto _ : state) benchmark::DoNotOptimize(zice::assess(rs, answers, o));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessShared)->ThreadRange(1, 2)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_ResultToJsonText(benchmark::State& state) {
  zice::Ruleset rs = load(4);
  zice::AssessOptions o;
  o.date = "2026-06-30";
  auto a = zice::assess(rs, boost::json::parse(slurp(answers_path(4))), o);
  for (auto _ : state) benchmark::DoNotOptimize(zice::to_json_text(a.result));
}
BENCHMARK(BM_ResultToJsonText)->Unit(benchmark::kMicrosecond);

}  // namespace
