"""Train a segmenter model from line-labelled pages (needs ``pip install "newsclean[train]"``).

Rebuild the shipped model, byte for byte, from the training corpus beside the
repository (``../shared/train``; WCXB dev only, for its CC-BY-4.0 licence)::

    python -m newsclean.segment.train --data ../shared/train --sources wcxb-dev \\
        --out newsclean/segment/data/segmenter-v2.json

Train your own on your own labelled lines (JSONL, optionally gzipped, one document
per line)::

    {"lines": ["Home", "Article text ...", "Share this"], "labels": ["before", "body", "after"]}

``labels`` are state names (``before``, ``body``, ``inside``, ``after``,
``comments``) or the short forms ``B`` (body), ``C`` (reader comments) and ``N``
(anything else: its state follows from where it sits, before, inside or after the
body lines).  ``?`` marks a line to leave out of the loss.  Then::

    python -m newsclean.segment.train --jsonl my-lines.jsonl.gz --out my-model.json
    newsclean.clean(text, model="my-model.json")

Half of the corpus pages (chosen by their id) are trained on in sentence case, every
capitalised word but a line's first lower-cased (``--augment case:0.5``): the corpus is
English, whose headlines and menus are title-cased, and the model must not take title
case for the only sign of one.  Another half, drawn apart, is trained on as it would read
in a language that the lexicons and stop lists do not know (``unknown:0.5``): no other
rule's finding, no lexicon phrase, the document's own function words for stop words, so
that the model reads the shape of a menu where no rule names it.  ``--augment ''`` for
neither.  The biases are calibrated on the pages as the cleaner sees them.  A user's
JSONL lines are trained on as they are.

Whole-page text is read in two passes (stacked sequential learning, Cohen and
Carvalho 2005): a second logistic regression reads each line's features and what
the first made of the lines around it (:func:`~newsclean.segment.features.stack_features`).
It learns from first-pass probabilities that are out of fold (each fold of sites
scored by a first pass fitted on the others), as the model meets new pages.  The
calibration fits one second pass per fold on those same probabilities of the other
folds.  ``--no-stack`` leaves it out; with fewer than :data:`MIN_STACK_LINES`
labelled lines or a single fold there is none.

The script is deterministic: one thread, weights rounded to six significant digits
and written with sorted keys, and a solver that reaches the optimum (see
:data:`SOLVER`), so that the rebuild does not depend on the machine's vector unit.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..context import Context
from ..document import Document
from ..engine import Cleaner, refuse_sweeping
from ..langdetect import detect_language
from ..rules.segmenter import NO_OUTER_RUNS, segment_inputs, ticker_rows, title_anchor
from .decode import AFTER, BEFORE, BODY, COMMENTS, FORBIDDEN, INSIDE, STATES
from .features import FEATURES, STACK_FEATURES, line_features, page_like, stack_features
from .model import IMPOSSIBLE, Model, Stage, emissions, standardise

#: The share of body tokens each preset may cost on the training pages (out of fold) ...
LOSS_TARGETS = {"safe": 0.001, "default": 0.005, "aggressive": 0.02}
#: ... and the share of body lines, for a scraper's text and for whole-page text: a
#: short body line (a list item, an ingredient, a subheading) weighs little in tokens,
#: but its loss is what a reader sees.  A scraper's text holds little noise, so a
#: removal there gains little and the line budget is tight (the development bench's
#: scraper texts keep under 0.995 of their article strings with 0.01); whole-page
#: text is mostly noise, and its budget is ten times larger.
LINE_TARGETS = {
    "safe": {"text": 0.0002, "page": 0.0002},
    "default": {"text": 0.001, "page": 0.01},
    "aggressive": {"text": 0.005, "page": 0.02},
}
#: Body biases tried when calibrating, smallest first.
BIAS_GRID = tuple(round(0.25 * k, 2) for k in range(0, 33))
#: Inverse regularisation strength of the logistic regression.
C = 1.0
#: The solver: Newton's method with a Cholesky factorisation of the Hessian, on float64
#: features, to a gradient of :data:`TOL`.  The L2-penalised loss is strictly convex, so
#: the optimum is one point and the solver reaches it in a few steps to ~1e-11; the
#: rounding to six digits then gives the same file on any machine.  lbfgs on float32
#: features stopped after ~60 steps at a point that moved by up to 0.06 in a weight
#: with the BLAS kernels of the CPU (AVX2 or AVX-512): the same code rebuilt another
#: model on another machine.
SOLVER = "newton-cholesky"
TOL = 1e-10
MAX_ITER = 100
FOLDS = 5
#: Labelled lines needed for a second pass (see :func:`_stacked`).
MIN_STACK_LINES = 5000
_TOKEN = re.compile(r"\w+")
_SHORT = {"B": BODY, "C": COMMENTS}
#: ``case``: the share of the corpus pages (``--data``) trained on with their capitalised
#: words lower-cased (see :func:`in_sentence_case`).  The corpus is English, where
#: headlines and menus are title-cased; in most languages they are not.
#: ``unknown``: the share trained on as they would read in a language that the lexicons
#: and jusText's stop lists do not know (see :data:`LEXICON_COLUMNS`): no other rule's
#: finding, no lexicon phrase, the document's own function words for stop words.  The
#: corpus is English, which the lexicons know best; most languages get few findings
#: (Chinese none), and a model that leans on them keeps their menus and teasers.
AUGMENT = {"case": 0.5, "unknown": 0.5}


def _open(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        yield from f


def _states(labels: list[str]) -> list[int]:
    """State of each line from labels (state names, or B/C/N/? short forms; -1 = ignore)."""
    out: list[int] = []
    body = [k for k, lab in enumerate(labels) if lab in ("B", "body")]
    first, last = (body[0], body[-1]) if body else (len(labels), -1)
    for k, lab in enumerate(labels):
        if lab in STATES:
            out.append(STATES.index(lab))
        elif lab in _SHORT:
            out.append(_SHORT[lab])
        elif lab == "?":
            out.append(-1)
        else:
            out.append(BEFORE if k < first else AFTER if k > last else INSIDE)
    return out


def corpus_documents(
    data: Path, sources: Iterable[str], views: Iterable[str], case_share: float = 0.0, unknown_share: float = 0.0
) -> Iterator[dict[str, Any]]:
    """Documents of the line-labelled training corpus (``{source}.jsonl.gz``): each
    usable page's ``full`` and ``recall`` views, with the labels turned into states
    (headline, captions, related links and other non-body lines take their position,
    before / inside / after the body; reader comments are ``comments``)."""
    for source in sources:
        for raw in _open(data / f"{source}.jsonl.gz"):
            page = json.loads(raw)
            if not page.get("usable"):
                continue
            for view in views:
                rows = page.get(view) or []
                if not rows:
                    continue
                labels = [lab if lab in ("B", "C", "?") else "N" for lab, _, _ in rows]
                fold = page.get("dfold")
                if fold is None:
                    fold = zlib.crc32(str(page.get("domain") or page.get("id")).encode()) % FOLDS
                lines = [text for _, _, text in rows]
                page_id = str(page.get("id"))
                if in_sentence_case(page_id, case_share):
                    lines = [sentence_case(line) for line in lines]
                yield {
                    "lines": lines,
                    "labels": labels,
                    "fold": int(fold),
                    "view": view,
                    "article": page.get("page_type", "article") == "article",
                    "unknown_language": _chosen("lexicon", page_id, unknown_share),
                }


_CASED_WORD = re.compile(r"[^\W\d_]+")


def sentence_case(line: str) -> str:
    """``line`` with every capitalised word but the first lower-cased ("Police Close
    Main Road" -> "Police close main road"); words in capitals stay (acronyms).  The
    headlines, menus and teasers of most languages are written so: training on some
    English pages written so keeps the model from reading title case as the only sign
    of a headline."""
    first = True

    def low(m: re.Match[str]) -> str:
        nonlocal first
        w = m.group()
        if first:
            first = False
            return w
        return w.lower() if w[0].isupper() and (len(w) == 1 or w[1:].islower()) else w

    return _CASED_WORD.sub(low, line)


def in_sentence_case(page_id: str, share: float) -> bool:
    """Whether a page is trained on in :func:`sentence_case`: ``share`` of the pages,
    fixed by the page's id."""
    return (zlib.crc32(page_id.encode()) % 10007) / 10007 < share


def _chosen(kind: str, page_id: str, share: float) -> bool:
    """Whether a page is in the ``share`` of pages given augmentation ``kind``, fixed
    by the page's id (each kind draws its own pages)."""
    return share > 0 and (zlib.crc32(f"{kind}:{page_id}".encode()) % 10007) / 10007 < share


#: The columns a rule's finding or a lexicon phrase sets: a language that the
#: lexicons do not cover has none of them.
LEXICON_COLUMNS = [k for k, name in enumerate(FEATURES) if name.split("@")[0] in ("rule_finding", "lexicon_hit")]


def jsonl_documents(path: Path) -> Iterator[dict[str, Any]]:
    """Documents of a user's JSONL file of ``{"lines": [...], "labels": [...]}``."""
    for n, raw in enumerate(_open(path), 1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
            lines, labels = rec["lines"], rec["labels"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path}:{n}: not a record with 'lines' and 'labels': {exc}") from None
        if len(lines) != len(labels) or not all(isinstance(x, str) for x in lines + labels):
            raise SystemExit(f"{path}:{n}: 'lines' and 'labels' must be lists of strings of the same length")
        yield {
            "lines": lines,
            "labels": labels,
            "fold": zlib.crc32(raw.encode()) % FOLDS,
            "view": "jsonl",
            "article": True,
        }


def featurise(docs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Feature rows (``X`` to fit on, augmented; ``X_eval`` as the cleaner sees the
    page, to calibrate on), states, body tokens, the other rules' removals and document
    ids."""
    cleaner = Cleaner(ignore=["M101"])
    Xs, Xs_eval, ys, toks, flags, doc_ids, folds, views, articles, anchors, tickers = ([] for _ in range(11))
    for d, doc in enumerate(docs):
        lines = [line.replace("\r", " ").replace("\n", " ") for line in doc["lines"]]
        keep = [k for k, line in enumerate(lines) if line.strip()]
        if not keep:
            continue
        lines = [lines[k] for k in keep]
        states = _states(doc["labels"])
        states = [states[k] for k in keep]
        text = "\n".join(lines) + "\n"
        document = Document(text)
        ctx = Context(document, cleaner.lexicon, lambda t=text: detect_language(t))  # type: ignore[misc]
        # the other rules' findings that stand, as the segmenter sees them when it runs
        found = refuse_sweeping(ctx, cleaner._run(ctx, cleaner._text_rules))
        idx, X = segment_inputs(ctx, found)
        X_fit = X
        if doc.get("unknown_language"):
            # learnt from as the page would read in a language the lexicons and the
            # stop lists do not know: no rule's finding, no lexicon phrase, and the
            # document's own function words in place of a stop list.  The biases are
            # still priced on the page as it is (``X``): the cleaner runs the rules on it
            lexicon = [False] * len(lines)
            X_fit = line_features(lines, frozenset(), lexicon, lexicon)
        Xs.append(X_fit)
        Xs_eval.append(X)
        ys.append(np.asarray(states, dtype=np.int8))
        toks.append(np.asarray([len(_TOKEN.findall(line)) for line in lines], dtype=np.int32))
        # the lines the other rules remove (every line here is non-blank: row k is line k)
        flags.append(X[:, FEATURES.index("rule_finding")] > 0)
        doc_ids.append(np.full(len(lines), d, dtype=np.int32))
        folds.append(np.full(len(lines), doc["fold"], dtype=np.int8))
        views.append(np.full(len(lines), doc["view"]))
        articles.append(np.full(len(lines), doc["article"]))
        # the headline's row (as the rule finds it), for decoding as the rule does
        anchors.append(np.full(len(lines), title_anchor(lines, X), dtype=np.int32))
        # the rows of a news ticker (as the rule finds them)
        tickers.append(ticker_rows(lines, X))
    if not Xs:
        raise SystemExit("no labelled lines to train on")
    return {
        "X": np.concatenate(Xs),
        "X_eval": np.concatenate(Xs_eval),
        "y": np.concatenate(ys),
        "tokens": np.concatenate(toks),
        "rules": np.concatenate(flags),
        "doc": np.concatenate(doc_ids),
        "fold": np.concatenate(folds),
        "view": np.concatenate(views),
        "article": np.concatenate(articles),
        "anchor": np.concatenate(anchors),
        "ticker": np.concatenate(tickers),
    }


def _fit(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[int]]:
    from sklearn.linear_model import LogisticRegression

    X = X.astype(np.float64)
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    seen = sorted(set(y.tolist()))
    lr = LogisticRegression(C=C, max_iter=MAX_ITER, solver=SOLVER, tol=TOL)
    lr.fit(standardise(X, mean, scale), y)
    coef = np.zeros((len(STATES), X.shape[1]))
    intercept = np.full(len(STATES), IMPOSSIBLE)
    classes = [int(c) for c in lr.classes_]
    if len(classes) == 2:  # sklearn keeps one row for two classes
        coef[classes[1]], intercept[classes[1]] = lr.coef_[0], lr.intercept_[0]
        intercept[classes[0]] = 0.0
    else:
        for row, c in enumerate(classes):
            coef[c], intercept[c] = lr.coef_[row], lr.intercept_[row]
    return mean, scale, coef, intercept, seen


def _transitions(y: np.ndarray, doc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    s = len(STATES)
    counts = np.zeros((s, s))
    starts = np.zeros(s)
    valid = y >= 0
    yy, dd = y[valid], doc[valid]
    first = np.r_[True, dd[1:] != dd[:-1]]
    np.add.at(starts, yy[first], 1)
    np.add.at(counts, (yy[:-1][~first[1:]], yy[1:][~first[1:]]), 1)
    seen = np.zeros(s, dtype=bool)
    seen[np.unique(yy)] = True
    counts += np.outer(seen, seen) * 1.0  # add-one smoothing between states that occur
    starts += seen  # and of the first state: cleaned text starts with its body
    for a, b in FORBIDDEN:
        counts[a, b] = 0
    with np.errstate(divide="ignore", invalid="ignore"):
        trans = np.log(counts / counts.sum(axis=1, keepdims=True))
        start = np.log(starts / starts.sum())
    trans[~np.isfinite(trans)] = IMPOSSIBLE
    start[~np.isfinite(start)] = IMPOSSIBLE
    return start, trans


def _weights(data: dict[str, Any], rows: np.ndarray, name: str, bias: dict[str, float], info: dict[str, Any]) -> Model:
    """The first pass (emission weights, prior, transitions) fitted on ``rows``."""
    X, y, doc = data["X"][rows], data["y"][rows], data["doc"][rows]
    w = y >= 0
    mean, scale, coef, intercept, seen = _fit(X[w], y[w])
    prior = np.full(len(STATES), 0.0)
    counts = np.bincount(y[w], minlength=len(STATES)).astype(float)
    prior[counts > 0] = np.log(counts[counts > 0] / counts.sum())
    start, trans = _transitions(y, doc)
    return Model(name, mean, scale, coef, intercept, prior, start, trans, bias, info)


def _by_document(rows: np.ndarray, doc: np.ndarray) -> list[np.ndarray]:
    """``rows`` (ascending) cut into the runs of each document."""
    d = doc[rows]
    return np.split(rows, np.flatnonzero(d[1:] != d[:-1]) + 1)


def out_of_fold(data: dict[str, Any]) -> tuple[dict[int, Model], np.ndarray] | None:
    """First passes fitted on all folds but one, and the :func:`stack_features` of
    every row from the first pass that did not see its fold; None when the data are
    too few for a second pass (:data:`MIN_STACK_LINES`, two folds)."""
    folds = sorted(set(data["fold"].tolist()))
    if len(folds) < 2 or int((data["y"] >= 0).sum()) < MIN_STACK_LINES:
        return None
    models: dict[int, Model] = {}
    S = np.zeros((len(data["y"]), len(STACK_FEATURES)), dtype=np.float32)
    for fold in folds:
        models[fold] = _weights(data, np.flatnonzero(data["fold"] != fold), f"fold {fold}", {}, {})
        for rows in _by_document(np.flatnonzero(data["fold"] == fold), data["doc"]):
            S[rows] = stack_features(emissions(models[fold], data["X"][rows])[1])
        print(f"first pass out of fold {fold}: done", file=sys.stderr, flush=True)
    return models, S


def _stacked(data: dict[str, Any], rows: np.ndarray, first: Model, S: np.ndarray) -> Model:
    """``first`` with a second pass fitted on ``rows``: their features and the
    out-of-fold :func:`stack_features` ``S``."""
    y = data["y"][rows]
    w = y >= 0
    Z = np.hstack([data["X"][rows][w], S[rows][w]])
    mean, scale, coef, intercept, _ = _fit(Z, y[w])
    return Model(**{**first.__dict__, "stack": Stage(mean, scale, coef, intercept, first.log_prior)})


def _model(
    data: dict[str, Any],
    rows: np.ndarray,
    name: str,
    bias: dict[str, float],
    info: dict[str, Any],
    stack: bool = True,
) -> Model:
    """The model fitted on ``rows``, with a second pass for whole-page text when
    ``stack`` and the rows are enough (its out-of-fold first passes are fitted on
    ``rows`` alone)."""
    first = _weights(data, rows, name, bias, info)
    if not stack:
        return first
    sub = {k: v[rows] for k, v in data.items()}
    oof = out_of_fold(sub)
    if oof is None:
        return first
    return _stacked(sub, np.arange(len(rows)), first, oof[1])


def _loss_by_bias(
    model: Model, data: dict[str, Any], rows: np.ndarray, preset: str = "default"
) -> dict[str, np.ndarray]:
    """What the model removes of the body per bias in BIAS_GRID, for scraper-like text
    and for whole-page text (:func:`page_like`), decoding as ``preset`` does: ``[lost
    tokens, lost lines, body tokens, body lines]`` (arrays over the grid).  Lines the
    other rules remove are not counted: the bias prices the model's own cost, the
    rules answer for theirs."""
    from ..rules.segmenter import decode

    X, y, toks, rules, doc, anchor, ticker = (
        data[k][rows] for k in ("X_eval", "y", "tokens", "rules", "doc", "anchor", "ticker")
    )
    bounds = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1], True])
    kind = np.empty(len(doc), dtype=object)
    for k in range(len(bounds) - 1):
        a, b = bounds[k], bounds[k + 1]
        kind[a:b] = "page" if page_like(X[a:b]) else "text"
    body = (y == BODY) & (toks > 0)
    out: dict[str, np.ndarray] = {}
    for v in ("text", "page"):
        out[v] = np.zeros((4, len(BIAS_GRID)))
        out[v][2] = toks[body & (kind == v)].sum()
        out[v][3] = (body & (kind == v)).sum()
    for g, bias in enumerate(BIAS_GRID):
        m = Model(**{**model.__dict__, "body_bias": {preset: bias}})
        for k in range(len(bounds) - 1):
            a, b = bounds[k], bounds[k + 1]
            head = int(anchor[a]) if preset not in NO_OUTER_RUNS else -1
            gone = decode(m, X[a:b], preset, head, ticker[a:b])[2] & ~rules[a:b] & body[a:b]
            out[kind[a]][0, g] += toks[a:b][gone].sum()
            out[kind[a]][1, g] += gone.sum()
    return out


def calibrate(
    data: dict[str, Any], name: str, oof: tuple[dict[int, Model], np.ndarray] | None = None
) -> dict[str, float]:
    """Each preset's body biases: the smallest that keeps the model's out-of-fold loss
    of body tokens, and of body lines, within :data:`LOSS_TARGETS`, for scraper-like
    text and for whole-page text.  Lines count as well as tokens: a short body line
    (a list item, an ingredient, a subheading) weighs little in tokens but its loss is
    what a reader sees."""
    # presets without the outer runs of whole-page text (``safe``; see
    # :func:`newsclean.rules.segmenter.decode`) have curves of their own
    decodings = (*sorted(NO_OUTER_RUNS), "default")
    sums: dict[tuple[str, str], np.ndarray] = {}
    for fold in range(FOLDS):
        # calibrated on article pages: other page types (product data, listings) have
        # other notions of body
        test = (data["fold"] == fold) & data["article"]
        if not test.any() or test.all():
            continue
        others = np.flatnonzero(data["fold"] != fold)
        if oof is None:
            m = _weights(data, others, name, {}, {})
        else:
            # the first pass that did not see this fold, and a second pass fitted on the
            # other folds' out-of-fold probabilities (their first passes saw this fold:
            # a nested split would take twenty more fits for a second-order effect)
            m = _stacked(data, others, oof[0][fold], oof[1])
        for how in decodings:
            for v, counts in _loss_by_bias(m, data, np.flatnonzero(test), how).items():
                sums[how, v] = sums.get((how, v), 0) + counts
        print(f"fold {fold}: done", file=sys.stderr, flush=True)
    curves: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
    for (how, v), c in sorted(sums.items()):
        tokens, lines = c[0] / np.maximum(c[2], 1), c[1] / np.maximum(c[3], 1)
        curves[how, v] = (tokens, lines)
        for what, curve in (("tokens", tokens), ("lines", lines)):
            print(
                f"out-of-fold body {what} lost, {v}, decoded as {how}: "
                + " ".join(f"{b}:{x:.4f}" for b, x in zip(BIAS_GRID, curve)),
                file=sys.stderr,
            )
    bias = {}
    for preset, target in LOSS_TARGETS.items():
        how = preset if preset in NO_OUTER_RUNS else "default"
        for v, (tokens, lines) in sorted((v, c) for (h, v), c in curves.items() if h == how):
            key = preset if v == "text" else f"{preset}/{v}"
            ok = [g for g in range(len(BIAS_GRID)) if tokens[g] <= target and lines[g] <= LINE_TARGETS[preset][v]]
            g = ok[0] if ok else len(BIAS_GRID) - 1
            bias[key] = BIAS_GRID[g]
            print(
                f"{key}: bias {bias[key]} (out of fold: body tokens lost {tokens[g]:.4f}, lines {lines[g]:.4f})",
                file=sys.stderr,
            )
    return bias


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsclean.segment.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, help="folder of the line-labelled corpus ({source}.jsonl.gz)")
    ap.add_argument("--sources", default="wcxb-dev", help="comma-separated sources in --data (default: wcxb-dev)")
    ap.add_argument("--views", default="recall,full", help="line lists of each page to learn from")
    ap.add_argument("--jsonl", type=Path, action="append", default=[], help="your own labelled lines (JSONL)")
    ap.add_argument("--name", default="segmenter-v2", help="the model's name")
    ap.add_argument("--out", type=Path, required=True, help="where to write the model (JSON)")
    ap.add_argument(
        "--augment",
        default=",".join(f"{k}:{v}" for k, v in sorted(AUGMENT.items())),
        help="shares of the --data pages to train on in sentence case and as in an unknown language "
        "(case:SHARE,unknown:SHARE; '' for none)",
    )
    ap.add_argument(
        "--no-stack", action="store_true", help="no second pass for whole-page text (one pass reads every text)"
    )
    ap.add_argument("--no-calibrate", action="store_true", help="skip the cross-validated bias (bias 1.0)")
    ap.add_argument("--check", action="store_true", help="do not write: exit 1 if --out differs from the rebuild")
    args = ap.parse_args(argv)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        raise SystemExit('training needs scikit-learn: pip install "newsclean[train]"') from None
    sources = [s for s in args.sources.split(",") if s] if args.data else []
    views = [v for v in args.views.split(",") if v]
    if not sources and not args.jsonl:
        ap.error("give --data with --sources, or --jsonl")

    try:
        augment = {k: float(v) for k, v in (item.split(":") for item in args.augment.split(",") if item)}
    except ValueError:
        ap.error(f"--augment: not NAME:SHARE pairs: {args.augment!r}")
    if set(augment) - {"case", "unknown"} or not all(0 <= v <= 1 for v in augment.values()):
        ap.error(f"--augment: case:SHARE,unknown:SHARE, shares from 0 to 1: {args.augment!r}")

    def docs() -> Iterator[dict[str, Any]]:
        if args.data:
            yield from corpus_documents(
                args.data, sources, views, augment.get("case", 0.0), augment.get("unknown", 0.0)
            )
        for p in args.jsonl:
            yield from jsonl_documents(p)

    info: dict[str, Any] = {
        "sources": {s: _sha256(args.data / f"{s}.jsonl.gz") for s in sources},
        "jsonl": {p.name: _sha256(p) for p in args.jsonl},
        "views": views,
        "augment": augment,
        "solver": f"multinomial logistic regression ({SOLVER}, float64, tol={TOL:g}, C={C}), {FOLDS}-fold calibration by dfold",
        "loss_targets": {"tokens": LOSS_TARGETS, "lines": LINE_TARGETS},
    }
    with threadpool_limits(1):
        data = featurise(docs())
        info["lines"] = int((data["y"] >= 0).sum())
        info["documents"] = int(data["doc"].max()) + 1
        oof = None if args.no_stack else out_of_fold(data)
        info["second_pass"] = (
            "none" if oof is None else "whole-page text: stacked on out-of-fold first-pass probabilities"
        )
        bias = {p: 1.0 for p in LOSS_TARGETS} if args.no_calibrate else calibrate(data, args.name, oof)
        everything = np.arange(len(data["y"]))
        model = _weights(data, everything, args.name, bias, info)
        if oof is not None:
            model = _stacked(data, everything, model, oof[1])
    if args.check:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            rebuilt = Path(tmp) / args.out.name
            model.save(rebuilt)
            same = args.out.is_file() and rebuilt.read_bytes() == args.out.read_bytes()
        print(f"{args.out}: {'identical to' if same else 'DIFFERS from'} the rebuild")
        return 0 if same else 1
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {info['lines']} lines, bias {bias})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
