'use strict';
// Tests of the zice Node.js binding (node:test, no dependencies).
//   ZICE_NODE_ADDON=build/bindings/node/zice.node node --test bindings/node/test/
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const zice = require('..');
const { Catalog, Ruleset, ZiceError, RulesetError, AnswersError, NotFoundError, codes } = zice;

const ROOT = path.resolve(__dirname, '..', '..', '..');
const RULESETS = path.join(ROOT, 'rulesets');
const MIIT = path.join(RULESETS, 'miit-innovative-sme-2022.xml');
const MIIT_ANSWERS = path.join(ROOT, 'examples', 'enterprises', 'miit-innovative-sme-2022.answers.json');
const DATE = '2026-11-28';

const answers = () => JSON.parse(fs.readFileSync(MIIT_ANSWERS, 'utf8'));
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const byId = (items) => Object.fromEntries(items.map((x) => [x.id, x]));

function questionIds(items) {
  const out = [];
  for (const it of items) {
    if (it.kind === 'question') out.push(it.id);
    if (it.items) out.push(...questionIds(it.items));
  }
  return out;
}

function tmpdir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'zice-node-'));
}

/** The MIIT ruleset with an unknown name in its first expression. */
function brokenCopy() {
  const lines = fs.readFileSync(MIIT, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes('expr="'));
  assert.ok(i >= 0);
  lines[i] = lines[i].replace('expr="', 'expr="no_such_name + ');
  return { xml: lines.join('\n'), line: i + 1, column: lines[i].indexOf('no_such_name') + 1 };
}

test('version', () => {
  assert.match(zice.version(), /^\d+\.\d+\.\d+/);
});

test('load and metadata', () => {
  const rs = Ruleset.load(MIIT);
  assert.equal(rs.id, 'miit-innovative-sme-2022');
  assert.equal(rs.version, '2022.1');
  assert.equal(rs.title, '创新型中小企业评价');
  assert.equal(rs.sha256, sha256(MIIT));
  assert.equal(rs.effectiveFrom, '2022-06-01');
  assert.equal(rs.effectiveTo, null);
  assert.equal(rs.metadata().id, rs.id);
  assert.equal(rs.catalog, null);
  assert.throws(() => new Ruleset(), TypeError);
  rs.close();
  assert.ok(rs.closed);
  rs.close(); // idempotent
  assert.throws(() => rs.questionnaire(), /closed/);
});

test('fromString', () => {
  const xml = fs.readFileSync(MIIT, 'utf8');
  const a = Ruleset.fromString(xml, 'mem.xml');
  const b = Ruleset.fromString(Buffer.from(xml));
  assert.equal(a.sha256, sha256(MIIT));
  assert.deepEqual(a.assess(answers(), { date: DATE }), b.assess(answers(), { date: DATE }));
  a.close();
  b.close();
});

test('questionnaire', () => {
  const rs = Ruleset.load(MIIT);
  const q = rs.questionnaire();
  assert.equal(q.schema, 'zice-questionnaire/1');
  assert.equal(q.ruleset.id, rs.id);
  assert.equal(q.lang, 'zh-CN');
  const ids = questionIds(q.items);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), Object.keys(answers()).sort());
  assert.deepEqual(rs.questionnaire('zh-CN'), q);
  assert.deepEqual(rs.questionnaire({ lang: 'zh-CN' }), q);
});

test('validate: problems per question', async () => {
  const rs = Ruleset.load(MIIT);
  assert.deepEqual(rs.validate(answers()), []);
  const a = answers();
  a.rd_expense_wan = 'lots';
  a.equity_financing_3y_wan = -1;
  a.ip_class = 'class9';
  a.no_such_question = 1;
  delete a.revenue_wan;
  const problems = rs.validate(a);
  for (const p of problems) {
    assert.deepEqual(Object.keys(p).sort(), ['code', 'fatal', 'message', 'question']);
    assert.ok(p.message);
    assert.equal(p.fatal, true);
  }
  assert.deepEqual(Object.fromEntries(problems.map((p) => [p.question, p.code])), {
    rd_expense_wan: 'wrong_type',
    equity_financing_3y_wan: 'out_of_range',
    ip_class: 'unknown_option',
    no_such_question: 'unknown_question',
    revenue_wan: 'missing_required',
  });
  assert.deepEqual(rs.validate(JSON.stringify(a)), problems);
  assert.deepEqual(await rs.validateAsync(a), problems);
});

