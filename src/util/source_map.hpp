// Maps byte offsets in a loaded file to 1-based line and column (columns in
// code points), and renders a caret excerpt. pugixml only reports offsets.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace zice::util {
class SourceMap {
 public:
  explicit SourceMap(std::string_view text);
  struct Position { int line; int column; };
  Position position(std::size_t offset) const;
  std::string_view line_text(int line) const;
  /// "   12 | <line>\n      |    ^~~~" for [offset, offset+length).
  std::string excerpt(std::size_t offset, std::size_t length) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};
}  // namespace zice::util
