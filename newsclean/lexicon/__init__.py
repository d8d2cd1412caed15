"""Per-language phrase data, and the matcher that finds it in a document.

The data lives in one TOML file per language (``en.toml``, ``de.toml``, ...) plus
``common.toml`` for vocabulary shared by every language (agency names, symbols).
Each file maps a *group* (what the phrases are evidence of, such as ``donation`` or
``comment_marker``) to up to three lists:

``line``
    the whole line, normalised by :func:`line_key`, is this phrase
    (``"remind me later"``); ``#`` stands for any number (``"# comments"``).
``prefix``
    the normalised line starts with this phrase (``"photo:"``, ``"read also:"``).
``phrase``
    the phrase occurs anywhere in the line, on word boundaries
    (``"reprinted with permission"``).
``word``
    a single word that rules look up in a part of a line they have already
    isolated (the words of a photo credit), see :meth:`Lexicon.words`; never
    searched in running text.

All phrases are written lower-case, with straight quotes.  Rules ask the
:class:`~newsclean.context.Context` of a document which groups matched which line; every
language's data is matched at once with one Aho-Corasick automaton (``phrase``)
and two hash lookups (``line``, ``prefix``), so the cost does not grow with the
number of languages loaded.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import ahocorasick_rs

from ..document import fold

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Languages that ship a lexicon.
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk")

#: Lines longer than this are never looked up as a whole line or by prefix.
MAX_KEY_CHARS = 200

_EDGE = " \t\u00a0-\u2013\u2014\u2022\u00b7*\u25ba\u25b6\u25b8\u203a\u00bb\u00ab\u2039<>|/\\:;.,!?\u2026()[]{}\"'#~=+_^\u00b0\u2192\u2190\u2191\u2193\u25cf\u25aa\u25a0\u2605\u2606\u2713\u2714\u2715\u2716\u00d7"
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+")
_HAS_DIGIT = re.compile(r"\d").search


def line_key(folded: str) -> str:
    """The lookup key of a folded line: edges stripped of spaces, bullets and
    punctuation, inner spaces collapsed, a space before a colon dropped, numbers
    replaced by ``0``."""
    key = folded.strip(_EDGE)
    if "  " in key:
        key = _SPACES.sub(" ", key)
    if " :" in key:  # French typography, "Category : News"
        key = key.replace(" :", ":")
    if _HAS_DIGIT(key):
        key = _DIGITS.sub("0", key)
    return key


class Entry(NamedTuple):
    """One phrase of the lexicon."""

    group: str
    lang: str
    phrase: str


class Hit(NamedTuple):
    """A ``phrase`` entry found in a line; ``start``/``end`` are offsets in the line."""

    entry: Entry
    start: int
    end: int


@lru_cache(maxsize=None)
def _load(lang: str) -> dict[str, dict[str, list[str]]]:
    data = resources.files(__name__).joinpath(f"{lang}.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)


def _norm_phrase(p: str) -> str:
    return line_key(fold(p).replace("#", "0"))


@dataclass
class Lexicon:
    """Every loaded language's phrases, compiled for matching."""

    languages: tuple[str, ...]

    def __post_init__(self) -> None:
        lines: dict[str, list[Entry]] = defaultdict(list)
        prefixes: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
        phrases: dict[str, list[Entry]] = defaultdict(list)
        words: dict[str, list[Entry]] = defaultdict(list)
        for lang in ("common", *self.languages):
            for group, kinds in _load(lang).items():
                if group == "meta" or not isinstance(kinds, dict):
                    continue
                for kind, items in kinds.items():
                    for raw in items:
                        entry = Entry(group, lang, raw)
                        if kind == "line":
                            lines[_norm_phrase(raw)].append(entry)
                        elif kind == "prefix":
                            key = fold(raw).strip().replace("#", "0").replace(" :", ":")
                            if key.endswith(":"):  # the label alone on its line
                                lines[_norm_phrase(raw)].append(entry)
                            m = _WORD.match(key)
                            prefixes[m.group() if m else key[:1]].append((key, entry))
                        elif kind == "phrase":
                            phrases[fold(raw)].append(entry)
                        elif kind == "word":
                            words[fold(raw).strip()].append(entry)
                        else:
                            raise ValueError(f"lexicon {lang}.toml [{group}]: unknown kind {kind!r}")
        self.lines = dict(lines)
        self._line_tuples: dict[str, tuple[Entry, ...]] = {}
        self.word_entries = dict(words)
        self.prefixes = dict(prefixes)
        self._patterns = list(phrases)
        self._entries = [tuple(phrases[p]) for p in self._patterns]
        self._ac = ahocorasick_rs.AhoCorasick(self._patterns) if self._patterns else None

    def __reduce__(self):  # the automaton is rebuilt rather than pickled
        return (Lexicon, (self.languages,))

    def scan(self, folded_text: str) -> list[tuple[int, int, tuple[Entry, ...]]]:
        """All word-bounded phrase hits in ``folded_text`` as ``(start, end, entries)``."""
        if self._ac is None:
            return []
        out = []
        n = len(folded_text)
        patterns, entries = self._patterns, self._entries
        for idx, start, end in self._ac.find_matches_as_indexes(folded_text, overlapping=True):
            p = patterns[idx]
            if start > 0 and p[0].isalnum() and folded_text[start - 1].isalnum():
                continue
            if end < n and p[-1].isalnum() and folded_text[end].isalnum():
                continue
            out.append((start, end, entries[idx]))
        return out

    def iter_scan(self, folded_text: str, chunk: int = 1 << 16) -> Iterator[tuple[int, int, tuple[Entry, ...]]]:
        """:meth:`scan`, one piece of about ``chunk`` characters at a time.

        The pieces end at line breaks (no phrase holds one, so no hit is lost or
        cut), and only one piece's hits are held at a time: the whole text's list
        would hold some 100 bytes a hit, in a text made of thousands of markers.
        """
        n = len(folded_text)
        pos = 0
        while pos < n:
            end = pos + chunk
            end = n if end >= n else _after_break(folded_text, end, n)
            if pos == 0 and end == n:
                yield from self.scan(folded_text)
                return
            for start, stop, entries in self.scan(folded_text[pos:end]):
                yield start + pos, stop + pos, entries
            pos = end

    def words(self, folded: str, group: str) -> list[str]:
        """The words of ``folded`` that are ``word`` entries of ``group``."""
        out = []
        for w in _WORD.findall(folded):
            if any(e.group == group for e in self.word_entries.get(w, ())):
                out.append(w)
        return out

    def match_line(self, key: str) -> tuple[Entry, ...]:
        """Entries whose ``line`` phrase is exactly ``key``."""
        found = self._line_tuples.get(key)
        if found is None:
            found = tuple(self.lines.get(key, ()))
            if found:  # one tuple per phrase, shared by every line it matches
                self._line_tuples[key] = found
        return found

    def match_prefix(self, key: str) -> tuple[tuple[Entry, int], ...]:
        """``prefix`` entries that ``key`` starts with, and the prefix length."""
        m = _WORD.match(key)
        if not m:
            cands = self.prefixes.get(key[:1], ())
        else:
            cands = self.prefixes.get(m.group(), ())
        out = []
        for p, entry in cands:
            if key.startswith(p):
                rest = key[len(p) : len(p) + 1]
                if not rest or not (p[-1].isalnum() and rest.isalnum()):
                    out.append((entry, len(p)))
        return tuple(out)


def _after_break(text: str, pos: int, n: int) -> int:
    """The offset after the first line break at or after ``pos`` (``n`` if none),
    found in a window that doubles, so the cost is that of the distance to it."""
    width = 1 << 12
    while True:
        stop = min(n, pos + width)
        found = [k for k in (text.find("\n", pos, stop), text.find("\r", pos, stop)) if k >= 0]
        if found:
            return min(found) + 1
        if stop == n:
            return n
        width *= 2


@lru_cache(maxsize=8)
def get_lexicon(languages: tuple[str, ...] = LANGUAGES) -> Lexicon:
    """The compiled lexicon for ``languages`` (cached per process)."""
    return Lexicon(tuple(languages))
