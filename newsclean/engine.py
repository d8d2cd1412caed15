"""Runs the selected rules, merges their findings and renders the output.

The flow: text -> :class:`~newsclean.document.Document` -> every rule yields
:class:`~newsclean.rule.Finding` objects -> :func:`resolve` assigns each line to
at most one finding -> the kept lines are joined back, byte for byte.
"""

from __future__ import annotations

import os
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, overload

import numpy as np

from .config import Config
from .context import SWEEP_MIN_LINES, SWEEP_SHARE, Context
from .document import Document, int_type
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


_I32 = -(2**31)


class Findings(Sequence[tuple[Rule, Finding]]):
    """The findings of the rules on one document, stored as columns.

    A rule that flags every line of a flood of markers yields one
    :class:`~newsclean.rule.Finding` a line; kept as objects, they would cost about
    200 bytes a line.  Here findings are numbered in the order they came, and
    stored as runs: one-line findings of one rule on consecutive lines, with the
    same evidence, are one run of ``count`` findings (``first[r] + j`` is the line
    of its finding ``j``); any other finding is a run of one (17 bytes).  The
    evidence text is stored once for a run of equal texts.  As a sequence it gives
    every ``(rule, Finding)`` back, made on access, so :func:`resolve` and
    ``explain()`` see each finding as the rule gave it.
    """

    __slots__ = ("rules", "texts", "first", "last", "rule", "evidence", "strong", "count", "start", "_n", "_rule_ids")

    def __init__(self) -> None:
        #: the rules that made the findings, and the evidence texts, by number
        self.rules: list[Rule] = []
        self.texts: list[str] = []
        self._rule_ids: dict[int, int] = {}
        # one entry a run: its first finding's lines, rule, evidence, strength, how
        # many findings it holds and the number of its first finding
        self.first, self.last = array("i"), array("i")  # 8-byte once a number needs it
        self.rule, self.evidence = array("i"), array("i")
        self.strong = bytearray()
        self.count, self.start = array("i"), array("i")
        self._n = 0

    def add(self, rule: Rule, first: int, last: int, evidence: str, strong: bool = False) -> None:
        r = self._rule_ids.get(id(rule))
        if r is None:
            r = self._rule_ids[id(rule)] = len(self.rules)
            self.rules.append(rule)
        texts = self.texts
        same_text = bool(texts) and texts[-1] == evidence
        if not same_text:
            texts.append(evidence)
        e = len(texts) - 1
        s = 1 if strong else 0
        if same_text and first == last and self._n:
            # the next line of a run of one-line findings of this rule: one more in it
            c = self.count[-1]
            if (
                self.rule[-1] == r
                and self.evidence[-1] == e
                and self.strong[-1] == s
                and self.first[-1] == self.last[-1]
                and self.first[-1] + c == first
            ):
                self.count[-1] = c + 1
                self._n += 1
                return
        if self.first.typecode == "i" and not (_I32 <= first < -_I32 and _I32 <= last < -_I32):
            self.first, self.last = array("q", self.first), array("q", self.last)
        self.first.append(first)
        self.last.append(last)
        self.rule.append(r)
        self.evidence.append(e)
        self.strong.append(s)
        if self._n >= -_I32 - 1 and self.start.typecode == "i":  # 2**31 findings
            self.count, self.start = array("q", self.count), array("q", self.start)
        self.count.append(1)
        self.start.append(self._n)
        self._n += 1

    def extend(self, rule: Rule, found: Iterable[Finding]) -> None:
        """Add every finding ``rule`` yields."""
        add = self.add
        for f in found:
            add(rule, f.first, f.last, f.evidence, f.strong)

    def entries(self) -> Iterator[tuple[int, int, int, int, int, int]]:
        """Every finding as ``(number, first, last, rule number, evidence number,
        strong)``, in order."""
        for r in range(len(self.first)):
            a, b, k0 = self.first[r], self.last[r], self.start[r]
            rule, e, s = self.rule[r], self.evidence[r], self.strong[r]
            for j in range(self.count[r]):
                yield k0 + j, a + j, b + j, rule, e, s

    def run_of(self, k: int) -> tuple[int, int]:
        """The run holding finding ``k``, and ``k``'s place in it."""
        if not 0 <= k < self._n:
            raise IndexError(k)
        r = bisect_right(self.start, k) - 1
        return r, k - self.start[r]

    def lines_of(self, k: int) -> tuple[int, int]:
        """First and last line of finding ``k``."""
        r, j = self.run_of(k)
        return self.first[r] + j, self.last[r] + j

    def rule_of(self, k: int) -> Rule:
        return self.rules[self.rule[self.run_of(k)[0]]]

    def evidence_of(self, k: int) -> str:
        return self.texts[self.evidence[self.run_of(k)[0]]]

    def select(self, wanted: Iterable[int]) -> Findings:
        """The findings numbered ``wanted`` (in order), as a new table."""
        out = Findings()
        for k in wanted:
            rule, f = self[k]
            out.add(rule, f.first, f.last, f.evidence, f.strong)
        return out

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, k: int) -> tuple[Rule, Finding]: ...

    @overload
    def __getitem__(self, k: slice) -> list[tuple[Rule, Finding]]: ...

    def __getitem__(self, k: int | slice) -> tuple[Rule, Finding] | list[tuple[Rule, Finding]]:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        if k < 0:
            k += self._n
        r, j = self.run_of(k)
        f = Finding(self.first[r] + j, self.last[r] + j, self.texts[self.evidence[r]], bool(self.strong[r]))
        return self.rules[self.rule[r]], f

    def __iter__(self) -> Iterator[tuple[Rule, Finding]]:
        rules, texts = self.rules, self.texts
        for _, a, b, r, e, s in self.entries():
            yield rules[r], Finding(a, b, texts[e], bool(s))


