"""Chinese / Arabic number grammar with exact ``decimal.Decimal`` results.

Why this is own code and not cn2an or jionlp: cn2an returns ints/floats (3679.75万 becomes a
binary float), raises on anything it does not know, and has no notion of 多/余 markers,
adjacent-digit ranges (八九千) or 成; jionlp's parsers are float-based too and pull in a large
dependency tree. The grammar below is small, exact, and returns ``None`` instead of raising.

Public functions (all return ``None`` for anything not understood, never raise):

- ``to_decimal(text)``: one number: 6,688 / １２３ / 3679.75万 / 一千零五 / 贰佰 / 廿五 / 一点五亿
  / 二〇二〇 / 1万5 (= 15000, the spoken "one wan five").
- ``parse_amount(text)``: a number that may carry an inner 多/余 (20多亿, 三千余, 8.9萬餘) or be an
  adjacent-digit range (八九千 -> 8000..9000, 十七八 -> 17..18, 三四百万).
- ``parse_percent(text)``: 85% / 百分之八十五 / 两成 / 三成五 / 七八成 / 一半, in percent.

几 after a number is a lower bound like 多 (十几个 -> 10, over); vague counts that start
with 几 or use 数 (几十, 数百) are not well defined and give ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, localcontext

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "弌": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "弍": 2,
    "三": 3, "叁": 3, "參": 3, "参": 3, "叄": 3, "弎": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
ZEROS = frozenset("零〇○")
TWO_LIANG = frozenset("两兩")  # 两 counts but is never read digit by digit
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
TENS_SHORTHAND: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
OVER_MARKERS = frozenset("多余餘几幾")  # 十几 = more than ten; 几 first (几十) stays vague
DECIMAL_POINTS = frozenset("点點")
VAGUE_MARKERS = frozenset("数數")
PERCENT_SIGNS = ("%", "％")
PERCENT_PREFIX = "百分之"
TENTH_UNIT = "成"  # 两成 = 20 %
HALF_WORDS = {"一半": 50, "半数": 50}  # in percent
FRACTION_MARK = "分之"  # 三分之一: fractions are not parsed
TEN = 10
IMPLIED_UNIT_MIN = 100  # 三千五 = 3500 (五 counts hundreds); below 百 there is nothing implied

# Exact arithmetic: any rounding raises Inexact, which the public functions turn into None.
EXACT = Context(prec=60, traps=[Inexact, InvalidOperation, Overflow])
ARABIC_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
MAX_LEN = 64

OVER = "over"


@dataclass(frozen=True)
class Amount:
    """A parsed number: ``value``, or ``low``..``high`` for a range; ``modifier`` from 多/余."""

    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    modifier: str | None = None

    @property
    def is_range(self) -> bool:
        return self.value is None

    def scaled(self, factor: Decimal) -> Amount:
        """The same amount multiplied by ``factor`` (exact)."""
        with localcontext(EXACT):
            if self.value is not None:
                return Amount(plain(self.value * factor), modifier=self.modifier)
            assert self.low is not None and self.high is not None
            low, high = plain(self.low * factor), plain(self.high * factor)
            return Amount(None, low, high, self.modifier)


def clean(text: str) -> str:
    """NFKC (full-width digits, ％, ．), no whitespace, and no 个 before a multiplier
    (29.5个亿 is 29.5亿)."""
    return re.sub("个(?=亿)", "", "".join(unicodedata.normalize("NFKC", text).split()))


# --------------------------------------------------------------------------- tokens

@dataclass(frozen=True)
class _Tok:
    kind: str  # "num", "zero", "small", "tens", "big"
    value: Decimal
    single: bool = False  # a one-digit number (for the implied unit in 三千五)


def _tokenize(text: str) -> list[_Tok] | None:
    toks: list[_Tok] = []
    pos = 0
    while pos < len(text):
        ch = text[pos]
        match = ARABIC_RE.match(text, pos)
        if match:
            raw = match.group().replace(",", "")
            toks.append(_Tok("num", Decimal(raw), single=len(raw) == 1))
            pos = match.end()
            continue
        if ch in ZEROS:
            toks.append(_Tok("zero", Decimal(0)))
        elif ch in DIGITS:
            toks.append(_Tok("num", Decimal(DIGITS[ch]), single=True))
        elif ch in SMALL_UNITS:
            toks.append(_Tok("small", Decimal(SMALL_UNITS[ch])))
        elif ch in TENS_SHORTHAND:
            toks.append(_Tok("tens", Decimal(TENS_SHORTHAND[ch])))
        elif ch in BIG_UNITS:
            toks.append(_Tok("big", Decimal(BIG_UNITS[ch])))
        else:
            return None
        pos += 1
    return toks


def _evaluate(toks: list[_Tok]) -> Decimal | None:
    """Value of a units-form numeral (一千零五, 1.35万, 1万2千亿); ``None`` if malformed."""
    total = Decimal(0)
    section = Decimal(0)
    digit: _Tok | None = None
    top = Decimal(1)  # largest big unit applied so far
    last_small: Decimal | None = None
    prev_unit: Decimal | None = None
    zero_seen = False
    for i, tok in enumerate(toks):
        if tok.kind == "zero":
            if digit is not None:
                return None
            zero_seen = True
        elif tok.kind == "num":
            if digit is not None:
                return None
            digit = tok
        elif tok.kind in ("small", "tens"):
            unit = tok.value if tok.kind == "small" else Decimal(TEN)
            if last_small is not None and unit >= last_small:
                return None
            if tok.kind == "tens":
                if digit is not None:
                    return None
                section += tok.value
            else:
                section += (digit.value if digit else Decimal(1)) * unit
            digit, last_small, prev_unit, zero_seen = None, unit, unit, False
        else:  # big unit
            if digit is not None:
                section += digit.value
                digit = None
            if i == 0:
                section = Decimal(1)  # 万人 = 10000 people
            if tok.value > top:
                total = (total + section) * tok.value
                top = tok.value
            elif section:
                total += section * tok.value
            else:
                return None
            section, last_small, prev_unit, zero_seen = Decimal(0), None, tok.value, False
    if digit is not None:
        implied = (
            digit.single and not zero_seen and prev_unit is not None
            and prev_unit >= IMPLIED_UNIT_MIN
        )
        section += digit.value * prev_unit / TEN if implied and prev_unit else digit.value
    return total + section


def _positional(text: str) -> Decimal | None:
    """二〇二〇 -> 2020: Chinese digits read one by one (3+ digits, or 2 with a zero)."""
    if any(ch not in DIGITS or ch in TWO_LIANG for ch in text):
        return None
    if len(text) < 2 or (len(text) == 2 and not (set(text) & ZEROS)):
        return None  # 三五 is "three or five", 八九 a range
    return Decimal("".join(str(DIGITS[ch]) for ch in text))


def _with_point(text: str) -> Decimal | None:
    """一点五万 -> 15000: integer part, 点, digits read one by one, optional 万/亿."""
    head, _, tail = next(text.partition(p) for p in DECIMAL_POINTS if p in text)
    suffix = ""
    while tail and tail[-1] in BIG_UNITS:
        suffix = tail[-1] + suffix
        tail = tail[:-1]
    whole = _to_decimal(head)
    if whole is None or whole != whole.to_integral_value() or not tail:
        return None
    if any(ch not in DIGITS or ch in TWO_LIANG for ch in tail):
        return None
    frac = "".join(str(DIGITS[ch]) for ch in tail)
    return _to_decimal(f"{int(whole)}.{frac}{suffix}")


def _to_decimal(text: str) -> Decimal | None:
    if not text or len(text) > MAX_LEN:
        return None
    if any(ch in DECIMAL_POINTS for ch in text):
        return _with_point(text)
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        return _positional(text)
    toks = _tokenize(text)
    if not toks:
        return None
    with localcontext(EXACT):
        return _evaluate(toks)


def to_decimal(text: str) -> Decimal | None:
    """Exact value of one number (no range, no 多/余); ``None`` if not understood."""
    if not isinstance(text, str):
        return None
    try:
        value = _to_decimal(clean(text))
    except (ArithmeticError, ValueError):
        return None
    return plain(value) if value is not None else None


def plain(value: Decimal) -> Decimal:
    """Canonical form without exponent: 2E+2 -> 200, 1.350 -> 1.35."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=EXACT)
    return value.normalize(EXACT)


