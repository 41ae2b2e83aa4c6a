#!/usr/bin/env bash
# Renders the HTML report of every shipped ruleset's example in headless
# Chromium and checks the result: the screenshot is not blank, and the DOM
# holds the grade title, every dimension title and every finding title.
#
#   tests/report-browser.sh ZICE SOURCE_DIR [WORK_DIR]
#
# Exit 77 (ctest SKIP_RETURN_CODE) when Chromium is not installed (Debian
# package `chromium`, see scripts/setup-deps). Set CHROMIUM to use another
# binary. Nothing is fetched from the network: the report is a local file
# without external references, and Chromium runs with background networking
# off.
set -uo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 ZICE SOURCE_DIR [WORK_DIR]" >&2
  exit 2
fi
zice=$1
src=$2
work=${3:-$(mktemp -d)}

chromium=${CHROMIUM:-}
if [[ -z $chromium ]]; then
  for c in chromium chromium-browser; do
    if command -v "$c" >/dev/null 2>&1; then chromium=$(command -v "$c"); break; fi
  done
fi
if [[ -z $chromium ]]; then
  echo "SKIP: chromium is not installed (apt-get install -y chromium, or scripts/setup-deps)"
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 is not installed"
  exit 77
fi

rm -rf "$work"
mkdir -p "$work/profile"

# Same flags as scripts/render-screenshots: A4 proportions at 1240 px wide.
browser() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-extensions --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars "$@"
}

status=0
count=0
for ruleset in "$src"/rulesets/*.xml; do
  id=$(basename "$ruleset" .xml)
  answers=$src/examples/enterprises/$id.answers.json
  [[ -f $answers ]] || continue
  count=$((count + 1))
  echo "== $id"
  if ! "$zice" assess "$ruleset" "$answers" --format html --date 2026-11-28 -o "$work/$id.html" ||
     ! "$zice" assess "$ruleset" "$answers" --format json --date 2026-11-28 -o "$work/$id.json"; then
    echo "  FAIL zice assess"
    status=1
    continue
  fi
  if ! browser --screenshot="$work/$id.png" --window-size=1240,1754 "file://$work/$id.html" \
       >"$work/$id.screenshot.log" 2>&1 || [[ ! -s $work/$id.png ]]; then
    echo "  FAIL chromium --screenshot (log: $work/$id.screenshot.log)"
    tail -5 "$work/$id.screenshot.log" | sed 's/^/  | /'
    status=1
    continue
  fi
  if ! browser --dump-dom "file://$work/$id.html" >"$work/$id.dom.html" 2>"$work/$id.dom.log" ||
     [[ ! -s $work/$id.dom.html ]]; then
    echo "  FAIL chromium --dump-dom (log: $work/$id.dom.log)"
    status=1
    continue
  fi
  python3 "$src/tests/report-browser-check.py" "$work/$id.json" "$work/$id.png" "$work/$id.dom.html" || status=1
done

if [[ $count -eq 0 ]]; then
  echo "FAIL: no shipped ruleset with an example under $src"
  exit 1
fi
echo "report-browser: $count reports rendered in $work; $([[ $status -eq 0 ]] && echo all checks passed || echo FAILED)"
exit $status
