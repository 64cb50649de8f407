"""HTTP API on a fake runtime: contract shape, limits, bad input never a 500."""

import dataclasses
import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from serving.api import create_app
from serving.settings import ServingSettings


@pytest.fixture()
def client(fake_tagger):
    limits = ServingSettings(max_chars_per_text=500, max_texts_per_batch=3, max_body_bytes=20_000)
    fake_tagger.settings = ServingSettings(
        max_tokens=16, window_overlap=4, batch_windows=4, max_chars_per_text=500
    )
    with TestClient(create_app(fake_tagger, limits)) as c:
        yield c


def test_tag_returns_contract_entities_with_original_offsets(client):
    text = "經(jīng)過審核，南郑区累计实现减贫27490户"
    r = client.post("/v1/tag", json={"text": text})
    assert r.status_code == 200
    ents = r.json()["entities"]
    assert ents, "the rules find at least the quantity"
    for e in ents:
        assert set(e) == {"type", "start", "end", "text", "score", "normalized"}
        assert text[e["start"] : e["end"]] == e["text"]
    q = [e for e in ents if e["type"] == "QUANTITY"]
    assert q and q[0]["text"] == "27490户"
    assert q[0]["normalized"] == {"value": 27490, "unit": "户", "modifier": None}


def test_empty_text_gives_empty_entities(client):
    r = client.post("/v1/tag", json={"text": ""})
    assert r.status_code == 200 and r.json()["entities"] == []


def test_batch_keeps_input_order(client):
    texts = ["共27490户", "", "投入3000元"]
    r = client.post("/v1/tag/batch", json={"texts": texts})
    assert r.status_code == 200
    res = r.json()["results"]
    assert len(res) == 3
    assert res[0]["entities"][0]["text"] == "27490户"
    assert res[1]["entities"] == []
    assert res[2]["entities"][0]["type"] == "MONEY"


def test_long_text_is_windowed_not_truncated(client):
    text = "共有27490户。" * 40  # far beyond 16 tokens per window
    r = client.post("/v1/tag", json={"text": text})
    ents = [e for e in r.json()["entities"] if e["type"] == "QUANTITY"]
    assert len(ents) == 40
    assert ents[-1]["end"] == len(text) - 1


@pytest.mark.parametrize(
    "payload, status, code",
    [
        ({"text": "x" * 501}, 413, "E010"),
        ({"texts": ["a", "b", "c", "d"]}, 413, "E011"),
        ({"text": 5}, 422, "E030"),
        ({"txt": "a"}, 422, "E030"),
        ({"texts": "abc"}, 422, "E030"),
    ],
)
def test_limits_and_wrong_types_are_4xx_with_a_named_problem(client, payload, status, code):
    path = "/v1/tag/batch" if "texts" in payload else "/v1/tag"
    r = client.post(path, json=payload)
    assert r.status_code == status
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["message"]


def test_invalid_json_and_huge_body(client):
    r = client.post("/v1/tag", content=b'{"text": ', headers={"content-type": "application/json"})
    assert r.status_code == 422
    r = client.post("/v1/tag", content=b"x" * 30_000, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "E012"


def test_lone_surrogate_is_422(client):
    body = b'{"text": "\\ud800abc"}'
    r = client.post("/v1/tag", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "E013"


def test_health_model_metrics_and_page(client):
    assert client.get("/healthz").status_code == 200
    info = client.get("/v1/model").json()
    assert info["name"] == "fake" and info["labels"][0] == "O" and "scores" in info
    client.post("/v1/tag", json={"text": "共27490户"})
    m = client.get("/metrics").text
    assert 'tagger_entities_total{type="QUANTITY"}' in m
    assert "tagger_request_seconds_bucket" in m
    page = client.get("/")
    assert page.status_code == 200 and "/v1/tag" in page.text
    assert client.get("/openapi.json").status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=80), st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=3)))
def test_fuzzed_bodies_never_500(client, value):
    for path, key in (("/v1/tag", "text"), ("/v1/tag/batch", "texts")):
        r = client.post(path, content=json.dumps({key: value}).encode(), headers={"content-type": "application/json"})
        assert r.status_code < 500
        if r.status_code == 200 and key == "text":
            for e in r.json()["entities"]:
                assert value[e["start"] : e["end"]] == e["text"]


def test_the_model_runs_only_when_the_hybrid_takes_a_type_from_it(fake_tagger, monkeypatch):
    import serving.combine as combine_mod

    runtime = fake_tagger.runtime
    monkeypatch.setattr(combine_mod, "MODEL_TYPES", frozenset())
    before = runtime.calls
    rules_only = fake_tagger.spans(["南郑区累计投入资金20多亿元"])
    assert runtime.calls == before  # the hybrid as shipped takes nothing from the model
    assert [s.type for s in rules_only[0]] == ["REGION", "MONEY"]
    model_only = fake_tagger.spans(["投入资金2000"], use_rules=False)
    assert runtime.calls > before and [s.type for s in model_only[0]] == ["QUANTITY"]
    monkeypatch.setattr(combine_mod, "MODEL_TYPES", frozenset({"QUANTITY"}))
    calls = runtime.calls
    fake_tagger.spans(["投入资金2000"])
    assert runtime.calls > calls
    # HYBRID_MODEL=0: the rules alone, the model not run
    monkeypatch.setattr(fake_tagger, "settings", dataclasses.replace(fake_tagger.settings, hybrid_model=False))
    calls = runtime.calls
    assert [s.type for s in fake_tagger.spans(["南郑区累计投入资金20多亿元"])[0]] == ["REGION", "MONEY"]
    assert runtime.calls == calls and fake_tagger.info()["model_types"] == []
