"""zice — compliance self-assessment engine for SMEs (Python binding).

A thin, pure-Python layer over the C API of libzice (include/zice/zice.h) via
ctypes. Load rulesets once, then score answers from any number of threads::

    import zice

    catalog = zice.Catalog("rulesets")
    rs = catalog.get("miit-innovative-sme-2022")
    form = rs.questionnaire(lang="zh-CN")
    result = rs.assess({"rd_expense_wan": 96, ...}, date="2026-11-28")
    print(result["grade"])

Every JSON document follows docs/result-schema.md. Errors raise ZiceError
(or one of its subclasses RulesetError, AnswersError, NotFoundError).
"""
from __future__ import annotations

import ctypes
import datetime as _dt
import json
import os
from typing import Any, Mapping, Optional, Union

from . import _native

__all__ = [
    "Catalog",
    "Ruleset",
    "ZiceError",
    "RulesetError",
    "AnswersError",
    "NotFoundError",
    "lint",
    "render",
    "library_version",
    "library_path",
    "OK", "EINVAL", "EIO", "ERULESET", "EJSON", "EANSWERS", "ENOTFOUND", "ENOMEM", "EINTERNAL", "ELIMIT",
]

__version__ = "0.1.0"

# Status codes (enum in zice.h).
OK = 0
EINVAL = -1
EIO = -2
ERULESET = -3
EJSON = -4
EANSWERS = -5
ENOTFOUND = -6
ENOMEM = -7
EINTERNAL = -8
ELIMIT = -9  # an input exceeds a resource limit (docs/security.md)

Answers = Union[Mapping[str, Any], str, bytes]
DateLike = Union[str, _dt.date, None]
PathLike = Union[str, bytes, os.PathLike]


# ---- errors -----------------------------------------------------------------

class ZiceError(Exception):
    """A failed zice call.

    Attributes: ``code`` (a negative status code, see the E* constants),
    ``message`` (text from the engine; for ruleset errors every diagnostic,
    one per line), ``file``, ``line`` and ``column`` (1-based; set for ruleset
    errors, else ``""``/0).
    """

    def __init__(self, code: int, message: str, file: str = "", line: int = 0, column: int = 0):
        super().__init__(message)
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        where = f", file={self.file!r}, line={self.line}, column={self.column}" if self.file else ""
        return f"{type(self).__name__}(code={self.code}, message={self.message!r}{where})"


class RulesetError(ZiceError):
    """A ruleset has errors (ZICE_ERULESET); ``file``/``line``/``column`` locate the first."""


class AnswersError(ZiceError):
    """Strict mode: the answers have fatal problems (ZICE_EANSWERS).

    ``problems`` is the list of problems
    (``[{"question", "code", "message", "fatal"}]``).
    """

    def __init__(self, code: int, message: str, file: str = "", line: int = 0, column: int = 0,
                 problems: Optional[list] = None):
        super().__init__(code, message, file, line, column)
        self.problems: list = problems or []


class NotFoundError(ZiceError, LookupError):
    """Catalog: no ruleset with that id / version / date (ZICE_ENOTFOUND)."""


_ERROR_CLASSES = {ERULESET: RulesetError, EANSWERS: AnswersError, ENOTFOUND: NotFoundError}


def _dec(p: Optional[bytes]) -> str:
    return p.decode("utf-8", "replace") if p else ""


def _last_error(lib, rc: int) -> ZiceError:
    """Builds the exception for status `rc` from zice_error_last(). Must run
    right after the failing call, before any other zice_* call on this thread."""
    err = lib.zice_error_last()
    if err:
        e = err.contents
        code = e.code or rc
        message, file, line, column = _dec(e.message), _dec(e.file), e.line, e.column
    else:
        code, message, file, line, column = rc, "", "", 0, 0
    if not message:
        message = _dec(lib.zice_strerror(rc))
    cls = _ERROR_CLASSES.get(code, ZiceError)
    return cls(code, message, file, line, column)


def _take_string(lib, ptr: ctypes.c_void_p) -> Optional[str]:
    """Copies a char* from a `char **out` parameter and frees it with zice_free."""
    if not ptr.value:
        return None
    try:
        return ctypes.string_at(ptr.value).decode("utf-8")
    finally:
        lib.zice_free(ptr)


def _encode_path(path: PathLike) -> bytes:
    return os.fsencode(path)


