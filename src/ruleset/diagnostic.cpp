#include "zice/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace zice {

const char* to_string(Severity s) noexcept {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "?";
}

bool has_errors(const std::vector<Diagnostic>& ds) noexcept {
  return std::any_of(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string Diagnostic::format() const {
  std::string where = file.empty() ? std::string("<input>") : file;
  if (line > 0) where += fmt::format(":{}:{}", line, column);
  std::string out = fmt::format("{}: {}: {}", where, to_string(severity), message);
  if (!code.empty()) out += fmt::format(" [{}]", code);
  if (!excerpt.empty()) {
    out += '\n';
    out += excerpt;
  }
  return out;
}

}  // namespace zice
