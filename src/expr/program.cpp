// Evaluation of a planned tree. A straightforward recursive switch over
// opcodes: numbers and booleans live inline in Value, so evaluating a
// formula or condition does not allocate (only warnings and string
// concatenation do). Logic is three-valued (Kleene) with short-circuiting.
#include <algorithm>
#include <array>
#include <string>

#include "expr/functions.hpp"
#include "expr/plan.hpp"

namespace zice::expr {

namespace detail {

Value Evaluator::warn(const PNode& n, std::string_view what) {
  std::string msg(what);
  msg += " in '";
  msg += text(n);
  msg += "'";
  ctx_.warnings.push_back(std::move(msg));
  return Value::null();
}

Value Evaluator::mismatch(const PNode& n, std::string_view expected, const Value& got) {
  return warn(n, "type mismatch (expected " + std::string(expected) + ", got " +
                     std::string(type_name(got.type())) + ")");
}

Value Evaluator::eval(const PNode& n) {
  switch (n.code) {
    case Code::Const: return constants_[n.slot];
    case Code::Slot: return n.slot < slots_.size() ? slots_[n.slot] : Value::null();
    case Code::Answered: return Value::boolean(n.slot < slots_.size() && !slots_[n.slot].is_null());
    case Code::Neg: {
      Value v = eval(kid(n, 0));
      if (v.is_null()) return v;
      if (v.type() != Type::Number) return mismatch(n, "number", v);
      return Value::number(-v.as_number());
    }
    case Code::Not: {
      Value v = eval(kid(n, 0));
      if (v.is_null()) return v;
      if (v.type() != Type::Bool) return mismatch(n, "boolean", v);
      return Value::boolean(!v.as_bool());
    }
    case Code::Add: case Code::Sub: case Code::Mul: case Code::Div: case Code::Mod: return arith(n);
    case Code::Eq: case Code::Ne: case Code::Lt: case Code::Le: case Code::Gt: case Code::Ge: return compare(n);
    case Code::In: return membership(n);
    case Code::And: case Code::Or: return logic(n);
    case Code::Cond: {
      Value c = eval(kid(n, 0));
      if (c.is_null()) return c;
      if (c.type() != Type::Bool) return mismatch(kid(n, 0), "boolean", c);
      return eval(kid(n, c.as_bool() ? 1 : 2));
    }
    case Code::List: {
      std::vector<Value> items;
      items.reserve(n.kid_count);
      for (std::size_t i = 0; i < n.kid_count; ++i) items.push_back(eval(kid(n, i)));
      return Value::list(std::move(items));
    }
    case Code::Call: return call(n);
  }
  return Value::null();
}

Value Evaluator::arith(const PNode& n) {
  Value a = eval(kid(n, 0));
  Value b = eval(kid(n, 1));
  if (a.is_null() || b.is_null()) return Value::null();
  if (n.code == Code::Add && (a.type() == Type::String || b.type() == Type::String)) {
    // Concatenation; a number is written as to_display() shows it.
    auto piece = [](const Value& v, bool& ok) -> std::string {
      if (v.type() == Type::String) return v.as_string();
      if (v.type() == Type::Number) return v.as_number().to_string(6);
      ok = false;
      return {};
    };
    bool ok = true;
    std::string s = piece(a, ok);
    s += piece(b, ok);
    if (!ok) return mismatch(n, "string or number", a.type() == Type::String ? b : a);
    return Value::string(std::move(s));
  }
  if (a.type() != Type::Number) return mismatch(n, "number", a);
  if (b.type() != Type::Number) return mismatch(n, "number", b);
  const Decimal& x = a.as_number();
  const Decimal& y = b.as_number();
  std::optional<Decimal> r;
  switch (n.code) {
    case Code::Add: r = x.add(y); break;
    case Code::Sub: r = x.sub(y); break;
    case Code::Mul: r = x.mul(y); break;
    case Code::Div:
      if (y.is_zero()) return warn(n, "division by zero");
      r = x.divide(y);
      break;
    case Code::Mod:
      if (y.is_zero()) return warn(n, "division by zero");
      r = x.remainder(y);
      break;
    default: break;
  }
  if (!r) return warn(n, "arithmetic overflow");
  return Value::number(*r);
}

Value Evaluator::compare(const PNode& n) {
  Value a = eval(kid(n, 0));
  Value b = eval(kid(n, 1));
  if (a.is_null() || b.is_null()) return Value::null();
  if (a.type() != b.type())
    return warn(n, "cannot compare " + std::string(type_name(a.type())) + " with " + std::string(type_name(b.type())));
  const bool equality = n.code == Code::Eq || n.code == Code::Ne;
  std::strong_ordering ord = std::strong_ordering::equal;
  switch (a.type()) {
    case Type::Number: ord = a.as_number() <=> b.as_number(); break;
    case Type::Date: ord = a.as_date() <=> b.as_date(); break;
    case Type::String:
      if (!equality) return warn(n, "strings can only be compared with == and !=");
      ord = a.as_string() == b.as_string() ? std::strong_ordering::equal : std::strong_ordering::less;
      break;
    case Type::Bool:
      if (!equality) return warn(n, "booleans can only be compared with == and !=");
      ord = a.as_bool() == b.as_bool() ? std::strong_ordering::equal : std::strong_ordering::less;
      break;
    default: return warn(n, "cannot compare " + std::string(type_name(a.type())) + " values");
  }
  switch (n.code) {
    case Code::Eq: return Value::boolean(ord == 0);
    case Code::Ne: return Value::boolean(ord != 0);
    case Code::Lt: return Value::boolean(ord < 0);
    case Code::Le: return Value::boolean(ord <= 0);
    case Code::Gt: return Value::boolean(ord > 0);
    case Code::Ge: return Value::boolean(ord >= 0);
    default: return Value::null();
  }
}

Value member_of(const Value& needle, const Value& list, const PNode& n, Evaluator& ev) {
  if (needle.is_null() || list.is_null()) return Value::null();
  if (list.type() != Type::List) return ev.mismatch(n, "list", list);
  Type t = needle.type();
  if (t != Type::String && t != Type::Number) return ev.mismatch(n, "string or number", needle);
  for (const Value& e : list.as_list()) {
    if (e.type() != t) continue;
    if (t == Type::String ? e.as_string() == needle.as_string() : e.as_number() == needle.as_number())
      return Value::boolean(true);
  }
  return Value::boolean(false);
}

Value Evaluator::membership(const PNode& n) {
  Value a = eval(kid(n, 0));
  Value b = eval(kid(n, 1));
  return member_of(a, b, n, *this);
}

Value Evaluator::logic(const PNode& n) {
  // Kleene logic: false dominates `and`, true dominates `or`, else null.
  const bool dominant = n.code == Code::Or;
  auto as_tri = [&](const PNode& k, const Value& v) -> int {  // 0 false, 1 true, 2 null
    if (v.is_null()) return 2;
    if (v.type() != Type::Bool) {
      mismatch(k, "boolean", v);
      return 2;
    }
    return v.as_bool() ? 1 : 0;
  };
  int a = as_tri(kid(n, 0), eval(kid(n, 0)));
  if (a == static_cast<int>(dominant)) return Value::boolean(dominant);
  int b = as_tri(kid(n, 1), eval(kid(n, 1)));
  if (b == static_cast<int>(dominant)) return Value::boolean(dominant);
  if (a == 2 || b == 2) return Value::null();
  return Value::boolean(!dominant);
}

Value Evaluator::call(const PNode& n) {
  const std::size_t count = n.kid_count;
  if (count <= 8) {
    std::array<Value, 8> buf;
    for (std::size_t i = 0; i < count; ++i) buf[i] = eval(kid(n, i));
    return all_functions()[n.fn].impl(std::span<const Value>(buf.data(), count), n, *this);
  }
  std::vector<Value> args;
  args.reserve(count);
  for (std::size_t i = 0; i < count; ++i) args.push_back(eval(kid(n, i)));
  return all_functions()[n.fn].impl(args, n, *this);
}

namespace {
Value run(const Plan& plan, const PNode& node, std::span<const Value> slots, EvalContext& ctx, bool top) {
  Evaluator ev(plan.view(), slots, ctx);
  Value v = ev.eval(node);
  if (top && plan.expected != Type::Any && !v.is_null() && v.type() != plan.expected)
    return ev.warn(node, "expected " + std::string(type_name(plan.expected)) + ", got " +
                             std::string(type_name(v.type())));
  return v;
}
}  // namespace

}  // namespace detail

Type Program::type() const {
  if (plan_->type == Type::Any && plan_->expected != Type::Any) return plan_->expected;
  return plan_->type;
}

Value Program::evaluate(std::span<const Value> slots, EvalContext& ctx) const {
  return detail::run(*plan_, plan_->nodes[0], slots, ctx, true);
}

std::span<const std::uint32_t> Program::dependencies() const { return {plan_->deps, plan_->dep_count}; }

std::string_view Program::source() const { return plan_->source; }

std::vector<std::pair<std::string, Value>> Program::failing_conjuncts(std::span<const Value> slots,
                                                                      EvalContext& ctx) const {
  // Collect the conjuncts of the top-level `and` chain in source order.
  std::vector<const detail::PNode*> parts;
  const detail::PNode* nodes = plan_->nodes;
  std::vector<const detail::PNode*> todo{nodes};
  while (!todo.empty()) {
    const detail::PNode* n = todo.back();
    todo.pop_back();
    if (n->code == detail::Code::And) {
      todo.push_back(nodes + n->first_kid + 1);
      todo.push_back(nodes + n->first_kid);
    } else {
      parts.push_back(n);
    }
  }
  std::vector<std::pair<std::string, Value>> out;
  for (const detail::PNode* p : parts) {
    Value v = detail::run(*plan_, *p, slots, ctx, false);
    if (v.type() == Type::Bool && v.as_bool()) continue;
    // A node's span ends with its last operand, so an operand in parentheses
    // loses its closing ')' — extend the text until the parentheses balance.
    std::string_view src = plan_->source;
    const detail::SourceSpan& span = plan_->spans[p - nodes];
    std::size_t end = std::min<std::size_t>(src.size(), std::size_t{span.offset} + span.length);
    auto open = [&] {
      long depth = 0;
      for (std::size_t i = span.offset; i < end; ++i) depth += src[i] == '(' ? 1 : src[i] == ')' ? -1 : 0;
      return depth;
    };
    for (long d = open(); d > 0; --d) {
      std::size_t j = end;
      while (j < src.size() && src[j] == ' ') ++j;
      if (j >= src.size() || src[j] != ')') break;
      end = j + 1;
    }
    out.emplace_back(std::string(src.substr(span.offset, end - span.offset)), std::move(v));
  }
  return out;
}

}  // namespace zice::expr
