'use strict';
// A mini-program backend for zice: node:http only, no npm dependencies.
//
//   node examples/backend/server.js            # http://127.0.0.1:8080
//   PORT=0 node examples/backend/server.js     # a free port (printed)
//
// Routes (JSON in, JSON out):
//   GET  /healthz
//   GET  /rulesets                                   catalog list
//   GET  /rulesets/:id?version=                       metadata
//   GET  /rulesets/:id/questionnaire?lang=&version=  questionnaire for the front end
//   POST /rulesets/:id/validate?lang=&version=       body: answers -> {valid, problems}
//   POST /rulesets/:id/assess?strict=1&date=&lang=&trace=1&version=
//                                                    body: answers -> result (docs/result-schema.md)
//   POST /rulesets/:id/report?format=text&date=&lang=&version=
//                                                    body: answers -> rendered report (text/plain)
// Errors: 400 {error, message, problems?} for bad JSON, bad options or (strict)
// bad answers; 404 for an unknown ruleset or route; 413 for a body > 1 MiB.
//
// Environment: PORT (default 8080), HOST (default 127.0.0.1), ZICE_RULESETS
// (default <repo>/rulesets), ZICE_NODE_ADDON (see bindings/node/README.md),
// ZICE_EXIT_ON_STDIN_EOF=1 (exit when stdin closes: used by the tests so the
// server never outlives them).
const http = require('node:http');
const path = require('node:path');

function loadZice() {
  try {
    return require('zice'); // installed package
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes("'zice'")) throw e;
    return require(path.join(__dirname, '..', '..', 'bindings', 'node')); // this checkout
  }
}
const zice = loadZice();

const MAX_BODY = 1 << 20;
const RULESETS = process.env.ZICE_RULESETS || path.join(__dirname, '..', '..', 'rulesets');

// Load once at start-up: a bad ruleset stops the server here, with file:line:col.
const catalog = new zice.Catalog(RULESETS);

// Rulesets and questionnaires are immutable: cache the wrappers and the
// serialized questionnaires.
const rulesets = new Map();
const questionnaires = new Map();

function ruleset(id, version) {
  const key = `${id}\0${version || ''}`;
  let rs = rulesets.get(key);
  if (!rs) {
    rs = catalog.get(id, version || null); // throws NotFoundError
    rulesets.set(key, rs);
  }
  return rs;
}

class HttpError extends Error {
  constructor(status, error, message, extra) {
    super(message);
    this.status = status;
    this.body = { error, message, ...extra };
  }
}

function send(res, status, body, type = 'application/json; charset=utf-8') {
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'too_large', `request body over ${MAX_BODY} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flag(v) {
  return v === '1' || v === 'true' || v === 'yes';
}

// Maps engine errors to HTTP answers.
function toHttpError(e) {
  if (e instanceof HttpError) return e;
  if (e instanceof zice.NotFoundError) return new HttpError(404, 'not_found', e.message);
  if (e instanceof zice.AnswersError)
    return new HttpError(400, 'invalid_answers', e.message, { problems: e.problems });
  if (e instanceof zice.ZiceError && e.code === 'ZICE_EJSON') return new HttpError(400, 'invalid_json', e.message);
  if (e instanceof zice.ZiceError && e.code === 'ZICE_EINVAL') return new HttpError(400, 'invalid_argument', e.message);
  if (e instanceof TypeError) return new HttpError(400, 'invalid_argument', e.message);
  return null;
}

async function route(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const q = url.searchParams;
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const method = req.method;

  if (parts.length === 1 && parts[0] === 'healthz' && method === 'GET') {
    return send(res, 200, { ok: true, zice: zice.version() });
  }
  if (parts[0] !== 'rulesets') throw new HttpError(404, 'not_found', `no route ${method} ${url.pathname}`);

  if (parts.length === 1) {
    if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'use GET');
    return send(res, 200, catalog.list());
  }

  const rs = ruleset(parts[1], q.get('version'));
  const action = parts[2] || '';
  if (parts.length > 3) throw new HttpError(404, 'not_found', `no route ${method} ${url.pathname}`);

  if (action === '' && method === 'GET') return send(res, 200, rs.metadata());

  if (action === 'questionnaire' && method === 'GET') {
    const lang = q.get('lang') || null;
    const key = `${rs.id}\0${rs.version}\0${lang || ''}`;
    let text = questionnaires.get(key);
    if (!text) {
      text = JSON.stringify(rs.questionnaire(lang));
      if (questionnaires.size < 256) questionnaires.set(key, text); // lang comes from the client
    }
    return send(res, 200, text);
  }

  if (method !== 'POST' || !['validate', 'assess', 'report'].includes(action)) {
    throw new HttpError(404, 'not_found', `no route ${method} ${url.pathname}`);
  }

  // The body is passed to the engine as JSON text: no parse/serialize round trip.
  const body = await readBody(req);
  const lang = q.get('lang') || null;

  if (action === 'validate') {
    const problems = await rs.validateAsync(body, { lang });
    return send(res, 200, { valid: !problems.some((p) => p.fatal), problems });
  }

  const opts = { lang, strict: flag(q.get('strict')), date: q.get('date') || null, trace: flag(q.get('trace')) };
  const result = await rs.assessAsync(body, opts);
  if (action === 'assess') return send(res, 200, result);

  const format = q.get('format') || 'text';
  const report = rs.report(result, format);
  const type = format === 'json' ? 'application/json; charset=utf-8'
    : format === 'html' ? 'text/html; charset=utf-8'
      : format === 'md' ? 'text/markdown; charset=utf-8'
        : 'text/plain; charset=utf-8';
  return send(res, 200, report, type);
}

const server = http.createServer((req, res) => {
  route(req, res).catch((e) => {
    const he = toHttpError(e);
    if (he) return send(res, he.status, he.body);
    console.error(`${req.method} ${req.url}:`, e);
    return send(res, 500, { error: 'internal', message: 'internal error' });
  });
});

const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
const host = process.env.HOST || '127.0.0.1';
server.listen(port, host, () => {
  const addr = server.address();
  console.log(`zice backend listening on http://${addr.address}:${addr.port} (${catalog.list().length} rulesets from ${RULESETS})`);
});

function shutdown() {
  server.close(() => {
    catalog.close();
    process.exit(0);
  });
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
if (process.env.ZICE_EXIT_ON_STDIN_EOF === '1') {
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
}
