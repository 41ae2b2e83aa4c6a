// Internal: name resolution and type checking of a parsed tree, producing the
// planned evaluation tree (see plan.hpp).
#pragma once
#include <vector>

#include "expr/ast.hpp"
#include "expr/plan.hpp"

namespace zice::expr::detail {

struct CheckOutput {
  PNode root;
  std::vector<std::uint32_t> deps;  // sorted, unique
};

/// Appends every error found to `errors` (checking continues after an error
/// so an author sees all problems at once). Returns true if none were found.
bool check(const ast::Node& root, std::string_view source, const Scope& scope, Type expected,
           std::vector<Diagnostic>& errors, CheckOutput& out);

}  // namespace zice::expr::detail
