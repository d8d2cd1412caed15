#!/usr/bin/env python3
"""Score ``explain_html(page, include_comments=True)``: the reader comments, apart.

On every page of the development bench (``html/ID.html.gz``, the raw bytes) this
compares, for each engine of newsclean and for trafilatura's own comment extraction
(``trafilatura.bare_extraction(include_comments=True)``, its ``comments`` field):

- comments found: the bench's ``comments`` strings present in the page
  (``blocks.comments_mask``) that are in the comments text;
- article leaked: the ``with`` strings present in the page (``blocks.with_mask``)
  that end up in the comments text (they belong in the body);
- boilerplate leaked: the ``without`` strings present in the page that end up in
  the comments text;
- pages with comments: pages whose comments text is not empty.

It also checks that the body (``text``) is the same as without the option on every
page (it must be), and prints the time of ``explain_html`` with and without the option,
summed over the pages (one process, the two calls interleaved page by page).

    python benchmarks/bench_comments.py              # the whole bench
    python benchmarks/bench_comments.py --limit 100  # a spread of 100 pages
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _benchutil import default_bench, load_pages, present, read_html, squash  # noqa: E402


def strings(page: dict, key: str, mask: str) -> list[str]:
    return [s for s, m in zip(page.get(key, []), page["blocks"].get(mask, [])) if m]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=default_bench(), help="the bench folder (default ../shared/bench)")
    ap.add_argument("--limit", type=int, default=None, help="score a spread of N pages only")
    args = ap.parse_args(argv)
    bench = args.bench / "trafilatura-eval" if (args.bench / "trafilatura-eval").is_dir() else args.bench
    if not (bench / "pages.jsonl").is_file():
        print(f"bench not found at {args.bench}; pass --bench", file=sys.stderr)
        return 2
    logging.disable(logging.CRITICAL)  # trafilatura logs every page it discards
    import trafilatura

    from newsclean.html import explain_html

    pages = load_pages(bench, args.limit)
    names = ("newsclean (trafilatura engine)", "newsclean (blocks engine)", "trafilatura comments")
    totals = {n: [0, 0, 0, 0, 0, 0, 0] for n in names}
    times = {"trafilatura": [0.0, 0.0], "blocks": [0.0, 0.0]}
    body_changed = 0
    for page in pages:
        html = read_html(bench, page["id"])
        comments_, article, boiler = (
            strings(page, "comments", "comments_mask"),
            strings(page, "with", "with_mask"),
            strings(page, "without", "without_mask"),
        )
        outs = {}
        for engine, name in (("trafilatura", names[0]), ("blocks", names[1])):
            t0 = time.perf_counter()
            plain = explain_html(html, engine=engine)
            t1 = time.perf_counter()
            exp = explain_html(html, engine=engine, include_comments=True)
            t2 = time.perf_counter()
            times[engine][0] += t1 - t0
            times[engine][1] += t2 - t1
            body_changed += exp.text != plain.text
            outs[name] = exp.comments
        try:
            doc = trafilatura.bare_extraction(html, include_comments=True, with_metadata=False)
        except Exception:  # trafilatura raises on some pages; it then found nothing
            doc = None
        got = getattr(doc, "comments", None) if doc is not None and not isinstance(doc, dict) else (doc or {}).get("comments")
        outs[names[2]] = got or ""
        for name, text in outs.items():
            t = totals[name]
            hay = squash(text)
            t[0] += len(comments_)
            t[1] += sum(present(s, hay) for s in comments_)
            t[2] += len(article)
            t[3] += sum(present(s, hay) for s in article)
            t[4] += len(boiler)
            t[5] += sum(present(s, hay) for s in boiler)
            t[6] += bool(text.strip())
    print(f"== reader comments on {len(pages)} pages (strings of the bench present in the page)")
    for name, t in totals.items():
        print(
            f"  {name:32s} comments found {t[1]:4d}/{t[0]:<4d} ({t[1] / max(t[0], 1):.3f})  "
            f"article leaked {t[3]:3d}/{t[2]:<5d}  boilerplate leaked {t[5]:3d}/{t[4]:<5d}  pages with comments {t[6]}"
        )
    print(f"  body changed by include_comments: {body_changed} of {2 * len(pages)} explanations (must be 0)")
    for engine, (off, on) in times.items():
        print(f"  time, {engine} engine: {off:.2f} s without, {on:.2f} s with include_comments ({on / off:.2f}x)")
    return 1 if body_changed else 0


if __name__ == "__main__":
    sys.exit(main())
