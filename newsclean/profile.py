"""Site profiles: learn an outlet's own boilerplate from its own pages.

Every outlet repeats its furniture (donation appeal, newsletter box, footer,
credit line, menu) word for word on every page, while article sentences almost
never repeat.  A *profile* records, for each group of documents (a site), the
line *shapes* seen on many of its pages; the rule ``L101 site-boilerplate``
(:mod:`newsclean.rules.profile`) then removes those lines, saying "on 37 of 40
pages of example.com".

A line's **shape** is its normalised form (:func:`shape`): case-folded, dates and
times removed, every run of digits mapped to ``0``, whitespace collapsed.  So
"Updated March 3, 2024 at 10:15" and "Updated May 9, 2025 at 8:02" have one shape.

A shape is **boilerplate for a group** when it was seen on at least
``min_docs`` pages (default :data:`MIN_DOCS`) *and* on at least ``min_share`` of
the group's pages (default :data:`MIN_SHARE`).  Groups with fewer than
``min_group`` pages (default :data:`MIN_GROUP`) get no profile: too few pages to
tell furniture from coincidence.

**Streaming, bounded memory.**  :class:`ProfileLearner` counts, per (group,
shape), the number of pages with the shape in a *count-min sketch* of fixed size
(``depth`` rows of ``width`` 32-bit counters; default 4 x 2**22 = 64 MiB) that
never grows with the corpus.  Besides the sketch it keeps the text of the shapes
seen on at least two pages of their group (the candidates) and the page count of
each group, so its memory grows with the number of distinct *repeated* lines, not
with the corpus size.  A sketch only over-counts, by at most
``e * pages / width`` with probability ``1 - exp(-depth)`` per shape; with the
default width that is below one page per 1.5 million pages, and a shape must in
any case reach ``min_docs`` pages and ``min_share`` of its group.

**Deterministic and mergeable.**  The sketch is a sum, so it is the same for any
order of the pages; a candidate's text is its shape (a function of the line, not
of which page came first).  Learners of shards merge by adding their sketches
(:meth:`ProfileLearner.merge`); the merged profile equals the one of a single
pass whenever ``min_docs`` is larger than the number of shards (by pigeonhole a
shape on ``min_docs`` pages was on two pages of one shard, so that shard kept its
text) or when each group lives in one shard.

The one approximation: a line seen on one page only can become a candidate when
its sketch cells collide with other lines', and which such lines do depends on the
order of the pages.  It reaches the profile only if collisions alone lift it to
``min_docs`` pages and ``min_share`` of its group, which the sketch's width makes
vanishingly rare (on a 1 GB corpus of 377,478 pages, three runs learned the same
400 shapes while their candidate tables differed by two collision-only lines).

**Anchors.**  Some furniture is not one line but everything after one: a comment
section or a footer that starts with the same line on every page ("Add your
comment"), followed by lines that differ from page to page (the comments, the
latest headlines).  An anchor is a boilerplate shape of a group that came *after
the page's article* on at least :data:`ANCHOR_SHARE` of the pages it was seen on.
The article is the page's main run of prose (:func:`body_end`: the run of
sentence-final lines of at least :data:`PROSE_CHARS` characters, with at most
:data:`RUN_GAP` other lines between two, that holds the most characters).  A
second, smaller count-min sketch counts, per (group, shape), the pages where the
shape first appears after that run.  Rule ``L102 site-tail`` removes an anchor
line that comes after the article of the page being cleaned, and everything after
it (never most of the page's body-like lines: the engine refuses such a finding).

The profile file (:meth:`Profile.save`) is small, readable, versioned JSON: per
group its page count and, per shape, the shape's hash, its text and the number of
pages it was seen on; per anchor its hash, its text and the number of pages on
which it followed the article.  Review it like any other file of the corpus.
Version 1 files (without anchors) still load.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Union

import regex

from .document import SENTENCE_TAIL

#: Format version of the profile JSON (:meth:`Profile.save`); 2 added anchors.
VERSION = 2
#: The profile versions this newsclean reads.
READS = (1, 2)
#: Format version of a learner's state file (:meth:`ProfileLearner.save`); 2 added
#: the anchors' sketch.
STATE_VERSION = 2
#: A shape must be on at least this many pages of its group.
MIN_DOCS = 3
#: ... and on at least this share of the group's pages.
MIN_SHARE = 0.5
#: Groups with fewer pages get no profile.
MIN_GROUP = 5
#: Lines longer than this (in characters) are never profiled: furniture is short.
MAX_LINE = 1000
#: Default sketch size: ``DEPTH`` rows of ``WIDTH`` counters.
WIDTH = 1 << 22
DEPTH = 4
#: Guards against lines that repeat legitimately (a quotation in follow-up stories,
#: a dateline, a ticker line), applied when cleaning; chosen by measurement
#: (benchmarks/profiles.py, see the CHANGELOG):
#:
#: - ``"none"``: every line of a boilerplate shape goes;
#: - ``"prose"``: a line that reads as a sentence of prose (at least
#:   :data:`PROSE_WORDS` words, ending like a sentence) stays unless it is on at
#:   least :data:`PROSE_SHARE` of the group's pages;
#: - ``"context"``: a line between two lines of prose that the profile does not
#:   know (inside an article's body) stays;
#: - ``"numbers"``: a line whose shape holds a number (a data field such as
#:   "Memory: 8 GB RAM", a ticker line) stays unless it is on at least
#:   :data:`PROSE_SHARE` of the group's pages;
#: - ``"context+numbers"``: both;
#: - ``"isolated"``: a line whose nearest lines on both sides are lines the
#:   profile does not know (one repeated line amid the page's own text, such as
#:   a data field in a list of specifications) stays.  It loses fewer lines the
#:   references call body but keeps much more furniture (see the CHANGELOG).
GUARDS = ("none", "prose", "context", "numbers", "context+numbers", "isolated")
GUARD = "context"
PROSE_WORDS = 8
PROSE_SHARE = 0.8
#: An anchor: a boilerplate shape that came after the page's article on at least
#: this share of the pages it was seen on.
ANCHOR_SHARE = 0.9
#: A line of prose (for :func:`body_end`) has at least this many characters and
#: ends like a sentence ...
PROSE_CHARS = 50
#: ... and a run of prose allows this many other non-blank lines between two.
RUN_GAP = 2
#: The anchors' sketch is this many times narrower than the shapes' sketch.
TAIL_SHRINK = 4
#: The group of documents learned without a key.
DEFAULT_GROUP = "*"

PathLike = Union[str, "os.PathLike[str]"]
_FOUR = struct.Struct("<4I").unpack


class ProfileError(ValueError):
    """A profile (or learner state) file that cannot be used; the message says why."""


# -- normalisation ---------------------------------------------------------------

# Dates and times as news pages write them: numeric (2024-03-01, 01.03.2024,
# 3/1/24, 10:15, 10:15:30 pm), with an English month name (March 3, 2024;
# 3rd of March 2024; Mar. 3) and CJK (2024年3月1日).  Other languages' month names
# stay, but their digits are mapped to 0, which is what usually varies.  The
# patterns never cross a line break, so a whole document can be normalised at once.
_M = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_TIME = re.compile(
    r"\b(?=[\dadfjmnos])(?:"
    r"\d{1,4}(?:[./:-]\d{1,4}){1,2}(?:[t ]\d{1,2}:\d{2}(?::\d{2})?)?(?:[ \t]*[ap]\.?m\b\.?)?"
    rf"|{_M}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?\b,?(?:[ \t]+\d{{4}}\b)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?[ \t]+(?:of[ \t]+)?{_M}(?:,?[ \t]+\d{{4}}\b)?"
    r"|\d{4}年\d{1,2}月\d{1,2}日)"
)
# the ``regex`` module maps digit runs twice as fast as ``re`` (measured)
_DIGITS = regex.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")


def shape(line: str) -> str:
    """The normalised form of ``line`` that a profile counts.

    >>> shape("  Updated March 3, 2024 at 10:15 GMT ")
    'updated at gmt'
    >>> shape("Page 12 of 40")
    'page 0 of 0'
    """
    return " ".join(_DIGITS.sub("0", _DATE_TIME.sub(" ", line.casefold())).split())


def shape_id(s: str) -> str:
    """The stable hash of a shape, as stored in a profile (16 hex digits)."""
    return hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


_SENTENCE_END = frozenset(".!?\u2026\u3002\uff01\uff1f")
_CLOSERS = SENTENCE_TAIL + "*"


def body_end(lines: list[str]) -> int:
    """The index of the last line of the page's main run of prose, ``-1`` if it has
    no line of prose.

    A line of prose has at least :data:`PROSE_CHARS` characters and ends like a
    sentence (``.``, ``!``, ``?``, ``…``, ``。``, possibly before a closing quote or
    bracket); a run allows up to :data:`RUN_GAP` other non-blank lines between two
    of its lines; the main run is the one with the most characters of prose.

    >>> body_end(["Menu", "A long first sentence of the story, with enough words in it.",
    ...           "And a second one that is just as long as the first one was.", "Comments (2)"])
    2
    """
    best = run = 0
    best_end = run_end = -1
    gap = 0
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if len(s) >= PROSE_CHARS and s.rstrip(_CLOSERS)[-1:] in _SENTENCE_END:
            if run_end < 0 or gap > RUN_GAP:
                run = 0
            run += len(s)
            run_end, gap = i, 0
            if run > best:
                best, best_end = run, i
        else:
            gap += 1
    return best_end


def page_shapes(text: str) -> tuple[set[str], set[str]]:
    """``(shapes, tail)``: the distinct shapes of a page's lines that are worth
    profiling (see :func:`document_shapes`), and those of them that first appear
    after the page's main run of prose (:func:`body_end`; none without one)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # the patterns never cross a line break and casefold keeps every "\n", so the
    # folded text splits into the same lines
    folded = _DIGITS.sub("0", _DATE_TIME.sub(" ", text.casefold())).split("\n")
    lines = text.split("\n")
    end = body_end(lines)
    if len(text) > MAX_LINE and max(map(len, lines)) > MAX_LINE:
        keep = [len(line) <= MAX_LINE for line in lines]
        head = {f for f, k in zip(folded[: end + 1], keep) if k}
        rest = {f for f, k in zip(folded[end + 1 :], keep) if k}
    else:
        head, rest = set(folded[: end + 1]), set(folded[end + 1 :])
    search = _LETTER.search
    shapes = {" ".join(f.split()) for f in head if search(f)}
    if end < 0:
        return {" ".join(f.split()) for f in rest if search(f)}, set()
    tail = {" ".join(f.split()) for f in rest - head if search(f)} - shapes
    shapes.update(" ".join(f.split()) for f in rest if search(f))
    return shapes, tail


