"""BIO decoding: per-token label ids and probabilities -> character spans."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A typed half-open span with a confidence; offsets index whichever text it was made on."""

    type: str
    start: int
    end: int
    score: float
    source: str = "model"


def decode_bio(
    labels: list[str],
    pred: list[int],
    probs: list[float],
    offsets: list[tuple[int, int]],
) -> list[Span]:
    """Token predictions -> char spans. An I- without a matching open entity starts one."""
    spans: list[Span] = []
    cur_type: str | None = None
    cur_start = cur_end = 0
    cur_scores: list[float] = []

    def close() -> None:
        nonlocal cur_type
        if cur_type is not None and cur_end > cur_start:
            spans.append(Span(cur_type, cur_start, cur_end, sum(cur_scores) / len(cur_scores)))
        cur_type = None

    for lab_id, p, (s, e) in zip(pred, probs, offsets, strict=True):
        if e <= s:  # a piece with no characters (a lone metaspace): neutral
            continue
        label = labels[lab_id]
        if label == "O":
            close()
            continue
        prefix, etype = label.split("-", 1)
        if prefix == "B" or etype != cur_type:
            close()
            cur_type, cur_start, cur_scores = etype, s, []
        cur_end = e
        cur_scores.append(p)
    close()
    return spans
