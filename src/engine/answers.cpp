// Answer binding and validation: JSON answers → typed slot values, with a
// problem per question for everything that is wrong. Never throws for bad
// input; an answer with a fatal problem is treated as unanswered.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "engine/json_convert.hpp"
#include "engine/session.hpp"
#include "util/text_width.hpp"

namespace zice::detail {

namespace json = boost::json;
using expr::Decimal;
using expr::Value;

namespace {

std::string today_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

const char* json_kind(const json::value& v, bool zh) {
  switch (v.kind()) {
    case json::kind::bool_: return zh ? "布尔值" : "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return zh ? "数字" : "a number";
    case json::kind::string: return zh ? "字符串" : "a string";
    case json::kind::array: return zh ? "数组" : "an array";
    case json::kind::object: return zh ? "对象" : "an object";
    case json::kind::null: return "null";
  }
  return "?";
}

std::optional<Decimal> json_number(const json::value& v) {
  if (v.is_int64()) return Decimal::from_int(v.get_int64());
  if (v.is_uint64()) {
    if (v.get_uint64() > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return Decimal::from_int(static_cast<std::int64_t>(v.get_uint64()));
  }
  if (v.is_double()) return Decimal::try_from_double(v.get_double());
  return std::nullopt;
}

/// Option value of a choice answer; integers are accepted when an option has
/// that text as its value (choice scales such as "1".."5"). An integer's
/// digits are written to `digits`, which the result may point into.
std::optional<std::string_view> option_text(const json::value& v, char (&digits)[24]) {
  if (v.is_string()) return std::string_view(v.get_string());
  std::to_chars_result r{};
  if (v.is_int64())
    r = std::to_chars(digits, digits + sizeof digits, v.get_int64());
  else if (v.is_uint64())
    r = std::to_chars(digits, digits + sizeof digits, v.get_uint64());
  else
    return std::nullopt;
  return std::string_view(digits, static_cast<std::size_t>(r.ptr - digits));
}

std::string options_list(const Question& q) {
  std::string s;
  for (std::size_t i = 0; i < q.options.size() && i < 12; ++i) s += (i ? ", " : "") + q.options[i].value;
  if (q.options.size() > 12) s += ", …";
  return s;
}

/// Converts one answer; returns null and records a problem when it is unusable.
Value convert(Session& s, const Question& q, const json::value& v) {
  const std::string& id = q.id;
  auto wrong = [&](const char* zh_want, const char* en_want) {
    s.problem(id, "wrong_type",
              s.zh ? fmt::format("应为{}，实际为{}", zh_want, json_kind(v, true))
                   : fmt::format("expected {}, got {}", en_want, json_kind(v, false)));
    return Value();
  };
  switch (q.type) {
    case QuestionType::boolean:
      if (!v.is_bool()) return wrong("布尔值（true/false）", "a boolean (true/false)");
      return Value::boolean(v.get_bool());
    case QuestionType::integer:
    case QuestionType::number: {
      if (!v.is_number()) return wrong("数字", "a number");
      auto d = json_number(v);
      if (!d) {
        s.problem(id, "out_of_range", s.tr("数值无法表示", "the number cannot be represented"));
        return Value();
      }
      if (q.type == QuestionType::integer && !d->is_integer()) {
        s.problem(id, "not_integer",
                  s.zh ? fmt::format("应为整数，实际为 {}", d->to_string()) : fmt::format("expected a whole number, got {}", d->to_string()));
        return Value();
      }
      if ((q.min && *d < *q.min) || (q.max && *d > *q.max)) {
        std::string range = fmt::format("[{}, {}]", q.min ? q.min->to_string() : "-∞", q.max ? q.max->to_string() : "∞");
        s.problem(id, "out_of_range",
                  s.zh ? fmt::format("{} 超出允许范围 {}{}", d->to_string(), range, q.unit)
                       : fmt::format("{} is outside the allowed range {}{}", d->to_string(), range, q.unit.empty() ? "" : " " + q.unit));
        return Value();
      }
      return Value::number(*d);
    }
    case QuestionType::text: {
      if (!v.is_string()) return wrong("文本", "text");
      std::string t(v.get_string());
      if (q.max_length) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < t.size();) util::next_code_point(t, i), ++n;
        if (n > static_cast<std::size_t>(*q.max_length)) {
          s.problem(id, "too_long",
                    s.zh ? fmt::format("文本长度 {} 超过上限 {}", n, *q.max_length)
                         : fmt::format("text of {} characters exceeds the limit of {}", n, *q.max_length));
          return Value();
        }
      }
      return Value::string(std::move(t));
    }
    case QuestionType::date: {
      if (!v.is_string()) return wrong("日期字符串（YYYY-MM-DD）", "a date string (YYYY-MM-DD)");
      auto days = expr::parse_iso_date(std::string_view(v.get_string()));
      if (!days) {
        s.problem(id, "invalid_date",
                  s.zh ? fmt::format("'{}' 不是有效日期（YYYY-MM-DD）", std::string_view(v.get_string()))
                       : fmt::format("'{}' is not a valid date (YYYY-MM-DD)", std::string_view(v.get_string())));
        return Value();
      }
      return Value::date(*days);
    }
    case QuestionType::choice: {
      char digits[24];
      auto t = option_text(v, digits);
      if (!t) return wrong("选项值（字符串）", "an option value (string)");
      const Option* o = q.find_option(*t);
      if (!o) {
        s.problem(id, "unknown_option",
                  s.zh ? fmt::format("'{}' 不是该问题的选项（可选：{}）", *t, options_list(q))
                       : fmt::format("'{}' is not an option of this question (options: {})", *t, options_list(q)));
        return Value();
      }
      return Value::string_ref(o->value);  // the model's text: no copy
    }
    case QuestionType::multi_choice: {
      if (!v.is_array()) return wrong("选项值数组", "an array of option values");
      std::vector<const Option*> seen;  // the options chosen, in the order given
      bool bad = false, exclusive = false;
      for (const json::value& e : v.get_array()) {
        char digits[24];
        auto t = option_text(e, digits);
        const Option* o = t ? q.find_option(*t) : nullptr;
        if (!t) {
          s.problem(id, "wrong_type", s.zh ? fmt::format("数组元素应为选项值，实际为{}", json_kind(e, true))
                                           : fmt::format("array elements must be option values, got {}", json_kind(e, false)));
          bad = true;
        } else if (!o) {
          s.problem(id, "unknown_option",
                    s.zh ? fmt::format("'{}' 不是该问题的选项（可选：{}）", *t, options_list(q))
                         : fmt::format("'{}' is not an option of this question (options: {})", *t, options_list(q)));
          bad = true;
        } else if (std::find(seen.begin(), seen.end(), o) != seen.end()) {
          s.problem(id, "duplicate_option", s.zh ? fmt::format("选项 '{}' 重复", *t) : fmt::format("option '{}' is listed twice", *t));
          bad = true;
        } else {
          exclusive |= o->exclusive;
          seen.push_back(o);
        }
      }
      if (bad) return Value();
      if (exclusive && seen.size() > 1) {
        s.problem(id, "exclusive_option", s.tr("互斥选项（如“以上都没有”）不能与其他选项同时选择",
                                               "an exclusive option (such as 'none of the above') cannot be combined with others"));
        return Value();
      }
      auto n = static_cast<int>(seen.size());
      if ((q.min_selected && n < *q.min_selected) || (q.max_selected && n > *q.max_selected)) {
        s.problem(id, "selection_count",
                  s.zh ? fmt::format("选择了 {} 项，应为 {}–{} 项", n, q.min_selected.value_or(0),
                                     q.max_selected ? std::to_string(*q.max_selected) : "不限")
                       : fmt::format("{} options chosen; allowed {}–{}", n, q.min_selected.value_or(0),
                                     q.max_selected ? std::to_string(*q.max_selected) : "any"));
        return Value();
      }
      // Canonical order (the question's option order) keeps results deterministic.
      std::vector<Value> ordered;
      ordered.reserve(seen.size());
      for (const Option& o : q.options)
        if (std::find(seen.begin(), seen.end(), &o) != seen.end()) ordered.push_back(Value::string_ref(o.value));
      return Value::list(std::move(ordered));
    }
  }
  return Value();
}

}  // namespace

