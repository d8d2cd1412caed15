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
