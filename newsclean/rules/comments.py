"""Reader-comment sections, comment forms and comment threads."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..context import Context
from ..rule import Finding, Rule
from ._util import ends_sentence, next_nonblank, starts_lower, word_count

#: A comment section starts after this share of the document's text; earlier, a
#: "Comments" line is a menu item or a heading of the article.
MIN_SECTION_POSITION = 0.35
_LANGS = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk")

# Time stamps of comment headers, in the forms outlets print them:
# "5. März 2020 um 14:33", "March 5, 2020 at 3:12 pm", "05.03.2020, 14:33 Uhr", "2020-03-05 14:33".
_STAMP = re.compile(
    r"(?:\b\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}\.?\s+\w{3,10}\.?\s+\d{4}|\b\w{3,10}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,|\s+(?:at|um|à|a las|alle|às|o|om|в|о)|\s+-)?\s+\d{1,2}[:.h]\d{2}"
    r"|\b(?:vor|il y a|hace|fa|há|temu|geleden|ago|назад|тому)\s*\d+\s*\w+|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?|stunden?|tagen?|wochen?|monaten?|jahren?)\s+(?:ago|her)\b",
    re.IGNORECASE,
)
_HAS_DIGIT = re.compile(r"\d").search
_INFORMAL = re.compile(r"(?:!!|\?\?|\?!|\b(?:lol|haha\w*|hehe|omg|imho|btw|wtf|gee|hmm+|ugh|yay|wow)\b|[:;]-?[)(dp]\B|[\U0001F600-\U0001F64F\U0001F300-\U0001F5FF\U0001F900-\U0001F9FF\u2764])", re.IGNORECASE)


def _commentish(ctx: Context, i: int) -> bool:
    """Signals that line ``i`` belongs to a comment thread rather than an article."""
    line = ctx.doc.lines[i]
    if ctx.sizes[i] <= 120 and ((_HAS_DIGIT(line) and _STAMP.search(line)) or ctx.hits(i, "comment_meta")):
        return True
    if ctx.line_groups(i) & {"comment_prompt", "comment_marker"} or ctx.hits(i, "comment_prompt"):
        return True
    return _informal(line)


def _informal(line: str) -> bool:
    return starts_lower(line) or _INFORMAL.search(line) is not None


class CommentSection(Rule):
    """Removes a reader-comment section: its marker line and everything after it.

    Why: scrapers append the comments after the article ("12 Comments",
    "Leave a reply", "Kommentare", "Commentaires", "Comentarios", then the
    comments).  Comments are readers' text, not the article.

    How: a marker from the lexicon that is the whole line, in the last 65% of the
    document's text (earlier it is a menu entry).  Strong markers ("12 comments",
    "Kommentare", "Leave a reply") remove the rest of the document.  Weak markers
    ("Discussion", "Antworten", "Réactions") only do when what follows shows comment
    signs: time stamps, "says:", "Reply", comment-form text or informal lines.
    """

    code = "C101"
    name = "comment-section"
    category = "comments"
    languages = _LANGS
    examples_remove = (
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
        for group, strong in (("comment_marker", True), ("comment_marker_weak", False)):
            for i in ctx.lines_in_group(group):
                if ctx.position(i) < MIN_SECTION_POSITION:
                    continue
                tail = [j for j in range(i + 1, ctx.n) if ctx.sizes[j]]
                if not strong:
                    signs = sum(1 for j in tail[:12] if _commentish(ctx, j))
                    if not tail or signs * 2 < min(len(tail), 12):
                        continue
                yield Finding(i, ctx.n - 1, f'comment-section marker "{ctx.excerpt(i)}" at {ctx.position(i):.0%} of the text; {len(tail)} lines follow')
                return


class CommentForm(Rule):
    """Removes comment-form text and comment-policy lines.

    Why: "Your email address will not be published", "Leave a reply",
    "Melde dich an, um einen Kommentar abzugeben", "Dejá tu comentario" are the
    site's form, not the article, and they often survive when the comments
    themselves are gone.

    How: a comment-form phrase on a line of at most 300 characters, or a line that
    is wholly a form label ("Reply", "Antworten", "Name *").
    """

    code = "C102"
    name = "comment-form"
    category = "comments"
    languages = _LANGS
    examples_remove = (
        "The story ends here.\nLeave a Reply\nYour email address will not be published. Required fields are marked *\n",
        "Der Text endet hier.\nIhre E-Mail-Adresse wird nicht veröffentlicht.\n",
    )
    examples_keep = ("The company said it will not publish the email addresses of its customers, who asked for privacy.\n",)

    def detect(self, ctx: Context) -> Iterator[Finding]:
        for i in range(ctx.n):
            if ctx.sizes[i] > 300:
                continue
            hs = ctx.hits(i, "comment_prompt")
            if hs:
                yield Finding(i, i, f'comment-form text "{ctx.doc.lines[i][hs[0].start:hs[0].end]}"')
            elif "comment_prompt" in ctx.line_groups(i):
                yield Finding(i, i, f'comment-form label "{ctx.excerpt(i)}"')


_NAME = re.compile(r"^[\w][\w.'\u2019 -]{0,30}$")


class CommentThread(Rule):
    """Removes a comment thread that has no section marker.

    Why: scrapers often keep the comments but drop their heading; the thread then
    reads as a run of "Name", "date", text, "Reply" lines after the article.

    How: in the last 60% of the text, comment headers are found: short lines with a
    time stamp ("5. März 2020 um 14:33", "March 5, 2020 at 3:12 pm", "vor 2 Stunden")
    or a speech verb ("Anna says:", "Jörg schrieb:"), and short name lines that
    alternate with text and repeat ("Ela" ... "Ela").  Three or more headers make a
    thread, removed from its first header to the end of the document.
    """

    code = "C103"
    name = "comment-thread"
    category = "comments"
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
            if _HAS_DIGIT(line) and _STAMP.search(line) and word_count(line) <= 12:
                headers.append(i)
            elif any(h.entry.group == "comment_meta" and h.end >= len(line.rstrip()) - 1 for h in ctx.hits(i, "comment_meta")):
                headers.append(i)
        if len(headers) >= 3:
            yield Finding(headers[0], ctx.n - 1, f"{len(headers)} comment headers from line {headers[0] + 1}, e.g. \"{ctx.excerpt(headers[0])}\"")
            return
        # name lines alternating with text, some names repeating (replies)
        names: list[int] = []
        for i in range(ctx.n):
            if sizes[i] and sizes[i] <= 30 and ctx.position(i) >= 0.4:
                s = lines[i].strip()
                if _NAME.match(s) and word_count(s) <= 3 and not ends_sentence(s) and s[0].isupper() or (s[:1].isalpha() and s.islower() and word_count(s) == 1 and len(s) > 2 and _NAME.match(s)):
                    j = next_nonblank(ctx, i)
                    if j < ctx.n and sizes[j] > 40:
                        names.append(i)
        if len(names) >= 4:
            counts = Counter(lines[i].strip() for i in names)
            repeated = [n for n, c in counts.items() if c >= 2]
            span = names[-1] - names[0] + 2
            if repeated and len(names) * 2 >= span * 0.8:
                yield Finding(names[0], ctx.n - 1, f"{len(names)} commenter-name lines alternating with text, \"{repeated[0]}\" repeats")


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
    languages = ("*",)
    examples_remove = (
        "The talks will resume next week in Geneva.\nBoth sides called them useful.\nMORE ON THE TOPIC:\n"
        "they never learn, do they?\nlol this again\ngee, which side should i pick?\n",
    )
    examples_keep = (
        "The talks will resume next week.\nRelated\nTalks in Geneva end without a deal\nWhat the sanctions mean\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        markers = sorted({*ctx.lines_in_group("related", ("line",)), *ctx.lines_in_group("comment_marker", ("line",)), *ctx.lines_in_group("comment_marker_weak", ("line",))})
        for i in markers:
            if ctx.position(i) < 0.4:
                continue
            tail = [j for j in range(i + 1, ctx.n) if ctx.sizes[j]]
            if len(tail) < 2:
                continue
            informal = sum(1 for j in tail if _informal(ctx.doc.lines[j]))
            if informal * 10 >= len(tail) * 6:
                yield Finding(i + 1, ctx.n - 1, f'{informal} of {len(tail)} lines after "{ctx.excerpt(i)}" read as informal comments')
                return


RULES = (CommentSection, CommentForm, CommentThread, CommentTail)
