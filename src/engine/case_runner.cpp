#include "engine/case_runner.hpp"

#include <algorithm>
#include <exception>
#include <set>
#include <tuple>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "engine/json_convert.hpp"
#include "ruleset/model.hpp"
#include "zice/assess.hpp"

namespace zice::testing {
namespace json = boost::json;

// ---------------------------------------------------------------- numbers

namespace {

// A number as sign, significant digits and a power of ten, so that numbers
// from int64, uint64 and double compare by their exact decimal value. Doubles
// use their shortest round-trip text, which is what the engine wrote (it
// converts exact decimals through strtod) and what a case author typed.
struct DecimalKey {
  bool negative = false;
  std::string digits;  // no leading or trailing zeros; empty for zero
  long exponent = 0;   // value = digits × 10^exponent
  bool operator==(const DecimalKey&) const = default;
};

DecimalKey decimal_key(std::string_view text) {
  DecimalKey k;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) k.negative = text[i++] == '-';
  long fraction_digits = 0;
  bool in_fraction = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') { in_fraction = true; continue; }
    k.digits.push_back(text[i]);
    if (in_fraction) ++fraction_digits;
  }
  long exp = i < text.size() ? std::strtol(std::string(text.substr(i + 1)).c_str(), nullptr, 10) : 0;
  k.exponent = exp - fraction_digits;
  k.digits.erase(0, std::min(k.digits.find_first_not_of('0'), k.digits.size()));
  while (!k.digits.empty() && k.digits.back() == '0') {
    k.digits.pop_back();
    ++k.exponent;
  }
  if (k.digits.empty()) k = DecimalKey{};
  return k;
}

DecimalKey decimal_key(const json::value& v) {
  switch (v.kind()) {
    case json::kind::int64: return decimal_key(std::to_string(v.get_int64()));
    case json::kind::uint64: return decimal_key(std::to_string(v.get_uint64()));
    default: return decimal_key(fmt::format("{}", v.get_double()));
  }
}

}  // namespace

