# The fuzz targets: fuzz/<name>.cpp, fuzz/<name>.dict (optional) and
# fuzz/regressions/<name>/ (inputs replayed by the normal test suite).
set(ZICE_FUZZ_TARGETS fuzz_ruleset_loader fuzz_expr fuzz_assess fuzz_capi)
