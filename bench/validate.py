"""Benchmark: `python -m directory validate` end to end on N synthetic profiles.

Usage: python bench/validate.py N     (target: under 1 ms per profile at N=10,000 on 2 cores)
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import write_synthetic_directory  # noqa: E402


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="refdir-bench-") as tmp:
        folder = Path(tmp) / "providers"
        write_synthetic_directory(folder, count)
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "directory", "validate", str(folder)],
                                  capture_output=True, text=True)
            runs.append(time.perf_counter() - start)
            if done.returncode != 0:
                print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
                return 1
        best, median = min(runs), sorted(runs)[1]
        print(f"validate: {count} profiles, end to end (process start included), 3 runs")
        print(f"  median {median:.2f} s = {median / count * 1000:.3f} ms per profile "
              f"(best {best:.2f} s = {best / count * 1000:.3f} ms per profile); target < 1 ms")
        print(f"  {done.stderr.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
