'use strict';
// End-to-end test of the backend example: starts server.js (or server.py with
// `--python`) on a free port, exercises every route with the example answers,
// and always stops the server — also on failure, timeout or signals (the
// server additionally exits when its stdin closes, i.e. when this process dies).
//
//   ZICE_NODE_ADDON=build/bindings/node/zice.node node examples/backend/test/e2e.js
//   ZICE_LIBRARY=build/src/libzice.so node examples/backend/test/e2e.js --python
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const python = process.argv.includes('--python');
const ANSWERS = fs.readFileSync(path.join(ROOT, 'examples', 'enterprises', 'miit-innovative-sme-2022.answers.json'), 'utf8');
const ID = 'miit-innovative-sme-2022';
const DATE = '2026-11-28';
const TIMEOUT_MS = 60_000;

let child = null;
function stopServer() {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const c = child;
    setTimeout(() => {
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }, 3000).unref();
  }
}
process.on('exit', () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    stopServer();
    process.exit(128 + 2);
  });
}

function startServer() {
  const cmd = python ? process.env.PYTHON || 'python3' : process.execPath;
  const script = path.join(ROOT, 'examples', 'backend', python ? 'server.py' : 'server.js');
  child = spawn(cmd, [script], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ZICE_EXIT_ON_STDIN_EOF: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    process.stderr.write(d);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s; stderr:\n${stderr}`)), 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal}); stderr:\n${stderr}`));
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function request(base, method, url, body) {
  const res = await fetch(base + url, {
    method,
    body,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
  const text = await res.text();
  const type = res.headers.get('content-type') || '';
  return { status: res.status, type, text, json: type.startsWith('application/json') ? JSON.parse(text) : undefined };
}

async function main() {
  const base = await startServer();
  console.log(`# ${python ? 'server.py' : 'server.js'} at ${base}`);
  let r;

  r = await request(base, 'GET', '/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.json.ok, true);

  r = await request(base, 'GET', '/rulesets');
  assert.equal(r.status, 200);
  assert.ok(r.json.some((e) => e.id === ID));

  r = await request(base, 'GET', `/rulesets/${ID}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.version, '2022.1');

  r = await request(base, 'GET', `/rulesets/${ID}/questionnaire?lang=zh-CN`);
  assert.equal(r.status, 200);
  assert.equal(r.json.schema, 'zice-questionnaire/1');
  assert.equal(r.json.ruleset.id, ID);

  r = await request(base, 'POST', `/rulesets/${ID}/assess?date=${DATE}`, ANSWERS);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.grade.id, 'qualified');
  assert.equal(r.json.score.total, 80);
  assert.equal(r.json.assessment_date, DATE);
  console.log(`# grade ${r.json.grade.id}, score ${r.json.score.total}`);

  // Concurrent requests give the same result.
  const many = await Promise.all(
    Array.from({ length: 20 }, () => request(base, 'POST', `/rulesets/${ID}/assess?date=${DATE}&strict=1`, ANSWERS)),
  );
  for (const m of many) assert.deepEqual(m.json, r.json);

  r = await request(base, 'POST', `/rulesets/${ID}/validate`, ANSWERS);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { valid: true, problems: [] });

  const bad = JSON.parse(ANSWERS);
  bad.rd_expense_wan = 'lots';
  r = await request(base, 'POST', `/rulesets/${ID}/validate`, JSON.stringify(bad));
  assert.equal(r.status, 200);
  assert.equal(r.json.valid, false);
  assert.deepEqual(r.json.problems.map((p) => [p.question, p.code]), [['rd_expense_wan', 'wrong_type']]);

  r = await request(base, 'POST', `/rulesets/${ID}/assess?strict=1&date=${DATE}`, JSON.stringify(bad));
  assert.equal(r.status, 400);
  assert.equal(r.json.error, 'invalid_answers');
  assert.ok(r.json.problems.some((p) => p.question === 'rd_expense_wan' && p.code === 'wrong_type'));

  r = await request(base, 'POST', `/rulesets/${ID}/assess?date=${DATE}`, JSON.stringify(bad));
  assert.equal(r.status, 200);
  assert.equal(r.json.complete, false);

  r = await request(base, 'POST', `/rulesets/${ID}/assess`, '{not json');
  assert.equal(r.status, 400);
  assert.equal(r.json.error, 'invalid_json');

  r = await request(base, 'POST', `/rulesets/${ID}/assess?date=2026-13-01`, ANSWERS);
  assert.equal(r.status, 400);
  assert.equal(r.json.error, 'invalid_argument');

  r = await request(base, 'POST', `/rulesets/no-such-ruleset/assess`, ANSWERS);
  assert.equal(r.status, 404);
  assert.equal(r.json.error, 'not_found');
  r = await request(base, 'GET', `/rulesets/no-such-ruleset/questionnaire`);
  assert.equal(r.status, 404);
  r = await request(base, 'GET', `/nowhere`);
  assert.equal(r.status, 404);

  r = await request(base, 'POST', `/rulesets/${ID}/report?format=text&date=${DATE}`, ANSWERS);
  assert.equal(r.status, 200, r.text);
  assert.match(r.type, /^text\/plain/);
  assert.ok(r.text.trim().length > 0);
  r = await request(base, 'POST', `/rulesets/${ID}/report?format=json&date=${DATE}`, ANSWERS);
  assert.equal(r.status, 200);
  assert.equal(r.json.grade.id, 'qualified');

  console.log('# ok');
}

const deadline = setTimeout(() => {
  console.error(`e2e: timeout after ${TIMEOUT_MS} ms`);
  stopServer();
  process.exit(1);
}, TIMEOUT_MS);

main()
  .then(() => {
    process.exitCode = 0;
  })
  .catch((e) => {
    console.error('e2e: FAILED:', e);
    process.exitCode = 1;
  })
  .finally(() => {
    clearTimeout(deadline);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end(); // the server exits on stdin EOF …
    stopServer(); // … or on SIGTERM
    child.on('exit', () => process.exit(process.exitCode));
  });
