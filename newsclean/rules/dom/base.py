"""The DOM rules' base: :class:`DomRule`, :class:`DomFinding`, and the element
helpers the rules and the scanner share (an element's class/id words, its visible
text, its link and paragraph text).  See :mod:`newsclean.rules.dom`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ...rule import Finding, Rule

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ...context import Context

__all__ = [
    "INVISIBLE_TAGS",
    "DomFinding",
    "DomRule",
    "link_len",
    "paragraph_len",
    "signature",
    "text_of",
    "visible_len",
]

#: Elements whose text is never shown.
INVISIBLE_TAGS = ("script", "style", "template", "noscript")
#: Class words naming the article's tags or categories, not the element's role
#: (WordPress puts ``tag-donations category-comments`` on the article itself).
_TAXONOMY = re.compile(
    r"^(?:tags?|category|categories|cat|topics?|term|label|rubrik|ressort|kategorie|schlagwort|"
    r"postid|post|page-id|format|status)[-_](?!(?:cloud|list|links?|box|bar|area|widget|container)(?:$|[-_]))",
    re.IGNORECASE,
)
#: Class words that switch a feature off ("no-ads", "hide-read-more-ad", "without-comments"):
#: they say what the element does not hold.
_NEGATED = re.compile(r"^(?:no|hide|hidden|without|disable|disabled|noshow)[-_]", re.IGNORECASE)
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_NON_WORD = re.compile(r"[\W_]+")


#: An id made of at least this many words, all of them words of the element's own
#: text, is a slug of that text (see :func:`_text_slug`).
SLUG_MIN_WORDS = 3
_WORDS = re.compile(r"\w+")


def _text_slug(ident: str, el: HtmlElement) -> bool:
    """Whether ``ident`` is a slug of the element's own text, as publishing and
    documentation tools make anchors for headings and their sections (``<h2
    id="h-what-is-social-shopping">What Is Social Shopping?</h2>``, ``<section
    id="s-more-about-form-classes"><h2>More about Form classes</h2>...``): at least
    :data:`SLUG_MIN_WORDS` words of two letters or more, every one of them among the
    first words of the element's text (three more than the id has).  Such an id says
    what the text says, not what the element is for."""
    words = {w for w in _NON_WORD.split(ident.lower()) if len(w) > 1 and not w.isdigit()}
    if len(words) < SLUG_MIN_WORDS:
        return False
    want = len(words) + 3
    said: list[str] = []
    for chunk in el.itertext():
        said.extend(_WORDS.findall(chunk.lower()))
        if len(said) >= want:
            break
    return words <= set(said[:want])


def signature(el: HtmlElement) -> str:
    """The element's class and id as lower-case words, space-padded.  Class words of
    the article's taxonomy, BEM modifiers and negated flags are left out, and so is an
    id that is a slug of the element's own text (:func:`_text_slug`).

    >>> from lxml.html import fragment_fromstring
    >>> signature(fragment_fromstring('<div class="MtnCommentText tag-news" id="c_1">x</div>'))
    ' mtn comment text c 1 '
    >>> signature(fragment_fromstring('<h2 class="wp-block-heading" id="h-why-use-social-shopping">Why Use Social Shopping?</h2>'))
    ' wp block heading '
    >>> signature(fragment_fromstring('<div class="grid-items hide-read-more-ad no-comments">x</div>'))
    ' grid items '
    """
    cls = el.get("class") or ""
    # BEM modifiers ("TestReport__Section--Ads") describe a state, not the element, and
    # so do negated flags ("no-ads", "hide-read-more-ad")
    words = [w.split("--", 1)[0] for w in cls.split() if not _TAXONOMY.match(w) and not _NEGATED.match(w)]
    ident = el.get("id") or ""
    if ident and _text_slug(ident, el):
        ident = ""
    raw = " ".join(words) + " " + ident
    if not raw.islower():
        raw = _CAMEL.sub(r"\1 \2", raw).lower()
    if not raw.replace(" ", "").isalnum():
        raw = _NON_WORD.sub(" ", raw)
    return " " + " ".join(raw.split()) + " "


def visible_len(el: HtmlElement) -> int:
    """Characters of text in ``el``, without script and style content."""
    n = len(el.text_content())
    for s in el.iter(*INVISIBLE_TAGS):
        if s.text:
            n -= len(s.text)
    return n


def text_of(el: HtmlElement) -> str:
    """The text of ``el`` as ``text_content()`` gives it, whitespace collapsed."""
    return " ".join(el.text_content().split())


def _describe(el: HtmlElement) -> str:
    """A short CSS-like name of the element: ``div#comments.comment-list``."""
    out = str(el.tag)
    if el.get("id"):
        out += "#" + el.get("id", "").strip()[:40]
    cls = (el.get("class") or "").split()
    if cls:
        out += "." + ".".join(cls[:4])[:80]
    return out



