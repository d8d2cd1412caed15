"""The user's own phrases: lines listed in ``remove-lines``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..rule import Finding, Rule
from ..userlines import CompiledPhrases, compile_phrases

if TYPE_CHECKING:
    from ..config import Config
    from ..context import Context


class RemoveLines(Rule):
    """Removes every line that contains one of the user's ``remove-lines`` phrases.

    What: a line containing any phrase of the ``remove-lines`` option (the
    ``[tool.newsclean]`` key, ``--remove-lines`` on the command line, or
    ``remove_lines=`` in Python).

    Why: every corpus has boilerplate of its own (a site's sign-off, a feed's
    footer) that no general rule should guess; naming it is safer than writing a
    plugin.  Without phrases the rule finds nothing; ``keep-lines`` wins over it.

    How: plain phrases are compared case-insensitively (curly quotes and dashes
    match straight ones) in one Aho-Corasick pass; a phrase that starts with ``re:``
    is a regular expression (the ``regex`` module, case-insensitive) searched in the
    line with a time limit.  The evidence names the phrase that matched.  The
    examples below run with ``remove_lines=["continue reading on", "re:^sent from
    my \\w+$"]``.
    """

    code = "U101"
    name = "remove-lines"
    category = "user"
    local = True
    #: The options the examples are run with (the rule finds nothing without phrases).
    example_options = {"remove_lines": ("continue reading on", r"re:^sent from my \w+$")}
    examples_remove = (
        "The harbour reopened on Tuesday after a week of repairs.\nContinue Reading on the Harbour Gazette\n",
        "Die Fähre fährt wieder.\nSent from my phone\n",
    )
    examples_keep = (
        "The harbour reopened on Tuesday after a week of repairs.\nShe sent it from my office, he said.\n",
    )

    def __init__(self, phrases: CompiledPhrases | None = None) -> None:
        self.phrases = phrases or compile_phrases(())

    @classmethod
    def for_config(cls, config: Config) -> Rule:
        return cls(compile_phrases(config.remove_lines))

    def detect(self, ctx: Context) -> Iterator[Finding]:
        if not self.phrases:
            return
        for i, line in enumerate(ctx.doc.lines):
            if line.strip():
                found = self.phrases.find(line)
                if found is not None:
                    yield Finding(i, i, f"contains {found!r}, listed in remove-lines")


RULES = (RemoveLines,)
