#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "expr/expr.hpp"

using namespace zice::expr;

namespace {

Value N(const char* s) { return Value::number(*Decimal::parse(s)); }
Value S(const char* s) { return Value::string(s); }
Value B(bool b) { return Value::boolean(b); }
Value L(std::vector<Value> v) { return Value::list(std::move(v)); }
const Value null = Value::null();

// Names with their slots; values assigned per test.
struct Env {
  MapScope scope;
  std::vector<Value> slots;
  std::uint32_t add(const std::string& name, Type t, Value v) {
    auto slot = static_cast<std::uint32_t>(slots.size());
    scope.add(name, {slot, t});
    slots.push_back(std::move(v));
    return slot;
  }
  void set(const std::string& name, Value v) { slots[scope.lookup(name)->slot] = std::move(v); }

  Program compile_ok(std::string_view text, Type expected = Type::Any) {
    CompileResult r = compile(text, scope, expected);
    EXPECT_TRUE(r) << text << ": " << (r.errors.empty() ? "" : r.errors[0].message);
    if (!r) throw std::runtime_error("compile failed");
    return *r.program;
  }
  Value eval(std::string_view text, std::vector<std::string>* warnings = nullptr) {
    Program p = compile_ok(text);
    EvalContext ctx;
    Value v = p.evaluate(slots, ctx);
    if (warnings) *warnings = ctx.warnings;
    else EXPECT_TRUE(ctx.warnings.empty()) << text << ": " << ctx.warnings[0];
    return v;
  }
  std::string show(std::string_view text) { return eval(text).to_display(); }
};

class ExprEval : public ::testing::Test {
 protected:
  void SetUp() override {
    env.add("t", Type::Bool, B(true));
    env.add("f", Type::Bool, B(false));
    env.add("n", Type::Bool, null);
    env.add("x", Type::Number, N("10"));
    env.add("y", Type::Number, N("4"));
    env.add("zero", Type::Number, N("0"));
    env.add("missing", Type::Number, null);
    env.add("name", Type::String, S("acme"));
    env.add("industry", Type::String, S("retail"));
    env.add("quality_mgmt", Type::List, L({S("iso9001"), S("iso14001")}));
    env.add("no_list", Type::List, null);
    env.add("founded", Type::Date, Value::date(*parse_iso_date("2015-06-01")));
    env.add("anything", Type::Any, S("text"));
    env.add("revenue_wan", Type::Number, N("1000"));
    env.add("rd_expense_wan", Type::Number, N("30"));
    env.add("score.total", Type::Number, N("60"));
  }
  Env env;
};

}  // namespace

TEST_F(ExprEval, KleeneAndTruthTable) {
  // rows: left, columns: right  (t, f, n)
  const char* expect[3][3] = {{"true", "false", "null"}, {"false", "false", "false"}, {"null", "false", "null"}};
  const char* names[3] = {"t", "f", "n"};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      std::string e = std::string(names[i]) + " and " + names[j];
      EXPECT_EQ(env.show(e), expect[i][j]) << e;
      EXPECT_EQ(env.show(std::string(names[i]) + " && " + names[j]), expect[i][j]);
    }
}

TEST_F(ExprEval, KleeneOrTruthTable) {
  const char* expect[3][3] = {{"true", "true", "true"}, {"true", "false", "null"}, {"true", "null", "null"}};
  const char* names[3] = {"t", "f", "n"};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      std::string e = std::string(names[i]) + " or " + names[j];
      EXPECT_EQ(env.show(e), expect[i][j]) << e;
      EXPECT_EQ(env.show(std::string(names[i]) + " || " + names[j]), expect[i][j]);
    }
}

