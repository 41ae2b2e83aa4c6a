// Expressions in plain words for documents (zh-CN or English): names become
// the labels and titles of what they stand for, operators become symbols and
// words. `rd_ratio ge 3 and industry eq 'retail'` →
// “研发费用占营业收入比重” ≥ 3 且 “企业所属行业”为“零售业”.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "ruleset/model.hpp"

namespace zice::analysis {

class Humanizer {
 public:
  Humanizer(const detail::Model& m, std::string lang);
  /// Plain words, or nullopt when the expression is too complex to read
  /// better than its source (long, conditionals, unparsable).
  std::optional<std::string> text(std::string_view source) const;
  std::optional<std::string> text(const detail::Program& p) const { return text(p.source()); }
  /// The label or title a name stands for, quoted (“…”); the name itself
  /// when it has none.
  std::string name(std::string_view name) const;
  bool chinese() const { return zh_; }

 private:
  struct Impl;
  const detail::Model& m_;
  std::string lang_;
  bool zh_;
};

}  // namespace zice::analysis
