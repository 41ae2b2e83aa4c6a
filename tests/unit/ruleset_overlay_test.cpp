// Overlays: a ruleset that extends another and edits it by id.
#include "test_support.hpp"
#include "ruleset/model.hpp"

using namespace zice;
using zice::test::by_id;
using zice::test::num;
using zice::test::run;

namespace {

std::string data(const char* f) { return std::string(ZICE_SOURCE_DIR) + "/tests/data/overlay/" + f; }

TEST(Overlay, AppliesSetRemoveAddReplace) {
  LoadResult lr = Ruleset::load_file(data("province.xml"));
  for (const Diagnostic& d : lr.diagnostics) ADD_FAILURE() << d.format();
  ASSERT_TRUE(lr.ruleset);
  const Ruleset& rs = *lr.ruleset;
  EXPECT_EQ(rs.id(), "overlay-province");
  EXPECT_EQ(rs.version(), "1-p");
  EXPECT_EQ(rs.title(), "省级");
  // Band 2 now gives 7; y adds up to 3; `flag` is gone (answering it is an unknown question).
  auto r = run(rs, R"({"x": 6, "y": 2})");
  EXPECT_EQ(num(by_id(r.at("indicators"), "x_points").at("points")), 7);
  EXPECT_EQ(num(r.at("score").at("total")), 9);
  EXPECT_EQ(r.at("grade").at("id").as_string(), "pass");  // replaced grade: ≥ 9
  EXPECT_EQ(r.at("grade").at("title").as_string(), "通过（省级）");
  EXPECT_EQ(r.at("indicators").as_array().size(), 2u);
  // The result records the whole chain.
  const auto& chain = r.at("ruleset").at("chain").as_array();
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[0].at("id").as_string(), "overlay-province");
  EXPECT_EQ(chain[1].at("id").as_string(), "overlay-base");
  EXPECT_EQ(chain[1].at("sha256").as_string().size(), 64u);
  auto ps = validate(rs, boost::json::parse(R"({"x": 1, "y": 0, "flag": true})"), {});
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].code, "unknown_question");
}

TEST(Overlay, ErrorsPointIntoTheOverlayFile) {
  LoadResult lr = Ruleset::load_file(data("broken.xml"));
  ASSERT_FALSE(lr.ruleset);
  ASSERT_GE(lr.diagnostics.size(), 2u);
  const Diagnostic& unknown = lr.diagnostics[0];
  EXPECT_EQ(unknown.code, "overlay-unknown-ref");
  EXPECT_NE(unknown.file.find("broken.xml"), std::string::npos);
  EXPECT_EQ(unknown.line, 5);
  EXPECT_EQ(unknown.column, 18);
  // The added indicator's formula error is located in broken.xml, not in base.xml.
  bool found = false;
  for (const Diagnostic& d : lr.diagnostics)
    if (d.code == "expression") {
      found = true;
      EXPECT_NE(d.file.find("broken.xml"), std::string::npos) << d.format();
      EXPECT_EQ(d.line, 6);
    }
  EXPECT_TRUE(found);
}

TEST(Overlay, CycleAndMissingBaseAreErrors) {
  LoadResult lr = Ruleset::load_file(data("cycle-a.xml"));
  ASSERT_FALSE(lr.ruleset);
  EXPECT_EQ(lr.diagnostics.at(0).code, "extends");
  EXPECT_NE(lr.diagnostics[0].message.find("cycle"), std::string::npos);
  lr = Ruleset::load_buffer(R"(<ruleset id="a" version="1" format="1" extends="nope.xml"><meta><title>A</title></meta></ruleset>)", "x.xml");
  ASSERT_FALSE(lr.ruleset);
  EXPECT_NE(lr.diagnostics.at(0).message.find("nope.xml"), std::string::npos);
}

TEST(Overlay, ShippedProvinceExampleLoads) {
  LoadResult lr = Ruleset::load_file(std::string(ZICE_SOURCE_DIR) + "/examples/overlays/zjtx-2022-demo-province.xml");
  for (const Diagnostic& d : lr.diagnostics) ADD_FAILURE() << d.format();
  ASSERT_TRUE(lr.ruleset);
  EXPECT_EQ(lr.ruleset->model().chain.size(), 2u);
}

}  // namespace
