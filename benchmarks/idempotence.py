#!/usr/bin/env python3
"""Clean real documents twice and count those whose output changes the second time.

Every line list of ``../shared/train`` (whole-page text, ``full``, and a scraper's
text, ``recall``; all three sources) is joined into a document, cleaned with a
preset, and the output cleaned again: ``clean(clean(x)) == clean(x)`` must hold.
Prints, per source and view, the documents checked and those that fail, with their
ids (the training data stay where they are: nothing is copied).

    python benchmarks/idempotence.py                   # everything, preset default
    python benchmarks/idempotence.py --limit 50        # a spread of 50 pages per source
    python benchmarks/idempotence.py --preset aggressive
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _benchutil import REPO  # noqa: E402

import newsclean  # noqa: E402

SOURCES = ("l3s-gn1", "daniel", "wcxb-dev")
VIEWS = ("full", "recall")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "train")
    ap.add_argument("--limit", type=int, default=None, help="pages per source (a spread)")
    ap.add_argument("--preset", default="default")
    args = ap.parse_args(argv)
    cleaner = newsclean.Cleaner(preset=args.preset)
    failed = 0
    print(f"newsclean {newsclean.__version__}, preset {args.preset}: clean(clean(x)) == clean(x)")
    for source in SOURCES:
        path = args.data / f"{source}.jsonl.gz"
        if not path.exists():
            print(f"{source}: {path} not found, skipped")
            continue
        with gzip.open(path, "rt", encoding="utf-8") as f:
            pages = [json.loads(line) for line in f]
        if args.limit:
            pages = pages[:: max(1, len(pages) // args.limit)][: args.limit]
        for view in VIEWS:
            t0, n, bad = time.process_time(), 0, []
            for page in pages:
                lines = [text for _, _, text in page.get(view) or []]
                if not lines:
                    continue
                once = cleaner.clean("\n".join(lines) + "\n")
                n += 1
                if cleaner.clean(once) != once:
                    bad.append(page["id"])
            failed += len(bad)
            took = time.process_time() - t0
            print(f"{source:9s} {view:6s} documents {n:5d}  not idempotent {len(bad)}  ({took:.1f} s)" + (f": {', '.join(bad[:10])}" if bad else ""))
    print("all idempotent" if not failed else f"{failed} document(s) not idempotent")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
