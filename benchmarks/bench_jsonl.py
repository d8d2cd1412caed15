#!/usr/bin/env python3
"""Peak memory and time of the command line on a large JSONL file.

Generates a JSONL corpus of the given size (records of a few paragraphs of
article text with boilerplate lines, an id, a URL and a float written as
``1.0e3``; one malformed line every 100,000 records), then runs

    newsclean clean FILE > /dev/null
    newsclean clean --in-place FILE

as subprocesses and prints the wall time, MB/s and the peak RSS of each (from
``wait4``'s rusage: the child's maximum resident set size).  The target is a flat
peak RSS (200 MB or less) whatever the size.  The file is removed at the end.

    python benchmarks/bench_jsonl.py --mb 1024          # the 1 GB run
    python benchmarks/bench_jsonl.py --mb 8 -j 2        # small, two workers
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

PARAGRAPHS = [
    "The regional water board approved a plan on Thursday to replace the oldest pipes under the market district.",
    "Engineers said the work would start in the spring and close two streets at a time for about six weeks each.",
    "Shop owners asked for signs and night work, and the board promised a public meeting before the first closure.",
    "The budget of the project was raised twice last year, after tests found more lead in the old joints than expected.",
    "A spokeswoman for the board said residents would get letters with the dates for their street by the end of March.",
]
BOILER = [
    "Share this article",
    "Sign up for our newsletter",
    "Read more:",
    "Photo: Staff photographer",
]


def make_record(rng: random.Random, i: int) -> str:
    lines = rng.sample(PARAGRAPHS, 3)
    if i % 2 == 0:
        lines.insert(rng.randrange(1, 4), rng.choice(BOILER))
    text = "\n".join(lines) + "\n"
    body = json.dumps(text, ensure_ascii=False)
    return f'{{"id":{i},"url":"https://example.org/news/{i}","text":{body},"score":1.0e3}}'


def generate(path: str, mb: float, seed: int = 1) -> int:
    rng = random.Random(seed)
    target = int(mb * 1024 * 1024)
    size = n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        while size < target:
            line = make_record(rng, n) if n % 100_000 != 99_999 else '{"id": broken'
            fh.write(line + "\n")
            size += len(line.encode()) + 1
            n += 1
    return n


def run(args: list[str], stdout: int | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, exit status of ``python -m newsclean ARGS``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "newsclean", *args], stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux; with -j it is the largest single process
    return wall, usage.ru_maxrss / 1024, proc.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=16, help="size of the generated file in MB (default 16)")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="pass -j N to newsclean (default 1)")
    ap.add_argument("--dir", default=None, help="folder for the generated file (default: a temporary folder)")
    args = ap.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="bench_jsonl.", dir=args.dir)
    path = os.path.join(folder, "corpus.jsonl")
    try:
        t0 = time.perf_counter()
        n = generate(path, args.mb)
        size = os.path.getsize(path) / 1e6
        print(f"generated {n:,} records, {size:,.1f} MB in {time.perf_counter() - t0:.1f} s (-j {args.jobs})")
        with open(os.devnull, "wb") as devnull:
            wall, rss, rc = run(["clean", "-q", "-j", str(args.jobs), path], stdout=devnull.fileno())
        print(f"clean > /dev/null   {wall:8.1f} s  {size / wall:6.2f} MB/s  peak RSS {rss:7.1f} MB  exit {rc}")
        wall, rss, rc = run(["clean", "-q", "--in-place", "-j", str(args.jobs), path], stdout=subprocess.DEVNULL)
        print(f"clean --in-place    {wall:8.1f} s  {size / wall:6.2f} MB/s  peak RSS {rss:7.1f} MB  exit {rc}")
        print("(exit 2 is expected: one malformed line every 100,000 records, reported and kept)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
