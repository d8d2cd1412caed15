"""Users' own line phrases: ``remove-lines`` and ``keep-lines``.

A phrase matches a line that contains it, case-insensitively (both sides go
through :func:`~newsclean.document.fold`, so curly quotes, dashes and unusual
spaces match their plain forms).  All plain phrases are found in one
Aho-Corasick pass, like the lexicons.  A phrase that starts with ``re:`` is a
regular expression (the ``regex`` module, case-insensitive, searched in the
line); each search runs with a time limit, so a runaway pattern costs a bounded
time per line and counts as no match.

Why no word boundaries: a user's phrase is what they saw in their corpus
("Continue reading on", "[keep]"), and a user who wants boundaries can write a
``re:`` pattern.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick_rs
import regex

from .document import fold

#: The prefix that makes a phrase a regular expression.
REGEX_PREFIX = "re:"
#: Seconds one regular expression may spend on one line before it counts as no match.
REGEX_TIMEOUT = 0.05


class PatternError(ValueError):
    """A ``re:`` phrase that is not a valid regular expression."""


def _clean_surrogates(text: str) -> str:
    """``text`` with lone surrogates replaced one for one (the matcher cannot take them)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


@dataclass(frozen=True)
class CompiledPhrases:
    """Plain phrases in one automaton, and the compiled ``re:`` patterns."""

    plain: tuple[str, ...]
    folded: tuple[str, ...]
    patterns: tuple[tuple[str, regex.Pattern[str]], ...]

    def find(self, line: str) -> str | None:
        """The first phrase (as the user wrote it) found in ``line``, or ``None``."""
        if self.folded:
            hits = _automaton(self.folded).find_matches_as_indexes(_clean_surrogates(fold(line)), overlapping=False)
            if hits:
                return self.plain[min(h[0] for h in hits)]
        for source, pattern in self.patterns:
            try:
                if pattern.search(line, timeout=REGEX_TIMEOUT):
                    return source
            except TimeoutError:
                continue
        return None

    def __bool__(self) -> bool:
        return bool(self.plain or self.patterns)


_AUTOMATA: dict[tuple[str, ...], ahocorasick_rs.AhoCorasick] = {}


def _automaton(folded: tuple[str, ...]) -> ahocorasick_rs.AhoCorasick:
    ac = _AUTOMATA.get(folded)
    if ac is None:
        ac = _AUTOMATA[folded] = ahocorasick_rs.AhoCorasick(list(folded))
    return ac


def compile_phrases(phrases: Sequence[str]) -> CompiledPhrases:
    """Compile user phrases; a bad ``re:`` pattern raises :class:`PatternError`."""
    plain: list[str] = []
    patterns: list[tuple[str, regex.Pattern[str]]] = []
    for p in phrases:
        if p.startswith(REGEX_PREFIX):
            try:
                patterns.append((p, regex.compile(p[len(REGEX_PREFIX) :], regex.IGNORECASE | regex.V1)))
            except regex.error as exc:
                raise PatternError(f"{p!r} is not a valid regular expression ({exc})") from None
        else:
            plain.append(p)
    folded = tuple(_clean_surrogates(fold(p)) for p in plain)
    return CompiledPhrases(tuple(plain), folded, tuple(patterns))


__all__ = ["REGEX_PREFIX", "REGEX_TIMEOUT", "CompiledPhrases", "PatternError", "compile_phrases"]