def _encode_json(doc: Any) -> bytes:
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, str):
        return doc.encode("utf-8")
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _encode_date(date: DateLike) -> Optional[bytes]:
    if date is None:
        return None
    if isinstance(date, (_dt.date, _dt.datetime)):
        if isinstance(date, _dt.datetime):
            date = date.date()
        return date.isoformat().encode("ascii")
    return str(date).encode("ascii")


def _call_string(fn, *args) -> str:
    """Calls `fn(*args, &out)` and returns *out as str; raises on failure."""
    lib = _native.library()
    out = ctypes.c_void_p()
    rc = fn(*args, ctypes.byref(out))
    if rc != OK:
        err = _last_error(lib, rc)
        _take_string(lib, out)  # normally NULL; never leak
        raise err
    text = _take_string(lib, out)
    return text if text is not None else ""


def library_version() -> str:
    """Version of the loaded libzice, e.g. "0.1.0"."""
    return _dec(_native.library().zice_version())


def library_path() -> Optional[str]:
    """Path of the loaded libzice (loads it if needed)."""
    _native.library()
    return _native.library_path()


def lint(path: PathLike) -> list:
    """Every diagnostic of a ruleset file as a list of dicts
    (``severity``, ``code``, ``file``, ``line``, ``column``, ``message``); empty when clean."""
    lib = _native.library()
    return json.loads(_call_string(lib.zice_lint_file, _encode_path(path)))


def render(result: Union[Mapping[str, Any], str, bytes], format: str = "text") -> str:
    """Renders a result document (from Ruleset.assess) as a report: "text",
    "json" (and "md", "html" when libzice was built with them)."""
    lib = _native.library()
    doc = _encode_json(result)
    return _call_string(lib.zice_result_render, doc, len(doc), format.encode("ascii"))


# ---- rulesets ---------------------------------------------------------------

