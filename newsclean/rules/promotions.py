"""Other promotions: related-article lists, newsletter prompts, advertisement labels."""

from __future__ import annotations

from collections.abc import Iterator
from heapq import merge

from ..context import Context
from ..rule import Finding, Rule
from ._util import SENTENCE_END, covered, distinct, is_titleish, next_nonblank, quote_hits

_LANGS = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk")

#: How many headline lines a related-articles list may take after its header.
MAX_LIST_ITEMS = 12
#: On a sentence of prose longer than this, one newsletter phrase is not a prompt.
PROSE_MIN_CHARS = 160
#: A sign-up call ("Sign up for Breaking News Alerts") is at most this long.
CALL_MAX_CHARS = 80
#: ... and does not end as a sentence or a clause does (an exclamation mark it may have).
_CLAUSE_END = tuple(e for e in SENTENCE_END if "!" not in e) + (";",)


class RelatedLinks(Rule):
    """Removes related-article markers and the headline lists after them.

    Why: "Read also: ...", "Lesen Sie auch", "À lire aussi", "Lea también:",
    "Czytaj też", "Das könnte Sie auch interessieren" introduce links to other
    articles; the linked headlines are not this article.

    How: a line that starts with a read-also marker and is at most 300 characters
    long goes alone ("Lea también: El Gobierno anuncia ...").  A line that is only a
    related-articles header (or a short line made mostly of a read-also phrase,
    "Das Thema könnte dich auch interessieren:") goes with the headline-like lines right after it
    (short, no full stop, at most 12), stopping at the first line that reads
    as prose.  A list above the article that runs into it, or ends at most four
    lines before it, goes without its lines: they may be the article's own title,
    standfirst and summary bullets (a "Most read" or "Video" menu item above them
    reads as a header).
    """

    code = "R101"
    name = "related-links"
    category = "promotion"
    presets = ("default", "aggressive")
    languages = _LANGS
    examples_remove = (
        "La votação é no domingo.\nLeia também: Cinco coisas para saber sobre a eleição\n",
        "Голосование пройдёт в воскресенье.\nЧитайте также: Пять фактов о выборах\n",
        "The vote is on Sunday.\nRead also: Five things to know about the vote\nPolls open at 8 am.\n",
        "Die Wahl ist am Sonntag.\nDas könnte Sie auch interessieren\nFünf Fakten zur Wahl\nWer kandidiert?\n",
        "Le vote a lieu dimanche.\nÀ lire aussi : Cinq choses à savoir sur le vote\n",
        "La votación es el domingo.\nLea también: Cinco claves de la votación\n",
    )
    examples_keep = (
        "Confira\nOs jogos da rodada são às 16h.\n",
        "Related to the vote, the council also discussed the budget and approved it after a short debate.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        sizes = ctx.sizes
        # the lines of the "related" group and those with a "related_phrase" hit,
        # merged in order one at a time (a flood of "Related" lines would otherwise
        # cost a set entry and a list entry each)
        last_seen = -1
        for i in merge(ctx.iter_group("related"), ctx.iter_with("related_phrase")):
            if i == last_seen:
                continue
            last_seen = i
            hs = ctx.hits(i, "related_phrase")
            header = bool(hs) and sizes[i] <= 100 and covered(hs) * 2 >= sizes[i]
            if not header and "related" not in ctx.line_groups(i) and "related" not in ctx.prefix_groups(i):
                continue
            if not sizes[i] or sizes[i] > 300:
                continue
            if "related" in ctx.line_groups(i) or header:
                last = i
                j = i
                items = 0
                while items < MAX_LIST_ITEMS:
                    j = next_nonblank(ctx, j)
                    if j >= ctx.n or not is_titleish(ctx, j) or ctx.line_groups(j) & {"related", "comment_marker"}:
                        break
                    last = j
                    items += 1
                if items and ctx.leads_into_article(i, last):
                    # the "headlines" lead into the article: they may be its own title,
                    # standfirst and summary bullets under a menu's "Most read" or
                    # "Video"; the header goes alone, the segmenter judges the rest
                    items, last = 0, i
                    what = "no list (the lines after it lead into the article)"
                else:
                    what = f"{items} headline line(s)" if items else "no list"
                yield Finding(i, last, f'related-articles header "{ctx.excerpt(i)}" and {what} after it')
            else:
                for e, n in ctx.prefix_entries.get(i, ()):
                    if e.group == "related":
                        yield Finding(i, i, f'starts with the read-also marker "{e.phrase}"')
                        break


class NewsletterPrompt(Rule):
    """Removes newsletter and sign-up prompts.

    Why: "Sign up for our newsletter", "Newsletter abonnieren", "Inscrivez-vous à
    notre newsletter" advertise the outlet's mailing list.

    How: a newsletter/sign-up phrase from the lexicon on a line of at most 300
    characters; on a sentence of prose longer than 160 characters, two different
    phrases.  A line of at most 80 characters that starts with a sign-up call ("Sign up
    for", "Sign up to") and does not end as a sentence does ("Sign up for Breaking
    News E-mail Alerts", "Sign up to First Edition", "Sign up for StreetInsider Free!"):
    the newsletter's own name follows, in no lexicon.
    """

    code = "R102"
    name = "newsletter-prompt"
    category = "promotion"
    local = True
    languages = _LANGS
    examples_remove = (
        "Głosowanie w niedzielę.\nZapisz się na nasz newsletter\n",
        "The vote is on Sunday.\nSign up for our newsletter to get the best stories in your inbox.\n",
        "Die Wahl ist am Sonntag.\nJetzt zum Newsletter anmelden!\n",
        "The vote is on Sunday.\nSign Up For Breaking News E-mail Alerts\n",
    )
    examples_keep = (
        "Para activar la cuenta, ingresa tu correo electrónico y la contraseña que te enviaron por SMS.\n",
        "The mayor's weekly letter to residents, which she started in 2019, now reaches 40,000 homes.\n",
        "Sign up for the vaccine opened on Monday at every pharmacy, the ministry said.\n",
        "Intro.\nThe ministry said the new rules would let farmers get the best of both the old subsidy scheme and the "
        "new market prices, at least until the review planned for next spring.\nThe review starts in May.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        lines, sizes = ctx.doc.lines, ctx.sizes
        calls = [
            i
            for i in ctx.iter_group("newsletter_call", ("prefix",))
            if sizes[i] <= CALL_MAX_CHARS and not lines[i].rstrip().endswith(_CLAUSE_END)
        ]
        for i in calls:
            yield Finding(i, i, f'sign-up call "{ctx.excerpt(i)}" (a short line that starts with it, not a sentence)')
        done = set(calls)
        for i in ctx.lines_with("newsletter"):
            if sizes[i] > 300 or i in done:
                continue
            hits = ctx.hits(i, "newsletter")
            # one phrase inside a long sentence of prose ("... to get the best of both
            # worlds") is the article's wording; a prompt is short or says it twice
            if ctx.sizes[i] > PROSE_MIN_CHARS and ctx.body_like[i] and distinct(hits) < 2:
                continue
            yield Finding(i, i, f"newsletter/sign-up prompt {quote_hits(ctx, i, hits)}")


class AdvertisementLabel(Rule):
    """Removes advertisement labels and affiliate disclosures.

    Why: "Advertisement", "Anzeige", "Publicité", "Reklama" alone on a line mark an
    ad slot; "This post contains affiliate links" discloses the site's business.

    How: the whole line is an ad label from the lexicon, a line of at most 300
    characters starts with one followed by a separator ("Anzeige: ...",
    "Advertisement - ..."), or a line of at most 400 characters holds an
    affiliate/sponsorship disclosure phrase.
    """

    code = "R103"
    name = "advertisement-label"
    category = "promotion"
    local = True
    languages = _LANGS
    examples_remove = (
        "Dalsza część artykułu pod materiałem wideo\nGłosowanie w niedzielę.\n",
        "Advertisement\nThe vote is on Sunday.\n",
        "Anzeige\nDie Wahl ist am Sonntag.\n",
        "Publicité\nLe vote a lieu dimanche.\n",
        "The best hiking boots of the year, tested on wet hills.\nThis post may contain affiliate links, "
        "which means we may earn a small fee if you buy through them.\n",
    )
    examples_keep = (
        "La publicidad digital creció un 10 % el año pasado, según el informe.\n",
        "The advertisement industry lost 10 percent of its revenue, the report said.\n",
        # an article about affiliate marketing names affiliate links without disclosing any
        "To measure the outcomes of these partnerships, implement affiliate links, UTM tracking and "
        "exclusive discount codes.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        prefixed = set(ctx.lines_in_group("ad_label", ("prefix",)))
        cands = prefixed | set(ctx.lines_in_group("ad_label", ("line",))) | set(ctx.lines_with("ad_label"))
        for i in sorted(cands):
            if any(e.group == "ad_label" for e in ctx.line_entries.get(i, ())):
                yield Finding(i, i, f'advertisement label "{ctx.excerpt(i)}"')
            elif i in prefixed and ctx.sizes[i] <= 300:
                yield Finding(
                    i, i, f'starts with the advertisement label "{ctx.prefix_groups(i)["ad_label"][0].phrase}"'
                )
            elif ctx.sizes[i] <= 400:
                hs = ctx.hits(i, "ad_label")
                if hs:
                    yield Finding(i, i, f"advertising disclosure {quote_hits(ctx, i, hs)}")


RULES = (RelatedLinks, NewsletterPrompt, AdvertisementLabel)
