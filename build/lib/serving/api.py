"""HTTP API (FastAPI): a thin edge over the Tagger that turns typed errors into 4xx JSON.

`create_app(tagger)` builds the app (tests pass a tagger over a fake runtime);
`python -m serving.api` loads the model folder first and fails with one clear line.
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from pydantic import BaseModel, Field

from serving.errors import InputError, ModelError, TaggerError
from serving.settings import ServingSettings, cores
from serving.tagger import Tagger

WEB = Path(__file__).resolve().parent / "web" / "index.html"


class TagRequest(BaseModel):
    text: str = Field(description="the text to tag, as the caller has it")


class BatchRequest(BaseModel):
    texts: list[str] = Field(description="texts to tag; results come back in input order")


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "tagger_requests_total", "HTTP requests", ["path", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "tagger_request_seconds",
            "request latency",
            ["path"],
            buckets=(0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=self.registry,
        )
        self.entities = Counter(
            "tagger_entities_total", "entities returned", ["type"], registry=self.registry
        )
        self.chars = Counter("tagger_chars_total", "characters tagged", registry=self.registry)


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message, **extra}})


def create_app(tagger: Tagger, settings: ServingSettings | None = None) -> FastAPI:
    settings = settings or tagger.settings
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = settings.request_threads or cores()
        yield

    app = FastAPI(
        title="Chinese entity and metric tagger",
        version=str(tagger.manifest.get("version", "0")),
        description="REGION, ORG, POLICY, QUANTITY and MONEY mentions with normalized values.",
        lifespan=lifespan,
    )
    app.state.tagger = tagger

    @app.middleware("http")
    async def limits_and_metrics(request: Request, call_next):
        t0 = time.perf_counter()
        path = request.url.path
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > settings.max_body_bytes:
            resp: Response = _error(
                413, "E012", InputError("E012", n=int(length), limit=settings.max_body_bytes).args[0]
            )
        else:
            try:
                resp = await call_next(request)
            except Exception as exc:  # last resort: never a bare 500 page
                resp = _error(500, "E999", f"internal error: {type(exc).__name__}")
        if path in ("/v1/tag", "/v1/tag/batch", "/healthz", "/v1/model"):
            metrics.requests.labels(path, str(resp.status_code)).inc()
            metrics.latency.labels(path).observe(time.perf_counter() - t0)
        return resp

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errs = jsonable_encoder(exc.errors(), custom_encoder={bytes: lambda b: b.decode("utf-8", "replace")})
        where = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in errs[:5]
        )
        return _error(422, "E030", f"invalid request: {where}", detail=errs)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        status = 413 if exc.code in ("E010", "E011", "E012") else 422
        return _error(status, exc.code, str(exc))

    @app.exception_handler(TaggerError)
    async def tagger_error(request: Request, exc: TaggerError) -> JSONResponse:
        return _error(503, exc.code, str(exc))

    def _count(results: list[list[dict[str, Any]]], texts: list[str]) -> None:
        for ents in results:
            for e in ents:
                metrics.entities.labels(e["type"]).inc()
        metrics.chars.inc(sum(len(t) for t in texts))

    @app.post("/v1/tag", summary="Tag one text")
    def tag(req: TagRequest) -> dict[str, Any]:
        ents = tagger.tag_batch([req.text])
        _count(ents, [req.text])
        return {"entities": ents[0], "model": tagger.info()["name"], "chars": len(req.text)}

    @app.post("/v1/tag/batch", summary="Tag several texts")
    def tag_batch(req: BatchRequest) -> dict[str, Any]:
        if len(req.texts) > settings.max_texts_per_batch:
            raise InputError("E011", n=len(req.texts), limit=settings.max_texts_per_batch)
        results = tagger.tag_batch(req.texts)
        _count(results, req.texts)
        return {"results": [{"entities": r} for r in results], "model": tagger.info()["name"]}

    @app.get("/healthz", summary="200 once the model is loaded")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/v1/model", summary="The model's name, labels, version and evaluation scores")
    async def model_info() -> dict[str, Any]:
        return tagger.info()

    @app.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
    async def prometheus() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(WEB, media_type="text/html; charset=utf-8")

    return app


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    ap = argparse.ArgumentParser(description="Serve the tagger over HTTP.")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--model", type=Path, help="model folder (default: MODEL_DIR or models/current)")
    args = ap.parse_args(argv)
    settings = ServingSettings()
    try:
        tagger = Tagger(args.model or settings.model_dir, settings)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    uvicorn.run(create_app(tagger, settings), host=args.host, port=args.port, log_level="info")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
