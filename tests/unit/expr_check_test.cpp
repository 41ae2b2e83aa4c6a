#include <gtest/gtest.h>

#include <string>

#include "expr/expr.hpp"

using namespace zice::expr;

namespace {

class ExprCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    std::uint32_t slot = 0;
    for (auto [name, type] : std::initializer_list<std::pair<const char*, Type>>{
             {"revenue_wan", Type::Number},
             {"rd_expense_wan", Type::Number},
             {"industry", Type::String},
             {"has_employees", Type::Bool},
             {"quality_mgmt", Type::List},
             {"founded", Type::Date},
             {"score.total", Type::Number},
             {"gate.eligible", Type::Bool},
             {"whatever", Type::Any}})
      scope.add(name, {slot++, type});
  }

  // The single error of a failing compile.
  Diagnostic err(std::string_view text, Type expected = Type::Any, Limits limits = {}) {
    CompileResult r = compile(text, scope, expected, limits);
    EXPECT_FALSE(r) << text;
    EXPECT_EQ(r.errors.size(), 1u) << text;
    return r.errors.empty() ? Diagnostic{999, 999, "no error"} : r.errors[0];
  }
  // Text the diagnostic points at.
  std::string at(std::string_view text, const Diagnostic& d) {
    return std::string(text.substr(d.offset, d.length));
  }

  MapScope scope;
};

}  // namespace

TEST_F(ExprCheck, UnknownNameWithSuggestion) {
  const char* text = "revenu_wan gt 100";
  Diagnostic d = err(text);
  EXPECT_EQ(d.offset, 0u);
  EXPECT_EQ(d.length, 10u);
  EXPECT_EQ(d.message, "unknown name 'revenu_wan'; did you mean 'revenue_wan'?");

  d = err("score.totl ge 60");
  EXPECT_EQ(d.message, "unknown name 'score.totl'; did you mean 'score.total'?");

  d = err("has_employees and zzzzz");
  EXPECT_EQ(d.offset, 18u);
  EXPECT_EQ(d.message, "unknown name 'zzzzz'");

  d = err("count gt 1");
  EXPECT_EQ(d.message, "unknown name 'count'; 'count' is a function: call it as count(...)");
}

TEST_F(ExprCheck, ReportsAllErrors) {
  CompileResult r = compile("foo + bar", scope);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].offset, 0u);
  EXPECT_EQ(r.errors[1].offset, 6u);
}

TEST_F(ExprCheck, TypeErrorsPointAtTheOperand) {
  std::string text = "revenue_wan + has_employees";
  Diagnostic d = err(text);
  EXPECT_EQ(at(text, d), "has_employees");
  EXPECT_EQ(d.message, "'+' needs numbers (to add) or strings (to join), got boolean");

  text = "industry * 2";
  d = err(text);
  EXPECT_EQ(at(text, d), "industry");
  EXPECT_EQ(d.message, "'*' needs numbers, got string");

  text = "revenue_wan eq 'big'";
  d = err(text);
  EXPECT_EQ(at(text, d), "'big'");
  EXPECT_EQ(d.message, "cannot compare number with string");

  text = "industry lt 'm'";
  d = err(text);
  EXPECT_EQ(at(text, d), "industry");
  EXPECT_NE(d.message.find("can only be compared with == and !="), std::string::npos);

  text = "has_employees and revenue_wan";
  d = err(text);
  EXPECT_EQ(at(text, d), "revenue_wan");
  EXPECT_EQ(d.message, "'and' needs booleans, got number");

  text = "not revenue_wan";
  d = err(text);
  EXPECT_EQ(at(text, d), "revenue_wan");

  text = "-industry";
  d = err(text);
  EXPECT_EQ(at(text, d), "industry");

  text = "founded gt 3";
  d = err(text);
  EXPECT_EQ(at(text, d), "3");

  text = "quality_mgmt eq ['a']";
  d = err(text);
  EXPECT_EQ(at(text, d), "quality_mgmt");
  EXPECT_NE(d.message.find("lists cannot be compared"), std::string::npos);
}

TEST_F(ExprCheck, NullComparisonIsAnError) {
  std::string text = "revenue_wan eq null";
  Diagnostic d = err(text);
  EXPECT_EQ(at(text, d), "null");
  EXPECT_NE(d.message.find("answered(name)"), std::string::npos);
}

