// zice — version information.
#pragma once

#define ZICE_VERSION_MAJOR 0
#define ZICE_VERSION_MINOR 1
#define ZICE_VERSION_PATCH 0
#define ZICE_VERSION "0.1.0"
#define ZICE_VERSION_NUMBER (ZICE_VERSION_MAJOR * 10000 + ZICE_VERSION_MINOR * 100 + ZICE_VERSION_PATCH)

namespace zice {
/// Version of the library actually linked (may differ from ZICE_VERSION of the
/// headers a program was compiled against).
const char* version() noexcept;
}  // namespace zice
