"""Reader-comment sections, comment forms and comment threads."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import regex

from ..context import Context
from ..rule import Finding, Rule
from ._util import ends_sentence, next_nonblank, prev_nonblank, starts_lower, word_count

#: A comment section starts after this share of the document's text; earlier, a
#: "Comments" line is a menu item or a heading of the article.
MIN_SECTION_POSITION = 0.35
_LANGS = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk")

# Time stamps of comment headers, in the forms outlets print them:
# "5. März 2020 um 14:33", "March 5, 2020 at 3:12 pm", "05.03.2020, 14:33 Uhr", "2020-03-05 14:33".
_STAMP = re.compile(
    r"(?:\b\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}\.?\s+\w{3,10}\.?\s+\d{4}|\b\w{3,10}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,|\s+(?:at|um|à|a las|alle|às|o|om|в|о|@)|\s+[-|\u2013\u2014])?\s+\d{1,2}[:.h]\d{2}",
    re.IGNORECASE,
)
_HAS_TIME = re.compile(r"\d[:.h]\d\d").search
_ZERO = re.compile(r"^\W*0\b")
# Emoticons, emoji and doubled punctuation; informal words ("lol", "haha") come from
# the lexicon's [informal] group, matched with everything else in one pass.
# (the ``regex`` module knows Unicode's emoji properties; ``re`` does not)
_INFORMAL = regex.compile(r"!!|\?\?|\?!|[:;]-?[)(DPp](?!\w)|\^\^|\p{Extended_Pictographic}")
#: Longer lines are never judged informal by their punctuation alone.
MAX_INFORMAL_CHARS = 600


def _commentish(ctx: Context, i: int) -> bool:
    """Signals that line ``i`` belongs to a comment thread rather than an article."""
    line = ctx.doc.lines[i]
    if ctx.sizes[i] <= 120 and ((_has_stamp(line)) or ctx.hits(i, "comment_meta")):
        return True
    if ctx.line_groups(i) & {"comment_prompt", "comment_marker"} or ctx.hits(i, "comment_prompt"):
        return True
    return _informal(ctx, i)


def _informal(ctx: Context, i: int) -> bool:
    """Line ``i`` reads like chat: lower-case start, emoticons, "!!", "lol"."""
    line = ctx.doc.lines[i]
    if starts_lower(line) or ctx.hits(i, "informal"):
        return True
    return ctx.sizes[i] <= MAX_INFORMAL_CHARS and _INFORMAL.search(line) is not None


def _has_stamp(line: str) -> bool:
    """A date with a time of day, as comment headers print them."""
    return _HAS_TIME(line) is not None and _STAMP.search(line) is not None


class CommentSection(Rule):
    """Removes a reader-comment section: its marker line and everything after it.

    Why: scrapers append the comments after the article ("12 Comments",
    "Leave a reply", "Kommentare", "Commentaires", "Comentarios", then the
    comments).  Comments are readers' text, not the article.

    How: a marker from the lexicon that is the whole line, in the last 65% of the
    document's text (earlier it is a menu entry).  Strong markers ("12 comments",
    "Kommentare", "Leave a reply") remove the rest of the document, unless no
    comment sign follows and the article goes on (a counter such as
    "0 Kommentare" under a headline): then only the marker goes.  Weak markers
    ("Discussion", "Antworten", "Réactions") only do when what follows shows comment
    signs: time stamps, "says:", "Reply", comment-form text or informal lines.
    The lines after the author's invitation to comment ("Let me know in the
    comments", "Ich freue mich auf euer Feedback") in the last half of the text go
    as well, when they show a comment sign.
    """

    code = "C101"
    name = "comment-section"
    category = "comments"
    languages = _LANGS
    examples_remove = (
        "El nuevo puente se inauguró el lunes.\nCostó 40 millones de euros.\nDejá tu comentario\nMuy buena nota, gracias.\n",
        "Новый мост открыли в понедельник.\nОн обошёлся в 40 млн евро.\nКомментарии\nСпасибо за статью!\n",
        "The new bridge opened on Monday after two years of work.\nIt cost 40 million euros.\n"
        "3 Comments\nGreat article, thanks!\nI drove over it yesterday.\n",
        "Die neue Brücke wurde am Montag eröffnet.\nSie kostete 40 Millionen Euro.\nKommentare\n"
        "Toller Artikel, danke!\n",
        "Le nouveau pont a été inauguré lundi.\nIl a coûté 40 millions d'euros.\nCommentaires\nMerci pour l'article !\n",
    )
    examples_keep = (
        "Comments\nThe ministry invited comments on the draft until May.\nThe draft runs to 40 pages.\n"
        "It will be debated in June.\nCritics called it rushed.\nSupporters disagree.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        yield from self._after_invitation(ctx)
        for group, strong in (("comment_marker", True), ("comment_marker_weak", False)):
            for i in ctx.lines_in_group(group):
                if ctx.position(i) < MIN_SECTION_POSITION:
                    continue
                tail = [j for j in range(i + 1, ctx.n) if ctx.sizes[j]]
                signs = sum(1 for j in tail[:12] if _commentish(ctx, j))
                if not strong and (not tail or signs * 2 < min(len(tail), 12)):
                    continue
                if strong and (
                    _ZERO.match(ctx.doc.lines[i]) or (tail and not signs and any(ctx.sizes[j] >= 300 for j in tail[:6]))
                ):
                    # "0 Kommentare" or a comment counter above the article itself
                    yield Finding(i, i, f'comment counter "{ctx.excerpt(i)}" (no comments follow)')
                    continue
                yield Finding(
                    i,
                    ctx.n - 1,
                    f'comment-section marker "{ctx.excerpt(i)}" at {ctx.position(i):.0%} of the text; {len(tail)} lines follow',
                )
                return

    @staticmethod
    def _after_invitation(ctx: Context) -> Iterator[Finding]:
        """The author's last words invite comments ("Let me know in the comments",
        "Ich freue mich auf deinen Kommentar"); what follows them at the end of the
        document, when it shows a comment sign, is the comments."""
        for i in ctx.lines_with("comment_invite"):
            if ctx.sizes[i] > 400 or ctx.position(i) < 0.5:
                continue
            tail = [j for j in range(i + 1, ctx.n) if ctx.sizes[j]]
            if not tail:
                continue
            signs = sum(1 for j in tail[:12] if _commentish(ctx, j) or ReaderReplies._sign(ctx, j))
            if signs:
                hs = ctx.hits(i, "comment_invite")
                what = ctx.doc.lines[i][hs[0].start : hs[0].end]
                yield Finding(
                    tail[0], ctx.n - 1, f'{len(tail)} line(s) after the invitation to comment "{what}" (line {i + 1})'
                )
                return


class CommentForm(Rule):
    """Removes comment-form text and comment-policy lines.

    Why: "Your email address will not be published", "Leave a reply",
    "Melde dich an, um einen Kommentar abzugeben", "Dejá tu comentario" are the
    site's form, not the article, and they often survive when the comments
    themselves are gone.

    How: a comment-form phrase on a line of at most 300 characters, a line that
    is wholly a form label ("Reply", "Antworten", "Name *"), or a short line (at most
    150 characters) that invites comments ("Let us know in the comments below").
    """

    code = "C102"
    name = "comment-form"
    category = "comments"
    local = True
    languages = _LANGS
    examples_remove = (
        "Tekst kończy się tutaj.\nTwój adres e-mail nie zostanie opublikowany. Wymagane pola są oznaczone *\n",
        "The story ends here.\nLeave a Reply\nYour email address will not be published. Required fields are marked *\n",
        "Der Text endet hier.\nIhre E-Mail-Adresse wird nicht veröffentlicht.\n",
    )
    examples_keep = (
        "Le ministère n'a fait aucun commentaire ; sollicité pour réagir, il n'a pas répondu.\n",
        "The company said it will not publish the email addresses of its customers, who asked for privacy.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        invites = {i for i in ctx.lines_with("comment_invite") if ctx.sizes[i] <= 150}
        cands = set(ctx.lines_with("comment_prompt")) | set(ctx.lines_in_group("comment_prompt", ("line",))) | invites
        for i in sorted(cands):
            if ctx.sizes[i] > 300:
                continue
            hs = ctx.hits(i, "comment_prompt")
            if i in invites:
                hs = ctx.hits(i, "comment_invite")
                yield Finding(i, i, f'invitation to comment "{ctx.doc.lines[i][hs[0].start : hs[0].end]}"')
            elif hs:
                yield Finding(i, i, f'comment-form text "{ctx.doc.lines[i][hs[0].start : hs[0].end]}"')
            elif "comment_prompt" in ctx.line_groups(i):
                yield Finding(i, i, f'comment-form label "{ctx.excerpt(i)}"')


_QUOTES = "\"'\u201c\u201e\u00ab\u2018\u201a\u2039>"
#: A reply quotes at least this many characters of the article.
MIN_QUOTE_CHARS = 25
#: Quotations looked up in the text before them, at most, per document.
MAX_QUOTE_LOOKUPS = 50


def _quotes_earlier_text(ctx: Context, i: int) -> bool:
    """Line ``i`` opens with a quotation of an earlier line of the document, as a
    reader's reply quotes the article it answers."""
    folded = ctx.folded[i].lstrip()
    quote = folded[1:].lstrip()
    end = len(quote)
    for mark in ('"', "'"):
        k = quote.find(mark)
        if 0 <= k < end:
            end = k
    quote = quote[:end].strip(" .,;:\u2026")[:80]
    if len(quote) < MIN_QUOTE_CHARS:
        return False
    # each look-up scans the text before the line: a budget per document keeps a
    # text of a million quoted lines linear
    budget = ctx.__dict__.get("_quote_budget", MAX_QUOTE_LOOKUPS)
    if budget <= 0:
        return False
    ctx.__dict__["_quote_budget"] = budget - 1
    return ctx.folded_text.find(quote, 0, ctx.doc.starts[i]) >= 0


