// Loads a ruleset: parses the XML with pugixml, builds the Model, registers
// every name expressions may use, then compiles all expressions.
//
// Expressions are compiled after the whole document has been read, because a
// condition may refer to anything declared later in the file. Question
// applicability and derived values form one dependency graph: they are first
// compiled with derived values typed `any` to learn the dependencies, sorted
// topologically (a cycle is an error naming it), then compiled for real in
// that order so each derived value gets its precise type.
#include "ruleset/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "expr/expr.hpp"
#include "ruleset/limits_scan.hpp"
#include "ruleset/model.hpp"
#include "ruleset/names.hpp"
#include "util/sha256.hpp"
#include "util/source_map.hpp"
#include "util/utf8.hpp"

namespace zice {

using detail::Model;
using detail::Phase;
using expr::Decimal;
using expr::Program;
using expr::Type;

namespace {

bool is_id(std::string_view s, bool allow_dash = false) {
  if (s.empty()) return false;
  auto start = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (!start(s[0]) && !(allow_dash && s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!start(c) && !(c >= '0' && c <= '9') && !(allow_dash && c == '-')) return false;
  return true;
}

bool is_ruleset_id(std::string_view s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && c == '-');
    if (!ok) return false;
  }
  return true;
}

/// Trims, and collapses white space runs that contain a newline to one space.
std::string normalise_text(std::string_view s) {
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t b = 0, e = s.size();
  while (b < e && is_ws(s[b])) ++b;
  while (e > b && is_ws(s[e - 1])) --e;
  std::string out;
  out.reserve(e - b);
  for (std::size_t i = b; i < e;) {
    if (!is_ws(s[i])) {
      out += s[i++];
      continue;
    }
    std::size_t j = i;
    bool newline = false;
    while (j < e && is_ws(s[j])) newline |= (s[j] == '\n' || s[j] == '\r'), ++j;
    if (newline)
      out += ' ';
    else
      out.append(s.substr(i, j - i));
    i = j;
  }
  return out;
}

/// An expression waiting to be compiled once every name is known.
struct Site {
  std::string text;
  std::size_t offset = 0;      // file offset of the expression's first byte
  std::string_view raw;        // raw (undecoded) attribute value in the file
  Type expected = Type::Any;
  Phase phase = Phase::derived;  // latest phase whose names it may read
  const char* what = "";
  std::function<std::optional<Program>&(Model&)> target;
  std::vector<std::uint32_t> deps;  // filled by the first compile
};

/// One file of an overlay chain (the ruleset itself first, then what it extends).
struct Source {
  std::string file;
  std::string text;
};

class Reader {
 public:
  /// `sources[0]` is the ruleset being loaded; sources[k + 1] is the ruleset
  /// that sources[k] extends. All texts are concatenated into one buffer so
  /// that one offset identifies a position in any of the files.
  Reader(std::vector<Source> sources, const RulesetLimits& limits) : limits_(limits) {
    for (Source& s : sources) {
      bases_.push_back(all_.size());
      files_.push_back(std::move(s.file));
      shas_.push_back(util::sha256_hex(s.text));
      all_ += s.text;
      all_ += '\n';
    }
    bases_.push_back(all_.size());
    text_ = all_;
    for (std::size_t k = 0; k + 1 < bases_.size(); ++k)
      maps_.emplace_back(std::string_view(all_).substr(bases_[k], bases_[k + 1] - bases_[k]));
  }

  /// The compiled model, or null when there were errors; diagnostics() either way.
  std::shared_ptr<const Model> run();
  std::vector<Diagnostic>& diagnostics() { return diags_; }

 private:
  // --- diagnostics ---------------------------------------------------------
  /// Index of the source file containing a global offset.
  std::size_t source_at(std::size_t offset) const {
    auto it = std::upper_bound(bases_.begin(), bases_.end() - 1, offset);
    return it == bases_.begin() ? 0 : static_cast<std::size_t>(it - bases_.begin()) - 1;
  }
  util::SourceMap::Position position(std::size_t offset) const {
    std::size_t k = source_at(offset);
    return maps_[k].position(offset - bases_[k]);
  }
  void diag(Severity sev, std::string code, std::size_t offset, std::size_t len, std::string msg) {
    Diagnostic d;
    d.severity = sev;
    d.code = std::move(code);
    std::size_t k = source_at(offset);
    d.file = files_[k];
    auto pos = maps_[k].position(offset - bases_[k]);
    d.line = pos.line;
    d.column = pos.column;
    d.message = std::move(msg);
    d.excerpt = maps_[k].excerpt(offset - bases_[k], std::max<std::size_t>(len, 1));
    diags_.push_back(std::move(d));
  }
  void error(std::string code, std::size_t offset, std::string msg, std::size_t len = 1) {
    diag(Severity::error, std::move(code), offset, len, std::move(msg));
  }
  void warning(std::string code, std::size_t offset, std::string msg, std::size_t len = 1) {
    diag(Severity::warning, std::move(code), offset, len, std::move(msg));
  }

