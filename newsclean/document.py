"""The text as lines with exact offsets and line endings; nothing is normalised.

A :class:`Document` splits text on LF, CRLF and CR only (not on the other Unicode
line separators ``str.splitlines`` knows), so that every line can be given back
byte for byte, with its own ending, and a missing final newline stays missing.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")

#: What may follow a sentence's stop at the end of a line: the closing quotation
#: marks of every language and closing brackets.  English closes with ” and ’,
#: German with “ and ‘ („So ist es.“) or with « and ‹ (»So ist es.«), French
#: with » and ›, Chinese and Japanese with 」, 』, 》, 〉 and the full-width
#: bracket.  An opening mark at a line's end follows no stop ("He said “"), so
#: taking every mark as a closer there mistakes nothing.
CLOSING_MARKS = "\"'\u201d\u2019\u201c\u2018\u00bb\u00ab\u203a\u2039)]\uff09\u300d\u300f\u300b\u3009"
#: What a line may end with after a sentence's stop: the closing marks and the spaces
#: around them (French sets its marks apart: « Oui. »).
SENTENCE_TAIL = CLOSING_MARKS + " \t\u00a0\u202f"

# One-to-one character folding applied to the lower-cased text before lexicon
# matching: typographic quotes and dashes, and the unusual spaces.  Every pair maps
# one character to one character, so offsets in the folded text are offsets in the
# original text.  (``str.replace`` guarded by ``in`` is several times faster than
# ``str.translate`` on non-ASCII text, and most texts hold few of these characters.)
_FOLD = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u00b4", "'"),
    ("`", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u201e", '"'),
    ("\u00ab", '"'),
    ("\u00bb", '"'),
    ("\u00a0", " "),
    ("\u2007", " "),
    ("\u202f", " "),
    ("\u2009", " "),
    ("\t", " "),
    ("\u00ad", " "),
    ("\u200b", " "),
    ("\ufeff", " "),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\u2011", "-"),
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def fold(text: str) -> str:
    """Lower-case ``text`` and fold quotes, dashes and spaces, keeping its length.

    Lone surrogates become U+FFFD (the folded text is only matched, never output).

    >>> fold("Don\u2019t\u00a0Share")
    "don't share"
    """
    low = text.lower()
    if len(low) != len(text):  # e.g. 'İ' lower-cases to two characters
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if not low.isascii():
        for a, b in _FOLD:
            if a in low:
                low = low.replace(a, b)
        if _SURROGATE.search(low) is not None:
            # a lone surrogate (a broken emoji escaped as "\\ud83d" in JSON) cannot be
            # encoded, so the phrase matcher cannot take it: it becomes U+FFFD, one
            # character for one, and offsets stay the input's
            low = _SURROGATE.sub("\ufffd", low)
    elif "\t" in low or "`" in low:
        low = low.replace("\t", " ").replace("`", "'")
    return low


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Split ``text`` into line bodies and their endings (``""`` for the last line
    when the text has no final newline)."""
    if not text:
        return [], []
    if "\r" not in text:
        bodies = text.split("\n")
        if bodies[-1] == "":
            bodies.pop()
            return bodies, ["\n"] * len(bodies)
        ends = ["\n"] * len(bodies)
        ends[-1] = ""
        return bodies, ends
    bodies, ends = [], []
    for m in _LINE.finditer(text):
        s = m.group()
        if s.endswith("\r\n"):
            bodies.append(s[:-2])
            ends.append("\r\n")
        elif s.endswith(("\n", "\r")):
            bodies.append(s[:-1])
            ends.append(s[-1])
        else:
            bodies.append(s)
            ends.append("")
    return bodies, ends


