"""Shared fixtures: a tiny tokenizer, a fake runtime, and (with torch) a tiny exported model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from tokenizers import Tokenizer, models

from serving.encoder import char_split_pretokenizer
from serving.labels import bio_labels, save_labels
from serving.settings import ServingSettings
from serving.tagger import Tagger

SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]
FIXTURE_TEXT = (
    "汉中市南郑区累计实现减贫27490户78799人贫困发生率下降至1.13%。"
    "張家口市747個貧困村脫貧出列，經過審核驗收。南郑区人民政府投入20多亿元，国开行贷款5.3亿元。"
    "两不愁三保障易地扶贫搬迁近1万名干部陕西省城固县三合镇黄牛嘴村秦岭"
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,%()（）《》“”、；：:!?-"
)


def tiny_tokenizer() -> Tokenizer:
    """A Unigram tokenizer over single characters with the project's pre-tokenizer."""
    chars = sorted(set(FIXTURE_TEXT) | {"▁"})
    vocab = [(s, 0.0) for s in SPECIALS] + [(c, -1.0) for c in chars]
    tok = Tokenizer(models.Unigram(vocab, unk_id=SPECIALS.index("<unk>"), byte_fallback=False))
    tok.pre_tokenizer = char_split_pretokenizer()
    return tok


class FakeRuntime:
    """Labels every digit token B-QUANTITY-like from the token ids alone: deterministic."""

    def __init__(self, tok: Tokenizer, labels: list[str]) -> None:
        self.digit_ids = {tok.token_to_id(str(d)) for d in range(10)}
        self.labels = labels
        self.calls = 0

    def probabilities(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        self.calls += 1
        probs = np.zeros((*ids.shape, len(self.labels)), dtype=np.float32)
        probs[..., 0] = 1.0
        b_q, i_q = self.labels.index("B-QUANTITY"), self.labels.index("I-QUANTITY")
        for r in range(ids.shape[0]):
            prev_digit = False
            for c in range(ids.shape[1]):
                if int(ids[r, c]) in self.digit_ids and mask[r, c]:
                    probs[r, c, 0] = 0.0
                    probs[r, c, i_q if prev_digit else b_q] = 1.0
                    prev_digit = True
                else:
                    prev_digit = False
        return probs


def write_model_dir(folder: Path, tok: Tokenizer, name: str = "fake") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tok.save(str(folder / "tokenizer.json"))
    save_labels(folder / "labels.json", bio_labels())
    manifest = {"name": name, "version": "test", "scores": {"test": {"micro": {"f1": 0.0}}}}
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    return folder


@pytest.fixture()
def fake_tagger(tmp_path: Path) -> Tagger:
    tok = tiny_tokenizer()
    folder = write_model_dir(tmp_path / "fake-model", tok)
    settings = ServingSettings(max_tokens=16, window_overlap=4, batch_windows=4)
    return Tagger(folder, settings=settings, runtime=FakeRuntime(tok, bio_labels()))
