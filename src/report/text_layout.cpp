#include "report/text_layout.hpp"

#include "report/result_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <boost/json.hpp>

#include "util/text_width.hpp"

namespace zice::report {
namespace json = boost::json;

std::string paint(std::string_view text, const char* code, bool color) {
  if (!color || code == nullptr || text.empty()) return std::string(text);
  return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
}

// One number format for every report (src/report/result_view.cpp).
std::string format_number(const json::value& v) { return report_view::format_number(v); }

std::string format_value(const json::value& v, std::string_view yes, std::string_view no) {
  switch (v.kind()) {
    case json::kind::null: return "—";
    case json::kind::bool_: return std::string(v.get_bool() ? yes : no);
    case json::kind::string: return std::string(v.get_string());
    case json::kind::array: {
      std::string out;
      for (const json::value& e : v.get_array()) {
        if (!out.empty()) out += ", ";
        out += format_value(e, yes, no);
      }
      return out;
    }
    case json::kind::object: return json::serialize(v);
    default: return format_number(v);
  }
}

namespace {
enum class TokenKind { word, space, newline };
struct Token {
  std::string text;
  std::size_t width = 0;
  TokenKind kind = TokenKind::word;
  char32_t last = 0;      // last code point, to decide what may glue to it
  bool last_wide = false;
};

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }

// Chinese typesetting avoids a line that starts with closing punctuation or
// ends with opening punctuation, so those glue to their neighbour.
bool is_closing(char32_t c) {
  return std::u32string_view(U"，。、；：？！）》」』】〉”’…,.;:?!)]%").find(c) != std::u32string_view::npos;
}
bool is_opening(char32_t c) {
  return std::u32string_view(U"（《「『【〈“‘([").find(c) != std::u32string_view::npos;
}

// Narrow characters form words that break only at spaces; each wide character
// is a break opportunity of its own.
bool joins(const Token& prev, char32_t c, bool wide) {
  if (prev.kind != TokenKind::word) return false;
  if (is_opening(prev.last) || is_closing(c)) return true;
  return !wide && !prev.last_wide;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    char32_t c = util::next_code_point(text, i);
    std::string piece(text.substr(start, i - start));
    if (c == '\r') continue;
    if (c == '\n') {
      out.push_back({"\n", 0, TokenKind::newline, c, false});
      continue;
    }
    std::size_t w = util::display_width(piece);
    TokenKind kind = is_space(c) ? TokenKind::space : TokenKind::word;
    bool merge = !out.empty() && out.back().kind == kind &&
                 (kind == TokenKind::space || joins(out.back(), c, w == 2));
    if (merge) {
      out.back().text += piece;
      out.back().width += w;
      out.back().last = c;
      out.back().last_wide = w == 2;
    } else {
      out.push_back({std::move(piece), w, kind, c, w == 2});
    }
  }
  return out;
}

// Splits a word wider than a whole line into per-character tokens.
std::vector<Token> split_chars(const Token& t) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < t.text.size();) {
    std::size_t start = i;
    char32_t c = util::next_code_point(t.text, i);
    std::string piece = t.text.substr(start, i - start);
    std::size_t w = util::display_width(piece);
    out.push_back({std::move(piece), w, TokenKind::word, c, w == 2});
  }
  return out;
}

class Wrapper {
 public:
  Wrapper(std::size_t first_used, std::size_t indent, std::size_t width)
      : col_(first_used), indent_(indent), width_(std::max(width, indent + 8)) {}

  void feed(const Token& t) {
    if (t.kind == TokenKind::newline) return new_line();
    if (t.kind == TokenKind::space) {
      if (!at_line_start_) pending_ = t.text;
      return;
    }
    if (t.width > width_ - indent_) {
      for (const Token& c : split_chars(t)) place(c);
    } else {
      place(t);
    }
  }
  std::string take() { return std::move(out_); }

 private:
  void new_line() {
    out_ += "\n" + std::string(indent_, ' ');
    col_ = indent_;
    pending_.clear();
    at_line_start_ = true;
  }
  void place(const Token& t) {
    std::size_t pw = util::display_width(pending_);
    if (!at_line_start_ && col_ + pw + t.width > width_) new_line();
    out_ += pending_ + t.text;
    col_ += util::display_width(pending_) + t.width;
    pending_.clear();
    at_line_start_ = false;
  }

  std::string out_;
  std::string pending_;
  std::size_t col_;
  std::size_t indent_;
  std::size_t width_;
  bool at_line_start_ = true;
};
}  // namespace

std::string wrap(std::string_view text, std::size_t first_used, std::size_t indent, std::size_t width) {
  Wrapper w(first_used, indent, width);
  for (const Token& t : tokenize(text)) w.feed(t);
  return w.take();
}

std::string Table::render(std::size_t indent, bool color) const {
  std::vector<std::size_t> widths(columns_.size(), 0);
  auto cell_text = [&](const std::string& s, std::size_t c) { return util::truncate(s, columns_[c].max_width); };
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    widths[c] = util::display_width(cell_text(columns_[c].header, c));
    for (const auto& row : rows_)
      if (c < row.size()) widths[c] = std::max(widths[c], util::display_width(cell_text(row[c].text, c)));
  }
  auto line = [&](auto get) {
    std::string out(indent, ' ');
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c > 0) out += "  ";
      Cell cell = get(c);
      // A left-aligned last column is not padded: no trailing blanks.
      bool last = c + 1 == columns_.size();
      std::string text = cell_text(cell.text, c);
      if (!last || columns_[c].right_align) text = util::pad(text, widths[c], columns_[c].right_align);
      out += paint(text, cell.color, color);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();  // empty trailing cells
    return out + "\n";
  };
  std::string out = line([&](std::size_t c) { return Cell{columns_[c].header, ansi::bold}; });
  for (const auto& row : rows_)
    out += line([&](std::size_t c) { return c < row.size() ? row[c] : Cell{}; });
  return out;
}

}  // namespace zice::report
