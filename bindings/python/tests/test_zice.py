"""Tests of the zice Python binding (stdlib unittest only).

Run from the repository root:
    ZICE_LIBRARY=build/src/libzice.so python3 -m unittest discover -s bindings/python/tests
"""
from __future__ import annotations

import copy
import datetime
import gc
import glob
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.dirname(HERE))  # bindings/python

import zice  # noqa: E402

RULESETS = os.path.join(ROOT, "rulesets")
MIIT = os.path.join(RULESETS, "miit-innovative-sme-2022.xml")
MIIT_ANSWERS = os.path.join(ROOT, "examples", "enterprises", "miit-innovative-sme-2022.answers.json")
DATE = "2026-11-28"


def setUpModule():
    try:
        zice.library_version()
    except OSError as e:
        if os.environ.get("ZICE_LIBRARY"):
            raise
        raise unittest.SkipTest(f"libzice not found (set ZICE_LIBRARY): {e}")


def load_answers() -> dict:
    with open(MIIT_ANSWERS, encoding="utf-8") as f:
        return json.load(f)


def question_ids(items) -> list:
    out = []
    for it in items:
        if it.get("kind") == "question":
            out.append(it["id"])
        out.extend(question_ids(it.get("items", [])))
    return out


def by_id(items, key="id") -> dict:
    return {it[key]: it for it in items}


class LibraryTest(unittest.TestCase):
    def test_version(self):
        self.assertRegex(zice.library_version(), r"^\d+\.\d+\.\d+")
        self.assertTrue(os.path.exists(zice.library_path()) or "/" not in zice.library_path())


class RulesetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rs = zice.Ruleset.load(MIIT)

    @classmethod
    def tearDownClass(cls):
        cls.rs.close()

    def test_metadata(self):
        rs = self.rs
        self.assertEqual(rs.id, "miit-innovative-sme-2022")
        self.assertEqual(rs.version, "2022.1")
        self.assertEqual(rs.title, "创新型中小企业评价")
        with open(MIIT, "rb") as f:
            self.assertEqual(rs.sha256, hashlib.sha256(f.read()).hexdigest())
        self.assertEqual(rs.effective_from, "2022-06-01")
        self.assertIsNone(rs.effective_to)
        self.assertEqual(rs.metadata()["id"], rs.id)
        self.assertIn("miit-innovative-sme-2022", repr(rs))

    def test_from_string(self):
        with open(MIIT, encoding="utf-8") as f:
            xml = f.read()
        with zice.Ruleset.from_string(xml, name="mem.xml") as rs:
            self.assertEqual(rs.id, self.rs.id)
            self.assertEqual(rs.sha256, self.rs.sha256)
            self.assertEqual(rs.assess(load_answers(), date=DATE),
                             self.rs.assess(load_answers(), date=DATE))
        with zice.Ruleset.from_string(xml.encode("utf-8")) as rs:
            self.assertEqual(rs.version, "2022.1")

    def test_questionnaire(self):
        q = self.rs.questionnaire()
        self.assertEqual(q["schema"], "zice-questionnaire/1")
        self.assertEqual(q["ruleset"]["id"], self.rs.id)
        self.assertEqual(q["lang"], "zh-CN")
        ids = question_ids(q["items"])
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(set(ids), set(load_answers()))
        self.assertEqual(json.loads(self.rs.questionnaire_json()), q)
        self.assertEqual(self.rs.questionnaire(lang="zh-CN"), q)

    def test_validate_clean(self):
        self.assertEqual(self.rs.validate(load_answers()), [])

    def test_validate_problems_per_question(self):
        a = load_answers()
        a["rd_expense_wan"] = "lots"              # wrong type
        a["equity_financing_3y_wan"] = -1         # min 0
        a["ip_class"] = "class9"                  # not an option
        a["no_such_question"] = 1
        del a["revenue_wan"]                      # required
        problems = self.rs.validate(a)
        for p in problems:
            self.assertEqual(set(p), {"question", "code", "message", "fatal"})
            self.assertTrue(p["message"])
        codes = {p["question"]: p["code"] for p in problems}
        self.assertEqual(codes, {
            "rd_expense_wan": "wrong_type",
            "equity_financing_3y_wan": "out_of_range",
            "ip_class": "unknown_option",
            "no_such_question": "unknown_question",
            "revenue_wan": "missing_required",
        })
        self.assertTrue(all(p["fatal"] for p in problems))
        # The same document as JSON text gives the same problems.
        self.assertEqual(self.rs.validate(json.dumps(a)), problems)

    def test_assess_values(self):
        r = self.rs.assess(load_answers(), date=DATE)
        self.assertEqual(r["schema"], "zice-result/1")
        self.assertEqual(r["ruleset"]["id"], "miit-innovative-sme-2022")
        self.assertEqual(r["ruleset"]["sha256"], self.rs.sha256)
        self.assertEqual(r["assessment_date"], DATE)
        self.assertTrue(r["complete"])
        self.assertEqual(r["grade"]["id"], "qualified")
        self.assertFalse(r["grade"]["provisional"])
        self.assertEqual(r["score"], {"total": 80, "max": 100, "percent": 80})
        dims = {d["id"]: d["score"] for d in r["dimensions"]}
        self.assertEqual(dims, {"innovation": 30, "growth": 20, "specialization": 30})
        points = {i["id"]: i["points"] for i in r["indicators"]}
        self.assertEqual(points, {"ip_points": 15, "rd_ratio_points": 15, "growth_points": 15,
                                  "debt_ratio_points": 5, "field_points": 10, "main_share_points": 20})
        derived = {d["id"]: d["value"] for d in r["derived"]}
        self.assertEqual(derived["rd_ratio"], 3)
        self.assertAlmostEqual(derived["debt_ratio"], 56.097561)
        gates = {g["id"]: g["status"] for g in r["gates"]}
        self.assertEqual(gates["legal_person"], "pass")
        self.assertEqual(gates["direct_award"], "fail")
        self.assertEqual(r["problems"], [])
        self.assertNotIn("trace", r)

    def test_assess_summary_and_compact(self):
        full = self.rs.assess(load_answers(), date=DATE)
        s = self.rs.assess_summary(load_answers(), date=DATE)
        self.assertEqual(s["schema"], "zice-summary/1")
        self.assertEqual(s["ruleset"], {"id": "miit-innovative-sme-2022", "version": full["ruleset"]["version"]})
        self.assertEqual(s["grade"], "qualified")
        self.assertEqual((s["total"], s["percent"]), (80, 80))
        self.assertEqual(s["dimensions"], {"innovation": 30, "growth": 20, "specialization": 30})
        self.assertEqual(s["failed_gates"], [])
        self.assertEqual(s["findings"], {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0})
        self.assertEqual((s["complete"], s["problems"]), (full["complete"], 0))
        compact = self.rs.assess_json(load_answers(), date=DATE, compact=True)
        self.assertNotIn("\n", compact)
        self.assertEqual(json.loads(compact), full)
        self.assertIn("\n  ", self.rs.assess_json(load_answers(), date=DATE))

    def test_assess_options(self):
        a = load_answers()
        base = self.rs.assess(a, date=DATE)
        self.assertEqual(self.rs.assess(a, date=datetime.date(2026, 11, 28)), base)
        self.assertEqual(self.rs.assess(json.dumps(a), date=DATE), base)
        self.assertEqual(json.loads(self.rs.assess_json(a, date=DATE)), base)
        self.assertIn("trace", self.rs.assess(a, date=DATE, trace=True))
        self.assertEqual(self.rs.assess(a, date="2025-01-02")["assessment_date"], "2025-01-02")
        en = self.rs.assess(a, date=DATE, lang="en")
        self.assertEqual(en["lang"], "en")
        self.assertEqual(en["grade"]["id"], "qualified")
        # default date: today (UTC)
        today = datetime.datetime.now(datetime.timezone.utc).date()
        self.assertIn(self.rs.assess(a)["assessment_date"],
                      {today.isoformat(), (today + datetime.timedelta(days=1)).isoformat()})

    def test_lower_score_not_qualified(self):
        a = load_answers()
        a["ip_class"] = "none"
        a["rd_expense_wan"] = 0
        r = self.rs.assess(a, date=DATE)
        self.assertNotEqual((r["grade"] or {}).get("id"), "qualified")
        self.assertLess(r["score"]["total"], 80)

    def test_strict_error_with_problems(self):
        a = load_answers()
        a["rd_expense_wan"] = "lots"
        with self.assertRaises(zice.AnswersError) as cm:
            self.rs.assess(a, date=DATE, strict=True)
        e = cm.exception
        self.assertIsInstance(e, zice.ZiceError)
        self.assertEqual(e.code, zice.EANSWERS)
        self.assertTrue(str(e))
        self.assertIn(("rd_expense_wan", "wrong_type"), [(p["question"], p["code"]) for p in e.problems])
        # Not strict: a result, incomplete, with the problem listed.
        r = self.rs.assess(a, date=DATE)
        self.assertFalse(r["complete"])
        self.assertIn("rd_expense_wan", [p["question"] for p in r["problems"]])

    def test_bad_json(self):
        with self.assertRaises(zice.ZiceError) as cm:
            self.rs.assess("{not json", date=DATE)
        self.assertEqual(cm.exception.code, zice.EJSON)
        with self.assertRaises(zice.ZiceError) as cm:
            self.rs.validate(b"[1,")
        self.assertEqual(cm.exception.code, zice.EJSON)
        with self.assertRaises(zice.ZiceError) as cm:
            self.rs.assess("[1, 2]", date=DATE)  # JSON, but not an object
        self.assertEqual(cm.exception.code, zice.EJSON)

    def test_analyse_flag(self):
        # Incomplete answers: the analysis has something to say unless turned off.
        full = self.rs.assess({}, date=DATE)
        self.assertIsNotNone(full["improvement"])
        self.assertIsNotNone(full["partial"])
        cheap = self.rs.assess({}, date=DATE, analyse=False)
        self.assertIsNone(cheap["improvement"])
        self.assertIsNone(cheap["partial"])
        self.assertEqual(cheap["score"], full["score"])

    def test_answers_over_a_limit(self):
        # 100 MB of answers: refused by the default size limit (docs/security.md).
        with self.assertRaises(zice.ZiceError) as cm:
            self.rs.assess("{" + " " * (100 << 20) + "}", date=DATE)
        self.assertEqual(cm.exception.code, zice.ELIMIT)
        self.assertIn("answers-bytes", str(cm.exception))

    def test_bad_date(self):
        for bad in ("2026-13-01", "tomorrow"):
            with self.assertRaises(zice.ZiceError) as cm:
                self.rs.assess(load_answers(), date=bad)
            self.assertEqual(cm.exception.code, zice.EINVAL)
            self.assertIn(bad, cm.exception.message)
        with zice.Catalog(RULESETS) as cat, self.assertRaises(zice.ZiceError) as cm:
            cat.in_force("sme-size-2011", "2026-02-30")
        self.assertEqual(cm.exception.code, zice.EINVAL)

    def test_report(self):
        r = self.rs.assess(load_answers(), date=DATE)
        text = self.rs.report(r)
        self.assertIsInstance(text, str)
        self.assertTrue(text.strip())
        self.assertEqual(zice.render(json.dumps(r), "text"), text)
        self.assertEqual(json.loads(self.rs.report(r, format="json")), r)
        with self.assertRaises(zice.ZiceError) as cm:
            self.rs.report(r, format="no-such-format")
        self.assertEqual(cm.exception.code, zice.EINVAL)

    def test_close(self):
        rs = zice.Ruleset.load(MIIT)
        with rs:
            self.assertFalse(rs.closed)
        self.assertTrue(rs.closed)
        rs.close()  # idempotent
        with self.assertRaises(ValueError):
            rs.questionnaire()
        with self.assertRaises(TypeError):
            zice.Ruleset()


class LoadErrorTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="zice-py-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def broken_copy(self):
        """The MIIT ruleset with an unknown name in the first expression."""
        with open(MIIT, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for i, line in enumerate(lines):
            if 'expr="' in line:
                lines[i] = line.replace('expr="', 'expr="no_such_name + ', 1)
                return "\n".join(lines), i + 1, lines[i].index("no_such_name") + 1
        self.fail("no expression in the ruleset")

    def test_ruleset_error_location(self):
        xml, line, column = self.broken_copy()
        path = os.path.join(self.tmp, "broken.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(xml)
        with self.assertRaises(zice.RulesetError) as cm:
            zice.Ruleset.load(path)
        e = cm.exception
        self.assertEqual(e.code, zice.ERULESET)
        self.assertEqual(e.file, path)
        self.assertEqual((e.line, e.column), (line, column))
        self.assertIn("no_such_name", e.message)
        self.assertIn(f"{path}:{line}:{column}", e.message)

    def test_ruleset_error_from_string(self):
        xml, line, column = self.broken_copy()
        with self.assertRaises(zice.RulesetError) as cm:
            zice.Ruleset.from_string(xml, name="upload.xml")
        e = cm.exception
        self.assertEqual((e.file, e.line, e.column), ("upload.xml", line, column))

    def test_xml_syntax_error(self):
        path = os.path.join(self.tmp, "syntax.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0"?>\n<ruleset id="x" version="1" format="1">\n  <meta>\n</ruleset>\n')
        with self.assertRaises(zice.RulesetError) as cm:
            zice.Ruleset.load(path)
        self.assertEqual(cm.exception.file, path)
        self.assertGreater(cm.exception.line, 0)

    def test_lint(self):
        self.assertEqual([d for d in zice.lint(MIIT) if d["severity"] == "error"], [])
        xml, line, column = self.broken_copy()
        path = os.path.join(self.tmp, "broken.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(xml)
        errors = [d for d in zice.lint(path) if d["severity"] == "error"]
        self.assertEqual([(d["file"], d["line"], d["column"]) for d in errors], [(path, line, column)])
        self.assertIn("no_such_name", errors[0]["message"])
        with self.assertRaises(zice.ZiceError) as cm:
            zice.lint(os.path.join(self.tmp, "nope.xml"))
        self.assertEqual(cm.exception.code, zice.EIO)

    def test_missing_file(self):
        with self.assertRaises(zice.ZiceError) as cm:
            zice.Ruleset.load(os.path.join(self.tmp, "nope.xml"))
        self.assertEqual(cm.exception.code, zice.EIO)
        self.assertNotIsInstance(cm.exception, zice.RulesetError)

    def test_catalog_errors(self):
        with self.assertRaises(zice.ZiceError) as cm:
            zice.Catalog(os.path.join(self.tmp, "no-such-dir"))
        self.assertEqual(cm.exception.code, zice.EIO)
        xml, line, column = self.broken_copy()
        path = os.path.join(self.tmp, "broken.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(xml)
        with self.assertRaises(zice.RulesetError) as cm:
            zice.Catalog(self.tmp)
        self.assertEqual(os.path.basename(cm.exception.file), "broken.xml")
        self.assertEqual((cm.exception.line, cm.exception.column), (line, column))


class CatalogTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cat = zice.Catalog(RULESETS)

    @classmethod
    def tearDownClass(cls):
        cls.cat.close()

    def test_list(self):
        entries = self.cat.list()
        self.assertEqual(len(entries), len(glob.glob(os.path.join(RULESETS, "*.xml"))))
        ids = [e["id"] for e in entries]
        self.assertEqual(ids, sorted(ids))
        self.assertIn("miit-innovative-sme-2022", ids)
        self.assertIn("sme-size-2011", self.cat)
        self.assertEqual(len(self.cat), len(entries))
        miit = by_id(entries)["miit-innovative-sme-2022"]
        self.assertEqual(miit["version"], "2022.1")
        self.assertEqual(miit["effective_from"], "2022-06-01")
        self.assertIsNone(miit["effective_to"])
        self.assertEqual(os.path.basename(miit["file"]), "miit-innovative-sme-2022.xml")
        self.assertEqual(by_id(entries)["miit-zjtx-sme-2022"]["effective_to"], "2026-03-31")

    def test_get(self):
        rs = self.cat.get("miit-innovative-sme-2022")
        with open(MIIT, "rb") as f:
            self.assertEqual(rs.sha256, hashlib.sha256(f.read()).hexdigest())
        self.assertEqual(rs.assess(load_answers(), date=DATE)["grade"]["id"], "qualified")
        self.assertEqual(self.cat.get("miit-innovative-sme-2022", version="2022.1").version, "2022.1")
        with self.assertRaises(zice.NotFoundError) as cm:
            self.cat.get("no-such-ruleset")
        self.assertEqual(cm.exception.code, zice.ENOTFOUND)
        self.assertIsInstance(cm.exception, LookupError)
        with self.assertRaises(zice.NotFoundError):
            self.cat.get("miit-innovative-sme-2022", version="1999.1")
        # closing a borrowed ruleset wrapper does not affect the catalog
        rs.close()
        self.assertFalse(self.cat.get("miit-innovative-sme-2022").closed)

    def test_in_force(self):
        self.assertEqual(self.cat.in_force("miit-zjtx-sme-2022", "2025-01-01").version, "2022.1")
        self.assertEqual(self.cat.in_force("miit-zjtx-sme-2022", datetime.date(2026, 3, 31)).id,
                         "miit-zjtx-sme-2022")
        with self.assertRaises(zice.NotFoundError):
            self.cat.in_force("miit-zjtx-sme-2022", "2026-04-01")
        with self.assertRaises(zice.NotFoundError):
            self.cat.in_force("miit-innovative-sme-2022", "2020-01-01")
        self.assertEqual(self.cat.in_force("miit-innovative-sme-2022").id, "miit-innovative-sme-2022")

    def test_versions(self):
        tmp = tempfile.mkdtemp(prefix="zice-py-cat-")
        try:
            with open(MIIT, encoding="utf-8") as f:
                xml = f.read()
            old = xml.replace('<effective from="2022-06-01"/>', '<effective from="2022-06-01" to="2023-12-31"/>')
            new = xml.replace('version="2022.1"', 'version="2024.1"', 1) \
                     .replace('<effective from="2022-06-01"/>', '<effective from="2024-01-01"/>')
            self.assertNotEqual(old, xml)
            self.assertNotEqual(new, xml)
            for name, text in (("a-old.xml", old), ("b-new.xml", new)):
                with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                    f.write(text)
            with zice.Catalog(tmp) as cat:
                self.assertEqual([e["version"] for e in cat.list()], ["2022.1", "2024.1"])
                self.assertEqual(cat.get("miit-innovative-sme-2022").version, "2024.1")
                self.assertEqual(cat.get("miit-innovative-sme-2022", "2022.1").version, "2022.1")
                self.assertEqual(cat.in_force("miit-innovative-sme-2022", "2023-06-01").version, "2022.1")
                self.assertEqual(cat.in_force("miit-innovative-sme-2022", "2025-06-01").version, "2024.1")
                with self.assertRaises(zice.NotFoundError):
                    cat.in_force("miit-innovative-sme-2022", "2021-01-01")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def test_borrowed_keeps_catalog_alive(self):
        rs = zice.Catalog(RULESETS).get("miit-innovative-sme-2022")
        gc.collect()
        self.assertEqual(rs.assess(load_answers(), date=DATE)["score"]["total"], 80)

    def test_closed_catalog(self):
        cat = zice.Catalog(RULESETS)
        rs = cat.get("sme-size-2011")
        cat.close()
        cat.close()
        self.assertTrue(rs.closed)
        with self.assertRaises(ValueError):
            rs.questionnaire()
        with self.assertRaises(ValueError):
            cat.list()


class ThreadTest(unittest.TestCase):
    """One ruleset, many Python threads (ctypes releases the GIL)."""

    THREADS = 8
    ROUNDS = 25

    def variants(self) -> list:
        base = load_answers()
        out = []
        for i in range(self.ROUNDS):
            a = copy.deepcopy(base)
            a["rd_expense_wan"] = 10 * i
            a["ip_class"] = ["none", "class2", "class1_self_developed", "class1_high_value"][i % 4] \
                if i % 5 else base["ip_class"]
            a["total_liabilities_wan"] = 100 * i
            if i % 7 == 3:
                a["revenue_wan"] = "bad"  # a problem; strict mode fails for this one
            out.append(a)
        return out

    def run_all(self, rs, variants) -> list:
        out = []
        for a in variants:
            r = rs.assess(a, date=DATE)
            try:
                strict = rs.assess(a, date=DATE, strict=True)
                strict_out = ("ok", strict == r)
            except zice.AnswersError as e:
                strict_out = ("answers", e.code, e.problems)
            out.append((r, rs.validate(a), strict_out))
        return out

    def check_threads(self, rs):
        variants = self.variants()
        expected = self.run_all(rs, variants)
        self.assertIn(("answers", zice.EANSWERS), [s[2][:2] for s in expected])
        self.assertGreater(len({json.dumps(r[0]["score"]) for r in expected}), 3)
        results = [None] * self.THREADS
        errors = []
        barrier = threading.Barrier(self.THREADS)

        def worker(k):
            try:
                barrier.wait()
                # each thread starts at a different variant
                order = variants[k:] + variants[:k]
                got = self.run_all(rs, order)
                results[k] = got[self.ROUNDS - k:] + got[:self.ROUNDS - k]
            except Exception as e:  # pragma: no cover
                errors.append(e)

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(self.THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        for k in range(self.THREADS):
            self.assertEqual(results[k], expected, f"thread {k}")

    def test_threads_owned(self):
        with zice.Ruleset.load(MIIT) as rs:
            self.check_threads(rs)

    def test_threads_catalog(self):
        with zice.Catalog(RULESETS) as cat:
            self.check_threads(cat.get("miit-innovative-sme-2022"))

    def test_thread_local_errors(self):
        """Errors raised in parallel threads carry their own details."""
        with zice.Catalog(RULESETS) as cat:
            errs = []

            def worker(k):
                for _ in range(50):
                    try:
                        cat.get(f"missing-{k}")
                    except zice.NotFoundError as e:
                        if f"missing-{k}" not in e.message:
                            errs.append(e.message)
                    try:
                        cat.get("sme-size-2011").assess("{bad", date=DATE)
                    except zice.ZiceError as e:
                        if e.code != zice.EJSON:
                            errs.append(repr(e))

            threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(errs, [])


if __name__ == "__main__":
    unittest.main()
