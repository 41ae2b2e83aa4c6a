#include "report/result_view.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include <boost/json.hpp>

namespace zice::report_view {

namespace {
const json::value kNull;
const json::array kEmpty;
}  // namespace

const json::value& at(const json::value& v, std::string_view key) {
  if (const json::object* o = v.if_object())
    if (const json::value* f = o->if_contains(key)) return *f;
  return kNull;
}

std::string str(const json::value& v) {
  if (const json::string* s = v.if_string()) return std::string(*s);
  return {};
}

const json::array& arr(const json::value& v) {
  const json::array* a = v.if_array();
  return a ? *a : kEmpty;
}

bool is_true(const json::value& v) { return v.is_bool() && v.get_bool(); }
bool is_false(const json::value& v) { return v.is_bool() && !v.get_bool(); }

std::string name_of(const json::value& item) {
  std::string t = str(at(item, "title"));
  if (t.empty()) t = str(at(item, "label"));
  return t.empty() ? str(at(item, "id")) : t;
}

const json::value& find_by_id(const json::array& items, std::string_view id) {
  for (const json::value& e : items)
    if (str(at(e, "id")) == id) return e;
  return kNull;
}

// ---- formatting --------------------------------------------------------------

namespace {
std::string format_double(double d) {
  if (!std::isfinite(d)) return "—";
  // std::to_chars with a precision prints as printf("%.*f") does (the exact
  // binary value, correctly rounded), without printf's format parsing.
  char buf[400];  // |d| < 1.8e308: at most 309 digits, a sign, a point and 6 decimals
  bool whole = d == std::floor(d) && std::fabs(d) < 1e15;
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed, whole ? 0 : 6);
  std::string s(buf, r.ptr);
  if (!whole) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}
}  // namespace

std::string format_number(const json::value& v) {
  switch (v.kind()) {
    case json::kind::int64: return std::to_string(v.get_int64());
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::double_: return format_double(v.get_double());
    default: return "—";
  }
}

std::string format_percent(const json::value& v) {
  if (!v.is_number()) return "—";
  // One decimal is enough to read a percentage; whole numbers stay whole.
  double rounded = std::round(v.to_number<double>() * 10) / 10;
  return format_double(rounded) + "%";
}

std::string format_value(const json::value& v, const Labels& L) {
  switch (v.kind()) {
    case json::kind::null: return "—";
    case json::kind::bool_: return v.get_bool() ? L.yes : L.no;
    case json::kind::string: return std::string(v.get_string());
    case json::kind::array: {
      if (v.get_array().empty()) return L.none;
      std::string out;
      for (const json::value& e : v.get_array()) {
        if (!out.empty()) out += L.list_sep;
        out += format_value(e, L);
      }
      return out;
    }
    case json::kind::object: return json::serialize(v);
    default: return format_number(v);
  }
}

double clamp_percent(const json::value& v) {
  if (!v.is_number()) return 0;
  double p = v.to_number<double>();
  if (!std::isfinite(p)) return 0;
  return std::clamp(p, 0.0, 100.0);
}

// ---- escaping ------------------------------------------------------------------

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string md_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') continue;
    if (c == '\n') {
      out += "<br>";
      line_start = true;
      continue;
    }
    if (line_start) {
      // Leading spaces would make an indented code block in a paragraph.
      if (c == ' ' || c == '\t') continue;
      line_start = false;
      // Block markers count only when followed by a space or the end:
      // "# h", "- item", "+ item", "1. item", "1) item"; "===" and "---"
      // underline a heading. "2026.1" or "-5%" stay as they are.
      auto spaced = [&](std::size_t j) { return j >= text.size() || text[j] == ' ' || text[j] == '\t' || text[j] == '\n'; };
      if (c == '#' || c == '-' || c == '+' || c == '=') {
        std::size_t j = i;
        while (j < text.size() && text[j] == c) ++j;
        if (spaced(j) || c == '=' || (c == '-' && j - i >= 3)) out += '\\';
      } else if (c >= '0' && c <= '9') {
        std::size_t j = i;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
        if (j < text.size() && (text[j] == '.' || text[j] == ')') && spaced(j + 1)) {
          out.append(text.substr(i, j - i));
          out += '\\';
          out += text[j];
          i = j;
          continue;
        }
      }
    }
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '~': case '&':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string md_code(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '`') out += '\'';
    else if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

// ---- judgements ------------------------------------------------------------------

const std::vector<std::string_view>& severities() {
  static const std::vector<std::string_view> s = {"critical", "high", "medium", "low", "info"};
  return s;
}

const char* severity_label(const Labels& L, std::string_view s) {
  if (s == "critical") return L.severity_critical;
  if (s == "high") return L.severity_high;
  if (s == "medium") return L.severity_medium;
  if (s == "low") return L.severity_low;
  return L.severity_info;
}

const char* confidence_label(const Labels& L, std::string_view level) {
  if (level == "C") return L.confidence_C;
  if (level == "C1") return L.confidence_C1;
  if (level == "H") return L.confidence_H;
  if (level == "M") return L.confidence_M;
  if (level == "U") return L.confidence_U;
  return "";
}

