"""The number grammar: exact Decimals, ranges, 多/余, and round trips from integers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serving.numbers import Amount, parse_amount, parse_percent, to_decimal

# --------------------------------------------------------------------------- integer -> 中文

DIGITS = "零一二三四五六七八九"
FINANCIAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
SMALL = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
GROUPS = ("", "万", "亿", "万亿")


def _section(n: int) -> str:
    """0 < n < 10000, with 零 for inner gaps (一千零五, 一千零五十)."""
    out, gap = "", False
    for size, unit in SMALL:
        d = n // size % 10
        if d == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        out += DIGITS[d] + unit
    return out


def to_chinese(n: int, short_ten: bool = False) -> str:
    """Standard reading of 0 <= n < 10**16 with 万/亿 groups and 零 rules."""
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out, gap = "", False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        out += _section(g) + GROUPS[i]
        gap = False
    if short_ten and out.startswith("一十"):
        out = out[1:]  # 十五 rather than 一十五
    return out


def test_generator_itself() -> None:
    assert to_chinese(10005) == "一万零五"
    assert to_chinese(1050) == "一千零五十"
    assert to_chinese(100_000_001) == "一亿零一"
    assert to_chinese(15, short_ten=True) == "十五"


@given(st.integers(min_value=0, max_value=10**16 - 1), st.booleans())
def test_chinese_round_trip(n: int, short_ten: bool) -> None:
    assert to_decimal(to_chinese(n, short_ten)) == n


@given(st.integers(min_value=1, max_value=10**12))
def test_financial_round_trip(n: int) -> None:
    assert to_decimal(to_chinese(n).translate(FINANCIAL)) == n


@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_forms_agree(n: int) -> None:
    assert to_decimal(str(n)) == n
    assert to_decimal(f"{n:,}") == n
    full_width = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert to_decimal(full_width) == n
    assert to_decimal(f"{Decimal(n) / 10**4:f}万") == n
    assert to_decimal(f"{Decimal(n) / 10**8:f}亿") == n


def test_mixed_forms_agree() -> None:
    assert to_decimal("1.35万") == to_decimal("13500") == to_decimal("一万三千五百") == 13500


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6,688", 6688),
        ("１２３", 123),
        ("两", 2),
        ("兩億", 200_000_000),
        ("〇", 0),
        ("零", 0),
        ("一千零五", 1005),
        ("二〇二〇", 2020),
        ("廿", 20),
        ("廿五", 25),
        ("卅", 30),
        ("壹贰叁", 123),
        ("贰佰", 200),
        ("壹仟贰佰叁拾肆万伍仟陆佰柒拾捌", 12_345_678),
        ("貳參陸", 236),
        ("陸萬", 60_000),
        ("1.35万", 13500),
        ("3679.75万", 36_797_500),
        ("130.87億", 13_087_000_000),
        ("5千", 5000),
        ("2千5百万", 25_000_000),
        ("万亿", 10**12),
        ("1.2万亿", 1_200_000_000_000),
        ("1万2千亿", 1_200_000_000_000),
        ("一亿三千万", 130_000_000),
        ("三千五", 3500),
        ("1万5", 15000),
        ("一万零五", 10005),
        ("一点五亿", 150_000_000),
        ("1.13", Decimal("1.13")),
    ],
)
def test_to_decimal(text: str, value: int | Decimal) -> None:
    result = to_decimal(text)
    assert result == value
    assert isinstance(result, Decimal)


def test_exact_not_float() -> None:
    assert str(to_decimal("3679.75万")) == "36797500"
    assert str(to_decimal("0.1")) == "0.1"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("20多亿", 2_000_000_000),
        ("三千余", 3000),
        ("8.9萬餘", 89000),
        ("3万多", 30000),
        ("230余万", 2_300_000),
        ("十余", 10),
        ("十几", 10),
        ("二十几万", 200_000),
    ],
)
def test_inner_over(text: str, value: int) -> None:
    assert parse_amount(text) == Amount(Decimal(value), modifier="over")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("八九千", 8000, 9000),
        ("三四百", 300, 400),
        ("两三千", 2000, 3000),
        ("十七八", 17, 18),
        ("一千七八百", 1700, 1800),
        ("三四百万", 3_000_000, 4_000_000),
        ("八九", 8, 9),
    ],
)
def test_adjacent_digit_ranges(text: str, low: int, high: int) -> None:
    assert parse_amount(text) == Amount(None, Decimal(low), Decimal(high))


@pytest.mark.parametrize(
    ("text", "value"),
    [("85%", 85), ("1.13％", Decimal("1.13")), ("百分之八十五", 85), ("两成", 20),
     ("三成五", 35), ("一半", 50)],
)
def test_percent(text: str, value: int | Decimal) -> None:
    assert parse_percent(text) == Amount(Decimal(value))


def test_percent_range() -> None:
    assert parse_percent("七八成") == Amount(None, Decimal(70), Decimal(80))


@pytest.mark.parametrize(
    "text",
    ["", "几十", "数百", "成千上万", "三五", "五十百", "1,2", "1.", "abc", "多", "3五", "一二三四五" * 20],
)
def test_not_understood_is_none(text: str) -> None:
    assert parse_amount(text) is None


@given(st.text(max_size=12))
def test_never_raises(text: str) -> None:
    to_decimal(text)
    parse_amount(text)
    parse_percent(text)
