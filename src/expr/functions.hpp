// Internal: the built-in function table (name, arity, type rule, implementation).
#pragma once
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "expr/plan.hpp"

namespace zice::expr::detail {

/// Static facts about one argument, handed to a function's type rule.
struct ArgInfo {
  Type type;
  Type elem;  // element type when the argument is a list literal of one type, else Any
  std::size_t offset;
  std::size_t length;
};

/// Collects type errors for one call.
struct FnCheck {
  std::string_view fname;
  std::vector<Diagnostic>& errors;

  void error(const ArgInfo& a, std::string msg) { errors.push_back({a.offset, a.length, std::move(msg)}); }
  /// True if `a` may be one of `ok` (Any and Null always may); otherwise
  /// records "argument N of f() must be X, got Y".
  bool want(const ArgInfo& a, std::size_t index, std::initializer_list<Type> ok, std::string_view what);
};

inline constexpr std::size_t kVariadic = std::numeric_limits<std::size_t>::max();

struct FunctionDef {
  std::string_view name;
  std::size_t min_args;
  std::size_t max_args;       // kVariadic for no limit
  std::string_view signature; // for error messages and docs
  // Type rule: result type (may record errors). nullptr for answered() and
  // date(), which the checker handles itself because they look at syntax.
  Type (*check)(FnCheck&, std::span<const ArgInfo>);
  BuiltinFn impl;
};

const FunctionDef* find_function(std::string_view name);
std::span<const FunctionDef> all_functions();

/// Combined type of two branches/alternatives: equal types, or Null with
/// anything, or Any with anything. Sets ok=false when incompatible.
Type unify(Type a, Type b, bool& ok);

}  // namespace zice::expr::detail
