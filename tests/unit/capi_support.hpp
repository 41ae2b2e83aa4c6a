// Helpers shared by the C API tests: files as bytes, and strings that the
// C API allocated (which the caller frees with zice_free).
#pragma once
#include <fstream>
#include <sstream>
#include <string>

#include "zice/zice.h"

namespace zice::test {

/// The whole file as bytes; empty when it cannot be read.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Takes ownership of a zice-allocated string (nullptr gives "").
inline std::string take(char* p) {
  std::string s = p ? p : "";
  zice_free(p);
  return s;
}

}  // namespace zice::test