def document_shapes(text: str) -> set[str]:
    """The distinct shapes of a document's lines that are worth profiling (each
    page counts once): lines of at most :data:`MAX_LINE` characters with a letter
    (lines of only digits, dates or punctuation say nothing about a site).

    The same as :func:`shape` line by line (lines end at ``\n``, ``\r\n`` or
    ``\r``), done on the whole text at once, which is several times faster.
    """
    return page_shapes(text)[0]


# -- the profile --------------------------------------------------------------


@dataclass(frozen=True)
class GroupProfile:
    """The boilerplate shapes of one group: ``shapes`` maps a shape id to
    ``(pages, text)``; ``docs`` is the number of pages learned."""

    name: str
    docs: int
    shapes: Mapping[str, tuple[int, str]] = field(default_factory=dict)
    #: the guard against legitimate repeats applied when cleaning (see :data:`GUARDS`)
    guard: str = "context"
    #: the anchors: shape id -> the number of pages on which the shape came after
    #: the article (each anchor is also in ``shapes``)
    anchors: Mapping[str, int] = field(default_factory=dict)

    def match(self, line: str) -> tuple[int, str] | None:
        """``(pages, shape text)`` if ``line`` has a boilerplate shape of this group."""
        if not self.shapes or len(line) > MAX_LINE:
            return None
        return self.shapes.get(shape_id(shape(line)))

    def anchor(self, line: str) -> tuple[int, int, str] | None:
        """``(pages after the article, pages, shape text)`` if ``line`` has the shape
        of an anchor of this group."""
        if not self.anchors or len(line) > MAX_LINE:
            return None
        sid = shape_id(shape(line))
        after = self.anchors.get(sid)
        if after is None or sid not in self.shapes:
            return None
        n, text = self.shapes[sid]
        return after, n, text


