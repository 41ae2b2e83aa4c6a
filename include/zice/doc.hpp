// zice — a ruleset as a document for a standards committee.
#pragma once
#include <string>
#include <string_view>

#include "zice/ruleset.hpp"

namespace zice {

/// Renders what a committee would circulate: metadata (standards, effective
/// dates, confidence, interpretations), the questionnaire with its conditions
/// in plain words, the scoring tables per dimension, gates, grades with their
/// conditions, and the checks grouped with severity and legal basis.
///
/// `format`: "md" (GitHub-flavoured Markdown) or "html" (one self-contained,
/// escaped page with inline CSS). `lang`: language of the ruleset texts and
/// of the headings ("zh-…" Chinese, anything else English); default: the
/// ruleset's language. Conditions are translated into words where simple
/// (`a ge 3` → “A” ≥ 3, names → their labels), else shown as written.
/// Throws std::invalid_argument for an unknown format.
std::string render_ruleset_doc(const Ruleset&, std::string_view format, std::string_view lang = {});

}  // namespace zice
