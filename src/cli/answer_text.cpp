#include "cli/answer_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "util/text_width.hpp"
#include "zice/assess.hpp"

namespace zice::cli {
namespace json = boost::json;

namespace {

void collect(const json::array& items, std::vector<const json::object*>& path, std::vector<QuestionRef>& out) {
  for (const json::value& item : items) {
    if (!item.is_object()) continue;
    const json::object& o = item.get_object();
    const json::value* kind = o.if_contains("kind");
    if (kind && kind->is_string() && kind->get_string() == "section") {
      path.push_back(&o);
      if (const json::value* sub = o.if_contains("items"); sub && sub->is_array()) collect(sub->get_array(), path, out);
      path.pop_back();
      continue;
    }
    QuestionRef q;
    q.question = &o;
    q.sections = path;
    if (const json::value* id = o.if_contains("id"); id && id->is_string()) q.id = id->get_string();
    if (const json::value* t = o.if_contains("type"); t && t->is_string()) q.type = t->get_string();
    if (const json::value* r = o.if_contains("required"); r && r->is_bool()) q.required = r->get_bool();
    out.push_back(std::move(q));
  }
}

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Full-width ASCII (U+FF01–FF5E, typed by Chinese input methods) to ASCII,
// the ideographic space to a space and the enumeration comma 、 to a comma.
std::string fold_fullwidth(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    char32_t c = util::next_code_point(s, i);
    if (c >= 0xFF01 && c <= 0xFF5E)
      out += static_cast<char>(c - 0xFEE0);
    else if (c == 0x3000)
      out += ' ';
    else if (c == 0x3001)
      out += ',';
    else
      out.append(s.substr(start, i - start));
  }
  return out;
}

std::vector<std::string> split(std::string_view s, std::string_view separators) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (separators.find(c) != std::string_view::npos) {
      parts.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(trim(cur));
  parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
  return parts;
}

const json::array* options_of(const QuestionRef& q) {
  const json::value* o = q.question ? q.question->if_contains("options") : nullptr;
  return o && o->is_array() ? &o->get_array() : nullptr;
}

std::string str_field(const json::value& o, const char* key) {
  const json::value* v = o.is_object() ? o.get_object().if_contains(key) : nullptr;
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A decimal number as JSON: integers (that fit) as int64, others as double.
std::optional<json::value> parse_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0, frac = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  bool point = i < s.size() && s[i] == '.';
  if (point) {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++frac;
  }
  if (digits + frac == 0) return std::nullopt;
  bool exponent = i < s.size() && (s[i] == 'e' || s[i] == 'E');
  if (exponent) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t e = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++e;
    if (e == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  std::string text(s[0] == '+' ? s.substr(1) : s);
  if (!point && !exponent) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size()) return json::value(n);
  }
  char* end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  return json::value(d);
}

std::optional<bool> parse_boolean(const std::string& t) {
  static const char* yes[] = {"y", "yes", "true", "t", "1", "是", "对", "有"};
  static const char* no[] = {"n", "no", "false", "f", "0", "否", "不", "无", "没有"};
  std::string l = lower_ascii(t);
  for (const char* w : yes)
    if (l == w) return true;
  for (const char* w : no)
    if (l == w) return false;
  return std::nullopt;
}

// "2016/5/18", "2016.5.18" and "2016年5月18日" become "2016-05-18"; anything
// else is returned unchanged for the engine to judge.
std::string normalise_date(const std::string& t) {
  std::string s;
  for (std::size_t i = 0; i < t.size();) {
    std::size_t start = i;
    char32_t c = util::next_code_point(t, i);
    if (c == U'年' || c == U'月' || c == '/' || c == '.')
      s += '-';
    else if (c != U'日')
      s.append(t.substr(start, i - start));
  }
  std::vector<std::string> parts = split(s, "-");
  if (parts.size() != 3 || parts[0].size() != 4 || !is_digits(parts[0]) || !is_digits(parts[1]) ||
      !is_digits(parts[2]) || parts[1].size() > 2 || parts[2].size() > 2)
    return t;
  return fmt::format("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2]);
}

}  // namespace

std::string trim(std::string_view s) {
  auto space_at_start = [&](std::size_t i) -> std::size_t {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') return 1;
    if (s.substr(i, 3) == "\xE3\x80\x80") return 3;  // U+3000
    return 0;
  };
  std::size_t b = 0;
  while (b < s.size()) {
    std::size_t n = space_at_start(b);
    if (!n) break;
    b += n;
  }
  std::size_t e = s.size();
  while (e > b) {
    if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n') {
      --e;
    } else if (e - b >= 3 && s.substr(e - 3, 3) == "\xE3\x80\x80") {
      e -= 3;
    } else {
      break;
    }
  }
  return std::string(s.substr(b, e - b));
}

std::vector<QuestionRef> flatten_questionnaire(const json::value& questionnaire) {
  std::vector<QuestionRef> out;
  std::vector<const json::object*> path;
  if (questionnaire.is_object())
    if (const json::value* items = questionnaire.get_object().if_contains("items"); items && items->is_array())
      collect(items->get_array(), path, out);
  return out;
}

