#include "engine/json_convert.hpp"

#include <cstdlib>
#include <string>

#include <boost/json.hpp>

namespace zice::detail {

boost::json::value to_json(const expr::Decimal& d) {
  if (d.is_integer())
    if (auto i = d.to_int64()) return *i;
  // Round first so that 1/3 prints as 0.333333 on every platform.
  std::string s = d.round(6).to_string(6);
  if (auto r = d.round(6); r.is_integer())
    if (auto i = r.to_int64()) return *i;
  return std::strtod(s.c_str(), nullptr);
}

boost::json::value to_json(const expr::Value& v) {
  using expr::Type;
  switch (v.type()) {
    case Type::Null: return nullptr;
    case Type::Bool: return v.as_bool();
    case Type::Number: return to_json(v.as_number());
    case Type::String: return boost::json::string(v.as_string());
    case Type::Date: return boost::json::string(expr::format_iso_date(v.as_date()));
    case Type::List: {
      boost::json::array a;
      for (const expr::Value& x : v.as_list()) a.push_back(to_json(x));
      return a;
    }
    case Type::Any: break;
  }
  return nullptr;
}

}  // namespace zice::detail
