// Case runner: result paths and expectation comparison on a hand-written
// result document (no engine involved).
#include <fstream>
#include <iterator>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "engine/case_runner.hpp"

namespace {
namespace json = boost::json;
using zice::testing::CaseMismatch;
using zice::testing::compare_expectations;
using zice::testing::json_equal;
using zice::testing::resolve_path;

const json::value& result() {
  static const json::value r = [] {
    std::ifstream in(std::string(ZICE_SOURCE_DIR) + "/tests/data/case-runner-result.json", std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return json::parse(text);
  }();
  return r;
}

std::vector<CaseMismatch> compare(const char* expect_json) {
  return compare_expectations(result(), json::parse(expect_json).as_object());
}

// ---------------------------------------------------------------- resolve_path

TEST(ResolvePath, DottedKeys) {
  EXPECT_EQ(resolve_path(result(), "score.total"), json::value(75));
  EXPECT_EQ(resolve_path(result(), "grade.id"), json::value("qualified"));
  EXPECT_EQ(resolve_path(result(), "lang"), json::value("zh-CN"));
  EXPECT_EQ(resolve_path(result(), "grade.message"), json::value(nullptr));  // present, null
}

TEST(ResolvePath, SelectsArrayElementsById) {
  EXPECT_EQ(resolve_path(result(), "dimensions[innovation].score"), json::value(30));
  EXPECT_EQ(resolve_path(result(), "indicators[rd_ratio_points].input.value"), json::value(3.25));
  EXPECT_EQ(resolve_path(result(), "findings[written_contract].basis[0].article"), json::value("第十条"));
  EXPECT_EQ(resolve_path(result(), "compliance.groups[tax].unknown"), json::value(1));
  EXPECT_TRUE(resolve_path(result(), "gates[credit]")->is_object());
}

TEST(ResolvePath, SelectsArrayElementsByIndex) {
  EXPECT_EQ(resolve_path(result(), "indicators[0].id"), json::value("rd_ratio_points"));
  EXPECT_EQ(resolve_path(result(), "indicators[2].points"), json::value(nullptr));
  EXPECT_EQ(resolve_path(result(), "missing.checks[0]"), json::value("filing"));
  EXPECT_EQ(resolve_path(result(), "indicators.1.id"), json::value("ip_points"));
  EXPECT_EQ(resolve_path(result(), "indicators[1].input.value[1]"), json::value("b"));
}

TEST(ResolvePath, AbsentPathsAreNullopt) {
  EXPECT_FALSE(resolve_path(result(), "dimensions[nope].score"));
  EXPECT_FALSE(resolve_path(result(), "score.nope"));
  EXPECT_FALSE(resolve_path(result(), "indicators[3]"));
  EXPECT_FALSE(resolve_path(result(), "score.total.deeper"));  // a number has no keys
  EXPECT_FALSE(resolve_path(result(), "grade[0]"));             // an object has no index
  EXPECT_FALSE(resolve_path(result(), "nonsense"));
  EXPECT_FALSE(resolve_path(result(), "derived.nope"));
  EXPECT_FALSE(resolve_path(result(), "findings.severe"));
}

TEST(ResolvePath, MalformedPathsAreNullopt) {
  for (const char* p : {"", ".", "score.", ".score", "score..total", "dimensions[innovation", "a.b["})
    EXPECT_FALSE(resolve_path(result(), p)) << p;
}

TEST(ResolvePath, ExpressionNamesAsAliases) {
  EXPECT_EQ(resolve_path(result(), "derived.rd_ratio"), json::value(3.25));
  EXPECT_EQ(resolve_path(result(), "derived.limit_reason"), json::value(""));
  EXPECT_EQ(resolve_path(result(), "findings.high"), json::value(2));
  EXPECT_EQ(resolve_path(result(), "findings.info"), json::value(1));
  EXPECT_EQ(resolve_path(result(), "findings.critical"), json::value(0));
  EXPECT_EQ(resolve_path(result(), "findings.total"), json::value(3));
  EXPECT_EQ(resolve_path(result(), "compliance.labour"), json::value(50));
  EXPECT_EQ(resolve_path(result(), "compliance.percent"), json::value(66.666667));  // literal wins
  EXPECT_EQ(resolve_path(result(), "points.rd_ratio_points"), json::value(15));
  EXPECT_EQ(resolve_path(result(), "score.growth"), json::value(45));
  EXPECT_EQ(resolve_path(result(), "max.innovation"), json::value(40));
  EXPECT_EQ(resolve_path(result(), "max.total"), json::value(100));
  EXPECT_EQ(resolve_path(result(), "percent.total"), json::value(75.5));
  EXPECT_EQ(resolve_path(result(), "min_met.innovation"), json::value(true));
  EXPECT_EQ(resolve_path(result(), "gate.credit"), json::value(false));
  EXPECT_EQ(resolve_path(result(), "check.written_contract"), json::value(false));
  EXPECT_EQ(resolve_path(result(), "check.wage_paid"), json::value(true));
  EXPECT_EQ(resolve_path(result(), "check.filing"), json::value(nullptr));
}

// ---------------------------------------------------------------- json_equal

TEST(JsonEqual, NumbersCompareByExactDecimalValue) {
  EXPECT_TRUE(json_equal(json::value(15), json::value(15.0)));
  EXPECT_TRUE(json_equal(json::value(std::uint64_t{15}), json::value(std::int64_t{15})));
  EXPECT_TRUE(json_equal(json::parse("1e2"), json::value(100)));
  EXPECT_TRUE(json_equal(json::parse("0.1"), json::parse("0.10")));
  EXPECT_TRUE(json_equal(json::parse("-0.0"), json::value(0)));
  EXPECT_TRUE(json_equal(json::parse("19999.99"), json::value(19999.99)));
  EXPECT_FALSE(json_equal(json::parse("0.30000000000000004"), json::parse("0.3")));
  EXPECT_FALSE(json_equal(json::value(15), json::value(15.000001)));
  EXPECT_FALSE(json_equal(json::value(-15), json::value(15)));
  EXPECT_FALSE(json_equal(json::parse("18446744073709551615"), json::parse("18446744073709551614")));
  // Beyond 2^53 a double would round both; the integers stay distinct.
  EXPECT_FALSE(json_equal(json::value(std::int64_t{9007199254740993}), json::value(std::int64_t{9007199254740992})));
  EXPECT_FALSE(json_equal(json::value(std::int64_t{9007199254740993}), json::value(9007199254740992.0)));
}

TEST(JsonEqual, StructuresAndKinds) {
  EXPECT_TRUE(json_equal(json::parse(R"({"a":1,"b":[1,2.0]})"), json::parse(R"({"b":[1.0,2],"a":1.0})")));
  EXPECT_FALSE(json_equal(json::parse("[1,2]"), json::parse("[2,1]")));
  EXPECT_FALSE(json_equal(json::parse(R"({"a":1})"), json::parse(R"({"a":1,"b":2})")));
  EXPECT_FALSE(json_equal(json::value("1"), json::value(1)));
  EXPECT_FALSE(json_equal(json::value(true), json::value(1)));
  EXPECT_TRUE(json_equal(json::value(nullptr), json::value(nullptr)));
}

// ---------------------------------------------------------------- compare_expectations

TEST(CompareExpectations, AllCorrectGivesNoMismatch) {
  auto m = compare(R"({
    "grade": "qualified", "total": 75.0, "percent": 75.5,
    "dimensions[innovation].score": 30, "indicators[ip_points].points": 15,
    "failed_gates": ["credit", "legal_person"], "fired_gates": ["high_tech"],
    "findings": ["tax_tip", "written_contract", "social_insurance"],
    "findings_include": ["social_insurance"], "findings_exclude": ["wage_paid"],
    "derived.rd_ratio": 3.25, "findings.high": 2, "compliance.labour": 50.0,
    "missing.gates": ["unknown_gate"] })");
  for (const CaseMismatch& x : m) ADD_FAILURE() << x.path << ": " << x.note << " actual " << json::serialize(x.actual);
}

TEST(CompareExpectations, ReportsWrongValuesWithPathExpectedAndActual) {
  auto m = compare(R"({"total": 80, "dimensions[growth].score": 45, "grade": "not_qualified"})");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].path, "total");
  EXPECT_EQ(m[0].expected, json::value(80));
  EXPECT_EQ(m[0].actual, json::value(75));
  EXPECT_EQ(m[1].path, "grade");
  EXPECT_EQ(m[1].actual, json::value("qualified"));
  EXPECT_TRUE(m[1].note.empty());
}

