"""Entity types and the BIO label map shared by training and serving."""

from __future__ import annotations

import json
from pathlib import Path

TYPES: tuple[str, ...] = ("REGION", "ORG", "POLICY", "QUANTITY", "MONEY")


def bio_labels(types: tuple[str, ...] = TYPES) -> list[str]:
    """['O', 'B-REGION', 'I-REGION', ...] in a fixed order."""
    return ["O"] + [f"{p}-{t}" for t in types for p in ("B", "I")]


def save_labels(path: Path, labels: list[str]) -> None:
    path.write_text(json.dumps({"labels": labels}, ensure_ascii=False, indent=1) + "\n", "utf-8")


def load_labels(path: Path) -> list[str]:
    data = json.loads(path.read_text("utf-8"))
    labels = data["labels"] if isinstance(data, dict) else data
    if not labels or labels[0] != "O" or not all(isinstance(x, str) for x in labels):
        raise ValueError(f"{path}: labels must be a list of strings starting with 'O'")
    return list(labels)
