/*
 * zice C API example: load a ruleset, assess an answers file, print the
 * text report.
 *
 *   zice-c-example RULESET.xml ANSWERS.json [YYYY-MM-DD]
 *
 * Exit status: 0 on success, 1 on any error (printed to stderr).
 */
#include <stdio.h>
#include <stdlib.h>

#include <zice/zice.h>

/* Reads a whole file into a NUL-terminated malloc'ed buffer. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  if (!f) return NULL;
  for (;;) {
    if (cap - n < 4096) {
      char *grown = realloc(buf, cap = cap * 2 + 4096);
      if (!grown) break;
      buf = grown;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  if (buf) buf[n] = '\0';
  *len = n;
  return buf;
}

/* Prints the calling thread's last zice error. Call it right after the
 * failing function, before any other status-returning zice_* call. */
static int fail(const char *what, int rc) {
  const zice_error *e = zice_error_last();
  fprintf(stderr, "%s failed: %s\n", what, zice_strerror(rc));
  if (e) {
    if (e->file[0]) fprintf(stderr, "  at %s:%d:%d\n", e->file, e->line, e->column);
    fprintf(stderr, "%s\n", e->message);
  }
  return 1;
}

int main(int argc, char **argv) {
  zice_ruleset *rs = NULL;
  zice_assess_options opts = ZICE_ASSESS_OPTIONS_INIT;
  char *answers = NULL, *result = NULL, *report = NULL;
  size_t len = 0;
  int rc, status = 1;

  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: %s RULESET.xml ANSWERS.json [YYYY-MM-DD]\n", argv[0]);
    return 2;
  }
  fprintf(stderr, "zice %s (C API)\n", zice_version());

  rc = zice_ruleset_load_file(argv[1], &rs);
  if (rc != ZICE_OK) return fail("loading the ruleset", rc);
  fprintf(stderr, "ruleset %s %s: %s\n", zice_ruleset_id(rs), zice_ruleset_version(rs), zice_ruleset_title(rs));

  answers = read_file(argv[2], &len);
  if (!answers) {
    perror(argv[2]);
    goto out;
  }

  opts.date = argc > 3 ? argv[3] : NULL; /* NULL = today (UTC) */
  rc = zice_ruleset_assess(rs, answers, len, &opts, &result);
  if (rc != ZICE_OK) {
    status = fail("assessing", rc);
    if (rc == ZICE_EANSWERS && result) fprintf(stderr, "problems: %s\n", result);
    goto out;
  }

  rc = zice_result_render(result, 0, "text", &report);
  if (rc != ZICE_OK) {
    status = fail("rendering", rc);
    goto out;
  }
  fputs(report, stdout);
  status = 0;

out:
  zice_free(report); /* zice_free(NULL) is fine */
  zice_free(result);
  free(answers);
  zice_ruleset_free(rs);
  return status;
}
