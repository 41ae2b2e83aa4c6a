// zice — Node.js addon (Node-API, C interface only) over the C API in
// include/zice/zice.h. bindings/node/index.js wraps these low-level functions
// in the Catalog / Ruleset classes; nothing here parses JSON: documents cross
// the boundary as strings and are parsed in JavaScript.
//
// Handles are JS externals tagged with a type tag:
//   CatalogBox  — owns a zice_catalog;
//   RulesetBox  — owns a zice_ruleset (load) or borrows one from a catalog
//                 (it then holds a strong reference to the catalog external,
//                 so the catalog outlives every ruleset taken from it).
// Asynchronous work (napi_create_async_work, libuv thread pool) keeps a
// strong reference to the ruleset external and counts itself in `pending`;
// an explicit close() while work is pending defers the free to the last
// completion. zice_error_last() is thread-local, so the worker copies the
// error before the completion runs on the JS thread.
#define NAPI_VERSION 8
#include <node_api.h>

#include <cstring>
#include <cstdint>
#include <string>
#include <utility>

#include "zice/zice.h"

namespace {

// ---- plumbing -----------------------------------------------------------------

// Thrown (as a C++ exception, caught at every entry point) once a JS exception
// is pending, so helpers can bail out without checking every status by hand.
struct PendingException {};

void check(napi_env env, napi_status st) {
  if (st == napi_ok) return;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) {
    const napi_extended_error_info* info = nullptr;
    napi_get_last_error_info(env, &info);
    napi_throw_error(env, "ZICE_NAPI",
                     info && info->error_message ? info->error_message : "Node-API call failed");
  }
  throw PendingException{};
}

[[noreturn]] void throw_type(napi_env env, const char* msg) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", msg);
  throw PendingException{};
}

[[noreturn]] void throw_plain(napi_env env, const char* msg) {
  napi_throw_error(env, "ZICE_CLOSED", msg);
  throw PendingException{};
}

// A copy of zice_error_last() (taken on the thread that made the call).
struct ErrorCopy {
  int code = 0;
  std::string message, file;
  int line = 0, column = 0;

  static ErrorCopy take(int rc) {
    ErrorCopy e;
    e.code = rc;
    if (const zice_error* last = zice_error_last()) {
      if (last->code) e.code = last->code;
      e.message = last->message ? last->message : "";
      e.file = last->file ? last->file : "";
      e.line = last->line;
      e.column = last->column;
    }
    if (e.message.empty()) e.message = zice_strerror(rc);
    return e;
  }
};

// Takes ownership of a char* from a `char **out` parameter.
struct ZiceString {
  char* p = nullptr;
  ZiceString() = default;
  ZiceString(const ZiceString&) = delete;
  ZiceString& operator=(const ZiceString&) = delete;
  ~ZiceString() { zice_free(p); }
  std::string str() const { return p ? std::string(p) : std::string(); }
};

struct InstanceData {
  napi_ref make_error = nullptr;  // JS function (errno, message, file, line, column, problems)
};

napi_value make_string(napi_env env, const std::string& s) {
  napi_value v;
  check(env, napi_create_string_utf8(env, s.data(), s.size(), &v));
  return v;
}

napi_value make_int(napi_env env, int i) {
  napi_value v;
  check(env, napi_create_int32(env, i, &v));
  return v;
}

// Builds the JS error for a failed call. `problems` is the problems JSON text
// (strict mode) or empty.
napi_value make_error(napi_env env, const ErrorCopy& e, const std::string& problems) {
  InstanceData* data = nullptr;
  napi_get_instance_data(env, reinterpret_cast<void**>(&data));
  napi_value fn = nullptr;
  if (data && data->make_error) check(env, napi_get_reference_value(env, data->make_error, &fn));
  if (fn) {
    napi_value undef, result;
    check(env, napi_get_undefined(env, &undef));
    napi_value argv[6] = {make_int(env, e.code), make_string(env, e.message), make_string(env, e.file),
                          make_int(env, e.line), make_int(env, e.column),
                          problems.empty() ? undef : make_string(env, problems)};
    check(env, napi_call_function(env, undef, fn, 6, argv, &result));
    return result;
  }
  // init() was not called: a plain Error with the same properties.
  napi_value err;
  check(env, napi_create_error(env, nullptr, make_string(env, e.message), &err));
  check(env, napi_set_named_property(env, err, "errno", make_int(env, e.code)));
  check(env, napi_set_named_property(env, err, "file", make_string(env, e.file)));
  check(env, napi_set_named_property(env, err, "line", make_int(env, e.line)));
  check(env, napi_set_named_property(env, err, "column", make_int(env, e.column)));
  if (!problems.empty())
    check(env, napi_set_named_property(env, err, "problemsJson", make_string(env, problems)));
  return err;
}

