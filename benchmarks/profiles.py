"""Site profiles: what a profile learned on an outlet's other pages adds to cleaning.

Quality, on the line-labelled train corpus (../shared/train, see its README):
pages grouped by their ``domain``; each page is cleaned with a profile learned on
the *other* pages of its outlet (leave one page out), so no page is ever cleaned
with a profile that saw it.  Set-ups:

- ``none``: no cleaning;
- ``default``: the default preset;
- ``default+profile``: the default preset plus L101 with the leave-one-out profile
  (one row per guard, see newsclean.profile.GUARDS);
- ``default+profile+anchors``: the same plus L102 (the profile's anchors);
- ``profile``: L101 alone, and L101 with L102.

Scores: AEB's shingle metric (benchmarks/_metrics.py) of the output against the
page's ``gold_body``, averaged over pages (P, R, F1), and body-token loss: the
share of tokens of B-labelled lines that were removed (over all pages).  On the
``full`` view (every text block of the page) and on the ``recall`` view
(trafilatura's output).  The headline subset: DAnIEL outlets with >= 10 pages.

Scale: learning time and peak memory (tracemalloc and the process's max RSS) of
``newsclean learn`` logic over a synthetic JSONL corpus of 100 outlets
(``--scale-mb``, default 1024; 0 skips it), written to a temporary folder and
deleted afterwards.

    python benchmarks/profiles.py                 # everything
    python benchmarks/profiles.py --scale-mb 5    # CI: a tiny scale run
    python benchmarks/profiles.py --scale-mb 0 --sources daniel
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _metrics import body_token_loss, mean, prf  # noqa: E402

from newsclean import Cleaner  # noqa: E402
from newsclean.profile import GUARDS, ProfileLearner  # noqa: E402

TRAIN = Path(os.environ.get("NEWSCLEAN_TRAIN", Path(__file__).resolve().parents[2] / "shared" / "train"))
SOURCES = ("daniel", "wcxb-dev", "l3s-gn1")
VIEWS = ("full", "recall")
HEADLINE_MIN = 10
#: the rules of a profile, whose removals and loss are counted apart
PROFILE_CODES = ("L101", "L102")


def load(source: str) -> list[dict]:
    with gzip.open(TRAIN / f"{source}.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [p for p in map(json.loads, fh) if p["usable"]]


def page_text(page: dict, view: str) -> str:
    lines = [t for _, _, t in page[view]]
    return "\n".join(lines) + "\n" if lines else ""


def loo_learner(pages: list[dict], view: str, width: int) -> ProfileLearner:
    """One learner whose group ``page id`` holds the other pages of that page's outlet."""
    by_domain: dict[str, list[dict]] = defaultdict(list)
    for p in pages:
        by_domain[p["domain"]].append(p)
    learner = ProfileLearner(width=width)
    for group in by_domain.values():
        if len(group) < 2:
            continue
        texts = [(p["id"], page_text(p, view)) for p in group]
        for pid, _ in texts:
            for other, text in texts:
                if other != pid:
                    learner.add(text, pid)
    return learner


def score(pages: list[dict], view: str, cleaner: Cleaner | None, grouped: bool) -> dict[str, list]:
    out: dict[str, list] = {"p": [], "r": [], "f": [], "lost": [0], "total": [0], "removed_by_profile": [0], "lost_to_profile": [0]}
    for page in pages:
        text = page_text(page, view)
        labels = [(lab, t) for lab, _, t in page[view]]
        if cleaner is None or not text:
            result, keep = text, [True] * len(labels)
        else:
            ex = cleaner.explain(text, page["id"] if grouped else None)
            result = ex.text
            keep = [True] * len(labels)
            by_profile = [False] * len(labels)
            for r in ex.removals:
                for i in range(r.lines[0] - 1, min(r.lines[1], len(labels))):
                    keep[i] = False
                    by_profile[i] = r.code in PROFILE_CODES
                if r.code in PROFILE_CODES:
                    out["removed_by_profile"][0] += r.lines[1] - r.lines[0] + 1
            out["lost_to_profile"][0] += body_token_loss(labels, [not b for b in by_profile])[0]
        p, r, f = prf(result, page["gold_body"])
        out["p"].append(p)
        out["r"].append(r)
        out["f"].append(f)
        lost, total = body_token_loss(labels, keep)
        out["lost"][0] += lost
        out["total"][0] += total
    return out


