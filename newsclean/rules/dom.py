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

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import ahocorasick_rs
from lxml import etree

from ..rule import Finding, Rule

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ..context import Context

__all__ = ["DOM_RULES", "DomFinding", "DomRule", "scan", "signature", "text_of", "visible_len"]

#: Elements whose text is never shown.
INVISIBLE_TAGS = ("script", "style", "template", "noscript")
#: Elements never removed whatever their classes say.
_NEVER = frozenset({"html", "body", "main", "head"})
#: Class words naming the article's tags or categories, not the element's role
#: (WordPress puts ``tag-donations category-comments`` on the article itself).
_TAXONOMY = re.compile(
    r"^(?:tags?|category|categories|cat|topics?|term|label|rubrik|ressort|kategorie|schlagwort|"
    r"postid|post|page-id|format|status)[-_](?!(?:cloud|list|links?|box|bar|area|widget|container)(?:$|[-_]))",
    re.IGNORECASE,
)
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_NON_WORD = re.compile(r"[\W_]+")
_CLASS_ID = etree.XPath(".//@class | .//@id")
#: Class/id words of the element that holds the article itself.
_CONTENT = re.compile(
    r" (?:entry content|article body|articlebody|article content|article text|post content|post body|"
    r"story body|story content|main content|single content|td post content|news text|article main) "
)
_ARTICLE_BODY = etree.XPath("descendant-or-self::*[@itemprop='articleBody'][1]")
_EXCERPT_CHARS = 80


def signature(el: HtmlElement) -> str:
    """The element's class and id as lower-case words, space-padded.

    >>> from lxml.html import fragment_fromstring
    >>> signature(fragment_fromstring('<div class="MtnCommentText tag-news" id="c_1">x</div>'))
    ' mtn comment text c 1 '
    """
    cls = el.get("class") or ""
    # BEM modifiers ("TestReport__Section--Ads") describe a state, not the element
    words = [w.split("--", 1)[0] for w in cls.split() if not _TAXONOMY.match(w)]
    raw = " ".join(words) + " " + (el.get("id") or "")
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
        return scan(tree, [self])


class CommentContainer(DomRule):
    """Removes reader-comment sections: containers whose class or id says comments.

    Why: ``<div id="comments">``, ``<ol class="comment-list">``, ``<section
    class="kommentare">``, Disqus threads and the reply form are the readers' words,
    not the article.  trafilatura drops the common ones; this also catches the
    markup of shop, forum and newspaper systems it does not know
    (``kommentar-item``, ``MtnComment``, ``recipe-comments``).  "commentary" (an
    opinion piece) is not a comment.
    """

    code = "H101"
    name = "comment-container"
    category = "comments"
    stems = ("comment", "kommentar", "disqus", "respond", "comentario", "komentarz", "reacties")
    pattern = (
        r" (?:comments?|commentlist|commentslist|commentsection|commentform|usercomments?|"
        r"kommentare?|kommentarliste|leserkommentare?|disqus|respond|commentaires?|comentarios?|"
        r"commenti|komentarze?|reacties) "
    )
    max_share = 0.5
    examples_remove = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        "in the city centre.</p></article>"
        '<div id="comments"><p>Great article, thanks!</p></div></body></html>',
        '<html><body><article><h1>Titel</h1><p>Der Gemeinderat hat am Montag den Neubau der Schule beschlossen, '
        'teilte die Stadt mit.</p></article><section class="kommentare"><div class="kommentar-item">Super Artikel!'
        "</div></section></body></html>",
        '<html><body><article><h1>Titre</h1><p>Le conseil municipal a décidé lundi de construire une nouvelle '
        'école.</p></article><div id="disqus_thread"><p>Enfin une bonne nouvelle !</p></div></body></html>',
    )
    examples_keep = (
        '<html><body><article class="commentary"><h1>Title</h1><p>An opinion piece about the new school, '
        "which the council approved on Monday.</p></article></body></html>",
        '<html><body class="forum thread"><h1>Title</h1><div class="comment"><p>My phone cannot reach the app '
        "store over mobile data since the update. Any idea?</p></div></body></html>",
    )

    def page_ok(self, tree: HtmlElement) -> bool:
        """Not on forum and question-and-answer pages, where the posts are the content."""
        return not _is_forum(tree)

    def match(self, el: HtmlElement, sig: str | None) -> str | None:
        """A comments word; a lone "comment" element only inside a comment section
        (an editor's "comment" on a gallery item is not a reader's), and nothing on
        live tickers, whose play-by-play "comments" are the article."""
        ev = super().match(el, sig)
        if ev is None or sig is None:
            return ev
        if _NOT_COMMENTS.search(sig):
            return None
        if _COMMENT_SECTION.search(sig):
            return ev
        node = el.getparent()
        for _ in range(20):
            if node is None:
                break
            if (node.get("class") or node.get("id")) and _COMMENT_SECTION.search(signature(node)):
                return ev + ", inside a comment section"
            node = node.getparent()
        return None


