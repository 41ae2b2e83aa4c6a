// Deep lint (include/zice/lint.hpp): one broken fixture per code under
// tests/lint/, the shipped rulesets, suppressions, and the JSON/SARIF output.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

#include <unistd.h>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "ruleset/model.hpp"
#include "test_support.hpp"
#include "zice/lint.hpp"

namespace zice {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using test::must_load;
using test::ruleset_xml;

const std::string kSource = ZICE_SOURCE_DIR;

LintOptions fixed_day() {
  LintOptions o;
  o.today = "2026-06-01";
  o.excerpts = false;
  return o;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string all(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const Diagnostic& d : ds) s += d.format() + "\n";
  return s;
}

/// `<!-- expect: band-gap at 19, band-overlap at 20 -->` on the fixture's
/// second line.
std::multiset<std::pair<std::string, int>> expectations(const std::string& text) {
  std::multiset<std::pair<std::string, int>> out;
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(R"(<!--\s*expect:([^>]*)-->)"))) return out;
  std::string list = m[1];
  std::regex item(R"(([a-z][a-z0-9-]*)\s+at\s+(\d+))");
  for (auto it = std::sregex_iterator(list.begin(), list.end(), item); it != std::sregex_iterator(); ++it)
    out.insert({(*it)[1], std::stoi((*it)[2])});
  return out;
}

std::vector<fs::path> fixtures() {
  std::vector<fs::path> v;
  for (const auto& e : fs::directory_iterator(kSource + "/tests/lint"))
    if (e.path().extension() == ".xml") v.push_back(e.path());
  std::sort(v.begin(), v.end());
  return v;
}

TEST(LintCodes, TableIsUniqueAndDocumented) {
  std::set<std::string> seen;
  std::string doc = read_file(kSource + "/docs/lint.md");
  for (const LintCode& c : lint_codes()) {
    EXPECT_TRUE(seen.insert(c.code).second) << "duplicate code " << c.code;
    EXPECT_NE(std::string(c.summary), "");
    EXPECT_NE(doc.find(std::string("### `") + c.code + "`"), std::string::npos)
        << c.code << " has no section in docs/lint.md";
    EXPECT_EQ(find_lint_code(c.code), &c);
  }
  EXPECT_EQ(find_lint_code("no-such-code"), nullptr);
}

TEST(LintFixtures, EveryCodeHasAFixture) {
  std::set<std::string> covered;
  for (const fs::path& p : fixtures())
    for (const auto& [code, line] : expectations(read_file(p))) covered.insert(code);
  for (const LintCode& c : lint_codes()) EXPECT_TRUE(covered.count(c.code)) << "no fixture expects " << c.code;
}

TEST(LintFixtures, EachFixtureGivesExactlyItsExpectedDiagnostics) {
  std::vector<fs::path> files = fixtures();
  ASSERT_FALSE(files.empty());
  for (const fs::path& p : files) {
    SCOPED_TRACE(p.filename().string());
    std::string text = read_file(p);
    auto want = expectations(text);
    ASSERT_FALSE(want.empty()) << "fixture has no <!-- expect: code at line --> comment";
    LoadResult r = Ruleset::load_file(p.string());
    ASSERT_TRUE(r.ruleset) << all(r.diagnostics);
    std::vector<Diagnostic> ds = lint(*r.ruleset, fixed_day());
    std::multiset<std::pair<std::string, int>> got;
    for (const Diagnostic& d : ds) {
      got.insert({d.code, d.line});
      EXPECT_EQ(d.file, p.string());
      EXPECT_GT(d.column, 0) << d.format();
      const LintCode* c = find_lint_code(d.code);
      ASSERT_NE(c, nullptr) << d.code;
      EXPECT_EQ(d.severity, c->severity);
    }
    EXPECT_EQ(got, want) << all(ds);
  }
}

TEST(LintShipped, RulesetsHaveNoLintErrors) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kSource + "/rulesets"))
    if (e.path().extension() == ".xml") files.push_back(e.path());
  files.push_back(kSource + "/examples/innovation-demo.xml");
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    SCOPED_TRACE(p.filename().string());
    LoadResult r = Ruleset::load_file(p.string());
    ASSERT_TRUE(r.ruleset) << all(r.diagnostics);
    LintOptions o;
    o.excerpts = false;
    std::vector<Diagnostic> ds = lint(*r.ruleset, o);
    EXPECT_FALSE(has_errors(ds)) << all(ds);
    // The warnings are for the ruleset owners to fix or suppress.
    for (const Diagnostic& d : ds) std::cout << "[ shipped  ] " << d.format() << "\n";
  }
}

