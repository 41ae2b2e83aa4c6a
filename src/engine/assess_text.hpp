// The C API's assessment entry: the result document written straight into
// the memory handed to the caller. Internal to the library.
#pragma once
#include <vector>

#include <boost/json/value.hpp>

#include "zice/assess.hpp"

namespace zice::detail {

/// zice::assess_to_json for the C API: the result document in malloc'd
/// memory with a terminating NUL (the caller frees it with std::free), not
/// copied into a std::string first. Null when there is no result; the
/// problems are in `problems` either way.
char* assess_to_c_string(const Ruleset& rs, const boost::json::value& answers, const AssessOptions& o, bool pretty,
                         std::vector<AnswerProblem>& problems);

}  // namespace zice::detail
