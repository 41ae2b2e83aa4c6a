// Streaming JSON text writer: the one place that decides how zice prints JSON
// (key order as written, decimals without exponents, UTF-8 unescaped, 2-space
// pretty printing with arrays of scalars on one line). to_json_text() walks a
// boost::json tree through it; the assessment writes its result document
// through it directly, without building a tree (src/engine/result_out.hpp).
// Internal to the library.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace zice::util {

/// Output buffer. Appends check the room left once and copy with memcpy;
/// std::string::push_back/append would check the capacity and write a
/// terminator on every call. take() copies the bytes written into a string.
class JsonBuffer {
 public:
  explicit JsonBuffer(std::size_t reserve);
  ~JsonBuffer() { std::free(b_); }
  JsonBuffer(const JsonBuffer&) = delete;
  JsonBuffer& operator=(const JsonBuffer&) = delete;
  void need(std::size_t n) {
    if (static_cast<std::size_t>(e_ - p_) < n) grow(n);
  }
  void put(char c) { need(1); *p_++ = c; }
  void put(std::string_view v) { need(v.size()); put_unchecked(v); }
  void put_unchecked(char c) { *p_++ = c; }
  void put_unchecked(std::string_view v) {
    std::memcpy(p_, v.data(), v.size());
    p_ += v.size();
  }
  /// n spaces; needs n + 8 bytes of room (writes whole words past the end).
  void spaces_unchecked(std::size_t n) {
    constexpr std::uint64_t blanks = 0x2020202020202020ull;
    for (std::size_t i = 0; i < n; i += 8) std::memcpy(p_ + i, &blanks, 8);
    p_ += n;
  }
  char* cursor() { return p_; }
  void advance_to(char* p) { p_ = p; }
  std::string take() { return std::string(b_, p_); }
  /// The bytes written plus a terminating NUL, in malloc'd memory the caller
  /// frees with std::free; the buffer is empty afterwards.
  char* release_c_string() {
    put('\0');
    char* b = b_;
    b_ = p_ = e_ = nullptr;
    return b;
  }
  std::size_t size() const { return static_cast<std::size_t>(p_ - b_); }

 private:
  void grow(std::size_t n);
  // Raw malloc'd storage: unlike std::string::resize, nothing is zero-filled.
  char* b_;
  char* p_;
  char* e_;
};


/// First allocation for the next document on this thread: the last size
/// seen plus an eighth, kept between 256 bytes and 64 KiB.
std::size_t size_hint();
void record_size(std::size_t n);

void write_json_string(JsonBuffer& out, std::string_view s);
void write_json_int(JsonBuffer& out, std::int64_t v);
void write_json_uint(JsonBuffer& out, std::uint64_t v);
void write_json_double(JsonBuffer& out, double d);

/// Writes one JSON document as a sequence of events. Inside an object, each
/// value follows key(). An array started with begin_array() is printed on one
/// line when its first element is a scalar (arrays the engine writes hold
/// elements of one shape); begin_array(flat) states it.
template <bool Pretty>
class JsonWriter {
 public:
  /// The first allocation is sized from the previous document written on
  /// this thread (results of one ruleset are about the same size).
  JsonWriter() : out_(size_hint()) { frames_.reserve(16); }
  /// For a small document of another kind (a summary): a buffer of `reserve`
  /// bytes, and the thread's size hint is left to the result documents.
  explicit JsonWriter(std::size_t reserve) : out_(reserve), hinted_(false) { frames_.reserve(8); }

