// Internal: the planned evaluation tree. Produced by the checker, executed by
// program.cpp. Nodes hold resolved slot indices, opcodes and function
// pointers; evaluation never looks at names or parses anything.
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
  std::uint32_t slot = 0;     // Slot, Answered
  std::uint32_t offset = 0;   // source span, for warnings and explanations
  std::uint32_t length = 0;
  Value constant;             // Const
  BuiltinFn fn = nullptr;     // Call
  std::vector<PNode> kids;
};

struct Plan {
  std::string source;
  PNode root;
  Type type = Type::Any;      // static type of root
  Type expected = Type::Any;
  std::vector<std::uint32_t> deps;
};

class Evaluator {
 public:
  Evaluator(std::string_view source, std::span<const Value> slots, EvalContext& ctx)
      : source_(source), slots_(slots), ctx_(ctx) {}

  Value eval(const PNode& n);

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
  std::span<const Value> slots_;
  EvalContext& ctx_;
};

/// Membership shared by `in` and selected(): null if either side is null.
Value member_of(const Value& needle, const Value& list, const PNode& n, Evaluator& ev);

}  // namespace zice::expr::detail
