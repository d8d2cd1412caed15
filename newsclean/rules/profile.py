"""The site-profile rule: a site's own furniture, learned from its own pages."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..document import CLOSING_MARKS
from ..profile import PROSE_SHARE, PROSE_WORDS, Profile, ProfileLearner, body_end
from ..rule import Finding, Rule

_SENTENCE_END = re.compile("[.!?…。！？][" + re.escape(CLOSING_MARKS) + r"\s]*$")
_WORD = re.compile(r"\w+")


def _prose(line: str) -> bool:
    """A line that reads as a sentence of prose: enough words, sentence-final."""
    return len(_WORD.findall(line)) >= PROSE_WORDS and bool(_SENTENCE_END.search(line))


class SiteBoilerplate(Rule):
    """Removes lines that a site profile learned as the site's own furniture.

    Why: every outlet repeats its donation appeal, newsletter box, footer, credit
    line and menu on every page, word for word or with only a date or a number
    changed, while article sentences almost never repeat.  No general rule can know
    an outlet's own wording; its corpus does.

    How: only active when cleaning with a profile (``profile=`` / ``--profile``,
    learned by ``newsclean learn``).  A line goes when its shape (case-folded,
    dates and times removed, digits mapped to one symbol) is one the profile found
    on at least ``min_docs`` pages and ``min_share`` of the pages of the document's
    group.  The profile's guard keeps lines that repeat legitimately: with the
    default ``context`` guard a profile line between two lines of prose that the
    profile does not know (inside an article, such as a quotation repeated in
    follow-up stories) stays.  The evidence names the group and the count: "on 37
    of 40 pages of example.com".
    """

    code = "L101"
    name = "site-boilerplate"
    category = "site"
    languages = ("*",)
    presets = ("safe", "default", "aggressive")
    local = False  # the context guard looks at the neighbours
    examples_remove = (
        "The harbour reopened on Friday after the storm.\nGet our morning briefing in your inbox\n",
        "Der Hafen ist seit Freitag wieder offen.\nAlle Rechte vorbehalten, Beispielverlag 2024\n",
    )
    examples_keep = (
        "The harbour reopened on Friday after the storm.\nFishing boats were back by noon.\n",
        "Der Hafen ist seit Freitag wieder offen.\nDie Fischer kehrten mittags zurück.\n",
    )

    @staticmethod
    def example_profile() -> Profile:
        """A profile of a made-up site whose pages all end with its newsletter box
        and its legal line (used to run this rule's examples)."""
        learner = ProfileLearner(width=1 << 12)
        for i in range(6):
            learner.add(
                f"Story {i} about a new park in town.\nGet our morning briefing in your inbox\n"
                f"Alle Rechte vorbehalten, Beispielverlag 20{i:02d}\n",
                "example.org",
            )
        return learner.profile()

    def detect(self, ctx: Context) -> Iterator[Finding]:
        site = ctx.profile
        if site is None or not site.shapes:
            return
        lines = ctx.doc.lines
        hits: dict[int, tuple[int, str]] = {}
        for i, line in enumerate(lines):
            if not line or line.isspace():
                continue
            m = site.match(line)
            if m is not None:
                hits[i] = m
        if not hits:
            return
        guards = set(site.guard.split("+"))
        for i, (n, text) in hits.items():
            if "prose" in guards and n < PROSE_SHARE * site.docs and _prose(lines[i]):
                continue
            if "numbers" in guards and n < PROSE_SHARE * site.docs and "0" in text:
                continue
            if "context" in guards and self._inside_prose(lines, hits, i):
                continue
            if "isolated" in guards and self._isolated(lines, hits, i):
                continue
            yield Finding(i, i, f"on {n} of {site.docs} pages of {site.name}")

    @staticmethod
    def _neighbours(lines: list[str], i: int) -> tuple[int, int]:
        """The nearest non-blank lines before and after line ``i`` (-1 if none)."""

        def step(d: int) -> int:
            j = i + d
            while 0 <= j < len(lines) and (not lines[j] or lines[j].isspace()):
                j += d
            return j if 0 <= j < len(lines) else -1

        return step(-1), step(1)

    @classmethod
    def _isolated(cls, lines: list[str], hits: dict[int, tuple[int, str]], i: int) -> bool:
        """Both neighbours are lines the profile does not know."""
        return all(j >= 0 and j not in hits for j in cls._neighbours(lines, i))

    @classmethod
    def _inside_prose(cls, lines: list[str], hits: dict[int, tuple[int, str]], i: int) -> bool:
        """Both neighbours are lines of prose the profile does not know."""
        return all(j >= 0 and j not in hits and _prose(lines[j]) for j in cls._neighbours(lines, i))


class SiteTail(Rule):
    """Removes everything after a line that a site profile learned as the start of
    the site's tail (its comment section or footer).

    Why: a comment section or a footer often starts with the same line on every
    page of a site ("Add your comment", "More from our site") and goes on with
    lines that differ from page to page (the comments, the latest headlines), which
    no line-by-line profile can know.

    How: only active with a profile that learned anchors (``newsclean learn``): a
    boilerplate shape of the group that came after the page's article on at least
    90 % of the pages it was on.  When a line of the page being cleaned has such a
    shape and comes after the page's own article (its main run of prose, see
    :func:`newsclean.profile.body_end`), that line and every line after it go.  The
    engine refuses the removal if it would take most of the page's body-like lines.
    The evidence names the line, the group and the count: "after the article on 35
    of 40 pages of example.com".
    """

    code = "L102"
    name = "site-tail"
    category = "site"
    languages = ("*",)
    presets = ("aggressive",)
    local = False  # where the article ends depends on the other lines
    examples_remove = (
        "The harbour reopened on Friday after the storm had closed it for a week.\n"
        "Fishing boats were back at their moorings by noon, the harbour master said.\n"
        "Join the discussion\nMorag: about time too\nPete: the car park is still shut\n",
    )
    examples_keep = (
        "Join the discussion\n"
        "The harbour reopened on Friday after the storm had closed it for a week.\n"
        "Fishing boats were back at their moorings by noon, the harbour master said.\n",
    )

    @staticmethod
    def example_profile() -> Profile:
        """A profile of a made-up site whose pages end with a comment section."""
        learner = ProfileLearner(width=1 << 12)
        for i, name in enumerate(("Ailsa", "Bram", "Cora", "Dai", "Effie", "Finn")):
            learner.add(
                f"Story {i}: the new park in town opened its gates to families on Saturday morning.\n"
                f"Volunteers planted {i + 20} trees along the river path during the opening day.\n"
                f"Join the discussion\n{name}: lovely to see\n",
                "example.org",
            )
        return learner.profile()

    def detect(self, ctx: Context) -> Iterator[Finding]:
        site = ctx.profile
        if site is None or not site.anchors:
            return
        lines = ctx.doc.lines
        end = body_end(lines)
        if end < 0:
            return
        for i in range(end + 1, len(lines)):
            if not lines[i] or lines[i].isspace():
                continue
            m = site.anchor(lines[i])
            if m is not None:
                after, _, _ = m
                yield Finding(
                    i,
                    len(lines) - 1,
                    f'"{ctx.excerpt(i)}" and everything after it: the line came after the article on {after} of '
                    f"{site.docs} pages of {site.name}",
                )
                return


RULES: tuple[type[Rule], ...] = (SiteBoilerplate, SiteTail)
