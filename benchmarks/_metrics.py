"""Body-extraction metrics shared by the benchmarks (AEB's shingle metric).

The metric of the Article Extraction Benchmark (AEB): the output and the gold
body are each turned into a multiset of 4-token shingles; precision, recall and
F1 count the shingles they share.  Scores are per page; a benchmark reports the
mean over pages.

Tokens are ``\\w+`` runs, except that a CJK character (Han, Hiragana, Katakana,
Hangul) is one token on its own, as the train corpus's README describes: without
that, a whole Chinese clause is one token and a page scores all or nothing.

>>> tokens("Hello, world 2024")
['Hello', 'world', '2024']
>>> tokens("北京 news")
['北', '京', 'news']
>>> round(prf("one two three four five", "one two three four five six")[1], 2)
0.67
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

#: CJK ideographs, kana and hangul: one token per character.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+")

#: Shingle length of the AEB metric.
N = 4


def tokens(text: str) -> list[str]:
    """The metric's tokens of ``text``: ``\\w+`` runs, a CJK character alone."""
    return _TOKEN.findall(text or "")


def shingles(text_or_tokens: str | Sequence[str], n: int = N) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles; a text shorter than ``n`` tokens is one
    shingle (so that a short body still counts)."""
    toks = tokens(text_or_tokens) if isinstance(text_or_tokens, str) else list(text_or_tokens)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def prf(output: str, gold: str, n: int = N) -> tuple[float, float, float]:
    """``(precision, recall, f1)`` of ``output`` against ``gold`` over shingles.

    Both empty: a perfect score (nothing to find, nothing returned).  One empty:
    0 for the side that cannot be met (precision of an empty output is 1.0 by
    convention when gold is not empty, recall 0.0, F1 0.0).
    """
    out, ref = shingles(output, n), shingles(gold, n)
    if not out and not ref:
        return 1.0, 1.0, 1.0
    tp = sum((out & ref).values())
    p = tp / sum(out.values()) if out else 1.0
    r = tp / sum(ref.values()) if ref else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def body_token_loss(lines: Iterable[tuple[str, str]], kept: Iterable[bool]) -> tuple[int, int]:
    """``(lost, total)``: metric tokens in lines labelled ``B`` that were not kept,
    and all tokens in ``B`` lines.  ``lines`` are ``(label, text)`` pairs and
    ``kept`` the parallel keep flags; the loss share is ``lost / total``.
    """
    lost = total = 0
    for (label, text), keep in zip(lines, kept):
        if label != "B":
            continue
        t = len(tokens(text))
        total += t
        if not keep:
            lost += t
    return lost, total


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean, 0.0 for no values."""
    return sum(values) / len(values) if values else 0.0
