"""Recognizers that need no training: number grammar, gazetteer and patterns.

They run on the prepared (simplified, cleaned) text and return `Span`s with
source="rules". QUANTITY and MONEY candidates are kept only when the normalizer can
read them, so what the recognizer finds is exactly what the normalizer understands.
Used at inference (the hybrid) and to label unlabeled text for weak supervision.
One module per type in `serving/rules/`; overlapping candidates are resolved here,
outer and longer first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from serving.decode import Occupancy, Span
from serving.rules.common import RULE_SCORE, gazetteer, is_cjk
from serving.rules.org import (
    ORG_SUFFIX_AT_END,
    firm_alias,
    org_head_ok,
    org_spans,
    press_office_end,
)
from serving.rules.policy import policy_spans
from serving.rules.quantity import number_spans
from serving.rules.region import region_spans


def recognize(text: str) -> list[Span]:
    """All rule spans on a prepared text, resolved to a flat list (outer and longer first)."""
    regions = region_spans(text, gazetteer())
    cands = policy_spans(text) + org_spans(text, regions) + regions + number_spans(text)
    taken = longest_first(cands)
    taken = longest_first(taken + _org_repeats(text, taken, regions))
    starts = {s.start for s in taken}
    return sorted(
        (_with_office(text, s) if s.type == "ORG" and s.end not in starts else s for s in taken), key=lambda s: s.start
    )


def _with_office(text: str, span: Span) -> Span:
    """A newspaper's name with its office (新文化报|社 → 新文化报社)."""
    end = press_office_end(text, span.end)
    return span if end == span.end else replace(span, end=end)


def longest_first(cands: list[Span]) -> list[Span]:
    """Longer (then earlier) candidates first; one is kept when it overlaps nothing kept."""
    kept = Occupancy(max((c.end for c in cands), default=0))
    for c in sorted(cands, key=lambda s: (-(s.end - s.start), s.start)):
        if kept.free(c):
            kept.add(c)
    return kept.spans


# An organisation's name shorter than this is not spread to its other mentions.
ORG_REPEAT_MIN_CHARS = 3
ORG_ALIAS_MIN_CHARS = 5
_PLACE_NEXT = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:村|社区)(?![民级委务])")


def _org_repeats(text: str, spans: list[Span], places: list[Span]) -> list[Span]:
    """An organisation found once is the same ORG wherever else the text writes its name
    (西部网讯 … 西部网“民生热线”, 大新镇党委政府 after a verb). Shorter spans inside the
    repeat give way to it (the longer span wins in longest_first)."""
    names = {text[s.start : s.end] for s in spans if s.type == "ORG" and s.end - s.start >= ORG_REPEAT_MIN_CHARS}
    # ... and, without the place it starts with, where the text drops the place: 镇安县城关派出所
    # → 城关派出所, 韩城市安邦渔业专业合作社 → 安邦渔业专业合作社 (what is left keeps a name
    # part and its head: ORG_ALIAS_MIN_CHARS or more).
    regions = {s.start: s.end for s in places}
    for org in (s for s in spans if s.type == "ORG"):
        end = org.start
        while end in regions and regions[end] < org.end:
            end = regions[end]
        rest = text[end : org.end]
        core = ORG_SUFFIX_AT_END.sub("", rest)  # the name part: 城关 of 城关派出所, not 环境保护 (a department)
        if (
            end > org.start
            and len(rest) >= ORG_ALIAS_MIN_CHARS
            and len(core) >= 2
            and all(is_cjk(ch) for ch in rest)
            and core[:2] not in gazetteer().common_words
            and rest[0] not in "级各该全本每"  # 曲阜市|级…: not a name part
        ):
            names.add(rest)
        if (alias := firm_alias(rest)) is not None:
            names.add(alias)  # 善心汇 for 善心汇文化传播有限公司
    by_start = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in by_start]
    longest = max((s.end - s.start for s in spans), default=0)

    def cut_across(a: int, b: int) -> bool:
        """A span overlaps [a, b) without lying inside it (only spans starting after
        a - longest can reach a)."""
        near = by_start[bisect_left(starts, a - longest) : bisect_left(starts, b)]
        return any(s.end > a and not (a <= s.start and s.end <= b) for s in near)

    out: list[Span] = []
    for name in names:
        for m in re.finditer(re.escape(name), text):
            if _PLACE_NEXT.match(text, m.end()):
                continue  # 汉源街道办|二道河村: here a place in a chain, not the office
            if org_head_ok(text, m.end()) and not cut_across(m.start(), m.end()):
                out.append(Span("ORG", m.start(), m.end(), RULE_SCORE, "rules"))
    return out