  // --- positions -----------------------------------------------------------
  /// Global offset of any node: its own document's base plus pugixml's
  /// offset; nodes copied in by an overlay map back to the overlay's original.
  std::size_t offset_of(pugi::xml_node n) const {
    if (auto it = origin_.find(n.internal_object()); it != origin_.end()) n = it->second;
    std::size_t base = 0;
    pugi::xml_node root = n.root();
    for (std::size_t k = 0; k < docs_.size(); ++k)
      if (docs_[k] && docs_[k]->internal_object() == root.internal_object()) base = bases_[k];
    return base + static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0));
  }
  /// Offset of '<' of an element.
  std::size_t node_offset(pugi::xml_node n) const {
    std::size_t off = offset_of(n);
    return off > 0 && off <= text_.size() && text_[off - 1] == '<' ? off - 1 : off;
  }
  int node_line(pugi::xml_node n) const { return position(node_offset(n)).line; }
  /// Sets an item's line, column and file (index into the chain, which is
  /// the order of files_) from the element it was read from.
  template <class T>
  void locate(T& item, pugi::xml_node n) const {
    std::size_t off = node_offset(n);
    auto pos = position(off);
    item.line = pos.line;
    item.column = pos.column;
    item.file = static_cast<int>(source_at(off));
  }
  /// A row of a table (<band>, an <option>) is defined by its attributes: when
  /// an overlay <set> changed one, the row is located at the <set> applied
  /// last (the outermost overlay's, the later one in a file), so findings
  /// about the row point at the text that gave it its values.
  template <class T>
  void locate_row(T& item, pugi::xml_node n) const {
    pugi::xml_node at = n;
    std::size_t best_file = 0, best_off = 0;
    for (pugi::xml_attribute a : n.attributes()) {
      auto it = set_origin_.find({n.internal_object(), a.name()});
      if (it == set_origin_.end()) continue;
      std::size_t off = node_offset(it->second), file = source_at(off);
      if (at == n || file < best_file || (file == best_file && off > best_off)) {
        at = it->second;
        best_file = file;
        best_off = off;
      }
    }
    locate(item, at);
  }
  /// Offset and raw text of an attribute's value, found by scanning the start tag.
  std::pair<std::size_t, std::string_view> attr_span(pugi::xml_node n, std::string_view name) const {
    // An attribute set by an overlay <set> lives in the overlay's `value`.
    if (auto it = set_origin_.find({n.internal_object(), std::string(name)}); it != set_origin_.end())
      return attr_span(it->second, "value");
    std::size_t p = node_offset(n);
    char quote = 0;
    for (std::size_t i = p; i < text_.size(); ++i) {
      char c = text_[i];
      if (quote) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '>') break;
      if (c == '"' || c == '\'') {
        quote = c;
        continue;
      }
      if (text_.compare(i, name.size(), name) == 0 && i > 0 &&
          (text_[i - 1] == ' ' || text_[i - 1] == '\t' || text_[i - 1] == '\n' || text_[i - 1] == '\r')) {
        std::size_t j = i + name.size();
        while (j < text_.size() && (text_[j] == ' ' || text_[j] == '\t' || text_[j] == '\n')) ++j;
        if (j >= text_.size() || text_[j] != '=') continue;
        ++j;
        while (j < text_.size() && (text_[j] == ' ' || text_[j] == '\t' || text_[j] == '\n')) ++j;
        if (j >= text_.size() || (text_[j] != '"' && text_[j] != '\'')) continue;
        char q = text_[j];
        std::size_t end = text_.find(q, j + 1);
        if (end == std::string_view::npos) end = text_.size();
        return {j + 1, text_.substr(j + 1, end - j - 1)};
      }
    }
    return {p, {}};
  }
  std::size_t attr_offset(pugi::xml_node n, std::string_view name) const { return attr_span(n, name).first; }
  /// Maps a byte offset in a decoded attribute value to the file (entities
  /// such as &lt; count as one decoded byte; close enough for a caret).
  static std::size_t raw_offset(std::string_view raw, std::size_t decoded) {
    std::size_t r = 0, d = 0;
    while (r < raw.size() && d < decoded) {
      if (raw[r] == '&') {
        std::size_t semi = raw.find(';', r);
        r = semi == std::string_view::npos ? r + 1 : semi + 1;
      } else {
        ++r;
      }
      ++d;
    }
    return r;
  }

  // --- XML helpers ---------------------------------------------------------
  std::string attr(pugi::xml_node n, const char* name) const { return n.attribute(name).as_string(); }
  bool has(pugi::xml_node n, const char* name) const { return !n.attribute(name).empty(); }
  std::string required_attr(pugi::xml_node n, const char* name) {
    if (!has(n, name))
      error("missing-attribute", node_offset(n), fmt::format("<{}> needs attribute '{}'", n.name(), name));
    return attr(n, name);
  }
  void check_attrs(pugi::xml_node n, std::initializer_list<std::string_view> allowed) {
    for (pugi::xml_attribute a : n.attributes()) {
      std::string_view an = a.name();
      if (std::find(allowed.begin(), allowed.end(), an) != allowed.end()) continue;
      if (an.starts_with("xmlns") || an.starts_with("xsi:")) continue;
      warning("unknown-attribute", attr_offset(n, an),
              fmt::format("unknown attribute '{}' on <{}> (ignored)", an, n.name()), an.size());
    }
  }
  bool check_child(pugi::xml_node child, std::initializer_list<std::string_view> allowed) {
    if (child.type() != pugi::node_element) return false;
    std::string_view cn = child.name();
    if (std::find(allowed.begin(), allowed.end(), cn) != allowed.end()) return true;
    error("unknown-element", node_offset(child),
          fmt::format("unexpected element <{}> in <{}>", cn, child.parent().name()), cn.size() + 1);
    return false;
  }
  std::string text_content(pugi::xml_node n) const {
    std::string s;
    for (pugi::xml_node c : n.children())
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) s += c.value();
    return normalise_text(s);
  }
  std::string lang_of(pugi::xml_node n) const {
    std::string l = attr(n, "xml:lang");
    return l.empty() ? m_->default_lang : l;
  }
  void add_text(detail::LocalText& t, pugi::xml_node n) {
    check_attrs(n, {"xml:lang"});
    t.items.emplace_back(lang_of(n), text_content(n));
  }
  std::optional<Decimal> decimal_attr(pugi::xml_node n, const char* name) {
    if (!has(n, name)) return std::nullopt;
    std::string v = attr(n, name);
    auto d = Decimal::parse(v);
    if (!d)
      error("bad-number", attr_offset(n, name),
            fmt::format("attribute '{}' must be a decimal number, got '{}'", name, v), v.size());
    return d;
  }
  std::optional<int> int_attr(pugi::xml_node n, const char* name) {
    auto d = decimal_attr(n, name);
    if (!d) return std::nullopt;
    auto i = d->to_int64();
    if (!d->is_integer() || !i || *i < 0 || *i > 1'000'000) {
      error("bad-number", attr_offset(n, name), fmt::format("attribute '{}' must be a non-negative integer", name));
      return std::nullopt;
    }
    return static_cast<int>(*i);
  }
  bool bool_attr(pugi::xml_node n, const char* name, bool dflt) {
    if (!has(n, name)) return dflt;
    std::string v = attr(n, name);
    if (v == "true" || v == "1") return true;
    if (v == "false" || v == "0") return false;
    error("bad-boolean", attr_offset(n, name), fmt::format("attribute '{}' must be true or false", name));
    return dflt;
  }
  std::string date_attr(pugi::xml_node n, const char* name) {
    std::string v = attr(n, name);
    if (!v.empty() && !expr::parse_iso_date(v))
      error("bad-date", attr_offset(n, name), fmt::format("'{}' is not a date (YYYY-MM-DD)", v), v.size());
    return v;
  }

  // --- names and expressions ----------------------------------------------
  /// Declares an id in the shared namespace (duplicates are errors).
  bool declare_id(pugi::xml_node n, const std::string& id, const char* kind, bool allow_dash = false) {
    if (!is_id(id, allow_dash)) {
      error("bad-id", attr_offset(n, "id"),
            fmt::format("{} id '{}' must match [A-Za-z_][A-Za-z0-9_]*", kind, id), std::max<std::size_t>(id.size(), 1));
      return false;
    }
    auto [it, inserted] = ids_.emplace(id, node_line(n));
    if (!inserted) {
      error("duplicate-id", attr_offset(n, "id"),
            fmt::format("duplicate id '{}' (first declared on line {})", id, it->second), id.size());
      return false;
    }
    return true;
  }
  std::uint32_t add_name(const std::string& name, Type t, Phase p) {
    if (names_.contains(name)) return names_.lookup(name)->slot;
    return names_.add(name, t, p);
  }
  /// Registers an expression attribute to compile later. Returns the site index or -1.
  int site(pugi::xml_node n, const char* attr_name, Type expected, Phase phase, const char* what,
           std::function<std::optional<Program>&(Model&)> target) {
    if (!has(n, attr_name)) return -1;
    auto [off, raw] = attr_span(n, attr_name);
    Site s;
    s.text = attr(n, attr_name);
    s.offset = off;
    s.raw = raw;
    s.expected = expected;
    s.phase = phase;
    s.what = what;
    s.target = std::move(target);
    sites_.push_back(std::move(s));
    return static_cast<int>(sites_.size() - 1);
  }
  /// Compiles a site; `final` also stores the program and reports errors.
  bool compile(Site& s, bool final);
  detail::Template parse_template(pugi::xml_node n, std::function<detail::Template&(Model&)> where);

  // --- sections ------------------------------------------------------------
  void read_root(pugi::xml_node root);
  void read_meta(pugi::xml_node meta);
  void read_questionnaire(pugi::xml_node q);
  void read_section(pugi::xml_node n, int parent, std::vector<detail::Section::Item>& into);
  void read_question(pugi::xml_node n, int section, std::vector<detail::Section::Item>& into);
  void read_derived(pugi::xml_node n);
  void read_scoring(pugi::xml_node n);
  int read_dimension(pugi::xml_node n, int parent);
  int read_indicator(pugi::xml_node n, int dimension);
  void read_gates(pugi::xml_node n);
  void read_checks(pugi::xml_node n);
  void read_grades(pugi::xml_node n);
  std::vector<detail::Basis> read_basis(pugi::xml_node parent);
  void read_variant(detail::Variants& v, pugi::xml_node n, Phase phase,
                    std::function<detail::Variants&(Model&)> where);
  void register_result_names();
  void order_questions_and_derived();
  void compute_indicator_max(detail::Indicator& ind, pugi::xml_node n);

  // Overlays.
  void apply_overlay(pugi::xml_node target_root, pugi::xml_node overlay_root);
  void index_ids(pugi::xml_node n, std::unordered_map<std::string, pugi::xml_node>& into) const;
  void record_origin(pugi::xml_node copy, pugi::xml_node original);

  std::string all_;                       // every source, concatenated
  std::string_view text_;                 // = all_
  std::vector<std::size_t> bases_;        // start of each source in all_ (+ end)
  std::vector<std::string> files_, shas_;
  std::vector<util::SourceMap> maps_;
  std::vector<std::unique_ptr<pugi::xml_document>> docs_;
  std::unordered_map<pugi::xml_node_struct*, pugi::xml_node> origin_;
  struct AttrKeyHash {
    std::size_t operator()(const std::pair<pugi::xml_node_struct*, std::string>& k) const {
      return std::hash<const void*>{}(k.first) ^ std::hash<std::string>{}(k.second);
    }
  };
  std::unordered_map<std::pair<pugi::xml_node_struct*, std::string>, pugi::xml_node, AttrKeyHash> set_origin_;
  std::vector<Diagnostic> diags_;
  std::shared_ptr<Model> m_ = std::make_shared<Model>();
  detail::NameTable names_;
  std::unordered_map<std::string, int> ids_;   // id -> line
  std::vector<Site> sites_;
  // Graph nodes: which sites belong to question applicability / derived values.
  std::vector<int> section_when_site_, question_when_site_, derived_site_;
  std::vector<std::size_t> question_offset_, derived_offset_;
  // Scoring option references resolved after the questionnaire is read.
  struct OptionRef {
    int indicator;
    std::string question;
    std::size_t offset;
    std::vector<std::pair<std::string, std::size_t>> values;  // value, offset
  };
  std::vector<OptionRef> option_refs_;
  std::vector<pugi::xml_node> indicator_nodes_;
  RulesetLimits limits_;
};

// ---------------------------------------------------------------------------

namespace {
/// Names the ruleset limit behind an expression parser error, if any.
const char* limit_name(std::string_view message) {
  if (message.starts_with("expression too long")) return " (limit expression-length)";
  if (message.starts_with("expression nested too deeply")) return " (limit expression-depth)";
  return "";
}
}  // namespace

