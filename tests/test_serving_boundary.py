"""Serving stays free of torch/transformers, and a bad model folder fails in one line."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "models" / "current"


def test_serving_never_imports_torch_or_transformers():
    code = (
        "import sys, serving.api, serving.cli, serving.tagger, serving.recognizers;"
        "bad = [m for m in ('torch', 'transformers') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("folder", ["does-not-exist", "tests"])
def test_server_refuses_to_start_on_a_missing_or_incomplete_model(folder):
    r = subprocess.run(
        [sys.executable, "-m", "serving.api", "--model", str(ROOT / folder), "--port", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert r.returncode == 2
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: [E00")
    assert "Traceback" not in r.stderr


def test_corrupt_onnx_file_is_one_clear_error(tmp_path):
    import shutil

    if not SHIPPED.exists():
        pytest.skip("no shipped model")
    bad = tmp_path / "m"
    shutil.copytree(SHIPPED, bad)
    (bad / "model.onnx").write_bytes(b"not an onnx file")
    r = subprocess.run(
        [sys.executable, "-m", "serving.api", "--model", str(bad), "--port", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert r.returncode == 2 and "[E003]" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow
def test_shipped_model_tags_simplified_and_traditional_text():
    if not SHIPPED.exists():
        pytest.skip("no shipped model")
    from serving.tagger import Tagger

    tagger = Tagger(SHIPPED)
    assert tagger.manifest["export"]["precision"] in ("int8", "fp16 weights, fp32 compute", "fp32")
    for text in (
        "汉中市南郑区累计实现减贫27490户78799人，累计投入扶贫资金20多亿元。",
        "漢中市南鄭區累計實現減貧27490戶78799人，累計投入扶貧資金20多億元。",
        "日前，經(jīng)過審核，張家口市747個(gè)貧困村脫貧出列。",
    ):
        ents = tagger.tag(text)
        assert all(text[e["start"] : e["end"]] == e["text"] for e in ents)
        by_type = {(e["type"], e["text"]) for e in ents}
        if "27490" in text:
            assert any(t == "QUANTITY" and s.startswith("27490") for t, s in by_type)
            money = [e for e in ents if e["type"] == "MONEY"]
            assert money and money[0]["normalized"]["value"] == 2000000000
        assert any(t == "REGION" for t, _ in by_type)
    # A long text is windowed, not truncated: the last sentence is still tagged.
    long_text = "据悉，南郑区累计实现减贫27490户。" * 60 + "投入资金3000元。"
    ents = tagger.tag(long_text)
    assert ents[-1]["text"] == "3000元" and ents[-1]["end"] == len(long_text) - 1