class _FirstFindings(Sequence[tuple[Rule, Finding]]):
    """The first ``n`` findings of a table (what the rules found before the rules
    that read ``ctx.findings`` run), without a copy."""

    __slots__ = ("_found", "_n")

    def __init__(self, found: Findings, n: int) -> None:
        self._found, self._n = found, n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, k):  # type: ignore[no-untyped-def]
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(self._n))]
        if k < 0:
            k += self._n
        if not 0 <= k < self._n:
            raise IndexError(k)
        return self._found[k]

    def __iter__(self) -> Iterator[tuple[Rule, Finding]]:
        return islice(iter(self._found), self._n)


def refuse_sweeping(ctx: Context, found: Findings | list[tuple[Rule, Finding]]) -> Any:
    """Drop every finding that would remove most of the article on weak evidence.

    A finding is refused when it covers more than :data:`SWEEP_SHARE` of the
    document's body-like lines (:attr:`Context.body_like`: lines that read like
    paragraphs of an article), at least :data:`SWEEP_MIN_LINES` of them, and its
    rule did not mark it ``strong`` (signals found throughout the range, not only
    at its start, see :class:`~newsclean.rule.Finding`).  One comment counter at the
    middle of a page, or a table row taken for a comment header, must never cost
    the article: precision over recall.  The refusal is silent in the output (the
    lines are kept), as for any finding a rule did not make.

    ``found`` is a :class:`Findings` table (a new one is returned) or a list of
    ``(rule, finding)`` pairs (a list is returned).
    """
    if not found:
        return found
    # refused: it would remove most of the article on evidence found at its start
    # and a comment finding never starts above the only article of the page: reader
    # comments follow the article, whatever their signs (a sidebar "Comments" heading
    # over teasers with time stamps, with the article further down)
    def refused(rule: Rule, first: int, last: int, strong: bool) -> bool:
        return (not strong and ctx.sweeps(first, last)) or (
            rule.category == "comments" and holds_article(ctx, first, last)
        )

    if not isinstance(found, Findings):
        return [t for t in found if not refused(t[0], t[1].first, t[1].last, t[1].strong)]
    rules = found.rules
    gone = {k for k, a, b, r, _, strong in found.entries() if refused(rules[r], a, b, bool(strong))}
    if not gone:
        return found
    return found.select(k for k in range(len(found)) if k not in gone)


class Runs:
    """What :func:`resolve` returns: runs of removed lines ``first[k]..last[k]``,
    each given to finding ``owner[k]`` of the table, in document order."""

    __slots__ = ("first", "last", "owner")

    def __init__(self, n: int, count: int) -> None:
        line, finding = int_type(n), int_type(count)
        self.first, self.last, self.owner = array(line), array(line), array(finding)

    def __len__(self) -> int:
        return len(self.first)


