"""Benchmark: the open-data exports on N synthetic providers, step by step and end to end.

Usage: python bench/export.py N
Prints what the site build pays for its downloads (HSDS objects, compact gzipped JSON, plain CSV; no schema check)
and what `python -m directory export hsds` pays on top (tabular form, HSDS 3.0 schema check, writing files).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import write_synthetic_directory  # noqa: E402
from directory.catalog import load_catalog  # noqa: E402
from directory.exports.hsds import HSDS, invalid_objects  # noqa: E402
from directory.exports.plain_csv import directory_csv  # noqa: E402
from directory.hsds.export import services  # noqa: E402
from directory.hsds.files import export_files  # noqa: E402
from directory.hsds.tabular import tabular_files  # noqa: E402


def timed(label: str, count: int, function):
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    print(f"  {label:<34} {seconds:7.2f} s  {seconds / count * 1000:6.3f} ms per provider")
    return result


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="refdir-bench-") as tmp:
        folder = Path(tmp) / "providers"
        write_synthetic_directory(folder, count)
        print(f"exports: {count} synthetic providers")
        catalog = timed("load catalog", count, lambda: load_catalog(folder))
        exported = timed("HSDS service objects", count, lambda: services(catalog.profiles, catalog.taxonomy))
        files = timed("HSDS JSON, terms nested (CLI)", count,
                      lambda: export_files(exported, per_object=False, tabular=False))
        timed("HSDS tabular form (CLI only)", count, lambda: tabular_files(exported))
        text = timed("plain CSV", count, lambda: directory_csv(catalog.profiles, catalog.taxonomy))
        problems = timed("HSDS 3.0 schema check", count, lambda: invalid_objects(exported))
        if problems:
            print("\n".join(problems[:20]), file=sys.stderr)
            return 1
        nested = sum(len(t.encode()) for t in files.values()) + len(text.encode())
        published = timed("HSDS as the site publishes it", count, lambda: HSDS.site_files(catalog))
        sizes = {name: len(data.encode() if isinstance(data, str) else data) for name, data in published.items()}
        site_bytes = sum(sizes.values()) + len(text.encode())
        print(f"  downloads on the site: {site_bytes / 1e6:.1f} MB = {site_bytes / count / 1024:.1f} KB per provider "
              f"(" + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sizes.items() if size > 1e5)
              + f", CSV {len(text.encode()) / 1e6:.1f} MB); with every term and organization nested in each "
              f"service, uncompressed, they were {nested / 1e6:.1f} MB")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "directory", "export", "hsds", str(Path(tmp) / "out"),
                               "--providers", str(folder)], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            return 1
        print(f"  `export hsds` end to end            {seconds:7.2f} s  {seconds / count * 1000:6.3f} ms per provider")
        print(f"  {done.stdout.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
