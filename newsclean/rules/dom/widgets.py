"""The DOM rules themselves (H101 to H112, without H108): comment sections,
donation, newsletter, related-article, share, author, navigation, social, ad and
pop-up boxes, and captions, each found by its markup.  See :mod:`newsclean.rules.dom`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from ...rule import Rule
from .base import DomRule, signature

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = [
    "DOM_RULES",
    "AdContainer",
    "AuthorBox",
    "CaptionElement",
    "CommentContainer",
    "DonationWidget",
    "NavigationList",
    "NewsletterWidget",
    "PopupOverlay",
    "RelatedWidget",
    "ShareWidget",
    "SocialEmbed",
]


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
        # a section whose id is a slug of its heading (documentation tools): the id says
        # what the heading says
        '<html><body><h1>Working with forms</h1><p>Forms collect what a user types and check it.</p>'
        '<section id="s-more-about-form-classes"><h2>More about form classes</h2><p>All form classes are '
        "created as subclasses of one base class, which gives them their common behaviour.</p></section>"
        "</body></html>",
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
        # a subheading whose id is a slug of its own text: the id says what the text says
        '<html><body><h1>Selling on Instagram</h1><h2 class="wp-block-heading" id="h-why-use-social-shopping">'
        "Why Use Social Shopping?</h2><p>Customers already spend hours in the app every day.</p></body></html>",
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


_CODE_BLOCK = re.compile(r"(?<= )code block(?= )")
_HOLDS_CODE = etree.XPath("boolean(.//pre | .//code)")


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
        # an ad-insertion plugin's slot
        '<html><body><article><h1>Title</h1><p>The council met on Monday and decided to build a new school '
        'in the city centre.</p><div class="code-block code-block-3">Cheap flights to Rome!</div></article>'
        "</body></html>",
    )
    examples_keep = (
        '<html><body><article><h1>Title</h1><p class="lead">The council met on Monday and decided to build a '
        "new school in the city centre.</p></article></body></html>",
        # a code listing: "code block" names it too
        '<html><body><article><h1>Install it</h1><p>Create the site with one command, then start it.</p>'
        '<div class="codeBlockContainer theme-code-block"><pre><code>npx create-site my-website</code></pre>'
        "</div></article></body></html>",
    )

    def match(self, el: HtmlElement, sig: str | None) -> str | None:
        ev = super().match(el, sig)
        if sig is not None and ev == "class/id word 'code block'" and _HOLDS_CODE(el):
            # "code-block" is an ad-insertion plugin's slot, and also what sites call
            # a code listing: one that holds <pre> or <code> is the listing (unless
            # another of its words says ad)
            ev = super().match(el, _CODE_BLOCK.sub("", sig))
        return ev


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
