#include <gtest/gtest.h>

#include <string>

#include "expr/parser.hpp"

using namespace zice::expr;

namespace {

const char* op_name(ast::Op op) {
  switch (op) {
    case ast::Op::Neg: return "neg";
    case ast::Op::Not: return "not";
    case ast::Op::Add: return "+";
    case ast::Op::Sub: return "-";
    case ast::Op::Mul: return "*";
    case ast::Op::Div: return "/";
    case ast::Op::Mod: return "%";
    case ast::Op::Eq: return "==";
    case ast::Op::Ne: return "!=";
    case ast::Op::Lt: return "<";
    case ast::Op::Le: return "<=";
    case ast::Op::Gt: return ">";
    case ast::Op::Ge: return ">=";
    case ast::Op::In: return "in";
    case ast::Op::And: return "and";
    case ast::Op::Or: return "or";
    case ast::Op::None: break;
  }
  return "?";
}

// S-expression form of the tree, for precedence tests.
std::string sexp(const ast::Node& n) {
  switch (n.kind) {
    case ast::Kind::Literal: return n.literal.to_display();
    case ast::Kind::Name: return n.name;
    case ast::Kind::Unary: return std::string("(") + op_name(n.op) + " " + sexp(*n.children[0]) + ")";
    case ast::Kind::Binary:
      return std::string("(") + op_name(n.op) + " " + sexp(*n.children[0]) + " " + sexp(*n.children[1]) + ")";
    case ast::Kind::Conditional:
      return "(? " + sexp(*n.children[0]) + " " + sexp(*n.children[1]) + " " + sexp(*n.children[2]) + ")";
    case ast::Kind::List:
    case ast::Kind::Call: {
      std::string s = n.kind == ast::Kind::List ? "[" : n.name + "(";
      for (std::size_t i = 0; i < n.children.size(); ++i) s += (i ? " " : "") + sexp(*n.children[i]);
      return s + (n.kind == ast::Kind::List ? "]" : ")");
    }
  }
  return "?";
}

std::string P(std::string_view text, Limits limits = {}) {
  ParseResult r = parse(text, limits);
  if (r.error) return "error@" + std::to_string(r.error->offset) + ":" + r.error->message;
  return sexp(*r.root);
}

Diagnostic E(std::string_view text, Limits limits = {}) {
  ParseResult r = parse(text, limits);
  EXPECT_TRUE(r.error.has_value()) << text;
  return r.error.value_or(Diagnostic{999, 999, "no error"});
}

}  // namespace

TEST(ExprParser, Literals) {
  EXPECT_EQ(P("12"), "12");
  EXPECT_EQ(P("0.55"), "0.55");
  EXPECT_EQ(P("1e3"), "1000");
  EXPECT_EQ(P("-3"), "-3");  // folded into the literal
  EXPECT_EQ(P("'abc'"), "'abc'");
  EXPECT_EQ(P("\"abc\""), "'abc'");
  EXPECT_EQ(P(R"('it\'s \\ ok')"), R"('it\'s \\ ok')");
  EXPECT_EQ(P("'营业收入'"), "'营业收入'");
  EXPECT_EQ(P("true"), "true");
  EXPECT_EQ(P("false"), "false");
  EXPECT_EQ(P("null"), "null");
  EXPECT_EQ(P("[1, 2]"), "[1 2]");
  EXPECT_EQ(P("['a','b']"), "['a' 'b']");
  EXPECT_EQ(P("[]"), "[]");
  EXPECT_EQ(P("date('2024-01-01')"), "date('2024-01-01')");
}

TEST(ExprParser, LiteralSpans) {
  ParseResult r = parse("  -3 ", {});
  ASSERT_TRUE(r.root);
  EXPECT_EQ(r.root->offset, 2u);
  EXPECT_EQ(r.root->length, 2u);
  r = parse("a + 'x y'", {});
  ASSERT_TRUE(r.root);
  EXPECT_EQ(r.root->children[1]->offset, 4u);
  EXPECT_EQ(r.root->children[1]->length, 5u);
  EXPECT_TRUE(r.root->children[1]->string_literal);
}

