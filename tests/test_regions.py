"""REGION resolution against serving/data/regions.tsv, and the gazetteer build."""

from __future__ import annotations

import csv
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from serving.normalize import normalize
from serving.regions import (
    DATA_PATH,
    FORMER_NAMES,
    RegionContext,
    gazetteer,
    resolve,
    short_forms,
)
from training import build_gazetteer


def region(name: str, full_name: str | None, code: str | None, level: str) -> dict:
    return {"name": name, "full_name": full_name, "code": code, "level": level}


# --------------------------------------------------------------------------- the table


def test_table_shape() -> None:
    rows = list(csv.reader(DATA_PATH.open(encoding="utf-8"), delimiter="\t"))
    assert rows[0] == ["code", "name", "level", "parent_code"]
    body = rows[1:]
    assert all(len(r) == 4 and len(r[0]) == 6 and r[0].isdigit() for r in body)
    assert len({r[0] for r in body}) == len(body)
    levels = Counter(r[2] for r in body)
    assert levels == {"province": 34, "city": 333, "county": 2843}
    codes = {r[0] for r in body}
    assert all(r[3] in codes for r in body if r[2] != "province")


@pytest.mark.parametrize(
    ("code", "name"),
    [("610703", "南郑区"), ("611002", "商州区"), ("130700", "张家口市"), ("610700", "汉中市"),
     ("610000", "陕西省"), ("653229", "和安县"), ("500157", "两江新区")],
)
def test_current_edition(code: str, name: str) -> None:
    assert gazetteer().by_code[code].name == name


def test_former_names_point_at_current_codes() -> None:
    assert all(code in gazetteer().by_code for code in FORMER_NAMES.values())


def test_build_rows_filters_non_gbt_units() -> None:
    codes = {
        "110000": "北京市", "110100": "北京市", "110105": "朝阳区", "610000": "陕西省",
        "610700": "汉中市", "610703": "南郑区", "419001": "济源市", "410000": "河南省",
        "710000": "台湾省", "710100": "台北市", "990000": "苏鲁交界", "133100": "雄安新区",
    }
    rows = build_gazetteer.build_rows(codes)
    assert rows == [
        ("110000", "北京市", "province", ""),
        ("110105", "朝阳区", "county", "110000"),
        ("410000", "河南省", "province", ""),
        ("419001", "济源市", "county", "410000"),
        ("610000", "陕西省", "province", ""),
        ("610700", "汉中市", "city", "610000"),
        ("610703", "南郑区", "county", "610700"),
        ("710000", "台湾省", "province", ""),
    ]


def test_build_checks_wheel_hash(tmp_path: Path) -> None:
    fake = tmp_path / build_gazetteer.WHEEL_NAME
    with zipfile.ZipFile(fake, "w") as zf:
        zf.writestr(build_gazetteer.CSV_MEMBER, "adcode,name\n610000000000,陕西省\n")
    with pytest.raises(SystemExit):
        build_gazetteer.read_adcodes(fake)


# --------------------------------------------------------------------------- resolve


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("汉中", region("汉中", "陕西省汉中市", "610700", "city")),
        ("陕西", region("陕西", "陕西省", "610000", "province")),
        ("南郑区", region("南郑区", "陕西省汉中市南郑区", "610703", "county")),
        ("张家口市", region("张家口市", "河北省张家口市", "130700", "city")),
        ("商洛市商州区", region("商洛市商州区", "陕西省商洛市商州区", "611002", "county")),
        ("陝西", region("陕西", "陕西省", "610000", "province")),
        ("陜西省", region("陕西省", "陕西省", "610000", "province")),
        ("漢中市", region("汉中市", "陕西省汉中市", "610700", "city")),
        ("内蒙古", region("内蒙古", "内蒙古自治区", "150000", "province")),
        ("广西", region("广西", "广西壮族自治区", "450000", "province")),
        ("新疆", region("新疆", "新疆维吾尔自治区", "650000", "province")),
        ("宁夏", region("宁夏", "宁夏回族自治区", "640000", "province")),
        ("北京", region("北京", "北京市", "110000", "province")),
        ("黔东南", region("黔东南", "贵州省黔东南苗族侗族自治州", "522600", "city")),
        ("黔东南州", region("黔东南州", "贵州省黔东南苗族侗族自治州", "522600", "city")),
        ("丹寨", region("丹寨", "贵州省黔东南苗族侗族自治州丹寨县", "522636", "county")),
        ("城固县", region("城固县", "陕西省汉中市城固县", "610722", "county")),
        ("济源", region("济源", "河南省济源市", "419001", "county")),
        ("乾县", region("乾县", "陕西省咸阳市乾县", "610424", "county")),
        ("乾縣", region("乾县", "陕西省咸阳市乾县", "610424", "county")),
        ("南通", region("南通", "江苏省南通市", "320600", "city")),
    ],
)
def test_resolve(mention: str, expected: dict) -> None:
    assert resolve(mention, []) == expected