def fmt(name: str, s: dict[str, list]) -> str:
    loss = s["lost"][0] / s["total"][0] if s["total"][0] else 0.0
    return (
        f"  {name:<26} P {mean(s['p']):.3f}  R {mean(s['r']):.3f}  F1 {mean(s['f']):.3f}  "
        f"loss {100 * loss:.2f}% (profile rules' share {100 * s['lost_to_profile'][0] / max(1, s['total'][0]):.2f}%)  "
        f"(profile lines {s['removed_by_profile'][0]})"
    )


def quality(sources: list[str], guards: list[str], min_share: float, width: int) -> None:
    for source in sources:
        pages = load(source)
        sizes: dict[str, int] = defaultdict(int)
        for p in pages:
            sizes[p["domain"]] += 1
        subsets = {
            f"outlets with >= {HEADLINE_MIN} pages": [p for p in pages if sizes[p["domain"]] >= HEADLINE_MIN],
            "all usable pages": pages,
        }
        for view in VIEWS:
            t0 = time.perf_counter()
            learner = loo_learner(pages, view, width)
            profiles = {g: learner.profile(min_share=min_share, guard=g) for g in guards}
            learn_s = time.perf_counter() - t0
            first = profiles[guards[0]]
            cleaners: dict[str, tuple[Cleaner | None, bool]] = {"none": (None, False), "default": (Cleaner(), False)}
            for g in guards:
                cleaners[f"default+profile[{g}]"] = (Cleaner(profile=profiles[g], ignore=["L102"]), True)
            cleaners[f"default+profile+anchors[{guards[0]}]"] = (Cleaner(profile=first, extend_select=["L102"]), True)
            cleaners[f"profile alone[{guards[0]}]"] = (Cleaner(select=["L101"], profile=first), True)
            cleaners[f"profile+anchors alone[{guards[0]}]"] = (Cleaner(select=["L101", "L102"], profile=first), True)
            for label, subset in subsets.items():
                n_out = len({p["domain"] for p in subset})
                ids = {p["id"] for p in subset}
                anchors = sum(len(g.anchors) for name, g in first.groups.items() if name in ids)
                print(
                    f"\n{source} / {view} / {label}: {len(subset)} pages, {n_out} outlets (min_share {min_share}, "
                    f"LOO learning {learn_s:.1f}s; {anchors} anchors over the pages' profiles)"
                )
                for name, (cleaner, grouped) in cleaners.items():
                    t0 = time.perf_counter()
                    s = score(subset, view, cleaner, grouped)
                    print(fmt(name, s) + f"  [{time.perf_counter() - t0:.0f}s]", flush=True)


# -- scale ------------------------------------------------------------------------

_WORDS = (
    "council budget river school harbour train minister market storm village museum hospital "
    "festival election bridge teacher farmer police court energy water housing road library "
    "report plan week city region project people year family service children morning"
).split()


def _sentence(rng: random.Random) -> str:
    n = rng.randint(12, 30)
    words = [rng.choice(_WORDS) for _ in range(n)]
    words.insert(rng.randint(0, n), str(rng.randint(1, 99999)))
    return " ".join(words).capitalize() + "."


