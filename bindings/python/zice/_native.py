"""Locating libzice.so and declaring the C API (include/zice/zice.h) for ctypes.

Search order for the shared library:

1. the ``ZICE_LIBRARY`` environment variable (a path to the library file);
2. ``libzice.so*`` next to this package (a wheel or a copy made by the user);
3. the system library path (``ctypes.util.find_library("zice")``);
4. in-tree build directories of a zice checkout (``build*/src/libzice.so``).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import sys
import threading

# The binding speaks the C API of this major version.
ABI_MAJOR = 0

_lock = threading.Lock()
_lib: ctypes.CDLL | None = None
_lib_path: str | None = None


class _Error(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_int),
        ("message", ctypes.c_char_p),
        ("file", ctypes.c_char_p),
        ("line", ctypes.c_int),
        ("column", ctypes.c_int),
    ]


class AssessOptions(ctypes.Structure):
    """struct zice_assess_options (ZICE_ASSESS_OPTIONS_VERSION 3)."""

    _fields_ = [
        ("version", ctypes.c_uint),
        ("lang", ctypes.c_char_p),
        ("strict", ctypes.c_int),
        ("trace", ctypes.c_int),
        ("date", ctypes.c_char_p),
        # version 2
        ("analyse", ctypes.c_int),
        ("max_answers_bytes", ctypes.c_size_t),
        ("max_answers_depth", ctypes.c_size_t),
        ("max_answers_string_length", ctypes.c_size_t),
        ("max_answers_array_length", ctypes.c_size_t),
        # version 3
        ("result_format", ctypes.c_int),
    ]


ASSESS_OPTIONS_VERSION = 3
RESULT_PRETTY, RESULT_COMPACT, RESULT_SUMMARY = 0, 1, 2  # zice_assess_options.result_format

_lib_names = {
    "linux": ["libzice.so", "libzice.so.0"],
    "darwin": ["libzice.dylib", "libzice.0.dylib"],
    "win32": ["zice.dll", "libzice.dll"],
}


def _library_file_names() -> list[str]:
    for prefix, names in _lib_names.items():
        if sys.platform.startswith(prefix):
            return names
    return _lib_names["linux"]


def _candidates() -> list[str]:
    out: list[str] = []
    env = os.environ.get("ZICE_LIBRARY")
    if env:
        # An explicit choice is final: no silent fallback to another library.
        return [env]
    here = os.path.dirname(os.path.abspath(__file__))
    for name in _library_file_names():
        out.append(os.path.join(here, name))
    found = ctypes.util.find_library("zice")
    if found:
        out.append(found)
    # bindings/python/zice -> repository root
    root = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    for name in _library_file_names():
        out.append(os.path.join(root, "build", "src", name))
        out.extend(sorted(glob.glob(os.path.join(root, "build*", "src", name))))
        out.extend(sorted(glob.glob(os.path.join(root, "build", "*", "src", name))))
    return out


def _declare(lib: ctypes.CDLL) -> None:
    c_int, c_char_p, c_void_p, c_size_t = ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t
    out_str = ctypes.POINTER(ctypes.c_void_p)  # char **out, read then zice_free()d
    out_handle = ctypes.POINTER(ctypes.c_void_p)
    opts = ctypes.POINTER(AssessOptions)
    protos = {
        "zice_version": (c_char_p, []),
        "zice_version_number": (c_int, []),
        "zice_error_last": (ctypes.POINTER(_Error), []),
        "zice_strerror": (c_char_p, [c_int]),
        "zice_free": (None, [c_void_p]),
        "zice_ruleset_load_file": (c_int, [c_char_p, out_handle]),
        "zice_ruleset_load_buffer": (c_int, [c_char_p, c_size_t, c_char_p, out_handle]),
        "zice_ruleset_free": (None, [c_void_p]),
        "zice_ruleset_id": (c_char_p, [c_void_p]),
        "zice_ruleset_version": (c_char_p, [c_void_p]),
        "zice_ruleset_title": (c_char_p, [c_void_p]),
        "zice_ruleset_sha256": (c_char_p, [c_void_p]),
        "zice_ruleset_effective_from": (c_char_p, [c_void_p]),
        "zice_ruleset_effective_to": (c_char_p, [c_void_p]),
        "zice_lint_file": (c_int, [c_char_p, out_str]),
        "zice_ruleset_questionnaire": (c_int, [c_void_p, c_char_p, out_str]),
        "zice_assess_options_init": (c_int, [opts, ctypes.c_uint]),
        "zice_ruleset_validate": (c_int, [c_void_p, c_char_p, c_size_t, opts, out_str]),
        "zice_ruleset_assess": (c_int, [c_void_p, c_char_p, c_size_t, opts, out_str]),
        "zice_result_render": (c_int, [c_char_p, c_size_t, c_char_p, out_str]),
        "zice_catalog_open": (c_int, [c_char_p, out_handle]),
        "zice_catalog_free": (None, [c_void_p]),
        "zice_catalog_list": (c_int, [c_void_p, out_str]),
        "zice_catalog_get": (c_int, [c_void_p, c_char_p, c_char_p, out_handle]),
        "zice_catalog_get_in_force": (c_int, [c_void_p, c_char_p, c_char_p, out_handle]),
    }
    for name, (restype, argtypes) in protos.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes


def library() -> ctypes.CDLL:
    """The loaded C library (loaded and declared on first use)."""
    global _lib, _lib_path
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried: list[str] = []
        for path in _candidates():
            if os.sep in path and not os.path.exists(path):
                tried.append(f"{path} (missing)")
                continue
            try:
                lib = ctypes.CDLL(path)
                _declare(lib)
            except (OSError, AttributeError) as e:
                tried.append(f"{path} ({e})")
                continue
            major = lib.zice_version_number() // 10000
            if major != ABI_MAJOR:
                tried.append(f"{path} (version {lib.zice_version().decode()}, need {ABI_MAJOR}.x)")
                continue
            _lib_path = path
            _lib = lib
            return lib
        raise OSError(
            "zice: cannot find libzice; set ZICE_LIBRARY to the path of libzice.so. Tried:\n  "
            + "\n  ".join(tried or ["(nothing)"])
        )


def library_path() -> str | None:
    """The path libzice was loaded from, or None before the first use."""
    return _lib_path
