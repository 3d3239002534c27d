"""Synthetic directories for benchmarks: the sample profiles repeated under unique names and slugs."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

from directory.paths import PROVIDERS_DIR

_NAME = re.compile(r"^name: .*$", re.MULTILINE)
_COORDINATE = re.compile(r"^(\s*(?:latitude|longitude): )(-?[\d.]+)$", re.MULTILINE)


def _moved(text: str, index: int) -> str:
    """Each copy's places moved by up to ~5 km, deterministically: identical coordinates would compress
    unrealistically well in the search page's facet index."""
    turn = itertools.count(1)

    def shift(match: re.Match) -> str:
        offset = ((index * 7919 + next(turn) * 104729) % 1001 - 500) / 10_000
        return f"{match.group(1)}{float(match.group(2)) + offset:.4f}"
    return _COORDINATE.sub(shift, text)


def write_synthetic_directory(folder: Path, count: int, source: Path = PROVIDERS_DIR) -> list[Path]:
    """Writes `count` valid profiles into `folder`, cycling through the real samples for realistic content."""
    samples = [p.read_text(encoding="utf-8") for p in sorted(source.glob("*.yaml"))]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(count):
        text = samples[index % len(samples)]
        slug = f"synthetic-provider-{index:05d}"
        path = folder / f"{slug}.yaml"
        text = _moved(text, index) if index >= len(samples) else text
        path.write_text(_NAME.sub(f"name: Synthetic provider {index:05d}", text, count=1), encoding="utf-8")
        written.append(path)
    return written
