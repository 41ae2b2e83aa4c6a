// Spirit X3 grammar of the expression language.
//
// Design: the X3 rules carry no attributes. Token parsers (numbers, strings,
// names, operators) are small hand-written X3 parsers that push nodes and
// operator tokens onto an explicit stack in ParseState (reached through the
// X3 context); semantic actions on the operator rules pop operands and push
// the combined node. This keeps the grammar readable, keeps exact byte spans
// for every node, and avoids X3's attribute machinery (slow to compile).
// Backtracking never leaves stale nodes behind: every alternative either
// fails before pushing anything or commits with an expectation (`>`).
//
// Recursion is bounded: every re-entry into `expression` goes through
// `guard`, and prefix operators count towards the same depth, so even a
// 100000-deep "((((" fails cleanly instead of overflowing the stack.
#include "expr/parser.hpp"

#include <boost/spirit/home/x3.hpp>
#include <string>
#include <utility>
#include <vector>

namespace zice::expr {
namespace {

namespace x3 = boost::spirit::x3;
using It = const char*;
using ast::Kind;
using ast::Node;
using ast::NodePtr;
using ast::Op;

struct ParseError {
  It where;
  std::size_t length;
  std::string message;
};

struct OpTok {
  Op op;
  std::size_t offset, length;
};

struct ParseState {
  It begin;
  It end;
  std::size_t max_depth;
  std::size_t depth = 0;
  std::vector<NodePtr> nodes;
  std::vector<OpTok> ops;

  std::size_t off(It p) const { return static_cast<std::size_t>(p - begin); }

  NodePtr pop() {
    NodePtr n = std::move(nodes.back());
    nodes.pop_back();
    return n;
  }

  void binary() {
    OpTok t = ops.back();
    ops.pop_back();
    NodePtr rhs = pop(), lhs = pop();
    auto n = std::make_unique<Node>();
    n->kind = Kind::Binary;
    n->op = t.op;
    n->op_offset = t.offset;
    n->op_length = t.length;
    n->offset = lhs->offset;
    n->length = rhs->end() - lhs->offset;
    n->children.push_back(std::move(lhs));
    n->children.push_back(std::move(rhs));
    nodes.push_back(std::move(n));
  }

  void conditional(std::size_t offset, std::size_t end_offset) {
    NodePtr e = pop(), t = pop(), c = pop();
    auto n = std::make_unique<Node>();
    n->kind = Kind::Conditional;
    n->offset = offset;
    n->length = end_offset - offset;
    n->children.push_back(std::move(c));
    n->children.push_back(std::move(t));
    n->children.push_back(std::move(e));
    nodes.push_back(std::move(n));
  }

  // Pops the nodes that start after `open` (the elements/arguments parsed
  // since the opening bracket), in source order.
  std::vector<NodePtr> pop_after(std::size_t open) {
    std::size_t k = nodes.size();
    while (k > 0 && nodes[k - 1]->offset > open) --k;
    std::vector<NodePtr> out;
    for (std::size_t i = k; i < nodes.size(); ++i) out.push_back(std::move(nodes[i]));
    nodes.resize(k);
    return out;
  }
};

struct state_tag;

template <typename Ctx>
ParseState& state(Ctx const& ctx) {
  return x3::get<state_tag>(ctx).get();
}

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view kKeywords[] = {"and", "or", "not", "in", "lt", "le", "gt", "ge", "eq",
                                          "ne", "true", "false", "null", "if", "then", "else"};

bool is_keyword(std::string_view w) {
  for (auto k : kKeywords)
    if (k == w) return true;
  return false;
}

// Matches `word` as a whole word (not a prefix of an identifier: `order`
// is a name, not `or` + `der`).
bool match_word(It first, It last, std::string_view word) {
  auto n = static_cast<std::ptrdiff_t>(word.size());
  if (last - first < n || std::string_view(first, word.size()) != word) return false;
  return first + n == last || !is_ident_char(first[n]);
}

// ---- token parsers ---------------------------------------------------------

template <typename Derived>
struct token_parser : x3::parser<Derived> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
};

// A fixed set of operator spellings; pushes an OpTok on success.
struct OpSpelling {
  std::string_view text;
  Op op;
};

struct op_parser : token_parser<op_parser> {
  const OpSpelling* table;
  std::size_t count;
  constexpr op_parser(const OpSpelling* t, std::size_t n) : table(t), count(n) {}

