#!/usr/bin/env python3
"""Show which removals took a page's ``with`` strings, or kept its ``without`` strings.

python benchmarks/why.py PAGE_ID [--kind recall|blocks] [--all]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _benchutil import default_bench, load_pages, read_text, squash  # noqa: E402

import newsclean  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("ids", nargs="+")
    ap.add_argument("--kind", default="recall", choices=["recall", "blocks"])
    ap.add_argument("--bench", type=Path, default=default_bench())
    ap.add_argument("--all", action="store_true", help="print every removal")
    args = ap.parse_args(argv)
    for p in load_pages(args.bench, ids=args.ids):
        text = read_text(args.bench, p["id"], args.kind)
        ex = newsclean.explain(text)
        print(f"=== {p['id']} [{p['lang']}/{ex.lang}] {len(ex.removals)} removals")
        for r in ex.removals:
            lost = [s for s in p["with"] if squash(s) and squash(s) in squash(r.text)]
            if lost or args.all:
                print(f"  {r.code} {r.name} lines {r.lines}: {r.evidence[:200]}")
                print(f"     text: {r.text[:300]!r}")
                for s in lost:
                    print(f"     LOST with: {s[:100]!r}")
        out = squash(ex.text)
        left = [s for s in p["without"] + p.get("comments", []) if squash(s) and squash(s) in out]
        if left:
            print("  left:", " | ".join(s[:60] for s in left))
    return 0


if __name__ == "__main__":
    sys.exit(main())
