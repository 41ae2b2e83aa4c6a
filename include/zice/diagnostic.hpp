// zice — diagnostics: problems found while loading a ruleset.
#pragma once
#include <string>
#include <vector>

namespace zice {

enum class Severity { error, warning, note };

/// One problem in a ruleset, located like a compiler diagnostic.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;     ///< stable kind, e.g. "unknown-name", "xml-syntax"
  std::string file;     ///< file name as given to the loader
  int line = 0;         ///< 1-based; 0 when unknown
  int column = 0;       ///< 1-based, in characters; 0 when unknown
  std::string message;
  std::string excerpt;  ///< source line and caret, may be empty

  /// "file:line:col: error: message [code]" followed by the excerpt lines.
  std::string format() const;
};

const char* to_string(Severity) noexcept;
bool has_errors(const std::vector<Diagnostic>&) noexcept;

}  // namespace zice
