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


class Occupancy:
    """Flat spans kept so far, and the characters they cover, so that an overlap test costs the
    candidate's length, not the number of spans kept (a long document has thousands). Spans
    overlap when they share a character; a zero-length span at p overlaps a span holding p
    strictly inside. Shared by the rules' resolution and the hybrid's."""

    def __init__(self, size: int) -> None:
        self.spans: list[Span] = []
        self._busy = bytearray(size)
        self._points: list[int] = []  # positions of kept zero-length spans

    def free(self, span: Span) -> bool:
        if span.end <= span.start:  # rare: a scan is fine
            return not any(t.start < span.start < t.end for t in self.spans)
        return not any(self._busy[span.start : span.end]) and not any(span.start < p < span.end for p in self._points)

    def add(self, span: Span) -> None:
        if span.end <= span.start:
            self._points.append(span.start)
        else:
            self._busy[span.start : span.end] = b"\x01" * (span.end - span.start)
        self.spans.append(span)


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


def allowed_transitions(labels: list[str]) -> list[list[bool]]:
    """BIO constraints: I-X may only follow B-X or I-X."""
    def ok(prev: str, cur: str) -> bool:
        if not cur.startswith("I-"):
            return True
        return prev != "O" and prev[2:] == cur[2:]

    return [[ok(p, c) for c in labels] for p in labels]


def viterbi(log_probs: list[list[float]], allowed: list[list[bool]], labels: list[str]) -> list[int]:
    """The best label sequence under the BIO constraints (no orphan I- tags)."""
    import numpy as np

    if not log_probs:
        return []
    lp = np.asarray(log_probs, dtype=np.float64)
    trans = np.where(np.asarray(allowed), 0.0, -np.inf)
    start = np.array([-np.inf if lab.startswith("I-") else 0.0 for lab in labels])
    score = lp[0] + start
    back = np.zeros(lp.shape, dtype=np.int64)
    for t in range(1, len(lp)):
        cand = score[:, None] + trans  # [prev, cur]
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + lp[t]
    path = [int(score.argmax())]
    for t in range(len(lp) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]
