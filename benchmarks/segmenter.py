#!/usr/bin/env python3
"""Measure the body segmenter (M101) on sources it never saw, with AEB's shingle metric.

Body F1 is the Article Extraction Benchmark's: precision and recall over 4-token
shingles (``\\w+`` tokens) of the output against the gold body, averaged per page,
F1 their harmonic mean.  Body-token loss is the share of the tokens of B-labelled
lines that were removed.  Inputs are the line lists of ``../shared/train``:
``recall`` (a scraper's text, trafilatura favor_recall) and ``full`` (every visible
block of the page).  Cases: no cleaning, the rules alone (``default`` without M101),
``default`` (rules plus model), ``safe``, and the oracle that keeps exactly the B lines.

    python benchmarks/segmenter.py                  # unseen sources (L3S-GN1, DAnIEL by language)
    python benchmarks/segmenter.py --cv             # also WCXB dev by dfold cross-validation (trains 5 models)
    python benchmarks/segmenter.py --bench          # also the dev bench keep/drop and speed
    python benchmarks/segmenter.py --limit 20       # a small run (CI: correctness only)
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _benchutil import REPO, default_bench, load_pages, read_text  # noqa: E402

import numpy as np  # noqa: E402

import newsclean  # noqa: E402
from newsclean.segment import default_model  # noqa: E402

_TOKEN = re.compile(r"\w+")


# -- AEB's shingle metric (scrapinghub/article-extraction-benchmark, evaluate.py) --------
def shingles(text: str, n: int = 4) -> Counter:
    t = _TOKEN.findall(text or "")
    return Counter(tuple(t[i : i + n]) for i in range(0, max(1, len(t) - n + 1)) if t[i : i + n])


def tp_fp_fn(gold: str, pred: str) -> tuple[float, float, float]:
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def prf(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    ps = [precision(*r) for r in rows if r[0] + r[1] > 0]
    rs = [recall(*r) for r in rows if r[0] + r[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


# -- data ---------------------------------------------------------------------------------
def load(path: Path, limit: int | None) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        pages = [p for p in map(json.loads, f) if p["usable"]]
    if limit:
        step = max(1, len(pages) // limit)
        pages = pages[::step][:limit]
    return pages


def removed_lines(cleaner: newsclean.Cleaner, lines: list[str]) -> set[int]:
    ex = cleaner.explain("\n".join(lines) + "\n")
    out: set[int] = set()
    for r in ex.removals:
        out.update(range(r.lines[0] - 1, r.lines[1]))
    return out


CASES = ("none", "rules", "default", "safe", "oracle")


def score(pages: list[dict], view: str, cleaners: dict[str, newsclean.Cleaner]) -> dict[str, dict]:
    res: dict[str, dict] = {c: {"rows": [], "lost": 0, "body": 0, "c_gone": 0, "c_all": 0} for c in CASES}
    for p in pages:
        rows = p.get(view) or []
        if not rows:
            continue
        lines = [t.replace("\r", " ") for _, _, t in rows]
        labels = [lab for lab, _, _ in rows]
        toks = [len(_TOKEN.findall(t)) for t in lines]
        for case in CASES:
            if case == "none":
                gone: set[int] = set()
            elif case == "oracle":
                gone = {k for k, lab in enumerate(labels) if lab != "B"}
            else:
                gone = removed_lines(cleaners[case], lines)
            kept = "\n".join(t for k, t in enumerate(lines) if k not in gone)
            r = res[case]
            r["rows"].append(tp_fp_fn(p["gold_body"], kept))
            for k, lab in enumerate(labels):
                if lab == "B":
                    r["body"] += toks[k]
                    r["lost"] += toks[k] if k in gone else 0
                elif lab == "C":
                    r["c_all"] += toks[k]
                    r["c_gone"] += toks[k] if k in gone else 0
    return res


def report(name: str, view: str, res: dict[str, dict]) -> None:
    f_none = prf(res["none"]["rows"])[0]
    f_oracle = prf(res["oracle"]["rows"])[0]
    for case in CASES:
        r = res[case]
        if not r["rows"]:
            continue
        f, p, rc = prf(r["rows"])
        gap = (f - f_none) / (f_oracle - f_none) if f_oracle > f_none else 0.0
        loss = r["lost"] / max(r["body"], 1)
        extra = f"  comments removed {r['c_gone'] / r['c_all']:.3f}" if r["c_all"] and case != "oracle" else ""
        print(
            f"{name:12s} {view:6s} {case:8s} F1 {f:.3f}  P {p:.3f}  R {rc:.3f}  body-token loss {loss:.4f}"
            f"  gap closed {gap:+.0%}  pages {len(r['rows'])}{extra}"
        )


def unseen(data: Path, limit: int | None, views: list[str], model: str | None = None) -> None:
    cleaners = {
        "rules": newsclean.Cleaner(ignore=["M101"]),
        "default": newsclean.Cleaner(model=model),
        "safe": newsclean.Cleaner(preset="safe", model=model),
    }
    sets: list[tuple[str, list[dict]]] = [("l3s-gn1", load(data / "l3s-gn1.jsonl.gz", limit))]
    daniel = load(data / "daniel.jsonl.gz", None)
    for lang in sorted({p["lang"] for p in daniel}):
        pages = [p for p in daniel if p["lang"] == lang]
        if limit:
            pages = pages[:: max(1, len(pages) // limit)][:limit]
        sets.append((f"daniel-{lang}", pages))
    print("== unseen sources (shipped model, trained on WCXB dev only)")
    for view in views:
        for name, pages in sets:
            report(name, view, score(pages, view, cleaners))
        print()


def cross_validate(data: Path, limit: int | None, views: list[str], model: str | None = None) -> None:
    """WCXB dev by dfold: train on four folds of sites, test on the fifth, with the
    given (or the shipped) model's augmentation and calibrated biases."""
    import tempfile

    from newsclean.segment import load_model, train

    shipped = load_model(model) if model else default_model()
    augment = shipped.training.get("augment", train.AUGMENT)  # {} for a model trained without

    pages = load(data / "wcxb-dev.jsonl.gz", None)
    print("== WCXB dev, dfold cross-validation (a model trained on the other four folds per fold)")
    with tempfile.TemporaryDirectory() as tmp:
        results: dict[str, dict[str, dict]] = {}
        for fold in range(train.FOLDS):
            test = [p for p in pages if p["dfold"] == fold]
            if limit:
                test = test[:: max(1, len(test) // limit)][:limit]
            # the shipped model's training pages, augmented as it is, but for the held-out fold
            docs = train.corpus_documents(
                data, ["wcxb-dev"], views, augment.get("case", 0.0), augment.get("unknown", 0.0)
            )
            feats = train.featurise(d for d in docs if d["fold"] != fold)
            bias = dict(shipped.body_bias)  # the model's calibration: the same operating point
            # with a second pass for whole-page text if the model has one (its out-of-fold
            # first passes fitted on these four folds alone)
            model = train._model(feats, np.arange(len(feats["y"])), f"cv{fold}", bias, {}, shipped.stack is not None)
            path = Path(tmp) / f"cv{fold}.json"
            model.save(path)
            cleaners = {
                "rules": newsclean.Cleaner(ignore=["M101"]),
                "default": newsclean.Cleaner(model=str(path)),
                "safe": newsclean.Cleaner(preset="safe", model=str(path)),
            }
            for view in views:
                r = score(test, view, cleaners)
                acc = results.setdefault(
                    view, {c: {"rows": [], "lost": 0, "body": 0, "c_gone": 0, "c_all": 0} for c in CASES}
                )
                for c in CASES:
                    for k in ("rows", "lost", "body", "c_gone", "c_all"):
                        acc[c][k] += r[c][k]
            print(f"   fold {fold} done", file=sys.stderr, flush=True)
        for view in views:
            report("wcxb-dev-cv", view, results[view])
    print()


def dev_bench(bench: Path, limit: int | None, model: str | None = None) -> None:
    import bench_text

    pages = load_pages(bench, limit)
    print("== dev bench (validation, never trained on), preset default for both kinds")
    c = newsclean.Cleaner(model=model)
    for kind in ("recall", "blocks"):
        bench_text.run(kind, pages, bench, c, 3, False, sample=bool(limit))
    texts = [read_text(bench, p["id"], "recall") for p in pages]
    size = sum(len(t.encode("utf-8")) for t in texts)
    c.clean_batch(texts[:5])
    t0 = time.process_time()
    for t in texts:
        [line.lower() for line in t.splitlines()]
    floor = time.process_time() - t0
    t0 = time.process_time()
    c.clean_batch(texts)
    took = time.process_time() - t0
    print(
        f"\n== speed, recall texts, one core (CPU time): {size / 1e6:.2f} MB in {took:.2f} s -> "
        f"{size / 1e6 / took:.2f} MB/s (target >= 10); split+lower floor {floor:.3f} s -> "
        f"{took / max(floor, 1e-9):.1f}x the floor (target <= 15x)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "train")
    ap.add_argument("--bench-dir", type=Path, default=default_bench())
    ap.add_argument("--limit", type=int, default=None, help="pages per source (a small run)")
    ap.add_argument("--views", default="recall,full")
    ap.add_argument("--cv", action="store_true", help="also WCXB dev by dfold cross-validation (slow)")
    ap.add_argument("--bench", action="store_true", help="also the dev bench keep/drop and speed")
    ap.add_argument("--no-unseen", action="store_true")
    ap.add_argument("--model", default=None, help="a model file to measure instead of the shipped one")
    args = ap.parse_args(argv)
    if not (args.data / "l3s-gn1.jsonl.gz").is_file():
        print(f"training corpus not found at {args.data}; pass --data", file=sys.stderr)
        return 2
    views = [v for v in args.views.split(",") if v]
    print(f"newsclean {newsclean.__version__}, model {args.model or default_model().name}")
    if not args.no_unseen:
        unseen(args.data, args.limit, views, args.model)
    if args.cv:
        cross_validate(args.data, args.limit, views, args.model)
    if args.bench:
        dev_bench(args.bench_dir, args.limit, args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
