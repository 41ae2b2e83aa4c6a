// Assessment time against ruleset size: the synthetic rulesets of
// bench/generate.py with 100, 1,000 and 10,000 questions and complete answers.
// ns_per_question should stay flat (linear scaling). Load time per question
// is in load_bench.cpp.
//
// BM_PairedScaling times the three sizes in alternating blocks within one
// run, so that the machine's drift between separate benchmarks (±30 % on the
// shared reference machine) does not enter the spread between sizes; it is
// the figure scripts/bench reports against the 1.5× target.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

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

void BM_PairedScaling(benchmark::State& state) {
  constexpr int kSizes[] = {100, 1000, 10000};
  constexpr std::size_t kCount = std::size(kSizes);
  std::vector<zice::Ruleset> rulesets;
  std::vector<boost::json::value> answers;
  for (int n : kSizes) {
    std::string base = data_path("syn-" + std::to_string(n));
    rulesets.push_back(load_or_throw(base + ".xml"));
    answers.push_back(boost::json::parse(slurp(base + ".answers.json")));
  }
  zice::AssessOptions o;
  o.date = "2026-06-30";
  o.analyse = false;
  std::vector<double> per_question[kCount];
  bool failed = false;
  std::size_t iteration = 0;
  for (auto _ : state) {
    // A block of about 20,000 questions' work per size; its first call (cold
    // after the other sizes) is not counted.
    const std::size_t k = iteration++ % kCount;
    const int calls = std::max(3, 20000 / kSizes[k]);
    for (int call = 0; call < calls; ++call) {
      double t0 = thread_cpu_ns();
      zice::Assessment r = zice::assess(rulesets[k], answers[k], o);
      benchmark::DoNotOptimize(r);
      double t = thread_cpu_ns() - t0;
      failed = failed || !r.ok;
      if (call > 0) per_question[k].push_back(t / kSizes[k]);
    }
  }
  if (failed) {
    state.SkipWithError("an assessment failed");
    return;
  }
  double lo = 0, hi = 0;
  for (std::size_t k = 0; k < kCount; ++k) {
    double p50 = quantile(per_question[k], 0.5);
    state.counters["ns_per_question_" + std::to_string(kSizes[k])] = p50;
    lo = k == 0 ? p50 : std::min(lo, p50);
    hi = k == 0 ? p50 : std::max(hi, p50);
  }
  state.counters["spread"] = hi / lo;
}
BENCHMARK(BM_PairedScaling)->Unit(benchmark::kMillisecond)->MinTime(2.0);

const bool registered = [] {
  for (int n : {100, 1000, 10000})
    benchmark::RegisterBenchmark(("AssessSynthetic/" + std::to_string(n) + "/analyse:0").c_str(),
                                 [n](benchmark::State& s) { assess_synthetic(s, n, false); })
        ->Unit(benchmark::kMicrosecond);
  return true;
}();

}  // namespace