// ---------------------------------------------------------------- suppressions

std::string unused_question_ruleset(const std::string& suppress) {
  return ruleset_xml(
      "<question id=\"q\" type=\"boolean\"><label>是否？</label><label xml:lang=\"en\">Q?</label></question>\n"
      "<question id=\"name\" type=\"text\"><label>名称</label><label xml:lang=\"en\">Name</label></question>\n",
      "<gates><gate id=\"g\" test=\"q\"><title>门槛</title><title xml:lang=\"en\">Gate</title></gate></gates>\n",
      suppress);
}

TEST(LintSuppress, SilencesMatchingCodeAndTarget) {
  auto base = lint(must_load(unused_question_ruleset("")), fixed_day());
  ASSERT_EQ(base.size(), 1u) << all(base);
  EXPECT_EQ(base[0].code, "unused-question");

  auto with_target = lint(must_load(unused_question_ruleset(
                              "<suppress code=\"unused-question\" target=\"name\">报告抬头用。</suppress>")),
                          fixed_day());
  EXPECT_TRUE(with_target.empty()) << all(with_target);

  auto everywhere = lint(must_load(unused_question_ruleset(
                             "<suppress code=\"unused-question\">只作记录。</suppress>")),
                         fixed_day());
  EXPECT_TRUE(everywhere.empty()) << all(everywhere);
}

TEST(LintSuppress, WrongTargetKeepsTheWarningAndReportsTheSuppression) {
  auto ds = lint(must_load(unused_question_ruleset(
                     "<suppress code=\"unused-question\" target=\"nmae\">报告抬头用。</suppress>")),
                 fixed_day());
  ASSERT_EQ(ds.size(), 2u) << all(ds);
  std::set<std::string> codes{ds[0].code, ds[1].code};
  EXPECT_EQ(codes, (std::set<std::string>{"unused-question", "unused-suppression"}));
  for (const Diagnostic& d : ds) {
    if (d.code == "unused-suppression") {
      EXPECT_NE(d.message.find("'nmae' is not an id"), std::string::npos) << d.message;
    }
  }
}

// ---------------------------------------------------------------- targeted checks

std::vector<Diagnostic> lint_xml(const std::string& xml) { return lint(must_load(xml), fixed_day()); }

std::vector<std::string> codes_of(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> v;
  for (const Diagnostic& d : ds) v.push_back(d.code);
  return v;
}

const char* kEn = "<title xml:lang=\"en\">T</title>";

TEST(LintBands, GapAtTheBottomOfTheQuestionRange) {
  // min="0" but the lowest band starts above 0: the value 0 scores nothing.
  auto ds = lint_xml(ruleset_xml(
      "<question id=\"x\" type=\"number\" min=\"0\"><label>x</label><label xml:lang=\"en\">x</label></question>",
      std::string("<scoring><dimension id=\"d\"><title>维度</title>") + kEn +
          "<indicator id=\"i\"><title>指标</title>" + kEn +
          "<bands of=\"x\"><band gt=\"0\" points=\"5\"/></bands></indicator></dimension></scoring>"));
  ASSERT_EQ(codes_of(ds), std::vector<std::string>{"band-gap"}) << all(ds);
  EXPECT_NE(ds[0].message.find("the value 0"), std::string::npos) << ds[0].message;
}

TEST(LintBands, TouchingBoundsAreNeitherGapNorOverlap) {
  auto ds = lint_xml(ruleset_xml(
      "<question id=\"x\" type=\"number\"><label>x</label><label xml:lang=\"en\">x</label></question>",
      std::string("<scoring><dimension id=\"d\"><title>维度</title>") + kEn +
          "<indicator id=\"i\"><title>指标</title>" + kEn +
          "<bands of=\"x\"><band gt=\"5\" points=\"20\"/><band gt=\"3\" le=\"5\" points=\"15\"/>"
          "<band le=\"3\" points=\"0\"/></bands></indicator></dimension></scoring>"));
  EXPECT_TRUE(ds.empty()) << all(ds);
}

