"""``normalized`` values for QUANTITY, MONEY, ORG, POLICY and REGION spans.

The schema is ``/work/shared/spec/normalized-values.md``. A QUANTITY/MONEY span is read as
``[bound word] number [多/余] [unit or currency] [bound word]``, or two such sides joined by
至/到/-/—/~ (a range). Whatever cannot be worked out gives ``None`` (emitted as
``"normalized": null``); nothing here raises.

JSON numbers: every number in a returned dict is an ``int`` when whole, else a ``float``
whose ``repr`` is exactly the decimal (``to_json_number``), so the standard ``json`` module
and FastAPI emit the shortest exact decimal and no custom encoder is needed. A decimal with
no exact float twin (more than ~15 significant digits) raises in ``to_json_number`` and the
span is reported as ``None`` rather than rounded. ``si`` values are rounded to 6 significant
digits only when the conversion is not exact (亩).

Modifiers: the outermost bound word wins (prefix, then suffix, then 多/余 in the number). A
range takes its outer bound word, else the modifier both ends share (500多米到900多米 ->
over), else ``None``.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable, Sequence
from decimal import Context, Decimal, Inexact
from fractions import Fraction
from functools import lru_cache

from serving.numbers import (
    BIG_UNITS,
    DIGITS,
    EXACT,
    FRACTION_MARK,
    OVER,
    OVER_MARKERS,
    SMALL_UNITS,
    TENS_SHORTHAND,
    TENTH_UNIT,
    VAGUE_MARKERS,
    Amount,
    clean,
    parse_amount,
    parse_percent,
    plain,
    to_decimal,
)
from serving.regions import RegionContext, resolve, to_simplified
from serving.textprep import strip_glosses

log = logging.getLogger(__name__)

APPROX, UNDER = "approx", "under"
PREFIX_MODIFIERS: dict[str, str | None] = {
    "将近": APPROX, "大约": APPROX, "大概": APPROX, "接近": APPROX, "约": APPROX, "近": APPROX,
    "不超过": UNDER, "不足": UNDER, "不到": UNDER, "未满": UNDER, "不满": UNDER, "低于": UNDER,
    "少于": UNDER, "小于": UNDER, "至多": UNDER, "最多": UNDER,
    "超过": OVER, "不低于": OVER, "不少于": OVER, "至少": OVER, "最少": OVER, "多于": OVER,
    "高于": OVER, "大于": OVER, "逾": OVER, "超": OVER,
    # verbs and totals that sometimes stick to a span: no modifier
    "共计": None, "合计": None, "总计": None, "累计": None, "达到": None, "高达": None,
    "多达": None, "共": None, "达": None,
}
SUFFIX_MODIFIERS: dict[str, str | None] = {
    "以上": OVER, "多": OVER, "余": OVER,
    "以下": UNDER, "以内": UNDER, "之内": UNDER,
    "左右": APPROX, "上下": APPROX,
    "之多": None,
}
RANGE_SEP = re.compile(r"[至到~〜～\-–—－]+")

# QUANTITY units with an SI conversion: unit -> (si unit, factor).
SI_UNITS: dict[str, tuple[str, Fraction]] = {
    "米": ("m", Fraction(1)), "公里": ("m", Fraction(1000)), "千米": ("m", Fraction(1000)),
    "厘米": ("m", Fraction(1, 100)), "毫米": ("m", Fraction(1, 1000)),
    "分米": ("m", Fraction(1, 10)), "里": ("m", Fraction(500)),
    "平方米": ("m2", Fraction(1)), "平米": ("m2", Fraction(1)),
    "平方公里": ("m2", Fraction(10**6)), "平方千米": ("m2", Fraction(10**6)),
    "公顷": ("m2", Fraction(10**4)), "亩": ("m2", Fraction(10000, 15)),
    "克": ("kg", Fraction(1, 1000)), "千克": ("kg", Fraction(1)), "公斤": ("kg", Fraction(1)),
    "斤": ("kg", Fraction(1, 2)), "吨": ("kg", Fraction(1000)),
    "瓦": ("W", Fraction(1)), "千瓦": ("W", Fraction(10**3)), "兆瓦": ("W", Fraction(10**6)),
    "吉瓦": ("W", Fraction(10**9)),
    "瓦时": ("Wh", Fraction(1)), "千瓦时": ("Wh", Fraction(10**3)),
    "兆瓦时": ("Wh", Fraction(10**6)),
    "立方米": ("m3", Fraction(1)), "立方": ("m3", Fraction(1)), "方": ("m3", Fraction(1)),
    "升": ("m3", Fraction(1, 1000)), "毫升": ("m3", Fraction(1, 10**6)),
    # Symbols written in Chinese text (218.8万m3, 200kg, 3000㎡).
    "m3": ("m3", Fraction(1)), "m³": ("m3", Fraction(1)), "m2": ("m2", Fraction(1)),
    "m²": ("m2", Fraction(1)), "㎡": ("m2", Fraction(1)), "km": ("m", Fraction(1000)),
    "kg": ("kg", Fraction(1)), "MW": ("W", Fraction(10**6)), "kW": ("W", Fraction(10**3)),
}
# Units that start with a numeral character or would otherwise be split wrongly.
MEASURE_WORDS = ("个百分点", "百分点", "人次", "度", "千瓦时", "千伏安", "千伏", "℃", "°C", "°")
KNOWN_UNITS = tuple(sorted({*SI_UNITS, *MEASURE_WORDS}, key=len, reverse=True))
UNIT_SPELLINGS = {"人/次": "人次"}
MAX_UNIT_LEN = 4
CJK_FIRST, CJK_LAST = "\u4e00", "\u9fff"
NUMBER_CHARS = frozenset(
    [*DIGITS, *SMALL_UNITS, *BIG_UNITS, *TENS_SHORTHAND, *OVER_MARKERS, *VAGUE_MARKERS]
)
SI_DIGITS = 6
SI_CONTEXT = Context(prec=SI_DIGITS)
PERCENT = "%"
TEN = Decimal(10)

CURRENCIES: dict[str, str] = {
    "人民币": "CNY", "元": "CNY", "块": "CNY", "圆": "CNY",
    "美元": "USD", "港元": "HKD", "港币": "HKD", "欧元": "EUR", "日元": "JPY", "英镑": "GBP",
}
CURRENCY_WORDS = tuple(sorted(CURRENCIES, key=len, reverse=True))
CURRENCY_PREFIX = "人民币"
MONEY_TRAILER = "钱"  # 30元钱
IMPLIED_CURRENCY = "CNY"
SUBUNITS = {"角": Decimal("0.1"), "毛": Decimal("0.1"), "分": Decimal("0.01")}
YUAN_JIAO_FEN = re.compile(
    r"^(?:(?P<yuan>.+?)[元块])?(?P<jiao>[^元块]+?[角毛])?(?P<fen>[^元块]+?分)?$"
)
KUAI_DIGIT = re.compile(r"^(?P<yuan>.+?)块(?P<jiao>[一二两三四五六七八九1-9])$")

NAME_MARKS = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>«»〔〕【】]")

# --------------------------------------------------------------------------- JSON numbers


def to_json_number(value: Decimal) -> int | float:
    """``int`` when whole, else a ``float`` whose repr is exactly the decimal.

    Raises ``ValueError`` when no float reproduces the decimal exactly.
    """
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    if value == value.to_integral_value():
        return int(value)
    number = float(str(value.normalize()))
    if Decimal(repr(number)) != value:
        raise ValueError(f"{value} has no exact float representation")
    return number


# --------------------------------------------------------------------------- pieces


def _prepare(text: str) -> str:
    return to_simplified(clean(text))


def _strip_modifiers(text: str) -> tuple[str, str | None, bool]:
    """Remove outer bound words; returns (core, modifier, found a bound word)."""
    modifier: str | None = None
    found = False
    for table, at_start in ((PREFIX_MODIFIERS, True), (SUFFIX_MODIFIERS, False)):
        changed = True
        while changed:
            changed = False
            for word in sorted(table, key=len, reverse=True):
                hit = text.startswith(word) if at_start else text.endswith(word)
                if hit and len(text) > len(word):
                    text = text[len(word):] if at_start else text[: -len(word)]
                    if table[word] is not None and not found:
                        modifier, found = table[word], True
                    changed = True
                    break
    return text, modifier, found


def _split_range(text: str) -> tuple[str, str] | None:
    match = RANGE_SEP.search(text)
    if not match or match.start() == 0 or match.end() == len(text):
        return None
    return text[: match.start()], text[match.end():]


def _number_and_unit(text: str) -> tuple[Amount, str | None] | None:
    """Split ``[number][unit]`` (unit may be absent); the number may be a percent form."""
    percent = parse_percent(text)
    if percent is not None:
        return percent, PERCENT
    for unit in KNOWN_UNITS:
        if text.endswith(unit) and len(text) > len(unit):
            amount = parse_amount(text[: -len(unit)])
            if amount is not None:
                return amount, unit
    for cut in range(len(text), 0, -1):
        amount = parse_amount(text[:cut])
        if amount is None:
            continue
        unit = text[cut:]
        if not unit:
            return amount, None
        return (amount, unit) if _plausible_unit(unit) else None
    return None


def _plausible_unit(unit: str) -> bool:
    """A short CJK measure word without number material (十几个几 -> no)."""
    if len(unit) > MAX_UNIT_LEN or set(unit) & NUMBER_CHARS or FRACTION_MARK in unit:
        return False  # 三分之一: fractions are not read
    return all(CJK_FIRST <= ch <= CJK_LAST for ch in unit)


def _borrowed_multiplier(left_text: str, right_text: str) -> Decimal:
    """The multiplier a range's left end shares with its right end: 3至5万 -> 万,
    3至5千 -> 千, 二十至三十万 -> 万 (the left has 十 but no 万/亿 of its own)."""
    run = ""
    for ch in reversed("".join(ch for ch in right_text if ch not in OVER_MARKERS)):
        if ch not in SMALL_UNITS and ch not in BIG_UNITS:
            break
        run = ch + run
    if set(left_text) & set(BIG_UNITS):
        return Decimal(1)
    if set(left_text) & set(SMALL_UNITS):
        run = run[len(run.rstrip("".join(BIG_UNITS))) :]  # keep only the trailing 万/亿
    multiplier = to_decimal("1" + run) if run else None
    return multiplier if multiplier is not None else Decimal(1)


def _join_range(left: Amount, right: Amount, left_text: str, right_text: str) -> Amount | None:
    """One range from two sides; the left end borrows a shared multiplier when that keeps
    it below the right end (3至5万人 -> 30000..50000, 500至1万人 -> 500..10000)."""
    if left.value is None or right.value is None:
        return None
    low = left.value
    scaled = low * _borrowed_multiplier(left_text, right_text)
    if scaled < right.value:
        low = scaled
    if low >= right.value:
        return None
    shared = left.modifier if left.modifier == right.modifier else None
    return Amount(None, plain(low), plain(right.value), shared)


def _number_text(side: str, unit: str | None) -> str:
    return side[: -len(unit)] if unit and side.endswith(unit) else side


def _as_amount(number: Amount) -> dict:
    if number.value is not None:
        return {"value": to_json_number(number.value)}
    assert number.low is not None and number.high is not None
    return {"value": None, "min": to_json_number(number.low),
            "max": to_json_number(number.high)}


def _scale(value: Decimal, factor: Fraction) -> Decimal:
    """value * factor, exact when possible, else to 6 significant digits (亩)."""
    scaled = value * factor.numerator
    try:
        return plain(EXACT.divide(scaled, Decimal(factor.denominator)))
    except Inexact:
        return plain(SI_CONTEXT.divide(scaled, Decimal(factor.denominator)))


def _si(number: Amount, unit: str | None) -> dict | None:
    if unit not in SI_UNITS:
        return None
    si_unit, factor = SI_UNITS[unit]
    if number.value is not None:
        return {"value": to_json_number(_scale(number.value, factor)), "unit": si_unit}
    assert number.low is not None and number.high is not None
    return {"value": None, "min": to_json_number(_scale(number.low, factor)),
            "max": to_json_number(_scale(number.high, factor)), "unit": si_unit}


# --------------------------------------------------------------------------- QUANTITY


def _quantity_side(text: str) -> tuple[Amount, str | None] | None:
    core, modifier, found = _strip_modifiers(text)
    parsed = _number_and_unit(core)
    if parsed is None:
        return None
    number, unit = parsed
    if unit == TENTH_UNIT:  # reached only for forms parse_percent did not take
        return None
    if found:
        number = Amount(number.value, number.low, number.high, modifier)
    return number, unit


def _one_or_range(
    core: str,
    parse_side: Callable[[str], tuple[Amount, str | None] | None],
    number_text: Callable[[str, str | None], str],
) -> tuple[Amount, str | None] | None:
    """One amount, or a range of two sides (3至5万人) joined into one; the label (unit or
    currency) is shared, and two different labels make the span unreadable."""
    sides = _split_range(core)
    if sides is None:
        return parse_side(core)
    left, right = (parse_side(side) for side in sides)
    if left is None or right is None:
        return None
    if left[1] is not None and right[1] is not None and left[1] != right[1]:
        return None
    texts = (number_text(sides[0], left[1]), number_text(sides[1], right[1]))
    joined = _join_range(left[0], right[0], *texts)
    return None if joined is None else (joined, right[1] or left[1])


def _quantity(text: str) -> dict | None:
    text = _prepare(text)
    for written, spelled in UNIT_SPELLINGS.items():
        text = text.replace(written, spelled)
    core, modifier, found = _strip_modifiers(text)
    parsed = _one_or_range(core, _quantity_side, _number_text)
    if parsed is None:
        return None
    number, unit = parsed
    if found:
        number = Amount(number.value, number.low, number.high, modifier)
    result = {**_as_amount(number), "unit": unit, "modifier": number.modifier}
    si = _si(number, unit)
    if si is not None:
        result["si"] = si
    return result


def normalize_quantity(span_text: str) -> dict | None:
    """QUANTITY ``normalized`` dict, or ``None`` when the value cannot be worked out."""
    try:
        return _quantity(span_text) if isinstance(span_text, str) else None
    except (ArithmeticError, ValueError):
        return None


# --------------------------------------------------------------------------- MONEY


def _yuan_jiao_fen(text: str) -> Amount | None:
    """3元5角 / 3块5 / 五角 -> CNY with sub-units (3.5, 3.5, 0.5)."""
    match = KUAI_DIGIT.match(text) or YUAN_JIAO_FEN.match(text)
    if not match or not any(match.groupdict().get(k) for k in ("jiao", "fen")):
        return None
    total = Decimal(0)
    if match["yuan"]:
        yuan = parse_amount(match["yuan"])
        if yuan is None or yuan.value is None:
            return None
        total = yuan.value
    for key in ("jiao", "fen"):
        part = match.groupdict().get(key)
        if not part:
            continue
        unit = SUBUNITS.get(part[-1], SUBUNITS["角"])
        digits = part[:-1] if part[-1] in SUBUNITS else part
        count = parse_amount(digits)
        if count is None or count.value is None:
            return None
        total += count.value * unit
    return Amount(plain(total))


def _money_side(text: str) -> tuple[Amount, str | None] | None:
    core, modifier, found = _strip_modifiers(text)
    currency: str | None = None
    if core.startswith(CURRENCY_PREFIX) and len(core) > len(CURRENCY_PREFIX):
        core, currency = core[len(CURRENCY_PREFIX):], CURRENCIES[CURRENCY_PREFIX]
    core = core.removesuffix(MONEY_TRAILER) or core
    number = _yuan_jiao_fen(core)
    if number is not None:
        return number, IMPLIED_CURRENCY
    for word in CURRENCY_WORDS:
        if core.endswith(word) and len(core) > len(word):
            core = core[: -len(word)]
            if currency is not None and currency != CURRENCIES[word]:
                return None
            currency = CURRENCIES[word]
            break
    amount = parse_amount(core)
    if amount is None:
        return None
    if found:
        amount = Amount(amount.value, amount.low, amount.high, modifier)
    return amount, currency


def _strip_currency(side: str) -> str:
    for word in CURRENCY_WORDS:
        if side.endswith(word):
            return side[: -len(word)]
    return side


def _money(text: str, implied: bool) -> dict | None:
    core, modifier, found = _strip_modifiers(_prepare(text))
    parsed = _one_or_range(core, _money_side, lambda side, _label: _strip_currency(side))
    if parsed is None:
        return None
    number, currency = parsed
    if currency is None:
        if not implied:
            return None
        currency = IMPLIED_CURRENCY
    if found:
        number = Amount(number.value, number.low, number.high, modifier)
    return {**_as_amount(number), "currency": currency, "modifier": number.modifier}


def normalize_money(span_text: str, implied: bool = False) -> dict | None:
    """MONEY ``normalized`` dict (value in base units, ISO 4217 currency), or ``None``.

    ``implied=True``: a span without a currency word (一个月能拿八九千) is CNY. With
    ``implied=False`` such a span gives ``None``.
    """
    try:
        return _money(span_text, implied) if isinstance(span_text, str) else None
    except (ArithmeticError, ValueError):
        return None


# --------------------------------------------------------------------------- names


def normalize_name(span_text: str) -> dict:
    """ORG/POLICY: ``{"name": simplified, quotes, book-title marks and whitespace removed}``.

    Editorial pinyin glosses (農(nóng)村) are dropped too, as the tagger drops them."""
    text, _ = strip_glosses(str(span_text))
    return {"name": NAME_MARKS.sub("", to_simplified(text))}


@lru_cache(maxsize=8192)
def _amount(type_: str, span_text: str) -> dict | None:
    """QUANTITY/MONEY values are pure functions of the span text: cached (the recognizers
    and the entity builder both ask for the same spans)."""
    if type_ == "QUANTITY":
        return normalize_quantity(span_text)
    return normalize_money(span_text, implied=True)


def normalize(
    type_: str, span_text: str, context: RegionContext | Sequence[str] | None = None
) -> dict | None:
    """``normalized`` value for one span; ``None`` for unknown types or unworkable values."""
    try:
        if type_ in ("QUANTITY", "MONEY"):
            cached = _amount(type_, span_text)
            return copy.deepcopy(cached) if cached is not None else None
        if type_ in ("ORG", "POLICY"):
            return normalize_name(span_text)
        if type_ == "REGION":
            return resolve(span_text, context)
    except Exception:  # a serving request must never fail on one span
        log.exception("normalize(%r, %r) failed", type_, span_text)
    return None
