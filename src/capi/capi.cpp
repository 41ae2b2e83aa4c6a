// The C API (include/zice/zice.h) over the C++ engine.
//
// Rules kept by every entry point that returns a status:
//  - it resets the calling thread's last error first, and sets it on failure;
//  - no exception escapes (guarded(): std::bad_alloc -> ZICE_ENOMEM, anything
//    else -> ZICE_EINTERNAL);
//  - a `char **out` is set to NULL before anything can fail, so callers may
//    always zice_free(*out).
#include "zice/zice.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "engine/assess_text.hpp"
#include "expr/value.hpp"
#include "zice/answers_json.hpp"
#include "zice/limits.hpp"
#include "zice/lint.hpp"
#include "zice/zice.hpp"

namespace json = boost::json;

// Handles. A zice_ruleset owns a (cheaply copied, shared) zice::Ruleset plus
// the strings that the metadata getters hand out.
//
// Every handle starts with a magic number, checked by each entry point and
// overwritten by its destructor: a freed (not yet reused), foreign or
// corrupted pointer is refused with ZICE_EINVAL instead of being used.
namespace {
constexpr std::uint64_t kRulesetMagic = 0x7a6963652d72736bULL;  // "zice-rsk"
constexpr std::uint64_t kCatalogMagic = 0x7a6963652d636174ULL;  // "zice-cat"
constexpr std::uint64_t kFreedMagic = 0xdeadf7eedeadf7eeULL;
}  // namespace

struct zice_ruleset {
  zice_ruleset(zice::Ruleset r, bool borrowed_) : rs(std::move(r)), title(rs.title()), borrowed(borrowed_) {}
  ~zice_ruleset() { *const_cast<volatile std::uint64_t*>(&magic) = kFreedMagic; }
  zice_ruleset(const zice_ruleset&) = delete;
  zice_ruleset& operator=(const zice_ruleset&) = delete;
  std::uint64_t magic = kRulesetMagic;
  zice::Ruleset rs;
  std::string title;      // default language
  bool borrowed = false;  // owned by a catalog: zice_ruleset_free ignores it
};

struct zice_catalog {
  explicit zice_catalog(zice::Catalog c) : cat(std::move(c)) {
    rulesets.reserve(cat.size());
    for (std::size_t i = 0; i < cat.size(); ++i) rulesets.push_back(std::make_unique<zice_ruleset>(cat.at(i), true));
  }
  ~zice_catalog() { *const_cast<volatile std::uint64_t*>(&magic) = kFreedMagic; }
  zice_catalog(const zice_catalog&) = delete;
  zice_catalog& operator=(const zice_catalog&) = delete;
  std::uint64_t magic = kCatalogMagic;
  zice::Catalog cat;
  std::vector<std::unique_ptr<zice_ruleset>> rulesets;  // rulesets[i] wraps cat.at(i)
};

