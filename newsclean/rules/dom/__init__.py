"""DOM-level rules of the HTML mode: page widgets found by their markup.

A page says what its boxes are for in its markup: ``<div id="comments">``,
``<form class="newsletter-signup">``, ``<figcaption>``, ``<ul class="share-buttons">``.
These rules flag such elements in the parsed page; the HTML mode
(:mod:`newsclean.html`) then removes the lines of the extracted article text that
come from flagged elements, and runs the text rules on the rest.

Every DOM rule is a :class:`DomRule`: it has a code (``H1xx``), a name, a
category and a docstring like every rule, is listed by ``newsclean rules`` and is
chosen by the same ``select`` / ``ignore`` / ``preset`` options.  Its
:meth:`~DomRule.detect` (the text interface) finds nothing: a DOM rule only works
on a tree, through :meth:`DomRule.detect_tree` or :func:`scan`.  Its
``examples_remove`` / ``examples_keep`` are HTML documents, and its class attribute
``input = "html"`` tells the generic tests of text examples to skip it.

The package, by what its parts do (every name is importable from here):

- :mod:`~newsclean.rules.dom.base`: :class:`DomRule`, :class:`DomFinding` and the
  element helpers (:func:`signature`, :func:`visible_len`, :func:`text_of`,
  :func:`link_len`, :func:`paragraph_len`);
- :mod:`~newsclean.rules.dom.widgets`: the rules, one class per kind of widget, and
  :data:`DOM_RULES`;
- :mod:`~newsclean.rules.dom.scanner`: :func:`scan`, the one pass over a page that
  finds what the enabled rules flag.

Codes: H101 to H112 without H108.  H108 is unassigned: no rule ever had it (the
history does not say why the number was skipped).  Codes are stable identifiers
that users put in ``select`` / ``ignore`` lists and in tagged corpora, so H109 to
H112 keep their numbers rather than move down, and H108 stays free.

How an element is matched, cheaply: the ``class`` and ``id`` values of the page are
joined into one string and searched once, with an Aho-Corasick automaton of every
enabled rule's ``stems`` (lower-case substrings).  Only the elements that hit a stem are
looked at again: their class and id are cut into lower-case words (``MtnCommentText``
gives ``mtn comment text``; taxonomy classes such as ``tag-donations`` or
``category-comments``, which describe the article and not the box, and BEM
modifiers such as ``--ads`` are left out) and each rule's ``pattern`` is searched
in those words.

Precision over recall: removing article text is worse than keeping boilerplate.
A matched element is left alone when it is the page's ``html``/``body``/``main``,
when it holds the page's ``<h1>`` or an element marked as the article body
(``itemprop="articleBody"``), when its own classes name the article's container
(``entry-content``, ``article-body`` ...), or when it holds more than the rule's
``max_share`` of the page's text or of its paragraph (``<p>``) text.
"""

from __future__ import annotations

from .base import INVISIBLE_TAGS, DomFinding, DomRule, link_len, paragraph_len, signature, text_of, visible_len
from .scanner import scan
from .widgets import (
    DOM_RULES,
    AdContainer,
    AuthorBox,
    CaptionElement,
    CommentContainer,
    DonationWidget,
    NavigationList,
    NewsletterWidget,
    PopupOverlay,
    RelatedWidget,
    ShareWidget,
    SocialEmbed,
)

__all__ = [
    "DOM_RULES",
    "INVISIBLE_TAGS",
    "AdContainer",
    "AuthorBox",
    "CaptionElement",
    "CommentContainer",
    "DomFinding",
    "DomRule",
    "DonationWidget",
    "NavigationList",
    "NewsletterWidget",
    "PopupOverlay",
    "RelatedWidget",
    "ShareWidget",
    "SocialEmbed",
    "link_len",
    "paragraph_len",
    "scan",
    "signature",
    "text_of",
    "visible_len",
]
