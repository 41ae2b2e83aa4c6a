#!/usr/bin/env python3
"""A mini-program backend for zice in Python: standard library only
(http.server.ThreadingHTTPServer), same routes as server.js.

    python3 examples/backend/server.py          # http://127.0.0.1:8080
    PORT=0 python3 examples/backend/server.py   # a free port (printed)

Routes (JSON in, JSON out):
  GET  /healthz
  GET  /rulesets                                   catalog list
  GET  /rulesets/:id?version=                       metadata
  GET  /rulesets/:id/questionnaire?lang=&version=  questionnaire
  POST /rulesets/:id/validate?lang=&version=       answers -> {valid, problems}
  POST /rulesets/:id/assess?strict=1&date=&lang=&trace=1&version=
                                                   answers -> result
  POST /rulesets/:id/report?format=text&date=&lang=&version=
                                                   answers -> rendered report

Environment: PORT (8080), HOST (127.0.0.1), ZICE_RULESETS (<repo>/rulesets),
ZICE_LIBRARY (path of libzice.so, see bindings/python/README.md),
ZICE_EXIT_ON_STDIN_EOF=1 (exit when stdin closes; used by the tests).
"""
from __future__ import annotations

import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

try:
    import zice  # installed package
except ImportError:
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))  # this checkout
    import zice

MAX_BODY = 1 << 20
RULESETS = os.environ.get("ZICE_RULESETS") or os.path.join(ROOT, "rulesets")

# Load once at start-up; a bad ruleset stops the server here (file:line:col).
catalog = zice.Catalog(RULESETS)
_rulesets: dict = {}
_rulesets_lock = threading.Lock()


def get_ruleset(rid: str, version: str | None) -> zice.Ruleset:
    key = (rid, version)
    with _rulesets_lock:
        rs = _rulesets.get(key)
        if rs is None:
            rs = catalog.get(rid, version)  # raises NotFoundError
            _rulesets[key] = rs
        return rs


class HttpError(Exception):
    def __init__(self, status: int, error: str, message: str, **extra):
        super().__init__(message)
        self.status = status
        self.body = {"error": error, "message": message, **extra}


def flag(v: str | None) -> bool:
    return v in ("1", "true", "yes")


REPORT_TYPES = {"json": "application/json", "html": "text/html", "md": "text/markdown"}


class Handler(BaseHTTPRequestHandler):
    server_version = "zice-backend/0.1"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet; errors are logged below
        pass

    def send(self, status: int, body, content_type: str = "application/json") -> None:
        data = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
        raw = data.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def read_body(self) -> bytes:
        try:
            n = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise HttpError(400, "invalid_argument", "bad Content-Length")
        if n > MAX_BODY:
            self.close_connection = True
            raise HttpError(413, "too_large", f"request body over {MAX_BODY} bytes")
        return self.rfile.read(n) if n > 0 else b""

    def handle_request(self) -> None:
        url = urlsplit(self.path)
        q = {k: v[-1] for k, v in parse_qs(url.query).items()}
        parts = [unquote(p) for p in url.path.split("/") if p]
        method = self.command
        body = self.read_body()

        if parts == ["healthz"] and method == "GET":
            return self.send(200, {"ok": True, "zice": zice.library_version()})
        if not parts or parts[0] != "rulesets" or len(parts) > 3:
            raise HttpError(404, "not_found", f"no route {method} {url.path}")
        if len(parts) == 1:
            if method != "GET":
                raise HttpError(405, "method_not_allowed", "use GET")
            return self.send(200, catalog.list())

        rs = get_ruleset(parts[1], q.get("version"))
        action = parts[2] if len(parts) > 2 else ""
        lang = q.get("lang") or None

        if action == "" and method == "GET":
            return self.send(200, rs.metadata())
        if action == "questionnaire" and method == "GET":
            return self.send(200, rs.questionnaire_json(lang))
        if method != "POST" or action not in ("validate", "assess", "report"):
            raise HttpError(404, "not_found", f"no route {method} {url.path}")

        # The body goes to the engine as JSON text (bytes), unparsed.
        if action == "validate":
            problems = rs.validate(body, lang=lang)
            return self.send(200, {"valid": not any(p["fatal"] for p in problems), "problems": problems})
        opts = dict(lang=lang, strict=flag(q.get("strict")), date=q.get("date") or None,
                    trace=flag(q.get("trace")))
        if action == "assess":
            return self.send(200, rs.assess_json(body, **opts))
        fmt = q.get("format") or "text"
        report = rs.report(rs.assess_json(body, **opts), format=fmt)
        return self.send(200, report, REPORT_TYPES.get(fmt, "text/plain"))

    def dispatch(self) -> None:
        try:
            self.handle_request()
        except HttpError as e:
            self.send(e.status, e.body)
        except zice.NotFoundError as e:
            self.send(404, {"error": "not_found", "message": e.message})
        except zice.AnswersError as e:
            self.send(400, {"error": "invalid_answers", "message": e.message, "problems": e.problems})
        except zice.ZiceError as e:
            if e.code == zice.EJSON:
                self.send(400, {"error": "invalid_json", "message": e.message})
            elif e.code == zice.EINVAL:
                self.send(400, {"error": "invalid_argument", "message": e.message})
            else:
                sys.stderr.write(f"{self.command} {self.path}: {e!r}\n")
                self.send(500, {"error": "internal", "message": "internal error"})
        except Exception as e:  # noqa: BLE001
            sys.stderr.write(f"{self.command} {self.path}: {e!r}\n")
            self.send(500, {"error": "internal", "message": "internal error"})

    do_GET = dispatch
    do_POST = dispatch

    def do_PUT(self):
        self.dispatch()

    do_DELETE = do_PUT


def main() -> None:
    port = int(os.environ.get("PORT", "8080"))
    host = os.environ.get("HOST", "127.0.0.1")
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if os.environ.get("ZICE_EXIT_ON_STDIN_EOF") == "1":
        def watch_stdin():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            finally:
                stop()
        threading.Thread(target=watch_stdin, daemon=True).start()

    h, p = server.server_address[:2]
    print(f"zice backend listening on http://{h}:{p} ({len(catalog.list())} rulesets from {RULESETS})",
          flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        catalog.close()


if __name__ == "__main__":
    main()
