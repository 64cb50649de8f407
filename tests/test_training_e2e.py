"""A tiny randomly initialised BERT trained a few steps, exported to ONNX and served."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from serving.encoder import special_ids  # noqa: E402
from serving.labels import bio_labels  # noqa: E402
from serving.runtime import OnnxRuntime  # noqa: E402
from serving.tagger import Tagger  # noqa: E402
from tests.conftest import tiny_tokenizer, write_model_dir  # noqa: E402
from training.data import AlignStats, Sentence, encode_sentence  # noqa: E402
from training.export import compress_fp16, export_onnx, optimize, parity, quantize  # noqa: E402
from training.settings import TrainSettings  # noqa: E402
from training.train import encode_all, fit, load_model  # noqa: E402

SENTS = [
    Sentence("t:0", "t", "汉中市南郑区累计实现减贫27490户", [
        {"type": "REGION", "start": 0, "end": 3}, {"type": "REGION", "start": 3, "end": 6},
        {"type": "QUANTITY", "start": 12, "end": 18}]),
    Sentence("t:1", "t", "張家口市747個貧困村脫貧出列", [
        {"type": "REGION", "start": 0, "end": 4}, {"type": "QUANTITY", "start": 4, "end": 8}]),
]


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny-base")
    tok = tiny_tokenizer()
    cfg = transformers.BertConfig(
        vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2,
        num_attention_heads=2, intermediate_size=64, max_position_embeddings=128,
    )
    torch.manual_seed(0)
    transformers.BertModel(cfg).save_pretrained(folder)
    tok.save(str(folder / "tokenizer.json"))
    return folder


def _char_labels(tok, ex, labels):
    """Labels of the pieces that cover characters, with a leading '-100' for CLS."""
    pieces = [tok.id_to_token(i) for i in ex["input_ids"]]
    kept = [lab for p, lab in zip(pieces, ex["labels"], strict=False) if p != "▁"]
    return [labels[i] if i >= 0 else "-100" for i in kept]


def test_label_alignment_first_piece_b_then_i_and_specials_ignored():
    tok = tiny_tokenizer()
    labels = bio_labels()
    stats = AlignStats()
    (ex,) = encode_sentence(tok, labels, SENTS[0].text, SENTS[0].entities, 64, 8, stats)
    assert ex["labels"][0] == ex["labels"][-1] == -100
    names = _char_labels(tok, ex, labels)
    assert names[1:4] == ["B-REGION", "I-REGION", "I-REGION"]
    assert names[4] == "B-REGION"
    assert stats.entities == 3 and stats.boundaries_inside_piece == 0


def test_traditional_sentence_aligns_through_the_offset_map():
    tok = tiny_tokenizer()
    labels = bio_labels()
    (ex,) = encode_sentence(tok, labels, SENTS[1].text, SENTS[1].entities, 64, 8)
    names = _char_labels(tok, ex, labels)
    assert names[1:5] == ["B-REGION", "I-REGION", "I-REGION", "I-REGION"]
    assert names[5:9] == ["B-QUANTITY", "I-QUANTITY", "I-QUANTITY", "I-QUANTITY"]


@pytest.mark.slow
def test_train_export_serve_end_to_end(tiny_base, tmp_path):
    tok = tiny_tokenizer()
    settings = TrainSettings(base=tiny_base, epochs=30, batch_size=2, lr=5e-3, head_lr=5e-3, bf16=False, warmup_ratio=0.0)
    model = load_model(tiny_base)
    examples = encode_all(tok, SENTS, settings)
    losses = fit(model, examples, settings, special_ids(tok)["pad"], settings.epochs, desc="tiny")
    assert losses[-1] < losses[0] * 0.5, losses

    folder = write_model_dir(tmp_path / "artifact", tok, name="tiny")
    export_onnx(model, folder / "model.onnx", settings.opset)
    sample = [tok.encode(s.text).ids for s in SENTS]
    assert parity(model, folder / "model.onnx", sample, special_ids(tok)["pad"]) < 1e-4

    tagger = Tagger(folder)
    assert isinstance(tagger.runtime, OnnxRuntime)
    spans = tagger.spans([s.text for s in SENTS], use_rules=False)
    found = {(sp.type, sp.start, sp.end) for sp in spans[0]}
    assert ("QUANTITY", 12, 18) in found  # memorised after 30 epochs
    ents = tagger.tag(SENTS[0].text)
    assert all(SENTS[0].text[e["start"] : e["end"]] == e["text"] for e in ents)

    optimize(folder / "model.onnx", tmp_path / "opt.onnx", model.config)
    quantize(tmp_path / "opt.onnx", tmp_path / "int8.onnx")
    assert (tmp_path / "int8.onnx").stat().st_size < (folder / "model.onnx").stat().st_size
    # fp16-stored weights: a smaller file (about half for the real model, where weights
    # dominate), the same outputs up to fp16 rounding.
    compress_fp16(tmp_path / "opt.onnx", tmp_path / "fp16w.onnx", min_elements=1)
    assert (tmp_path / "fp16w.onnx").stat().st_size < (tmp_path / "opt.onnx").stat().st_size
    half = Tagger(folder, runtime=OnnxRuntime(tmp_path / "fp16w.onnx"))
    ids = np.array([sample[0]], dtype=np.int64)
    mask = np.ones_like(ids)
    diff = np.abs(half.runtime.probabilities(ids, mask) - tagger.runtime.probabilities(ids, mask)).max()
    assert diff < 1e-2


def test_leave_one_document_out_holds_every_document_out_exactly_once():
    from training.evaluate import folds

    docs = ["b", "a", "c", "d"]
    assert folds(docs, 0) == [["a"], ["b"], ["c"], ["d"]]
    assert folds(docs, 10) == [["a"], ["b"], ["c"], ["d"]]
    two = folds(docs, 2)
    assert sorted(d for f in two for d in f) == sorted(docs) and len(two) == 2


def test_trained_model_cache_reuses_only_an_identical_training(tiny_base, tmp_path, monkeypatch):
    import training.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CACHE", tmp_path)
    tok = tiny_tokenizer()
    settings = TrainSettings(base=tiny_base, layers=2, epochs=1, batch_size=2, warmup_ratio=0.0)
    first = pipeline.train_model(SENTS, settings, tok, None, cache=True)
    (saved,) = (tmp_path / "models").glob("*.pt")
    calls = []
    monkeypatch.setattr(pipeline, "fit", lambda *a, **k: calls.append(1) or [0.0])
    again = pipeline.train_model(SENTS, settings, tok, None, cache=True)
    assert calls == []  # loaded, not trained
    for (name, a), (_, b) in zip(first.state_dict().items(), again.state_dict().items(), strict=True):
        assert torch.equal(a, b), name
    pipeline.train_model(SENTS[:1], settings, tok, None, cache=True)  # other data: trains
    assert calls == [1]
    assert pipeline.model_key(SENTS, settings, None) != pipeline.model_key(SENTS[:1], settings, None)
    other = TrainSettings(base=tiny_base, layers=2, epochs=2, batch_size=2, warmup_ratio=0.0)
    assert pipeline.model_key(SENTS, settings, None) != pipeline.model_key(SENTS, other, None)
    assert saved.exists()


def test_evaluation_tags_each_document_whole_and_hands_spans_back_to_sentences():
    from serving.decode import Span
    from training.pipeline import SENTENCE_JOINER, predict

    class SeesDocuments:
        """Finds every 校农结合 only when the same text also quotes it."""

        def __init__(self):
            self.texts = []

        def spans(self, texts, use_model=True, use_rules=True):
            self.texts.extend(texts)
            out = []
            for t in texts:
                found = [Span("POLICY", i, i + 4, 0.9, "rules") for i in range(len(t)) if t.startswith("校农结合", i)]
                out.append(found if "“校农结合”" in t else [])
                if SENTENCE_JOINER in t:  # and one span that runs across the joiner
                    k = t.index(SENTENCE_JOINER)
                    out[-1].append(Span("ORG", k - 2, k + 3, 0.9, "rules"))
            return out

    sents = [
        Sentence("a:0", "a", "全省“校农结合”启动"),
        Sentence("b:0", "b", "无关的句子"),
        Sentence("a:1", "a", "校农结合实施一年"),
    ]
    fake = SeesDocuments()
    got = predict(fake, sents, "rules")
    assert fake.texts == ["全省“校农结合”启动" + SENTENCE_JOINER + "校农结合实施一年", "无关的句子"]
    # the crossing span is cut at its sentence's end: it can only be a false positive
    assert [(s.type, sents[0].text[s.start : s.end]) for s in got[0]] == [("POLICY", "校农结合"), ("ORG", "启动")]
    assert got[1] == []
    assert [(s.type, sents[2].text[s.start : s.end]) for s in got[2]] == [("POLICY", "校农结合")]
    # Sentence by sentence, the unquoted mention is not found.
    assert predict(SeesDocuments(), sents, "rules", by_document=False)[2] == []


def test_scoring_variants_runs_the_model_once_and_changes_only_the_combination():
    from tests.conftest import FakeRuntime
    from training.evaluate import predict_system, scoring_tagger

    tok = tiny_tokenizer()
    runtime = FakeRuntime(tok, bio_labels())
    settings = TrainSettings(max_tokens=16, window_overlap=4)
    tagger = scoring_tagger(None, tok, settings, runtime=runtime)
    tagger.tokenizer = tok  # the tiny vocabulary the fake runtime reads
    sents = [Sentence("a:0", "a", "汉中市南郑区减贫27490户。"), Sentence("b:0", "b", "南郑区人民政府投入20亿元")]
    alone = predict_system(tagger, sents, "model")
    calls = runtime.calls
    assert calls > 0 and [(s.type, sents[0].text[s.start : s.end]) for s in alone[0]] == [("QUANTITY", "27490")]
    again = predict_system(tagger, sents, "model")
    hybrid = predict_system(tagger, sents, "hybrid: model adds every type at >= 0.6")
    assert runtime.calls == calls  # the same texts: the model's spans are reused
    assert again == alone
    got = [(s.type, sents[0].text[s.start : s.end], s.source) for s in hybrid[0]]
    assert ("QUANTITY", "27490户", "rules") in got and ("REGION", "汉中市", "rules") in got  # the rules win the overlap


def test_mlm_masking_never_touches_special_pieces_and_labels_only_masked_ones():
    from training.mlm import _mask

    batch = torch.tensor([[0, 5, 6, 7, 8, 9, 10, 11, 2, 1]] * 64)
    inputs, labels = _mask(batch, mask_id=99, vocab=50, specials={0, 1, 2}, rng=torch.Generator().manual_seed(0))
    special = (batch == 0) | (batch == 1) | (batch == 2)
    assert torch.equal(inputs[special], batch[special]) and bool((labels[special] == -100).all())
    chosen = labels != -100
    assert torch.equal(labels[chosen], batch[chosen])  # the model must predict the original piece
    assert 0.08 < chosen.float().mean().item() < 0.22  # about 15 % of the pieces
    assert bool((inputs[chosen] == 99).float().mean() > 0.6)  # most chosen pieces become <mask>
    assert torch.equal(inputs[~chosen], batch[~chosen])
