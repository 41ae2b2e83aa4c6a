// Expression evaluation: compiled once, evaluated against slot arrays —
// compares exact decimal arithmetic with a plain comparison to show the cost
// of exactness.
#include <benchmark/benchmark.h>

#include <vector>

#include "expr/expr.hpp"

namespace {

using namespace zice::expr;

Program compile_or_die(const char* text, const MapScope& scope) {
  auto r = compile(text, scope, Type::Any);
  if (!r.program) std::abort();
  return *r.program;
}

void BM_EvalRatioThreshold(benchmark::State& state) {
  MapScope scope;
  scope.add("rd", {0, Type::Number});
  scope.add("rev", {1, Type::Number});
  Program p = compile_or_die("rev gt 0 ? rd / rev * 100 ge 3 : false", scope);
  std::vector<Value> slots{Value::number(*Decimal::parse("150.25")), Value::number(*Decimal::parse("5008.3"))};
  EvalContext ctx;
  for (auto _ : state) benchmark::DoNotOptimize(p.evaluate(slots, ctx));
}
BENCHMARK(BM_EvalRatioThreshold);

void BM_EvalBooleanChain(benchmark::State& state) {
  MapScope scope;
  for (std::uint32_t i = 0; i < 8; ++i) scope.add("b" + std::to_string(i), {i, Type::Bool});
  Program p = compile_or_die("b0 and b1 and b2 and b3 and (b4 or b5) and not b6 and b7", scope);
  std::vector<Value> slots(8, Value::boolean(true));
  slots[6] = Value::boolean(false);
  EvalContext ctx;
  for (auto _ : state) benchmark::DoNotOptimize(p.evaluate(slots, ctx));
}
BENCHMARK(BM_EvalBooleanChain);

void BM_Compile(benchmark::State& state) {
  MapScope scope;
  scope.add("rd", {0, Type::Number});
  scope.add("rev", {1, Type::Number});
  for (auto _ : state) benchmark::DoNotOptimize(compile("rev gt 0 ? rd / rev * 100 ge 3 : false", scope, Type::Bool));
}
BENCHMARK(BM_Compile);

}  // namespace
