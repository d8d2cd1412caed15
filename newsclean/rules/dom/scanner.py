"""The scanner: which elements of a page the DOM rules flag, in one pass.

How an element is matched, cheaply: the ``class`` and ``id`` values of the page are
joined into one string and searched once, with an Aho-Corasick automaton of every
enabled rule's ``stems``; only the elements that hit a stem are looked at again, with
each rule's ``pattern`` on their :func:`~newsclean.rules.dom.base.signature`.  The
guards that keep the article (the page's ``<h1>``, ``itemprop="articleBody"``, the
article's container classes, ``max_share``) are applied here.  See
:mod:`newsclean.rules.dom`."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING

import ahocorasick_rs
from lxml import etree

from .base import INVISIBLE_TAGS, DomFinding, DomRule, _describe, link_len, paragraph_len, signature, text_of, visible_len

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["scan"]

#: Elements never removed whatever their classes say.
_NEVER = frozenset({"html", "body", "main", "head"})
_CLASS_ID = etree.XPath(".//@class | .//@id")
#: Class/id words of the element that holds the article itself.
_CONTENT = re.compile(
    r" (?:entry content|article body|articlebody|article content|article text|post content|post body|"
    r"story body|story content|main content|single content|td post content|news text|article main) "
)
_ARTICLE_BODY = etree.XPath("descendant-or-self::*[@itemprop='articleBody'][1]")
_EXCERPT_CHARS = 80


def _body(tree: HtmlElement) -> HtmlElement:
    if tree.tag == "html":
        body = tree.find("body")
        if body is not None:
            return body
    return tree


def _contains_any(el: HtmlElement, marks: Sequence[HtmlElement]) -> bool:
    for m in marks:
        node: HtmlElement | None = m
        while node is not None:
            if node is el:
                return True
            node = node.getparent()
    return False


def scan(tree: HtmlElement, rules: Sequence[DomRule]) -> list[DomFinding]:
    """What ``rules`` would remove from ``tree``, in document order.

    An element inside one already found is not looked at again, so the findings
    never nest.  The tree is not changed.
    """
    if not rules or tree is None:
        return []
    body = _body(tree)
    # element -> the rules to test on it (and whether they test its signature)
    candidates: dict[HtmlElement, list[DomRule]] = {}

    # 1. class/id: one prefilter search over all the values of the page; a hit
    #    names the stem, and so the rules worth testing on that element
    class_rules = [r for r in rules if r.stems]
    if class_rules:
        matcher, owners = _prefilter(tuple(class_rules))
        values = _CLASS_ID(body)  # in document order
        if values:
            joined = "\n".join(values).lower()
            starts = list(accumulate(map(add, map(len, values), repeat(1)), initial=0))
            hits: dict[int, set[int]] = {}
            for k, start, _ in matcher.find_matches_as_indexes(joined, overlapping=True):
                i = bisect_right(starts, start) - 1
                stems_hit = hits.get(i)
                if stems_hit is None:
                    hits[i] = {k}
                else:
                    stems_hit.add(k)
            for i, stems_hit in hits.items():
                el = values[i].getparent()
                if el is None:
                    continue
                todo = candidates.setdefault(el, [])
                for k in stems_hit:
                    todo.extend(r for r in owners[k] if r not in todo)
    # 2. tags and XPath
    for r in rules:
        if r.tags:
            for el in body.iter(*r.tags):
                candidates.setdefault(el, []).append(r)
        if r.xpath:
            for el in body.xpath(r.xpath):
                if isinstance(el.tag, str):
                    candidates.setdefault(el, []).append(r)
    if not candidates:
        return []

    page_len = page_p = -1  # computed when first needed
    # the page's <h1>, and every element holding it
    protected: set[HtmlElement] = set()
    for mark in body.iter("h1"):
        node: HtmlElement | None = mark
        while node is not None and node not in protected:
            protected.add(node)
            node = node.getparent()
    page_ok: dict[DomRule, bool] = {}
    found: list[tuple[HtmlElement, DomRule, str, int, int]] = []
    # candidates in document order (class and id ones, then tag and XPath ones):
    # an element inside one already chosen is skipped
    skip: set[HtmlElement] = set()
    for el, todo in candidates.items():
        if el in skip:
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag in _NEVER or tag in INVISIBLE_TAGS or el in protected:
            continue
        sig: str | None = None
        for r in todo:
            ok = page_ok.get(r)
            if ok is None:
                ok = page_ok[r] = r.page_ok(tree)
            if not ok:
                continue
            if r.stems and sig is None:
                sig = signature(el)
                if _CONTENT.search(sig):
                    break  # the article's own container, whatever else its classes say
            ev = r.match(el, sig if r.stems else None)
            if not ev:
                continue
            n = visible_len(el)
            if n == 0 or (r.max_chars is not None and n > r.max_chars):
                continue
            if n > 200:
                if page_len < 0:
                    page_len = visible_len(body)
                if n > r.max_share * page_len:
                    continue
            p = paragraph_len(el)
            if p > 200:
                if page_p < 0:
                    page_p = paragraph_len(body)
                if p > r.max_share * page_p:
                    continue
            if _ARTICLE_BODY(el):
                break  # holds the article body marked up as such
            if r.min_link_density and link_len(el) < r.min_link_density * n:
                continue
            found.append((el, r, ev, n, p))
            for d in el.iterdescendants():
                if d in candidates:
                    skip.add(d)
            break
    # rules whose elements together hold too much of the page's paragraphs
    totals: dict[DomRule, int] = {}
    for _, r, _, _, p in found:
        totals[r] = totals.get(r, 0) + p
    if page_p < 0 and any(t > 200 for t in totals.values()):
        page_p = paragraph_len(body)
    skip = {r for r, t in totals.items() if t > 200 and t > r.max_total_share * page_p}
    out: list[DomFinding] = []
    found.sort(key=lambda t: t[0].sourceline or 0)
    for el, r, ev, n, _ in found:
        if r in skip:
            continue
        text = text_of(el)
        excerpt = text if len(text) <= _EXCERPT_CHARS else text[: _EXCERPT_CHARS - 1] + "\u2026"
        out.append(DomFinding(el, r, f"{_describe(el)}: {ev}; {n} chars" + (f': "{excerpt}"' if excerpt else ""), text))
    return out



_PREFILTERS: dict[tuple[DomRule, ...], tuple[ahocorasick_rs.AhoCorasick, list[tuple[DomRule, ...]]]] = {}


def _prefilter(rules: tuple[DomRule, ...]) -> tuple[ahocorasick_rs.AhoCorasick, list[tuple[DomRule, ...]]]:
    """An Aho-Corasick automaton of every stem of ``rules`` (one pass over the
    page's class and id values finds them all), and the rules owning each stem."""
    hit = _PREFILTERS.get(rules)
    if hit is not None:
        return hit
    stems = sorted({st for r in rules for st in r.stems})
    owners = [tuple(r for r in rules if st in r.stems) for st in stems]
    hit = (ahocorasick_rs.AhoCorasick(stems), owners)
    if len(_PREFILTERS) < 64:
        _PREFILTERS[rules] = hit
    return hit
