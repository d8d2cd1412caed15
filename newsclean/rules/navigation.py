"""Navigation and UI chrome: menus, buttons, bullets, share bars, cookie notices."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..rule import Finding, Rule
from ._util import covered, distinct, has_letters, quote_hits

_LANGS = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk")


class UiChrome(Rule):
    """Removes lines that are only a menu entry or a button.

    Why: "Navigation", "Menu", "Share", "Continue reading", "Zum Inhalt springen",
    "Plus d'articles" alone on a line are the page's interface, not the article.

    How: the whole line (edges stripped of bullets and punctuation, numbers as #)
    is one of the lexicon's navigation entries.  Words inside a sentence never
    match: only a line that is nothing but the entry.
    """

    code = "N101"
    name = "ui-chrome"
    category = "navigation"
    local = True
    languages = _LANGS
    examples_remove = (
        "Minister podał się do dymisji.\nTen tekst przeczytasz w 5 minut\n",
        "Navigation\nThe minister resigned on Friday.\n",
        "Der Minister trat am Freitag zurück.\nZum Inhalt springen\n",
        "Le ministre a démissionné vendredi.\nMenu\n",
    )
    examples_keep = (
        "Buscar trabajo es difícil, dijo el ministro.\nCompartir gastos ayuda a muchas familias.\n",
        "Share prices fell sharply on Monday.\nContinue to monitor the situation, officials said.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        for i, entries in ctx.line_entries.items():
            for e in entries:
                if e.group == "nav":
                    yield Finding(i, i, f'the line is the menu/button text "{ctx.excerpt(i)}" ({e.lang})')
                    break


_SYMBOLS_ONLY_BREAK = set("*-\u2013\u2014_=~#. \t\u00a0")
# A comma or semicolon next to another symbol ends a clause of code ("*," of
# "SELECT *,", "});"); menus leave bullets and separators, or a lone comma.
_CODE_PUNCT = re.compile(r"[^\s,;][,;]|[,;][^\s,;]")
#: Symbols that menus and lists leave behind (bullets, arrows, separators).
_CHROME_SYMBOLS = set(
    "\u2022\u00b7\u25cf\u25aa\u25a0\u25a1\u25c6\u25c7\u25cb\u25e6\u2219\u22c5\u25ba\u25b6\u25b8\u25b9\u203a\u00bb\u00ab\u2039"
    "<>|/\\\u2192\u2190\u2191\u2193\u27f6\u2794\u279c\u2713\u2714\u2715\u2716\u00d7+\u2013\u2014-:;,.\u2026*#~^\u00b0"
    "\u2630\u2261\u22ee\u22ef\u25bc\u25b2\u2303\u2304\u2715\u2606\u2605\u2665\u2661 \t\u00a0\u200b"
)


class LoneSymbols(Rule):
    """Removes lines made only of bullets, arrows and other symbols.

    Why: scraped menus leave lines like "•", "»", "|" or "→" behind; they carry no
    text.  Section breaks made only of asterisks or dashes ("* * *") are part of
    the article's layout and are kept.

    How: the line is made only of bullets, arrows, separators and the like (no
    letter, no digit, no emoticon such as "=)"), and is not a plain section break.
    A line where a comma or a semicolon touches another symbol ("*," of
    ``SELECT *,``, "});") is code and is kept.
    """

    code = "N102"
    name = "lone-symbols"
    category = "navigation"
    local = True
    languages = ("*",)
    examples_remove = (
        "Join us\n  \u2022 \u00a0\nThe storm hit the coast at night.\n",
        "\u00bb\nDer Sturm traf die Küste.\n",
    )
    examples_keep = (
        "The storm hit the coast.\n* * *\nBy morning it had passed.\n",
        "Score: 3:1\n",
        "SELECT\n  *,\n  count(*) AS visits\nFROM pageviews;\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        for i, line in enumerate(ctx.doc.lines):
            s = line.strip()
            if not s or len(s) > 40 or has_letters(s) or any(c.isdigit() for c in s):
                continue
            if set(s) <= _SYMBOLS_ONLY_BREAK or not set(s) <= _CHROME_SYMBOLS:
                continue
            if _CODE_PUNCT.search(s):
                continue  # "*," or "});" is a line of code (SELECT *, ...), not a menu's residue
            yield Finding(i, i, f'only symbols: "{s}"')


#: Over this many characters, a line with a single share phrase must be mostly that phrase.
SHARE_LONG = 100


class SharePrompt(Rule):
    """Removes share, follow and join-our-channel prompts.

    Why: "Share this article", "Follow us on Twitter", "Join our Telegram channel",
    "Folgen Sie uns auf Instagram" and bare lists of network names are the page's
    social buttons.

    How: a line of at most 160 characters with a share/follow phrase from the
    lexicon (over 100 characters, two phrases or one that covers a quarter of it: a
    single "spread the word" inside a quoted sentence is prose), or that starts with
    a follow/join verb and names a social network ("Follow The Gleaner on Twitter";
    up to 300 characters when it names two), or a short line made mostly of network
    names.
    """

    code = "N103"
    name = "share-prompt"
    category = "navigation"
    local = True
    languages = _LANGS
    examples_remove = (
        "La votación es el domingo.\nSíguenos en Facebook e Instagram\n",
        "Join our new Telegram channel and get important news uncensored!\nThe vote is on Sunday.\n",
        "Die Wahl ist am Sonntag.\nFolgen Sie uns auf Facebook und Instagram\n",
        "The vote is on Sunday.\nFacebook Twitter WhatsApp Email\n",
    )
    examples_keep = (
        "Il a publié des photos sur les réseaux sociaux avant de partager sur Instagram une vidéo du concert.\n",
        "Shares of the company rose after it said it would follow the new rules on Twitter accounts.\n",
        '"I did not come to spy or to spread the word," the coach said of his visit to the rival team\'s training ground.\n',
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        cands = set(ctx.lines_with("share", "network")) | set(ctx.lines_in_group("share_verb", ("prefix",)))
        for i in sorted(cands):
            size = ctx.sizes[i]
            if not size or size > 300:
                continue
            hs = ctx.hits(i, "share") if size <= 160 else []
            if hs and size > SHARE_LONG and distinct(hs) == 1 and covered(hs) * 4 < size:
                hs = []  # one phrase in a sentence ("... to spy or spread the word, it ...")
            if hs:
                yield Finding(i, i, f"share/follow prompt {quote_hits(ctx, i, hs)}")
                continue
            if "share_verb" in ctx.prefix_groups(i):
                ns = ctx.hits(i, "network")
                if ns and (size <= 160 or len(ns) >= 2):
                    verb = ctx.prefix_groups(i)["share_verb"][0].phrase.strip()
                    yield Finding(i, i, f'"{verb}" prompt naming {quote_hits(ctx, i, ns)}')
                    continue
            if size <= 100 and "share_verb" not in ctx.prefix_groups(i):
                ns = ctx.hits(i, "network")
                if len(ns) >= 2 and covered(ns) >= 0.6 * len(re.sub(r"\W", "", ctx.folded[i])):
                    yield Finding(i, i, f"list of social networks {quote_hits(ctx, i, ns)}")


class CookieNotice(Rule):
    """Removes cookie and consent notices.

    Why: "We use cookies to improve your experience", "Diese Website verwendet
    Cookies" are legal banners of the site.

    How: a cookie/consent phrase from the lexicon on a line of at most 800
    characters.
    """

    code = "N104"
    name = "cookie-notice"
    category = "navigation"
    local = True
    languages = _LANGS
    examples_remove = (
        "Głosowanie odbędzie się w niedzielę.\nUżywamy informacji zapisanych za pomocą plików cookies w celu zapewnienia maksymalnej wygody.\n",
        "The vote is on Sunday.\nWe use cookies to give you the best experience. By continuing to use this site you agree.\n",
        "Die Wahl ist am Sonntag.\nDiese Website verwendet Cookies. Alle Cookies akzeptieren\n",
    )
    examples_keep = (
        "La CNIL a sanctionné Google : il doit être aussi simple de refuser les cookies que de les accepter.\n",
        "The bakery sold 4,000 cookies in one day, the owner said.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        for i in ctx.lines_with("cookie"):
            if ctx.sizes[i] <= 800:
                yield Finding(i, i, f"cookie/consent notice {quote_hits(ctx, i, ctx.hits(i, 'cookie'))}")


_CRUMB_ANY = re.compile(r"[\u203a\u00bb>\u2192\u276f\u25b8\u25b6/]").search
# "/" and ">" only separate when spaced ("Home / News"): unspaced they are paths,
# fractions, code and web addresses
_CRUMB_SEP = re.compile(r"\s*(?:\u203a|\u00bb|\u2192|\u276f|\u25b8|\u25b6)\s*|\s+(?:>|/)\s+")
_WEBISH = re.compile(r"\w\.[a-z]{2,}\b|&&|[$={};]")


class Breadcrumb(Rule):
    """Removes breadcrumb trails such as "Home › News › Politics".

    Why: the trail is the site's navigation.

    How: a line of at most 200 characters split by ›, », → or a spaced " > " or " / "
    into three or more parts, each a few words with letters and no sentence
    punctuation; lines with web addresses or code are left alone.
    """

    code = "N105"
    name = "breadcrumb"
    category = "navigation"
    presets = ("default", "aggressive")
    local = True
    languages = ("*",)
    examples_remove = (
        "Home \u203a News \u203a Politics\nThe minister resigned.\n",
        "Startseite » Politik » Ausland\nDer Minister trat zurück.\n",
    )
    examples_keep = ("Revenue grew > 5% in Q3 / Q4, the CEO said.\n", "The ratio was 3 / 4 / 5.\n")

    def detect(self, ctx: Context) -> Iterator[Finding]:
        for i, line in enumerate(ctx.doc.lines):
            size = ctx.sizes[i]
            if size < 8 or size > 200:
                continue
            if not _CRUMB_ANY(line):
                continue
            if "://" in line or _WEBISH.search(line):
                continue
            parts = [p for p in _CRUMB_SEP.split(line.strip()) if p]
            if len(parts) < 3:
                continue
            if all(
                has_letters(p)
                and len(p.split()) <= 5
                and not p.rstrip().endswith((".", "!", "?", ","))
                and not any(c in p for c in ":\\=@")
                for p in parts
            ):
                if sum(1 for p in parts if "%" in p or any(c.isdigit() for c in p)) <= 1:
                    yield Finding(i, i, f'breadcrumb of {len(parts)} parts: "{ctx.excerpt(i)}"')


_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b|\u2117)", re.IGNORECASE)
_COPYRIGHT_FIRST = "©(Cc\u2117"


class LegalFooter(Rule):
    """Removes copyright and legal footer lines.

    Why: "© 2020 Example Media. All rights reserved", "Alle Rechte vorbehalten",
    "Nachdruck nur mit Genehmigung" belong to the site's footer.

    How: a line of at most 250 characters that holds a legal phrase from the
    lexicon, or that starts with ©, (c) or "Copyright" and is at most 200
    characters long.
    """

    code = "N106"
    name = "legal-footer"
    category = "navigation"
    local = True
    languages = _LANGS
    examples_remove = (
        "Głosowanie w niedzielę.\nMateriał chroniony prawem autorskim - zasady przedruków określa regulamin.\n",
        "The vote is on Sunday.\n© 2020 Example Media Inc. All rights reserved.\n",
        "Die Wahl ist am Sonntag.\nAlle Rechte vorbehalten.\n",
    )
    examples_keep = (
        "El juez ordenó la detención sin autorización previa del fiscal, según fuentes judiciales.\n",
        "The publisher said all rights to the novel had been sold to a film studio, which plans a series.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        lines = ctx.doc.lines
        legal = set(ctx.lines_with("legal"))
        # one pass in line order, not a set of candidates (every line of a flood of
        # "Comments" lines starts with a "C")
        for i, line in enumerate(lines):
            if i not in legal and line.lstrip()[:1] not in _COPYRIGHT_FIRST:
                continue
            size = ctx.sizes[i]
            if not size or size > 250:
                continue
            hs = ctx.hits(i, "legal")
            if hs:
                yield Finding(i, i, f"legal footer {quote_hits(ctx, i, hs)}")
            elif size <= 200 and _COPYRIGHT.match(line):
                yield Finding(i, i, f'copyright line "{ctx.excerpt(i)}"')


_HAS_DIGIT = re.compile(r"\d").search
_DATE_ONLY = re.compile(
    r"^\W{0,3}(?:\w+,?\s+)?(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+\d{4}|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
    r"(?:[,\s|\u2013-]+(?:um\s+|at\s+|à\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:uhr|am|pm|h))?)?\W{0,3}$",
    re.IGNORECASE,
)


class MetadataLine(Rule):
    """Removes metadata lines: categories, tags, update stamps, contact lines, bare dates.

    Why: "Category: News", "Schlagworte: Energie, Klima", "Last updated 5 May 2021",
    "Tel.: 030 1234", "23.10.2018" alone on a line are the page's filing data, not
    the story.

    How: a line of at most 150 characters that starts with a metadata label from the
    lexicon, or a line that is only a full date (day, month and year), with or
    without a weekday and a time.
    """

    code = "N107"
    name = "metadata-line"
    category = "navigation"
    presets = ("default", "aggressive")
    local = True
    languages = _LANGS
    examples_remove = (
        "Publicado el 12 de mayo de 2022 a las 10:30\nEl ministro dimitió el viernes.\n",
        "The minister resigned on Friday.\nCategory: Politics\n",
        "Der Minister trat am Freitag zurück.\nSchlagworte: Politik, Rücktritt\n",
        "23.10.2018\nDer Minister trat am Freitag zurück.\n",
    )
    examples_keep = (
        "Publié le 3 mars, le rapport de la Cour des comptes recommande de supprimer la taxe.\nLe ministre a réagi.\n",
        "In 2018 the minister resigned.\nOctober 2018\nTags are the labels of the new system, the minister said.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        labelled = set(ctx.lines_in_group("meta_prefix", ("prefix",)))
        lines, sizes = ctx.doc.lines, ctx.sizes
        # one pass in line order (a set of the short lines would cost some 60 bytes
        # a line on a text of a million short lines)
        for i, size in enumerate(sizes):
            if i in labelled and size <= 150:
                yield Finding(i, i, f'metadata label "{ctx.prefix_groups(i)["meta_prefix"][0].phrase}"')
            elif 0 < size <= 40 and _HAS_DIGIT(lines[i]) and _DATE_ONLY.match(lines[i]):
                yield Finding(i, i, f'only a date: "{lines[i].strip()}"')


RULES = (UiChrome, LoneSymbols, SharePrompt, CookieNotice, Breadcrumb, LegalFooter, MetadataLine)