TEST(CompareExpectations, MissingPathsAreMismatches) {
  auto m = compare(R"({"dimensions[nope].score": 1, "derived.nope": null, "scor.total": 75})");
  ASSERT_EQ(m.size(), 3u);
  for (const CaseMismatch& x : m) {
    EXPECT_EQ(x.note, "path not found in result") << x.path;
    EXPECT_TRUE(x.actual.is_null());
  }
  EXPECT_EQ(m[1].path, "derived.nope");  // expectation order is kept
}

TEST(CompareExpectations, GateSetsAreOrderInsensitiveAndExact) {
  EXPECT_TRUE(compare(R"({"failed_gates": ["legal_person", "credit"]})").empty());
  auto m = compare(R"({"failed_gates": ["legal_person", "tax_ok"], "fired_gates": []})");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].note, "missing: tax_ok; unexpected: credit");
  EXPECT_EQ(m[0].actual, json::parse(R"(["legal_person", "credit"])"));
  EXPECT_EQ(m[1].path, "fired_gates");
  EXPECT_EQ(m[1].note, "unexpected: high_tech");
  // An unknown mandatory gate and a direct gate that did not fire are in neither set.
  EXPECT_FALSE(compare(R"({"failed_gates": ["unknown_gate", "legal_person", "credit"]})").empty());
  EXPECT_FALSE(compare(R"({"fired_gates": ["high_tech", "award"]})").empty());
}

