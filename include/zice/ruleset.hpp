// zice — a loaded, compiled, immutable ruleset.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "zice/diagnostic.hpp"
#include "zice/limits.hpp"

namespace zice {

namespace detail { struct Model; }

struct LoadResult;

/// A compiled ruleset. Immutable after loading: one instance may be shared by
/// any number of threads (copies share the same compiled model).
class Ruleset {
 public:
  /// Loads and compiles a ruleset file. Never throws on bad input: problems
  /// come back in LoadResult::diagnostics with file:line:col.
  static LoadResult load_file(const std::string& path);
  /// Same, from a buffer; `name` is used in diagnostics.
  static LoadResult load_buffer(std::string_view xml, std::string name = "<buffer>");
  /// Same, with explicit resource limits (docs/security.md); the overloads
  /// above use the defaults of RulesetLimits. A file over a limit fails with
  /// a "limit" diagnostic naming the limit and, where it applies, the
  /// file:line:col of the offending element or expression.
  static LoadResult load_file(const std::string& path, const RulesetLimits& limits);
  static LoadResult load_buffer(std::string_view xml, std::string name, const RulesetLimits& limits);

  const std::string& id() const noexcept;
  const std::string& version() const noexcept;
  /// Title in `lang` (falls back to the ruleset's default language).
  std::string title(std::string_view lang = {}) const;
  /// Hex SHA-256 of the ruleset file's bytes.
  const std::string& sha256() const noexcept;
  const std::string& default_lang() const noexcept;
  /// Effective period (ISO dates), empty when open.
  const std::string& effective_from() const noexcept;
  const std::string& effective_to() const noexcept;

  /// The questionnaire as JSON for a front end (sections, questions, types,
  /// options, units, constraints, applicability).
  boost::json::value questionnaire(std::string_view lang = {}) const;

  const detail::Model& model() const noexcept { return *model_; }

 private:
  explicit Ruleset(std::shared_ptr<const detail::Model> m) : model_(std::move(m)) {}
  std::shared_ptr<const detail::Model> model_;
  friend struct LoadResult;
  friend class Loader;
};

struct LoadResult {
  std::optional<Ruleset> ruleset;        ///< set when there is no error
  std::vector<Diagnostic> diagnostics;   ///< errors and warnings, in file order
  explicit operator bool() const noexcept { return ruleset.has_value(); }
};

}  // namespace zice
