#!/usr/bin/env python3
"""Score and time newsclean's text mode on the development bench.

Inputs: ``text/ID.recall.txt`` (a scraper's text) and ``text/ID.blocks.txt.gz``
(every visible block of the page).  Metrics follow the bench README: keep recall
over the ``with`` strings present in the input, drop rate over the ``without`` and
``comments`` strings present in the input (strings that only occur on a line with
a ``with`` string are excluded: a line-level cleaner cannot drop them), macro and
micro, per language, and the worst pages.  Speed is measured on one core over the
recall texts with every language's lexicon loaded.

    python benchmarks/bench_text.py                 # full bench
    python benchmarks/bench_text.py --limit 40      # small run (CI: correctness only)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _benchutil import by_lang, default_bench, fmt_summary, load_pages, read_text, score_page, summarize  # noqa: E402

import newsclean  # noqa: E402

TARGETS = {"recall": (0.995, 0.45), "blocks": (0.93, 0.65)}


def drop_masks(page: dict, kind: str) -> list[tuple[list[str], list[int]]]:
    info = page[kind]
    on_with = info.get("without_on_with_line_mask", [0] * len(page["without"]))
    without_mask = [m and not w for m, w in zip(info["without_mask"], on_with)]
    return [(page["without"], without_mask), (page.get("comments", []), info.get("comments_mask", []))]


def run(
    kind: str, pages: list[dict], bench: Path, cleaner: newsclean.Cleaner, worst: int, verbose: bool, sample: bool = False
) -> bool:
    """Score ``cleaner`` on one kind of input and print the metrics."""
    scores = []
    for p in pages:
        text = read_text(bench, p["id"], kind)
        out = cleaner.clean(text)
        scores.append(score_page(p, out, p[kind]["with_mask"], drop_masks(p, kind)))
    m = summarize(scores)
    keep_t, drop_t = TARGETS[kind]
    print(
        f"== {kind} text ({len(pages)} pages, preset {cleaner.config.preset}); targets: keep >= {keep_t}, drop >= {drop_t} (macro)"
    )
    print(fmt_summary("all", m))
    for lang, lm in by_lang(scores):
        print(fmt_summary(f"  {lang}", lm))
    bad_keep = sorted(
        (s for s in scores if s.keep_recall is not None and s.keep_recall < 1), key=lambda s: s.keep_recall
    )
    print(f"-- pages losing article text: {len(bad_keep)}")
    for s in bad_keep[:worst]:
        print(f"  keep={s.keep_recall:.2f} {s.id} [{s.lang}] lost: {' | '.join(x[:70] for x in s.lost)}")
    bad_drop = sorted((s for s in scores if s.drop_rate is not None and s.drop_rate < 1), key=lambda s: s.drop_rate)
    print(f"-- pages keeping boilerplate: {len(bad_drop)} (worst {min(worst, len(bad_drop))})")
    for s in bad_drop[: worst if verbose else min(worst, 10)]:
        print(f"  drop={s.drop_rate:.2f} {s.id} [{s.lang}] left: {' | '.join(x[:60] for x in s.left)}")
    ok = m["keep_macro"] >= keep_t and m["drop_macro"] >= drop_t
    note = f"  [a sample of {len(pages)} pages: the targets are for the whole bench]" if sample else ""
    print(f"target {'MET' if ok else 'NOT met'}: keep {m['keep_macro']:.4f} drop {m['drop_macro']:.4f}{note}")
    return ok


def speed(pages: list[dict], bench: Path, cleaner: newsclean.Cleaner, repeat: int) -> None:
    texts = [read_text(bench, p["id"], "recall") for p in pages]
    size = sum(len(t.encode("utf-8")) for t in texts)
    cleaner.clean_batch(texts[:5])  # warm-up: lexicon compiled, stop lists loaded
    best = cpu_best = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        cleaner.clean_batch(texts)
        best = min(best, time.perf_counter() - t0)
        cpu_best = min(cpu_best, time.process_time() - c0)
    print(
        f"\n== speed (recall texts, one process, all {len(cleaner.lexicon.languages)} lexicons, best of {repeat}): "
        f"{size / 1e6:.2f} MB, {len(texts)} docs\n"
        f"   CPU time  {cpu_best:.3f} s -> {size / 1e6 / cpu_best:.1f} MB/s, {len(texts) / cpu_best:.0f} docs/s (target >= 10 MB/s)\n"
        f"   wall time {best:.3f} s -> {size / 1e6 / best:.1f} MB/s (includes other load on the machine)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=default_bench())
    ap.add_argument("--limit", type=int, default=None, help="score a spread of N pages only")
    ap.add_argument("--kind", choices=["recall", "blocks", "both"], default="both")
    ap.add_argument("--preset", default=None, help="preset for the recall texts (default: default)")
    ap.add_argument(
        "--blocks-preset", default="aggressive", help="preset for the whole-page blocks texts (default: aggressive)"
    )
    ap.add_argument("--select", default=None)
    ap.add_argument("--ignore", default=None)
    ap.add_argument("--worst", type=int, default=15, help="how many worst pages to show")
    ap.add_argument("--repeat", type=int, default=3, help="timing repetitions (best is kept)")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--only", nargs="*", help="page ids")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--model", default=None, help="a segmenter model file instead of the shipped one")
    args = ap.parse_args(argv)
    if not (args.bench / "pages.jsonl").is_file():
        print(f"bench not found at {args.bench}; pass --bench", file=sys.stderr)
        return 2
    pages = load_pages(args.bench, args.limit, args.only)
    cleaner = newsclean.Cleaner(preset=args.preset, select=args.select, ignore=args.ignore, model=args.model)
    page_cleaner = newsclean.Cleaner(
        preset=args.blocks_preset, select=args.select, ignore=args.ignore, model=args.model
    )
    print(f"newsclean {newsclean.__version__}")
    kinds = ["recall", "blocks"] if args.kind == "both" else [args.kind]
    for kind in kinds:
        c = page_cleaner if kind == "blocks" else cleaner
        print(f"\n{kind}: {c!r}")
        run(kind, pages, args.bench, c, args.worst, args.verbose, sample=bool(args.limit or args.only))
    if not args.no_speed:
        speed(pages, args.bench, cleaner, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