TEST(CompareExpectations, FindingsSetAndIncludeExclude) {
  auto exact = compare(R"({"findings": ["written_contract"]})");
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_EQ(exact[0].note, "unexpected: social_insurance, tax_tip");
  auto none = compare(R"({"findings": []})");
  ASSERT_EQ(none.size(), 1u);
  auto include = compare(R"({"findings_include": ["written_contract", "wage_paid", "filing"]})");
  ASSERT_EQ(include.size(), 1u);
  EXPECT_EQ(include[0].note, "missing: filing, wage_paid");
  auto exclude = compare(R"({"findings_exclude": ["wage_paid", "tax_tip"]})");
  ASSERT_EQ(exclude.size(), 1u);
  EXPECT_EQ(exclude[0].note, "present: tax_tip");
  EXPECT_TRUE(compare(R"({"findings_include": [], "findings_exclude": []})").empty());
}

TEST(CompareExpectations, NumbersCompareByValue) {
  EXPECT_TRUE(compare(R"({"indicators[ip_points].points": 15, "indicators[rd_ratio_points].points": 15.0,
                          "derived.big_count": 18446744073709551615, "compliance.percent": 66.666667})")
                  .empty());
  EXPECT_EQ(compare(R"({"compliance.percent": 66.67})").size(), 1u);
}

TEST(CompareExpectations, NullAndStructuredExpectations) {
  EXPECT_TRUE(compare(R"({"indicators[export_points].points": null, "dimensions[growth].min": null})").empty());
  EXPECT_EQ(compare(R"({"indicators[rd_ratio_points].points": null})").size(), 1u);
  EXPECT_TRUE(compare(R"({"score": {"percent": 75.5, "max": 100, "total": 75}})").empty());
  EXPECT_TRUE(compare(R"({"not_applicable.questions": ["export_wan"]})").empty());
  // Plain arrays (not shorthands) are ordered.
  EXPECT_EQ(compare(R"({"indicators[ip_points].input.value": ["b", "a"]})").size(), 1u);
}

TEST(CompareExpectations, GradeShorthandIsNullWithoutGrade) {
  json::value r = result();
  r.as_object()["grade"] = nullptr;
  EXPECT_TRUE(compare_expectations(r, json::parse(R"({"grade": null})").as_object()).empty());
  auto m = compare_expectations(r, json::parse(R"({"grade": "qualified"})").as_object());
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].actual.is_null());
  EXPECT_TRUE(m[0].note.empty());
}

TEST(CompareExpectations, MalformedShorthandValues) {
  auto m = compare(R"({"findings_include": "written_contract"})");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_FALSE(m[0].note.empty());
  // "findings" with non-id values falls back to a plain comparison with the array.
  EXPECT_EQ(compare(R"({"findings": 3})").size(), 1u);
}

}  // namespace

// ---- coverage and JUnit XML (engine involved: a small inline ruleset)

#include "test_support.hpp"