namespace {

// ---- thread-local last error ------------------------------------------------

struct LastError {
  bool set = false;
  std::string message;
  std::string file;
  zice_error err{};
};

thread_local LastError t_error;

void clear_error() noexcept { t_error.set = false; }

const char* status_text(int code) noexcept {
  switch (code) {
    case ZICE_OK: return "ZICE_OK: success";
    case ZICE_EINVAL: return "ZICE_EINVAL: invalid argument";
    case ZICE_EIO: return "ZICE_EIO: I/O error";
    case ZICE_ERULESET: return "ZICE_ERULESET: the ruleset has errors";
    case ZICE_EJSON: return "ZICE_EJSON: malformed JSON input";
    case ZICE_EANSWERS: return "ZICE_EANSWERS: the answers have problems";
    case ZICE_ENOTFOUND: return "ZICE_ENOTFOUND: not found";
    case ZICE_ENOMEM: return "ZICE_ENOMEM: out of memory";
    case ZICE_EINTERNAL: return "ZICE_EINTERNAL: internal error";
    case ZICE_ELIMIT: return "ZICE_ELIMIT: an input exceeds a resource limit";
    default: return "unknown zice status code";
  }
}

/// Records an error for zice_error_last() and returns `code`. If the strings
/// cannot be copied (out of memory), falls back to static text.
int fail(int code, std::string_view message, std::string_view file = {}, int line = 0, int column = 0) noexcept {
  LastError& e = t_error;
  e.set = true;
  e.err.code = code;
  e.err.line = line;
  e.err.column = column;
  try {
    e.message.assign(message.empty() ? std::string_view(status_text(code)) : message);
    e.file.assign(file);
    e.err.message = e.message.c_str();
    e.err.file = e.file.c_str();
  } catch (...) {
    e.err.message = status_text(code);
    e.err.file = "";
  }
  return code;
}

template <class F>
int guarded(F&& f) noexcept {
  clear_error();
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return fail(ZICE_ENOMEM, "out of memory");
  } catch (const std::exception& e) {
    return fail(ZICE_EINTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(ZICE_EINTERNAL, "internal error: unknown exception");
  }
}

// ---- helpers ------------------------------------------------------------------

bool live(const zice_ruleset* rs) noexcept {
  return rs && *const_cast<const volatile std::uint64_t*>(&rs->magic) == kRulesetMagic;
}
bool live(const zice_catalog* cat) noexcept {
  return cat && *const_cast<const volatile std::uint64_t*>(&cat->magic) == kCatalogMagic;
}

/// ZICE_EINVAL for a NULL handle or one that is freed or not a zice handle.
template <class H>
int bad_handle(const char* function, const char* name, const H* h) {
  if (!h) return fail(ZICE_EINVAL, std::string(function) + ": " + name + " must not be NULL");
  return fail(ZICE_EINVAL, std::string(function) + ": " + name +
                               " is not a live zice handle (already freed, or not from zice)");
}

/// A malloc'ed NUL-terminated copy (freed by zice_free).
char* dup_string(std::string_view s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

std::string_view input_text(const char* text, std::size_t len) {
  return len == 0 ? std::string_view(text) : std::string_view(text, len);
}

std::string today_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];  // room for any int values, so -Wformat-truncation has nothing to say
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

bool valid_date(std::string_view d) { return zice::expr::parse_iso_date(d).has_value(); }

/// First line of Diagnostic::format() ("file:line:col: error: message [code]").
std::string headline(const zice::Diagnostic& d) {
  std::string s = d.format();
  if (std::size_t nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  return s;
}

/// Maps the diagnostics of a failed load (ruleset or catalog) to a status:
/// EIO for unreadable files, EINTERNAL for a loader bug, else ERULESET located
/// at the first error; the message lists every diagnostic, one per line.
int fail_load(const std::vector<zice::Diagnostic>& diags) {
  const zice::Diagnostic* first = nullptr;
  for (const zice::Diagnostic& d : diags)
    if (d.severity == zice::Severity::error) {
      first = &d;
      break;
    }
  if (!first) return fail(ZICE_EINTERNAL, "internal error: load failed without a diagnostic");
  std::string all;
  for (const zice::Diagnostic& d : diags) {
    if (!all.empty()) all += '\n';
    all += headline(d);
  }
  int code = first->code == "io"         ? ZICE_EIO
             : first->code == "internal" ? ZICE_EINTERNAL
             : first->code == "limit"    ? ZICE_ELIMIT
                                         : ZICE_ERULESET;
  return fail(code, all, first->file, first->line, first->column);
}

/// Parses a JSON input; on failure records ZICE_EJSON naming `what`.
bool parse_json(std::string_view text, const char* what, json::value& out) {
  boost::system::error_code ec;
  out = json::parse(text, ec);
  if (ec) {
    fail(ZICE_EJSON, std::string(what) + " is not well-formed JSON: " + ec.message());
    return false;
  }
  return true;
}

/// Checks and converts a zice_assess_options (NULL = defaults).
bool convert_options(const zice_assess_options* opts, zice::AssessOptions& o, zice::AnswerLimits& answer_limits,
                     int* result_format = nullptr) {
  if (result_format) *result_format = ZICE_RESULT_PRETTY;
  if (!opts) return true;
  if (opts->version == 0 || opts->version > ZICE_ASSESS_OPTIONS_VERSION) {
    fail(ZICE_EINVAL, "zice_assess_options.version is " + std::to_string(opts->version) +
                          "; this library supports 1.." + std::to_string(ZICE_ASSESS_OPTIONS_VERSION) +
                          " (initialise it with ZICE_ASSESS_OPTIONS_INIT or zice_assess_options_init)");
    return false;
  }
  if (opts->lang) o.lang = opts->lang;
  o.strict = opts->strict != 0;
  o.trace = opts->trace != 0;
  if (opts->date) {
    if (!valid_date(opts->date)) {
      fail(ZICE_EINVAL, std::string("assessment date '") + opts->date + "' is not a valid YYYY-MM-DD date");
      return false;
    }
    o.date = opts->date;
  }
  // Version-2 fields: a version-1 caller's struct ends before them, so they
  // must not be read at all.
  if (opts->version >= 2) {
    o.analyse = opts->analyse != 0;
    zice::RulesetLimits unused;
    const std::pair<const char*, std::size_t> limits[] = {
        {"answers-bytes", opts->max_answers_bytes},
        {"answers-depth", opts->max_answers_depth},
        {"answers-string-length", opts->max_answers_string_length},
        {"answers-array-length", opts->max_answers_array_length},
    };
    for (const auto& [name, value] : limits)
      if (value != 0)
        if (auto err = zice::set_limit(unused, answer_limits, name, std::to_string(value))) {
          fail(ZICE_EINVAL, "zice_assess_options: " + *err);
          return false;
        }
  }
  if (opts->version >= 3) {
    if (opts->result_format < ZICE_RESULT_PRETTY || opts->result_format > ZICE_RESULT_SUMMARY) {
      fail(ZICE_EINVAL, "zice_assess_options.result_format is " + std::to_string(opts->result_format) +
                            "; expected ZICE_RESULT_PRETTY, ZICE_RESULT_COMPACT or ZICE_RESULT_SUMMARY");
      return false;
    }
    if (result_format) *result_format = opts->result_format;
  }
  return true;
}

/// Checks and converts a zice_load_options (NULL = defaults).
bool convert_load_options(const zice_load_options* opts, zice::RulesetLimits& limits) {
  if (!opts) return true;
  if (opts->version == 0 || opts->version > ZICE_LOAD_OPTIONS_VERSION) {
    fail(ZICE_EINVAL, "zice_load_options.version is " + std::to_string(opts->version) +
                          "; this library supports 1.." + std::to_string(ZICE_LOAD_OPTIONS_VERSION) +
                          " (initialise it with ZICE_LOAD_OPTIONS_INIT)");
    return false;
  }
  zice::AnswerLimits unused;
  const std::pair<const char*, std::size_t> fields[] = {
      {"ruleset-bytes", opts->max_file_bytes},         {"ruleset-elements", opts->max_elements},
      {"ruleset-depth", opts->max_depth},              {"questions", opts->max_questions},
      {"expression-length", opts->max_expression_length}, {"expression-depth", opts->max_expression_depth},
  };
  for (const auto& [name, value] : fields)
    if (value != 0)
      if (auto err = zice::set_limit(limits, unused, name, std::to_string(value))) {
        fail(ZICE_EINVAL, "zice_load_options: " + *err);
        return false;
      }
  return true;
}

json::value problems_json(const std::vector<zice::AnswerProblem>& problems) {
  json::array a;
  for (const zice::AnswerProblem& p : problems)
    a.push_back(json::object{{"question", p.question}, {"code", p.code}, {"message", p.message}, {"fatal", p.fatal}});
  return a;
}

/// Where one call's answers live: a few KiB on the stack, more from the heap
/// only for a large document, all released at once when the call returns.
class AnswersArena {
 public:
  json::storage_ptr storage() noexcept { return &resource_; }  // not reference-counted: dropping a value is free

 private:
  unsigned char buffer_[8192];
  json::monotonic_resource resource_{buffer_, sizeof buffer_};
};

/// Answers JSON text -> object within `limits`, or ZICE_EJSON / ZICE_ELIMIT
/// recorded. `v` must have been made with the storage the answers go to.
bool parse_answers(const char* answers_json, std::size_t len, const zice::AnswerLimits& limits, json::value& v) {
  zice::AnswersParse p = zice::parse_answers(input_text(answers_json, len), limits, v.storage());
  if (!p) {
    std::string where = p.line > 0 ? " (line " + std::to_string(p.line) + ", column " + std::to_string(p.column) + ")" : "";
    if (p.code == "limit")
      fail(ZICE_ELIMIT, "answers: " + p.error + where, {}, p.line, p.column);
    else if (p.code == "not_object")
      fail(ZICE_EJSON, p.error);
    else
      fail(ZICE_EJSON, "answers is not well-formed JSON: " + p.error + where, {}, p.line, p.column);
    return false;
  }
  v = std::move(p.value);
  return true;
}

// ---- report formats ---------------------------------------------------------
// A renderer turns a result document into text. To add a format, implement
// it in src/report/ and fill in its row; rows with no function are known
// formats that this build does not provide.

using Renderer = std::string (*)(const json::value& result);

std::string render_text(const json::value& r) { return zice::render_text_report(r, false); }
std::string render_json(const json::value& r) { return zice::to_json_text(r); }
std::string render_md(const json::value& r) { return zice::render_markdown_report(r); }
std::string render_html(const json::value& r) { return zice::render_html_report(r); }

struct Format {
  const char* name;
  Renderer render;
};

constexpr Format kFormats[] = {
    {"text", &render_text},
    {"json", &render_json},
    {"md", &render_md},
    {"html", &render_html},
};

std::string available_formats() {
  std::string s;
  for (const Format& f : kFormats)
    if (f.render) s += (s.empty() ? "" : ", ") + std::string(f.name);
  return s;
}

json::value catalog_entry_json(const zice::Catalog::Entry& e) {
  return json::object{{"id", e.id},
                      {"version", e.version},
                      {"title", e.title},
                      {"effective_from", e.effective_from},
                      {"effective_to", e.effective_to},
                      {"sha256", e.sha256},
                      {"file", e.file}};
}

const zice_ruleset* catalog_handle(const zice_catalog* cat, const zice::Ruleset* rs) {
  std::size_t i = cat->cat.index_of(rs);
  return i < cat->rulesets.size() ? cat->rulesets[i].get() : nullptr;
}

}  // namespace

extern "C" {

// ---- versions, errors, memory ---------------------------------------------------

const char* zice_version(void) { return zice::version(); }

int zice_version_number(void) { return ZICE_VERSION_NUMBER; }

const zice_error* zice_error_last(void) { return t_error.set ? &t_error.err : nullptr; }

const char* zice_strerror(int code) { return status_text(code); }

void zice_free(void* p) { std::free(p); }

// ---- rulesets -------------------------------------------------------------------

int zice_ruleset_load_file_ex(const char* path, const zice_load_options* opts, zice_ruleset** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!path || !out) return fail(ZICE_EINVAL, "zice_ruleset_load_file: path and out must not be NULL");
    zice::RulesetLimits limits;
    if (!convert_load_options(opts, limits)) return t_error.err.code;
    zice::LoadResult r = zice::Ruleset::load_file(path, limits);
    if (!r.ruleset) return fail_load(r.diagnostics);
    *out = new zice_ruleset(std::move(*r.ruleset), false);
    return ZICE_OK;
  });
}

