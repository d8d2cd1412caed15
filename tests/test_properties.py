"""Guarantees that hold for every input: byte-identical kept lines, endings kept,
idempotence, no exception."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from fuzz import kept_lines_are_input_lines  # noqa: E402  (the fuzzer checks the same guarantee)

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


# -- the guarantees on arbitrary Unicode (issue 11): lone surrogates included, every
# preset, clean / explain / clean_html.  benchmarks/fuzz.py checks the same
# properties on a million examples; here the count stays modest to keep the suite fast.

PRESETS = st.sampled_from(["safe", "default", "aggressive"])
SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
ANY_CHAR = st.one_of(st.characters(exclude_categories=()), SURROGATES)
ANY_LINE = st.text(ANY_CHAR.filter(lambda c: c not in "\r\n"), max_size=60)
MORE_BOILERPLATE = BOILERPLATE + [
    "Comments",
    "Related",
    "john_doe says:",
    "March 5, 2020 at 3:12 pm",
    "2020-08-01 18:00:00+00 \u2502 200 \u2502 4084",
    "*,",
    "\u201cThank you for calling,\u201d he said.",
    "Kay",
    "Thank you Amanda!",
]


@st.composite
def unicode_documents(draw):
    lines = draw(st.lists(st.one_of(ANY_LINE, st.sampled_from(MORE_BOILERPLATE), st.just("")), max_size=30))
    text = "".join(line + draw(LINE_ENDINGS) for line in lines)
    if draw(st.booleans()) and text:
        text = text[:-2] if text.endswith("\r\n") else text[:-1]
    return text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unicode_documents(), PRESETS)
def test_text_guarantees_on_any_unicode(text, preset):
    ex = newsclean.explain(text, preset=preset)  # never raises, surrogates included
    out = newsclean.clean(text, preset=preset)
    assert out == ex.text
    assert kept_lines_are_input_lines(text, out)
    assert newsclean.clean(out, preset=preset) == out
    for r in ex.removals:
        assert text[r.start : r.end] == r.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unicode_documents(), PRESETS)
def test_html_guarantees_on_any_unicode(text, preset):
    import html

    page = "<html><body><article>" + "".join(f"<p>{html.escape(x)}</p>" for x in _split(text)) + "</article></body></html>"
    ex = newsclean.explain_html(page, preset=preset)
    assert newsclean.clean_html(page, preset=preset) == ex.text
    assert kept_lines_are_input_lines(ex.extracted, ex.text)
    assert newsclean.clean(ex.text, preset=preset) == ex.text
    for r in ex.removals:
        assert ex.extracted[r.start : r.end] == r.text


def test_lone_surrogate_cleans_in_every_preset():
    text = "A broken emoji \ud83d in a sentence of the article.\nShare this article\n"
    for preset in ("safe", "default", "aggressive"):
        assert newsclean.clean(text, preset=preset) == "A broken emoji \ud83d in a sentence of the article.\n"
        assert newsclean.explain(text, preset=preset).removals[0].text == "Share this article\n"
    # in HTML mode the page goes on after the surrogate (lxml alone stops there); the
    # surrogate is shown as U+FFFD, as a browser shows it
    page = (
        "<html><body><article><p>A broken emoji \ud83d in a sentence of the article, long enough to keep.</p>"
        "<p>The council met on Monday to discuss the budget for the coming year and a new school.</p>"
        "<p>Share this article</p></article></body></html>"
    )
    for preset in ("safe", "default", "aggressive"):
        out = newsclean.clean_html(page, preset=preset)
        assert "A broken emoji \ufffd in a sentence" in out
        assert "The council met on Monday" in out
        assert "Share this article" not in out
