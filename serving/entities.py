"""Spans in original offsets -> the ENTITY objects of the contract, normalized values included."""

from __future__ import annotations

from typing import Any

from serving.decode import Span
from serving.normalize import normalize
from serving.regions import SUB_COUNTY_LEVELS, RegionContext, places_named_in
from serving.textprep import strip_glosses, to_simplified


def _clean(mention: str) -> str:
    """The mention as the normalizers read it: pinyin glosses removed, simplified script."""
    return to_simplified(strip_glosses(mention)[0])


def normalize_entities(original: str, spans: list[Span]) -> list[dict[str, Any]]:
    """Build the entity dicts; `text` is always original[start:end]."""
    cleaned = [_clean(original[s.start : s.end]) for s in spans]
    # The places a REGION's normalization reads: the REGION mentions in text order. A town or
    # village that they place under no county is placed again with the divisions that ORG
    # names start with among them (湘潭县财政局驻花石镇: D16 reads every place the text names).
    ordered = sorted(zip(spans, cleaned, strict=True), key=lambda sc: sc[0].start)
    regions = RegionContext.of(c for s, c in ordered if s.type == "REGION")
    with_orgs = RegionContext.of(
        place for s, c in ordered for place in ([c] if s.type == "REGION" else places_named_in(c) if s.type == "ORG" else [])
    )
    out: list[dict[str, Any]] = []
    for s, c in zip(spans, cleaned, strict=True):
        try:
            norm = normalize(s.type, c, regions)
            if s.type == "REGION" and norm and norm["full_name"] is None and norm["level"] in SUB_COUNTY_LEVELS:
                norm = normalize(s.type, c, with_orgs)
        except Exception:  # a normalizer bug must never cost the caller the entity
            norm = None
        out.append(
            {
                "type": s.type,
                "start": s.start,
                "end": s.end,
                "text": original[s.start : s.end],
                "score": round(float(s.score), 4),
                "normalized": norm,
            }
        )
    return out
