// Hostile answers JSON: NaN and Infinity spellings, numbers beyond double,
// duplicate keys, wrong types everywhere, deep nesting, 100 MB documents.
// Each is a precise error or a well-defined answer problem — never a crash,
// never a corrupted result.
#include <chrono>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace zice;
using zice::test::must_load;
using zice::test::ruleset_xml;

namespace {

Ruleset model() {
  return must_load(ruleset_xml(R"(
<question id="employees" type="integer" min="0" max="100000"><label>员工</label></question>
<question id="revenue_wan" type="number" min="0"><label>收入</label></question>
<question id="industry" type="choice"><label>行业</label><option value="retail">零售</option><option value="software_it">软件</option></question>
<question id="certs" type="multi-choice" required="false"><label>认证</label>
  <option value="iso9001">9001</option><option value="iso14001">14001</option></question>
<question id="name" type="text" required="false"><label>名称</label></question>
<question id="founded" type="date" required="false"><label>成立日期</label></question>
<question id="listed" type="boolean" required="false"><label>上市</label></question>
)",
                               R"(<derived><value id="per_head" expr="revenue_wan / employees"/></derived>
)"));
}

TEST(HostileAnswers, NanAndInfinitySpellingsAreInvalidJson) {
  for (const char* spelling : {"NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "-inf", "+1", "0x10", "1.", ".5",
                               "01", "1e", "Inf"}) {
    AnswersParse p = parse_answers(std::string(R"({"revenue_wan": )") + spelling + "}");
    EXPECT_FALSE(p) << spelling;
    EXPECT_EQ(p.code, "invalid_json") << spelling;
    EXPECT_EQ(p.line, 1) << spelling;
    EXPECT_GE(p.column, 17) << spelling;  // at or after the value
  }
}

TEST(HostileAnswers, NumbersBeyondDoubleAreRejectedNotInfinite) {
  for (const char* n : {"1e400", "-1e400", "1e999999999", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792"}) {
    AnswersParse p = parse_answers(std::string(R"({"revenue_wan": )") + n + "}");
    EXPECT_FALSE(p) << n;
    EXPECT_EQ(p.code, "invalid_json") << n;
    EXPECT_TRUE(p.value.is_null());
  }
  // Tiny numbers underflow to zero, which is a number: accepted.
  AnswersParse p = parse_answers(R"({"revenue_wan": 1e-400})");
  EXPECT_TRUE(p) << p.error;
  // Integers beyond int64 but within double become doubles, then a clean
  // answer problem or an exact value — never UB.
  p = parse_answers(R"({"employees": 99999999999999999999999, "revenue_wan": 1.7e308})");
  ASSERT_TRUE(p) << p.error;
  AssessOptions o;
  o.lang = "en";
  o.date = "2026-01-01";
  Assessment a = assess(model(), p.value, o);
  ASSERT_TRUE(a.ok);
  bool flagged = false;
  for (const AnswerProblem& pr : a.problems)
    if (pr.question == "employees") flagged = true;
  EXPECT_TRUE(flagged) << to_json_text(a.result);
}

TEST(HostileAnswers, DuplicateKeysLastOneWins) {
  AnswersParse p = parse_answers(R"({"employees": 1, "employees": 2, "employees": "x", "employees": 3})");
  ASSERT_TRUE(p) << p.error;
  ASSERT_TRUE(p.value.is_object());
  EXPECT_EQ(p.value.as_object().size(), 1u);
  EXPECT_EQ(p.value.as_object().at("employees"), boost::json::value(3));
}

TEST(HostileAnswers, WrongTypesEverywhereAreAnswerProblems) {
  Ruleset rs = model();
  const std::vector<std::string> values = {"null", "true", "false", "0", "-1", "1.5", "1e300", "\"\"", "\"x\"",
                                           "\"2026-02-30\"", "[]", "[1]", "[null]", "[[[]]]", "{}", "{\"a\":1}",
                                           "\"\\u0000\"", "\"\\ud800\""};
  for (const char* q : {"employees", "revenue_wan", "industry", "certs", "name", "founded", "listed"})
    for (const std::string& v : values) {
      std::string text = std::string("{\"") + q + "\": " + v + "}";
      AnswersParse p = parse_answers(text);
      if (!p) {
        EXPECT_EQ(p.code, "invalid_json") << text;  // a lone surrogate
        continue;
      }
      AssessOptions o;
      o.date = "2026-01-01";
      Assessment a = assess(rs, p.value, o);
      EXPECT_TRUE(a.ok) << text;
      EXPECT_TRUE(a.result.is_object()) << text;
      // Output is valid JSON that parses back (no NaN, no raw control bytes).
      std::string out = to_json_text(a.result);
      boost::system::error_code ec;
      boost::json::parse(out, ec);
      EXPECT_FALSE(ec) << text << ": " << ec.message();
    }
  // The whole document of the wrong type.
  for (const char* doc : {"[]", "1", "\"answers\"", "null", "true"}) {
    AnswersParse p = parse_answers(doc);
    EXPECT_EQ(p.code, "not_object") << doc;
  }
  // Unknown keys and keys that look like expressions or paths are just unknown.
  AnswersParse p = parse_answers(R"({"__proto__": 1, "a.b": 2, "employees + 1": 3, "": 4})");
  ASSERT_TRUE(p);
  std::vector<AnswerProblem> probs = validate(rs, p.value);
  std::size_t unknown = 0;
  for (const AnswerProblem& pr : probs) unknown += pr.code == "unknown_question";
  EXPECT_EQ(unknown, 4u);
}

TEST(HostileAnswers, DivisionByZeroInDerivedValuesIsNullNotACrash) {
  AnswersParse p = parse_answers(R"({"employees": 0, "revenue_wan": 100, "industry": "retail"})");
  ASSERT_TRUE(p);
  AssessOptions o;
  o.trace = true;
  o.date = "2026-01-01";
  Assessment a = assess(model(), p.value, o);
  ASSERT_TRUE(a.ok);
  std::string out = to_json_text(a.result);
  EXPECT_NE(out.find("division by zero"), std::string::npos) << out;
}

TEST(HostileAnswers, DeepNestingIsRefusedWhileParsing) {
  for (std::size_t depth : {17u, 1000u, 1000000u}) {
    std::string text = "{\"a\": " + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
    auto t0 = std::chrono::steady_clock::now();
    AnswerLimits l;
    l.max_bytes = 4u << 20;
    AnswersParse p = parse_answers(text, l);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
    EXPECT_EQ(p.code, "limit") << depth;
    EXPECT_NE(p.error.find("answers-depth"), std::string::npos) << p.error;
    EXPECT_EQ(p.column, 22) << depth;  // the bracket that opens level 17
  }
}

TEST(HostileAnswers, HundredMegabytesAreRejectedBySize) {
  std::string text(100u << 20, ' ');
  text.front() = '{';
  text.back() = '}';
  auto t0 = std::chrono::steady_clock::now();
  AnswersParse p = parse_answers(text);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(100));
  EXPECT_EQ(p.code, "limit");
  EXPECT_NE(p.error.find("answers-bytes"), std::string::npos) << p.error;
}

TEST(HostileAnswers, InvalidUtf8AndByteOrderMark) {
  AnswersParse p = parse_answers("{\"name\": \"\xC3\x28\"}");
  EXPECT_EQ(p.code, "invalid_json");
  p = parse_answers("\xEF\xBB\xBF{\"name\": \"ok\"}");
  EXPECT_TRUE(p) << p.error;
  p = parse_answers("");
  EXPECT_EQ(p.code, "invalid_json");
  p = parse_answers(R"({"name": "x"} trailing)");
  EXPECT_EQ(p.code, "invalid_json");
  p = parse_answers(R"({"name": "x",})");
  EXPECT_EQ(p.code, "invalid_json");
  p = parse_answers("{\"name\": \"x\" /* comment */}");
  EXPECT_EQ(p.code, "invalid_json");
}

// parse_answers with a storage: the whole value lives in the caller's
// resource (so dropping it costs nothing), also past its first buffer, and it
// scores exactly as answers parsed with the default storage; errors and limits
// are reported as without one.
TEST(HostileAnswers, ParsesIntoTheGivenStorage) {
  std::string text = R"({"employees": 12, "revenue_wan": 3456.5, "industry": "retail", "certs": ["iso9001"], "name": ")" +
                     std::string(20000, 'x') + R"("})";
  unsigned char buffer[1024];
  boost::json::monotonic_resource arena(buffer, sizeof buffer);
  AnswersParse p = parse_answers(text, {}, &arena);
  ASSERT_TRUE(p) << p.error;
  EXPECT_EQ(p.value.storage().get(), &arena);
  EXPECT_EQ(p.value.at("certs").storage().get(), &arena);
  EXPECT_EQ(p.value.at("name").get_string().size(), 20000u);
  AnswersParse plain = parse_answers(text);
  EXPECT_EQ(p.value, plain.value);
  Ruleset rs = model();
  AssessOptions o;
  o.date = "2026-06-30";
  EXPECT_EQ(to_json_text(assess(rs, p.value, o).result), to_json_text(assess(rs, plain.value, o).result));

  AnswerLimits small;
  small.max_string_length = 100;
  EXPECT_EQ(parse_answers(text, small, &arena).code, "limit");
  EXPECT_EQ(parse_answers(R"({"name": )", {}, &arena).code, "invalid_json");
  EXPECT_EQ(parse_answers("[1, 2]", {}, &arena).code, "not_object");
}

}  // namespace
