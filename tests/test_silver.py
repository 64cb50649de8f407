"""Silver sentences from the blind review files: offsets in the original text, numbers from
the annotators or else the rules, and nothing that cannot be BIO-encoded."""

import json
from pathlib import Path

import pytest

from serving.combine import combine
from serving.decode import Span
from serving.textprep import prepare
from training.blind_review import CORPUS
from training.silver import silver_sentences

# Traditional script: the annotators saw the cleaned (simplified) text; spans come back in
# the original.
ARTICLE = "漢中市南鄭區累計投入資金20多億元，幫助27490戶脫貧。\n南郑区人民政府组织实施易地扶贫搬迁工程，涉及3个村。"


def _blind(tmp_path: Path, spans: str, numbers: str | None = None) -> tuple[Path, Path]:
    blind = tmp_path / "blind"
    (blind / "spans").mkdir(parents=True)
    (blind / "spans" / "doc-1.tsv").write_text(spans, "utf-8")
    if numbers is not None:
        (blind / "numbers").mkdir()
        (blind / "numbers" / "doc-1.tsv").write_text(numbers, "utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "doc-1", "text": ARTICLE}, ensure_ascii=False) + "\n", "utf-8")
    return blind, corpus


def _mentions(sents):
    return [(e["type"], e["text"]) for s in sents for e in s.entities]


def test_annotated_names_map_to_the_original_and_rules_fill_the_numbers(tmp_path):
    blind, corpus = _blind(tmp_path, "1\tREGION\t汉中市\t\n1\tREGION\t南郑区\t\n2\tORG\t南郑区人民政府\t\n2\tPOLICY\t易地扶贫搬迁\t\n")
    sents = silver_sentences(["doc-1"], blind, corpus)
    assert _mentions(sents) == [
        ("REGION", "漢中市"), ("REGION", "南鄭區"), ("MONEY", "20多億元"), ("QUANTITY", "27490戶"),
        ("ORG", "南郑区人民政府"), ("POLICY", "易地扶贫搬迁"), ("QUANTITY", "3个"),
    ]
    for s in sents:
        assert all(s.text[e["start"] : e["end"]] == e["text"] for e in s.entities)


def test_annotated_numbers_replace_the_rules_and_overlaps_keep_the_longer(tmp_path):
    blind, corpus = _blind(
        tmp_path,
        "1\tREGION\t汉中市南郑区\t\n1\tREGION\t南郑区\t\n",
        "1\tMONEY\t20多亿元\t\n",
    )
    assert _mentions(silver_sentences(["doc-1"], blind, corpus)) == [("REGION", "漢中市南鄭區"), ("MONEY", "20多億元")]


def test_gold_documents_are_never_silver(tmp_path):
    from training.data import load_annotations

    gold_doc = load_annotations()[0].doc
    with pytest.raises(ValueError, match="gold documents"):
        silver_sentences([gold_doc], tmp_path, tmp_path / "corpus.jsonl")


def test_the_hybrid_takes_only_confident_model_spans_of_its_types(monkeypatch):
    import serving.combine as combine_mod

    monkeypatch.setattr(combine_mod, "MODEL_TYPES", frozenset({"ORG"}))
    monkeypatch.setattr(combine_mod, "HYBRID_MIN_SCORE", 0.98)
    text = "由Consensys在汉中市投资"
    prep = prepare(text)
    model = [Span("ORG", 1, 10, 0.99), Span("REGION", 11, 14, 0.99), Span("REGION", 0, 2, 0.99)]
    found = [(s.type, text[s.start : s.end], s.source) for s in combine(prep, model, use_rules=True)]
    assert found == [("ORG", "Consensys", "model"), ("REGION", "汉中市", "rules")]  # a gap filled; REGION stays the rules'
    unsure = [Span("ORG", 1, 10, 0.9)]
    assert [s.source for s in combine(prep, unsure, use_rules=True)] == ["rules"]
    alone = combine(prep, [Span("REGION", 11, 14, 0.7)], use_rules=False)
    assert [(s.type, s.source) for s in alone] == [("REGION", "model")]  # the model alone keeps its 0.6 floor


def test_each_type_can_have_its_own_hybrid_floor(monkeypatch):
    import serving.combine as combine_mod

    monkeypatch.setattr(combine_mod, "MODEL_TYPES", frozenset({"ORG", "REGION"}))
    monkeypatch.setattr(combine_mod, "HYBRID_MIN_SCORE", 0.98)
    monkeypatch.setattr(combine_mod, "HYBRID_MIN_SCORE_BY_TYPE", {"REGION": 0.9})
    text = "由Consensys在尖峰岭投资"
    prep = prepare(text)
    model = [Span("ORG", 1, 10, 0.92), Span("REGION", 11, 14, 0.92)]
    found = [(s.type, text[s.start : s.end], s.source) for s in combine(prep, model, use_rules=True)]
    assert ("REGION", "尖峰岭", "model") in found  # REGION's own floor, 0.9
    assert not any(t == "ORG" for t, _, _ in found)  # ORG keeps the common floor, 0.98
    monkeypatch.setattr(combine_mod, "HYBRID_MIN_SCORE_BY_TYPE", {"REGION": 0.95})
    assert not any(s.source == "model" for s in combine(prep, model, use_rules=True))


@pytest.mark.parametrize(
    ("text", "name", "reads"),
    [
        ("在尖峰岭扎根", "尖峰岭", True),
        ("在榆林调研", "榆林", True),
        ("村民刘金平说", "金平", False),  # a given name after a surname
        ("党和政府", "和政", False),  # a piece of a frequent word
        ("主城区建设", "城区", False),  # a generic division word
        ("赴美访问", "美", False),  # one character
        ("各街镇要落实", "街镇", False),  # a kind of division, not a name
        ("来到石桥村", "石桥村", True),
        ("在江苏和平街道调研", "和平街道", True),  # a division (not bare) after 苏: no given name
        # 向 is a surname only sometimes: a given name once the text calls 向洪江 a person.
        ("村主任向洪江生前常说。向洪江拿了衣被", "洪江", False),
        ("向洪江拿了衣被。向洪江又来了", "洪江", True),  # never called a person: no evidence
        ("村民向西安反映", "西安", True),  # named once: no person
        ("村民向西安销售。通向西安的路", "西安", True),  # 向 as "to", after no post
        ("会议于西安召开。记者于西安获悉", "西安", True),  # 于 is no surname here
        ("张家口表示支持。张家口说", "张家口", True),  # a known place, not a person
        ("儿子耿海东居住。耿海东负责", "耿海东", False),  # the whole span is a person's name
        # Every post of gazetteer.POSTS is evidence, as the ORG end check reads them too.
        ("处长向洪江主持。向洪江指出", "洪江", False),
    ],
)
def test_a_model_region_span_must_read_as_a_place_name_when_checked(monkeypatch, text, name, reads):
    import serving.combine as combine_mod
    from serving.rules.common import gazetteer

    start = text.index(name)
    assert gazetteer().reads_as_name(text, start, start + len(name)) is reads
    monkeypatch.setattr(combine_mod, "MODEL_TYPES", frozenset({"REGION"}))
    monkeypatch.setattr(combine_mod, "HYBRID_MIN_SCORE_BY_TYPE", {})
    monkeypatch.setattr(combine_mod, "RULES_FILL", frozenset())  # the model's span alone
    span = Span("REGION", start, start + len(name), 0.99)
    for checks in (False, True):
        monkeypatch.setattr(combine_mod, "MODEL_REGION_CHECKS", checks)
        kept = [text[s.start : s.end] for s in combine(prepare(text), [span], use_rules=True)]
        assert kept == ([name] if reads or not checks else [])


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("在桃花县工作", "桃花县", True),  # a division suffix ends a name
        ("到和平街道办事", "和平街道", True),
        ("工程石桥村", "石桥村", True),  # 程 is a surname, but a village name is not a given name
        ("贫困县摘帽", "贫困县", False),  # 贫困 never names a place
        ("入驻大龙开发区", "大龙开发区", False),  # a zone (D15): only a place name inside it is REGION
        ("到南塔办事处", "南塔办事处", False),  # an office, not a place
        ("京沪、沪杭、宁杭等高铁投入使用", "宁杭", False),  # a railway named by abbreviations (D18)
        ("启动京哈高速建设", "京哈", False),
        ("扎麻隆至倒淌河高速", "倒淌河", True),  # a route's end is a place
    ],
)
def test_the_region_checks_judge_a_name_by_its_core_and_its_ending(monkeypatch, text, name, kept):
    import serving.combine as combine_mod

    monkeypatch.setattr(combine_mod, "MODEL_TYPES", frozenset({"REGION"}))
    monkeypatch.setattr(combine_mod, "HYBRID_MIN_SCORE_BY_TYPE", {})
    monkeypatch.setattr(combine_mod, "MODEL_REGION_CHECKS", True)
    monkeypatch.setattr(combine_mod, "RULES_FILL", frozenset())
    start = text.index(name)
    found = [text[s.start : s.end] for s in combine(prepare(text), [Span("REGION", start, start + len(name), 0.99)], use_rules=True)]
    assert found == ([name] if kept else [])


