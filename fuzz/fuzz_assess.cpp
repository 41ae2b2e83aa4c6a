// Fuzz target: answers JSON bytes -> validation + assessment against a
// shipped ruleset, or a clean error.
//
// The first byte picks the ruleset (rulesets/*.xml and the worked example,
// sorted by path) and the options; the rest is the answers document. Input
// that is not a JSON object is rejected by the parser like the CLI and the C
// API do; every JSON object must validate and assess without a crash or an
// exception, and assessing twice must give byte-identical results, the second
// time through zice::assess_to_json (text written without a tree).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "zice/assess.hpp"
#include "zice/ruleset.hpp"

#ifndef ZICE_SOURCE_DIR
#error "ZICE_SOURCE_DIR must name the source tree (the shipped rulesets)"
#endif

namespace {

std::vector<zice::Ruleset> load_shipped() {
  namespace fs = std::filesystem;
  std::vector<std::string> paths;
  for (const auto& e : fs::directory_iterator(fs::path(ZICE_SOURCE_DIR) / "rulesets"))
    if (e.path().extension() == ".xml") paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  paths.push_back((fs::path(ZICE_SOURCE_DIR) / "examples" / "innovation-demo.xml").string());
  std::vector<zice::Ruleset> out;
  for (const std::string& p : paths) {
    zice::LoadResult r = zice::Ruleset::load_file(p);
    if (!r) std::abort();  // a shipped ruleset must load
    out.push_back(*r.ruleset);
  }
  return out;
}

const std::vector<zice::Ruleset>& shipped() {
  static const std::vector<zice::Ruleset> rulesets = load_shipped();
  return rulesets;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::vector<zice::Ruleset>& all = shipped();
  const std::uint8_t mode = data[0];
  const zice::Ruleset& rs = all[(mode & 0x0f) % all.size()];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  boost::system::error_code ec;
  boost::json::value answers = boost::json::parse(text, ec);
  if (ec) return 0;  // not JSON: rejected before the engine sees it

  zice::AssessOptions opts;
  opts.date = "2024-06-30";
  opts.strict = (mode & 0x10) != 0;
  opts.trace = (mode & 0x20) != 0;
  opts.analyse = (mode & 0x40) != 0;
  opts.lang = (mode & 0x80) ? "en" : "";

  (void)zice::validate(rs, answers, opts);
  zice::Assessment a = zice::assess(rs, answers, opts);
  if (!a.ok) return 0;
  const std::string first = zice::to_json_text(a.result);
  // Determinism, and the text path (no tree) writes exactly what printing the
  // tree gives; the summary agrees with the document.
  zice::AssessmentText again = zice::assess_to_json(rs, answers, opts);
  if (!again.ok || again.json != first) std::abort();
  zice::AssessmentText summary = zice::assess_to_json(rs, answers, opts, zice::ResultText::none);
  if (!summary.ok || summary.summary.complete != a.result.at("complete").as_bool() ||
      summary.summary.problems != a.result.at("problems").as_array().size())
    std::abort();
  return 0;
}
