// Display width of UTF-8 text in a terminal: CJK and full-width characters
// take two columns. Needed so report tables stay aligned with Chinese text.
#pragma once
#include <string>
#include <string_view>

namespace zice::util {
std::size_t display_width(std::string_view utf8);
/// Pads with spaces on the right (or left when `right_align`) to `width` columns.
std::string pad(std::string_view utf8, std::size_t width, bool right_align = false);
/// Cuts to at most `width` columns, ending with "…" when cut.
std::string truncate(std::string_view utf8, std::size_t width);
/// Decodes one code point at `i` (advancing it); invalid bytes yield U+FFFD.
char32_t next_code_point(std::string_view utf8, std::size_t& i);
}  // namespace zice::util
