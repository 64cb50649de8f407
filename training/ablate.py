"""`make ablate`: the dev-split experiments behind three training defaults.

Each trains on the train split and scores the model alone and the hybrid on dev; the
test split is never touched. About 40 minutes on 2 cores for the first three; epochs and
layers train three models per value (about 25 minutes each with 6 layers) unless cached.

- tokenization: the base model's own pieces (often several characters long) against one
  piece per CJK character or digit; gold-only runs, identical otherwise.
  Writes reports/tokenization.json (with the entity boundaries that fall inside a piece).
- weak: gold-only against weak pre-training on N rule-labelled corpus sentences (never an
  annotated document) before gold. Writes reports/weak_supervision.json.
- mlm: gold-only from the base encoder against gold-only from the encoder after masked-LM
  training on the unannotated corpus articles. Writes reports/mlm.json.
- epochs: the shipped configuration (gold + silver) trained for the default number of
  epochs and for more, scored on the fresh dev split (reports/fresh_dev), where the
  hybrid's combination is chosen, and on the silver dev split. Writes reports/epochs.json.
- layers: the same with the default number of encoder layers and with all 12.
  Writes reports/layers.json.
  Both recipe experiments also score the silver dev split (two more models per value), so
  a recipe is judged on both dev splits, as the combination is.

    python -m training.ablate                 # all
    python -m training.ablate weak 0 1500     # one experiment, chosen sizes
    python -m training.ablate epochs 6 10     # epochs to compare
    python -m training.ablate layers 6 12     # encoder layers to compare
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from typing import Any

from serving.tagger import Tagger
from training.data import Sentence
from training.evaluate import REPORTS
from training.metrics import table
from training.pipeline import (
    Split,
    alignment_report,
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

WEAK_SIZES = (0, 1500, 4000)
MORE_EPOCHS = 10
ALL_LAYERS = 12  # every encoder layer of e5-small


def dev_scores(tagger: Tagger, dev: list[Sentence]) -> dict[str, Any]:
    return {f"dev {system}": score_spans(dev, predict(tagger, dev, system)) for system in ("model", "hybrid")}


def tokenization(base: TrainSettings, split: Split) -> dict[str, Any]:
    settings = dataclasses.replace(base, weak_epochs=0)
    report: dict[str, Any] = {}
    for name, char_split in (("base pieces", False), ("char split", True)):
        tok = project_tokenizer(settings.base, char_split=char_split)
        model = train_model(split.train, settings, tok, None, desc=name)
        report[name] = dev_scores(tagger_for(model, tok, settings), split.dev)
        print(table(report[name], name), flush=True)
        report[name]["alignment"] = alignment_report(tok, split.train + split.dev, settings)
    return report


def weak(base: TrainSettings, split: Split, sizes: list[int]) -> dict[str, Any]:
    tok = project_tokenizer(base.base, base.char_split)
    report: dict[str, Any] = {}
    for n in sizes:
        settings = dataclasses.replace(base, weak_epochs=1 if n else 0, weak_max_sentences=n)
        init = weak_init(settings.base, tok, settings)
        model = train_model(split.train, settings, tok, init, desc=f"weak {n}")
        report[f"weak {n}"] = dev_scores(tagger_for(model, tok, settings), split.dev)
        print(table(report[f"weak {n}"], f"weak sentences: {n}"), flush=True)
    return report


def mlm(base: TrainSettings, split: Split, sizes: list[int]) -> dict[str, Any]:
    """Gold-only training from the base encoder vs from the encoder after MLM adaptation on
    the unannotated corpus (training/mlm.py)."""
    from training.mlm import mlm_init

    settings = dataclasses.replace(base, weak_epochs=0)
    tok = project_tokenizer(settings.base, settings.char_split)
    report: dict[str, Any] = {}
    for name, init in (("base encoder", None), ("after MLM on the corpus", mlm_init(settings, tok))):
        model = train_model(split.train, settings, tok, init, desc=name, cache=True)
        report[name] = dev_scores(tagger_for(model, tok, settings), split.dev)
        print(table(report[name], name), flush=True)
    return report


def shipped_recipe(base: TrainSettings, split: Split, setting: str, values: list[int]) -> dict[str, Any]:
    """The shipped configuration (gold + silver) trained with each value of one recipe
    setting (epochs, layers), scored (REGION/ORG/POLICY) on both dev splits, as `make eval`
    chooses the combination: the fresh dev split, which none of these models trained on, and
    the silver dev split (two folds over the blind review articles, each model trained on the
    gold and the other half; two more models per value)."""
    from training.evaluate import fresh_dev, scoring_tagger, silver_dev
    from training.pipeline import training_sentences

    tok = project_tokenizer(base.base, base.char_split)
    report: dict[str, Any] = {}
    for n in values:
        settings = dataclasses.replace(base, layers=n) if setting == "layers" else dataclasses.replace(base, epochs=n)
        init = weak_init(settings.base, tok, settings)
        model = train_model(training_sentences(split, settings), settings, tok, init, desc=f"gold+silver, {n} {setting}", cache=True)
        rows = fresh_dev(scoring_tagger(model, tok, settings), systems=("rules", "model", "hybrid"))
        report[f"{n} {setting}"] = {f"fresh dev {system}": row for system, row in rows.items()}
        silver = silver_dev(split, settings, tok, init, systems=("rules", "model", "hybrid"))
        report[f"{n} {setting}"].update({f"silver dev {system}": row for system, row in silver.items()})
        print(table(report[f"{n} {setting}"], f"gold + silver, {n} {setting}"), flush=True)
    return report


EXPERIMENTS = {
    "tokenization": "tokenization.json",
    "weak": "weak_supervision.json",
    "mlm": "mlm.json",
    "epochs": "epochs.json",
    "layers": "layers.json",
}
# The recipe experiments and the values they compare by default.
RECIPE_DEFAULTS = {"epochs": lambda b: [b.epochs, MORE_EPOCHS], "layers": lambda b: [b.layers, ALL_LAYERS]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Dev-split ablations behind training defaults.")
    ap.add_argument("experiment", nargs="?", choices=sorted(EXPERIMENTS), help="one experiment (default: all)")
    ap.add_argument("sizes", nargs="*", type=int, help="weak: corpus sentences to try; epochs, layers: the values to compare")
    args = ap.parse_args(argv)
    base = TrainSettings()
    ensure_base(base)
    split = load_split()
    for name in [args.experiment] if args.experiment else list(EXPERIMENTS):
        t0 = time.time()
        dev = "fresh dev (reports/fresh_dev)" if name in RECIPE_DEFAULTS else sorted({s.doc for s in split.dev})
        report: dict[str, Any] = {"settings": base.as_json(), "dev_documents": dev}
        if name == "tokenization":
            report.update(tokenization(base, split))
        elif name in RECIPE_DEFAULTS:
            report.update(shipped_recipe(base, split, name, args.sizes or RECIPE_DEFAULTS[name](base)))
        else:
            report.update((weak if name == "weak" else mlm)(base, split, args.sizes or list(WEAK_SIZES)))
        report["seconds"] = round(time.time() - t0)
        out = REPORTS / EXPERIMENTS[name]
        out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
        log(f"wrote {out} in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