def resolve(doc: Document, tagged: Findings) -> Runs:
    """Give every flagged line to one finding: the earliest-starting, then widest.

    Returns the runs of lines given to one finding, in document order (see
    :class:`Runs`).  Blank lines left dangling by a removal are given to it too, so
    that removing a block never leaves a double blank line or a leading/trailing
    one behind.  The per-line tables are arrays of bytes and machine integers (a
    list of a million Python ints costs about 36 MB).
    """
    lines = doc.lines
    n = len(lines)
    blank = bytearray(not line.strip() for line in lines)
    owner = array(int_type(len(tagged)), [-1]) * n
    protected = doc.protected
    # each line goes to the finding that comes first in the order (first line, then
    # widest, then rule code, then the order found) among those covering it: kept
    # as the best so far, line by line, which needs no sorted copy of the findings
    codes = sorted({r.code for r in tagged.rules})
    rank = [codes.index(r.code) for r in tagged.rules]
    t_first, t_last, t_rule, t_start, t_count = tagged.first, tagged.last, tagged.rule, tagged.start, tagged.count
    c0 = c1 = cr = 0  # the run of the last owner looked up: findings c0..c1-1
    for k, a, b, rule, _, _ in tagged.entries():
        r = rank[rule]
        for i in range(max(0, a), min(n - 1, b) + 1):
            if blank[i] or i in protected:
                continue
            o = owner[i]
            if o < 0:
                owner[i] = k
                continue
            if not c0 <= o < c1:
                cr = bisect_right(t_start, o) - 1
                c0 = t_start[cr]
                c1 = c0 + t_count[cr]
            fo = t_first[cr] + o - c0
            if a < fo or (a == fo and (b > (lo := t_last[cr] + o - c0) or (b == lo and r < rank[t_rule[cr]]))):
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
    runs = Runs(n, len(tagged))
    i = 0
    while i < n:
        k = owner[i]
        if k < 0:
            i += 1
            continue
        j = i
        while j + 1 < n and owner[j + 1] == k:
            j += 1
        runs.first.append(i)
        runs.last.append(j)
        runs.owner.append(k)
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
        runs = resolve(doc, tagged) if tagged else None
        keep = _keep_mask(len(doc.lines), runs)
        passes = 1
        # the fixed-point loop (see MAX_PASSES): the context rules look again at
        # what is left, until a pass removes nothing more
        while tagged and passes < MAX_PASSES:
            passes += 1
            kept_idx = array("q", np.flatnonzero(np.frombuffer(keep, dtype=np.uint8)).astype(np.int64).tobytes())
            if not kept_idx:
                break
            sub = doc.subset(kept_idx)
            # line-local rules already judged every line that is left
            # the language is that of the kept text (detected again when not given),
            # as cleaning the output again would see it
            sub_ctx = ctx.subset(sub, kept_idx, self.config.lang or _Lang(sub.text).get)
            more = refuse_sweeping(sub_ctx, self._run(sub_ctx, self._context_rules))
            # this pass's document and context are done with: free them before the
            # next resolve (their tables would otherwise add to its peak)
            del sub, sub_ctx
            if not more:
                break
            # map the findings on the output back to input line numbers
            top = len(kept_idx) - 1
            for _, a, b, r, e, strong in more.entries():
                tagged.add(more.rules[r], kept_idx[a], kept_idx[min(b, top)], more.texts[e], bool(strong))
            del more, kept_idx
            runs = resolve(doc, tagged)
            new_keep = _keep_mask(len(doc.lines), runs)
            if new_keep == keep:
                break
            keep = new_keep
        # the per-line features and lexicon hits are no longer needed: free them
        # before the output is made, so that their peaks do not add up
        del ctx
        found, tagged = (tagged, None) if with_removals else (None, None)
        out = doc.render(keep)
        if out and doc.ends and doc.ends[-1] == "" and out[-1] in "\r\n":
            # the input had no final newline: neither has the output
            out = out[:-2] if out.endswith("\r\n") else out[:-1]
        if not with_removals:
            return Explanation(out, [], lang)
        removals = []
        if runs is not None:
            for a, b, k in zip(runs.first, runs.last, runs.owner):
                rule = found.rule_of(k)
                start, end = doc.span(a, b)
                evidence = found.evidence_of(k)
                removals.append(
                    Removal(rule.code, rule.name, rule.category, (a + 1, b + 1), start, end, text[start:end], evidence)
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
    def _run(ctx: Context, rules: Sequence[Rule]) -> Findings:
        found = Findings()
        if not ctx.n or not rules:
            return found
        later = []
        for rule in rules:
            if rule.needs_findings:
                later.append(rule)
                continue
            found.extend(rule, rule.detect(ctx))
        if later:
            # rules that read the others' findings (the segmenter) run after them, and
            # see only the findings that stand: one the engine refuses removes nothing
            # (a comment section over the article), and must not hold them back from
            # the lines it covers
            stand = refuse_sweeping(ctx, found)
            ctx.findings = _FirstFindings(stand, len(stand))
            for rule in later:
                found.extend(rule, rule.detect(ctx))
        return found


def _keep_mask(n: int, runs: Runs | None) -> bytearray:
    """One byte a line: 1 when the line is kept."""
    keep = bytearray(b"\x01") * n
    if runs is not None:
        for a, b in zip(runs.first, runs.last):
            keep[a : b + 1] = bytes(b + 1 - a)
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
