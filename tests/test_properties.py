"""Guarantees that hold for every input: byte-identical kept lines, endings kept,
idempotence, no exception."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean

LINE_ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
BOILERPLATE = [
    "Share this article",
    "Navigation",
    "  \u2022 \u00a0",
    "Photo: AP",
    "3 Comments",
    "Leave a reply",
    "Sign up for our newsletter",
    "Lesen Sie auch: Mehr Glück",
    "Remind me later",
    "Continue",
    "This article was originally published by X and is reprinted with permission.",
    "Dear readers,",
    "Your support, no matter how small, makes a difference. Please donate.",
    "Kommentare",
    "Anzeige",
    "\u00a9 2020 Example Media. All rights reserved.",
    "Liebe Grüße",
    "Hallo Marie!",
    "Danke für den tollen Beitrag!",
    "Home \u203a News \u203a Politics",
    "23.10.2018",
    "Category: News",
]
PROSE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=120)
LINES = st.lists(st.one_of(PROSE, st.sampled_from(BOILERPLATE), st.just("")), max_size=40)


@st.composite
def documents(draw):
    lines = draw(LINES)
    ends = [draw(LINE_ENDINGS) for _ in lines]
    text = "".join(line + end for line, end in zip(lines, ends))
    if draw(st.booleans()) and text:
        text = text[:-1] if not text.endswith("\r\n") else text[:-2]
    return text


def _split(text: str) -> list[str]:
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_kept_lines_are_byte_identical_and_in_order(text):
    out = newsclean.clean(text)
    ins = _split(text)
    outs = _split(out)
    it = iter(ins)
    for line in outs[:-1]:
        assert any(line == x for x in it), f"{line!r} is not an input line"
    if outs:
        last = outs[-1]
        assert any(x == last or x.rstrip("\r\n") == last for x in it), f"{last!r} is not an input line"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_final_newline_presence_is_kept(text):
    out = newsclean.clean(text)
    if out:
        assert out.endswith(("\n", "\r")) == text.endswith(("\n", "\r"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["default", "safe", "aggressive"]))
def test_cleaning_is_idempotent(text, preset):
    once = newsclean.clean(text, preset=preset)
    assert newsclean.clean(once, preset=preset) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" \t\r\n\u00a0\u2028\x0b\x0c", max_size=50))
def test_whitespace_only_input_comes_back_unchanged(text):
    assert newsclean.clean(text) == text


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_no_str_makes_it_raise(text):
    ex = newsclean.explain(text)
    for r in ex.removals:
        assert text[r.start : r.end] == r.text


def test_line_endings_survive():
    for end in ("\n", "\r\n", "\r"):
        text = end.join(["The vote is on Sunday.", "Share this article", "Polls open at eight.", ""])
        assert newsclean.clean(text) == end.join(["The vote is on Sunday.", "Polls open at eight.", ""])