bool Reader::compile(Site& s, bool final) {
  expr::Limits el;
  el.max_length = limits_.max_expression_length;
  el.max_depth = limits_.max_expression_depth;
  expr::CompileResult r = expr::compile(s.text, names_, s.expected, el);
  if (!r) {
    if (final)
      for (const expr::Diagnostic& d : r.errors) {
        std::size_t off = s.offset + raw_offset(s.raw, d.offset);
        std::size_t end = s.offset + raw_offset(s.raw, d.offset + d.length);
        error("expression", off, fmt::format("in {}: {}{}", s.what, d.message, limit_name(d.message)),
              end > off ? end - off : 1);
      }
    return false;
  }
  auto deps = r.program->dependencies();
  s.deps.assign(deps.begin(), deps.end());
  if (!final) return true;
  bool ok = true;
  for (std::uint32_t slot : s.deps) {
    const auto& e = names_.entry(slot);
    if (e.phase <= s.phase) continue;
    std::size_t at = s.text.find(e.name);
    std::size_t off = s.offset + raw_offset(s.raw, at == std::string::npos ? 0 : at);
    error("unavailable-name", off,
          fmt::format("'{}' cannot be used in {}: it is computed later, in the {} step", e.name, s.what,
                      describe(e.phase)),
          e.name.size());
    ok = false;
  }
  if (ok) s.target(*m_) = std::move(r.program);
  return ok;
}

detail::Template Reader::parse_template(pugi::xml_node n, std::function<detail::Template&(Model&)> where) {
  detail::Template t;
  std::string s = text_content(n);
  t.source = s;
  std::size_t text_off = node_offset(n);
  for (pugi::xml_node c : n.children())
    if (c.type() == pugi::node_pcdata) {
      text_off = offset_of(c);
      break;
    }
  std::string lit;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if ((c == '{' || c == '}') && i + 1 < s.size() && s[i + 1] == c) {
      lit += c;
      ++i;
      continue;
    }
    if (c == '}') {
      error("template", text_off, "unmatched '}' in text (write '}}' for a literal brace)");
      continue;
    }
    if (c != '{') {
      lit += c;
      continue;
    }
    std::size_t close = s.find('}', i + 1);
    if (close == std::string::npos) {
      error("template", text_off, "unclosed '{' in text (write '{{' for a literal brace)");
      break;
    }
    if (!lit.empty()) t.pieces.push_back({std::move(lit), std::nullopt}), lit.clear();
    std::string ex = s.substr(i + 1, close - i - 1);
    std::size_t piece = t.pieces.size();
    t.pieces.push_back({{}, std::nullopt});
    // Locate the placeholder in the raw file text for error positions.
    std::size_t found = text_.find(ex, text_off);
    Site st;
    st.text = ex;
    st.offset = found == std::string_view::npos ? text_off : found;
    st.raw = text_.substr(st.offset, ex.size());
    st.expected = Type::Any;
    st.phase = Phase::grades;
    st.what = "a message placeholder";
    st.target = [where, piece](Model& m) -> std::optional<Program>& { return where(m).pieces[piece].expr; };
    sites_.push_back(std::move(st));
    i = close;
  }
  if (!lit.empty()) t.pieces.push_back({std::move(lit), std::nullopt});
  return t;
}

// --- root and meta -----------------------------------------------------------

void Reader::read_root(pugi::xml_node root) {
  check_attrs(root, {"id", "version", "format", "lang", "langs", "extends"});
  m_->id = required_attr(root, "id");
  if (has(root, "id") && !is_ruleset_id(m_->id))
    error("bad-id", attr_offset(root, "id"), fmt::format("ruleset id '{}' must match [a-z0-9][a-z0-9-]*", m_->id));
  m_->version = required_attr(root, "version");
  std::string format = required_attr(root, "format");
  if (has(root, "format") && format != "1")
    error("unsupported-format", attr_offset(root, "format"),
          fmt::format("ruleset format '{}' is not supported (this zice reads format 1)", format));
  m_->default_lang = has(root, "lang") ? attr(root, "lang") : "zh-CN";
  std::string langs = attr(root, "langs");
  for (std::size_t i = 0; i < langs.size();) {
    std::size_t j = langs.find(' ', i);
    if (j == std::string::npos) j = langs.size();
    if (j > i) m_->langs.push_back(langs.substr(i, j - i));
    i = j + 1;
  }
  if (m_->langs.empty()) m_->langs.push_back(m_->default_lang);

  bool seen_meta = false, seen_q = false;
  for (pugi::xml_node c : root.children()) {
    if (!check_child(c, {"meta", "questionnaire", "derived", "scoring", "gates", "checks", "grades", "overlay"}))
      continue;
    std::string_view cn = c.name();
    if (cn == "overlay") {
      error("overlay-without-base", node_offset(c), "<overlay> is only allowed in a ruleset with an 'extends' attribute");
      continue;
    }
    if (cn == "meta") seen_meta = true, read_meta(c);
    else if (cn == "questionnaire") seen_q = true, read_questionnaire(c);
    else if (cn == "derived") read_derived(c);
    else if (cn == "scoring") read_scoring(c);
    else if (cn == "gates") read_gates(c);
    else if (cn == "checks") read_checks(c);
    else if (cn == "grades") read_grades(c);
  }
  if (!seen_meta) error("missing-element", node_offset(root), "<ruleset> needs a <meta> element");
  if (!seen_q) error("missing-element", node_offset(root), "<ruleset> needs a <questionnaire> element");
}

void Reader::read_meta(pugi::xml_node meta) {
  check_attrs(meta, {});
  locate(m_->meta_at, meta);
  for (pugi::xml_node c : meta.children()) {
    if (!check_child(c, {"title", "description", "standard", "effective", "publisher", "confidence",
                         "interpretation", "suppress"}))
      continue;
    std::string_view cn = c.name();
    if (cn == "title") add_text(m_->title, c);
    else if (cn == "description") add_text(m_->description, c);
    else if (cn == "publisher") add_text(m_->publisher, c);
    else if (cn == "suppress") {
      check_attrs(c, {"code", "target"});
      detail::Suppression sup{required_attr(c, "code"), attr(c, "target"), text_content(c)};
      locate(sup, c);
      if (sup.reason.empty())
        error("missing-reason", node_offset(c), "<suppress> needs a reason as its text (why the warning does not apply)");
      m_->suppressions.push_back(std::move(sup));
    }
    else if (cn == "standard") {
      check_attrs(c, {"number", "issuer", "title", "annex", "version", "url", "confidence"});
      m_->standards.push_back({required_attr(c, "number"), attr(c, "issuer"), attr(c, "title"), attr(c, "annex"),
                               attr(c, "version"), attr(c, "url"), attr(c, "confidence"), text_content(c)});
    } else if (cn == "effective") {
      check_attrs(c, {"from", "to"});
      locate(m_->effective_at, c);
      m_->effective_from = date_attr(c, "from");
      m_->effective_to = date_attr(c, "to");
      if (!m_->effective_from.empty() && !m_->effective_to.empty() && m_->effective_to < m_->effective_from)
        error("bad-date", attr_offset(c, "to"), "effective 'to' is before 'from'");
    } else if (cn == "confidence") {
      check_attrs(c, {"level"});
      m_->confidence_level = required_attr(c, "level");
      m_->confidence_text.items.emplace_back(m_->default_lang, text_content(c));
    } else if (cn == "interpretation") {
      check_attrs(c, {"id", "xml:lang"});
      std::string id = required_attr(c, "id");
      auto it = std::find_if(m_->interpretations.begin(), m_->interpretations.end(),
                             [&](const detail::Interpretation& i) { return i.id == id; });
      if (it == m_->interpretations.end()) {
        m_->interpretations.push_back({id, {}});
        it = m_->interpretations.end() - 1;
        locate(*it, c);
      }
      it->text.items.emplace_back(lang_of(c), text_content(c));
    }
  }
  if (m_->title.empty()) error("missing-element", node_offset(meta), "<meta> needs a <title>");
}

// --- questionnaire -------------------------------------------------------------

void Reader::read_questionnaire(pugi::xml_node q) {
  check_attrs(q, {});
  for (pugi::xml_node c : q.children()) {
    if (!check_child(c, {"section", "question"})) continue;
    if (std::string_view(c.name()) == "section")
      read_section(c, -1, m_->top_items);
    else
      read_question(c, -1, m_->top_items);
  }
  if (m_->questions.empty()) error("missing-element", node_offset(q), "<questionnaire> has no questions");
}

void Reader::read_section(pugi::xml_node n, int parent, std::vector<detail::Section::Item>& into) {
  check_attrs(n, {"id", "when"});
  int idx = static_cast<int>(m_->sections.size());
  m_->sections.emplace_back();
  m_->sections[idx].id = required_attr(n, "id");
  locate(m_->sections[idx], n);
  m_->sections[idx].parent = parent;
  // Section ids live in their own namespace (they are not names in expressions).
  section_when_site_.push_back(site(n, "when", Type::Bool, Phase::derived, "a section condition",
                                    [idx](Model& m) -> std::optional<Program>& { return m.sections[idx].when; }));
  into.push_back({true, idx});
  std::vector<detail::Section::Item> items;
  for (pugi::xml_node c : n.children()) {
    if (!check_child(c, {"title", "help", "section", "question"})) continue;
    std::string_view cn = c.name();
    if (cn == "title") add_text(m_->sections[idx].title, c);
    else if (cn == "help") add_text(m_->sections[idx].help, c);
    else if (cn == "section") read_section(c, idx, items);
    else read_question(c, idx, items);
  }
  m_->sections[idx].items = std::move(items);
  if (m_->sections[idx].title.empty()) error("missing-element", node_offset(n), "<section> needs a <title>");
}

