"""`make eval`: every score on text the scored system never trained on, in one run.

1. rules alone on every gold document (no training involved);
2. the fixed test split: rules, model (gold only), model (weak + gold), hybrid, anchors;
3. the test split converted to traditional script;
4. leave-one-document-out cross-validation over all non-test documents (rules / model /
   hybrid, each fold's model trained on every other document); `--folds K` runs K
   document-grouped folds instead, for a quicker look;
5. a learning curve on the test split (seeds, +10, +20, all training articles) with a PNG;
6. normalizer value accuracy on the gold MONEY/QUANTITY spans beside cn2an and jionlp.
Trained models are cached in .cache/models by everything they depend on (data, recipe,
base, training code), so a re-run after a rules-only change only re-scores. Prints tables
and writes reports/eval.json after every section (`"complete": false` until the end).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path
from typing import Any

from serving.gazetteer import DIVISION_ENDINGS
from training.anchors import anchor_systems
from training.data import Sentence, by_doc
from training.metrics import table, value_accuracy
from training.pipeline import (
    TRAINING_COUNTS,
    load_split,
    log,
    predict,
    score_spans,
    tagger_for,
    train_model,
    training_sentences,
    weak_init,
)
from training.settings import ROOT, TrainSettings
from training.ship import ensure_base
from training.train import project_tokenizer

REPORTS = ROOT / "reports"


def folds(docs: list[str], k: int) -> list[list[str]]:
    """Deterministic document folds: round-robin over sorted ids; k <= 0 means one
    document per fold (leave-one-document-out)."""
    ordered = sorted(docs)
    if k <= 0 or k >= len(ordered):
        return [[d] for d in ordered]
    return [ordered[i::k] for i in range(k) if ordered[i::k]]


def to_traditional(sents: list[Sentence]) -> list[Sentence]:
    """The same sentences in traditional script (OpenCC s2t), gold spans carried over."""
    from opencc import OpenCC

    cc = OpenCC("s2t")
    out: list[Sentence] = []
    for s in sents:
        conv = cc.convert(s.text)
        if len(conv) != len(s.text):  # a phrase changed length: convert char by char
            conv = "".join(cc.convert(ch) if len(cc.convert(ch)) == 1 else ch for ch in s.text)
        ents = [dict(e, text=conv[e["start"] : e["end"]]) for e in s.entities]
        out.append(Sentence(s.id, s.doc, conv, ents))
    return out


# Combination variants scored side by side (no retraining needed) on the fresh dev split,
# the silver dev split, in cross-validation and on test: the shipped default
# (serving.combine) is chosen from the fresh dev rows (since session 7; from the silver dev
# rows before), never from the test split.
_ALL = frozenset({"REGION", "ORG", "POLICY", "QUANTITY", "MONEY"})

def _org_and_region(region: float, **more: Any) -> dict[str, Any]:
    """The model adds ORG at >= 0.98 and REGION at >= `region`, with `more` settings."""
    return {"MODEL_TYPES": frozenset({"ORG", "REGION"}), "HYBRID_MIN_SCORE": 0.98, "HYBRID_MIN_SCORE_BY_TYPE": {"REGION": region}, **more}


VARIANTS: dict[str, dict[str, Any]] = {
    "hybrid: model adds every type at >= 0.6": {"MODEL_TYPES": _ALL, "HYBRID_MIN_SCORE": 0.6},
    "hybrid: model adds REGION/ORG/POLICY at >= 0.6": {"MODEL_TYPES": frozenset({"REGION", "ORG", "POLICY"}), "HYBRID_MIN_SCORE": 0.6},
    "hybrid: model adds REGION at >= 0.6": {"MODEL_TYPES": frozenset({"REGION"}), "HYBRID_MIN_SCORE": 0.6},
    "hybrid: model adds REGION at >= 0.9": {"MODEL_TYPES": frozenset({"REGION"}), "HYBRID_MIN_SCORE": 0.9},
    "hybrid: model adds REGION ending like a division": {
        "MODEL_TYPES": frozenset({"REGION"}), "HYBRID_MIN_SCORE": 0.6, "MODEL_REGION_SUFFIXES": DIVISION_ENDINGS,
    },
    "hybrid: model adds POLICY at >= 0.9": {"MODEL_TYPES": frozenset({"POLICY"}), "HYBRID_MIN_SCORE": 0.9},
    "hybrid: model adds ORG at >= 0.9": {"MODEL_TYPES": frozenset({"ORG"}), "HYBRID_MIN_SCORE": 0.9},
    "hybrid: model adds ORG at >= 0.95": {"MODEL_TYPES": frozenset({"ORG"}), "HYBRID_MIN_SCORE": 0.95},
    "hybrid: model adds ORG at >= 0.98": {"MODEL_TYPES": frozenset({"ORG"}), "HYBRID_MIN_SCORE": 0.98},
    "hybrid: model adds ORG and REGION ending like a division at >= 0.98": _org_and_region(0.98, MODEL_REGION_SUFFIXES=DIVISION_ENDINGS),
    "hybrid: model adds ORG and REGION at >= 0.98": _org_and_region(0.98),
    "hybrid: model adds ORG at >= 0.98 and REGION at >= 0.95": _org_and_region(0.95),
    "hybrid: model adds ORG at >= 0.98 and REGION at >= 0.9": _org_and_region(0.9),
    "hybrid: model adds ORG at >= 0.98 and REGION at >= 0.8": _org_and_region(0.8),
    "hybrid: model adds ORG at >= 0.98 and REGION at >= 0.95 that reads as a place name": _org_and_region(0.95, MODEL_REGION_CHECKS=True),
    "hybrid: model adds ORG at >= 0.98 and REGION at >= 0.8 that reads as a place name": _org_and_region(0.8, MODEL_REGION_CHECKS=True),
    "hybrid: model adds ORG at >= 0.98 and REGION at >= 0.95 that reads as a place name, and the other mentions of those REGION names": _org_and_region(
        0.95, MODEL_REGION_CHECKS=True, MODEL_REPEATS=frozenset({"REGION"})
    ),
    "hybrid: model adds ORG at >= 0.98 and REGION at >= 0.95 that reads as a place name, and the other mentions of those ORG names": _org_and_region(
        0.95, MODEL_REGION_CHECKS=True, MODEL_REPEATS=frozenset({"ORG"})
    ),
    "hybrid: model adds ORG at >= 0.98 and REGION at >= 0.95 that reads as a place name, and the other mentions of those REGION and ORG names": _org_and_region(
        0.95, MODEL_REGION_CHECKS=True, MODEL_REPEATS=frozenset({"REGION", "ORG"})
    ),
    "hybrid: model adds ORG at >= 0.98 and REGION at >= 0.95 that reads as a place name, the other mentions of those ORG names, and no ORG ending in a title or function word": _org_and_region(
        0.95, MODEL_REGION_CHECKS=True, MODEL_REPEATS=frozenset({"ORG"}), MODEL_ORG_END_CHECK=True
    ),
    "hybrid: model adds ORG at >= 0.98 and REGION at >= 0.95 that reads as a place name, the other mentions of those ORG names, no ORG ending in a title or function word, and bare REGION names at >= 0.98": _org_and_region(
        0.95, MODEL_REGION_CHECKS=True, MODEL_REPEATS=frozenset({"ORG"}), MODEL_ORG_END_CHECK=True, MODEL_BARE_REGION_MIN_SCORE=0.98
    ),
    "hybrid: model wins R/O/P": {
        "MODEL_TYPES": frozenset({"REGION", "ORG", "POLICY"}),
        "HYBRID_MIN_SCORE": 0.6,
        "RULES_FIRST": frozenset({"QUANTITY", "MONEY"}),
    },
}


def scoring_tagger(model: Any, tok: Any, settings: TrainSettings, runtime: Any = None) -> Any:
    """A Tagger over `model` that runs the model once per list of texts: every system and
    variant scored on the same sentences shares the model's spans (they do not depend on the
    combination), so each variant costs only its rules and its combination."""
    tagger = tagger_for(model, tok, settings, runtime=runtime)
    run = tagger.model_spans
    memo: dict[tuple[str, ...], list] = {}

    def model_spans(preps: list) -> list:
        key = tuple(p.text for p in preps)
        if key not in memo:
            memo[key] = run(preps)
        return memo[key]

    tagger.model_spans = model_spans  # type: ignore[method-assign]  # per instance, on purpose
    return tagger


def predict_variant(tagger: Any, sents: list[Sentence], overrides: dict) -> list:
    import serving.combine as combine_mod

    # A variant states its whole combination: what it leaves out is off, not the shipped value.
    overrides = {
        "HYBRID_MIN_SCORE_BY_TYPE": {}, "MODEL_REGION_SUFFIXES": (), "MODEL_REGION_CHECKS": False, "MODEL_REPEATS": frozenset(),
        "MODEL_ORG_END_CHECK": False, "MODEL_BARE_REGION_MIN_SCORE": 0.0, **overrides,
    }
    saved = {k: getattr(combine_mod, k) for k in overrides}
    try:
        for k, v in overrides.items():
            setattr(combine_mod, k, v)
        return predict(tagger, sents, "hybrid")
    finally:
        for k, v in saved.items():
            setattr(combine_mod, k, v)


# What the dev splits and cross-validation score: the three systems, then every variant.
SYSTEMS = ("rules", "model", "hybrid", *VARIANTS)


def predict_system(tagger: Any, sents: list[Sentence], name: str) -> list:
    """Predictions of one of SYSTEMS: a variant of the hybrid, or rules / model / hybrid."""
    return predict_variant(tagger, sents, VARIANTS[name]) if name in VARIANTS else predict(tagger, sents, name)


def cross_validate(train_pool: list[Sentence], settings: TrainSettings, tok: Any, init: Any, k: int) -> dict:
    docs = by_doc(train_pool)
    preds: dict[str, list] = {name: [] for name in SYSTEMS}
    held_all: list[Sentence] = []
    groups = folds(list(docs), k)
    for i, fold in enumerate(groups):
        held = [s for d in fold for s in docs[d]]
        rest = [s for d in docs if d not in fold for s in docs[d]]
        log(f"fold {i + 1}/{len(groups)}: train {len(rest)} sentences, held out {len(held)} ({', '.join(fold)})")
        model = train_model(rest, settings, tok, init, desc=f"fold {i + 1}/{len(groups)}", cache=True)
        tagger = scoring_tagger(model, tok, settings)
        for system in SYSTEMS:
            preds[system].extend(predict_system(tagger, held, system))
        held_all.extend(held)
    return {system: score_spans(held_all, p) for system, p in preds.items()}


def silver_dev(split: Any, settings: TrainSettings, tok: Any, init: Any, systems: tuple[str, ...] = SYSTEMS) -> dict:
    """Where the combination was chosen until session 7 (now on fresh_dev, below, because the
    rules were developed on these articles): two-fold cross-validation over the blind review
    articles. Each fold's model trains on the gold training split and one half of them and
    is scored on the other half (REGION/ORG/POLICY, which the annotators labelled on every
    article). The rules were developed on these articles (session 5), so the rules' rows
    here are optimistic and the model's added value is under- rather than over-stated."""
    from training.silver import blind_docs, silver_sentences

    docs = blind_docs()
    halves = (docs[0::2], docs[1::2])
    kept = {"REGION", "ORG", "POLICY"}
    preds: dict[str, list] = {name: [] for name in systems}
    held_all: list[Sentence] = []
    for i, (train_half, held_half) in enumerate((halves, halves[::-1])):
        model = train_model(training_sentences(split, settings, train_half), settings, tok, init, desc=f"silver fold {i + 1}/2", cache=True)
        tagger = scoring_tagger(model, tok, settings)
        held = [Sentence(s.id, s.doc, s.text, [e for e in s.entities if e["type"] in kept]) for s in silver_sentences(held_half)]
        for name in systems:
            preds[name].extend([p for p in ps if p.type in kept] for ps in predict_system(tagger, held, name))
        held_all.extend(held)
    return {name: score_spans(held_all, pred) for name, pred in preds.items()}


