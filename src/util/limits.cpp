// zice::set_limit: limits by name, for the CLI (--limit) and tests.
#include "zice/limits.hpp"

#include <charconv>
#include <cstdint>

namespace zice {

namespace {

// Depth limits protect the stack (the loader, the expression parser and the
// JSON tree walk recurse once per level), so they cannot be raised without
// bound.
constexpr std::size_t kMaxDepthCeiling = 256;

struct Entry {
  const char* name;
  std::size_t RulesetLimits::*ruleset;
  std::size_t AnswerLimits::*answers;
  std::size_t ceiling;
};

constexpr Entry kEntries[] = {
    {"ruleset-bytes", &RulesetLimits::max_file_bytes, nullptr, SIZE_MAX},
    {"ruleset-elements", &RulesetLimits::max_elements, nullptr, SIZE_MAX},
    {"ruleset-depth", &RulesetLimits::max_depth, nullptr, kMaxDepthCeiling},
    {"questions", &RulesetLimits::max_questions, nullptr, SIZE_MAX},
    {"expression-length", &RulesetLimits::max_expression_length, nullptr, SIZE_MAX},
    {"expression-depth", &RulesetLimits::max_expression_depth, nullptr, kMaxDepthCeiling},
    {"answers-bytes", nullptr, &AnswerLimits::max_bytes, SIZE_MAX},
    {"answers-depth", nullptr, &AnswerLimits::max_depth, kMaxDepthCeiling},
    {"answers-string-length", nullptr, &AnswerLimits::max_string_length, SIZE_MAX},
    {"answers-array-length", nullptr, &AnswerLimits::max_array_length, SIZE_MAX},
};

std::string known_names() {
  std::string s;
  for (const Entry& e : kEntries) s += (s.empty() ? "" : ", ") + std::string(e.name);
  return s;
}

}  // namespace

std::optional<std::string> set_limit(RulesetLimits& r, AnswerLimits& a, std::string_view name, std::string_view value) {
  for (const Entry& e : kEntries) {
    if (name != e.name) continue;
    std::size_t v = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || v == 0)
      return "limit " + std::string(name) + " needs a positive integer, got '" + std::string(value) + "'";
    if (v > e.ceiling)
      return "limit " + std::string(name) + " cannot exceed " + std::to_string(e.ceiling) + " (it bounds recursion)";
    if (e.ruleset) r.*e.ruleset = v;
    if (e.answers) a.*e.answers = v;
    return std::nullopt;
  }
  return "unknown limit '" + std::string(name) + "' (known: " + known_names() + ")";
}

}  // namespace zice