void Reader::read_question(pugi::xml_node n, int section, std::vector<detail::Section::Item>& into) {
  using detail::QuestionType;
  check_attrs(n, {"id", "type", "required", "when", "unit", "min", "max", "max-length", "min-selected",
                  "max-selected"});
  int idx = static_cast<int>(m_->questions.size());
  m_->questions.emplace_back();
  detail::Question q;
  q.id = required_attr(n, "id");
  locate(q, n);
  q.section = section;
  std::string type = required_attr(n, "type");
  static const std::pair<const char*, QuestionType> kTypes[] = {
      {"boolean", QuestionType::boolean}, {"choice", QuestionType::choice},
      {"multi-choice", QuestionType::multi_choice}, {"integer", QuestionType::integer},
      {"number", QuestionType::number}, {"text", QuestionType::text}, {"date", QuestionType::date}};
  bool known = false;
  for (auto& [name, t] : kTypes)
    if (type == name) q.type = t, known = true;
  if (!known && has(n, "type"))
    error("bad-type", attr_offset(n, "type"),
          fmt::format("unknown question type '{}' (boolean, choice, multi-choice, integer, number, text, date)", type),
          type.size());
  q.required = bool_attr(n, "required", true);
  q.unit = attr(n, "unit");
  q.min = decimal_attr(n, "min");
  q.max = decimal_attr(n, "max");
  if (q.min && q.max && *q.max < *q.min) error("bad-range", attr_offset(n, "max"), "max is less than min");
  q.max_length = int_attr(n, "max-length");
  q.min_selected = int_attr(n, "min-selected");
  q.max_selected = int_attr(n, "max-selected");
  bool numeric = q.type == QuestionType::integer || q.type == QuestionType::number;
  bool choice = q.type == QuestionType::choice || q.type == QuestionType::multi_choice;
  if (!numeric && (q.min || q.max))
    warning("ignored-attribute", node_offset(n), "min/max apply only to integer and number questions");
  if (q.type != QuestionType::multi_choice && (q.min_selected || q.max_selected))
    warning("ignored-attribute", node_offset(n), "min-selected/max-selected apply only to multi-choice questions");
  if (!q.id.empty() && declare_id(n, q.id, "question")) {
    Type t = Type::String;
    switch (q.type) {
      case QuestionType::boolean: t = Type::Bool; break;
      case QuestionType::multi_choice: t = Type::List; break;
      case QuestionType::integer:
      case QuestionType::number: t = Type::Number; break;
      case QuestionType::date: t = Type::Date; break;
      default: t = Type::String;
    }
    q.slot = names_.add(q.id, t, Phase::answers);
    m_->question_index.emplace(q.id, idx);
  }
  question_when_site_.push_back(site(n, "when", Type::Bool, Phase::derived, "a question condition",
                                     [idx](Model& m) -> std::optional<Program>& { return m.questions[idx].when; }));
  question_offset_.push_back(node_offset(n));
  for (pugi::xml_node c : n.children()) {
    if (!check_child(c, {"label", "help", "option", "constraint"})) continue;
    std::string_view cn = c.name();
    if (cn == "label") add_text(q.label, c);
    else if (cn == "help") add_text(q.help, c);
    else if (cn == "option") {
      check_attrs(c, {"value", "exclusive"});
      detail::Option o;
      locate_row(o, c);
      o.value = required_attr(c, "value");
      if (has(c, "value") && !is_id(o.value, true))
        error("bad-id", attr_offset(c, "value"),
              fmt::format("option value '{}' must match [A-Za-z0-9_][A-Za-z0-9_-]*", o.value), o.value.size());
      if (q.find_option(o.value))
        error("duplicate-id", attr_offset(c, "value"), fmt::format("duplicate option value '{}'", o.value));
      o.exclusive = bool_attr(c, "exclusive", false);
      bool long_form = false;
      for (pugi::xml_node oc : c.children()) {
        if (!check_child(oc, {"label", "help"})) continue;
        long_form = true;
        if (std::string_view(oc.name()) == "label") add_text(o.label, oc);
        else add_text(o.help, oc);
      }
      if (!long_form) o.label.items.emplace_back(m_->default_lang, text_content(c));
      if (o.label.empty() || o.label.items.front().second.empty())
        error("missing-element", node_offset(c), fmt::format("option '{}' needs a label", o.value));
      q.options.push_back(std::move(o));
    } else {
      check_attrs(c, {"test"});
      std::size_t ci = q.constraints.size();
      detail::Constraint k;
      bool has_messages = false;
      for (pugi::xml_node mc : c.children())
        if (check_child(mc, {"message"})) has_messages = true, add_text(k.message, mc);
      if (!has_messages) k.message.items.emplace_back(m_->default_lang, text_content(c));
      q.constraints.push_back(std::move(k));
      if (!has(c, "test")) required_attr(c, "test");
      site(c, "test", Type::Bool, Phase::derived, "a constraint",
           [idx, ci](Model& m) -> std::optional<Program>& { return m.questions[idx].constraints[ci].test; });
    }
  }
  if (q.label.empty()) error("missing-element", node_offset(n), "<question> needs a <label>");
  if (choice && q.options.empty())
    error("missing-element", node_offset(n), fmt::format("{} question '{}' needs <option> elements", type, q.id));
  if (!choice && !q.options.empty())
    error("unexpected-element", node_offset(n), fmt::format("options are only allowed on choice questions"));
  m_->questions[idx] = std::move(q);
  into.push_back({false, idx});
}


// --- derived values --------------------------------------------------------------

void Reader::read_derived(pugi::xml_node n) {
  check_attrs(n, {});
  for (pugi::xml_node c : n.children()) {
    if (!check_child(c, {"value"})) continue;
    check_attrs(c, {"id", "expr", "unit", "type"});
    int idx = static_cast<int>(m_->derived.size());
    detail::Derived d;
    locate(d, c);
    d.id = required_attr(c, "id");
    d.unit = attr(c, "unit");
    for (pugi::xml_node lc : c.children())
      if (check_child(lc, {"label"})) add_text(d.label, lc);
    Type declared = Type::Any;
    if (has(c, "type")) {
      std::string t = attr(c, "type");
      static const std::pair<const char*, Type> kT[] = {{"boolean", Type::Bool}, {"number", Type::Number},
                                                        {"string", Type::String}, {"date", Type::Date},
                                                        {"list", Type::List}};
      bool ok = false;
      for (auto& [nm, ty] : kT)
        if (t == nm) declared = ty, ok = true;
      if (!ok) error("bad-type", attr_offset(c, "type"), fmt::format("unknown derived type '{}'", t), t.size());
    }
    if (!d.id.empty() && declare_id(c, d.id, "derived value")) d.slot = names_.add(d.id, Type::Any, Phase::derived);
    if (!has(c, "expr")) required_attr(c, "expr");
    int s = site(c, "expr", declared, Phase::derived, "a derived value",
                 [idx](Model& m) -> std::optional<Program>& { return m.derived[idx].expr; });
    derived_site_.push_back(s);
    derived_offset_.push_back(node_offset(c));
    m_->derived.push_back(std::move(d));
  }
}

// --- scoring ---------------------------------------------------------------------

void Reader::read_scoring(pugi::xml_node n) {
  check_attrs(n, {"total-max"});
  m_->has_scoring = true;
  locate(m_->scoring_at, n);
  m_->declared_total_max = decimal_attr(n, "total-max");
  for (pugi::xml_node c : n.children()) {
    if (!check_child(c, {"dimension"})) continue;
    m_->top_dimensions.push_back(read_dimension(c, -1));
  }
  if (m_->top_dimensions.empty()) error("missing-element", node_offset(n), "<scoring> needs at least one <dimension>");
}

