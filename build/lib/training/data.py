"""Gold annotations -> training examples (token ids + BIO label ids), and char-level BIO.

Label alignment follows the Hugging Face token-classification recipe: gold character
spans are mapped onto the prepared text (serving.textprep), then onto tokenizer pieces
(serving.encoder); the first piece of an entity gets B-, later pieces I-, special tokens
-100. Texts longer than a window are cut with the same windows serving uses.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tokenizers import Tokenizer

from serving.encoder import special_ids, tokenize, windows
from serving.textprep import prepare

IGNORE = -100
ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "annotations"


@dataclass
class Sentence:
    id: str
    doc: str
    text: str
    entities: list[dict] = field(default_factory=list)


def load_annotations(paths: Iterable[Path] | None = None) -> list[Sentence]:
    files = sorted(paths) if paths is not None else sorted(ANNOTATIONS.glob("**/*.jsonl"))
    out: list[Sentence] = []
    for path in files:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append(Sentence(r["id"], r["doc"], r["text"], r["entities"]))
    return out


def data_hash(paths: Iterable[Path] | None = None) -> str:
    files = sorted(paths) if paths is not None else sorted(ANNOTATIONS.glob("**/*.jsonl"))
    h = hashlib.sha256()
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def by_doc(sents: list[Sentence]) -> dict[str, list[Sentence]]:
    docs: dict[str, list[Sentence]] = {}
    for s in sents:
        docs.setdefault(s.doc, []).append(s)
    return docs


@dataclass
class AlignStats:
    entities: int = 0
    boundaries_inside_piece: int = 0
    unmappable: int = 0

    @property
    def rate(self) -> float:
        return self.boundaries_inside_piece / max(1, 2 * self.entities)


def encode_sentence(
    tok: Tokenizer,
    labels: list[str],
    text: str,
    entities: list[dict],
    max_tokens: int,
    overlap: int,
    stats: AlignStats | None = None,
) -> list[dict]:
    """One sentence -> one example per window: input_ids, attention_mask, labels."""
    label_id = {lab: i for i, lab in enumerate(labels)}
    prep = prepare(text)
    toks = tokenize(tok, prep.text)
    tags = [label_id["O"]] * len(toks.ids)
    for ent in entities:
        if stats:
            stats.entities += 1
        mapped = prep.from_original(ent["start"], ent["end"])
        if mapped is None:
            if stats:
                stats.unmappable += 1
            continue
        gs, ge = mapped
        inside = [i for i, (s, e) in enumerate(toks.offsets) if e > s and s >= gs and e <= ge]
        if stats:
            for s, e in toks.offsets:
                if s < gs < e or s < ge < e:
                    stats.boundaries_inside_piece += 1
        # Pieces that straddle a boundary but start inside still belong to the entity.
        inside += [
            i for i, (s, e) in enumerate(toks.offsets) if gs <= s < ge < e and i not in inside
        ]
        for k, i in enumerate(sorted(inside)):
            prefix = "B" if k == 0 else "I"
            tags[i] = label_id[f"{prefix}-{ent['type']}"]
    sp = special_ids(tok)
    out = []
    for w in windows(len(toks.ids), max_tokens, overlap):
        ids = [sp["cls"], *toks.ids[w.start : w.end], sp["sep"]]
        labs = [IGNORE, *tags[w.start : w.end], IGNORE]
        out.append({"input_ids": ids, "attention_mask": [1] * len(ids), "labels": labs})
    return out


def char_bio(text_len: int, spans: Iterable[tuple[str, int, int]]) -> list[str]:
    """Character-level BIO tags (seqeval-compatible) for typed half-open spans."""
    tags = ["O"] * text_len
    for etype, s, e in spans:
        tags[s] = f"B-{etype}"
        for i in range(s + 1, e):
            tags[i] = f"I-{etype}"
    return tags


def export_bio(sents: list[Sentence]) -> str:
    """CoNLL-style char-per-line BIO export, blank line between sentences."""
    lines: list[str] = []
    for s in sents:
        tags = char_bio(len(s.text), ((e["type"], e["start"], e["end"]) for e in s.entities))
        lines.extend(f"{ch if not ch.isspace() else '_'} {t}" for ch, t in zip(s.text, tags, strict=True))
        lines.append("")
    return "\n".join(lines)
