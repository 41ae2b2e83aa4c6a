# End-to-end tests of `zice batch` (JSON Lines and CSV in, JSON Lines and CSV
# out), included by tests/CMakeLists.txt after cli.cmake. The checks live in
# tests/batch_check.py: inputs generated from every shipped example, a bad
# line or row reported with its line number, exit 1, output order and count,
# results equal to `zice assess`, flat memory on 20000 records, and input order
# kept across many chunks of records by one and several workers.
if(NOT TARGET zice_cli)
  return()
endif()
find_package(Python3 COMPONENTS Interpreter QUIET)
if(NOT Python3_Interpreter_FOUND)
  message(WARNING "python3 not found: zice batch tests not registered")
  return()
endif()

foreach(check jsonl csv csv-jsonl strict clean memory order)
  add_test(NAME batch.${check}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/batch_check.py $<TARGET_FILE:zice_cli>
            ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/batch ${check}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(batch.${check} PROPERTIES TIMEOUT 120)
endforeach()
# 22000 records with two workers: keep it away from the other heavy tests.
set_tests_properties(batch.memory PROPERTIES RUN_SERIAL TRUE)

if(COMMAND zice_cli_test)
  zice_cli_test(batch_help EXIT 0 ARGS batch --help
    PASS "Usage: zice batch RULESET INPUT.*--format.*--input-format.*--jobs.*--strict.*--analysis")
  zice_cli_test(batch_bad_format EXIT 2 ARGS batch ${ZICE_DEMO} tests/data/no-such.jsonl --format xml
    PASS "invalid value 'xml' for --format")
  zice_cli_test(batch_bad_jobs EXIT 2 ARGS batch ${ZICE_DEMO} tests/data/no-such.jsonl --jobs 0
    PASS "invalid value '0' for --jobs")
  zice_cli_test(batch_missing_input EXIT 2 ARGS batch ${ZICE_DEMO} tests/data/no-such.jsonl
    PASS "zice: error: cannot read tests/data/no-such\\.jsonl")
  zice_cli_test(batch_stdin_csv EXIT 0 STDIN ${PROJECT_SOURCE_DIR}/tests/data/batch-demo.csv
    ARGS batch ${ZICE_DEMO} - --input-format csv --format csv --date 2026-01-01
    PASS "id,line,grade,total,percent,score\\.innovation,score\\.growth,score\\.management,failed_gates,critical,high,medium,low,info,complete,problems\nacme,2,close,57,57,27,20,10,,0,0,1,0,0,true,0\nsolo,3,not_qualified,[0-9]+,[^\n]*,legal_person,")
  zice_cli_test(batch_unknown_column EXIT 0 STDIN ${PROJECT_SOURCE_DIR}/tests/data/batch-demo.csv
    ARGS batch ${ZICE_DEMO} - --input-format csv --date 2026-01-01
    PASS "warning: <stdin>:1: column 'notes' is not a question of innovation-demo; ignored")
endif()

# The shipped batch examples: JSON Lines and CSV of the same four enterprises
# give the same rows (apart from the line numbers).
if(COMMAND zice_cli_test)
  foreach(ext jsonl csv)
    zice_cli_test(batch_example_${ext} EXIT 0
      ARGS batch ${ZICE_DEMO} examples/batch/innovation-demo.${ext} --format csv --date 2026-01-01
      PASS "华科精密,[12],close,57,57,27,20,10,,0,0,1,0,0,true,0\n启明软件,[23],qualified,67,67,37,20,10,,0,0,1,0,0,true,0\n远航装备,[34],not_qualified,22,22,12,0,10,legal_person,0,0,1,0,0,true,0\n青禾食品,[45],not_qualified,23,23,3,20,0,,0,0,1,0,0,true,0\n.*4 records: 4 ok, 0 failed")
  endforeach()
endif()
