#include "ruleset/names.hpp"

namespace zice::detail {

const char* describe(Phase p) noexcept {
  switch (p) {
    case Phase::answers: return "answers";
    case Phase::derived: return "derived values";
    case Phase::scoring: return "scoring";
    case Phase::gates: return "gates";
    case Phase::checks: return "checks";
    case Phase::grades: return "grades";
  }
  return "?";
}

std::uint32_t NameTable::add(std::string name, expr::Type type, Phase phase) {
  auto slot = static_cast<std::uint32_t>(entries_.size());
  index_.emplace(name, slot);
  entries_.push_back({std::move(name), type, phase});
  return slot;
}

bool NameTable::contains(std::string_view name) const { return index_.find(name) != index_.end(); }

std::optional<expr::Symbol> NameTable::lookup(std::string_view name) const {
  auto it = index_.find(name);
  if (it == index_.end()) return std::nullopt;
  return expr::Symbol{it->second, entries_[it->second].type};
}

std::vector<std::string> NameTable::names() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const Entry& e : entries_) out.push_back(e.name);
  return out;
}

}  // namespace zice::detail
