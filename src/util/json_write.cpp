// Deterministic JSON text for results. Boost.JSON's serializer prints doubles
// in exponent form (1E0), which is unfriendly for a report; this writer keeps
// key order, prints decimals plainly and leaves UTF-8 text unescaped.
#include <algorithm>
#include <cmath>
#include <string>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "zice/assess.hpp"

namespace zice {
namespace {

void write_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
}

void write_double(std::string& out, double d) {
  if (!std::isfinite(d)) { out += "null"; return; }  // never emit inf/NaN
  if (d == std::floor(d) && std::fabs(d) < 1e15) {
    out += fmt::format("{}", static_cast<long long>(d));
    return;
  }
  std::string s = fmt::format("{}", d);
  if (s.find_first_of("eE") != std::string::npos) s = fmt::format("{:.6f}", d);
  out += s;
}

void write(std::string& out, const boost::json::value& v, bool pretty, int indent) {
  auto newline = [&](int level) {
    if (!pretty) return;
    out.push_back('\n');
    out.append(static_cast<std::size_t>(level) * 2, ' ');
  };
  switch (v.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: out += fmt::format("{}", v.get_int64()); break;
    case boost::json::kind::uint64: out += fmt::format("{}", v.get_uint64()); break;
    case boost::json::kind::double_: write_double(out, v.get_double()); break;
    case boost::json::kind::string: write_string(out, v.get_string()); break;
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      if (a.empty()) { out += "[]"; break; }
      // Arrays of scalars stay on one line: easier to read in goldens.
      bool flat = std::all_of(a.begin(), a.end(), [](const boost::json::value& e) {
        return !e.is_object() && !e.is_array();
      });
      out.push_back('[');
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out.push_back(',');
        if (flat) { if (i && pretty) out.push_back(' '); }
        else newline(indent + 1);
        write(out, a[i], pretty, indent + 1);
      }
      if (!flat) newline(indent);
      out.push_back(']');
      break;
    }
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      if (o.empty()) { out += "{}"; break; }
      out.push_back('{');
      bool first = true;
      for (const auto& kv : o) {
        if (!first) out.push_back(',');
        first = false;
        newline(indent + 1);
        write_string(out, kv.key());
        out += pretty ? ": " : ":";
        write(out, kv.value(), pretty, indent + 1);
      }
      newline(indent);
      out.push_back('}');
      break;
    }
  }
}
}  // namespace

std::string to_json_text(const boost::json::value& v, bool pretty) {
  std::string out;
  write(out, v, pretty, 0);
  if (pretty) out.push_back('\n');
  return out;
}
}  // namespace zice