TEST_F(ExprEval, NotAndNullPropagation) {
  EXPECT_EQ(env.show("not t"), "false");
  EXPECT_EQ(env.show("!f"), "true");
  EXPECT_EQ(env.show("not n"), "null");
  EXPECT_EQ(env.show("missing + 1"), "null");
  EXPECT_EQ(env.show("-missing"), "null");
  EXPECT_EQ(env.show("missing * 0"), "null");
  EXPECT_EQ(env.show("missing gt 3"), "null");
  EXPECT_EQ(env.show("missing eq missing"), "null");
  EXPECT_EQ(env.show("not missing eq 3"), "null");
  EXPECT_EQ(env.show("missing gt 3 or t"), "true");
  EXPECT_EQ(env.show("missing gt 3 and f"), "false");
  EXPECT_EQ(env.show("n ? 1 : 2"), "null");
  EXPECT_EQ(env.show("if n then 1 else 2"), "null");
  EXPECT_EQ(env.show("abs(missing)"), "null");
}

TEST_F(ExprEval, ShortCircuitSkipsWarnings) {
  std::vector<std::string> w;
  EXPECT_EQ(env.eval("f and x / zero gt 1", &w).to_display(), "false");
  EXPECT_TRUE(w.empty());
  EXPECT_EQ(env.eval("t or x / zero gt 1", &w).to_display(), "true");
  EXPECT_TRUE(w.empty());
  EXPECT_EQ(env.eval("zero gt 0 ? x / zero : 0", &w).to_display(), "0");
  EXPECT_TRUE(w.empty());
}

TEST_F(ExprEval, Arithmetic) {
  EXPECT_EQ(env.show("x + y * 2"), "18");
  EXPECT_EQ(env.show("(x + y) * 2"), "28");
  EXPECT_EQ(env.show("x / y"), "2.5");
  EXPECT_EQ(env.show("x % y"), "2");
  EXPECT_EQ(env.show("-x + 3"), "-7");
  EXPECT_EQ(env.show("x - -y"), "14");
  EXPECT_EQ(env.show("1 / 3"), "0.333333");
  EXPECT_EQ(env.show("1e3 + 0.5"), "1000.5");
}

TEST_F(ExprEval, DecimalExactThresholds) {
  EXPECT_EQ(env.show("rd_expense_wan / revenue_wan * 100 ge 3"), "true");
  EXPECT_EQ(env.show("rd_expense_wan / revenue_wan * 100"), "3");
  EXPECT_EQ(env.show("55 / 100 * 100 le 55"), "true");
  EXPECT_EQ(env.show("(115 - 100) / 100 * 100 ge 15"), "true");
  EXPECT_EQ(env.show("0.55 * 100 == 55"), "true");
  EXPECT_EQ(env.show("1 / 3 * 3 == 1"), "true");
  EXPECT_EQ(env.show("0.1 + 0.2 == 0.3"), "true");
  env.set("rd_expense_wan", N("29.99"));
  EXPECT_EQ(env.show("rd_expense_wan / revenue_wan * 100 ge 3"), "false");
}

TEST_F(ExprEval, DivisionByZeroWarns) {
  std::vector<std::string> w;
  Value v = env.eval("x / zero", &w);
  EXPECT_TRUE(v.is_null());
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], "division by zero in 'x / zero'");
  v = env.eval("1 + (x % zero) * 2", &w);
  EXPECT_TRUE(v.is_null());
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], "division by zero in 'x % zero'");
  // A constant division by zero is not folded away: it warns at run time.
  v = env.eval("1 / 0", &w);
  EXPECT_TRUE(v.is_null());
  EXPECT_EQ(w.size(), 1u);
  // null divisor is just null, no warning
  v = env.eval("x / missing", &w);
  EXPECT_TRUE(v.is_null());
  EXPECT_TRUE(w.empty());
}

TEST_F(ExprEval, OverflowWarns) {
  env.add("huge", Type::Number, N("1e37"));
  std::vector<std::string> w;
  Value v = env.eval("huge * 1000", &w);
  EXPECT_TRUE(v.is_null());
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], "arithmetic overflow in 'huge * 1000'");
}

TEST_F(ExprEval, Comparisons) {
  EXPECT_EQ(env.show("x gt y"), "true");
  EXPECT_EQ(env.show("x ge 10 and x le 10 and x eq 10 and x ne 11"), "true");
  EXPECT_EQ(env.show("x < y"), "false");
  EXPECT_EQ(env.show("name == 'acme'"), "true");
  EXPECT_EQ(env.show("name ne 'ACME'"), "true");
  EXPECT_EQ(env.show("t == true"), "true");
  EXPECT_EQ(env.show("t != f"), "true");
  EXPECT_EQ(env.show("founded lt date('2016-01-01')"), "true");
  EXPECT_EQ(env.show("founded eq date('2015-06-01')"), "true");
  EXPECT_EQ(env.show("score.total ge 60"), "true");
}

