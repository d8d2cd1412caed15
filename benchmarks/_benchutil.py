"""Shared helpers of the benchmarks: locating the bench, the presence test, metrics.

The presence test is the one the bench's README defines (and its build.py
implements): NFC, invisible characters removed, whitespace runs collapsed to one
space, stripped; a string is present when it is a substring of the text.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

_WS = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))

REPO = Path(__file__).resolve().parent.parent


def default_bench() -> Path:
    """``../shared/bench/trafilatura-eval`` next to the repository, or $NEWSCLEAN_BENCH."""
    env = os.environ.get("NEWSCLEAN_BENCH")
    base = Path(env) if env else REPO.parent / "shared" / "bench"
    return base / "trafilatura-eval" if (base / "trafilatura-eval").is_dir() else base


def squash(s: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", s).translate(_INVISIBLE)).strip()


def present(needle: str, squashed_haystack: str) -> bool:
    n = squash(needle)
    return bool(n) and n in squashed_haystack


def load_pages(bench: Path, limit: int | None = None, ids: Iterable[str] | None = None) -> list[dict]:
    wanted = set(ids) if ids else None
    pages = []
    with open(bench / "pages.jsonl", encoding="utf-8") as fh:
        for line in fh:
            p = json.loads(line)
            if wanted is None or p["id"] in wanted:
                pages.append(p)
    if limit:
        # a spread of pages rather than the first N (the file is grouped by source)
        step = max(1, len(pages) // limit)
        pages = pages[::step][:limit]
    return pages


def read_text(bench: Path, page_id: str, kind: str) -> str:
    if kind == "recall":
        return (bench / "text" / f"{page_id}.recall.txt").read_text(encoding="utf-8")
    with gzip.open(bench / "text" / f"{page_id}.blocks.txt.gz", "rt", encoding="utf-8", newline="") as fh:
        return fh.read()


def justext_baseline(html: str | bytes, lang: str) -> str:
    """Plain jusText (its stop list for ``lang``, English if it has none): the good
    paragraphs, one per line; ``""`` when jusText raises on the page (it found
    nothing).  The reference extractor the HTML benchmarks compare with."""
    import justext

    from newsclean.langdetect import JUSTEXT_NAMES

    try:
        stoplist = justext.get_stoplist(JUSTEXT_NAMES.get(lang, "English"))
    except ValueError:
        stoplist = justext.get_stoplist("English")
    try:
        paragraphs = justext.justext(html, stoplist)
    except Exception:
        return ""
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def read_html(bench: Path, page_id: str) -> bytes:
    with gzip.open(bench / "html" / f"{page_id}.html.gz", "rb") as fh:
        return fh.read()


@dataclass
class PageScore:
    id: str
    lang: str
    kept: int = 0
    with_total: int = 0
    dropped: int = 0
    without_total: int = 0
    lost: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)

    @property
    def keep_recall(self) -> float | None:
        return self.kept / self.with_total if self.with_total else None

    @property
    def drop_rate(self) -> float | None:
        return self.dropped / self.without_total if self.without_total else None


def score_page(page: dict, out: str, with_mask: list[int], drop_masks: list[tuple[list[str], list[int]]]) -> PageScore:
    """Score one output: ``with`` strings kept (where ``with_mask`` is 1) and
    boilerplate strings dropped (each ``(strings, mask)`` pair where mask is 1)."""
    sq = squash(out)
    sc = PageScore(page["id"], page["lang"])
    for s, m in zip(page["with"], with_mask):
        if m and squash(s):
            sc.with_total += 1
            if present(s, sq):
                sc.kept += 1
            else:
                sc.lost.append(s)
    for strings, mask in drop_masks:
        for s, m in zip(strings, mask):
            if m and squash(s):  # a few annotations are empty strings
                sc.without_total += 1
                if present(s, sq):
                    sc.left.append(s)
                else:
                    sc.dropped += 1
    return sc


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else float("nan")


def summarize(scores: list[PageScore]) -> dict[str, float]:
    kr = [s.keep_recall for s in scores if s.keep_recall is not None]
    dr = [s.drop_rate for s in scores if s.drop_rate is not None]
    return {
        "pages": len(scores),
        "keep_macro": _mean(kr),
        "keep_micro": sum(s.kept for s in scores) / max(1, sum(s.with_total for s in scores)),
        "drop_macro": _mean(dr),
        "drop_micro": sum(s.dropped for s in scores) / max(1, sum(s.without_total for s in scores)),
        "drop_pages": len(dr),
    }


def by_lang(scores: list[PageScore]) -> Iterator[tuple[str, dict[str, float]]]:
    groups: dict[str, list[PageScore]] = defaultdict(list)
    for s in scores:
        groups[s.lang].append(s)
    for lang in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        yield lang, summarize(groups[lang])


def fmt_summary(name: str, m: dict[str, float]) -> str:
    return (
        f"{name:<28} pages={m['pages']:>4}  keep macro={m['keep_macro']:.4f} micro={m['keep_micro']:.4f}"
        f"  drop macro={m['drop_macro']:.4f} micro={m['drop_micro']:.4f} (pages with drop={m['drop_pages']})"
    )
