// Scoring: bands (inclusive/exclusive, decimal-exact), options, formulas,
// weights, caps, dimension minimums, gates and grades.
#include "test_support.hpp"

using namespace zice;
using zice::test::by_id;
using zice::test::must_load;
using zice::test::num;
using zice::test::ruleset_xml;
using zice::test::run;

namespace {

const char* kQuestions = R"(
<question id="assets_wan" type="number" min="0"><label>资产</label></question>
<question id="liabilities_wan" type="number" min="0"><label>负债</label></question>
<question id="rev_prev_wan" type="number" min="0"><label>前年收入</label></question>
<question id="rev_wan" type="number" min="0"><label>上年收入</label></question>
<question id="certs" type="multi-choice" required="false"><label>认证</label>
  <option value="iso9001">ISO 9001</option><option value="iso14001">ISO 14001</option>
  <option value="iso45001">ISO 45001</option><option value="none" exclusive="true">无</option></question>
<question id="years" type="integer" min="0" required="false"><label>年限</label></question>
<question id="legal" type="boolean"><label>法人</label></question>
<question id="award" type="boolean" required="false"><label>获奖</label></question>
)";

const char* kModel = R"XML(
<derived>
  <value id="debt_ratio" expr="liabilities_wan / assets_wan * 100" unit="%"/>
  <value id="growth" expr="(rev_wan - rev_prev_wan) / rev_prev_wan * 100" unit="%"/>
</derived>
<scoring total-max="45">
  <dimension id="finance" min="10"><title>财务</title>
    <indicator id="debt_points"><title>资产负债率</title>
      <bands of="debt_ratio" unit="%">
        <band le="55" points="10" label="≤55%"/>
        <band gt="55" le="75" points="5"/>
        <band gt="75" points="0"/>
      </bands></indicator>
    <indicator id="growth_points"><title>增长率</title>
      <bands of="growth" unit="%">
        <band ge="15" points="10"/>
        <band ge="0" lt="15" points="5"/>
      </bands></indicator>
  </dimension>
  <dimension id="mgmt" weight="2" cap="12"><title>管理</title>
    <indicator id="cert_points" max="8"><title>认证</title>
      <options question="certs" cap="8"><option value="iso9001" points="5"/><option value="iso14001" points="3"/><option value="iso45001" points="3"/></options></indicator>
    <indicator id="years_points" max="5"><title>年限</title><formula expr="years / 2"/></indicator>
  </dimension>
</scoring>
<gates>
  <gate id="legal_gate" kind="mandatory" test="legal"><title>法人</title><message>不具备法人资格。</message></gate>
  <gate id="award_gate" kind="direct" test="award"><title>获奖</title><message>获奖直通，得分 {score.total}。</message></gate>
</gates>
<grades>
  <grade id="a" when="gates.mandatory and (gates.direct or score.total ge 30 and minimums.met)"><title>A</title><message>总分 {score.total}，负债率 {debt_ratio}%</message></grade>
  <grade id="b" when="gates.mandatory and score.total ge 15"><title>B</title></grade>
  <grade id="c"><title>C</title></grade>
</grades>
)XML";

const char* kBase = R"("assets_wan": 100, "liabilities_wan": 55, "rev_prev_wan": 100, "rev_wan": 115, "legal": true)";

Ruleset model() { return must_load(ruleset_xml(kQuestions, kModel)); }

double points(const boost::json::value& r, const char* id) { return num(by_id(r.at("indicators"), id).at("points")); }

TEST(Scoring, DecimalExactBoundariesMeetThresholds) {
  Ruleset rs = model();
  // 55 / 100 * 100 is exactly 55 → "le 55" band; 115 after 100 is exactly 15 % growth → "ge 15".
  auto r = run(rs, std::string("{") + kBase + "}");
  EXPECT_EQ(points(r, "debt_points"), 10);
  EXPECT_EQ(points(r, "growth_points"), 10);
  // The same ratio reached through thirds: 1/3 * 3 is exactly 1.
  r = run(rs, R"({"assets_wan": 300, "liabilities_wan": 165, "rev_prev_wan": 300, "rev_wan": 345, "legal": true})");
  EXPECT_EQ(points(r, "debt_points"), 10);
  EXPECT_EQ(points(r, "growth_points"), 10);
}

