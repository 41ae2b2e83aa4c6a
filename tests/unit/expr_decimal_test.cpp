#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <stdexcept>

#include <boost/multiprecision/cpp_int.hpp>

#include "expr/decimal.hpp"

using zice::expr::Decimal;

namespace {
Decimal D(const char* s) {
  auto d = Decimal::parse(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Decimal());
}
Decimal div(const Decimal& a, const Decimal& b) { return a.divide(b).value(); }
Decimal pct(const char* part, const char* whole) { return div(D(part), D(whole)) * D("100"); }
}  // namespace

TEST(ExprDecimal, ParsesExactly) {
  Decimal d = D("0.55");
  EXPECT_EQ(d.numerator(), 11);
  EXPECT_EQ(d.denominator(), 20);  // 55/100 normalised
  EXPECT_EQ(D("123"), Decimal::from_int(123));
  EXPECT_EQ(D("-0.55"), -D("0.55"));
  EXPECT_EQ(D("1e3"), Decimal::from_int(1000));
  EXPECT_EQ(D("2.5E-2"), div(D("25"), D("1000")));
  EXPECT_EQ(D(".5"), div(D("1"), D("2")));
  EXPECT_EQ(D("+7"), Decimal::from_int(7));
  EXPECT_EQ(D("000.000"), Decimal());
}

TEST(ExprDecimal, RejectsBadSyntax) {
  for (const char* s : {"", "-", "1.2.3", "abc", "1e", "1e+", " 1", "1 ", "0x10", "1,5", "."})
    EXPECT_FALSE(Decimal::parse(s).has_value()) << s;
  EXPECT_FALSE(Decimal::parse("1e100").has_value());  // beyond 128 bits
}

TEST(ExprDecimal, RulesetThresholdsAreExact) {
  // Debt ratio: liabilities 55 of assets 100 must be exactly 55 (le 55 holds).
  EXPECT_EQ(pct("55", "100"), Decimal::from_int(55));
  // Growth: 100 -> 115 is exactly 15 %.
  EXPECT_EQ(div(D("115") - D("100"), D("100")) * D("100"), Decimal::from_int(15));
  // R&D ratios.
  EXPECT_EQ(pct("30", "1000"), Decimal::from_int(3));
  EXPECT_EQ(pct("50", "1000"), Decimal::from_int(5));
  EXPECT_EQ(pct("700", "1000"), Decimal::from_int(70));
  EXPECT_EQ(D("0.55") * D("100"), Decimal::from_int(55));
  EXPECT_EQ(div(D("1"), D("3")) * D("3"), Decimal::from_int(1));
  EXPECT_EQ(D("0.1") + D("0.2"), D("0.3"));
  EXPECT_FALSE(pct("29.99", "1000") >= Decimal::from_int(3));
}

TEST(ExprDecimal, NegativeNumbers) {
  EXPECT_EQ(D("-3") * D("-4"), Decimal::from_int(12));
  EXPECT_EQ(D("-0.5") + D("0.25"), D("-0.25"));
  EXPECT_TRUE(D("-2") < D("-1"));
  EXPECT_EQ(div(D("-1"), D("-3")), div(D("1"), D("3")));
  EXPECT_EQ(div(D("1"), D("-4")).denominator(), 4);  // sign kept in the numerator
  EXPECT_EQ(D("-2.5").floor(), Decimal::from_int(-3));
  EXPECT_EQ(D("-2.5").ceil(), Decimal::from_int(-2));
  EXPECT_EQ(D("2.5").floor(), Decimal::from_int(2));
  EXPECT_EQ(D("2.5").ceil(), Decimal::from_int(3));
  EXPECT_EQ(D("-7.25").abs(), D("7.25"));
}

