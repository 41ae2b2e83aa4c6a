// One assessment, parsed answers → result document (zice::assess, or
// zice::assess_to_json for AssessText/ and AssessSummary/), on the shipped
// rulesets and their example enterprises (complete answers). Besides
// Google Benchmark's mean, each run records every iteration's thread CPU time
// and reports its median (p50_us) and 99th percentile (p99_us).
#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "bench_support.hpp"

namespace {

using namespace zice::bench;

const char* const kRulesets[] = {"sme-size-2011",      "miit-innovative-sme-2022", "miit-zjtx-sme-2022",
                                 "miit-zjtx-sme-2026", "sme-legal-compliance",     "sme-quality-maturity"};

// Times `call(ruleset, answers, options)` per iteration (thread CPU time):
// p50 and p99 counters; an assessment that is not ok fails the benchmark.
template <class Call>
void latency(benchmark::State& state, const std::string& id, bool analyse, Call call) {
  zice::Ruleset rs = load_or_throw(ruleset_path(id));
  boost::json::value answers = boost::json::parse(slurp(answers_path(id)));
  zice::AssessOptions o;
  o.date = "2026-06-30";
  o.analyse = analyse;
  std::vector<double> samples;
  samples.reserve(1 << 16);
  bool failed = false;
  for (auto _ : state) {
    double t0 = thread_cpu_ns();
    auto a = call(rs, answers, o);
    benchmark::DoNotOptimize(a);
    samples.push_back(thread_cpu_ns() - t0);
    failed = failed || !a.ok;
  }
  if (failed) {
    state.SkipWithError("the assessment failed");
    return;
  }
  state.counters["p50_us"] = quantile(samples, 0.5) / 1000;
  state.counters["p99_us"] = quantile(samples, 0.99) / 1000;
  state.SetItemsProcessed(state.iterations());
}

void assess_latency(benchmark::State& state, const std::string& id, bool analyse) {
  latency(state, id, analyse, [](const zice::Ruleset& rs, const boost::json::value& a, const zice::AssessOptions& o) {
    return zice::assess(rs, a, o);
  });
}

// AssessText/<ruleset>: the same as Assess/<ruleset>/analyse:0, with the
// result written straight to compact JSON text (zice::assess_to_json, as zice
// batch writes JSON Lines); AssessSummary/<ruleset>: no document at all, only
// the summary (ResultText::none, as zice batch writes CSV).
void assess_text_latency(benchmark::State& state, const std::string& id, zice::ResultText text) {
  latency(state, id, false, [text](const zice::Ruleset& rs, const boost::json::value& a, const zice::AssessOptions& o) {
    return zice::assess_to_json(rs, a, o, text);
  });
}

// The same enterprise with a third of the answers removed: adds the
// partial-answer analysis (what-if completions).
void BM_AssessPartial(benchmark::State& state) {
  std::string id = kRulesets[state.range(0)];
  zice::Ruleset rs = load_or_throw(ruleset_path(id));
  boost::json::object answers = boost::json::parse(slurp(answers_path(id))).as_object();
  std::vector<std::string> drop;
  int n = 0;
  for (const auto& kv : answers)
    if (n++ % 3 == 0) drop.emplace_back(kv.key());
  for (const std::string& k : drop) answers.erase(k);
  boost::json::value v(answers);
  zice::AssessOptions o;
  o.date = "2026-06-30";
  for (auto _ : state) benchmark::DoNotOptimize(zice::assess(rs, v, o));
  state.SetLabel(id);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessPartial)->DenseRange(0, 5)->Unit(benchmark::kMicrosecond);

// Two threads on one shared ruleset: throughput should scale with cores.
void BM_AssessShared(benchmark::State& state) {
  static zice::Ruleset rs = load_or_throw(ruleset_path("miit-zjtx-sme-2022"));
  static boost::json::value answers = boost::json::parse(slurp(answers_path("miit-zjtx-sme-2022")));
  zice::AssessOptions o;
  o.date = "2026-06-30";
  o.analyse = false;
  for (auto _ : state) benchmark::DoNotOptimize(zice::assess(rs, answers, o));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessShared)->ThreadRange(1, 2)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_ResultToJsonText(benchmark::State& state) {
  std::string id = kRulesets[state.range(0)];
  zice::Ruleset rs = load_or_throw(ruleset_path(id));
  zice::AssessOptions o;
  o.date = "2026-06-30";
  auto a = zice::assess(rs, boost::json::parse(slurp(answers_path(id))), o);
  for (auto _ : state) benchmark::DoNotOptimize(zice::to_json_text(a.result, false));
  state.SetLabel(id);
}
BENCHMARK(BM_ResultToJsonText)->Arg(2)->Arg(4)->Unit(benchmark::kMicrosecond);

// Assess/<ruleset>/analyse:<0|1>
const bool registered = [] {
  for (const char* id : kRulesets)
    for (bool analyse : {false, true})
      benchmark::RegisterBenchmark((std::string("Assess/") + id + "/analyse:" + (analyse ? "1" : "0")).c_str(),
                                   [id = std::string(id), analyse](benchmark::State& s) { assess_latency(s, id, analyse); })
          ->Unit(benchmark::kMicrosecond);
  // AssessText/<ruleset>, AssessSummary/<ruleset>
  for (const char* id : kRulesets)
    for (auto [name, text] : {std::pair{"AssessText/", zice::ResultText::compact},
                              std::pair{"AssessSummary/", zice::ResultText::none}})
      benchmark::RegisterBenchmark((std::string(name) + id).c_str(),
                                   [id = std::string(id), text = text](benchmark::State& s) {
                                     assess_text_latency(s, id, text);
                                   })
          ->Unit(benchmark::kMicrosecond);
  return true;
}();

}  // namespace
