// The names a ruleset's expressions may use, with their slots, types and the
// evaluation step that produces them. Used only while loading.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "expr/expr.hpp"

namespace zice::detail {

/// Evaluation steps, in order (docs/ruleset-format.md, "Evaluation order").
/// An expression may read a name only if the name's phase is not later than
/// the phase the expression runs in.
enum class Phase : std::uint8_t { answers, derived, scoring, gates, checks, grades };
const char* describe(Phase) noexcept;

class NameTable final : public expr::Scope {
 public:
  struct Entry {
    std::string name;
    expr::Type type;
    Phase phase;
  };
  /// Adds a name with the next free slot; returns the slot.
  std::uint32_t add(std::string name, expr::Type type, Phase phase);
  bool contains(std::string_view name) const;
  void set_type(std::uint32_t slot, expr::Type type) { entries_[slot].type = type; }
  const Entry& entry(std::uint32_t slot) const { return entries_[slot]; }
  std::size_t size() const { return entries_.size(); }

  std::optional<expr::Symbol> lookup(std::string_view name) const override;
  std::vector<std::string> names() const override;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> index_;
};

}  // namespace zice::detail
