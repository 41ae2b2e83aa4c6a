// Loader: every kind of ruleset mistake is an error at the right line and column.
#include "test_support.hpp"
#include "zice/doc.hpp"

using namespace zice;
using zice::test::first_error;
using zice::test::must_load;
using zice::test::ruleset_xml;

namespace {

const char* kQ = R"(<question id="revenue_wan" type="number" min="0"><label>营业收入</label></question>
<question id="rd_wan" type="number" min="0"><label>研发费用</label></question>
)";

TEST(Loader, LoadsMinimalRuleset) {
  Ruleset rs = must_load(ruleset_xml(kQ));
  EXPECT_EQ(rs.id(), "t");
  EXPECT_EQ(rs.title(), "测试");
  EXPECT_EQ(rs.title("en"), "Test");
  EXPECT_EQ(rs.sha256().size(), 64u);
}

TEST(Loader, XmlSyntaxErrorHasLineAndColumn) {
  std::string xml = ruleset_xml(kQ);
  xml.replace(xml.find("<label>研发费用</label>"), 24, "<label>研发费用</lable>");
  Diagnostic d = first_error(xml);
  EXPECT_EQ(d.code, "xml-syntax");
  EXPECT_EQ(d.line, 6);
  EXPECT_GT(d.column, 1);
  EXPECT_NE(d.format().find("test.xml:6:"), std::string::npos);
}

TEST(Loader, UnknownNameInExpressionPointsIntoTheAttribute) {
  // Line 9 is the <value> line; the name starts after `expr="rd_wan / `.
  std::string xml = ruleset_xml(kQ, "<derived>\n<value id=\"ratio\" expr=\"rd_wan / revenu_wan * 100\"/></derived>\n");
  Diagnostic d = first_error(xml);
  EXPECT_EQ(d.code, "expression");
  EXPECT_EQ(d.line, 9);
  EXPECT_EQ(d.column, 34);  // column of 'revenu_wan'
  EXPECT_NE(d.message.find("revenue_wan"), std::string::npos) << d.message;  // did-you-mean
  EXPECT_NE(d.excerpt.find("^~~~~~~~~"), std::string::npos) << d.excerpt;
}

TEST(Loader, DuplicateIdNamesFirstDeclaration) {
  std::string q = std::string(kQ) + "<question id=\"rd_wan\" type=\"boolean\"><label>x</label></question>\n";
  Diagnostic d = first_error(ruleset_xml(q));
  EXPECT_EQ(d.code, "duplicate-id");
  EXPECT_EQ(d.line, 7);
  EXPECT_NE(d.message.find("line 6"), std::string::npos) << d.message;
}