test('assess: real values', () => {
  const rs = Ruleset.load(MIIT);
  const r = rs.assess(answers(), { date: DATE });
  assert.equal(r.schema, 'zice-result/1');
  assert.equal(r.ruleset.id, 'miit-innovative-sme-2022');
  assert.equal(r.ruleset.sha256, rs.sha256);
  assert.equal(r.assessment_date, DATE);
  assert.equal(r.complete, true);
  assert.equal(r.grade.id, 'qualified');
  assert.equal(r.grade.provisional, false);
  assert.deepEqual(r.score, { total: 80, max: 100, percent: 80 });
  assert.deepEqual(Object.fromEntries(r.dimensions.map((d) => [d.id, d.score])), {
    innovation: 30,
    growth: 20,
    specialization: 30,
  });
  assert.deepEqual(Object.fromEntries(r.indicators.map((i) => [i.id, i.points])), {
    ip_points: 15,
    rd_ratio_points: 15,
    growth_points: 15,
    debt_ratio_points: 5,
    field_points: 10,
    main_share_points: 20,
  });
  const derived = Object.fromEntries(r.derived.map((d) => [d.id, d.value]));
  assert.equal(derived.rd_ratio, 3);
  assert.equal(derived.debt_ratio, 56.097561);
  const gates = Object.fromEntries(r.gates.map((g) => [g.id, g.status]));
  assert.equal(gates.legal_person, 'pass');
  assert.equal(gates.direct_award, 'fail');
  assert.deepEqual(r.problems, []);
  assert.equal('trace' in r, false);
});

test('assessSummary: the outcome only, agreeing with assess()', async () => {
  const rs = Ruleset.load(MIIT);
  const full = rs.assess(answers(), { date: DATE });
  const s = rs.assessSummary(answers(), { date: DATE });
  assert.equal(s.schema, 'zice-summary/1');
  assert.deepEqual(s.ruleset, { id: 'miit-innovative-sme-2022', version: full.ruleset.version });
  assert.equal(s.grade, 'qualified');
  assert.equal(s.total, 80);
  assert.equal(s.percent, 80);
  assert.deepEqual(s.dimensions, { innovation: 30, growth: 20, specialization: 30 });
  assert.deepEqual(s.failed_gates, []);
  assert.deepEqual(s.findings, { critical: 0, high: 0, medium: 0, low: 0, info: 0 });
  assert.equal(s.complete, full.complete);
  assert.equal(s.problems, 0);
  assert.deepEqual(await rs.assessSummaryAsync(answers(), { date: DATE }), s);
});

test('assess: options', () => {
  const rs = Ruleset.load(MIIT);
  const a = answers();
  const base = rs.assess(a, { date: DATE });
  assert.deepEqual(rs.assess(a, { date: new Date(Date.UTC(2026, 10, 28)) }), base);
  assert.deepEqual(rs.assess(JSON.stringify(a), { date: DATE }), base);
  assert.deepEqual(rs.assess(Buffer.from(JSON.stringify(a)), { date: DATE }), base);
  assert.ok('trace' in rs.assess(a, { date: DATE, trace: true }));
  // analyse: incomplete answers get an improvement plan unless it is turned off.
  assert.notEqual(rs.assess({}, { date: DATE }).improvement, null);
  assert.equal(rs.assess({}, { date: DATE, analyse: false }).improvement, null);
  assert.equal(rs.assess({}, { date: DATE, analyse: false }).partial, null);
  assert.equal(rs.assess(a, { date: '2025-01-02' }).assessment_date, '2025-01-02');
  const en = rs.assess(a, { date: DATE, lang: 'en' });
  assert.equal(en.lang, 'en');
  assert.equal(en.grade.id, 'qualified');
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
  assert.ok([today, tomorrow].includes(rs.assess(a).assessment_date));
  assert.throws(() => rs.assess(42), TypeError);
  assert.throws(() => rs.assess(a, { date: 20261128 }), TypeError);
});

