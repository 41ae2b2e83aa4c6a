#include "util/utf8.hpp"

namespace zice::util {

std::size_t invalid_utf8_offset(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size(), i = 0;
  auto cont = [&](std::size_t j) { return j < n && (s[j] & 0xC0) == 0x80; };
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(i + 1) || !cont(i + 2)) return i;
      if (c == 0xE0 && s[i + 1] < 0xA0) return i;  // overlong
      if (c == 0xED && s[i + 1] > 0x9F) return i;  // surrogate
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return i;
      if (c == 0xF0 && s[i + 1] < 0x90) return i;  // overlong
      if (c == 0xF4 && s[i + 1] > 0x8F) return i;  // above U+10FFFF
      i += 4;
    } else {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace zice::util
