# Every target creates the virtual environment it needs (.venv) on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
MODEL  ?= models/current
IN     ?=
OUT    ?=
FOLDS  ?=
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: help serve test test-fast train rescore eval ablate bench tag lint validate stats base clean

help:
	@echo "make serve | test | train | rescore | eval | ablate | bench | tag IN=.. OUT=.. | lint | validate | stats"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# Serving needs no torch: onnxruntime, tokenizers, fastapi.
$(VENV)/.serve-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

# Training and tests: torch is pinned to the local CPU wheel (an unpinned torch pulls CUDA).
$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[train,dev]'
	@touch $@ $(VENV)/.serve-installed

serve: $(VENV)/.serve-installed
	$(BIN)/python -m serving.api --host $(HOST) --port $(PORT) --model $(MODEL)

# The browser test drives Debian's chromium; if it cannot be installed the test skips.
$(VENV)/.browser: | $(BIN)/python
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
	  || echo "note: could not install chromium; the browser test will be skipped"
	@touch $@

test: $(VENV)/.dev-installed $(VENV)/.browser
	$(BIN)/python -m pytest -q

test-fast: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -q -m "not slow"

base: $(VENV)/.dev-installed
	$(BIN)/python -m training.convert_e5 --out .cache/base/e5-small --prune-vocab

train: $(VENV)/.dev-installed
	$(BIN)/python -m training.train $(if $(BASE),--base $(BASE),)

# After a rules-only change: the shipped model's scores (manifest, model card) with the current rules.
rescore: $(VENV)/.dev-installed
	$(BIN)/python -m training.ship --model $(MODEL)

# The anchors (Baidu LAC, jionlp) and the other normalizers compared run only here.
$(VENV)/.compare-installed: pyproject.toml | $(VENV)/.dev-installed
	$(PIP) install -e '.[train,dev,compare]'
	@touch $@

eval: $(VENV)/.dev-installed $(VENV)/.compare-installed
	$(BIN)/python -m training.evaluate $(if $(FOLDS),--folds $(FOLDS),)

# Dev-split ablations behind three defaults: tokenization, weak supervision, MLM (~40 min).
ablate: $(VENV)/.dev-installed
	$(BIN)/python -m training.ablate

bench: $(VENV)/.dev-installed
	$(BIN)/python -m training.bench

tag: $(VENV)/.serve-installed
	@test -n "$(IN)" -a -n "$(OUT)" || (echo "usage: make tag IN=input.jsonl OUT=output.jsonl" >&2; exit 2)
	$(BIN)/zh-tagger --model $(MODEL) $(IN) $(OUT)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check serving training tests
	$(BIN)/mypy

validate: $(VENV)/.dev-installed
	$(BIN)/python -m training.validate

stats: $(VENV)/.dev-installed
	$(BIN)/python -m training.stats

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
