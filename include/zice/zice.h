/*
 * zice — C API.
 *
 * A small, stable C interface over the zice engine, for embedding in services
 * and for language bindings (bindings/python, bindings/node).
 *
 * Conventions (modelled on SQLite and libgit2):
 *  - Every function that can fail returns an int status: ZICE_OK (0) or a
 *    negative ZICE_E* code. Details of the last failure on the calling thread
 *    are available from zice_error_last() until the next status-returning
 *    zice_* call on that thread (which resets it). The void and const char *
 *    functions (getters, zice_free, zice_strerror, ...) leave it alone.
 *  - Handles (zice_ruleset, zice_catalog) are opaque. A loaded ruleset or
 *    catalog is immutable: any number of threads may use one handle at the
 *    same time, without locking. Freeing a handle while another thread uses
 *    it is the caller's bug. Every handle carries a magic number that each
 *    entry point checks and that the free functions overwrite: a freed,
 *    foreign or corrupted handle is usually refused with ZICE_EINVAL (best
 *    effort: it relies on the freed memory not yet being reused; AddressSanitizer
 *    builds report it reliably). See docs/security.md.
 *  - Ownership: a `char **out` parameter receives a NUL-terminated UTF-8
 *    string allocated by zice; free it with zice_free(). `const char *`
 *    return values are owned by the handle they came from and stay valid
 *    until that handle is freed. Rulesets obtained from a catalog are
 *    borrowed: do not free them; they live as long as the catalog.
 *  - JSON in, JSON out: answers, questionnaires, problems and results are
 *    JSON documents (docs/result-schema.md).
 *  - Inputs are bounded by resource limits (docs/security.md): exceeding one
 *    is ZICE_ELIMIT, never a crash. zice_load_options and
 *    zice_assess_options (version 2) change them.
 *  - No C++ exception ever crosses this boundary; NULL or invalid arguments
 *    return ZICE_EINVAL.
 */
#ifndef ZICE_H
#define ZICE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Building libzice defines ZICE_BUILDING; a program linking the static
 * library on Windows defines ZICE_STATIC. */
#if defined(_WIN32)
#  if defined(ZICE_BUILDING)
#    define ZICE_API __declspec(dllexport)
#  elif defined(ZICE_STATIC)
#    define ZICE_API
#  else
#    define ZICE_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define ZICE_API __attribute__((visibility("default")))
#else
#  define ZICE_API
#endif

/* ---- versions ------------------------------------------------------------ */

#define ZICE_VERSION_MAJOR 0
#define ZICE_VERSION_MINOR 1
#define ZICE_VERSION_PATCH 0
#define ZICE_VERSION "0.1.0"
#define ZICE_VERSION_NUMBER (ZICE_VERSION_MAJOR * 10000 + ZICE_VERSION_MINOR * 100 + ZICE_VERSION_PATCH)

/** Version of the library actually linked, e.g. "0.1.0". */
ZICE_API const char *zice_version(void);
/** ZICE_VERSION_NUMBER of the library actually linked. */
ZICE_API int zice_version_number(void);

/* ---- status codes and errors ---------------------------------------------- */

enum {
  ZICE_OK = 0,
  ZICE_EINVAL = -1,    /* invalid argument (NULL handle, bad option struct version, bad format name) */
  ZICE_EIO = -2,       /* a file or directory could not be read */
  ZICE_ERULESET = -3,  /* a ruleset has errors; see zice_error_last() for file, line, column */
  ZICE_EJSON = -4,     /* a JSON input is not well-formed or not of the expected shape */
  ZICE_EANSWERS = -5,  /* strict mode: the answers have fatal problems (problems JSON returned) */
  ZICE_ENOTFOUND = -6, /* catalog: no ruleset with that id / version / date */
  ZICE_ENOMEM = -7,    /* out of memory */
  ZICE_EINTERNAL = -8, /* a bug in zice; please report it */
  ZICE_ELIMIT = -9     /* an input exceeds a resource limit (docs/security.md); the message names the limit,
                          for rulesets with file, line and column */
};

typedef struct zice_error {
  int code;            /* the ZICE_E* code */
  const char *message; /* English or zh-CN text, never NULL */
  const char *file;    /* ZICE_ERULESET, ZICE_EIO: the file or directory; else "" */
  int line;            /* 1-based, 0 when unknown */
  int column;          /* 1-based, 0 when unknown */
} zice_error;

/**
 * The last error on the calling thread, or NULL when the last
 * status-returning call succeeded. The struct and its strings are owned by
 * the thread and valid until the next status-returning zice_* call on it.
 */
ZICE_API const zice_error *zice_error_last(void);
/** Short English name of a status code ("ZICE_EIO: I/O error"). Static storage. */
ZICE_API const char *zice_strerror(int code);

/** Frees a string returned through a `char **out` parameter. NULL is allowed. */
ZICE_API void zice_free(void *p);

