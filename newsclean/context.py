"""What every rule gets: the document and the features computed once for it."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from heapq import merge
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from .document import SENTENCE_TAIL, Document, LineView, fold, int_type
from .lexicon import MAX_KEY_CHARS, Entry, Hit, Lexicon, line_key

if TYPE_CHECKING:
    from .profile import GroupProfile

_EMPTY: frozenset[str] = frozenset()
#: A finding that would remove more than this share of a document's body-like
#: lines (and at least :data:`SWEEP_MIN_LINES` of them) needs strong evidence
#: (see :func:`newsclean.engine.refuse_sweeping`).
SWEEP_SHARE = 0.5
SWEEP_MIN_LINES = 3
#: A body-like line (see :attr:`Context.body_like`) has at least this many words ...
BODY_MIN_WORDS = 8
#: ... and this many non-space characters.
BODY_MIN_CHARS = 50
#: Other lines allowed between two body-like lines of one article
#: (see :meth:`Context.article_within`).
ARTICLE_RUN_GAP = 4
#: With this many characters of body-like lines before it, a line follows an article
#: (see :meth:`Context.article_above`): a range from there on cannot hold the article,
#: however much of the page's prose it holds, and a comment section may start there
#: however early in the text (a long thread under a short article).
ARTICLE_BEFORE_CHARS = 1500
_SENTENCE_ENDS = (".", "!", "?", "\u2026", "\u3002")
_CLOSERS = SENTENCE_TAIL + "*"
_NONE: dict[str, tuple[Entry, int]] = {}

V = TypeVar("V")
#: A :class:`LineMap` holding a value for more than one line in this many keeps
#: them in an array of 4 bytes a line rather than in a dict (about 100 bytes an entry).
DENSE_EVERY = 16
_CHUNK = 1 << 10  # lines of a dense LineMap listed at a time


class LineMap(Mapping[int, V]):
    """Values by line index, for the lines that have one (the lexicon's matches).

    Equal values are stored once.  While few lines have a value, they sit in a
    dict; when many do (a flood of "Comments" lines), each line gets a 4-byte
    number of its value in an array.  Read-only once built; iteration is in line
    order.
    """

    __slots__ = ("n", "_dict", "_ids", "_vals", "_index", "_count")

    def __init__(self, n: int) -> None:
        self.n = n
        self._dict: dict[int, V] | None = {}
        self._ids: array[int] | None = None  # value number + 1 by line (0: none)
        self._vals: list[V] = []
        self._index: dict[Any, int] = {}
        self._count = 0

    # -- building ---------------------------------------------------------
    def _number(self, value: V) -> int:
        try:
            k = self._index.get(value)
        except TypeError:  # not hashable: stored as it is
            self._vals.append(value)
            return len(self._vals)
        if k is None:
            self._vals.append(value)
            k = self._index[value] = len(self._vals)
        return k

    def set(self, i: int, value: V) -> None:
        """Give line ``i`` (``0 <= i < n``) its value (each line once)."""
        k = self._number(value)
        d = self._dict
        if d is not None:
            if i not in d:
                self._count += 1
            d[i] = self._vals[k - 1]
            if self._count * DENSE_EVERY > self.n >= 4 * DENSE_EVERY:
                self._densify()
            return
        ids = self._ids
        assert ids is not None
        if not ids[i]:
            self._count += 1
        ids[i] = k

    def _densify(self) -> None:
        d = self._dict
        assert d is not None
        number = {id(v): k for k, v in enumerate(self._vals, 1)}
        ids = array("i", bytes(4 * self.n))
        for i, v in d.items():
            ids[i] = number[id(v)]
        self._ids, self._dict = ids, None

    # -- reading ----------------------------------------------------------
    def __getitem__(self, i: int) -> V:
        d = self._dict
        if d is not None:
            return d[i]
        if 0 <= i < self.n:
            k = self._ids[i]  # type: ignore[index]
            if k:
                return self._vals[k - 1]
        raise KeyError(i)

    def get(self, i: int, default: Any = None) -> Any:  # type: ignore[override]
        d = self._dict
        if d is not None:
            return d.get(i, default)
        if 0 <= i < self.n:
            k = self._ids[i]  # type: ignore[index]
            if k:
                return self._vals[k - 1]
        return default

    def __contains__(self, i: object) -> bool:
        d = self._dict
        if d is not None:
            return i in d
        try:
            return 0 <= i < self.n and self._ids[i] != 0  # type: ignore[operator,index]
        except TypeError:
            return False

    def __len__(self) -> int:
        return self._count

    @property
    def dense(self) -> bool:
        """Whether the values are numbered in an array of one number a line."""
        return self._dict is None

    def _dense_items(self) -> Iterator[tuple[int, int]]:
        ids = np.frombuffer(self._ids, dtype=np.int32)  # type: ignore[arg-type]
        for a in range(0, self.n, _CHUNK):
            part = ids[a : a + _CHUNK]
            for j in np.flatnonzero(part).tolist():
                yield a + j, int(part[j])

    def __iter__(self) -> Iterator[int]:
        if self._dict is not None:
            return iter(self._dict)
        return (i for i, _ in self._dense_items())

    def items(self) -> Iterator[tuple[int, V]]:  # type: ignore[override]
        if self._dict is not None:
            return iter(self._dict.items())
        vals = self._vals
        return ((i, vals[k - 1]) for i, k in self._dense_items())

    def values(self) -> Iterator[V]:  # type: ignore[override]
        return (v for _, v in self.items())

    def __repr__(self) -> str:
        return f"LineMap({dict(self.items())!r})"

    # -- derived maps -----------------------------------------------------
    def map_values(self, fn: Callable[[V], Any]) -> LineMap[Any]:
        """The map of ``fn(value)`` by line: ``fn`` runs once per distinct value."""
        out: LineMap[Any] = LineMap(self.n)
        out._count = self._count
        if self._dict is not None:
            memo: dict[int, Any] = {}
            d = {}
            for i, v in self._dict.items():
                w = memo.get(id(v))
                if w is None:
                    w = memo[id(v)] = fn(v)
                d[i] = w
            out._dict = d
        else:
            out._dict, out._ids = None, self._ids  # shared: neither changes any more
            out._vals = [fn(v) for v in self._vals]
        return out

    def subset(self, kept: Sequence[int]) -> LineMap[V]:
        """The map on the document made of lines ``kept`` (sorted) of this one."""
        out: LineMap[V] = LineMap(len(kept))
        if self._dict is not None:
            for i, v in self._dict.items():
                k = bisect_left(kept, i)
                if k < len(kept) and kept[k] == i:
                    out.set(k, v)
            return out
        ids = np.frombuffer(self._ids, dtype=np.int32)  # type: ignore[arg-type]
        new = ids[np.frombuffer(kept, dtype=f"i{kept.itemsize}") if isinstance(kept, array) else np.asarray(kept)]
        out._dict, out._vals = None, self._vals
        out._ids = array("i", new.astype(np.int32).tobytes())
        out._count = int(np.count_nonzero(new))
        return out



class Context:
    """A document plus its lexicon matches and cheap line features.

    Everything is computed at most once per document and shared by all rules.
    Line indexes are 0-based.
    """

    def __init__(
        self,
        doc: Document,
        lexicon: Lexicon,
        lang: str | Callable[[], str],
        profile: GroupProfile | None = None,
    ) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self._lang = lang
        self.n = len(doc.lines)
        #: the site profile of the document's group, if cleaning with a profile
        self.profile = profile
        #: The findings of the rules that ran before (for rules with ``needs_findings``).
        self.findings: list = []
        #: True in the engine's later passes (a context made by :meth:`subset`).
        self.later = False
        #: The preset being applied, and the segmenter model file (``None``: the shipped one).
        self.preset = "default"
        self.model_path: str | None = None
        #: line-local segmenter features by line text, shared with :meth:`subset`
        self.segment_cache: dict = {}
        #: for a context made by :meth:`subset`, each line's index in the input
        #: document (``None``: the lines are the input's)
        self.origin: Sequence[int] | None = None

    def subset(self, doc: Document, kept: Sequence[int], lang: str | Callable[[], str] | None = None) -> Context:
        """The context of ``doc``, made of this document's lines ``kept`` (in order).

        Line-level results (folded forms, keys, lexicon matches) are taken over
        rather than computed again: a line's matches do not depend on the others.
        ``lang`` is the language of ``doc`` (by default this document's).
        """
        if lang is None:
            lang = self._lang if isinstance(self._lang, str) else (lambda: self.lang)
        sub = Context(doc, self.lexicon, lang, self.profile)
        sub.preset, sub.model_path, sub.segment_cache = self.preset, self.model_path, self.segment_cache
        sub.later = True
        sub.origin = kept if self.origin is None else [self.origin[k] for k in kept]
        # lexicon matches, remapped through ``kept`` (sorted); the groups by line
        # are derived from them again on use
        for name in ("line_entries", "prefix_entries", "phrase_hits"):
            sub.__dict__[name] = getattr(self, name).subset(kept)
        return sub

    def line_no(self, i: int) -> int:
        """The 1-based number, in the input document, of this document's line ``i``
        (the number an explanation gives; in a later pass it is not ``i + 1``)."""
        return (i if self.origin is None else int(self.origin[i])) + 1

    @property
    def lang(self) -> str:
        """ISO 639-1 code of the document (given, or detected on first use), or "und"."""
        if not isinstance(self._lang, str):
            self._lang = self._lang()
        return self._lang

    # -- text forms -------------------------------------------------------
    @cached_property
    def folded_text(self) -> str:
        """The whole text lower-cased with quotes, dashes and spaces folded (same
        length, so offsets are the input's)."""
        return fold(self.doc.text)

    @cached_property
    def folded(self) -> Sequence[str]:
        """Each line lower-cased with quotes, dashes and spaces folded (same length;
        sliced from :attr:`folded_text` on access)."""
        return LineView(self.folded_text, self.doc.starts, self.doc._lens)

    def key(self, i: int) -> str | None:
        """Line ``i``'s lookup key (see :func:`~newsclean.lexicon.line_key`), or
        ``None`` for a line too long to be a lexicon line."""
        f = self.folded[i]
        return line_key(f) if len(f) <= MAX_KEY_CHARS else None

    @cached_property
    def keys(self) -> list[str | None]:
        """Every line's :meth:`key` (computed on first use; the rules ask
        :meth:`key` for the few lines they need)."""
        return [self.key(i) for i in range(self.n)]

    @cached_property
    def sizes(self) -> Sequence[int]:
        """Number of non-space characters' span of each line (its stripped length)."""
        return array(int_type(len(self.doc.text)), (len(line.strip()) for line in self.doc.lines))

    @cached_property
    def nonblank(self) -> Sequence[int]:
        """Indexes of the non-blank lines, in order."""
        sizes = self.sizes
        return array(int_type(self.n), (i for i in range(self.n) if sizes[i]))

    def next_lines(self, i: int, count: int | None = None) -> Sequence[int]:
        """The first ``count`` (all when ``None``) non-blank lines after line ``i``
        (a slice of :attr:`nonblank`: 4 bytes a line, not a list of ints)."""
        nb = self.nonblank
        k = bisect_right(nb, i)
        return nb[k:] if count is None else nb[k : k + count]

    def lines_after(self, i: int) -> int:
        """How many non-blank lines follow line ``i``."""
        nb = self.nonblank
        return len(nb) - bisect_right(nb, i)

    @cached_property
    def body_like(self) -> Sequence[int]:
        """Whether each line reads like a paragraph of an article.

        A body-like line has at least :data:`BODY_MIN_WORDS` words and
        :data:`BODY_MIN_CHARS` non-space characters, letters make at least half of
        it, and it ends like a sentence (``.``, ``!``, ``?``, ``…``, possibly
        followed by a closing quote or bracket).  Menus, teasers, table rows, code
        and comment headers are not; comments written as sentences are.  The
        engine uses it to refuse a finding that would remove most of the article
        (see :func:`newsclean.engine.refuse_sweeping`).  One byte a line: 1 or 0.
        """
        out = bytearray()
        add = out.append
        for line, size in zip(self.doc.lines, self.sizes):
            if size < BODY_MIN_CHARS:
                add(0)
                continue
            s = line.strip()
            # split at most BODY_MIN_WORDS times: one huge line is not split into
            # millions of words just to count to eight
            if s.rstrip(_CLOSERS)[-1:] not in _SENTENCE_ENDS or len(s.split(None, BODY_MIN_WORDS)) < BODY_MIN_WORDS:
                add(0)
                continue
            letters = sum(map(str.isalpha, s))
            add(letters * 2 >= len(s))
        return out

    @cached_property
    def _cum_body(self) -> Sequence[int]:
        out, acc = array(int_type(self.n), [0]), 0
        for b in self.body_like:
            acc += b
            out.append(acc)
        return out

    def sweeps(self, first: int, last: int, end: int | None = None) -> bool:
        """Whether removing lines ``first..last`` would remove most of the body-like
        lines of the document (of its lines before ``end`` when given): more than
        :data:`SWEEP_SHARE` of them, and at least :data:`SWEEP_MIN_LINES`.  The
        engine refuses such a finding unless it is strong."""
        cum = self._cum_body
        end = self.n if end is None else min(end, self.n)
        a, b = max(0, first), min(end - 1, last)
        covered = cum[b + 1] - cum[a] if b >= a else 0
        return covered >= SWEEP_MIN_LINES and covered > cum[end] * SWEEP_SHARE

    def article_within(self, first: int, last: int) -> bool:
        """Whether lines ``first..last`` hold the article rather than follow it.

        The article is the run of body-like lines (gaps of up to
        :data:`ARTICLE_RUN_GAP` other non-blank lines) with the most characters.  The
        range holds the article when it holds most of that run's body-like text, and
        the body-like text before ``first`` is less than half of what it holds (a
        standfirst, a caption or a few teasers above a sidebar "Comments" heading do
        not make an article that the comments would follow).  Reader comments follow
        an article (see :func:`newsclean.engine.refuse_sweeping`).  Comparing with the
        largest run before ``first`` instead of all the body-like text before it was
        measured and rejected: it kept the comments under many short articles.  With
        :data:`ARTICLE_BEFORE_CHARS` of body-like text or more before ``first``, an
        article stands above the range (:meth:`article_above`), however long the
        range (a thread under a short article is longer than it)."""
        part = self.article_part(first, last)
        before = self._cum_body_chars[max(0, first)]
        return part is not None and before * 2 < part[2] and not self.article_above(first)

    def article_above(self, i: int) -> bool:
        """Whether an article stands above line ``i``: at least
        :data:`ARTICLE_BEFORE_CHARS` characters of body-like lines come before it."""
        return self._cum_body_chars[max(0, i)] >= ARTICLE_BEFORE_CHARS

    def body_chars(self, first: int, last: int) -> int:
        """Characters of the body-like lines among lines ``first..last``."""
        cum = self._cum_body_chars
        lo, hi = max(0, first), min(last, self.n - 1)
        return cum[hi + 1] - cum[lo] if hi >= lo else 0

    def leads_into_article(self, first: int, last: int) -> bool:
        """Whether lines ``first..last`` start before the article (:attr:`article_run`)
        and run into it or end at most :data:`ARTICLE_RUN_GAP` non-blank lines before
        its first line: where an article's title, standfirst and summary bullets sit."""
        a = self.article_run[0]
        if a < 0 or first >= a:
            return False
        return last >= a or self.lines_after(last) - self.lines_after(a - 1) <= ARTICLE_RUN_GAP

    def article_part(self, first: int, last: int) -> tuple[int, int, int] | None:
        """The lines ``lo..hi`` of the article (:attr:`article_run`) that lie in
        lines ``first..last``, and their body-like characters, when they are most of
        the article's; ``None`` otherwise."""
        a, b, size = self.article_run
        lo, hi = max(first, a, 0), min(last, b)
        if a < 0 or hi < lo:
            return None
        inside = self.body_chars(lo, hi)
        return (lo, hi, inside) if inside * 2 > size else None

    @cached_property
    def _cum_body_chars(self) -> Sequence[int]:
        """``_cum_body_chars[i]``: characters of the body-like lines before line ``i``."""
        out, acc = array("q", [0]), 0
        for b, size in zip(self.body_like, self.sizes):
            acc += size if b else 0
            out.append(acc)
        return out

    @cached_property
    def article_run(self) -> tuple[int, int, int]:
        """First and last line of the run of body-like lines with the most
        body-like characters, and those characters; ``(-1, -1, 0)`` if none."""
        body, sizes = self.body_like, self.sizes
        best = (-1, -1, 0)
        start = last = -1
        acc = gap = 0
        for i in self.nonblank:
            if not body[i]:
                gap += 1
                continue
            if start < 0 or gap > ARTICLE_RUN_GAP:
                start, acc = i, 0
            gap = 0
            acc += sizes[i]
            last = i
            if acc > best[2]:
                best = (start, last, acc)
        return best

    @cached_property
    def total_chars(self) -> int:
        return sum(self.sizes)

    @cached_property
    def cum_chars(self) -> Sequence[int]:
        """``cum_chars[i]``: stripped characters in lines before ``i``."""
        out, acc = array(int_type(len(self.doc.text))), 0
        for s in self.sizes:
            out.append(acc)
            acc += s
        return out

    def position(self, i: int) -> float:
        """Share of the document's text that comes before line ``i`` (0.0 to 1.0)."""
        total = self.total_chars
        return self.cum_chars[i] / total if total else 0.0

    # -- lexicon ----------------------------------------------------------
    def _match_keys(self) -> None:
        """Look every line key up as a whole line and by prefix, in one pass."""
        lines: LineMap[tuple[Entry, ...]] = LineMap(self.n)
        prefixes: LineMap[tuple[tuple[Entry, int], ...]] = LineMap(self.n)
        lexicon = self.lexicon
        # keys are made line by line and not kept (a million lines would hold a
        # million of them)
        for i, f in enumerate(self.folded):
            key = line_key(f) if len(f) <= MAX_KEY_CHARS else None
            if key:
                found = lexicon.match_line(key)
                if found:
                    lines.set(i, found)
                starts = lexicon.match_prefix(key)
                if starts:
                    prefixes.set(i, starts)
        self.__dict__["line_entries"] = lines
        self.__dict__["prefix_entries"] = prefixes

    @cached_property
    def line_entries(self) -> LineMap[tuple[Entry, ...]]:
        """Lexicon entries whose ``line`` phrase is the line, by line."""
        self._match_keys()
        return self.__dict__["line_entries"]

    @cached_property
    def prefix_entries(self) -> LineMap[tuple[tuple[Entry, int], ...]]:
        """Lexicon entries whose ``prefix`` phrase starts the line, with its length."""
        self._match_keys()
        return self.__dict__["prefix_entries"]

    @cached_property
    def phrase_hits(self) -> LineMap[tuple[Hit, ...]]:
        """Phrase hits per line (a hit never spans two lines), in the order found."""
        doc = self.doc
        starts, lens = doc.starts, doc._lens
        out: LineMap[tuple[Hit, ...]] = LineMap(self.n)
        line, hits = -1, []

        def flush() -> None:
            before = out.get(line)
            out.set(line, before + tuple(hits) if before else tuple(hits))

        # one scan of the text: phrases hold no line break, so no hit spans two
        # lines, and each maps back to its line by its offset
        for start, end, entries in self.lexicon.iter_scan(self.folded_text):
            i = bisect_right(starts, start) - 1
            s = start - starts[i]
            e_ = end - starts[i]
            if e_ > lens[i]:
                continue
            if i != line:
                if hits:
                    flush()
                line, hits = i, []
            for e in entries:
                hits.append(Hit(e, s, e_))
        if hits:
            flush()
        return out

    @cached_property
    def _line_groups(self) -> LineMap[frozenset[str]]:
        return self.line_entries.map_values(lambda es: frozenset(e.group for e in es))

    @cached_property
    def _prefix_groups(self) -> LineMap[dict[str, tuple[Entry, int]]]:
        return self.prefix_entries.map_values(lambda found: {e.group: (e, n) for e, n in found})

    def line_groups(self, i: int) -> frozenset[str]:
        """Groups whose ``line`` phrase is line ``i``."""
        return self._line_groups.get(i, _EMPTY)

    def prefix_groups(self, i: int) -> dict[str, tuple[Entry, int]]:
        """Groups whose ``prefix`` phrase starts line ``i``, with the entry and length."""
        return self._prefix_groups.get(i, _NONE)

    def lines_in_group(self, group: str, kinds: tuple[str, ...] = ("line", "prefix")) -> list[int]:
        """Lines whose ``line`` (and/or ``prefix``) phrase belongs to ``group``, in order."""
        return list(self.iter_group(group, kinds))

    def iter_group(self, group: str, kinds: tuple[str, ...] = ("line", "prefix")) -> Iterator[int]:
        """:meth:`lines_in_group` one line at a time, without a list (both tables
        are in line order: they are merged, not gathered in a set and sorted)."""
        tables = [t for kind, t in (("line", self._line_groups), ("prefix", self._prefix_groups)) if kind in kinds]
        streams = [(i for i, gs in t.items() if group in gs) for t in tables]
        if len(streams) == 1:
            yield from streams[0]
            return
        if not any(t.dense for t in tables):  # few lines: a set is small and quicker
            yield from sorted({i for found in streams for i in found})
            return
        last = -1
        for i in merge(*streams):
            if i != last:
                yield i
                last = i

    def hits(self, i: int, *groups: str) -> list[Hit]:
        """Phrase hits on line ``i``, of ``groups`` only when given."""
        found = self.phrase_hits.get(i)
        if not found:
            return []
        if groups:
            return [h for h in found if h.entry.group in groups]
        return list(found)

    def lines_with(self, *groups: str) -> list[int]:
        """Lines with a phrase hit of one of ``groups``, in order."""
        return sorted(i for i, hs in self.phrase_hits.items() if any(h.entry.group in groups for h in hs))

    def iter_with(self, *groups: str) -> Iterator[int]:
        """:meth:`lines_with` one line at a time, without a list (the hits are
        found in line order)."""
        return (i for i, hs in self.phrase_hits.items() if any(h.entry.group in groups for h in hs))

    def excerpt(self, i: int, start: int = 0, end: int | None = None, width: int = 60) -> str:
        """A short quote of line ``i`` (or of ``[start, end)`` in it) for evidence."""
        line = self.doc.lines[i]
        s = line[start:end].strip() if end is not None else line.strip()
        return s if len(s) <= width else s[: width - 1] + "\u2026"