_MENTION = re.compile(r"@ ?[^\W\d_][\w.-]*")
#: Line groups of page chrome, neutral for the comment signs.
_CHROME = frozenset({"nav", "share", "ad_label", "caption_line"})
#: Lines between two comment headers of one thread, at most.
MAX_GAP = 10
_NAME = re.compile(r"^[\w][\w.'\u2019 -]{0,30}$")


class CommentThread(Rule):
    """Removes a comment thread that has no section marker.

    Why: scrapers often keep the comments but drop their heading; the thread then
    reads as a run of "Name", "date", text, "Reply" lines after the article.

    How: in the last 60% of the text, comment headers are found: short lines with a
    date and time ("5. März 2020 um 14:33", "March 5, 2020 at 3:12 pm") or a speech
    verb ("Anna says:", "Jörg schrieb:").  Three or more headers, each at most ten
    lines from the next, make a thread, removed from its first header to the end of
    the document.  Short name lines that alternate with text and repeat ("Ela" ...
    "Ela") make a thread too.
    """

    code = "C103"
    name = "comment-thread"
    category = "comments"
    presets = ("default", "aggressive")
    languages = ("*",)
    examples_remove = (
        "The recipe needs two eggs and some flour.\nBake it for 20 minutes.\nServe it warm.\n"
        "Anna says:\nMarch 5, 2020 at 3:12 pm\nLoved it!\nTom says:\nMarch 6, 2020 at 9:01 am\nToo sweet for me.\n"
        "Anna says:\nMarch 6, 2020 at 10:15 am\nUse less sugar then.\n",
    )
    examples_keep = (
        "Monday, March 5, 2020 at 3:12 pm\nThe council met to discuss the budget.\nThe vote was close.\n",
        "Ingredients\nFlour\n200 g\nSugar\n100 g\nEggs\n2\nMix everything and bake it for 20 minutes.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        lines, sizes = ctx.doc.lines, ctx.sizes
        headers: list[int] = []
        start = None
        for i in range(ctx.n):
            if not sizes[i] or sizes[i] > 100:
                continue
            if start is None:
                if ctx.position(i) < 1 - 0.6:
                    continue
                start = i
            line = lines[i]
            if _has_stamp(line) and word_count(line) <= 12:
                headers.append(i)
            elif any(
                h.entry.group == "comment_meta" and h.end >= len(line.rstrip()) - 1 for h in ctx.hits(i, "comment_meta")
            ):
                headers.append(i)
        cluster: list[int] = []
        for h in headers:  # headers of one thread stand at most MAX_GAP lines apart
            if cluster and h - cluster[-1] > MAX_GAP:
                if len(cluster) >= 3:
                    break
                cluster = []
            cluster.append(h)
        if len(cluster) >= 3:
            yield Finding(
                cluster[0],
                ctx.n - 1,
                f'{len(cluster)} comment headers from line {cluster[0] + 1}, e.g. "{ctx.excerpt(cluster[0])}"',
            )
            return
        # name lines alternating with text, some names repeating (replies)
        names: list[int] = []
        for i in range(ctx.n):
            if sizes[i] and sizes[i] <= 30 and ctx.position(i) >= 0.4:
                s = lines[i].strip()
                if (
                    _NAME.match(s)
                    and word_count(s) <= 3
                    and not ends_sentence(s)
                    and s[0].isupper()
                    or (s[:1].isalpha() and s.islower() and word_count(s) == 1 and len(s) > 2 and _NAME.match(s))
                ):
                    j = next_nonblank(ctx, i)
                    if j < ctx.n and sizes[j] > 40:
                        names.append(i)
        if len(names) >= 4:
            counts = Counter(lines[i].strip() for i in names)
            repeated = [n for n, c in counts.items() if c >= 2]
            span = names[-1] - names[0] + 2
            if repeated and len(names) * 2 >= span * 0.8:
                yield Finding(
                    names[0],
                    ctx.n - 1,
                    f'{len(names)} commenter-name lines alternating with text, "{repeated[0]}" repeats',
                )


class CommentTail(Rule):
    """Removes informal reader text after a section marker at the end of a document.

    Why: after "MORE ON THE TOPIC:" or "Related" the scraper may keep readers'
    comments instead of the linked headlines; such lines are written like chat
    ("gee, hmmm… which should i choose?"), not like the article.

    How: after a related-articles or comment marker in the last 60% of the text,
    when at least two lines follow and most of them start lower-case or read as
    informal (emoticons, "!!", "lol", "haha"), they are removed to the end.
    """

    code = "C104"
    name = "comment-tail"
    category = "comments"
    presets = ("default", "aggressive")
    languages = ("*",)
    examples_remove = (
        "The talks will resume next week in Geneva.\nBoth sides called them useful.\nMORE ON THE TOPIC:\n"
        "they never learn, do they?\nlol this again\ngee, which side should i pick?\n",
    )
    examples_keep = (
        "The talks will resume next week.\nRelated\nTalks in Geneva end without a deal\nWhat the sanctions mean\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        markers = sorted(
            {
                *ctx.lines_in_group("related", ("line",)),
                *ctx.lines_in_group("comment_marker", ("line",)),
                *ctx.lines_in_group("comment_marker_weak", ("line",)),
            }
        )
        for i in markers:
            if ctx.position(i) < 0.4:
                continue
            tail = [j for j in range(i + 1, ctx.n) if ctx.sizes[j]]
            if len(tail) < 2:
                continue
            informal = sum(1 for j in tail if _informal(ctx, j))
            if informal * 10 >= len(tail) * 6:
                yield Finding(
                    i + 1,
                    ctx.n - 1,
                    f'{informal} of {len(tail)} lines after "{ctx.excerpt(i)}" read as informal comments',
                )
                return


class ReaderReplies(Rule):
    """Removes a run of reader comments recognised by how readers write.

    Why: many scrapers append the comments to the article with no heading: "Liebe
    Sandra!", "Vielen Dank für deine ehrlichen Worte!", "Thank you Kelly!",
    "Liebe Grüße", a commenter's name, a reply.  These are readers talking to the
    author, not the article.

    How: in the last 70% of the text, every line gets a sign.  Strong signs: a
    greeting line ("Hallo Marie!", "Hi Tina,"), a sign-off line ("Liebe Grüße",
    "Cheers", "Pozdrawiam"), a line opening with thanks or praise ("Thank you for",
    "Toller Beitrag", "Merci pour"), a comment header (time stamp, "says:").  Weak
    signs: a commenter-name line before a longer line, an informal line (lower-case
    start, emoticons, "!!").  A line that opens by quoting an earlier line of the
    text (a reply quoting the article), a reply to "@name" and a pingback excerpt
    are strong signs too.  The longest tail of the document that starts on a
    strong sign (or on the name line right above it), holds at least two strong signs (or is the last three lines and opens with
    thanks or a greeting) and where at least 40% of the lines carry a sign is
    removed.
    """

    code = "C105"
    name = "reader-replies"
    category = "comments"
    presets = ("default", "aggressive")
    languages = ("*",)
    examples_remove = (
        "Focaccia is an Italian bread baked in a flat pan.\nIt is topped with olive oil and herbs.\n"
        "Bake it for 25 minutes at 220 degrees, then let it cool before you cut it.\n"
        "Amanda\nThis focaccia is absolutely delicious! I just love the flavors.\nKay\nThank you Amanda!\n"
        "Aline\nCan't wait to try this one this week!!\nKay\nThank you for the lovely comment!\n",
        "Naturkosmetik ist nicht immer besser als konventionelle Kosmetik.\nViele Produkte enthalten Alkohol.\n"
        "Man sollte die Inhaltsstoffe prüfen und dann entscheiden, was man auf die Haut lässt.\n"
        "Danke für den tollen Beitrag!\nLiebe Grüße\nSandra\nLiebe Sandra!\nEs freut mich, dass du deine Marke gefunden hast!\nLiebe Grüße\n",
    )
    examples_keep = (
        "Dear Sir,\nThe minister wrote to the committee on Monday.\nThank you for your letter, she began.\n"
        "The letter then listed the changes to the bill, clause by clause, over four pages.\n"
        "Committee members said they would reply within a week.\nThe bill will be debated in May.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        sizes = ctx.sizes
        start = next((i for i in range(ctx.n) if sizes[i] and ctx.position(i) >= 0.3), ctx.n)
        if ctx.n - start < 4 or self._strong_candidates(ctx, start) < 2:
            return
        signs: list[tuple[str, str] | None] = [None] * ctx.n
        for i in range(start, ctx.n):
            if sizes[i]:
                signs[i] = self._sign(ctx, i)
        strong = weak = nonblank = 0
        best = None
        for i in range(ctx.n - 1, start - 1, -1):
            if not sizes[i]:
                continue
            nonblank += 1
            sign = signs[i]
            if sign is None:
                continue
            if sign[0] == "strong":
                strong += 1
            else:
                weak += 1
            if (
                sign[0] == "strong"
                and (strong >= 2 or (nonblank <= 3 and sign[1] in ("thanks", "greeting")))
                and (strong + weak) * 10 >= nonblank * 4
            ):
                best = (i, strong, weak, nonblank)
        if best is None:
            return
        i, strong, weak, nonblank = best
        j = prev_nonblank(ctx, i)  # the commenter's name above the first comment
        if j >= start and signs[j] == ("weak", "name"):
            i = j
        examples = [
            f'"{ctx.excerpt(j, width=30)}" ({sign[1]})'
            for j in range(i, ctx.n)
            if (sign := signs[j]) is not None and sign[0] == "strong"
        ][:3]
        yield Finding(
            i,
            ctx.n - 1,
            f"{strong} strong and {weak} weak comment signs in the last {nonblank} lines: " + ", ".join(examples),
        )

    @staticmethod
    def _strong_candidates(ctx: Context, start: int) -> int:
        """A cheap upper bound of the strong signs after ``start`` (most documents
        have none, and then no line needs a closer look)."""
        found = {i for i in ctx.lines_in_group("comment_closing", ("line",)) if i >= start}
        for group in ("comment_greeting", "comment_thanks"):
            found.update(i for i in ctx.lines_in_group(group, ("prefix",)) if i >= start)
        found.update(i for i in ctx.lines_with("comment_meta") if i >= start)
        if len(found) < 2:
            lines = ctx.doc.lines
            found.update(i for i in range(start, ctx.n) if ctx.sizes[i] <= 100 and _has_stamp(lines[i]))
        return len(found)

    @staticmethod
    def _sign(ctx: Context, i: int) -> tuple[str, str] | None:
        line, size = ctx.doc.lines[i], ctx.sizes[i]
        groups = ctx.line_groups(i)
        prefixes = ctx.prefix_groups(i)
        if size <= 30 and "comment_closing" in groups:
            return ("strong", "sign-off")
        if size <= 40 and "comment_greeting" in prefixes and word_count(line) <= 4 and line.rstrip()[-1:] in "!,:":
            return ("strong", "greeting")
        if size <= 400 and "comment_thanks" in prefixes:
            return ("strong", "thanks")
        stripped = line.lstrip()
        if stripped[:1] in _QUOTES and _quotes_earlier_text(ctx, i):
            return ("strong", "quotes the article")
        if stripped.startswith("@") and size <= 600 and _MENTION.match(stripped):
            return ("strong", "reply to @name")
        if stripped.startswith(("[\u2026]", "[...]")):
            return ("strong", "pingback excerpt")
        if size <= 30 and word_count(line) <= 3 and "comment_closing" in prefixes:
            return ("strong", "sign-off")
        if size <= 100 and _has_stamp(line) and word_count(line) <= 12:
            return ("strong", "comment header")
        if size <= 100:
            meta = ctx.hits(i, "comment_meta")
            if meta:  # "Anna says:" is a header; a lone "Reply" or "Melden" only a button
                ends_line = any(h.end >= len(line.rstrip()) - 1 and h.start > 0 for h in meta)
                return ("strong", "comment header") if ends_line else ("weak", "comment button")
        if groups & _CHROME:
            return None  # menu and share buttons say nothing about comments
        if (
            size <= 30
            and _NAME.match(line.strip())
            and word_count(line) <= 3
            and line.strip()[0].isupper()
            and not ends_sentence(line)
        ):
            j = next_nonblank(ctx, i)
            if j < ctx.n and ctx.sizes[j] > max(12, size):
                return ("weak", "name")
        if _informal(ctx, i):
            return ("weak", "informal")
        return None


RULES = (CommentSection, CommentForm, CommentThread, CommentTail, ReaderReplies)
