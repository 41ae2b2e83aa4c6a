// Internal: name resolution and type checking of a parsed tree, producing the
// planned evaluation tree (see plan.hpp), and its flattening into a Plan.
#pragma once
#include <vector>

#include "expr/ast.hpp"
#include "expr/plan.hpp"

namespace zice::expr::detail {

/// The checker's output tree, before it is flattened into a Plan.
struct TNode {
  Code code = Code::Const;
  Type type = Type::Any;      // static type
  std::uint32_t slot = 0;     // Slot, Answered
  std::uint32_t offset = 0;   // source span
  std::uint32_t length = 0;
  Value constant;             // Const
  BuiltinFn fn = nullptr;     // Call
  std::vector<TNode> kids;
};

/// Lays `root` out in plan.nodes (root first, each node's children
/// contiguous) and its constants in plan.constants.
void flatten(const TNode& root, Plan& plan);

struct CheckOutput {
  TNode root;
  std::vector<std::uint32_t> deps;  // sorted, unique
};

/// Appends every error found to `errors` (checking continues after an error
/// so an author sees all problems at once). Returns true if none were found.
bool check(const ast::Node& root, std::string_view source, const Scope& scope, Type expected,
           std::vector<Diagnostic>& errors, CheckOutput& out);

}  // namespace zice::expr::detail