test('assess: strict mode throws AnswersError with problems', async () => {
  const rs = Ruleset.load(MIIT);
  const a = answers();
  a.rd_expense_wan = 'lots';
  const check = (e) => {
    assert.ok(e instanceof AnswersError);
    assert.ok(e instanceof ZiceError);
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'ZICE_EANSWERS');
    assert.equal(e.errno, codes.EANSWERS);
    assert.ok(e.message);
    assert.ok(e.problems.some((p) => p.question === 'rd_expense_wan' && p.code === 'wrong_type'));
    return true;
  };
  assert.throws(() => rs.assess(a, { date: DATE, strict: true }), check);
  await assert.rejects(rs.assessAsync(a, { date: DATE, strict: true }), check);
  const r = rs.assess(a, { date: DATE });
  assert.equal(r.complete, false);
  assert.ok(r.problems.some((p) => p.question === 'rd_expense_wan'));
});

test('assess: bad JSON', async () => {
  const rs = Ruleset.load(MIIT);
  const isJson = (e) => e instanceof ZiceError && e.code === 'ZICE_EJSON' && e.errno === codes.EJSON;
  assert.throws(() => rs.assess('{not json'), isJson);
  assert.throws(() => rs.validate('[1,'), isJson);
  await assert.rejects(rs.assessAsync('{not json'), isJson);
  assert.throws(() => rs.assess('[1, 2]'), isJson); // JSON, but not an object
});

test('assess: bad date', async () => {
  const rs = Ruleset.load(MIIT);
  const isInval = (e) => e instanceof ZiceError && e.code === 'ZICE_EINVAL' && e.message.includes('2026-13-01');
  assert.throws(() => rs.assess(answers(), { date: '2026-13-01' }), isInval);
  await assert.rejects(rs.assessAsync(answers(), { date: '2026-13-01' }), isInval);
  const cat = new Catalog(RULESETS);
  assert.throws(() => cat.inForce('sme-size-2011', '2026-02-30'), (e) => e.code === 'ZICE_EINVAL');
  cat.close();
});

test('report', () => {
  const rs = Ruleset.load(MIIT);
  const r = rs.assess(answers(), { date: DATE });
  const text = rs.report(r);
  assert.equal(typeof text, 'string');
  assert.ok(text.trim().length > 0);
  assert.equal(zice.render(JSON.stringify(r), 'text'), text);
  assert.deepEqual(JSON.parse(rs.report(r, 'json')), r);
  assert.throws(() => rs.report(r, 'no-such-format'), (e) => e instanceof ZiceError && e.code === 'ZICE_EINVAL');
});