TEST(LintMax, WeightsAndCapsEnterTheComputedMaximum) {
  auto ds = lint_xml(ruleset_xml(
      "<question id=\"c\" type=\"choice\"><label>c</label><label xml:lang=\"en\">c</label>"
      "<option value=\"a\"><label>a</label><label xml:lang=\"en\">a</label></option>"
      "<option value=\"b\"><label>b</label><label xml:lang=\"en\">b</label></option></question>",
      std::string("<scoring total-max=\"30\"><dimension id=\"d\" max=\"20\" cap=\"25\" weight=\"2\"><title>维度</title>") +
          kEn + "<indicator id=\"i\" weight=\"3\" max=\"10\"><title>指标</title>" + kEn +
          "<options question=\"c\"><option value=\"a\" points=\"10\"/><option value=\"b\" points=\"0\"/></options>"
          "</indicator></dimension></scoring>"));
  // Dimension: min(25, 3 × 10) = 25, not 20; total: 2 × 25 = 50, not 30.
  ASSERT_EQ(codes_of(ds), (std::vector<std::string>{"max-mismatch", "max-mismatch"})) << all(ds);
  EXPECT_NE(all(ds).find("add up to 25"), std::string::npos) << all(ds);
  EXPECT_NE(all(ds).find("add up to 50"), std::string::npos) << all(ds);
}

TEST(LintMax, MultiChoiceCapAboveMax) {
  auto ds = lint_xml(ruleset_xml(
      "<question id=\"m\" type=\"multi-choice\"><label>m</label><label xml:lang=\"en\">m</label>"
      "<option value=\"a\"><label>a</label><label xml:lang=\"en\">a</label></option>"
      "<option value=\"b\"><label>b</label><label xml:lang=\"en\">b</label></option></question>",
      std::string("<scoring><dimension id=\"d\"><title>维度</title>") + kEn +
          "<indicator id=\"i\" max=\"10\"><title>指标</title>" + kEn +
          "<options question=\"m\" cap=\"15\"><option value=\"a\" points=\"10\"/><option value=\"b\" points=\"10\"/>"
          "</options></indicator></dimension></scoring>"));
  ASSERT_EQ(codes_of(ds), std::vector<std::string>{"points-above-max"}) << all(ds);
}

TEST(LintGrades, StagedLevelThatNeverHoldsWithTheLowerOnes) {
  auto ds = lint_xml(ruleset_xml(
      "<question id=\"level\" type=\"integer\" min=\"1\" max=\"5\"><label>l</label><label xml:lang=\"en\">l</label>"
      "</question>",
      std::string("<grades mode=\"staged\">"
                  "<grade id=\"l1\" when=\"level ge 1\"><title>一级</title>") + kEn + "</grade>"
          "<grade id=\"l2\" when=\"level le 2\"><title>二级</title>" + kEn + "</grade>"
          "<grade id=\"l3\" when=\"level ge 3\"><title>三级</title>" + kEn + "</grade></grades>"));
  ASSERT_EQ(codes_of(ds), std::vector<std::string>{"grade-unreachable"}) << all(ds);
  EXPECT_NE(ds[0].message.find("'l3'"), std::string::npos);
}

TEST(LintGrades, MinimumsAndTotalAreAnalysedJointly) {
  // minimums.met needs innovation >= 30, which makes the total at least 30:
  // "total below 20 and minimums met" can never hold.
  auto ds = lint_xml(ruleset_xml(
      "<question id=\"a\" type=\"number\" min=\"0\"><label>a</label><label xml:lang=\"en\">a</label></question>"
      "<question id=\"b\" type=\"number\" min=\"0\"><label>b</label><label xml:lang=\"en\">b</label></question>",
      std::string("<scoring><dimension id=\"innovation\" min=\"30\"><title>创新</title>") + kEn +
          "<indicator id=\"ia\" max=\"40\"><title>a</title>" + kEn + "<formula expr=\"a\"/></indicator></dimension>"
          "<dimension id=\"growth\"><title>成长</title>" + kEn +
          "<indicator id=\"ib\" max=\"10\"><title>b</title>" + kEn + "<formula expr=\"b\"/></indicator></dimension>"
          "</scoring><grades><grade id=\"odd\" when=\"score.total lt 20 and minimums.met\"><title>怪</title>" + kEn +
          "</grade><grade id=\"rest\"><title>其他</title>" + kEn + "</grade></grades>"));
  ASSERT_EQ(codes_of(ds), std::vector<std::string>{"grade-unreachable"}) << all(ds);
}

