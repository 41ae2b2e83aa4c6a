# HTML report in a real browser: every shipped ruleset's example rendered by
# headless Chromium (screenshot not blank; grade, dimension and finding titles
# in the DOM). Skipped (exit 77) when the `chromium` package is not installed.
# Chromium is memory-hungry on 2 cores: run it alone.
if(TARGET zice_cli)
  add_test(NAME report_browser
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/report-browser.sh $<TARGET_FILE:zice_cli> ${PROJECT_SOURCE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/report-browser)
  set_tests_properties(report_browser PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 RUN_SERIAL TRUE)
endif()