/* ---- rulesets ------------------------------------------------------------- */

typedef struct zice_ruleset zice_ruleset;

/**
 * Loads and compiles a ruleset file. On ZICE_ERULESET, zice_error_last()
 * carries the first error's file, line and column, and its message holds all
 * diagnostics, one per line ("file:line:col: error: ...").
 */
ZICE_API int zice_ruleset_load_file(const char *path, zice_ruleset **out);
/** Same, from memory; `len` may be 0 to use strlen(xml); `name` (may be NULL,
 * then "<buffer>") is used in diagnostics. */
ZICE_API int zice_ruleset_load_buffer(const char *xml, size_t len, const char *name, zice_ruleset **out);
/* Resource limits for loading rulesets (docs/security.md). A field left 0
 * keeps the default; depth limits cannot exceed 256 (ZICE_EINVAL). */
#define ZICE_LOAD_OPTIONS_VERSION 1

typedef struct zice_load_options {
  unsigned int version;         /* ZICE_LOAD_OPTIONS_VERSION */
  size_t max_file_bytes;        /* bytes of one ruleset file; default 16 MiB */
  size_t max_elements;          /* XML elements in one file; default 100000 */
  size_t max_depth;             /* XML nesting depth; default 32 */
  size_t max_questions;         /* <question> elements in one file; default 2000 */
  size_t max_expression_length; /* bytes of one expression; default 4000 */
  size_t max_expression_depth;  /* nesting of one expression; default 64 */
} zice_load_options;

#define ZICE_LOAD_OPTIONS_INIT {ZICE_LOAD_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0}

/** As zice_ruleset_load_file / _load_buffer, with limits; `opts` may be NULL
 * (defaults). A ruleset over a limit is ZICE_ELIMIT with file, line and
 * column of the offending element or expression where one exists. */
ZICE_API int zice_ruleset_load_file_ex(const char *path, const zice_load_options *opts, zice_ruleset **out);
ZICE_API int zice_ruleset_load_buffer_ex(const char *xml, size_t len, const char *name,
                                         const zice_load_options *opts, zice_ruleset **out);

/** Frees a ruleset from zice_ruleset_load_*. NULL is allowed. Catalog
 * rulesets are ignored (they belong to the catalog), as is a handle that is
 * recognisably freed already. */
ZICE_API void zice_ruleset_free(zice_ruleset *rs);

/* Metadata, owned by the ruleset. Effective dates are "" when open. NULL on a NULL handle. */
ZICE_API const char *zice_ruleset_id(const zice_ruleset *rs);
ZICE_API const char *zice_ruleset_version(const zice_ruleset *rs);
ZICE_API const char *zice_ruleset_title(const zice_ruleset *rs); /* default language */
ZICE_API const char *zice_ruleset_sha256(const zice_ruleset *rs);
ZICE_API const char *zice_ruleset_effective_from(const zice_ruleset *rs);
ZICE_API const char *zice_ruleset_effective_to(const zice_ruleset *rs);

/**
 * Lints a ruleset file like `zice lint`: the loader's diagnostics plus, when
 * the ruleset loads, the deep lint of docs/lint.md (expiry checks against
 * today, UTC). *out receives a JSON array of every diagnostic
 * ({"severity","code","file","line","column","message"}) in position order,
 * file by file (for a ruleset that `extends` another: the ruleset's own file
 * first, then the base each inherited item came from), empty when clean.
 * Returns ZICE_OK even when the ruleset has errors (inspect the array);
 * ZICE_EIO when the file cannot be read.
 */
ZICE_API int zice_lint_file(const char *path, char **out);

/** The questionnaire as JSON for a front end. `lang` may be NULL (ruleset default). */
ZICE_API int zice_ruleset_questionnaire(const zice_ruleset *rs, const char *lang, char **out);

/* ---- assessing ------------------------------------------------------------ */

#define ZICE_ASSESS_OPTIONS_VERSION 3

/* zice_assess_options.result_format: what zice_ruleset_assess writes to *out. */
#define ZICE_RESULT_PRETTY 0  /* the result document (docs/result-schema.md), indented (default) */
#define ZICE_RESULT_COMPACT 1 /* the same document on one line: smaller, faster to write and parse */
#define ZICE_RESULT_SUMMARY 2 /* only the outcome: grade, scores, failed gates, findings per severity
                                 (docs/result-schema.md, "Summary"); the cheapest to produce and parse */