def fresh_dev(tagger: Any, systems: tuple[str, ...] = SYSTEMS) -> dict:
    """Where the combination is chosen since session 7: the six articles of reports/fresh_dev,
    which the rules were never tuned on, scored (REGION/ORG/POLICY) with the gold + silver
    model, which never trained on them."""
    from training.fresh_dev import TYPES, fresh_sentences

    held = fresh_sentences()
    return {
        name: score_spans(held, [[p for p in ps if p.type in TYPES] for ps in predict_system(tagger, held, name)])
        for name in systems
    }


def learning_curve(split: Any, settings: TrainSettings, tok: Any, init: Any) -> dict:
    seeds = [s for s in split.train if not s.doc.startswith("inews-")]
    corpus_docs = sorted({s.doc for s in split.train if s.doc.startswith("inews-")})
    points: dict[str, dict] = {}
    for n in (0, 10, 20, len(corpus_docs)):
        if n > len(corpus_docs) or (n == len(corpus_docs) and n in (0, 10, 20)):
            continue
        chosen = set(corpus_docs[:n])
        train = seeds + [s for s in split.train if s.doc in chosen]
        model = train_model(train, settings, tok, init, desc=f"curve +{n}", cache=True)
        tagger = scoring_tagger(model, tok, settings)
        points[f"seeds+{n}"] = {
            "train_sentences": len(train),
            "model": score_spans(split.test, predict(tagger, split.test, "model")),
            "hybrid": score_spans(split.test, predict(tagger, split.test, "hybrid")),
        }
    return points