def paragraph_len(el: HtmlElement) -> int:
    """Characters of text in the ``<p>`` elements of ``el``."""
    return sum(len(p.text_content()) for p in el.iter("p"))


def link_len(el: HtmlElement) -> int:
    """Characters of link text in ``el``."""
    return sum(len(a.text_content()) for a in el.iter("a"))



@dataclass(frozen=True)
class DomFinding:
    """An element a DOM rule wants removed, why, and its text (``text_content()``,
    whitespace collapsed)."""

    element: HtmlElement
    rule: DomRule
    evidence: str
    text: str


class DomRule(Rule):
    """Base class of the DOM-level rules (see the module docstring).

    Subclasses set ``stems`` (lower-case substrings of a class or id that make an
    element worth a second look) and ``pattern`` (a regular expression searched in
    the element's :func:`signature`), and/or ``tags`` (element names matched
    outright), and may override :meth:`match` for anything else.
    """

    #: Tells the generic rule-example tests that the examples are HTML documents.
    input: ClassVar[str] = "html"
    languages = ("*",)
    stems: ClassVar[tuple[str, ...]] = ()
    pattern: ClassVar[str] = ""
    tags: ClassVar[tuple[str, ...]] = ()
    #: The largest share of the page's text, and of its paragraph (``<p>``) text, a
    #: matched element may hold.
    max_share: ClassVar[float] = 0.4
    #: The largest share of the page's paragraph text all of the rule's elements may
    #: hold together; past it the page is assumed to use the markup differently and
    #: the rule removes nothing.
    max_total_share: ClassVar[float] = 1.0
    #: A matched element with more visible characters than this is left alone.
    max_chars: ClassVar[int | None] = None
    #: The least share of an element's text that must be link text.
    min_link_density: ClassVar[float] = 0.0
    #: An XPath (relative to the body) of further candidates, tested by :meth:`match`.
    xpath: ClassVar[str] = ""

    _compiled: ClassVar[re.Pattern[str] | None] = None

    @classmethod
    def regex(cls) -> re.Pattern[str] | None:
        if cls.__dict__.get("_compiled") is None and cls.pattern:
            cls._compiled = re.compile(cls.pattern)
        return cls.__dict__.get("_compiled")

    def detect(self, ctx: Context) -> Iterator[Finding]:
        """A DOM rule finds nothing in plain text."""
        return iter(())

    def page_ok(self, tree: HtmlElement) -> bool:
        """Whether the rule applies to this page at all (checked once per page)."""
        return True

    def match(self, el: HtmlElement, sig: str | None) -> str | None:
        """Evidence for removing ``el`` (``sig`` is its :func:`signature`, or
        ``None`` when it was found by tag or XPath), or ``None``."""
        if el.tag in self.tags:
            return f"<{el.tag}> element"
        rx = self.regex()
        if rx is not None and sig is not None:
            m = rx.search(sig)
            if m:
                return f"class/id word '{m.group(0).strip()}'"
        return None

    def detect_tree(self, tree: HtmlElement) -> list[DomFinding]:
        """The elements of ``tree`` this rule would remove (the tree is not changed)."""
        from .scanner import scan

        return scan(tree, [self])
