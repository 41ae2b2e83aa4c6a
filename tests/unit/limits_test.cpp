// Resource limits (include/zice/limits.hpp): every limit accepts input exactly
// at the limit and rejects input one past it, with an error naming the limit
// (and, for rulesets, file:line:col).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include <pugixml.hpp>

#include "test_support.hpp"

using namespace zice;
using zice::test::ruleset_xml;

namespace {

const char* kQ = R"(<question id="a" type="number"><label>甲</label></question>
<question id="b" type="number"><label>乙</label></question>
)";

LoadResult load(const std::string& xml, const RulesetLimits& l) { return Ruleset::load_buffer(xml, "test.xml", l); }

/// The first error, which must be a "limit" diagnostic.
Diagnostic limit_error(const LoadResult& r) {
  EXPECT_FALSE(r.ruleset.has_value()) << "expected a limit error";
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::error) {
      EXPECT_TRUE(d.code == "limit" || d.code == "expression") << d.format();
      return d;
    }
  ADD_FAILURE() << "no error diagnostic";
  return {};
}

std::string all_diags(const LoadResult& r) {
  std::string s;
  for (const Diagnostic& d : r.diagnostics) s += d.format() + "\n";
  return s;
}

struct DomStats {
  std::size_t elements = 0, depth = 0;
};
void walk(pugi::xml_node n, std::size_t depth, DomStats& s) {
  for (pugi::xml_node c : n.children())
    if (c.type() == pugi::node_element) {
      ++s.elements;
      s.depth = std::max(s.depth, depth);
      walk(c, depth + 1, s);
    }
}
DomStats stats(const std::string& xml) {
  pugi::xml_document doc;
  doc.load_string(xml.c_str());
  DomStats s;
  walk(doc, 1, s);
  return s;
}

// ---- ruleset limits ------------------------------------------------------------

TEST(Limits, RulesetBytesAtAndPastTheLimit) {
  std::string xml = ruleset_xml(kQ);
  RulesetLimits l;
  l.max_file_bytes = xml.size();
  EXPECT_TRUE(load(xml, l)) << all_diags(load(xml, l));
  l.max_file_bytes = xml.size() - 1;
  Diagnostic d = limit_error(load(xml, l));
  EXPECT_EQ(d.code, "limit");
  EXPECT_NE(d.message.find("ruleset-bytes"), std::string::npos) << d.message;
  EXPECT_EQ(d.file, "test.xml");
}

TEST(Limits, RulesetBytesOfAFileIsCheckedBeforeReadingItAll) {
  std::string xml = ruleset_xml(kQ);
  std::string path = ::testing::TempDir() + "zice_limits_bytes.xml";
  std::ofstream(path, std::ios::binary) << xml;
  RulesetLimits l;
  l.max_file_bytes = xml.size();
  EXPECT_TRUE(Ruleset::load_file(path, l));
  l.max_file_bytes = xml.size() - 1;
  LoadResult r = Ruleset::load_file(path, l);
  Diagnostic d = limit_error(r);
  EXPECT_NE(d.message.find("ruleset-bytes"), std::string::npos) << d.message;
  EXPECT_EQ(d.file, path);
  std::remove(path.c_str());
  // An endless device is refused after max_file_bytes + 1 bytes, not read forever.
  l.max_file_bytes = 1 << 20;
  auto t0 = std::chrono::steady_clock::now();
  d = limit_error(Ruleset::load_file("/dev/zero", l));
  EXPECT_NE(d.message.find("ruleset-bytes"), std::string::npos) << d.message;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
}

TEST(Limits, RulesetElementsAtAndPastTheLimit) {
  std::string xml = ruleset_xml(kQ);
  DomStats s = stats(xml);
  ASSERT_GT(s.elements, 5u);
  RulesetLimits l;
  l.max_elements = s.elements;
  EXPECT_TRUE(load(xml, l)) << all_diags(load(xml, l));
  l.max_elements = s.elements - 1;
  Diagnostic d = limit_error(load(xml, l));
  EXPECT_NE(d.message.find("ruleset-elements"), std::string::npos) << d.message;
  // The last element in document order is the second question's <label>.
  EXPECT_EQ(d.line, 6);
  EXPECT_EQ(d.column, 32);
}