def plot_curve(points: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [p["train_sentences"] for p in points.values()]
    fig, ax = plt.subplots(figsize=(6, 4))
    for system in ("model", "hybrid"):
        ax.plot(xs, [p[system]["micro"]["f1"] for p in points.values()], marker="o", label=system)
    for x, name in zip(xs, points, strict=True):
        ax.annotate(name, (x, 0.02), fontsize=7, rotation=45)
    ax.set_xlabel("gold training sentences")
    ax.set_ylabel("micro-F1 on the fixed test split")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", type=int, default=0, help="document folds (default 0: leave one document out)")
    ap.add_argument("--skip-cv", action="store_true")
    ap.add_argument("--skip-curve", action="store_true")
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--out", type=Path, default=REPORTS / "eval.json")
    args = ap.parse_args(argv)
    t0 = time.time()
    settings = TrainSettings()
    if args.epochs:
        settings.epochs = args.epochs
    ensure_base(settings)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    split = load_split()
    tok = project_tokenizer(settings.base, settings.char_split)
    report: dict[str, Any] = {"complete": False, "settings": settings.as_json(), "documents": {
        "train": sorted({s.doc for s in split.train}), "dev": sorted({s.doc for s in split.dev}),
        "test": sorted({s.doc for s in split.test})}}

    def save() -> None:
        report["seconds"] = round(time.time() - t0)
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")

    from training.compare_normalizers import compare

    gold_values = [
        (e["type"], e["text"], e["normalized"])
        for s in split.train + split.dev + split.test
        for e in s.entities
        if e["type"] in ("QUANTITY", "MONEY")
    ]
    report["normalizers"] = compare(gold_values)
    log(json.dumps(report["normalizers"], ensure_ascii=False))

    # The normalizers on the gold spans (value accuracy by type, apart from span errors).
    # train + dev is where they were developed; test is reported only.
    report["value_accuracy"] = {"train+dev": value_accuracy(split.train + split.dev), "test": value_accuracy(split.test)}
    log(json.dumps(report["value_accuracy"], ensure_ascii=False))

    everything = split.train + split.dev + split.test
    rules_tagger = tagger_for(None, tok, settings)
    report["rules_all_gold"] = score_spans(everything, predict(rules_tagger, everything, "rules"))

    init = weak_init(settings.base, tok, settings)  # the shipped configuration
    if settings.silver:
        report["silver_dev"] = silver_dev(split, settings, tok, init)
        print(table(report["silver_dev"], "silver dev (REGION/ORG/POLICY; blind review articles, 2 folds, models trained on gold + the other half)"))
        save()

    weak = dataclasses.replace(settings, weak_epochs=max(1, settings.weak_epochs))
    init_weak = weak_init(settings.base, tok, weak)  # for the with/without comparison

    test_rows: dict[str, Any] = {"rules": score_spans(split.test, predict(rules_tagger, split.test, "rules"))}
    gold_model = train_model(split.train, settings, tok, None, desc="gold only", cache=True)
    gold_only = scoring_tagger(gold_model, tok, settings)
    test_rows["model (gold only)"] = score_spans(split.test, predict(gold_only, split.test, "model"))
    test_rows["hybrid (gold only)"] = score_spans(split.test, predict(gold_only, split.test, "hybrid"))
    weak_model = train_model(split.train, settings, tok, init_weak, desc="weak+gold", cache=True)
    weak_tagger = scoring_tagger(weak_model, tok, settings)
    test_rows["model (weak + gold)"] = score_spans(split.test, predict(weak_tagger, split.test, "model"))
    test_rows["hybrid (weak + gold)"] = score_spans(split.test, predict(weak_tagger, split.test, "hybrid"))
    shipped = weak_tagger if settings.weak_epochs > 0 else gold_only
    if settings.silver:
        silver_model = train_model(training_sentences(split, settings), settings, tok, init, desc="gold+silver", cache=True)
        shipped = scoring_tagger(silver_model, tok, settings)
        test_rows["model (gold + silver)"] = score_spans(split.test, predict(shipped, split.test, "model"))
        test_rows["hybrid (gold + silver) = shipped"] = score_spans(split.test, predict(shipped, split.test, "hybrid"))
    for name, overrides in VARIANTS.items():
        test_rows[name] = score_spans(split.test, predict_variant(shipped, split.test, overrides))
    if settings.silver:
        report["fresh_dev"] = fresh_dev(shipped)
        print(table(report["fresh_dev"], "fresh dev (REGION/ORG/POLICY; 6 articles annotated in session 7, gold + silver model)"))
    for name, spans in anchor_systems(split.test).items():
        test_rows[name] = score_spans(split.test, spans)
    report["test"] = test_rows
    print(table(test_rows, "fixed test split"))

    trad = to_traditional(split.test)
    report["test_traditional"] = {
        system: score_spans(trad, predict(shipped, trad, system)) for system in ("model", "hybrid")
    }
    print(table(report["test_traditional"], "fixed test split in traditional script"))
    save()

    if not args.skip_cv:
        pool = split.train + split.dev
        n_docs = len(by_doc(pool))
        k = args.folds if 0 < args.folds < n_docs else n_docs
        report["cross_validation_folds"] = "leave-one-document-out" if k == n_docs else f"{k} document folds"
        report["cross_validation"] = cross_validate(pool, settings, tok, init, k)
        print(table(report["cross_validation"], f"cross-validation ({report['cross_validation_folds']}, {n_docs} documents)"))
        save()

    if not args.skip_curve:
        report["learning_curve"] = learning_curve(split, settings, tok, init)
        plot_curve(report["learning_curve"], args.out.parent / "learning_curve.png")
        print(table({k: v["model"] for k, v in report["learning_curve"].items()}, "learning curve (model alone, test)"))

    report["models"] = dict(TRAINING_COUNTS)  # trained in this run vs loaded from .cache/models
    report["complete"] = True
    save()
    log(f"wrote {args.out} in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
