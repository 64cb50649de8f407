"""Silver training data: the blind review annotations (reports/blind_review) as sentences.

The blind review set is corpus articles that helper annotators labelled from scratch
without seeing the tagger (REGION/ORG/POLICY on every article, QUANTITY/MONEY on some).
It is single-annotator and unreviewed, so it is never gold and never gives a test figure
(make eval holds half of it out only to choose how the hybrid uses the model). Here it is
a second kind of weak supervision, closer to the guideline than rule output:

- REGION/ORG/POLICY come from the annotators;
- QUANTITY/MONEY come from the annotators where they labelled numbers, otherwise from the
  rule recognizers (0.98 F1 on both types in the blind set), minus any rule span that
  overlaps an annotated one;
- a mention that crosses a sentence boundary is dropped with its sentence, and so are the
  mentions in lines that are not content (training.boilerplate): 97 % of the annotated
  REGION/ORG/POLICY mentions reach the training sentences.

Mentions are read in the cleaned text the annotators saw and mapped back to the original,
so a silver sentence is an ordinary `Sentence` in original offsets.
"""

from __future__ import annotations

from pathlib import Path

from serving.decode import Span
from serving.recognizers import longest_first, recognize
from serving.textprep import prepare
from training.blind_review import (
    BLIND,
    CORPUS,
    SETS,
    article_lines,
    read_mentions,
    unannotated_articles,
)
from training.data import Sentence
from training.sentences import document_sentences


def blind_docs(blind: Path = BLIND) -> list[str]:
    """Ids of the articles with blind REGION/ORG/POLICY annotations, sorted."""
    return sorted(p.stem for p in (blind / "spans").glob("*.tsv"))


def silver_sentences(docs: list[str] | None = None, blind: Path = BLIND, corpus: Path = CORPUS) -> list[Sentence]:
    wanted = set(blind_docs(blind) if docs is None else docs)
    out: list[Sentence] = []
    for doc, text in unannotated_articles(wanted, corpus, "silver data"):
        out.extend(_article(doc, text, blind))
    return out


def _article(doc: str, original: str, blind: Path) -> list[Sentence]:
    prep = prepare(original)
    lines = article_lines(prep.text)
    mentions = read_mentions(blind / "spans" / f"{doc}.tsv", lines)
    numbers = blind / "numbers" / f"{doc}.tsv"
    if numbers.exists():
        mentions |= read_mentions(numbers, lines)
    else:
        rule = {(s.type, s.start, s.end) for s in recognize(prep.text) if s.type in SETS["numbers"]}
        mentions |= {m for m in rule if not any(m[1] < o[2] and o[1] < m[2] for o in mentions)}
    # Overlapping annotations (an annotator slip) cannot be BIO-encoded: the longer is kept,
    # as the rule recognizers resolve their own candidates.
    flat = longest_first([Span(t, s, e, 1.0, "silver") for t, s, e in mentions])
    spans = [(sp.type, *prep.to_original(sp.start, sp.end)) for sp in flat]
    out: list[Sentence] = []
    for s, e in document_sentences(original):
        inside = [m for m in spans if s <= m[1] and m[2] <= e]
        if any(m[1] < e and s < m[2] and m not in inside for m in spans):
            continue  # a mention crosses this sentence's boundary
        ents = [{"type": t, "start": a - s, "end": b - s, "text": original[a:b]} for t, a, b in sorted(inside, key=lambda m: m[1])]
        out.append(Sentence(f"{doc}@{s}", doc, original[s:e], ents))
    return out