def test_with_model_repeats_a_name_the_model_added_is_found_where_else_it_stands_free(monkeypatch):
    import serving.combine as combine_mod

    monkeypatch.setattr(combine_mod, "MODEL_TYPES", frozenset({"REGION"}))
    monkeypatch.setattr(combine_mod, "HYBRID_MIN_SCORE_BY_TYPE", {"REGION": 0.95})
    monkeypatch.setattr(combine_mod, "MODEL_REGION_CHECKS", True)
    text = "尖峰岭林区。尖峰岭的雨林，刘尖峰岭说"
    prep = prepare(text)
    model = [Span("REGION", 0, 3, 0.99), Span("REGION", 6, 9, 0.7)]  # the second is unsure
    found = [(text[s.start : s.end], s.start) for s in combine(prep, model, use_rules=True) if s.type == "REGION"]
    assert found == [("尖峰岭", 0)]
    monkeypatch.setattr(combine_mod, "MODEL_REPEATS", frozenset({"REGION"}))
    found = [(text[s.start : s.end], s.start) for s in combine(prep, model, use_rules=True) if s.type == "REGION"]
    assert found == [("尖峰岭", 0), ("尖峰岭", 6)]  # not after the surname 刘: a given name


def test_the_hybrid_holds_model_org_spans_to_the_guideline(monkeypatch):
    import serving.combine as combine_mod

    monkeypatch.setattr(combine_mod, "MODEL_TYPES", frozenset({"ORG"}))
    text = "他是中共党员，由故宫博物院收藏，馆长说"
    prep = prepare(text)
    model = [Span("ORG", 2, 4, 0.99), Span("ORG", 7, 8, 0.99), Span("ORG", 8, 13, 0.99), Span("ORG", 16, 17, 0.99)]
    found = [text[s.start : s.end] for s in combine(prep, model, use_rules=True) if s.source == "model"]
    assert found == ["故宫博物院"]  # not 中共 of 中共党员, not one character


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("人大代表视察", "人大", False),  # a body named by its kind alone
        ("县政府召开会议", "县政府", False),  # a level and a body: no place named
        ("多家央企参与", "央企", False),  # a category of bodies
        ("全国人大通过", "全国人大", True),  # a national body's unique name
        ("央行宣布降息", "央行", True),  # the central bank's unique name
        ("中交城投承建", "中交城投", True),
        ("市委统战部调研", "市委统战部", False),  # a chain of bodies named by kind alone
        ("三公局党委书记黄腊泉说", "三公局党委书记", False),  # a body and a post (titles are not tagged)
        ("这是六公司在贯彻", "六公司在", False),  # a name and a function word
        ("三公局党委召开会议", "三公局党委", True),
        ("合作社社长李明说", "合作社社长", False),  # a post from the shared list (gazetteer.POSTS)
        ("全球最大的船运公司马士基集团", "船运公司", False),  # a firm named by its trade alone
        ("由物流有限公司承运", "物流有限公司", False),
        ("由安邦物流有限公司承运", "安邦物流有限公司", True),  # a proper name before the trade
    ],
)
def test_a_model_org_span_must_name_a_body_not_its_kind(monkeypatch, text, name, kept):
    import serving.combine as combine_mod

    monkeypatch.setattr(combine_mod, "MODEL_TYPES", frozenset({"ORG"}))
    monkeypatch.setattr(combine_mod, "MODEL_ORG_END_CHECK", True)
    monkeypatch.setattr(combine_mod, "RULES_FILL", frozenset())  # the model's span alone
    start = text.index(name)
    found = [text[s.start : s.end] for s in combine(prepare(text), [Span("ORG", start, start + len(name), 0.99)], use_rules=True)]
    assert found == ([name] if kept else [])