def write_synthetic(folder: Path, megabytes: int, outlets: int = 100, seed: int = 1) -> tuple[int, int]:
    """JSONL files of pages from ``outlets`` made-up sites, each with its own
    furniture lines around articles of random sentences; returns (bytes, pages)."""
    rng = random.Random(seed)
    furniture = {
        f"site{k:03d}.example": [
            f"Menu {' '.join(rng.sample(_WORDS, 5))}",
            f"Support site {k} with a gift of any size today",
            f"Copyright 2024 outlet number {k}. All rights reserved.",
            f"Sign up for the {rng.choice(_WORDS)} newsletter of site {k}",
        ]
        for k in range(outlets)
    }
    hosts = sorted(furniture)
    target = megabytes * 1024 * 1024
    written = pages = 0
    part = 0
    while written < target:
        with open(folder / f"part{part:03d}.jsonl", "w", encoding="utf-8") as fh:
            for _ in range(2000):
                h = rng.choice(hosts)
                f = furniture[h]
                body = [_sentence(rng) for _ in range(rng.randint(8, 25))]
                text = "\n".join([f[0], *body, f[1], f[3], f[2]]) + "\n"
                line = json.dumps({"url": f"https://www.{h}/news/{pages}", "text": text}) + "\n"
                fh.write(line)
                written += len(line.encode())
                pages += 1
                if written >= target:
                    break
        part += 1
    return written, pages


def learn_folder(folder: str) -> None:
    """Child process of :func:`scale`: learn the folder, print time and max RSS as JSON."""
    from newsclean.cli_learn import iter_documents

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    learner = ProfileLearner()
    for text, group in iter_documents([folder], key="url", field="text"):
        learner.add(text, group)
    profile = learner.profile()
    out = {
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": time.process_time() - cpu0,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_mb": rss0 / 1024,
        "groups": len(profile.groups),
        "shapes": len(profile),
        "candidates": len(learner.candidates),
    }
    print(json.dumps(out))


def scale(megabytes: int) -> None:
    """Learning speed and peak memory over a synthetic corpus, in a fresh process
    (so that its max RSS is the learner's, not the quality benchmark's)."""
    import subprocess

    base = Path(os.environ.get("TMPDIR", "/tmp"))
    free = shutil.disk_usage(base).free
    if free < 3 * megabytes * 1024 * 1024:
        print(f"\nscale: skipped, {free >> 20} MB free in {base}")
        return
    folder = Path(tempfile.mkdtemp(prefix="newsclean-profiles-", dir=base))
    try:
        t0 = time.perf_counter()
        size, pages = write_synthetic(folder, megabytes)
        print(f"\nscale: synthetic corpus {size / 2**20:.0f} MB, {pages} pages, 100 outlets, written in {time.perf_counter() - t0:.0f}s")
        r = subprocess.run([sys.executable, __file__, "--learn-folder", str(folder)], capture_output=True, text=True, check=True)
        m = json.loads(r.stdout.strip().splitlines()[-1])
        mb = size / 2**20
        print(
            f"scale: learned in {m['seconds']:.1f}s wall, {m['cpu_seconds']:.1f}s CPU = {mb / m['seconds']:.1f} MB/s "
            f"({mb / m['cpu_seconds']:.1f} MB/s of CPU) on one core; peak memory (max RSS) {m['max_rss_mb']:.0f} MB "
            f"(interpreter and imports alone: {m['rss_before_mb']:.0f} MB); "
            f"{m['groups']} groups, {m['shapes']} shapes, {m['candidates']} candidates"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", nargs="*", default=list(SOURCES), choices=SOURCES)
    ap.add_argument("--guards", nargs="*", default=list(GUARDS), choices=GUARDS, help="the first is used for 'profile alone'")
    ap.add_argument("--min-share", type=float, default=0.5)
    ap.add_argument("--width", type=int, default=1 << 22, help="sketch width of the leave-one-out learners")
    ap.add_argument("--scale-mb", type=int, default=1024)
    ap.add_argument("--learn-folder", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.learn_folder:
        learn_folder(args.learn_folder)
        return
    if args.sources:
        quality(args.sources, args.guards, args.min_share, args.width)
    if args.scale_mb:
        scale(args.scale_mb)


if __name__ == "__main__":
    main()