class _TextSlices(Sequence[str]):
    """A sequence of pieces of one text, cut from it on access by the start and the
    length of each line body (nothing is stored a line)."""

    __slots__ = ("_text", "_starts", "_lens")

    def __init__(self, text: str, starts: array[int], lens: array[int]) -> None:
        self._text, self._starts, self._lens = text, starts, lens

    def __len__(self) -> int:
        return len(self._lens)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        n = len(self._lens)
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(n))]
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("line index out of range")
        return self._piece(i)

    def _piece(self, i: int) -> str:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (type(self), list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class LineView(_TextSlices):
    """The lines of a text, sliced from it on access (a line costs no memory until
    it is read: a million short lines would otherwise hold a million ``str``)."""

    __slots__ = ()

    def __getitem__(self, i: int | slice) -> str | list[str]:  # type: ignore[override]
        # the hot path of every rule: no checks beyond the arrays' own
        if isinstance(i, slice):
            return super().__getitem__(i)
        s = self._starts[i]
        return self._text[s : s + self._lens[i]]

    def __iter__(self) -> Iterator[str]:
        text = self._text
        for s, n in zip(self._starts, self._lens):
            yield text[s : s + n]


_BREAK = re.compile(r"\r\n?|\n")


def int_type(bound: int) -> str:
    """The ``array`` type code for integers in ``[0, bound]``: 4 bytes while they
    fit (a text of less than 2 GiB characters), else 8."""
    return "i" if bound < 2**31 else "q"


class LineEnds(_TextSlices):
    """The line endings of a text (``"\n"``, ``"\r\n"``, ``"\r"``, or ``""`` for a
    last line without one), read from the text between one line's body and the
    next line's start: nothing is stored a line."""

    __slots__ = ()

    def _piece(self, i: int) -> str:
        end = self._starts[i + 1] if i + 1 < len(self._lens) else len(self._text)
        return self._text[self._starts[i] + self._lens[i] : end]


def _offsets(text: str) -> tuple[array[int], array[int]]:
    """Start and length of every line body of ``text``."""
    code = int_type(len(text))
    starts, lens = array(code), array(code)
    if not text:
        return starts, lens
    pos = 0
    if "\r" not in text:
        find = text.find
        add_s, add_l = starts.append, lens.append
        while True:
            k = find("\n", pos)
            if k < 0:
                break
            add_s(pos)
            add_l(k - pos)
            pos = k + 1
    else:
        for m in _BREAK.finditer(text):
            starts.append(pos)
            lens.append(m.start() - pos)
            pos = m.end()
    if pos < len(text):
        starts.append(pos)
        lens.append(len(text) - pos)
    return starts, lens


class Document:
    """Text split into lines, with the character offset where each line starts.

    ``lines[i] + ends[i]`` for all ``i`` joined is exactly ``text``.  ``lines`` and
    ``ends`` are sequences sliced from ``text`` on access, ``starts`` an array of
    offsets (a line costs 8 bytes).
    """

    __slots__ = ("text", "lines", "ends", "starts", "_lens", "protected", "__weakref__")

    def __init__(self, text: str) -> None:
        self.text = text
        self._set(*_offsets(text))

    def _set(self, starts: array[int], lens: array[int]) -> None:
        #: Lines no rule may remove (the user's ``keep-lines``); the resolver skips them.
        self.protected: frozenset[int] = frozenset()
        self.starts = starts
        self._lens = lens
        self.lines = LineView(self.text, starts, lens)
        self.ends = LineEnds(self.text, starts, lens)

    @classmethod
    def from_lines(cls, lines: Sequence[str], ends: Sequence[str]) -> Document:
        """A document made of these lines and endings, kept as they are (not split
        again, so a CR line followed by an LF line stays two lines)."""
        doc = cls.__new__(cls)
        doc.text = "".join(b + e for b, e in zip(lines, ends))
        code = int_type(len(doc.text))
        starts, lens = array(code), array(code)
        pos = 0
        for b, e in zip(lines, ends):
            starts.append(pos)
            lens.append(len(b))
            pos += len(b) + len(e)
        doc._set(starts, lens)
        return doc

    def subset(self, kept: Sequence[int]) -> Document:
        """The document made of lines ``kept`` (indexes, in order) of this one, each
        with its own ending (a CR line followed by an LF line stays two lines)."""
        doc = Document.__new__(Document)
        text, starts, lens = self.text, self.starts, self._lens
        n, size = len(lens), len(text)
        pieces: list[str] = []
        new_starts, new_lens = array(starts.typecode), array(lens.typecode)
        pos = 0
        run_start = run_end = -1
        for i in kept:
            a = starts[i]
            b = starts[i + 1] if i + 1 < n else size  # the line with its ending
            if a != run_end:
                if run_start >= 0:
                    pieces.append(text[run_start:run_end])
                run_start = a
            run_end = b
            new_starts.append(pos)
            new_lens.append(lens[i])
            pos += b - a
        if run_start >= 0:
            pieces.append(text[run_start:run_end])
        doc.text = "".join(pieces)
        doc._set(new_starts, new_lens)
        return doc

    def __len__(self) -> int:
        return len(self._lens)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets ``[start, end)`` of lines ``first..last`` (inclusive),
        endings included."""
        n = len(self._lens)
        if last < 0:
            last += n
        end = self.starts[last + 1] if last + 1 < n else len(self.text)
        return self.starts[first], end

    def line_at(self, offset: int) -> int:
        """Index of the line holding character ``offset``."""
        from bisect import bisect_right

        return bisect_right(self.starts, offset) - 1

    def render(self, keep: Sequence[bool]) -> str:
        """The text made of the kept lines, each with its own ending (runs of kept
        lines are copied as one slice of the text)."""
        text = self.text
        pieces: list[str] = []
        n = len(self._lens)
        i = 0
        while i < n:
            if not keep[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and keep[j + 1]:
                j += 1
            a, b = self.span(i, j)
            pieces.append(text[a:b])
            i = j + 1
        if len(pieces) == 1:
            return pieces[0]
        return "".join(pieces)
