"""Image captions and photo credits."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..rule import Finding, Rule
from ._util import SENTENCE_END, next_nonblank, prev_nonblank

_LANGS = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk")

#: Captions are short; a longer line with a credit word is article prose.
MAX_CAPTION_CHARS = 300

# A credit at the end of a line: "(Photo: AP)", "(council.gov.ru/WikiCommons)",
# "[Getty Images]", "Foto: dpa", "© Reuters", "| Bild: Keystone", "/ dpa".
_TRAILING_PAREN = re.compile(r"[(\[]([^()\[\]]{2,90})[)\]]\s*\W{0,2}\s*$")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:[a-z]{2,6})(?:/\S*)?\b", re.IGNORECASE)
#: A credit in brackets never starts with one of these (a string literal of code does).
_QUOTES = ("'", '"', "`")
#: What may stand right before a trailing credit.
_CREDIT_LEAD = "|/\u2013\u2014-(,.:;\u00a9"
#: Words a credit may take after its marker ("Foto: Jane Smith / dpa-Zentralbild").
MAX_CREDIT_WORDS = 8


def _sign_off(ctx: Context, i: int, before: str) -> bool:
    """A wire story's sign-off, not a caption: the agency in brackets closes a
    sentence ("... uważane za kraj ryzyka.(PAP)") on the line right after a paragraph
    of the article, and the article ends there: the next line is not a paragraph, or
    the body-like lines below hold less text than those above (a comment form's
    notice, a teaser: what stays below an article once its page furniture is gone,
    so that cleaning the output again gives the same verdict)."""
    text = before.rstrip(" ([")
    if not text.endswith(SENTENCE_END) or len(text.split()) < 8:
        return False
    prev, nxt = prev_nonblank(ctx, i), next_nonblank(ctx, i)
    if prev < 0 or ctx.body_like[prev] != 1:
        return False
    return nxt >= ctx.n or ctx.body_like[nxt] == 0 or ctx.body_chars(i + 1, ctx.n - 1) < ctx.body_chars(0, i - 1)


class PhotoCredit(Rule):
    """Removes photo-credit lines: "Photo: AP", "Foto: dpa", "Crédits photos : AFP".

    Why: a credit names who took or owns an image; it is page furniture.

    How: the line starts with a credit marker from the lexicon ("Photo:", "Foto:",
    "Bild:", "Crédit photo :", "Фото:", "©") and is at most 300 characters long.
    """

    code = "P101"
    name = "photo-credit"
    category = "caption"
    local = True
    languages = _LANGS
    examples_remove = (
        "Fot. Łukasz Nowak / Agencja Gazeta\nMinister podał się do dymisji.\n",
        "Foto: dpa\nDer Minister trat am Freitag zurück.\n",
        "The minister resigned on Friday.\nPhoto: Jane Smith/AP\n",
        "Le ministre a démissionné.\nCrédits photos : AFP\n",
    )
    examples_keep = (
        "Crédit immobilier : les taux remontent pour le troisième mois consécutif, selon le courtier.\n",
        "Photography is a hobby for many; the exhibition shows 200 pictures by amateurs from the region.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        for i, found in ctx.prefix_entries.items():
            if ctx.sizes[i] > MAX_CAPTION_CHARS:
                continue
            for e, _ in found:
                if e.group == "credit_prefix":
                    yield Finding(i, i, f'starts with the credit marker "{e.phrase}"')
                    break


class CaptionWithCredit(Rule):
    """Removes image captions that end with a credit.

    Why: "Kirill Dmitriev (council.gov.ru/WikiCommons)", "Protesters in Berlin.
    (Photo: Reuters)", "Die Bundeskanzlerin am Montag. Foto: dpa" describe an image,
    not the story.

    How: a line of at most 300 characters ending with a credit: a parenthesised or
    trailing part that names an image source from the lexicon (agencies, stock and
    wiki image libraries) or starts with a credit marker ("Photo:", "Foto:", "©").
    A news agency named in a sentence ("..., Reuters reported.") is not a credit.
    """

    code = "P102"
    name = "caption-credit"
    category = "caption"
    # not local: a wire story's sign-off is told from a caption by the lines around it
    languages = ("*",)
    examples_remove = (
        "Minister podczas konferencji w Warszawie, fot. PAP/Paweł Supernak\nMinister podał się do dymisji.\n",
        "Kirill Dmitriev (council.gov.ru/WikiCommons)\nThe envoy will visit Washington.\n",
        "Die Kanzlerin am Montag in Berlin. Foto: dpa\nSie sprach über die Krise.\n",
        "Protesters gather outside parliament. (Getty Images)\nThe protest was peaceful.\n",
    )
    examples_keep = (
        "Ha pubblicato su Instagram una foto di sua figlia con il nonno.\nIl post ha avuto molti like.\n",
        "Das Bild zeigt ein Foto von ihm.\nEs hängt im Rathaus.\n",
        "The envoy will meet officials on Wednesday, Reuters reported.\n",
        "He used to work for the Associated Press (AP) in Moscow, where he covered the Kremlin for ten years.\n",
        "Then save it:\nf.save('/var/www/uploads/report.txt')\nThe file is now on the server.\n",
        # a wire story's sign-off after its last paragraph
        "Dotychczas drogą zarażenia H5N1 był bezpośredni kontakt ludzi z drobiem, a naukowcy obawiają się "
        "wybuchu pandemii, jeśli wirus zmutuje.\nZe względu na największą liczbę drobiu na świecie Chiny są "
        "uważane za kraj ryzyka.(PAP)\nPodziel się\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        lines, sizes = ctx.doc.lines, ctx.sizes
        cands = set(ctx.lines_with("credit_source", "credit_marker"))
        cands.update(i for i, line in enumerate(lines) if line.rstrip().endswith((")", "]")))
        for i in sorted(cands):
            if sizes[i] < 4 or sizes[i] > MAX_CAPTION_CHARS:
                continue
            s = lines[i].rstrip()
            why = self._paren_credit(ctx, i, s) if s.endswith((")", "]")) else None
            if why is None:
                why = self._trailing_credit(ctx, i, s)
            if why:
                yield Finding(i, i, why)

    @staticmethod
    def _paren_credit(ctx: Context, i: int, s: str) -> str | None:
        m = _TRAILING_PAREN.search(s[-100:])
        if not m or len(m.group(1).split()) > 6 or m.group(1).lstrip().startswith(_QUOTES):
            # a quoted string in brackets is code ("f.save('/var/www/file.txt')",
            # "s.get('https://example.org/x')"), never a credit
            return None
        start = len(s) - 100 + m.start(1) if len(s) > 100 else m.start(1)
        credit = m.group(1)
        for h in ctx.hits(i, "credit_source", "credit_marker"):
            if h.start >= start:
                return f'caption ends with the credit "({credit})": image source "{s[h.start : h.end]}"'
        agencies = ctx.lexicon.words(ctx.folded[i][start : start + len(credit)], "credit_source")
        if agencies and (len(credit.split()) <= 3 or "/" in credit):
            if _sign_off(ctx, i, s[:start]):
                return None
            return f'caption ends with the credit "({credit})": agency "{agencies[0]}"'
        if "/" in credit and _DOMAIN.search(credit):
            return f'caption ends with the credit "({credit})": a web address as source'
        return None

    @staticmethod
    def _trailing_credit(ctx: Context, i: int, s: str) -> str | None:
        markers = [h for h in ctx.hits(i, "credit_marker") if h.start >= len(s) - 100]
        if not markers:
            return None
        h = max(markers, key=lambda h: h.start)
        before = s[: h.start].rstrip()
        if before and before[-1] not in _CREDIT_LEAD:
            return None  # "... zeigt ein Foto von ihm": a marker inside a sentence
        credit = s[h.start :]
        words = len(credit.split())
        if words < 2 or words > MAX_CREDIT_WORDS + 1:
            return None
        marker = s[h.start : h.end]
        if not marker.rstrip().endswith((":", "/", "\u00a9")) and credit.rstrip().endswith((".", "!", "?")):
            return None  # a marker without a colon ends no sentence
        return f'caption ends with the credit "{credit}" (marker "{s[h.start : h.end]}")'


class GalleryChrome(Rule):
    """Removes image-gallery and player controls: "Image 3 of 12", "Enlarge image".

    Why: they are the controls of a slideshow or video player that the scraper
    turned into text.

    How: the whole line is one of the lexicon's gallery/player entries, and not a
    rating ("4.7/5": a gallery counts whole images).
    """

    code = "P103"
    name = "gallery-chrome"
    category = "caption"
    local = True
    languages = _LANGS
    examples_remove = (
        "Zdjęcie 3 z 12\nPowódź dotarła do starego miasta.\n",
        "Image 3 of 12\nThe flood reached the old town.\n",
        "Bild 3 von 12\nDas Hochwasser erreichte die Altstadt.\n",
    )
    examples_keep = (
        "Three of the 12 images show the old town under water.\n",
        "FreshBooks\nOverall score\n4.7/5\nPricing\n4.3/5\nThe software suits freelancers who invoice often.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        lines = ctx.doc.lines
        for i, entries in ctx.line_entries.items():
            # judged on the line alone (the rule is local): a whole "5/5" stays a counter
            if any(e.group == "caption_line" for e in entries) and not _RATING.search(lines[i]):
                yield Finding(i, i, f'gallery/player control "{ctx.excerpt(i)}"')


# a score with a decimal part ("4.7/5", "3,8 von 5") is a rating: a gallery counts in
# whole images
_RATING = re.compile(r"\d[.,]\d+\s*(?:/|[^\W\d_]{1,4})\s*\d")


RULES = (PhotoCredit, CaptionWithCredit, GalleryChrome)
