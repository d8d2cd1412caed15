"""Structural rules for whole-page text: where the article is, and what surrounds it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..context import Context
from ..langdetect import stoplist
from ..rule import Finding, Rule
from ._util import ends_sentence, word_count

_TOKEN = re.compile(r"[^\W\d_]+")

#: jusText's thresholds (justext.core defaults), applied to lines.
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
#: A page dump has at least this many non-blank lines ...
PAGE_MIN_LINES = 30
#: ... and at least this share of them short (below LENGTH_LOW).
PAGE_MIN_SHORT_SHARE = 0.55
#: Bad lines in a row that end one block of good text.
BLOCK_GAP = 5
#: A block of good text with less than this share of the largest block's characters
#: is page furniture (a teaser, an author box, a footer paragraph).
MINOR_BLOCK_SHARE = 0.25
#: A short line this close (in lines) above a good paragraph is kept as its heading.
HEADING_REACH = 2


def _classes(ctx: Context) -> list[str | None]:
    """jusText's first pass on lines: good / neargood / short / bad (None for blank)."""
    stops = stoplist(ctx.lang)
    out: list[str | None] = []
    for i, line in enumerate(ctx.doc.lines):
        size = ctx.sizes[i]
        if not size:
            out.append(None)
            continue
        if size < LENGTH_LOW:
            out.append("short")
            continue
        if stops:
            words = _TOKEN.findall(ctx.folded[i])
            density = sum(1 for w in words if w in stops) / len(words) if words else 0.0
        else:  # no stop list for this language: judge by length and punctuation
            density = STOPWORDS_HIGH if ends_sentence(line) else 0.0
        if density >= STOPWORDS_HIGH:
            out.append("good" if size > LENGTH_HIGH or ends_sentence(line) else "neargood")
        elif density >= STOPWORDS_LOW:
            out.append("neargood")
        else:
            out.append("bad")
    return out


def nearest_classes(classes: Sequence[str | None], step: int, ignore_neargood: bool) -> list[str]:
    """For every line (or paragraph), the class of the nearest classified one before
    it (``step`` -1) or after it (``step`` 1), "bad" at the edges; with
    ``ignore_neargood`` only "good" and "bad" count.  One sweep, so a page of a
    million short lines stays linear (jusText walks from each line instead)."""
    kinds = ("good", "bad") if ignore_neargood else ("good", "bad", "neargood")
    n = len(classes)
    out = ["bad"] * n
    last = "bad"
    for i in range(0, n) if step < 0 else range(n - 1, -1, -1):
        out[i] = last
        c = classes[i]
        if c is not None and c in kinds:
            last = c
    return out


def short_class(prev: str, nxt: str, prev_loose: str, next_loose: str) -> str:
    """jusText's class for a short line between its nearest good-or-bad neighbours
    ``prev`` and ``nxt`` (and its nearest classified ones, near-good counted,
    ``prev_loose`` and ``next_loose``): theirs when they agree, else good when a
    near-good one stands on the bad side, else bad."""
    if prev == nxt:
        return prev
    if (prev == "bad" and prev_loose == "neargood") or (nxt == "bad" and next_loose == "neargood"):
        return "good"
    return "bad"


def revise(ctx: Context, classes: list[str | None]) -> list[str | None]:
    """jusText's context-sensitive pass: short and near-good lines take the class
    of their neighbours; a short line just above good text is kept as a heading."""
    final = list(classes)
    prev_strict, next_strict = nearest_classes(classes, -1, True), nearest_classes(classes, 1, True)
    prev_loose, next_loose = nearest_classes(classes, -1, False), nearest_classes(classes, 1, False)
    for i, c in enumerate(classes):
        if c == "short":
            final[i] = short_class(prev_strict[i], next_strict[i], prev_loose[i], next_loose[i])
        elif c == "neargood":
            prev, nxt = prev_strict[i], next_strict[i]
            final[i] = "bad" if (prev, nxt) == ("bad", "bad") else "good"
    # headings: a short line right above good text stays
    for i, c in enumerate(classes):
        if final[i] == "bad" and c in ("short", "neargood"):
            j, seen = i + 1, 0
            while j < ctx.n and seen < HEADING_REACH:
                if classes[j] is not None:
                    seen += 1
                    if final[j] == "good" and classes[j] in ("good", "neargood"):
                        final[i] = "good"
                        break
                j += 1
    return final


