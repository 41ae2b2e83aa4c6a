// Internal: the planned evaluation tree. Produced by the checker (as a tree
// of TNode, checker.hpp) and flattened into one array per expression, which
// program.cpp executes. Nodes hold resolved slot indices, opcodes and function
// pointers; evaluation never looks at names or parses anything.
//
// Why flat: a ruleset holds thousands of small expressions and an assessment
// evaluates each once. With a node per allocation (each with its own vector
// of children and an inline 48-byte constant), a large ruleset's plans were
// scattered over the heap and evaluation waited on memory; here an
// expression's nodes are 32 bytes each, contiguous, children next to each
// other, and its constants in one array beside them.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expr.hpp"

namespace zice::expr::detail {

enum class Code : std::uint8_t {
  Const, Slot, Answered,
  Neg, Not,
  Add, Sub, Mul, Div, Mod,
  Eq, Ne, Lt, Le, Gt, Ge, In,
  And, Or, Cond, List, Call
};

struct PNode;
class Evaluator;
using BuiltinFn = Value (*)(std::span<const Value> args, const PNode& node, Evaluator& ev);

struct PNode {
  Code code = Code::Const;
  Type type = Type::Any;      // static type
  std::uint32_t slot = 0;     // Slot, Answered: the slot; Const: index into Plan::constants
  std::uint32_t offset = 0;   // source span, for warnings and explanations
  std::uint32_t length = 0;
  std::uint32_t first_kid = 0;  // index into Plan::nodes; the children are contiguous
  std::uint32_t kid_count = 0;
  BuiltinFn fn = nullptr;     // Call
};
static_assert(sizeof(PNode) <= 32, "plan nodes are kept small so that an expression fits a few cache lines");

struct Plan {
  std::string source;
  std::vector<PNode> nodes;     // nodes[0] is the root
  std::vector<Value> constants;
  Type type = Type::Any;      // static type of root
  Type expected = Type::Any;
  std::vector<std::uint32_t> deps;
};

class Evaluator {
 public:
  Evaluator(const Plan& plan, std::span<const Value> slots, EvalContext& ctx)
      : source_(plan.source), nodes_(plan.nodes.data()), constants_(plan.constants.data()), slots_(slots), ctx_(ctx) {}

  Value eval(const PNode& n);
  const PNode& kid(const PNode& n, std::size_t i) const { return nodes_[n.first_kid + i]; }

  std::string_view text(const PNode& n) const { return source_.substr(n.offset, n.length); }
  /// Appends "<what> in '<source of n>'" to the warnings; returns null.
  Value warn(const PNode& n, std::string_view what);
  /// "type mismatch in '...': expected number, got string"; returns null.
  Value mismatch(const PNode& n, std::string_view expected, const Value& got);

 private:
  Value arith(const PNode& n);
  Value compare(const PNode& n);
  Value membership(const PNode& n);
  Value logic(const PNode& n);
  Value call(const PNode& n);

  std::string_view source_;
  const PNode* nodes_;
  const Value* constants_;
  std::span<const Value> slots_;
  EvalContext& ctx_;
};

/// Membership shared by `in` and selected(): null if either side is null.
Value member_of(const Value& needle, const Value& list, const PNode& n, Evaluator& ev);

}  // namespace zice::expr::detail