@pytest.mark.parametrize(
    ("mention", "code", "full_name"),
    [
        ("南郑县", "610703", "陕西省汉中市南郑区"),
        ("商州市", "611002", "陕西省商洛市商州区"),
        ("汉中地区", "610700", "陕西省汉中市"),
        ("襄樊市", "420600", "湖北省襄阳市"),
        ("户县", "610118", "陕西省西安市鄠邑区"),
    ],
)
def test_renamed_units(mention: str, code: str, full_name: str) -> None:
    got = resolve(mention, [])
    assert (got["name"], got["code"], got["full_name"]) == (mention, code, full_name)


def test_country() -> None:
    assert resolve("中国", []) == region("中国", "中华人民共和国", None, "country")
    assert resolve("中华人民共和国", []) == region(
        "中华人民共和国", "中华人民共和国", None, "country"
    )
    assert resolve("俄罗斯", [])["level"] == "country"


def test_a_province_abbreviation_resolves_like_its_full_form() -> None:
    # The spec: a short form resolves like its full form; the recognizer tags one-character
    # abbreviations only where they name the province (来川视察).
    assert resolve("陕", [])["code"] == "610000"
    assert resolve("川", [])["full_name"] == "四川省"


def test_other_single_characters_never_match() -> None:
    for mention in ("县", "山", "汉"):
        got = resolve(mention, [])
        assert got["code"] is None and got["full_name"] is None


def test_ambiguous_without_context() -> None:
    for mention in ("朝阳区", "鼓楼区"):
        assert resolve(mention, []) == region(mention, None, None, "county")


@pytest.mark.parametrize(
    ("mention", "context", "code", "full_name"),
    [
        ("朝阳区", ["北京"], "110105", "北京市朝阳区"),
        ("朝阳区", ["吉林省", "长春市"], "220104", "吉林省长春市朝阳区"),
        ("鼓楼区", ["江苏省", "徐州"], "320302", "江苏省徐州市鼓楼区"),
        ("鼓楼区", ["福州市"], "350102", "福建省福州市鼓楼区"),
        ("海南", ["青海省"], "632500", "青海省海南藏族自治州"),
    ],
)
def test_context_disambiguates(
    mention: str, context: list[str], code: str, full_name: str
) -> None:
    got = resolve(mention, context)
    assert (got["code"], got["full_name"]) == (code, full_name)


def test_still_ambiguous_with_unhelpful_context() -> None:
    got = resolve("鼓楼区", ["江苏省"])  # 南京 and 徐州 both have one
    assert (got["code"], got["full_name"]) == (None, None)


def test_short_form_names_highest_level() -> None:
    assert resolve("吉林", [])["code"] == "220000"
    assert resolve("长沙", [])["code"] == "430100"
    assert resolve("海南", [])["code"] == "460000"