typedef struct zice_assess_options {
  unsigned int version; /* ZICE_ASSESS_OPTIONS_VERSION */
  const char *lang;     /* report language ("zh-CN", "en"); NULL = ruleset default */
  int strict;           /* non-zero: any answer problem fails the assessment */
  int trace;            /* non-zero: include every computed name in result.trace */
  const char *date;     /* assessment date "YYYY-MM-DD"; NULL = today (UTC) */
  /* ---- version 2 (a version-1 struct ends here; its callers get the defaults below) */
  int analyse;                      /* non-zero (default): improvement plan and partial-answer analysis */
  size_t max_answers_bytes;         /* answers JSON size; 0 = default 2 MiB */
  size_t max_answers_depth;         /* nesting of arrays/objects; 0 = default 16, at most 256 */
  size_t max_answers_string_length; /* bytes of one string; 0 = default 65536 */
  size_t max_answers_array_length;  /* elements of one array; 0 = default 10000 */
  /* ---- version 3 (a version-2 struct ends here; its callers get ZICE_RESULT_PRETTY) */
  int result_format;                /* ZICE_RESULT_PRETTY (default), ZICE_RESULT_COMPACT or ZICE_RESULT_SUMMARY */
} zice_assess_options;

#define ZICE_ASSESS_OPTIONS_INIT {ZICE_ASSESS_OPTIONS_VERSION, NULL, 0, 0, NULL, 1, 0, 0, 0, 0, ZICE_RESULT_PRETTY}

/** Initialises `opts` to the defaults for options struct `version`
 * (ZICE_ASSESS_OPTIONS_VERSION); for an older version only that version's
 * fields are written. ZICE_EINVAL for an unknown version.
 * zice_ruleset_validate/assess reject a struct whose version is 0 or newer
 * than the library knows (ZICE_EINVAL), and an invalid `date` (ZICE_EINVAL). */
ZICE_API int zice_assess_options_init(zice_assess_options *opts, unsigned int version);

/**
 * Validates answers (a JSON object keyed by question id) without scoring.
 * *out receives a JSON array of problems
 * ([{"question","code","message","fatal"}], empty when valid). `opts` may be NULL.
 * Returns ZICE_OK when validation ran (even with problems); ZICE_EJSON when
 * `answers_json` is not JSON or not an object; ZICE_ELIMIT when it exceeds a
 * limit (checked before parsing for the size). `len` may be 0 to use
 * strlen(answers_json).
 */
ZICE_API int zice_ruleset_validate(const zice_ruleset *rs, const char *answers_json, size_t len,
                                   const zice_assess_options *opts, char **out);

/**
 * Scores answers. On ZICE_OK, *out receives the result JSON
 * (docs/result-schema.md): the whole document, indented or on one line, or
 * only its summary, as opts->result_format says (version 3; ZICE_EINVAL for
 * another value). On ZICE_EANSWERS (strict mode), *out receives the
 * problems JSON array instead. On other errors *out is set to NULL.
 * `len` may be 0 to use strlen(answers_json). `opts` may be NULL.
 */
ZICE_API int zice_ruleset_assess(const zice_ruleset *rs, const char *answers_json, size_t len,
                                 const zice_assess_options *opts, char **out);

/**
 * Renders a result document (from zice_ruleset_assess) as a report.
 * `format`: "text", "json" (and, when built, "md", "html"); an unknown or
 * unavailable format is ZICE_EINVAL. `len` may be 0. ZICE_EJSON when
 * `result_json` is not JSON or has no "schema": "zice-result/..." field.
 */
ZICE_API int zice_result_render(const char *result_json, size_t len, const char *format, char **out);

/* ---- catalogs ------------------------------------------------------------- */

typedef struct zice_catalog zice_catalog;

/**
 * Loads every *.xml ruleset in `dir` (not recursive). Several versions of one
 * id may coexist. Fails with ZICE_ERULESET (naming file:line:col) if any file
 * has errors or two files have the same id and version (the message names
 * both files), ZICE_EIO if the directory cannot be read.
 */
ZICE_API int zice_catalog_open(const char *dir, zice_catalog **out);
ZICE_API void zice_catalog_free(zice_catalog *cat);

/**
 * JSON array of the rulesets, sorted by id, then effective_from (open
 * first), then version:
 * [{"id","version","title","effective_from","effective_to","sha256","file"}].
 * Open effective dates are "".
 */
ZICE_API int zice_catalog_list(const zice_catalog *cat, char **out);

/**
 * Resolves an id to a ruleset: with `version` non-NULL, that exact version;
 * otherwise the version with the latest effective_from (ties: the last one
 * listed). *out is borrowed from the catalog.
 */
ZICE_API int zice_catalog_get(const zice_catalog *cat, const char *id, const char *version,
                              const zice_ruleset **out);

/**
 * The version of `id` in force on `date` ("YYYY-MM-DD"; NULL = today UTC):
 * effective_from <= date (or open) and date <= effective_to (or open); when
 * several qualify, the one with the latest effective_from. *out is borrowed.
 * ZICE_EINVAL for a malformed date, ZICE_ENOTFOUND when no version is in force.
 */
ZICE_API int zice_catalog_get_in_force(const zice_catalog *cat, const char *id, const char *date,
                                       const zice_ruleset **out);

#ifdef __cplusplus
}
#endif

#endif /* ZICE_H */
