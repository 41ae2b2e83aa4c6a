// Exact decimal/rational arithmetic for business figures.
//
// Why not `double`: 0.55 * 100 is 55.00000000000001 in binary floating point,
// so a company whose debt ratio is exactly 55 % would fail a `le 55` gate.
// Why not a fixed-scale decimal (e.g. 4 fraction digits): ratios such as
// 1 / 3 * 3 must come back to exactly 1, and every fixed scale loses that.
// So a Decimal is an exact rational number n/d with 128-bit integers, always
// normalised (gcd(n, d) == 1, d > 0). When an exact result would not fit in
// 128 bits we fall back to the nearest value with denominator 10^18 (rounded
// half away from zero); only if even that does not fit is it an overflow.
#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zice::expr {

// __extension__ keeps -Wpedantic quiet about the GNU 128-bit integer types.
__extension__ typedef __int128 int128_t;
__extension__ typedef unsigned __int128 uint128_t;

class Decimal {
 public:
  constexpr Decimal() = default;

  /// Decimal literal: optional sign, digits with optional fraction, optional
  /// exponent ("123", "-0.55", "1e3", ".5", "2.5E-2"). No whitespace.
  /// nullopt on bad syntax or when the value cannot be represented.
  static std::optional<Decimal> parse(std::string_view text);
  static Decimal from_int(std::int64_t v) { return Decimal(v, 1); }
  /// Via the shortest round-trip decimal text, so 0.55 becomes exactly 55/100.
  /// Throws std::invalid_argument for NaN/inf, std::overflow_error if too large.
  static Decimal from_double(double v);
  /// Non-throwing variant of from_double.
  static std::optional<Decimal> try_from_double(double v);
  /// Exact fraction num/den (den != 0); nullopt when not representable.
  static std::optional<Decimal> fraction(std::int64_t num, std::int64_t den);

  /// Rounded half away from zero to at most `max_fraction_digits` (0..30)
  /// digits; no trailing zeros, no exponent, never "-0".
  std::string to_string(int max_fraction_digits = 6) const;
  double to_double() const;
  bool is_integer() const { return den_ == 1; }
  bool is_zero() const { return num_ == 0; }
  bool is_negative() const { return num_ < 0; }
  std::optional<std::int64_t> to_int64() const;

  // Checked arithmetic: nullopt means overflow (see the header comment).
  std::optional<Decimal> add(const Decimal& o) const;
  std::optional<Decimal> sub(const Decimal& o) const;
  std::optional<Decimal> mul(const Decimal& o) const;
  /// nullopt on division by zero (or overflow).
  std::optional<Decimal> divide(const Decimal& o) const;
  /// Truncated remainder: a - b * trunc(a / b), sign follows the dividend.
  /// nullopt on division by zero (or overflow).
  std::optional<Decimal> remainder(const Decimal& o) const;

  // Convenience operators; they throw std::overflow_error on overflow.
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  Decimal operator-() const { return Decimal(-num_, den_); }

  friend bool operator==(const Decimal& a, const Decimal& b) {
    return a.num_ == b.num_ && a.den_ == b.den_;
  }
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    // Equal denominators (integers above all) inline; the rest by cross products.
    return a.den_ == b.den_ ? a.num_ <=> b.num_ : compare_across(a, b);
  }

  Decimal floor() const;
  Decimal ceil() const;
  /// Half away from zero at `digits` fraction digits (-18..18; negative
  /// rounds to tens, hundreds, ...). 0.5 -> 1, -0.5 -> -1, 12.5 -> 13.
  Decimal round(int digits = 0) const;
  Decimal abs() const { return num_ < 0 ? -*this : *this; }
  static const Decimal& min(const Decimal& a, const Decimal& b) { return b < a ? b : a; }
  static const Decimal& max(const Decimal& a, const Decimal& b) { return a < b ? b : a; }

  int128_t numerator() const { return num_; }
  int128_t denominator() const { return den_; }

 private:
  constexpr Decimal(int128_t n, int128_t d) : num_(n), den_(d) {}
  static std::strong_ordering compare_across(const Decimal& a, const Decimal& b);
  friend struct DecimalAccess;
  int128_t num_ = 0;  // never INT128_MIN, so negation is always safe
  int128_t den_ = 1;  // > 0, coprime with num_
};

}  // namespace zice::expr