TEST_F(ExprEval, Membership) {
  EXPECT_EQ(env.show("'iso9001' in quality_mgmt"), "true");
  EXPECT_EQ(env.show("'iso45001' in quality_mgmt"), "false");
  EXPECT_EQ(env.show("industry in ['retail', 'wholesale']"), "true");
  EXPECT_EQ(env.show("industry in ['construction']"), "false");
  EXPECT_EQ(env.show("x in [1, 10, 100]"), "true");
  EXPECT_EQ(env.show("x in [10.0]"), "true");
  EXPECT_EQ(env.show("'a' in no_list"), "null");
  EXPECT_EQ(env.show("missing in [1]"), "null");
  EXPECT_EQ(env.show("'a' in []"), "false");
  EXPECT_EQ(env.show("selected(quality_mgmt, 'iso14001')"), "true");
  EXPECT_EQ(env.show("selected(quality_mgmt, 'x')"), "false");
  EXPECT_EQ(env.show("selected(no_list, 'x')"), "null");
}

TEST_F(ExprEval, Conditional) {
  EXPECT_EQ(env.show("t ? 1 : 2"), "1");
  EXPECT_EQ(env.show("f ? 1 : 2"), "2");
  EXPECT_EQ(env.show("if x gt 5 then 'big' else 'small'"), "'big'");
  EXPECT_EQ(env.show("x gt 50 ? 'big' : x gt 5 ? 'medium' : 'small'"), "'medium'");
  EXPECT_EQ(env.show("f ? 1 : null"), "null");
  EXPECT_EQ(env.show("revenue_wan gt 0 ? rd_expense_wan / revenue_wan * 100 : 0"), "3");
}

TEST_F(ExprEval, StringConcatenation) {
  EXPECT_EQ(env.show("name + '-' + industry"), "'acme-retail'");
  EXPECT_EQ(env.show("'从业人员 < ' + x + ' 人'"), "'从业人员 < 10 人'");
  EXPECT_EQ(env.show("'r=' + x / 4"), "'r=2.5'");
  EXPECT_EQ(env.show("name + missing"), "null");
}

TEST_F(ExprEval, AggregatesIgnoreNulls) {
  EXPECT_EQ(env.show("sum(x, y, missing)"), "14");
  EXPECT_EQ(env.show("min(x, y, missing)"), "4");
  EXPECT_EQ(env.show("max(x, missing, y)"), "10");
  EXPECT_EQ(env.show("sum(missing, missing)"), "null");
  EXPECT_EQ(env.show("min(missing)"), "null");
  EXPECT_EQ(env.show("sum([1, 2, 3.5])"), "6.5");
  EXPECT_EQ(env.show("max([1, 7, null, 3])"), "7");
  EXPECT_EQ(env.show("sum([])"), "null");
  EXPECT_EQ(env.show("min(floor(x / 3), 5)"), "3");
}

