#include "expr/ast.hpp"

#include <utility>

namespace zice::expr::ast {

Node::~Node() {
  std::vector<NodePtr> pending = std::move(children);
  while (!pending.empty()) {
    NodePtr n = std::move(pending.back());
    pending.pop_back();
    for (auto& c : n->children) pending.push_back(std::move(c));
    n->children.clear();
  }  // each `n` dies here with no children left: no recursion
}

std::size_t height(const Node& root) {
  std::size_t best = 0;
  std::vector<std::pair<const Node*, std::size_t>> stack{{&root, 1}};
  while (!stack.empty()) {
    auto [n, h] = stack.back();
    stack.pop_back();
    if (h > best) best = h;
    for (const auto& c : n->children) stack.emplace_back(c.get(), h + 1);
  }
  return best;
}

}  // namespace zice::expr::ast