  template <typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    for (std::size_t i = 0; i < count; ++i) {
      std::string_view t = table[i].text;
      bool word = is_ident_start(t[0]);
      bool ok = word ? match_word(first, last, t)
                     : (last - first >= static_cast<std::ptrdiff_t>(t.size()) &&
                        std::string_view(first, t.size()) == t);
      // `!` must not be the start of `!=`.
      if (ok && t == "!" && first + 1 != last && first[1] == '=') ok = false;
      if (ok) {
        auto& st = state(ctx);
        st.ops.push_back({table[i].op, st.off(first), t.size()});
        first += t.size();
        return true;
      }
    }
    return false;
  }
};

// Longer spellings first.
constexpr OpSpelling kOr[] = {{"||", Op::Or}, {"or", Op::Or}};
constexpr OpSpelling kAnd[] = {{"&&", Op::And}, {"and", Op::And}};
constexpr OpSpelling kNot[] = {{"!", Op::Not}, {"not", Op::Not}};
constexpr OpSpelling kCmp[] = {{"==", Op::Eq}, {"!=", Op::Ne}, {"<=", Op::Le}, {">=", Op::Ge},
                               {"<", Op::Lt},  {">", Op::Gt},  {"eq", Op::Eq}, {"ne", Op::Ne},
                               {"lt", Op::Lt}, {"le", Op::Le}, {"gt", Op::Gt}, {"ge", Op::Ge},
                               {"in", Op::In}};
constexpr OpSpelling kAdd[] = {{"+", Op::Add}, {"-", Op::Sub}};
constexpr OpSpelling kMul[] = {{"*", Op::Mul}, {"/", Op::Div}, {"%", Op::Mod}};
constexpr OpSpelling kNeg[] = {{"-", Op::Neg}};

op_parser const or_op{kOr, std::size(kOr)};
op_parser const and_op{kAnd, std::size(kAnd)};
op_parser const not_op{kNot, std::size(kNot)};
op_parser const cmp_op{kCmp, std::size(kCmp)};
op_parser const add_op{kAdd, std::size(kAdd)};
op_parser const mul_op{kMul, std::size(kMul)};
op_parser const neg_op{kNeg, std::size(kNeg)};

// A keyword that only structures the syntax (if/then/else).
struct keyword_parser : token_parser<keyword_parser> {
  std::string_view word;
  constexpr explicit keyword_parser(std::string_view w) : word(w) {}
  template <typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    if (!match_word(first, last, word)) return false;
    first += word.size();
    return true;
  }
};

NodePtr literal_node(std::size_t offset, std::size_t length, Value v) {
  auto n = std::make_unique<Node>();
  n->kind = Kind::Literal;
  n->offset = offset;
  n->length = length;
  n->literal = std::move(v);
  return n;
}

// 12, 0.55, 1e3, 2.5E-2 (the sign is a separate unary minus).
struct number_parser : token_parser<number_parser> {
  template <typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    if (first == last || !is_digit(*first)) return false;
    It p = first;
    while (p != last && is_digit(*p)) ++p;
    if (p != last && *p == '.' && p + 1 != last && is_digit(p[1])) {
      ++p;
      while (p != last && is_digit(*p)) ++p;
    }
    if (p != last && (*p == 'e' || *p == 'E')) {
      It q = p + 1;
      if (q != last && (*q == '+' || *q == '-')) ++q;
      if (q != last && is_digit(*q)) {
        while (q != last && is_digit(*q)) ++q;
        p = q;
      }
    }
    auto& st = state(ctx);
    if (p != last && is_ident_char(*p)) {
      It q = p;
      while (q != last && (is_ident_char(*q) || *q == '.')) ++q;
      throw ParseError{first, static_cast<std::size_t>(q - first),
                       "invalid number '" + std::string(first, q) + "'"};
    }
    auto d = Decimal::parse(std::string_view(first, static_cast<std::size_t>(p - first)));
    if (!d)
      throw ParseError{first, static_cast<std::size_t>(p - first),
                       "number '" + std::string(first, p) + "' is out of range"};
    st.nodes.push_back(literal_node(st.off(first), static_cast<std::size_t>(p - first), Value::number(*d)));
    first = p;
    return true;
  }
};