int zice_ruleset_load_buffer_ex(const char* xml, size_t len, const char* name, const zice_load_options* opts,
                                zice_ruleset** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!xml || !out) return fail(ZICE_EINVAL, "zice_ruleset_load_buffer: xml and out must not be NULL");
    zice::RulesetLimits limits;
    if (!convert_load_options(opts, limits)) return t_error.err.code;
    zice::LoadResult r = zice::Ruleset::load_buffer(input_text(xml, len), name ? name : "<buffer>", limits);
    if (!r.ruleset) return fail_load(r.diagnostics);
    *out = new zice_ruleset(std::move(*r.ruleset), false);
    return ZICE_OK;
  });
}

int zice_ruleset_load_file(const char* path, zice_ruleset** out) { return zice_ruleset_load_file_ex(path, nullptr, out); }

int zice_ruleset_load_buffer(const char* xml, size_t len, const char* name, zice_ruleset** out) {
  return zice_ruleset_load_buffer_ex(xml, len, name, nullptr, out);
}

void zice_ruleset_free(zice_ruleset* rs) {
  if (live(rs) && !rs->borrowed) delete rs;
}

const char* zice_ruleset_id(const zice_ruleset* rs) { return live(rs) ? rs->rs.id().c_str() : nullptr; }
const char* zice_ruleset_version(const zice_ruleset* rs) { return live(rs) ? rs->rs.version().c_str() : nullptr; }
const char* zice_ruleset_title(const zice_ruleset* rs) { return live(rs) ? rs->title.c_str() : nullptr; }
const char* zice_ruleset_sha256(const zice_ruleset* rs) { return live(rs) ? rs->rs.sha256().c_str() : nullptr; }
const char* zice_ruleset_effective_from(const zice_ruleset* rs) {
  return live(rs) ? rs->rs.effective_from().c_str() : nullptr;
}
const char* zice_ruleset_effective_to(const zice_ruleset* rs) {
  return live(rs) ? rs->rs.effective_to().c_str() : nullptr;
}

