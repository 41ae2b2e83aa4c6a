// XML → compiled Model. Internal; the public entry points are
// zice::Ruleset::load_file / load_buffer.
#pragma once
#include <string>
#include <string_view>

#include "zice/ruleset.hpp"

namespace zice {

class Loader {
 public:
  /// `name` is the file name used in diagnostics.
  static LoadResult load(std::string_view xml, std::string name, const RulesetLimits& limits);
};

}  // namespace zice
