// C API (include/zice/zice.h): lifecycle, errors, JSON round trips, threads.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "capi_support.hpp"
#include "zice/zice.h"
#include "zice/zice.hpp"

namespace json = boost::json;

namespace {

const std::string kSource = ZICE_SOURCE_DIR;
const std::string kMiit = kSource + "/rulesets/miit-innovative-sme-2022.xml";
const std::string kMiitAnswers = kSource + "/examples/enterprises/miit-innovative-sme-2022.answers.json";
constexpr const char* kDate = "2026-11-28";

using zice::test::read_file;
using zice::test::take;

/// RAII for ruleset handles.
struct RulesetPtr {
  zice_ruleset* p = nullptr;
  ~RulesetPtr() { zice_ruleset_free(p); }
};

zice_assess_options options(const char* date = kDate) {
  zice_assess_options o = ZICE_ASSESS_OPTIONS_INIT;
  o.date = date;
  return o;
}

class CApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_EQ(zice_ruleset_load_file(kMiit.c_str(), &rs_), ZICE_OK) << zice_error_last()->message;
    answers_ = read_file(kMiitAnswers);
    ASSERT_FALSE(answers_.empty());
  }
  static void TearDownTestSuite() {
    zice_ruleset_free(rs_);
    rs_ = nullptr;
  }

  /// Assesses `answers` (default: the example enterprise) and returns the JSON.
  static std::string assess(const std::string& answers, const zice_assess_options& o = options()) {
    char* out = nullptr;
    int rc = zice_ruleset_assess(rs_, answers.data(), answers.size(), &o, &out);
    EXPECT_EQ(rc, ZICE_OK) << (zice_error_last() ? zice_error_last()->message : "");
    return take(out);
  }

  static zice_ruleset* rs_;
  static std::string answers_;
};

zice_ruleset* CApi::rs_ = nullptr;
std::string CApi::answers_;

TEST(CApiBasics, VersionAndStrerror) {
  EXPECT_STREQ(zice_version(), ZICE_VERSION);
  EXPECT_STREQ(zice_version(), zice::version());
  EXPECT_EQ(zice_version_number(), ZICE_VERSION_NUMBER);
  EXPECT_EQ(std::string(zice_strerror(ZICE_EIO)).rfind("ZICE_EIO", 0), 0u);
  EXPECT_EQ(std::string(zice_strerror(ZICE_EINTERNAL)).rfind("ZICE_EINTERNAL", 0), 0u);
  EXPECT_EQ(std::string(zice_strerror(ZICE_OK)).rfind("ZICE_OK", 0), 0u);
  EXPECT_NE(zice_strerror(12345), nullptr);
  zice_free(nullptr);
}

TEST_F(CApi, LoadFileMetadata) {
  EXPECT_STREQ(zice_ruleset_id(rs_), "miit-innovative-sme-2022");
  EXPECT_STREQ(zice_ruleset_version(rs_), "2022.1");
  EXPECT_STREQ(zice_ruleset_title(rs_), "创新型中小企业评价");
  EXPECT_STREQ(zice_ruleset_effective_from(rs_), "2022-06-01");
  EXPECT_STREQ(zice_ruleset_effective_to(rs_), "");
  EXPECT_EQ(std::string(zice_ruleset_sha256(rs_)).size(), 64u);
}

TEST_F(CApi, LoadBufferMatchesFile) {
  std::string xml = read_file(kMiit);
  RulesetPtr a, b;
  ASSERT_EQ(zice_ruleset_load_buffer(xml.data(), xml.size(), "upload.xml", &a.p), ZICE_OK);
  EXPECT_EQ(zice_error_last(), nullptr);
  EXPECT_STREQ(zice_ruleset_sha256(a.p), zice_ruleset_sha256(rs_));
  EXPECT_STREQ(zice_ruleset_id(a.p), zice_ruleset_id(rs_));
  // len 0: NUL-terminated; name NULL allowed.
  ASSERT_EQ(zice_ruleset_load_buffer(xml.c_str(), 0, nullptr, &b.p), ZICE_OK);
  EXPECT_STREQ(zice_ruleset_sha256(b.p), zice_ruleset_sha256(rs_));
  // Same answers, same result, whichever handle.
  zice_assess_options o = options();
  char* x = nullptr;
  ASSERT_EQ(zice_ruleset_assess(a.p, answers_.c_str(), 0, &o, &x), ZICE_OK);
  EXPECT_EQ(take(x), assess(answers_));
}