TEST(LintGates, DirectGateOnABooleanIsFine) {
  auto ds = lint_xml(ruleset_xml(
      "<question id=\"award\" type=\"boolean\"><label>a</label><label xml:lang=\"en\">a</label></question>",
      std::string("<gates><gate id=\"g\" kind=\"direct\" test=\"award or not award\"><title>直通</title>") + kEn +
          "</gate></gates>"));
  // `award or not award` is true whenever answered: the direct route always fires.
  ASSERT_EQ(codes_of(ds), std::vector<std::string>{"gate-never-fails"}) << all(ds);
  EXPECT_NE(ds[0].message.find("fires for every answered"), std::string::npos) << ds[0].message;
}

TEST(LintExpiry, TodayDefaultsToTheCurrentDate) {
  std::string xml = ruleset_xml(
      "<question id=\"q\" type=\"boolean\"><label>q</label><label xml:lang=\"en\">q</label></question>",
      std::string("<gates><gate id=\"g\" test=\"q\"><title>门槛</title>") + kEn + "</gate></gates>",
      "<effective from=\"2000-01-01\" to=\"2001-01-01\"/>");
  LintOptions o;
  o.excerpts = false;
  EXPECT_EQ(codes_of(lint(must_load(xml), o)), std::vector<std::string>{"ruleset-expired"});
  o.today = "2000-06-01";
  EXPECT_TRUE(lint(must_load(xml), o).empty());
}

TEST(LintExcerpts, PointAtTheElement) {
  LoadResult r = Ruleset::load_file(kSource + "/tests/lint/unused-question.xml");
  ASSERT_TRUE(r.ruleset);
  LintOptions o = fixed_day();
  o.excerpts = true;
  auto ds = lint(*r.ruleset, o);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_NE(ds[0].excerpt.find("<question id=\"company_name\""), std::string::npos) << ds[0].excerpt;
  EXPECT_NE(ds[0].excerpt.find("^~~~~~~~~"), std::string::npos) << ds[0].excerpt;
}

// ---------------------------------------------------------------- one owner per code

TEST(LintOwnership, NoBasisIsReportedByLintOnly) {
  const std::string path = kSource + "/tests/lint/no-basis.xml";
  LoadResult r = Ruleset::load_file(path);
  ASSERT_TRUE(r.ruleset) << all(r.diagnostics);
  // The loader reports no lint code at all...
  for (const Diagnostic& d : r.diagnostics) EXPECT_EQ(find_lint_code(d.code), nullptr) << d.format();
  // ...lint reports it once, and lint_loaded (zice lint, zice_lint_file) too.
  auto count = [](const std::vector<Diagnostic>& ds) {
    return std::count_if(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.code == "no-basis"; });
  };
  EXPECT_EQ(count(lint(*r.ruleset, fixed_day())), 1);
  std::vector<Diagnostic> merged = lint_loaded(Ruleset::load_file(path), fixed_day());
  EXPECT_EQ(count(merged), 1) << all(merged);
  EXPECT_EQ(count(lint_loaded(Ruleset::load_file(path), fixed_day(), /*deep=*/false)), 0);
}

// ---------------------------------------------------------------- overlays

/// Writes `text` to `dir/name` (creating `dir`).
void write_file(const fs::path& dir, const std::string& name, const std::string& text) {
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
}

