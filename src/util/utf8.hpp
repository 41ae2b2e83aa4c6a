// Strict UTF-8 validation of untrusted text.
#pragma once
#include <string_view>

namespace zice::util {

/// Byte offset of the first byte that does not start a well-formed UTF-8
/// sequence (RFC 3629: no overlong forms, no surrogates, nothing above
/// U+10FFFF, no truncated sequence), or std::string_view::npos when `text`
/// is valid.
std::size_t invalid_utf8_offset(std::string_view text);

}  // namespace zice::util