def test_towns_and_villages() -> None:
    assert resolve("三合镇", ["城固县"]) == region(
        "三合镇", "陕西省汉中市城固县三合镇", None, "town"
    )
    assert resolve("三合镇", []) == region("三合镇", None, None, "town")
    village = resolve("黄牛嘴村", ["陕西省", "城固县", "三合镇", "黄牛嘴村"])
    assert village == region("黄牛嘴村", "陕西省汉中市城固县三合镇黄牛嘴村", None, "village")
    # D16: levels may be skipped; a village whose town is not named hangs under its county
    assert resolve("黄牛嘴村", ["城固县"])["full_name"] == "陕西省汉中市城固县黄牛嘴村"
    assert resolve("城固县三合镇", [])["full_name"] == "陕西省汉中市城固县三合镇"


def test_town_attaches_to_nearest_preceding_county() -> None:
    context = ["汉台区", "铺镇", "南郑区", "阳春镇"]
    assert resolve("铺镇", context)["full_name"] == "陕西省汉中市汉台区铺镇"
    assert resolve("阳春镇", context)["full_name"] == "陕西省汉中市南郑区阳春镇"


@pytest.mark.parametrize("mention", ["秦岭", "大巴山", "巴山", "汉江", "黄河", "粤港澳大湾区"])
def test_areas(mention: str) -> None:
    assert resolve(mention, []) == region(mention, None, None, "area")


def test_region_context_and_dispatcher() -> None:
    ctx = RegionContext.of(["北京市"])
    assert normalize("REGION", "朝阳区", ctx) == resolve("朝阳区", ["北京市"])
    assert normalize("REGION", "朝阳区", ["北京市"])["code"] == "110105"  # type: ignore[index]


def test_short_forms() -> None:
    assert short_forms("黔东南苗族侗族自治州", "city") == {"黔东南", "黔东南州"}
    assert short_forms("积石山保安族东乡族撒拉族自治县", "county") == {"积石山"}
    assert short_forms("东乡族自治县", "county") == {"东乡"}
    assert short_forms("新疆维吾尔自治区", "province") == {"新疆"}
    assert short_forms("易县", "county") == set()  # one character: no short form


def test_short_form_judge():
    from training.build_short_forms import standalone

    assert standalone(35, "ns")  # 南郑: a place name in jieba
    assert standalone(7, "nr")  # 巫溪: rare, so not an ordinary word
    assert not standalone(13478, "vn")  # 合作: a frequent ordinary word
    assert not standalone(3, "m")  # a numeral is never a place on its own


def test_standalone_short_forms_are_county_short_forms():
    from serving.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert gaz.standalone_short and gaz.standalone_short <= set(gaz.county_short)
    assert "南郑" in gaz.standalone_short and "合作" not in gaz.standalone_short


def test_the_indexed_walk_resolves_like_the_plain_walk():
    """resolve() reads a document's mentions through an index built once (linear time on long
    documents); on random documents it must give what the plain walk over the list gives."""
    import random

    from serving import regions as R

    pool = ["城固县", "南郑区", "汉中市", "汉中", "陕西省", "三合镇", "黄牛嘴村", "龙沟组", "阳春镇", "陈村",
            "石泉县", "池河镇", "平安村", "宁陕县", "秦岭", "中国", "新城区", "城关镇", "和平组", "张家坝",
            "山阳县", "磨沟口村", "朝阳区", "鼓楼区", "正阳镇", "正阳", "尼山镇", "尼山", "曲阜市", "和平",
            "松山", "松山村", "龙沟", "龙沟村", "阳朔县", "阳朔镇", "阳朔", "南郑区黄牛嘴村", "河南", "河南村"]
    rng = random.Random(7)
    with_full_name = 0
    for _ in range(1000):
        mentions = [rng.choice(pool) for _ in range(rng.randint(0, 20))]
        name = rng.choice(pool)
        anchors = [r for r in (R._alone(R._simplify(m)) for m in mentions) if r is not None]
        plain = R._resolve(R._simplify(name), mentions, anchors)  # no index: the plain walk
        assert R.resolve(name, R.RegionContext.of(mentions)) == plain, (name, mentions)
        assert R.resolve(name, mentions) == plain
        with_full_name += plain["full_name"] is not None and plain["code"] is None
    assert with_full_name > 50  # towns and villages placed under a county were exercised


