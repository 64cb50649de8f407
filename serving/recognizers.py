"""Recognizers that need no training: number grammar, gazetteer and patterns.

They run on the prepared (simplified, cleaned) text and return `Span`s with
source="rules". QUANTITY and MONEY candidates are kept only when the normalizer can
read them, so what the recognizer finds is exactly what the normalizer understands.
Used at inference (the hybrid) and to label unlabeled text for weak supervision.
One module per type in `serving/rules/`; overlapping candidates are resolved here,
outer and longer first.
"""

from __future__ import annotations

from serving.decode import Span
from serving.rules.common import gazetteer
from serving.rules.org import org_spans
from serving.rules.policy import policy_spans
from serving.rules.quantity import number_spans
from serving.rules.region import region_spans


def recognize(text: str) -> list[Span]:
    """All rule spans on a prepared text, resolved to a flat list (outer and longer first)."""
    regions = region_spans(text, gazetteer())
    cands = policy_spans(text) + org_spans(text, regions) + regions + number_spans(text)
    taken: list[Span] = []
    for c in sorted(cands, key=lambda s: (-(s.end - s.start), s.start)):
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda s: s.start)
