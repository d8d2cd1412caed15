"""Every registered rule, built-in or plugin, is held to its own examples and contract."""

from __future__ import annotations

import pytest

import newsclean
from newsclean.registry import all_rules
from newsclean.rule import CATEGORIES

TEXT_RULES = [r for r in all_rules() if getattr(r, "input", "text") == "text"]


def _options(rule) -> dict:
    """The options a rule's examples need: a site profile (L101), the user's
    phrases (U101)."""
    make = getattr(rule, "example_profile", None)
    options = dict(getattr(rule, "example_options", {}))
    if make:
        options["profile"] = make()
    return options


def _cases(attr: str) -> list:
    return [pytest.param(r, ex, id=f"{r.code}-{k}") for r in TEXT_RULES for k, ex in enumerate(getattr(r, attr))]


@pytest.mark.parametrize("rule,example", _cases("examples_remove"))
def test_rule_removes_its_examples(rule, example):
    ex = newsclean.explain(example, select=[rule.code], **_options(rule))
    assert ex.removals, f"{rule.code} {rule.name} found nothing in its example:\n{example}"
    assert all(r.code == rule.code for r in ex.removals)
    assert len(ex.text) < len(example)


@pytest.mark.parametrize("rule,example", _cases("examples_keep"))
def test_rule_keeps_its_counter_examples(rule, example):
    ex = newsclean.explain(example, select=[rule.code], **_options(rule))
    assert not ex.removals, f"{rule.code} {rule.name} removed {[r.text for r in ex.removals]} from:\n{example}"
    assert ex.text == example


@pytest.mark.parametrize("rule", TEXT_RULES, ids=lambda r: r.code)
def test_rule_is_documented_and_has_examples(rule):
    assert rule.category in CATEGORIES
    doc = rule.doc()
    assert "Why" in doc and "How" in doc, f"{rule.code}: the docstring says what it removes, why and how"
    assert rule.examples_remove and rule.examples_keep, f"{rule.code} needs examples of both kinds"


def test_examples_cover_several_languages():
    """The lexicon rules show at least two languages in their examples."""
    from newsclean.langdetect import detect_language

    for rule in TEXT_RULES:
        if rule.languages == ("*",):
            continue
        langs = {detect_language(e) for e in rule.examples_remove}
        assert len(langs - {"und"}) >= 2, f"{rule.code} examples are all in {langs}"


def test_codes_and_names_are_unique():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_every_removal_says_why():
    text = (
        "Navigation\nThe council approved the budget on Monday.\nIt takes effect in May.\n"
        "Photo: AP\nSign up for our newsletter\n3 Comments\nGreat piece!\n"
    )
    ex = newsclean.explain(text)
    assert ex.removals
    for r in ex.removals:
        assert r.code and r.name and r.category in CATEGORIES and r.evidence
        assert text[r.start : r.end] == r.text
        first, last = r.lines
        assert 1 <= first <= last


def test_a_sign_up_call_goes_but_a_sentence_that_starts_so_stays():
    """A short line "Sign up for <a newsletter's own name>" is a call whatever the name
    (no lexicon holds it); a sentence or a long line that starts so is the article's."""
    para = (
        "Schools across the region will close early this week as temperatures climb above 40C, "
        "the regional government said on Tuesday.\n"
    )
    text = (
        para
        + "Sign Up For Breaking News E-mail Alerts\n"
        + "Sign up to First Edition\n"
        + para
        + "Sign up for the vaccine opened on Monday at every pharmacy, the ministry said.\n"
        + "- Sign up for an account, then open the settings page.\n"
        + "Sign up for the county's new flood warning system opened to every household in the valley\n"
    )
    ex = newsclean.Cleaner(select=["R102"]).explain(text)
    assert [r.lines for r in ex.removals] == [(2, 2), (3, 3)]
    assert ex.removals[0].evidence.startswith('sign-up call "Sign Up For Breaking News E-mail Alerts"')
    assert "Sign up for the vaccine" in ex.text and "Sign up for an account" in ex.text
    assert "flood warning system" in ex.text