def test_a_bare_name_resolves_like_the_town_or_village_the_document_writes_in_full():
    """Spec: a short form resolves like its full form. 尼山 beside 尼山镇 is that town, under
    the county named before it; 松山 beside 松山村 is that village, not Chifeng's 松山区."""
    doc = ["曲阜市", "尼山镇", "尼山"]
    assert resolve("尼山", doc) == region("尼山", "山东省济宁市曲阜市尼山镇", None, "town")
    assert resolve("尼山", ["尼山"])["level"] == "area"  # nothing written in full: a mountain
    doc = ["昌宁县", "温泉镇", "松山村", "松山"]
    assert resolve("松山", doc) == region("松山", "云南省保山市昌宁县温泉镇松山村", None, "village")
    assert resolve("松山", ["松山"])["code"] == "150404"


def test_a_county_the_document_confirms_is_not_taken_for_a_town_of_its_name():
    """城固 with 汉中 named stays the county even where 城固镇 is written; a group (和平组)
    lends its name to nothing, and two full forms (尼山镇, 尼山村) leave the bare name alone."""
    assert resolve("城固", ["汉中市", "城固镇", "城固"])["code"] == "610722"
    assert resolve("和平", ["和平组", "和平"]) == resolve("和平", ["和平"])
    assert resolve("尼山", ["尼山镇", "尼山村", "尼山"])["level"] == "area"


def test_a_towns_own_short_form_is_not_its_county():
    """正阳镇 and 正阳 in a text that names no county: 正阳 is the town (not 河南's 正阳县), so
    neither it nor the village written after it gets a county's full name."""
    doc = ["正阳镇", "正阳", "张家坝村"]
    assert resolve("正阳", doc) == region("正阳", None, None, "town")
    assert resolve("正阳镇", doc)["full_name"] is None
    assert resolve("张家坝村", doc)["full_name"] is None
    assert resolve("正阳", ["正阳"])["code"] == "411724"  # alone, still the county


def test_a_town_is_placed_only_under_a_county_named_before_it():
    """D16: the nearest county written before the mention; none before, no full_name."""
    assert resolve("三合镇", ["城固县", "三合镇"])["full_name"] == "陕西省汉中市城固县三合镇"
    assert resolve("三合镇", ["三合镇", "城固县"])["full_name"] is None


def test_a_bare_town_name_written_before_a_village_is_its_town():
    """曲阜尼山脚下的圣源村 … 尼山镇: 尼山 stands for 尼山镇, so the village has every level."""
    doc = ["曲阜市", "尼山", "圣源村", "尼山镇"]
    assert resolve("圣源村", doc)["full_name"] == "山东省济宁市曲阜市尼山镇圣源村"


def test_the_divisions_an_org_name_starts_with_place_the_towns_after_it():
    """D16 reads the places a body's name starts with (湘潭县财政局驻花石镇东晓村…)."""
    from serving.decode import Span
    from serving.entities import normalize_entities
    from serving.regions import places_named_in

    assert places_named_in("湘潭县财政局") == ["湘潭县"]
    assert places_named_in("陕西省汉中市扶贫办") == ["陕西省", "汉中市"]
    assert places_named_in("中国农业银行") == []
    text = "湘潭县财政局驻花石镇东晓村工作队"
    spans = [Span("ORG", 0, 6, 1.0, "rules"), Span("REGION", 7, 10, 1.0, "rules"), Span("REGION", 10, 13, 1.0, "rules")]
    town, village = (e["normalized"] for e in normalize_entities(text, spans)[1:])
    assert town == region("花石镇", "湖南省湘潭市湘潭县花石镇", None, "town")
    assert village["full_name"] == "湖南省湘潭市湘潭县花石镇东晓村"
    assert normalize_entities(text, spans[1:])[0]["normalized"]["full_name"] is None  # no ORG: no county