TEST(Limits, RulesetDepthAtAndPastTheLimit) {
  // Sections nest; the innermost <label> is the deepest element.
  std::string q = "<section id=\"s1\"><title>一</title><section id=\"s2\"><title>二</title>\n"
                  "<question id=\"a\" type=\"number\"><label>甲</label></question>\n"
                  "</section></section>\n";
  std::string xml = ruleset_xml(q);
  DomStats s = stats(xml);
  RulesetLimits l;
  l.max_depth = s.depth;
  LoadResult ok = load(xml, l);
  EXPECT_TRUE(ok) << all_diags(ok);
  l.max_depth = s.depth - 1;
  Diagnostic d = limit_error(load(xml, l));
  EXPECT_NE(d.message.find("ruleset-depth"), std::string::npos) << d.message;
  EXPECT_EQ(d.line, 6);  // the <label> inside the inner section's question
  EXPECT_GT(d.column, 1);
}

TEST(Limits, QuestionsAtAndPastTheLimit) {
  std::string xml = ruleset_xml(kQ);
  RulesetLimits l;
  l.max_questions = 2;
  EXPECT_TRUE(load(xml, l));
  l.max_questions = 1;
  Diagnostic d = limit_error(load(xml, l));
  EXPECT_NE(d.message.find("limit questions"), std::string::npos) << d.message;
  EXPECT_EQ(d.line, 6);
  EXPECT_EQ(d.column, 1);
}

TEST(Limits, ExpressionLengthAtAndPastTheLimit) {
  const std::string e = "a + b * 2";
  std::string xml = ruleset_xml(kQ, "<derived>\n<value id=\"c\" expr=\"" + e + "\"/></derived>\n");
  RulesetLimits l;
  l.max_expression_length = e.size();
  LoadResult ok = load(xml, l);
  EXPECT_TRUE(ok) << all_diags(ok);
  l.max_expression_length = e.size() - 1;
  Diagnostic d = limit_error(load(xml, l));
  EXPECT_NE(d.message.find("expression-length"), std::string::npos) << d.message;
  EXPECT_EQ(d.line, 9);
}

TEST(Limits, ExpressionDepthAtAndPastTheLimit) {
  // Every re-entry into an expression counts one level: the whole expression
  // is level 1, so "(((a)))" needs a limit of 4.
  const std::string e = "(((a)))";
  std::string xml = ruleset_xml(kQ, "<derived>\n<value id=\"c\" expr=\"" + e + "\"/></derived>\n");
  RulesetLimits l;
  l.max_expression_depth = 4;
  LoadResult ok = load(xml, l);
  EXPECT_TRUE(ok) << all_diags(ok);
  l.max_expression_depth = 3;
  Diagnostic d = limit_error(load(xml, l));
  EXPECT_NE(d.message.find("expression-depth"), std::string::npos) << d.message;
  EXPECT_EQ(d.line, 9);
}

TEST(Limits, DefaultsLoadEveryShippedRuleset) {
  for (const char* f : {"/rulesets/sme-quality-maturity.xml", "/rulesets/sme-legal-compliance.xml",
                        "/examples/innovation-demo.xml"}) {
    LoadResult r = Ruleset::load_file(std::string(ZICE_SOURCE_DIR) + f);
    EXPECT_TRUE(r) << f << "\n" << all_diags(r);
  }
}

// ---- answer limits ---------------------------------------------------------------

AnswersParse parse(const std::string& text, const AnswerLimits& l) { return parse_answers(text, l); }

void expect_limit(const AnswersParse& p, const char* name) {
  EXPECT_FALSE(p);
  EXPECT_EQ(p.code, "limit");
  EXPECT_NE(p.error.find(name), std::string::npos) << p.error;
  EXPECT_TRUE(p.value.is_null());
}

