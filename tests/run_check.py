#!/usr/bin/env python3
"""End-to-end checks of `zice run` with piped stdin (tests/interactive.cmake).

    run_check.py ZICE SOURCE_DIR WORK_DIR CHECK

CHECK: piped (a whole session with :help, :skip, :back and wrong answers),
resume (end of input half-way, then a second run that finishes), review
(a finished file reviewed with Enter on every question). The saved answers
must equal examples/innovation-demo.answers.json and the report must show the
grade. Exits 0 when the check passes, 1 with a message otherwise.
"""
import json
import os
import shutil
import subprocess
import sys

RULESET = "examples/innovation-demo.xml"
DATE = "2026-01-01"

# One line per prompt, in questionnaire order (innovation-demo).
ANSWERS = ["y", "2016-05-18", "工业视觉检测设备", "120", "18", "2", "3", "5000", "4600", "150", "否", "y"]


def fail(msg, out=""):
    print("FAIL: " + msg)
    if out:
        print("---- output ----\n" + out)
    sys.exit(1)


def run(zice, src, answers_file, lines, lang=None):
    cmd = [zice, "run", RULESET, "--answers", answers_file, "--date", DATE]
    if lang:
        cmd += ["--lang", lang]
    text = "".join(l + "\n" for l in lines)
    p = subprocess.run(cmd, cwd=src, input=text, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def expect(cond, msg, out):
    if not cond:
        fail(msg, out)


def saved(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def reference(src):
    with open(os.path.join(src, "examples/innovation-demo.answers.json"), encoding="utf-8") as f:
        return json.load(f)


def check_piped(zice, src, work):
    path = os.path.join(work, "demo.answers.json")
    lines = [":help", "y", "2016/5/18", ":skip",          # main_product is optional: skipped
             "abc", "0", "120",                           # not a number, out of range, then fine
             "200", "18",                                 # the constraint rd_staff <= employees
             ":back", ":back", ":back",                   # from question 6 back to main_product (3)
             "工业视觉检测设备", "", "",                    # answer it, keep employees and rd_staff
             "2,5", "２",                                 # exclusive option; full-width digit
             ":skip", "3",                                # required: cannot skip
             "5000", "4600", "150", "否", "y"]
    code, out, err = run(zice, src, path, lines)
    expect(code == 0, "exit %d, stderr: %s" % (code, err), out)
    expect("\x1b" not in out, "ANSI escapes although stdout is not a terminal", out)
    for needle in [":back  返回上一题", "(1/10) 在中国境内注册", "✗ 请输入整数", "✗ 0 超出允许范围",
                   "✗ 研发人员数不能超过从业人员数。", "当前答案：（已跳过）（直接回车保留）", "当前答案：120 人（直接回车保留）",
                   "✗ 互斥选项", "此题必答，不能跳过。", "【财务数据】", "▸ 研发投入", "全部问题已回答",
                   "等级：【接近评价标准】", "得分：57 / 100"]:
        expect(needle in out, "missing in the transcript: " + needle, out)
    expect(saved(path) == reference(src), "saved answers differ: %s" % saved(path), out)
    expect(not [f for f in os.listdir(work) if ".tmp." in f], "a temporary file was left behind", out)
    print("ok piped session")


def check_resume(zice, src, work):
    path = os.path.join(work, "demo.answers.json")
    code, out, err = run(zice, src, path, ANSWERS[:5])
    expect(code == 0, "first run: exit %d, stderr %s" % (code, err), out)
    expect("输入结束：答案已保存到" in out, "no end-of-input note", out)
    first = saved(path)
    expect(list(first) == list(reference(src))[:5], "after 5 answers the file holds %s" % first, out)
    code, out, err = run(zice, src, path, ["n"] + ANSWERS[5:])
    expect(code == 0, "second run: exit %d, stderr %s" % (code, err), out)
    expect("已从 %s 读取 5 个答案" % path in out, "no resume note", out)
    expect("(6/10) 有效的资质和认证" in out and "(1/10)" not in out, "did not resume at question 6", out)
    expect("等级：【接近评价标准】" in out, "no report", out)
    expect(saved(path) == reference(src), "saved answers differ: %s" % saved(path), out)
    print("ok resume")


def check_review(zice, src, work):
    path = os.path.join(work, "demo.answers.json")
    shutil.copy(os.path.join(src, "examples/innovation-demo.answers.json"), path)
    code, out, err = run(zice, src, path, ["y"] + [""] * 7 + ["6000"] + [""] * 4, lang="en")
    expect(code == 0, "exit %d, stderr %s" % (code, err), out)
    expect("Resuming: 12 answers read from" in out, "no resume note", out)
    expect("Current answer: yes (press Enter to keep)" in out, "the current answer is not shown", out)
    expect("Grade: [" in out, "no English report", out)
    want = dict(reference(src), revenue_wan=6000)
    expect(saved(path) == want, "saved answers differ: %s" % saved(path), out)
    print("ok review")


def main():
    zice, src, work, check = sys.argv[1:5]
    zice = os.path.abspath(zice)
    work = os.path.join(os.path.abspath(work), check)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    {"piped": check_piped, "resume": check_resume, "review": check_review}[check](zice, src, work)


if __name__ == "__main__":
    main()
