"""Text preparation with an offset map: the caller's text -> the text the model sees.

Three steps, each keeping a map from every prepared character back to the span of the
original string it came from:

1. editorial pinyin glosses after a character are removed (「經(jīng)過」 -> 「經過」);
2. traditional script is converted to simplified with OpenCC (phrase dictionaries
   included; where a phrase changes length its characters share the phrase's span);
3. characters the tokenizer would mangle (full-width ASCII, odd spaces, zero-width
   marks) are replaced one-for-one in the model's view only.

Spans found on the prepared text come back with `Prepared.to_original`, so the entity
text is always `original[start:end]`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# A pinyin syllable with a tone mark, or plain letters with a tone digit 1-5.
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = f"a-zü{_TONE_VOWELS}"
_SYLLABLE = rf"(?:[{_PINYIN_LETTERS}]*[{_TONE_VOWELS}][{_PINYIN_LETTERS}]*|[a-zü]+[1-5])"
_GLOSS_RE = re.compile(
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]\s*{_SYLLABLE}(?:\s+{_SYLLABLE})*\s*[)）]",
    re.IGNORECASE,
)

# One-for-one replacements for the model's view.
_SPACES = {
    "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005",
    "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000",
    "\t", "\r", "\n", "\v", "\f", "\u2028", "\u2029",
}
# Variant characters OpenCC leaves alone (陜 U+965C for 陕).
_VARIANTS = {"陜": "陕"}
_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def _model_char(ch: str) -> str:
    """The character the model sees for `ch` (always exactly one character)."""
    if ch in _SPACES or ch in _ZERO_WIDTH:
        return " "
    if ch in _VARIANTS:
        return _VARIANTS[ch]
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
        return chr(code - 0xFEE0)
    if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
        return " "
    return ch


@lru_cache(maxsize=1)
def _opencc():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Every character OpenCC's t2s character table knows: text without any is left alone."""
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    return frozenset(line.split("\t", 1)[0] for line in table.read_text("utf-8").splitlines() if line)


def to_simplified(text: str) -> str:
    """Traditional -> simplified with OpenCC (phrase dictionaries included)."""
    if not any(ch in _traditional_chars() for ch in text):
        return text  # already simplified: skip the (slow, pure-Python) converter
    return str(_opencc().convert(text))


@dataclass(frozen=True)
class Prepared:
    """The model's view of `original`; `starts[i]:ends[i]` is where `text[i]` came from."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of `text` to a half-open span of `original`."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad span [{start}, {end}) for text of length {len(self.text)}")
        return self.starts[start], self.ends[end - 1]

    def from_original(self, start: int, end: int) -> tuple[int, int] | None:
        """Map an original span to the prepared span covering it (None if it maps to nothing)."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        if first >= last:
            return None
        return first, last


def strip_glosses(text: str) -> tuple[str, list[int]]:
    """Remove pinyin glosses; return the new text and, per kept char, its original index."""
    keep: list[int] = []
    pos = 0
    for m in _GLOSS_RE.finditer(text):
        keep.extend(range(pos, m.start()))
        pos = m.end()
    keep.extend(range(pos, len(text)))
    return "".join(text[i] for i in keep), keep


_CJK = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_CHUNK_RE = re.compile(f"[{_CJK}]+|[^{_CJK}]+")


def _convert_with_map(text: str) -> tuple[str, list[tuple[int, int]]]:
    """OpenCC t2s over runs of CJK characters, mapping each output char to an input span."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _CHUNK_RE.finditer(text):
        chunk = m.group()
        converted = to_simplified(chunk) if _is_cjk(chunk[0]) else chunk
        base = m.start()
        if len(converted) == len(chunk):
            spans.extend((base + i, base + i + 1) for i in range(len(chunk)))
        else:
            # A phrase changed length: each output char gets the span of the input
            # chars proportional to it, so spans stay monotone and cover the chunk.
            n_in, n_out = len(chunk), len(converted)
            for j in range(n_out):
                lo = (j * n_in) // n_out
                hi = max(lo + 1, ((j + 1) * n_in + n_out - 1) // n_out)
                spans.append((base + lo, base + min(hi, n_in)))
        out.append(converted)
    return "".join(out), spans


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF


def prepare(original: str, simplify: bool = True) -> Prepared:
    """Clean `original` for the model and keep the map back to it."""
    stripped, kept = strip_glosses(original)
    if simplify:
        converted, local = _convert_with_map(stripped)
    else:
        converted, local = stripped, [(i, i + 1) for i in range(len(stripped))]
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in local:
        starts.append(kept[lo])
        ends.append(kept[hi - 1] + 1)
    text = "".join(_model_char(c) for c in converted)
    return Prepared(original, text, tuple(starts), tuple(ends))


# -- sentences -----------------------------------------------------------------------

_TERMINATORS = "。！？!?；;"
_CLOSERS = "”’」』）)》\"'"


def split_sentences(text: str, max_chars: int = 0) -> list[tuple[int, int]]:
    """Half-open sentence spans of `text`, blank lines and surrounding spaces excluded.

    Sentences end at 。！？!?；; (plus any closing quotes after them) and at line breaks.
    With `max_chars` > 0, longer sentences are further cut at commas, then hard.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "\n\r":
            spans.append((start, i))
            start = i + 1
        elif ch in _TERMINATORS and not _inside_word(text, i):
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            spans.append((start, j))
            start = j
            i = j
            continue
        i += 1
    spans.append((start, n))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.extend(_cut(text, s, e, max_chars) if max_chars else [(s, e)])
    return out


def _inside_word(text: str, i: int) -> bool:
    """An ASCII ?!; glued to Latin letters or a parenthesis (「因?qū」 in mangled glosses)."""
    if text[i] not in "?!;" or i + 1 >= len(text):
        return False
    nxt = text[i + 1]
    return nxt == "(" or ("a" <= nxt.lower() <= "z") or nxt in _TONE_VOWELS


def _cut(text: str, s: int, e: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut [s, e) into pieces of at most max_chars, preferring to cut after a comma."""
    pieces: list[tuple[int, int]] = []
    while e - s > max_chars:
        window = text[s : s + max_chars]
        cut = max(window.rfind("，"), window.rfind(","), window.rfind("、"))
        end = s + cut + 1 if cut > max_chars // 3 else s + max_chars
        pieces.append((s, end))
        s = end
    pieces.append((s, e))
    return pieces