class Ruleset:
    """A loaded, compiled, immutable ruleset.

    Create with :meth:`load` or :meth:`from_string` (owned: freed by
    :meth:`close`, the context manager or garbage collection), or get one from
    a :class:`Catalog` (borrowed: it keeps the catalog alive and stays valid
    until the catalog is closed).

    All methods may be called from many threads at once.
    """

    __slots__ = ("_handle", "_owned", "_catalog", "id", "version", "title", "sha256",
                 "effective_from", "effective_to", "__weakref__")

    def __init__(self, *_args, **_kwargs):
        raise TypeError("use Ruleset.load(), Ruleset.from_string() or Catalog.get()")

    @classmethod
    def _wrap(cls, handle: int, owned: bool, catalog: Optional["Catalog"] = None) -> "Ruleset":
        self = object.__new__(cls)
        self._handle = handle
        self._owned = owned
        self._catalog = catalog
        lib = _native.library()
        self.id = _dec(lib.zice_ruleset_id(handle))
        self.version = _dec(lib.zice_ruleset_version(handle))
        self.title = _dec(lib.zice_ruleset_title(handle))
        self.sha256 = _dec(lib.zice_ruleset_sha256(handle))
        self.effective_from = _dec(lib.zice_ruleset_effective_from(handle)) or None
        self.effective_to = _dec(lib.zice_ruleset_effective_to(handle)) or None
        return self

    @classmethod
    def load(cls, path: PathLike) -> "Ruleset":
        """Loads and compiles a ruleset file. Raises RulesetError (with file,
        line, column of the first error) or ZiceError (code EIO)."""
        lib = _native.library()
        h = ctypes.c_void_p()
        rc = lib.zice_ruleset_load_file(_encode_path(path), ctypes.byref(h))
        if rc != OK:
            raise _last_error(lib, rc)
        return cls._wrap(h.value, owned=True)

    @classmethod
    def from_string(cls, xml: Union[str, bytes], name: Optional[str] = None) -> "Ruleset":
        """Loads a ruleset from XML text; `name` is used in diagnostics."""
        lib = _native.library()
        data = xml.encode("utf-8") if isinstance(xml, str) else bytes(xml)
        h = ctypes.c_void_p()
        rc = lib.zice_ruleset_load_buffer(data, len(data),
                                          name.encode("utf-8") if name is not None else None,
                                          ctypes.byref(h))
        if rc != OK:
            raise _last_error(lib, rc)
        return cls._wrap(h.value, owned=True)

    # -- lifetime --

    @property
    def closed(self) -> bool:
        if self._handle is None:
            return True
        return self._catalog is not None and self._catalog.closed

    def close(self) -> None:
        """Frees an owned ruleset (idempotent); for a catalog ruleset only
        drops the reference to the catalog."""
        h, self._handle = self._handle, None
        self._catalog = None
        if h is not None and self._owned:
            _native.library().zice_ruleset_free(h)

    def __enter__(self) -> "Ruleset":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass

    def _h(self) -> int:
        if self._handle is None:
            raise ValueError("ruleset is closed")
        if self._catalog is not None and self._catalog.closed:
            raise ValueError("the catalog of this ruleset is closed")
        return self._handle

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<zice.Ruleset {self.id} {self.version}{state}>"

    # -- operations --

    def metadata(self) -> dict:
        """id, version, title, sha256, effective_from, effective_to as a dict."""
        return {k: getattr(self, k) for k in
                ("id", "version", "title", "sha256", "effective_from", "effective_to")}

    def questionnaire(self, lang: Optional[str] = None) -> dict:
        """The questionnaire (sections, questions, options, …) as a dict."""
        lib = _native.library()
        return json.loads(_call_string(lib.zice_ruleset_questionnaire, self._h(),
                                       lang.encode("utf-8") if lang else None))

    def questionnaire_json(self, lang: Optional[str] = None) -> str:
        """The questionnaire as JSON text (to serve as is)."""
        lib = _native.library()
        return _call_string(lib.zice_ruleset_questionnaire, self._h(),
                            lang.encode("utf-8") if lang else None)

    @staticmethod
    def _options(lang, strict, date, trace, analyse=True,
                 result_format=_native.RESULT_PRETTY) -> _native.AssessOptions:
        o = _native.AssessOptions()
        o.version = _native.ASSESS_OPTIONS_VERSION
        o.lang = lang.encode("utf-8") if lang else None
        o.strict = 1 if strict else 0
        o.trace = 1 if trace else 0
        o.date = _encode_date(date)
        o.analyse = 1 if analyse else 0  # answer limits stay 0: the library defaults
        o.result_format = result_format
        return o

    def validate(self, answers: Answers, lang: Optional[str] = None) -> list:
        """Validates answers (a dict keyed by question id, or its JSON text)
        without scoring. Returns the problems
        (``[{"question", "code", "message", "fatal"}]``), empty when valid."""
        lib = _native.library()
        doc = _encode_json(answers)
        opts = self._options(lang, False, None, False)
        return json.loads(_call_string(lib.zice_ruleset_validate, self._h(), doc, len(doc),
                                       ctypes.byref(opts)))

    def assess_json(self, answers: Answers, lang: Optional[str] = None, strict: bool = False,
                    date: DateLike = None, trace: bool = False, analyse: bool = True,
                    compact: bool = False) -> str:
        """Like :meth:`assess` but returns the result as JSON text (indented;
        on one line with `compact`)."""
        return self._assess_text(answers, lang, strict, date, trace, analyse,
                                 _native.RESULT_COMPACT if compact else _native.RESULT_PRETTY)

    def _assess_text(self, answers, lang, strict, date, trace, analyse, result_format) -> str:
        lib = _native.library()
        doc = _encode_json(answers)
        opts = self._options(lang, strict, date, trace, analyse, result_format)
        out = ctypes.c_void_p()
        rc = lib.zice_ruleset_assess(self._h(), doc, len(doc), ctypes.byref(opts), ctypes.byref(out))
        if rc != OK:
            err = _last_error(lib, rc)  # before zice_free (also a zice_* call)
            text = _take_string(lib, out)
            if isinstance(err, AnswersError) and text:
                try:
                    err.problems = json.loads(text)
                except ValueError:
                    pass
            raise err
        return _take_string(lib, out) or ""

    def assess(self, answers: Answers, lang: Optional[str] = None, strict: bool = False,
               date: DateLike = None, trace: bool = False, analyse: bool = True) -> dict:
        """Scores answers and returns the result document (docs/result-schema.md).

        `lang`: report language ("zh-CN", "en"; None = ruleset default);
        `strict`: any fatal answer problem raises AnswersError (with
        ``.problems``) instead of scoring; `date`: assessment date
        ("YYYY-MM-DD" or a datetime.date; None = today, UTC); `trace`: include
        every computed name in ``result["trace"]``; `analyse`: False leaves out
        the improvement plan and the partial-answer analysis (``null``), which
        are the costly part of an assessment.
        """
        # Compact text: it is parsed here anyway, and indentation only costs.
        return json.loads(self._assess_text(answers, lang, strict, date, trace, analyse,
                                            _native.RESULT_COMPACT))

    def assess_summary(self, answers: Answers, lang: Optional[str] = None, strict: bool = False,
                       date: DateLike = None) -> dict:
        """Scores answers and returns only the outcome (docs/result-schema.md,
        "Summary"): ``{"schema": "zice-summary/1", "ruleset", "grade", "total",
        "percent", "dimensions": {id: score}, "failed_gates", "findings":
        {severity: count}, "complete", "problems"}``. The cheapest call when
        the whole document is not needed; options as for :meth:`assess`."""
        return json.loads(self._assess_text(answers, lang, strict, date, False, False,
                                            _native.RESULT_SUMMARY))

    def report(self, result: Union[Mapping[str, Any], str, bytes], format: str = "text") -> str:
        """Renders a result of :meth:`assess` ("text", "json", …)."""
        return render(result, format)


