// Ruleset load + compile (XML parse, checks, expression compilation) and the
// memory a loaded ruleset holds, on the shipped rulesets and the synthetic
// ones of bench/generate.py (100, 1,000 and 10,000 questions).
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <string>
#include <vector>

#include "bench_support.hpp"

namespace {

using namespace zice::bench;

const char* const kShipped[] = {"sme-size-2011",      "miit-innovative-sme-2022", "miit-zjtx-sme-2022",
                                "miit-zjtx-sme-2026", "sme-legal-compliance",     "sme-quality-maturity"};
const int kSizes[] = {100, 1000, 10000};

std::string synthetic(int n) { return data_path("syn-" + std::to_string(n) + ".xml"); }

void load(benchmark::State& state, const std::string& path, int questions) {
  std::string xml = slurp(path);
  zice::RulesetLimits limits = large_limits();
  for (auto _ : state) {
    zice::LoadResult r = zice::Ruleset::load_buffer(xml, "bench.xml", limits);
    if (!r.ruleset) state.SkipWithError("the ruleset does not load");
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * xml.size()));
  if (questions > 0)
    state.counters["ns_per_question"] =
        benchmark::Counter(static_cast<double>(questions), benchmark::Counter::kIsIterationInvariantRate |
                                                               benchmark::Counter::kInvert);
}

std::size_t heap_in_use() {
  struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

// Heap held per loaded ruleset: the growth of the heap in use while a few
// copies are loaded and kept (the loads' temporaries are freed by then).
void held(benchmark::State& state, const std::string& path) {
  std::string xml = slurp(path);
  constexpr int kCopies = 8;
  double per = 0;
  for (auto _ : state) {
    std::vector<zice::Ruleset> keep;
    keep.reserve(kCopies);
    malloc_trim(0);
    std::size_t before = heap_in_use();
    for (int i = 0; i < kCopies; ++i) keep.push_back(*zice::Ruleset::load_buffer(xml, "bench.xml", large_limits()).ruleset);
    std::size_t after = heap_in_use();
    per = static_cast<double>(after - before) / kCopies;
  }
  state.counters["bytes_held"] = per;
  state.counters["MiB_held"] = per / (1 << 20);
}

const bool registered = [] {
  for (const char* id : kShipped) {
    benchmark::RegisterBenchmark((std::string("Load/") + id).c_str(),
                                 [p = ruleset_path(id)](benchmark::State& s) { load(s, p, 0); })
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("Held/") + id).c_str(),
                                 [p = ruleset_path(id)](benchmark::State& s) { held(s, p); })
        ->Iterations(1);
  }
  for (int n : kSizes) {
    benchmark::RegisterBenchmark(("Load/synthetic-" + std::to_string(n)).c_str(),
                                 [n](benchmark::State& s) { load(s, synthetic(n), n); })
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("Held/synthetic-" + std::to_string(n)).c_str(),
                                 [n](benchmark::State& s) { held(s, synthetic(n)); })
        ->Iterations(1);
  }
  return true;
}();

}  // namespace
