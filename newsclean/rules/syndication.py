"""Syndication and republication notices, automated-feed disclaimers."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..rule import Finding, Rule
from ._util import distinct, quote_hits

_LANGS = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk")
#: A notice recognised only by a bare phrase at its start has at most this many words.
LEAD_MAX_WORDS = 20


class RepublicationNotice(Rule):
    """Removes republication notices.

    Why: "This article was originally published by Radio Free Europe and is
    reprinted with permission", "Dieser Artikel erschien zuerst in der Zeit",
    "Cet article a été initialement publié sur ..." describe where the text comes
    from; they are not the story.

    How: a line of at most 400 characters with a republication phrase.  Phrases
    that speak of the text itself or of a permission ("this article was
    originally", "reprinted with permission", "erschien zuerst") are enough alone;
    bare ones ("originally published", "first appeared") need a second phrase or
    the line to start with them ("Originally published at ...") and to be short
    (at most 20 words), so that "the study, originally published in Nature, ..."
    and "First published in 2003 and funded by ..., the survey found ..." stay.
    """

    code = "S101"
    name = "republication-notice"
    category = "syndication"
    local = True
    languages = _LANGS
    examples_remove = (
        "Wysłannik pojedzie do Waszyngtonu.\nTekst ukazał się pierwotnie w tygodniku „Polityka”. Publikujemy za zgodą redakcji.\n",
        "Intro.\nThis article was originally published by Radio Free Europe/Radio Liberty and is reprinted with permission.\n"
        "The envoy will visit Washington.\nOfficials confirmed the trip.\n",
        "Der Gesandte reist nach Washington.\nDieser Artikel erschien zuerst bei der Zeit.\n",
        "L'envoyé se rend à Washington.\nCet article a été initialement publié sur le site de France 24.\n",
    )
    examples_keep = (
        "Intro.\nArtykuł ukazał się w czasopiśmie „Nature” i opisuje nową metodę leczenia.\nBadacze są optymistami.\nInni nie.\n",
        "Intro.\nEl partido firmó un acuerdo en alianza con los socialistas para las elecciones municipales de mayo.\nFue una sorpresa.\nNadie lo esperaba.\n",
        "The envoy will visit Washington.\nThe study, originally published in Nature in 2019, found that the ice is melting faster.\n"
        "Its authors were surprised.\nOthers were not.\n",
        "The envoy will visit Washington.\nFirst published in 1998 and updated every spring since, the survey of coastal "
        "towns found that most harbours had silted up within a generation.\nIts authors were surprised.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        for i in ctx.lines_with("republication", "republication_weak"):
            if ctx.sizes[i] > 400:
                continue
            strong = ctx.hits(i, "republication")
            if strong:
                yield Finding(i, i, f"republication notice {quote_hits(ctx, i, strong)}")
                continue
            weak = ctx.hits(i, "republication_weak")
            lead = (
                min(h.start for h in weak) <= len(ctx.doc.lines[i]) - len(ctx.doc.lines[i].lstrip(" \t\u00a0*([_")) + 1
            )
            # a notice is a short line: "First published in 2003, the survey found
            # that ..." is a sentence of the article that happens to start that way
            if distinct(weak) >= 2 or (lead and len(ctx.doc.lines[i].split()) <= LEAD_MAX_WORDS):
                yield Finding(
                    i,
                    i,
                    f"republication notice {quote_hits(ctx, i, weak)}" + (" at the start of the line" if lead else ""),
                )


class FeedDisclaimer(Rule):
    """Removes automated-feed and wire disclaimers.

    Why: "(This is an unedited, automatically generated article from a syndicated
    news feed ...)", "Dies ist ein unbearbeiteter, automatisch generierter Artikel
    aus einem syndizierten Newsfeed" tell how the page was produced.

    How: a line of at most 600 characters with two different feed phrases
    ("automatically generated", "syndicated feed", "unedited", ...), or one phrase
    on a short line (at most 250 characters) that is bracketed or marked as a note.
    """

    code = "S102"
    name = "feed-disclaimer"
    category = "syndication"
    local = True
    languages = _LANGS
    examples_remove = (
        "Rusia quiere inversores.\n(Este artículo fue generado automáticamente y no ha sido editado por la redacción.)\n",
        "Russia wants investors in the Arctic.\n(Dies ist ein unbearbeiteter, automatisch generierter Artikel aus einem "
        "syndizierten Newsfeed. Mitarbeiter dürfen den Inhalt nicht ändern oder bearbeiten.)\n",
        "Russia wants investors.\n(This story has not been edited by our staff and is published from a syndicated feed.)\n",
    )
    examples_keep = (
        "El vídeo sin editar muestra la detención, dijo el abogado, que pidió que se publicara completo.\n",
        "The text was automatically generated by a chatbot, the researchers said, and nobody noticed for weeks.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        for i in ctx.lines_with("feed_disclaimer"):
            size = ctx.sizes[i]
            if size > 600:
                continue
            hs = ctx.hits(i, "feed_disclaimer")
            s = ctx.doc.lines[i].strip()
            bracketed = s[:1] in "([*_" or s.lower().startswith(
                ("note", "hinweis", "disclaimer", "nota", "remarque", "uwaga", "opmerking", "примечание", "примітка")
            )
            if distinct(hs) >= 2 or (bracketed and size <= 250):
                yield Finding(i, i, f"automated-feed disclaimer {quote_hits(ctx, i, hs)}")


RULES = (RepublicationNotice, FeedDisclaimer)
