"""The text as lines with exact offsets and line endings; nothing is normalised.

A :class:`Document` splits text on LF, CRLF and CR only (not on the other Unicode
line separators ``str.splitlines`` knows), so that every line can be given back
byte for byte, with its own ending, and a missing final newline stays missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")

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


@dataclass(eq=False)
class Document:
    """Text split into lines, with the character offset where each line starts.

    ``lines[i] + ends[i]`` for all ``i`` joined is exactly ``text``.
    """

    text: str
    lines: list[str] = field(init=False)
    ends: list[str] = field(init=False)
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        if "lines" not in self.__dict__:
            self.lines, self.ends = split_lines(self.text)
        starts = []
        pos = 0
        for body, end in zip(self.lines, self.ends):
            starts.append(pos)
            pos += len(body) + len(end)
        self.starts = starts

    @classmethod
    def from_lines(cls, lines: list[str], ends: list[str]) -> Document:
        """A document made of these lines and endings, kept as they are (not split
        again, so a CR line followed by an LF line stays two lines)."""
        doc = cls.__new__(cls)
        doc.text = "".join(b + e for b, e in zip(lines, ends))
        doc.lines, doc.ends = list(lines), list(ends)
        doc.__post_init__()
        return doc

    def __len__(self) -> int:
        return len(self.lines)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets ``[start, end)`` of lines ``first..last`` (inclusive),
        endings included."""
        end = self.starts[last] + len(self.lines[last]) + len(self.ends[last])
        return self.starts[first], end

    def line_at(self, offset: int) -> int:
        """Index of the line holding character ``offset``."""
        from bisect import bisect_right

        return bisect_right(self.starts, offset) - 1

    def render(self, keep: list[bool]) -> str:
        """The text made of the kept lines, each with its own ending."""
        lines, ends = self.lines, self.ends
        out = [lines[i] + ends[i] for i in range(len(lines)) if keep[i]]
        return "".join(out)
