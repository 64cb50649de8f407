"""normalized values for QUANTITY, MONEY, ORG and POLICY, as in normalized-values.md."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from serving.normalize import (
    normalize,
    normalize_money,
    normalize_name,
    normalize_quantity,
    to_json_number,
)

# Every example of normalized-values.md, verbatim.
SPEC_QUANTITY = [
    ("27490户", {"value": 27490, "unit": "户", "modifier": None}),
    ("近1万名", {"value": 10000, "unit": "名", "modifier": "approx"}),
    ("3000余公里", {"value": 3000, "unit": "公里", "modifier": "over",
                  "si": {"value": 3000000, "unit": "m"}}),
    ("130万千瓦", {"value": 1300000, "unit": "千瓦", "modifier": None,
                "si": {"value": 1300000000, "unit": "W"}}),
    ("1.13%", {"value": 1.13, "unit": "%", "modifier": None}),
    ("近两成", {"value": 20, "unit": "%", "modifier": "approx"}),
    ("80%至85%", {"value": None, "min": 80, "max": 85, "unit": "%", "modifier": None}),
    ("8.9萬餘戶", {"value": 89000, "unit": "户", "modifier": "over"}),
    ("230余万斤", {"value": 2300000, "unit": "斤", "modifier": "over",
                "si": {"value": 1150000, "unit": "kg"}}),
    ("5.95个百分点", {"value": 5.95, "unit": "个百分点", "modifier": None}),
]
SPEC_MONEY = [
    ("20多亿元", {"value": 2000000000, "currency": "CNY", "modifier": "over"}),
    ("3679.75万元", {"value": 36797500, "currency": "CNY", "modifier": None}),
    ("5千元", {"value": 5000, "currency": "CNY", "modifier": None}),
    ("6万余元", {"value": 60000, "currency": "CNY", "modifier": "over"}),
    ("7000元以上", {"value": 7000, "currency": "CNY", "modifier": "over"}),
    ("八九千", {"value": None, "min": 8000, "max": 9000, "currency": "CNY", "modifier": None}),
    ("130.87億元", {"value": 13087000000, "currency": "CNY", "modifier": None}),
]


@pytest.mark.parametrize(("text", "expected"), SPEC_QUANTITY)
def test_spec_quantity(text: str, expected: dict) -> None:
    got = normalize("QUANTITY", text)
    assert got == expected
    assert json.dumps(got, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


@pytest.mark.parametrize(("text", "expected"), SPEC_MONEY)
def test_spec_money(text: str, expected: dict) -> None:
    got = normalize("MONEY", text)
    assert got == expected
    assert json.dumps(got) == json.dumps(expected)


def test_spec_envelope_example() -> None:
    assert normalize("MONEY", "20多亿元") == {
        "value": 2000000000, "currency": "CNY", "modifier": "over"
    }


@pytest.mark.parametrize(
    ("text", "value", "unit", "modifier"),
    [
        ("6,688", 6688, None, None),
        ("32万", 320000, None, None),
        ("两栋", 2, "栋", None),
        ("10余家", 10, "家", "over"),
        ("26.3万人次", 263000, "人次", None),
        ("三千余", 3000, None, "over"),
        ("约3万人", 30000, "人", "approx"),
        ("不超过5000人", 5000, "人", "under"),
        ("不足100户", 100, "户", "under"),
        ("97%以上", 97, "%", "over"),
        ("高於10%", 10, "%", "over"),
        ("5000人左右", 5000, "人", "approx"),
        ("3公里多", 3, "公里", "over"),
        ("25度", 25, "度", None),
        ("十几个", 10, "个", "over"),
        ("近一半", 50, "%", "approx"),
        ("百分之八十五", 85, "%", None),
        ("近1000人/次", 1000, "人次", "approx"),
    ],
)
def test_quantity(text: str, value: int, unit: str | None, modifier: str | None) -> None:
    got = normalize_quantity(text)
    assert got is not None
    assert (got["value"], got["unit"], got["modifier"]) == (value, unit, modifier)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "modifier"),
    [
        ("3至5万人", 30000, 50000, "人", None),
        ("4到6斤", 4, 6, "斤", None),
        ("500多米到900多米", 500, 900, "米", "over"),
        ("80-85%", 80, 85, "%", None),
        ("七八成", 70, 80, "%", None),
        ("约3至5万人", 30000, 50000, "人", "approx"),
        ("500至1万人", 500, 10000, "人", None),
        ("三至五万人", 30000, 50000, "人", None),
        ("二十至三十万人", 200000, 300000, "人", None),
        ("八至九百人", 800, 900, "人", None),
    ],
)
def test_quantity_ranges(text: str, low: int, high: int, unit: str, modifier: str | None) -> None:
    got = normalize_quantity(text)
    assert got is not None
    assert got["value"] is None
    assert (got["min"], got["max"], got["unit"], got["modifier"]) == (low, high, unit, modifier)


@pytest.mark.parametrize(
    ("text", "si_value", "si_unit"),
    [
        ("1537公顷", 15370000, "m2"),
        ("100亩", 66666.7, "m2"),
        ("3万吨", 30000000, "kg"),
        ("2000千瓦时", 2000000, "Wh"),
        ("5千瓦", 5000, "W"),
        ("900米", 900, "m"),
        ("50立方米", 50, "m3"),
        ("2公斤", 2, "kg"),
    ],
)
def test_si(text: str, si_value: float, si_unit: str) -> None:
    got = normalize_quantity(text)
    assert got is not None and got["si"] == {"value": si_value, "unit": si_unit}


def test_si_range_and_units_without_si() -> None:
    got = normalize_quantity("4到6斤")
    assert got is not None and got["si"] == {"value": None, "min": 2, "max": 3, "unit": "kg"}
    for text in ("25度", "27490户", "1.13%", "5.95个百分点"):
        assert "si" not in (normalize_quantity(text) or {})


def test_wan_dun_unit_is_dun() -> None:
    got = normalize_quantity("3万吨")
    assert got is not None and (got["value"], got["unit"]) == (30000, "吨")


@pytest.mark.parametrize(
    ("text", "value", "currency", "modifier"),
    [
        ("近1万名", None, None, None),  # not money: no currency word and not implied
        ("超2300万元", 23000000, "CNY", "over"),
        ("不超过5000元", 5000, "CNY", "under"),
        ("近2万元", 20000, "CNY", "approx"),
        ("500万美元", 5000000, "USD", None),
        ("100港币", 100, "HKD", None),
        ("100港元", 100, "HKD", None),
        ("30欧元", 30, "EUR", None),
        ("1000日元", 1000, "JPY", None),
        ("3万块", 30000, "CNY", None),
        ("30元钱", 30, "CNY", None),
        ("人民币500万元", 5000000, "CNY", None),
        ("500万人民币", 5000000, "CNY", None),
        ("3元5角", 3.5, "CNY", None),
        ("五角", 0.5, "CNY", None),
        ("3块5", 3.5, "CNY", None),
        ("2元3角5分", 2.35, "CNY", None),
        ("2996.35元", 2996.35, "CNY", None),
        ("14.8亿元", 1480000000, "CNY", None),
    ],
)
def test_money(text: str, value: float | None, currency: str | None, modifier: str | None) -> None:
    got = normalize_money(text)
    if currency is None:
        assert got is None
        return
    assert got == {"value": value, "currency": currency, "modifier": modifier}


@pytest.mark.parametrize("sep", ["—", "-", "~", "～", "至", "到"])
def test_money_ranges(sep: str) -> None:
    assert normalize_money(f"1070{sep}2350元") == {
        "value": None, "min": 1070, "max": 2350, "currency": "CNY", "modifier": None
    }


@pytest.mark.parametrize(
    ("text", "low", "high"), [("3至5万元", 30000, 50000), ("3至5千元", 3000, 5000)]
)
def test_money_range_shares_multiplier(text: str, low: int, high: int) -> None:
    got = normalize_money(text)
    assert got is not None and (got["min"], got["max"]) == (low, high)


def test_implied_currency() -> None:
    assert normalize_money("八九千") is None
    assert normalize_money("八九千", implied=True) == SPEC_MONEY[5][1]
    assert normalize("MONEY", "一万") == {"value": 10000, "currency": "CNY", "modifier": None}


@pytest.mark.parametrize(
    "text",
    ["几十户", "数百人", "上百元", "上千人", "三分之一", "成千上万", "abc", "", "元", "-5%", "十几个几"],
)
def test_unworkable_is_none(text: str) -> None:
    assert normalize_quantity(text) is None
    assert normalize("MONEY", text) is None


@given(st.text(max_size=12))
def test_never_raises(text: str) -> None:
    for etype in ("QUANTITY", "MONEY", "ORG", "POLICY", "REGION", "OTHER"):
        normalize(etype, text, [])


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("广水市健康扶贫“三个一批”行动方案", "广水市健康扶贫三个一批行动方案"),
        ("《农村供水用水条例》", "农村供水用水条例"),
        ("“四個不摘”", "四个不摘"),
        ("陝西汽車控股集團 有限公司", "陕西汽车控股集团有限公司"),
        ("漢中市扶貧辦", "汉中市扶贫办"),
        ("農(nóng)村危房改造", "农村危房改造"),
        ("「两不愁三保障」", "两不愁三保障"),
    ],
)
def test_names(text: str, name: str) -> None:
    assert normalize_name(text) == {"name": name}
    assert normalize("ORG", text) == normalize("POLICY", text) == {"name": name}


# --------------------------------------------------------------------------- JSON numbers


def test_to_json_number() -> None:
    assert to_json_number(Decimal("36797500")) == 36797500
    assert isinstance(to_json_number(Decimal("3.6797500E+7")), int)
    assert to_json_number(Decimal("1.13")) == 1.13
    assert repr(to_json_number(Decimal("0.1"))) == "0.1"
    with pytest.raises(ValueError):
        to_json_number(Decimal("0.12345678901234567890123"))
    with pytest.raises(ValueError):
        to_json_number(Decimal("NaN"))


def test_unrepresentable_value_is_null() -> None:
    assert normalize_quantity("0.12345678901234567890123个") is None


def test_unknown_type() -> None:
    assert normalize("PERSON", "张三") is None


def test_unit_symbols_normalize_with_si():
    from serving.normalize import normalize

    assert normalize("QUANTITY", "218.8万m3", []) == {
        "value": 2188000, "unit": "m3", "modifier": None, "si": {"value": 2188000, "unit": "m3"}}
    assert normalize("QUANTITY", "10km", [])["si"] == {"value": 10000, "unit": "m"}
    assert normalize("QUANTITY", "1.7℃", [])["value"] == 1.7