bool json_equal(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) return decimal_key(a) == decimal_key(b);
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const json::array &x = a.get_array(), &y = b.get_array();
    return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), json_equal);
  }
  if (a.is_object()) {
    const json::object &x = a.get_object(), &y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& kv : x) {
      const json::value* other = y.if_contains(kv.key());
      if (!other || !json_equal(kv.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

// ---------------------------------------------------------------- paths

namespace {

// One path step: a key into an object or a [selector] into an array.
struct Step {
  bool selector = false;
  std::string text;
};

std::optional<std::vector<Step>> parse_path(std::string_view p) {
  std::vector<Step> steps;
  std::size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '[') {
      std::size_t close = p.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      steps.push_back({true, std::string(p.substr(i + 1, close - i - 1))});
      i = close + 1;
      if (i < p.size() && p[i] == '.') ++i;
      continue;
    }
    std::size_t end = p.find_first_of(".[", i);
    if (end == std::string_view::npos) end = p.size();
    if (end == i) return std::nullopt;  // empty key ("a..b", ".a")
    steps.push_back({false, std::string(p.substr(i, end - i))});
    i = end;
    if (i < p.size() && p[i] == '.') {
      ++i;
      if (i == p.size()) return std::nullopt;
    }
  }
  if (steps.empty()) return std::nullopt;
  return steps;
}

bool is_index(std::string_view s) {
  return !s.empty() && s.size() < 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const json::value* select(const json::array& a, const std::string& sel) {
  if (is_index(sel)) {
    std::size_t i = std::stoul(sel);
    return i < a.size() ? &a[i] : nullptr;
  }
  for (const json::value& e : a)
    if (const json::object* o = e.if_object())
      if (const json::value* id = o->if_contains("id"); id && id->is_string() && id->get_string() == sel) return &e;
  return nullptr;
}

const json::value* walk(const json::value& root, const std::vector<Step>& steps, std::size_t from = 0) {
  const json::value* cur = &root;
  for (std::size_t i = from; i < steps.size() && cur; ++i) {
    const Step& s = steps[i];
    if (s.selector) {
      cur = cur->is_array() ? select(cur->get_array(), s.text) : nullptr;
    } else if (const json::object* o = cur->if_object()) {
      cur = o->if_contains(s.text);
    } else if (const json::array* a = cur->if_array(); a && is_index(s.text)) {
      cur = select(*a, s.text);  // "a.0" as well as "a[0]"
    } else {
      cur = nullptr;
    }
  }
  return cur;
}

std::vector<Step> keys(std::initializer_list<std::pair<bool, std::string>> parts) {
  std::vector<Step> out;
  for (const auto& [sel, text] : parts) out.push_back({sel, text});
  return out;
}

// Rewrites an expression name ("derived.x", "score.innovation") into the
// literal result path that holds its value.
std::optional<std::vector<Step>> alias(const std::vector<Step>& s) {
  if (s.size() < 2 || s[0].selector || s[1].selector) return std::nullopt;
  const std::string &head = s[0].text, &id = s[1].text;
  std::vector<Step> out;
  if (head == "derived") out = keys({{false, "derived"}, {true, id}, {false, "value"}});
  else if (head == "compliance") out = keys({{false, "compliance"}, {false, "groups"}, {true, id}, {false, "percent"}});
  else if (head == "points") out = keys({{false, "indicators"}, {true, id}, {false, "points"}});
  else if (head == "min_met") out = keys({{false, "dimensions"}, {true, id}, {false, "min_met"}});
  else if (head == "gate") out = keys({{false, "gates"}, {true, id}, {false, "passed"}});
  else if ((head == "score" || head == "max" || head == "percent") && id != "total")
    out = keys({{false, "dimensions"}, {true, id}, {false, head}});
  else if (head == "max" || head == "percent") out = keys({{false, "score"}, {false, head}});
  else return std::nullopt;
  out.insert(out.end(), s.begin() + 2, s.end());
  return out;
}

std::optional<json::value> findings_count(const json::value& result, const std::vector<Step>& s) {
  static const std::set<std::string> severities = {"critical", "high", "medium", "low", "info", "total"};
  if (s.size() != 2 || s[0].text != "findings" || s[1].selector || !severities.count(s[1].text)) return std::nullopt;
  const json::value* fs = walk(result, keys({{false, "findings"}}));
  if (!fs || !fs->is_array()) return std::nullopt;
  std::int64_t n = 0;
  for (const json::value& f : fs->get_array()) {
    const json::value* sev = f.is_object() ? f.get_object().if_contains("severity") : nullptr;
    if (s[1].text == "total" || (sev && sev->is_string() && sev->get_string() == s[1].text)) ++n;
  }
  return json::value(n);
}

std::optional<json::value> check_outcome(const json::value& result, const std::vector<Step>& s) {
  if (s.size() != 2 || s[0].text != "check" || s[1].selector) return std::nullopt;
  const json::value* st = walk(result, keys({{false, "checks"}, {true, s[1].text}, {false, "status"}}));
  if (!st || !st->is_string()) return std::nullopt;
  if (st->get_string() == "pass") return json::value(true);
  if (st->get_string() == "fail") return json::value(false);
  return json::value(nullptr);
}

}  // namespace

std::optional<json::value> resolve_path(const json::value& result, std::string_view path) {
  std::optional<std::vector<Step>> steps = parse_path(path);
  if (!steps) return std::nullopt;
  if (const json::value* v = walk(result, *steps)) return *v;
  if (auto n = findings_count(result, *steps)) return n;
  if (auto c = check_outcome(result, *steps)) return c;
  if (auto a = alias(*steps))
    if (const json::value* v = walk(result, *a)) return *v;
  return std::nullopt;
}

// ---------------------------------------------------------------- expectations

namespace {

std::string str_field(const json::value& v, std::string_view key) {
  if (const json::object* o = v.if_object())
    if (const json::value* f = o->if_contains(key); f && f->is_string()) return std::string(f->get_string());
  return {};
}

// Ids of the elements of result[array_key] accepted by `keep`, in result order.
template <class Keep>
std::optional<json::array> ids_where(const json::value& result, std::string_view array_key, Keep keep) {
  const json::value* a = walk(result, keys({{false, std::string(array_key)}}));
  if (!a || !a->is_array()) return std::nullopt;
  json::array out;
  for (const json::value& e : a->get_array())
    if (keep(e)) out.emplace_back(str_field(e, "id"));
  return out;
}

std::optional<json::array> shorthand_ids(const json::value& result, std::string_view key) {
  if (key == "findings") return ids_where(result, "findings", [](const json::value&) { return true; });
  // Gates without a kind count as mandatory, the default gate kind.
  bool fired = key == "fired_gates";
  return ids_where(result, "gates", [fired](const json::value& g) {
    bool direct = str_field(g, "kind") == "direct";
    return fired ? direct && str_field(g, "status") == "pass" : !direct && str_field(g, "status") == "fail";
  });
}

bool is_id_list(const json::value& v) {
  return v.is_array() && std::all_of(v.get_array().begin(), v.get_array().end(),
                                     [](const json::value& e) { return e.is_string(); });
}

std::set<std::string> to_set(const json::array& a) {
  std::set<std::string> out;
  for (const json::value& e : a)
    if (e.is_string()) out.emplace(e.get_string());
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// expected − actual (want_present) or expected ∩ actual (!want_present).
std::vector<std::string> filter_ids(const json::array& expected, const std::set<std::string>& actual, bool present) {
  std::vector<std::string> out;
  for (const std::string& id : to_set(expected))
    if (actual.count(id) == static_cast<std::size_t>(present)) out.push_back(id);
  return out;
}

std::optional<CaseMismatch> compare_set(const std::string& key, const json::value& expected,
                                        const json::array& actual) {
  std::set<std::string> have = to_set(actual);
  std::vector<std::string> notes;
  if (key == "findings_exclude") {
    if (auto bad = filter_ids(expected.get_array(), have, true); !bad.empty()) notes.push_back("present: " + join(bad));
  } else {
    if (auto miss = filter_ids(expected.get_array(), have, false); !miss.empty())
      notes.push_back("missing: " + join(miss));
    if (key != "findings_include") {
      std::vector<std::string> extra;
      std::set<std::string> want = to_set(expected.get_array());
      for (const std::string& id : have)
        if (!want.count(id)) extra.push_back(id);
      if (!extra.empty()) notes.push_back("unexpected: " + join(extra));
    }
  }
  if (notes.empty()) return std::nullopt;
  std::string note = notes[0] + (notes.size() > 1 ? "; " + notes[1] : "");
  return CaseMismatch{key, expected, actual, note};
}

std::optional<json::value> shorthand_value(const json::value& result, const std::string& key) {
  if (key == "grade") {
    const json::value* g = walk(result, keys({{false, "grade"}}));
    if (!g) return std::nullopt;
    if (const json::value* id = walk(*g, keys({{false, "id"}}))) return *id;
    return json::value(nullptr);
  }
  if (key == "total") return resolve_path(result, "score.total");
  return resolve_path(result, key == "percent" ? "score.percent" : key);
}

std::optional<CaseMismatch> compare_one(const json::value& result, const std::string& key,
                                        const json::value& expected) {
  static const std::set<std::string> set_keys = {"failed_gates", "fired_gates", "findings", "findings_include",
                                                  "findings_exclude"};
  if (set_keys.count(key) && is_id_list(expected)) {
    std::string source = key.rfind("findings", 0) == 0 ? "findings" : key;
    std::optional<json::array> actual = shorthand_ids(result, source);
    if (!actual) return CaseMismatch{key, expected, nullptr, "path not found in result"};
    return compare_set(key, expected, *actual);
  }
  if (key == "findings_include" || key == "findings_exclude")
    return CaseMismatch{key, expected, nullptr, "expected an array of finding ids"};
  std::optional<json::value> actual = shorthand_value(result, key);
  if (!actual) return CaseMismatch{key, expected, nullptr, "path not found in result"};
  if (json_equal(expected, *actual)) return std::nullopt;
  return CaseMismatch{key, expected, *actual, ""};
}

}  // namespace

std::vector<CaseMismatch> compare_expectations(const json::value& result, const json::object& expect) {
  std::vector<CaseMismatch> out;
  for (const auto& kv : expect)
    if (auto m = compare_one(result, std::string(kv.key()), kv.value())) out.push_back(std::move(*m));
  return out;
}

// ---------------------------------------------------------------- running

namespace {

json::object merge_answers(const json::object& base, const json::object& overlay) {
  json::object out = base;
  for (const auto& kv : overlay) {
    if (kv.value().is_null()) out.erase(kv.key());
    else out[kv.key()] = kv.value();
  }
  return out;
}

const json::object* object_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_object() ? &v->get_object() : nullptr;
}

std::string string_field(const json::object& o, std::string_view key, std::string fallback = {}) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : fallback;
}

std::string problems_text(const std::vector<AnswerProblem>& ps) {
  std::string out;
  for (const AnswerProblem& p : ps)
    if (p.fatal) out += (out.empty() ? "" : "; ") + p.question + ": [" + p.code + "] " + p.message;
  return out;
}

// Options shared by every case of a file, overridable per case.
struct FileDefaults {
  json::object base_answers;
  std::string date = "2026-01-01";
  std::string lang;
};

CaseOutcome run_case(const Ruleset& rs, const json::value& c, std::size_t index, const FileDefaults& d) {
  CaseOutcome out;
  out.name = "case " + std::to_string(index + 1);
  if (!c.is_object()) {
    out.error = "a case must be a JSON object";
    return out;
  }
  const json::object& co = c.get_object();
  out.name = string_field(co, "name", out.name);
  const json::value* answers = co.if_contains("answers");
  const json::object* expect = object_field(co, "expect");
  if ((answers && !answers->is_object()) || !expect) {
    out.error = "a case needs an \"answers\" object and an \"expect\" object";
    return out;
  }
  AssessOptions opt;
  opt.date = string_field(co, "assessment_date", d.date);
  opt.lang = string_field(co, "lang", d.lang);
  const json::value* strict = co.if_contains("strict");
  opt.strict = strict && strict->is_bool() && strict->get_bool();
  json::object empty;
  Assessment a = assess(rs, merge_answers(d.base_answers, answers ? answers->get_object() : empty), opt);
  if (!a.ok) {
    out.error = "assessment failed: " + problems_text(a.problems);
    return out;
  }
  out.mismatches = compare_expectations(a.result, *expect);
  out.passed = out.mismatches.empty();
  out.result = std::move(a.result);
  return out;
}

// Checks the file's shape; returns an error message or "" when usable.
std::string file_defaults(const Ruleset& rs, const json::value& file, FileDefaults& d) {
  if (!file.is_object()) return "a case file must be a JSON object";
  const json::object& o = file.get_object();
  std::string id = string_field(o, "ruleset");
  if (id.empty()) return "the case file has no \"ruleset\" id";
  if (id != rs.id()) return "the case file is for ruleset \"" + id + "\", not \"" + rs.id() + "\"";
  const json::value* cases = o.if_contains("cases");
  if (!cases || !cases->is_array()) return "the case file has no \"cases\" array";
  if (const json::value* base = o.if_contains("base_answers")) {
    if (!base->is_object()) return "\"base_answers\" must be a JSON object";
    d.base_answers = base->get_object();
  }
  d.date = string_field(o, "assessment_date", d.date);
  d.lang = string_field(o, "lang");
  return {};
}

}  // namespace

CaseFileResult run_case_file(const Ruleset& ruleset, const json::value& case_file) {
  CaseFileResult out;
  FileDefaults defaults;
  out.error = file_defaults(ruleset, case_file, defaults);
  if (!out.error.empty()) return out;
  const json::array& cases = case_file.get_object().at("cases").get_array();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    CaseOutcome c;
    try {
      c = run_case(ruleset, cases[i], i, defaults);
    } catch (const std::exception& e) {
      c.name = "case " + std::to_string(i + 1);
      c.error = std::string("internal error: ") + e.what();
    }
    (c.passed ? out.passed : out.failed) += 1;
    out.cases.push_back(std::move(c));
  }
  return out;
}