/// A base ruleset and an overlay on disk: one problem in the base, two in
/// elements the overlay replaced or added.
fs::path overlay_pair() {
  fs::path dir = fs::temp_directory_path() / ("zice-lint-overlay-" + std::to_string(::getpid()));
  write_file(dir, "base.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                          // 1
             "<ruleset id=\"lint-base\" version=\"1\" format=\"1\" lang=\"zh-CN\" langs=\"zh-CN\">\n" // 2
             "  <meta><title>基础</title></meta>\n"                                                  // 3
             "  <questionnaire>\n"                                                                  // 4
             "    <question id=\"x\" type=\"integer\" min=\"0\" max=\"10\"><label>X</label></question>\n"  // 5
             "    <question id=\"unused_base\" type=\"boolean\"><label>未使用</label></question>\n"  // 6
             "  </questionnaire>\n"                                                                 // 7
             "  <scoring>\n"                                                                        // 8
             "    <dimension id=\"d\">\n"                                                           // 9
             "      <title>维度</title>\n"                                                          // 10
             "      <indicator id=\"x_points\">\n"                                                  // 11
             "        <title>X</title>\n"                                                           // 12
             "        <bands of=\"x\"><band lt=\"5\" points=\"1\"/><band ge=\"5\" points=\"2\"/></bands>\n"  // 13
             "      </indicator>\n"                                                                 // 14
             "    </dimension>\n"                                                                   // 15
             "  </scoring>\n"                                                                       // 16
             "</ruleset>\n");
  write_file(dir, "overlay.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                          // 1
             "<ruleset id=\"lint-overlay\" version=\"1\" format=\"1\" extends=\"base.xml\">\n"       // 2
             "  <meta><title>叠加</title></meta>\n"                                                  // 3
             "  <overlay>\n"                                                                        // 4
             "    <replace ref=\"x_points\">\n"                                                     // 5
             "      <indicator id=\"x_points\">\n"                                                  // 6
             "        <title>X</title>\n"                                                           // 7
             "        <bands of=\"x\">\n"                                                           // 8
             "          <band lt=\"3\" points=\"1\"/>\n"                                            // 9
             "          <band ge=\"5\" points=\"2\"/>\n"                                            // 10
             "        </bands>\n"                                                                   // 11
             "      </indicator>\n"                                                                 // 12
             "    </replace>\n"                                                                     // 13
             "    <add to=\"questionnaire\">\n"                                                     // 14
             "      <question id=\"unused_overlay\" type=\"boolean\"><label>新增</label></question>\n"  // 15
             "    </add>\n"                                                                         // 16
             "  </overlay>\n"                                                                       // 17
             "</ruleset>\n");
  return dir;
}

TEST(LintOverlay, DiagnosticsNameTheFileTheItemCameFrom) {
  fs::path dir = overlay_pair();
  const std::string base = (dir / "base.xml").string(), overlay = (dir / "overlay.xml").string();
  LoadResult r = Ruleset::load_file(overlay);
  ASSERT_TRUE(r.ruleset) << all(r.diagnostics);
  LintOptions o = fixed_day();
  o.excerpts = true;
  std::vector<Diagnostic> ds = lint(*r.ruleset, o);
  // Chain order (the overlay first, then its base), then position.
  ASSERT_EQ(ds.size(), 3u) << all(ds);
  // The gap [3, 5) is reported at the band the overlay's replacement added.
  EXPECT_EQ(ds[0].code, "band-gap");
  EXPECT_EQ(ds[0].file, overlay);
  EXPECT_EQ(ds[0].line, 10);
  EXPECT_EQ(ds[0].column, 11);
  EXPECT_NE(ds[0].excerpt.find("<band ge=\"5\" points=\"2\"/>"), std::string::npos) << ds[0].excerpt;
  // A question the overlay added.
  EXPECT_EQ(ds[1].code, "unused-question");
  EXPECT_EQ(ds[1].file, overlay);
  EXPECT_EQ(ds[1].line, 15);
  EXPECT_EQ(ds[1].column, 7);
  EXPECT_NE(ds[1].excerpt.find("unused_overlay"), std::string::npos) << ds[1].excerpt;
  // A question inherited unchanged from the base.
  EXPECT_EQ(ds[2].code, "unused-question");
  EXPECT_EQ(ds[2].file, base);
  EXPECT_EQ(ds[2].line, 6);
  EXPECT_EQ(ds[2].column, 5);
  EXPECT_NE(ds[2].excerpt.find("unused_base"), std::string::npos) << ds[2].excerpt;
  EXPECT_EQ(ds[2].format().rfind(base + ":6:5: warning: ", 0), 0u) << ds[2].format();
  fs::remove_all(dir);
}

TEST(LintOverlay, ModelItemsRecordTheirFile) {
  fs::path dir = overlay_pair();
  LoadResult r = Ruleset::load_file((dir / "overlay.xml").string());
  ASSERT_TRUE(r.ruleset) << all(r.diagnostics);
  const detail::Model& m = r.ruleset->model();
  ASSERT_EQ(m.chain.size(), 2u);
  EXPECT_EQ(m.chain[1].file, (dir / "base.xml").string());
  auto question = [&](const char* id) { return m.questions.at(static_cast<std::size_t>(m.question_index.at(id))); };
  EXPECT_EQ(question("x").file, 1);
  EXPECT_EQ(question("unused_overlay").file, 0);
  ASSERT_EQ(m.indicators.size(), 1u);
  EXPECT_EQ(m.indicators[0].file, 0);          // replaced by the overlay
  EXPECT_EQ(m.indicators[0].line, 6);
  EXPECT_EQ(m.indicators[0].bands.at(1).file, 0);
  EXPECT_EQ(m.dimensions.at(0).file, 1);       // inherited
  EXPECT_EQ(m.dimensions[0].line, 9);
  EXPECT_EQ(m.scoring_at.file, 1);
  EXPECT_EQ(m.scoring_at.line, 8);
  fs::remove_all(dir);
}