[[noreturn]] void throw_zice(napi_env env, const ErrorCopy& e, const std::string& problems = {}) {
  napi_throw(env, make_error(env, e, problems));
  throw PendingException{};
}

// Arguments -----------------------------------------------------------------------

template <size_t N>
struct Args {
  napi_value argv[N];
  size_t argc = N;
  napi_value self = nullptr;
  Args(napi_env env, napi_callback_info info) {
    check(env, napi_get_cb_info(env, info, &argc, argv, &self, nullptr));
    napi_value undef;
    check(env, napi_get_undefined(env, &undef));
    for (size_t i = argc; i < N; ++i) argv[i] = undef;
  }
};

bool is_nullish(napi_env env, napi_value v) {
  napi_valuetype t;
  check(env, napi_typeof(env, v, &t));
  return t == napi_undefined || t == napi_null;
}

std::string get_string(napi_env env, napi_value v, const char* what) {
  napi_valuetype t;
  check(env, napi_typeof(env, v, &t));
  if (t != napi_string) {
    std::string msg = std::string(what) + " must be a string";
    throw_type(env, msg.c_str());
  }
  size_t len = 0;
  check(env, napi_get_value_string_utf8(env, v, nullptr, 0, &len));
  std::string s(len, '\0');
  check(env, napi_get_value_string_utf8(env, v, s.data(), len + 1, &len));
  return s;
}

// A string argument that may be null/undefined (maps to a NULL const char*).
struct OptString {
  bool has = false;
  std::string value;
  const char* c_str() const { return has ? value.c_str() : nullptr; }
};

OptString get_opt_string(napi_env env, napi_value v, const char* what) {
  OptString o;
  if (is_nullish(env, v)) return o;
  o.has = true;
  o.value = get_string(env, v, what);
  return o;
}

bool get_bool(napi_env env, napi_value v) {
  bool b = false;
  check(env, napi_coerce_to_bool(env, v, &v));
  check(env, napi_get_value_bool(env, v, &b));
  return b;
}

// An integer argument; undefined or null reads as 0.
int get_int(napi_env env, napi_value v) {
  if (is_nullish(env, v)) return 0;
  std::int32_t i = 0;
  check(env, napi_coerce_to_number(env, v, &v));
  check(env, napi_get_value_int32(env, v, &i));
  return i;
}

// Handles ---------------------------------------------------------------------------

const napi_type_tag kCatalogTag = {0x7a6963655f636174ULL, 0x616c6f675f763031ULL};  // "zice_catalog_v01"
const napi_type_tag kRulesetTag = {0x7a6963655f72756cULL, 0x657365745f763031ULL};  // "zice_ruleset_v01"

struct CatalogBox {
  zice_catalog* cat = nullptr;
  bool closed = false;
  int pending = 0;  // async works on rulesets of this catalog

  void release() {
    if (cat) zice_catalog_free(cat);
    cat = nullptr;
  }
};

struct RulesetBox {
  const zice_ruleset* rs = nullptr;
  bool owned = false;
  bool closed = false;
  int pending = 0;
  CatalogBox* catalog = nullptr;  // borrowed rulesets
  napi_ref catalog_ref = nullptr; // strong reference to the catalog external

  bool usable() const { return !closed && rs && !(catalog && catalog->closed); }

  void release_if_done() {
    if (closed && pending == 0 && owned && rs) {
      zice_ruleset_free(const_cast<zice_ruleset*>(rs));
      rs = nullptr;
    }
  }
};

template <class Box>
Box* unwrap(napi_env env, napi_value v, const napi_type_tag& tag, const char* what) {
  napi_valuetype t;
  check(env, napi_typeof(env, v, &t));
  bool ok = false;
  if (t == napi_external) check(env, napi_check_object_type_tag(env, v, &tag, &ok));
  if (!ok) {
    std::string msg = std::string("expected a ") + what + " handle";
    throw_type(env, msg.c_str());
  }
  void* p = nullptr;
  check(env, napi_get_value_external(env, v, &p));
  return static_cast<Box*>(p);
}