namespace {

zice::Ruleset coverage_ruleset() {
  return zice::test::must_load(zice::test::ruleset_xml(R"(
<question id="x" type="number" min="0"><label>X</label></question>
<question id="c" type="choice"><label>C</label><option value="a">A</option><option value="b">B</option></question>
<question id="ok" type="boolean"><label>OK</label></question>
)", R"XML(
<scoring>
  <dimension id="d"><title>D</title>
    <indicator id="x_points"><title>X</title>
      <bands of="x"><band lt="10" points="1"/><band ge="10" points="2" label="high"/></bands></indicator>
    <indicator id="c_points" max="3"><title>C</title>
      <options question="c"><option value="a" points="3"/><option value="b" points="1"/></options></indicator>
  </dimension>
</scoring>
<gates>
  <gate id="g" kind="mandatory" test="ok"><title>G</title><message>not ok</message></gate>
</gates>
<checks>
  <group id="grp"><title>Group</title>
    <check id="ch" severity="low" test="ok"><title>Check</title><basis law="测试法" article="第一条"/><finding>not ok</finding><remediation>fix it</remediation></check>
  </group>
</checks>
<grades>
  <grade id="good" when="score.total ge 4"><title>Good</title></grade>
  <grade id="other"><title>Other</title></grade>
</grades>
)XML"));
}

const zice::testing::CoverageCategory& category(const zice::testing::Coverage& cov, std::string_view name) {
  for (const auto& c : cov.categories)
    if (c.name == name) return c;
  static const zice::testing::CoverageCategory none;
  ADD_FAILURE() << "no category " << name;
  return none;
}

TEST(Coverage, CountsWhatTheCasesExercised) {
  zice::Ruleset rs = coverage_ruleset();
  json::value file = json::parse(R"({"ruleset": "t", "base_answers": {"x": 5, "c": "a"}, "cases": [
    {"name": "ok", "answers": {"ok": true}, "expect": {"grade": "good"}},
    {"name": "not ok", "answers": {"ok": false}, "expect": {"total": 4}}]})");
  zice::testing::CaseFileResult run = zice::testing::run_case_file(rs, file);
  ASSERT_EQ(run.error, "");
  ASSERT_EQ(run.passed, 2);
  zice::testing::Coverage cov = zice::testing::compute_coverage(rs, run);

  const auto& bands = category(cov, "bands");
  EXPECT_EQ(bands.covered, 1u);
  EXPECT_EQ(bands.total, 2u);
  ASSERT_EQ(bands.uncovered.size(), 1u);
  EXPECT_EQ(bands.uncovered[0], "x_points#2 [10, inf) high");
  const auto& options = category(cov, "options");
  EXPECT_EQ(options.covered, 1u);
  EXPECT_EQ(options.uncovered, std::vector<std::string>{"c_points=b"});
  EXPECT_EQ(category(cov, "gates").covered, 2u);
  EXPECT_EQ(category(cov, "gates").total, 2u);
  EXPECT_EQ(category(cov, "checks").covered, 2u);
  EXPECT_EQ(category(cov, "grades").uncovered, std::vector<std::string>{"other"});
  EXPECT_EQ(category(cov, "indicators").covered, 2u);
  EXPECT_FALSE(category(cov, "indicators").counted);
  // bands 1/2 + options 1/2 + gates 2/2 + grades 1/2 + checks 2/2.
  EXPECT_EQ(cov.covered(), 7u);
  EXPECT_EQ(cov.total(), 10u);
  EXPECT_DOUBLE_EQ(cov.percent(), 70.0);

  // Only the pass side of the gate and check; no results at all covers nothing.
  zice::testing::Coverage one = zice::testing::compute_coverage(rs, std::vector<json::value>{run.cases[0].result});
  EXPECT_EQ(category(one, "gates").uncovered, std::vector<std::string>{"g (fail)"});
  zice::testing::Coverage none = zice::testing::compute_coverage(rs, std::vector<json::value>{});
  EXPECT_EQ(none.covered(), 0u);
  EXPECT_EQ(none.total(), 10u);
}

TEST(JUnit, EscapesText) {
  EXPECT_EQ(zice::testing::xml_escape("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  EXPECT_EQ(zice::testing::xml_escape("x\ny\x01"), "x&#10;y?");
  EXPECT_EQ(zice::testing::xml_escape("中文"), "中文");
}

TEST(JUnit, OneTestcasePerCaseWithFailures) {
  zice::Ruleset rs = coverage_ruleset();
  json::value file = json::parse(R"({"ruleset": "t", "base_answers": {"x": 5, "c": "a", "ok": true}, "cases": [
    {"name": "holds <1>", "answers": {}, "expect": {"grade": "good"}},
    {"name": "wrong & \"bad\"", "answers": {}, "expect": {"total": 999, "grade": "other"}}]})");
  zice::testing::CaseFileResult run = zice::testing::run_case_file(rs, file);
  std::string xml = zice::testing::junit_xml("t<&>", run);
  EXPECT_NE(xml.find("<testsuite name=\"t&lt;&amp;&gt;\" tests=\"2\" failures=\"1\" errors=\"0\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testcase name=\"holds &lt;1&gt;\" classname=\"t&lt;&amp;&gt;\" time=\"0\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testcase name=\"wrong &amp; &quot;bad&quot;\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<failure message=\"2 mismatches: "), std::string::npos) << xml;
  EXPECT_NE(xml.find("total: expected 999, got 4"), std::string::npos) << xml;
  EXPECT_NE(xml.find("grade: expected &quot;other&quot;, got &quot;good&quot;"), std::string::npos) << xml;
  EXPECT_EQ(xml.rfind("</testsuites>\n"), xml.size() - 14);
}

}  // namespace
