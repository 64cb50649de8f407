"""Tokenization and windows: the prepared text -> model inputs, shared by training and serving.

The tokenizer is the artifact's `tokenizer.json` (Hugging Face `tokenizers`, no
transformers). Long texts are cut into overlapping windows of token ids; every token's
prediction is taken from the window in which it sits farthest from an edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tokenizers import Encoding, Regex, Tokenizer, pre_tokenizers

from serving.textprep import split_sentences

# Every CJK character and every digit becomes a pre-token of its own, so that entity
# boundaries (汉中市|南郑区, 27490|户) never fall inside a piece.
CHAR_SPLIT = r"[\p{Han}\p{N}]"


def char_split_pretokenizer() -> pre_tokenizers.PreTokenizer:
    return pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(CHAR_SPLIT), behavior="isolated"),
            pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first"),
        ]
    )


def load_tokenizer(path: Path) -> Tokenizer:
    tok = Tokenizer.from_file(str(path))
    tok.no_truncation()
    tok.no_padding()
    return tok


@dataclass(frozen=True)
class Tokens:
    """Pieces of one prepared text (no special tokens) with char offsets into it."""

    ids: list[int]
    offsets: list[tuple[int, int]]


METASPACE = "▁"


def _tokens(text: str, enc: Encoding) -> Tokens:
    ids: list[int] = []
    offsets: list[tuple[int, int]] = []
    for i, piece, (s, e) in zip(enc.ids, enc.tokens, enc.offsets, strict=True):
        if piece == METASPACE:  # a lone word-start marker covers no character
            e = s
        # Trim whitespace off the piece's character span.
        while s < e and text[s].isspace():
            s += 1
        ids.append(i)
        offsets.append((s, max(s, e)))
    return Tokens(ids, offsets)


def tokenize(tok: Tokenizer, text: str) -> Tokens:
    return _tokens(text, tok.encode(text, add_special_tokens=False))


def tokenize_batch(tok: Tokenizer, texts: list[str]) -> list[Tokens]:
    encs = tok.encode_batch(texts, add_special_tokens=False)
    return [_tokens(t, e) for t, e in zip(texts, encs, strict=True)]


@dataclass(frozen=True)
class Window:
    start: int  # first token index (into Tokens) of the window's content
    end: int  # one past the last


def windows(n_tokens: int, max_tokens: int, overlap: int) -> list[Window]:
    """Overlapping windows over n tokens; each holds at most max_tokens - 2 (for CLS/SEP)."""
    size = max_tokens - 2
    if size <= 0:
        raise ValueError("max_tokens must leave room for the special tokens")
    if n_tokens <= size:
        return [Window(0, n_tokens)]
    step = max(1, size - overlap)
    out: list[Window] = []
    start = 0
    while True:
        end = min(start + size, n_tokens)
        out.append(Window(start, end))
        if end == n_tokens:
            return out
        start += step


def sentence_windows(
    text: str, offsets: list[tuple[int, int]], max_tokens: int, overlap: int
) -> list[Window]:
    """Windows that never cross a sentence end: the model was trained on single sentences
    (training/sentences.py cuts documents with the same `split_sentences`), so a window
    holds one sentence, or one piece of a sentence longer than a window."""
    ends = sorted(e for _s, e in split_sentences(text))
    out: list[Window] = []
    start, k = 0, 0
    for t, (a, _b) in enumerate(offsets):
        cut = False
        while k < len(ends) and ends[k] <= a:
            cut, k = True, k + 1
        if cut and t > start:
            out.extend(Window(start + w.start, start + w.end) for w in windows(t - start, max_tokens, overlap))
            start = t
    if len(offsets) > start:
        out.extend(Window(start + w.start, start + w.end) for w in windows(len(offsets) - start, max_tokens, overlap))
    return out or [Window(0, 0)]


def owner_windows(n_tokens: int, wins: list[Window]) -> list[int]:
    """For every token, the window in which it is farthest from an edge (ties: earlier)."""
    best = [-1] * n_tokens
    depth = [-1] * n_tokens
    for w_idx, w in enumerate(wins):
        for t in range(w.start, w.end):
            # A window edge that is also the text's edge is no edge at all.
            left = t - w.start if w.start > 0 else n_tokens
            right = w.end - 1 - t if w.end < n_tokens else n_tokens
            d = min(left, right)
            if d > depth[t]:
                depth[t], best[t] = d, w_idx
    return best


SPECIAL_CANDIDATES = {
    "cls": ("<s>", "[CLS]"),
    "sep": ("</s>", "[SEP]"),
    "pad": ("<pad>", "[PAD]"),
}


def special_ids(tok: Tokenizer) -> dict[str, int]:
    """Ids of the CLS, SEP and PAD tokens, whichever convention the vocabulary uses."""
    out: dict[str, int] = {}
    for role, names in SPECIAL_CANDIDATES.items():
        for name in names:
            tid = tok.token_to_id(name)
            if tid is not None:
                out[role] = tid
                break
        else:
            raise ValueError(f"tokenizer has no {role} token ({' or '.join(names)})")
    return out
