// Internal: name resolution and type checking of a parsed tree, producing the
// planned evaluation tree (see plan.hpp), and its flattening into a Plan.
#pragma once
#include <vector>

#include "expr/ast.hpp"
#include "expr/plan.hpp"

namespace zice::expr::detail {

/// The checker's output tree, before it is flattened into a plan.
struct TNode {
  Code code = Code::Const;
  Type type = Type::Any;      // static type
  std::uint32_t slot = 0;     // Slot, Answered
  std::uint32_t offset = 0;   // source span
  std::uint32_t length = 0;
  Value constant;             // Const
  int fn = -1;                // Call: index into all_functions(); -1 when the call failed to check
  std::vector<TNode> kids;
};

/// A tree laid out as a plan's arrays: root first, each node's children
/// contiguous.
struct FlatPlan {
  std::vector<PNode> nodes;
  std::vector<SourceSpan> spans;
  std::vector<Value> constants;
  /// Source, dependencies and types are left for the caller to fill.
  PlanView view() const { return {{}, nodes, spans, constants, {}, Type::Any, Type::Any}; }
};
FlatPlan flatten(const TNode& root);

struct CheckOutput {
  TNode root;
  std::vector<std::uint32_t> deps;  // sorted, unique
};

/// Appends every error found to `errors` (checking continues after an error
/// so an author sees all problems at once). Returns true if none were found.
bool check(const ast::Node& root, std::string_view source, const Scope& scope, Type expected,
           std::vector<Diagnostic>& errors, CheckOutput& out);

}  // namespace zice::expr::detail
