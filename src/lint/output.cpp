// Machine-readable lint output: a plain JSON array and SARIF 2.1.0 (the
// format code-scanning services such as GitHub read).
#include <boost/json.hpp>

#include "zice/assess.hpp"
#include "zice/lint.hpp"
#include "zice/version.hpp"

namespace zice {

namespace json = boost::json;

std::string lint_to_json(const std::vector<Diagnostic>& ds) {
  json::array out;
  for (const Diagnostic& d : ds)
    out.push_back(json::object{{"file", d.file},
                               {"line", d.line},
                               {"column", d.column},
                               {"severity", to_string(d.severity)},
                               {"code", d.code},
                               {"message", d.message}});
  return to_json_text(out) + "\n";
}

namespace {

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "warning";
}

/// SARIF wants a URI: relative paths stay relative (resolved against the
/// run's working directory), spaces and other reserved characters are
/// percent-encoded.
std::string file_uri(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                 c == '.' || c == '_' || c == '~' || c == '/' || c >= 0x80;
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      static const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return path.starts_with("/") ? "file://" + out : out;
}

}  // namespace

std::string lint_to_sarif(const std::vector<Diagnostic>& ds, std::string_view tool_version) {
  json::array rules;
  std::vector<std::string> ids;
  auto rule_index = [&](const Diagnostic& d) -> std::size_t {
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (ids[i] == d.code) return i;
    ids.push_back(d.code);
    rules.push_back(json::object{
        {"id", d.code},
        {"shortDescription", json::object{{"text", "Ruleset loader diagnostic (docs/ruleset-format.md)."}}},
        {"defaultConfiguration", json::object{{"level", sarif_level(d.severity)}}}});
    return ids.size() - 1;
  };
  for (const LintCode& c : lint_codes()) {
    ids.push_back(c.code);
    rules.push_back(json::object{{"id", c.code},
                                 {"shortDescription", json::object{{"text", c.summary}}},
                                 {"help", json::object{{"text", std::string("See docs/lint.md#") + c.code}}},
                                 {"defaultConfiguration", json::object{{"level", sarif_level(c.severity)}}}});
  }
  json::array results;
  for (const Diagnostic& d : ds) {
    std::size_t ri = rule_index(d);
    json::object region;
    if (d.line > 0) {
      region["startLine"] = d.line;
      if (d.column > 0) region["startColumn"] = d.column;
    }
    json::object phys{{"artifactLocation", json::object{{"uri", file_uri(d.file)}}}};
    if (!region.empty()) phys["region"] = std::move(region);
    results.push_back(json::object{{"ruleId", d.code},
                                   {"ruleIndex", ri},
                                   {"level", sarif_level(d.severity)},
                                   {"message", json::object{{"text", d.message}}},
                                   {"locations", json::array{json::object{{"physicalLocation", std::move(phys)}}}}});
  }
  json::object driver{{"name", "zice"},
                      {"version", tool_version.empty() ? std::string(version()) : std::string(tool_version)},
                      {"rules", std::move(rules)}};
  json::object log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                   {"version", "2.1.0"},
                   {"runs", json::array{json::object{{"tool", json::object{{"driver", std::move(driver)}}},
                                                     {"columnKind", "unicodeCodePoints"},
                                                     {"results", std::move(results)}}}}};
  return to_json_text(log) + "\n";
}

}  // namespace zice
