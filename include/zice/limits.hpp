// zice — resource limits on untrusted input (docs/security.md).
//
// Every ruleset and every answers document is bounded before it can cost
// unbounded memory, time or stack. Exceeding a limit is an ordinary error
// that names the limit (and, for rulesets, file:line:col); it never crashes.
// The defaults fit every shipped ruleset with a wide margin; the C API
// (zice_load_options, zice_assess_options v2) and the CLI (--limit) can
// change them. A value of 0 is never "unlimited": callers that convert from
// a C struct treat 0 as "keep the default".
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace zice {

/// Limits applied while loading a ruleset (each file of an `extends` chain).
struct RulesetLimits {
  std::size_t max_file_bytes = 16u << 20;     ///< bytes of one ruleset file (16 MiB)
  std::size_t max_elements = 100000;          ///< XML elements in one file
  std::size_t max_depth = 32;                 ///< XML element nesting depth (root = 1)
  std::size_t max_questions = 2000;           ///< <question> elements in one file
  std::size_t max_expression_length = 4000;   ///< bytes of one expression
  std::size_t max_expression_depth = 64;      ///< nesting of one expression (parentheses, calls, lists, ?:)
};

/// Limits applied to an answers JSON document before and while it is parsed.
struct AnswerLimits {
  std::size_t max_bytes = 2u << 20;           ///< bytes of the document (2 MiB)
  std::size_t max_depth = 16;                 ///< nesting of arrays and objects (the answers object = 1)
  std::size_t max_string_length = 65536;      ///< bytes of one string (keys included)
  std::size_t max_array_length = 10000;       ///< elements of one array
};

/// Sets one limit by its name (the names of docs/security.md, as used by
/// `zice --limit name=value`): ruleset limits are "ruleset-bytes",
/// "ruleset-elements", "ruleset-depth", "questions", "expression-length",
/// "expression-depth"; answer limits "answers-bytes", "answers-depth",
/// "answers-string-length", "answers-array-length". Returns an error message,
/// or nullopt on success. The value must be a positive decimal integer.
std::optional<std::string> set_limit(RulesetLimits&, AnswerLimits&, std::string_view name, std::string_view value);

}  // namespace zice