TEST_F(ExprCheck, Membership) {
  EXPECT_TRUE(compile("industry in ['retail', 'wholesale']", scope, Type::Bool));
  EXPECT_TRUE(compile("'iso9001' in quality_mgmt", scope, Type::Bool));
  std::string text = "industry in ['a', 1]";
  Diagnostic d = err(text);
  EXPECT_EQ(at(text, d), "1");
  EXPECT_NE(d.message.find("same type"), std::string::npos);
  text = "industry in [1, 2]";
  d = err(text);
  EXPECT_EQ(at(text, d), "[1, 2]");
  EXPECT_EQ(d.message, "the list holds numbers but the value on the left is a string");
  text = "industry in 'retail'";
  d = err(text);
  EXPECT_EQ(at(text, d), "'retail'");
  EXPECT_EQ(d.message, "'in' needs a list on the right, got string");
  text = "has_employees in quality_mgmt";
  d = err(text);
  EXPECT_EQ(at(text, d), "has_employees");
}

TEST_F(ExprCheck, ExpectedType) {
  Diagnostic d = err("revenue_wan / 2", Type::Bool);
  EXPECT_EQ(d.message, "expected boolean, got number");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_EQ(d.length, 15u);
  d = err("revenue_wan gt 2", Type::Number);
  EXPECT_EQ(d.message, "expected number, got boolean");
  EXPECT_TRUE(compile("null", scope, Type::Bool));
  EXPECT_TRUE(compile("whatever", scope, Type::Number));
  EXPECT_TRUE(compile("has_employees ? revenue_wan : null", scope, Type::Number));
  EXPECT_TRUE(compile("revenue_wan", scope, Type::Any));
}

TEST_F(ExprCheck, ConditionalBranchesMustAgree) {
  std::string text = "has_employees ? 1 : 'none'";
  Diagnostic d = err(text);
  EXPECT_EQ(at(text, d), "'none'");
  EXPECT_EQ(d.message, "both branches must have the same type: got number and string");
  text = "revenue_wan ? 1 : 2";
  d = err(text);
  EXPECT_EQ(at(text, d), "revenue_wan");
  EXPECT_EQ(d.message, "the condition must be a boolean, got number");
  CompileResult r = compile("has_employees ? whatever : 1", scope);
  ASSERT_TRUE(r);
  EXPECT_EQ(r.program->type(), Type::Any);
}

TEST_F(ExprCheck, FunctionArityAndTypes) {
  std::string text = "round(1, 2, 3)";
  Diagnostic d = err(text);
  EXPECT_EQ(at(text, d), text);
  EXPECT_EQ(d.message, "round() takes 1 to 2 arguments, got 3 (usage: round(x) or round(x, digits))");
  d = err("abs()");
  EXPECT_EQ(d.message, "abs() takes 1 argument, got 0 (usage: abs(x))");
  d = err("min()");
  EXPECT_EQ(d.message, "min() takes at least 1 argument, got 0 (usage: min(a, b, ...) or min(list))");
  text = "min(revenue_wan, industry)";
  d = err(text);
  EXPECT_EQ(at(text, d), "industry");
  EXPECT_EQ(d.message, "argument 2 of min() must be a number, got string");
  text = "sum(['a', 'b'])";
  d = err(text);
  EXPECT_EQ(at(text, d), "['a', 'b']");
  text = "count(industry)";
  d = err(text);
  EXPECT_EQ(d.message, "argument 1 of count() must be a list, got string");
  text = "coalesce(revenue_wan, 'x')";
  d = err(text);
  EXPECT_EQ(at(text, d), "'x'");
  text = "between(revenue_wan, founded, 3)";
  d = err(text);
  EXPECT_NE(d.message.find("three numbers or three dates"), std::string::npos);
  EXPECT_TRUE(compile("sum(quality_mgmt)", scope, Type::Number));  // list of any: checked at run time
  EXPECT_TRUE(compile("coalesce(whatever, 1)", scope));
}

TEST_F(ExprCheck, UnknownFunctionListsKnownOnes) {
  std::string text = "flor(revenue_wan)";
  Diagnostic d = err(text);
  EXPECT_EQ(at(text, d), "flor");
  EXPECT_NE(d.message.find("unknown function 'flor'; did you mean 'floor'?"), std::string::npos);
  EXPECT_NE(d.message.find("known functions: abs, answered, between"), std::string::npos);
  EXPECT_NE(d.message.find("sum)"), std::string::npos);
}

