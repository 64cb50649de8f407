"""Domain-adaptive masked-language-model training of the base encoder (issue #7, optional).

Continues MLM training of the layer-cut base encoder on the corpus articles that nobody
annotated (never a test, dev or training document), then hands the encoder weights to gold
fine-tuning as start weights. Kept only if it helps on dev: `make ablate` (experiment
`mlm`) measures it against gold-only training and writes reports/mlm.json.
"""

from __future__ import annotations

import hashlib
import json
import random

import torch
from tokenizers import Tokenizer
from transformers import AutoModelForMaskedLM

from serving.encoder import special_ids
from serving.textprep import prepare
from training.pipeline import CACHE, all_annotated_docs, log
from training.settings import TrainSettings
from training.train import load_model

# Masking as in BERT: 15 % of the pieces; of those 80 % <mask>, 10 % a random piece, 10 % kept.
MASK_RATE = 0.15
SEQ_TOKENS = 128
MLM_LR = 5e-5
MLM_BATCH = 16


def corpus_blocks(settings: TrainSettings, tok: Tokenizer) -> list[list[int]]:
    """Prepared text of the unannotated corpus articles cut into blocks of SEQ_TOKENS."""
    exclude = all_annotated_docs()
    sp = special_ids(tok)
    stream: list[int] = []
    for line in settings.corpus.read_text("utf-8").splitlines():
        art = json.loads(line)
        if art["id"] in exclude:
            continue
        stream += tok.encode(prepare(art["text"]).text, add_special_tokens=False).ids + [sp["sep"]]
    size = SEQ_TOKENS - 2
    return [[sp["cls"], *stream[i : i + size], sp["sep"]] for i in range(0, len(stream) - size + 1, size)]


def _mask(batch: torch.Tensor, mask_id: int, vocab: int, specials: set[int], rng: torch.Generator) -> tuple:
    labels = batch.clone()
    special = torch.zeros_like(batch, dtype=torch.bool)
    for s in specials:
        special |= batch == s
    chosen = (torch.rand(batch.shape, generator=rng) < MASK_RATE) & ~special
    labels[~chosen] = -100
    inputs = batch.clone()
    roll = torch.rand(batch.shape, generator=rng)
    inputs[chosen & (roll < 0.8)] = mask_id
    rand_pos = chosen & (roll >= 0.8) & (roll < 0.9)
    inputs[rand_pos] = torch.randint(vocab, batch.shape, generator=rng)[rand_pos]
    return inputs, labels


def mlm_init(settings: TrainSettings, tok: Tokenizer, epochs: int = 1) -> dict[str, torch.Tensor]:
    """Token-classification start weights whose encoder had MLM training on the corpus
    (cached by base, layers, epochs and corpus text)."""
    blocks = corpus_blocks(settings, tok)
    key = hashlib.sha256(
        json.dumps([str(settings.base), settings.layers, epochs, settings.seed, MLM_LR, blocks]).encode()
    ).hexdigest()[:16]
    path = CACHE / f"mlm-{key}.pt"
    if path.exists():
        log(f"MLM adaptation: cached {path.name}")
        return torch.load(path)
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    mlm = AutoModelForMaskedLM.from_pretrained(str(settings.base), num_hidden_layers=settings.layers)
    opt = torch.optim.AdamW(mlm.parameters(), lr=MLM_LR, weight_decay=settings.weight_decay)
    sp = special_ids(tok)
    mask_id = tok.token_to_id("<mask>")
    if mask_id is None:
        raise ValueError("the tokenizer has no <mask> piece")
    rng = torch.Generator().manual_seed(settings.seed)
    order = random.Random(settings.seed)
    log(f"MLM adaptation on {len(blocks)} blocks of {SEQ_TOKENS} pieces from the unannotated corpus")
    mlm.train()
    for epoch in range(epochs):
        order.shuffle(blocks)
        total = 0.0
        for b in range(0, len(blocks), MLM_BATCH):
            batch = torch.tensor(blocks[b : b + MLM_BATCH])
            inputs, labels = _mask(batch, mask_id, tok.get_vocab_size(), set(sp.values()), rng)
            loss = mlm(input_ids=inputs, attention_mask=torch.ones_like(inputs), labels=labels).loss
            loss.backward()
            opt.step()
            opt.zero_grad()
            total += float(loss.detach())
        log(f"MLM epoch {epoch + 1}: mean loss {total / max(1, len(blocks) // MLM_BATCH):.3f}")
    tc = load_model(settings.base, settings.layers)
    encoder: torch.nn.Module = tc.base_model  # type: ignore[assignment]
    missing = encoder.load_state_dict(mlm.base_model.state_dict(), strict=False)
    log(f"encoder weights handed over (not in the MLM model: {len(missing.missing_keys)})")
    state = {k: v.detach().clone() for k, v in tc.state_dict().items()}
    CACHE.mkdir(exist_ok=True)
    torch.save(state, path)
    return state