test('ruleset error carries file, line and column', () => {
  const dir = tmpdir();
  try {
    const { xml, line, column } = brokenCopy();
    const file = path.join(dir, 'broken.xml');
    fs.writeFileSync(file, xml);
    assert.throws(
      () => Ruleset.load(file),
      (e) => {
        assert.ok(e instanceof RulesetError);
        assert.equal(e.code, 'ZICE_ERULESET');
        assert.equal(e.file, file);
        assert.equal(e.line, line);
        assert.equal(e.column, column);
        assert.match(e.message, /no_such_name/);
        assert.ok(e.message.includes(`${file}:${line}:${column}`));
        return true;
      },
    );
    assert.throws(
      () => Ruleset.fromString(xml, 'upload.xml'),
      (e) => e instanceof RulesetError && e.file === 'upload.xml' && e.line === line && e.column === column,
    );
    // A catalog over a directory with a broken file fails the same way.
    assert.throws(
      () => new Catalog(dir),
      (e) => e instanceof RulesetError && path.basename(e.file) === 'broken.xml' && e.line === line,
    );
    assert.throws(
      () => Ruleset.load(path.join(dir, 'nope.xml')),
      (e) => e instanceof ZiceError && !(e instanceof RulesetError) && e.code === 'ZICE_EIO',
    );
    assert.throws(() => new Catalog(path.join(dir, 'no-such-dir')), (e) => e.code === 'ZICE_EIO');
    // lint reports the same error as a diagnostic instead of throwing.
    const errors = zice.lint(file).filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [d.file, d.line, d.column]), [[file, line, column]]);
    assert.deepEqual(zice.lint(MIIT).filter((d) => d.severity === 'error'), []);
    assert.throws(() => zice.lint(path.join(dir, 'nope.xml')), (e) => e.code === 'ZICE_EIO');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('catalog over rulesets/', async (t) => {
  const cat = new Catalog(RULESETS);
  t.after(() => cat.close());

  await t.test('list', () => {
    const entries = cat.list();
    assert.equal(entries.length, fs.readdirSync(RULESETS).filter((f) => f.endsWith('.xml')).length);
    const ids = entries.map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort());
    const m = byId(entries)['miit-innovative-sme-2022'];
    assert.equal(m.version, '2022.1');
    assert.equal(m.effective_from, '2022-06-01');
    assert.equal(m.effective_to, null);
    assert.equal(m.sha256, sha256(MIIT));
    assert.equal(path.basename(m.file), 'miit-innovative-sme-2022.xml');
    assert.equal(byId(entries)['miit-zjtx-sme-2022'].effective_to, '2026-03-31');
    assert.ok(cat.has('sme-size-2011'));
    assert.equal(cat.has('nope'), false);
  });

  await t.test('get', () => {
    const rs = cat.get('miit-innovative-sme-2022');
    assert.equal(rs.catalog, cat);
    assert.equal(rs.sha256, sha256(MIIT));
    assert.equal(rs.assess(answers(), { date: DATE }).grade.id, 'qualified');
    assert.equal(cat.get('miit-innovative-sme-2022', '2022.1').version, '2022.1');
    assert.throws(
      () => cat.get('no-such-ruleset'),
      (e) => e instanceof NotFoundError && e.code === 'ZICE_ENOTFOUND' && e.errno === codes.ENOTFOUND,
    );
    assert.throws(() => cat.get('miit-innovative-sme-2022', '1999.1'), NotFoundError);
    rs.close(); // only this wrapper
    assert.equal(cat.get('miit-innovative-sme-2022').closed, false);
  });

  await t.test('inForce', () => {
    assert.equal(cat.inForce('miit-zjtx-sme-2022', '2025-01-01').version, '2022.1');
    assert.equal(cat.inForce('miit-zjtx-sme-2022', new Date(Date.UTC(2026, 2, 31))).id, 'miit-zjtx-sme-2022');
    assert.throws(() => cat.inForce('miit-zjtx-sme-2022', '2026-04-01'), NotFoundError);
    assert.throws(() => cat.inForce('miit-innovative-sme-2022', '2020-01-01'), NotFoundError);
    assert.equal(cat.inForce('miit-innovative-sme-2022').id, 'miit-innovative-sme-2022');
  });
});