TEST(ExprDecimal, ToStringRoundsHalfAwayFromZero) {
  EXPECT_EQ(div(D("1"), D("3")).to_string(), "0.333333");
  EXPECT_EQ(div(D("2"), D("3")).to_string(), "0.666667");
  EXPECT_EQ(div(D("-2"), D("3")).to_string(), "-0.666667");
  EXPECT_EQ(D("12.5").to_string(0), "13");
  EXPECT_EQ(D("-12.5").to_string(0), "-13");
  EXPECT_EQ(D("0.5").to_string(0), "1");
  EXPECT_EQ(D("1.50").to_string(), "1.5");      // no trailing zeros
  EXPECT_EQ(D("100").to_string(), "100");
  EXPECT_EQ(D("1e3").to_string(), "1000");      // no exponent
  EXPECT_EQ(D("-0.0000001").to_string(), "0");  // never "-0"
  EXPECT_EQ(D("0.125").to_string(2), "0.13");
  EXPECT_EQ(D("-0.125").to_string(2), "-0.13");
  EXPECT_EQ(D("0").to_string(), "0");
}

TEST(ExprDecimal, RoundFunction) {
  EXPECT_EQ(D("0.5").round(), Decimal::from_int(1));
  EXPECT_EQ(D("-0.5").round(), Decimal::from_int(-1));
  EXPECT_EQ(D("12.5").round(), Decimal::from_int(13));
  EXPECT_EQ(D("12.49").round(), Decimal::from_int(12));
  EXPECT_EQ(D("2.345").round(2), D("2.35"));
  EXPECT_EQ(D("-2.345").round(2), D("-2.35"));
  EXPECT_EQ(D("1250").round(-2), Decimal::from_int(1300));
  EXPECT_EQ(div(D("2"), D("3")).round(3), D("0.667"));
}

