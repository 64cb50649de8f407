"""`make stats`: a table of gold entities per type and document."""

from __future__ import annotations

from collections import Counter

from serving.labels import TYPES
from training.data import by_doc, load_annotations


def stats_table() -> str:
    docs = by_doc(load_annotations())
    head = f"{'document':<24}{'sents':>6}{'chars':>7}" + "".join(f"{t[:8]:>9}" for t in TYPES) + f"{'total':>7}"
    lines = [head, "-" * len(head)]
    total: Counter[str] = Counter()
    n_sents = n_chars = 0
    for doc, sents in sorted(docs.items()):
        c = Counter(e["type"] for s in sents for e in s.entities)
        total.update(c)
        chars = sum(len(s.text) for s in sents)
        n_sents += len(sents)
        n_chars += chars
        lines.append(f"{doc[:24]:<24}{len(sents):>6}{chars:>7}" + "".join(f"{c[t]:>9}" for t in TYPES) + f"{sum(c.values()):>7}")
    lines.append("-" * len(head))
    lines.append(f"{'all (' + str(len(docs)) + ' docs)':<24}{n_sents:>6}{n_chars:>7}" + "".join(f"{total[t]:>9}" for t in TYPES) + f"{sum(total.values()):>7}")
    return "\n".join(lines)


def main() -> int:
    print(stats_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
