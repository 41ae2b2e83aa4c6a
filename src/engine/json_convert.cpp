#include "engine/json_convert.hpp"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>

#include <boost/json.hpp>

namespace zice::detail {

namespace {

// |numerator| = a, denominator = den > 0, a × 10^6 known to fit in T:
// the value rounded half away from zero to 6 fraction digits, as an integer
// when that is whole, else the double nearest to its shortest decimal text.
template <class T>
std::optional<boost::json::value> round6(T a, T den, bool negative) {
  constexpr T kScale = 1'000'000;
  T scaled = a * kScale;
  T q = scaled / den, r = scaled % den;
  if (r >= den - r) ++q;  // 2r >= den without overflow
  if (q % kScale == 0) {
    T whole = q / kScale;
    if (whole > static_cast<T>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return boost::json::value(static_cast<std::int64_t>(negative ? -static_cast<std::int64_t>(whole)
                                                                  : static_cast<std::int64_t>(whole)));
  }
  // q / 10^6 with q and 10^6 exact in a double: IEEE division rounds the
  // exact quotient to the nearest double, which is what strtod gives for its
  // decimal text.
  if (q < (T{1} << 53)) {
    double d = static_cast<double>(q) / 1e6;
    return boost::json::value(negative ? -d : d);
  }
  // Digits of q with the decimal point before the last 6, trailing zeros dropped.
  char buf[64];
  char* end = buf + sizeof buf - 1;  // room for the terminator
  char* p = end;
  int digits = 0;
  for (T x = q; x > 0 || digits <= 6; x /= 10, ++digits) {
    if (digits == 6) *--p = '.';
    *--p = static_cast<char>('0' + static_cast<int>(x % 10));
  }
  if (negative) *--p = '-';
  while (end[-1] == '0') --end;
  *end = '\0';
  return boost::json::value(std::strtod(p, nullptr));
}

// The common case without big-integer arithmetic: |numerator| × 10^6 fits in
// 128 bits (in 64 bits, with a 64-bit denominator, it is done in 64-bit
// arithmetic: no calls to the 128-bit division helpers). Produces exactly
// what the general path below produces.
std::optional<boost::json::value> to_json_fast(const expr::Decimal& d) {
  using expr::int128_t;
  constexpr int128_t kScale = 1'000'000;
  constexpr int128_t kLimit = (~static_cast<expr::uint128_t>(0) >> 1) / kScale;
  int128_t n = d.numerator(), den = d.denominator();
  int128_t a = n < 0 ? -n : n;
  constexpr int128_t kLimit64 = static_cast<int128_t>(std::numeric_limits<std::uint64_t>::max() / 1'000'000u);
  if (a <= kLimit64 && den <= static_cast<int128_t>(std::numeric_limits<std::uint64_t>::max()))
    return round6<std::uint64_t>(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(den), n < 0);
  if (a > kLimit) return std::nullopt;
  return round6<int128_t>(a, den, n < 0);
}

// The text of q / 10^6 (q > 0, not a multiple of 10^6) as the result prints
// it, when that is its plain digits: at most 15 significant digits (so the
// nearest double's shortest form is those digits) and at least 1e-4 (below,
// the double prints in exponent form and the writer falls back to fixed
// notation with 6 digits). Returns the length, 0 otherwise.
template <class T>
std::size_t digits6(T q, bool negative, char* buf) {
  if (q < 100) return 0;
  char tmp[48];
  char* end = tmp + sizeof tmp;
  char* p = end;
  int digits = 0;
  for (T x = q; x > 0 || digits <= 6; x /= 10, ++digits) {
    if (digits == 6) *--p = '.';
    *--p = static_cast<char>('0' + static_cast<int>(x % 10));
  }
  while (end[-1] == '0') --end;
  int significant = 0;
  bool leading = true;
  for (const char* c = p; c < end; ++c) {
    if (*c == '.') continue;
    if (leading && *c == '0') continue;
    leading = false;
    ++significant;
  }
  if (significant > 15) return 0;
  char* o = buf;
  if (negative) *o++ = '-';
  std::memcpy(o, p, static_cast<std::size_t>(end - p));
  return static_cast<std::size_t>(o - buf + (end - p));
}

template <class T>
std::size_t text6(T a, T den, bool negative, char* buf) {
  constexpr T kScale = 1'000'000;
  T scaled = a * kScale;
  T q = scaled / den, r = scaled % den;
  if (r >= den - r) ++q;
  if (q % kScale == 0) {
    T whole = q / kScale;
    if (whole > static_cast<T>(std::numeric_limits<std::int64_t>::max())) return 0;
    std::int64_t w = static_cast<std::int64_t>(whole);
    auto res = std::to_chars(buf, buf + 24, negative ? -w : w);
    return static_cast<std::size_t>(res.ptr - buf);
  }
  return digits6(q, negative, buf);
}

}  // namespace

std::size_t number_text(const expr::Decimal& d, char* buf) {
  if (d.is_integer())
    if (auto i = d.to_int64()) return static_cast<std::size_t>(std::to_chars(buf, buf + 24, *i).ptr - buf);
  using expr::int128_t;
  int128_t n = d.numerator(), den = d.denominator();
  int128_t a = n < 0 ? -n : n;
  constexpr int128_t kLimit64 = static_cast<int128_t>(std::numeric_limits<std::uint64_t>::max() / 1'000'000u);
  if (a <= kLimit64 && den <= static_cast<int128_t>(std::numeric_limits<std::uint64_t>::max()))
    return text6<std::uint64_t>(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(den), n < 0, buf);
  return 0;
}

boost::json::value to_json(const expr::Decimal& d) {
  if (d.is_integer())
    if (auto i = d.to_int64()) return *i;
  if (auto v = to_json_fast(d)) return std::move(*v);
  // Round first so that 1/3 prints as 0.333333 on every platform.
  std::string s = d.round(6).to_string(6);
  if (auto r = d.round(6); r.is_integer())
    if (auto i = r.to_int64()) return *i;
  return std::strtod(s.c_str(), nullptr);
}

boost::json::value to_json(const expr::Value& v) {
  using expr::Type;
  switch (v.type()) {
    case Type::Null: return nullptr;
    case Type::Bool: return v.as_bool();
    case Type::Number: return to_json(v.as_number());
    case Type::String: return boost::json::string(v.as_string());
    case Type::Date: return boost::json::string(expr::format_iso_date(v.as_date()));
    case Type::List: {
      boost::json::array a;
      for (const expr::Value& x : v.as_list()) a.push_back(to_json(x));
      return a;
    }
    case Type::Any: break;
  }
  return nullptr;
}

}  // namespace zice::detail
