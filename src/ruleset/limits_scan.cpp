#include "ruleset/limits_scan.hpp"

#include <cstring>

#include <fmt/format.h>

namespace zice::detail {

std::optional<LimitViolation> scan_limits(const pugi::xml_document& doc, const RulesetLimits& limits) {
  std::size_t elements = 0, questions = 0, depth = 0;
  pugi::xml_node n = doc.first_child();
  // Pre-order walk using the parent and sibling links; `depth` is the element
  // depth of `n` (the root element is 1).
  depth = 1;
  while (n) {
    if (n.type() == pugi::node_doctype)
      return LimitViolation{n, "a DOCTYPE (DTD) is not allowed in a ruleset; entities it declares would never be "
                               "expanded",
                            "doctype"};
    if (n.type() == pugi::node_element) {
      if (++elements > limits.max_elements)
        return LimitViolation{n, fmt::format("the ruleset has more than {} elements (limit ruleset-elements)",
                                             limits.max_elements)};
      if (depth > limits.max_depth)
        return LimitViolation{n, fmt::format("elements are nested deeper than {} levels (limit ruleset-depth)",
                                             limits.max_depth)};
      if (std::strcmp(n.name(), "question") == 0 && ++questions > limits.max_questions)
        return LimitViolation{n, fmt::format("the ruleset has more than {} questions (limit questions)",
                                             limits.max_questions)};
      if (pugi::xml_node c = n.first_child()) {
        n = c;
        ++depth;
        continue;
      }
    }
    while (n && !n.next_sibling()) {
      n = n.parent();
      --depth;
      if (n == doc) return std::nullopt;
    }
    if (n) n = n.next_sibling();
  }
  return std::nullopt;
}

}  // namespace zice::detail
