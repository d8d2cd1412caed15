"""The HTML block segmenter as a rule (M102): the blocks of a page outside its article.

The work is done by the HTML mode's block engine (``explain_html(page,
engine="blocks")``, :mod:`newsclean.segment.blocks`); this class makes it a rule like
any other, so that it is listed by ``newsclean rules``, documented by ``newsclean rule
M102``, and selected or ignored by code, name or category (``ignore=["M102"]``,
``--ignore M102``, ``ignore = ["M102"]`` in ``[tool.newsclean]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from ..rule import Finding, Rule

if TYPE_CHECKING:
    from ..context import Context

__all__ = ["HtmlBlockSegmenter", "RULES"]


class HtmlBlockSegmenter(Rule):
    """Removes the blocks of an HTML page that a learned model reads as outside the
    article body (the block engine, ``engine="blocks"``, only).

    **What.** The page is walked once into paragraph-level blocks (``p``, ``li``,
    headings, table cells, ``div`` text, ``<br>`` breaks ...); each block gets one of
    five states: before the body, body, noise inside the body, after the body,
    reader comments.  Every block that is not body goes, as one removal with the
    state and what the model saw.

    **Why.** A page says where its article is in its markup as much as in its words:
    menus and footers are lists of links inside ``nav`` and ``footer``, teasers sit in
    ``aside`` boxes with ``related`` in their class, the article is a run of long
    paragraphs in one container.  These signals carry over to sites never seen;
    phrases do not.

    **How.** Per block, the text segmenter's line features (M101) plus link density,
    text density (Kohlschütter et al. 2010), tag and ancestors (``nav``, ``aside``,
    ``footer``, ``header``, ``form`` ...), depth, whether the block is in the page's
    main container, the neighbours' densities, and a small learned vocabulary of
    class/id words; a multinomial logistic regression scores the states and Viterbi
    decoding picks the likeliest sequence (:mod:`newsclean.segment.blocks`; the model
    is data, ``newsclean/segment/data/blocks-v1.json``, with a model card).  When the
    model keeps no block of a page, the default engine (trafilatura) answers instead.
    Ignoring this rule keeps every block the model would drop: the DOM rules
    (``H1xx``) and the text rules still run on the page's blocks.  In text mode, and
    with the default HTML engine, it finds nothing.
    """

    code = "M102"
    name = "html-block-segmenter"
    category = "segmenter"
    #: A rule of the HTML block engine: the generic tests of text examples skip it,
    #: and the engine's text pass does not run it.
    input: ClassVar[str] = "html"
    examples_remove = (
        '<html><head><title>Council votes</title></head><body><nav class="main-menu"><ul><li><a href="/">Home'
        '</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav><article>'
        "<h1>The council votes for a new school</h1><p>The council met on Monday evening and decided, after a "
        "long debate, to build a new primary school in the city centre, which the mayor said would open in two "
        "years.</p><p>The school will have room for 420 pupils, and most of the money comes from a national "
        "fund for school buildings, the council said.</p></article><footer><p>Copyright 2026 Example Media. "
        "All rights reserved.</p></footer></body></html>",
    )
    examples_keep = (
        "<html><head><title>Council votes</title></head><body><article><h1>The council votes for a new school"
        "</h1><p>The council met on Monday evening and decided, after a long debate, to build a new primary "
        "school in the city centre, which the mayor said would open in two years.</p><p>The school will have "
        "room for 420 pupils, and most of the money comes from a national fund for school buildings, the "
        "council said.</p><p>Parents had complained for years that the two schools of the district were full, "
        "and some children travel forty minutes each morning.</p></article></body></html>",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        """The block segmenter finds nothing in plain text: it reads a page's blocks
        (see :func:`newsclean.html.explain_html`)."""
        return iter(())


RULES: tuple[type[Rule], ...] = (HtmlBlockSegmenter,)