// ---------------------------------------------------------------- coverage

namespace {

const json::object* element_by_id(const json::object& result, std::string_view array, std::string_view id) {
  const json::value* a = result.if_contains(array);
  if (!a || !a->is_array()) return nullptr;
  for (const json::value& e : a->get_array()) {
    if (!e.is_object()) continue;
    const json::value* eid = e.get_object().if_contains("id");
    if (eid && eid->is_string() && eid->get_string() == id) return &e.get_object();
  }
  return nullptr;
}

bool listed_in(const json::object& result, std::string_view field, std::string_view kind, std::string_view id) {
  const json::object* f = object_field(result, field);
  const json::value* a = f ? f->if_contains(kind) : nullptr;
  if (!a || !a->is_array()) return false;
  for (const json::value& e : a->get_array())
    if (e.is_string() && e.get_string() == id) return true;
  return false;
}

std::string status_of(const json::object& result, std::string_view array, std::string_view id) {
  const json::object* e = element_by_id(result, array, id);
  return e ? string_field(*e, "status") : std::string();
}

// The band as the engine writes it in indicators[].matched (without the label).
json::object band_key(const detail::Band& b) {
  json::object o;
  if (b.lo) o[b.lo_inclusive ? "ge" : "gt"] = detail::to_json(*b.lo);
  if (b.hi) o[b.hi_inclusive ? "le" : "lt"] = detail::to_json(*b.hi);
  o["points"] = detail::to_json(b.points);
  return o;
}

json::object without_label(const json::object& m) {
  json::object o;
  for (const char* k : {"ge", "gt", "le", "lt", "points"})
    if (const json::value* v = m.if_contains(k)) o[k] = *v;
  return o;
}

std::string band_text(const detail::Band& b, std::size_t index) {
  std::string range = (b.lo ? (b.lo_inclusive ? "[" : "(") + b.lo->to_string() : std::string("(-inf")) + ", " +
                      (b.hi ? b.hi->to_string() + (b.hi_inclusive ? "]" : ")") : std::string("inf)"));
  return "#" + std::to_string(index + 1) + " " + range + (b.label.empty() ? "" : " " + b.label);
}

void add_item(CoverageCategory& c, bool covered, std::string name) {
  ++c.total;
  if (covered) ++c.covered;
  else c.uncovered.push_back(std::move(name));
}

}  // namespace