TEST_F(CApi, RulesetErrorHasFileLineColumn) {
  // Line 9 is the <value> line; the bad name starts at column 34.
  std::string xml = zice::test::ruleset_xml(
      "<question id=\"revenue_wan\" type=\"number\" min=\"0\"><label>营业收入</label></question>\n"
      "<question id=\"rd_wan\" type=\"number\" min=\"0\"><label>研发费用</label></question>\n",
      "<derived>\n<value id=\"ratio\" expr=\"rd_wan / revenu_wan * 100\"/></derived>\n");
  zice_ruleset* out = reinterpret_cast<zice_ruleset*>(0x1);
  ASSERT_EQ(zice_ruleset_load_buffer(xml.data(), xml.size(), "broken.xml", &out), ZICE_ERULESET);
  EXPECT_EQ(out, nullptr);
  const zice_error* e = zice_error_last();
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, ZICE_ERULESET);
  EXPECT_STREQ(e->file, "broken.xml");
  EXPECT_EQ(e->line, 9);
  EXPECT_EQ(e->column, 34);
  EXPECT_NE(std::string(e->message).find("broken.xml:9:34: error:"), std::string::npos) << e->message;
  EXPECT_NE(std::string(e->message).find("revenu_wan"), std::string::npos) << e->message;
  // One line per diagnostic: no source excerpts in the message.
  EXPECT_EQ(std::string(e->message).find("^~"), std::string::npos) << e->message;

  // From a file: the path is the file name in the error.
  std::string path = ::testing::TempDir() + "zice-capi-broken.xml";
  {
    std::ofstream f(path, std::ios::binary);
    f << xml;
  }
  ASSERT_EQ(zice_ruleset_load_file(path.c_str(), &out), ZICE_ERULESET);
  e = zice_error_last();
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(std::string(e->file), path);
  EXPECT_EQ(e->line, 9);
  EXPECT_EQ(e->column, 34);
  std::remove(path.c_str());
}

TEST_F(CApi, XmlSyntaxErrorAndMissingFile) {
  const char* xml = "<?xml version=\"1.0\"?>\n<ruleset id=\"x\" version=\"1\" format=\"1\">\n  <meta>\n</ruleset>\n";
  zice_ruleset* out = nullptr;
  ASSERT_EQ(zice_ruleset_load_buffer(xml, 0, "syntax.xml", &out), ZICE_ERULESET);
  EXPECT_GT(zice_error_last()->line, 0);
  EXPECT_STREQ(zice_error_last()->file, "syntax.xml");

  ASSERT_EQ(zice_ruleset_load_file("/nonexistent/zice/none.xml", &out), ZICE_EIO);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(zice_error_last()->code, ZICE_EIO);
  EXPECT_STREQ(zice_error_last()->file, "/nonexistent/zice/none.xml");
}

TEST_F(CApi, ErrorIsClearedBySuccess) {
  zice_ruleset* out = nullptr;
  ASSERT_EQ(zice_ruleset_load_file("/nonexistent.xml", &out), ZICE_EIO);
  ASSERT_NE(zice_error_last(), nullptr);
  // Getters and zice_free do not touch the error...
  zice_ruleset_id(rs_);
  zice_free(nullptr);
  ASSERT_NE(zice_error_last(), nullptr);
  EXPECT_EQ(zice_error_last()->code, ZICE_EIO);
  // ...a successful status call clears it.
  char* q = nullptr;
  ASSERT_EQ(zice_ruleset_questionnaire(rs_, nullptr, &q), ZICE_OK);
  zice_free(q);
  EXPECT_EQ(zice_error_last(), nullptr);
}

TEST_F(CApi, ErrorsAreThreadLocal) {
  zice_ruleset* out = nullptr;
  ASSERT_EQ(zice_ruleset_load_file("/nonexistent.xml", &out), ZICE_EIO);
  const zice_error* other = reinterpret_cast<const zice_error*>(0x1);
  std::thread([&] { other = zice_error_last(); }).join();
  EXPECT_EQ(other, nullptr);
  ASSERT_NE(zice_error_last(), nullptr);
  EXPECT_EQ(zice_error_last()->code, ZICE_EIO);
}

