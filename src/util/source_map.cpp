#include "util/source_map.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/text_width.hpp"

namespace zice::util {

SourceMap::SourceMap(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

SourceMap::Position SourceMap::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
  std::size_t start = line_starts_[line - 1];
  int column = 1;
  for (std::size_t i = start; i < offset;) {
    next_code_point(text_, i);
    ++column;
  }
  return {static_cast<int>(line), column};
}

std::string_view SourceMap::line_text(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
  std::size_t start = line_starts_[line - 1];
  std::size_t end = text_.find('\n', start);
  if (end == std::string_view::npos) end = text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return text_.substr(start, end - start);
}

std::string SourceMap::excerpt(std::size_t offset, std::size_t length) const {
  auto pos = position(offset);
  std::string_view line = line_text(pos.line);
  std::size_t start = line_starts_[pos.line - 1];
  std::size_t rel = std::min(offset - start, line.size());
  std::size_t len = std::min(std::max<std::size_t>(length, 1), line.size() - rel);
  // Tabs are shown as one space so that the caret lines up.
  std::string shown(line);
  std::replace(shown.begin(), shown.end(), '\t', ' ');
  std::size_t lead = display_width(std::string_view(shown).substr(0, rel));
  std::size_t mark = std::max<std::size_t>(display_width(std::string_view(shown).substr(rel, len)), 1);
  std::string gutter = fmt::format("{:>5} | ", pos.line);
  return fmt::format("{}{}\n      | {}^{}", gutter, shown, std::string(lead, ' '), std::string(mark - 1, '~'));
}
}  // namespace zice::util