_COMMENT_SECTION = re.compile(
    r" (?:comments|commentlist|commentslist|commentsection|comment section|comment list|comments area|"
    r"commentform|comment form|comment respond|usercomments|kommentare|kommentarliste|leserkommentare|disqus|"
    r"respond|commentaires|comentarios|komentarze|reacties) "
)
_NOT_COMMENTS = re.compile(r" (?:live|ticker|liveticker|liveblog|live blog|commentary) ")


class DonationWidget(DomRule):
    """Removes donation, membership and paywall boxes found by their class or id.

    Why: ``<div class="donation-box">``, ``<section class="support-us">``,
    ``<div class="paywall">`` hold appeals ("Support independent journalism") or
    the paywall's sales pitch, never the article.
    """

    code = "H102"
    name = "donation-widget"
    category = "appeal"
    stems = ("donat", "spende", "paywall", "support", "member", "contribut", "patreon", "regwall", "payant", "tinypass")
    pattern = (
        r" (?:donate|donation|donations|donations? (?:box|form|banner|cta)|spenden?|spendenbox|paywall|"
        r"paywall \w+|regwall|support us|supportus|support box|support banner|support cta|supporter box|"
        r"membership|membership (?:box|cta|banner|promo)|become member|member cta|contribute|contributions? "
        r"(?:box|banner|cta|epic)|patreon|tinypass|article payant|payant) "
    )
    max_share = 0.3
    examples_remove = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        'in the city centre.</p><div class="donation-box">Support independent journalism. Donate now!</div>'
        "</article></body></html>",
    )
    examples_keep = (
        '<html><body><h1>Title</h1><div class="entry-content paywall"><p>The charity collected donations for '
        "the new school, the council said on Monday.</p></div></body></html>",
    )


class NewsletterWidget(DomRule):
    """Removes newsletter sign-up boxes found by their class or id.

    Why: ``<div class="newsletter-signup">``, Mailchimp and "subscribe" forms ask for
    an e-mail address; they interrupt the article and are not part of it.
    """

    code = "H103"
    name = "newsletter-widget"
    category = "promotion"
    stems = ("newsletter", "subscri", "signup", "sign-up", "sign_up", "mailchimp", "mc4wp", "mc_embed", "optin", "opt-in")
    pattern = (
        r" (?:newsletters?|newsletter\w*|subscribe|subscription|subscribe (?:box|form|widget|cta)|signup|sign up|"
        r"email signup|mailchimp|mc4wp|mc embed signup|optin|opt in) "
    )
    max_share = 0.3
    examples_remove = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        'in the city centre.</p><form class="newsletter-form"><p>Get our daily briefing in your inbox.</p>'
        "</form></article></body></html>",
    )
    examples_keep = (
        '<html><body><article><h1>Title</h1><p>The newsletter of the school reported that the council met on '
        "Monday.</p></article></body></html>",
    )


