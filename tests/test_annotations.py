"""Every gold span is checked by the validator; the validator itself is checked on bad records."""

import json

import pytest

from training.data import export_bio, load_annotations
from training.validate import annotation_files, check_file, check_record, source_text

FILES = annotation_files()


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_gold_file_is_valid(path):
    problems = check_file(path, source_text(path))
    assert not problems, "\n".join(map(str, problems[:20]))


def test_seed_documents_are_all_annotated():
    seeds = [p for p in FILES if p.parent.name == "annotations"]
    assert len(seeds) == 5
    for p in seeds:
        recs = [json.loads(line) for line in p.read_text("utf-8").splitlines()]
        assert sum(len(r["entities"]) for r in recs) > 20, p.name


def _rec(text, ents):
    return {"id": "x:0", "doc": "x", "offset": 0, "text": text, "entities": ents}


def _ent(t, s, e, text, norm):
    return {"type": t, "start": s, "end": e, "text": text, "normalized": norm}


def test_validator_catches_bad_offsets_overlaps_marks_and_schemas():
    text = "“两不愁三保障”投入20多亿元"
    bad = [
        _ent("POLICY", 0, 7, "“两不愁三保障", {"name": "两不愁三保障"}),  # quote at edge
        _ent("MONEY", 9, 14, "20多亿元", {"value": 2e9, "currency": "CNY", "modifier": "over"}),
        _ent("MONEY", 11, 13, "0多", {"value": 1, "currency": "人民币", "modifier": "lots"}),
        _ent("REGION", 1, 3, "两不", {"name": "x", "level": "planet"}),
    ]
    msgs = [p.message for p in check_record(_rec(text, bad), "t")]
    joined = "\n".join(msgs)
    assert "punctuation" in joined
    assert "text[9:14]" in joined  # offsets off by one
    assert "overlaps" in joined
    assert "JSON integer" in joined  # 2e9 is whole
    assert "ISO 4217" in joined and "modifier" in joined
    assert "level" in joined and "missing full_name" in joined


def test_validator_accepts_a_correct_record():
    text = "投入20多亿元，陕西"
    ents = [
        _ent("MONEY", 2, 7, "20多亿元", {"value": 2000000000, "currency": "CNY", "modifier": "over"}),
        _ent("REGION", 8, 10, "陕西", {"name": "陕西", "full_name": "陕西省", "code": "610000", "level": "province"}),
    ]
    assert check_record(_rec(text, ents), "t") == []


def test_bio_export_is_character_level():
    sents = [s for s in load_annotations() if s.entities][:3]
    out = export_bio(sents)
    lines = [line for line in out.split("\n\n")[0].splitlines()]
    assert len(lines) == len(sents[0].text)
    first = sents[0].entities[0]
    assert lines[first["start"]].endswith(f"B-{first['type']}")
