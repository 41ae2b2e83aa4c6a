#include "expr/value.hpp"

#include <cstdio>

namespace zice::expr {

std::string_view type_name(Type t) {
  switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "boolean";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Date: return "date";
    case Type::List: return "list";
    case Type::Any: return "any";
  }
  return "any";
}

Value Value::string(std::string s) {
  return Value(Rep(std::in_place_index<3>, std::make_shared<const std::string>(std::move(s))));
}

Value Value::string_ref(const std::string& s) {
  // The aliasing constructor with an empty owner: no control block, and
  // copies of the value do not count references.
  return Value(Rep(std::in_place_index<3>, std::shared_ptr<const std::string>(std::shared_ptr<const void>(), &s)));
}

Value Value::list(std::vector<Value> items) {
  return Value(Rep(std::in_place_index<5>, std::make_shared<const std::vector<Value>>(std::move(items))));
}

std::string Value::to_display() const {
  switch (type()) {
    case Type::Null: return "null";
    case Type::Bool: return as_bool() ? "true" : "false";
    case Type::Number: return as_number().to_string(6);
    case Type::String: {
      std::string out = "'";
      for (char c : as_string()) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      return out + "'";
    }
    case Type::Date: return format_iso_date(as_date());
    case Type::List: {
      std::string out = "[";
      bool first = true;
      for (const Value& v : as_list()) {
        if (!first) out += ", ";
        first = false;
        out += v.to_display();
      }
      return out + "]";
    }
    case Type::Any: break;
  }
  return "null";
}

bool operator==(const Value& a, const Value& b) {
  if (a.rep_.index() != b.rep_.index()) return false;
  switch (a.type()) {
    case Type::Null: return true;
    case Type::Bool: return a.as_bool() == b.as_bool();
    case Type::Number: return a.as_number() == b.as_number();
    case Type::String: return a.as_string() == b.as_string();
    case Type::Date: return a.as_date() == b.as_date();
    case Type::List: return a.as_list() == b.as_list();
    case Type::Any: break;
  }
  return false;
}

// Civil-calendar conversions after Howard Hinnant's public-domain algorithms
// (proleptic Gregorian calendar).
namespace {
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
}  // namespace

std::optional<std::int32_t> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](std::size_t from, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int dim = kDays[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
  if (d > dim) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string format_iso_date(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

}  // namespace zice::expr
