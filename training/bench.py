"""`make bench`: performance figures of the shipped model, measured in one run on this machine.

- in-process latency p50/p95 at batch 1 for texts of 50, 200 and 1000 characters;
- ONNX (shipped precision) vs PyTorch fp32 eager on the same inputs (same architecture);
- CLI throughput on the corpus with 1 and 2 workers (characters per second);
- HTTP p50/p99 and requests per second at 1, 4 and 16 concurrent clients against a local
  server (bounded request count and time, loopback only), and the server's peak memory.
Prints a table and writes reports/bench.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from serving.settings import ServingSettings
from serving.tagger import Tagger
from training.settings import ROOT, TrainSettings

REPORTS = ROOT / "reports"
LENGTHS = (50, 200, 1000)
CONCURRENCY = (1, 4, 16)


def corpus_texts(settings: TrainSettings) -> list[str]:
    if settings.corpus.exists():
        return [json.loads(line)["text"] for line in settings.corpus.read_text("utf-8").splitlines()]
    return [(ROOT / "seeds" / p).read_text("utf-8") for p in sorted(os.listdir(ROOT / "seeds"))]


def snippets(texts: list[str], n_chars: int, count: int) -> list[str]:
    joined = "".join(t.replace("\n", "") for t in texts)
    step = max(1, (len(joined) - n_chars) // count)
    return [joined[i * step : i * step + n_chars] for i in range(count)]


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs), q))


def latency(tagger: Tagger, texts: list[str], repeat: int) -> dict[str, float]:
    for t in texts[:3]:
        tagger.tag(t)
    times: list[float] = []
    for _ in range(repeat):
        for t in texts:
            t0 = time.perf_counter()
            tagger.tag(t)
            times.append((time.perf_counter() - t0) * 1000)
    return {"p50_ms": round(pct(times, 50), 2), "p95_ms": round(pct(times, 95), 2), "n": len(times)}


def onnx_vs_torch(tagger: Tagger, texts: list[str]) -> dict[str, Any]:
    """Model-only time on identical padded batches: ONNX runtime vs torch fp32 eager."""
    try:
        import torch
        from transformers import AutoConfig, AutoModelForTokenClassification
    except ImportError:
        return {"skipped": "torch not installed"}
    cfg_dict = tagger.manifest.get("model_config")
    if not cfg_dict:
        return {"skipped": "manifest has no model_config"}
    cfg = AutoConfig.for_model(**cfg_dict)
    cfg._attn_implementation = "eager"
    model = AutoModelForTokenClassification.from_config(cfg).eval()
    torch.set_num_threads(os.cpu_count() or 1)
    batches = []
    for t in texts:
        ids = [tagger.special["cls"], *tagger.tokenizer.encode(t, add_special_tokens=False).ids[:254], tagger.special["sep"]]
        batches.append((np.array([ids], dtype=np.int64), np.ones((1, len(ids)), dtype=np.int64)))

    def timeit(fn: Any) -> float:
        for ids, mask in batches[:2]:
            fn(ids, mask)
        t0 = time.perf_counter()
        for ids, mask in batches:
            fn(ids, mask)
        return (time.perf_counter() - t0) / len(batches) * 1000

    def run_torch(ids: np.ndarray, mask: np.ndarray) -> None:
        with torch.inference_mode():
            model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask))

    onnx_ms = timeit(tagger.runtime.probabilities)
    torch_ms = timeit(run_torch)
    return {
        "onnx_ms_per_text": round(onnx_ms, 2),
        "torch_fp32_eager_ms_per_text": round(torch_ms, 2),
        "speedup": round(torch_ms / onnx_ms, 2),
        "onnx_precision": tagger.manifest.get("export", {}).get("precision"),
    }


def cli_throughput(model_dir: Path, texts: list[str], workers: int, hybrid_model: bool = True) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as d:
        inp = Path(d) / "in.jsonl"
        with inp.open("w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "serving.cli", str(inp), str(Path(d) / "out.jsonl"),
             "--model", str(model_dir), "--workers", str(workers), "--quiet"],
            check=True, cwd=ROOT, env={**os.environ, "HYBRID_MODEL": "1" if hybrid_model else "0"},
        )
        secs = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    return {"workers": workers, "hybrid_model": hybrid_model, "docs": len(texts), "chars": chars,
            "seconds": round(secs, 2), "chars_per_s": round(chars / secs)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


async def _load(url: str, texts: list[str], clients: int, requests: int, max_seconds: float) -> dict[str, Any]:
    import httpx

    lat: list[float] = []
    errors = 0
    counter = iter(range(requests))
    deadline = time.perf_counter() + max_seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for i in counter:
            if time.perf_counter() > deadline:
                return
            t0 = time.perf_counter()
            r = await client.post(url, json={"text": texts[i % len(texts)]})
            lat.append((time.perf_counter() - t0) * 1000)
            errors += r.status_code != 200

    async with httpx.AsyncClient(timeout=60) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        secs = time.perf_counter() - t0
    return {"clients": clients, "requests": len(lat), "errors": errors, "p50_ms": round(pct(lat, 50), 2),
            "p99_ms": round(pct(lat, 99), 2), "rps": round(len(lat) / secs, 1)}


def http_bench(model_dir: Path, texts: list[str], requests: int) -> dict[str, Any]:
    import httpx

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "serving.api", "--port", str(port), "--model", str(model_dir)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            return {"skipped": "server did not start"}
        runs = [asyncio.run(_load(base + "/v1/tag", texts, c, requests, 60)) for c in CONCURRENCY]
        return {"text_chars": len(texts[0]), "runs": runs, "server_peak_rss_mb": peak_rss_mb(proc.pid)}
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=ServingSettings().model_dir)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--http-requests", type=int, default=400)
    args = ap.parse_args(argv)
    REPORTS.mkdir(exist_ok=True)
    texts = corpus_texts(TrainSettings())
    tagger = Tagger(args.model)
    report: dict[str, Any] = {"model": tagger.info()["name"], "version": tagger.info()["version"],
                              "cores": os.cpu_count()}
    report["latency_batch1"] = {str(n): latency(tagger, snippets(texts, n, 20), args.repeat) for n in LENGTHS}
    model_only = Tagger(args.model, ServingSettings(use_rules=False))
    report["latency_batch1_model_only"] = {str(n): latency(model_only, snippets(texts, n, 20), args.repeat) for n in (200,)}
    rules_only = Tagger(args.model, ServingSettings(hybrid_model=False))
    report["latency_batch1_rules_only"] = {str(n): latency(rules_only, snippets(texts, n, 20), args.repeat) for n in LENGTHS}
    report["onnx_vs_torch"] = onnx_vs_torch(tagger, snippets(texts, 200, 30))
    report["cli"] = [cli_throughput(args.model, texts, w) for w in (1, 2)] + [cli_throughput(args.model, texts, 2, hybrid_model=False)]
    report["http"] = http_bench(args.model, snippets(texts, 200, 50), args.http_requests)
    (REPORTS / "bench.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{'measure':<44}{'value':>14}")
    for n, v in report["latency_batch1"].items():
        print(f"{'latency ' + n + ' chars p50 / p95 (ms)':<44}{v['p50_ms']:>7} / {v['p95_ms']}")
    for n, v in report["latency_batch1_rules_only"].items():
        print(f"{'HYBRID_MODEL=0 latency ' + n + ' chars p50 / p95 (ms)':<44}{v['p50_ms']:>7} / {v['p95_ms']}")
    for n, v in report["latency_batch1_model_only"].items():
        print(f"{'USE_RULES=0 latency ' + n + ' chars p50 / p95 (ms)':<44}{v['p50_ms']:>7} / {v['p95_ms']}")
    ovt = report["onnx_vs_torch"]
    if "speedup" in ovt:
        print(f"{'ONNX ' + str(ovt['onnx_precision']) + ' vs torch fp32 speed-up':<44}{ovt['speedup']:>13}x")
    for c in report["cli"]:
        mode = "" if c["hybrid_model"] else " (HYBRID_MODEL=0)"
        print(f"{'CLI chars/s, ' + str(c['workers']) + ' worker(s)' + mode:<44}{c['chars_per_s']:>14,}")
    for r in report["http"].get("runs", []):
        print(f"{'HTTP ' + str(r['clients']) + ' clients p50 / p99 (ms), rps':<44}{r['p50_ms']:>7} / {r['p99_ms']} / {r['rps']}")
    print(f"{'server peak RSS (MB)':<44}{report['http'].get('server_peak_rss_mb')!s:>14}")
    print(f"wrote {REPORTS / 'bench.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
