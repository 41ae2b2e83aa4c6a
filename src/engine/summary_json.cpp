// The summary of an assessment as JSON (docs/result-schema.md, "Summary"):
// what the C API returns with ZICE_RESULT_SUMMARY.
#include <string>

#include "ruleset/model.hpp"
#include "util/json_writer.hpp"
#include "zice/assess.hpp"

namespace zice {
namespace {

template <class Out>
void write_summary(Out& out, const Ruleset& rs, const AssessmentSummary& s) {
  const detail::Model& m = rs.model();
  out.begin_object();
  out.key("schema");
  out.string("zice-summary/1");
  out.key("ruleset");
  out.begin_object();
  out.key("id");
  out.string(m.id);
  out.key("version");
  out.string(m.version);
  out.end_object();
  out.key("grade");
  if (s.grade.empty()) out.null();
  else out.string(s.grade);
  // The grade's tone when the ruleset declares one (<grade tone="…">), so a
  // front end showing only the summary can colour the outcome.
  for (const detail::Grade& g : m.grades)
    if (g.id == s.grade && !g.tone.empty()) {  // ids are never empty: no match when no grade
      out.key("grade_tone");
      out.string(g.tone);
    }
  out.key("total");
  out.value(s.total);
  out.key("percent");
  out.value(s.percent);
  out.key("dimensions");
  out.begin_object();
  for (std::size_t i = 0; i < m.dimensions.size() && i < s.dimensions.size(); ++i) {
    out.key(m.dimensions[i].id);
    out.value(s.dimensions[i]);
  }
  out.end_object();
  out.key("failed_gates");
  out.begin_array();
  for (const std::string& g : s.failed_gates) out.string(g);
  out.end_array();
  out.key("findings");
  out.begin_object();
  for (int i = 0; i < detail::kSeverityCount; ++i) {
    out.key(detail::to_string(static_cast<detail::CheckSeverity>(i)));
    out.int64(s.findings[static_cast<std::size_t>(i)]);
  }
  out.end_object();
  out.key("complete");
  out.boolean(s.complete);
  out.key("problems");
  out.int64(static_cast<std::int64_t>(s.problems));
  out.end_object();
}

}  // namespace

std::string summary_to_json(const Ruleset& rs, const AssessmentSummary& s, bool pretty) {
  // A summary is a few hundred bytes: its own buffer size, and the thread's
  // size hint stays that of the result documents.
  constexpr std::size_t kReserve = 512;
  if (pretty) {
    util::JsonWriter<true> w(kReserve);
    write_summary(w, rs, s);
    return w.take();
  }
  util::JsonWriter<false> w(kReserve);
  write_summary(w, rs, s);
  return w.take();
}

}  // namespace zice
