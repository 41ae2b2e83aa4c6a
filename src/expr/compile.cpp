// compile(): the parse -> check -> plan pipeline, and MapScope.
#include <algorithm>

#include "expr/checker.hpp"
#include "expr/parser.hpp"

namespace zice::expr {

struct ProgramAccess {
  static Program make(std::shared_ptr<const detail::Plan> p) { return Program(std::move(p)); }
};

CompileResult compile(std::string_view text, const Scope& scope, Type expected, const Limits& limits) {
  CompileResult result;
  ParseResult parsed = parse(text, limits);
  if (parsed.error) {
    result.errors.push_back(std::move(*parsed.error));
    return result;
  }
  detail::CheckOutput out;
  if (!detail::check(*parsed.root, text, scope, expected, result.errors, out)) return result;
  detail::FlatPlan flat = detail::flatten(out.root);
  detail::PlanView view = flat.view();
  view.source = text;
  view.deps = out.deps;
  view.type = out.root.type;
  view.expected = expected;
  auto plan = detail::make_plan(view);
  result.program = ProgramAccess::make(std::move(plan));
  return result;
}

void MapScope::add(std::string name, Symbol sym) {
  auto [it, inserted] = map_.insert_or_assign(std::move(name), sym);
  if (inserted) order_.push_back(it->first);
}

std::optional<Symbol> MapScope::lookup(std::string_view name) const {
  auto it = map_.find(name);
  if (it == map_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> MapScope::names() const { return order_; }

}  // namespace zice::expr