TEST_F(ExprCheck, AnsweredNeedsAName) {
  std::string text = "answered(revenue_wan + 1)";
  Diagnostic d = err(text);
  EXPECT_EQ(at(text, d), "revenue_wan + 1");
  EXPECT_EQ(d.message, "answered() needs a question or value name, e.g. answered(revenue_wan)");
  d = err("answered(nope)");
  EXPECT_EQ(d.message, "unknown name 'nope'");
  CompileResult r = compile("answered(score.total)", scope, Type::Bool);
  ASSERT_TRUE(r);
  auto deps = r.program->dependencies();
  EXPECT_EQ(std::vector<std::uint32_t>(deps.begin(), deps.end()), std::vector<std::uint32_t>{6});
}

TEST_F(ExprCheck, DateNeedsALiteralCalendarDate) {
  std::string text = "founded lt date('2024-02-30')";
  Diagnostic d = err(text);
  EXPECT_EQ(at(text, d), "'2024-02-30'");
  EXPECT_NE(d.message.find("invalid date '2024-02-30'"), std::string::npos);
  text = "founded lt date(industry)";
  d = err(text);
  EXPECT_EQ(at(text, d), "industry");
  EXPECT_TRUE(compile("founded lt date(\"2024-02-29\")", scope, Type::Bool));
}

TEST_F(ExprCheck, LimitsAreEnforced) {
  Limits small;
  small.max_length = 10;
  Diagnostic d = err("revenue_wan gt 100", Type::Any, small);
  EXPECT_EQ(d.offset, 10u);
  EXPECT_EQ(d.message, "expression too long (18 bytes; the limit is 10)");
  Limits shallow;
  shallow.max_depth = 3;
  EXPECT_TRUE(compile("((revenue_wan))", scope, Type::Any, shallow));
  d = err("(((revenue_wan)))", Type::Any, shallow);
  EXPECT_NE(d.message.find("nested too deeply (more than 3 levels)"), std::string::npos);
  d = err(std::string(100000, '(') + "1" + std::string(100000, ')'));
  EXPECT_NE(d.message.find("too long"), std::string::npos);
}

TEST_F(ExprCheck, SyntaxErrorsComeThroughCompile) {
  Diagnostic d = err("revenue_wan gt");
  EXPECT_EQ(d.offset, 14u);
  EXPECT_EQ(d.message, "expected operand at end of expression");
}

TEST_F(ExprCheck, ConstantsAreFolded) {
  CompileResult r = compile("industry in ['retail', 'wholesale'] and 2 * 3 eq 6", scope, Type::Bool);
  ASSERT_TRUE(r);
  EvalContext ctx;
  std::vector<Value> slots(9);
  slots[2] = Value::string("retail");
  EXPECT_EQ(r.program->evaluate(slots, ctx).to_display(), "true");
}

TEST(ExprCaret, RendersUnderline) {
  EXPECT_EQ(render_caret("revenu_wan gt 100", 0, 10), "revenu_wan gt 100\n^~~~~~~~~~");
  EXPECT_EQ(render_caret("a + b", 4, 1), "a + b\n    ^");
  EXPECT_EQ(render_caret("a +", 3, 0), "a +\n   ^");
}

TEST(ExprCaret, CountsWideCharactersAsTwoColumns) {
  // "'营业' + x": the two CJK characters take 4 columns, 6 bytes.
  std::string text = "'营业' + x";
  std::size_t off = text.find('x');
  EXPECT_EQ(render_caret(text, off, 1), text + "\n" + std::string(9, ' ') + "^");
  EXPECT_EQ(render_caret(text, 0, 8), text + "\n^~~~~~");  // whole literal: 6 columns
  EXPECT_EQ(render_caret("é + x", 5, 1), "é + x\n    ^");  // 2 bytes, 1 column
}

TEST(ExprCaret, ShowsOnlyTheOffendingLine) {
  std::string text = "a and\n  b and\n  c";
  std::size_t off = text.find('b');
  EXPECT_EQ(render_caret(text, off, 1), "  b and\n  ^");
  EXPECT_EQ(render_caret("x\tand y", 6, 1), "x\tand y\n \t    ^");
}

TEST(ExprCaret, ClosestName) {
  std::vector<std::string> names = {"revenue_wan", "rd_expense_wan", "employees"};
  EXPECT_EQ(closest_name("revenu_wan", names), "revenue_wan");
  EXPECT_EQ(closest_name("Employees", names), "employees");
  EXPECT_EQ(closest_name("xyz", names), "");
  EXPECT_EQ(function_names().front(), "abs");
}