CatalogBox* catalog_arg(napi_env env, napi_value v) {
  auto* box = unwrap<CatalogBox>(env, v, kCatalogTag, "catalog");
  if (box->closed) throw_plain(env, "zice: the catalog is closed");
  return box;
}

RulesetBox* ruleset_arg(napi_env env, napi_value v) {
  auto* box = unwrap<RulesetBox>(env, v, kRulesetTag, "ruleset");
  if (box->catalog && box->catalog->closed) throw_plain(env, "zice: the catalog of this ruleset is closed");
  if (!box->usable()) throw_plain(env, "zice: the ruleset is closed");
  return box;
}

void finalize_catalog(napi_env, void* data, void*) {
  auto* box = static_cast<CatalogBox*>(data);
  box->release();
  delete box;
}

void finalize_ruleset(napi_env env, void* data, void*) {
  auto* box = static_cast<RulesetBox*>(data);
  if (box->owned && box->rs) zice_ruleset_free(const_cast<zice_ruleset*>(box->rs));
  if (box->catalog_ref) napi_delete_reference(env, box->catalog_ref);
  delete box;
}

napi_value wrap_ruleset(napi_env env, RulesetBox* box, napi_value catalog_external) {
  napi_value ext;
  napi_status st = napi_create_external(env, box, finalize_ruleset, nullptr, &ext);
  if (st != napi_ok) {
    if (box->owned) zice_ruleset_free(const_cast<zice_ruleset*>(box->rs));
    delete box;
    check(env, st);
  }
  check(env, napi_type_tag_object(env, ext, &kRulesetTag));
  if (catalog_external) check(env, napi_create_reference(env, catalog_external, 1, &box->catalog_ref));
  return ext;
}

// Runs `body` and converts a pending JS exception to a NULL return value.
template <class F>
napi_value guard(napi_env env, F&& body) {
  try {
    return body();
  } catch (const PendingException&) {
    return nullptr;
  } catch (const std::bad_alloc&) {
    napi_throw_error(env, "ZICE_ENOMEM", "zice: out of memory");
    return nullptr;
  } catch (...) {
    napi_throw_error(env, "ZICE_EINTERNAL", "zice: unexpected C++ exception in the addon");
    return nullptr;
  }
}

// ---- functions ----------------------------------------------------------------------

// init(makeError): registers the JS error factory.
napi_value Init(napi_env env, napi_callback_info info) {
  return guard(env, [&]() -> napi_value {
    Args<1> a(env, info);
    napi_valuetype t;
    check(env, napi_typeof(env, a.argv[0], &t));
    if (t != napi_function) throw_type(env, "init(makeError): makeError must be a function");
    InstanceData* data = nullptr;
    check(env, napi_get_instance_data(env, reinterpret_cast<void**>(&data)));
    if (data->make_error) check(env, napi_delete_reference(env, data->make_error));
    check(env, napi_create_reference(env, a.argv[0], 1, &data->make_error));
    return nullptr;
  });
}

napi_value Version(napi_env env, napi_callback_info) {
  return guard(env, [&] { return make_string(env, zice_version()); });
}

napi_value RulesetLoad(napi_env env, napi_callback_info info) {
  return guard(env, [&] {
    Args<1> a(env, info);
    std::string path = get_string(env, a.argv[0], "path");
    zice_ruleset* rs = nullptr;
    int rc = zice_ruleset_load_file(path.c_str(), &rs);
    if (rc != ZICE_OK) throw_zice(env, ErrorCopy::take(rc));
    auto* box = new RulesetBox{};
    box->rs = rs;
    box->owned = true;
    return wrap_ruleset(env, box, nullptr);
  });
}

napi_value RulesetFromString(napi_env env, napi_callback_info info) {
  return guard(env, [&] {
    Args<2> a(env, info);
    std::string xml = get_string(env, a.argv[0], "xml");
    OptString name = get_opt_string(env, a.argv[1], "name");
    zice_ruleset* rs = nullptr;
    int rc = zice_ruleset_load_buffer(xml.data(), xml.size(), name.c_str(), &rs);
    if (rc != ZICE_OK) throw_zice(env, ErrorCopy::take(rc));
    auto* box = new RulesetBox{};
    box->rs = rs;
    box->owned = true;
    return wrap_ruleset(env, box, nullptr);
  });
}

