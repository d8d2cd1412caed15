"""Train the HTML block model (needs ``pip install "newsclean[train]"``).

Rebuild the shipped model byte for byte from the training corpus beside the repository
(WCXB dev only, for its CC-BY-4.0 licence; L3S-GN1 is research-only and a test source)::

    python -m newsclean.segment.blocks_train --data ../shared/train \\
        --out newsclean/segment/data/blocks-v1.json [--check]

How a block gets its label: the corpus's ``full`` line list of each page holds the
page's text blocks (``html_text``, whitespace collapsed) with labels; a block whose
text (without the ``"- "`` of a list item) is such a line takes its label (``B`` body,
``?`` left out of the loss, anything else not body).  Any other block is labelled by
its 3-token shingles found in the gold body: at least half -> body, under a fifth ->
not body, between -> left out.  States (before / body / inside / after) then follow
from where a block sits relative to the body blocks, as for the text segmenter.

The class/id vocabulary: every word of the class and id attributes of the blocks'
ancestors (``blocks.class_tokens``) that occurs on pages of at least
:data:`MIN_SITES` different sites of the training folds, ranked by the mutual
information of "the block is under an element with this word" and "the block is
body"; the top :data:`VOCAB_SIZE` are kept.  A word many sites use is a word of
templates (``comment``, ``share``, ``related``, ``sidebar``), never one outlet's name.

The body bias (added to the body state's score before decoding) and the container
gate (a block outside the page's main container stays body only if the model gives it
at least this probability of body) are the pair of :data:`BIAS_GRID` x
:data:`GATE_GRID` with the best out-of-fold body F1 (AEB shingles) over the dfold
cross-validation of the training pages.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from .blocks import BlockModel, block_features, page_stops, walk
from .decode import BODY, STATES
from .train import SOLVER, TOL, C, _fit, _states, _transitions

#: The WCXB page types learned from ("all" for every type).
PAGE_TYPES = "all"
MIN_SITES = 20
VOCAB_SIZE = 64
BIAS_GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
#: Container gates tried (0: off); see ``BlockModel``.
GATE_GRID = (0.0, 0.5, 0.6, 0.7, 0.8)
FOLDS = 5
#: Blocks of one page used for training, at most (a spread of them): a page of 20,000
#: menu entries would otherwise outweigh a hundred articles.
MAX_BLOCKS = 1500
_TOKEN = re.compile(r"\w+")


def _open(path: Path) -> Any:
    return gzip.open(path, "rt", encoding="utf-8")


def _norm(text: str) -> str:
    return " ".join(text.split())


def block_labels(texts: list[str], full: list[list[Any]], gold: str) -> list[str]:
    """``B`` / ``N`` / ``?`` for each block text (see the module docs)."""
    by_text: dict[str, str] = {}
    for lab, _cov, line in full:
        key = _norm(line)
        old = by_text.get(key)
        if old is None or (lab == "B") or (lab == "?" and old != "B"):
            by_text[key] = lab
    gtok = [t.lower() for t in _TOKEN.findall(gold)]
    gsh = {tuple(gtok[i : i + 3]) for i in range(len(gtok) - 2)}
    gstr = " " + " ".join(gtok) + " "
    out = []
    for text in texts:
        key = text[2:] if text.startswith("- ") else text
        lab = by_text.get(key)
        if lab is not None:
            out.append("B" if lab == "B" else "?" if lab == "?" else "N")
            continue
        toks = [t.lower() for t in _TOKEN.findall(key)]
        if len(toks) < 3:
            out.append("?" if toks and f" {' '.join(toks)} " in gstr else "N")
            continue
        sh = [tuple(toks[i : i + 3]) for i in range(len(toks) - 2)]
        cov = sum(s in gsh for s in sh) / len(sh)
        out.append("B" if cov >= 0.5 else "N" if cov < 0.2 else "?")
    return out


def corpus(data: Path, source: str = "wcxb-dev", limit: int | None = None, page_types: set[str] | None = None) -> dict[str, Any]:
    """Walk every usable page of ``source`` once: base features (text + DOM), states,
    class/id words per block, and per page its gold body, blocks and fold."""
    from ..html import parse_html

    html: dict[str, str] = {}
    with _open(data / f"{source}-html.jsonl.gz") as f:
        for line in f:
            r = json.loads(line)
            html[r["id"]] = r["html"]
    pages = []
    with _open(data / f"{source}.jsonl.gz") as f:
        for line in f:
            p = json.loads(line)
            if p["usable"] and p["id"] in html and (page_types is None or p.get("page_type") in page_types):
                pages.append(p)
    if limit:
        pages = pages[:: max(1, len(pages) // limit)][:limit]
    Xs, ys, docs, toks, texts, golds, folds, domains = [], [], [], [], [], [], [], []
    for d, p in enumerate(pages):
        page = walk(parse_html(html.pop(p["id"])), None)
        blocks = page.blocks
        if len(blocks) > MAX_BLOCKS:  # a spread of the blocks, in order
            keep = np.linspace(0, len(blocks) - 1, MAX_BLOCKS).round().astype(int)
            page.blocks = blocks = [blocks[k] for k in sorted(set(keep.tolist()))]
        t = [b.text for b in blocks]
        labels = block_labels(t, p["full"], p["gold_body"])
        X = block_features(page, page_stops(page), ())
        Xs.append(X)
        ys.append(np.asarray(_states(labels) if t else [], dtype=np.int8))
        docs.append(np.full(len(t), d, dtype=np.int32))
        toks.append([b.tokens for b in blocks])
        texts.append(t)
        golds.append(p["gold_body"])
        folds.append(int(p["dfold"]))
        domains.append(p.get("domain") or p["id"])
        print(f"\r{d + 1}/{len(pages)} pages walked", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return {
        "X": np.concatenate(Xs),
        "y": np.concatenate(ys),
        "doc": np.concatenate(docs),
        "tokens": [s for page in toks for s in page],
        "texts": texts,
        "gold": golds,
        "fold": np.asarray(folds),
        "domain": domains,
        "sha256": hashlib.sha256((data / f"{source}.jsonl.gz").read_bytes()).hexdigest(),
        "sha256_html": hashlib.sha256((data / f"{source}-html.jsonl.gz").read_bytes()).hexdigest(),
    }


def vocabulary(c: dict[str, Any], rows: np.ndarray) -> tuple[str, ...]:
    """The class/id words (see the module docs): on pages of >= MIN_SITES sites, top
    VOCAB_SIZE by mutual information with the body label."""
    sites: dict[str, set[str]] = {}
    n_body: Counter[str] = Counter()
    n_all: Counter[str] = Counter()
    y, doc, tokens, domain = c["y"], c["doc"], c["tokens"], c["domain"]
    total = body = 0
    for i in rows.tolist():
        if y[i] < 0:
            continue
        total += 1
        is_body = y[i] == BODY
        body += is_body
        for w in tokens[i]:
            n_all[w] += 1
            n_body[w] += is_body
            sites.setdefault(w, set()).add(domain[doc[i]])

    def mi(w: str) -> float:
        n11 = n_body[w]
        n10 = n_all[w] - n11
        n01 = body - n11
        n00 = total - body - n10
        out = 0.0
        for nij, a, b in ((n11, n_all[w], body), (n10, n_all[w], total - body),
                          (n01, total - n_all[w], body), (n00, total - n_all[w], total - body)):
            if nij > 0:
                out += nij / total * math.log(nij * total / (a * b))
        return out

    cands = [w for w, s in sites.items() if len(s) >= MIN_SITES]
    ranked = sorted(cands, key=lambda w: (-mi(w), w))
    return tuple(sorted(ranked[:VOCAB_SIZE]))


def design(c: dict[str, Any], rows: np.ndarray, vocab: tuple[str, ...]) -> np.ndarray:
    """Base features of ``rows`` with the vocabulary columns appended."""
    X = c["X"][rows]
    V = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    index = {w: k for k, w in enumerate(vocab)}
    tokens = c["tokens"]
    for r, i in enumerate(rows.tolist()):
        for w in tokens[i]:
            k = index.get(w)
            if k is not None:
                V[r, k] = 1.0
    return np.hstack([X, V])


def fit(c: dict[str, Any], rows: np.ndarray, name: str, bias: float, info: dict[str, Any], gate: float = 0.0) -> BlockModel:
    vocab = vocabulary(c, rows)
    X = design(c, rows, vocab)
    y, doc = c["y"][rows], c["doc"][rows]
    w = y >= 0
    mean, scale, coef, intercept, _ = _fit(X[w], y[w])
    prior = np.zeros(len(STATES))
    counts = np.bincount(y[w], minlength=len(STATES)).astype(float)
    prior[counts > 0] = np.log(counts[counts > 0] / counts.sum())
    start, trans = _transitions(y, doc)
    return BlockModel(name, vocab, mean, scale, coef, intercept, prior, start, trans, bias, info, gate)


def _f1(rows: list[tuple[float, float, float]]) -> float:
    """AEB's F1 (as benchmarks/segmenter.py): mean precision and recall over pages."""
    ps = [tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0) for tp, fp, fn in rows]
    rs = [tp / (tp + fn) if tp + fn else 1.0 for tp, fp, fn in rows]
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return 2 * p * r / (p + r) if p + r else 0.0


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    t = _TOKEN.findall(text)
    return Counter(tuple(t[i : i + 4]) for i in range(max(1, len(t) - 3)) if t[i : i + 4])