std::size_t Coverage::covered() const {
  std::size_t n = 0;
  for (const CoverageCategory& c : categories)
    if (c.counted) n += c.covered;
  return n;
}

std::size_t Coverage::total() const {
  std::size_t n = 0;
  for (const CoverageCategory& c : categories)
    if (c.counted) n += c.total;
  return n;
}

double Coverage::percent() const {
  std::size_t t = total();
  return t == 0 ? 100.0 : 100.0 * static_cast<double>(covered()) / static_cast<double>(t);
}

Coverage compute_coverage(const Ruleset& ruleset, const std::vector<json::value>& results) {
  const detail::Model& m = ruleset.model();
  std::vector<const json::object*> rs;
  for (const json::value& r : results)
    if (r.is_object()) rs.push_back(&r.get_object());

  Coverage cov;
  auto category = [](const char* name) {
    CoverageCategory c;
    c.name = name;
    return c;
  };
  CoverageCategory indicators = category("indicators"), bands = category("bands"), options = category("options"),
                   gates = category("gates"), grades = category("grades"), checks = category("checks");
  indicators.counted = false;

  for (const detail::Indicator& ind : m.indicators) {
    bool scored = false;
    std::vector<bool> band_hit(ind.bands.size(), false);
    std::set<std::string> options_hit;
    for (const json::object* r : rs) {
      const json::object* e = element_by_id(*r, "indicators", ind.id);
      if (!e) continue;
      const json::value* applicable = e->if_contains("applicable");
      if (applicable && applicable->is_bool() && applicable->get_bool() && !listed_in(*r, "missing", "indicators", ind.id))
        scored = true;
      const json::value* matched = e->if_contains("matched");
      if (!matched) continue;
      if (matched->is_object()) {
        json::object key = without_label(matched->get_object());
        for (std::size_t b = 0; b < ind.bands.size(); ++b)
          if (json_equal(json::value(band_key(ind.bands[b])), json::value(key))) {
            band_hit[b] = true;
            break;
          }
      } else if (matched->is_array()) {
        for (const json::value& o : matched->get_array())
          if (o.is_object())
            if (const json::value* v = o.get_object().if_contains("value"); v && v->is_string())
              options_hit.insert(std::string(v->get_string()));
      }
    }
    add_item(indicators, scored, ind.id);
    if (ind.method == detail::Indicator::Method::bands)
      for (std::size_t b = 0; b < ind.bands.size(); ++b) add_item(bands, band_hit[b], ind.id + band_text(ind.bands[b], b));
    if (ind.method == detail::Indicator::Method::options)
      for (const detail::OptionPoints& op : ind.option_points)
        add_item(options, options_hit.count(op.value) > 0, ind.id + "=" + op.value);
  }

  auto both_ways = [&](CoverageCategory& c, std::string_view array, const std::string& id) {
    bool pass = false, fail = false;
    for (const json::object* r : rs) {
      std::string st = status_of(*r, array, id);
      pass = pass || st == "pass";
      fail = fail || st == "fail";
    }
    add_item(c, pass, id + " (pass)");
    add_item(c, fail, id + " (fail)");
  };
  for (const detail::Gate& g : m.gates) both_ways(gates, "gates", g.id);
  for (const detail::Check& c : m.checks) both_ways(checks, "checks", c.id);

  for (const detail::Grade& g : m.grades) {
    bool reached = false;
    for (const json::object* r : rs) {
      const json::value* grade = r->if_contains("grade");
      if (grade && grade->is_object())
        if (const json::value* id = grade->get_object().if_contains("id"); id && id->is_string() && id->get_string() == g.id)
          reached = true;
    }
    add_item(grades, reached, g.id);
  }

  cov.categories = {std::move(indicators), std::move(bands), std::move(options),
                    std::move(gates),      std::move(grades), std::move(checks)};
  return cov;
}