// 'text' or "text"; backslash escapes \' \" \\ \n \t.
struct string_parser : token_parser<string_parser> {
  template <typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    if (first == last || (*first != '\'' && *first != '"')) return false;
    char quote = *first;
    std::string text;
    It p = first + 1;
    for (;;) {
      if (p == last) throw ParseError{first, 1, "unterminated string literal"};
      char c = *p++;
      if (c == quote) break;
      if (c == '\\') {
        if (p == last) throw ParseError{first, 1, "unterminated string literal"};
        char e = *p++;
        switch (e) {
          case 'n': text += '\n'; break;
          case 't': text += '\t'; break;
          case '\\': case '\'': case '"': text += e; break;
          default:
            throw ParseError{p - 2, 2, std::string("unknown escape '\\") + e + "' (use \\\\, \\', \\\", \\n or \\t)"};
        }
        continue;
      }
      text += c;
    }
    auto& st = state(ctx);
    auto n = literal_node(st.off(first), static_cast<std::size_t>(p - first), Value::string(std::move(text)));
    n->string_literal = true;
    st.nodes.push_back(std::move(n));
    first = p;
    return true;
  }
};

// true / false / null
struct constant_parser : token_parser<constant_parser> {
  template <typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    Value v;
    std::size_t n;
    if (match_word(first, last, "true")) {
      v = Value::boolean(true), n = 4;
    } else if (match_word(first, last, "false")) {
      v = Value::boolean(false), n = 5;
    } else if (match_word(first, last, "null")) {
      n = 4;
    } else {
      return false;
    }
    auto& st = state(ctx);
    st.nodes.push_back(literal_node(st.off(first), n, std::move(v)));
    first += n;
    return true;
  }
};

// Possibly dotted identifier (score.total); one name, looked up whole.
struct name_parser : token_parser<name_parser> {
  template <typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    if (first == last || !is_ident_start(*first)) return false;
    It p = first;
    while (p != last && is_ident_char(*p)) ++p;
    if (is_keyword(std::string_view(first, static_cast<std::size_t>(p - first)))) return false;
    while (p != last && *p == '.' && p + 1 != last && is_ident_start(p[1])) {
      p += 2;
      while (p != last && is_ident_char(*p)) ++p;
    }
    auto& st = state(ctx);
    auto n = std::make_unique<Node>();
    n->kind = Kind::Name;
    n->offset = st.off(first);
    n->length = static_cast<std::size_t>(p - first);
    n->name.assign(first, p);
    st.nodes.push_back(std::move(n));
    first = p;
    return true;
  }
};

// ---- directives --------------------------------------------------------------

[[noreturn]] void too_deep(ParseState& st, It where) {
  throw ParseError{where, 1,
                   "expression nested too deeply (more than " + std::to_string(st.max_depth) + " levels)"};
}

// Counts one level of nesting around its subject.
template <typename Subject>
struct guard_parser : x3::unary_parser<Subject, guard_parser<Subject>> {
  using base = x3::unary_parser<Subject, guard_parser<Subject>>;
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  constexpr explicit guard_parser(Subject const& s) : base(s) {}

  template <typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It last, Ctx const& ctx, RCtx& rctx, Attr&) const {
    auto& st = state(ctx);
    x3::skip_over(first, last, ctx);
    if (st.depth + 1 > st.max_depth) too_deep(st, first);
    ++st.depth;
    struct Leave {
      ParseState& s;
      ~Leave() { --s.depth; }
    } leave{st};
    return this->subject.parse(first, last, ctx, rctx, x3::unused);
  }
};

template <typename Subject>
constexpr guard_parser<Subject> guard(Subject const& s) {
  return guard_parser<Subject>(s);
}

// Zero or more prefix operators, then the subject; applied innermost first.
// Iterative (not recursive), and each operator counts as one nesting level.
template <typename Subject>
struct prefix_parser : x3::unary_parser<Subject, prefix_parser<Subject>> {
  using base = x3::unary_parser<Subject, prefix_parser<Subject>>;
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  op_parser op;
  constexpr prefix_parser(op_parser const& o, Subject const& s) : base(s), op(o) {}

  template <typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It last, Ctx const& ctx, RCtx& rctx, Attr&) const {
    auto& st = state(ctx);
    const std::size_t mark = st.ops.size();
    while (op.parse(first, last, ctx, rctx, x3::unused)) {
      if (st.depth + (st.ops.size() - mark) > st.max_depth) too_deep(st, first);
    }
    if (!this->subject.parse(first, last, ctx, rctx, x3::unused)) {
      if (st.ops.size() == mark) return false;
      x3::skip_over(first, last, ctx);
      throw ParseError{first, 0, "expected operand"};  // length fixed up by the caller
    }
    while (st.ops.size() > mark) {
      OpTok t = st.ops.back();
      st.ops.pop_back();
      NodePtr operand = st.pop();
      std::size_t end = operand->end();
      // Fold `-3` into a negative literal: simpler trees, nicer messages.
      if (t.op == Op::Neg && operand->kind == Kind::Literal && operand->literal.type() == Type::Number) {
        operand->literal = Value::number(-operand->literal.as_number());
        operand->offset = t.offset;
        operand->length = end - t.offset;
        st.nodes.push_back(std::move(operand));
        continue;
      }
      auto n = std::make_unique<Node>();
      n->kind = Kind::Unary;
      n->op = t.op;
      n->op_offset = t.offset;
      n->op_length = t.length;
      n->offset = t.offset;
      n->length = end - t.offset;
      n->children.push_back(std::move(operand));
      st.nodes.push_back(std::move(n));
    }
    return true;
  }
};

