"""Validator for the gold annotations in annotations/*.jsonl.

Every gold span is checked: offsets slice to `text`, no overlaps, no quote or book-title
marks at the edges, known types, sentence ids unique, and `normalized` matches the schema
of ../shared/spec/normalized-values.md. Run: `python -m training.validate [files...]`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

TYPES = ("REGION", "ORG", "POLICY", "QUANTITY", "MONEY")
EDGE_MARKS = set("“”‘’\"'《》「」『』〈〉<>()（）,，。、；;：:!！?？ \t\u3000")
MODIFIERS = (None, "approx", "over", "under")
LEVELS = ("country", "province", "city", "county", "town", "village", "area")
SI_UNITS = ("m", "m2", "kg", "W", "Wh", "m3")
RECORD_KEYS = {"id", "doc", "offset", "text", "entities"}
ENTITY_KEYS = {"type", "start", "end", "text", "normalized"}

ANNOTATIONS_DIR = Path(__file__).resolve().parent.parent / "annotations"


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _check_number_fields(norm: dict, problems: list[str]) -> None:
    is_range = "min" in norm or "max" in norm
    if is_range:
        if norm.get("value") is not None:
            problems.append("a range must have value null")
        if not (_is_number(norm.get("min")) and _is_number(norm.get("max"))):
            problems.append("a range needs numeric min and max")
        elif Decimal(str(norm["min"])) > Decimal(str(norm["max"])):
            problems.append("min > max")
    elif not _is_number(norm.get("value")):
        problems.append("value must be a number")
    for key in ("value", "min", "max"):
        v = norm.get(key)
        if isinstance(v, float) and v.is_integer():
            problems.append(f"{key} {v} is whole and must be a JSON integer")
    if norm.get("modifier") not in MODIFIERS:
        problems.append(f"modifier {norm.get('modifier')!r} not in {MODIFIERS}")


def check_normalized(etype: str, norm: object) -> list[str]:
    """Schema problems of one normalized value (empty list when fine)."""
    problems: list[str] = []
    if norm is None:
        if etype in ("QUANTITY", "MONEY"):
            return []
        return [f"{etype} needs a normalized object"]
    if not isinstance(norm, dict):
        return ["normalized must be an object or null"]
    if etype == "QUANTITY":
        allowed = {"value", "min", "max", "unit", "modifier", "si"}
        _check_number_fields(norm, problems)
        if "unit" not in norm or not (norm["unit"] is None or isinstance(norm["unit"], str)):
            problems.append("unit must be a string or null")
        if "si" in norm:
            si = norm["si"]
            if not (isinstance(si, dict) and set(si) == {"value", "unit"}):
                problems.append("si must be {value, unit}")
            elif si["unit"] not in SI_UNITS:
                problems.append(f"si unit {si['unit']!r} not in {SI_UNITS}")
    elif etype == "MONEY":
        allowed = {"value", "min", "max", "currency", "modifier"}
        _check_number_fields(norm, problems)
        cur = norm.get("currency")
        if not (isinstance(cur, str) and len(cur) == 3 and cur.isascii() and cur.isupper()):
            problems.append(f"currency {cur!r} is not an ISO 4217 code")
    elif etype == "REGION":
        allowed = {"name", "full_name", "code", "level"}
        if not isinstance(norm.get("name"), str) or not norm["name"]:
            problems.append("name must be a non-empty string")
        if norm.get("level") not in LEVELS:
            problems.append(f"level {norm.get('level')!r} not in {LEVELS}")
        code = norm.get("code")
        if code is not None and not (
            isinstance(code, str) and code.isdigit() and len(code) in (6, 9, 12)
        ):
            problems.append(f"code {code!r} must be null or a 6/9/12-digit string")
        fn = norm.get("full_name")
        if fn is not None and not isinstance(fn, str):
            problems.append("full_name must be a string or null")
        for key in ("full_name", "code"):
            if key not in norm:
                problems.append(f"missing {key}")
    else:  # ORG, POLICY
        allowed = {"name"}
        name = norm.get("name")
        if not isinstance(name, str) or not name:
            problems.append("name must be a non-empty string")
        elif any(c in name for c in "“”\"《》 \u3000"):
            problems.append(f"name {name!r} keeps quotes, book-title marks or spaces")
    extra = set(norm) - allowed
    if extra:
        problems.append(f"unknown keys {sorted(extra)}")
    return problems


def check_record(rec: dict, where: str) -> list[Problem]:
    problems: list[Problem] = []

    def bad(msg: str) -> None:
        problems.append(Problem(where, msg))

    if set(rec) != RECORD_KEYS:
        bad(f"record keys {sorted(rec)} != {sorted(RECORD_KEYS)}")
        return problems
    text = rec["text"]
    if not isinstance(text, str) or not text:
        bad("empty text")
        return problems
    prev_end = -1
    for k, ent in enumerate(sorted(rec["entities"], key=lambda e: (e["start"], e["end"]))):
        w = f"entity {k} {ent.get('text')!r}"
        if set(ent) != ENTITY_KEYS:
            bad(f"{w}: keys {sorted(ent)} != {sorted(ENTITY_KEYS)}")
            continue
        s, e = ent["start"], ent["end"]
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            bad(f"{w}: bad offsets [{s}, {e})")
            continue
        if text[s:e] != ent["text"]:
            bad(f"{w}: text[{s}:{e}] is {text[s:e]!r}")
        if ent["type"] not in TYPES:
            bad(f"{w}: unknown type {ent['type']!r}")
        if text[s] in EDGE_MARKS or text[e - 1] in EDGE_MARKS:
            bad(f"{w}: span starts or ends with punctuation, a quote or a book-title mark")
        if s < prev_end:
            bad(f"{w}: overlaps the previous entity")
        prev_end = max(prev_end, e)
        for msg in check_normalized(ent["type"], ent["normalized"]):
            bad(f"{w}: {msg}")
    return problems


def check_file(path: Path, doc_text: str | None = None) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(where, f"invalid JSON: {exc}"))
            continue
        if rec.get("id") in seen:
            problems.append(Problem(where, f"duplicate id {rec.get('id')!r}"))
        seen.add(rec.get("id"))
        problems.extend(check_record(rec, f"{where} ({rec.get('id')})"))
        if doc_text is not None and isinstance(rec.get("offset"), int):
            o = rec["offset"]
            if doc_text[o : o + len(rec.get("text", ""))] != rec.get("text"):
                problems.append(Problem(where, "text is not the document's text at offset"))
    return problems


def annotation_files(paths: Iterable[Path] | None = None) -> list[Path]:
    return sorted(paths) if paths else sorted(ANNOTATIONS_DIR.glob("**/*.jsonl"))


CORPUS = ANNOTATIONS_DIR.parent.parent / "shared" / "corpus" / "inews-poverty.jsonl"


def source_text(path: Path) -> str | None:
    """The source document of an annotation file: a seed, or a corpus article if present."""
    seed = ANNOTATIONS_DIR.parent / "seeds" / f"{path.stem}.txt"
    if seed.exists():
        return seed.read_text(encoding="utf-8")
    if CORPUS.exists():
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            art = json.loads(line)
            if art.get("id") == path.stem:
                return str(art["text"])
    return None


def main(argv: list[str] | None = None) -> int:
    args = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    total = 0
    for path in annotation_files(args or None):
        problems = check_file(path, source_text(path))
        total += len(problems)
        for p in problems:
            print(p)
    print(f"{total} problem(s)")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
