#include "zice/version.hpp"

namespace zice {
const char* version() noexcept { return ZICE_VERSION; }
}  // namespace zice
