// SHA-256 of a byte string, as lowercase hex. Used to identify the exact
// ruleset content a result was computed from (no crypto dependency needed).
#pragma once
#include <string>
#include <string_view>

namespace zice::util {
std::string sha256_hex(std::string_view data);
}