class RelatedWidget(DomRule):
    """Removes related-article, recommendation and "read next" blocks.

    Why: ``<div class="related-posts">``, ``<section class="more-stories">``,
    Outbrain and Taboola boxes list other articles' headlines and teasers.
    """

    code = "H104"
    name = "related-widget"
    category = "promotion"
    stems = (
        "related", "relacion", "recommend", "outbrain", "taboola", "yarpp", "more-stor", "more_stor", "morestor",
        "more-article", "more_article", "morearticle", "more-news", "more_news", "morenews", "more-about",
        "more_about", "moreabout", "more-from", "more_from", "morefrom", "next-", "next_", "nextstory", "nextpost",
        "nextarticle", "readnext", "popular", "mostread", "most-read", "most_read", "trending", "lesetipp",
        "also-", "also_", "alsoread", "readalso", "read-also", "aussi", "correlat", "powiazane", "rec-post",
        "recirc", "weitere", "tambien", "post-navigation",
    )
    pattern = (
        r" (?:related|relatedposts?|related (?:posts?|articles?|content|stories|news|links?|items?)|rp4wp|yarpp|"
        r"jp relatedposts|crp related|rec posts?|relacionad[ao]s|notas relacionadas|noticias relacionadas|"
        r"recommended|recommendations?|recirc|recirculation|outbrain|taboola|ob widget|more stories|"
        r"more articles|more news|more about|more from|moreabout|read next|next story|nextstory|next post|"
        r"next article|popular posts|most popular|most read|mostread|trending|lesetipps?|weitere artikel|"
        r"weitere beitraege|also read|read also|lire aussi|a lire aussi|articoli correlati|correlati|"
        r"powiazane|lea tambien|vea tambien|post navigation) "
    )
    max_share = 0.35
    examples_remove = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        'in the city centre.</p></article><div class="related-posts"><h3>Related</h3><ul><li><a href="/a">'
        "Another story</a></li></ul></div></body></html>",
    )
    examples_keep = (
        '<html><body><article class="post has-related-posts"><h1>Title</h1><p>The council met on Monday and '
        "decided to build a new school in the city centre, the third in ten years.</p></article></body></html>",
    )


class CaptionElement(DomRule):
    """Removes image captions and photo credits: ``<figcaption>`` and caption/credit boxes.

    Why: a caption describes a picture the text output does not have; a credit
    ("Photo: AP") names who owns it.  Both break the article's prose when kept.
    """

    code = "H105"
    name = "caption-element"
    category = "caption"
    tags = ("figcaption",)
    stems = ("caption", "credit", "copyright", "bildunterschrift", "bildnachweis", "bildquelle", "legend", "didascalia", "pie-de-foto", "pie_foto", "epigrafe", "photo-source", "image-source")
    pattern = (
        r" (?:caption|captions|captiontext|wp caption|wp caption text|credit|credits|photo credit|image credit|"
        r"imagecredit|photocredit|copyright|image copyright|bildunterschrift|bildnachweis|bildquelle|legende|"
        r"legenda|didascalia|pie de foto|pie foto|epigrafe|photo source|image source) "
    )
    max_share = 0.2
    #: A longer "caption" is a gallery's or a video's text, not a picture's caption.
    max_chars = 250
    examples_remove = (
        '<html><body><article><h1>Title</h1><figure><img src="a.jpg"><figcaption>The mayor on Monday. '
        'Photo: AP</figcaption></figure><p>The council met on Monday and decided to build a new school.</p>'
        "</article></body></html>",
        '<html><body><article><h1>Titel</h1><p>Der Gemeinderat hat am Montag den Neubau beschlossen.</p>'
        '<span class="bildunterschrift">Der Bürgermeister. Foto: dpa</span></article></body></html>',
    )
    examples_keep = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        "in the city centre.</p></article></body></html>",
    )


class ShareWidget(DomRule):
    """Removes share bars and social-media buttons.

    Why: ``<div class="share-buttons">``, ``sharedaddy``, AddThis, Shariff and
    "follow us" boxes hold button labels ("Share", "Tweet", "Teilen"), not prose.
    """

    code = "H106"
    name = "share-widget"
    category = "navigation"
    stems = (
        "share", "sharing", "social", "addthis", "addtoany", "a2a", "shariff", "follow-us", "followus",
        "follow_us", "teilen", "compartir", "partag", "condividi", "sd-rating", "likes",
    )
    pattern = (
        r" (?:share|shares|sharing|sharebar|share (?:bar|buttons?|links?|icons?|box|tools|this)|sharethis|"
        r"sharedaddy|sd sharing|sd social|sd rating|sd like|likes widget|jp post flair|social|socials|"
        r"social (?:share|sharing|links?|icons?|buttons?|media|bar|networks?|follow)|addthis|addtoany|a2a|"
        r"a2a kit|shariff|follow us|followus|teilen|teilen leiste|compartir|partage|partager|condividi|ssba) "
    )
    max_share = 0.15
    examples_remove = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        'in the city centre.</p><div class="share-buttons"><a>Share on Facebook</a><a>Tweet</a></div>'
        "</article></body></html>",
    )
    examples_keep = (
        '<html><body><h1>Title</h1><div class="article-body share-enabled"><p>Its market share rose to 12 '
        "percent, the company said on Monday.</p></div></body></html>",
    )