napi_value RulesetClose(napi_env env, napi_callback_info info) {
  return guard(env, [&]() -> napi_value {
    Args<1> a(env, info);
    auto* box = unwrap<RulesetBox>(env, a.argv[0], kRulesetTag, "ruleset");
    box->closed = true;
    box->release_if_done();
    return nullptr;
  });
}

napi_value RulesetInfo(napi_env env, napi_callback_info info) {
  return guard(env, [&] {
    Args<1> a(env, info);
    const zice_ruleset* rs = ruleset_arg(env, a.argv[0])->rs;
    napi_value obj;
    check(env, napi_create_object(env, &obj));
    auto put = [&](const char* key, const char* value) {
      check(env, napi_set_named_property(env, obj, key, make_string(env, value ? value : "")));
    };
    put("id", zice_ruleset_id(rs));
    put("version", zice_ruleset_version(rs));
    put("title", zice_ruleset_title(rs));
    put("sha256", zice_ruleset_sha256(rs));
    put("effectiveFrom", zice_ruleset_effective_from(rs));
    put("effectiveTo", zice_ruleset_effective_to(rs));
    return obj;
  });
}

napi_value Questionnaire(napi_env env, napi_callback_info info) {
  return guard(env, [&] {
    Args<2> a(env, info);
    const zice_ruleset* rs = ruleset_arg(env, a.argv[0])->rs;
    OptString lang = get_opt_string(env, a.argv[1], "lang");
    ZiceString out;
    int rc = zice_ruleset_questionnaire(rs, lang.c_str(), &out.p);
    if (rc != ZICE_OK) throw_zice(env, ErrorCopy::take(rc));
    return make_string(env, out.str());
  });
}

// Options of validate/assess as passed from JS:
// (handle, answersJson, lang|null, strict, date|null, trace, analyse, resultFormat)
// resultFormat: ZICE_RESULT_PRETTY, _COMPACT or _SUMMARY (0, 1, 2).
struct CallSpec {
  bool assess = true;
  std::string answers;
  OptString lang, date;
  int strict = 0, trace = 0, analyse = 1, result_format = ZICE_RESULT_PRETTY;

  void read(napi_env env, napi_value* argv) {
    answers = get_string(env, argv[1], "answers (JSON text)");
    lang = get_opt_string(env, argv[2], "lang");
    strict = get_bool(env, argv[3]) ? 1 : 0;
    date = get_opt_string(env, argv[4], "date");
    trace = get_bool(env, argv[5]) ? 1 : 0;
    analyse = get_bool(env, argv[6]) ? 1 : 0;
    result_format = get_int(env, argv[7]);
  }

  // Runs the call; fills out/err. Safe on any thread.
  int run(const zice_ruleset* rs, std::string& out, ErrorCopy& err) const {
    zice_assess_options opts = ZICE_ASSESS_OPTIONS_INIT;
    opts.lang = lang.c_str();
    opts.strict = strict;
    opts.trace = trace;
    opts.analyse = analyse;
    opts.date = date.c_str();
    opts.result_format = result_format;
    ZiceString s;
    int rc = assess ? zice_ruleset_assess(rs, answers.data(), answers.size(), &opts, &s.p)
                    : zice_ruleset_validate(rs, answers.data(), answers.size(), &opts, &s.p);
    if (rc != ZICE_OK) err = ErrorCopy::take(rc);  // before zice_free (a zice_* call)
    out = s.str();
    return rc;
  }
};

napi_value RunSync(napi_env env, napi_callback_info info, bool assess) {
  return guard(env, [&] {
    Args<8> a(env, info);
    const zice_ruleset* rs = ruleset_arg(env, a.argv[0])->rs;
    CallSpec spec;
    spec.assess = assess;
    spec.read(env, a.argv);
    std::string out;
    ErrorCopy err;
    int rc = spec.run(rs, out, err);
    if (rc != ZICE_OK) throw_zice(env, err, rc == ZICE_EANSWERS ? out : std::string());
    return make_string(env, out);
  });
}

