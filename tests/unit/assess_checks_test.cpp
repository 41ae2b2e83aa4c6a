// Compliance checks → findings: applicability, severity order, conditional
// texts with interpolation, compliance percentages, unknown outcomes.
#include "test_support.hpp"

using namespace zice;
using zice::test::by_id;
using zice::test::must_load;
using zice::test::num;
using zice::test::ruleset_xml;
using zice::test::run;

namespace {

Ruleset model() {
  return must_load(ruleset_xml(R"(
<question id="employees" type="integer" min="0"><label>员工人数</label></question>
<question id="contracts_signed" type="integer" min="0" required="false"><label>已签合同人数</label>
  <constraint test="contracts_signed le employees">已签合同人数不能超过员工人数。</constraint></question>
<question id="social_insurance" type="boolean" required="false"><label>社保</label></question>
<question id="privacy_policy" type="boolean" required="false"><label>隐私政策</label></question>
<question id="collects_personal_info" type="boolean"><label>收集个人信息</label></question>
)", R"(
<checks>
  <group id="labour" when="employees gt 0"><title>劳动用工</title>
    <check id="written_contract" severity="high" test="contracts_signed eq employees">
      <title>书面劳动合同</title>
      <basis law="中华人民共和国劳动合同法" article="第十条" version="2012修正" confidence="C"/>
      <finding when="contracts_signed eq 0">全部 {employees} 名员工均未签订书面劳动合同。</finding>
      <finding>尚有 {employees - contracts_signed} 名员工未签订书面劳动合同。</finding>
      <remediation>一个月内补签。</remediation>
      <remediation xml:lang="en">Sign within one month.</remediation>
      <evidence>劳动合同台账</evidence>
    </check>
    <check id="social" severity="critical" test="social_insurance">
      <title>社会保险</title>
      <basis law="中华人民共和国社会保险法" article="第五十八条"/>
      <finding>未依法缴纳社会保险。</finding>
      <remediation>办理社会保险登记。</remediation>
    </check>
  </group>
  <group id="data"><title>数据</title>
    <check id="privacy" severity="medium" when="collects_personal_info" test="privacy_policy">
      <title>个人信息处理规则</title>
      <basis law="中华人民共和国个人信息保护法" article="第十七条"/>
      <finding>未公开个人信息处理规则。</finding>
      <remediation>制定并公开个人信息处理规则。</remediation>
    </check>
  </group>
</checks>
<grades>
  <grade id="low_risk" when="findings.critical eq 0 and findings.high eq 0"><title>低风险</title></grade>
  <grade id="high_risk"><title>高风险</title><message>发现 {findings.total} 项问题，合规率 {compliance.percent}%。</message></grade>
</grades>
)"));
}

TEST(Checks, FindingsSortedBySeverityWithConditionalText) {
  auto r = run(model(), R"({"employees": 10, "contracts_signed": 7, "social_insurance": false,
                             "collects_personal_info": true, "privacy_policy": false})");
  const auto& f = r.at("findings").as_array();
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].at("id").as_string(), "social");            // critical
  EXPECT_EQ(f[1].at("id").as_string(), "written_contract");  // high
  EXPECT_EQ(f[2].at("id").as_string(), "privacy");           // medium
  EXPECT_EQ(f[1].at("finding").as_string(), "尚有 3 名员工未签订书面劳动合同。");
  EXPECT_EQ(f[1].at("remediation").as_string(), "一个月内补签。");
  EXPECT_EQ(f[1].at("basis").at(0).at("law").as_string(), "中华人民共和国劳动合同法");
  EXPECT_EQ(f[1].at("basis").at(0).at("article").as_string(), "第十条");
  EXPECT_EQ(f[1].at("evidence").at(0).as_string(), "劳动合同台账");
  EXPECT_EQ(r.at("grade").at("id").as_string(), "high_risk");
  EXPECT_EQ(r.at("grade").at("message").as_string(), "发现 3 项问题，合规率 0%。");
}

TEST(Checks, FirstMatchingFindingVariantAndLanguage) {
  AssessOptions en;
  en.lang = "en";
  auto r = run(model(), R"({"employees": 4, "contracts_signed": 0, "social_insurance": true, "collects_personal_info": false})", en);
  ASSERT_EQ(r.at("findings").as_array().size(), 1u);
  const auto& f = r.at("findings").at(0);
  // No English finding text: falls back to the default language, first matching `when`.
  EXPECT_EQ(f.at("finding").as_string(), "全部 4 名员工均未签订书面劳动合同。");
  EXPECT_EQ(f.at("remediation").as_string(), "Sign within one month.");
}

TEST(Checks, NotApplicableAndCompliancePercent) {
  auto r = run(model(), R"({"employees": 0, "collects_personal_info": true, "privacy_policy": true})");
  EXPECT_TRUE(r.at("findings").as_array().empty());
  EXPECT_EQ(by_id(r.at("checks"), "written_contract").at("status").as_string(), "not_applicable");
  EXPECT_EQ(by_id(r.at("checks"), "privacy").at("status").as_string(), "pass");
  const auto& c = r.at("compliance");
  EXPECT_EQ(num(c.at("percent")), 100);
  EXPECT_EQ(c.at("not_applicable").as_int64(), 2);
  EXPECT_TRUE(by_id(c.at("groups"), "labour").at("percent").is_null());
  EXPECT_EQ(r.at("grade").at("id").as_string(), "low_risk");
}

TEST(Checks, UnansweredInputGivesUnknownNotAFinding) {
  auto r = run(model(), R"({"employees": 5, "contracts_signed": 5, "collects_personal_info": false})");
  EXPECT_EQ(by_id(r.at("checks"), "social").at("status").as_string(), "unknown");
  EXPECT_TRUE(r.at("findings").as_array().empty());
  EXPECT_EQ(r.at("missing").at("checks").at(0).as_string(), "social");
  EXPECT_FALSE(r.at("complete").as_bool());
}

TEST(Checks, CompliancePercentIsPassedOverDecided) {
  auto r = run(model(), R"({"employees": 5, "contracts_signed": 5, "social_insurance": false,
                             "collects_personal_info": true, "privacy_policy": true})");
  EXPECT_NEAR(num(r.at("compliance").at("percent")), 66.666667, 1e-9);
  EXPECT_EQ(num(by_id(r.at("compliance").at("groups"), "labour").at("percent")), 50);
}

}  // namespace