class AuthorBox(DomRule):
    """Removes author biography boxes below or beside the article.

    Why: ``<div class="author-bio">`` ("Jane Smith is a reporter covering...") is
    about the writer, repeated on every article; it is not the article.
    """

    code = "H107"
    name = "author-box"
    category = "structure"
    stems = (
        "author-bio", "author_bio", "authorbio", "author-box", "author_box", "authorbox", "about-author",
        "about_author", "abouttheauthor", "about-the-author", "author-info", "author_info", "authorinfo",
        "author-desc", "author-details", "author-profile", "author-card", "authorcard", "saboxplugin",
        "autorenbox", "autor-box", "autorbox", "autor-info", "autorinfo", "entry-author", "post-author",
        "bio-box", "biobox",
    )
    pattern = (
        r" (?:author bio|authorbio|author box|authorbox|about author|about the author|author info|author "
        r"description|author details|author profile|author card|saboxplugin wrap|autorenbox|autor box|"
        r"autor info|entry author|post author|bio box|biobox) "
    )
    max_share = 0.25
    examples_remove = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        'in the city centre.</p><div class="author-bio">Jane Smith covers city hall.</div></article>'
        "</body></html>",
    )
    examples_keep = (
        '<html><body><article><h1>Title</h1><p class="author">The council met on Monday and decided to build '
        "a new school in the city centre.</p></article></body></html>",
    )


class NavigationList(DomRule):
    """Removes breadcrumbs, tag lists, tables of contents and pagers.

    Why: "Home > Politics > Europe", "Tags: budget, council", "Contents" and "Next
    page" are navigation through the site, not article text.
    """

    code = "H109"
    name = "navigation-list"
    category = "navigation"
    stems = (
        "breadcrumb", "crumb", "tags", "tag-list", "tag_list", "tag-links", "tag-cloud", "taglist", "tagcloud",
        "toc", "table-of-contents", "tableofcontents", "inhaltsverzeichnis", "pagination", "pager", "schlagw",
    )
    pattern = (
        r" (?:breadcrumbs?|breadcrumb \w+|crumbs|tags|tag list|taglist|tag links|tagcloud|tag cloud|post tags|"
        r"article tags|entry tags|tags list|schlagworte|toc|toc container|ez toc container|table of contents|"
        r"tableofcontents|inhaltsverzeichnis|pagination|pager) "
    )
    max_share = 0.15
    #: Navigation is made of links; a "toc" section of prose is a chapter.
    min_link_density = 0.5
    examples_remove = (
        '<html><body><nav class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/news">News</a></nav><article>'
        "<h1>Title</h1><p>The council met on Monday and decided to build a new school in the city centre.</p>"
        '<div class="post-tags">Tags: <a href="/t/s">school</a>, <a href="/t/c">council</a></div></article>'
        "</body></html>",
    )
    examples_keep = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        "in the city centre.</p></article></body></html>",
    )


class SocialEmbed(DomRule):
    """Removes social-media follow boxes and embedded link cards.

    Why: a Facebook page box or a Twitter timeline (``fb-page``, ``twitter-timeline``)
    is a "follow us" widget, and a WordPress link card (``wp-embedded-content``)
    is a teaser of another article.  Embedded single posts (``twitter-tweet``) are
    kept: articles quote them.
    """

    code = "H110"
    name = "social-embed"
    category = "structure"
    stems = ("twitter-timeline", "fb-page", "wp-embedded-content", "fb-like-box")
    pattern = r" (?:twitter timeline|fb page|fb like box|wp embedded content) "
    max_share = 0.3
    examples_remove = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        'in the city centre.</p></article><div class="fb-page"><blockquote>City News on Facebook</blockquote>'
        "</div></body></html>",
    )
    examples_keep = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school.</p>'
        '<blockquote class="twitter-tweet"><p>Great news for our city!</p>&mdash; Mayor (@mayor)</blockquote>'
        "</article></body></html>",
    )


