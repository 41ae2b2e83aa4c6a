#!/usr/bin/env python3
"""Deterministic benchmark inputs (seeded; the same arguments give the same bytes).

  generate.py ruleset N OUT.xml [--seed S]     a synthetic ruleset with N questions
  generate.py answers N OUT.json [--seed S]    complete answers for that ruleset
  generate.py jsonl BASE.json COUNT OUT.jsonl [--seed S]
                                               COUNT varied copies of an answers file,
                                               one JSON object per line with an "id"

The synthetic ruleset is built from blocks of 10 questions in the proportions of
the shipped rulesets: 4 numbers, 1 integer, 3 booleans, 2 choices per block; per
block 2 derived values (a guarded ratio and a sum), one dimension with 3
indicators (bands over the ratio, options over a choice, a formula), one
mandatory gate, and a check group of 3 compliance checks; two grades at the end.
"""
import argparse
import json
import random

BLOCK = 10


def ruleset(n, seed):
    rnd = random.Random(seed)
    blocks = max(1, n // BLOCK)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<ruleset id="synthetic-{n}" version="1" format="1" lang="zh-CN" langs="zh-CN">',
           f'  <meta><title>合成规则集（{n}题）</title><description>基准测试用的合成规则集。</description></meta>',
           '  <questionnaire>']
    for b in range(blocks):
        out.append(f'    <section id="s{b}"><title>第{b}部分</title>')
        for i in range(4):
            out.append(f'      <question id="n{b}_{i}" type="number" unit="万元" min="0"><label>数值{b}-{i}</label></question>')
        out.append(f'      <question id="k{b}" type="integer" unit="人" min="0"><label>人数{b}</label></question>')
        for i in range(3):
            out.append(f'      <question id="b{b}_{i}" type="boolean"><label>是否{b}-{i}</label></question>')
        for i in range(2):
            out.append(f'      <question id="c{b}_{i}" type="choice"><label>选择{b}-{i}</label>'
                       '<option value="high">高</option><option value="mid">中</option><option value="low">低</option>'
                       '</question>')
        out.append('    </section>')
    out.append('  </questionnaire>')
    out.append('  <derived>')
    for b in range(blocks):
        out.append(f'    <value id="r{b}" type="number" unit="%" expr="n{b}_1 gt 0 ? n{b}_0 / n{b}_1 * 100 : 0"/>')
        out.append(f'    <value id="t{b}" type="number" expr="n{b}_2 + n{b}_3"/>')
    out.append('  </derived>')
    out.append(f'  <scoring total-max="{blocks * 20}">')
    for b in range(blocks):
        lo = rnd.choice([2, 3, 4])
        out.append(f'    <dimension id="d{b}" max="20"><title>维度{b}</title>')
        out.append(f'      <indicator id="i{b}_bands" max="10"><title>比例{b}</title><bands of="r{b}" unit="%">'
                   f'<band ge="{lo * 5}" points="10" label="高"/><band ge="{lo * 2}" lt="{lo * 5}" points="6" label="中"/>'
                   f'<band ge="{lo}" lt="{lo * 2}" points="3" label="低"/><band lt="{lo}" points="0" label="无"/>'
                   '</bands></indicator>')
        out.append(f'      <indicator id="i{b}_opts" max="5"><title>选项{b}</title><options question="c{b}_0">'
                   '<option value="high" points="5"/><option value="mid" points="3"/><option value="low" points="0"/>'
                   '</options></indicator>')
        out.append(f'      <indicator id="i{b}_formula" max="5"><title>公式{b}</title>'
                   f'<formula expr="clamp(floor(t{b} / 100), 0, 5)"/></indicator>')
        out.append('    </dimension>')
    out.append('  </scoring>')
    out.append('  <gates>')
    for b in range(blocks):
        out.append(f'    <gate id="g{b}" kind="mandatory" test="b{b}_0 or n{b}_0 ge 10"><title>门槛{b}</title>'
                   f'<message>第{b}部分：数值 {{n{b}_0}} 低于10。</message></gate>')
    out.append('  </gates>')
    out.append('  <checks>')
    for b in range(blocks):
        out.append(f'    <group id="grp{b}" when="k{b} gt 0"><title>合规{b}</title>')
        for i in range(3):
            test = f'b{b}_{i}' if i < 2 else f'b{b}_2 or c{b}_1 ne \'low\''
            out.append(f'      <check id="chk{b}_{i}" severity="{["high", "medium", "low"][i]}" test="{test}">'
                       f'<title>检查{b}-{i}</title><basis law="测试法" article="第{i + 1}条" confidence="C"/>'
                       f'<finding>第{b}部分第{i}项不合规。</finding><remediation>整改第{b}部分第{i}项。</remediation></check>')
        out.append('    </group>')
    out.append('  </checks>')
    out.append('  <grades mode="first-match">')
    out.append(f'    <grade id="good" when="gates.mandatory and score.total ge {blocks * 12}"><title>良好</title>'
               '<message>总分 {score.total} 分。</message></grade>')
    out.append('    <grade id="weak"><title>待改进</title><message>总分 {score.total} 分。</message></grade>')
    out.append('  </grades>')
    out.append('</ruleset>')
    return '\n'.join(out) + '\n'


def answers(n, seed):
    rnd = random.Random(seed)
    a = {}
    for b in range(max(1, n // BLOCK)):
        for i in range(4):
            a[f'n{b}_{i}'] = rnd.randint(0, 2000) if i != 1 else rnd.randint(1, 2000)
        a[f'k{b}'] = rnd.randint(0, 300)
        for i in range(3):
            a[f'b{b}_{i}'] = rnd.random() < 0.8
        for i in range(2):
            a[f'c{b}_{i}'] = rnd.choice(['high', 'mid', 'low'])
    return a


def vary(base, rnd):
    out = {}
    for k, v in base.items():
        if isinstance(v, bool):
            out[k] = (not v) if rnd.random() < 0.1 else v
        elif isinstance(v, int):
            out[k] = max(0, round(v * rnd.uniform(0.7, 1.3))) if v >= 0 else v
        elif isinstance(v, float):
            out[k] = round(v * rnd.uniform(0.7, 1.3), 2)
        else:
            out[k] = v
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument('what', choices=['ruleset', 'answers', 'jsonl'])
    p.add_argument('args', nargs='+')
    p.add_argument('--seed', type=int, default=7)
    o = p.parse_args()
    if o.what == 'ruleset':
        n, path = int(o.args[0]), o.args[1]
        with open(path, 'w', encoding='utf-8') as f:
            f.write(ruleset(n, o.seed))
    elif o.what == 'answers':
        n, path = int(o.args[0]), o.args[1]
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(answers(n, o.seed), f, ensure_ascii=False, separators=(',', ':'))
    else:
        base_path, count, path = o.args[0], int(o.args[1]), o.args[2]
        with open(base_path, encoding='utf-8') as f:
            base = json.load(f)
        rnd = random.Random(o.seed)
        # A pool of variants written round-robin keeps generation of a
        # million lines fast while every record still differs from its neighbours.
        pool = []
        for i in range(1000):
            rec = {'id': ''}
            rec.update(vary(base, rnd))
            pool.append(json.dumps(rec, ensure_ascii=False, separators=(',', ':'))[len('{"id":""'):])
        with open(path, 'w', encoding='utf-8') as f:
            for i in range(count):
                f.write('{"id":"E%07d"' % i + pool[i % len(pool)] + '\n')


if __name__ == '__main__':
    main()
