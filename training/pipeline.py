"""The training workflow shared by `make train` and `make eval`.

split -> (weak pre-training on rule-labelled corpus) -> gold fine-tuning -> predictions
through the serving Tagger (same windows, decoding and combination as in production).
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import torch
from tokenizers import Tokenizer

from serving.decode import Span
from serving.encoder import special_ids
from serving.labels import bio_labels, save_labels
from serving.recognizers import recognize
from serving.runtime import Runtime
from serving.settings import ServingSettings
from serving.tagger import Tagger
from serving.textprep import prepare
from training.data import ANNOTATIONS, AlignStats, Sentence, by_doc, load_annotations
from training.metrics import score
from training.sentences import document_sentences
from training.settings import ROOT, TrainSettings
from training.train import TorchRuntime, encode_all, fit, load_model

SPLITS = ANNOTATIONS / "splits.json"
CACHE = ROOT / ".cache"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- data ---------------------------------------------------------------------------------


@dataclass
class Split:
    train: list[Sentence]
    dev: list[Sentence]
    test: list[Sentence]


def annotated(sents: list[Sentence]) -> list[Sentence]:
    """Drop documents not annotated yet (every sentence still without entities)."""
    keep: list[Sentence] = []
    for doc, ss in by_doc(sents).items():
        if any(s.entities for s in ss):
            keep.extend(ss)
        else:
            log(f"note: {doc} has no entities yet; left out")
    return keep


def load_split() -> Split:
    spec = json.loads(SPLITS.read_text("utf-8"))
    sents = annotated(load_annotations())
    test, dev = set(spec["test"]), set(spec.get("dev", []))
    return Split(
        train=[s for s in sents if s.doc not in test and s.doc not in dev],
        dev=[s for s in sents if s.doc in dev],
        test=[s for s in sents if s.doc in test],
    )


def weak_sentences(settings: TrainSettings, exclude_docs: set[str]) -> list[Sentence]:
    """Corpus sentences labelled by the rule recognizers (never an annotated document)."""
    if not settings.corpus.exists():
        log(f"note: no corpus at {settings.corpus}; weak supervision skipped")
        return []
    out: list[Sentence] = []
    for line in settings.corpus.read_text("utf-8").splitlines():
        art = json.loads(line)
        if art["id"] in exclude_docs:
            continue
        text = art["text"]
        for s, e in document_sentences(text):
            sent = text[s:e]
            out.append(Sentence(f"{art['id']}@{s}", art["id"], sent, rule_entities(sent)))
            if len(out) >= settings.weak_max_sentences:
                return out
    return out


def rule_entities(text: str) -> list[dict]:
    prep = prepare(text)
    ents = []
    for sp in recognize(prep.text):
        s, e = prep.to_original(sp.start, sp.end)
        ents.append({"type": sp.type, "start": s, "end": e})
    return ents


def training_sentences(split: Split, settings: TrainSettings, silver_docs: list[str] | None = None) -> list[Sentence]:
    """What a model learns from: the gold training split, plus the silver sentences of the
    blind review articles (`silver_docs`, default all of them) when settings.silver."""
    if not settings.silver:
        return list(split.train)
    from training.silver import silver_sentences

    return list(split.train) + silver_sentences(silver_docs)


# -- training -----------------------------------------------------------------------------


def all_annotated_docs() -> set[str]:
    return {s.doc for s in load_annotations()}


def weak_init(base: Path, tok: Tokenizer, settings: TrainSettings) -> dict[str, torch.Tensor] | None:
    """Weights after weak pre-training (cached by base, settings and rules)."""
    if settings.weak_epochs <= 0:
        return None
    sents = weak_sentences(settings, all_annotated_docs())
    if not sents:
        return None
    key = hashlib.sha256(
        json.dumps(
            [str(base), settings.layers, settings.weak_epochs, settings.lr, settings.seed, [(s.text, s.entities) for s in sents]],
            ensure_ascii=False,
        ).encode()
    ).hexdigest()[:16]
    path = CACHE / f"weak-{key}.pt"
    if path.exists():
        log(f"weak pre-training: cached {path.name}")
        return torch.load(path)
    model = load_model(base, settings.layers)
    examples = encode_all(tok, sents, settings)
    log(f"weak pre-training on {len(sents)} rule-labelled corpus sentences")
    fit(model, examples, settings, special_ids(tok)["pad"], settings.weak_epochs, desc="weak")
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    CACHE.mkdir(exist_ok=True)
    torch.save(state, path)
    return state


# How many models train_model trained and how many it loaded from the cache (per process).
TRAINING_COUNTS: dict[str, int] = {"trained": 0, "loaded_from_cache": 0}


def model_key(
    train: list[Sentence], settings: TrainSettings, init: dict[str, torch.Tensor] | None
) -> str:
    """What a trained model depends on: base, recipe, training code, data and start weights."""
    h = hashlib.sha256()
    conv = settings.base / "conversion.json"
    h.update(conv.read_bytes() if conv.exists() else str(settings.base).encode())
    recipe = {k: v for k, v in settings.as_json().items() if k not in ("out", "corpus", "opset", "quantize", "int8_max_f1_drop", "weak_max_sentences", "weak_epochs", "silver")}
    h.update(json.dumps([recipe, torch.__version__], sort_keys=True).encode())
    for module in ("train.py", "data.py"):
        h.update((Path(__file__).parent / module).read_bytes())
    h.update(json.dumps([(s.text, [(e["type"], e["start"], e["end"]) for e in s.entities]) for s in train], ensure_ascii=False).encode())
    if init is not None:
        for name in sorted(init):
            h.update(name.encode())
            h.update(init[name].numpy().tobytes())
    return h.hexdigest()[:16]


def train_model(
    train: list[Sentence],
    settings: TrainSettings,
    tok: Tokenizer,
    init: dict[str, torch.Tensor] | None,
    desc: str = "gold",
    cache: bool = False,
) -> torch.nn.Module:
    """Fine-tune on `train`. With `cache`, a model trained before on exactly the same
    inputs (see model_key) is loaded from .cache/models instead of trained again, so
    `make eval` after a rules-only change re-scores without re-training."""
    model = load_model(settings.base, settings.layers)
    path = CACHE / "models" / f"{model_key(train, settings, init)}.pt" if cache else None
    if path is not None and path.exists():
        log(f"{desc}: cached model {path.name}")
        model.load_state_dict(torch.load(path))
        TRAINING_COUNTS["loaded_from_cache"] += 1
        return model.eval()
    TRAINING_COUNTS["trained"] += 1
    if init is not None:
        model.load_state_dict(init)
    examples = encode_all(tok, train, settings)
    fit(model, examples, settings, special_ids(tok)["pad"], settings.epochs, desc=desc)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        torch.save(model.state_dict(), tmp)
        tmp.replace(path)
    return model


# -- prediction through the serving Tagger -------------------------------------------------


def tagger_for(
    model: torch.nn.Module | None,
    tok: Tokenizer,
    settings: TrainSettings,
    runtime: Runtime | None = None,
) -> Tagger:
    """A serving Tagger over a torch model, a given runtime, or no model (rules only)."""
    folder = Path(tempfile.mkdtemp(prefix="tagger-"))
    tok.save(str(folder / "tokenizer.json"))
    save_labels(folder / "labels.json", bio_labels())
    (folder / "manifest.json").write_text(json.dumps({"name": "in-training"}), "utf-8")
    serving = ServingSettings(max_tokens=settings.max_tokens, window_overlap=settings.window_overlap)
    if runtime is None:
        runtime = TorchRuntime(model) if model is not None else _NoModel()
    return Tagger(folder, settings=serving, runtime=runtime)


class _NoModel:
    def probabilities(self, ids, mask):
        raise RuntimeError("rules-only tagger has no model")


# What the tagger reads during evaluation. Users send whole articles (HTTP, batch CLI), and
# some rules look across sentences (a quoted name counted once everywhere; a county's short
# form once its full name was written), so each document's sentences are tagged together,
# joined by this separator, and the spans are handed back to their sentences.
SENTENCE_JOINER = "\n"


def predict(tagger: Tagger, sents: list[Sentence], system: str, by_document: bool = True) -> list[list[Span]]:
    if system not in ("rules", "model", "hybrid"):
        raise ValueError(system)
    flags = {"use_model": system != "rules", "use_rules": system != "model"}
    if not by_document:
        return tagger.spans([s.text for s in sents], **flags)
    docs: dict[str, list[int]] = {}
    for i, s in enumerate(sents):
        docs.setdefault(s.doc, []).append(i)
    texts = [SENTENCE_JOINER.join(sents[i].text for i in idx) for idx in docs.values()]
    out: list[list[Span]] = [[] for _ in sents]
    for idx, spans in zip(docs.values(), tagger.spans(texts, **flags), strict=True):
        starts, pos = [], 0
        for i in idx:
            starts.append(pos)
            pos += len(sents[i].text) + len(SENTENCE_JOINER)
        for sp in spans:
            k = bisect.bisect_right(starts, sp.start) - 1
            base, length = starts[k], len(sents[idx[k]].text)
            if sp.start - base >= length:
                continue  # a span on the separator alone: no text of the document
            # A span running past its sentence keeps its start and is cut at the sentence
            # end: it can then only count as a false positive.
            out[idx[k]].append(dataclasses.replace(sp, start=sp.start - base, end=min(sp.end - base, length)))
    return out


def gold_spans(sents: list[Sentence]) -> list[list[tuple[str, int, int]]]:
    return [[(e["type"], e["start"], e["end"]) for e in s.entities] for s in sents]


def score_spans(sents: list[Sentence], pred: list[list[Span]]) -> dict:
    return score(
        [len(s.text) for s in sents],
        gold_spans(sents),
        [[(p.type, p.start, p.end) for p in ps] for ps in pred],
    )


def alignment_report(tok: Tokenizer, sents: list[Sentence], settings: TrainSettings) -> dict:
    stats = AlignStats()
    encode_all(tok, sents, settings, stats)
    return {
        "entities": stats.entities,
        "boundaries_inside_piece": stats.boundaries_inside_piece,
        "per_thousand_boundaries": round(1000 * stats.rate, 2),
    }
