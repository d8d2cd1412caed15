#!/usr/bin/env python3
"""Time newsclean on growing inputs to show that cost grows linearly.

Two shapes: one huge line (no newline) and many short lines (one in ten is
boilerplate).  For each, the input doubles and the time per MB should stay flat.

    python benchmarks/bench_scaling.py            # up to 50 MB / 1,000,000 lines
    python benchmarks/bench_scaling.py --small    # quick run
"""

from __future__ import annotations

import argparse
import sys
import time

import newsclean


def _time(cleaner: newsclean.Cleaner, text: str) -> float:
    t0 = time.perf_counter()
    cleaner.clean(text)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", action="store_true", help="a quick run with small inputs")
    args = ap.parse_args(argv)
    cleaner = newsclean.Cleaner()
    cleaner.clean("warm-up\n")
    line_sizes = [1, 2, 4] if args.small else [6.25, 12.5, 25, 50]  # MB
    line_counts = [10_000, 20_000, 40_000] if args.small else [125_000, 250_000, 500_000, 1_000_000]
    print("one line:")
    for mb in line_sizes:
        text = "The council met. " * int(mb * 1e6 / 17)
        t = _time(cleaner, text)
        print(f"  {len(text) / 1e6:6.1f} MB  {t:7.2f} s  {len(text) / 1e6 / t:6.1f} MB/s")
    print("short lines:")
    for n in line_counts:
        text = "".join("Share this article\n" if i % 10 == 0 else f"Line {i} of the report.\n" for i in range(n))
        t = _time(cleaner, text)
        print(f"  {n:>9,} lines  {t:7.2f} s  {t / n * 1e6:6.1f} µs/line")
    return 0


if __name__ == "__main__":
    sys.exit(main())
