#!/usr/bin/env bash
# `zice run` in a real terminal (tmux): answer a few questions, go :back, give
# a wrong value that is asked again with the reason, press Ctrl-C, then run
# again, resume and finish; check the saved answers and the report.
#   run-tmux.sh ZICE SOURCE_DIR WORK_DIR
# Exits 77 (skipped) when tmux is not installed. Uses a private tmux server
# (its own socket in WORK_DIR) and kills only that server.
set -u
zice=$(realpath "$1")
src=$(realpath "$2")
work=$3

if ! command -v tmux >/dev/null 2>&1; then
  echo "tmux is not installed: skipped"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
work=$(realpath "$work")
sock="$work/tmux.sock"
answers="$work/demo.answers.json"
T() { tmux -S "$sock" "$@"; }
trap 'T kill-server >/dev/null 2>&1' EXIT

fail() {
  echo "FAIL: $*"
  echo "---- screen ----"
  T capture-pane -p -S - -t zice 2>/dev/null
  exit 1
}

start() {
  T kill-server >/dev/null 2>&1
  # The previous server may still be shutting down: wait for its socket to
  # go, and retry the start a few times rather than fail on the race.
  for _ in $(seq 50); do [ -e "$sock" ] || break; sleep 0.1; done
  rm -f "$sock"
  local ok=0
  for _ in 1 2 3 4 5; do
    # The pane stays after zice exits, so that its exit code can be read.
    if T -f /dev/null new-session -d -s zice -x 110 -y 45 \
      "cd '$src' && TERM=xterm-256color '$zice' run examples/innovation-demo.xml --answers '$answers' --date 2026-01-01; echo \"EXIT=\$?\"; sleep 60"; then
      ok=1
      break
    fi
    sleep 0.5
  done
  [ "$ok" = 1 ] || fail "cannot start tmux"
  T set-option -t zice history-limit 5000 >/dev/null
}

# wait_for TEXT [COUNT]: until TEXT appears COUNT times (default 1) on the
# screen or in its history; 15 s at most.
wait_for() {
  local text=$1 count=${2:-1}
  for _ in $(seq 150); do
    local n
    n=$(T capture-pane -p -S - -t zice 2>/dev/null | grep -cF -- "$text")
    [ "$n" -ge "$count" ] && return 0
    sleep 0.1
  done
  fail "timed out waiting for '$text' (x$count)"
}

type_line() { T send-keys -t zice -l -- "$1" && T send-keys -t zice Enter; }

# ---- first session: four answers, :back, a wrong value, Ctrl-C
start
wait_for "(1/10) 在中国境内注册"
type_line y
wait_for "(2/10) 成立日期"
type_line 2016-05-18
wait_for "(3/10) 主导产品名称"
type_line 工业视觉检测设备
wait_for "(4/10) 从业人员数"
type_line 120
wait_for "(5/10) 研发人员数"
type_line :back
wait_for "当前答案：120 人（直接回车保留）"
type_line ""
wait_for "(5/10) 研发人员数" 2
type_line 500
wait_for "✗ 研发人员数不能超过从业人员数。"
type_line 18
wait_for "(6/10) 有效的资质和认证"
T send-keys -t zice C-c
wait_for "已中断。答案已保存到"
wait_for "EXIT=130"
python3 - "$answers" <<'EOF' || fail "saved answers after Ctrl-C"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
want = {"independent_legal_person": True, "founded_on": "2016-05-18", "main_product": "工业视觉检测设备",
        "employees": 120, "rd_staff": 18}
sys.exit(0 if a == want else "saved: %s" % a)
EOF
echo "ok first session: :back, re-asked wrong value, Ctrl-C saved 5 answers"

# ---- second session: resume and finish
start
wait_for "继续上次的作答：已从"
wait_for "[y/N]"
type_line n
wait_for "(6/10) 有效的资质和认证"
type_line 2
wait_for "(7/10) 与主导产品相关"
type_line 3
wait_for "(8/10) 上年度营业收入"
type_line 5000
wait_for "前一年度营业收入"
type_line 4600
wait_for "上年度研发费用"
type_line 150
wait_for "是否按研发项目设置研发费用辅助账"
type_line n
wait_for "已按期报送并公示"
type_line y
wait_for "EXIT=0"
screen=$(T capture-pane -p -S - -t zice)
grep -qF "全部问题已回答" <<<"$screen" || fail "no completion message"
grep -qE "等级：.?接近评价标准" <<<"$screen" || fail "no report with the grade"
python3 - "$answers" "$src/examples/innovation-demo.answers.json" <<'EOF' || fail "final answers"
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
b = json.load(open(sys.argv[2], encoding="utf-8"))
sys.exit(0 if a == b else "saved: %s" % a)
EOF
echo "ok second session: resumed at question 6, finished, report shown"
exit 0
