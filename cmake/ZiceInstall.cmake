# `cmake --install`: headers, libzice.a (C++ API), libzice.so (C API), the CLI,
# the shipped rulesets and their schema, a CMake package and zice.pc.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ZICE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/zice)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/zice
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

# Two export sets, so that a C program can import the shared library without
# the C++ dependencies of the static one (find_package(zice COMPONENTS shared)).
install(TARGETS zice_static EXPORT ziceStaticTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS zice_shared EXPORT ziceSharedTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT ziceStaticTargets NAMESPACE zice:: FILE zice-static-targets.cmake
  DESTINATION ${ZICE_CMAKE_DIR})
install(EXPORT ziceSharedTargets NAMESPACE zice:: FILE zice-shared-targets.cmake
  DESTINATION ${ZICE_CMAKE_DIR})

if(TARGET zice_cli)
  install(TARGETS zice_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} OPTIONAL)
endif()

# Rulesets and the XSD they are written against: share/zice/rulesets/.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rulesets/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zice/rulesets
  FILES_MATCHING PATTERN "*.xml" PATTERN "*.xsd" PATTERN "tests" EXCLUDE)

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/ziceConfig.cmake.in
  ${PROJECT_BINARY_DIR}/ziceConfig.cmake
  INSTALL_DESTINATION ${ZICE_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_DATADIR)
# 0.x: minor versions may break the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/ziceConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/ziceConfig.cmake ${PROJECT_BINARY_DIR}/ziceConfigVersion.cmake
  DESTINATION ${ZICE_CMAKE_DIR})

# pkg-config: the C API. The prefix is found relative to the .pc file, so the
# installed tree can be moved (and `cmake --install --prefix` just works).
file(RELATIVE_PATH ZICE_PC_TO_PREFIX
  /zice-prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /zice-prefix)
string(REGEX REPLACE "/$" "" ZICE_PC_TO_PREFIX "${ZICE_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/zice.pc.in ${PROJECT_BINARY_DIR}/zice.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/zice.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