TEST(Loader, DerivedCycleIsNamed) {
  Diagnostic d = first_error(ruleset_xml(kQ, R"(<derived>
<value id="a" expr="b + 1"/>
<value id="b" expr="a * 2"/>
</derived>
)"));
  EXPECT_EQ(d.code, "cycle");
  EXPECT_NE(d.message.find("a -> b -> a"), std::string::npos) << d.message;
}

TEST(Loader, LaterStepNameIsRejectedWithReason) {
  Diagnostic d = first_error(ruleset_xml(
      "<question id=\"x\" type=\"number\" when=\"score.total ge 1\"><label>x</label></question>\n",
      R"(<scoring><dimension id="d"><title>D</title><indicator id="i" max="5"><title>I</title><formula expr="1"/></indicator></dimension></scoring>
)"));
  EXPECT_EQ(d.code, "unavailable-name");
  EXPECT_EQ(d.line, 5);
  EXPECT_NE(d.message.find("scoring"), std::string::npos) << d.message;
}

TEST(Loader, TypeErrorInGate) {
  Diagnostic d = first_error(ruleset_xml(kQ, R"(<gates><gate id="g" kind="mandatory" test="revenue_wan + 1"><title>G</title></gate></gates>
)"));
  EXPECT_EQ(d.code, "expression");
  EXPECT_EQ(d.line, 8);
  EXPECT_NE(d.message.find("boolean"), std::string::npos) << d.message;
}

TEST(Loader, MissingRequiredAttribute) {
  Diagnostic d = first_error(ruleset_xml("<question id=\"x\"><label>x</label></question>\n"));
  EXPECT_EQ(d.code, "missing-attribute");
  EXPECT_EQ(d.line, 5);
  EXPECT_EQ(d.column, 1);
  EXPECT_NE(d.message.find("'type'"), std::string::npos);
}

TEST(Loader, UnknownElementAndOptionReference) {
  Diagnostic d = first_error(ruleset_xml("<question id=\"x\" type=\"boolean\"><label>x</label><lable>y</lable></question>\n"));
  EXPECT_EQ(d.code, "unknown-element");
  d = first_error(ruleset_xml(R"(<question id="c" type="choice"><label>c</label><option value="a">A</option></question>
)", R"(<scoring><dimension id="d"><title>D</title><indicator id="i"><title>I</title>
<options question="c"><option value="b" points="1"/></options></indicator></dimension></scoring>
)"));
  EXPECT_EQ(d.code, "unknown-option");
  EXPECT_EQ(d.line, 8);
}

TEST(Loader, EmptyBandIsAnError) {
  Diagnostic d = first_error(ruleset_xml(kQ, R"(<scoring><dimension id="d"><title>D</title><indicator id="i"><title>I</title>
<bands of="rd_wan"><band ge="5" lt="5" points="1"/></bands></indicator></dimension></scoring>
)"));
  EXPECT_EQ(d.code, "bad-band");
}

// A worst-first ladder whose first grade declares its tone.
const char* kToneGrades = R"(<grades>
<grade id="weak" tone="poor" when="revenue_wan lt 100"><title>弱</title></grade>
<grade id="strong"><title>强</title></grade>
</grades>
)";

TEST(Loader, GradeToneIsCarriedIntoTheResult) {
  Ruleset rs = must_load(ruleset_xml(kQ, kToneGrades));
  auto r = zice::test::run(rs, R"({"revenue_wan": 50, "rd_wan": 1})");
  EXPECT_EQ(r.at("grade").at("id").as_string(), "weak");
  EXPECT_EQ(r.at("grade").at("tone").as_string(), "poor");
  EXPECT_EQ(r.at("grades").at(0).at("tone").as_string(), "poor");
  EXPECT_FALSE(r.at("grades").at(1).as_object().contains("tone"));  // not declared: not written
  r = zice::test::run(rs, R"({"revenue_wan": 500, "rd_wan": 1})");
  EXPECT_EQ(r.at("grade").at("id").as_string(), "strong");
  EXPECT_FALSE(r.at("grade").as_object().contains("tone"));
}

TEST(Loader, GradeToneInSummaryAndDoc) {
  Ruleset rs = must_load(ruleset_xml(kQ, kToneGrades));
  AssessOptions o;
  AssessmentText weak = assess_to_json(rs, boost::json::parse(R"({"revenue_wan": 50, "rd_wan": 1})"), o, ResultText::none);
  ASSERT_TRUE(weak.ok);
  boost::json::value s = boost::json::parse(summary_to_json(rs, weak.summary));
  EXPECT_EQ(s.at("grade").as_string(), "weak");
  EXPECT_EQ(s.at("grade_tone").as_string(), "poor");
  AssessmentText strong = assess_to_json(rs, boost::json::parse(R"({"revenue_wan": 500, "rd_wan": 1})"), o, ResultText::none);
  s = boost::json::parse(summary_to_json(rs, strong.summary));
  EXPECT_EQ(s.at("grade").as_string(), "strong");
  EXPECT_FALSE(s.as_object().contains("grade_tone"));  // not declared

  std::string md = render_ruleset_doc(rs, "md");
  EXPECT_NE(md.find("弱 `weak`（较差）"), std::string::npos) << md;
  EXPECT_EQ(md.find("强 `strong`（"), std::string::npos);
}

TEST(Loader, UnknownGradeToneIsAnError) {
  Diagnostic d = first_error(ruleset_xml(kQ, R"(<grades>
<grade id="g" tone="great"><title>G</title></grade>
</grades>
)"));
  EXPECT_EQ(d.code, "bad-tone");
  EXPECT_EQ(d.line, 9);
  EXPECT_EQ(d.column, 21);  // the value 'great'
  EXPECT_NE(d.message.find("'good', 'fair', 'poor' or 'neutral'"), std::string::npos) << d.message;
}

TEST(Loader, QuestionConditionMayUseDerivedValue) {
  Ruleset rs = must_load(ruleset_xml(std::string(kQ) +
                                         "<question id=\"why\" type=\"text\" when=\"ratio lt 3\"><label>为什么</label></question>\n",
                                     "<derived><value id=\"ratio\" expr=\"rd_wan / revenue_wan * 100\"/></derived>\n"));
  auto r = zice::test::run(rs, R"({"revenue_wan": 100, "rd_wan": 5})");
  // 5 % ≥ 3 → `why` does not apply.
  EXPECT_EQ(r.at("not_applicable").at("questions").as_array().size(), 1u);
  r = zice::test::run(rs, R"({"revenue_wan": 100, "rd_wan": 2, "why": "起步阶段"})");
  EXPECT_TRUE(r.at("not_applicable").at("questions").as_array().empty());
}

TEST(Loader, UnsupportedFormatVersion) {
  std::string xml = ruleset_xml(kQ);
  xml.replace(xml.find("format=\"1\""), 10, "format=\"2\"");
  EXPECT_EQ(first_error(xml).code, "unsupported-format");
}

TEST(Loader, MissingFileIsAnIoDiagnostic) {
  LoadResult r = Ruleset::load_file("/nonexistent/x.xml");
  ASSERT_FALSE(r.ruleset);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "io");
}

TEST(Loader, ShippedRulesetsLoadWithoutErrors) {
  for (const char* f : {"sme-size-2011", "miit-innovative-sme-2022", "miit-zjtx-sme-2022", "miit-zjtx-sme-2026",
                        "sme-legal-compliance", "sme-quality-maturity"}) {
    LoadResult r = Ruleset::load_file(std::string(ZICE_SOURCE_DIR) + "/rulesets/" + f + ".xml");
    for (const Diagnostic& d : r.diagnostics) ADD_FAILURE() << d.format();
    EXPECT_TRUE(r.ruleset.has_value()) << f;
  }
}

}  // namespace