template <typename Subject>
constexpr prefix_parser<Subject> prefix(op_parser const& op, Subject const& s) {
  return prefix_parser<Subject>(op, s);
}

// ---- semantic actions --------------------------------------------------------

auto const make_binary = [](auto& ctx) { state(ctx).binary(); };

auto const make_ternary = [](auto& ctx) {
  auto& st = state(ctx);
  std::size_t start = st.nodes[st.nodes.size() - 3]->offset;
  st.conditional(start, st.nodes.back()->end());
};

auto const make_if = [](auto& ctx) {
  auto& st = state(ctx);
  auto r = x3::_attr(ctx);
  st.conditional(st.off(r.begin()), st.off(r.end()));
};

auto const chain_error = [](auto& ctx) {
  auto& st = state(ctx);
  OpTok t = st.ops.back();
  throw ParseError{st.begin + t.offset, t.length,
                   "comparisons cannot be chained; combine them with 'and' (e.g. a lt b and b lt c)"};
};

auto const make_list = [](auto& ctx) {
  auto& st = state(ctx);
  auto r = x3::_attr(ctx);
  auto n = std::make_unique<Node>();
  n->kind = Kind::List;
  n->offset = st.off(r.begin());
  n->length = static_cast<std::size_t>(r.end() - r.begin());
  n->children = st.pop_after(n->offset);
  st.nodes.push_back(std::move(n));
};

auto const make_call = [](auto& ctx) {
  auto& st = state(ctx);
  auto r = x3::_attr(ctx);
  auto args = st.pop_after(st.off(r.begin()));
  Node& callee = *st.nodes.back();
  callee.kind = Kind::Call;
  callee.length = st.off(r.end()) - callee.offset;
  callee.children = std::move(args);
};

// ---- grammar -------------------------------------------------------------------

keyword_parser const if_kw{"if"};
keyword_parser const then_kw_p{"then"};
keyword_parser const else_kw_p{"else"};
number_parser const number{};
string_parser const string_lit{};
constant_parser const constant{};
name_parser const name{};

// Named rules give readable "expected ..." messages.
x3::rule<class expression_id> const expression = "expression";
x3::rule<class if_expr_id> const if_expr = "if expression";
x3::rule<class ternary_id> const ternary = "expression";
x3::rule<class or_id> const or_expr = "expression";
x3::rule<class and_id> const and_expr = "expression";
x3::rule<class not_id> const not_expr = "expression";
x3::rule<class cmp_id> const cmp_expr = "expression";
x3::rule<class add_id> const add_expr = "operand";
x3::rule<class mul_id> const mul_expr = "operand";
x3::rule<class unary_id> const unary_expr = "operand";
x3::rule<class primary_id> const primary = "operand";
x3::rule<class list_id> const list_expr = "list";
x3::rule<class call_id> const name_or_call = "name";
x3::rule<class rparen_id> const rparen = "')'";
x3::rule<class rbracket_id> const rbracket = "']'";
x3::rule<class colon_id> const colon = "':'";
x3::rule<class then_id> const then_kw = "'then'";
x3::rule<class else_id> const else_kw = "'else'";

auto const rparen_def = x3::lit(')');
auto const rbracket_def = x3::lit(']');
auto const colon_def = x3::lit(':');
auto const then_kw_def = then_kw_p;
auto const else_kw_def = else_kw_p;

auto const expression_def = guard(if_expr | ternary);
auto const if_expr_def =
    x3::raw[if_kw > expression > then_kw > expression > else_kw > expression][make_if];
