// Layout helpers for terminal reports: number formatting, word wrapping and
// column tables measured in display columns, so Chinese text (two columns per
// character) stays aligned. Internal to src/report/.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace zice::report {

/// ANSI SGR codes used by the report.
namespace ansi {
inline constexpr const char* bold = "1";
inline constexpr const char* dim = "2";
inline constexpr const char* red = "31";
inline constexpr const char* green = "32";
inline constexpr const char* yellow = "33";
inline constexpr const char* blue = "34";
inline constexpr const char* magenta = "35";
inline constexpr const char* cyan = "36";
inline constexpr const char* badge = "1;7";  // bold reverse video
}  // namespace ansi

/// Wraps `text` in an SGR sequence when `color` is on; otherwise returns it unchanged.
std::string paint(std::string_view text, const char* code, bool color);

/// A JSON number as the report prints it: integers without a fraction, other
/// values with at most 6 fraction digits and never an exponent; null → "—".
std::string format_number(const boost::json::value& v);

/// Any JSON value as short plain text (strings unquoted, arrays joined by ", ",
/// booleans as given yes/no words).
std::string format_value(const boost::json::value& v, std::string_view yes, std::string_view no);

/// Word-wraps `text` to `width` display columns. The first line starts after a
/// prefix of `first_used` columns (already written by the caller); later lines
/// start with `indent` spaces. CJK text breaks between any two characters;
/// Latin words are kept whole unless longer than a line. Embedded newlines are
/// kept. Result has no trailing newline.
std::string wrap(std::string_view text, std::size_t first_used, std::size_t indent,
                 std::size_t width = 100);

/// One table cell: plain text plus an optional colour applied after padding,
/// so escape codes never disturb the column widths.
struct Cell {
  std::string text;
  const char* color = nullptr;
};

/// A simple column table. Columns are separated by two spaces; cells longer
/// than `max_width` columns are truncated with "…". Lines carry no trailing
/// blanks, so rows have equal width when the last column is right-aligned.
class Table {
 public:
  struct Column {
    std::string header;
    bool right_align = false;
    std::size_t max_width = 40;
  };
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  void add(std::vector<Cell> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  /// Header line, then one line per row; every line starts with `indent` spaces.
  std::string render(std::size_t indent, bool color) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<Cell>> rows_;
};

}  // namespace zice::report