# --------------------------------------------------------------------------- amounts

def _adjacent_pair(text: str) -> int | None:
    """Index of the first of two adjacent Chinese digits n, n+1 (八九千, 十七八), if any."""
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a in DIGITS and b in DIGITS and a not in ZEROS and DIGITS[b] == DIGITS[a] + 1:
            return i
    return None


def _range(text: str) -> Amount | None:
    i = _adjacent_pair(text)
    if i is None:
        return None
    low = to_decimal(text[: i + 1] + text[i + 2 :])
    high = to_decimal(text[:i] + text[i + 1 :])
    if low is None or high is None or low >= high:
        return None
    return Amount(None, low, high)


def _split_over(text: str) -> tuple[str, bool] | None:
    """Remove one inner 多/余 (20多亿, 三千余); ``None`` if misplaced."""
    hits = [i for i, ch in enumerate(text) if ch in OVER_MARKERS]
    if not hits:
        return text, False
    if len(hits) > 1 or hits[0] == 0:
        return None
    i = hits[0]
    if any(ch not in BIG_UNITS for ch in text[i + 1 :]):
        return None
    return text[:i] + text[i + 1 :], True


def parse_amount(text: str) -> Amount | None:
    """A number with an optional inner 多/余, or an adjacent-digit range (八九千)."""
    if not isinstance(text, str):
        return None
    try:
        text = clean(text)
        if not text or text[0] in OVER_MARKERS or any(ch in VAGUE_MARKERS for ch in text):
            return None
        split = _split_over(text)
        if split is None:
            return None
        core, over = split
        modifier = OVER if over else None
        if not (all(ch in DIGITS for ch in core) and len(core) > 2):
            span = _range(core)
            if span is not None:
                return Amount(None, span.low, span.high, modifier)
        value = to_decimal(core)
        return Amount(value, modifier=modifier) if value is not None else None
    except (ArithmeticError, ValueError):
        return None


def parse_percent(text: str) -> Amount | None:
    """85% / 百分之八十五 / 两成 / 三成五 / 七八成 as an amount in percent."""
    if not isinstance(text, str):
        return None
    text = clean(text)
    if text in HALF_WORDS:
        return Amount(Decimal(HALF_WORDS[text]))
    if text.endswith(PERCENT_SIGNS):
        return parse_amount(text[:-1])
    if text.startswith(PERCENT_PREFIX):
        return parse_amount(text[len(PERCENT_PREFIX) :])
    head, sep, tail = text.partition(TENTH_UNIT)
    if not sep or not head:
        return None
    tenths = parse_amount(head)
    if tenths is None:
        return None
    if not tail or tail in OVER_MARKERS:
        scaled = tenths.scaled(Decimal(TEN))
        return Amount(scaled.value, scaled.low, scaled.high, OVER) if tail else scaled
    extra = to_decimal(tail)  # 三成五 = 35 %
    if tenths.value is None or extra is None or not 0 <= extra < TEN:
        return None
    return Amount(plain(tenths.value * TEN + extra), modifier=tenths.modifier)