std::vector<std::string> option_keys(const QuestionRef& q) {
  std::vector<std::string> keys;
  const json::array* opts = options_of(q);
  if (!opts) return keys;
  bool numeric = std::any_of(opts->begin(), opts->end(), [](const json::value& o) { return is_digits(str_field(o, "value")); });
  for (std::size_t i = 0; i < opts->size(); ++i)
    keys.push_back(numeric ? str_field((*opts)[i], "value") : std::to_string(i + 1));
  return keys;
}

std::optional<json::value> parse_answer_text(const QuestionRef& q, std::string_view raw, AnswerSyntax syntax, bool zh,
                                             std::string& error) {
  bool prompt = syntax == AnswerSyntax::prompt;
  std::string text = trim(raw);
  if (q.type == "text") return json::value(json::string(text));
  if (prompt) text = trim(fold_fullwidth(text));

  if (q.type == "boolean") {
    if (auto b = parse_boolean(text)) return json::value(*b);
    error = zh ? "请回答 是/否（y/n）" : "answer yes or no (y/n)";
    return std::nullopt;
  }
  if (q.type == "integer" || q.type == "number") {
    std::string t = text;
    // "150万元" or "150 万元": the question's own unit may be typed along.
    if (prompt) {
      std::string unit = q.question ? str_field(*q.question, "unit") : "";
      if (!unit.empty() && t.size() > unit.size() && t.compare(t.size() - unit.size(), unit.size(), unit) == 0)
        t = trim(t.substr(0, t.size() - unit.size()));
    }
    auto n = parse_number(t);
    if (!n) {
      error = q.type == "integer" ? (zh ? "请输入整数" : "enter a whole number") : (zh ? "请输入数字" : "enter a number");
      return std::nullopt;
    }
    if (q.type == "integer" && n->is_double()) {
      double d = n->get_double();
      if (d != static_cast<double>(static_cast<std::int64_t>(d))) {
        error = zh ? "请输入整数" : "enter a whole number";
        return std::nullopt;
      }
    }
    return n;
  }
  if (q.type == "date") return json::value(json::string(prompt ? normalise_date(text) : text));

  const json::array* opts = options_of(q);
  std::vector<std::string> keys = option_keys(q);
  // One token to an option value: its menu key at the prompt, else the value.
  auto resolve = [&](const std::string& token) -> std::optional<std::string> {
    if (opts)
      for (std::size_t i = 0; i < opts->size(); ++i)
        if (str_field((*opts)[i], "value") == token) return token;
    if (prompt && opts)
      for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == token) return str_field((*opts)[i], "value");
    if (prompt) return std::nullopt;
    return token;  // CSV: the engine reports an unknown option
  };
  auto unknown = [&](const std::string& token) {
    std::string range = keys.empty() ? "" : keys.front() + "–" + keys.back();
    error = zh ? fmt::format("'{}' 不是选项；请输入编号 {} 或选项值", token, range)
               : fmt::format("'{}' is not an option; enter a number {} or an option value", token, range);
  };
  if (q.type == "choice") {
    auto v = resolve(text);
    if (!v) {
      unknown(text);
      return std::nullopt;
    }
    return json::value(json::string(*v));
  }
  if (q.type == "multi-choice") {
    json::array values;
    if (text == "[]") return json::value(std::move(values));  // an empty selection, not "unanswered"
    for (const std::string& token : split(text, prompt ? ", ;" : ";")) {
      auto v = resolve(token);
      if (!v) {
        unknown(token);
        return std::nullopt;
      }
      values.push_back(json::string(*v));
    }
    if (prompt && values.empty()) {
      error = zh ? "请至少选择一项（编号用逗号分隔）" : "choose at least one option (numbers separated by commas)";
      return std::nullopt;
    }
    return json::value(std::move(values));
  }
  return json::value(json::string(text));
}

std::string answer_display(const QuestionRef& q, const json::value& v, bool zh) {
  if (v.is_null()) return zh ? "（未作答）" : "(unanswered)";
  if (v.is_bool()) return v.get_bool() ? (zh ? "是" : "yes") : (zh ? "否" : "no");
  const json::array* opts = options_of(q);
  auto label_of = [&](const json::value& x) {
    std::string value = x.is_string() ? std::string(x.get_string()) : to_json_text(x, false);
    if (opts)
      for (const json::value& o : *opts)
        if (str_field(o, "value") == value) {
          std::string label = str_field(o, "label");
          return label.empty() || label == value ? value : label + " (" + value + ")";
        }
    return value;
  };
  if (v.is_array()) {
    std::string out;
    for (const json::value& x : v.get_array()) out += (out.empty() ? "" : (zh ? "；" : "; ")) + label_of(x);
    return out.empty() ? (zh ? "（无）" : "(none)") : out;
  }
  if (v.is_string()) return q.type == "choice" ? label_of(v) : std::string(v.get_string());
  std::string unit = q.question ? str_field(*q.question, "unit") : "";
  return to_json_text(v, false) + (unit.empty() ? "" : " " + unit);
}

}  // namespace zice::cli
