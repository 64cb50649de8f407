"""The blind review reader: line numbers and repeated mentions map to the right offsets."""

from pathlib import Path

from training.blind_review import article_lines, read_mentions


def test_lines_are_the_non_blank_lines_with_their_offsets():
    text = "汉中市南郑区。\n\n城固县！三合镇"
    assert article_lines(text) == [(0, "汉中市南郑区。"), (9, "城固县！"), (13, "三合镇")]


def test_a_repeated_mention_is_found_after_the_previous_one(tmp_path: Path):
    lines = article_lines("南郑和南郑。城固")
    path = tmp_path / "doc.tsv"
    path.write_text("1\tREGION\t南郑\t\n1\tREGION\t南郑\t\n2\tREGION\t城固\t?\n", "utf-8")
    assert read_mentions(path, lines) == {("REGION", 0, 2), ("REGION", 3, 5), ("REGION", 6, 8)}


def test_a_mention_not_in_its_line_is_reported_and_skipped(tmp_path: Path, capsys):
    path = tmp_path / "doc.tsv"
    path.write_text("1\tREGION\t西安\t\n9\tREGION\t南郑\t\n", "utf-8")
    assert read_mentions(path, article_lines("南郑。")) == set()
    err = capsys.readouterr().err
    assert "not in the line" in err and "no such line" in err


def test_the_agreement_study_scores_helper_annotations_against_the_gold(tmp_path: Path):
    from training.blind_review import agreement
    from training.data import load_annotations

    sents = [s for s in load_annotations() if s.doc == "inews-train-2443"]
    # a gold REGION whose text first occurs where it is annotated, and a wrong one: the
    # sentence's last character
    line, entity = next(
        (n, e)
        for n, s in enumerate(sents, 1)
        for e in s.entities
        if e["type"] == "REGION" and s.text.find(s.text[e["start"] : e["end"]]) == e["start"] and e["end"] < len(s.text)
    )
    text = sents[line - 1].text
    (tmp_path / "agreement").mkdir()
    (tmp_path / "agreement" / "inews-train-2443.tsv").write_text(
        f"{line}\tREGION\t{text[entity['start']:entity['end']]}\t\n{line}\tREGION\t{text[-1]}\t\n", "utf-8"
    )
    result = agreement(tmp_path)
    assert result["REGION"]["precision"] == 0.5
    assert result["REGION"]["n"] == sum(e["type"] == "REGION" for s in sents for e in s.entities)
