#!/usr/bin/env python3
"""Score and time newsclean's HTML mode on the development bench, with its anchors.

For every page of ``html/ID.html.gz`` (the raw bytes, decoded by each tool itself)
this runs :func:`newsclean.clean_html` and the anchors of the issue:

- ``trafilatura.extract(html, include_comments=False)``
- ``trafilatura.extract(html, include_comments=False, favor_precision=True)``
- jusText (``justext.justext(html, stoplist)``, the page's stop-word list from
  the bench's ``lang``, English where jusText has none), good paragraphs only.

Metrics (bench README, HTML mode): keep recall over the ``with`` strings present
in the page (``blocks.with_mask``); drop rate over the ``without`` and ``comments``
strings present in the page (``blocks.without_mask`` / ``blocks.comments_mask``;
the one ``without`` string that only occurs on a line holding a ``with`` string is
left out), macro (per page, pages without strings skipped) and micro (pooled), per
language, and the worst pages.

Speed: ``trafilatura.extract(html)`` and ``clean_html(html)`` are timed on the same
pages, interleaved page by page in the same worker processes (so both see the same
load), and their ratio is printed (target <= 1.2).

    python benchmarks/bench_html.py                  # full bench, 2 worker processes
    python benchmarks/bench_html.py --limit 40       # small run (CI: correctness only)
    python benchmarks/bench_html.py --no-anchors     # newsclean only, faster
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import zlib
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _benchutil import (  # noqa: E402
    by_lang,
    default_bench,
    fmt_summary,
    justext_baseline,
    load_pages,
    read_html,
    score_page,
    summarize,
)

TARGET_KEEP, TARGET_DROP, TARGET_RATIO = 0.95, 0.92, 1.2

# set in each worker by _init
_STATE: dict = {}


def drop_masks(page: dict) -> list[tuple[list[str], list[int]]]:
    info = page["blocks"]
    on_with = info.get("without_on_with_line_mask", [0] * len(page["without"]))
    without_mask = [m and not w for m, w in zip(info["without_mask"], on_with)]
    return [(page["without"], without_mask), (page.get("comments", []), info.get("comments_mask", []))]


def _init(bench: str, options: dict, anchors: bool, engine: str = "trafilatura") -> None:
    import functools
    import logging

    logging.disable(logging.CRITICAL)  # trafilatura logs every page it discards
    import newsclean
    from newsclean.html import explain_html

    explain_html = functools.partial(explain_html, engine=engine)
    cleaner = newsclean.Cleaner(**options)
    _STATE.update(bench=Path(bench), cleaner=cleaner, explain=explain_html, anchors=anchors)
    # warm up both sides (lexicons, automata, trafilatura's caches) before anything is timed
    import trafilatura

    warm = "<html><body><h1>Warm up</h1><p>" + "The council met on Monday and decided to build a school. " * 8 + "</p></body></html>"
    explain_html(warm.encode(), cleaner=cleaner)
    trafilatura.extract(warm.encode(), include_comments=False)
    try:  # trafilatura loads (and jusText lower-cases) every stop list the first time a page needs it (~0.3 s)
        from justext.core import define_stoplist
        from trafilatura.external import jt_stoplist_init

        define_stoplist(jt_stoplist_init())
    except ImportError:  # pragma: no cover - other versions
        pass


def _work(page: dict) -> dict:
    import trafilatura

    bench, cleaner, explain = _STATE["bench"], _STATE["cleaner"], _STATE["explain"]
    html = read_html(bench, page["id"])
    out: dict = {"id": page["id"]}
    if not _STATE.get("warm"):
        # the first page of each worker: once untimed, so that one-off costs (lazy
        # imports, stop lists loaded on first use) are not charged to either side
        trafilatura.extract(html, include_comments=False)
        explain(html, cleaner=cleaner)
        _STATE["warm"] = True
    # interleave the two timed calls; alternate which goes first
    order = (0, 1) if zlib.crc32(page["id"].encode()) % 2 else (1, 0)
    for k in order:
        t0 = time.perf_counter()
        if k == 0:
            out["trafilatura"] = trafilatura.extract(html, include_comments=False) or ""
            out["t_trafilatura"] = time.perf_counter() - t0
        else:
            exp = explain(html, cleaner=cleaner)
            out["t_newsclean"] = time.perf_counter() - t0
            out["newsclean"] = exp.text
            out["extractor"] = exp.extractor
            out["rules"] = [r.code for r in exp.removals]
    if _STATE["anchors"]:
        out["precision"] = trafilatura.extract(html, include_comments=False, favor_precision=True) or ""
        out["justext"] = justext_baseline(html, page["lang"])
    return out


def report(name: str, pages: list[dict], outs: dict[str, str], worst: int, detail: bool) -> dict:
    scores = [score_page(p, outs[p["id"]], p["blocks"]["with_mask"], drop_masks(p)) for p in pages]
    m = summarize(scores)
    print(fmt_summary(name, m))
    if detail:
        for lang, lm in by_lang(scores):
            print(fmt_summary(f"  {lang}", lm))
        bad_keep = sorted((s for s in scores if s.keep_recall is not None and s.keep_recall < 1), key=lambda s: s.keep_recall)
        print(f"-- pages losing article text: {len(bad_keep)} (worst {min(worst, len(bad_keep))})")
        for s in bad_keep[:worst]:
            print(f"  keep={s.keep_recall:.2f} {s.id} [{s.lang}] lost: {' | '.join(x[:60] for x in s.lost)}")
        bad_drop = sorted((s for s in scores if s.drop_rate is not None and s.drop_rate < 1), key=lambda s: s.drop_rate)
        print(f"-- pages keeping boilerplate: {len(bad_drop)} (worst {min(worst, len(bad_drop))})")
        for s in bad_drop[:worst]:
            print(f"  drop={s.drop_rate:.2f} {s.id} [{s.lang}] left: {' | '.join(x[:50] for x in s.left)}")
    return m


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=default_bench(), help="the bench folder (default ../shared/bench)")
    ap.add_argument("--limit", type=int, default=None, help="score a spread of N pages only")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes")
    ap.add_argument("--preset", default=None)
    ap.add_argument("--select", default=None)
    ap.add_argument("--ignore", default=None)
    ap.add_argument("--no-anchors", action="store_true", help="skip favor_precision and jusText")
    ap.add_argument("--worst", type=int, default=15, help="how many worst pages to show")
    ap.add_argument("--only", nargs="*", help="page ids")
    ap.add_argument("--save", type=Path, default=None, help="write every output to this JSONL file")
    ap.add_argument("--engine", default="trafilatura", help='clean_html\'s engine: "trafilatura" or "blocks"')
    args = ap.parse_args(argv)
    bench = args.bench / "trafilatura-eval" if (args.bench / "trafilatura-eval").is_dir() else args.bench
    if not (bench / "pages.jsonl").is_file():
        print(f"bench not found at {args.bench}; pass --bench", file=sys.stderr)
        return 2
    pages = load_pages(bench, args.limit, args.only)
    options = {k: v for k, v in (("preset", args.preset), ("select", args.select), ("ignore", args.ignore)) if v}

    import justext
    import lxml
    import trafilatura

    import newsclean

    cleaner = newsclean.Cleaner(**options)
    dom = [r.code for r in cleaner.rules if getattr(r, "input", "text") == "html"]
    print(
        f"newsclean {newsclean.__version__} HTML mode: {len(cleaner.rules)} rules ({len(dom)} DOM rules: "
        f"{','.join(dom)}); trafilatura {trafilatura.__version__}, jusText {justext.__version__ if hasattr(justext, '__version__') else '?'}, "
        f"lxml {lxml.__version__}; {len(pages)} pages, {args.jobs} jobs"
    )
    t0 = time.perf_counter()
    init = (str(bench), options, not args.no_anchors, args.engine)
    if args.jobs > 1:
        with Pool(args.jobs, initializer=_init, initargs=init) as pool:
            results = pool.map(_work, pages, chunksize=4)
    else:
        _init(*init)
        results = [_work(p) for p in pages]
    wall = time.perf_counter() - t0
    by_id = {r["id"]: r for r in results}
    if args.save:
        with open(args.save, "w", encoding="utf-8") as fh:
            for r in results:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    print(
        f"\n== HTML mode ({len(pages)} pages; keep over blocks.with_mask, drop over without+comments present "
        f"in the page); targets keep >= {TARGET_KEEP}, drop >= {TARGET_DROP}"
    )
    m = report(f"newsclean.clean_html (engine={args.engine})", pages, {k: v["newsclean"] for k, v in by_id.items()}, args.worst, True)
    print("\n== anchors")
    report("trafilatura (no comments)", pages, {k: v["trafilatura"] for k, v in by_id.items()}, args.worst, False)
    if not args.no_anchors:
        report("trafilatura favor_precision", pages, {k: v["precision"] for k, v in by_id.items()}, args.worst, False)
        report("jusText", pages, {k: v["justext"] for k, v in by_id.items()}, args.worst, False)

    fired = Counter(c for r in results for c in set(r["rules"]))
    total = Counter(c for r in results for c in r["rules"])
    print("\n== rules: pages where each fired (removals)")
    print("  " + "  ".join(f"{c}:{fired[c]}({total[c]})" for c in sorted(fired)))
    extractors = Counter(r["extractor"] for r in results)
    print("  extractor used: " + ", ".join(f"{k} {v}" for k, v in extractors.most_common()))

    t_traf = sum(r["t_trafilatura"] for r in results)
    t_nc = sum(r["t_newsclean"] for r in results)
    ratio = t_nc / t_traf if t_traf else float("nan")
    n = len(results)
    print(
        f"\n== speed ({n} pages, {args.jobs} jobs, per-call wall time summed over pages; wall {wall:.1f} s)\n"
        f"  trafilatura.extract : {t_traf:7.2f} s  {n / t_traf:6.1f} docs/s\n"
        f"  newsclean.clean_html: {t_nc:7.2f} s  {n / t_nc:6.1f} docs/s\n"
        f"  ratio clean_html / trafilatura.extract = {ratio:.3f} (target <= {TARGET_RATIO})"
    )
    ok = m["keep_macro"] >= TARGET_KEEP and m["drop_macro"] >= TARGET_DROP
    print(
        f"\ntarget (macro) {'MET' if ok else 'NOT met'}: keep {m['keep_macro']:.4f} drop {m['drop_macro']:.4f}; "
        f"micro: keep {m['keep_micro']:.4f} drop {m['drop_micro']:.4f}; speed ratio {ratio:.3f}"
        + (f"  [a sample of {len(pages)} pages: the targets are for the whole bench]" if args.limit else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
