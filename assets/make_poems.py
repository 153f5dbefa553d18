#!/usr/bin/env python3
"""Regenerates assets/poems.bin from the npm package chinese-poetry@2.0.1 (MIT, by JackeyGao).

What it keeps (every choice seeded, so the output is the same bytes each time):
- shi (诗): Tang poems of dist/quantangshi/poet.tang.*.json whose lines all have 5 or 7
  characters, 4 or 8 lines, nothing but Chinese characters, "，" and "。", and whose tonal
  pattern in dist/strains/json (matched by id) has one mark per character. All five-character
  quatrains are kept, then a seeded sample of the other shapes up to SHI poems.
- ci (词): a seeded sample of CI Song ci from dist/songci/ci.song.*.json, 20–160 characters of
  Chinese characters and "，。、？！", titled by their tune (词牌).
Everything is converted to simplified characters with OpenCC's "t2s" tables (PyPI opencc), so
the two sources cannot be told apart by their script.

Format (read and checked by engine/src/text.rs): b"DLPOEMS1", u32 count (little-endian), then a
zlib stream of UTF-8 lines, one per poem: form (0 shi, 1 ci) TAB title TAB text TAB tones,
where tones has one mark per character of text: P 平, Z 仄, O either (○ or unknown), - punctuation;
empty for ci.

Usage: pip install opencc && python3 assets/make_poems.py   (needs npm and the npm registry)
"""
import glob
import json
import os
import pathlib
import random
import re
import struct
import tarfile
import tempfile
import zlib

import npm_tarball

import opencc

PACKAGE = "chinese-poetry@2.0.1"
# The tarball's SHA-512, as the npm registry lists it (dist.integrity).
INTEGRITY = "sha512-KtYARvV7CWNtax0na9+Jn6PlhGgSoid7PWyDzXI4KsCEm2odZcqEQyval5koaLygZnM/EQ3lfJ//25K8p3uHNg=="
SHI = 8000
CI = 4000
SEED = 2026
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
CI_TEXT = re.compile(r"^[\u4e00-\u9fff，。、？！]+$")
TONE = {"平": "P", "仄": "Z", "○": "O", "？": "O"}


def shi(root, convert):
    strains = {}
    for f in glob.glob(f"{root}/dist/strains/json/poet.tang.*.json"):
        for s in json.load(open(f, encoding="utf-8")):
            strains[s["id"]] = "".join(s["strains"])
    quatrains, others = [], []
    for f in sorted(glob.glob(f"{root}/dist/quantangshi/poet.tang.*.json"), key=lambda p: int(p.split(".")[-2])):
        for p in json.load(open(f, encoding="utf-8")):
            text = "".join(p["paragraphs"])
            pattern = strains.get(p["id"])
            if pattern is None or len(pattern) != len(text) or not text.endswith("。"):
                continue
            lines = re.split("[，。]", text)[:-1]
            sizes = {len(line) for line in lines}
            if not all(HAN.match(line) for line in lines) or len(sizes) != 1 or len(lines) not in (4, 8):
                continue
            size = sizes.pop()
            if size not in (5, 7):
                continue
            tones = "".join(TONE.get(m, "O") if HAN.match(c) else "-" for c, m in zip(text, pattern))
            simple = convert.convert(text)
            assert len(simple) == len(text), (text, simple)
            poem = (0, convert.convert(p["title"]).strip(), simple, tones)
            (quatrains if (size, len(lines)) == (5, 4) else others).append(poem)
    random.Random(SEED).shuffle(others)
    return quatrains + others[: SHI - len(quatrains)]


def ci(root, convert):
    poems = []
    files = [f for f in glob.glob(f"{root}/dist/songci/ci.song.*.json") if f.split(".")[-2].isdigit()]
    for f in sorted(files, key=lambda p: int(p.split(".")[-2])):
        for p in json.load(open(f, encoding="utf-8")):
            text = convert.convert("".join(p["paragraphs"]))
            if CI_TEXT.match(text) and 20 <= len(text) <= 160 and text.endswith(("。", "？", "！")):
                poems.append((1, convert.convert(p["rhythmic"]).strip(), text, ""))
    random.Random(SEED + 1).shuffle(poems)
    return poems[:CI]


def main():
    out = pathlib.Path(__file__).with_name("poems.bin")
    convert = opencc.OpenCC("t2s")
    with tempfile.TemporaryDirectory() as tmp:
        tarball = npm_tarball.fetch(PACKAGE, INTEGRITY, tmp)
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
        root = os.path.join(tmp, "package")
        poems = shi(root, convert) + ci(root, convert)
    random.Random(SEED + 2).shuffle(poems)
    for form, title, text, tones in poems:
        assert "\t" not in title + text and "\n" not in title + text
    body = "".join(f"{form}\t{title}\t{text}\t{tones}\n" for form, title, text, tones in poems).encode("utf-8")
    out.write_bytes(b"DLPOEMS1" + struct.pack("<I", len(poems)) + zlib.compress(body, 9))
    shis = sum(1 for p in poems if p[0] == 0)
    print(f"wrote {out} ({out.stat().st_size} bytes, {shis} shi and {len(poems) - shis} ci, "
          f"{sum(len(p[2]) for p in poems)} characters)")


if __name__ == "__main__":
    main()
