// Fuzz target: a round trip through the C API, as a binding would use it.
//
// The input is split at the first NUL byte: ruleset XML before it, answers
// JSON after it. Without a NUL, the bytes are answers for the worked example
// (examples/innovation-demo.xml). Load the buffer, validate, assess, render
// every format, free everything. Every status must be ZICE_OK or a documented
// negative code with an error message; no crash, leak or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "zice/zice.h"

#ifndef ZICE_SOURCE_DIR
#error "ZICE_SOURCE_DIR must name the source tree (the worked example)"
#endif

namespace {

const std::string& demo_xml() {
  static const std::string xml = [] {
    std::ifstream in(ZICE_SOURCE_DIR "/examples/innovation-demo.xml", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }();
  return xml;
}

// A failing call must leave a well-formed error behind.
void check_status(int rc) {
  switch (rc) {
    case ZICE_OK:
      return;
    case ZICE_EINVAL:
    case ZICE_EIO:
    case ZICE_ERULESET:
    case ZICE_EJSON:
    case ZICE_EANSWERS:
    case ZICE_ENOTFOUND:
    case ZICE_ENOMEM:
    case ZICE_ELIMIT:
      break;
    default:  // ZICE_EINTERNAL ("a bug in zice") or an undocumented code
      std::abort();
  }
  const zice_error* e = zice_error_last();
  if (e == nullptr || e->code != rc || e->message == nullptr || e->file == nullptr) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view xml = demo_xml();
  std::string_view answers = in;
  if (auto nul = in.find('\0'); nul != std::string_view::npos) {
    xml = in.substr(0, nul);
    answers = in.substr(nul + 1);
  }
  // The C API takes len == 0 as "use strlen"; give it a NUL-terminated copy.
  const std::string xml_buf(xml), answers_buf(answers);

  zice_ruleset* rs = nullptr;
  int rc = zice_ruleset_load_buffer(xml_buf.c_str(), xml_buf.size(), "fuzz.xml", &rs);
  check_status(rc);
  if (rc != ZICE_OK) {
    if (rs != nullptr) std::abort();
    return 0;
  }
  (void)zice_ruleset_id(rs);
  (void)zice_ruleset_sha256(rs);

  zice_assess_options opts = ZICE_ASSESS_OPTIONS_INIT;
  opts.date = "2024-06-30";
  char* out = nullptr;
  rc = zice_ruleset_questionnaire(rs, nullptr, &out);
  check_status(rc);
  zice_free(out);
  out = nullptr;

  rc = zice_ruleset_validate(rs, answers_buf.c_str(), answers_buf.size(), &opts, &out);
  check_status(rc);
  zice_free(out);
  out = nullptr;

  char* result = nullptr;
  rc = zice_ruleset_assess(rs, answers_buf.c_str(), answers_buf.size(), &opts, &result);
  check_status(rc);
  if (rc == ZICE_OK) {
    if (result == nullptr) std::abort();
    for (const char* format : {"text", "json", "md", "html"}) {
      char* report = nullptr;
      int r2 = zice_result_render(result, std::strlen(result), format, &report);
      check_status(r2);
      if (r2 == ZICE_OK && report == nullptr) std::abort();
      zice_free(report);
    }
  }
  zice_free(result);
  // The other result formats of the same answers: one line, and the summary.
  for (int format : {ZICE_RESULT_COMPACT, ZICE_RESULT_SUMMARY}) {
    opts.result_format = format;
    result = nullptr;
    rc = zice_ruleset_assess(rs, answers_buf.c_str(), answers_buf.size(), &opts, &result);
    check_status(rc);
    if (rc == ZICE_OK && result == nullptr) std::abort();
    zice_free(result);
  }
  zice_ruleset_free(rs);
  return 0;
}