def oof_bias(c: dict[str, Any], info: dict[str, Any]) -> tuple[tuple[float, float], dict[str, float]]:
    """The (body bias, container gate) of BIAS_GRID x GATE_GRID with the best
    out-of-fold F1, and the F1 of each.  F1 is compared to three decimals, and a tie
    goes to the larger body bias (removing body costs more than keeping noise), then
    to the smaller gate: the fourth decimal moves with the numeric libraries'
    versions (a solver's last digits), and the choice must not."""
    grid = [(b, g) for b in BIAS_GRID for g in GATE_GRID]
    rows_by: dict[tuple[float, float], list[tuple[float, float, float]]] = {k: [] for k in grid}
    for fold in range(FOLDS):
        train = np.flatnonzero(c["fold"][c["doc"]] != fold)
        m = fit(c, train, f"cv{fold}", 0.0, info)
        for d in np.flatnonzero(c["fold"] == fold).tolist():
            rows = np.flatnonzero(c["doc"] == d)
            g = _shingles(c["gold"][d])
            if not len(rows):
                for k in grid:
                    rows_by[k].append((0.0, 0.0, float(sum(g.values()))))
                continue
            X = design(c, rows, m.vocab)
            for b, gt in grid:
                path, _ = m.decode(X, b, gt)
                out = _shingles("\n".join(t for t, s in zip(c["texts"][d], path) if s == BODY))
                tp = sum((g & out).values())
                rows_by[(b, gt)].append((tp, sum(out.values()) - tp, sum(g.values()) - tp))
        print(f"fold {fold} done", file=sys.stderr, flush=True)
    scores = {k: _f1(r) for k, r in rows_by.items()}
    best = max(grid, key=lambda k: (round(scores[k], 3), k[0], -k[1]))
    return best, {f"bias {b} gate {g}": s for (b, g), s in scores.items()}