TEST(Scoring, BandsJustAcrossTheBoundary) {
  Ruleset rs = model();
  auto r = run(rs, R"({"assets_wan": 100, "liabilities_wan": 55.01, "rev_prev_wan": 100, "rev_wan": 114.99, "legal": true})");
  EXPECT_EQ(points(r, "debt_points"), 5);    // (55, 75]
  EXPECT_EQ(points(r, "growth_points"), 5);  // [0, 15)
  r = run(rs, R"({"assets_wan": 100, "liabilities_wan": 75, "rev_prev_wan": 100, "rev_wan": 100, "legal": true})");
  EXPECT_EQ(points(r, "debt_points"), 5);    // 75 is inside (55, 75]
  EXPECT_EQ(points(r, "growth_points"), 5);  // 0 is inside [0, 15)
  const auto& band = by_id(r.at("indicators"), "debt_points").at("matched");
  EXPECT_EQ(num(band.at("gt")), 55);
  EXPECT_EQ(num(band.at("le")), 75);
}

TEST(Scoring, ValueInNoBandScoresZeroWithWarning) {
  auto r = run(model(), R"({"assets_wan": 100, "liabilities_wan": 10, "rev_prev_wan": 100, "rev_wan": 90, "legal": true})");
  EXPECT_EQ(points(r, "growth_points"), 0);
  ASSERT_EQ(r.at("warnings").as_array().size(), 1u);
  EXPECT_NE(std::string(r.at("warnings").at(0).as_string()).find("growth_points"), std::string::npos);
}

TEST(Scoring, DivisionByZeroIsNullAndWarningNotACrash) {
  auto r = run(model(), R"({"assets_wan": 0, "liabilities_wan": 10, "rev_prev_wan": 100, "rev_wan": 100, "legal": true})");
  EXPECT_TRUE(by_id(r.at("derived"), "debt_ratio").at("value").is_null());
  EXPECT_EQ(points(r, "debt_points"), 0);
  EXPECT_FALSE(r.at("complete").as_bool());
  EXPECT_FALSE(r.at("warnings").as_array().empty());
  std::string text = to_json_text(r);
  EXPECT_EQ(text.find(": inf"), std::string::npos);
  EXPECT_EQ(text.find(": nan"), std::string::npos);
}

TEST(Scoring, MultiChoiceOptionsAreSummedAndCapped) {
  Ruleset rs = model();
  auto r = run(rs, std::string("{") + kBase + R"(, "certs": ["iso9001", "iso14001", "iso45001"]})");
  EXPECT_EQ(points(r, "cert_points"), 8);  // min(5 + 3 + 3, cap 8)
  // `years` is unanswered: 0 points, listed as missing. The dimension's own max is
  // 8 + 5 = 13, capped at 12; its weight 2 applies only where it enters the total.
  const auto& mgmt = by_id(r.at("dimensions"), "mgmt");
  EXPECT_EQ(num(mgmt.at("score")), 8);
  EXPECT_EQ(num(mgmt.at("max")), 12);
}

TEST(Scoring, FormulaIsClampedToMax) {
  Ruleset rs = model();
  auto r = run(rs, std::string("{") + kBase + R"(, "years": 7})");
  EXPECT_EQ(points(r, "years_points"), 3.5);
  r = run(rs, std::string("{") + kBase + R"(, "years": 40})");
  EXPECT_EQ(points(r, "years_points"), 5);
}

TEST(Scoring, TotalAppliesDimensionWeightAndCap) {
  auto r = run(model(), std::string("{") + kBase + R"(, "certs": ["iso9001"], "years": 20})");
  // finance 20/20; mgmt min(5 + 5, cap 12) = 10 of max min(13, 12) = 12; weight 2.
  EXPECT_EQ(num(r.at("score").at("total")), 40);
  EXPECT_EQ(num(r.at("score").at("max")), 44);
  EXPECT_EQ(r.at("grade").at("id").as_string(), "a");
  EXPECT_EQ(r.at("grade").at("message").as_string(), "总分 40，负债率 55%");
}