napi_value Validate(napi_env env, napi_callback_info info) { return RunSync(env, info, false); }
napi_value Assess(napi_env env, napi_callback_info info) { return RunSync(env, info, true); }

struct Work {
  napi_async_work work = nullptr;
  napi_deferred deferred = nullptr;
  napi_ref keep = nullptr;  // the ruleset external, alive until completion
  RulesetBox* box = nullptr;
  CallSpec spec;
  int rc = ZICE_OK;
  std::string out;
  ErrorCopy err;
};

void work_execute(napi_env, void* data) {
  auto* w = static_cast<Work*>(data);
  try {
    w->rc = w->spec.run(w->box->rs, w->out, w->err);
  } catch (...) {  // std::bad_alloc copying strings
    w->rc = ZICE_ENOMEM;
    w->err = ErrorCopy{ZICE_ENOMEM, "zice: out of memory", "", 0, 0};
    w->out.clear();
  }
}

void work_complete(napi_env env, napi_status status, void* data) {
  auto* w = static_cast<Work*>(data);
  RulesetBox* box = w->box;
  box->pending--;
  if (box->catalog) {
    box->catalog->pending--;
    if (box->catalog->closed && box->catalog->pending == 0) box->catalog->release();
  }
  box->release_if_done();
  try {
    if (status != napi_ok) {
      napi_value msg, err;
      check(env, napi_create_string_utf8(env, "zice: async work cancelled", NAPI_AUTO_LENGTH, &msg));
      check(env, napi_create_error(env, nullptr, msg, &err));
      check(env, napi_reject_deferred(env, w->deferred, err));
    } else if (w->rc == ZICE_OK) {
      check(env, napi_resolve_deferred(env, w->deferred, make_string(env, w->out)));
    } else {
      napi_value err = make_error(env, w->err, w->rc == ZICE_EANSWERS ? w->out : std::string());
      check(env, napi_reject_deferred(env, w->deferred, err));
    }
  } catch (const PendingException&) {
    // make_error threw; reject with the pending exception instead.
    napi_value exc;
    if (napi_get_and_clear_last_exception(env, &exc) == napi_ok) napi_reject_deferred(env, w->deferred, exc);
  }
  napi_delete_reference(env, w->keep);
  napi_delete_async_work(env, w->work);
  delete w;
}

napi_value RunAsync(napi_env env, napi_callback_info info, bool assess) {
  return guard(env, [&] {
    Args<8> a(env, info);
    RulesetBox* box = ruleset_arg(env, a.argv[0]);
    auto* w = new Work{};
    try {
      w->box = box;
      w->spec.assess = assess;
      w->spec.read(env, a.argv);
      napi_value promise, name;
      check(env, napi_create_promise(env, &w->deferred, &promise));
      check(env, napi_create_string_utf8(env, assess ? "zice.assess" : "zice.validate", NAPI_AUTO_LENGTH,
                                         &name));
      check(env, napi_create_async_work(env, nullptr, name, work_execute, work_complete, w, &w->work));
      check(env, napi_create_reference(env, a.argv[0], 1, &w->keep));
      check(env, napi_queue_async_work(env, w->work));
      box->pending++;
      if (box->catalog) box->catalog->pending++;
      return promise;
    } catch (...) {
      // Not queued. (A created promise is left unsettled and unreachable:
      // the exception is what the caller sees.)
      if (w->keep) napi_delete_reference(env, w->keep);
      if (w->work) napi_delete_async_work(env, w->work);
      delete w;
      throw;
    }
  });
}

napi_value ValidateAsync(napi_env env, napi_callback_info info) { return RunAsync(env, info, false); }
napi_value AssessAsync(napi_env env, napi_callback_info info) { return RunAsync(env, info, true); }

napi_value Render(napi_env env, napi_callback_info info) {
  return guard(env, [&] {
    Args<2> a(env, info);
    std::string doc = get_string(env, a.argv[0], "result (JSON text)");
    std::string format = get_string(env, a.argv[1], "format");
    ZiceString out;
    int rc = zice_result_render(doc.data(), doc.size(), format.c_str(), &out.p);
    if (rc != ZICE_OK) throw_zice(env, ErrorCopy::take(rc));
    return make_string(env, out.str());
  });
}

