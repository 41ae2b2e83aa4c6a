// zice::parse_answers: bounded parsing of answers JSON text.
#include "zice/answers_json.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "util/source_map.hpp"

namespace zice {

namespace json = boost::json;

namespace {

/// The first string or array over a limit, or number out of the range of
/// double (parsed as infinity), with its path ("answers.q1[3]"); `code` is
/// "limit" or "invalid_json". Recursion is bounded by the depth limit the
/// parser already enforced.
bool over_limit(const json::value& v, const AnswerLimits& limits, std::string& path, std::string& message,
                const char*& code) {
  code = "limit";
  switch (v.kind()) {
    case json::kind::double_:
      if (!std::isfinite(v.get_double())) {
        code = "invalid_json";
        message = fmt::format("a number is beyond the range of a double at {}", path);
        return true;
      }
      return false;
    case json::kind::string:
      if (v.get_string().size() > limits.max_string_length) {
        message = fmt::format("a string is longer than {} bytes (limit answers-string-length) at {}",
                              limits.max_string_length, path);
        return true;
      }
      return false;
    case json::kind::array: {
      const json::array& a = v.get_array();
      if (a.size() > limits.max_array_length) {
        message = fmt::format("an array has more than {} elements (limit answers-array-length) at {}",
                              limits.max_array_length, path);
        return true;
      }
      for (std::size_t i = 0; i < a.size(); ++i) {
        std::size_t keep = path.size();
        path += fmt::format("[{}]", i);
        if (over_limit(a[i], limits, path, message, code)) return true;
        path.resize(keep);
      }
      return false;
    }
    case json::kind::object:
      for (const json::key_value_pair& kv : v.get_object()) {
        if (kv.key().size() > limits.max_string_length) {
          message = fmt::format("a key is longer than {} bytes (limit answers-string-length) in {}",
                                limits.max_string_length, path);
          return true;
        }
        std::size_t keep = path.size();
        path += '.';
        path += kv.key();
        if (over_limit(kv.value(), limits, path, message, code)) return true;
        path.resize(keep);
      }
      return false;
    default: return false;
  }
}

/// Whether over_limit would find nothing, without building paths: the usual
/// case, checked first so that a path is only spelled out for an error.
bool within_limits(const json::value& v, const AnswerLimits& limits) {
  switch (v.kind()) {
    case json::kind::double_: return std::isfinite(v.get_double());
    case json::kind::string: return v.get_string().size() <= limits.max_string_length;
    case json::kind::array: {
      const json::array& a = v.get_array();
      if (a.size() > limits.max_array_length) return false;
      return std::all_of(a.begin(), a.end(), [&](const json::value& e) { return within_limits(e, limits); });
    }
    case json::kind::object:
      for (const json::key_value_pair& kv : v.get_object())
        if (kv.key().size() > limits.max_string_length || !within_limits(kv.value(), limits)) return false;
      return true;
    default: return true;
  }
}

}  // namespace

AnswersParse parse_answers(std::string_view text, const AnswerLimits& limits) {
  return parse_answers(text, limits, {});
}

AnswersParse parse_answers(std::string_view text, const AnswerLimits& limits, json::storage_ptr sp) {
  AnswersParse out;
  auto fail = [&](const char* code, std::string message, std::size_t offset = std::string_view::npos) {
    out.value = nullptr;
    out.code = code;
    out.error = std::move(message);
    if (offset != std::string_view::npos) {
      util::SourceMap::Position pos = util::SourceMap(text).position(offset);
      out.line = pos.line;
      out.column = pos.column;
    }
    return std::move(out);
  };
  if (text.size() > limits.max_bytes)
    return fail("limit", fmt::format("the answers document is {} bytes, more than the limit answers-bytes ({} bytes)",
                                     text.size(), limits.max_bytes));
  // A UTF-8 byte order mark is common in files saved by Windows editors.
  std::size_t skip = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  json::parse_options opts;
  opts.max_depth = limits.max_depth;
  // The parser's own working memory (its stack of unfinished values) starts
  // in this buffer; the value it builds goes to `sp`.
  unsigned char scratch[2048];
  json::stream_parser parser({}, opts, scratch, sizeof scratch);
  parser.reset(std::move(sp));
  boost::system::error_code ec;
  std::size_t used = parser.write(text.data() + skip, text.size() - skip, ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    if (ec == json::error::too_deep)
      return fail("limit",
                  fmt::format("the answers are nested deeper than {} levels (limit answers-depth)", limits.max_depth),
                  used + skip);
    return fail("invalid_json", fmt::format("invalid JSON: {}", ec.message()), used + skip);
  }
  json::value v = parser.release();
  if (!v.is_object()) return fail("not_object", "answers must be a JSON object keyed by question id");
  if (!within_limits(v, limits)) {
    std::string path = "answers", message;
    const char* code = "limit";
    if (over_limit(v, limits, path, message, code)) return fail(code, std::move(message));
  }
  // Move-constructed, not assigned: assigning a value of another storage
  // copies it, and `out.value` was made with the default storage.
  return AnswersParse{std::move(v), {}, {}, 0, 0};
}

}  // namespace zice
