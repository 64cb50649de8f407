"""Does the char-split pre-tokenizer help? Train twice on the train split, score on dev.

Both runs are gold-only (no weak pre-training, so neither shares cached weights) and
identical except for the tokenizer: the base model's own pre-tokenizer, whose pieces
often span several characters, against the project's one-piece-per-CJK-character/digit
split. Writes reports/tokenization.json. About 10 minutes on 2 cores.
"""

from __future__ import annotations

import dataclasses
import json
import time

from training.evaluate import REPORTS
from training.metrics import table
from training.pipeline import (
    alignment_report,
    load_split,
    log,
    predict,
    score_spans,
    tagger_for,
    train_model,
)
from training.settings import TrainSettings
from training.ship import ensure_base
from training.train import project_tokenizer


def main() -> int:
    t0 = time.time()
    settings = dataclasses.replace(TrainSettings(), weak_epochs=0)
    ensure_base(settings)
    split = load_split()
    report: dict = {"settings": settings.as_json(), "dev_documents": sorted({s.doc for s in split.dev})}
    for name, tok in (("base pieces", project_tokenizer(settings.base, char_split=False)), ("char split", project_tokenizer(settings.base, char_split=True))):
        align = alignment_report(tok, split.train + split.dev, settings)
        model = train_model(split.train, settings, tok, None, desc=name)
        tagger = tagger_for(model, tok, settings)
        report[name] = {
            "alignment": align,
            "dev model": score_spans(split.dev, predict(tagger, split.dev, "model")),
            "dev hybrid": score_spans(split.dev, predict(tagger, split.dev, "hybrid")),
        }
        print(table({k: v for k, v in report[name].items() if k != "alignment"}, name))
    report["seconds"] = round(time.time() - t0)
    out = REPORTS / "tokenization.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    log(f"wrote {out} in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
