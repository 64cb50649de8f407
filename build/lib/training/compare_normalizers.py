"""Value accuracy of our QUANTITY/MONEY normalizer against cn2an and jionlp.

``compare(spans)`` takes ``(type, text, gold_normalized)`` triples and counts, per system,
how many spans get the gold ``value`` (or ``min``/``max`` for a range) exactly. Spans whose
gold is ``None`` are skipped. The baselines live in the optional ``compare`` extra and are
imported lazily; a missing one is reported as ``"not installed"``.

- cn2an: ``cn2an.cn2an(numeric_part, "smart")``; it has no ranges, so a range never matches.
- jionlp: ``jio.parse_money(text)`` for MONEY; jionlp has no general number parser, so for
  QUANTITY its money parser reads ``numeric_part + "元"``. A two-value answer is a range.

``numeric_part`` strips bound words and a trailing unit or currency (with our own tables,
the same for every baseline) and keeps the leading run of number characters.

    python -m training.compare_normalizers [annotation .jsonl files]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from serving.normalize import (
    CURRENCY_WORDS,
    KNOWN_UNITS,
    PREFIX_MODIFIERS,
    SUFFIX_MODIFIERS,
    normalize,
)
from serving.numbers import clean

TYPES = ("QUANTITY", "MONEY")
NOT_INSTALLED = "not installed"
NUMBER_RUN = re.compile(
    r"^[0-9.,〇○零一二两兩三四五六七八九十百千万亿萬億壹贰貳叁參肆伍陆陸柒捌玖拾佰仟廿卅]+"
)
ANNOTATIONS = Path(__file__).resolve().parents[1] / "annotations"

Span = tuple[str, str, dict | None]
Prediction = tuple[Decimal | None, Decimal | None, Decimal | None]  # value, min, max
System = Callable[[str, str], Prediction | None]


def _dec(x: Any) -> Decimal | None:
    if x is None:
        return None
    try:
        return Decimal(str(x))
    except (InvalidOperation, ValueError):
        return None


def _gold(norm: dict) -> Prediction:
    return _dec(norm.get("value")), _dec(norm.get("min")), _dec(norm.get("max"))


def numeric_part(text: str) -> str:
    """The number of a span, without bound words, unit or currency (近1万名 -> 1万)."""
    text = clean(text)
    for table, at_start in ((PREFIX_MODIFIERS, True), (SUFFIX_MODIFIERS, False)):
        for word in sorted(table, key=len, reverse=True):
            if at_start and text.startswith(word):
                text = text[len(word) :]
                break
            if not at_start and text.endswith(word):
                text = text[: -len(word)]
                break
    for word in (*KNOWN_UNITS, *CURRENCY_WORDS):
        if text.endswith(word) and len(text) > len(word):
            text = text[: -len(word)]
            break
    match = NUMBER_RUN.match(text)
    return match.group() if match else ""


# --------------------------------------------------------------------------- systems


def _ours(etype: str, text: str) -> Prediction | None:
    norm = normalize(etype, text)
    return _gold(norm) if norm else None


def _cn2an_system() -> System | str:
    try:
        import cn2an
    except ImportError:
        return NOT_INSTALLED

    def run(etype: str, text: str) -> Prediction | None:
        try:
            value = cn2an.cn2an(numeric_part(text), "smart")
        except Exception:  # cn2an raises ValueError and others on unknown input
            return None
        return _dec(value), None, None

    return run


def _jionlp_system() -> System | str:
    try:
        import jionlp
    except ImportError:
        return NOT_INSTALLED

    def run(etype: str, text: str) -> Prediction | None:
        query = text if etype == "MONEY" else numeric_part(text) + "元"
        try:
            parsed = jionlp.parse_money(query)
        except Exception:  # jionlp raises ValueError and others on unknown input
            return None
        num = parsed.get("num") if isinstance(parsed, dict) else None
        if isinstance(num, list) and len(num) == 2:
            return None, _dec(num[0]), _dec(num[1])
        return _dec(num), None, None

    return run


def _matches(pred: Prediction | None, gold: Prediction) -> bool:
    if pred is None:
        return False
    if gold[0] is not None:
        return pred[0] is not None and pred[0] == gold[0]
    return pred[0] is None and pred[1] == gold[1] and pred[2] == gold[2]


# --------------------------------------------------------------------------- compare


def compare(spans: list[Span]) -> dict:
    """Value accuracy per system and type: ``{"n": .., "systems": {name: {...}}}``."""
    scored = [(t, text, _gold(g)) for t, text, g in spans if t in TYPES and g]
    systems: dict[str, System | str] = {
        "ours": _ours,
        "cn2an": _cn2an_system(),
        "jionlp": _jionlp_system(),
    }
    report: dict[str, Any] = {"n": len(scored), "systems": {}}
    for name, system in systems.items():
        if isinstance(system, str):
            report["systems"][name] = {"status": system}
            continue
        by_type: dict[str, list[int]] = {t: [0, 0] for t in TYPES}
        misses: list[str] = []
        for etype, text, gold in scored:
            ok = _matches(system(etype, text), gold)
            by_type[etype][0] += ok
            by_type[etype][1] += 1
            if not ok:
                misses.append(text)
        correct = sum(c for c, _ in by_type.values())
        report["systems"][name] = {
            "correct": correct,
            "accuracy": round(correct / len(scored), 4) if scored else None,
            "by_type": {
                t: {"correct": c, "n": n, "accuracy": round(c / n, 4) if n else None}
                for t, (c, n) in by_type.items()
            },
            "misses": misses[:20],
        }
    return report


def load_spans(paths: Iterable[Path]) -> list[Span]:
    """QUANTITY/MONEY spans with their gold ``normalized`` from annotation JSONL files."""
    spans: list[Span] = []
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            for ent in json.loads(line).get("entities", []):
                if ent.get("type") in TYPES:
                    spans.append((ent["type"], ent["text"], ent.get("normalized")))
    return spans


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="annotation .jsonl (default: all)")
    args = parser.parse_args(argv)
    files = args.files or sorted(ANNOTATIONS.rglob("*.jsonl"))
    report = compare(load_spans(files))
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
