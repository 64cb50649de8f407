"""The fresh dev set: the six corpus articles nobody had annotated before session 7.

Every other corpus article is gold (annotations/) or blind review data (reports/
blind_review), and the rules were developed against the annotations of both, so both
flatter the rules. These six were held back from the blind review. Before session 7 the
rules met them only as unannotated text: reviewers read the rule output on all unannotated
articles in sessions 3-4 and reported wrong spans, and later rule changes were diffed on
them. In session 7 helper annotators labelled them from scratch (REGION, ORG, POLICY;
`prompt.txt`, FILES standing for each helper's share), without seeing the tagger.

Use: choosing how the hybrid uses the model (serving.combine). `make eval` scores every
system on them with the gold + silver model, which never trained on these articles.
They are single-annotator and unreviewed: a development figure, never gold, never test.

`reports/fresh_dev/spans/<id>.tsv`: one mention per line (line number, type, text, note),
the line numbers counting the cleaned article's lines as `article_lines` splits them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from serving.textprep import prepare
from training.blind_review import CORPUS, article_lines, mention_rows, unannotated_articles
from training.data import Sentence
from training.settings import ROOT

FRESH = ROOT / "reports" / "fresh_dev"
TYPES = ("REGION", "ORG", "POLICY")


def fresh_docs(root: Path = FRESH) -> list[str]:
    return sorted(p.stem for p in (root / "spans").glob("*.tsv"))


def fresh_sentences(root: Path = FRESH, corpus: Path = CORPUS) -> list[Sentence]:
    """One Sentence per article: its cleaned text (what the annotators read; cleaning it
    again changes nothing) with the annotated mentions."""
    out: list[Sentence] = []
    for doc, original in unannotated_articles(set(fresh_docs(root)), corpus, "the fresh dev set"):
        text = prepare(original).text
        mentions = read_in_order(root / "spans" / f"{doc}.tsv", article_lines(text))
        ents = [
            {"type": t, "start": a, "end": b, "text": text[a:b]}
            for t, a, b in sorted(mentions, key=lambda m: (m[1], m[2]))
            if t in TYPES
        ]
        out.append(Sentence(f"{doc}@0", doc, text, ents))
    return out


def read_in_order(path: Path, lines: list[tuple[int, str]]) -> list[tuple[str, int, int]]:
    """The mentions as (type, start, end) in the cleaned text. The annotators listed them in
    order of appearance, so each is looked for in its line from where the previous one of
    that line starts, at the first place that overlaps no mention already placed (a REGION
    written after 南郑区人民政府 is the next 南郑区, not the one inside it). A mention that
    cannot be placed, or only before the one listed ahead of it, is reported on stderr with
    its line."""
    found: list[tuple[str, int, int]] = []
    taken: dict[int, list[tuple[int, int]]] = {}
    cursor: dict[int, int] = {}
    for n, etype, mention, offset, line in mention_rows(path, lines):
        spans = taken.setdefault(n, [])
        at = _free(line, mention, cursor.get(n, 0), spans)
        if at < 0:
            at = _free(line, mention, 0, spans)
            if at >= 0:
                print(f"{path.name}: line {n}: {mention!r} placed before the mention listed ahead of it", file=sys.stderr)
        if at < 0:
            print(f"{path.name}: line {n}: {mention!r} not in the line (or only where another mention is)", file=sys.stderr)
            continue
        spans.append((at, at + len(mention)))
        cursor[n] = at
        found.append((etype, offset + at, offset + at + len(mention)))
    return found


def _free(line: str, mention: str, start: int, taken: list[tuple[int, int]]) -> int:
    at = line.find(mention, start)
    while at >= 0 and any(at < e and s < at + len(mention) for s, e in taken):
        at = line.find(mention, at + 1)
    return at