TEST_F(ExprEval, Functions) {
  EXPECT_EQ(env.show("count(quality_mgmt)"), "2");
  EXPECT_EQ(env.show("count(no_list)"), "0");
  EXPECT_EQ(env.show("count([])"), "0");
  EXPECT_EQ(env.show("abs(-2.5)"), "2.5");
  EXPECT_EQ(env.show("floor(-2.5)"), "-3");
  EXPECT_EQ(env.show("ceil(2.1)"), "3");
  EXPECT_EQ(env.show("round(2.5)"), "3");
  EXPECT_EQ(env.show("round(-0.5)"), "-1");
  EXPECT_EQ(env.show("round(x / 3, 2)"), "3.33");
  EXPECT_EQ(env.show("round(1250, -2)"), "1300");
  EXPECT_EQ(env.show("clamp(x, 0, 5)"), "5");
  EXPECT_EQ(env.show("clamp(-x, 0, 5)"), "0");
  EXPECT_EQ(env.show("clamp(3, 0, 5)"), "3");
  EXPECT_EQ(env.show("between(x, 10, 20)"), "true");
  EXPECT_EQ(env.show("between(x, 11, 20)"), "false");
  EXPECT_EQ(env.show("between(missing, 1, 2)"), "null");
  EXPECT_EQ(env.show("between(founded, date('2015-01-01'), date('2015-12-31'))"), "true");
  EXPECT_EQ(env.show("coalesce(missing, y, x)"), "4");
  EXPECT_EQ(env.show("coalesce(missing, null)"), "null");
  EXPECT_EQ(env.show("coalesce(n, true)"), "true");
  EXPECT_EQ(env.show("len('营业收入')"), "4");
  EXPECT_EQ(env.show("len(name)"), "4");
  EXPECT_EQ(env.show("days_between(date('2024-02-28'), date('2024-03-01'))"), "2");
  EXPECT_EQ(env.show("date('2024-02-29')"), "2024-02-29");
}

TEST_F(ExprEval, AnsweredIsNeverNull) {
  EXPECT_EQ(env.show("answered(x)"), "true");
  EXPECT_EQ(env.show("answered(missing)"), "false");
  EXPECT_EQ(env.show("answered(n)"), "false");
  EXPECT_EQ(env.show("answered(f)"), "true");
  EXPECT_EQ(env.show("(answered(x) ? 1 : 0) + (answered(missing) ? 1 : 0)"), "1");
}

TEST_F(ExprEval, RuntimeFunctionWarnings) {
  std::vector<std::string> w;
  EXPECT_TRUE(env.eval("clamp(x, 5, 1)", &w).is_null());
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], "clamp() lower bound is greater than upper bound in 'clamp(x, 5, 1)'");
  EXPECT_TRUE(env.eval("round(x, 0.5)", &w).is_null());
  EXPECT_EQ(w.size(), 1u);
}

TEST_F(ExprEval, AnyTypedNamesAreCheckedAtRunTime) {
  std::vector<std::string> w;
  EXPECT_TRUE(env.eval("anything + 1", &w).to_display() == "'text1'");  // string + number joins
  EXPECT_TRUE(w.empty());
  EXPECT_TRUE(env.eval("anything * 2", &w).is_null());
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], "type mismatch (expected number, got string) in 'anything * 2'");
  EXPECT_TRUE(env.eval("anything gt 1", &w).is_null());
  EXPECT_EQ(w.size(), 1u);
  // A program expected to be boolean that yields something else: null + warning.
  CompileResult r = compile("anything", env.scope, Type::Bool);
  ASSERT_TRUE(r);
  EXPECT_EQ(r.program->type(), Type::Bool);
  EvalContext ctx;
  EXPECT_TRUE(r.program->evaluate(env.slots, ctx).is_null());
  ASSERT_EQ(ctx.warnings.size(), 1u);
  EXPECT_EQ(ctx.warnings[0], "expected boolean, got string in 'anything'");
}

TEST_F(ExprEval, MissingSlotsReadAsNull) {
  Program p = env.compile_ok("x + 1");
  EvalContext ctx;
  EXPECT_TRUE(p.evaluate({}, ctx).is_null());
  EXPECT_EQ(p.evaluate(env.slots, ctx).to_display(), "11");
}

TEST_F(ExprEval, ProgramMetadata) {
  Program p = env.compile_ok("y + x * 2 gt x and answered(missing)");
  EXPECT_EQ(p.type(), Type::Bool);
  EXPECT_EQ(p.source(), "y + x * 2 gt x and answered(missing)");
  std::vector<std::uint32_t> deps = {env.scope.lookup("x")->slot, env.scope.lookup("y")->slot,
                                     env.scope.lookup("missing")->slot};
  std::sort(deps.begin(), deps.end());
  EXPECT_EQ(std::vector<std::uint32_t>(p.dependencies().begin(), p.dependencies().end()), deps);
  EXPECT_EQ(env.compile_ok("1 + 2").dependencies().size(), 0u);
  EXPECT_EQ(env.compile_ok("name").type(), Type::String);
}