// ---------------------------------------------------------------- option tables

TEST(LintOptions, FindingsPointAtTheOptionElement) {
  std::string xml = ruleset_xml(
      "<question id=\"c\" type=\"choice\"><label>类别</label><label xml:lang=\"en\">Class</label>\n"     // 5
      "  <option value=\"a\"><label>A</label><label xml:lang=\"en\">A</label></option>\n"                 // 6
      "  <option value=\"b\"><label>B</label><label xml:lang=\"en\">B</label></option>\n"                 // 7
      "  <option value=\"n\"><label>无</label><label xml:lang=\"en\">None</label></option>\n"             // 8
      "</question>\n",                                                                                   // 9
      "<scoring><dimension id=\"d\"><title>维度</title><title xml:lang=\"en\">D</title>\n"                // 11
      "<indicator id=\"c_points\" max=\"5\"><title>类别</title><title xml:lang=\"en\">Class</title>\n"    // 12
      "  <options question=\"c\">\n"                                                                     // 13
      "    <option value=\"a\" points=\"9\"/>\n"                                                         // 14
      "  </options>\n"                                                                                   // 15
      "</indicator></dimension></scoring>\n");
  Ruleset rs = must_load(xml);
  const detail::Indicator& ind = rs.model().indicators.at(0);
  ASSERT_EQ(ind.option_points.size(), 1u);
  EXPECT_EQ(ind.option_points[0].line, 14);
  EXPECT_EQ(ind.option_points[0].column, 5);
  std::vector<Diagnostic> ds = lint(rs, fixed_day());
  ASSERT_EQ(ds.size(), 3u) << all(ds);
  // Each option the table leaves out, at the question's <option>.
  EXPECT_EQ(ds[0].code, "option-never-scores");
  EXPECT_EQ(ds[0].line, 7);
  EXPECT_EQ(ds[0].column, 3);
  EXPECT_NE(ds[0].message.find("option 'b' of question 'c' is not in the option table of indicator 'c_points' (line 12)"),
            std::string::npos) << ds[0].message;
  EXPECT_EQ(ds[1].code, "option-never-scores");
  EXPECT_EQ(ds[1].line, 8);
  EXPECT_NE(ds[1].message.find("option 'n'"), std::string::npos) << ds[1].message;
  // The row that scores above max, at the row.
  EXPECT_EQ(ds[2].code, "points-above-max");
  EXPECT_EQ(ds[2].line, 14);
  EXPECT_EQ(ds[2].column, 5);
}

TEST(LintOptions, OptionLeftOutByAnOverlayTableIsReportedInTheBase) {
  fs::path dir = fs::temp_directory_path() / ("zice-lint-options-" + std::to_string(::getpid()));
  write_file(dir, "base.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                          // 1
             "<ruleset id=\"opt-base\" version=\"1\" format=\"1\" lang=\"zh-CN\" langs=\"zh-CN\">\n" // 2
             "  <meta><title>基础</title></meta>\n"                                                  // 3
             "  <questionnaire>\n"                                                                  // 4
             "    <question id=\"c\" type=\"choice\"><label>类别</label>\n"                          // 5
             "      <option value=\"a\">A</option>\n"                                               // 6
             "      <option value=\"b\">B</option>\n"                                               // 7
             "    </question>\n"                                                                    // 8
             "  </questionnaire>\n"                                                                 // 9
             "  <scoring><dimension id=\"d\"><title>维度</title>\n"                                  // 10
             "    <indicator id=\"c_points\"><title>类别</title>\n"                                 // 11
             "      <options question=\"c\"><option value=\"a\" points=\"2\"/><option value=\"b\" points=\"1\"/></options>\n"
             "    </indicator>\n"                                                                   // 13
             "  </dimension></scoring>\n"                                                           // 14
             "</ruleset>\n");
  write_file(dir, "overlay.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                          // 1
             "<ruleset id=\"opt-overlay\" version=\"1\" format=\"1\" extends=\"base.xml\">\n"        // 2
             "  <meta><title>叠加</title></meta>\n"                                                  // 3
             "  <overlay>\n"                                                                        // 4
             "    <replace ref=\"c_points\">\n"                                                     // 5
             "      <indicator id=\"c_points\" max=\"2\"><title>类别</title>\n"                     // 6
             "        <options question=\"c\">\n"                                                   // 7
             "          <option value=\"a\" points=\"3\"/>\n"                                       // 8
             "        </options>\n"                                                                 // 9
             "      </indicator>\n"                                                                 // 10
             "    </replace>\n"                                                                     // 11
             "  </overlay>\n"                                                                       // 12
             "</ruleset>\n");
  const std::string base = (dir / "base.xml").string(), overlay = (dir / "overlay.xml").string();
  LoadResult r = Ruleset::load_file(overlay);
  ASSERT_TRUE(r.ruleset) << all(r.diagnostics);
  std::vector<Diagnostic> ds = lint(*r.ruleset, fixed_day());
  ASSERT_EQ(ds.size(), 2u) << all(ds);
  // The overlay's table row scores above its max: reported at the row, in the overlay.
  EXPECT_EQ(ds[0].code, "points-above-max");
  EXPECT_EQ(ds[0].file, overlay);
  EXPECT_EQ(ds[0].line, 8);
  EXPECT_EQ(ds[0].column, 11);
  // Option 'b' (a base question) is missing from the overlay's table: reported
  // at the base's <option>, naming the table's file and line.
  EXPECT_EQ(ds[1].code, "option-never-scores");
  EXPECT_EQ(ds[1].file, base);
  EXPECT_EQ(ds[1].line, 7);
  EXPECT_EQ(ds[1].column, 7);
  EXPECT_NE(ds[1].message.find("indicator 'c_points' (" + overlay + ":6)"), std::string::npos) << ds[1].message;
  fs::remove_all(dir);
}

