"""Runs the selected rules, merges their findings and renders the output.

The flow: text -> :class:`~newsclean.document.Document` -> every rule yields
:class:`~newsclean.rule.Finding` objects -> :func:`resolve` assigns each line to
at most one finding -> the kept lines are joined back, byte for byte.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from .config import Config
from .context import SWEEP_MIN_LINES, SWEEP_SHARE, Context
from .document import Document
from .langdetect import detect_language
from .profile import Profile, as_profile
from .lexicon import LANGUAGES, get_lexicon
from .registry import all_rules
from .rule import Finding, Removal, Rule
from .rules.comments import holds_article
from .userlines import compile_phrases

#: Safety bound on the passes of the fixed-point loop of :meth:`Cleaner.explain`.
#:
#: After the first pass (every rule on the input), the rules whose verdict depends
#: on a line's neighbours or position (``Rule.local = False``) are run again on the
#: kept lines, until a pass removes nothing more: then ``clean(clean(x)) ==
#: clean(x)``.  The built-in rules are closed under their own removals (removing
#: what they found does not make them find more: their windows skip blank lines,
#: a marker's verdict does not depend on the lines a removal takes away), so the
#: loop ends after two or three passes, and each pass costs time linear in the
#: kept text.  The bound only stops a third-party rule that never settles (each of
#: its passes removes at least one line); when it is reached, the output is what
#: the passes so far removed, and idempotence is not guaranteed for that input.
MAX_PASSES = 16


class _Lang:
    """The document's language, detected on first use (most rules never ask)."""

    __slots__ = ("text", "value")

    def __init__(self, text: str, value: str | None = None) -> None:
        self.text = text
        self.value = value

    def get(self) -> str:
        if self.value is None:
            self.value = detect_language(self.text)
        return self.value


class Explanation:
    """What :func:`newsclean.explain` returns.

    - ``text``: the cleaned text;
    - ``removals``: every removed range, in document order (:class:`~newsclean.Removal`);
    - ``lang``: the language given with ``lang=`` or detected (``"und"`` if unknown).
    """

    __slots__ = ("text", "removals", "_lang")

    def __init__(self, text: str, removals: list[Removal] | None = None, lang: str | _Lang = "und") -> None:
        self.text = text
        self.removals = removals if removals is not None else []
        self._lang = lang

    @property
    def lang(self) -> str:
        return self._lang if isinstance(self._lang, str) else self._lang.get()

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "lang": self.lang, "removals": [r.as_dict() for r in self.removals]}

    def __repr__(self) -> str:
        return f"Explanation(text={self.text[:40]!r}..., removals={len(self.removals)}, lang={self.lang!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Explanation):
            return NotImplemented
        return (self.text, self.removals, self.lang) == (other.text, other.removals, other.lang)


def refuse_sweeping(ctx: Context, found: list[tuple[Rule, Finding]]) -> list[tuple[Rule, Finding]]:
    """Drop every finding that would remove most of the article on weak evidence.

    A finding is refused when it covers more than :data:`SWEEP_SHARE` of the
    document's body-like lines (:attr:`Context.body_like`: lines that read like
    paragraphs of an article), at least :data:`SWEEP_MIN_LINES` of them, and its
    rule did not mark it ``strong`` (signals found throughout the range, not only
    at its start, see :class:`~newsclean.rule.Finding`).  One comment counter at the
    middle of a page, or a table row taken for a comment header, must never cost
    the article: precision over recall.  The refusal is silent in the output (the
    lines are kept), as for any finding a rule did not make.
    """
    if not found:
        return found
    # refused: it would remove most of the article on evidence found at its start
    # and a comment finding never starts above the only article of the page: reader
    # comments follow the article, whatever their signs (a sidebar "Comments" heading
    # over teasers with time stamps, with the article further down)
    return [
        (rule, f)
        for rule, f in found
        if (f.strong or not ctx.sweeps(f.first, f.last))
        and not (rule.category == "comments" and holds_article(ctx, f.first, f.last))
    ]


