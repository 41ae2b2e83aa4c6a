// Deterministic JSON text for results. Boost.JSON's serializer prints doubles
// in exponent form (1E0), which is unfriendly for a report; this writer keeps
// key order, prints decimals plainly and leaves UTF-8 text unescaped.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <iterator>
#include <new>
#include <string>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "util/json_writer.hpp"
#include "zice/assess.hpp"

namespace zice {
namespace util {
namespace {

// Bytes that need an escape: '"', '\\' and the control characters.
constexpr auto kEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
  t['"'] = t['\\'] = true;
  return t;
}();
bool needs_escape(unsigned char c) { return kEscape[c]; }

// Whether any byte needs an escape (almost every string of a result has
// none; most are short keys and Chinese text): 16 bytes at a time with SSE2,
// else eight at a time in a 64-bit word.
bool any_escape(std::string_view s) {
  const char* p = s.data();
  std::size_t n = s.size();
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  for (; n >= 16; p += 16, n -= 16) {
    __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // bytes < 0x20 as unsigned: min(w, 0x1f) == w  <=>  w <= 0x1f
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(w, _mm_set1_epi8(0x1f)), w);
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, quote), _mm_cmpeq_epi8(w, backslash)), control);
    if (_mm_movemask_epi8(hit)) return true;
  }
#endif
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t w) { return (w - ones) & ~w & highs; };
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
}  // namespace

JsonBuffer::JsonBuffer(std::size_t reserve) {
  reserve = std::max<std::size_t>(reserve, 16);
  b_ = static_cast<char*>(std::malloc(reserve));
  if (!b_) throw std::bad_alloc();
  p_ = b_;
  e_ = b_ + reserve;
}

void JsonBuffer::grow(std::size_t n) {
  std::size_t used = static_cast<std::size_t>(p_ - b_), size = static_cast<std::size_t>(e_ - b_);
  std::size_t want = std::max(size * 2, used + n);
  char* b = static_cast<char*>(std::realloc(b_, want));
  if (!b) throw std::bad_alloc();
  b_ = b;
  p_ = b + used;
  e_ = b + want;
}

namespace {
thread_local std::size_t t_last_size = 0;
}  // namespace

std::size_t size_hint() { return std::clamp<std::size_t>(t_last_size + t_last_size / 8, 256, 64 * 1024); }
void record_size(std::size_t n) { t_last_size = n; }

void write_json_string(JsonBuffer& out, std::string_view s) {
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
static void write_int(JsonBuffer& out, Int v) {
  out.need(24);
  char* p = out.cursor();
  auto r = std::to_chars(p, p + 24, v);
  out.advance_to(r.ptr);
}
void write_json_int(JsonBuffer& out, std::int64_t v) { write_int(out, v); }
void write_json_uint(JsonBuffer& out, std::uint64_t v) { write_int(out, v); }

void write_json_double(JsonBuffer& out, double d) {
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

template class JsonWriter<true>;
template class JsonWriter<false>;

}  // namespace util

std::string to_json_text(const boost::json::value& v, bool pretty) {
  if (pretty) {
    util::JsonWriter<true> w;
    w.value(v);
    return w.take();
  }
  util::JsonWriter<false> w;
  w.value(v);
  return w.take();
}
}  // namespace zice