TEST_F(CApi, NullArgumentsReturnEinval) {
  char* s = nullptr;
  zice_ruleset* r = nullptr;
  const zice_ruleset* cr = nullptr;
  zice_catalog* c = nullptr;
  const char* a = answers_.c_str();
  auto einval = [](int rc) {
    EXPECT_EQ(rc, ZICE_EINVAL);
    const zice_error* e = zice_error_last();
    EXPECT_TRUE(e && e->code == ZICE_EINVAL && e->message && *e->message && e->file);
  };
  einval(zice_ruleset_load_file(nullptr, &r));
  einval(zice_ruleset_load_file(kMiit.c_str(), nullptr));
  einval(zice_ruleset_load_buffer(nullptr, 10, "x", &r));
  einval(zice_ruleset_load_buffer("<x/>", 4, "x", nullptr));
  einval(zice_lint_file(nullptr, &s));
  einval(zice_lint_file(kMiit.c_str(), nullptr));
  einval(zice_ruleset_questionnaire(nullptr, nullptr, &s));
  einval(zice_ruleset_questionnaire(rs_, nullptr, nullptr));
  einval(zice_assess_options_init(nullptr, ZICE_ASSESS_OPTIONS_VERSION));
  einval(zice_ruleset_validate(nullptr, a, 0, nullptr, &s));
  einval(zice_ruleset_validate(rs_, nullptr, 0, nullptr, &s));
  einval(zice_ruleset_validate(rs_, a, 0, nullptr, nullptr));
  einval(zice_ruleset_assess(nullptr, a, 0, nullptr, &s));
  einval(zice_ruleset_assess(rs_, nullptr, 0, nullptr, &s));
  einval(zice_ruleset_assess(rs_, a, 0, nullptr, nullptr));
  einval(zice_result_render(nullptr, 0, "text", &s));
  einval(zice_result_render("{}", 0, nullptr, &s));
  einval(zice_result_render("{}", 0, "text", nullptr));
  einval(zice_catalog_open(nullptr, &c));
  einval(zice_catalog_open(".", nullptr));
  einval(zice_catalog_list(nullptr, &s));
  einval(zice_catalog_get(nullptr, "x", nullptr, &cr));
  einval(zice_catalog_get_in_force(nullptr, "x", nullptr, &cr));
  EXPECT_EQ(s, nullptr);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(c, nullptr);
  EXPECT_EQ(cr, nullptr);
  EXPECT_EQ(zice_ruleset_id(nullptr), nullptr);
  EXPECT_EQ(zice_ruleset_version(nullptr), nullptr);
  EXPECT_EQ(zice_ruleset_title(nullptr), nullptr);
  EXPECT_EQ(zice_ruleset_sha256(nullptr), nullptr);
  EXPECT_EQ(zice_ruleset_effective_from(nullptr), nullptr);
  EXPECT_EQ(zice_ruleset_effective_to(nullptr), nullptr);
  zice_ruleset_free(nullptr);
  zice_catalog_free(nullptr);
}

TEST_F(CApi, OptionsVersionIsChecked) {
  zice_assess_options o;
  ASSERT_EQ(zice_assess_options_init(&o, ZICE_ASSESS_OPTIONS_VERSION), ZICE_OK);
  EXPECT_EQ(o.version, static_cast<unsigned>(ZICE_ASSESS_OPTIONS_VERSION));
  EXPECT_EQ(o.lang, nullptr);
  EXPECT_EQ(o.date, nullptr);
  EXPECT_EQ(o.strict, 0);
  EXPECT_EQ(zice_assess_options_init(&o, 0), ZICE_EINVAL);
  EXPECT_EQ(zice_assess_options_init(&o, ZICE_ASSESS_OPTIONS_VERSION + 1), ZICE_EINVAL);

  char* s = reinterpret_cast<char*>(0x1);
  o = options();
  o.version = 99;
  EXPECT_EQ(zice_ruleset_assess(rs_, answers_.c_str(), 0, &o, &s), ZICE_EINVAL);
  EXPECT_EQ(s, nullptr);
  EXPECT_NE(std::string(zice_error_last()->message).find("version"), std::string::npos);
  o.version = 0;
  EXPECT_EQ(zice_ruleset_validate(rs_, answers_.c_str(), 0, &o, &s), ZICE_EINVAL);
  o = options("2026-02-30");
  EXPECT_EQ(zice_ruleset_assess(rs_, answers_.c_str(), 0, &o, &s), ZICE_EINVAL);
  EXPECT_NE(std::string(zice_error_last()->message).find("2026-02-30"), std::string::npos);
}

