"""Small line predicates shared by the rule families."""

from __future__ import annotations

import re

from ..context import Context
from ..document import SENTENCE_TAIL

#: Characters a sentence can end with (including closing quotes and brackets).
SENTENCE_END = (".", "!", "?", "\u2026", ".\u201d", '."', ".'", "!\u201d", "?\u201d", ".)", ":")
_STOPS = (".", "!", "?", "\u2026")
_LETTER = re.compile(r"[^\W\d_]")
_OPEN = "\"'\u201c\u201e\u00ab\u2018\u201a\u2039([{\u00bf\u00a1-\u2013\u2014\u2022*\u00b7 \t\u00a0"


def first_letter(line: str) -> str:
    """The first letter of ``line`` (skipping quotes, brackets and bullets), or ``""``."""
    m = _LETTER.search(line.lstrip(_OPEN)[:40])
    return m.group() if m else ""


def starts_lower(line: str) -> bool:
    """True when the line's first letter is lower-case (after quotes and bullets)."""
    s = line.lstrip(_OPEN)
    if not s:
        return False
    c = s[0]
    return c.isalpha() and c.islower()


def has_letters(line: str) -> bool:
    return _LETTER.search(line) is not None


def word_count(line: str) -> int:
    return len(line.split())


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends like a sentence (or a colon), also before the closing
    quotation marks of any language („So ist es.“, « Oui. »; see
    :data:`~newsclean.document.CLOSING_MARKS`)."""
    s = line.rstrip()
    if s.endswith(SENTENCE_END):
        return True
    t = s.rstrip(SENTENCE_TAIL)
    return len(t) < len(s) and t.endswith(_STOPS)


def is_titleish(ctx: Context, i: int, max_chars: int = 160, max_words: int = 22) -> bool:
    """A line that reads like a linked headline: short, some letters, not a sentence
    ending with a full stop."""
    line = ctx.doc.lines[i].strip()
    if not line or len(line) > max_chars or word_count(line) > max_words or not has_letters(line):
        return False
    return not (line.endswith(".") and not line.endswith(("...", "\u2026")) and word_count(line) > 6)


def prev_nonblank(ctx: Context, i: int) -> int:
    """Index of the nearest non-blank line before ``i`` (-1 if none)."""
    j = i - 1
    lines = ctx.doc.lines
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j


def next_nonblank(ctx: Context, i: int) -> int:
    """Index of the nearest non-blank line after ``i`` (``ctx.n`` if none)."""
    j = i + 1
    lines = ctx.doc.lines
    while j < ctx.n and not lines[j].strip():
        j += 1
    return j


def quote_hits(ctx: Context, i: int, hits: list, limit: int = 3) -> str:
    """``'"a", "b"'`` from hits on line ``i``, for evidence."""
    line = ctx.doc.lines[i]
    seen: list[str] = []
    for h in hits:
        s = line[h.start : h.end]
        if s not in seen:
            seen.append(s)
    return ", ".join(f'"{s}"' for s in seen[:limit])


def distinct(hits: list) -> int:
    """How many different phrases ``hits`` holds: a phrase inside or overlapping
    another counts once, and so does a phrase repeated ("newsfeed ... newsfeed")."""
    spans: list[tuple[int, int]] = []
    phrases: set[str] = set()
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if spans and h.start < spans[-1][1]:
            continue  # inside or overlapping the previous phrase
        spans.append((h.start, h.end))
        phrases.add(h.entry.phrase)
    return len(phrases)


def covered(hits: list) -> int:
    """Characters of the line covered by ``hits``."""
    total, end = 0, -1
    for h in sorted(hits, key=lambda h: h.start):
        s = max(h.start, end)
        if h.end > s:
            total += h.end - s
            end = h.end
    return total