TEST(ExprDecimal, FromDoubleUsesShortestText) {
  EXPECT_EQ(Decimal::from_double(0.1), div(D("1"), D("10")));
  EXPECT_EQ(Decimal::from_double(0.55), D("0.55"));
  EXPECT_EQ(Decimal::from_double(-3.0), Decimal::from_int(-3));
  EXPECT_EQ(Decimal::from_double(1e15), D("1000000000000000"));
  EXPECT_THROW(Decimal::from_double(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_THROW(Decimal::from_double(1e300), std::overflow_error);
  EXPECT_FALSE(Decimal::try_from_double(std::numeric_limits<double>::infinity()).has_value());
  EXPECT_DOUBLE_EQ(D("0.55").to_double(), 0.55);
  EXPECT_DOUBLE_EQ(div(D("1"), D("3")).to_double(), 1.0 / 3.0);
}

TEST(ExprDecimal, LargeValues) {
  // 1e15 万元 (1e19 yuan) and friends stay exact.
  Decimal big = D("1e15");
  EXPECT_EQ((big * D("10000")).to_string(), "10000000000000000000");
  EXPECT_EQ(div(big + D("0.01"), D("100")).to_string(8), "10000000000000.0001");
  EXPECT_EQ(big.to_int64(), 1000000000000000);
  EXPECT_TRUE(big.is_integer());
  EXPECT_FALSE(D("0.5").is_integer());
  EXPECT_FALSE(D("0.5").to_int64().has_value());
  EXPECT_EQ(D("1e20").to_int64(), std::nullopt);
}

TEST(ExprDecimal, OverflowFallsBackToTenToTheMinus18) {
  // 1/3 and 1/7 products of large primes: the exact denominator overflows,
  // the result is rounded to 18 fraction digits instead.
  Decimal a = div(D("1"), D("999999999999999989"));   // prime-ish large denominators
  Decimal b = div(D("1"), D("1000000000000000003"));
  Decimal c = div(D("1"), D("999999999999999877"));
  auto prod = a.mul(b);
  ASSERT_TRUE(prod.has_value());
  auto sum = prod->add(c);  // denominator would need ~10^54
  ASSERT_TRUE(sum.has_value());
  const auto ten18 = D("1e18").numerator();
  EXPECT_EQ(ten18 % sum->denominator(), 0);  // denominator divides 10^18
  EXPECT_EQ(sum->to_string(18), "0.000000000000000001");
  // Truly too large: beyond 1.7e38 even as an integer.
  Decimal huge = D("1e37");
  EXPECT_FALSE(huge.mul(D("1000")).has_value());
  EXPECT_THROW(huge * D("1000"), std::overflow_error);
  EXPECT_TRUE(huge.add(huge).has_value());
}

TEST(ExprDecimal, DivisionAndRemainder) {
  EXPECT_FALSE(D("1").divide(D("0")).has_value());
  EXPECT_FALSE(D("1").remainder(D("0")).has_value());
  EXPECT_EQ(D("7").remainder(D("3")).value(), Decimal::from_int(1));
  EXPECT_EQ(D("-7").remainder(D("3")).value(), Decimal::from_int(-1));  // sign of the dividend
  EXPECT_EQ(D("7.5").remainder(D("2")).value(), D("1.5"));
}

TEST(ExprDecimal, Ordering) {
  EXPECT_TRUE(div(D("1"), D("3")) < D("0.3333334"));
  EXPECT_TRUE(div(D("1"), D("3")) > D("0.3333333"));
  EXPECT_EQ(D("2.50"), D("2.5"));
  EXPECT_EQ(Decimal::min(D("1"), D("2")), D("1"));
  EXPECT_EQ(Decimal::max(D("1"), D("2")), D("2"));
  // Cross-multiplication overflow still compares correctly.
  Decimal x = div(D("1e30"), D("999999999999999989"));
  Decimal y = div(D("1e30"), D("999999999999999877"));
  EXPECT_TRUE(x < y);
}

// Products, quotients and comparisons against arbitrary-precision arithmetic:
// the 64-bit fast paths (operands that fit in 64 bits: cross-cancelled
// products without a gcd of the result, comparison by 128-bit cross products)
// give the same lowest-terms fractions and order as the general 128-bit path.
TEST(ExprDecimal, ProductsAndQuotientsAreExactInLowestTerms) {
  using Big = boost::multiprecision::cpp_int;
  using zice::expr::int128_t;
  auto big = [](int128_t v) {
    Big b = static_cast<std::int64_t>(v >> 64);
    b <<= 64;
    b += static_cast<std::uint64_t>(v);
    return b;
  };
  std::mt19937_64 rng(7);
  const std::int64_t bounds[] = {10, 1000, 1000000, 4000000000LL, 3000000000000000000LL};
  for (int i = 0; i < 100000; ++i) {
    std::int64_t bound = bounds[i % 5];
    auto pick = [&](std::int64_t lo) { return std::uniform_int_distribution<std::int64_t>(lo, bound)(rng); };
    Decimal a = *Decimal::from_int(pick(-bound)).divide(Decimal::from_int(pick(1)));
    Decimal b = *Decimal::from_int(pick(-bound)).divide(Decimal::from_int(pick(1)));
    Big left = big(a.numerator()) * big(b.denominator()), right = big(b.numerator()) * big(a.denominator());
    EXPECT_EQ(a < b, left < right) << i;
    EXPECT_EQ(a == b, left == right) << i;
    EXPECT_EQ(a > b, left > right) << i;
    for (bool product : {true, false}) {
      if (!product && b.numerator() == 0) continue;
      std::optional<Decimal> r = product ? a.mul(b) : a.divide(b);
      Big n = big(a.numerator()) * (product ? big(b.numerator()) : big(b.denominator()));
      Big d = big(a.denominator()) * (product ? big(b.denominator()) : big(b.numerator()));
      if (d < 0) n = -n, d = -d;
      Big g = boost::multiprecision::gcd(boost::multiprecision::abs(n), d);
      if (g > 1) n /= g, d /= g;
      ASSERT_TRUE(r.has_value());
      if (boost::multiprecision::abs(n) >> 126 != 0 || d >> 126 != 0) continue;  // beyond 128 bits: rounded, not exact
      EXPECT_EQ(big(r->numerator()), n) << i;
      EXPECT_EQ(big(r->denominator()), d) << i;
    }
  }
}