@pytest.mark.skipif(not CORPUS.exists(), reason=f"the corpus is not at {CORPUS} (a clone outside /work next to ../shared)")
def test_the_committed_blind_review_files_become_clean_training_sentences(capsys):
    from training.blind_review import BLIND

    sents = silver_sentences()
    err = capsys.readouterr().err
    assert "not in the line" not in err and "no such line" not in err
    assert len({s.doc for s in sents}) == len(list((BLIND / "spans").glob("*.tsv")))
    for s in sents:
        assert all(s.text[e["start"] : e["end"]] == e["text"] and e["end"] > e["start"] for e in s.entities)
        ends = sorted((e["start"], e["end"]) for e in s.entities)
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))  # flat: BIO-encodable


@pytest.mark.parametrize(
    ("text", "name", "score", "kept"),
    [
        ("王鹏斐摄武永峰张莹", "武永峰", 0.96, False),  # a bare name below 0.98: a given name, not a place
        ("王鹏斐摄武永峰张莹", "武永峰", 0.99, True),
        ("，因回水河与后河在村内交汇", "回水河", 0.96, True),  # a river: a feature's ending
        ("检查了和平村委会中平村、放耳戈村", "中平村", 0.96, True),  # a village's ending
    ],
)
def test_a_bare_model_region_name_needs_a_higher_score(monkeypatch, text, name, score, kept):
    import serving.combine as combine_mod

    monkeypatch.setattr(combine_mod, "RULES_FILL", frozenset())  # the model's span alone
    start = text.index(name)
    found = [text[s.start : s.end] for s in combine(prepare(text), [Span("REGION", start, start + len(name), score)], use_rules=True)]
    assert found == ([name] if kept else [])
