// zice::assess_to_json writes the result document straight to text; it must
// be byte for byte what printing zice::assess's tree gives, for every shipped
// ruleset and every answers document its worked cases hold (complete, partial,
// invalid), with and without analyses, trace and another language. The
// summary must agree with the document.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "engine/json_convert.hpp"
#include "util/json_writer.hpp"
#include "test_support.hpp"
#include "zice/zice.h"
#include "zice/zice.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
const std::string kSource = ZICE_SOURCE_DIR;

json::value read_json(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

// Every answers document of a case file: each case's answers alone and laid
// over the file's base answers.
std::vector<json::value> case_answers(const fs::path& cases) {
  json::value doc = read_json(cases);
  std::vector<json::value> out;
  const json::object* base = doc.as_object().if_contains("base_answers")
                                 ? doc.as_object().at("base_answers").if_object()
                                 : nullptr;
  for (const json::value& c : doc.as_object().at("cases").as_array()) {
    const json::value* a = c.as_object().if_contains("answers");
    if (!a || !a->is_object()) continue;
    out.push_back(*a);
    if (base) {
      json::object merged = *base;
      for (const auto& kv : a->as_object()) merged[kv.key()] = kv.value();
      out.push_back(merged);
    }
  }
  return out;
}

struct Shipped {
  std::string id;
  fs::path ruleset, cases;
};

std::vector<Shipped> shipped() {
  std::vector<Shipped> out;
  for (const auto& e : fs::directory_iterator(kSource + "/rulesets/tests")) {
    std::string name = e.path().filename().string();
    std::string id = name.substr(0, name.find(".cases.json"));
    out.push_back({id, kSource + "/rulesets/" + id + ".xml", e.path()});
  }
  out.push_back({"innovation-demo", kSource + "/examples/innovation-demo.xml", kSource + "/examples/innovation-demo.cases.json"});
  std::sort(out.begin(), out.end(), [](const Shipped& a, const Shipped& b) { return a.id < b.id; });
  return out;
}

void expect_summary_matches(const zice::AssessmentSummary& s, const json::value& result, const std::string& where) {
  const json::object& r = result.as_object();
  EXPECT_EQ(s.grade, r.at("grade").is_null() ? "" : std::string(r.at("grade").at("id").as_string())) << where;
  EXPECT_EQ(s.total, r.at("score").is_null() ? json::value() : r.at("score").at("total")) << where;
  EXPECT_EQ(s.percent, r.at("score").is_null() ? json::value() : r.at("score").at("percent")) << where;
  const json::array& dims = r.at("dimensions").as_array();
  ASSERT_EQ(s.dimensions.size(), dims.size()) << where;
  for (std::size_t i = 0; i < dims.size(); ++i) EXPECT_EQ(s.dimensions[i], dims[i].at("score")) << where;
  std::vector<std::string> failed;
  for (const json::value& g : r.at("gates").as_array())
    if (g.at("kind") == "mandatory" && g.at("status") == "fail") failed.emplace_back(g.at("id").as_string());
  EXPECT_EQ(s.failed_gates, failed) << where;
  std::array<int, 5> findings{};
  const char* kSeverity[] = {"critical", "high", "medium", "low", "info"};
  for (const json::value& f : r.at("findings").as_array())
    for (int i = 0; i < 5; ++i) findings[i] += f.at("severity") == kSeverity[i];
  EXPECT_EQ(s.findings, findings) << where;
  EXPECT_EQ(s.complete, r.at("complete").as_bool()) << where;
  EXPECT_EQ(s.problems, r.at("problems").as_array().size()) << where;
}

TEST(ResultText, SameBytesAsTheTreeForEveryShippedCase) {
  std::size_t documents = 0;
  for (const Shipped& sh : shipped()) {
    SCOPED_TRACE(sh.id);
    zice::Ruleset rs = *zice::Ruleset::load_file(sh.ruleset.string()).ruleset;
    std::vector<json::value> answers = case_answers(sh.cases);
    ASSERT_GE(answers.size(), 5u);
    for (std::size_t k = 0; k < answers.size(); ++k) {
      zice::AssessOptions o;
      o.date = "2026-06-30";
      // Vary the options over the documents: analyses on/off, trace, English.
      o.analyse = k % 2 == 0;
      o.trace = k % 5 == 1;
      if (k % 3 == 2) o.lang = "en";
      std::string where = sh.id + " answers #" + std::to_string(k);
      zice::Assessment tree = zice::assess(rs, answers[k], o);
      zice::AssessmentText pretty = zice::assess_to_json(rs, answers[k], o);
      zice::AssessmentText compact = zice::assess_to_json(rs, answers[k], o, zice::ResultText::compact);
      zice::AssessmentText none = zice::assess_to_json(rs, answers[k], o, zice::ResultText::none);
      ASSERT_EQ(tree.ok, pretty.ok) << where;
      ASSERT_EQ(tree.ok, none.ok) << where;
      ASSERT_EQ(tree.problems.size(), pretty.problems.size()) << where;
      if (!tree.ok) continue;
      EXPECT_EQ(pretty.json, zice::to_json_text(tree.result)) << where;
      EXPECT_EQ(compact.json, zice::to_json_text(tree.result, false)) << where;
      EXPECT_TRUE(none.json.empty()) << where;
      expect_summary_matches(pretty.summary, tree.result, where);
      expect_summary_matches(none.summary, tree.result, where);
      ++documents;
    }
  }
  EXPECT_GE(documents, 500u);  // 7 rulesets' cases: a real spread of results
}

// The C API writes the document into the caller's buffer by its own route.
TEST(ResultText, CApiGivesTheSameBytes) {
  for (const Shipped& sh : shipped()) {
    SCOPED_TRACE(sh.id);
    fs::path answers_path = kSource + "/examples/enterprises/" + sh.id + ".answers.json";
    if (sh.id == "innovation-demo") answers_path = kSource + "/examples/innovation-demo.answers.json";
    std::ifstream in(answers_path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string answers = ss.str();
    ASSERT_FALSE(answers.empty()) << answers_path;
    zice_ruleset* crs = nullptr;
    ASSERT_EQ(zice_ruleset_load_file(sh.ruleset.string().c_str(), &crs), ZICE_OK);
    zice_assess_options o = ZICE_ASSESS_OPTIONS_INIT;
    o.date = "2026-06-30";
    char* out = nullptr;
    ASSERT_EQ(zice_ruleset_assess(crs, answers.c_str(), answers.size(), &o, &out), ZICE_OK);
    zice::Ruleset rs = *zice::Ruleset::load_file(sh.ruleset.string()).ruleset;
    zice::AssessOptions co;
    co.date = "2026-06-30";
    EXPECT_EQ(std::string(out), zice::to_json_text(zice::assess(rs, json::parse(answers), co).result));
    zice_free(out);
    zice_ruleset_free(crs);
  }
}

TEST(ResultText, StrictModeFailureHasProblemsAndNoText) {
  zice::Ruleset rs = *zice::Ruleset::load_file(kSource + "/rulesets/miit-zjtx-sme-2022.xml").ruleset;
  zice::AssessOptions o;
  o.strict = true;
  o.date = "2026-06-30";
  zice::AssessmentText t = zice::assess_to_json(rs, json::parse(R"({"revenue_wan": "lots"})"), o);
  EXPECT_FALSE(t.ok);
  EXPECT_TRUE(t.json.empty());
  ASSERT_FALSE(t.problems.empty());
  bool wrong_type = false;
  for (const zice::AnswerProblem& p : t.problems) wrong_type |= p.question == "revenue_wan" && p.code == "wrong_type";
  EXPECT_TRUE(wrong_type);
}

TEST(ResultText, NotAnObjectIsNotOk) {
  zice::Ruleset rs = *zice::Ruleset::load_file(kSource + "/rulesets/sme-size-2011.xml").ruleset;
  zice::AssessmentText t = zice::assess_to_json(rs, json::parse("[1, 2]"));
  EXPECT_FALSE(t.ok);
  EXPECT_EQ(t.ok, zice::assess(rs, json::parse("[1, 2]")).ok);
}

// Every position of a long string is checked for characters to escape (the
// scan goes 16 and 8 bytes at a time).
TEST(ResultText, EscapesAnywhereInLongStrings) {
  const std::string base = "abcdefghijklmnopqrstuvwxyz 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
    for (std::size_t at = 0; at < base.size(); ++at) {
      std::string s = base;
      s[at] = special;
      std::string text = zice::to_json_text(json::value(s), false);
      EXPECT_EQ(json::parse(text).as_string(), s) << int(special) << " at " << at;
      // Escaped: \" \\ \n take 2 bytes, a control character 6 (\u00XX).
      std::size_t escaped = special == '"' || special == '\\' || special == '\n' ? 2 : 6;
      EXPECT_EQ(text.size(), base.size() + 2 + escaped - 1) << int(special) << " at " << at;
    }
  }
  EXPECT_EQ(zice::to_json_text(json::value(base), false), "\"" + base + "\"");
  const std::string chinese = "中小企业法治合规体系规范（团体标准）第 5.2 条";  // UTF-8 stays as it is
  EXPECT_EQ(zice::to_json_text(json::value(chinese), false), "\"" + chinese + "\"");
}

// The streaming writer prints any tree as the tree printer did: arrays of
// scalars on one line, mixed arrays and empty containers.
TEST(ResultText, WriterLayout) {
  json::value v = json::parse(R"({"a":[1,2.5,"x"],"b":[],"c":{},"d":[{"e":null},[true]],"f":[1,{"g":1}],"h":"q\"\n"})");
  EXPECT_EQ(zice::to_json_text(v),
            "{\n  \"a\": [1, 2.5, \"x\"],\n  \"b\": [],\n  \"c\": {},\n  \"d\": [\n    {\n      \"e\": null\n    },\n"
            "    [true]\n  ],\n  \"f\": [\n    1,\n    {\n      \"g\": 1\n    }\n  ],\n  \"h\": \"q\\\"\\n\"\n}\n");
  EXPECT_EQ(zice::to_json_text(v, false),
            R"({"a":[1,2.5,"x"],"b":[],"c":{},"d":[{"e":null},[true]],"f":[1,{"g":1}],"h":"q\"\n"})");
}

