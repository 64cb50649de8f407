"""Entity-level precision/recall/F1 with seqeval on character-level BIO sequences."""

from __future__ import annotations

from collections.abc import Sequence

from seqeval.metrics import classification_report

from serving.labels import TYPES
from training.data import Sentence, by_doc, char_bio

Spans = Sequence[tuple[str, int, int]]


def score(lengths: Sequence[int], gold: Sequence[Spans], pred: Sequence[Spans]) -> dict:
    """{TYPE: {precision, recall, f1, support}, 'micro': {...}} over all sentences."""
    y_true = [char_bio(n, g) for n, g in zip(lengths, gold, strict=True)]
    y_pred = [char_bio(n, p) for n, p in zip(lengths, pred, strict=True)]
    rep = classification_report(y_true, y_pred, output_dict=True, zero_division=0)
    out: dict[str, dict[str, float]] = {}
    for t in TYPES:
        r = rep.get(t, {"precision": 0.0, "recall": 0.0, "f1-score": 0.0, "support": 0})
        out[t] = _row(r)
    out["micro"] = _row(rep["micro avg"])
    return out


def _row(r: dict) -> dict[str, float]:
    return {
        "precision": round(float(r["precision"]), 4),
        "recall": round(float(r["recall"]), 4),
        "f1": round(float(r["f1-score"]), 4),
        "support": int(r["support"]),
    }


def table(rows: dict[str, dict], title: str = "") -> str:
    """A plain-text table: one row per system, F1 per type and micro P/R/F1."""
    head = f"{'system':<28}" + "".join(f"{t[:8]:>9}" for t in TYPES) + f"{'P':>8}{'R':>8}{'F1':>8}"
    lines = [title, head, "-" * len(head)] if title else [head, "-" * len(head)]
    for name, sc in rows.items():
        cells = "".join(f"{sc[t]['f1']:>9.3f}" for t in TYPES)
        m = sc["micro"]
        lines.append(f"{name:<28}{cells}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}")
    return "\n".join(lines)


def value_accuracy(sents: Sequence[Sentence]) -> dict[str, dict[str, float]]:
    """How often the normalizers give the gold value for a gold span, by type. Each document's
    gold spans are normalized together, as serving normalizes the spans it finds (REGION
    resolution reads the document's other REGION mentions), so this measures the normalizers
    apart from span errors."""
    from serving.decode import Span
    from serving.entities import normalize_entities

    counts: dict[str, list[int]] = {t: [0, 0] for t in TYPES}
    for doc_sents in by_doc(list(sents)).values():
        text, spans, gold, pos = [], [], [], 0
        for s in doc_sents:
            for e in s.entities:
                spans.append(Span(e["type"], pos + e["start"], pos + e["end"], 1.0, "gold"))
                gold.append(e["normalized"])
            text.append(s.text)
            pos += len(s.text) + 1
        for ent, value in zip(normalize_entities("\n".join(text), spans), gold, strict=True):
            counts[ent["type"]][0] += ent["normalized"] == value
            counts[ent["type"]][1] += 1
    return {t: {"correct": c, "n": n, "accuracy": round(c / n, 4) if n else 0.0} for t, (c, n) in counts.items()}
