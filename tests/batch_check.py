#!/usr/bin/env python3
"""End-to-end checks of `zice batch` (tests/batch.cmake).

    batch_check.py ZICE SOURCE_DIR WORK_DIR CHECK

CHECK is one of: jsonl, csv, csv-jsonl, strict, clean, memory. Inputs are
generated in WORK_DIR from the shipped rulesets and their example answers;
every result is compared with `zice assess --format json` of the same answers.
Exits 0 when the check passes, 1 with a message otherwise.
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time

DATE = "2026-01-01"


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def pairs(src):
    """(ruleset, answers) of every shipped example."""
    out = [("examples/innovation-demo.xml", "examples/innovation-demo.answers.json"),
           ("examples/overlays/zjtx-2022-demo-province.xml", "examples/overlays/zjtx-2022-demo-province.answers.json")]
    for name in sorted(os.listdir(os.path.join(src, "examples/enterprises"))):
        rid = name[: -len(".answers.json")]
        out.append(("rulesets/%s.xml" % rid, "examples/enterprises/" + name))
    return [(r, a) for r, a in out if os.path.exists(os.path.join(src, r)) and os.path.exists(os.path.join(src, a))]


def run(cmd, cwd, stdin=None):
    p = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def assess(zice, src, ruleset, answers_path):
    code, out, err = run([zice, "assess", ruleset, answers_path, "--format", "json", "--no-analysis", "--date", DATE], src)
    if code != 0:
        fail("zice assess %s failed: %s" % (ruleset, err))
    return json.loads(out)


def load(src, path):
    with open(os.path.join(src, path), encoding="utf-8") as f:
        return json.load(f)


def csv_text(answers_list, ids):
    """CSV of answers: header of question ids, multi-choice joined by ';',
    booleans as 是/否 or true/false (alternating, both must work)."""
    keys = []
    for a in answers_list:
        for k in a:
            if k not in keys:
                keys.append(k)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id"] + keys)
    for n, (a, i) in enumerate(zip(answers_list, ids)):
        row = [i]
        for k in keys:
            v = a.get(k)
            if v is None:
                row.append("")
            elif isinstance(v, bool):
                row.append(("是" if v else "否") if n % 2 == 0 else ("true" if v else "false"))
            elif isinstance(v, list):
                row.append(";".join(str(x) for x in v) if v else "[]")
            else:
                row.append(str(v))
        w.writerow(row)
    return buf.getvalue()


def check_stderr(err, name, lines, ok, failed):
    for line in lines:
        if not re.search(r"zice: error: %s:%d(:\d+)?: " % (re.escape(name), line), err):
            fail("no error reported for %s line %d; stderr:\n%s" % (name, line, err))
    if "zice batch: %d records: %d ok, %d failed" % (ok + failed, ok, failed) not in err:
        fail("summary missing or wrong; stderr:\n" + err)


def check_jsonl(zice, src, work):
    for ruleset, answers_path in pairs(src):
        expected = assess(zice, src, ruleset, answers_path)
        answers = load(src, answers_path)
        a1 = dict(answers, id="E-1")
        a2 = dict(answers, _id=2)
        a3 = dict(answers, id="E-3")
        lines = [json.dumps(a1, ensure_ascii=False), "", '{"id": "broken", ',
                 "[1, 2, 3]", json.dumps(a2, ensure_ascii=False), "   ", json.dumps(a3)]
        path = os.path.join(work, "examples.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        out_path = os.path.join(work, "examples.out.jsonl")
        code, out, err = run([zice, "batch", ruleset, path, "-o", out_path, "--date", DATE, "--jobs", "2"], src)
        if code != 1:
            fail("%s: expected exit 1 with bad lines, got %d\n%s" % (ruleset, code, err))
        check_stderr(err, path, [3, 4], 3, 2)
        with open(out_path, encoding="utf-8") as f:
            results = [json.loads(l) for l in f]
        if [r["id"] for r in results] != ["E-1", 2, "E-3"] or [r["line"] for r in results] != [1, 5, 7]:
            fail("%s: ids/lines out of order: %s" % (ruleset, [(r["id"], r["line"]) for r in results]))
        for r in results:
            for key in ("grade", "score", "dimensions", "indicators", "gates", "findings", "complete"):
                if r[key] != expected[key]:
                    fail("%s: %s differs from zice assess:\n%s\n%s" % (ruleset, key, r[key], expected[key]))
        print("ok %s: 3 results in order, lines 3 and 4 reported" % ruleset)


def check_csv(zice, src, work, out_format):
    for ruleset, answers_path in pairs(src):
        expected = assess(zice, src, ruleset, answers_path)
        answers = load(src, answers_path)
        path = os.path.join(work, "examples.csv")
        text = csv_text([answers, answers, answers], ["A", "B", "C"])
        header, *rows = text.splitlines()
        # Line 3 gets a wrong number of fields; a quoted multi-line id on line 4-5.
        rows[1] = "B,too,few"
        rows[2] = '"C\nmulti-line"' + rows[2][1:]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\ufeff" + header + "\n" + "\n".join(rows) + "\n")
        out_path = os.path.join(work, "examples.out." + out_format)
        code, out, err = run([zice, "batch", ruleset, path, "-o", out_path, "--format", out_format,
                              "--date", DATE, "--jobs", "2"], src)
        if code != 1:
            fail("%s: expected exit 1 with a bad row, got %d\n%s" % (ruleset, code, err))
        check_stderr(err, path, [3], 2, 1)
        if "warning" in err:
            fail("%s: unexpected warning:\n%s" % (ruleset, err))
        with open(out_path, encoding="utf-8") as f:
            if out_format == "csv":
                rows = list(csv.DictReader(f))
                if [(r["id"], r["line"]) for r in rows] != [("A", "2"), ("C\nmulti-line", "4")]:
                    fail("%s: rows out of order: %s" % (ruleset, rows))
                total = expected["score"]["total"] if expected["score"] else ""
                grade = expected["grade"]["id"] if expected["grade"] else ""
                for r in rows:
                    if r["grade"] != grade or (total != "" and float(r["total"]) != float(total)):
                        fail("%s: CSV row %s differs from zice assess (grade %s, total %s)" % (ruleset, r, grade, total))
                    if r["problems"] != str(len(expected["problems"])) or r["complete"] != str(expected["complete"]).lower():
                        fail("%s: problems/complete differ: %s vs %s" % (ruleset, r, expected["problems"]))
                    for d in expected["dimensions"]:
                        cell = r["score." + d["id"]]
                        if (d["score"] is None) != (cell == "") or (cell and float(cell) != float(d["score"])):
                            fail("%s: dimension %s: %s vs %s" % (ruleset, d["id"], cell, d["score"]))
            else:
                results = [json.loads(l) for l in f]
                if [r["line"] for r in results] != [2, 4]:
                    fail("%s: lines %s" % (ruleset, [r["line"] for r in results]))
                for r in results:
                    for key in ("grade", "score", "dimensions", "gates", "findings", "complete", "problems"):
                        if r[key] != expected[key]:
                            fail("%s: %s differs from zice assess (CSV conversion):\n%s\n%s" % (ruleset, key, r[key], expected[key]))
        print("ok %s: CSV in, %s out" % (ruleset, out_format))


def check_strict(zice, src, work):
    answers = load(src, "examples/innovation-demo.answers.json")
    bad = dict(answers, id="bad", employees=-5)
    path = os.path.join(work, "strict.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(dict(answers, id="good")) + "\n" + json.dumps(bad) + "\n")
    args = [zice, "batch", "examples/innovation-demo.xml", path, "--date", DATE, "--format", "csv"]
    code, out, err = run(args, src)
    if code != 0 or len(out.splitlines()) != 3:
        fail("without --strict both records give a row (exit 0): %d\n%s%s" % (code, out, err))
    code, out, err = run(args + ["--strict"], src)
    if code != 1 or len(out.splitlines()) != 2:
        fail("--strict: expected exit 1 and one row, got %d\n%s%s" % (code, out, err))
    if not re.search(r"strict\.jsonl:2 \(id bad\): .*employees: \[out_of_range\]", err):
        fail("--strict: the failing record is not reported with its line and id:\n" + err)
    print("ok --strict")


def check_clean(zice, src, work):
    answers = load(src, "examples/innovation-demo.answers.json")
    text = "".join(json.dumps(dict(answers, id=i)) + "\n" for i in range(50))
    code, out, err = run([zice, "batch", "examples/innovation-demo.xml", "-", "--date", DATE], src, stdin=text)
    if code != 0:
        fail("clean input from stdin: exit %d\n%s" % (code, err))
    ids = [json.loads(l)["id"] for l in out.splitlines()]
    if ids != list(range(50)):
        fail("stdin: ids out of order: %s" % ids)
    if "\r" in err or "\x1b" in err:
        fail("progress bar drawn although stderr is not a terminal")
    if "grades: qualified 0, close 50, not_qualified 0" not in err or "mean score: total 57.00" not in err:
        fail("summary:\n" + err)
    print("ok clean input, exit 0, summary")


def check_memory(zice, src, work):
    answers = load(src, "examples/innovation-demo.answers.json")

    def make(n, path):
        with open(path, "w", encoding="utf-8") as f:
            for i in range(n):
                a = dict(answers, id=i, revenue_wan=1000 + i % 7000, rd_expense_wan=i % 400)
                f.write(json.dumps(a, ensure_ascii=False) + "\n")

    small, big = os.path.join(work, "small.jsonl"), os.path.join(work, "big.jsonl")
    make(2000, small)
    make(20000, big)
    timer = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None

    def measure(path):
        out = path + ".out"
        cmd = [zice, "batch", "examples/innovation-demo.xml", path, "-o", out, "--date", DATE, "--jobs", "2"]
        if timer:
            cmd = [timer, "-f", "maxrss=%M"] + cmd
        start = time.monotonic()
        code, _, err = run(cmd, src)
        elapsed = time.monotonic() - start
        if code != 0:
            fail("exit %d\n%s" % (code, err))
        with open(out, encoding="utf-8") as f:
            n = sum(1 for _ in f)
        os.remove(out)
        m = re.search(r"maxrss=(\d+)", err)
        return elapsed, n, int(m.group(1)) if m else None

    # Under AddressSanitizer freed memory sits in a quarantine (256 MB by
    # default) that fills with the number of records, whatever the program
    # keeps: a small quarantine keeps the measurement about zice's own memory.
    asan = os.environ.get("ASAN_OPTIONS", "")
    os.environ["ASAN_OPTIONS"] = (asan + ":" if asan else "") + "quarantine_size_mb=8"
    t1, n1, rss1 = measure(small)
    t2, n2, rss2 = measure(big)
    print("2000 records: %.1f s, max RSS %s KB; 20000 records: %.1f s, max RSS %s KB" % (t1, rss1, t2, rss2))
    if n1 != 2000 or n2 != 20000:
        fail("result counts %d, %d" % (n1, n2))
    if t2 > 30:
        fail("20000 records took %.1f s (limit 30 s)" % t2)
    if rss1 and rss2 and rss2 > rss1 * 1.5 + 8192:
        fail("memory grows with the input: %d KB for 2000 records, %d KB for 20000" % (rss1, rss2))
    print("ok flat memory")


def check_order(zice, src, work):
    """Many chunks: 400 records of varied answers with a bad line every 23rd,
    by 1 and 3 workers, to a file and to stdout, from a file and from stdin.
    Every run must give the same bytes, with the results in input order and
    each bad line reported with its number."""
    ruleset = "rulesets/miit-zjtx-sme-2022.xml"
    answers = load(src, "examples/enterprises/miit-zjtx-sme-2022.answers.json")
    numbers = [k for k, v in answers.items() if isinstance(v, (int, float)) and not isinstance(v, bool)]
    lines, bad = [], []
    for i in range(400):
        if i % 23 == 11:
            lines.append('{"id": %d, "broken": ' % i)
            bad.append(i + 1)
            continue
        a = dict(answers, id="R%03d" % i)
        for j, k in enumerate(numbers):
            a[k] = answers[k] * (0.5 + ((i * 7 + j * 13) % 11) / 10)
        lines.append(json.dumps(a, ensure_ascii=False))
    path = os.path.join(work, "order.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    outputs = {}
    for fmt in ("jsonl", "csv"):
        for jobs in ("1", "3"):
            out_path = os.path.join(work, "order.%s.%s" % (jobs, fmt))
            code, _, err = run([zice, "batch", ruleset, path, "-o", out_path, "-f", fmt, "--date", DATE, "--jobs", jobs], src)
            if code != 1:
                fail("--jobs %s -f %s: expected exit 1 with bad lines, got %d\n%s" % (jobs, fmt, code, err))
            check_stderr(err, path, bad, 400 - len(bad), len(bad))
            with open(out_path, encoding="utf-8") as f:
                outputs[(fmt, jobs)] = f.read()
        with open(path, encoding="utf-8") as f:
            code, out, err = run([zice, "batch", ruleset, "-", "-f", fmt, "--date", DATE, "--jobs", "3"], src, stdin=f.read())
        if out != outputs[(fmt, "1")]:
            fail("-f %s: stdin with 3 workers differs from the file with 1" % fmt)
        if outputs[(fmt, "3")] != outputs[(fmt, "1")]:
            fail("-f %s: 3 workers give other bytes than 1" % fmt)
    expected = [i + 1 for i in range(400) if i + 1 not in bad]
    got = [json.loads(l)["line"] for l in outputs[("jsonl", "1")].splitlines()]
    if got != expected:
        fail("results out of input order: %s" % got[:40])
    rows = outputs[("csv", "1")].splitlines()[1:]
    if [int(r.split(",")[1]) for r in rows] != expected:
        fail("CSV rows out of input order")
    grades = {json.loads(l)["grade"]["id"] for l in outputs[("jsonl", "1")].splitlines()}
    print("ok %d results in input order, identical for 1 and 3 workers, file and stdin; grades %s" %
          (len(expected), sorted(grades)))


def main():
    zice, src, work, check = sys.argv[1:5]
    zice = os.path.abspath(zice)
    work = os.path.join(os.path.abspath(work), check)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    if check == "jsonl":
        check_jsonl(zice, src, work)
    elif check == "csv":
        check_csv(zice, src, work, "csv")
    elif check == "csv-jsonl":
        check_csv(zice, src, work, "jsonl")
    elif check == "strict":
        check_strict(zice, src, work)
    elif check == "clean":
        check_clean(zice, src, work)
    elif check == "memory":
        check_memory(zice, src, work)
    elif check == "order":
        check_order(zice, src, work)
    else:
        fail("unknown check " + check)


if __name__ == "__main__":
    main()
