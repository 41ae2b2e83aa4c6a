// Built-in functions. Each entry has a compile-time type rule and a runtime
// implementation; the runtime side re-checks types only because `any`-typed
// names can deliver anything.
//
// Null policy (documented in docs/expressions.md):
//  * sum/min/max ignore null arguments (optional questions), null only if
//    every argument is null;
//  * count(null) is 0; answered() is never null; coalesce() picks the first
//    non-null;
//  * everything else propagates null.
#include "expr/functions.hpp"

#include <algorithm>
#include <string>

namespace zice::expr::detail {

namespace {

bool fits(Type actual, Type want) { return actual == want || actual == Type::Any || actual == Type::Null; }

// ---- type rules --------------------------------------------------------------

Type t_numbers(FnCheck& c, std::span<const ArgInfo> a) {
  // sum/min/max: numbers, or a single list of numbers.
  if (a.size() == 1 && a[0].type == Type::List) {
    if (a[0].elem != Type::Any && a[0].elem != Type::Number && a[0].elem != Type::Null)
      c.error(a[0], std::string(c.fname) + "() needs a list of numbers, got a list of " +
                        std::string(type_name(a[0].elem)) + "s");
    return Type::Number;
  }
  for (std::size_t i = 0; i < a.size(); ++i) c.want(a[i], i, {Type::Number}, "a number");
  return Type::Number;
}

Type t_count(FnCheck& c, std::span<const ArgInfo> a) {
  c.want(a[0], 0, {Type::List}, "a list");
  return Type::Number;
}

Type t_unary_number(FnCheck& c, std::span<const ArgInfo> a) {
  for (std::size_t i = 0; i < a.size(); ++i) c.want(a[i], i, {Type::Number}, "a number");
  return Type::Number;
}

Type t_between(FnCheck& c, std::span<const ArgInfo> a) {
  for (std::size_t i = 0; i < a.size(); ++i) c.want(a[i], i, {Type::Number, Type::Date}, "a number or a date");
  bool ok = true;
  Type t = unify(unify(a[0].type, a[1].type, ok), a[2].type, ok);
  if (!ok) c.error(a[0], "between() needs three numbers or three dates");
  (void)t;
  return Type::Bool;
}

Type t_selected(FnCheck& c, std::span<const ArgInfo> a) {
  c.want(a[0], 0, {Type::List}, "a list");
  c.want(a[1], 1, {Type::String, Type::Number}, "a string or a number");
  return Type::Bool;
}

Type t_coalesce(FnCheck& c, std::span<const ArgInfo> a) {
  Type t = Type::Null;
  for (const auto& x : a) {
    bool ok = true;
    Type u = unify(t, x.type, ok);
    if (!ok) {
      c.error(x, "coalesce() arguments must all have the same type: got " + std::string(type_name(t)) + " and " +
                     std::string(type_name(x.type)));
      return Type::Any;
    }
    t = u;
  }
  return t;
}

Type t_len(FnCheck& c, std::span<const ArgInfo> a) {
  c.want(a[0], 0, {Type::String}, "a string");
  return Type::Number;
}

Type t_days_between(FnCheck& c, std::span<const ArgInfo> a) {
  c.want(a[0], 0, {Type::Date}, "a date");
  c.want(a[1], 1, {Type::Date}, "a date");
  return Type::Number;
}

// ---- implementations -----------------------------------------------------------

// Shared by sum/min/max: visits the non-null numbers; false on a type error.
template <typename F>
bool each_number(std::span<const Value> args, const PNode& n, Evaluator& ev, F&& f) {
  auto one = [&](const Value& v) {
    if (v.is_null()) return true;
    if (v.type() != Type::Number) {
      ev.mismatch(n, "number", v);
      return false;
    }
    return f(v.as_number());
  };
  for (const Value& v : args) {
    if (v.type() == Type::List) {
      for (const Value& e : v.as_list())
        if (!one(e)) return false;
    } else if (!one(v)) {
      return false;
    }
  }
  return true;
}

Value f_sum(std::span<const Value> args, const PNode& n, Evaluator& ev) {
  Decimal total;
  bool any = false, overflow = false;
  bool ok = each_number(args, n, ev, [&](const Decimal& d) {
    any = true;
    auto s = total.add(d);
    if (!s) {
      overflow = true;
      return false;
    }
    total = *s;
    return true;
  });
  if (overflow) return ev.warn(n, "arithmetic overflow");
  if (!ok || !any) return Value::null();
  return Value::number(total);
}

template <bool IsMin>
Value f_extreme(std::span<const Value> args, const PNode& n, Evaluator& ev) {
  const Decimal* best = nullptr;
  bool ok = each_number(args, n, ev, [&](const Decimal& d) {
    if (!best || (IsMin ? d < *best : *best < d)) best = &d;
    return true;
  });
  if (!ok || !best) return Value::null();
  return Value::number(*best);
}

Value f_count(std::span<const Value> args, const PNode& n, Evaluator& ev) {
  const Value& v = args[0];
  if (v.is_null()) return Value::number(0);
  if (v.type() != Type::List) return ev.mismatch(n, "list", v);
  return Value::number(static_cast<std::int64_t>(v.as_list().size()));
}

template <Decimal (Decimal::*Op)() const>
Value f_number_op(std::span<const Value> args, const PNode& n, Evaluator& ev) {
  const Value& v = args[0];
  if (v.is_null()) return v;
  if (v.type() != Type::Number) return ev.mismatch(n, "number", v);
  return Value::number((v.as_number().*Op)());
}

Value f_round(std::span<const Value> args, const PNode& n, Evaluator& ev) {
  for (const Value& v : args) {
    if (v.is_null()) return v;
    if (v.type() != Type::Number) return ev.mismatch(n, "number", v);
  }
  int digits = 0;
  if (args.size() == 2) {
    auto d = args[1].as_number().to_int64();
    if (!d || *d < -18 || *d > 18) return ev.warn(n, "round() digits must be a whole number from -18 to 18");
    digits = static_cast<int>(*d);
  }
  return Value::number(args[0].as_number().round(digits));
}

Value f_clamp(std::span<const Value> args, const PNode& n, Evaluator& ev) {
  for (const Value& v : args) {
    if (v.is_null()) return v;
    if (v.type() != Type::Number) return ev.mismatch(n, "number", v);
  }
  const Decimal &x = args[0].as_number(), &lo = args[1].as_number(), &hi = args[2].as_number();
  if (hi < lo) return ev.warn(n, "clamp() lower bound is greater than upper bound");
  return Value::number(x < lo ? lo : (hi < x ? hi : x));
}

Value f_between(std::span<const Value> args, const PNode& n, Evaluator& ev) {
  for (const Value& v : args)
    if (v.is_null()) return v;
  Type t = args[0].type();
  if (t != Type::Number && t != Type::Date) return ev.mismatch(n, "number or date", args[0]);
  for (const Value& v : args)
    if (v.type() != t) return ev.mismatch(n, type_name(t), v);
  if (t == Type::Number) {
    const Decimal& x = args[0].as_number();
    return Value::boolean(!(x < args[1].as_number()) && !(args[2].as_number() < x));
  }
  auto x = args[0].as_date();
  return Value::boolean(x >= args[1].as_date() && x <= args[2].as_date());
}

Value f_selected(std::span<const Value> args, const PNode& n, Evaluator& ev) {
  return member_of(args[1], args[0], n, ev);
}

Value f_coalesce(std::span<const Value> args, const PNode&, Evaluator&) {
  for (const Value& v : args)
    if (!v.is_null()) return v;
  return Value::null();
}

Value f_len(std::span<const Value> args, const PNode& n, Evaluator& ev) {
  const Value& v = args[0];
  if (v.is_null()) return v;
  if (v.type() != Type::String) return ev.mismatch(n, "string", v);
  std::int64_t cps = 0;
  for (char c : v.as_string())
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++cps;  // count UTF-8 lead bytes
  return Value::number(cps);
}

Value f_days_between(std::span<const Value> args, const PNode& n, Evaluator& ev) {
  for (const Value& v : args) {
    if (v.is_null()) return v;
    if (v.type() != Type::Date) return ev.mismatch(n, "date", v);
  }
  return Value::number(static_cast<std::int64_t>(args[1].as_date()) - args[0].as_date());
}

// Sorted by name: the error for an unknown function lists them in this order.
constexpr FunctionDef kFunctions[] = {
    {"abs", 1, 1, "abs(x)", t_unary_number, f_number_op<&Decimal::abs>},
    {"answered", 1, 1, "answered(name)", nullptr, nullptr},
    {"between", 3, 3, "between(x, lo, hi)", t_between, f_between},
    {"ceil", 1, 1, "ceil(x)", t_unary_number, f_number_op<&Decimal::ceil>},
    {"clamp", 3, 3, "clamp(x, lo, hi)", t_unary_number, f_clamp},
    {"coalesce", 1, kVariadic, "coalesce(a, b, ...)", t_coalesce, f_coalesce},
    {"count", 1, 1, "count(list)", t_count, f_count},
    {"date", 1, 1, "date('YYYY-MM-DD')", nullptr, nullptr},
    {"days_between", 2, 2, "days_between(from, to)", t_days_between, f_days_between},
    {"floor", 1, 1, "floor(x)", t_unary_number, f_number_op<&Decimal::floor>},
    {"len", 1, 1, "len(text)", t_len, f_len},
    {"max", 1, kVariadic, "max(a, b, ...) or max(list)", t_numbers, f_extreme<false>},
    {"min", 1, kVariadic, "min(a, b, ...) or min(list)", t_numbers, f_extreme<true>},
    {"round", 1, 2, "round(x) or round(x, digits)", t_unary_number, f_round},
    {"selected", 2, 2, "selected(list, option)", t_selected, f_selected},
    {"sum", 1, kVariadic, "sum(a, b, ...) or sum(list)", t_numbers, f_sum},
};

}  // namespace

bool FnCheck::want(const ArgInfo& a, std::size_t index, std::initializer_list<Type> ok, std::string_view what) {
  for (Type t : ok)
    if (fits(a.type, t)) return true;
  error(a, "argument " + std::to_string(index + 1) + " of " + std::string(fname) + "() must be " +
               std::string(what) + ", got " + std::string(type_name(a.type)));
  return false;
}

Type unify(Type a, Type b, bool& ok) {
  if (a == b) return a;
  if (a == Type::Null) return b;
  if (b == Type::Null) return a;
  if (a == Type::Any || b == Type::Any) return Type::Any;
  ok = false;
  return Type::Any;
}

const FunctionDef* find_function(std::string_view name) {
  for (const auto& f : kFunctions)
    if (f.name == name) return &f;
  return nullptr;
}

std::span<const FunctionDef> all_functions() { return kFunctions; }

}  // namespace zice::expr::detail

namespace zice::expr {
std::vector<std::string> function_names() {
  std::vector<std::string> out;
  for (const auto& f : detail::all_functions()) out.emplace_back(f.name);
  return out;
}
}  // namespace zice::expr
