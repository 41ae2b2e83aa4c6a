// Fuzz target: ruleset XML bytes -> a loaded ruleset or a clean error.
//
// Any input must either load (and then give a questionnaire and score an
// empty answer document without crashing) or fail with at least one error
// diagnostic. Never a crash, an exception, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <boost/json/object.hpp>

#include "zice/assess.hpp"
#include "zice/ruleset.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  zice::LoadResult r = zice::Ruleset::load_buffer(xml, "fuzz.xml");
  if (!r) {
    // A failed load must say why.
    if (!zice::has_errors(r.diagnostics)) std::abort();
    for (const zice::Diagnostic& d : r.diagnostics) (void)d.format();
    return 0;
  }
  const zice::Ruleset& rs = *r.ruleset;
  (void)rs.questionnaire();
  zice::AssessOptions opts;
  opts.date = "2024-06-30";
  opts.analyse = false;
  zice::Assessment a = zice::assess(rs, boost::json::object{}, opts);
  if (a.ok) (void)zice::to_json_text(a.result);
  return 0;
}