int zice_lint_file(const char* path, char** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!path || !out) return fail(ZICE_EINVAL, "zice_lint_file: path and out must not be NULL");
    zice::LoadResult r = zice::Ruleset::load_file(path);
    for (const zice::Diagnostic& d : r.diagnostics) {
      if (d.code == "io") return fail(ZICE_EIO, headline(d), d.file);
      if (d.code == "internal") return fail(ZICE_EINTERNAL, headline(d), d.file);
    }
    // As `zice lint`: loader diagnostics plus, when the ruleset loads, the deep lint.
    zice::LintOptions lo;
    lo.excerpts = false;
    std::vector<zice::Diagnostic> diags = zice::lint_loaded(std::move(r), lo);
    json::array a;
    for (const zice::Diagnostic& d : diags)
      a.push_back(json::object{{"severity", zice::to_string(d.severity)},
                               {"code", d.code},
                               {"file", d.file},
                               {"line", d.line},
                               {"column", d.column},
                               {"message", d.message}});
    *out = dup_string(zice::to_json_text(a));
    return ZICE_OK;
  });
}

int zice_ruleset_questionnaire(const zice_ruleset* rs, const char* lang, char** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!out) return fail(ZICE_EINVAL, "zice_ruleset_questionnaire: out must not be NULL");
    if (!live(rs)) return bad_handle("zice_ruleset_questionnaire", "rs", rs);
    *out = dup_string(zice::to_json_text(rs->rs.questionnaire(lang ? lang : "")));
    return ZICE_OK;
  });
}