test('catalog with two versions of one ruleset', () => {
  const dir = tmpdir();
  try {
    const xml = fs.readFileSync(MIIT, 'utf8');
    const old = xml.replace('<effective from="2022-06-01"/>', '<effective from="2022-06-01" to="2023-12-31"/>');
    const neu = xml
      .replace('version="2022.1"', 'version="2024.1"')
      .replace('<effective from="2022-06-01"/>', '<effective from="2024-01-01"/>');
    assert.notEqual(old, xml);
    assert.notEqual(neu, xml);
    fs.writeFileSync(path.join(dir, 'a-old.xml'), old);
    fs.writeFileSync(path.join(dir, 'b-new.xml'), neu);
    const cat = new Catalog(dir);
    const id = 'miit-innovative-sme-2022';
    assert.deepEqual(cat.list().map((e) => e.version), ['2022.1', '2024.1']);
    assert.equal(cat.get(id).version, '2024.1');
    assert.equal(cat.get(id, '2022.1').version, '2022.1');
    assert.equal(cat.inForce(id, '2023-06-01').version, '2022.1');
    assert.equal(cat.inForce(id, '2025-06-01').version, '2024.1');
    assert.throws(() => cat.inForce(id, '2021-01-01'), NotFoundError);
    cat.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('closing a catalog', async () => {
  const cat = new Catalog(RULESETS);
  const rs = cat.get('miit-innovative-sme-2022');
  // Work already queued finishes; new calls fail.
  const pending = Array.from({ length: 8 }, () => rs.assessAsync(answers(), { date: DATE }));
  cat.close();
  cat.close();
  assert.ok(cat.closed);
  assert.ok(rs.closed);
  for (const r of await Promise.all(pending)) assert.equal(r.grade.id, 'qualified');
  assert.throws(() => rs.assess(answers()), /closed/);
  await assert.rejects(rs.assessAsync(answers()), /closed/);
  assert.throws(() => cat.list(), /closed/);
  assert.throws(() => cat.get('sme-size-2011'), /closed/);
});

test('closing a loaded ruleset with work pending', async () => {
  const rs = Ruleset.load(MIIT);
  const pending = Array.from({ length: 8 }, () => rs.assessAsync(answers(), { date: DATE }));
  rs.close();
  for (const r of await Promise.all(pending)) assert.equal(r.score.total, 80);
});

test('a borrowed ruleset keeps its catalog alive', async () => {
  const rs = new Catalog(RULESETS).get('miit-innovative-sme-2022');
  if (global.gc) global.gc();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal((await rs.assessAsync(answers(), { date: DATE })).score.total, 80);
});

function variants(n) {
  const base = answers();
  const ipClasses = ['none', 'class2', 'class1_self_developed', 'class1_high_value'];
  return Array.from({ length: n }, (_, i) => {
    const a = structuredClone(base);
    a.rd_expense_wan = 10 * i;
    if (i % 5) a.ip_class = ipClasses[i % 4];
    a.total_liabilities_wan = 100 * i;
    if (i % 7 === 3) a.revenue_wan = 'bad';
    return a;
  });
}

test('many concurrent assessAsync calls equal sync results', async () => {
  const cat = new Catalog(RULESETS);
  const rs = cat.get('miit-innovative-sme-2022');
  const vs = variants(40);
  const expected = vs.map((a) => rs.assess(a, { date: DATE }));
  assert.ok(new Set(expected.map((r) => r.score.total)).size > 3);
  const expectedStrict = vs.map((a) => {
    try {
      return rs.assess(a, { date: DATE, strict: true });
    } catch (e) {
      return { error: e.code, problems: e.problems };
    }
  });
  assert.ok(expectedStrict.some((x) => x.error === 'ZICE_EANSWERS'));

  const jobs = [];
  for (let round = 0; round < 5; round++) {
    vs.forEach((a, i) => {
      jobs.push(rs.assessAsync(a, { date: DATE }).then((r) => assert.deepEqual(r, expected[i])));
      jobs.push(
        rs
          .assessAsync(a, { date: DATE, strict: true })
          .catch((e) => ({ error: e.code, problems: e.problems }))
          .then((r) => assert.deepEqual(r, expectedStrict[i])),
      );
    });
  }
  // The event loop stays responsive while the pool works.
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const start = Date.now();
  await Promise.all(jobs);
  const elapsed = Date.now() - start;
  clearInterval(timer);
  assert.equal(jobs.length, 400);
  if (elapsed > 50) assert.ok(ticks > 0, `no timer ran during ${elapsed} ms of async work`);
  cat.close();
});

test('concurrent assessAsync across rulesets', async () => {
  const cat = new Catalog(RULESETS);
  const ids = cat.list().map((e) => e.id);
  const examples = ids
    .map((id) => [id, path.join(ROOT, 'examples', 'enterprises', `${id}.answers.json`)])
    .filter(([, f]) => fs.existsSync(f))
    .map(([id, f]) => [cat.get(id), JSON.parse(fs.readFileSync(f, 'utf8'))]);
  assert.ok(examples.length >= 4);
  const expected = examples.map(([rs, a]) => rs.assess(a, { date: DATE }));
  const got = await Promise.all(
    Array.from({ length: 10 }, () => examples.map(([rs, a]) => rs.assessAsync(a, { date: DATE }))).flat(),
  );
  got.forEach((r, k) => assert.deepEqual(r, expected[k % examples.length]));
  cat.close();
});
