// zice — umbrella header for the C++ API: load → assess → report.
#pragma once
#include "zice/assess.hpp"
#include "zice/catalog.hpp"
#include "zice/diagnostic.hpp"
#include "zice/report.hpp"
#include "zice/ruleset.hpp"
#include "zice/version.hpp"