// ---- assessing --------------------------------------------------------------------

int zice_assess_options_init(zice_assess_options* opts, unsigned int version) {
  return guarded([&]() -> int {
    if (!opts) return fail(ZICE_EINVAL, "zice_assess_options_init: opts must not be NULL");
    if (version == 0 || version > ZICE_ASSESS_OPTIONS_VERSION)
      return fail(ZICE_EINVAL, "zice_assess_options_init: unsupported options version " + std::to_string(version));
    const zice_assess_options defaults = ZICE_ASSESS_OPTIONS_INIT;
    // An older caller's struct is shorter: write only its fields.
    std::size_t size = version == 1   ? offsetof(zice_assess_options, analyse)
                       : version == 2 ? offsetof(zice_assess_options, result_format)
                                      : sizeof defaults;
    std::memcpy(static_cast<void*>(opts), &defaults, size);
    opts->version = version;
    return ZICE_OK;
  });
}

int zice_ruleset_validate(const zice_ruleset* rs, const char* answers_json, size_t len,
                          const zice_assess_options* opts, char** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!answers_json || !out)
      return fail(ZICE_EINVAL, "zice_ruleset_validate: rs, answers_json and out must not be NULL");
    if (!live(rs)) return bad_handle("zice_ruleset_validate", "rs", rs);
    zice::AssessOptions o;
    zice::AnswerLimits limits;
    if (!convert_options(opts, o, limits)) return t_error.err.code;
    AnswersArena arena;
    json::value answers(arena.storage());
    if (!parse_answers(answers_json, len, limits, answers)) return t_error.err.code;
    std::vector<zice::AnswerProblem> problems = zice::validate(rs->rs, answers, o);
    for (const zice::AnswerProblem& p : problems)
      if (p.code == "internal") return fail(ZICE_EINTERNAL, "internal error: " + p.message);
    *out = dup_string(zice::to_json_text(problems_json(problems)));
    return ZICE_OK;
  });
}

