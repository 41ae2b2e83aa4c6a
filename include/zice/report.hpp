// zice — human-readable reports rendered from a result document.
#pragma once
#include <string>

#include <boost/json/value.hpp>

namespace zice {

/// Terminal report: grade first, then dimensions, gates and findings, with
/// columns that stay aligned for Chinese text. `color` adds ANSI colours.
std::string render_text_report(const boost::json::value& result, bool color = false);

}  // namespace zice