napi_value Lint(napi_env env, napi_callback_info info) {
  return guard(env, [&] {
    Args<1> a(env, info);
    std::string path = get_string(env, a.argv[0], "path");
    ZiceString out;
    int rc = zice_lint_file(path.c_str(), &out.p);
    if (rc != ZICE_OK) throw_zice(env, ErrorCopy::take(rc));
    return make_string(env, out.str());
  });
}

napi_value CatalogOpen(napi_env env, napi_callback_info info) {
  return guard(env, [&] {
    Args<1> a(env, info);
    std::string dir = get_string(env, a.argv[0], "dir");
    zice_catalog* cat = nullptr;
    int rc = zice_catalog_open(dir.c_str(), &cat);
    if (rc != ZICE_OK) throw_zice(env, ErrorCopy::take(rc));
    auto* box = new CatalogBox{};
    box->cat = cat;
    napi_value ext;
    napi_status st = napi_create_external(env, box, finalize_catalog, nullptr, &ext);
    if (st != napi_ok) {
      box->release();
      delete box;
      check(env, st);
    }
    check(env, napi_type_tag_object(env, ext, &kCatalogTag));
    return ext;
  });
}

napi_value CatalogClose(napi_env env, napi_callback_info info) {
  return guard(env, [&]() -> napi_value {
    Args<1> a(env, info);
    auto* box = unwrap<CatalogBox>(env, a.argv[0], kCatalogTag, "catalog");
    box->closed = true;
    if (box->pending == 0) box->release();
    return nullptr;
  });
}

napi_value CatalogList(napi_env env, napi_callback_info info) {
  return guard(env, [&] {
    Args<1> a(env, info);
    CatalogBox* box = catalog_arg(env, a.argv[0]);
    ZiceString out;
    int rc = zice_catalog_list(box->cat, &out.p);
    if (rc != ZICE_OK) throw_zice(env, ErrorCopy::take(rc));
    return make_string(env, out.str());
  });
}

napi_value CatalogLookup(napi_env env, napi_callback_info info, bool in_force) {
  return guard(env, [&] {
    Args<3> a(env, info);
    CatalogBox* cbox = catalog_arg(env, a.argv[0]);
    std::string id = get_string(env, a.argv[1], "id");
    OptString arg = get_opt_string(env, a.argv[2], in_force ? "date" : "version");
    const zice_ruleset* rs = nullptr;
    int rc = in_force ? zice_catalog_get_in_force(cbox->cat, id.c_str(), arg.c_str(), &rs)
                      : zice_catalog_get(cbox->cat, id.c_str(), arg.c_str(), &rs);
    if (rc != ZICE_OK) throw_zice(env, ErrorCopy::take(rc));
    auto* box = new RulesetBox{};
    box->rs = rs;
    box->owned = false;
    box->catalog = cbox;
    return wrap_ruleset(env, box, a.argv[0]);
  });
}

napi_value CatalogGet(napi_env env, napi_callback_info info) { return CatalogLookup(env, info, false); }
napi_value CatalogInForce(napi_env env, napi_callback_info info) { return CatalogLookup(env, info, true); }

void finalize_instance(napi_env env, void* data, void*) {
  auto* d = static_cast<InstanceData*>(data);
  if (d->make_error) napi_delete_reference(env, d->make_error);
  delete d;
}

}  // namespace

NAPI_MODULE_INIT() {
  auto* data = new InstanceData{};
  if (napi_set_instance_data(env, data, finalize_instance, nullptr) != napi_ok) {
    delete data;
    return nullptr;
  }
  const napi_property_descriptor props[] = {
      {"init", nullptr, Init, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"version", nullptr, Version, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"rulesetLoad", nullptr, RulesetLoad, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"rulesetFromString", nullptr, RulesetFromString, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"rulesetClose", nullptr, RulesetClose, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"rulesetInfo", nullptr, RulesetInfo, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"questionnaire", nullptr, Questionnaire, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"validate", nullptr, Validate, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"assess", nullptr, Assess, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"validateAsync", nullptr, ValidateAsync, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"assessAsync", nullptr, AssessAsync, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"render", nullptr, Render, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"lint", nullptr, Lint, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"catalogOpen", nullptr, CatalogOpen, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"catalogClose", nullptr, CatalogClose, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"catalogList", nullptr, CatalogList, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"catalogGet", nullptr, CatalogGet, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"catalogInForce", nullptr, CatalogInForce, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return nullptr;
  return exports;
}
