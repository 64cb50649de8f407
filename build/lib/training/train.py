"""Fine-tune a BERT-family encoder as a token classifier; `make train` runs `main`.

Flat and explicit (nanoGPT style): length-grouped batches, AdamW with a separate head
learning rate, linear warm-up and decay, bf16 autocast on CPU, fixed seeds, a progress bar.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import torch
from tokenizers import Tokenizer
from tqdm import tqdm
from transformers import AutoModelForTokenClassification, get_linear_schedule_with_warmup

from serving.encoder import char_split_pretokenizer
from serving.labels import bio_labels
from training.data import IGNORE, AlignStats, Sentence, encode_sentence
from training.settings import TrainSettings


def project_tokenizer(base: Path, char_split: bool = False) -> Tokenizer:
    """The base model's tokenizer, optionally with the char-split pre-tokenizer.

    Char split (one piece per CJK character or digit) puts fewer entity boundaries inside
    a piece (7.5 vs 9.1 per 1000 on train+dev) but scored lower on dev and doubles the
    sequence length: reports/tokenization.json, so the base pieces are the default.
    """
    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    if char_split:
        tok.pre_tokenizer = char_split_pretokenizer()
    tok.no_truncation()
    tok.no_padding()
    return tok


def encode_all(
    tok: Tokenizer, sents: list[Sentence], settings: TrainSettings, stats: AlignStats | None = None
) -> list[dict]:
    labels = bio_labels()
    out: list[dict] = []
    for s in sents:
        out.extend(
            encode_sentence(
                tok, labels, s.text, s.entities, settings.max_tokens, settings.window_overlap, stats
            )
        )
    return out


def _batches(examples: list[dict], size: int, rng: random.Random) -> list[list[dict]]:
    """Length-grouped batches in random order (cuts padding, keeps some randomness)."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i]["input_ids"]), rng.random()))
    batches = [[examples[i] for i in order[b : b + size]] for b in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


def _collate(batch: list[dict], pad_id: int) -> dict[str, torch.Tensor]:
    n = max(len(x["input_ids"]) for x in batch)
    ids = torch.full((len(batch), n), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), n), dtype=torch.long)
    labs = torch.full((len(batch), n), IGNORE, dtype=torch.long)
    for r, x in enumerate(batch):
        k = len(x["input_ids"])
        ids[r, :k] = torch.tensor(x["input_ids"])
        mask[r, :k] = 1
        labs[r, :k] = torch.tensor(x["labels"])
    return {"input_ids": ids, "attention_mask": mask, "labels": labs}


def load_model(base: Path, layers: int | None = None) -> torch.nn.Module:
    """The base encoder with a fresh token-classification head (first `layers` layers)."""
    labels = bio_labels()
    extra = {"num_hidden_layers": layers} if layers else {}
    return AutoModelForTokenClassification.from_pretrained(
        str(base),
        **extra,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={lab: i for i, lab in enumerate(labels)},
        attn_implementation="eager",
        ignore_mismatched_sizes=True,
    )


def fit(
    model: torch.nn.Module,
    examples: list[dict],
    settings: TrainSettings,
    pad_id: int,
    epochs: int,
    desc: str = "train",
    lr: float | None = None,
) -> list[float]:
    """Train in place; returns the mean loss of each epoch."""
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    rng = random.Random(settings.seed)
    head = [p for n, p in model.named_parameters() if n.startswith("classifier")]
    body = [p for n, p in model.named_parameters() if not n.startswith("classifier")]
    opt = torch.optim.AdamW(
        [
            {"params": body, "lr": lr or settings.lr},
            {"params": head, "lr": settings.head_lr},
        ],
        weight_decay=settings.weight_decay,
    )
    steps = epochs * ((len(examples) + settings.batch_size - 1) // settings.batch_size)
    sched = get_linear_schedule_with_warmup(opt, int(settings.warmup_ratio * steps), max(1, steps))
    model.train()
    losses: list[float] = []
    bar = tqdm(total=steps, desc=desc, unit="batch", file=sys.stderr, mininterval=2.0)
    for _ in range(epochs):
        total, count = 0.0, 0
        for batch in _batches(examples, settings.batch_size, rng):
            inputs = _collate(batch, pad_id)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=settings.bf16):
                loss = model(**inputs).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            total += float(loss.detach())
            count += 1
            bar.update(1)
            bar.set_postfix(loss=f"{total / count:.4f}")
        losses.append(total / max(1, count))
    bar.close()
    model.eval()
    return losses


class TorchRuntime:
    """The serving Runtime protocol over a torch model (evaluation without export)."""

    def __init__(self, model: torch.nn.Module) -> None:
        self.model = model.eval()

    def probabilities(self, ids, mask):
        with torch.inference_mode():
            logits = self.model(
                input_ids=torch.as_tensor(ids), attention_mask=torch.as_tensor(mask)
            ).logits
        return torch.softmax(logits.float(), dim=-1).numpy()


def main(argv: list[str] | None = None) -> int:
    from training.ship import export_only, train_and_ship

    ap = argparse.ArgumentParser(description="Fine-tune on annotations/, evaluate, export to models/.")
    ap.add_argument("--base", type=Path, help="a local transformers BERT-family folder")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--lr", type=float)
    ap.add_argument("--weak-epochs", type=int, help="epochs of weak-supervision pre-training (default 0: off)")
    ap.add_argument("--char-split", action="store_true", help="one token per CJK character/digit")
    ap.add_argument("--export-only", action="store_true", help="re-export the last trained checkpoint")
    args = ap.parse_args(argv)
    settings = TrainSettings()
    if args.base:
        settings.base = args.base
    if args.out:
        settings.out = args.out
    if args.epochs:
        settings.epochs = args.epochs
    if args.lr:
        settings.lr = args.lr
    if args.weak_epochs is not None:
        settings.weak_epochs = args.weak_epochs
    if args.char_split:
        settings.char_split = True
    t0 = time.time()
    report = export_only(settings) if args.export_only else train_and_ship(settings)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"done in {time.time() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