class AdContainer(DomRule):
    """Removes advertisement slots and sponsored-content boxes.

    Why: ``<div class="ad-container">``, ``adsbygoogle``, "Anzeige" and sponsored
    boxes are advertising, inserted into or around the article.
    """

    code = "H111"
    name = "ad-container"
    category = "promotion"
    stems = ("\nad\n", "\nad ", " ad\n", " ad ", "ad-", "ad_", "-ad", "_ad", "ads", "advert", "anzeige", "werbung", "sponsor", "affiliate", "dfp", "gpt", "code-block", "publicidad", "reklama")
    pattern = (
        r" (?:ad|ads|adslot|ad slot|ad container|ad wrapper|ad unit|adunit|adsbygoogle|advert|adverts|"
        r"advertisement|advertising|anzeige|werbung|sponsored|sponsor|sponsored content|affiliate|"
        r"affiliate box|dfp|gpt ad|code block|publicidad|reklama) "
    )
    max_share = 0.2
    examples_remove = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        'in the city centre.</p><div class="ad-container">Advertisement: cheap flights!</div></article>'
        "</body></html>",
    )
    examples_keep = (
        '<html><body><article><h1>Title</h1><p class="lead">The council met on Monday and decided to build a '
        "new school in the city centre.</p></article></body></html>",
    )


class PopupOverlay(DomRule):
    """Removes pop-ups, modal dialogs and cookie or consent banners.

    Why: ``<div class="modal">``, ``cookie-notice`` and consent placeholders
    ("Click the button below to load the content from ...") sit on top of the page;
    they are not the article.
    """

    code = "H112"
    name = "popup-overlay"
    category = "navigation"
    stems = ("modal", "popup", "pop-up", "popmake", "pum", "cookie", "consent", "gdpr", "brlbs", "borlabs", "interstitial", "overlay")
    pattern = (
        r" (?:modal|modal dialog|popup|pop up|popmake|pum|pum overlay|pum container|cookie|cookies|"
        r"cookie (?:banner|notice|consent|bar|layer)|cookiebanner|consent|consent banner|gdpr|brlbs|"
        r"borlabs cookie|brlbs content blocker|interstitial) "
    )
    max_share = 0.3
    examples_remove = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        'in the city centre.</p></article><div class="cookie-notice">We use cookies. Accept?</div>'
        "</body></html>",
    )
    examples_keep = (
        '<html><body><article><h1>Title</h1><p>The council met on Monday to talk about cookies sold at the '
        "school fair.</p></article></body></html>",
    )


DOM_RULES: tuple[type[Rule], ...] = (
    CommentContainer,
    DonationWidget,
    NewsletterWidget,
    RelatedWidget,
    CaptionElement,
    ShareWidget,
    AuthorBox,
    NavigationList,
    SocialEmbed,
    AdContainer,
    PopupOverlay,
)


# -- the scanner -----------------------------------------------------------------


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


def paragraph_len(el: HtmlElement) -> int:
    """Characters of text in the ``<p>`` elements of ``el``."""
    return sum(len(p.text_content()) for p in el.iter("p"))


def link_len(el: HtmlElement) -> int:
    """Characters of link text in ``el``."""
    return sum(len(a.text_content()) for a in el.iter("a"))


_FORUM_WORDS = re.compile(r" (?:forum|forums|thread|topic|discussion|question|questions|qa|answers) ")
_FORUM_SCHEMA = re.compile(r"DiscussionForumPosting|QAPage")


def _is_forum(tree: HtmlElement) -> bool:
    """A forum thread or question-and-answer page, by its ``html``/``body`` classes or
    its schema.org type."""
    root = tree.getroottree().getroot()
    for el in (root, root.find("body")):
        if el is not None and _FORUM_WORDS.search(signature(el)):
            return True
    for script in root.iter("script"):
        if script.get("type") == "application/ld+json" and script.text and _FORUM_SCHEMA.search(script.text):
            return True
    return False


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
