// Assessment time against ruleset size: the synthetic rulesets of
// bench/generate.py with 100, 1,000 and 10,000 questions and complete answers.
// ns_per_question should stay flat (linear scaling). Load time per question
// is in load_bench.cpp.
#include <benchmark/benchmark.h>

#include <string>

#include <boost/json.hpp>

#include "bench_support.hpp"

namespace {

using namespace zice::bench;

void assess_synthetic(benchmark::State& state, int n, bool analyse) {
  std::string base = data_path("syn-" + std::to_string(n));
  zice::Ruleset rs = load_or_throw(base + ".xml");
  boost::json::value answers = boost::json::parse(slurp(base + ".answers.json"));
  zice::AssessOptions o;
  o.date = "2026-06-30";
  o.analyse = analyse;
  for (auto _ : state) benchmark::DoNotOptimize(zice::assess(rs, answers, o));
  state.counters["ns_per_question"] = benchmark::Counter(
      static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

const bool registered = [] {
  for (int n : {100, 1000, 10000})
    benchmark::RegisterBenchmark(("AssessSynthetic/" + std::to_string(n) + "/analyse:0").c_str(),
                                 [n](benchmark::State& s) { assess_synthetic(s, n, false); })
        ->Unit(benchmark::kMicrosecond);
  return true;
}();

}  // namespace