int zice_ruleset_assess(const zice_ruleset* rs, const char* answers_json, size_t len,
                        const zice_assess_options* opts, char** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!answers_json || !out)
      return fail(ZICE_EINVAL, "zice_ruleset_assess: rs, answers_json and out must not be NULL");
    if (!live(rs)) return bad_handle("zice_ruleset_assess", "rs", rs);
    zice::AssessOptions o;
    zice::AnswerLimits limits;
    int format = ZICE_RESULT_PRETTY;
    if (!convert_options(opts, o, limits, &format)) return t_error.err.code;
    AnswersArena arena;
    json::value answers(arena.storage());
    if (!parse_answers(answers_json, len, limits, answers)) return t_error.err.code;
    std::vector<zice::AnswerProblem> problems;
    if (format == ZICE_RESULT_SUMMARY) {
      zice::AssessmentText a = zice::assess_to_json(rs->rs, answers, o, zice::ResultText::none);
      if (a.ok) {
        *out = dup_string(zice::summary_to_json(rs->rs, a.summary, false));
        return ZICE_OK;
      }
      problems = std::move(a.problems);
    } else if ((*out = zice::detail::assess_to_c_string(rs->rs, answers, o, format == ZICE_RESULT_PRETTY, problems))) {
      return ZICE_OK;  // written straight to text in the caller's buffer: no result tree, no copy
    }
    const zice::AnswerProblem* first_fatal = nullptr;
    std::size_t fatal = 0;
    for (const zice::AnswerProblem& p : problems) {
      if (p.code == "internal") return fail(ZICE_EINTERNAL, "internal error: " + p.message);
      if (p.code == "invalid_date") return fail(ZICE_EINVAL, p.message);
      if (p.fatal && fatal++ == 0) first_fatal = &p;
    }
    std::string msg = "the answers have " + std::to_string(fatal) + " fatal problem" + (fatal == 1 ? "" : "s");
    if (first_fatal)
      msg += "; first: " + (first_fatal->question.empty() ? std::string() : first_fatal->question + ": ") +
             first_fatal->message;
    *out = dup_string(zice::to_json_text(problems_json(problems)));
    return fail(ZICE_EANSWERS, msg);
  });
}