TEST(Grades, FirstMatchExplainsMissedBetterGrade) {
  auto r = run(model(), R"({"assets_wan": 100, "liabilities_wan": 80, "rev_prev_wan": 100, "rev_wan": 100, "legal": true, "award": false})");
  // 0 + 5 = 5 < 15 → "c"; "a" and "b" missed.
  EXPECT_EQ(r.at("grade").at("id").as_string(), "c");
  const auto& a = by_id(r.at("grades"), "a");
  EXPECT_EQ(a.at("status").as_string(), "missed");
  const auto& b = by_id(r.at("grades"), "b");
  ASSERT_EQ(b.at("failing").as_array().size(), 1u);
  EXPECT_EQ(b.at("failing").at(0).at("condition").as_string(), "score.total ge 15");
  EXPECT_FALSE(r.at("grade").at("provisional").as_bool());
}

TEST(Gates, MandatoryFailureAndDirectRoute) {
  Ruleset rs = model();
  auto r = run(rs, R"({"assets_wan": 100, "liabilities_wan": 80, "rev_prev_wan": 100, "rev_wan": 100, "legal": false, "award": true})");
  const auto& legal = by_id(r.at("gates"), "legal_gate");
  EXPECT_EQ(legal.at("status").as_string(), "fail");
  EXPECT_EQ(legal.at("message").as_string(), "不具备法人资格。");
  EXPECT_EQ(r.at("grade").at("id").as_string(), "c");
  r = run(rs, R"({"assets_wan": 100, "liabilities_wan": 80, "rev_prev_wan": 100, "rev_wan": 100, "legal": true, "award": true})");
  const auto& award = by_id(r.at("gates"), "award_gate");
  EXPECT_EQ(award.at("status").as_string(), "pass");
  EXPECT_EQ(award.at("message").as_string(), "获奖直通，得分 5。");
  EXPECT_EQ(r.at("grade").at("id").as_string(), "a");
}

TEST(Gates, UnknownMandatoryGateMakesGradeProvisional) {
  auto r = run(model(), R"({"assets_wan": 100, "liabilities_wan": 55, "rev_prev_wan": 100, "rev_wan": 115})");
  EXPECT_EQ(by_id(r.at("gates"), "legal_gate").at("status").as_string(), "unknown");
  // gates.mandatory is null → grades a and b undecided, c reached provisionally.
  EXPECT_EQ(r.at("grade").at("id").as_string(), "c");
  EXPECT_TRUE(r.at("grade").at("provisional").as_bool());
  EXPECT_EQ(by_id(r.at("grades"), "a").at("status").as_string(), "undecided");
  EXPECT_FALSE(r.at("complete").as_bool());
}

TEST(Grades, StagedLadderStopsAtFirstFailedLevel) {
  Ruleset rs = must_load(ruleset_xml(R"(<question id="s" type="integer" min="0" max="100"><label>分</label></question>
<question id="doc" type="boolean"><label>文件化</label></question>
)", R"(<grades mode="staged">
  <grade id="level1"><title>一级</title></grade>
  <grade id="level2" when="s ge 40"><title>二级</title></grade>
  <grade id="level3" when="s ge 60 and doc"><title>三级</title></grade>
  <grade id="level4" when="s ge 80"><title>四级</title></grade>
</grades>
)"));
  auto r = run(rs, R"({"s": 90, "doc": false})");
  // level3 fails on `doc`, so level4 is not reached although s ≥ 80.
  EXPECT_EQ(r.at("grade").at("id").as_string(), "level2");
  EXPECT_EQ(by_id(r.at("grades"), "level1").at("status").as_string(), "passed");
  EXPECT_EQ(by_id(r.at("grades"), "level3").at("status").as_string(), "missed");
  EXPECT_EQ(by_id(r.at("grades"), "level3").at("failing").at(0).at("condition").as_string(), "doc");
  EXPECT_EQ(by_id(r.at("grades"), "level4").at("status").as_string(), "not_evaluated");
  r = run(rs, R"({"s": 90, "doc": true})");
  EXPECT_EQ(r.at("grade").at("id").as_string(), "level4");
}

TEST(Determinism, SameInputGivesByteIdenticalOutput) {
  Ruleset rs = model();
  std::string answers = std::string("{") + kBase + R"(, "certs": ["iso14001", "iso9001"], "years": 3})";
  std::string a = to_json_text(run(rs, answers));
  std::string b = to_json_text(run(model(), answers));
  EXPECT_EQ(a, b);
}

}  // namespace
