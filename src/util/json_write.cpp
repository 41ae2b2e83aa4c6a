// Deterministic JSON text for results. Boost.JSON's serializer prints doubles
// in exponent form (1E0), which is unfriendly for a report; this writer keeps
// key order, prints decimals plainly and leaves UTF-8 text unescaped.
#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <string>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "zice/assess.hpp"

namespace zice {
namespace {

// Bytes that need an escape: '"', '\\' and the control characters.
constexpr auto kEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
  t['"'] = t['\\'] = true;
  return t;
}();
bool needs_escape(unsigned char c) { return kEscape[c]; }

// Whether any byte needs an escape; written branch-free so that the compiler
// vectorises it (almost every string of a result has none).
bool any_escape(std::string_view s) {
  unsigned char any = 0;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    any |= static_cast<unsigned char>((c < 0x20) | (c == '"') | (c == '\\'));
  }
  return any != 0;
}

void write_string(std::string& out, std::string_view s) {
  out.push_back('"');
  if (!any_escape(s)) {
    out.append(s);
    out.push_back('"');
    return;
  }
  std::size_t run = 0;  // start of the current run of bytes copied as they are
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!needs_escape(c)) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void write_double(std::string& out, double d) {
  if (!std::isfinite(d)) { out += "null"; return; }  // never emit inf/NaN
  if (d == std::floor(d) && std::fabs(d) < 1e15) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<long long>(d));
    return;
  }
  fmt::memory_buffer s;
  fmt::format_to(std::back_inserter(s), "{}", d);
  if (std::find_if(s.begin(), s.end(), [](char c) { return c == 'e' || c == 'E'; }) != s.end()) {
    s.clear();
    fmt::format_to(std::back_inserter(s), "{:.6f}", d);
  }
  out.append(s.data(), s.size());
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
    case boost::json::kind::int64: fmt::format_to(std::back_inserter(out), "{}", v.get_int64()); break;
    case boost::json::kind::uint64: fmt::format_to(std::back_inserter(out), "{}", v.get_uint64()); break;
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
  out.reserve(4096);
  write(out, v, pretty, 0);
  if (pretty) out.push_back('\n');
  return out;
}
}  // namespace zice
