// The compiled, immutable form of a ruleset. Built once by the loader
// (src/ruleset/loader.cpp), then only read — by any number of threads — during
// assessments (src/engine/). Every expression is already compiled to an
// expr::Program that reads values from numbered slots; nothing here is looked
// up by name on the assessment path except the binding of answer keys.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "expr/expr.hpp"

namespace zice::detail {

using expr::Decimal;
using expr::Program;

inline constexpr std::uint32_t kNoSlot = UINT32_MAX;

/// Where an element without an item of its own starts (the '<' of <meta>,
/// <scoring>, <effective>): 1-based line and column, and the file it was read
/// from as an index into Model::chain (0 = the ruleset itself; an item
/// inherited through `extends` has the index of the base it came from).
/// Every located item below has the same three members.
struct Location {
  int line = 0, column = 0;
  int file = 0;
};

/// Hash for maps keyed by std::string that are looked up by std::string_view
/// (no string built per look-up).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// One user-facing string in several languages ("" = the default language).
struct LocalText {
  std::vector<std::pair<std::string, std::string>> items;  // lang, text
  /// Text in `lang`, else in `fallback`, else the first; nullptr when empty.
  const std::string* get(std::string_view lang, std::string_view fallback) const;
  std::string str(std::string_view lang, std::string_view fallback) const {
    const std::string* s = get(lang, fallback);
    return s ? *s : std::string();
  }
  bool empty() const { return items.empty(); }
};

/// A text with `{expr}` placeholders, compiled at load.
struct Template {
  struct Piece {
    std::string literal;             // used when `expr` is empty
    std::optional<Program> expr;
  };
  std::vector<Piece> pieces;
  std::string source;
};

/// A text element that may carry `when` and `xml:lang` (finding, remediation,
/// message, description). The first entry in the wanted language whose
/// condition holds is used.
struct TextVariant {
  std::string lang;
  std::optional<Program> when;
  Template text;
};
using Variants = std::vector<TextVariant>;

enum class QuestionType : std::uint8_t { boolean, choice, multi_choice, integer, number, text, date };
const char* to_string(QuestionType) noexcept;

struct Option {
  std::string value;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
  LocalText label;
  LocalText help;
  bool exclusive = false;
};

struct Constraint {
  std::optional<Program> test;
  LocalText message;
};

struct Section {
  std::string id;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
  LocalText title, help;
  std::optional<Program> when;
  int parent = -1;
  struct Item {
    bool is_section;
    int index;
  };
  std::vector<Item> items;
};

struct Question {
  // What every assessment reads comes first (type, applicability, slot,
  // validation), so that a large questionnaire is read a cache line or two
  // per question; texts and positions follow.
  QuestionType type = QuestionType::text;
  bool required = true;
  std::uint32_t slot = kNoSlot;
  int section = -1;                 // innermost enclosing section
  std::optional<Program> when;
  std::vector<Constraint> constraints;
  std::vector<Option> options;
  std::optional<int> max_length, min_selected, max_selected;
  std::optional<Decimal> min, max;
  std::string id;
  std::string unit;
  LocalText label, help;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain

