// zice — parsing an untrusted answers JSON document within limits.
//
// Every entry point that receives answers as text (the C API, the CLI, the
// bindings through the C API) parses them here, so the limits of
// docs/security.md apply everywhere.
#pragma once
#include <string>
#include <string_view>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include "zice/limits.hpp"

namespace zice {

struct AnswersParse {
  boost::json::value value;  ///< the answers object; null when `error` is set
  std::string code;          ///< "" on success, "limit", "invalid_json" or "not_object"
  std::string error;         ///< English message naming the limit or the JSON error
  int line = 0;              ///< 1-based position of a JSON error or of the value over a limit; 0 when unknown
  int column = 0;            ///< 1-based, in code points
  explicit operator bool() const noexcept { return code.empty(); }
};

/// Parses an answers document: a JSON object keyed by question id. A leading
/// UTF-8 byte order mark is skipped. The byte size is checked before parsing
/// (a 100 MB document is rejected without being parsed), nesting depth while
/// parsing, string and array lengths right after. Invalid UTF-8, comments,
/// trailing commas, NaN and Infinity are JSON errors; numbers beyond the
/// range of double are errors too. Duplicate keys: the last one wins (as in
/// Boost.JSON and most JSON parsers). Never throws except std::bad_alloc.
AnswersParse parse_answers(std::string_view text, const AnswerLimits& limits = {});

/// As above, with the answers' memory taken from `sp`: give a
/// boost::json::monotonic_resource (with a buffer of a few KiB on the stack)
/// that outlives the value to parse without one heap allocation per element
/// and to drop the value without walking it. The C API and zice batch parse
/// each document this way.
AnswersParse parse_answers(std::string_view text, const AnswerLimits& limits, boost::json::storage_ptr sp);

}  // namespace zice
