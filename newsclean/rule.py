"""The Rule interface, and what rules report.

A rule only *detects*: it looks at a :class:`~newsclean.context.Context` (the
document, its lexicon hits and line features) and yields :class:`Finding` objects,
each a range of lines with the evidence for removing it.  The engine merges the
findings of every selected rule and renders the output, so rules never edit text
and their order does not matter.

Writing a rule::

    from newsclean import Rule, Finding

    class LoneHashtags(Rule):
        \"\"\"Removes lines made only of hashtags: they are share chrome, not prose.\"\"\"

        code = "X101"
        name = "lone-hashtags"
        category = "navigation"
        examples_remove = ["#news #politics"]
        examples_keep = ["We use #hashtags in this sentence."]

        def detect(self, ctx):
            for i, line in enumerate(ctx.doc.lines):
                words = line.split()
                if words and all(w.startswith("#") for w in words):
                    yield Finding(i, i, "every word is a hashtag")

Register it in your package's ``pyproject.toml``::

    [project.entry-points."newsclean.rules"]
    lone-hashtags = "my_package.rules:LoneHashtags"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from .config import Config
    from .context import Context

#: The categories rules belong to; ``select``/``ignore`` accept them.
CATEGORIES = (
    "appeal",  # donation, membership, subscription and paywall appeals
    "comments",  # reader-comment sections and comment threads
    "navigation",  # menus, buttons, share/follow prompts, cookie notices, bullets
    "caption",  # image captions and photo credits
    "syndication",  # republication notices and automated-feed disclaimers
    "promotion",  # newsletter prompts, related-article lists, advertisement labels
    "structure",  # DOM-level findings of the HTML mode
    "segmenter",  # lines outside the article body, found by the learned segmenter
    "user",  # lines the user listed in remove-lines
    "site",  # a site's own furniture, learned from its pages (site profiles)
)


@dataclass(frozen=True, slots=True)
class Finding:
    """Lines ``first..last`` (inclusive, 0-based) should go, because of ``evidence``.

    ``strong``: the rule found independent signals *throughout* the range, not only
    at its start (for a comment section: headers of several authors, time stamps
    and replies spread over the block).  The engine refuses a finding that would
    remove most of a document's body-like lines unless it is strong (see
    :func:`newsclean.engine.refuse_sweeping`).
    """

    first: int
    last: int
    evidence: str
    strong: bool = False


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed range of the input, and why it was removed.

    ``lines`` are 1-based and inclusive; ``start``/``end`` are character offsets into
    the input text (``end`` exclusive, line endings included), so
    ``input[start:end] == text``.
    """

    code: str
    name: str
    category: str
    lines: tuple[int, int]
    start: int
    end: int
    text: str
    evidence: str

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "lines": list(self.lines),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "evidence": self.evidence,
        }


class Rule:
    """Base class of every rule, built-in or third-party.

    Class attributes describe the rule; :meth:`detect` does the work.

    - ``code``: stable identifier, a letter prefix and digits (``A101``).
    - ``name``: self-explaining kebab-case name (``donation-appeal``).
    - ``category``: one of :data:`CATEGORIES`.
    - ``languages``: ISO 639-1 codes the rule has vocabulary for, or ``("*",)`` for
      a structural rule that works in every language.
    - ``presets``: the presets that enable the rule (``safe``, ``default``,
      ``aggressive``).
    - ``examples_remove`` / ``examples_keep``: documents (``str``, one paragraph per
      line) on which the rule must, and must not, find something.  The test-suite
      runs them for every registered rule.
    - ``local``: the verdict on a line depends on that line only (see below).

    Rules must be stateless after ``__init__`` (the engine shares one instance
    between threads and pickles it for worker processes).
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    category: ClassVar[str] = ""
    languages: ClassVar[tuple[str, ...]] = ("*",)
    presets: ClassVar[tuple[str, ...]] = ("safe", "default", "aggressive")
    examples_remove: ClassVar[tuple[str, ...]] = ()
    examples_keep: ClassVar[tuple[str, ...]] = ()
    #: True when the verdict on a line depends on that line alone (not on its
    #: neighbours or its position): the engine then skips the rule when it
    #: re-checks its own output for a fixed point.  Leave False when unsure.
    local: ClassVar[bool] = False
    #: True when the rule reads the other rules' findings (``ctx.findings``): the
    #: engine runs it after them, and gives it only those that stand (not those
    #: :func:`~newsclean.engine.refuse_sweeping` refuses, which remove nothing).  The
    #: learned segmenter uses them as features.
    needs_findings: ClassVar[bool] = False

    @classmethod
    def for_config(cls, config: Config) -> Rule:
        """The instance a cleaner with ``config`` uses (a rule that reads options,
        such as the user's ``remove-lines``, overrides this)."""
        return cls()

    def detect(self, ctx: Context) -> Iterable[Finding]:  # pragma: no cover - abstract
        """Yield a :class:`Finding` for every range of lines to remove."""
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        """The rule's documentation: its docstring, without indentation."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"
