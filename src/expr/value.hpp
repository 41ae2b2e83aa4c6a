// Runtime values of the expression language. A Value is immutable and cheap
// to copy: null, booleans, numbers and dates are stored inline (no heap
// allocation), strings and lists are shared, immutable heap blocks.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "expr/decimal.hpp"

namespace zice::expr {

// The order matches the alternatives of Value's variant.
enum class Type : std::uint8_t { Null, Bool, Number, String, Date, List, Any };

/// "null","boolean","number","string","date","list","any".
std::string_view type_name(Type);

class Value {
 public:
  Value() = default;  // null
  static Value null() { return Value(); }
  static Value boolean(bool b) { return Value(Rep(std::in_place_index<1>, b)); }
  static Value number(Decimal d) { return Value(Rep(std::in_place_index<2>, d)); }
  static Value number(std::int64_t i) { return number(Decimal::from_int(i)); }
  static Value string(std::string s);
  /// A string value that refers to `s` without copying or owning it: `s` must
  /// outlive every copy of the value. For the texts of a loaded model (option
  /// values), which outlive any assessment made with it.
  static Value string_ref(const std::string& s);
  static Value date(std::int32_t days_since_epoch) {
    return Value(Rep(std::in_place_index<4>, DateRep{days_since_epoch}));
  }
  static Value list(std::vector<Value> items);

  Type type() const { return static_cast<Type>(rep_.index()); }
  bool is_null() const { return rep_.index() == 0; }

  // Accessors require the matching type (std::bad_variant_access otherwise).
  bool as_bool() const { return std::get<1>(rep_); }
  const Decimal& as_number() const { return std::get<2>(rep_); }
  const std::string& as_string() const { return *std::get<3>(rep_); }
  std::int32_t as_date() const { return std::get<4>(rep_).days; }
  const std::vector<Value>& as_list() const { return *std::get<5>(rep_); }

  /// For explanations: 'text' quoted, lists as [a, b], dates ISO, null as "null",
  /// numbers with at most 6 fraction digits.
  std::string to_display() const;

  /// Structural equality (null == null is true here; this is C++ equality,
  /// not the language's three-valued `==`).
  friend bool operator==(const Value& a, const Value& b);

 private:
  struct DateRep {
    std::int32_t days;
  };
  using Rep = std::variant<std::monostate, bool, Decimal, std::shared_ptr<const std::string>, DateRep,
                           std::shared_ptr<const std::vector<Value>>>;
  explicit Value(Rep r) : rep_(std::move(r)) {}
  Rep rep_;
};

/// "2024-02-29" -> days since 1970-01-01. Exactly YYYY-MM-DD, years 0001-9999,
/// calendar validated (leap years). nullopt otherwise.
std::optional<std::int32_t> parse_iso_date(std::string_view);
std::string format_iso_date(std::int32_t days);

}  // namespace zice::expr
