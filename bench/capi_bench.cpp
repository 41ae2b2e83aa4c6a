// One assessment JSON text → JSON text through the C API
// (zice_ruleset_assess), as a backend or a binding does it: parse the answers,
// assess, serialise the result. Default options (analyses on), complete answers.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_support.hpp"
#include "zice/zice.h"

namespace {

using namespace zice::bench;

void capi_assess(benchmark::State& state, const std::string& id) {
  zice_ruleset* rs = nullptr;
  if (zice_ruleset_load_file(ruleset_path(id).c_str(), &rs) != ZICE_OK) {
    state.SkipWithError("the ruleset does not load");
    return;
  }
  std::string answers = slurp(answers_path(id));
  zice_assess_options o = ZICE_ASSESS_OPTIONS_INIT;
  o.date = "2026-06-30";
  std::vector<double> samples;
  samples.reserve(1 << 16);
  for (auto _ : state) {
    double t0 = thread_cpu_ns();
    char* out = nullptr;
    if (zice_ruleset_assess(rs, answers.data(), answers.size(), &o, &out) != ZICE_OK) state.SkipWithError("assess failed");
    benchmark::DoNotOptimize(out);
    zice_free(out);
    samples.push_back(thread_cpu_ns() - t0);
  }
  zice_ruleset_free(rs);
  state.counters["p50_us"] = quantile(samples, 0.5) / 1000;
  state.counters["p99_us"] = quantile(samples, 0.99) / 1000;
}

const bool registered = [] {
  for (const char* id : {"miit-zjtx-sme-2022", "sme-legal-compliance", "sme-quality-maturity"})
    benchmark::RegisterBenchmark((std::string("CApiAssess/") + id).c_str(),
                                 [id = std::string(id)](benchmark::State& s) { capi_assess(s, id); })
        ->Unit(benchmark::kMicrosecond);
  return true;
}();

}  // namespace
