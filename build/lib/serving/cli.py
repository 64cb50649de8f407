"""Batch CLI: `zh-tagger IN OUT` (also `make tag IN= OUT=`).

Input: JSONL with {"id": ..., "text": ...} per line, or plain UTF-8 text with one document
per line (its id is the line number). Output: JSONL, one line per input line, in input
order: {"id": ..., "entities": [...]}. A malformed line is reported on stderr with its
line number and written as {"id": ..., "line": N, "error": {...}, "entities": null}, or,
with --strict, stops the run. Output goes to a temporary file renamed into place at the
end, so a partial run never looks complete. Streams with bounded memory.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from serving.errors import LineError, ModelError, TaggerError
from serving.settings import ServingSettings

BATCH_DOCS = 32


@dataclass
class Doc:
    line: int
    id: Any
    text: str | None
    error: LineError | None = None


def read_docs(path: Path, mode: str) -> Iterator[Doc]:
    """Documents of the input file, one per line; malformed lines come back with .error."""
    with path.open("rb") as f:
        for n, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                yield Doc(n, None, None, LineError("E022", line=n))
                continue
            if n == 1:
                line = line.lstrip("\ufeff")
            if mode == "text":
                yield Doc(n, n, line)
                continue
            if not line.strip():
                yield Doc(n, None, None, LineError("E021", line=n))
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Doc(n, None, None, LineError("E020", line=n, reason=exc.msg))
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                doc_id = obj.get("id") if isinstance(obj, dict) else None
                yield Doc(n, doc_id, None, LineError("E021", line=n))
                continue
            yield Doc(n, obj.get("id", n), obj["text"])


def sniff_mode(path: Path) -> str:
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    with path.open("rb") as f:
        for raw in f:
            s = raw.decode("utf-8", "replace").strip().lstrip("\ufeff")
            if s:
                return "jsonl" if s.startswith("{") else "text"
    return "text"


# -- workers ---------------------------------------------------------------------------------

_TAGGER: Any = None


def _init_worker(model_dir: str, threads: int) -> None:
    global _TAGGER
    from serving.tagger import Tagger

    os.environ["THREADS"] = str(threads)
    _TAGGER = Tagger(Path(model_dir), ServingSettings(threads=threads))


def _tag_chunk(texts: list[str]) -> list[list[dict[str, Any]]] | str:
    try:
        return _TAGGER.tag_batch(texts)
    except TaggerError as exc:
        return str(exc)


def _chunks(docs: Iterator[Doc], size: int) -> Iterator[list[Doc]]:
    buf: list[Doc] = []
    for d in docs:
        buf.append(d)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def run(inp: Path, out: Path, model_dir: Path, workers: int = 1, strict: bool = False, progress: bool = True) -> dict[str, int]:
    """Tag a file; returns counts. Raises LineError (with --strict) or ModelError."""
    if not inp.is_file():
        raise LineError("E023", path=inp)
    mode = sniff_mode(inp)
    workers = max(1, workers)
    threads = max(1, (os.cpu_count() or 1) // workers)
    stats = {"lines": 0, "docs": 0, "errors": 0, "chars": 0}
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    tmp = Path(tmp_name)
    bar = tqdm(desc="tagging", unit="doc", disable=not progress, file=sys.stderr, mininterval=1.0)
    t0 = time.perf_counter()
    try:
        if workers == 1:
            _init_worker(str(model_dir), threads)
            pool = None
        else:
            pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(str(model_dir), threads))
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            pending: deque[tuple[list[Doc], Any]] = deque()

            def drain(block_until: int) -> None:
                while len(pending) > block_until:
                    chunk, fut = pending.popleft()
                    res = fut.result() if isinstance(fut, Future) else fut
                    if isinstance(res, str):
                        raise ModelError("E003", path=model_dir, reason=res)
                    _write(f, chunk, res, stats, strict)
                    bar.update(len(chunk))
                    secs = max(1e-9, time.perf_counter() - t0)
                    bar.set_postfix(chars_per_s=f"{stats['chars'] / secs:,.0f}")

            for chunk in _chunks(read_docs(inp, mode), BATCH_DOCS):
                texts = [d.text for d in chunk if d.text is not None]
                if pool is None:
                    pending.append((chunk, _tag_chunk(texts)))
                else:
                    pending.append((chunk, pool.submit(_tag_chunk, texts)))
                drain(2 * workers)
            drain(0)
        if pool is not None:
            pool.shutdown()
        os.replace(tmp, out)
    except BaseException:
        bar.close()
        tmp.unlink(missing_ok=True)
        raise
    bar.close()
    stats["seconds"] = round(time.perf_counter() - t0, 3)  # type: ignore[assignment]
    return stats


def _write(f: Any, chunk: list[Doc], results: list[list[dict[str, Any]]], stats: dict[str, int], strict: bool) -> None:
    it = iter(results)
    for d in chunk:
        stats["lines"] += 1
        if d.error is not None:
            if strict:
                raise d.error
            stats["errors"] += 1
            print(f"warning: {d.error}", file=sys.stderr)
            rec: dict[str, Any] = {
                "id": d.id,
                "line": d.line,
                "error": {"code": d.error.code, "message": str(d.error)},
                "entities": None,
            }
        else:
            stats["docs"] += 1
            stats["chars"] += len(d.text or "")
            rec = {"id": d.id, "entities": next(it)}
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="zh-tagger", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: MODEL_DIR or models/current)")
    ap.add_argument("--workers", type=int, default=1, help="worker processes")
    ap.add_argument("--strict", action="store_true", help="stop at the first malformed line")
    ap.add_argument("--quiet", action="store_true", help="no progress bar")
    args = ap.parse_args(argv)
    model_dir = args.model or ServingSettings().model_dir
    try:
        stats = run(args.input, args.output, model_dir, args.workers, args.strict, not args.quiet)
    except TaggerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; no output written", file=sys.stderr)
        return 130
    print(json.dumps(stats), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
