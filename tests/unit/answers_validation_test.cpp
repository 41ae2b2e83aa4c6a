// Answer validation: every problem kind, with its question id; strict mode.
#include "test_support.hpp"

using namespace zice;
using zice::test::must_load;
using zice::test::ruleset_xml;

namespace {

Ruleset model() {
  return must_load(ruleset_xml(R"(
<section id="s"><title>基本</title>
<question id="employees" type="integer" min="0" max="100000"><label>员工</label></question>
<question id="revenue_wan" type="number" min="0" unit="万元"><label>收入</label></question>
<question id="industry" type="choice"><label>行业</label><option value="retail">零售</option><option value="software_it">软件</option></question>
<question id="certs" type="multi-choice" required="false" max-selected="2"><label>认证</label>
  <option value="iso9001">9001</option><option value="iso14001">14001</option><option value="iso27001">27001</option>
  <option value="none" exclusive="true">无</option></question>
<question id="name" type="text" max-length="4" required="false"><label>名称</label></question>
<question id="founded" type="date" required="false"><label>成立日期</label></question>
<question id="listed" type="boolean" required="false"><label>上市</label></question>
</section>
<section id="sw" when="industry eq 'software_it'"><title>软件</title>
<question id="sw_revenue_wan" type="number" min="0"><label>软件收入</label>
  <constraint test="sw_revenue_wan le revenue_wan">软件收入不能超过营业收入。</constraint></question>
</section>
)"));
}

std::vector<std::pair<std::string, std::string>> problems(const std::string& answers) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const AnswerProblem& p : validate(model(), boost::json::parse(answers), {}))
    out.emplace_back(p.question, p.code);
  return out;
}

using P = std::vector<std::pair<std::string, std::string>>;

TEST(Validation, ValidAnswersHaveNoProblems) {
  EXPECT_EQ(problems(R"({"employees": 10, "revenue_wan": 500.5, "industry": "retail", "certs": ["iso9001"],
                        "name": "天工", "founded": "2020-02-29", "listed": false})"),
            P{});
}

TEST(Validation, EveryProblemIsListedWithItsQuestion) {
  auto got = problems(R"({"employees": 10.5, "revenue_wan": "100", "industry": "farming",
                          "certs": ["iso9001", "iso9001"], "name": "天工开物公司", "founded": "2021-02-29",
                          "listed": "yes", "colour": "red"})");
  P want{{"employees", "not_integer"}, {"revenue_wan", "wrong_type"}, {"industry", "unknown_option"},
         {"certs", "duplicate_option"},  {"name", "too_long"},          {"founded", "invalid_date"},
         {"listed", "wrong_type"},       {"colour", "unknown_question"}};
  EXPECT_EQ(got, want);
}

TEST(Validation, RangesSelectionsAndExclusiveOptions) {
  EXPECT_EQ(problems(R"({"employees": -1, "revenue_wan": 1, "industry": "retail"})"), (P{{"employees", "out_of_range"}}));
  EXPECT_EQ(problems(R"({"employees": 1, "revenue_wan": 1, "industry": "retail", "certs": ["iso9001", "iso14001", "iso27001"]})"),
            (P{{"certs", "selection_count"}}));
  EXPECT_EQ(problems(R"({"employees": 1, "revenue_wan": 1, "industry": "retail", "certs": ["none", "iso9001"]})"),
            (P{{"certs", "exclusive_option"}}));
}

TEST(Validation, MissingRequiredOnlyWhenApplicable) {
  EXPECT_EQ(problems(R"({"employees": 1, "industry": "retail"})"), (P{{"revenue_wan", "missing_required"}}));
  EXPECT_EQ(problems(R"({"employees": 1, "revenue_wan": 1, "industry": "software_it"})"),
            (P{{"sw_revenue_wan", "missing_required"}}));
}

TEST(Validation, ConstraintAndNotApplicableAnswers) {
  EXPECT_EQ(problems(R"({"employees": 1, "revenue_wan": 100, "industry": "software_it", "sw_revenue_wan": 120})"),
            (P{{"sw_revenue_wan", "constraint_failed"}}));
  auto ps = validate(model(), boost::json::parse(R"({"employees": 1, "revenue_wan": 100, "industry": "retail", "sw_revenue_wan": 1})"), {});
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].code, "not_applicable");
  EXPECT_FALSE(ps[0].fatal);
}

TEST(Validation, ConstraintMessageComesFromTheRuleset) {
  auto ps = validate(model(), boost::json::parse(R"({"employees": 1, "revenue_wan": 100, "industry": "software_it", "sw_revenue_wan": 120})"), {});
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].message, "软件收入不能超过营业收入。");
}

TEST(Validation, NotAnObject) {
  auto ps = validate(model(), boost::json::parse("[1, 2]"), {});
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].code, "invalid_json");
  Assessment a = assess(model(), boost::json::parse("42"), {});
  EXPECT_FALSE(a.ok);
}

TEST(Validation, DefaultModeAssessesWhatItCanStrictModeFails) {
  auto answers = boost::json::parse(R"({"employees": "many", "revenue_wan": 1, "industry": "retail"})");
  AssessOptions o;
  o.date = "2026-01-01";
  Assessment a = assess(model(), answers, o);
  ASSERT_TRUE(a.ok);
  EXPECT_FALSE(a.result.at("complete").as_bool());
  EXPECT_EQ(a.result.at("problems").as_array().size(), 1u);
  o.strict = true;
  a = assess(model(), answers, o);
  EXPECT_FALSE(a.ok);
  EXPECT_TRUE(a.result.is_null());
  ASSERT_EQ(a.problems.size(), 1u);
  EXPECT_EQ(a.problems[0].question, "employees");
}

TEST(Validation, MessagesFollowTheLanguage) {
  AssessOptions en;
  en.lang = "en";
  auto ps = validate(model(), boost::json::parse(R"({"employees": 1, "revenue_wan": 1, "industry": "x"})"), en);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_NE(ps[0].message.find("is not an option"), std::string::npos) << ps[0].message;
  ps = validate(model(), boost::json::parse(R"({"employees": 1, "revenue_wan": 1, "industry": "x"})"), {});
  EXPECT_NE(ps[0].message.find("不是该问题的选项"), std::string::npos) << ps[0].message;
}

}  // namespace
