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

HTML series (``clean_html`` with ``--engine``, default ``trafilatura`` as for ``clean_html``, and
``trafilatura.extract`` on the same page, each in its own fresh process; their time
ratio is printed; pages double from 0.5 to 8 MB, ``--small`` 0.125 to 0.5 MB):

- ``html paragraphs``: an article of plain ``<p>`` paragraphs;
- ``html tiny``: many tiny elements (``<p><span>x</span></p>``);
- ``html attributes``: one element with a huge number of attributes;
- ``html deep``: nesting as deep as the parser allows, repeated;
- ``html links``: a long list of links (``<li><a>``);
- ``html repeated``: one paragraph repeated (trafilatura deduplicates, jusText's
  neighbour search is quadratic).

    python benchmarks/bench_scaling.py            # full series (a few minutes)
    python benchmarks/bench_scaling.py --small    # quick run
    python benchmarks/bench_scaling.py --series markers alternating
    python benchmarks/bench_scaling.py --preset aggressive
    python benchmarks/bench_scaling.py --html [--small] [--engine blocks]     # the HTML series
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
    if series.startswith("html "):
        return build_html(series, n)
    raise ValueError(series)


_PARA = "<p>The council met on Monday to discuss the new budget for the city, which grows by four percent this year.</p>\n"


def build_html(series: str, n: int) -> str:
    """A page of about ``n`` characters for an HTML series."""
    head = "<html><head><title>Scaling</title></head><body><article><h1>The budget</h1>\n"
    tail = "</article></body></html>\n"

    def fill(unit: str) -> str:
        return unit * max(1, n // len(unit))

    if series == "html paragraphs":
        body = "".join(_PARA.replace("Monday", f"day {i}") for i in range(max(1, n // len(_PARA))))
    elif series == "html tiny":
        body = fill("<p><span>x</span></p>")
    elif series == "html attributes":
        attrs = " ".join(f'data-a{i}="v{i}"' for i in range(max(1, n // 16)))
        body = f"<div {attrs}>" + _PARA * 5 + "</div>"
    elif series == "html deep":
        body = fill("<div>" * 200 + "deep text " + "</div>" * 200)
    elif series == "html links":
        body = _PARA * 5 + "<ul>" + fill('<li><a href="/news/item">Another story</a></li>') + "</ul>"
    elif series == "html repeated":
        body = fill(_PARA)
    else:
        raise ValueError(series)
    return head + body + tail


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
_HTML_SIZES = ([500_000, 1_000_000, 2_000_000, 4_000_000, 8_000_000], [125_000, 250_000, 500_000])
for _s in ("paragraphs", "tiny", "attributes", "deep", "links", "repeated"):
    SIZES[f"html {_s}"] = _HTML_SIZES


def _child(series: str, n: int) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    import resource
    import time

    import newsclean

    if series.startswith("html") or series.startswith("trafilatura:"):
        _child_html(series, n)
        return
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


def _child_html(series: str, n: int) -> None:
    """One HTML measurement: ``clean_html`` (or trafilatura for ``trafilatura:SERIES``)."""
    import logging
    import resource
    import time

    logging.disable(logging.CRITICAL)
    import trafilatura

    import newsclean

    traf = series.startswith("trafilatura:")
    page = build_html(series.split(":", 1)[1] if traf else series, n)
    warm = build_html("html paragraphs", 2000)
    engine = os.environ.get("NEWSCLEAN_BENCH_ENGINE", "trafilatura")
    cleaner = newsclean.Cleaner(preset=os.environ.get("NEWSCLEAN_BENCH_PRESET", "default"))

    def run(x: str) -> str:
        if traf:
            return trafilatura.extract(x, include_comments=False) or ""
        return newsclean.clean_html(x, cleaner=cleaner, engine=engine)

    run(warm)
    # what a process loads once is not the page's cost (as for text): the jusText
    # fallback's stop lists are read on its first use
    run(build_html("html repeated", 2000))
    # as for text: the peak of building the page is not clean_html's
    peak_reset = _reset_peak()
    base = _rss_now()
    t0 = time.process_time()
    out = run(page)
    dt = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"chars": len(page), "lines": page.count("\n"), "seconds": dt, "extra": max(0, peak - base),
                      "kept": len(out), "peak_reset": peak_reset}))


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
    ap.add_argument("--html", action="store_true", help="the HTML series (against trafilatura)")
    ap.add_argument(
        "--engine", default="trafilatura", help="clean_html's engine for the HTML series (default: trafilatura, as clean_html)"
    )
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return 0
    os.environ["NEWSCLEAN_BENCH_PRESET"] = args.preset  # read by the child processes
    os.environ["NEWSCLEAN_BENCH_ENGINE"] = args.engine
    worst_ratio = worst_mem = worst_vs = 0.0
    default = [s for s in SIZES if s.startswith("html ") == args.html]
    for series in args.series or default:
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
            vs = ""
            if series.startswith("html "):
                t = json.loads(subprocess.run(
                    [sys.executable, __file__, "--child", f"trafilatura:{series}", str(n)],
                    capture_output=True, text=True, check=True,
                ).stdout)
                vs = f"  trafilatura {t['seconds']:7.2f} s (clean_html {m['seconds'] / max(t['seconds'], 1e-9):5.2f}x)"
                worst_vs = max(worst_vs, m["seconds"] / max(t["seconds"], 1e-9))
            print(
                f"  {m['chars'] / 1e6:7.2f} MB {m['lines']:>10,} lines  {m['seconds']:7.2f} s  x{ratio:4.2f}"
                f"  peak +{m['extra'] / 1e6:7.1f} MB ({mem:4.1f}x input){vs}"
            )
            prev = m["seconds"]
            if not m["peak_reset"]:
                print("  (the peak could not be reset after building the input: it is included)")
    print(f"worst time ratio per doubling: x{worst_ratio:.2f} (target <= 2.2); "
          f"worst peak memory: {worst_mem:.1f}x the input (target <= 10)"
          + (f"; HTML: worst clean_html / trafilatura {worst_vs:.2f}x (target <= 1.0)" if worst_vs else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
