"""Huge inputs are handled correctly (their timing is measured by
benchmarks/bench_scaling.py, not asserted here)."""

from __future__ import annotations

import newsclean


def test_fifty_megabyte_single_line():
    text = "The council met. " * 3_000_000  # 51 MB, one line, no newline
    assert newsclean.clean(text) == text


def test_a_million_short_lines():
    lines = [("Share this article\n" if i % 10 == 0 else f"Line {i} of the report.\n") for i in range(1_000_000)]
    out = newsclean.clean("".join(lines))
    assert out == "".join(x for x in lines if not x.startswith("Share"))


def test_profile_benchmark_runs_tiny_and_learns_exactly_the_synthetic_furniture():
    """benchmarks/profiles.py in its CI size: every outlet of the synthetic corpus has
    four furniture lines, and the learned profile holds exactly those."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "profiles.py"
    r = subprocess.run([sys.executable, str(script), "--sources", "--scale-mb", "3"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    m = re.search(r"(\d+) groups, (\d+) shapes", r.stdout)
    assert m, r.stdout
    groups, shapes = int(m.group(1)), int(m.group(2))
    assert groups >= 90 and shapes == 4 * groups, r.stdout
