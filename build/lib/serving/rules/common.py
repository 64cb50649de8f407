"""What every rule recognizer shares: the score of a rule span, the gazetteer, helpers."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from serving.gazetteer import Gazetteer, load_gazetteer

# Idioms that open with a numeral (jieba 0.42.1's dictionary, tag i; built by
# training/build_short_forms.py): 一马当先 is neither a slogan nor a quantity.
IDIOMS = Path(__file__).resolve().parent.parent / "data" / "numeral_idioms.tsv"

RULE_SCORE = 0.9
# A quoted name: “…” or ‘…’.
QUOTED = re.compile(r"[“‘]([^“”‘’]{2,30})[”’]")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@lru_cache(maxsize=1)
def numeral_idioms() -> frozenset[str]:
    if not IDIOMS.exists():
        return frozenset()
    return frozenset(IDIOMS.read_text("utf-8").split("\n")[1:]) - {""}


def in_idiom(text: str, start: int, end: int) -> bool:
    """True when text[start:end] lies inside an idiom that opens with a numeral."""
    idioms = numeral_idioms()
    for length in range(4, 8):
        for p in range(max(0, end - length), start + 1):
            if text[p : p + length] in idioms:
                return True
    return False


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
