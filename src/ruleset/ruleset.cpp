// zice::Ruleset: loading entry points and metadata accessors.
#include "zice/ruleset.hpp"

#include <filesystem>
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
  return Loader::load(xml, std::move(name), RulesetLimits{});
}

LoadResult Ruleset::load_buffer(std::string_view xml, std::string name, const RulesetLimits& limits) {
  return Loader::load(xml, std::move(name), limits);
}

LoadResult Ruleset::load_file(const std::string& path) { return load_file(path, RulesetLimits{}); }

LoadResult Ruleset::load_file(const std::string& path, const RulesetLimits& limits) {
  auto failure = [&](const char* code, std::string message) {
    LoadResult out;
    Diagnostic d;
    d.code = code;
    d.file = path;
    d.message = std::move(message);
    out.diagnostics.push_back(std::move(d));
    return out;
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return failure("io", "cannot read file: it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return failure("io", "cannot open file");
  // Read at most one byte more than the limit, so that a huge file (or an
  // endless device such as /dev/zero) is rejected without reading it all.
  std::string text;
  char buf[65536];
  while (in && text.size() <= limits.max_file_bytes) {
    in.read(buf, sizeof buf);
    text.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return failure("io", "cannot read file");
  if (text.size() > limits.max_file_bytes)
    return failure("limit", fmt::format("the file is larger than the limit ruleset-bytes ({} bytes)",
                                        limits.max_file_bytes));
  return Loader::load(text, path, limits);
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