  const Option* find_option(std::string_view v) const {
    for (const Option& o : options)
      if (o.value == v) return &o;
    return nullptr;
  }
};

struct Derived {
  std::string id;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
  std::optional<Program> expr;
  std::string unit;
  LocalText label;
  std::uint32_t slot = kNoSlot;
};

/// Questions' applicability and derived values are evaluated in one
/// dependency order, so a `when` may use a derived value and vice versa.
struct EvalStep {
  bool is_question;
  int index;
};

/// One <option value points> of an indicator's <options> table.
struct OptionPoints {
  std::string value;
  Decimal points;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
};

struct Band {
  // What scoring reads (bounds, points) first; texts for explanations after.
  std::optional<Decimal> lo, hi;
  bool lo_inclusive = true, hi_inclusive = false;
  Decimal points;
  std::string lo_text, hi_text;   // as written, for explanations
  std::string label;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
  bool contains(const Decimal& v) const {
    if (lo && (lo_inclusive ? v < *lo : v <= *lo)) return false;
    if (hi && (hi_inclusive ? v > *hi : v >= *hi)) return false;
    return true;
  }
};

// Indicators, dimensions, gates and checks put what scoring reads first and
// their texts after (see Question).
struct Indicator {
  enum class Method : std::uint8_t { options, bands, formula };
  Method method = Method::formula;
  int question = -1;              // options
  int dimension = -1;
  std::uint32_t slot = kNoSlot;   // points.<id>
  std::optional<Program> when;
  std::optional<Program> of;      // bands
  std::optional<Program> formula; // formula
  std::vector<OptionPoints> option_points;
  std::vector<Band> bands;
  Decimal max;                    // effective raw maximum (before weight)
  Decimal weight = Decimal::from_int(1);
  std::optional<Decimal> cap;     // options (multi-choice)
  std::optional<Decimal> declared_max;
  std::string id;
  LocalText title, help;
  std::string unit;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
};

struct Dimension {
  int parent = -1;
  std::uint32_t score_slot = kNoSlot, max_slot = kNoSlot, percent_slot = kNoSlot,
                min_met_slot = kNoSlot;
  std::optional<Program> when;
  struct Child {
    bool is_dimension;
    int index;
  };
  std::vector<Child> children;
  Decimal weight = Decimal::from_int(1);
  std::optional<Decimal> declared_max, min, cap;
  std::string id;
  LocalText title, help;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
};

struct Basis {
  bool is_standard = false;   // written as standard=/clause= instead of law=/article=
  std::string name, article, version, effective_from, effective_to, confidence, url, note;
};

enum class GateKind : std::uint8_t { mandatory, direct };

struct Gate {
  GateKind kind = GateKind::mandatory;
  std::uint32_t slot = kNoSlot;
  std::optional<Program> test, when;
  std::string id;
  LocalText title;
  Variants message;
  std::vector<Basis> basis;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
};

enum class CheckSeverity : std::uint8_t { critical, high, medium, low, info };
inline constexpr int kSeverityCount = 5;
const char* to_string(CheckSeverity) noexcept;

struct Check {
  int group = -1;
  CheckSeverity severity = CheckSeverity::medium;
  std::uint32_t slot = kNoSlot;
  std::optional<Program> test, when;
  std::string id;
  LocalText title, help;
  std::vector<Basis> basis;
  Variants finding, remediation;
  std::vector<LocalText> evidence;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
};

struct CheckGroup {
  std::string id;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
  LocalText title, help;
  std::optional<Program> when;
  std::vector<int> checks;
  std::uint32_t slot = kNoSlot;   // compliance.<id>
};

struct Grade {
  std::string id;
  std::string tone;           // "good", "fair", "poor", "neutral"; empty when not declared
  std::optional<Program> when;
  LocalText title;
  Variants message, description;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
};

struct Standard {
  std::string number, issuer, title, annex, version, url, confidence, note;
};

/// `<suppress code="…" target="…">reason</suppress>` in <meta>: silences one
/// lint code (for one id, or everywhere when `target` is empty).
struct Suppression {
  std::string code, target, reason;
  int line = 0, column = 0;   // of the element's '<'
  int file = 0;               // index into Model::chain
};

struct Interpretation {
  std::string id;
  LocalText text;
  int line = 0, column = 0;   // of the first <interpretation> with this id
  int file = 0;               // index into Model::chain
};

/// One ruleset file of an overlay chain.
struct Layer {
  std::string id, version, file, sha256;
};

struct Model {
  /// The ruleset itself first, then the ruleset it extends, and so on.
  std::vector<Layer> chain;
  // Metadata.
  std::string id, version, default_lang, sha256, file;
  std::vector<std::string> langs;
  std::string effective_from, effective_to;
  LocalText title, description, publisher;
  std::vector<Standard> standards;
  std::string confidence_level;
  LocalText confidence_text;
  std::vector<Interpretation> interpretations;
  std::vector<Suppression> suppressions;
  Location meta_at, effective_at;         // <meta>, <effective> (when present)

  // Questionnaire and derived values.
  std::vector<Section> sections;
  std::vector<Section::Item> top_items;   // top-level sections/questions
  std::vector<Question> questions;
  std::vector<Derived> derived;
  std::vector<EvalStep> steps;            // dependency order
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> question_index;  // looked up by string_view
  /// The question ids again, packed end to end in questionnaire order
  /// (id i ends at question_id_end[i]): answers usually come in that order,
  /// and matching them against this compact table reads a few bytes per
  /// question instead of a Question each (hundreds of bytes apart in a large
  /// ruleset). Empty in a model built by hand; question_id() then reads the
  /// Question.
  std::string question_id_pool;
  std::vector<std::uint32_t> question_id_end;
  std::string_view question_id(std::size_t i) const {
    if (i >= question_id_end.size()) return questions[i].id;
    std::uint32_t begin = i == 0 ? 0 : question_id_end[i - 1];
    return std::string_view(question_id_pool).substr(begin, question_id_end[i] - begin);
  }

  // Scoring.
  bool has_scoring = false;
  Location scoring_at;                    // <scoring>
  std::optional<Decimal> declared_total_max;
  std::vector<Indicator> indicators;      // document order
  std::vector<Dimension> dimensions;      // document order (parents first)
  std::vector<int> top_dimensions;
  std::uint32_t total_score_slot = kNoSlot, total_max_slot = kNoSlot,
                total_percent_slot = kNoSlot, minimums_met_slot = kNoSlot;

  // Gates.
  std::vector<Gate> gates;
  std::uint32_t gates_mandatory_slot = kNoSlot, gates_direct_slot = kNoSlot;

  // Checks.
  bool has_checks = false;
  std::vector<CheckGroup> groups;
  std::vector<Check> checks;
  std::array<std::uint32_t, kSeverityCount> findings_slots{};
  std::uint32_t findings_total_slot = kNoSlot, compliance_percent_slot = kNoSlot;

  // Grades.
  bool has_grades = false;
  bool staged = false;
  std::vector<Grade> grades;

  std::uint32_t date_slot = kNoSlot;      // assessment.date
  std::vector<std::string> slot_names;    // for explanations and debugging
  std::size_t slot_count() const { return slot_names.size(); }
};

}  // namespace zice::detail
