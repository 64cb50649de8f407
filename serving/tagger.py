"""The Tagger: original text -> entities with normalized values (ONNX Runtime, no torch).

original text -> prepare (offset map) -> tokenizer -> windows -> runtime -> BIO decode
-> spans in original offsets (+ rule recognizers, combined) -> normalizers -> JSON dicts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import serving.combine as combine_mod
from serving.combine import combine
from serving.decode import Span, allowed_transitions, decode_bio, viterbi
from serving.encoder import (
    Tokens,
    Window,
    load_tokenizer,
    owner_windows,
    sentence_windows,
    special_ids,
    tokenize_batch,
    windows,
)
from serving.entities import normalize_entities
from serving.errors import InputError, ModelError
from serving.labels import load_labels
from serving.runtime import OnnxRuntime, Runtime
from serving.settings import ServingSettings
from serving.textprep import Prepared, prepare

MODEL_FILES = ("model.onnx", "tokenizer.json", "labels.json", "manifest.json")


@dataclass
class _Job:
    text_idx: int
    win: Window


class Tagger:
    def __init__(
        self,
        model_dir: Path,
        settings: ServingSettings | None = None,
        runtime: Runtime | None = None,
    ) -> None:
        self.settings = settings or ServingSettings()
        self.model_dir = Path(model_dir)
        check_model_dir(self.model_dir, need_onnx=runtime is None)
        try:
            self.labels = load_labels(self.model_dir / "labels.json")
            self.manifest: dict[str, Any] = json.loads(
                (self.model_dir / "manifest.json").read_text("utf-8")
            )
            self.tokenizer = load_tokenizer(self.model_dir / "tokenizer.json")
            self.special = special_ids(self.tokenizer)
            self.allowed = allowed_transitions(self.labels)
            self.runtime: Runtime = runtime or OnnxRuntime(
                self.model_dir / "model.onnx", threads=self.settings.threads
            )
        except ModelError:
            raise
        except Exception as exc:  # any failure to load is one clear error
            raise ModelError("E003", path=self.model_dir, reason=f"{type(exc).__name__}: {exc}") from exc

    # -- model -------------------------------------------------------------------------

    def model_spans(self, preps: list[Prepared]) -> list[list[Span]]:
        """Model predictions as spans on each prepared text."""
        toks = tokenize_batch(self.tokenizer, [p.text for p in preps])
        size, overlap = self.settings.max_tokens, self.settings.window_overlap
        wins = [
            sentence_windows(p.text, t.offsets, size, overlap)
            if self.settings.sentence_windows
            else windows(len(t.ids), size, overlap)
            for p, t in zip(preps, toks, strict=True)
        ]
        jobs = [_Job(i, w) for i, ws in enumerate(wins) for w in ws if w.end > w.start]
        probs_of: dict[tuple[int, int], np.ndarray] = {}
        # Sort by length so each runtime call pads little.
        jobs.sort(key=lambda j: j.win.end - j.win.start)
        step = max(1, self.settings.batch_windows)
        for b in range(0, len(jobs), step):
            chunk = jobs[b : b + step]
            out = self._run(chunk, toks)
            for job, p in zip(chunk, out, strict=True):
                probs_of[(job.text_idx, job.win.start)] = p
        result: list[list[Span]] = []
        for i, tok in enumerate(toks):
            n = len(tok.ids)
            if n == 0:
                result.append([])
                continue
            owner = owner_windows(n, wins[i])
            rows = np.stack([probs_of[(i, wins[i][owner[t]].start)][t - wins[i][owner[t]].start] for t in range(n)])
            # Pieces that cover no character (a lone word-start marker) must not break an
            # entity in two: they take part in decoding as "continue whatever is open".
            pred = viterbi(np.log(rows + 1e-9).tolist(), self.allowed, self.labels)
            conf = [float(rows[t, p]) for t, p in enumerate(pred)]
            result.append(decode_bio(self.labels, pred, conf, tok.offsets))
        return result

    def _run(self, chunk: list[_Job], toks: list[Tokens]) -> list[np.ndarray]:
        """Run one batch of windows; returns per window the probabilities of its content tokens."""
        longest = max(j.win.end - j.win.start for j in chunk) + 2
        ids = np.full((len(chunk), longest), self.special["pad"], dtype=np.int64)
        mask = np.zeros((len(chunk), longest), dtype=np.int64)
        for r, j in enumerate(chunk):
            piece = toks[j.text_idx].ids[j.win.start : j.win.end]
            row = [self.special["cls"], *piece, self.special["sep"]]
            ids[r, : len(row)] = row
            mask[r, : len(row)] = 1
        probs = self.runtime.probabilities(ids, mask)
        return [probs[r, 1 : 1 + j.win.end - j.win.start] for r, j in enumerate(chunk)]

    # -- public API --------------------------------------------------------------------

    def check_texts(self, texts: list[str]) -> None:
        limit = self.settings.max_chars_per_text
        for i, t in enumerate(texts):
            if len(t) > limit:
                raise InputError("E010", index=i, n=len(t), limit=limit)
            try:
                t.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError("E013", index=i, reason=exc.reason) from exc

    def spans(self, texts: list[str], use_model: bool = True, use_rules: bool | None = None) -> list[list[Span]]:
        """Final spans in ORIGINAL offsets for each text (before normalization)."""
        rules_on = self.settings.use_rules if use_rules is None else use_rules
        preps = [prepare(t) for t in texts]
        # With the rules on, the model runs only if the hybrid takes any type from it.
        needed = use_model and (not rules_on or bool(self.hybrid_model_types()))
        model = self.model_spans(preps) if needed else [[] for _ in preps]
        out: list[list[Span]] = []
        for prep, m in zip(preps, model, strict=True):
            out.append(combine(prep, m, rules_on))
        return out

    def hybrid_model_types(self) -> frozenset[str]:
        """The types the hybrid takes from the model: none with HYBRID_MODEL=0."""
        return combine_mod.MODEL_TYPES if self.settings.hybrid_model else frozenset()

    def tag_batch(self, texts: list[str]) -> list[list[dict[str, Any]]]:
        self.check_texts(texts)
        results: list[list[dict[str, Any]]] = []
        for text, spans in zip(texts, self.spans(texts), strict=True):
            results.append(normalize_entities(text, spans))
        return results

    def tag(self, text: str) -> list[dict[str, Any]]:
        return self.tag_batch([text])[0]

    def info(self) -> dict[str, Any]:
        return {
            "name": self.manifest.get("name", self.model_dir.name),
            "version": self.manifest.get("version"),
            "base_model": self.manifest.get("base_model"),
            "labels": self.labels,
            "scores": self.manifest.get("scores", {}),
            "rules": self.settings.use_rules,
            "model_types": sorted(self.hybrid_model_types()) if self.settings.use_rules else "all",
        }


def check_model_dir(path: Path, need_onnx: bool = True) -> None:
    """Raise ModelError with one clear line unless `path` holds a usable model folder."""
    if not path.is_dir():
        raise ModelError("E001", path=path)
    needed = MODEL_FILES if need_onnx else tuple(f for f in MODEL_FILES if f != "model.onnx")
    missing = [f for f in needed if not (path / f).is_file()]
    if missing:
        raise ModelError("E002", path=path, missing=", ".join(missing))