// Options version 3: the result written indented, on one line, or as the
// summary only; a version-2 struct has no result_format and gets the
// indented document.
TEST_F(CApi, ResultFormats) {
  zice_assess_options o = options();
  const std::string pretty = assess(answers_, o);
  o.result_format = ZICE_RESULT_COMPACT;
  const std::string compact = assess(answers_, o);
  EXPECT_EQ(compact.find('\n'), std::string::npos);
  EXPECT_LT(compact.size(), pretty.size());
  EXPECT_EQ(json::parse(compact), json::parse(pretty));

  o.result_format = ZICE_RESULT_SUMMARY;
  json::value summary = json::parse(assess(answers_, o));
  json::value full = json::parse(pretty);
  EXPECT_EQ(summary.at("schema"), "zice-summary/1");
  EXPECT_EQ(summary.at("ruleset").at("id"), full.at("ruleset").at("id"));
  EXPECT_EQ(summary.at("grade"), full.at("grade").is_null() ? json::value() : full.at("grade").at("id"));
  EXPECT_EQ(summary.at("total"), full.at("score").at("total"));
  EXPECT_EQ(summary.at("percent"), full.at("score").at("percent"));
  const json::object& dims = summary.at("dimensions").as_object();
  ASSERT_EQ(dims.size(), full.at("dimensions").as_array().size());
  for (const json::value& d : full.at("dimensions").as_array())
    EXPECT_EQ(dims.at(d.at("id").as_string()), d.at("score")) << d.at("id");
  json::array failed;
  for (const json::value& g : full.at("gates").as_array())
    if (g.at("kind") == "mandatory" && g.at("status") == "fail") failed.push_back(g.at("id"));
  EXPECT_EQ(summary.at("failed_gates"), failed);
  std::int64_t findings = 0;
  for (const auto& kv : summary.at("findings").as_object()) findings += kv.value().as_int64();
  EXPECT_EQ(findings, static_cast<std::int64_t>(full.at("findings").as_array().size()));
  EXPECT_EQ(summary.at("complete"), full.at("complete"));
  EXPECT_EQ(summary.at("problems").as_int64(), static_cast<std::int64_t>(full.at("problems").as_array().size()));

  o.result_format = 3;
  char* s = reinterpret_cast<char*>(0x1);
  EXPECT_EQ(zice_ruleset_assess(rs_, answers_.c_str(), 0, &o, &s), ZICE_EINVAL);
  EXPECT_EQ(s, nullptr);
  EXPECT_NE(std::string(zice_error_last()->message).find("result_format"), std::string::npos);

  o.version = 2;  // a version-2 caller's struct ends before result_format: ignored
  EXPECT_EQ(assess(answers_, o), pretty);
  zice_assess_options v2;
  v2.result_format = 77;
  ASSERT_EQ(zice_assess_options_init(&v2, 2), ZICE_OK);
  EXPECT_EQ(v2.result_format, 77) << "zice_assess_options_init(2) wrote past a version-2 struct";
  ASSERT_EQ(zice_assess_options_init(&v2, 3), ZICE_OK);
  EXPECT_EQ(v2.result_format, ZICE_RESULT_PRETTY);
}

TEST_F(CApi, Questionnaire) {
  char* out = nullptr;
  ASSERT_EQ(zice_ruleset_questionnaire(rs_, "zh-CN", &out), ZICE_OK);
  json::value q = json::parse(take(out));
  EXPECT_EQ(q.at("schema"), "zice-questionnaire/1");
  EXPECT_EQ(q.at("ruleset").at("id"), "miit-innovative-sme-2022");
  // Every question of the example enterprise is in the questionnaire.
  std::string all = json::serialize(q);
  json::value answers = json::parse(answers_);
  for (const auto& kv : answers.as_object())
    EXPECT_NE(all.find("\"" + std::string(kv.key()) + "\""), std::string::npos) << kv.key();
  // NULL lang = default language, same document.
  ASSERT_EQ(zice_ruleset_questionnaire(rs_, nullptr, &out), ZICE_OK);
  EXPECT_EQ(json::parse(take(out)), q);
}