TEST_F(ExprEval, FailingConjuncts) {
  Program p = env.compile_ok("x gt 5 and y gt 5 and (missing gt 1) and name eq 'acme'", Type::Bool);
  EvalContext ctx;
  auto fails = p.failing_conjuncts(env.slots, ctx);
  ASSERT_EQ(fails.size(), 2u);
  EXPECT_EQ(fails[0].first, "y gt 5");
  EXPECT_EQ(fails[0].second.to_display(), "false");
  EXPECT_EQ(fails[1].first, "missing gt 1");
  EXPECT_TRUE(fails[1].second.is_null());

  Program single = env.compile_ok("x lt 5", Type::Bool);
  fails = single.failing_conjuncts(env.slots, ctx);
  ASSERT_EQ(fails.size(), 1u);
  EXPECT_EQ(fails[0].first, "x lt 5");
  EXPECT_TRUE(env.compile_ok("x gt 5 and t").failing_conjuncts(env.slots, ctx).empty());
  // `or` is a single condition
  fails = env.compile_ok("f or n").failing_conjuncts(env.slots, ctx);
  ASSERT_EQ(fails.size(), 1u);
  EXPECT_EQ(fails[0].first, "f or n");
}

TEST_F(ExprEval, ConcurrentEvaluation) {
  Program p = env.compile_ok("sum(x, y) / 2 ge 7 and industry in ['retail', 'wholesale']", Type::Bool);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::vector<Value> slots = env.slots;
      slots[env.scope.lookup("x")->slot] = Value::number(t * 10);
      EvalContext ctx;
      for (int i = 0; i < 2000; ++i) {
        Value v = p.evaluate(slots, ctx);
        bool want = (t * 10 + 4) / 2 >= 7;
        if (v.type() == Type::Bool && v.as_bool() == want) ++ok[t];
      }
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(ok[t], 2000) << t;
}

TEST(ExprValue, DisplayAndEquality) {
  EXPECT_EQ(Value::null().to_display(), "null");
  EXPECT_EQ(Value::boolean(true).to_display(), "true");
  EXPECT_EQ(Value::number(*Decimal::parse("2.50")).to_display(), "2.5");
  EXPECT_EQ(Value::string("it's").to_display(), "'it\\'s'");
  EXPECT_EQ(Value::list({Value::number(1), Value::string("a")}).to_display(), "[1, 'a']");
  EXPECT_EQ(Value::date(0).to_display(), "1970-01-01");
  EXPECT_EQ(Value::string("a"), Value::string("a"));
  EXPECT_NE(Value::string("a"), Value::number(1));
  EXPECT_EQ(Value::null(), Value::null());
  EXPECT_EQ(Value::list({Value::number(1)}), Value::list({Value::number(1)}));
  EXPECT_EQ(Value::number(1).type(), Type::Number);
  EXPECT_EQ(type_name(Type::Bool), "boolean");
  EXPECT_EQ(type_name(Type::Any), "any");
}