TEST(Limits, AnswersBytesAtAndPastTheLimit) {
  std::string text = R"({"a": 1, "b": 2})";
  AnswerLimits l;
  l.max_bytes = text.size();
  EXPECT_TRUE(parse(text, l)) << parse(text, l).error;
  l.max_bytes = text.size() - 1;
  expect_limit(parse(text, l), "answers-bytes");
}

TEST(Limits, AnswersDepthAtAndPastTheLimit) {
  // The answers object is level 1; {"a": [[1]]} is 3 levels deep.
  std::string text = R"({"a": [[1]]})";
  AnswerLimits l;
  l.max_depth = 3;
  EXPECT_TRUE(parse(text, l)) << parse(text, l).error;
  l.max_depth = 2;
  AnswersParse p = parse(text, l);
  expect_limit(p, "answers-depth");
  EXPECT_EQ(p.line, 1);
  EXPECT_GT(p.column, 1);
}

TEST(Limits, AnswersStringLengthAtAndPastTheLimit) {
  std::string text = R"({"a": "12345", "b": ["x"]})";
  AnswerLimits l;
  l.max_string_length = 5;
  EXPECT_TRUE(parse(text, l)) << parse(text, l).error;
  l.max_string_length = 4;
  AnswersParse p = parse(text, l);
  expect_limit(p, "answers-string-length");
  EXPECT_NE(p.error.find("answers.a"), std::string::npos) << p.error;
  // Keys count too.
  std::string keyed = R"({"abcdef": 1})";
  l.max_string_length = 6;
  EXPECT_TRUE(parse(keyed, l));
  l.max_string_length = 5;
  expect_limit(parse(keyed, l), "answers-string-length");
}

TEST(Limits, AnswersArrayLengthAtAndPastTheLimit) {
  std::string text = R"({"a": [1, 2, 3], "b": {"c": [[4]]}})";
  AnswerLimits l;
  l.max_array_length = 3;
  EXPECT_TRUE(parse(text, l)) << parse(text, l).error;
  l.max_array_length = 2;
  AnswersParse p = parse(text, l);
  expect_limit(p, "answers-array-length");
  EXPECT_NE(p.error.find("answers.a"), std::string::npos) << p.error;
}

TEST(Limits, HundredMegabyteAnswersAreRejectedBeforeParsing) {
  std::string text = "{\"a\": \"";
  text.append(100u << 20, 'x');
  text += "\"}";
  auto t0 = std::chrono::steady_clock::now();
  AnswersParse p = parse_answers(text);
  auto took = std::chrono::steady_clock::now() - t0;
  expect_limit(p, "answers-bytes");
  // Rejected by the size check alone: no parse, no tree (microseconds, not seconds).
  EXPECT_LT(took, std::chrono::milliseconds(100));
}

// ---- set_limit --------------------------------------------------------------------

TEST(Limits, SetLimitByName) {
  RulesetLimits r;
  AnswerLimits a;
  EXPECT_FALSE(set_limit(r, a, "questions", "7"));
  EXPECT_EQ(r.max_questions, 7u);
  EXPECT_FALSE(set_limit(r, a, "answers-bytes", "1048576"));
  EXPECT_EQ(a.max_bytes, 1048576u);
  EXPECT_FALSE(set_limit(r, a, "ruleset-depth", "256"));
  auto err = set_limit(r, a, "ruleset-depth", "257");  // depth bounds recursion
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("256"), std::string::npos) << *err;
  err = set_limit(r, a, "answers-depth", "0");
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("positive integer"), std::string::npos) << *err;
  EXPECT_TRUE(set_limit(r, a, "questions", "12x"));
  EXPECT_TRUE(set_limit(r, a, "questions", "-1"));
  err = set_limit(r, a, "no-such-limit", "1");
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("unknown limit"), std::string::npos) << *err;
  EXPECT_NE(err->find("expression-depth"), std::string::npos) << *err;  // lists the known names
}

}  // namespace
