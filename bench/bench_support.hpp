// Helpers shared by the benchmarks: input files, rulesets, percentiles.
#pragma once
#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "zice/zice.hpp"

namespace zice::bench {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string source_path(const std::string& rel) { return std::string(ZICE_SOURCE_DIR) + "/" + rel; }
inline std::string ruleset_path(const std::string& id) { return source_path("rulesets/" + id + ".xml"); }
inline std::string answers_path(const std::string& id) {
  return source_path("examples/enterprises/" + id + ".answers.json");
}

/// Generated inputs (bench/generate.py, written by scripts/bench):
/// $ZICE_BENCH_DATA, default /tmp/zice-bench-data.
inline std::string data_path(const std::string& name) {
  const char* dir = std::getenv("ZICE_BENCH_DATA");
  return std::string(dir && *dir ? dir : "/tmp/zice-bench-data") + "/" + name;
}

/// Limits large enough for the 10,000-question synthetic ruleset.
inline RulesetLimits large_limits() {
  RulesetLimits l;
  l.max_file_bytes = 64u << 20;
  l.max_elements = 10'000'000;
  l.max_questions = 1'000'000;
  return l;
}

inline Ruleset load_or_throw(const std::string& path) {
  LoadResult r = Ruleset::load_file(path, large_limits());
  if (!r.ruleset) {
    std::string all;
    for (const Diagnostic& d : r.diagnostics) all += d.format() + "\n";
    throw std::runtime_error("ruleset does not load: " + path + "\n" + all);
  }
  return *r.ruleset;
}

/// CPU time of the calling thread in nanoseconds: per-iteration samples that
/// other processes on a shared machine do not inflate.
inline double thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

/// The q-quantile (0..1) of `samples` (sorted in place), nearest rank.
inline double quantile(std::vector<double>& samples, double q) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  std::size_t i = static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[std::min(i, samples.size() - 1)];
}

}  // namespace zice::bench