int Reader::read_dimension(pugi::xml_node n, int parent) {
  check_attrs(n, {"id", "max", "min", "weight", "cap", "when"});
  int idx = static_cast<int>(m_->dimensions.size());
  m_->dimensions.emplace_back();
  detail::Dimension d;
  d.id = required_attr(n, "id");
  locate(d, n);
  d.parent = parent;
  d.declared_max = decimal_attr(n, "max");
  d.min = decimal_attr(n, "min");
  d.cap = decimal_attr(n, "cap");
  if (auto w = decimal_attr(n, "weight")) d.weight = *w;
  if (!d.id.empty() && declare_id(n, d.id, "dimension")) {
    d.score_slot = add_name("score." + d.id, Type::Number, Phase::scoring);
    d.max_slot = add_name("max." + d.id, Type::Number, Phase::scoring);
    d.percent_slot = add_name("percent." + d.id, Type::Number, Phase::scoring);
    if (d.min) d.min_met_slot = add_name("min_met." + d.id, Type::Bool, Phase::scoring);
  }
  site(n, "when", Type::Bool, Phase::derived, "a dimension condition",
       [idx](Model& m) -> std::optional<Program>& { return m.dimensions[idx].when; });
  m_->dimensions[idx] = std::move(d);
  std::vector<detail::Dimension::Child> children;
  for (pugi::xml_node c : n.children()) {
    if (!check_child(c, {"title", "help", "dimension", "indicator"})) continue;
    std::string_view cn = c.name();
    if (cn == "title") add_text(m_->dimensions[idx].title, c);
    else if (cn == "help") add_text(m_->dimensions[idx].help, c);
    else if (cn == "dimension") children.push_back({true, read_dimension(c, idx)});
    else children.push_back({false, read_indicator(c, idx)});
  }
  m_->dimensions[idx].children = std::move(children);
  if (m_->dimensions[idx].title.empty()) error("missing-element", node_offset(n), "<dimension> needs a <title>");
  if (m_->dimensions[idx].children.empty())
    error("missing-element", node_offset(n), "<dimension> needs at least one <indicator> or <dimension>");
  return idx;
}

int Reader::read_indicator(pugi::xml_node n, int dimension) {
  using Method = detail::Indicator::Method;
  check_attrs(n, {"id", "max", "weight", "when"});
  int idx = static_cast<int>(m_->indicators.size());
  m_->indicators.emplace_back();
  indicator_nodes_.push_back(n);
  detail::Indicator ind;
  ind.id = required_attr(n, "id");
  locate(ind, n);
  ind.dimension = dimension;
  ind.declared_max = decimal_attr(n, "max");
  if (auto w = decimal_attr(n, "weight")) ind.weight = *w;
  if (!ind.id.empty() && declare_id(n, ind.id, "indicator"))
    ind.slot = add_name("points." + ind.id, Type::Number, Phase::scoring);
  site(n, "when", Type::Bool, Phase::derived, "an indicator condition",
       [idx](Model& m) -> std::optional<Program>& { return m.indicators[idx].when; });
  int methods = 0;
  for (pugi::xml_node c : n.children()) {
    if (!check_child(c, {"title", "help", "options", "bands", "formula"})) continue;
    std::string_view cn = c.name();
    if (cn == "title") add_text(ind.title, c);
    else if (cn == "help") add_text(ind.help, c);
    else if (cn == "options") {
      ++methods;
      ind.method = Method::options;
      check_attrs(c, {"question", "cap"});
      ind.cap = decimal_attr(c, "cap");
      OptionRef ref{idx, required_attr(c, "question"), attr_offset(c, "question"), {}};
      for (pugi::xml_node o : c.children()) {
        if (!check_child(o, {"option"})) continue;
        check_attrs(o, {"value", "points"});
        std::string v = required_attr(o, "value");
        auto pts = decimal_attr(o, "points");
        if (!has(o, "points")) required_attr(o, "points");
        ref.values.emplace_back(v, attr_offset(o, "value"));
        detail::OptionPoints op{v, pts.value_or(Decimal())};
        locate_row(op, o);
        ind.option_points.push_back(std::move(op));
      }
      option_refs_.push_back(std::move(ref));
    } else if (cn == "bands") {
      ++methods;
      ind.method = Method::bands;
      check_attrs(c, {"of", "unit"});
      ind.unit = attr(c, "unit");
      if (!has(c, "of")) required_attr(c, "of");
      site(c, "of", Type::Number, Phase::derived, "a band input",
           [idx](Model& m) -> std::optional<Program>& { return m.indicators[idx].of; });
      for (pugi::xml_node b : c.children()) {
        if (!check_child(b, {"band"})) continue;
        check_attrs(b, {"ge", "gt", "lt", "le", "points", "label"});
        detail::Band band;
        locate_row(band, b);
        if (has(b, "ge") && has(b, "gt"))
          error("bad-band", node_offset(b), "a band has either 'ge' or 'gt', not both");
        if (has(b, "lt") && has(b, "le"))
          error("bad-band", node_offset(b), "a band has either 'lt' or 'le', not both");
        if (has(b, "ge")) band.lo = decimal_attr(b, "ge"), band.lo_inclusive = true, band.lo_text = attr(b, "ge");
        else if (has(b, "gt")) band.lo = decimal_attr(b, "gt"), band.lo_inclusive = false, band.lo_text = attr(b, "gt");
        if (has(b, "lt")) band.hi = decimal_attr(b, "lt"), band.hi_inclusive = false, band.hi_text = attr(b, "lt");
        else if (has(b, "le")) band.hi = decimal_attr(b, "le"), band.hi_inclusive = true, band.hi_text = attr(b, "le");
        if (band.lo && band.hi && (*band.hi < *band.lo || (*band.hi == *band.lo && !(band.lo_inclusive && band.hi_inclusive))))
          error("bad-band", node_offset(b), "the band is empty: its upper bound is not above its lower bound");
        if (!has(b, "points")) required_attr(b, "points");
        band.points = decimal_attr(b, "points").value_or(Decimal());
        band.label = attr(b, "label");
        ind.bands.push_back(std::move(band));
      }
      if (ind.bands.empty()) error("missing-element", node_offset(c), "<bands> needs at least one <band>");
    } else {
      ++methods;
      ind.method = Method::formula;
      check_attrs(c, {"expr"});
      if (!has(c, "expr")) required_attr(c, "expr");
      site(c, "expr", Type::Number, Phase::derived, "an indicator formula",
           [idx](Model& m) -> std::optional<Program>& { return m.indicators[idx].formula; });
      if (!ind.declared_max)
        error("missing-attribute", node_offset(n), "an indicator scored by <formula> needs a 'max'");
    }
  }
  if (methods != 1)
    error("bad-indicator", node_offset(n),
          fmt::format("indicator '{}' needs exactly one of <options>, <bands>, <formula> (found {})", ind.id, methods));
  if (ind.title.empty()) error("missing-element", node_offset(n), "<indicator> needs a <title>");
  m_->indicators[idx] = std::move(ind);
  return idx;
}

void Reader::compute_indicator_max(detail::Indicator& ind, pugi::xml_node n) {
  using Method = detail::Indicator::Method;
  if (ind.declared_max) {
    ind.max = *ind.declared_max;
    return;
  }
  Decimal best;
  if (ind.method == Method::bands) {
    for (const detail::Band& b : ind.bands) best = Decimal::max(best, b.points);
  } else if (ind.method == Method::options) {
    bool multi = ind.question >= 0 && m_->questions[ind.question].type == detail::QuestionType::multi_choice;
    for (const detail::OptionPoints& o : ind.option_points) {
      if (multi) {
        if (!o.points.is_negative()) best = best + o.points;
      } else {
        best = Decimal::max(best, o.points);
      }
    }
    if (multi && ind.cap) best = Decimal::min(best, *ind.cap);
  }
  (void)n;
  ind.max = best;
}

// --- gates, checks, grades -----------------------------------------------------

std::vector<detail::Basis> Reader::read_basis(pugi::xml_node parent) {
  std::vector<detail::Basis> out;
  for (pugi::xml_node b : parent.children("basis")) {
    check_attrs(b, {"law", "standard", "article", "clause", "version", "effective-from", "effective-to",
                    "confidence", "url"});
    detail::Basis x;
    x.is_standard = !has(b, "law") && has(b, "standard");
    x.name = x.is_standard ? attr(b, "standard") : attr(b, "law");
    if (x.name.empty())
      error("missing-attribute", node_offset(b), "<basis> needs attribute 'law' or 'standard'");
    x.article = has(b, "article") ? attr(b, "article") : attr(b, "clause");
    x.version = attr(b, "version");
    x.effective_from = date_attr(b, "effective-from");
    x.effective_to = date_attr(b, "effective-to");
    x.confidence = attr(b, "confidence");
    x.url = attr(b, "url");
    x.note = text_content(b);
    out.push_back(std::move(x));
  }
  return out;
}

void Reader::read_variant(detail::Variants& v, pugi::xml_node n, Phase phase,
                          std::function<detail::Variants&(Model&)> where) {
  check_attrs(n, {"when", "xml:lang"});
  std::size_t vi = v.size();
  v.push_back({lang_of(n), std::nullopt, {}});
  site(n, "when", Type::Bool, phase, "a text condition",
       [where, vi](Model& m) -> std::optional<Program>& { return where(m)[vi].when; });
  v[vi].text = parse_template(n, [where, vi](Model& m) -> detail::Template& { return where(m)[vi].text; });
}

