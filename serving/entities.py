"""Spans in original offsets -> the ENTITY objects of the contract, normalized values included."""

from __future__ import annotations

from typing import Any

from serving.decode import Span
from serving.normalize import normalize
from serving.regions import SUB_COUNTY_LEVELS, RegionContext, nearer_placement, places_named_in
from serving.textprep import strip_glosses, to_simplified


def _clean(mention: str) -> str:
    """The mention as the normalizers read it: pinyin glosses removed, simplified script."""
    return to_simplified(strip_glosses(mention)[0])


def normalize_entities(original: str, spans: list[Span]) -> list[dict[str, Any]]:
    """Build the entity dicts; `text` is always original[start:end]."""
    cleaned = [_clean(original[s.start : s.end]) for s in spans]
    # The places a REGION's normalization reads: the REGION mentions in text order, and with
    # them the divisions that ORG names start with (湘潭县财政局驻花石镇: D16 reads every place
    # the text names). Where both place a town or village under the same county, the REGION
    # mentions' chain is kept, for it names more levels (大关县天星镇打瓦村 … 大关县纪委 … 打堡组).
    ordered = sorted(zip(spans, cleaned, strict=True), key=lambda sc: sc[0].start)
    regions = RegionContext.of(c for s, c in ordered if s.type == "REGION")
    places = [[c] if s.type == "REGION" else places_named_in(c) if s.type == "ORG" else [] for s, c in ordered]
    named_in_orgs = any(p for (s, _), p in zip(ordered, places, strict=True) if s.type == "ORG")
    with_orgs = RegionContext.of(place for p in places for place in p) if named_in_orgs else None
    out: list[dict[str, Any]] = []
    for s, c in zip(spans, cleaned, strict=True):
        try:
            norm = normalize(s.type, c, regions)
            if with_orgs is not None and s.type == "REGION" and norm and norm["level"] in SUB_COUNTY_LEVELS:
                norm = nearer_placement(norm, normalize(s.type, c, with_orgs))
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
