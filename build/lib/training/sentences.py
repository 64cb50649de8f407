"""Documents -> content sentences, the unit of annotation and training.

`python -m training.sentences seeds/*.txt --out-dir annotations/` writes one JSONL per
document with empty entity lists (used once to start annotating a new document; it never
overwrites an existing file).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from serving.textprep import split_sentences
from training.boilerplate import content_lines


def document_sentences(doc: str) -> list[tuple[int, int]]:
    """Sentence spans (offsets into `doc`) of the content lines of a document."""
    spans: list[tuple[int, int]] = []
    for ls, le in content_lines(doc):
        spans.extend((ls + s, ls + e) for s, e in split_sentences(doc[ls:le]))
    return spans


def sentence_records(doc_id: str, doc: str) -> list[dict]:
    return [
        {"id": f"{doc_id}:{k:03d}", "doc": doc_id, "offset": s, "text": doc[s:e], "entities": []}
        for k, (s, e) in enumerate(document_sentences(doc))
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("docs", nargs="+", type=Path)
    ap.add_argument("--out-dir", type=Path, required=True)
    args = ap.parse_args(argv)
    for path in args.docs:
        out = args.out_dir / f"{path.stem}.jsonl"
        if out.exists():
            print(f"skip {out}: exists", file=sys.stderr)
            continue
        recs = sentence_records(path.stem, path.read_text(encoding="utf-8"))
        with out.open("w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{out}: {len(recs)} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
