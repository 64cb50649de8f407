"""Batch CLI on a fake-runtime model folder (the workers load it like a real one)."""

import json

import pytest

import serving.cli as cli
from serving.errors import LineError
from serving.labels import bio_labels
from tests.conftest import FakeRuntime, tiny_tokenizer, write_model_dir


@pytest.fixture()
def model_dir(tmp_path, monkeypatch):
    tok = tiny_tokenizer()
    folder = write_model_dir(tmp_path / "m", tok)

    def fake_init(model_dir, threads):
        from serving.settings import ServingSettings
        from serving.tagger import Tagger

        cli._TAGGER = Tagger(folder, ServingSettings(), runtime=FakeRuntime(tok, bio_labels()))

    monkeypatch.setattr(cli, "_init_worker", fake_init)
    return folder


def read(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_jsonl_in_jsonl_out_in_order_with_bad_lines_reported(tmp_path, model_dir, capsys):
    inp = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "共27490户"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "txt": "no text field"}),
        json.dumps({"id": 4, "text": "投入3000元"}, ensure_ascii=False),
    ]
    inp.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    stats = cli.run(inp, out, model_dir, progress=False)
    recs = read(out)
    assert [r["id"] for r in recs] == ["a", None, "c", 4]
    assert recs[0]["entities"][0]["text"] == "27490户"
    assert recs[1]["error"]["code"] == "E020" and recs[1]["line"] == 2
    assert recs[2]["error"]["code"] == "E021" and recs[2]["line"] == 3
    assert recs[3]["entities"][0]["type"] == "MONEY"
    assert stats["errors"] == 2 and stats["docs"] == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "line 3" in err


def test_strict_stops_and_leaves_no_output(tmp_path, model_dir):
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": 1, "text": "共5户"}\n{bad\n', "utf-8")
    out = tmp_path / "out.jsonl"
    with pytest.raises(LineError) as exc:
        cli.run(inp, out, model_dir, strict=True, progress=False)
    assert "line 2" in str(exc.value)
    assert not out.exists()
    assert not list(tmp_path.glob(".out.jsonl.*"))


def test_plain_text_one_document_per_line(tmp_path, model_dir):
    inp = tmp_path / "docs.txt"
    inp.write_text("共27490户\n\n投入3000元\n", "utf-8")
    out = tmp_path / "out.jsonl"
    cli.run(inp, out, model_dir, progress=False)
    recs = read(out)
    assert [r["id"] for r in recs] == [1, 2, 3]
    assert recs[1]["entities"] == []


def test_invalid_utf8_line_is_reported(tmp_path, model_dir):
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b'{"id": 1, "text": "a"}\n\xff\xfe\n')
    out = tmp_path / "out.jsonl"
    cli.run(inp, out, model_dir, progress=False)
    recs = read(out)
    assert recs[1]["error"]["code"] == "E022"


def test_main_reports_a_missing_input_file_in_one_line(tmp_path, capsys):
    code = cli.main([str(tmp_path / "nope.jsonl"), str(tmp_path / "o.jsonl"), "--model", str(tmp_path)])
    assert code == 2
    assert "E023" in capsys.readouterr().err


def test_main_reports_a_missing_model(tmp_path, capsys):
    inp = tmp_path / "in.txt"
    inp.write_text("共5户\n", "utf-8")
    code = cli.main([str(inp), str(tmp_path / "o.jsonl"), "--model", str(tmp_path / "none"), "--quiet"])
    assert code == 2
    assert "E001" in capsys.readouterr().err
