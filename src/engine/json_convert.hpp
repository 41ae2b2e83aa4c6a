// Conversions between expression values and JSON for result documents.
#pragma once
#include <cstddef>

#include <boost/json/value.hpp>

#include "expr/decimal.hpp"
#include "expr/value.hpp"

namespace zice::detail {

/// Integers stay integers; other numbers are rounded to 6 fraction digits and
/// stored as the nearest double (printed shortest by to_json_text).
boost::json::value to_json(const expr::Decimal& d);
/// The JSON text of to_json(d) (what to_json_text prints for it) written into
/// `buf` (at least 48 bytes) without a double in between, for the common
/// cases; returns its length, or 0 when the caller has to print to_json(d).
std::size_t number_text(const expr::Decimal& d, char* buf);
/// Dates become ISO strings; lists become arrays.
boost::json::value to_json(const expr::Value& v);

}  // namespace zice::detail
