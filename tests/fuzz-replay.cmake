# Fuzz regressions in the normal suite: each fuzz target (fuzz/<name>.cpp)
# compiled with the ordinary compiler against fuzz/replay_main.cpp, run over
# every input kept in fuzz/regressions/<name>/ (crashes found by scripts/fuzz
# plus a few seeds). Under -DZICE_SANITIZE these run instrumented.
include(${PROJECT_SOURCE_DIR}/fuzz/targets.cmake)
foreach(t IN LISTS ZICE_FUZZ_TARGETS)
  add_executable(replay_${t} ${PROJECT_SOURCE_DIR}/fuzz/${t}.cpp ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp)
  target_include_directories(replay_${t} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(replay_${t} PRIVATE zice_static zice_warnings Boost::headers Boost::json)
  target_compile_definitions(replay_${t} PRIVATE ZICE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME fuzz_regressions_${t}
    COMMAND replay_${t} ${PROJECT_SOURCE_DIR}/fuzz/regressions/${t})
  set_tests_properties(fuzz_regressions_${t} PROPERTIES LABELS "fuzz" TIMEOUT 300)
endforeach()