// Numbers written as text directly must print as the tree's double does,
// including near the edges: below 1e-4 (exponent form there), 15 and 16
// significant digits, halves at the 6th digit, negatives, integers.
TEST(ResultText, NumberTextMatchesThePrintedDouble) {
  using zice::expr::Decimal;
  std::mt19937_64 rng(20261202);
  auto check = [](const Decimal& d) {
    // The tree's double is the one nearest to the 6-digit rounded decimal.
    json::value v = zice::detail::to_json(d);
    if (v.is_double()) {
      EXPECT_EQ(v.get_double(), std::strtod(d.to_string(6).c_str(), nullptr)) << d.to_string(20);
    }
    char buf[48];
    std::size_t n = zice::detail::number_text(d, buf);
    if (n == 0) return false;
    EXPECT_EQ(std::string(buf, n), zice::to_json_text(zice::detail::to_json(d), false)) << d.to_string(20);
    return true;
  };
  std::size_t direct = 0;
  const std::int64_t scales[] = {1, 7, 1000, 1000000, 100000000, 1000000000};  // |num| ≤ 10^18: no overflow
  for (int i = 0; i < 200000; ++i) {
    std::int64_t den = std::uniform_int_distribution<std::int64_t>(1, 10000000)(rng);
    std::int64_t num = std::uniform_int_distribution<std::int64_t>(-1000000000, 1000000000)(rng) * scales[i % 6];
    direct += check(*Decimal::from_int(num).divide(Decimal::from_int(den)));
  }
  for (std::int64_t q = -2000; q <= 2000; ++q)  // around 1e-4 and 1e-3, exactly on 6 digits
    direct += check(*Decimal::from_int(q).divide(Decimal::from_int(1000000)));
  for (std::int64_t k : {1LL, 3LL, 5LL, 999999999LL, 123456789012345LL, 999999999999999LL, 9999999999999999LL})
    for (std::int64_t den : {2LL, 4LL, 8LL, 10LL, 2000000LL, 3LL})
      check(*Decimal::from_int(k).divide(Decimal::from_int(den)));
  EXPECT_GT(direct, 100000u);  // about half the numbers above take the direct path (the rest are too large)
}

}  // namespace

