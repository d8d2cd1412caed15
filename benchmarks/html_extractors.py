#!/usr/bin/env python3
"""HTML extractors on whole pages they never saw: body F1 / P / R and ms per page.

(Not ``benchmarks/html.py``: a script of that name shadows the standard library's
``html`` module, which trafilatura imports.)

Sources (``../shared/train``, usable pages only):

- ``l3s``: L3S-GN1 HTML (research use only: a test source, never trained on); the
  block model is the shipped one (trained on WCXB dev);
- ``wcxb``: WCXB dev HTML by ``dfold`` cross-validation (``--cv``): the text segmenter
  M101 of each fold, and the block model of each fold, are trained on the other four
  folds of sites (with the shipped models' biases: the same operating point); without
  ``--cv`` the shipped models are scored in-sample, which the report says.

Extractors:

- ``clean_html``: :func:`newsclean.clean_html` (default preset; trafilatura, then the
  DOM and text rules).  Its text segmenter M101 was trained on all of WCXB dev, so its
  WCXB figure is in-sample for M101 without ``--cv``;
- ``blocks``: :func:`newsclean.clean_html` with ``engine="blocks"`` (the DOM block
  segmenter, newsclean/segment/blocks.py);
- ``traf``: ``trafilatura.extract(html, include_comments=False)``;
- ``traf_prec``: the same with ``favor_precision=True``;
- ``justext``: ``justext.justext(html, stoplist)`` (the page's language, English
  where jusText has none), good paragraphs.

Metric: exactly the one of ``benchmarks/segmenter.py`` (AEB's evaluate.py): 4-token
shingles of ``\\w+`` tokens of output and ``gold_body``; per page the shares of true
positives, false positives and false negatives; precision and recall are averaged
over pages and F1 is their harmonic mean.  Time is wall time per call in this one
process, all extractors on the same page one after the other (a modest, serial run).

    python benchmarks/html_extractors.py --limit 60                  # a spread of 60 pages per source
    python benchmarks/html_extractors.py --cv                        # WCXB by dfold CV (trains 5 block models)
    python benchmarks/html_extractors.py --extractors traf,blocks    # a subset
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _benchutil import REPO, justext_baseline  # noqa: E402
from segmenter import prf, tp_fp_fn  # noqa: E402  (the exact AEB metric)

EXTRACTORS = ("clean_html", "blocks", "traf", "traf_prec", "justext")


def load_source(data: Path, name: str, limit: int | None) -> list[dict]:
    """Usable pages of ``name`` with their HTML (a spread of ``limit`` pages)."""
    with gzip.open(data / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        pages = [p for p in map(json.loads, f) if p["usable"]]
    if limit:
        pages = pages[:: max(1, len(pages) // limit)][:limit]
    wanted = {p["id"] for p in pages}
    html: dict[str, str] = {}
    with gzip.open(data / f"{name}-html.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in wanted:
                html[r["id"]] = r["html"]
    for p in pages:
        p["html"] = html.get(p["id"], "")
        for k in ("full", "recall", "full_pos", "recall_pos"):  # not needed here: keep memory modest
            p.pop(k, None)
    return [p for p in pages if p["html"]]


def make_extractors(names: list[str], block_model: str | None, text_model: str | None = None) -> dict:
    """The extractors ``names``; ``block_model`` and ``text_model`` (M101) are model
    files, the shipped ones when None."""
    import trafilatura

    import newsclean

    cleaner = newsclean.Cleaner(model=text_model) if text_model else newsclean.Cleaner()
    fns = {
        "clean_html": lambda h, p: newsclean.clean_html(h, cleaner=cleaner),
        "blocks": lambda h, p: newsclean.clean_html(h, cleaner=cleaner, engine="blocks", block_model=block_model),
        "traf": lambda h, p: trafilatura.extract(h, include_comments=False) or "",
        "traf_prec": lambda h, p: trafilatura.extract(h, include_comments=False, favor_precision=True) or "",
        "justext": lambda h, p: justext_baseline(h, p.get("lang", "en")),
    }
    return {n: fns[n] for n in names}


def run(pages: list[dict], extractors: dict) -> dict[str, dict]:
    res: dict[str, dict] = {n: {"rows": [], "t": 0.0, "empty": 0} for n in extractors}
    warm = "<html><body><h1>Warm up</h1><p>" + "The council met on Monday and decided to build a school. " * 8 + "</p></body></html>"
    for fn in extractors.values():
        fn(warm, {"lang": "en"})
    for p in pages:
        for name, fn in extractors.items():
            t0 = time.perf_counter()
            out = fn(p["html"], p)
            res[name]["t"] += time.perf_counter() - t0
            res[name]["rows"].append(tp_fp_fn(p["gold_body"], out))
            res[name]["empty"] += not out.strip()
    return res


def report(title: str, res: dict[str, dict], n: int) -> None:
    print(f"== {title} ({n} pages)")
    base = res.get("traf", {}).get("t")
    for name, r in res.items():
        if not r["rows"]:
            continue
        f, p, rc = prf(r["rows"])
        ms = 1000 * r["t"] / len(r["rows"])
        ratio = f"  {r['t'] / base:.2f}x traf" if base else ""
        print(f"  {name:10s} F1 {f:.3f}  P {p:.3f}  R {rc:.3f}  {ms:7.1f} ms/page{ratio}  empty {r['empty']}")
    print(flush=True)


def merge(acc: dict[str, dict], res: dict[str, dict]) -> None:
    for name, r in res.items():
        a = acc.setdefault(name, {"rows": [], "t": 0.0, "empty": 0})
        a["rows"] += r["rows"]
        a["t"] += r["t"]
        a["empty"] += r["empty"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "train")
    ap.add_argument("--limit", type=int, default=None, help="a spread of N pages per source (per fold with --cv)")
    ap.add_argument("--sources", default="l3s,wcxb")
    ap.add_argument("--extractors", default=",".join(EXTRACTORS))
    ap.add_argument("--cv", action="store_true", help="WCXB by dfold cross-validation of the block model")
    args = ap.parse_args(argv)
    if not (args.data / "l3s-gn1-html.jsonl.gz").is_file():
        print(f"training corpus not found at {args.data}; pass --data", file=sys.stderr)
        return 2
    logging.disable(logging.CRITICAL)  # trafilatura logs every page it discards
    names = [n for n in args.extractors.split(",") if n]
    unknown = set(names) - set(EXTRACTORS)
    if unknown:
        print(f"unknown extractors {sorted(unknown)}; choose from {EXTRACTORS}", file=sys.stderr)
        return 2
    import trafilatura

    import newsclean

    print(f"newsclean {newsclean.__version__}, trafilatura {trafilatura.__version__}; metric: AEB shingles (benchmarks/segmenter.py)")
    sources = args.sources.split(",")
    if "l3s" in sources:
        pages = load_source(args.data, "l3s-gn1", args.limit)
        report("L3S-GN1 HTML (unseen; shipped models)", run(pages, make_extractors(names, None)), len(pages))
    if "wcxb" in sources:
        if args.cv and ({"blocks", "clean_html"} & set(names)):
            import tempfile

            import numpy as np

            from newsclean.segment import blocks_train, train
            from newsclean.segment.blocks import cached_block_model
            from newsclean.segment.model import default_model

            all_pages = load_source(args.data, "wcxb-dev", None)
            corpus = blocks_train.corpus(args.data) if "blocks" in names else None  # walked once
            # the shipped models' biases (and the block model's container gate), chosen on
            # out-of-fold figures over all of WCXB dev: a few numbers seen by every fold
            shipped = cached_block_model(None)
            text_bias = dict(default_model().body_bias)
            acc: dict[str, dict] = {}
            n = 0
            with tempfile.TemporaryDirectory() as tmp:
                for fold in range(5):
                    test = [p for p in all_pages if p["dfold"] == fold]
                    if args.limit:
                        test = test[:: max(1, len(test) // args.limit)][: args.limit]
                    # M101 as the shipped one is trained (its pages, views and augmentation),
                    # without the held-out fold's sites
                    docs = train.corpus_documents(
                        args.data, ["wcxb-dev"], ["recall", "full"], train.AUGMENT["case"], train.AUGMENT["unknown"]
                    )
                    feats = train.featurise(d for d in docs if d["fold"] != fold)
                    text_path = str(Path(tmp) / f"m101-cv{fold}.json")
                    train._model(feats, np.arange(len(feats["y"])), f"cv{fold}", text_bias, {}).save(text_path)
                    del feats
                    block_path = None
                    if corpus is not None:
                        block_path = str(Path(tmp) / f"blocks-cv{fold}.json")
                        blocks_train.train_to(
                            args.data, block_path, exclude_dfold=fold, c=corpus,
                            bias=shipped.body_bias, gate=shipped.container_gate,
                        )
                    merge(acc, run(test, make_extractors(names, block_path, text_path)))
                    n += len(test)
                    print(f"   fold {fold} done", file=sys.stderr, flush=True)
            report("WCXB dev HTML, dfold CV (M101 and the block model trained on the other folds)", acc, n)
        else:
            pages = load_source(args.data, "wcxb-dev", args.limit)
            note = "in-sample for the block model" if "blocks" in names else "anchors"
            report(f"WCXB dev HTML ({note}; M101 of clean_html is in-sample)", run(pages, make_extractors(names, None)), len(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