void Reader::read_gates(pugi::xml_node n) {
  check_attrs(n, {});
  for (pugi::xml_node c : n.children()) {
    if (!check_child(c, {"gate"})) continue;
    check_attrs(c, {"id", "kind", "test", "when"});
    int idx = static_cast<int>(m_->gates.size());
    m_->gates.emplace_back();
    detail::Gate g;
    g.id = required_attr(c, "id");
    locate(g, c);
    std::string kind = has(c, "kind") ? attr(c, "kind") : "mandatory";
    if (kind == "direct") g.kind = detail::GateKind::direct;
    else if (kind != "mandatory")
      error("bad-kind", attr_offset(c, "kind"), fmt::format("gate kind must be 'mandatory' or 'direct', got '{}'", kind));
    if (!g.id.empty() && declare_id(c, g.id, "gate")) g.slot = add_name("gate." + g.id, Type::Bool, Phase::gates);
    if (!has(c, "test")) required_attr(c, "test");
    site(c, "test", Type::Bool, Phase::scoring, "a gate test",
         [idx](Model& m) -> std::optional<Program>& { return m.gates[idx].test; });
    site(c, "when", Type::Bool, Phase::scoring, "a gate condition",
         [idx](Model& m) -> std::optional<Program>& { return m.gates[idx].when; });
    for (pugi::xml_node t : c.children()) {
      if (!check_child(t, {"title", "message", "basis"})) continue;
      std::string_view tn = t.name();
      if (tn == "title") add_text(g.title, t);
      else if (tn == "message")
        read_variant(g.message, t, Phase::grades, [idx](Model& m) -> detail::Variants& { return m.gates[idx].message; });
    }
    g.basis = read_basis(c);
    if (g.title.empty()) error("missing-element", node_offset(c), "<gate> needs a <title>");
    // read_variant filled g.message through the local object; keep it.
    m_->gates[idx] = std::move(g);
  }
}

void Reader::read_checks(pugi::xml_node n) {
  check_attrs(n, {});
  m_->has_checks = true;
  for (pugi::xml_node gn : n.children()) {
    if (!check_child(gn, {"group"})) continue;
    check_attrs(gn, {"id", "when"});
    int gi = static_cast<int>(m_->groups.size());
    m_->groups.emplace_back();
    detail::CheckGroup grp;
    locate(grp, gn);
    grp.id = required_attr(gn, "id");
    if (!grp.id.empty() && declare_id(gn, grp.id, "check group"))
      grp.slot = add_name("compliance." + grp.id, Type::Number, Phase::checks);
    site(gn, "when", Type::Bool, Phase::gates, "a check group condition",
         [gi](Model& m) -> std::optional<Program>& { return m.groups[gi].when; });
    for (pugi::xml_node c : gn.children()) {
      if (!check_child(c, {"title", "help", "check"})) continue;
      std::string_view cn = c.name();
      if (cn == "title") { add_text(grp.title, c); continue; }
      if (cn == "help") { add_text(grp.help, c); continue; }
      check_attrs(c, {"id", "severity", "when", "test"});
      int ci = static_cast<int>(m_->checks.size());
      m_->checks.emplace_back();
      detail::Check k;
      k.id = required_attr(c, "id");
      k.group = gi;
      locate(k, c);
      std::string sev = required_attr(c, "severity");
      static const char* kSev[] = {"critical", "high", "medium", "low", "info"};
      bool ok = false;
      for (int i = 0; i < detail::kSeverityCount; ++i)
        if (sev == kSev[i]) k.severity = static_cast<detail::CheckSeverity>(i), ok = true;
      if (!ok && has(c, "severity"))
        error("bad-severity", attr_offset(c, "severity"),
              fmt::format("severity must be critical, high, medium, low or info, got '{}'", sev), sev.size());
      if (!k.id.empty() && declare_id(c, k.id, "check")) k.slot = add_name("check." + k.id, Type::Bool, Phase::checks);
      if (!has(c, "test")) required_attr(c, "test");
      site(c, "test", Type::Bool, Phase::gates, "a check test",
           [ci](Model& m) -> std::optional<Program>& { return m.checks[ci].test; });
      site(c, "when", Type::Bool, Phase::gates, "a check condition",
           [ci](Model& m) -> std::optional<Program>& { return m.checks[ci].when; });
      m_->checks[ci] = std::move(k);
      for (pugi::xml_node t : c.children()) {
        if (!check_child(t, {"title", "help", "basis", "finding", "remediation", "evidence"})) continue;
        std::string_view tn = t.name();
        detail::Check& kk = m_->checks[ci];
        if (tn == "title") add_text(kk.title, t);
        else if (tn == "help") add_text(kk.help, t);
        else if (tn == "finding")
          read_variant(kk.finding, t, Phase::grades, [ci](Model& m) -> detail::Variants& { return m.checks[ci].finding; });
        else if (tn == "remediation")
          read_variant(kk.remediation, t, Phase::grades,
                       [ci](Model& m) -> detail::Variants& { return m.checks[ci].remediation; });
        else if (tn == "evidence") {
          detail::LocalText e;
          add_text(e, t);
          kk.evidence.push_back(std::move(e));
        }
      }
      detail::Check& kk = m_->checks[ci];
      kk.basis = read_basis(c);
      if (kk.title.empty()) error("missing-element", node_offset(c), "<check> needs a <title>");
      if (kk.finding.empty()) error("missing-element", node_offset(c), "<check> needs a <finding>");
      if (kk.remediation.empty()) error("missing-element", node_offset(c), "<check> needs a <remediation>");
      // A check without <basis> loads; lint reports it (no-basis, which a
      // <suppress> can silence), so the loader does not.
      grp.checks.push_back(ci);
    }
    if (grp.checks.empty()) error("missing-element", node_offset(gn), "<group> needs at least one <check>");
    m_->groups[gi] = std::move(grp);
  }
}

void Reader::read_grades(pugi::xml_node n) {
  check_attrs(n, {"mode"});
  m_->has_grades = true;
  std::string mode = has(n, "mode") ? attr(n, "mode") : "first-match";
  if (mode == "staged") m_->staged = true;
  else if (mode != "first-match")
    error("bad-mode", attr_offset(n, "mode"), fmt::format("grades mode must be 'first-match' or 'staged', got '{}'", mode));
  for (pugi::xml_node c : n.children()) {
    if (!check_child(c, {"grade"})) continue;
    check_attrs(c, {"id", "when", "tone"});
    int gi = static_cast<int>(m_->grades.size());
    m_->grades.emplace_back();
    m_->grades[gi].id = required_attr(c, "id");
    if (has(c, "tone")) {
      std::string tone = attr(c, "tone");
      if (tone == "good" || tone == "fair" || tone == "poor" || tone == "neutral")
        m_->grades[gi].tone = tone;
      else
        error("bad-tone", attr_offset(c, "tone"),
              fmt::format("grade tone must be 'good', 'fair', 'poor' or 'neutral', got '{}'", tone),
              std::max<std::size_t>(tone.size(), 1));
    }
    locate(m_->grades[gi], c);
    if (!m_->grades[gi].id.empty()) declare_id(c, m_->grades[gi].id, "grade");
    site(c, "when", Type::Bool, Phase::checks, "a grade condition",
         [gi](Model& m) -> std::optional<Program>& { return m.grades[gi].when; });
    for (pugi::xml_node t : c.children()) {
      if (!check_child(t, {"title", "message", "description"})) continue;
      std::string_view tn = t.name();
      if (tn == "title") add_text(m_->grades[gi].title, t);
      else if (tn == "message")
        read_variant(m_->grades[gi].message, t, Phase::grades,
                     [gi](Model& m) -> detail::Variants& { return m.grades[gi].message; });
      else
        read_variant(m_->grades[gi].description, t, Phase::grades,
                     [gi](Model& m) -> detail::Variants& { return m.grades[gi].description; });
    }
    if (m_->grades[gi].title.empty()) error("missing-element", node_offset(c), "<grade> needs a <title>");
  }
  if (m_->grades.empty()) error("missing-element", node_offset(n), "<grades> needs at least one <grade>");
}

// --- names computed by the engine ---------------------------------------------------

void Reader::register_result_names() {
  m_->date_slot = add_name("assessment.date", Type::Date, Phase::answers);
  if (m_->has_scoring) {
    m_->total_score_slot = add_name("score.total", Type::Number, Phase::scoring);
    m_->total_max_slot = add_name("max.total", Type::Number, Phase::scoring);
    m_->total_percent_slot = add_name("percent.total", Type::Number, Phase::scoring);
    m_->minimums_met_slot = add_name("minimums.met", Type::Bool, Phase::scoring);
  }
  m_->gates_mandatory_slot = add_name("gates.mandatory", Type::Bool, Phase::gates);
  m_->gates_direct_slot = add_name("gates.direct", Type::Bool, Phase::gates);
  if (m_->has_checks) {
    static const char* kSev[] = {"critical", "high", "medium", "low", "info"};
    for (int i = 0; i < detail::kSeverityCount; ++i)
      m_->findings_slots[i] = add_name(std::string("findings.") + kSev[i], Type::Number, Phase::checks);
    m_->findings_total_slot = add_name("findings.total", Type::Number, Phase::checks);
    m_->compliance_percent_slot = add_name("compliance.percent", Type::Number, Phase::checks);
  }
}

// --- dependency order of questions and derived values ----------------------------------