TEST_F(CApi, ValidateRoundTrip) {
  char* out = nullptr;
  ASSERT_EQ(zice_ruleset_validate(rs_, answers_.data(), answers_.size(), nullptr, &out), ZICE_OK);
  EXPECT_EQ(json::parse(take(out)), json::array());

  json::object a = json::parse(answers_).as_object();
  a["rd_expense_wan"] = "lots";
  a["no_such_question"] = 1;
  std::string bad = json::serialize(a);
  ASSERT_EQ(zice_ruleset_validate(rs_, bad.c_str(), 0, nullptr, &out), ZICE_OK);
  json::array problems = json::parse(take(out)).as_array();
  std::map<std::string, std::string> codes;
  for (const json::value& p : problems) {
    const json::object& o = p.as_object();
    ASSERT_EQ(o.size(), 4u);
    EXPECT_TRUE(o.at("message").as_string().size() > 0);
    EXPECT_TRUE(o.at("fatal").is_bool());
    codes[std::string(o.at("question").as_string())] = std::string(o.at("code").as_string());
  }
  EXPECT_EQ(codes["rd_expense_wan"], "wrong_type");
  EXPECT_EQ(codes["no_such_question"], "unknown_question");
}

TEST_F(CApi, AssessRoundTrip) {
  std::string text = assess(answers_);
  json::value r = json::parse(text);
  EXPECT_EQ(r.at("schema"), "zice-result/1");
  EXPECT_EQ(r.at("ruleset").at("id"), "miit-innovative-sme-2022");
  EXPECT_EQ(r.at("ruleset").at("sha256"), zice_ruleset_sha256(rs_));
  EXPECT_EQ(r.at("assessment_date"), kDate);
  EXPECT_EQ(r.at("lang"), "zh-CN");
  EXPECT_EQ(r.at("complete"), true);
  EXPECT_EQ(r.at("grade").at("id"), "qualified");
  EXPECT_EQ(r.at("grade").at("provisional"), false);
  EXPECT_EQ(zice::test::num(r.at("score").at("total")), 80);
  EXPECT_EQ(zice::test::num(r.at("score").at("max")), 100);
  EXPECT_EQ(zice::test::num(zice::test::by_id(r.at("dimensions"), "innovation").at("score")), 30);
  EXPECT_EQ(zice::test::num(zice::test::by_id(r.at("derived"), "rd_ratio").at("value")), 3);
  EXPECT_EQ(zice::test::by_id(r.at("gates"), "legal_person").at("status"), "pass");
  EXPECT_EQ(r.at("problems"), json::array());
  EXPECT_FALSE(r.as_object().contains("trace"));

  // Byte-identical with the C++ API.
  zice::LoadResult lr = zice::Ruleset::load_file(kMiit);
  ASSERT_TRUE(lr.ruleset);
  zice::AssessOptions o;
  o.date = kDate;
  zice::Assessment cpp = zice::assess(*lr.ruleset, json::parse(answers_), o);
  ASSERT_TRUE(cpp.ok);
  EXPECT_EQ(text, zice::to_json_text(cpp.result));

  // Options reach the engine: trace, language, date.
  zice_assess_options opt = options("2025-01-02");
  opt.trace = 1;
  opt.lang = "en";
  json::value t = json::parse(assess(answers_, opt));
  EXPECT_TRUE(t.as_object().contains("trace"));
  EXPECT_EQ(t.at("lang"), "en");
  EXPECT_EQ(t.at("assessment_date"), "2025-01-02");

  // NULL options: today (UTC), not strict.
  char* out = nullptr;
  ASSERT_EQ(zice_ruleset_assess(rs_, answers_.c_str(), 0, nullptr, &out), ZICE_OK);
  EXPECT_EQ(json::parse(take(out)).at("grade").at("id"), "qualified");
}