def resolve(doc: Document, tagged: Sequence[tuple[Rule, Finding]]) -> list[tuple[Rule, Finding, int, int]]:
    """Give every flagged line to one finding: the earliest-starting, then widest.

    Returns ``(rule, finding, first, last)`` runs of lines, in document order.
    Blank lines left dangling by a removal are given to it too, so that removing a
    block never leaves a double blank line or a leading/trailing one behind.
    """
    lines = doc.lines
    n = len(lines)
    blank = [not line.strip() for line in lines]
    owner: list[int] = [-1] * n
    protected = doc.protected
    order = sorted(range(len(tagged)), key=lambda k: (tagged[k][1].first, -tagged[k][1].last, tagged[k][0].code))
    for k in order:
        f = tagged[k][1]
        for i in range(max(0, f.first), min(n - 1, f.last) + 1):
            if owner[i] < 0 and not blank[i] and i not in protected:
                owner[i] = k
    # blank lines between two lines of one finding belong to it
    last_owned = -1
    for i in range(n):
        if owner[i] >= 0 and not blank[i]:
            if last_owned >= 0 and owner[last_owned] == owner[i] and i - last_owned > 1:
                if all(blank[j] and owner[j] < 0 for j in range(last_owned + 1, i)):
                    for j in range(last_owned + 1, i):
                        owner[j] = owner[i]
            last_owned = i
    # blank lines left dangling by a removed region go with it
    i = 0
    while i < n:
        if owner[i] < 0:
            i += 1
            continue
        a = b = i
        while True:
            while b + 1 < n and owner[b + 1] >= 0:
                b += 1
            if a == 0 or blank[a - 1]:
                while b + 1 < n and owner[b + 1] < 0 and blank[b + 1]:
                    b += 1
                    owner[b] = owner[b - 1]
                if b + 1 < n and owner[b + 1] >= 0:
                    continue  # the next removed region touches this one
            break
        if b == n - 1:
            while a - 1 >= 0 and owner[a - 1] < 0 and blank[a - 1]:
                a -= 1
                owner[a] = owner[a + 1]
        i = b + 1
    # a kept line ending in CR followed by a kept blank LF line would read back as one
    # CRLF line: the blank line goes with the removal between them
    ends = doc.ends
    last_kept = -1
    for i in range(n):
        if owner[i] >= 0:
            continue
        if (
            last_kept >= 0
            and i - last_kept > 1
            and ends[last_kept] == "\r"
            and blank[i]
            and lines[i] == ""
            and ends[i] == "\n"
        ):
            owner[i] = owner[i - 1]
            continue
        last_kept = i
    runs: list[tuple[Rule, Finding, int, int]] = []
    i = 0
    while i < n:
        k = owner[i]
        if k < 0:
            i += 1
            continue
        j = i
        while j + 1 < n and owner[j + 1] == k:
            j += 1
        runs.append((tagged[k][0], tagged[k][1], i, j))
        i = j + 1
    return runs