def page_like(ctx: Context) -> bool:
    """True when the text looks like every block of a page (menus, teasers, footer)
    rather than an article: many lines, most of them short."""
    sizes = [s for s in ctx.sizes if s]
    if len(sizes) < PAGE_MIN_LINES:
        return False
    return sum(1 for s in sizes if s < LENGTH_LOW) >= PAGE_MIN_SHORT_SHARE * len(sizes)


class PageFurniture(Rule):
    """Removes the menus, teasers and footers around the article in whole-page text.

    Why: text taken from every block of a page (not just the article) holds long
    runs of short lines: menu entries, teaser headlines, footer links.  Rules that
    look for known phrases cannot name them all; their shape gives them away.

    How: only for page-like text (at least 30 lines, most of them under 70
    characters).  Lines are classified as jusText classifies paragraphs: by length
    and by the share of stop words of the document's language (jusText's stop
    lists), then by their neighbours: a short line between two bad ones is bad,
    between two good ones good.  Good lines that five or more bad lines separate
    form blocks; the largest block is the article, and blocks with less than a
    quarter of its text (author boxes, teasers, footer paragraphs) go.  Bad lines
    go too, except a short line just above a good paragraph (a heading); inside
    the article only runs of three or more short non-sentences go.
    """

    code = "N108"
    name = "page-furniture"
    category = "navigation"
    languages = ("*",)
    presets = ("aggressive",)
    examples_remove = (
        "".join(f"Menu item {k}\n" for k in range(40))
        + "The city council approved the new budget on Monday after a long debate about the costs of the"
        " planned bridge, which many residents have opposed for years because of the traffic it would bring.\n"
        "It will now go to the regional government, which has to sign it off before the end of the year.\n"
        + "".join(f"Footer link {k}\n" for k in range(20)),
    )
    examples_keep = (
        "The city council approved the new budget on Monday after a long debate about the costs.\nMenu\nHome\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        if not page_like(ctx):
            return
        classes = _classes(ctx)
        if "good" not in classes:
            return
        final = revise(ctx, classes)
        blocks = _good_blocks(ctx, final)
        main = max(blocks, key=lambda b: b[2])
        # good blocks far smaller than the article are sidebars, teasers and footers
        for first, last, chars in blocks:
            if chars < MINOR_BLOCK_SHARE * main[2]:
                for k in range(first, last + 1):
                    if final[k] == "good":
                        final[k] = "minor"
        first_good, last_good = main[0], main[1]
        i = 0
        while i < ctx.n:
            if final[i] not in ("bad", "minor"):
                i += 1
                continue
            j = i
            while j + 1 < ctx.n and final[j + 1] in ("bad", "minor", None):
                j += 1
            while j > i and final[j] is None:
                j -= 1
            where = (
                "before the article"
                if j < first_good
                else "after the article"
                if i > last_good
                else "inside the article span"
            )
            if where == "inside the article span":
                # inside the article keep sentences; drop only runs of short non-sentences
                run = [k for k in range(i, j + 1) if final[k] == "bad"]
                if len(run) < 3 or any(
                    ends_sentence(ctx.doc.lines[k]) and word_count(ctx.doc.lines[k]) > 6 for k in run
                ):
                    i = j + 1
                    continue
            n_bad = sum(1 for k in range(i, j + 1) if final[k] == "bad")
            n_minor = sum(1 for k in range(i, j + 1) if final[k] == "minor")
            what = f"{n_bad} short or stop-word-poor line(s)" if n_bad else ""
            if n_minor:
                what += (" and " if what else "") + f"{n_minor} line(s) of a text block much smaller than the article"
            yield Finding(i, j, f"{what} {where} in page-like text")
            i = j + 1


def _good_blocks(ctx: Context, final: list[str | None]) -> list[tuple[int, int, int]]:
    """Runs of good lines that BLOCK_GAP or more bad lines separate, as
    ``(first, last, characters of good lines)``."""
    blocks: list[tuple[int, int, int]] = []
    first = last = -1
    chars = gap = 0
    for i, c in enumerate(final):
        if c == "good":
            if first < 0 or gap >= BLOCK_GAP:
                if first >= 0:
                    blocks.append((first, last, chars))
                first, chars = i, 0
            last = i
            chars += ctx.sizes[i]
            gap = 0
        elif c == "bad":
            gap += 1
    if first >= 0:
        blocks.append((first, last, chars))
    return blocks


RULES = (PageFurniture,)
