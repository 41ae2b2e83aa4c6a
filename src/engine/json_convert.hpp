// Conversions between expression values and JSON for result documents.
#pragma once
#include <boost/json/value.hpp>

#include "expr/decimal.hpp"
#include "expr/value.hpp"

namespace zice::detail {

/// Integers stay integers; other numbers are rounded to 6 fraction digits and
/// stored as the nearest double (printed shortest by to_json_text).
boost::json::value to_json(const expr::Decimal& d);
/// Dates become ISO strings; lists become arrays.
boost::json::value to_json(const expr::Value& v);

}  // namespace zice::detail
