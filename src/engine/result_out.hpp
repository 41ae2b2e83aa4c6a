// Where a result document goes. The Assessor writes the document once, as a
// sequence of events (begin_object, key, string, …), to either
//   * TreeOut: a boost::json tree (zice::assess, for callers that read it), or
//   * util::JsonWriter: JSON text straight away (zice::assess_to_json, the C
//     API, zice batch), with no tree in between.
// Both produce the same document: to_json_text(tree) == the text, byte for
// byte (tests/unit/result_text_test.cpp). Internal to src/engine/.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "engine/json_convert.hpp"
#include "expr/decimal.hpp"
#include "expr/value.hpp"
#include "util/json_writer.hpp"

namespace zice::detail {

/// Builds a boost::json tree in one storage with boost::json::value_stack:
/// each container is made at its final size when it closes (no regrowth or
/// rehashing; Boost.JSON checks an object's keys once, as it is made).
/// `temp_` is declared before `st_`, which uses it as its first stack buffer.
class TreeOut {
 public:
  explicit TreeOut(boost::json::storage_ptr sp) : st_({}, temp_, sizeof temp_) {
    st_.reset(std::move(sp));
    counts_.reserve(16);
  }
  void begin_object() { counts_.push_back(0); }
  void end_object() {
    std::size_t n = counts_.back();
    counts_.pop_back();
    st_.push_object(n);
    counted();
  }
  void begin_array() { counts_.push_back(0); }
  void begin_array(bool) { counts_.push_back(0); }
  void end_array() {
    std::size_t n = counts_.back();
    counts_.pop_back();
    st_.push_array(n);
    counted();
  }
  void key(std::string_view k) { st_.push_key(k); }
  void null() { st_.push_null(); counted(); }
  void boolean(bool b) { st_.push_bool(b); counted(); }
  void int64(std::int64_t v) { st_.push_int64(v); counted(); }
  void uint64(std::uint64_t v) { st_.push_uint64(v); counted(); }
  void number(double d) { st_.push_double(d); counted(); }
  void string(std::string_view s) { st_.push_string(s); counted(); }
  /// A whole boost::json value, copied into the tree's storage.
  void value(const boost::json::value& v) { util::walk_json(*this, v); }

  boost::json::value release() { return st_.release(); }

 private:
  void counted() {
    if (!counts_.empty()) ++counts_.back();
  }
  unsigned char temp_[8192];
  boost::json::value_stack st_;
  std::vector<std::size_t> counts_;  // values (objects: pairs) in each open container
};

/// A number of the result (rounded as detail::to_json(Decimal) does).
inline void put_number(TreeOut& out, const expr::Decimal& d) { out.value(to_json(d)); }
template <bool Pretty>
void put_number(util::JsonWriter<Pretty>& out, const expr::Decimal& d) {
  char buf[48];
  if (std::size_t n = number_text(d, buf)) out.number_text(std::string_view(buf, n));
  else out.value(to_json(d));
}

/// An expression value: dates as ISO strings, lists as arrays.
template <class Out>
void put_value(Out& out, const expr::Value& v) {
  using expr::Type;
  switch (v.type()) {
    case Type::Null: out.null(); return;
    case Type::Bool: out.boolean(v.as_bool()); return;
    case Type::Number: put_number(out, v.as_number()); return;
    case Type::String: out.string(v.as_string()); return;
    case Type::Date: out.string(expr::format_iso_date(v.as_date())); return;
    case Type::List:
      out.begin_array();
      for (const expr::Value& x : v.as_list()) put_value(out, x);
      out.end_array();
      return;
    case Type::Any: break;
  }
  out.null();
}

}  // namespace zice::detail
