// zice::Ruleset: loading entry points and metadata accessors.
#include "zice/ruleset.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "ruleset/loader.hpp"
#include "ruleset/model.hpp"

namespace zice {

namespace detail {

const std::string* LocalText::get(std::string_view lang, std::string_view fallback) const {
  for (const auto& [l, t] : items)
    if (l == lang) return &t;
  for (const auto& [l, t] : items)
    if (l == fallback) return &t;
  return items.empty() ? nullptr : &items.front().second;
}

const char* to_string(QuestionType t) noexcept {
  switch (t) {
    case QuestionType::boolean: return "boolean";
    case QuestionType::choice: return "choice";
    case QuestionType::multi_choice: return "multi-choice";
    case QuestionType::integer: return "integer";
    case QuestionType::number: return "number";
    case QuestionType::text: return "text";
    case QuestionType::date: return "date";
  }
  return "?";
}

const char* to_string(CheckSeverity s) noexcept {
  switch (s) {
    case CheckSeverity::critical: return "critical";
    case CheckSeverity::high: return "high";
    case CheckSeverity::medium: return "medium";
    case CheckSeverity::low: return "low";
    case CheckSeverity::info: return "info";
  }
  return "?";
}

}  // namespace detail

LoadResult Ruleset::load_buffer(std::string_view xml, std::string name) {
  return Loader::load(xml, std::move(name));
}

LoadResult Ruleset::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult out;
    Diagnostic d;
    d.code = "io";
    d.file = path;
    d.message = "cannot open file";
    out.diagnostics.push_back(std::move(d));
    return out;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return Loader::load(ss.str(), path);
}

const std::string& Ruleset::id() const noexcept { return model_->id; }
const std::string& Ruleset::version() const noexcept { return model_->version; }
const std::string& Ruleset::sha256() const noexcept { return model_->sha256; }
const std::string& Ruleset::default_lang() const noexcept { return model_->default_lang; }
const std::string& Ruleset::effective_from() const noexcept { return model_->effective_from; }
const std::string& Ruleset::effective_to() const noexcept { return model_->effective_to; }
std::string Ruleset::title(std::string_view lang) const {
  return model_->title.str(lang.empty() ? model_->default_lang : lang, model_->default_lang);
}

}  // namespace zice