namespace {

// Answers are bound by key whatever their order (the binder tries the next
// question first, then the index): reversed and shuffled documents, with an
// unknown key among them, give the same result as the questionnaire order.
TEST(ResultText, AnswerOrderDoesNotMatter) {
  zice::Ruleset rs = *zice::Ruleset::load_file(kSource + "/rulesets/miit-zjtx-sme-2022.xml").ruleset;
  json::value answers = read_json(kSource + "/examples/enterprises/miit-zjtx-sme-2022.answers.json");
  std::vector<std::pair<std::string, json::value>> items;
  for (const auto& kv : answers.as_object()) items.emplace_back(std::string(kv.key()), kv.value());
  items.emplace(items.begin() + static_cast<std::ptrdiff_t>(items.size() / 2), "no_such_question", json::value(1));
  auto document = [](const std::vector<std::pair<std::string, json::value>>& v) {
    json::object o;
    for (const auto& [k, x] : v) o[k] = x;
    return json::value(std::move(o));
  };
  zice::AssessOptions o;
  o.date = "2026-06-30";
  std::string in_order = zice::assess_to_json(rs, document(items), o).json;
  ASSERT_NE(in_order.find("no_such_question"), std::string::npos);  // reported as unknown_question
  std::reverse(items.begin(), items.end());
  EXPECT_EQ(zice::assess_to_json(rs, document(items), o).json.size(), in_order.size());
  std::mt19937 rng(3);
  for (int i = 0; i < 5; ++i) {
    std::shuffle(items.begin(), items.end(), rng);
    zice::AssessmentText t = zice::assess_to_json(rs, document(items), o);
    json::value a = json::parse(t.json), b = json::parse(in_order);
    EXPECT_EQ(a.at("score"), b.at("score"));
    EXPECT_EQ(a.at("indicators"), b.at("indicators"));
    EXPECT_EQ(a.at("gates"), b.at("gates"));
    EXPECT_EQ(a.at("grade"), b.at("grade"));
    ASSERT_EQ(t.problems.size(), 1u);
    EXPECT_EQ(t.problems[0].code, "unknown_question");
  }
}

}  // namespace

namespace {

// The first buffer of a result document is sized from the last one written on
// the thread; a summary written in between does not shrink that guess.
TEST(ResultText, SummaryLeavesTheSizeHintToDocuments) {
  zice::Ruleset rs = *zice::Ruleset::load_file(kSource + "/rulesets/miit-zjtx-sme-2022.xml").ruleset;
  json::value answers = read_json(kSource + "/examples/enterprises/miit-zjtx-sme-2022.answers.json");
  zice::AssessOptions o;
  o.date = "2026-06-30";
  zice::AssessmentText t = zice::assess_to_json(rs, answers, o);
  const std::size_t hint = zice::util::size_hint();
  EXPECT_GT(hint, 10000u);  // about the document's size (13–17 KB)
  std::string summary = zice::summary_to_json(rs, t.summary);
  EXPECT_LT(summary.size(), 1000u);
  EXPECT_EQ(zice::util::size_hint(), hint);
}

}  // namespace