TEST_F(CApi, WorseAnswersScoreLower) {
  json::object a = json::parse(answers_).as_object();
  a["ip_class"] = "none";
  a["rd_expense_wan"] = 0;
  json::value r = json::parse(assess(json::serialize(a)));
  EXPECT_LT(zice::test::num(r.at("score").at("total")), 80);
}

TEST_F(CApi, StrictModeReturnsProblems) {
  json::object a = json::parse(answers_).as_object();
  a["rd_expense_wan"] = "lots";
  std::string bad = json::serialize(a);
  zice_assess_options o = options();
  o.strict = 1;
  char* out = nullptr;
  ASSERT_EQ(zice_ruleset_assess(rs_, bad.data(), bad.size(), &o, &out), ZICE_EANSWERS);
  const zice_error* e = zice_error_last();
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, ZICE_EANSWERS);
  EXPECT_NE(std::string(e->message).find("rd_expense_wan"), std::string::npos) << e->message;
  ASSERT_NE(out, nullptr);
  json::array problems = json::parse(take(out)).as_array();
  ASSERT_FALSE(problems.empty());
  bool found = false;
  for (const json::value& p : problems)
    found |= p.at("question") == "rd_expense_wan" && p.at("code") == "wrong_type" && p.at("fatal") == true;
  EXPECT_TRUE(found) << json::serialize(problems);

  // Not strict: a result, incomplete, listing the problem.
  json::value r = json::parse(assess(bad));
  EXPECT_EQ(r.at("complete"), false);
  EXPECT_FALSE(r.at("problems").as_array().empty());
}

TEST_F(CApi, MalformedJsonIsEjson) {
  char* out = reinterpret_cast<char*>(0x1);
  zice_assess_options o = options();
  EXPECT_EQ(zice_ruleset_assess(rs_, "{not json", 0, &o, &out), ZICE_EJSON);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(zice_error_last()->code, ZICE_EJSON);
  EXPECT_EQ(zice_ruleset_assess(rs_, "[1, 2]", 0, &o, &out), ZICE_EJSON);
  EXPECT_EQ(zice_ruleset_validate(rs_, "[1,", 3, nullptr, &out), ZICE_EJSON);
  EXPECT_EQ(out, nullptr);
  // `len` is honoured: the text after it is not read.
  std::string padded = answers_ + "garbage";
  EXPECT_EQ(zice_ruleset_assess(rs_, padded.data(), answers_.size(), &o, &out), ZICE_OK);
  zice_free(out);
}

TEST_F(CApi, RenderFormats) {
  std::string result = assess(answers_);
  char* out = nullptr;
  ASSERT_EQ(zice_result_render(result.data(), result.size(), "text", &out), ZICE_OK);
  std::string text = take(out);
  EXPECT_EQ(text, zice::render_text_report(json::parse(result), false));
  EXPECT_NE(text.find("创新型中小企业评价"), std::string::npos);
  EXPECT_EQ(text.find("\x1b["), std::string::npos);  // no colour

  ASSERT_EQ(zice_result_render(result.c_str(), 0, "json", &out), ZICE_OK);
  EXPECT_EQ(take(out), result);

  ASSERT_EQ(zice_result_render(result.c_str(), 0, "md", &out), ZICE_OK);
  EXPECT_EQ(take(out), zice::render_markdown_report(json::parse(result)));
  ASSERT_EQ(zice_result_render(result.c_str(), 0, "html", &out), ZICE_OK);
  EXPECT_EQ(take(out), zice::render_html_report(json::parse(result)));

  for (const char* f : {"pdf", "TEXT", ""}) {
    out = reinterpret_cast<char*>(0x1);
    EXPECT_EQ(zice_result_render(result.c_str(), 0, f, &out), ZICE_EINVAL) << f;
    EXPECT_EQ(out, nullptr);
    EXPECT_NE(std::string(zice_error_last()->message).find("text, json"), std::string::npos);
  }
  EXPECT_EQ(zice_result_render("{oops", 0, "text", &out), ZICE_EJSON);
  EXPECT_EQ(zice_result_render("{\"a\": 1}", 0, "text", &out), ZICE_EJSON);
  EXPECT_EQ(zice_result_render("[]", 0, "json", &out), ZICE_EJSON);
}

