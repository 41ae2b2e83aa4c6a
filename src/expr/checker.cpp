// Type checker. Type rules in brief (details in docs/expressions.md):
//  * arithmetic - * / % on numbers; + on numbers, or strings (a number next to
//    a string is concatenated in its display form);
//  * == != on two values of the same type (not lists); < <= > >= on numbers
//    or dates only (ordering strings by code point is rarely what an author
//    means, so it is an error);
//  * comparing with the literal null is an error: it is always null, the
//    author wants answered();
//  * `in` needs a string or number on the left and a list on the right;
//  * logic on booleans; conditional branches must agree.
// An operand that already failed gets type Any so one mistake produces one
// error, not a cascade. `null` fits everywhere; `any` defers checks to run
// time.
#include "expr/checker.hpp"

#include <algorithm>

#include "expr/functions.hpp"

namespace zice::expr::detail {
namespace {

using ast::Kind;
using ast::Node;
using ast::Op;

bool fits(Type actual, Type want) { return actual == want || actual == Type::Any || actual == Type::Null; }

std::string tn(Type t) { return std::string(type_name(t)); }

class Checker {
 public:
  Checker(std::string_view src, const Scope& scope, std::vector<Diagnostic>& errors)
      : src_(src), scope_(scope), errors_(errors) {}

  TNode visit(const Node& n, Type* elem = nullptr);
  std::vector<std::uint32_t> deps;

 private:
  TNode leaf(const Node& n, Code code, Type type) {
    TNode p;
    p.code = code;
    p.type = type;
    p.offset = static_cast<std::uint32_t>(n.offset);
    p.length = static_cast<std::uint32_t>(n.length);
    return p;
  }
  void error(std::size_t off, std::size_t len, std::string msg) { errors_.push_back({off, len, std::move(msg)}); }
  void error(const Node& n, std::string msg) { error(n.offset, n.length, std::move(msg)); }
  std::string op_text(const Node& n) const { return std::string(src_.substr(n.op_offset, n.op_length)); }

  TNode name(const Node& n);
  TNode unary(const Node& n);
  TNode binary(const Node& n);
  TNode conditional(const Node& n);
  TNode list(const Node& n, Type* elem);
  TNode call(const Node& n);
  TNode fold(TNode p);
  std::string unknown_name_message(const std::string& name);

