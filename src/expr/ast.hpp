// Untyped syntax tree produced by the parser. Every node records the byte
// span it covers in the expression text, so the checker can point at the
// offending operand and the evaluator can quote it in warnings.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "expr/value.hpp"

namespace zice::expr::ast {

enum class Kind : std::uint8_t { Literal, Name, Unary, Binary, Call, List, Conditional };

enum class Op : std::uint8_t {
  None,
  Neg, Not,                       // unary
  Add, Sub, Mul, Div, Mod,        // arithmetic
  Eq, Ne, Lt, Le, Gt, Ge, In,     // comparison / membership
  And, Or                         // logic
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Node {
  Kind kind = Kind::Literal;
  Op op = Op::None;
  std::size_t offset = 0;     // span of the whole node in the source text
  std::size_t length = 0;
  std::size_t op_offset = 0;  // span of the operator token (Unary/Binary)
  std::size_t op_length = 0;
  std::string name;           // Name: dotted name; Call: function name
  Value literal;              // Literal
  bool string_literal = false;  // Literal written as a quoted string (date() needs one)
  std::vector<NodePtr> children;  // operands / arguments / elements / cond,then,else

  Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  // Iterative, so that a very long chain like 1+1+...+1 cannot overflow the
  // stack while being destroyed.
  ~Node();

  std::size_t end() const { return offset + length; }
};

/// Height of the tree (a leaf has height 1), computed without recursion.
std::size_t height(const Node& root);

}  // namespace zice::expr::ast
