// The parse floor of `zice batch`: only reading the batch input (JSON Lines)
// line by line and parsing each line with Boost.JSON, nothing else. Batch
// throughput is compared with this (scripts/bench runs both on the same file).
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>

#include <boost/json.hpp>

#include "bench_support.hpp"

namespace {

using namespace zice::bench;

void BM_ParseFloor(benchmark::State& state) {
  std::string path = data_path("batch-throughput.jsonl");
  std::int64_t records = 0;
  boost::json::parser p;
  for (auto _ : state) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      state.SkipWithError("no batch-throughput.jsonl: run scripts/bench");
      return;
    }
    std::string line;
    while (std::getline(in, line)) {
      p.reset();
      p.write(line);
      benchmark::DoNotOptimize(p.release());
      ++records;
    }
  }
  state.SetItemsProcessed(records);
}
BENCHMARK(BM_ParseFloor)->Unit(benchmark::kMillisecond)->MinTime(1.0);

}  // namespace