Session::Session(const Model& model, const AssessOptions& o)
    : m(model), lang(o.lang.empty() ? model.default_lang : o.lang), slots(model.slot_count()) {
  zh = lang.rfind("zh", 0) == 0;
  answers.resize(m.questions.size());
  given.assign(m.questions.size(), 0);
  invalid.assign(m.questions.size(), 0);
  applicable.assign(m.questions.size(), 0);
  std::string date = o.date.empty() ? today_utc() : o.date;
  auto days = expr::parse_iso_date(date);
  if (!days) {
    date_ok = false;
    problem("", "invalid_date",
            zh ? fmt::format("评估日期 '{}' 无效（YYYY-MM-DD）", date) : fmt::format("assessment date '{}' is not YYYY-MM-DD", date));
  } else if (m.date_slot != kNoSlot) {
    slots[m.date_slot] = Value::date(*days);
  }
}

void bind_answers(Session& s, const json::value& answers) {
  if (!answers.is_object()) {
    s.problem("", "invalid_json", s.tr("答案必须是以问题编号为键的 JSON 对象", "answers must be a JSON object keyed by question id"));
    return;
  }
  // Answer documents usually list the questions in questionnaire order: the
  // question after the previous answer's is tried first, which reads the
  // packed id table in sequence instead of probing the hash index (whose
  // nodes lie all over the model's memory) once per answer.
  const std::vector<Question>& questions = s.m.questions;
  std::size_t next = 0;
  for (const auto& kv : answers.get_object()) {
    std::string_view key = kv.key();
    std::size_t index;
    if (next < questions.size() && s.m.question_id(next) == key) {
      index = next;
    } else {
      auto it = s.m.question_index.find(key);
      if (it == s.m.question_index.end()) {
        s.problem(std::string(key), "unknown_question", s.zh ? fmt::format("未知的问题编号 '{}'", key) : fmt::format("unknown question '{}'", key));
        continue;
      }
      index = static_cast<std::size_t>(it->second);
    }
    next = index + 1;
    if (kv.value().is_null()) continue;
    s.given[index] = 1;
    std::size_t before = s.problems.size();
    s.answers[index] = convert(s, questions[index], kv.value());
    if (s.problems.size() != before) s.invalid[index] = 1;
  }
}

