// Helpers shared by the engine tests: build small rulesets inline.
#pragma once
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "zice/zice.hpp"

namespace zice::test {

/// Wraps questionnaire and model XML in a minimal valid ruleset.
inline std::string ruleset_xml(const std::string& questionnaire, const std::string& rest = "",
                               const std::string& extra_meta = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<ruleset id=\"t\" version=\"1\" format=\"1\" lang=\"zh-CN\" langs=\"zh-CN en\">\n"
         "<meta><title>测试</title><title xml:lang=\"en\">Test</title>" + extra_meta + "</meta>\n"
         "<questionnaire>\n" + questionnaire + "</questionnaire>\n" + rest + "</ruleset>\n";
}

/// Loads or fails the test with the diagnostics.
inline Ruleset must_load(const std::string& xml) {
  LoadResult r = Ruleset::load_buffer(xml, "test.xml");
  std::string all;
  for (const Diagnostic& d : r.diagnostics) all += d.format() + "\n";
  if (!r.ruleset) ADD_FAILURE() << "ruleset did not load:\n" << all;
  return r.ruleset ? *r.ruleset : throw std::runtime_error("load failed");
}

/// The first error diagnostic, or a default one.
inline Diagnostic first_error(const std::string& xml) {
  LoadResult r = Ruleset::load_buffer(xml, "test.xml");
  EXPECT_FALSE(r.ruleset.has_value()) << "expected a load error";
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::error) return d;
  return {};
}

inline boost::json::value run(const Ruleset& rs, const std::string& answers_json, AssessOptions o = {}) {
  if (o.date.empty()) o.date = "2026-01-01";
  Assessment a = assess(rs, boost::json::parse(answers_json), o);
  EXPECT_TRUE(a.ok);
  return a.result;
}

inline const boost::json::value& by_id(const boost::json::value& arr, std::string_view id) {
  for (const auto& e : arr.as_array())
    if (e.as_object().at("id").as_string() == id) return e;
  static const boost::json::value none;
  ADD_FAILURE() << "no element with id " << id;
  return none;
}

/// Numeric value of a JSON number (int or double).
inline double num(const boost::json::value& v) { return v.is_null() ? -999999 : v.to_number<double>(); }

}  // namespace zice::test
