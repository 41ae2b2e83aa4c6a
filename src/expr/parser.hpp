// Parser entry point. The Spirit X3 grammar lives in parser.cpp only, which is
// the slowest file to compile; everything else includes just this header.
#pragma once
#include <optional>
#include <string_view>

#include "expr/ast.hpp"
#include "expr/diagnostic.hpp"

namespace zice::expr {

struct ParseResult {
  ast::NodePtr root;                 // set on success
  std::optional<Diagnostic> error;   // set on failure
};

/// Never throws for bad input. Enforces limits.max_length before parsing and
/// limits.max_depth during parsing (so deeply nested input cannot exhaust the
/// stack) and limits.max_nodes_height on the result.
ParseResult parse(std::string_view text, const Limits& limits);

}  // namespace zice::expr
