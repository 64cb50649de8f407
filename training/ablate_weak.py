"""How much weak supervision? Train on the train split, score on dev.

Gold-only against weak pre-training on N rule-labelled corpus sentences (never an
annotated document) for a few N, everything else at the defaults. Writes
reports/weak_supervision.json; the default `weak_max_sentences` is chosen from it.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time

from training.evaluate import REPORTS
from training.metrics import table
from training.pipeline import (
    load_split,
    log,
    predict,
    score_spans,
    tagger_for,
    train_model,
    weak_init,
)
from training.settings import TrainSettings
from training.ship import ensure_base
from training.train import project_tokenizer

SIZES = (0, 1500, 4000)


def main(argv: list[str] | None = None) -> int:
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or list(SIZES)
    t0 = time.time()
    base = TrainSettings()
    ensure_base(base)
    split = load_split()
    tok = project_tokenizer(base.base, base.char_split)
    report: dict = {"settings": base.as_json(), "dev_documents": sorted({s.doc for s in split.dev})}
    for n in sizes:
        settings = dataclasses.replace(base, weak_epochs=1 if n else 0, weak_max_sentences=n)
        init = weak_init(settings.base, tok, settings)
        tagger = tagger_for(train_model(split.train, settings, tok, init, desc=f"weak {n}"), tok, settings)
        report[f"weak {n}"] = {
            "dev model": score_spans(split.dev, predict(tagger, split.dev, "model")),
            "dev hybrid": score_spans(split.dev, predict(tagger, split.dev, "hybrid")),
        }
        print(table(report[f"weak {n}"], f"weak sentences: {n}"), flush=True)
    report["seconds"] = round(time.time() - t0)
    out = REPORTS / "weak_supervision.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    log(f"wrote {out} in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