# ---- catalogs ---------------------------------------------------------------

class Catalog:
    """Every ``*.xml`` ruleset of a directory, loaded once.

    Rulesets returned by :meth:`get` and :meth:`in_force` are borrowed from
    the catalog: they keep it alive, and become unusable after :meth:`close`.
    """

    def __init__(self, directory: PathLike):
        lib = _native.library()
        self._handle: Optional[int] = None
        h = ctypes.c_void_p()
        rc = lib.zice_catalog_open(_encode_path(directory), ctypes.byref(h))
        if rc != OK:
            raise _last_error(lib, rc)
        self._handle = h.value
        self.directory = os.fsdecode(directory)

    @property
    def closed(self) -> bool:
        return self._handle is None

    def close(self) -> None:
        """Frees the catalog and every ruleset in it (idempotent)."""
        h, self._handle = self._handle, None
        if h is not None:
            _native.library().zice_catalog_free(h)

    def __enter__(self) -> "Catalog":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def _h(self) -> int:
        if self._handle is None:
            raise ValueError("catalog is closed")
        return self._handle

    def __repr__(self) -> str:
        return f"<zice.Catalog {self.directory!r}{' closed' if self.closed else ''}>"

    def list(self) -> list:
        """The rulesets, sorted by id then effective date:
        ``[{"id", "version", "title", "effective_from", "effective_to", "sha256", "file"}]``;
        open effective dates are None."""
        lib = _native.library()
        entries = json.loads(_call_string(lib.zice_catalog_list, self._h()))
        for e in entries:  # open ends: None, as on Ruleset
            for k in ("effective_from", "effective_to"):
                if e.get(k) == "":
                    e[k] = None
        return entries

    def __iter__(self):
        return iter(self.list())

    def __len__(self) -> int:
        return len(self.list())

    def __contains__(self, ruleset_id: str) -> bool:
        return any(r["id"] == ruleset_id for r in self.list())

    def _borrow(self, h: int) -> Ruleset:
        # A fresh wrapper each time: closing one never affects another.
        return Ruleset._wrap(h, owned=False, catalog=self)

    def get(self, ruleset_id: str, version: Optional[str] = None) -> Ruleset:
        """The ruleset `ruleset_id`: that exact `version`, else the one with
        the latest effective_from. Raises NotFoundError."""
        lib = _native.library()
        h = ctypes.c_void_p()
        rc = lib.zice_catalog_get(self._h(), ruleset_id.encode("utf-8"),
                                  version.encode("utf-8") if version is not None else None,
                                  ctypes.byref(h))
        if rc != OK:
            raise _last_error(lib, rc)
        return self._borrow(h.value)

    def in_force(self, ruleset_id: str, date: DateLike = None) -> Ruleset:
        """The version of `ruleset_id` in force on `date` (None = today, UTC).
        Raises NotFoundError."""
        lib = _native.library()
        h = ctypes.c_void_p()
        rc = lib.zice_catalog_get_in_force(self._h(), ruleset_id.encode("utf-8"),
                                           _encode_date(date), ctypes.byref(h))
        if rc != OK:
            raise _last_error(lib, rc)
        return self._borrow(h.value)
