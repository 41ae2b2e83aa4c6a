#!/usr/bin/env python3
"""Checks one headless-Chromium rendering of an HTML report (python3 stdlib only).

    report-browser-check.py RESULT.json SCREENSHOT.png DOM.html

* The screenshot is a real rendering: a valid PNG whose pixels are not (nearly)
  a single colour. A blank or failed render has a handful of colours; a report
  with text, badges and charts has thousands.
* The DOM Chromium built from the file contains the grade title, every
  dimension title and every finding title of the result (compared as text, so
  HTML escaping does not matter), and has no <script> element.

Exit 0 when everything holds; otherwise prints what is wrong and exits 1.
"""
import html.parser
import json
import struct
import sys
import zlib

MIN_COLOURS = 64


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes)."""
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG file')
    pos, idat, header = 8, b'', None
    while pos + 8 <= len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        elif kind == b'IEND':
            break
    if header is None:
        raise ValueError('PNG without IHDR')
    width, height, depth, ctype, _, _, interlace = header
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError(f'unsupported PNG (depth {depth}, colour type {ctype}, interlace {interlace})')
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows, p = [], 0
    for _ in range(height):
        filt = raw[p]
        line = bytearray(raw[p + 1:p + 1 + stride])
        p += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if filt == 1:
                line[i] = (line[i] + a) & 255
            elif filt == 2:
                line[i] = (line[i] + b) & 255
            elif filt == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            elif filt == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


class TextAndTags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags = [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


def normalise(s):
    return ' '.join(s.split())


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    result_path, png_path, dom_path = sys.argv[1:]
    result = json.load(open(result_path, encoding='utf-8'))
    errors = []

    try:
        width, height, bpp, rows = png_pixels(png_path)
        colours = set()
        for row in rows[::2]:
            for x in range(0, len(row), bpp * 2):
                colours.add(row[x:x + 3])
        if len(colours) < MIN_COLOURS:
            errors.append(f'{png_path}: looks blank ({len(colours)} distinct colours, {width}x{height})')
        else:
            print(f'  screenshot {width}x{height}, {len(colours)} distinct colours')
    except (OSError, ValueError, zlib.error) as e:
        errors.append(f'{png_path}: {e}')

    parser = TextAndTags()
    parser.feed(open(dom_path, encoding='utf-8').read())
    text = normalise(''.join(parser.text))
    if 'script' in parser.tags:
        errors.append(f'{dom_path}: the DOM has a <script> element')

    def title(item):
        for key in ('title', 'label', 'id'):
            if isinstance(item.get(key), str) and item[key]:
                return item[key]
        return ''

    expected = []
    if isinstance(result.get('grade'), dict):
        expected.append(('grade', title(result['grade'])))
    expected += [('dimension', title(d)) for d in result.get('dimensions') or []]
    expected += [('finding', title(f)) for f in result.get('findings') or []]
    missing = [(kind, t) for kind, t in expected if normalise(t) not in text]
    for kind, t in missing:
        errors.append(f'{dom_path}: {kind} title not in the rendered DOM: {t}')
    print(f'  DOM has all {len(expected) - len(missing)}/{len(expected)} grade, dimension and finding titles')

    for e in errors:
        print('  FAIL ' + e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