  void begin_object() {
    before(true);
    out_.put('{');
    frames_.push_back({true, true, false, true});
  }
  void end_object() {
    bool empty = frames_.back().first;
    frames_.pop_back();
    if (!empty) newline(frames_.size());
    out_.put('}');
  }
  void begin_array() { open_array(false, false); }
  void begin_array(bool flat) { open_array(flat, true); }
  void end_array() {
    Frame f = frames_.back();
    frames_.pop_back();
    if (!f.first && !f.flat) newline(frames_.size());
    out_.put(']');
  }
  void key(std::string_view k) {
    Frame& f = frames_.back();
    if (!f.first) out_.put(',');
    f.first = false;
    newline(frames_.size());
    write_json_string(out_, k);
    if constexpr (Pretty) out_.put(": ");
    else out_.put(':');
  }
  /// A key spelt in the source: it has nothing to escape, so no scan.
  template <std::size_t N>
  void key(const char (&k)[N]) {
    Frame& f = frames_.back();
    std::string_view text(k, N - 1);
    out_.need(text.size() + frames_.size() * 2 + 16);  // , \n indent " key ":space + 8 (spaces_unchecked)
    if (!f.first) out_.put_unchecked(',');
    f.first = false;
    newline_unchecked(frames_.size());
    out_.put_unchecked('"');
    out_.put_unchecked(text);
    if constexpr (Pretty) out_.put_unchecked(std::string_view("\": "));
    else out_.put_unchecked(std::string_view("\":"));
  }
  void null() { before(false); out_.put("null"); }
  void boolean(bool b) { before(false); out_.put(b ? std::string_view("true") : std::string_view("false")); }
  void int64(std::int64_t v) { before(false); write_json_int(out_, v); }
  void uint64(std::uint64_t v) { before(false); write_json_uint(out_, v); }
  void number(double d) { before(false); write_json_double(out_, d); }
  void string(std::string_view s) { before(false); write_json_string(out_, s); }
  /// A number already in its JSON text.
  void number_text(std::string_view text) { before(false); out_.put(text); }
  /// A whole boost::json value (scalar or tree).
  void value(const boost::json::value& v) { walk_json(*this, v); }

  /// The text; a pretty document ends with a newline.
  std::string take() {
    if constexpr (Pretty) out_.put('\n');
    std::string text = out_.take();
    if (hinted_) record_size(text.size());
    return text;
  }
  /// As take(), in malloc'd memory with a terminating NUL (free with std::free).
  char* release_c_string() {
    if constexpr (Pretty) out_.put('\n');
    if (hinted_) record_size(out_.size());
    return out_.release_c_string();
  }

 private:
  struct Frame {
    bool object;
    bool first;    // nothing written inside yet
    bool flat;     // array on one line
    bool decided;  // flat is known
  };
  void newline(std::size_t level) {
    if constexpr (Pretty) {
      std::size_t n = level * 2;
      out_.need(n + 9);
      out_.put_unchecked('\n');
      out_.spaces_unchecked(n);
    }
  }
  // newline() when the room (level * 2 + 9 bytes) is known to be there.
  void newline_unchecked(std::size_t level) {
    if constexpr (Pretty) {
      out_.put_unchecked('\n');
      out_.spaces_unchecked(level * 2);
    }
  }
  // Separator and indentation before a value inside an array.
  void before(bool container) {
    if (frames_.empty() || frames_.back().object) return;
    Frame& f = frames_.back();
    if (f.first) {
      if (!f.decided) {
        f.flat = !container;
        f.decided = true;
      }
      f.first = false;
      if (!f.flat) newline(frames_.size());
      return;
    }
    out_.put(',');
    if (f.flat) {
      if constexpr (Pretty) out_.put(' ');
    } else {
      newline(frames_.size());
    }
  }
  void open_array(bool flat, bool decided) {
    before(true);
    out_.put('[');
    frames_.push_back({false, true, flat, decided});
  }

  JsonBuffer out_;
  bool hinted_ = true;  // sized by, and updates, the thread's size hint
  std::vector<Frame> frames_;
};

extern template class JsonWriter<true>;
extern template class JsonWriter<false>;

/// Sends a boost::json value (scalar or tree) to `out` as events: the one walk
/// shared by the text writer and the tree builder (engine/result_out.hpp).
/// Arrays say whether they hold only scalars (printed on one line).
template <class Out>
void walk_json(Out& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: out.null(); break;
    case boost::json::kind::bool_: out.boolean(v.get_bool()); break;
    case boost::json::kind::int64: out.int64(v.get_int64()); break;
    case boost::json::kind::uint64: out.uint64(v.get_uint64()); break;
    case boost::json::kind::double_: out.number(v.get_double()); break;
    case boost::json::kind::string: out.string(v.get_string()); break;
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      out.begin_array(std::all_of(a.begin(), a.end(), [](const boost::json::value& e) { return !e.is_object() && !e.is_array(); }));
      for (const boost::json::value& e : a) walk_json(out, e);
      out.end_array();
      break;
    }
    case boost::json::kind::object:
      out.begin_object();
      for (const auto& kv : v.get_object()) {
        out.key(kv.key());
        walk_json(out, kv.value());
      }
      out.end_object();
      break;
  }
}

}  // namespace zice::util
