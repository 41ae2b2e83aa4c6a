// zice — umbrella header for the C++ API: load → assess → report.
#pragma once
#include "zice/answers_json.hpp"
#include "zice/assess.hpp"
#include "zice/catalog.hpp"
#include "zice/diagnostic.hpp"
#include "zice/limits.hpp"
#include "zice/report.hpp"
#include "zice/ruleset.hpp"
#include "zice/version.hpp"