def train_to(data: Path, out: str, exclude_dfold: int | None = None, c: dict[str, Any] | None = None,
             bias: float = 0.0, gate: float = 0.0) -> BlockModel:
    """Train on WCXB dev (without the pages of ``exclude_dfold``) and write ``out``."""
    c = c if c is not None else corpus(data)
    rows = np.arange(len(c["y"])) if exclude_dfold is None else np.flatnonzero(c["fold"][c["doc"]] != exclude_dfold)
    m = fit(c, rows, "blocks-cv", bias, {}, gate)
    m.save(out)
    return m


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsclean.segment.blocks_train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="folder of the training corpus (../shared/train)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--name", default="blocks-v1")
    ap.add_argument("--limit", type=int, default=None, help="a spread of N pages (a quick run; not the shipped model)")
    ap.add_argument("--bias", type=float, default=None, help="skip the cross-validation, use this body bias ...")
    ap.add_argument("--gate", type=float, default=0.0, help="... and this container gate")
    ap.add_argument("--page-types", default=PAGE_TYPES, help="comma-separated WCXB page types to learn from")
    ap.add_argument("--check", action="store_true", help="do not write: exit 1 if --out differs from the rebuild")
    args = ap.parse_args(argv)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        raise SystemExit('training needs scikit-learn: pip install "newsclean[train]"') from None
    with threadpool_limits(1):
        types = set(args.page_types.split(",")) if args.page_types != "all" else None
        c = corpus(args.data, limit=args.limit, page_types=types)
        info: dict[str, Any] = {
            "source": "wcxb-dev (CC-BY-4.0)",
            "sha256": {"wcxb-dev.jsonl.gz": c["sha256"], "wcxb-dev-html.jsonl.gz": c["sha256_html"]},
            "pages": len(c["texts"]),
            "page_types": args.page_types,
            "blocks": int((c["y"] >= 0).sum()),
            "vocabulary": f"class/id words on >= {MIN_SITES} sites, top {VOCAB_SIZE} by mutual information with body",
            "solver": (
                f"multinomial logistic regression ({SOLVER}, float64, tol={TOL:g}, C={C:g}), "
                "Viterbi over the text segmenter's states"
            ),
        }
        if args.bias is None:
            (bias, gate), scores = oof_bias(c, info)
            info["oof_f1"] = {k: round(v, 4) for k, v in scores.items()}
            print(f"out-of-fold F1: {info['oof_f1']} -> bias {bias}, gate {gate}", file=sys.stderr)
        else:
            bias, gate = args.bias, args.gate
        m = fit(c, np.arange(len(c["y"])), args.name, bias, info, gate)
    text = m.dumps()
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'identical to' if same else 'DIFFERS from'} the rebuild")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes; {info['blocks']} blocks of {info['pages']} pages; bias {bias}, gate {gate})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["BIAS_GRID", "MIN_SITES", "VOCAB_SIZE", "block_labels", "corpus", "fit", "main", "train_to", "vocabulary"]
