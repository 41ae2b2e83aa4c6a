'use strict';
/**
 * zice — compliance self-assessment engine for SMEs (Node.js binding).
 *
 * A thin layer over the zice C API (include/zice/zice.h) through a Node-API
 * addon (zice.node). Load rulesets once at start-up, then score answers:
 *
 *   const { Catalog } = require('zice');
 *   const catalog = new Catalog('rulesets');
 *   const rs = catalog.get('miit-innovative-sme-2022');
 *   const result = await rs.assessAsync(answers, { date: '2026-11-28' });
 *
 * The addon is looked up in this order: $ZICE_NODE_ADDON; zice.node next to
 * this file; build/Release/zice.node next to this file; the in-tree CMake
 * build directories <repo>/build* /bindings/node/zice.node.
 */
const fs = require('node:fs');
const path = require('node:path');

// ---- errors -------------------------------------------------------------------

/** Status codes of the C API (negative errno of a ZiceError). */
const codes = Object.freeze({
  OK: 0,
  EINVAL: -1,
  EIO: -2,
  ERULESET: -3,
  EJSON: -4,
  EANSWERS: -5,
  ENOTFOUND: -6,
  ENOMEM: -7,
  EINTERNAL: -8,
  ELIMIT: -9,
});
const codeNames = Object.fromEntries(Object.entries(codes).map(([k, v]) => [v, `ZICE_${k}`]));

/**
 * A failed zice call. `code` is the status name ("ZICE_ERULESET", …), `errno`
 * the number (codes.ERULESET, …); `file`, `line`, `column` locate ruleset
 * errors ("" / 0 otherwise); `problems` lists answer problems (strict mode).
 */
class ZiceError extends Error {
  constructor(errno, message, file = '', line = 0, column = 0, problems = []) {
    super(message);
    this.name = new.target.name;
    this.errno = errno;
    this.code = codeNames[errno] || `ZICE_E${-errno}`;
    this.file = file;
    this.line = line;
    this.column = column;
    this.problems = problems;
  }
}
/** The ruleset has errors; file/line/column locate the first. */
class RulesetError extends ZiceError {}
/** Strict mode: the answers have fatal problems (see `problems`). */
class AnswersError extends ZiceError {}
/** Catalog: no ruleset with that id / version / date. */
class NotFoundError extends ZiceError {}

function makeError(errno, message, file, line, column, problemsJson) {
  let problems = [];
  if (problemsJson) {
    try {
      problems = JSON.parse(problemsJson);
    } catch {
      problems = [];
    }
  }
  const Cls =
    errno === codes.ERULESET ? RulesetError
      : errno === codes.EANSWERS ? AnswersError
        : errno === codes.ENOTFOUND ? NotFoundError
          : ZiceError;
  return new Cls(errno, message, file, line, column, problems);
}

// ---- the addon ----------------------------------------------------------------

function addonCandidates() {
  if (process.env.ZICE_NODE_ADDON) return [path.resolve(process.env.ZICE_NODE_ADDON)];
  const out = [path.join(__dirname, 'zice.node'), path.join(__dirname, 'build', 'Release', 'zice.node')];
  const root = path.resolve(__dirname, '..', '..');
  let dirs = [];
  try {
    dirs = fs.readdirSync(root).filter((d) => d === 'build' || d.startsWith('build-') || d.startsWith('build_')).sort();
  } catch {
    dirs = [];
  }
  for (const d of dirs) out.push(path.join(root, d, 'bindings', 'node', 'zice.node'));
  return out;
}

function loadAddon() {
  const tried = [];
  for (const file of addonCandidates()) {
    if (!fs.existsSync(file)) {
      tried.push(`${file} (missing)`);
      continue;
    }
    try {
      return require(file);
    } catch (e) {
      tried.push(`${file} (${e.message})`);
    }
  }
  throw new Error(
    'zice: cannot find the zice.node addon; build it with CMake (target zice_node) and/or set ZICE_NODE_ADDON. Tried:\n  ' +
      tried.join('\n  '),
  );
}

const native = loadAddon();
native.init(makeError);

// ---- helpers --------------------------------------------------------------------

function toJsonText(doc, what) {
  if (typeof doc === 'string') return doc;
  if (Buffer.isBuffer(doc) || doc instanceof Uint8Array) return Buffer.from(doc).toString('utf8');
  if (doc === null || typeof doc !== 'object') throw new TypeError(`${what} must be an object or JSON text`);
  return JSON.stringify(doc);
}

