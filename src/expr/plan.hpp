// Internal: the planned evaluation tree. Produced by the checker (as a tree
// of TNode, checker.hpp), flattened into one block of memory per expression
// (or one block for all expressions of a ruleset, pack_programs), and
// executed by program.cpp. Nodes hold resolved slot indices, opcodes and
// function indices; evaluation never looks at names or parses anything.
//
// Why this layout: a ruleset holds thousands of small expressions and an
// assessment evaluates each once, so in a large ruleset evaluation waits on
// memory far more than it computes. A plan is one contiguous block: header,
// nodes (16 bytes each, root first, each node's children next to each
// other), constants; what only warnings and analyses read (source spans,
// dependencies, source text) comes last. A loaded ruleset packs all its plans
// into one block in document order, which is about the order an assessment
// evaluates them.
#pragma once
#include <cstdint>
#include <memory>
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

struct PNode {
  Code code = Code::Const;
  Type type = Type::Any;         // static type
  std::uint16_t fn = 0;          // Call: index into all_functions()
  std::uint32_t slot = 0;        // Slot, Answered: the slot; Const: index into the constants
  std::uint32_t first_kid = 0;   // index of the first child; the children are contiguous
  std::uint32_t kid_count = 0;
};
static_assert(sizeof(PNode) == 16, "plan nodes are kept small: four to a cache line");

/// Where a node's text is in the source (warnings, explanations).
struct SourceSpan {
  std::uint32_t offset = 0, length = 0;
};

/// A plan's parts, wherever they are stored.
struct PlanView {
  std::string_view source;
  std::span<const PNode> nodes;       // nodes[0] is the root
  std::span<const SourceSpan> spans;  // one per node
  std::span<const Value> constants;
  std::span<const std::uint32_t> deps;
  Type type = Type::Any;              // static type of the root
  Type expected = Type::Any;
};

/// The header of a plan block; the arrays follow it in the same block.
/// Immutable once built.
struct Plan {
  const PNode* nodes;
  const Value* constants;
  Type type;
  Type expected;
  std::uint32_t node_count, constant_count, dep_count;
  const SourceSpan* spans;
  const std::uint32_t* deps;
  std::string_view source;

  PlanView view() const {
    return {source, {nodes, node_count}, {spans, node_count}, {constants, constant_count}, {deps, dep_count},
            type, expected};
  }
};

/// Bytes a plan with these parts takes (a multiple of 16).
std::size_t plan_bytes(const PlanView& v);
/// Builds a plan in `at` (16-byte aligned, plan_bytes(v) long), copying `v`.
Plan* emplace_plan(void* at, const PlanView& v);
/// Runs the destructors of a plan built by emplace_plan (not the memory's).
void destroy_plan(Plan* p) noexcept;
/// A plan in a block of its own.
std::shared_ptr<const Plan> make_plan(const PlanView& v);

class Evaluator;
using BuiltinFn = Value (*)(std::span<const Value> args, const PNode& node, Evaluator& ev);

class Evaluator {
 public:
  Evaluator(const PlanView& plan, std::span<const Value> slots, EvalContext& ctx)
      : nodes_(plan.nodes.data()), constants_(plan.constants.data()), slots_(slots), ctx_(ctx),
        spans_(plan.spans.data()), source_(plan.source) {}

  Value eval(const PNode& n);
  const PNode& kid(const PNode& n, std::size_t i) const { return nodes_[n.first_kid + i]; }

  std::string_view text(const PNode& n) const {
    const SourceSpan& s = spans_[&n - nodes_];
    return source_.substr(s.offset, s.length);
  }
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

  const PNode* nodes_;
  const Value* constants_;
  std::span<const Value> slots_;
  EvalContext& ctx_;
  const SourceSpan* spans_;
  std::string_view source_;
};

/// Membership shared by `in` and selected(): null if either side is null.
Value member_of(const Value& needle, const Value& list, const PNode& n, Evaluator& ev);

}  // namespace zice::expr::detail
