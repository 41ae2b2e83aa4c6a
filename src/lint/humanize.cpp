// Expressions in plain words; see humanize.hpp.
#include "lint/humanize.hpp"

#include <fmt/format.h>

#include "expr/parser.hpp"
#include "lint/analysis.hpp"

namespace zice::analysis {

using detail::Model;
using detail::QuestionType;
using expr::Type;
using expr::ast::Kind;
using expr::ast::Node;
using expr::ast::Op;

namespace {

constexpr std::size_t kMaxNodes = 40;

std::size_t count_nodes(const Node& n) {
  std::size_t c = 1;
  for (const auto& ch : n.children) c += count_nodes(*ch);
  return c;
}

bool has_conditional(const Node& n) {
  if (n.kind == Kind::Conditional) return true;
  for (const auto& ch : n.children)
    if (has_conditional(*ch)) return true;
  return false;
}

// Precedence, as in docs/expressions.md (higher binds tighter).
int prec(const Node& n) {
  switch (n.kind) {
    case Kind::Conditional: return 1;
    case Kind::Binary:
      switch (n.op) {
        case Op::Or: return 2;
        case Op::And: return 3;
        case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: case Op::In: return 5;
        case Op::Add: case Op::Sub: return 6;
        default: return 7;
      }
    case Kind::Unary: return n.op == Op::Not ? 4 : 8;
    default: return 9;
  }
}

}  // namespace

struct Humanizer::Impl {
  const Model& m;
  const std::string& lang;
  bool zh;
  std::vector<SlotInfo> info = classify_slots(m);

  std::string tr(const char* z, const char* e) const { return zh ? z : e; }
  std::string q(const std::string& s) const { return "“" + s + "”"; }
  std::string local(const detail::LocalText& t) const { return t.str(lang, m.default_lang); }

  const detail::Question* question(const Node& n) const {
    if (n.kind != Kind::Name) return nullptr;
    auto it = m.question_index.find(n.name);
    return it == m.question_index.end() ? nullptr : &m.questions[it->second];
  }
  std::string option_label(const detail::Question* qq, const Node& lit) const {
    if (lit.kind != Kind::Literal || lit.literal.type() != Type::String) return render(lit, 0);
    const std::string& v = lit.literal.as_string();
    if (qq)
      if (const detail::Option* o = qq->find_option(v)) {
        std::string l = local(o->label);
        if (!l.empty()) return q(l);
      }
    return q(v);
  }

  std::string name(std::string_view nm) const {
    std::uint32_t slot = slot_of(m, nm);
    if (slot == detail::kNoSlot || slot >= info.size()) return std::string(nm);
    const SlotInfo& si = info[slot];
    auto titled = [&](const detail::LocalText& t) {
      std::string s = local(t);
      return s.empty() ? std::string(nm) : q(s);
    };
    switch (si.kind) {
      case SlotKind::question: return titled(m.questions[si.index].label);
      case SlotKind::derived: return titled(m.derived[si.index].label);
      case SlotKind::date: return tr("评价日期", "the assessment date");
      case SlotKind::points:
        return zh ? "指标" + titled(m.indicators[si.index].title) + "得分"
                  : "points of " + titled(m.indicators[si.index].title);
      case SlotKind::dim_score:
        return zh ? titled(m.dimensions[si.index].title) + "得分" : "score of " + titled(m.dimensions[si.index].title);
      case SlotKind::dim_max:
        return zh ? titled(m.dimensions[si.index].title) + "满分" : "maximum of " + titled(m.dimensions[si.index].title);
      case SlotKind::dim_percent:
        return zh ? titled(m.dimensions[si.index].title) + "得分率（%）"
                  : "percentage of " + titled(m.dimensions[si.index].title);
      case SlotKind::dim_min_met:
        return zh ? titled(m.dimensions[si.index].title) + "达到最低分"
                  : titled(m.dimensions[si.index].title) + " reaches its minimum";
      case SlotKind::total_score: return tr("总分", "the total score");
      case SlotKind::total_max: return tr("总满分", "the maximum total");
      case SlotKind::total_percent: return tr("总得分率（%）", "the total percentage");
      case SlotKind::minimums_met: return tr("各维度均达到最低分", "every dimension reaches its minimum");
      case SlotKind::gate:
        return zh ? "门槛" + titled(m.gates[si.index].title) + (m.gates[si.index].kind == detail::GateKind::direct ? "满足" : "通过")
                  : "gate " + titled(m.gates[si.index].title) + " holds";
      case SlotKind::gates_mandatory: return tr("基本条件全部满足", "all mandatory gates pass");
      case SlotKind::gates_direct: return tr("满足任一直通条件", "a direct route applies");
      case SlotKind::check:
        return zh ? "检查" + titled(m.checks[si.index].title) + "合规" : "check " + titled(m.checks[si.index].title) + " passes";
      case SlotKind::group_compliance:
        return zh ? titled(m.groups[si.index].title) + "合规率（%）" : "compliance of " + titled(m.groups[si.index].title);
      case SlotKind::findings: {
        static const char* kZh[] = {"严重", "高", "中", "低", "提示"};
        static const char* kEn[] = {"critical", "high", "medium", "low", "info"};
        return zh ? fmt::format("{}级问题数", kZh[si.index]) : fmt::format("the number of {} findings", kEn[si.index]);
      }
      case SlotKind::findings_total: return tr("问题总数", "the number of findings");
      case SlotKind::compliance_percent: return tr("合规率（%）", "the compliance percentage");
      case SlotKind::unknown: break;
    }
    return std::string(nm);
  }