void Reader::order_questions_and_derived() {
  const std::size_t nq = m_->questions.size(), nd = m_->derived.size();
  // Node ids: questions [0, nq), derived [nq, nq + nd).
  std::unordered_map<std::uint32_t, std::size_t> node_of_slot;
  for (std::size_t i = 0; i < nq; ++i)
    if (m_->questions[i].slot != detail::kNoSlot) node_of_slot[m_->questions[i].slot] = i;
  for (std::size_t i = 0; i < nd; ++i)
    if (m_->derived[i].slot != detail::kNoSlot) node_of_slot[m_->derived[i].slot] = nq + i;

  std::vector<std::vector<std::size_t>> deps(nq + nd);
  auto add_deps = [&](std::size_t node, int site_index) {
    if (site_index < 0) return;
    Site& s = sites_[site_index];
    compile(s, false);  // derived values are still typed `any` here
    for (std::uint32_t slot : s.deps) {
      auto it = node_of_slot.find(slot);
      if (it != node_of_slot.end() && it->second != node) deps[node].push_back(it->second);
    }
  };
  for (std::size_t i = 0; i < nq; ++i) {
    add_deps(i, question_when_site_[i]);
    for (int sec = m_->questions[i].section; sec >= 0; sec = m_->sections[sec].parent)
      add_deps(i, section_when_site_[sec]);
  }
  for (std::size_t i = 0; i < nd; ++i) {
    add_deps(nq + i, derived_site_[i]);
    // A derived value that reads itself is a cycle of length one.
    if (derived_site_[i] >= 0)
      for (std::uint32_t slot : sites_[derived_site_[i]].deps)
        if (slot == m_->derived[i].slot) deps[nq + i].push_back(nq + i);
  }

  auto node_name = [&](std::size_t v) { return v < nq ? m_->questions[v].id : m_->derived[v - nq].id; };
  auto node_off = [&](std::size_t v) { return v < nq ? question_offset_[v] : derived_offset_[v - nq]; };
  enum : std::uint8_t { white, grey, black };
  std::vector<std::uint8_t> colour(nq + nd, white);
  std::vector<std::size_t> stack;
  bool cycle_reported = false;
  std::function<void(std::size_t)> visit = [&](std::size_t v) {
    colour[v] = grey;
    stack.push_back(v);
    for (std::size_t w : deps[v]) {
      if (colour[w] == grey) {
        if (!cycle_reported) {
          std::string path;
          auto it = std::find(stack.begin(), stack.end(), w);
          for (; it != stack.end(); ++it) path += node_name(*it) + " -> ";
          path += node_name(w);
          error("cycle", node_off(w), fmt::format("dependency cycle: {}", path));
          cycle_reported = true;
        }
      } else if (colour[w] == white) {
        visit(w);
      }
    }
    stack.pop_back();
    colour[v] = black;
    m_->steps.push_back({v < nq, static_cast<int>(v < nq ? v : v - nq)});
  };
  for (std::size_t v = 0; v < nq + nd; ++v)
    if (colour[v] == white) visit(v);

  // Compile for real in dependency order, giving each derived value its type.
  for (const detail::EvalStep& st : m_->steps) {
    if (st.is_question) continue;
    int si = derived_site_[st.index];
    if (si < 0 || cycle_reported) continue;
    if (compile(sites_[si], true) && m_->derived[st.index].slot != detail::kNoSlot) {
      const auto& prog = m_->derived[st.index].expr;
      if (prog) names_.set_type(m_->derived[st.index].slot, prog->type());
    }
  }
}

// --- overlays -------------------------------------------------------------------------

void Reader::record_origin(pugi::xml_node copy, pugi::xml_node original) {
  origin_[copy.internal_object()] = original;
  pugi::xml_node c = copy.first_child(), o = original.first_child();
  for (; c && o; c = c.next_sibling(), o = o.next_sibling()) record_origin(c, o);
}

void Reader::index_ids(pugi::xml_node n, std::unordered_map<std::string, pugi::xml_node>& into) const {
  static const std::set<std::string_view> kIdElements = {"section", "question", "value", "dimension", "indicator",
                                                         "gate", "group", "check", "grade"};
  for (pugi::xml_node c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (kIdElements.count(c.name()) && !c.attribute("id").empty()) into.emplace(c.attribute("id").as_string(), c);
    index_ids(c, into);
  }
}

// Applies one overlay file onto the DOM of the ruleset it extends:
//   root attributes id/version/lang/langs replace the base's;
//   <meta>: title, description, publisher, effective and confidence replace the
//     base's when present; standards, interpretations (same id replaces) and
//     suppressions are added;
//   <overlay>: <replace ref>, <add to [before]>, <remove ref>, <set ref attr value
//     [band="N"] [option="v"]> edit elements by id.
void Reader::apply_overlay(pugi::xml_node target, pugi::xml_node overlay) {
  for (const char* a : {"id", "version", "lang", "langs"}) {
    if (overlay.attribute(a).empty()) continue;
    pugi::xml_attribute t = target.attribute(a);
    if (t.empty()) t = target.append_attribute(a);
    t.set_value(overlay.attribute(a).value());
    origin_[target.internal_object()] = overlay;  // diagnostics about the root point at the overlay
  }
  pugi::xml_node tmeta = target.child("meta");
  if (pugi::xml_node ometa = overlay.child("meta")) {
    if (!tmeta) tmeta = target.prepend_child("meta");
    for (const char* name : {"title", "description", "publisher", "effective", "confidence"}) {
      if (!ometa.child(name)) continue;
      while (pugi::xml_node old = tmeta.child(name)) tmeta.remove_child(old);
    }
    for (pugi::xml_node c : ometa.children()) {
      if (c.type() != pugi::node_element) continue;
      if (std::string_view(c.name()) == "interpretation")
        for (pugi::xml_node old : tmeta.children("interpretation"))
          if (std::string_view(old.attribute("id").as_string()) == c.attribute("id").as_string()) {
            tmeta.remove_child(old);
            break;
          }
      record_origin(tmeta.append_copy(c), c);
    }
  }
  std::unordered_map<std::string, pugi::xml_node> ids;
  index_ids(target, ids);
  auto find = [&](pugi::xml_node op, const char* attr_name) -> pugi::xml_node {
    std::string ref = attr(op, attr_name);
    auto it = ids.find(ref);
    if (it != ids.end()) return it->second;
    error("overlay-unknown-ref", attr_offset(op, attr_name),
          fmt::format("the extended ruleset has no element with id '{}'", ref), std::max<std::size_t>(ref.size(), 1));
    return {};
  };
  for (pugi::xml_node c : overlay.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view cn = c.name();
    if (cn == "meta") continue;
    if (cn != "overlay") {
      error("overlay-content", node_offset(c),
            fmt::format("a ruleset with 'extends' contains only <meta> and <overlay>; put <{}> changes inside "
                        "<overlay> (<add>, <replace>, <remove>, <set>)", cn), cn.size() + 1);
      continue;
    }
    for (pugi::xml_node op : c.children()) {
      if (!check_child(op, {"replace", "add", "remove", "set"})) continue;
      std::string_view on = op.name();
      if (on == "remove") {
        check_attrs(op, {"ref"});
        if (pugi::xml_node t = find(op, "ref")) t.parent().remove_child(t);
        ids.clear();
        index_ids(target, ids);
      } else if (on == "replace") {
        check_attrs(op, {"ref"});
        pugi::xml_node t = find(op, "ref");
        pugi::xml_node with = op.find_child([](pugi::xml_node x) { return x.type() == pugi::node_element; });
        if (!with) {
          error("overlay-content", node_offset(op), "<replace> needs the new element inside it");
          continue;
        }
        if (t) {
          record_origin(t.parent().insert_copy_after(with, t), with);
          t.parent().remove_child(t);
          ids.clear();
          index_ids(target, ids);
        }
      } else if (on == "add") {
        check_attrs(op, {"to", "before"});
        std::string to = attr(op, "to");
        static const std::set<std::string> kContainers = {"questionnaire", "derived", "scoring", "gates", "checks", "grades"};
        pugi::xml_node container;
        if (kContainers.count(to)) {
          container = target.child(to.c_str());
          if (!container) container = target.append_child(to.c_str());
        } else {
          container = find(op, "to");
        }
        if (!container) continue;
        pugi::xml_node before;
        if (has(op, "before")) before = find(op, "before");
        for (pugi::xml_node x : op.children()) {
          if (x.type() != pugi::node_element) continue;
          pugi::xml_node copy = before && before.parent() == container ? container.insert_copy_before(x, before)
                                                                       : container.append_copy(x);
          record_origin(copy, x);
        }
        ids.clear();
        index_ids(target, ids);
      } else {  // set
        check_attrs(op, {"ref", "attr", "value", "band", "option"});
        pugi::xml_node t = find(op, "ref");
        if (!t) continue;
        if (has(op, "band")) {
          int want = op.attribute("band").as_int(), i = 0;
          pugi::xml_node hit;
          for (pugi::xml_node b : t.child("bands").children("band"))
            if (++i == want) hit = b;
          if (!hit) {
            error("overlay-unknown-ref", attr_offset(op, "band"),
                  fmt::format("'{}' has no band number {} (bands are numbered from 1)", attr(op, "ref"), want));
            continue;
          }
          t = hit;
        } else if (has(op, "option")) {
          std::string v = attr(op, "option");
          pugi::xml_node hit;
          for (pugi::xml_node o : t.child("options").children("option"))
            if (v == o.attribute("value").as_string()) hit = o;
          for (pugi::xml_node o : t.children("option"))
            if (v == o.attribute("value").as_string()) hit = o;
          if (!hit) {
            error("overlay-unknown-ref", attr_offset(op, "option"), fmt::format("'{}' has no option '{}'", attr(op, "ref"), v));
            continue;
          }
          t = hit;
        }
        std::string name = required_attr(op, "attr");
        if (name.empty() || !has(op, "value")) {
          required_attr(op, "value");
          continue;
        }
        pugi::xml_attribute a = t.attribute(name.c_str());
        if (a.empty()) a = t.append_attribute(name.c_str());
        a.set_value(op.attribute("value").value());
        set_origin_[{t.internal_object(), name}] = op;
      }
    }
  }
}