TEST(LintOverlay, RowChangedByASetIsReportedAtTheSet) {
  fs::path dir = fs::temp_directory_path() / ("zice-lint-set-" + std::to_string(::getpid()));
  write_file(dir, "base.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                          // 1
             "<ruleset id=\"set-base\" version=\"1\" format=\"1\" lang=\"zh-CN\" langs=\"zh-CN\">\n" // 2
             "  <meta><title>基础</title></meta>\n"                                                  // 3
             "  <questionnaire>\n"                                                                  // 4
             "    <question id=\"x\" type=\"integer\" min=\"0\" max=\"10\"><label>X</label></question>\n"  // 5
             "  </questionnaire>\n"                                                                 // 6
             "  <scoring><dimension id=\"d\"><title>维度</title>\n"                                  // 7
             "    <indicator id=\"x_points\" max=\"2\"><title>X</title>\n"                        // 8
             "      <bands of=\"x\">\n"                                                            // 9
             "        <band lt=\"5\" points=\"1\"/>\n"                                           // 10
             "        <band ge=\"5\" points=\"2\"/>\n"                                           // 11
             "      </bands>\n"                                                                    // 12
             "    </indicator>\n"                                                                  // 13
             "  </dimension></scoring>\n"                                                          // 14
             "</ruleset>\n");
  write_file(dir, "overlay.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                          // 1
             "<ruleset id=\"set-overlay\" version=\"1\" format=\"1\" extends=\"base.xml\">\n"       // 2
             "  <meta><title>叠加</title></meta>\n"                                                  // 3
             "  <overlay>\n"                                                                        // 4
             "    <set ref=\"x_points\" band=\"2\" attr=\"points\" value=\"5\"/>\n"             // 5
             "  </overlay>\n"                                                                       // 6
             "</ruleset>\n");
  const std::string overlay = (dir / "overlay.xml").string();
  LoadResult r = Ruleset::load_file(overlay);
  ASSERT_TRUE(r.ruleset) << all(r.diagnostics);
  const detail::Indicator& ind = r.ruleset->model().indicators.at(0);
  EXPECT_EQ(ind.bands.at(0).file, 1);  // untouched: the base's <band>
  EXPECT_EQ(ind.bands[0].line, 10);
  EXPECT_EQ(ind.bands.at(1).file, 0);  // its points come from the overlay's <set>
  EXPECT_EQ(ind.bands[1].line, 5);
  LintOptions o = fixed_day();
  o.excerpts = true;
  std::vector<Diagnostic> ds = lint(*r.ruleset, o);
  ASSERT_EQ(ds.size(), 1u) << all(ds);
  EXPECT_EQ(ds[0].code, "points-above-max");
  EXPECT_EQ(ds[0].file, overlay);
  EXPECT_EQ(ds[0].line, 5);
  EXPECT_EQ(ds[0].column, 5);
  EXPECT_NE(ds[0].excerpt.find("value=\"5\""), std::string::npos) << ds[0].excerpt;
  fs::remove_all(dir);
}