TEST_F(CApi, LintFile) {
  char* out = nullptr;
  ASSERT_EQ(zice_lint_file(kMiit.c_str(), &out), ZICE_OK);
  json::value clean = json::parse(take(out));
  for (const json::value& d : clean.as_array()) EXPECT_NE(d.at("severity"), "error");

  std::string path = ::testing::TempDir() + "zice-capi-lint.xml";
  {
    std::ofstream f(path, std::ios::binary);
    f << zice::test::ruleset_xml("<question id=\"a\" type=\"number\"><label>x</label></question>\n",
                                 "<derived>\n<value id=\"b\" expr=\"a + nope\"/></derived>\n");
  }
  ASSERT_EQ(zice_lint_file(path.c_str(), &out), ZICE_OK);  // errors are data, not a failure
  EXPECT_EQ(zice_error_last(), nullptr);
  json::array ds = json::parse(take(out)).as_array();
  ASSERT_FALSE(ds.empty());
  const json::object& d = ds.front().as_object();
  EXPECT_EQ(d.at("severity"), "error");
  EXPECT_EQ(std::string(d.at("file").as_string()), path);
  EXPECT_EQ(d.at("line"), 8);
  EXPECT_GT(d.at("column").as_int64(), 0);
  EXPECT_FALSE(d.at("code").as_string().empty());
  EXPECT_NE(std::string(d.at("message").as_string()).find("nope"), std::string::npos);
  std::remove(path.c_str());

  EXPECT_EQ(zice_lint_file("/nonexistent/lint.xml", &out), ZICE_EIO);
  EXPECT_EQ(out, nullptr);
}

TEST_F(CApi, LintFileReportsNoBasisOnce) {
  const std::string path = std::string(ZICE_SOURCE_DIR) + "/tests/lint/no-basis.xml";
  char* out = nullptr;
  ASSERT_EQ(zice_lint_file(path.c_str(), &out), ZICE_OK);
  json::array ds = json::parse(take(out)).as_array();
  ASSERT_EQ(ds.size(), 1u) << json::serialize(ds);
  EXPECT_EQ(ds[0].at("code"), "no-basis");
  EXPECT_EQ(ds[0].at("line"), 16);
}

// 8 threads share one ruleset handle; every result (and its text report)
// must be byte-identical to the single-threaded one for the same answers.
TEST_F(CApi, ThreadsShareOneRuleset) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 12;
  json::object base = json::parse(answers_).as_object();
  const char* ip[] = {"none", "class2", "class1_self_developed", "class1_high_value"};
  std::vector<std::string> variants;
  for (int i = 0; i < kRounds; ++i) {
    json::object a = base;
    a["rd_expense_wan"] = 10 * i;
    if (i % 5) a["ip_class"] = ip[i % 4];
    if (i % 3 == 0) a["total_liabilities_wan"] = 1000 + 300 * i;
    if (i == 7) a["revenue_wan"] = "bad";  // a result with a problem, too
    variants.push_back(json::serialize(a));
  }
  std::vector<std::string> expected, expected_text;
  for (const std::string& v : variants) {
    expected.push_back(assess(v));
    char* t = nullptr;
    ASSERT_EQ(zice_result_render(expected.back().c_str(), 0, "text", &t), ZICE_OK);
    expected_text.push_back(take(t));
  }
  // The variants really differ.
  EXPECT_NE(expected[0], expected[1]);
  EXPECT_NE(expected[1], expected[2]);

  std::atomic<int> mismatches{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      zice_assess_options o = options();
      for (int n = 0; n < kRounds; ++n) {
        int i = (n + t) % kRounds;  // threads are out of phase
        char* out = nullptr;
        if (zice_ruleset_assess(rs_, variants[i].data(), variants[i].size(), &o, &out) != ZICE_OK) {
          ++failures;
          continue;
        }
        if (expected[i] != out) ++mismatches;
        char* text = nullptr;
        if (zice_result_render(out, 0, "text", &text) != ZICE_OK) ++failures;
        else if (expected_text[i] != text) ++mismatches;
        zice_free(text);
        zice_free(out);
        if (zice_error_last() != nullptr) ++failures;
      }
    });
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
