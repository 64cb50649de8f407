"""Score the rules on the blind review set: corpus articles nobody annotated as gold,
annotated from scratch by helper annotators who never saw the tagger's output.

    python -m training.blind_review [--root PATH]

`reports/blind_review/spans/<id>.tsv` holds REGION/ORG/POLICY and `numbers/<id>.tsv`
QUANTITY/MONEY, one mention per line: line number, type, text, note. The line numbers
count the article's lines as `article_lines` splits them. These files are unreviewed,
single-annotator data and were used to develop the rules (session 5), so the score is a
development figure, not a held-out one; it shows what kinds of mention the rules miss.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from serving.recognizers import recognize
from serving.textprep import prepare
from training.data import ANNOTATIONS, by_doc, load_annotations
from training.settings import ROOT, TrainSettings

BLIND = ROOT / "reports" / "blind_review"
CORPUS = TrainSettings().corpus
SETS = {"spans": ("REGION", "ORG", "POLICY"), "numbers": ("QUANTITY", "MONEY")}
_LINE_END = re.compile(r"(?<=[。！？!?\n])")


def article_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for each non-blank line of the cleaned article, as the annotators saw it."""
    out, pos = [], 0
    for piece in _LINE_END.split(text):
        line = piece.strip()
        if line:
            start = text.index(line, pos)
            out.append((start, line))
            pos = start + len(line)
    return out


def mention_rows(path: Path, lines: list[tuple[int, str]]) -> Iterator[tuple[int, str, str, int, str]]:
    """The rows of an annotation file as (line number, type, text, line offset, line); a row
    naming a line the article does not have is reported on stderr and skipped."""
    for row in path.read_text("utf-8").splitlines():
        parts = row.split("\t")
        if len(parts) < 3 or not parts[0].strip().isdigit():
            continue
        n, etype, mention = int(parts[0]), parts[1].strip(), parts[2]
        if not 1 <= n <= len(lines) or not mention:
            print(f"{path.name}: line {n}: no such line", file=sys.stderr)
            continue
        offset, line = lines[n - 1]
        yield n, etype, mention, offset, line


def read_mentions(path: Path, lines: list[tuple[int, str]]) -> set[tuple[str, int, int]]:
    """The annotated mentions as (type, start, end) in the cleaned text; each text is found
    in its line after the previous mention of the same text in that line."""
    found: set[tuple[str, int, int]] = set()
    cursor: dict[tuple[int, str], int] = {}
    for n, etype, mention, offset, line in mention_rows(path, lines):
        at = line.find(mention, cursor.get((n, mention), 0))
        if at < 0:
            print(f"{path.name}: line {n}: {mention!r} not in the line", file=sys.stderr)
            continue
        cursor[(n, mention)] = at + len(mention)
        found.add((etype, offset + at, offset + at + len(mention)))
    return found


def unannotated_articles(wanted: set[str], corpus: Path, kind: str) -> Iterator[tuple[str, str]]:
    """(id, original text) of the corpus articles in `wanted`, in corpus order. `kind` names
    the data built from them; a gold document among them is refused (ValueError)."""
    gold = wanted & {s.doc for s in load_annotations()}
    if gold:
        raise ValueError(f"{sorted(gold)}: gold documents; {kind} comes from unannotated articles only")
    with corpus.open(encoding="utf-8") as fh:
        for row in fh:
            art = json.loads(row)
            if art["id"] in wanted:
                yield art["id"], art["text"]


def score(blind: Path = BLIND, corpus: Path = CORPUS) -> dict[str, dict[str, float]]:
    wanted = {p.stem for folder in SETS for p in (blind / folder).glob("*.tsv")}
    texts = dict(unannotated_articles(wanted, corpus, "the blind review"))
    counts: Counter[tuple[str, str]] = Counter()
    for folder, types in SETS.items():
        for path in sorted((blind / folder).glob("*.tsv")):
            text = prepare(texts[path.stem]).text
            gold = read_mentions(path, article_lines(text))
            pred = {(s.type, s.start, s.end) for s in recognize(text) if s.type in types}
            _count(counts, gold, pred, types)
    return _prf(counts, tuple(t for types in SETS.values() for t in types))


def _count(counts: Counter[tuple[str, str]], gold: set, pred: set, types: tuple[str, ...]) -> None:
    """Add one document's exact-span matches, by type, to the running counts."""
    for etype in types:
        g = {m for m in gold if m[0] == etype}
        p = {m for m in pred if m[0] == etype}
        counts[etype, "tp"] += len(g & p)
        counts[etype, "fn"] += len(g - p)
        counts[etype, "fp"] += len(p - g)


def _prf(counts: Counter[tuple[str, str]], types: tuple[str, ...]) -> dict[str, dict[str, float]]:
    result = {}
    for etype in types:
        tp, fn, fp = counts[etype, "tp"], counts[etype, "fn"], counts[etype, "fp"]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[etype] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "n": tp + fn}
    return result


def agreement(blind: Path = BLIND) -> dict[str, dict[str, float]]:
    """How the same kind of annotator agrees with the gold: `agreement/<doc>.tsv` holds
    REGION/ORG/POLICY for non-test gold documents, one line per gold sentence (line n is
    the document's n-th annotated sentence). Scored against the gold, exact spans."""
    test = set(json.loads((ANNOTATIONS / "splits.json").read_text("utf-8"))["test"])
    docs = by_doc(load_annotations())
    types = SETS["spans"]
    counts: Counter[tuple[str, str]] = Counter()
    for path in sorted((blind / "agreement").glob("*.tsv")):
        if path.stem in test:
            raise ValueError(f"{path.name}: a test document; the agreement study uses non-test gold only")
        sents = docs[path.stem]
        lines, offset = [], 0
        for sent in sents:  # the sentences laid end to end, one line each
            lines.append((offset, sent.text))
            offset += len(sent.text) + 1
        gold = {(e["type"], lines[i][0] + e["start"], lines[i][0] + e["end"]) for i, s in enumerate(sents) for e in s.entities}
        _count(counts, gold, read_mentions(path, lines), types)
    return _prf(counts, types)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blind", type=Path, default=BLIND)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--agreement", action="store_true", help="score the helper annotations of gold documents against the gold")
    args = parser.parse_args()
    result = agreement(args.blind) if args.agreement else score(args.blind, args.corpus)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
