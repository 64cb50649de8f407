"""Serving defaults in one place; each can be overridden from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw and raw.strip().isdigit() else default


@dataclass(frozen=True)
class ServingSettings:
    model_dir: Path = field(default_factory=lambda: Path(os.environ.get("MODEL_DIR", "models/current")))
    # Windows over long texts, in tokens (special tokens included) and their overlap.
    max_tokens: int = field(default_factory=lambda: _env_int("MAX_TOKENS", 256))
    window_overlap: int = field(default_factory=lambda: _env_int("WINDOW_OVERLAP", 64))
    # Windows stop at sentence ends (the model was trained on single sentences). Measured
    # with leave-one-document-out CV on whole documents (make eval): see README.
    sentence_windows: bool = field(default_factory=lambda: os.environ.get("SENTENCE_WINDOWS", "1") != "0")
    # Windows per ONNX call.
    batch_windows: int = field(default_factory=lambda: _env_int("BATCH_WINDOWS", 16))
    # ONNX Runtime intra-op threads (0 = one per core).
    threads: int = field(default_factory=lambda: _env_int("THREADS", 0))
    # Request limits.
    max_chars_per_text: int = field(default_factory=lambda: _env_int("MAX_CHARS", 200_000))
    max_texts_per_batch: int = field(default_factory=lambda: _env_int("MAX_TEXTS", 256))
    max_body_bytes: int = field(default_factory=lambda: _env_int("MAX_BODY_BYTES", 8 * 1024 * 1024))
    # Worker threads for requests (0 = one per core).
    request_threads: int = field(default_factory=lambda: _env_int("REQUEST_THREADS", 0))
    # Whether rule recognizers are combined with the model (the hybrid).
    use_rules: bool = field(default_factory=lambda: os.environ.get("USE_RULES", "1") != "0")
    # Whether the hybrid runs the model for the types it takes from it (serving.combine.
    # MODEL_TYPES). HYBRID_MODEL=0 serves the rules alone: about 28x faster at 200 characters, a little less
    # accurate on ORG (README, Results and Speed).
    hybrid_model: bool = field(default_factory=lambda: os.environ.get("HYBRID_MODEL", "1") != "0")


def cores() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