  std::string_view src_;
  const Scope& scope_;
  std::vector<Diagnostic>& errors_;
};

TNode Checker::visit(const Node& n, Type* elem) {
  switch (n.kind) {
    case Kind::Literal: {
      TNode p = leaf(n, Code::Const, n.literal.type());
      p.constant = n.literal;
      return p;
    }
    case Kind::Name: return name(n);
    case Kind::Unary: return fold(unary(n));
    case Kind::Binary: return fold(binary(n));
    case Kind::Conditional: return fold(conditional(n));
    case Kind::List: return fold(list(n, elem));
    case Kind::Call: return fold(call(n));
  }
  return leaf(n, Code::Const, Type::Null);
}

// Evaluates a node whose operands are all constants once, at compile time.
// Nodes that would warn (e.g. 1 / 0) are kept so the warning shows at run time.
TNode Checker::fold(TNode p) {
  if (p.code == Code::Const || p.code == Code::Slot || p.code == Code::Answered) return p;
  if (p.code == Code::Call && p.fn < 0) return p;  // call that failed to check
  for (const TNode& k : p.kids)
    if (k.code != Code::Const) return p;
  FlatPlan folded = flatten(p);
  PlanView view = folded.view();
  view.source = src_;
  EvalContext ctx;
  Evaluator ev(view, {}, ctx);
  Value v = ev.eval(folded.nodes.front());
  if (!ctx.warnings.empty()) return p;
  TNode c;
  c.code = Code::Const;
  c.type = p.type;
  c.offset = p.offset;
  c.length = p.length;
  c.constant = std::move(v);
  return c;
}

std::string Checker::unknown_name_message(const std::string& nm) {
  std::string msg = "unknown name '" + nm + "'";
  std::string best = closest_name(nm, scope_.names());
  if (!best.empty()) {
    msg += "; did you mean '" + best + "'?";
  } else if (find_function(nm)) {
    msg += "; '" + nm + "' is a function: call it as " + nm + "(...)";
  }
  return msg;
}

TNode Checker::name(const Node& n) {
  auto sym = scope_.lookup(n.name);
  if (!sym) {
    error(n, unknown_name_message(n.name));
    return leaf(n, Code::Const, Type::Any);
  }
  TNode p = leaf(n, Code::Slot, sym->type);
  p.slot = sym->slot;
  deps.push_back(sym->slot);
  return p;
}

TNode Checker::unary(const Node& n) {
  const bool neg = n.op == Op::Neg;
  TNode p = leaf(n, neg ? Code::Neg : Code::Not, neg ? Type::Number : Type::Bool);
  TNode k = visit(*n.children[0]);
  if (!fits(k.type, p.type))
    error(*n.children[0], "'" + op_text(n) + "' needs a " + tn(p.type) + ", got " + tn(k.type));
  p.kids.push_back(std::move(k));
  return p;
}

TNode Checker::binary(const Node& n) {
  const Node& ln = *n.children[0];
  const Node& rn = *n.children[1];
  Type lelem = Type::Any, relem = Type::Any;
  TNode l = visit(ln, &lelem);
  TNode r = visit(rn, &relem);
  const std::string op = op_text(n);
  TNode p = leaf(n, Code::Const, Type::Any);
  auto finish = [&](Code c, Type t) {
    p.code = c;
    p.type = t;
    p.kids.push_back(std::move(l));
    p.kids.push_back(std::move(r));
    return std::move(p);
  };
  auto null_compare = [&](const Node& side) {
    error(side, "comparing with null always gives null; use answered(name) to test whether a value is present");
  };

  switch (n.op) {
    case Op::Add: {
      bool bad = false;
      for (auto [k, side] : {std::pair{&l, &ln}, std::pair{&r, &rn}}) {
        Type t = k->type;
        if (t != Type::Number && t != Type::String && t != Type::Any && t != Type::Null) {
          error(*side, "'+' needs numbers (to add) or strings (to join), got " + tn(t));
          bad = true;
        }
      }
      if (bad) return finish(Code::Add, Type::Any);
      Type t = Type::Number;
      if (l.type == Type::String || r.type == Type::String) t = Type::String;
      else if (l.type == Type::Any || r.type == Type::Any) t = Type::Any;
      return finish(Code::Add, t);
    }
    case Op::Sub: case Op::Mul: case Op::Div: case Op::Mod: {
      if (!fits(l.type, Type::Number)) error(ln, "'" + op + "' needs numbers, got " + tn(l.type));
      if (!fits(r.type, Type::Number)) error(rn, "'" + op + "' needs numbers, got " + tn(r.type));
      Code c = n.op == Op::Sub ? Code::Sub : n.op == Op::Mul ? Code::Mul : n.op == Op::Div ? Code::Div : Code::Mod;
      return finish(c, Type::Number);
    }
    case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: {
      const bool ordering = n.op != Op::Eq && n.op != Op::Ne;
      bool bad = false;
      for (auto [k, side] : {std::pair{&l, &ln}, std::pair{&r, &rn}}) {
        Type t = k->type;
        if (t == Type::Null) {
          null_compare(*side);
          bad = true;
        } else if (t == Type::List) {
          error(*side, "lists cannot be compared with '" + op + "'; use 'in' or selected()");
          bad = true;
        } else if (ordering && (t == Type::String || t == Type::Bool)) {
          error(*side, "'" + op + "' orders numbers or dates; " + tn(t) + "s can only be compared with == and != (eq, ne)");
          bad = true;
        }
        if (bad) break;  // one error per comparison
      }
      if (!bad) {
        bool ok = true;
        unify(l.type, r.type, ok);
        if (!ok) error(rn, "cannot compare " + tn(l.type) + " with " + tn(r.type));
      }
      Code c = n.op == Op::Eq ? Code::Eq : n.op == Op::Ne ? Code::Ne : n.op == Op::Lt ? Code::Lt
             : n.op == Op::Le ? Code::Le : n.op == Op::Gt ? Code::Gt : Code::Ge;
      return finish(c, Type::Bool);
    }
    case Op::In: {
      if (l.type == Type::Null) {
        null_compare(ln);
      } else if (!fits(l.type, Type::String) && !fits(l.type, Type::Number)) {
        error(ln, "'in' needs a string or a number on the left, got " + tn(l.type));
      }
      if (r.type == Type::Null) {
        null_compare(rn);
      } else if (!fits(r.type, Type::List)) {
        error(rn, "'in' needs a list on the right, got " + tn(r.type));
      } else if ((l.type == Type::String || l.type == Type::Number) && relem != Type::Any &&
                 relem != Type::Null && relem != l.type) {
        error(rn, "the list holds " + tn(relem) + "s but the value on the left is a " + tn(l.type));
      }
      return finish(Code::In, Type::Bool);
    }
    case Op::And: case Op::Or: {
      if (!fits(l.type, Type::Bool)) error(ln, "'" + op + "' needs booleans, got " + tn(l.type));
      if (!fits(r.type, Type::Bool)) error(rn, "'" + op + "' needs booleans, got " + tn(r.type));
      return finish(n.op == Op::And ? Code::And : Code::Or, Type::Bool);
    }
    default: break;
  }
  return finish(Code::Const, Type::Any);
}

TNode Checker::conditional(const Node& n) {
  TNode p = leaf(n, Code::Cond, Type::Any);
  TNode c = visit(*n.children[0]);
  TNode a = visit(*n.children[1]);
  TNode b = visit(*n.children[2]);
  if (!fits(c.type, Type::Bool)) error(*n.children[0], "the condition must be a boolean, got " + tn(c.type));
  bool ok = true;
  p.type = unify(a.type, b.type, ok);
  if (!ok)
    error(*n.children[2], "both branches must have the same type: got " + tn(a.type) + " and " + tn(b.type));
  p.kids.push_back(std::move(c));
  p.kids.push_back(std::move(a));
  p.kids.push_back(std::move(b));
  return p;
}

TNode Checker::list(const Node& n, Type* elem) {
  TNode p = leaf(n, Code::List, Type::List);
  Type t = Type::Null;
  bool reported = false;
  for (const auto& c : n.children) {
    TNode k = visit(*c);
    bool ok = true;
    Type u = unify(t, k.type, ok);
    if (!ok && !reported) {
      error(*c, "list elements must all have the same type: got " + tn(t) + " and " + tn(k.type));
      reported = true;
    }
    t = ok ? u : Type::Any;
    p.kids.push_back(std::move(k));
  }
  if (elem) *elem = t == Type::Null ? Type::Any : t;
  return p;
}

TNode Checker::call(const Node& n) {
  TNode p = leaf(n, Code::Call, Type::Any);
  const FunctionDef* f = find_function(n.name);
  if (!f) {
    std::string msg = "unknown function '" + n.name + "'";
    std::string best = closest_name(n.name, function_names());
    if (!best.empty()) msg += "; did you mean '" + best + "'?";
    msg += " (known functions:";
    bool first = true;
    for (const auto& d : all_functions()) {
      msg += first ? " " : ", ";
      msg += d.name;
      first = false;
    }
    error(n.offset, n.name.size(), msg + ")");
    for (const auto& c : n.children) visit(*c);  // still report errors inside
    return p;
  }
  const std::size_t argc = n.children.size();
  if (argc < f->min_args || argc > f->max_args) {
    std::string expect = f->min_args == f->max_args ? std::to_string(f->min_args)
                         : f->max_args == kVariadic  ? "at least " + std::to_string(f->min_args)
                                                     : std::to_string(f->min_args) + " to " + std::to_string(f->max_args);
    error(n, std::string(f->name) + "() takes " + expect + " argument" + (expect.back() == '1' ? "" : "s") + ", got " +
                 std::to_string(argc) + " (usage: " + std::string(f->signature) + ")");
    return p;
  }
  if (f->name == "answered") {
    const Node& a = *n.children[0];
    if (a.kind != Kind::Name) {
      error(a, "answered() needs a question or value name, e.g. answered(revenue_wan)");
      return leaf(n, Code::Const, Type::Bool);
    }
    TNode s = name(a);
    if (s.code != Code::Slot) return leaf(n, Code::Const, Type::Bool);
    TNode r = leaf(n, Code::Answered, Type::Bool);
    r.slot = s.slot;
    return r;
  }
  if (f->name == "date") {
    const Node& a = *n.children[0];
    TNode r = leaf(n, Code::Const, Type::Date);
    if (a.kind != Kind::Literal || !a.string_literal) {
      error(a, "date() needs a literal date string, e.g. date('2024-01-01')");
      return r;
    }
    auto d = parse_iso_date(a.literal.as_string());
    if (!d) {
      error(a, "invalid date '" + a.literal.as_string() + "'; expected a real calendar date as 'YYYY-MM-DD'");
      return r;
    }
    r.constant = Value::date(*d);
    return r;
  }
  std::vector<ArgInfo> infos;
  for (const auto& c : n.children) {
    Type elem = Type::Any;
    TNode k = visit(*c, &elem);
    infos.push_back({k.type, elem, c->offset, c->length});
    p.kids.push_back(std::move(k));
  }
  FnCheck fc{f->name, errors_};
  p.type = f->check(fc, infos);
  p.fn = static_cast<int>(f - all_functions().data());
  return p;
}

void place(const TNode& t, std::size_t at, FlatPlan& plan) {
  const std::size_t first = plan.nodes.size();
  {
    PNode& n = plan.nodes[at];
    n.code = t.code;
    n.type = t.type;
    n.fn = static_cast<std::uint16_t>(t.fn < 0 ? 0 : t.fn);
    n.slot = t.slot;
    if (t.code == Code::Const) {
      n.slot = static_cast<std::uint32_t>(plan.constants.size());
      plan.constants.push_back(t.constant);
    }
    n.first_kid = static_cast<std::uint32_t>(first);
    n.kid_count = static_cast<std::uint32_t>(t.kids.size());
    plan.spans[at] = {t.offset, t.length};
  }
  plan.nodes.resize(first + t.kids.size());
  plan.spans.resize(first + t.kids.size());
  for (std::size_t i = 0; i < t.kids.size(); ++i) place(t.kids[i], first + i, plan);
}

}  // namespace

FlatPlan flatten(const TNode& root) {
  FlatPlan plan;
  plan.nodes.resize(1);
  plan.spans.resize(1);
  place(root, 0, plan);
  return plan;
}

bool check(const ast::Node& root, std::string_view source, const Scope& scope, Type expected,
           std::vector<Diagnostic>& errors, CheckOutput& out) {
  const std::size_t before = errors.size();
  Checker c(source, scope, errors);
  out.root = c.visit(root);
  if (errors.size() == before && expected != Type::Any && !fits(out.root.type, expected))
    errors.push_back({root.offset, root.length,
                      "expected " + tn(expected) + ", got " + tn(out.root.type)});
  std::sort(c.deps.begin(), c.deps.end());
  c.deps.erase(std::unique(c.deps.begin(), c.deps.end()), c.deps.end());
  out.deps = std::move(c.deps);
  return errors.size() == before;
}

}  // namespace zice::expr::detail