// --- the whole document ----------------------------------------------------------------

std::shared_ptr<const Model> Reader::run() {
  m_->file = files_[0];
  m_->sha256 = shas_[0];
  for (std::size_t k = 0; k + 1 < bases_.size(); ++k) {
    auto doc = std::make_unique<pugi::xml_document>();
    std::string_view slice = text_.substr(bases_[k], bases_[k + 1] - bases_[k] - 1);
    if (std::size_t bad = util::invalid_utf8_offset(slice); bad != std::string_view::npos) {
      error("encoding", bases_[k] + bad, "the file is not valid UTF-8 (invalid byte sequence here)");
      return nullptr;
    }
    // parse_doctype only so that a DTD can be found and refused (scan_limits):
    // pugixml never expands DTD entities nor fetches external ones.
    pugi::xml_parse_result pr = doc->load_buffer(slice.data(), slice.size(),
                                                 pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype,
                                                 pugi::encoding_utf8);
    if (!pr) {
      error("xml-syntax", bases_[k] + static_cast<std::size_t>(std::max<std::ptrdiff_t>(pr.offset, 0)),
            fmt::format("XML syntax error: {}", pr.description()));
      return nullptr;
    }
    if (auto v = detail::scan_limits(*doc, limits_)) {
      docs_.push_back(std::move(doc));
      std::size_t off = node_offset(v->node);
      if (v->node.type() == pugi::node_doctype)  // pugixml points after "<!DOCTYPE"
        if (std::size_t lt = text_.rfind("<!", off); lt != std::string_view::npos) off = lt;
      error(v->code, off, v->message);
      return nullptr;
    }
    docs_.push_back(std::move(doc));
    pugi::xml_node r = docs_.back()->document_element();
    if (std::string_view(r.name()) != "ruleset") {
      error("not-a-ruleset", node_offset(r), fmt::format("the root element must be <ruleset>, found <{}>", r.name()));
      return nullptr;
    }
    m_->chain.push_back({attr(r, "id"), attr(r, "version"), files_[k], shas_[k]});
  }
  // Apply overlays from the innermost base outwards onto the base's DOM.
  pugi::xml_node root = docs_.back()->document_element();
  for (std::size_t k = docs_.size() - 1; k-- > 0;) apply_overlay(root, docs_[k]->document_element());
  m_->default_lang = has(root, "lang") ? attr(root, "lang") : "zh-CN";
  read_root(root);
  register_result_names();

  // Resolve <options question="…"> references now that all questions are known.
  for (OptionRef& ref : option_refs_) {
    detail::Indicator& ind = m_->indicators[ref.indicator];
    auto it = m_->question_index.find(ref.question);
    if (it == m_->question_index.end()) {
      error("unknown-name", ref.offset, fmt::format("unknown question '{}'", ref.question), ref.question.size());
      continue;
    }
    const detail::Question& q = m_->questions[it->second];
    if (q.type != detail::QuestionType::choice && q.type != detail::QuestionType::multi_choice) {
      error("bad-type", ref.offset, fmt::format("question '{}' is not a choice question", ref.question),
            ref.question.size());
      continue;
    }
    ind.question = it->second;
    for (auto& [v, off] : ref.values)
      if (!q.find_option(v))
        error("unknown-option", off, fmt::format("question '{}' has no option '{}'", ref.question, v), v.size());
  }
  for (std::size_t i = 0; i < m_->indicators.size(); ++i) compute_indicator_max(m_->indicators[i], indicator_nodes_[i]);

  order_questions_and_derived();
  std::set<int> graph_sites(derived_site_.begin(), derived_site_.end());
  for (std::size_t i = 0; i < sites_.size(); ++i)
    if (!graph_sites.count(static_cast<int>(i))) compile(sites_[i], true);

  for (const detail::Question& q : m_->questions) {
    m_->question_id_pool += q.id;
    m_->question_id_end.push_back(static_cast<std::uint32_t>(m_->question_id_pool.size()));
  }
  m_->slot_names.reserve(names_.size());
  for (std::size_t i = 0; i < names_.size(); ++i) m_->slot_names.push_back(names_.entry(static_cast<std::uint32_t>(i)).name);

  // Files in chain order, then position order within each file.
  auto rank = [this](const Diagnostic& d) {
    return static_cast<std::size_t>(std::find(files_.begin(), files_.end(), d.file) - files_.begin());
  };
  std::stable_sort(diags_.begin(), diags_.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(rank(a), a.line, a.column) < std::tuple(rank(b), b.line, b.column);
  });
  if (has_errors(diags_)) return nullptr;
  // All expressions into one block, in document order (see expr::pack_programs).
  std::vector<Program*> programs;
  programs.reserve(sites_.size());
  for (Site& s : sites_)
    if (std::optional<Program>& p = s.target(*m_)) programs.push_back(&*p);
  expr::pack_programs(programs);
  return m_;
}

}  // namespace

namespace {

/// Reads the chain of rulesets `name` extends (paths relative to the
/// extending file). Stops at the first file that cannot be read or parsed;
/// the Reader reports such problems with positions.
std::vector<Source> collect_chain(std::string_view xml, std::string name, const RulesetLimits& limits,
                                  std::vector<Diagnostic>& diags) {
  std::vector<Source> chain;
  chain.push_back({name, std::string(xml)});
  std::set<std::string> seen{name};
  for (int depth = 0; depth < 8; ++depth) {
    pugi::xml_document doc;
    const Source& cur = chain.back();
    if (!doc.load_buffer(cur.text.data(), cur.text.size(), pugi::parse_default, pugi::encoding_utf8)) return chain;
    std::string ext = doc.document_element().attribute("extends").as_string();
    if (ext.empty()) return chain;
    std::filesystem::path base = std::filesystem::path(cur.file).parent_path() / ext;
    std::string path = base.lexically_normal().string();
    Diagnostic d;
    d.file = cur.file;
    d.code = "extends";
    if (seen.count(path)) {
      d.message = fmt::format("'extends' cycle: {} is already part of the chain", path);
      diags.push_back(d);
      return {};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      d.message = fmt::format("cannot read the extended ruleset '{}' (resolved to {})", ext, path);
      diags.push_back(d);
      return {};
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (text.size() > limits.max_file_bytes) {
      d.message = fmt::format("the extended ruleset {} is larger than the limit ruleset-bytes ({} bytes)", path,
                              limits.max_file_bytes);
      d.code = "limit";
      diags.push_back(d);
      return {};
    }
    if (std::string_view(text).starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    seen.insert(path);
    chain.push_back({path, std::move(text)});
  }
  Diagnostic d;
  d.file = name;
  d.code = "extends";
  d.message = "'extends' chain is deeper than 8 rulesets";
  diags.push_back(d);
  return {};
}

}  // namespace

LoadResult Loader::load(std::string_view xml, std::string name, const RulesetLimits& limits) {
  try {
    if (xml.size() > limits.max_file_bytes) {
      LoadResult out;
      Diagnostic d;
      d.code = "limit";
      d.file = std::move(name);
      d.message = fmt::format("the ruleset is larger than the limit ruleset-bytes ({} bytes)", limits.max_file_bytes);
      out.diagnostics.push_back(std::move(d));
      return out;
    }
    // Strip a UTF-8 byte order mark so offsets still match what editors show.
    if (xml.starts_with("\xEF\xBB\xBF")) xml.remove_prefix(3);
    LoadResult out;
    std::vector<Source> chain = collect_chain(xml, std::move(name), limits, out.diagnostics);
    if (chain.empty()) return out;
    Reader r(std::move(chain), limits);
    std::shared_ptr<const Model> model = r.run();
    for (Diagnostic& d : r.diagnostics()) out.diagnostics.push_back(std::move(d));
    if (model) out.ruleset = Ruleset(std::move(model));
    return out;
  } catch (const std::exception& e) {
    LoadResult out;
    Diagnostic d;
    d.code = "internal";
    d.file = "";
    d.message = fmt::format("internal error while loading: {}", e.what());
    out.diagnostics.push_back(std::move(d));
    return out;
  }
}

}  // namespace zice
