// zice expression language: public facade.
//
// Pipeline (like Google CEL): parse -> check (names resolved to slots, types
// checked) -> plan (an immutable evaluation tree with slot indices and
// function pointers) -> evaluate many times, from many threads, against an
// array of slot values. Nothing on the evaluation path parses or looks up
// strings. The language is described for ruleset authors in
// docs/expressions.md.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "expr/decimal.hpp"
#include "expr/diagnostic.hpp"
#include "expr/value.hpp"

namespace zice::expr {

struct Symbol {
  std::uint32_t slot;
  Type type;
};

/// Name resolution; used only at compile time.
class Scope {
 public:
  virtual ~Scope() = default;
  virtual std::optional<Symbol> lookup(std::string_view name) const = 0;
  /// Known names, for "did you mean" suggestions.
  virtual std::vector<std::string> names() const { return {}; }
};

class MapScope : public Scope {
 public:
  void add(std::string name, Symbol sym);
  std::optional<Symbol> lookup(std::string_view name) const override;
  std::vector<std::string> names() const override;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Symbol, Hash, std::equal_to<>> map_;
  std::vector<std::string> order_;
};

/// Per-evaluation side channel, owned by the caller (use one per thread).
struct EvalContext {
  std::vector<std::string> warnings;  // e.g. "division by zero in 'a / b'"
};

namespace detail {
struct Plan;
}

/// Immutable after compile; copies share the plan. evaluate() is const and
/// thread-safe.
class Program {
 public:
  /// Static result type (the expected type when the expression itself is
  /// only known as `any`).
  Type type() const;
  /// Slots beyond slots.size() read as null. A value of the wrong runtime
  /// type (possible only through `any`-typed names) yields null + a warning.
  Value evaluate(std::span<const Value> slots, EvalContext& ctx) const;
  /// Slots referenced, sorted, unique.
  std::span<const std::uint32_t> dependencies() const;
  std::string_view source() const;
  /// For explanations: splits a chain of top-level `and` (or takes the single
  /// condition) and returns the source text and value of each conjunct whose
  /// value is not true (false or null), in source order.
  std::vector<std::pair<std::string, Value>> failing_conjuncts(std::span<const Value> slots,
                                                               EvalContext& ctx) const;

 private:
  friend struct ProgramAccess;
  friend struct ProgramPacker;
  explicit Program(std::shared_ptr<const detail::Plan> p) : plan_(std::move(p)) {}
  std::shared_ptr<const detail::Plan> plan_;
};

struct CompileResult {
  std::optional<Program> program;
  std::vector<Diagnostic> errors;
  explicit operator bool() const { return program.has_value(); }
};

/// Moves the plans of `programs` into one block of memory, in the order
/// given (each distinct plan once), which the programs then share. A loaded
/// ruleset does this for all its expressions so that an assessment reads
/// them from one place in about the order it evaluates them, instead of from
/// allocations scattered over the model. Results are unchanged.
void pack_programs(std::span<Program* const> programs);

/// Never throws for bad input. `expected`: Bool for conditions, Number for
/// formulas; a mismatch is a compile error ("expected boolean, got number").
/// Null-typed expressions fit everywhere; Any matches everything (checked at
/// run time).
CompileResult compile(std::string_view text, const Scope& scope, Type expected = Type::Any,
                      const Limits& limits = {});

/// Names of the built-in functions, sorted.
std::vector<std::string> function_names();

}  // namespace zice::expr
