// Compile-time error reporting shared by the parser and the checker.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace zice::expr {

/// offset/length are in bytes within the expression text.
struct Diagnostic {
  std::size_t offset;
  std::size_t length;
  std::string message;
};

struct Limits {
  std::size_t max_length = 4000;   // bytes of expression text
  std::size_t max_depth = 64;      // nesting: parentheses, lists, calls, ?:, prefix operators
  std::size_t max_nodes_height = 1000;  // height of the syntax tree (long a+b+c+... chains)
};

/// The line of `text` that contains `offset`, then a line with `^~~~` under
/// [offset, offset+length). Columns count code points; East Asian wide and
/// full-width characters count as two columns so the caret lines up in a
/// terminal. Tabs in the prefix are kept so alignment survives.
std::string render_caret(std::string_view text, std::size_t offset, std::size_t length);

/// Closest candidate by edit distance (case-insensitive), or "" when nothing
/// is close enough to be a plausible typo.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace zice::expr