TEST(ExprValue, IsoDates) {
  EXPECT_EQ(parse_iso_date("1970-01-01"), 0);
  EXPECT_EQ(parse_iso_date("1970-01-02"), 1);
  EXPECT_EQ(parse_iso_date("1969-12-31"), -1);
  EXPECT_EQ(parse_iso_date("2000-03-01"), 11017);
  EXPECT_TRUE(parse_iso_date("2024-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("1900-02-29").has_value());
  EXPECT_TRUE(parse_iso_date("2000-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("2024-13-01").has_value());
  EXPECT_FALSE(parse_iso_date("2024-04-31").has_value());
  EXPECT_FALSE(parse_iso_date("2024-4-01").has_value());
  EXPECT_FALSE(parse_iso_date("2024/04/01").has_value());
  EXPECT_FALSE(parse_iso_date("0000-01-01").has_value());
  for (const char* d : {"2024-02-29", "1999-12-31", "0001-01-01", "9999-12-31", "1900-03-01"})
    EXPECT_EQ(format_iso_date(*parse_iso_date(d)), d);
}

// Explanations quote whole conjuncts, closing parentheses included.
TEST(ExprExplain, FailingConjunctKeepsItsClosingParentheses) {
  zice::expr::MapScope scope;
  scope.add("a", {0, zice::expr::Type::Bool});
  scope.add("b", {1, zice::expr::Type::Bool});
  scope.add("c", {2, zice::expr::Type::Bool});
  auto r = zice::expr::compile("a and (b or (c and a))", scope, zice::expr::Type::Bool);
  ASSERT_TRUE(r.program);
  std::vector<zice::expr::Value> slots{zice::expr::Value::boolean(true), zice::expr::Value::boolean(false),
                                       zice::expr::Value::boolean(false)};
  zice::expr::EvalContext ctx;
  auto f = r.program->failing_conjuncts(slots, ctx);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].first, "b or (c and a)");
}

// pack_programs moves plans into one shared block: every observable property
// of each program stays the same, a program shared before packing is packed
// once, and the block lives as long as any program that uses it.
TEST_F(ExprEval, PackedProgramsBehaveAsBefore) {
  const std::vector<std::string> texts = {
      "y + x * 2 gt x and answered(missing)", "x / zero", "(x > 3) and (y > 5) and t",
      "name + '-' + x", "[1, 2, 3]", "t ? 'yes' : 'no'", "missing + 1", "sum(x, y, 2.5)", "name in ['acme', 'b']"};
  std::vector<Program> programs;
  for (const std::string& t : texts) programs.push_back(env.compile_ok(t));
  programs.push_back(programs[0]);  // a copy sharing the first plan

  struct Seen {
    Value value;
    std::vector<std::string> warnings;
    std::string source;
    std::vector<std::uint32_t> deps;
    Type type;
    std::vector<std::pair<std::string, Value>> failing;
  };
  auto observe = [&](const Program& p) {
    EvalContext ctx;
    Seen s{p.evaluate(env.slots, ctx), {}, std::string(p.source()), {}, p.type(), {}};
    s.warnings = ctx.warnings;
    s.deps.assign(p.dependencies().begin(), p.dependencies().end());
    EvalContext ctx2;
    s.failing = p.failing_conjuncts(env.slots, ctx2);
    return s;
  };
  std::vector<Seen> before;
  for (const Program& p : programs) before.push_back(observe(p));

  std::vector<Program*> pointers;
  for (Program& p : programs) pointers.push_back(&p);
  pack_programs(pointers);
  std::vector<Program> survivors(programs.begin(), programs.begin() + 3);
  programs.clear();  // the survivors alone keep the block alive (ASan checks)

  for (std::size_t i = 0; i < survivors.size(); ++i) {
    Seen after = observe(survivors[i]);
    EXPECT_EQ(after.value, before[i].value) << texts[i];
    EXPECT_EQ(after.warnings, before[i].warnings) << texts[i];
    EXPECT_EQ(after.source, before[i].source);
    EXPECT_EQ(after.deps, before[i].deps) << texts[i];
    EXPECT_EQ(after.type, before[i].type) << texts[i];
    EXPECT_EQ(after.failing, before[i].failing) << texts[i];
  }
  EXPECT_EQ(before[1].warnings, std::vector<std::string>{"division by zero in 'x / zero'"});
  EXPECT_EQ(before[2].failing.size(), 1u);
}

TEST_F(ExprEval, PackedProgramsAllMatchUnpacked) {
  const std::vector<std::string> texts = {"x * y - 3", "round(x / 3, 2)", "days_between(date('2024-01-01'), date('2024-03-01'))",
                                          "coalesce(missing, y)", "not f or n"};
  std::vector<Program> packed, plain;
  for (const std::string& t : texts) {
    packed.push_back(env.compile_ok(t));
    plain.push_back(env.compile_ok(t));
  }
  std::vector<Program*> pointers;
  for (Program& p : packed) pointers.push_back(&p);
  pack_programs(pointers);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EvalContext a, b;
    EXPECT_EQ(packed[i].evaluate(env.slots, a), plain[i].evaluate(env.slots, b)) << texts[i];
    EXPECT_EQ(a.warnings, b.warnings) << texts[i];
  }
  pack_programs({});  // nothing to do
}
