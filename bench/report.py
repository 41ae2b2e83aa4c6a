#!/usr/bin/env python3
"""Runs every benchmark of docs/performance.md and prints its table (Markdown).

  report.py BUILD_DIR DATA_DIR [--repetitions N] [--memory-records N]

BUILD_DIR holds a Release build with zice_bench and zice; DATA_DIR the inputs
of bench/generate.py (scripts/bench writes both). Times are CPU time per
operation (medians of N repetitions) unless a row says wall; batch rows are
medians of N runs of the real `zice batch` process, timed with os.wait4, writing
JSON Lines and CSV. The engine ÷ hand-coded floor ratios come from one paired
benchmark (BM_PairedZjtx2022) that times them in alternating blocks of calls.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ZJTX = 'miit-zjtx-sme-2022'
LEGAL = 'sme-legal-compliance'
SIZES = [100, 1000, 10000]


def run_bench(build, data, reps):
    out = os.path.join(data, 'bench.json')
    env = dict(os.environ, ZICE_BENCH_DATA=data)
    cmd = [os.path.join(build, 'bench', 'zice_bench'), '--benchmark_out=' + out, '--benchmark_out_format=json',
           f'--benchmark_repetitions={reps}', '--benchmark_report_aggregates_only=true',
           '--benchmark_min_time=0.2',
           '--benchmark_filter=^(Assess/|AssessText/|AssessSummary/|CApiAssess/|BM_HandCoded|BM_PairedZjtx2022|'
           'BM_ParseFloor|Load/|Held/|AssessSynthetic/|BM_PairedScaling)']
    subprocess.run(cmd, env=env, check=True, stdout=sys.stderr)
    with open(out) as f:
        doc = json.load(f)
    med = {}
    for b in doc['benchmarks']:
        # The median of the repetitions, or the single run without repetitions.
        if b.get('aggregate_name', 'median' if reps == 1 else '') != 'median':
            continue
        name = b['run_name']
        # Held/... runs with a fixed iteration count: the name carries it.
        name = name.split('/iterations:')[0].split('/min_time:')[0]
        med[name] = b
    return med, doc['context']


def cpu_us(b):
    scale = {'ns': 1e-3, 'us': 1, 'ms': 1e3, 's': 1e6}[b['time_unit']]
    return b['cpu_time'] * scale


def run_batch(build, ruleset, path, jobs, fmt):
    """One `zice batch` process writing `fmt` ('jsonl' or 'csv') to /dev/null:
    (wall seconds, user+sys CPU seconds, peak RSS KiB)."""
    cmd = [os.path.join(build, 'zice'), 'batch', ruleset, path, '--jobs', str(jobs), '--format', fmt,
           '--date', '2026-06-30']
    t0 = time.monotonic()
    with open(os.devnull, 'wb') as null:
        p = subprocess.Popen(cmd, stdout=null, stderr=null)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f'zice batch failed: {" ".join(cmd)}')
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def count_lines(path):
    with open(path, 'rb') as f:
        return sum(1 for _ in f)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('build')
    p.add_argument('data')
    p.add_argument('--repetitions', type=int, default=5)
    p.add_argument('--memory-records', type=int, default=1_000_000)
    o = p.parse_args()
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    zjtx_xml = os.path.join(src, 'rulesets', ZJTX + '.xml')

    med, ctx = run_bench(o.build, o.data, o.repetitions)

    # Batch throughput: the same JSONL input as the parse floor, written as
    # JSON Lines and as CSV; runs interleaved (each repetition runs every
    # format × jobs once), so that drift of the machine hits them alike.
    thr = os.path.join(o.data, 'batch-throughput.jsonl')
    n = count_lines(thr)
    fmts = ('jsonl', 'csv')
    runs = {(f, j): [] for f in fmts for j in (1, 2)}
    for _ in range(o.repetitions):
        for fmt in fmts:
            for jobs in (1, 2):
                print(f'batch --jobs {jobs} --format {fmt} ({n} records)...', file=sys.stderr)
                runs[fmt, jobs].append(run_batch(o.build, zjtx_xml, thr, jobs, fmt))
    wall = {k: statistics.median(r[0] for r in runs[k]) for k in runs}
    cpu = {k: statistics.median(r[1] for r in runs[k]) for k in runs}
    # --jobs 2 ÷ --jobs 1 from the runs of one repetition (run back to back),
    # then the median over repetitions: paired like BM_PairedZjtx2022, so a
    # slow spell of the machine enters one pair rather than one side's median.
    speedup = {f: statistics.median(a[0] / b[0] for a, b in zip(runs[f, 1], runs[f, 2])) for f in fmts}
    mem_small = max(r[2] for r in runs['jsonl', 2])

    mem_path = os.path.join(o.data, f'batch-memory-{o.memory_records}.jsonl')
    size_xml = os.path.join(src, 'rulesets', 'sme-size-2011.xml')
    print(f'batch --jobs 2 ({o.memory_records} records, peak RSS)...', file=sys.stderr)
    mwall, mcpu, mrss = run_batch(o.build, size_xml, mem_path, 2, 'jsonl')

    rows = []

    def row(item, what, value, target, verdict):
        rows.append(f'| {item} | {what} | {value} | {target} | {verdict} |')

    def ok(b):
        return 'met' if b else '**missed**'

    for rid in [ZJTX, LEGAL]:
        b = med[f'Load/{rid}']
        h = med[f'Held/{rid}']
        t = cpu_us(b) / 1000
        row('1', f'load + compile {rid}', f'{t:.2f} ms', '≤ 5 ms (largest)', ok(t <= 5) if rid == LEGAL else '—')
        mib = h['MiB_held']
        row('1', f'memory held, {rid}', f'{mib:.2f} MiB', '≤ 2 MiB', ok(mib <= 2))
    lq = cpu_us(med['Load/sme-quality-maturity']) / 1000
    row('1', 'load + compile sme-quality-maturity (largest file)', f'{lq:.2f} ms', '≤ 5 ms', ok(lq <= 5))
    row('1', 'memory held, sme-quality-maturity', f'{med["Held/sme-quality-maturity"]["MiB_held"]:.2f} MiB', '≤ 2 MiB',
        ok(med['Held/sme-quality-maturity']['MiB_held'] <= 2))

    def p50_p99(b):
        return f'p50 {b["p50_us"]:.1f} µs, p99 {b["p99_us"]:.1f} µs'

    hand = med['BM_HandCodedZjtx2022']
    for rid in [ZJTX, LEGAL]:
        for a in ('0', '1'):
            b = med[f'Assess/{rid}/analyse:{a}']
            row('2', f'assess {rid}, parsed answers → result (analyses {"on" if a == "1" else "off"})', p50_p99(b),
                '—', '—')
        row('2', f'assess_to_json {rid}, parsed answers → compact JSON text (analyses off)',
            p50_p99(med[f'AssessText/{rid}']), '—', '—')
        row('2', f'assess_to_json {rid}, parsed answers → summary only, no document (analyses off)',
            p50_p99(med[f'AssessSummary/{rid}']), '—', '—')
    # Engine and floor timed in alternating blocks of calls in one run (BM_PairedZjtx2022):
    # the machine's drift between separate benchmarks does not enter the ratio.
    pair = med['BM_PairedZjtx2022']
    fl = pair['floor_p50_us']
    ratio = pair['tree_ratio']
    row('2/5b', f'{ZJTX} engine ÷ hand-coded floor, paired (zice::assess p50 {pair["tree_p50_us"]:.1f} µs '
        f'÷ floor p50 {fl:.1f} µs)', f'{ratio:.2f}×', '≤ 2×', ok(ratio <= 2))
    row('2/5b', f'{ZJTX} engine ÷ hand-coded floor, result written as JSON text (assess_to_json compact, paired: '
        f'p50 {pair["text_p50_us"]:.1f} µs ÷ {fl:.1f} µs)', f'{pair["text_ratio"]:.2f}×', '—', '—')
    row('2/5b', f'… summary only (no document: assess_to_json ResultText::none, paired: '
        f'p50 {pair["summary_p50_us"]:.1f} µs ÷ {fl:.1f} µs)', f'{pair["summary_ratio"]:.2f}×', '—', '—')
    for rid, target in [(ZJTX, 20), (LEGAL, 100)]:
        b = med[f'CApiAssess/{rid}']
        row('3', f'C API JSON → JSON {rid}', f'p50 {b["p50_us"]:.1f} µs, p99 {b["p99_us"]:.1f} µs', f'≤ {target} µs',
            ok(b['p50_us'] <= target))

    floor = med['BM_ParseFloor']['items_per_second']
    row('5a', 'parse floor: read + Boost.JSON parse of the JSONL', f'{floor:,.0f} records/s', '—', '—')
    # The hand-coded scorer alone (no parse, no output) in records/s, against
    # the parse floor; and with the parse added (1 ÷ (parse + score) per record).
    hand_rate = 1e6 / hand['p50_us']
    with_parse = 1 / (1 / floor + hand['p50_us'] / 1e6)
    row('5a/5b', f'hand-coded floor ÷ parse floor (unpaired BM_HandCodedZjtx2022 p50 {hand["p50_us"]:.1f} µs '
        f'= {hand_rate:,.0f} records/s)', f'{hand_rate / floor * 100:.1f} % (scorer alone; parse + scorer '
        f'{with_parse / floor * 100:.1f} %)', '—', '—')
    for fmt, opt in (('jsonl', ''), ('csv', ' --format csv')):
        j1, j2 = n / wall[fmt, 1], n / wall[fmt, 2]
        j1c = n / cpu[fmt, 1]
        row('4', f'zice batch --jobs 1{opt} (wall)', f'{j1:,.0f} records/s ({j1c:,.0f} per CPU-second)', '—', '—')
        row('4', f'zice batch --jobs 2{opt} (wall)', f'{j2:,.0f} records/s ({n / cpu[fmt, 2]:,.0f} per CPU-second)',
            '—', '—')
        row('4/5a', f'batch --jobs 1{opt} ÷ parse floor',
            f'{j1c / floor * 100:.1f} % (CPU), {j1 / floor * 100:.1f} % (wall)', '≥ 50 %', ok(j1c / floor >= 0.5))
        pairs = ', '.join(f'{a[0] / b[0]:.2f}' for a, b in zip(runs[fmt, 1], runs[fmt, 2]))
        row('4', f'batch{opt} --jobs 2 ÷ --jobs 1 (wall; median of the {len(runs[fmt, 1])} paired runs: {pairs})',
            f'{speedup[fmt]:.2f}×', '≥ 1.7×', ok(speedup[fmt] >= 1.7))

    per_load = {s: med[f'Load/synthetic-{s}']['ns_per_question'] * 1e6 for s in SIZES}
    per_assess = {s: med[f'AssessSynthetic/{s}/analyse:0']['ns_per_question'] * 1e6 for s in SIZES}
    # ns_per_question is an inverted rate in seconds per question; shown in µs.
    for s in SIZES:
        row('6', f'synthetic {s:,} questions: load / assess per question',
            f'{per_load[s]:.2f} µs / {per_assess[s]:.2f} µs', '—', '—')
    sl = max(per_load.values()) / min(per_load.values())
    sa = max(per_assess.values()) / min(per_assess.values())
    row('6', 'per-question spread 100 → 10,000 (max ÷ min): load', f'{sl:.2f}×', '≤ 1.5×', ok(sl <= 1.5))
    row('6', 'per-question spread 100 → 10,000 (max ÷ min): assess, separate benchmarks above',
        f'{sa:.2f}×', '—', '—')
    # The three sizes timed in alternating blocks in one run (BM_PairedScaling).
    ps = med['BM_PairedScaling']
    paired = ' / '.join(f'{ps[f"ns_per_question_{s}"] / 1000:.2f}' for s in SIZES)
    row('6', f'per-question spread 100 → 10,000 (max ÷ min): assess, paired ({paired} µs)',
        f'{ps["spread"]:.2f}×', '≤ 1.5×', ok(ps['spread'] <= 1.5))
    l10k = cpu_us(med['Load/synthetic-10000']) / 1e6
    row('6', 'load synthetic 10,000 questions', f'{l10k * 1000:.0f} ms', '≤ 500 ms', ok(l10k <= 0.5))
    row('6', 'memory held, synthetic 10,000 questions', f'{med["Held/synthetic-10000"]["MiB_held"]:.1f} MiB', '—', '—')
    row('7', f'zice batch --jobs 2, {o.memory_records:,} records (sme-size-2011): peak RSS',
        f'{mrss / 1024:.1f} MiB ({mwall:.0f} s wall; {n:,} records of {ZJTX}: {mem_small / 1024:.1f} MiB)', '≤ 64 MiB',
        ok(mrss / 1024 <= 64))

    cpu_name = platform.processor() or platform.machine()
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu_name = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    print(f'Machine: {cpu_name}, {ctx.get("num_cpus")} CPUs at {ctx.get("mhz_per_cpu")} MHz, '
          f'load average {", ".join(f"{x:.1f}" for x in ctx.get("load_avg", []))} at the start; '
          f'{time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}; {o.repetitions} repetitions.')
    print()
    print('| # | figure | measured | target | |')
    print('|---|---|---|---|---|')
    for r in rows:
        print(r)


if __name__ == '__main__':
    main()