class Cleaner:
    """A compiled cleaner: build it once, call it on many documents.

    It holds no per-document state, so one instance is safe to share between
    threads, and it pickles (as its options) for worker processes and
    distributed engines.

    >>> Cleaner(select=["A"]).clean("Article text.\\nDonate now to support our journalism.\\n")
    'Article text.\\n'
    """

    def __init__(
        self,
        *,
        select: str | Iterable[str] | None = None,
        ignore: str | Iterable[str] | None = None,
        preset: str | None = None,
        lang: str | None = None,
        extend_select: str | Iterable[str] | None = None,
        remove_lines: str | Iterable[str] | None = None,
        keep_lines: str | Iterable[str] | None = None,
        model: str | os.PathLike[str] | None = None,
        config: Config | None = None,
        profile: Profile | str | os.PathLike[str] | None = None,
    ) -> None:
        base = config or Config()
        self.config = base.merged(
            select=select,
            ignore=ignore,
            preset=preset,
            lang=lang,
            extend_select=extend_select,
            remove_lines=remove_lines,
            keep_lines=keep_lines,
            model=model,
        )
        #: the site profile (:mod:`newsclean.profile`) for rule L101, or None
        self.profile: Profile | None = as_profile(profile if profile is not None else self.config.profile)
        self.rules: tuple[Rule, ...] = tuple(cls.for_config(self.config) for cls in self.config.resolve(all_rules()))
        self._keep_lines = compile_phrases(self.config.keep_lines)
        if self.config.model is not None and any(r.needs_findings and r.code == "M101" for r in self.rules):
            from .segment.model import cached_model

            cached_model(self.config.model)  # a bad model file is an error now, not at the first document
        # rules that read a page's DOM (input = "html") have nothing to say on text
        self._text_rules = tuple(r for r in self.rules if getattr(r, "input", "text") == "text")
        self._context_rules = tuple(r for r in self._text_rules if not r.local)
        self.lexicon = get_lexicon(LANGUAGES)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.config, self.profile))

    def __repr__(self) -> str:
        codes = ",".join(r.code for r in self.rules)
        return f"Cleaner(preset={self.config.preset!r}, lang={self.config.lang!r}, rules=[{codes}])"

    # -- public -------------------------------------------------------------
    def explain(self, text: str, group: str | None = None) -> Explanation:
        """Clean ``text`` and say why each removed range went.

        ``group`` names the document's group (its site) in the cleaner's profile;
        without it, a profile of one group is used for every document.
        """
        return self._explain(text, True, group)

    def _explain(self, text: str, with_removals: bool, group: str | None = None) -> Explanation:
        if not isinstance(text, str):
            hint = "; decode bytes first" if isinstance(text, (bytes, bytearray)) else ""
            raise TypeError(f"newsclean cleans a str, not {type(text).__name__}{hint}")
        if not text.strip():
            return Explanation(text, [], self.config.lang or _Lang(text))
        doc = Document(text)
        if self._keep_lines:  # the user's keep-lines: no rule may remove these
            doc.protected = frozenset(i for i, line in enumerate(doc.lines) if self._keep_lines.find(line))
        lang = _Lang(text, self.config.lang)
        site = self.profile.group(group) if self.profile is not None else None
        ctx = Context(doc, self.lexicon, lang.get if lang.value is None else lang.value, site)
        ctx.preset, ctx.model_path = self.config.preset, self.config.model
        tagged = refuse_sweeping(ctx, self._run(ctx, self._text_rules))
        runs = resolve(doc, tagged) if tagged else []
        keep = _keep_mask(len(doc.lines), runs)
        passes = 1
        # the fixed-point loop (see MAX_PASSES): the context rules look again at
        # what is left, until a pass removes nothing more
        while tagged and passes < MAX_PASSES:
            passes += 1
            kept_idx = array("q", (i for i, k in enumerate(keep) if k))
            if not kept_idx:
                break
            sub = doc.subset(kept_idx)
            # line-local rules already judged every line that is left
            # the language is that of the kept text (detected again when not given),
            # as cleaning the output again would see it
            sub_ctx = ctx.subset(sub, kept_idx, self.config.lang or _Lang(sub.text).get)
            more = refuse_sweeping(sub_ctx, self._run(sub_ctx, self._context_rules))
            if not more:
                break
            # map the findings on the output back to input line numbers
            tagged = tagged + [
                (r, Finding(kept_idx[f.first], kept_idx[min(f.last, len(kept_idx) - 1)], f.evidence, f.strong))
                for r, f in more
            ]
            runs = resolve(doc, tagged)
            new_keep = _keep_mask(len(doc.lines), runs)
            if new_keep == keep:
                break
            keep = new_keep
        # the per-line features and lexicon hits are no longer needed: free them
        # before the output is made, so that their peaks do not add up
        del ctx, tagged
        out = doc.render(keep)
        if out and doc.ends and doc.ends[-1] == "" and out[-1] in "\r\n":
            # the input had no final newline: neither has the output
            out = out[:-2] if out.endswith("\r\n") else out[:-1]
        if not with_removals:
            return Explanation(out, [], lang)
        removals = []
        for rule, f, a, b in runs:
            start, end = doc.span(a, b)
            removals.append(
                Removal(rule.code, rule.name, rule.category, (a + 1, b + 1), start, end, text[start:end], f.evidence)
            )
        return Explanation(out, removals, lang)

    def keeps(self, line: str) -> bool:
        """Whether the user's ``keep_lines`` protect ``line`` from every rule."""
        return bool(self._keep_lines) and self._keep_lines.find(line) is not None

    def clean(self, text: str, group: str | None = None) -> str:
        """``text`` without its boilerplate lines; kept lines are byte-identical."""
        return self._explain(text, False, group).text

    def clean_batch(self, texts: Iterable[str]) -> list[str]:
        """:meth:`clean` over many texts, in order."""
        return [self.clean(t) for t in texts]

    def explain_batch(self, texts: Iterable[str]) -> list[Explanation]:
        """:meth:`explain` over many texts, in order."""
        return [self.explain(t) for t in texts]

    # -- internals ------------------------------------------------------------
    @staticmethod
    def _run(ctx: Context, rules: Sequence[Rule]) -> list[tuple[Rule, Finding]]:
        if not ctx.n or not rules:
            return []
        found: list[tuple[Rule, Finding]] = []
        later = []
        for rule in rules:
            if rule.needs_findings:
                later.append(rule)
                continue
            for f in rule.detect(ctx):
                found.append((rule, f))
        if later:
            # rules that read the others' findings (the segmenter) run after them
            ctx.findings = list(found)
            for rule in later:
                for f in rule.detect(ctx):
                    found.append((rule, f))
        return found


def _keep_mask(n: int, runs: Sequence[tuple[Rule, Finding, int, int]]) -> list[bool]:
    keep = [True] * n
    for _, _, a, b in runs:
        for i in range(a, b + 1):
            keep[i] = False
    return keep


def _rebuild(config: Config, profile: Profile | None = None) -> Cleaner:
    return Cleaner(config=config, profile=profile)


_SHARED: dict[Any, Cleaner] = {}
#: How many option sets keep a compiled cleaner for the module-level functions.
MAX_SHARED = 32


def shared_cleaner(options: dict[str, Any]) -> Cleaner:
    """A compiled :class:`Cleaner` for these options, reused across calls of
    :func:`newsclean.clean` and friends (cleaners hold no per-document state)."""
    options = dict(options)
    profile = options.pop("profile", None)
    config = Config.from_options(options)
    # a profile given as a path is read once per path; a Profile object is keyed
    # by identity (profiles are read-only once built)
    key = (config, os.fspath(profile) if isinstance(profile, (str, os.PathLike)) else profile)
    c = _SHARED.get(key)
    if c is None:
        c = Cleaner(config=config, profile=profile)
        if len(_SHARED) < MAX_SHARED:
            _SHARED[key] = c
    return c
