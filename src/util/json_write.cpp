// Deterministic JSON text for results. Boost.JSON's serializer prints doubles
// in exponent form (1E0), which is unfriendly for a report; this writer keeps
// key order, prints decimals plainly and leaves UTF-8 text unescaped.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
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

// Whether any byte needs an escape, eight bytes at a time (almost every
// string of a result has none; most are short keys).
bool any_escape(std::string_view s) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t w) { return (w - ones) & ~w & highs; };
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t hit = 0;
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    // bytes < 0x20 (exact test for "any such byte"), '"' and '\\'
    hit |= ((w - ones * 0x20) & ~w & highs) | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'));
  }
  if (hit) return true;
  for (; n > 0; ++p, --n)
    if (needs_escape(static_cast<unsigned char>(*p))) return true;
  return false;
}

// Output buffer: a std::string used as raw storage. Appends check the room
// left once and copy with memcpy; std::string::push_back/append would check
// the capacity and write a terminator on every call. The string is cut to
// the bytes written by take().
class Out {
 public:
  explicit Out(std::size_t reserve) { s_.resize(reserve); p_ = s_.data(); e_ = p_ + s_.size(); }
  void need(std::size_t n) {
    if (static_cast<std::size_t>(e_ - p_) < n) grow(n);
  }
  void put(char c) { need(1); *p_++ = c; }
  void put(std::string_view v) { need(v.size()); put_unchecked(v); }
  void put_unchecked(char c) { *p_++ = c; }
  void put_unchecked(std::string_view v) {
    std::memcpy(p_, v.data(), v.size());
    p_ += v.size();
  }
  /// n spaces; needs n + 8 bytes of room (writes whole words past the end).
  void spaces_unchecked(std::size_t n) {
    constexpr std::uint64_t blanks = 0x2020202020202020ull;
    for (std::size_t i = 0; i < n; i += 8) std::memcpy(p_ + i, &blanks, 8);
    p_ += n;
  }
  char* cursor() { return p_; }
  void advance_to(char* p) { p_ = p; }
  std::string take() {
    s_.resize(static_cast<std::size_t>(p_ - s_.data()));
    return std::move(s_);
  }

 private:
  void grow(std::size_t n) {
    std::size_t used = static_cast<std::size_t>(p_ - s_.data());
    s_.resize(std::max(s_.size() * 2, used + n));
    p_ = s_.data() + used;
    e_ = s_.data() + s_.size();
  }
  std::string s_;
  char* p_;
  char* e_;
};

void write_string(Out& out, std::string_view s) {
  if (!any_escape(s)) {
    out.need(s.size() + 2);
    out.put_unchecked('"');
    out.put_unchecked(s);
    out.put_unchecked('"');
    return;
  }
  out.put('"');
  std::size_t run = 0;  // start of the current run of bytes copied as they are
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!needs_escape(c)) continue;
    out.put(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out.put("\\\""); break;
      case '\\': out.put("\\\\"); break;
      case '\n': out.put("\\n"); break;
      case '\r': out.put("\\r"); break;
      case '\t': out.put("\\t"); break;
      case '\b': out.put("\\b"); break;
      case '\f': out.put("\\f"); break;
      default: {
        char u[8];
        auto r = fmt::format_to_n(u, sizeof u, "\\u{:04x}", c);
        out.put(std::string_view(u, r.size));
      }
    }
  }
  out.put(s.substr(run));
  out.put('"');
}

// Integers as fmt's "{}" prints them (std::to_chars gives the same digits).
template <class Int>
void write_int(Out& out, Int v) {
  out.need(24);
  char* p = out.cursor();
  auto r = std::to_chars(p, p + 24, v);
  out.advance_to(r.ptr);
}

void write_double(Out& out, double d) {
  if (!std::isfinite(d)) { out.put("null"); return; }  // never emit inf/NaN
  if (d == std::floor(d) && std::fabs(d) < 1e15) {
    write_int(out, static_cast<long long>(d));
    return;
  }
  char buf[64];  // the shortest round-trip form of a double is at most 24 characters
  auto r = fmt::format_to_n(buf, sizeof buf, "{}", d);
  std::string_view s(buf, std::min(r.size, sizeof buf));
  if (s.find_first_of("eE") != std::string_view::npos) {
    fmt::memory_buffer m;
    fmt::format_to(std::back_inserter(m), "{:.6f}", d);
    out.put(std::string_view(m.data(), m.size()));
    return;
  }
  out.put(s);
}

template <bool Pretty>
void write(Out& out, const boost::json::value& v, int indent) {
  auto newline = [&](int level) {
    if constexpr (Pretty) {
      std::size_t n = static_cast<std::size_t>(level) * 2;
      out.need(n + 9);
      out.put_unchecked('\n');
      out.spaces_unchecked(n);
    }
  };
  switch (v.kind()) {
    case boost::json::kind::null: out.put("null"); break;
    case boost::json::kind::bool_: out.put(v.get_bool() ? std::string_view("true") : std::string_view("false")); break;
    case boost::json::kind::int64: write_int(out, v.get_int64()); break;
    case boost::json::kind::uint64: write_int(out, v.get_uint64()); break;
    case boost::json::kind::double_: write_double(out, v.get_double()); break;
    case boost::json::kind::string: write_string(out, v.get_string()); break;
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      if (a.empty()) { out.put("[]"); break; }
      // Arrays of scalars stay on one line: easier to read in goldens.
      bool flat = std::all_of(a.begin(), a.end(), [](const boost::json::value& e) {
        return !e.is_object() && !e.is_array();
      });
      out.put('[');
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out.put(',');
        if (flat) { if (i && Pretty) out.put(' '); }
        else newline(indent + 1);
        write<Pretty>(out, a[i], indent + 1);
      }
      if (!flat) newline(indent);
      out.put(']');
      break;
    }
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      if (o.empty()) { out.put("{}"); break; }
      out.put('{');
      bool first = true;
      for (const auto& kv : o) {
        if (!first) out.put(',');
        first = false;
        newline(indent + 1);
        write_string(out, kv.key());
        if constexpr (Pretty) out.put(": ");
        else out.put(':');
        write<Pretty>(out, kv.value(), indent + 1);
      }
      newline(indent);
      out.put('}');
      break;
    }
  }
}
}  // namespace

std::string to_json_text(const boost::json::value& v, bool pretty) {
  // The last output's size is a good first guess for the next one (results of
  // one ruleset are about the same size); it only sets the first allocation,
  // kept between 256 bytes and 64 KiB.
  thread_local std::size_t last_size = 0;
  Out out(std::clamp<std::size_t>(last_size + last_size / 8, 256, 64 * 1024));
  if (pretty) {
    write<true>(out, v, 0);
    out.put('\n');
  } else {
    write<false>(out, v, 0);
  }
  std::string text = out.take();
  last_size = text.size();
  return text;
}
}  // namespace zice