def test_value_accuracy_reads_a_documents_sentences_together():
    """make eval's value accuracy normalizes a document's gold spans together: 三合镇 in the
    second sentence is placed under 城固县 from the first; a wrong gold value counts as a miss."""
    pytest.importorskip("seqeval")
    from training.data import Sentence
    from training.metrics import value_accuracy

    county = {"type": "REGION", "start": 0, "end": 3, "normalized": region("城固县", "陕西省汉中市城固县", "610722", "county")}
    town = {"type": "REGION", "start": 0, "end": 3, "normalized": region("三合镇", "陕西省汉中市城固县三合镇", None, "town")}
    money = {"type": "MONEY", "start": 5, "end": 8, "normalized": {"value": 5, "currency": "CNY", "modifier": None}}
    sents = [Sentence("d:0", "d", "城固县", [county]), Sentence("d:1", "d", "三合镇投入5万元", [town, money])]
    got = value_accuracy(sents)
    assert got["REGION"] == {"correct": 2, "n": 2, "accuracy": 1.0}
    assert got["MONEY"] == {"correct": 0, "n": 1, "accuracy": 0.0}  # 5万元 is 50000, not 5


def test_a_province_or_a_division_written_in_full_keeps_its_short_form():
    """河南 beside 河南村 is the province; 阳朔 beside 阳朔县 and 阳朔镇 is the county."""
    assert resolve("河南", ["河南", "广东省", "清远市", "连州市", "河南村"])["code"] == "410000"
    assert resolve("中山", ["广州", "中山", "中山镇"])["code"] == "442000"
    assert resolve("阳朔", ["阳朔县", "阳朔镇", "阳朔"])["code"] == "450321"


def test_a_chain_written_as_one_mention_is_not_pasted_into_another():
    """曲阜市尼山镇 is no town part for a village after it: no 曲阜市曲阜市尼山镇圣源村."""
    assert resolve("圣源村", ["曲阜市", "曲阜市尼山镇", "圣源村"])["full_name"] == "山东省济宁市曲阜市圣源村"


def test_org_places_count_only_where_the_region_mentions_place_nothing():
    """大关县天星镇打瓦村 … 大关县纪委 … 打堡组: the REGION mentions place 打堡组 under 天星镇打瓦村;
    the county in the body's name is read only for a town no REGION mention places."""
    from serving.decode import Span
    from serving.entities import normalize_entities

    text = "大关县天星镇打瓦村。大关县纪委干部驻打瓦村。打堡组"
    spans = [Span("REGION", 0, 3, 1.0, "r"), Span("REGION", 3, 6, 1.0, "r"), Span("REGION", 6, 9, 1.0, "r"),
             Span("ORG", 10, 15, 1.0, "r"), Span("REGION", 18, 21, 1.0, "r"), Span("REGION", 22, 25, 1.0, "r")]
    group = normalize_entities(text, spans)[-1]
    assert group["text"] == "打堡组"
    assert group["normalized"]["full_name"] == "云南省昭通市大关县天星镇打瓦村打堡组"


def test_a_county_in_a_body_s_name_nearer_than_the_region_mentions_places_the_town():
    """曲阜 … 湘潭县财政局驻花石镇: D16's nearest county before 花石镇 is the one the body's name
    starts with, not 曲阜 further back."""
    from serving.decode import Span
    from serving.entities import normalize_entities

    text = "曲阜圣源村，湘潭县财政局驻花石镇东晓村"
    spans = [Span("REGION", 0, 2, 1.0, "r"), Span("REGION", 2, 5, 1.0, "r"), Span("ORG", 6, 12, 1.0, "r"),
             Span("REGION", 13, 16, 1.0, "r"), Span("REGION", 16, 19, 1.0, "r")]
    town, village = (e["normalized"]["full_name"] for e in normalize_entities(text, spans)[3:])
    assert town == "湖南省湘潭市湘潭县花石镇"
    assert village == "湖南省湘潭市湘潭县花石镇东晓村"