  static bool logical(const Node& n) { return n.kind == Kind::Binary && (n.op == Op::And || n.op == Op::Or); }
  std::string wrap(const Node& child, int parent_prec, const Node* parent = nullptr) const {
    std::string s = render(child, parent_prec);
    // Mixed and/or always get parentheses: readers do not know precedence.
    bool mixed = parent && logical(*parent) && logical(child) && parent->op != child.op;
    if (prec(child) < parent_prec || mixed) return zh ? "（" + s + "）" : "(" + s + ")";
    return s;
  }

  std::string literal(const Node& n) const {
    const expr::Value& v = n.literal;
    switch (v.type()) {
      case Type::Null: return tr("空", "null");
      case Type::Bool: return v.as_bool() ? tr("是", "true") : tr("否", "false");
      case Type::Number: return v.as_number().to_string(6);
      case Type::String: return q(v.as_string());
      default: return v.to_display();
    }
  }

  std::string render(const Node& n, int) const {
    switch (n.kind) {
      case Kind::Literal: return literal(n);
      case Kind::Name: return name(n.name);
      case Kind::List: {
        std::string s;
        for (std::size_t i = 0; i < n.children.size(); ++i) s += (i ? tr("、", ", ") : "") + render(*n.children[i], 0);
        return zh ? "［" + s + "］" : "[" + s + "]";
      }
      case Kind::Unary: {
        const Node& a = *n.children[0];
        if (n.op == Op::Neg) return "−" + wrap(a, 8);
        if (a.kind == Kind::Name) return zh ? render(a, 9) + "为否" : "not " + render(a, 9);
        return tr("并非", "not ") + wrap(a, 5);
      }
      case Kind::Binary: return binary(n);
      case Kind::Call: return call(n);
      case Kind::Conditional:
        return zh ? fmt::format("若{}则{}，否则{}", render(*n.children[0], 0), render(*n.children[1], 0),
                                render(*n.children[2], 0))
                  : fmt::format("if {} then {} else {}", render(*n.children[0], 0), render(*n.children[1], 0),
                                render(*n.children[2], 0));
    }
    return "?";
  }

