// Type definitions for the zice Node.js binding (bindings/node/index.js).
// Documents follow docs/result-schema.md; they are typed loosely (the common
// fields are named, everything else is `unknown`).

/** Answers: an object keyed by question id, or its JSON text. */
export type Answers = Record<string, unknown> | string | Buffer | Uint8Array;

/** "YYYY-MM-DD" or a Date (its UTC day). */
export type DateLike = string | Date;

export interface AssessOptions {
  /** Report language ("zh-CN", "en"); default: the ruleset's. */
  lang?: string | null;
  /** Any fatal answer problem throws AnswersError instead of scoring. */
  strict?: boolean;
  /** Assessment date; default today (UTC). Pass it for reproducible results. */
  date?: DateLike | null;
  /** Include every computed name in `result.trace`. */
  trace?: boolean;
  /** Default true; false leaves `improvement` and `partial` null (much cheaper). */
  analyse?: boolean;
}

export interface ValidateOptions {
  lang?: string | null;
}

export interface Problem {
  question: string;
  code: string;
  message: string;
  fatal: boolean;
}

export interface Grade {
  id: string;
  title: string;
  /** How to present the grade, when the ruleset declares it (<grade tone="…">). */
  tone?: 'good' | 'fair' | 'poor' | 'neutral';
  message: string | null;
  description: string | null;
  provisional: boolean;
}

export interface Result {
  schema: string;
  engine: { name: string; version: string };
  ruleset: { id: string; version: string; title: string; sha256: string };
  lang: string;
  assessment_date: string;
  complete: boolean;
  grade: Grade | null;
  grades: Array<Record<string, unknown>>;
  score: { total: number; max: number; percent: number | null } | null;
  dimensions: Array<Record<string, unknown>>;
  indicators: Array<Record<string, unknown>>;
  gates: Array<Record<string, unknown>>;
  compliance: Record<string, unknown> | null;
  findings: Array<Record<string, unknown>>;
  checks: Array<Record<string, unknown>>;
  derived: Array<{ id: string; label?: string; value: unknown; unit?: string | null }>;
  problems: Problem[];
  warnings: string[];
  [key: string]: unknown;
}

/** The outcome only (zice_assess_options.result_format = ZICE_RESULT_SUMMARY). */
export interface Summary {
  schema: 'zice-summary/1';
  ruleset: { id: string; version: string };
  grade: string | null;
  total: number | null;
  percent: number | null;
  dimensions: Record<string, number | null>;
  failed_gates: string[];
  findings: { critical: number; high: number; medium: number; low: number; info: number };
  complete: boolean;
  problems: number;
}

export interface Questionnaire {
  schema: string;
  ruleset: Record<string, unknown>;
  lang: string;
  langs: string[];
  items: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export interface CatalogEntry {
  id: string;
  version: string;
  title: string;
  effective_from: string | null;
  effective_to: string | null;
  sha256: string;
  file: string;
}

export interface Diagnostic {
  severity: string;
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface RulesetMetadata {
  id: string;
  version: string;
  title: string;
  sha256: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

/** Status codes of the C API. */
export declare const codes: Readonly<{
  OK: 0;
  EINVAL: -1;
  EIO: -2;
  ERULESET: -3;
  EJSON: -4;
  EANSWERS: -5;
  ENOTFOUND: -6;
  ENOMEM: -7;
  EINTERNAL: -8;
  ELIMIT: -9;
}>;

export type ZiceErrorCode =
  | 'ZICE_EINVAL'
  | 'ZICE_EIO'
  | 'ZICE_ERULESET'
  | 'ZICE_EJSON'
  | 'ZICE_EANSWERS'
  | 'ZICE_ENOTFOUND'
  | 'ZICE_ENOMEM'
  | 'ZICE_EINTERNAL'
  | 'ZICE_ELIMIT';

export declare class ZiceError extends Error {
  constructor(errno: number, message: string, file?: string, line?: number, column?: number, problems?: Problem[]);
  /** "ZICE_ERULESET", … */
  readonly code: ZiceErrorCode | string;
  /** The negative status code (codes.ERULESET, …). */
  readonly errno: number;
  /** Ruleset errors: the file (else ""). */
  readonly file: string;
  /** 1-based, 0 when unknown. */
  readonly line: number;
  /** 1-based, 0 when unknown. */
  readonly column: number;
  /** Strict mode: the answer problems (else []). */
  readonly problems: Problem[];
}
export declare class RulesetError extends ZiceError {}
export declare class AnswersError extends ZiceError {}
export declare class NotFoundError extends ZiceError {}

export declare class Ruleset {
  private constructor();
  /** Loads and compiles a ruleset file. Throws RulesetError (file/line/column). */
  static load(file: string): Ruleset;
  /** Loads a ruleset from XML text; `name` is used in diagnostics. */
  static fromString(xml: string | Buffer, name?: string): Ruleset;

  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly sha256: string;
  /** ISO date, or null when open. */
  readonly effectiveFrom: string | null;
  /** ISO date, or null when open. */
  readonly effectiveTo: string | null;
  /** The catalog this ruleset was taken from, or null. */
  readonly catalog: Catalog | null;
  readonly closed: boolean;

  metadata(): RulesetMetadata;
  questionnaire(lang?: string | { lang?: string | null } | null): Questionnaire;
  validate(answers: Answers, opts?: ValidateOptions | string): Problem[];
  validateAsync(answers: Answers, opts?: ValidateOptions | string): Promise<Problem[]>;
  /** Scores answers synchronously (blocks the event loop for the duration). */
  assess(answers: Answers, opts?: AssessOptions): Result;
  /** Scores answers on the libuv thread pool. */
  assessAsync(answers: Answers, opts?: AssessOptions): Promise<Result>;
  /** Only the outcome of an assessment (docs/result-schema.md, "Summary"). */
  assessSummary(answers: Answers, opts?: AssessOptions): Summary;
  /** assessSummary() on the libuv thread pool. */
  assessSummaryAsync(answers: Answers, opts?: AssessOptions): Promise<Summary>;
  report(result: Result | string, format?: string): string;
  /** Frees a loaded ruleset (idempotent); pending async calls finish first. */
  close(): void;
  [Symbol.dispose](): void;
}

export declare class Catalog {
  /** Loads every *.xml ruleset of `dir`. Throws RulesetError / ZiceError (ZICE_EIO). */
  constructor(dir: string);
  readonly dir: string;
  readonly closed: boolean;
  list(): CatalogEntry[];
  has(id: string): boolean;
  /** Exact `version`, else the one with the latest effective_from. Throws NotFoundError. */
  get(id: string, version?: string | null): Ruleset;
  /** The version in force on `date` (default today, UTC). Throws NotFoundError. */
  inForce(id: string, date?: DateLike | null): Ruleset;
  close(): void;
  [Symbol.dispose](): void;
}

export declare function render(result: Result | string, format?: string): string;
export declare function lint(file: string): Diagnostic[];
export declare function version(): string;