bool is_staged(const json::value& result) {
  // Staged results mark levels below the result "passed" and evaluate the
  // level just above it; first-match results never evaluate past the result.
  const json::array& grades = arr(at(result, "grades"));
  bool after = false;
  for (const json::value& g : grades) {
    std::string s = str(at(g, "status"));
    if (s == "passed") return true;
    if (after && (s == "missed" || s == "undecided")) return true;
    if (s == "reached") after = true;
  }
  return false;
}

Tone grade_tone(const json::value& result) {
  const json::value& grade = at(result, "grade");
  if (!grade.is_object()) return Tone::none;
  // Declared by the ruleset (<grade tone="…">): no guessing.
  std::string declared = str(at(grade, "tone"));
  if (declared == "good") return Tone::good;
  if (declared == "fair") return Tone::fair;
  if (declared == "poor") return Tone::poor;
  if (declared == "neutral") return Tone::neutral;
  // Otherwise inferred from the grade's place in the list: first-match
  // ladders are written best first, staged ones lowest first, and ids ending
  // in "_risk" name risk levels (worst first).
  bool classification = !at(result, "score").is_object() && arr(at(result, "gates")).empty() &&
                        !at(result, "compliance").is_object();
  if (classification) return Tone::neutral;
  const json::array& grades = arr(at(result, "grades"));
  std::string id = str(at(grade, "id"));
  std::size_t n = grades.size(), index = n;
  bool risk = n > 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::string gid = str(at(grades[i], "id"));
    if (gid == id) index = i;
    if (gid.size() < 5 || gid.compare(gid.size() - 5, 5, "_risk") != 0) risk = false;
  }
  if (index == n || n <= 1) return Tone::good;
  double goodness = static_cast<double>(index) / static_cast<double>(n - 1);  // 0 = first
  if (!is_staged(result) && !risk) goodness = 1 - goodness;
  if (is_staged(result) && risk) goodness = 1 - goodness;
  if (goodness >= 0.66) return Tone::good;
  if (goodness >= 0.25) return Tone::fair;
  return Tone::poor;
}

std::vector<const json::value*> top_dimensions(const json::value& result) {
  std::vector<const json::value*> out;
  for (const json::value& d : arr(at(result, "dimensions")))
    if (str(at(d, "parent")).empty()) out.push_back(&d);
  return out;
}

int dimension_depth(const json::value& result, const json::value& dim) {
  const json::array& dims = arr(at(result, "dimensions"));
  int depth = 0;
  std::string parent = str(at(dim, "parent"));
  while (!parent.empty() && depth < 8) {
    ++depth;
    parent = str(at(find_by_id(dims, parent), "parent"));
  }
  return depth;
}

std::string basis_text(const json::value& b, const Labels& L) {
  bool zh = std::string_view(L.html_lang).substr(0, 2) == "zh";
  std::string law = str(at(b, "law"));
  std::string standard = str(at(b, "standard"));
  std::string article = str(at(b, "article"));
  if (article.empty()) article = str(at(b, "clause"));
  std::string version = str(at(b, "version"));
  std::string out;
  if (!law.empty()) {
    out = zh ? "《" + law + "》" : law;
    if (!article.empty()) out += (zh ? "" : " ") + article;
  } else {
    out = standard;
    if (!article.empty()) out += (out.empty() ? "" : " ") + article;
  }
  if (!version.empty()) out += zh ? "（" + version + "）" : " (" + version + ")";
  return out;
}

std::string confidence_text(const json::value& b, const Labels& L) {
  std::string level = str(at(b, "confidence"));
  if (level.empty()) return {};
  std::string out = std::string(L.confidence) + " " + level;
  std::string meaning = confidence_label(L, level);
  if (!meaning.empty()) {
    bool zh = std::string_view(L.html_lang).substr(0, 2) == "zh";
    out += zh ? "（" + meaning + "）" : " (" + meaning + ")";
  }
  return out;
}

std::vector<AnswerRow> answer_rows(const json::value& result, const json::value* answers,
                                   AnswerSource& source) {
  std::vector<AnswerRow> rows;
  if (answers != nullptr && answers->is_object()) {
    source = AnswerSource::given;
    for (const auto& kv : answers->get_object()) rows.push_back({std::string(kv.key()), &kv.value()});
    return rows;
  }
  if (const json::object* trace = at(result, "trace").if_object()) {
    source = AnswerSource::trace;
    const json::array& derived = arr(at(result, "derived"));
    for (const auto& kv : *trace) {
      std::string_view key = kv.key();
      if (key.find('.') != std::string_view::npos) continue;
      if (at(find_by_id(derived, key), "id").is_string()) continue;
      rows.push_back({std::string(key), &kv.value()});
    }
    return rows;
  }
  source = AnswerSource::inputs;
  for (const json::value& ind : arr(at(result, "indicators"))) {
    const json::value& input = at(ind, "input");
    std::string name = str(at(input, "name"));
    if (name.empty()) continue;
    bool seen = std::any_of(rows.begin(), rows.end(), [&](const AnswerRow& r) { return r.id == name; });
    if (!seen) rows.push_back({name, &at(input, "value")});
  }
  if (rows.empty()) source = AnswerSource::none;
  return rows;
}

std::string short_sha(const json::value& result, std::size_t n) {
  std::string sha = str(at(at(result, "ruleset"), "sha256"));
  return sha.substr(0, std::min(n, sha.size()));
}

}  // namespace zice::report_view