Coverage compute_coverage(const Ruleset& ruleset, const CaseFileResult& run) {
  std::vector<json::value> results;
  for (const CaseOutcome& c : run.cases) results.push_back(c.result);
  return compute_coverage(ruleset, results);
}

// ---------------------------------------------------------------- JUnit XML

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\t': out += "&#9;"; break;
      case '\r': out += "&#13;"; break;
      default:
        // Other control characters are not allowed in XML 1.0 at all.
        if (static_cast<unsigned char>(ch) < 0x20) out += '?';
        else out += ch;
    }
  }
  return out;
}

std::string junit_xml(std::string_view suite, const CaseFileResult& run) {
  int errors = 0;
  for (const CaseOutcome& c : run.cases)
    if (!c.error.empty()) ++errors;
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += fmt::format("<testsuites tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"0\">\n", run.cases.size(),
                   run.failed - errors, errors);
  s += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"0\">\n",
                   xml_escape(suite), run.cases.size(), run.failed - errors, errors);
  for (const CaseOutcome& c : run.cases) {
    std::string head = fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"0\"", xml_escape(c.name),
                                   xml_escape(suite));
    if (c.passed) {
      s += head + "/>\n";
      continue;
    }
    s += head + ">\n";
    if (!c.error.empty()) {
      s += fmt::format("      <error message=\"{}\">{}</error>\n", xml_escape(c.error), xml_escape(c.error));
    } else {
      std::string body;
      for (const CaseMismatch& mm : c.mismatches) {
        bool absent = mm.note == "path not found in result";
        body += fmt::format("{}: expected {}, got {}", mm.path, json::serialize(mm.expected),
                            absent ? std::string("nothing") : json::serialize(mm.actual));
        if (!mm.note.empty()) body += " (" + mm.note + ")";
        body += "\n";
      }
      std::string message = fmt::format("{} mismatch{}", c.mismatches.size(), c.mismatches.size() == 1 ? "" : "es");
      std::string sep = ": ";
      for (std::size_t at = 0; at < body.size();) {
        std::size_t nl = body.find('\n', at);
        message += sep + body.substr(at, nl - at);
        sep = "; ";
        at = nl + 1;
      }
      s += fmt::format("      <failure message=\"{}\" type=\"mismatch\">{}</failure>\n", xml_escape(message),
                       xml_escape(body));
    }
    s += "    </testcase>\n";
  }
  s += "  </testsuite>\n</testsuites>\n";
  return s;
}

}  // namespace zice::testing