class Profile:
    """Boilerplate shapes per group, learned by :func:`learn_profile`.

    Read-only once built: share one between threads, pickle it to workers.
    """

    def __init__(
        self,
        groups: Mapping[str, GroupProfile] | None = None,
        *,
        min_docs: int = MIN_DOCS,
        min_share: float = MIN_SHARE,
        min_group: int = MIN_GROUP,
        guard: str = GUARD,
    ) -> None:
        if guard not in GUARDS:
            raise ProfileError(f"unknown guard {guard!r}; choose one of {', '.join(GUARDS)}")
        self.guard = guard
        self.groups: dict[str, GroupProfile] = {
            name: g if g.guard == guard else GroupProfile(g.name, g.docs, g.shapes, guard, g.anchors)
            for name, g in sorted((groups or {}).items())
        }
        self.min_docs = min_docs
        self.min_share = min_share
        self.min_group = min_group

    # -- lookup -------------------------------------------------------------
    def group(self, name: str | None) -> GroupProfile | None:
        """The profile of group ``name``; with ``None``, the only group if there is
        exactly one (a profile learned without a key), else ``None``."""
        if name is None:
            return next(iter(self.groups.values())) if len(self.groups) == 1 else None
        return self.groups.get(name)

    def __len__(self) -> int:
        return sum(len(g.shapes) for g in self.groups.values())

    @property
    def anchors(self) -> int:
        """The number of anchors over all groups."""
        return sum(len(g.anchors) for g in self.groups.values())

    def __repr__(self) -> str:
        return (
            f"Profile(groups={len(self.groups)}, shapes={len(self)}, anchors={self.anchors}, "
            f"min_docs={self.min_docs}, min_share={self.min_share})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Profile):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = object.__hash__

    # -- merging ----------------------------------------------------------------
    def merge(self, other: Profile) -> Profile:
        """The union of two profiles.

        Exact when the two cover different groups (profiles learned per site, or
        per shard of a corpus sharded by site).  For a group in both, page counts
        and the counts of shapes in both are added, and a shape known to only one
        side keeps that side's count (the other side's is unknown, below its
        thresholds); the thresholds are then applied again.  For an exact merge
        of shards that share groups, merge their learners
        (:meth:`ProfileLearner.merge`) instead.
        """
        if (self.min_docs, self.min_share, self.min_group) != (other.min_docs, other.min_share, other.min_group):
            raise ProfileError("cannot merge profiles learned with different thresholds")
        groups = dict(self.groups)
        for name, g in other.groups.items():
            mine = groups.get(name)
            if mine is None:
                groups[name] = g
                continue
            docs = mine.docs + g.docs
            shapes: dict[str, tuple[int, str]] = {}
            anchors: dict[str, int] = {}
            for sid in sorted(set(mine.shapes) | set(g.shapes)):
                a, b = mine.shapes.get(sid), g.shapes.get(sid)
                n = (a[0] if a else 0) + (b[0] if b else 0)
                if n >= self.min_docs and n >= self.min_share * docs:
                    shapes[sid] = (n, (a or b)[1])  # type: ignore[index]
                    after = mine.anchors.get(sid, 0) + g.anchors.get(sid, 0)
                    if after and after >= ANCHOR_SHARE * n:
                        anchors[sid] = after
            groups[name] = GroupProfile(name, docs, shapes, anchors=anchors)
        return Profile(groups, min_docs=self.min_docs, min_share=self.min_share, min_group=self.min_group, guard=self.guard)

    def with_guard(self, guard: str) -> Profile:
        """This profile with another guard (see :data:`GUARDS`)."""
        return Profile(self.groups, min_docs=self.min_docs, min_share=self.min_share, min_group=self.min_group, guard=guard)

    # -- files --------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "newsclean_profile": VERSION,
            "min_docs": self.min_docs,
            "min_share": self.min_share,
            "min_group": self.min_group,
            "guard": self.guard,
            "groups": {
                name: {
                    "docs": g.docs,
                    "shapes": [
                        {"id": sid, "docs": n, "text": text}
                        for sid, (n, text) in sorted(g.shapes.items(), key=lambda kv: (-kv[1][0], kv[1][1], kv[0]))
                    ],
                    "anchors": [
                        {"id": sid, "after": after, "text": g.shapes[sid][1]}
                        for sid, after in sorted(g.anchors.items(), key=lambda kv: (-kv[1], g.shapes[kv[0]][1], kv[0]))
                    ],
                }
                for name, g in self.groups.items()
            },
        }

    @classmethod
    def from_dict(cls, data: Any, source: str = "profile") -> Profile:
        if not isinstance(data, dict) or "newsclean_profile" not in data:
            raise ProfileError(f"{source}: not a newsclean profile (no 'newsclean_profile' version key)")
        if data["newsclean_profile"] not in READS:
            raise ProfileError(
                f"{source}: profile format version {data['newsclean_profile']!r}; this newsclean reads versions "
                + ", ".join(map(str, READS))
            )
        try:
            groups = {}
            for name, g in data["groups"].items():
                shapes = {str(s["id"]): (int(s["docs"]), str(s["text"])) for s in g["shapes"]}
                # version 1 has no anchors; an anchor must be one of the group's shapes
                anchors = {str(a["id"]): int(a["after"]) for a in g.get("anchors", ()) if str(a["id"]) in shapes}
                groups[str(name)] = GroupProfile(str(name), int(g["docs"]), shapes, anchors=anchors)
            return cls(
                groups,
                min_docs=int(data["min_docs"]),
                min_share=float(data["min_share"]),
                min_group=int(data.get("min_group", MIN_GROUP)),
                guard=str(data.get("guard", GUARD)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ProfileError(f"{source}: malformed profile: {type(exc).__name__}: {exc}") from None

    def dumps(self) -> str:
        """The profile as JSON text (sorted, one stable form for one profile)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    def save(self, path: PathLike) -> None:
        """Write the profile as JSON (atomically: a reader never sees half a file)."""
        p = Path(path)
        tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(self.dumps(), encoding="utf-8")
            os.replace(tmp, p)
        finally:
            if tmp.exists():
                tmp.unlink()

    @classmethod
    def load(cls, path: PathLike) -> Profile:
        """Read a profile written by :meth:`save`; :class:`ProfileError` if it is not one."""
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError(f"{path}: cannot read profile: {exc}") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ProfileError(f"{path}: invalid JSON: {exc}") from None
        return cls.from_dict(data, str(path))


def as_profile(profile: Profile | PathLike | None) -> Profile | None:
    """A :class:`Profile` from a profile or the path of a profile file."""
    if profile is None or isinstance(profile, Profile):
        return profile
    if isinstance(profile, (str, os.PathLike)):
        return Profile.load(profile)
    raise TypeError(f"profile must be a Profile or the path of a profile file, not {type(profile).__name__}")


# -- learning -----------------------------------------------------------------


class ProfileLearner:
    """Counts line shapes per group in bounded memory; see the module docstring.

    >>> learner = ProfileLearner(width=1 << 12)
    >>> for word in ("Leeds", "York", "Hull", "Bath", "Ely", "Wells"):
    ...     learner.add(f"{word} opened a new park.\\nSupport our journalism today\\n", "example.org")
    >>> [s[1] for s in learner.profile().group("example.org").shapes.values()]
    ['support our journalism today']
    """

    def __init__(self, *, width: int = WIDTH, depth: int = DEPTH) -> None:
        if width < 16 or width & (width - 1):
            raise ValueError("width must be a power of two >= 16")
        if not 1 <= depth <= 4:
            raise ValueError("depth must be 1 to 4")
        self.width = width
        self.depth = depth
        self.sketch = array("I", [0]) * (width * depth)
        #: the anchors' sketch: pages where a shape first came after the article
        self.tail_width = max(16, width // TAIL_SHRINK)
        self.tail = array("I", [0]) * (self.tail_width * depth)
        #: (group, shape id) -> shape text, for shapes seen on two pages or more
        self.candidates: dict[tuple[str, str], str] = {}
        #: group -> number of pages
        self.docs: dict[str, int] = {}

    def _cells(self, group: str, s: str, width: int | None = None) -> list[int]:
        h = hashlib.blake2b(f"{group}\x00{s}".encode("utf-8", "surrogatepass"), digest_size=16).digest()
        w = width or self.width
        mask = w - 1
        return [r * w + (v & mask) for r, v in enumerate(_FOUR(h)[: self.depth])]

    def add(self, text: str, group: str = DEFAULT_GROUP) -> None:
        """Count one page (``text``, one block per line) of ``group``."""
        self.docs[group] = self.docs.get(group, 0) + 1
        shapes, after = page_shapes(text)
        if not shapes:
            return
        sketch, candidates = self.sketch, self.candidates
        w, mask, depth = self.width, self.width - 1, self.depth
        tail, tw, tmask = self.tail, self.tail_width, self.tail_width - 1
        prefix = f"{group}\x00"
        blake2b, four, top = hashlib.blake2b, _FOUR, 0xFFFFFFFF
        if depth != 4:
            for s in shapes:
                est = top
                for r, v in enumerate(four(blake2b((prefix + s).encode("utf-8", "surrogatepass"), digest_size=16).digest())):
                    if r == depth:
                        break
                    c = r * w + (v & mask)
                    n = sketch[c]
                    if n < top:
                        n += 1
                        sketch[c] = n
                    if n < est:
                        est = n
                    if s in after:
                        tail[r * tw + (v & tmask)] += 1
                if est >= 2:
                    key = (group, shape_id(s))
                    if key not in candidates:
                        candidates[key] = s
            return
        # depth 4 (the default), unrolled: the hot loop of learning.  A counter
        # cannot overflow: it never exceeds the number of pages added.
        w2, w3 = 2 * w, 3 * w
        for s in shapes:
            a, b, c, d = four(blake2b((prefix + s).encode("utf-8", "surrogatepass"), digest_size=16).digest())
            if after and s in after:
                tail[a & tmask] += 1
                tail[tw + (b & tmask)] += 1
                tail[2 * tw + (c & tmask)] += 1
                tail[3 * tw + (d & tmask)] += 1
            a &= mask
            b = w + (b & mask)
            c = w2 + (c & mask)
            d = w3 + (d & mask)
            na = sketch[a] + 1
            nb = sketch[b] + 1
            nc = sketch[c] + 1
            nd = sketch[d] + 1
            sketch[a] = na
            sketch[b] = nb
            sketch[c] = nc
            sketch[d] = nd
            if na >= 2 and nb >= 2 and nc >= 2 and nd >= 2:
                key = (group, shape_id(s))
                if key not in candidates:
                    candidates[key] = s

    def add_many(self, docs: Iterable[tuple[str, str]]) -> ProfileLearner:
        """Count ``(text, group)`` pairs; returns self."""
        for text, group in docs:
            self.add(text, group)
        return self

    def estimate(self, group: str, s: str) -> int:
        """The number of pages of ``group`` with shape ``s`` (never below the truth)."""
        return min(self.sketch[c] for c in self._cells(group, s))

    def estimate_after(self, group: str, s: str) -> int:
        """The number of pages of ``group`` where shape ``s`` first came after the
        article (never below the truth)."""
        return min(self.tail[c] for c in self._cells(group, s, self.tail_width))

    def merge(self, other: ProfileLearner) -> ProfileLearner:
        """Add ``other``'s counts to this learner (sketches of the same size)."""
        if (self.width, self.depth) != (other.width, other.depth):
            raise ProfileError("cannot merge learners with sketches of different sizes")
        import numpy as np

        def add(mine: array, theirs: array) -> array:
            a = np.frombuffer(mine, dtype=np.uint32)
            b = np.frombuffer(theirs, dtype=np.uint32)
            return array("I", np.minimum(a.astype(np.uint64) + b, 0xFFFFFFFF).astype(np.uint32).tobytes())

        self.sketch = add(self.sketch, other.sketch)
        self.tail = add(self.tail, other.tail)
        self.candidates.update(other.candidates)
        for g, n in other.docs.items():
            self.docs[g] = self.docs.get(g, 0) + n
        return self

    def profile(
        self, *, min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE, min_group: int = MIN_GROUP, guard: str = GUARD
    ) -> Profile:
        """The profile: shapes on at least ``min_docs`` pages and ``min_share`` of
        their group, for groups of at least ``min_group`` pages."""
        if min_docs < 2:
            raise ValueError("min_docs must be at least 2: a line seen once is not furniture")
        shapes: dict[str, dict[str, tuple[int, str]]] = {}
        anchors: dict[str, dict[str, int]] = {}
        for (group, sid), s in sorted(self.candidates.items()):
            n = self.docs.get(group, 0)
            if n < min_group:
                continue
            est = min(self.estimate(group, s), n)
            if est >= min_docs and est >= min_share * n:
                shapes.setdefault(group, {})[sid] = (est, s)
                after = min(self.estimate_after(group, s), est)
                if after and after >= ANCHOR_SHARE * est:
                    anchors.setdefault(group, {})[sid] = after
        groups = {
            g: GroupProfile(g, n, shapes.get(g, {}), anchors=anchors.get(g, {})) for g, n in self.docs.items() if n >= min_group
        }
        return Profile(groups, min_docs=min_docs, min_share=min_share, min_group=min_group, guard=guard)

    # -- state files (for shard-then-merge learning) ------------------------------
    def save(self, path: PathLike) -> None:
        """Write the learner's state (sketches, candidates, page counts) to ``path``:
        a JSON header line, then the zlib-compressed sketches (shapes, anchors)."""
        header = {
            "newsclean_learner": STATE_VERSION,
            "width": self.width,
            "depth": self.depth,
            "docs": dict(sorted(self.docs.items())),
            "candidates": sorted([g, sid, s] for (g, sid), s in self.candidates.items()),
        }
        p = Path(path)
        tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                fh.write(json.dumps(header, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n")
                fh.write(zlib.compress(self.sketch.tobytes() + self.tail.tobytes(), 1))
            os.replace(tmp, p)
        finally:
            if tmp.exists():
                tmp.unlink()

    @classmethod
    def load(cls, path: PathLike) -> ProfileLearner:
        """Read a state written by :meth:`save`."""
        try:
            raw = Path(path).read_bytes()
            head, _, body = raw.partition(b"\n")
            header = json.loads(head.decode("utf-8", "surrogatepass"))
            if header.get("newsclean_learner") != STATE_VERSION:
                raise ProfileError(
                    f"{path}: not a newsclean learner state of version {STATE_VERSION}"
                    + (" (version 1 has no anchor counts: learn that shard again)" if header.get("newsclean_learner") == 1 else "")
                )
            learner = cls(width=int(header["width"]), depth=int(header["depth"]))
            both = array("I")
            both.frombytes(zlib.decompress(body))
            size = learner.width * learner.depth
            if len(both) != size + learner.tail_width * learner.depth:
                raise ProfileError(f"{path}: truncated sketch")
            sketch, tail = both[:size], both[size:]
        except (OSError, ValueError, KeyError, zlib.error) as exc:
            if isinstance(exc, ProfileError):
                raise
            raise ProfileError(f"{path}: cannot read learner state: {exc}") from None
        learner.sketch, learner.tail = sketch, tail
        learner.docs = {str(g): int(n) for g, n in header["docs"].items()}
        learner.candidates = {(g, sid): s for g, sid, s in header["candidates"]}
        return learner


def merge_states(folder_or_paths: PathLike | Iterable[PathLike]) -> ProfileLearner:
    """One learner from saved states: every ``*.state`` file of a folder (in sorted
    order, though the sum does not depend on it) or the paths given."""
    if isinstance(folder_or_paths, (str, os.PathLike)):
        paths: list[PathLike] = sorted(Path(folder_or_paths).glob("*.state"))
        if not paths:
            raise ProfileError(f"{folder_or_paths}: no learner states (*.state) to merge")
    else:
        paths = list(folder_or_paths)
    merged: ProfileLearner | None = None
    for path in paths:
        learner = ProfileLearner.load(path)
        merged = learner if merged is None else merged.merge(learner)
    if merged is None:
        raise ProfileError("no learner states to merge")
    return merged


def learn_profile(
    docs: Iterable[str] | Iterable[tuple[str, str]] | Iterable[Mapping[str, Any]],
    *,
    key: str | Callable[[Any], str] | None = None,
    field: str = "text",
    min_docs: int = MIN_DOCS,
    min_share: float = MIN_SHARE,
    min_group: int = MIN_GROUP,
    guard: str = GUARD,
    width: int = WIDTH,
    depth: int = DEPTH,
) -> Profile:
    """Learn a :class:`Profile` from documents, in one streaming pass.

    ``docs`` are texts (one group for all, unless ``key`` is a callable), ``(text,
    group)`` pairs, or records (dicts) whose ``field`` is the text.  ``key`` chooses
    a record's group: ``"url"`` groups by the host of the record's ``url`` field,
    any other name by that field's value, a callable by what it returns for the
    document; without a key every document is in one group.
    """
    learner = ProfileLearner(width=width, depth=depth)
    for text, group in iter_grouped(docs, key=key, field=field):
        learner.add(text, group)
    return learner.profile(min_docs=min_docs, min_share=min_share, min_group=min_group, guard=guard)


def host(url: str) -> str:
    """The host of ``url`` without ``www.`` (the group of a page by its address).

    >>> host("https://www.Example.org/news/2024/story.html")
    'example.org'
    """
    return _host(url.split("/", 3)[2] if url.startswith(("http://", "https://")) else url)


@lru_cache(maxsize=4096)
def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        h = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        h = ""
    return h[4:] if h.startswith("www.") else h


def group_of(record: Mapping[str, Any], key: str | None) -> str:
    """The group of a record by ``key`` (see :func:`learn_profile`)."""
    if key is None:
        return DEFAULT_GROUP
    value = record.get(key)
    if key == "url":
        return host(value) if isinstance(value, str) and value else DEFAULT_GROUP
    return str(value) if value is not None and value != "" else DEFAULT_GROUP


def iter_grouped(
    docs: Iterable[Any], *, key: str | Callable[[Any], str] | None = None, field: str = "text"
) -> Iterator[tuple[str, str]]:
    """``(text, group)`` for each document of ``docs`` (see :func:`learn_profile`)."""
    for d in docs:
        if isinstance(d, str):
            yield d, (key(d) if callable(key) else DEFAULT_GROUP)
        elif isinstance(d, tuple):
            yield d[0], d[1]
        elif isinstance(d, Mapping):
            text = d.get(field)
            if not isinstance(text, str):
                continue
            yield text, (key(d) if callable(key) else group_of(d, key))
        else:
            raise TypeError(f"cannot learn from a {type(d).__name__}: give str, (text, group) or dict records")


__all__ = [
    "DEFAULT_GROUP",
    "GroupProfile",
    "Profile",
    "ProfileError",
    "ProfileLearner",
    "as_profile",
    "body_end",
    "document_shapes",
    "host",
    "learn_profile",
    "merge_states",
    "page_shapes",
    "shape",
    "shape_id",
]