int zice_result_render(const char* result_json, size_t len, const char* format, char** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!result_json || !format || !out)
      return fail(ZICE_EINVAL, "zice_result_render: result_json, format and out must not be NULL");
    const Format* f = nullptr;
    for (const Format& k : kFormats)
      if (std::strcmp(k.name, format) == 0) f = &k;
    if (!f)
      return fail(ZICE_EINVAL,
                  "unknown report format '" + std::string(format) + "' (available: " + available_formats() + ")");
    if (!f->render)
      return fail(ZICE_EINVAL, "report format '" + std::string(format) + "' is not available in this build (available: " +
                                   available_formats() + ")");
    json::value result;
    if (!parse_json(input_text(result_json, len), "the result", result)) return t_error.err.code;
    const json::object* obj = result.if_object();
    const json::value* schema = obj ? obj->if_contains("schema") : nullptr;
    if (!schema || !schema->is_string() || !schema->get_string().starts_with("zice-result/"))
      return fail(ZICE_EJSON, "not a zice result document (no \"schema\": \"zice-result/1\")");
    *out = dup_string(f->render(result));
    return ZICE_OK;
  });
}

// ---- catalogs ------------------------------------------------------------------------

int zice_catalog_open(const char* dir, zice_catalog** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!dir || !out) return fail(ZICE_EINVAL, "zice_catalog_open: dir and out must not be NULL");
    zice::CatalogLoad r = zice::Catalog::open(dir);
    if (!r.catalog) return fail_load(r.diagnostics);
    *out = new zice_catalog(std::move(*r.catalog));
    return ZICE_OK;
  });
}

void zice_catalog_free(zice_catalog* cat) {
  if (live(cat)) delete cat;
}

int zice_catalog_list(const zice_catalog* cat, char** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!out) return fail(ZICE_EINVAL, "zice_catalog_list: cat and out must not be NULL");
    if (!live(cat)) return bad_handle("zice_catalog_list", "cat", cat);
    json::array a;
    for (const zice::Catalog::Entry& e : cat->cat.list()) a.push_back(catalog_entry_json(e));
    *out = dup_string(zice::to_json_text(a));
    return ZICE_OK;
  });
}

int zice_catalog_get(const zice_catalog* cat, const char* id, const char* version, const zice_ruleset** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!id || !out) return fail(ZICE_EINVAL, "zice_catalog_get: cat, id and out must not be NULL");
    if (!live(cat)) return bad_handle("zice_catalog_get", "cat", cat);
    const zice_ruleset* h = catalog_handle(cat, cat->cat.get(id, version ? version : ""));
    if (!h) {
      if (version && cat->cat.get(id))
        return fail(ZICE_ENOTFOUND, "the catalog has no version '" + std::string(version) + "' of ruleset '" + id + "'");
      return fail(ZICE_ENOTFOUND, "the catalog has no ruleset '" + std::string(id) + "'");
    }
    *out = h;
    return ZICE_OK;
  });
}

int zice_catalog_get_in_force(const zice_catalog* cat, const char* id, const char* date, const zice_ruleset** out) {
  return guarded([&]() -> int {
    if (out) *out = nullptr;
    if (!id || !out) return fail(ZICE_EINVAL, "zice_catalog_get_in_force: cat, id and out must not be NULL");
    if (!live(cat)) return bad_handle("zice_catalog_get_in_force", "cat", cat);
    std::string day = date ? std::string(date) : today_utc();
    if (!valid_date(day)) return fail(ZICE_EINVAL, "date '" + day + "' is not a valid YYYY-MM-DD date");
    const zice_ruleset* h = catalog_handle(cat, cat->cat.in_force(id, day));
    if (!h) {
      if (!cat->cat.get(id)) return fail(ZICE_ENOTFOUND, "the catalog has no ruleset '" + std::string(id) + "'");
      return fail(ZICE_ENOTFOUND, "no version of ruleset '" + std::string(id) + "' is in force on " + day);
    }
    *out = h;
    return ZICE_OK;
  });
}

}  // extern "C"
