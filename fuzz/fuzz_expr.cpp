// Fuzz target: expression text -> parse + check + (when it compiles) evaluate.
//
// The first byte picks the expected type and a set of slot values; the rest
// is the expression text, compiled against a small scope with one name of
// every type (as a ruleset would declare them) and evaluated once. Bad text
// must give an error with a position, never a crash or an exception.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expr.hpp"

namespace {

using namespace zice::expr;

Value num(const char* s) { return Value::number(*Decimal::parse(s)); }

struct Activation {
  MapScope scope;
  std::vector<Value> values;  // non-null values
  void add(const char* name, Type t, Value v) {
    scope.add(name, {static_cast<std::uint32_t>(values.size()), t});
    values.push_back(std::move(v));
  }
  Activation() {
    add("revenue", Type::Number, num("12345.678"));
    add("employees", Type::Number, num("42"));
    add("zero", Type::Number, num("0"));
    add("ratio", Type::Number, num("-0.0001"));
    add("big", Type::Number, num("999999999999999999"));
    add("has_iso", Type::Bool, Value::boolean(true));
    add("industry", Type::String, Value::string("制造业"));
    add("name", Type::String, Value::string("acme"));
    add("founded", Type::Date, Value::date(*parse_iso_date("2015-06-01")));
    add("certs", Type::List, Value::list({Value::string("iso9001"), Value::string("iso14001")}));
    add("score.total", Type::Number, num("61.5"));
    add("anything", Type::Any, Value::string("text"));
  }
};

const Activation& activation() {
  static const Activation a;
  return a;
}

constexpr Type kExpected[] = {Type::Any, Type::Bool, Type::Number, Type::String, Type::Date,
                              Type::List, Type::Null};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const Activation& act = activation();
  const Type expected = kExpected[(mode & 0x0f) % (sizeof kExpected / sizeof kExpected[0])];

  CompileResult r = compile(text, act.scope, expected);
  if (!r) {
    if (r.errors.empty()) std::abort();  // a failure must say why
    return 0;
  }
  // High bits: which slots are null (every combination of answered and
  // unanswered questions must evaluate without crashing).
  std::vector<Value> slots = act.values;
  if (mode & 0x10) slots.clear();  // all null
  else if (mode & 0x20)
    for (std::size_t i = 0; i < slots.size(); i += 2) slots[i] = Value::null();
  EvalContext ctx;
  Value v = r.program->evaluate(slots, ctx);
  (void)v.to_display();
  (void)r.program->failing_conjuncts(slots, ctx);
  return 0;
}