void evaluate_questionnaire(Session& s) {
  const Model& m = s.m;
  // Section applicability, computed on first use (-1 = not yet), outermost
  // section first: a section's condition is evaluated only when its parent
  // applies. Recursion is as deep as sections are nested.
  std::vector<signed char> section_state(m.sections.size(), -1);
  auto section_applies = [&](auto& self, int sec) -> bool {
    if (sec < 0) return true;
    const Section& section = m.sections[static_cast<std::size_t>(sec)];
    signed char& st = section_state[static_cast<std::size_t>(sec)];
    if (st < 0) st = self(self, section.parent) && is_true(s.cond(section.when)) ? 1 : 0;
    return st == 1;
  };
  for (const EvalStep& step : m.steps) {
    if (!step.is_question) {
      const Derived& d = m.derived[step.index];
      if (d.slot != kNoSlot) s.slots[d.slot] = s.eval(d.expr);
      continue;
    }
    const Question& q = m.questions[step.index];
    // A condition that is null (its inputs unanswered) means "not asked yet".
    bool applies = section_applies(section_applies, q.section) && is_true(s.cond(q.when));
    s.applicable[step.index] = applies;
    if (q.slot != kNoSlot) s.slots[q.slot] = applies ? s.answers[step.index] : Value();
  }
  for (std::size_t i = 0; i < m.questions.size(); ++i) {
    const Question& q = m.questions[i];
    if (!s.applicable[i]) {
      if (s.given[i])
        s.problem(q.id, "not_applicable", s.tr("该问题不适用，答案已忽略", "the question does not apply; the answer was ignored"), false);
      continue;
    }
    if (s.answers[i].is_null()) {
      if (q.required && !s.invalid[i])
        s.problem(q.id, "missing_required", s.tr("必答问题未作答", "a required question is unanswered"));
      continue;
    }
    for (const Constraint& c : q.constraints) {
      expr::Value ok = s.eval(c.test);
      if (is_false(ok)) s.problem(q.id, "constraint_failed", c.message.str(s.lang, m.default_lang));
    }
  }
}

// --- message texts ------------------------------------------------------------------

std::string render_template(Session& s, const Template& t) {
  std::string out;
  for (const Template::Piece& p : t.pieces) {
    if (!p.expr) {
      out += p.literal;
      continue;
    }
    Value v = p.expr->evaluate(s.slots, s.ctx);
    switch (v.type()) {
      case expr::Type::Null: out += "—"; break;
      case expr::Type::Bool: out += v.as_bool() ? s.tr("是", "yes") : s.tr("否", "no"); break;
      case expr::Type::Number: out += v.as_number().to_string(2); break;
      case expr::Type::String: out += v.as_string(); break;
      case expr::Type::Date: out += expr::format_iso_date(v.as_date()); break;
      case expr::Type::List: {
        bool first = true;
        for (const Value& x : v.as_list()) {
          if (!first) out += s.tr("、", ", ");
          first = false;
          out += x.type() == expr::Type::String ? x.as_string() : x.to_display();
        }
        break;
      }
      case expr::Type::Any: break;
    }
  }
  return out;
}

const TextVariant* pick_variant(Session& s, const Variants& v) {
  for (const std::string* want : std::initializer_list<const std::string*>{&s.lang, &s.m.default_lang})
    for (const TextVariant& tv : v)
      if (tv.lang == *want && is_true(s.cond(tv.when))) return &tv;
  for (const TextVariant& tv : v)
    if (is_true(s.cond(tv.when))) return &tv;
  return nullptr;
}

json::value render_variants(Session& s, const Variants& v) {
  const TextVariant* tv = pick_variant(s, v);
  return tv ? json::value(json::string(render_template(s, tv->text))) : json::value();
}

}  // namespace zice::detail
