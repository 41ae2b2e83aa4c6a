// Decimal: exact rationals with a 128-bit fast path. Boost.Multiprecision's
// cpp_int is used only on the slow path (an intermediate product overflowed,
// parsing, printing), so typical evaluation never touches it.
#include "expr/decimal.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace zice::expr {

namespace mp = boost::multiprecision;
using Big = mp::cpp_int;

struct DecimalAccess {
  static Decimal raw(int128_t n, int128_t d) { return Decimal(n, d); }
};

namespace {

constexpr int128_t kMax = static_cast<int128_t>((static_cast<uint128_t>(1) << 127) - 1);
constexpr int kFallbackDigits = 18;

uint128_t uabs(int128_t v) { return v < 0 ? -static_cast<uint128_t>(v) : static_cast<uint128_t>(v); }

uint128_t gcd_u(uint128_t a, uint128_t b) {
  // Almost every operand fits in 64 bits: std::gcd there (binary GCD with
  // hardware instructions) instead of 128-bit remainders, each a library call.
  constexpr uint128_t k64 = ~std::uint64_t{0};
  if (a <= k64 && b <= k64) return std::gcd(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
  while (b != 0) {
    uint128_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// a / b for b > 0 dividing a exactly, in 64-bit arithmetic when both fit
// (the 128-bit division is a library call).
int128_t div_exact(int128_t a, int128_t b) {
  constexpr int128_t lo = std::numeric_limits<std::int64_t>::min(), hi = std::numeric_limits<std::int64_t>::max();
  if (a >= lo && a <= hi && b <= hi) return static_cast<std::int64_t>(a) / static_cast<std::int64_t>(b);
  return a / b;
}

int128_t pow10_i(int n) {
  int128_t r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

Big to_big(int128_t v) {
  uint128_t m = uabs(v);
  Big b = Big(static_cast<std::uint64_t>(m >> 64));
  b <<= 64;
  b |= Big(static_cast<std::uint64_t>(m));
  return v < 0 ? Big(-b) : b;
}

bool from_big(const Big& b, int128_t& out) {
  if (b.is_zero()) {
    out = 0;
    return true;
  }
  Big m = mp::abs(b);
  if (mp::msb(m) >= 127) return false;  // keeps |value| <= 2^127 - 1
  std::uint64_t lo = static_cast<std::uint64_t>(m & Big(std::numeric_limits<std::uint64_t>::max()));
  std::uint64_t hi = static_cast<std::uint64_t>(m >> 64);
  int128_t v = static_cast<int128_t>((static_cast<uint128_t>(hi) << 64) | lo);
  out = b.sign() < 0 ? -v : v;
  return true;
}

Big pow10_big(int n) { return mp::pow(Big(10), static_cast<unsigned>(n)); }

// round(|n| × 10^k ÷ d) half away from zero in 128 bits (d > 0, 0 <= k <= 38);
// false when |n| × 10^k does not fit, for the cpp_int path.
bool scaled_round(int128_t n, int128_t d, int k, uint128_t& q) {
  int128_t scale = pow10_i(k);
  int128_t a = n < 0 ? -n : n, scaled;
  if (__builtin_mul_overflow(a, scale, &scaled)) return false;
  int128_t r = scaled % d;
  q = static_cast<uint128_t>(scaled / d) + (r >= d - r ? 1 : 0);  // 2r >= d without overflow
  return true;
}

std::string digits_of(uint128_t v) {
  char buf[48];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v > 0);
  return std::string(p, buf + sizeof buf);
}

// Truncating division rounded half away from zero; d > 0.
Big div_round(const Big& n, const Big& d) {
  Big q = n / d;
  Big r = n % d;
  if (2 * mp::abs(r) >= d) q += n.sign() < 0 ? -1 : 1;
  return q;
}

std::optional<Decimal> make(int128_t n, int128_t d) {
  if (d == 0) return std::nullopt;
  if (d < 0) {
    if (n == -kMax - 1 || d == -kMax - 1) return std::nullopt;
    n = -n;
    d = -d;
  }
  if (n == -kMax - 1) return std::nullopt;
  if (d == 1) return DecimalAccess::raw(n, 1);  // an integer: already in lowest terms
  uint128_t g = gcd_u(uabs(n), static_cast<uint128_t>(d));
  if (g > 1) {
    n = div_exact(n, static_cast<int128_t>(g));
    d = div_exact(d, static_cast<int128_t>(g));
  }
  return DecimalAccess::raw(n, d);
}

// Exact result if it fits, otherwise the nearest multiple of 10^-18.
std::optional<Decimal> make_big(Big n, Big d) {
  if (d.is_zero()) return std::nullopt;
  if (d.sign() < 0) {
    n = -n;
    d = -d;
  }
  Big g = mp::gcd(mp::abs(n), d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  int128_t ni = 0, di = 0;
  if (from_big(n, ni) && from_big(d, di)) return make(ni, di);
  Big q = div_round(n * pow10_big(kFallbackDigits), d);
  if (!from_big(q, ni)) return std::nullopt;
  return make(ni, pow10_i(kFallbackDigits));
}

bool fits64(int128_t v) { return static_cast<int128_t>(static_cast<std::int64_t>(v)) == v; }

std::uint64_t uabs64(std::int64_t v) { return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v); }

bool mul_ovf(int128_t a, int128_t b, int128_t& r) { return __builtin_mul_overflow(a, b, &r); }
bool add_ovf(int128_t a, int128_t b, int128_t& r) { return __builtin_add_overflow(a, b, &r); }

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view s) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  std::string digits;
  int frac = 0;
  bool any = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    digits += s[i++];
    any = true;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      digits += s[i++];
      ++frac;
      any = true;
    }
  }
  if (!any) return std::nullopt;
  long exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (exp > 100000) return std::nullopt;
      exp = exp * 10 + (s[i++] - '0');
    }
    if (i == start) return std::nullopt;
    if (eneg) exp = -exp;
  }
  if (i != s.size()) return std::nullopt;
  // Leading zeros carry no value; bound the size of what we build.
  std::size_t nz = digits.find_first_not_of('0');
  if (nz == std::string::npos) return Decimal();
  digits.erase(0, nz);
  exp -= frac;
  if (digits.size() > 200 || exp > 400 || exp < -400) return std::nullopt;
  Big n(digits);
  if (neg) n = -n;
  if (exp >= 0) return make_big(n * pow10_big(static_cast<int>(exp)), Big(1));
  return make_big(n, pow10_big(static_cast<int>(-exp)));
}

