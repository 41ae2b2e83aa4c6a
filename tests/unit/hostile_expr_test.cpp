// Hostile expressions: pathological nesting, huge numbers, division by zero,
// overflow and operations that would produce NaN in floating point. Parsing
// fails cleanly within the limits; evaluation gives a defined result (an
// exact value, or null with a warning) — never UB, never a crash.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "expr/expr.hpp"

using namespace zice::expr;

namespace {

struct Env {
  MapScope scope;
  std::vector<Value> slots;
  void add(const std::string& name, Value v) {
    scope.add(name, {static_cast<std::uint32_t>(slots.size()), Type::Number});
    slots.push_back(std::move(v));
  }
  /// Compiles and evaluates; a compile error fails the test.
  Value eval(const std::string& text, std::vector<std::string>& warnings) {
    CompileResult r = compile(text, scope, Type::Any);
    EXPECT_TRUE(r) << text << ": " << (r.errors.empty() ? "" : r.errors[0].message);
    if (!r) return Value::null();
    EvalContext ctx;
    Value v = r.program->evaluate(slots, ctx);
    warnings = ctx.warnings;
    return v;
  }
  std::string compile_error(const std::string& text, const Limits& limits = {}) {
    CompileResult r = compile(text, scope, Type::Any, limits);
    EXPECT_FALSE(r) << text.substr(0, 60);
    return r.errors.empty() ? "" : r.errors[0].message;
  }
};

class HostileExpr : public ::testing::Test {
 protected:
  void SetUp() override {
    env.add("x", Value::number(*Decimal::parse("10")));
    env.add("zero", Value::number(Decimal::from_int(0)));
    env.add("big", Value::number(*Decimal::parse("170141183460469231731687303715884105727")));  // 2^127 - 1
    env.add("tiny", Value::number(*Decimal::parse("1e-30")));
  }
  Env env;
};

TEST_F(HostileExpr, PathologicalNestingFailsCleanlyAndFast) {
  Limits wide;
  wide.max_length = 10'000'000;  // let the depth guard, not the length check, stop them
  auto t0 = std::chrono::steady_clock::now();
  const std::size_t n = 200000;
  EXPECT_NE(env.compile_error(std::string(n, '(') + "x" + std::string(n, ')'), wide).find("nested too deeply"),
            std::string::npos);
  EXPECT_NE(env.compile_error(std::string(n, '-') + "x", wide).find("nested too deeply"), std::string::npos);
  std::string nots;
  for (std::size_t i = 0; i < n; ++i) nots += "not ";
  EXPECT_NE(env.compile_error(nots + "x", wide).find("nested too deeply"), std::string::npos);
  std::string calls;
  for (std::size_t i = 0; i < n; ++i) calls += "abs(";
  EXPECT_NE(env.compile_error(calls + "x" + std::string(n, ')'), wide).find("nested too deeply"), std::string::npos);
  EXPECT_NE(env.compile_error(std::string(n, '[') + std::string(n, ']'), wide).find("nested too deeply"),
            std::string::npos);
  std::string ternary;
  for (std::size_t i = 0; i < n; ++i) ternary += "x > 1 ? ";
  EXPECT_NE(env.compile_error(ternary + "1", wide).find("nested too deeply"), std::string::npos);
  // A flat chain needs no nesting but builds a tall tree: refused by height.
  std::string chain = "x";
  for (std::size_t i = 0; i < n; ++i) chain += "+x";
  EXPECT_NE(env.compile_error(chain, wide).find("too complex"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  // With the default limits a long text is refused before parsing.
  EXPECT_NE(env.compile_error(chain).find("too long"), std::string::npos);
}

TEST_F(HostileExpr, HugeNumberLiteralsAreCompileErrors) {
  for (const char* lit : {"1e401", "1e100000000000000000000", "99999999999999999999999999999999999999999999999999",
                          "0.00000000000000000000000000000000000000000000000000000000001"}) {
    CompileResult r = compile(lit, env.scope, Type::Any);
    if (r) {
      // Representable after all: it must then evaluate to itself, exactly.
      EvalContext ctx;
      Value v = r.program->evaluate(env.slots, ctx);
      EXPECT_EQ(v.type(), Type::Number) << lit;
    } else {
      EXPECT_FALSE(r.errors.empty()) << lit;
    }
  }
}

TEST_F(HostileExpr, DivisionByZeroIsNullWithAWarning) {
  for (const char* e : {"x / zero", "x % zero", "zero / zero", "0 / 0", "round(x / zero, 2)"}) {
    std::vector<std::string> w;
    Value v = env.eval(e, w);
    EXPECT_TRUE(v.is_null()) << e;
    ASSERT_FALSE(w.empty()) << e;
    EXPECT_NE(w[0].find("division by zero"), std::string::npos) << e << ": " << w[0];
  }
}

TEST_F(HostileExpr, OverflowIsNullWithAWarning) {
  for (const char* e : {"big * big", "big + big", "-big - big", "big * big * big", "big / tiny", "sum(big, big)"}) {
    std::vector<std::string> w;
    Value v = env.eval(e, w);
    EXPECT_TRUE(v.is_null()) << e << " = " << v.to_display();
    ASSERT_FALSE(w.empty()) << e;
    EXPECT_NE(w[0].find("overflow"), std::string::npos) << e << ": " << w[0];
  }
}

TEST_F(HostileExpr, WouldBeNanOperationsAreDefined) {
  // In floating point these are NaN or infinity; here exact or null.
  std::vector<std::string> w;
  EXPECT_EQ(env.eval("tiny * tiny * tiny", w).to_display(), "0") << "underflow rounds to zero";
  Value v = env.eval("round(big / 3, 18)", w);
  EXPECT_EQ(v.type(), Type::Number);
  v = env.eval("round(x, 1000)", w);
  EXPECT_TRUE(v.is_null());
  ASSERT_FALSE(w.empty());
  EXPECT_NE(w[0].find("digits"), std::string::npos) << w[0];
  v = env.eval("max(big, -big) - min(big, -big)", w);  // 2^128 - 2 does not fit
  EXPECT_TRUE(v.is_null());
  v = env.eval("abs(-big)", w);
  EXPECT_EQ(v.to_display(), "170141183460469231731687303715884105727");
}

}  // namespace
