"""The fresh dev set: helper annotations of the six articles held back from the blind review,
read as whole-article sentences in the cleaned text."""

import json
from pathlib import Path

import pytest

from training.blind_review import CORPUS
from training.fresh_dev import FRESH, fresh_docs, fresh_sentences

ARTICLE = "漢中市南鄭區累計投入資金20多億元。\n南郑区人民政府组织实施易地扶贫搬迁工程，南郑区3个村受益。"


def _fresh(tmp_path: Path, spans: str) -> tuple[Path, Path]:
    root = tmp_path / "fresh"
    (root / "spans").mkdir(parents=True)
    (root / "spans" / "doc-1.tsv").write_text(spans, "utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "doc-1", "text": ARTICLE}, ensure_ascii=False) + "\n", "utf-8")
    return root, corpus


def test_mentions_are_found_in_their_line_in_order_and_numbers_are_ignored(tmp_path, capsys):
    root, corpus = _fresh(
        tmp_path,
        "1\tREGION\t汉中市\t\n1\tREGION\t南郑区\t\n1\tMONEY\t20多亿元\t\n2\tORG\t南郑区人民政府\t\n2\tPOLICY\t易地扶贫搬迁\t\n"
        "2\tREGION\t南郑区\t?\n3\tREGION\t汉中\t\n",
    )
    (sent,) = fresh_sentences(root, corpus)
    assert sent.text.startswith("汉中市南郑区")  # the cleaned text the annotators read
    got = [(e["type"], e["text"], e["start"]) for e in sent.entities]
    second = sent.text.index("南郑区", sent.text.index("政府"))
    assert got == [("REGION", "汉中市", 0), ("REGION", "南郑区", 3), ("ORG", "南郑区人民政府", sent.text.index("南郑区人民政府")),
                   ("POLICY", "易地扶贫搬迁", sent.text.index("易地")), ("REGION", "南郑区", second)]
    assert "no such line" in capsys.readouterr().err  # line 3 does not exist: said, not silently used


def test_a_mention_placed_before_the_one_listed_ahead_of_it_is_said(tmp_path, capsys):
    root, corpus = _fresh(tmp_path, "2\tPOLICY\t易地扶贫搬迁\t\n2\tORG\t南郑区人民政府\t\n")
    (sent,) = fresh_sentences(root, corpus)
    assert [e["text"] for e in sent.entities] == ["南郑区人民政府", "易地扶贫搬迁"]
    assert "placed before the mention listed ahead of it" in capsys.readouterr().err


def test_gold_documents_are_never_fresh_dev(tmp_path):
    from training.data import load_annotations

    gold_doc = load_annotations()[0].doc
    root = tmp_path / "fresh"
    (root / "spans").mkdir(parents=True)
    (root / "spans" / f"{gold_doc}.tsv").write_text("1\tREGION\t汉中\t\n", "utf-8")
    with pytest.raises(ValueError, match="gold documents"):
        fresh_sentences(root, tmp_path / "corpus.jsonl")


@pytest.mark.skipif(not CORPUS.exists(), reason=f"the corpus is not at {CORPUS} (a clone outside /work next to ../shared)")
def test_the_committed_fresh_dev_files_are_clean_and_apart_from_every_other_set(capsys):
    from training.silver import blind_docs

    sents = fresh_sentences()
    assert capsys.readouterr().err == ""  # every mention placed, none out of its listed order
    assert len(sents) == len(fresh_docs()) == 6
    assert not set(fresh_docs()) & set(blind_docs())  # never silver training data
    for s in sents:
        rows = [r.split("\t") for r in (FRESH / "spans" / f"{s.doc}.tsv").read_text("utf-8").splitlines() if r.strip()]
        assert all(len(r) >= 3 and r[0].isdigit() and r[1] in ("REGION", "ORG", "POLICY") and r[2] for r in rows)
        # Every annotated row became one mention of its type and text: nothing dropped.
        assert sorted((r[1], r[2]) for r in rows) == sorted((e["type"], e["text"]) for e in s.entities)
    assert (FRESH / "prompt.txt").exists()
