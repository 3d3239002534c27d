"""Synthetic directories for benchmarks: the sample profiles repeated under unique names and slugs."""
from __future__ import annotations

import re
from pathlib import Path

from directory.paths import PROVIDERS_DIR

_NAME = re.compile(r"^name: .*$", re.MULTILINE)


def write_synthetic_directory(folder: Path, count: int, source: Path = PROVIDERS_DIR) -> list[Path]:
    """Writes `count` valid profiles into `folder`, cycling through the real samples for realistic content."""
    samples = [p.read_text(encoding="utf-8") for p in sorted(source.glob("*.yaml"))]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(count):
        text = samples[index % len(samples)]
        slug = f"synthetic-provider-{index:05d}"
        path = folder / f"{slug}.yaml"
        path.write_text(_NAME.sub(f"name: Synthetic provider {index:05d}", text, count=1), encoding="utf-8")
        written.append(path)
    return written