std::optional<Decimal> Decimal::try_from_double(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip
  return parse(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
}

Decimal Decimal::from_double(double v) {
  if (!std::isfinite(v)) throw std::invalid_argument("Decimal::from_double: not a finite number");
  auto d = try_from_double(v);
  if (!d) throw std::overflow_error("Decimal::from_double: value out of range");
  return *d;
}

std::optional<Decimal> Decimal::fraction(std::int64_t num, std::int64_t den) { return make(num, den); }

std::string Decimal::to_string(int k) const {
  if (k < 0) k = 0;
  if (k > 30) k = 30;
  if (num_ == 0) return "0";
  if (den_ == 1 && num_ >= std::numeric_limits<std::int64_t>::min() && num_ <= std::numeric_limits<std::int64_t>::max()) {
    char buf[24];  // integers (most points and bounds): no rounding, no allocation
    auto r = std::to_chars(buf, buf + sizeof buf, static_cast<std::int64_t>(num_));
    return std::string(buf, r.ptr);
  }
  std::string s;
  if (uint128_t q128; scaled_round(num_, den_, k, q128)) {
    if (q128 == 0) return "0";
    s = digits_of(q128);
  } else {
    Big q = div_round(to_big(num_ < 0 ? -num_ : num_) * pow10_big(k), to_big(den_));
    if (q.is_zero()) return "0";
    s = q.str();
  }
  if (k > 0) {
    if (s.size() <= static_cast<std::size_t>(k)) s.insert(0, static_cast<std::size_t>(k) + 1 - s.size(), '0');
    s.insert(s.size() - static_cast<std::size_t>(k), 1, '.');
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return num_ < 0 ? "-" + s : s;
}

double Decimal::to_double() const {
  return static_cast<double>(static_cast<long double>(num_) / static_cast<long double>(den_));
}

std::optional<std::int64_t> Decimal::to_int64() const {
  if (den_ != 1 || num_ > std::numeric_limits<std::int64_t>::max() ||
      num_ < std::numeric_limits<std::int64_t>::min())
    return std::nullopt;
  return static_cast<std::int64_t>(num_);
}

std::optional<Decimal> Decimal::add(const Decimal& o) const {
  int128_t n, d;
  if (fits64(num_) && fits64(den_) && fits64(o.num_) && fits64(o.den_)) {
    // No overflow checks needed: each product is below 2^126.
    auto n1 = static_cast<std::int64_t>(num_), d1 = static_cast<std::int64_t>(den_);
    auto n2 = static_cast<std::int64_t>(o.num_), d2 = static_cast<std::int64_t>(o.den_);
    if (d1 == d2) return d1 == 1 ? Decimal(static_cast<int128_t>(n1) + n2, 1) : make(static_cast<int128_t>(n1) + n2, d1);
    auto g = static_cast<std::int64_t>(std::gcd(static_cast<std::uint64_t>(d1), static_cast<std::uint64_t>(d2)));
    return make(static_cast<int128_t>(n1) * (d2 / g) + static_cast<int128_t>(n2) * (d1 / g),
                static_cast<int128_t>(d1 / g) * d2);
  }
  if (den_ == o.den_) {
    if (!add_ovf(num_, o.num_, n)) return make(n, den_);
  } else {
    int128_t g = static_cast<int128_t>(gcd_u(static_cast<uint128_t>(den_), static_cast<uint128_t>(o.den_)));
    int128_t b1 = den_ / g, t1, t2;
    if (!mul_ovf(num_, o.den_ / g, t1) && !mul_ovf(o.num_, b1, t2) && !add_ovf(t1, t2, n) &&
        !mul_ovf(b1, o.den_, d))
      return make(n, d);
  }
  return make_big(to_big(num_) * to_big(o.den_) + to_big(o.num_) * to_big(den_),
                  to_big(den_) * to_big(o.den_));
}

std::optional<Decimal> Decimal::sub(const Decimal& o) const { return add(-o); }

std::optional<Decimal> Decimal::mul(const Decimal& o) const {
  if (fits64(num_) && fits64(den_) && fits64(o.num_) && fits64(o.den_)) {
    // Every figure of a questionnaire fits here, and 64 × 64 bits cannot
    // overflow 128. Both operands are in lowest terms, so after cancelling
    // across (n1 with d2, n2 with d1) the product is in lowest terms too: no
    // gcd of the result.
    auto n1 = static_cast<std::int64_t>(num_), d1 = static_cast<std::int64_t>(den_);
    auto n2 = static_cast<std::int64_t>(o.num_), d2 = static_cast<std::int64_t>(o.den_);
    if (d1 == 1 && d2 == 1) return Decimal(static_cast<int128_t>(n1) * n2, 1);  // integers: most points and weights
    if (n1 == 0 || n2 == 0) return Decimal();
    auto g1 = d2 == 1 ? 1 : static_cast<std::int64_t>(std::gcd(uabs64(n1), static_cast<std::uint64_t>(d2)));
    auto g2 = d1 == 1 ? 1 : static_cast<std::int64_t>(std::gcd(uabs64(n2), static_cast<std::uint64_t>(d1)));
    // n1 / g1 is exact; INT64_MIN / g1 stays in range for every g1 >= 1.
    return Decimal(static_cast<int128_t>(n1 / g1) * (n2 / g2), static_cast<int128_t>(d1 / g2) * (d2 / g1));
  }
  if (den_ == 1 && o.den_ == 1) {  // large integers: no common factors to take out
    int128_t n;
    if (!mul_ovf(num_, o.num_, n)) return make(n, 1);
  }
  int128_t g1 = static_cast<int128_t>(gcd_u(uabs(num_), static_cast<uint128_t>(o.den_)));
  int128_t g2 = static_cast<int128_t>(gcd_u(uabs(o.num_), static_cast<uint128_t>(den_)));
  if (g1 == 0) g1 = 1;
  if (g2 == 0) g2 = 1;
  int128_t n, d;
  if (!mul_ovf(div_exact(num_, g1), div_exact(o.num_, g2), n) &&
      !mul_ovf(div_exact(den_, g2), div_exact(o.den_, g1), d))
    return make(n, d);
  return make_big(to_big(num_) * to_big(o.num_), to_big(den_) * to_big(o.den_));
}

std::optional<Decimal> Decimal::divide(const Decimal& o) const {
  if (o.num_ == 0) return std::nullopt;
  Decimal recip = o.num_ < 0 ? Decimal(-o.den_, -o.num_) : Decimal(o.den_, o.num_);
  return mul(recip);
}

std::optional<Decimal> Decimal::remainder(const Decimal& o) const {
  auto q = divide(o);
  if (!q) return std::nullopt;
  Decimal t(q->num_ / q->den_, 1);  // truncate toward zero
  auto p = o.mul(t);
  if (!p) return std::nullopt;
  return sub(*p);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  auto r = a.add(b);
  if (!r) throw std::overflow_error("decimal overflow in +");
  return *r;
}
Decimal operator-(const Decimal& a, const Decimal& b) {
  auto r = a.sub(b);
  if (!r) throw std::overflow_error("decimal overflow in -");
  return *r;
}
Decimal operator*(const Decimal& a, const Decimal& b) {
  auto r = a.mul(b);
  if (!r) throw std::overflow_error("decimal overflow in *");
  return *r;
}

std::strong_ordering Decimal::compare_across(const Decimal& a, const Decimal& b) {
  if (fits64(a.num_) && fits64(a.den_) && fits64(b.num_) && fits64(b.den_))  // products fit in 128 bits
    return static_cast<int128_t>(static_cast<std::int64_t>(a.num_)) * static_cast<std::int64_t>(b.den_) <=>
           static_cast<int128_t>(static_cast<std::int64_t>(b.num_)) * static_cast<std::int64_t>(a.den_);
  int128_t l, r;
  if (!mul_ovf(a.num_, b.den_, l) && !mul_ovf(b.num_, a.den_, r)) return l <=> r;
  Big lb = to_big(a.num_) * to_big(b.den_), rb = to_big(b.num_) * to_big(a.den_);
  return lb < rb ? std::strong_ordering::less
                 : (lb == rb ? std::strong_ordering::equal : std::strong_ordering::greater);
}

Decimal Decimal::floor() const {
  int128_t q = num_ / den_;
  if (num_ % den_ != 0 && num_ < 0) --q;
  return Decimal(q, 1);
}

Decimal Decimal::ceil() const {
  int128_t q = num_ / den_;
  if (num_ % den_ != 0 && num_ > 0) ++q;
  return Decimal(q, 1);
}

Decimal Decimal::round(int digits) const {
  if (digits > 18) digits = 18;
  if (digits < -18) digits = -18;
  if (den_ == 1 && digits >= 0) return *this;
  if (uint128_t q; digits >= 0 && scaled_round(num_, den_, digits, q) && q <= static_cast<uint128_t>(kMax))
    if (auto r = make(num_ < 0 ? -static_cast<int128_t>(q) : static_cast<int128_t>(q), pow10_i(digits))) return *r;
  Big n = to_big(num_), d = to_big(den_);
  std::optional<Decimal> r;
  if (digits >= 0) {
    r = make_big(div_round(n * pow10_big(digits), d), pow10_big(digits));
  } else {
    Big scale = pow10_big(-digits);
    r = make_big(div_round(n, d * scale) * scale, Big(1));
  }
  return r ? *r : *this;  // only unrepresentable for astronomically large values
}

}  // namespace zice::expr