function toDate(date) {
  if (date === undefined || date === null) return null;
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new TypeError('date is an invalid Date');
    return date.toISOString().slice(0, 10); // UTC, as the engine's "today"
  }
  if (typeof date !== 'string') throw new TypeError('date must be "YYYY-MM-DD" or a Date');
  return date;
}

function optString(v, what) {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string`);
  return v;
}

// zice_assess_options.result_format (zice.h)
const RESULT_COMPACT = 1;
const RESULT_SUMMARY = 2;

function callArgs(answers, opts, assess, resultFormat = 0) {
  if (typeof opts === 'string') opts = { lang: opts };
  opts = opts || {};
  return [
    toJsonText(answers, 'answers'),
    optString(opts.lang, 'lang'),
    assess ? !!opts.strict : false,
    assess ? toDate(opts.date) : null,
    assess ? !!opts.trace : false,
    assess ? opts.analyse !== false : true,
    resultFormat,
  ];
}

// ---- Ruleset ----------------------------------------------------------------------

const construct = Symbol('zice.construct');

/**
 * A loaded, compiled, immutable ruleset. Create with Ruleset.load() or
 * Ruleset.fromString(), or get one from a Catalog (it then keeps the catalog
 * alive, and stops working once the catalog is closed).
 */
class Ruleset {
  #handle;
  #catalog;

  constructor(token, handle, catalog) {
    if (token !== construct) throw new TypeError('use Ruleset.load(), Ruleset.fromString() or catalog.get()');
    this.#handle = handle;
    this.#catalog = catalog || null;
    const info = native.rulesetInfo(handle);
    /** @readonly */ this.id = info.id;
    /** @readonly */ this.version = info.version;
    /** @readonly */ this.title = info.title;
    /** @readonly */ this.sha256 = info.sha256;
    /** @readonly ISO date, or null when open */ this.effectiveFrom = info.effectiveFrom || null;
    /** @readonly ISO date, or null when open */ this.effectiveTo = info.effectiveTo || null;
    Object.freeze(this);
  }

  /** Loads and compiles a ruleset file (throws RulesetError with file/line/column). */
  static load(file) {
    return new Ruleset(construct, native.rulesetLoad(String(file)));
  }

  /** Loads a ruleset from XML text; `name` is used in diagnostics. */
  static fromString(xml, name) {
    const text = Buffer.isBuffer(xml) ? xml.toString('utf8') : xml;
    if (typeof text !== 'string') throw new TypeError('xml must be a string or Buffer');
    return new Ruleset(construct, native.rulesetFromString(text, optString(name, 'name')));
  }

  /** The catalog this ruleset was taken from, or null. */
  get catalog() {
    return this.#catalog;
  }

  /** True after close() (or after its catalog was closed). */
  get closed() {
    return this.#handle === null || (this.#catalog !== null && this.#catalog.closed);
  }

  /**
   * Frees a loaded ruleset (idempotent; pending assessAsync calls finish
   * first). For a catalog ruleset, only this object becomes unusable.
   */
  close() {
    if (this.#handle !== null) {
      if (this.#catalog === null) native.rulesetClose(this.#handle);
      this.#handle = null;
    }
  }

  #h() {
    if (this.#handle === null) throw new Error('zice: the ruleset is closed');
    return this.#handle;
  }

  /** id, version, title, sha256, effectiveFrom, effectiveTo. */
  metadata() {
    const { id, version, title, sha256, effectiveFrom, effectiveTo } = this;
    return { id, version, title, sha256, effectiveFrom, effectiveTo };
  }

  /** The questionnaire for a front end; `lang` is a string or { lang }. */
  questionnaire(lang) {
    if (lang && typeof lang === 'object') lang = lang.lang;
    return JSON.parse(native.questionnaire(this.#h(), optString(lang, 'lang')));
  }

  /** Validates answers without scoring: [{question, code, message, fatal}]. */
  validate(answers, opts) {
    return JSON.parse(native.validate(this.#h(), ...callArgs(answers, opts, false)));
  }

  /** validate() on the libuv thread pool. */
  async validateAsync(answers, opts) {
    const handle = this.#h();
    return JSON.parse(await native.validateAsync(handle, ...callArgs(answers, opts, false)));
  }

  /**
   * Scores answers; returns the result document (docs/result-schema.md).
   * opts: { lang, strict, date ("YYYY-MM-DD" or Date; default today UTC), trace,
   * analyse (default true; false skips the improvement plan and partial analysis) }.
   * In strict mode, fatal answer problems throw AnswersError (err.problems).
   */
  assess(answers, opts) {
    // Compact text: it is parsed here anyway, and indentation only costs.
    return JSON.parse(native.assess(this.#h(), ...callArgs(answers, opts, true, RESULT_COMPACT)));
  }

  /** assess() on the libuv thread pool: the event loop stays responsive. */
  async assessAsync(answers, opts) {
    const handle = this.#h();
    return JSON.parse(await native.assessAsync(handle, ...callArgs(answers, opts, true, RESULT_COMPACT)));
  }

  /**
   * Scores answers and returns only the outcome (docs/result-schema.md,
   * "Summary"): { schema: "zice-summary/1", ruleset, grade, total, percent,
   * dimensions: {id: score}, failed_gates, findings: {severity: count},
   * complete, problems }. The cheapest call when the full document is not
   * needed. Same options as assess().
   */
  assessSummary(answers, opts) {
    return JSON.parse(native.assess(this.#h(), ...callArgs(answers, opts, true, RESULT_SUMMARY)));
  }

  /** assessSummary() on the libuv thread pool. */
  async assessSummaryAsync(answers, opts) {
    const handle = this.#h();
    return JSON.parse(await native.assessAsync(handle, ...callArgs(answers, opts, true, RESULT_SUMMARY)));
  }

  /** Renders a result of assess() as a report ("text", "json", …). */
  report(result, format = 'text') {
    return render(result, format);
  }

  toString() {
    return `Ruleset(${this.id} ${this.version})`;
  }
}

// ---- Catalog ----------------------------------------------------------------------

/** Every *.xml ruleset of a directory, loaded once. */
class Catalog {
  #handle;

  constructor(dir) {
    this.#handle = native.catalogOpen(String(dir));
    /** @readonly */ this.dir = String(dir);
  }

  get closed() {
    return this.#handle === null;
  }

  /**
   * Frees the catalog and its rulesets (idempotent). Rulesets taken from it
   * become unusable; assessAsync calls already running finish first.
   */
  close() {
    if (this.#handle !== null) {
      native.catalogClose(this.#handle);
      this.#handle = null;
    }
  }

  #h() {
    if (this.#handle === null) throw new Error('zice: the catalog is closed');
    return this.#handle;
  }

  /**
   * The rulesets, sorted by id then effective date:
   * [{id, version, title, effective_from, effective_to, sha256, file}]
   * (open dates are null).
   */
  list() {
    const entries = JSON.parse(native.catalogList(this.#h()));
    for (const e of entries) {
      if (e.effective_from === '') e.effective_from = null;
      if (e.effective_to === '') e.effective_to = null;
    }
    return entries;
  }

  /** True when the catalog has a ruleset with this id. */
  has(id) {
    return this.list().some((e) => e.id === id);
  }

  /** A ruleset by id: that exact version, else the latest effective one. Throws NotFoundError. */
  get(id, version) {
    const h = this.#h();
    if (typeof id !== 'string') throw new TypeError('id must be a string');
    return new Ruleset(construct, native.catalogGet(h, id, optString(version, 'version')), this);
  }

  /** The version of `id` in force on `date` (default today, UTC). Throws NotFoundError. */
  inForce(id, date) {
    const h = this.#h();
    if (typeof id !== 'string') throw new TypeError('id must be a string');
    return new Ruleset(construct, native.catalogInForce(h, id, toDate(date)), this);
  }
}

// `using rs = Ruleset.load(…)` where the runtime has explicit resource management.
if (typeof Symbol.dispose === 'symbol') {
  for (const C of [Ruleset, Catalog]) {
    Object.defineProperty(C.prototype, Symbol.dispose, {
      value: function dispose() {
        this.close();
      },
      writable: true,
      configurable: true,
    });
  }
}

// ---- free functions ---------------------------------------------------------------

/** Renders a result document as a report: "text", "json" (and "md", "html" when built). */
function render(result, format = 'text') {
  return native.render(toJsonText(result, 'result'), String(format));
}

/** Every diagnostic of a ruleset file: [{severity, code, file, line, column, message}]. */
function lint(file) {
  return JSON.parse(native.lint(String(file)));
}

/** Version of the linked zice library, e.g. "0.1.0". */
function version() {
  return native.version();
}

module.exports = {
  Catalog,
  Ruleset,
  ZiceError,
  RulesetError,
  AnswersError,
  NotFoundError,
  codes,
  render,
  lint,
  version,
};