TEST(ExprParser, Precedence) {
  EXPECT_EQ(P("1 + 2 * 3"), "(+ 1 (* 2 3))");
  EXPECT_EQ(P("(1 + 2) * 3"), "(* (+ 1 2) 3)");
  EXPECT_EQ(P("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(P("a / b * 100"), "(* (/ a b) 100)");
  EXPECT_EQ(P("a % 2 + 1"), "(+ (% a 2) 1)");
  EXPECT_EQ(P("-a * b"), "(* (neg a) b)");
  EXPECT_EQ(P("a - -b"), "(- a (neg b))");
  EXPECT_EQ(P("a + b gt c * d"), "(> (+ a b) (* c d))");
  EXPECT_EQ(P("a or b and c"), "(or a (and b c))");
  EXPECT_EQ(P("a and b or c and d"), "(or (and a b) (and c d))");
  EXPECT_EQ(P("not a eq b"), "(not (== a b))");
  EXPECT_EQ(P("!a == b"), "(not (== a b))");
  EXPECT_EQ(P("not a and b"), "(and (not a) b)");
  EXPECT_EQ(P("not not a"), "(not (not a))");
  EXPECT_EQ(P("a ? b : c ? d : e"), "(? a b (? c d e))");
  EXPECT_EQ(P("a or b ? 1 : 2"), "(? (or a b) 1 2)");
  EXPECT_EQ(P("if a then b else c"), "(? a b c)");
  EXPECT_EQ(P("1 + (if a then 2 else 3)"), "(+ 1 (? a 2 3))");
  EXPECT_EQ(P("x in [1, 2] and y"), "(and (in x [1 2]) y)");
  EXPECT_EQ(P("a + b in list"), "(in (+ a b) list)");
}

TEST(ExprParser, BothOperatorSpellings) {
  EXPECT_EQ(P("a eq b"), P("a == b"));
  EXPECT_EQ(P("a ne b"), P("a != b"));
  EXPECT_EQ(P("a lt b"), P("a < b"));
  EXPECT_EQ(P("a le b"), P("a <= b"));
  EXPECT_EQ(P("a gt b"), P("a > b"));
  EXPECT_EQ(P("a ge b"), P("a >= b"));
  EXPECT_EQ(P("a and b"), P("a && b"));
  EXPECT_EQ(P("a or b"), P("a || b"));
  EXPECT_EQ(P("not a"), P("!a"));
  EXPECT_EQ(P("a!=b"), "(!= a b)");
  EXPECT_EQ(P("a<=b"), "(<= a b)");
  EXPECT_EQ(P("a>b"), "(> a b)");
}

TEST(ExprParser, KeywordsAreNotIdentifierPrefixes) {
  EXPECT_EQ(P("order"), "order");
  EXPECT_EQ(P("android"), "android");
  EXPECT_EQ(P("index"), "index");
  EXPECT_EQ(P("inner"), "inner");
  EXPECT_EQ(P("notes"), "notes");
  EXPECT_EQ(P("iff"), "iff");
  EXPECT_EQ(P("nullable"), "nullable");
  EXPECT_EQ(P("truex"), "truex");
  EXPECT_EQ(P("order or android"), "(or order android)");
  EXPECT_EQ(P("index in inner"), "(in index inner)");
  EXPECT_EQ(P("eqx eq nex"), "(== eqx nex)");
  EXPECT_EQ(P("not notes"), "(not notes)");
}

TEST(ExprParser, DottedNames) {
  EXPECT_EQ(P("score.total ge 60"), "(>= score.total 60)");
  EXPECT_EQ(P("gate.eligible and findings.critical eq 0"), "(and gate.eligible (== findings.critical 0))");
  ParseResult r = parse("percent.innovation", {});
  ASSERT_TRUE(r.root);
  EXPECT_EQ(r.root->kind, ast::Kind::Name);
  EXPECT_EQ(r.root->name, "percent.innovation");
  EXPECT_EQ(r.root->length, 18u);
}

TEST(ExprParser, Calls) {
  EXPECT_EQ(P("min(a, b, 3)"), "min(a b 3)");
  EXPECT_EQ(P("count()"), "count()");
  EXPECT_EQ(P("min(floor(x / 2), 5)"), "min(floor((/ x 2)) 5)");
  ParseResult r = parse("round(x, 2) + 1", {});
  ASSERT_TRUE(r.root);
  const ast::Node& call = *r.root->children[0];
  EXPECT_EQ(call.offset, 0u);
  EXPECT_EQ(call.length, 11u);
}

TEST(ExprParser, RealRulesetExpressions) {
  EXPECT_EQ(P("rd_expense_wan / revenue_wan * 100 ge 3"), "(>= (* (/ rd_expense_wan revenue_wan) 100) 3)");
  EXPECT_EQ(P("'iso9001' in quality_mgmt"), "(in 'iso9001' quality_mgmt)");
  EXPECT_EQ(P("industry in ['retail','wholesale']"), "(in industry ['retail' 'wholesale'])");
  EXPECT_EQ(P("gates.mandatory and (gates.direct or (score.total ge 60 and minimums.met))"),
            "(and gates.mandatory (or gates.direct (and (>= score.total 60) minimums.met)))");
  EXPECT_EQ(P("(answered(a) ? 1 : 0) + (answered(b) ? 1 : 0)"), "(+ (? answered(a) 1 0) (? answered(b) 1 0))");
  EXPECT_EQ(P("x eq '1' ? 1 : (x eq '2' ? 2 : 5)"), "(? (== x '1') 1 (? (== x '2') 2 5))");
  EXPECT_EQ(P("a\n  and\tb"), "(and a b)");
}

TEST(ExprParser, SyntaxErrorsWithOffsets) {
  Diagnostic d = E("(a + b");
  EXPECT_EQ(d.offset, 6u);
  EXPECT_EQ(d.message, "expected ')' at end of expression");

  d = E("min(a, b");
  EXPECT_EQ(d.offset, 8u);
  EXPECT_EQ(d.message, "expected ')' at end of expression");

  d = E("a + ");
  EXPECT_EQ(d.offset, 4u);
  EXPECT_EQ(d.message, "expected operand at end of expression");

  d = E("a b");
  EXPECT_EQ(d.offset, 2u);
  EXPECT_EQ(d.length, 1u);
  EXPECT_EQ(d.message, "unexpected 'b'");

  d = E("x gt 3 foo");
  EXPECT_EQ(d.offset, 7u);
  EXPECT_EQ(d.length, 3u);
  EXPECT_EQ(d.message, "unexpected 'foo'");

  d = E("a ? 1");
  EXPECT_EQ(d.offset, 5u);
  EXPECT_EQ(d.message, "expected ':' at end of expression");

  d = E("if a then 1");
  EXPECT_EQ(d.offset, 11u);
  EXPECT_EQ(d.message, "expected 'else' at end of expression");

  d = E("[1, 2");
  EXPECT_EQ(d.offset, 5u);
  EXPECT_EQ(d.message, "expected ']' at end of expression");

  d = E("a * ) ");
  EXPECT_EQ(d.offset, 4u);
  EXPECT_EQ(d.length, 1u);
  EXPECT_EQ(d.message, "expected operand, found ')'");

  d = E("");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_EQ(d.message, "expected expression");

  d = E("   ");
  EXPECT_EQ(d.message, "expected expression");

  d = E(")");
  EXPECT_EQ(d.message, "unexpected ')'");
}

TEST(ExprParser, HelpfulHints) {
  Diagnostic d = E("a = 1");
  EXPECT_EQ(d.offset, 2u);
  EXPECT_EQ(d.message, "unexpected '='; use '==' or 'eq' to compare");
  d = E("a & b");
  EXPECT_EQ(d.message, "unexpected '&'; use '&&' or 'and'");
  d = E("a < b < c");
  EXPECT_EQ(d.offset, 6u);
  EXPECT_EQ(d.length, 1u);
  EXPECT_NE(d.message.find("cannot be chained"), std::string::npos);
  d = E("a eq b ne c");
  EXPECT_EQ(d.offset, 7u);
  EXPECT_EQ(d.length, 2u);
}

TEST(ExprParser, LexicalErrors) {
  Diagnostic d = E("'abc");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_EQ(d.message, "unterminated string literal");
  d = E("x + 'a\\qb'");
  EXPECT_EQ(d.offset, 6u);
  EXPECT_EQ(d.length, 2u);
  EXPECT_NE(d.message.find("unknown escape"), std::string::npos);
  d = E("12abc");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_EQ(d.length, 5u);
  EXPECT_EQ(d.message, "invalid number '12abc'");
  d = E("1e999");
  EXPECT_EQ(d.message, "number '1e999' is out of range");
  d = E("a + 营业收入");
  EXPECT_EQ(d.offset, 4u);
  EXPECT_EQ(d.length, 3u);  // one whole UTF-8 code point
  EXPECT_EQ(d.message, "expected operand, found '营'");
  d = E("true.x");
  EXPECT_EQ(d.offset, 4u);
}

TEST(ExprParser, LengthLimit) {
  std::string text(4001, 'a');
  Diagnostic d = E(text);
  EXPECT_EQ(d.offset, 4000u);
  EXPECT_EQ(d.length, 1u);
  EXPECT_NE(d.message.find("too long"), std::string::npos);
  EXPECT_FALSE(parse(std::string(4000, 'a'), {}).error.has_value());
}

TEST(ExprParser, DeepNestingIsAnErrorNotACrash) {
  Limits big;
  big.max_length = 1'000'000;
  std::string deep(100000, '(');
  deep += "1";
  Diagnostic d = E(deep, big);
  EXPECT_EQ(d.offset, 64u);  // the expression inside the 64th parenthesis is level 65
  EXPECT_NE(d.message.find("nested too deeply"), std::string::npos);
  // Default limits: rejected for length first.
  EXPECT_NE(E(deep).message.find("too long"), std::string::npos);
  // Prefix operators and lists count too.
  EXPECT_NE(E(std::string(100000, '-') + "1", big).message.find("nested too deeply"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 50000; ++i) nots += "not ";
  EXPECT_NE(E(nots + "a", big).message.find("nested too deeply"), std::string::npos);
  EXPECT_NE(E(std::string(100000, '[') + "1", big).message.find("nested too deeply"), std::string::npos);
  // 60 levels are fine.
  EXPECT_EQ(P(std::string(60, '(') + "1" + std::string(60, ')')), "1");
}

TEST(ExprParser, LongFlatChainsAreBounded) {
  Limits big;
  big.max_length = 10'000'000;
  std::string chain = "1";
  for (int i = 0; i < 200000; ++i) chain += "+1";
  Diagnostic d = E(chain, big);  // no stack overflow on build, check or destruction
  EXPECT_NE(d.message.find("too complex"), std::string::npos);
  std::string ok = "1";
  for (int i = 0; i < 500; ++i) ok += "+1";
  EXPECT_FALSE(parse(ok, big).error.has_value());
}
