// Behaviour of the shipped rulesets that their case files cannot express
// (every case there is laid over the file's base answers).
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "zice/zice.hpp"

namespace {

namespace json = boost::json;
const std::string kSource = ZICE_SOURCE_DIR;

// An empty legal-compliance questionnaire decides nothing: no grade is
// reached (low_risk is not a fall-through), every grade is undecided and the
// result is incomplete.
TEST(ShippedRulesets, LegalComplianceWithNothingAnsweredReachesNoGrade) {
  zice::Ruleset rs = *zice::Ruleset::load_file(kSource + "/rulesets/sme-legal-compliance.xml").ruleset;
  json::value r = zice::test::run(rs, "{}");
  EXPECT_TRUE(r.at("grade").is_null());
  EXPECT_FALSE(r.at("complete").as_bool());
  for (const json::value& g : r.at("grades").as_array())
    EXPECT_EQ(g.at("status"), "undecided") << g.at("id");
  EXPECT_TRUE(r.at("compliance").at("percent").is_null());
}

}  // namespace
