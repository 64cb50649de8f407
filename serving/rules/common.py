"""What every rule recognizer shares: the score of a rule span, the gazetteer, helpers."""

from __future__ import annotations

import re
from functools import lru_cache

from serving.gazetteer import Gazetteer, load_gazetteer

RULE_SCORE = 0.9
# A quoted name: “…” or ‘…’.
QUOTED = re.compile(r"[“‘]([^“”‘’]{2,30})[”’]")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
