// Structural limits of a parsed ruleset document (element count, nesting
// depth, number of questions) and the refusal of a DTD, checked before the
// loader walks the DOM recursively.
#pragma once
#include <optional>
#include <string>

#include <pugixml.hpp>

#include "zice/limits.hpp"

namespace zice::detail {

struct LimitViolation {
  pugi::xml_node node;  ///< the first element past the limit
  std::string message;  ///< names the limit and its value
  const char* code = "limit";  ///< diagnostic code: "limit", or "doctype" for a DTD
};

/// Walks the document iteratively (no recursion, whatever the depth) and
/// returns the first element, in document order, that exceeds a limit.
std::optional<LimitViolation> scan_limits(const pugi::xml_document& doc, const RulesetLimits& limits);

}  // namespace zice::detail
