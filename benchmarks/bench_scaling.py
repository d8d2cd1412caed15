#!/usr/bin/env python3
"""Time newsclean on growing inputs to show that cost grows linearly.

Each series doubles its input and prints, per size, the CPU time, the time ratio to
the previous size (linear: about 2.0; the target is at most 2.2) and the peak
memory newsclean needed on top of the input, as a multiple of the input's size
(the target is at most 10x).  Every size runs in a fresh process, so that peaks
do not hide each other; the process's peak is reset once the input is built (on
Linux), so that the peak of building it is not counted.

Series:

- ``one line``: one huge line, no newline (up to 50 MB);
- ``short lines``: many short lines, one in ten boilerplate (up to 1M lines);
- ``tiny lines``: 1M lines of a few characters;
- ``markers``: an article, then thousands of "Comments" lines;
- ``related``: an article, then thousands of "Related" lines;
- ``alternating``: article lines alternating with "Comments" lines;
- ``share``: article lines alternating with "Share this article" (up to 34 MB).

    python benchmarks/bench_scaling.py            # full series (a few minutes)
    python benchmarks/bench_scaling.py --small    # quick run
    python benchmarks/bench_scaling.py --series markers alternating
    python benchmarks/bench_scaling.py --preset aggressive
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

ARTICLE = "The council met on Monday to discuss the new budget for the city, which grows by four percent.\n"


def build(series: str, n: int) -> str:
    """The input of ``series`` at size ``n`` (lines, or characters for one line)."""
    if series == "one line":
        return "The council met. " * (n // 17)
    if series == "short lines":
        return "".join("Share this article\n" if i % 10 == 0 else f"Line {i} of the report.\n" for i in range(n))
    if series == "tiny lines":
        return "".join(f"x{i % 100}\n" for i in range(n))
    if series == "markers":
        return ARTICLE * 5 + "Comments\n" * n
    if series == "related":
        return ARTICLE * 5 + "Related\n" * n
    if series == "alternating":
        return "".join(ARTICLE if i % 2 == 0 else "Comments\n" for i in range(n))
    if series == "share":
        return "".join(ARTICLE if i % 2 == 0 else "Share this article\n" for i in range(n))
    raise ValueError(series)


SIZES = {
    # full run: four doublings each; --small: three small sizes
    "one line": ([6_250_000, 12_500_000, 25_000_000, 50_000_000], [500_000, 1_000_000, 2_000_000]),
    "short lines": ([125_000, 250_000, 500_000, 1_000_000], [10_000, 20_000, 40_000]),
    "tiny lines": ([125_000, 250_000, 500_000, 1_000_000], [10_000, 20_000, 40_000]),
    "markers": ([10_000, 20_000, 40_000, 80_000], [2_000, 4_000, 8_000]),
    "related": ([10_000, 20_000, 40_000, 80_000], [2_000, 4_000, 8_000]),
    "alternating": ([40_000, 80_000, 160_000, 320_000], [4_000, 8_000, 16_000]),
    "share": ([75_000, 150_000, 300_000, 600_000], [4_000, 8_000, 16_000]),
}


def _child(series: str, n: int) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    import resource
    import time

    import newsclean

    cleaner = newsclean.Cleaner(preset=os.environ.get("NEWSCLEAN_BENCH_PRESET", "default"))
    # warm-up: what a process loads once (the lexicon, the segmenter's model, which
    # only documents of three lines or more need) is not the input's cost
    cleaner.clean("warm-up\nShare this article\n")
    cleaner.clean(ARTICLE * 3 + "Share this article\nComments\n" + ARTICLE)
    text = build(series, n)
    # building the input (a list of a million small strings, joined) has a peak of
    # its own, larger than the input: forget it, so that the peak is newsclean's
    peak_reset = _reset_peak()
    base = _rss_now()
    # CPU time of this process: the machine may be shared, and wall time then
    # measures the neighbours as much as newsclean
    t0 = time.process_time()
    out = cleaner.clean(text)
    dt = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    print(json.dumps({"chars": len(text), "lines": text.count("\n"), "seconds": dt, "extra": max(0, peak - base),
                      "kept": len(out), "peak_reset": peak_reset}))


def _reset_peak() -> bool:
    """Reset this process's peak resident size (Linux 4.0 and later)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _rss_now() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux: the peak then includes the interpreter
        return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", action="store_true", help="a quick run with small inputs")
    ap.add_argument("--series", nargs="*", choices=sorted(SIZES), help="only these series")
    ap.add_argument("--preset", default="default", help="the preset to time (default: default)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    os.environ["NEWSCLEAN_BENCH_PRESET"] = args.preset
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return 0
    worst_ratio = worst_mem = 0.0
    for series in args.series or list(SIZES):
        print(f"{series}:")
        prev = None
        for n in SIZES[series][1 if args.small else 0]:
            res = subprocess.run(
                [sys.executable, __file__, "--child", series, str(n)], capture_output=True, text=True, check=True
            )
            m = json.loads(res.stdout)
            ratio = m["seconds"] / prev if prev else float("nan")
            mem = m["extra"] / m["chars"]
            if prev:
                worst_ratio = max(worst_ratio, ratio)
            worst_mem = max(worst_mem, mem)
            print(
                f"  {m['chars'] / 1e6:7.2f} MB {m['lines']:>10,} lines  {m['seconds']:7.2f} s  x{ratio:4.2f}"
                f"  peak +{m['extra'] / 1e6:7.1f} MB ({mem:4.1f}x input)"
            )
            prev = m["seconds"]
            if not m["peak_reset"]:
                print("  (the peak could not be reset after building the input: it is included)")
    print(f"worst time ratio per doubling: x{worst_ratio:.2f} (target <= 2.2); "
          f"worst peak memory: {worst_mem:.1f}x the input (target <= 10)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