  std::string binary(const Node& n) const {
    const Node& a = *n.children[0];
    const Node& b = *n.children[1];
    int p = prec(n);
    const detail::Question* qa = question(a);
    const detail::Question* qb = question(b);
    bool choice_a = qa && (qa->type == QuestionType::choice || qa->type == QuestionType::text);
    switch (n.op) {
      case Op::And: return wrap(a, p, &n) + tr(" 且 ", " and ") + wrap(b, p + 1, &n);
      case Op::Or: return wrap(a, p, &n) + tr(" 或 ", " or ") + wrap(b, p + 1, &n);
      case Op::Eq:
      case Op::Ne:
        if (choice_a && b.kind == Kind::Literal) {
          bool eq = n.op == Op::Eq;
          return zh ? render(a, 9) + (eq ? "为" : "不为") + option_label(qa, b)
                    : render(a, 9) + (eq ? " is " : " is not ") + option_label(qa, b);
        }
        if (b.kind == Kind::Literal && b.literal.type() == Type::Bool) {
          bool yes = b.literal.as_bool() == (n.op == Op::Eq);
          return zh ? render(a, 9) + (yes ? "为是" : "为否") : (yes ? "" : "not ") + render(a, 9);
        }
        return wrap(a, p + 1) + (n.op == Op::Eq ? " = " : " ≠ ") + wrap(b, p + 1);
      case Op::Lt: return wrap(a, p + 1) + " < " + wrap(b, p + 1);
      case Op::Le: return wrap(a, p + 1) + " ≤ " + wrap(b, p + 1);
      case Op::Gt: return wrap(a, p + 1) + " > " + wrap(b, p + 1);
      case Op::Ge: return wrap(a, p + 1) + " ≥ " + wrap(b, p + 1);
      case Op::In:
        if (b.kind == Kind::List) {
          std::string alts;
          std::size_t k = b.children.size();
          for (std::size_t i = 0; i < k; ++i)
            alts += (i == 0 ? "" : i + 1 == k ? tr("或", " or ") : tr("、", ", ")) + option_label(qa, *b.children[i]);
          return zh ? render(a, 9) + "为" + alts : render(a, 9) + " is " + alts;
        }
        return contains(b, a, qb);
      case Op::Add: return wrap(a, p) + " + " + wrap(b, p + 1);
      case Op::Sub: return wrap(a, p) + " − " + wrap(b, p + 1);
      case Op::Mul: return wrap(a, p) + " × " + wrap(b, p + 1);
      case Op::Div: return wrap(a, p) + " ÷ " + wrap(b, p + 1);
      case Op::Mod: return wrap(a, p) + tr(" 除以 ", " mod ") + wrap(b, p + 1) + tr(" 的余数", "");
      default: break;
    }
    return "?";
  }

  std::string contains(const Node& list, const Node& item, const detail::Question* ql) const {
    return zh ? render(list, 9) + "包含" + option_label(ql, item) : render(list, 9) + " includes " + option_label(ql, item);
  }

  std::string call(const Node& n) const {
    auto arg = [&](std::size_t i) { return render(*n.children[i], 0); };
    const std::string& f = n.name;
    std::size_t k = n.children.size();
    if (f == "answered" && k == 1) return zh ? arg(0) + "已作答" : arg(0) + " is answered";
    if (f == "count" && k == 1) return zh ? arg(0) + "的选择数" : "the number of " + arg(0);
    if (f == "selected" && k == 2) return contains(*n.children[0], *n.children[1], question(*n.children[0]));
    if (f == "between" && k == 3) return arg(1) + " ≤ " + arg(0) + " ≤ " + arg(2);
    if (f == "date" && k == 1 && n.children[0]->kind == Kind::Literal && n.children[0]->literal.type() == Type::String)
      return n.children[0]->literal.as_string();
    if (f == "days_between" && k == 2)
      return zh ? "从" + arg(0) + "到" + arg(1) + "的天数" : "days from " + arg(0) + " to " + arg(1);
    if (f == "coalesce" && k == 2)
      return zh ? arg(0) + "（未作答时为" + arg(1) + "）" : arg(0) + " (" + arg(1) + " when unanswered)";
    std::string s = f + "(";
    for (std::size_t i = 0; i < k; ++i) s += (i ? ", " : "") + arg(i);
    return s + ")";
  }
};

Humanizer::Humanizer(const Model& m, std::string lang) : m_(m), lang_(std::move(lang)) {
  if (lang_.empty()) lang_ = m.default_lang;
  zh_ = lang_.rfind("zh", 0) == 0;
}

std::optional<std::string> Humanizer::text(std::string_view source) const {
  expr::ParseResult r = expr::parse(source, expr::Limits{});
  if (!r.root || count_nodes(*r.root) > kMaxNodes || has_conditional(*r.root)) return std::nullopt;
  Impl impl{m_, lang_, zh_};
  return impl.render(*r.root, 0);
}

std::string Humanizer::name(std::string_view n) const {
  Impl impl{m_, lang_, zh_};
  return impl.name(n);
}

}  // namespace zice::analysis