auto const ternary_def = or_expr >> -((x3::lit('?') > expression > colon > expression)[make_ternary]);
auto const or_expr_def = and_expr >> *((or_op > and_expr)[make_binary]);
auto const and_expr_def = not_expr >> *((and_op > not_expr)[make_binary]);
auto const not_expr_def = prefix(not_op, cmp_expr);
auto const cmp_expr_def = add_expr >> -((cmp_op > add_expr)[make_binary] >> -(cmp_op[chain_error]));
auto const add_expr_def = mul_expr >> *((add_op > mul_expr)[make_binary]);
auto const mul_expr_def = unary_expr >> *((mul_op > unary_expr)[make_binary]);
auto const unary_expr_def = prefix(neg_op, primary);
auto const list_expr_def = x3::raw[x3::lit('[') > -(expression % ',') > rbracket][make_list];
auto const name_or_call_def = name >> -(x3::raw[x3::lit('(') > -(expression % ',') > rparen][make_call]);
auto const primary_def =
    number | string_lit | constant | list_expr | name_or_call | (x3::lit('(') > expression > rparen);

BOOST_SPIRIT_DEFINE(expression, if_expr, ternary, or_expr, and_expr, not_expr, cmp_expr, add_expr,
                    mul_expr, unary_expr, primary, list_expr, name_or_call, rparen, rbracket, colon,
                    then_kw, else_kw)

auto const skipper = x3::lit(' ') | x3::lit('\t') | x3::lit('\r') | x3::lit('\n');

void skip_spaces(It& p, It last) {
  while (p != last && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) ++p;
}

// ---- error helpers ---------------------------------------------------------------

// Extent of the token starting at `p`, for "unexpected 'x'" messages.
std::size_t token_length(It p, It last) {
  if (p == last) return 0;
  unsigned char c = static_cast<unsigned char>(*p);
  It q = p;
  if (is_ident_char(*p)) {
    while (q != last && (is_ident_char(*q) || *q == '.')) ++q;
  } else if (c >= 0x80) {
    std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    q = p + std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(n), last - p);
  } else {
    static constexpr std::string_view two[] = {"==", "!=", "<=", ">=", "&&", "||"};
    for (auto t : two)
      if (last - p >= 2 && std::string_view(p, 2) == t) return 2;
    q = p + 1;
  }
  return static_cast<std::size_t>(q - p);
}

std::string unexpected(It p, It last) {
  std::size_t n = token_length(p, last);
  std::string tok(p, n);
  std::string msg = "unexpected '" + tok + "'";
  if (tok == "=") msg += "; use '==' or 'eq' to compare";
  else if (tok == "&") msg += "; use '&&' or 'and'";
  else if (tok == "|") msg += "; use '||' or 'or'";
  return msg;
}

}  // namespace

ParseResult parse(std::string_view text, const Limits& limits) {
  ParseResult result;
  auto fail = [&](std::size_t off, std::size_t len, std::string msg) {
    result.root.reset();
    result.error = Diagnostic{off, len, std::move(msg)};
    return std::move(result);
  };
  if (text.size() > limits.max_length)
    return fail(limits.max_length, text.size() - limits.max_length,
                "expression too long (" + std::to_string(text.size()) + " bytes; the limit is " +
                    std::to_string(limits.max_length) + ")");

  ParseState st{text.data(), text.data() + text.size(), limits.max_depth, 0, {}, {}};
  It first = st.begin, last = st.end;
  auto off = [&](It p) { return static_cast<std::size_t>(p - st.begin); };
  try {
    bool ok = x3::phrase_parse(first, last, x3::with<state_tag>(std::ref(st))[expression], skipper);
    skip_spaces(first, last);
    if (!ok) {
      if (first == last) return fail(off(first), 0, "expected expression");
      return fail(off(first), token_length(first, last), unexpected(first, last));
    }
    if (first != last) return fail(off(first), token_length(first, last), unexpected(first, last));
  } catch (const x3::expectation_failure<It>& e) {
    It w = e.where();
    skip_spaces(w, last);
    std::string msg = "expected " + e.which();
    if (w == last) return fail(off(w), 0, msg + " at end of expression");
    return fail(off(w), token_length(w, last), msg + ", found '" + std::string(w, token_length(w, last)) + "'");
  } catch (const ParseError& e) {
    if (e.message == "expected operand") {
      if (e.where == last) return fail(off(e.where), 0, "expected operand at end of expression");
      std::size_t n = token_length(e.where, last);
      return fail(off(e.where), n, "expected operand, found '" + std::string(e.where, n) + "'");
    }
    return fail(off(e.where), e.length, e.message);
  }
  if (st.nodes.size() != 1) return fail(0, text.size(), "internal parser error");
  result.root = std::move(st.nodes.back());
  if (ast::height(*result.root) > limits.max_nodes_height)
    return fail(0, text.size(),
                "expression too complex (syntax tree deeper than " + std::to_string(limits.max_nodes_height) +
                    " levels)");
  return result;
}

}  // namespace zice::expr