// ---------------------------------------------------------------- output formats

std::vector<Diagnostic> sample() {
  Diagnostic a;
  a.severity = Severity::warning;
  a.code = "band-gap";
  a.file = "rulesets/my ruleset.xml";
  a.line = 12;
  a.column = 7;
  a.message = "values in [3, 5) fall in no band \"x\"";
  Diagnostic b;
  b.severity = Severity::error;
  b.code = "expression";  // a loader code, not a lint code
  b.file = "/abs/r.xml";
  b.line = 3;
  b.column = 1;
  b.message = "unknown name";
  Diagnostic c;
  c.severity = Severity::note;
  c.code = "min-always-met";
  c.file = "r.xml";
  return {a, b, c};
}

TEST(LintOutput, JsonArray) {
  json::value v = json::parse(lint_to_json(sample()));
  ASSERT_TRUE(v.is_array());
  const json::array& a = v.as_array();
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].at("code"), "band-gap");
  EXPECT_EQ(a[0].at("severity"), "warning");
  EXPECT_EQ(a[0].at("line").to_number<int>(), 12);
  EXPECT_EQ(a[0].at("column").to_number<int>(), 7);
  EXPECT_EQ(a[0].at("file"), "rulesets/my ruleset.xml");
  EXPECT_EQ(a[0].at("message"), "values in [3, 5) fall in no band \"x\"");
  EXPECT_EQ(a[1].at("severity"), "error");
  EXPECT_EQ(json::parse(lint_to_json({})).as_array().size(), 0u);
}

TEST(LintOutput, Sarif210) {
  json::value v = json::parse(lint_to_sarif(sample(), "9.9.9"));
  EXPECT_EQ(v.at("version"), "2.1.0");
  EXPECT_NE(std::string(v.at("$schema").as_string()).find("sarif"), std::string::npos);
  const json::object& run = v.at("runs").as_array().at(0).as_object();
  const json::object& driver = run.at("tool").at("driver").as_object();
  EXPECT_EQ(driver.at("name"), "zice");
  EXPECT_EQ(driver.at("version"), "9.9.9");
  const json::array& rules = driver.at("rules").as_array();
  // Every lint code, then the loader code that occurred.
  ASSERT_EQ(rules.size(), lint_codes().size() + 1);
  for (std::size_t i = 0; i < lint_codes().size(); ++i) {
    EXPECT_EQ(rules[i].at("id"), lint_codes()[i].code);
    EXPECT_EQ(rules[i].at("shortDescription").at("text"), lint_codes()[i].summary);
  }
  EXPECT_EQ(rules.back().at("id"), "expression");
  const json::array& results = run.at("results").as_array();
  ASSERT_EQ(results.size(), 3u);
  const json::object& r0 = results[0].as_object();
  EXPECT_EQ(r0.at("ruleId"), "band-gap");
  EXPECT_EQ(r0.at("level"), "warning");
  EXPECT_EQ(r0.at("message").at("text"), "values in [3, 5) fall in no band \"x\"");
  const json::object& loc = r0.at("locations").as_array().at(0).at("physicalLocation").as_object();
  EXPECT_EQ(loc.at("artifactLocation").at("uri"), "rulesets/my%20ruleset.xml");
  EXPECT_EQ(loc.at("region").at("startLine").to_number<int>(), 12);
  EXPECT_EQ(loc.at("region").at("startColumn").to_number<int>(), 7);
  // ruleIndex points at the rule.
  std::size_t ri = r0.at("ruleIndex").to_number<std::size_t>();
  EXPECT_EQ(rules[ri].at("id"), "band-gap");
  EXPECT_EQ(results[1].at("level"), "error");
  EXPECT_EQ(results[1].at("locations").as_array()[0].at("physicalLocation").at("artifactLocation").at("uri"),
            "file:///abs/r.xml");
  EXPECT_EQ(results[2].at("level"), "note");
  // No line: no region.
  EXPECT_FALSE(results[2].at("locations").as_array()[0].at("physicalLocation").as_object().contains("region"));
  // Default version: the library's.
  json::value d = json::parse(lint_to_sarif({}));
  EXPECT_EQ(d.at("runs").as_array()[0].at("tool").at("driver").at("version"), version());
}

}  // namespace
}  // namespace zice
