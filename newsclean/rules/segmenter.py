"""The learned body segmenter as a rule: everything that is not article body goes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from ..context import Context
from ..langdetect import script_language, stoplist
from ..rule import Finding, Rule
from ..segment.decode import AFTER, BEFORE, BODY, COMMENTS, INSIDE, STATES, viterbi
from ..segment.features import _DATE, _NB, _NE, _TIME, FEATURES, describe, line_features, main_run, page_like, words_of
from ..segment.model import Model, cached_model

#: What each state is called in the evidence of a removal.
STATE_WORDS = {
    "before": "before the body",
    "body": "body",
    "inside": "noise inside the body",
    "after": "after the body",
    "comments": "reader comments",
}
#: Documents with fewer non-blank lines are left to the other rules: with one or two
#: lines there is no shape or sequence to read.
MIN_LINES = 3
#: Documents with more non-blank lines are not one article (a corpus dump, a log, a
#: list): the segmenter leaves them to the other rules, which bounds its time and
#: memory (a feature row and the cached words of every line) on such inputs.
MAX_LINES = 20_000
#: A document of at least this many non-blank lines ...
FLOOD_MIN_LINES = 1_000
#: ... made of fewer distinct lines than this share of them is a flood of a few lines
#: repeated (a marker pasted thousands of times, a log), not an article's page: the
#: segmenter leaves it to the other rules.  It would spend some 600 bytes a line on a
#: shape that says nothing (real pages of the training data hold at least 14 %
#: distinct lines).
FLOOD_MAX_DISTINCT = 0.02
#: A document whose body-like lines hold less than this share of its characters is
#: not an article page but a list, an index, a chart or a catalogue with a line of
#: prose: what the segmenter would take for noise around an article is the page's
#: content.  The segmenter removes nothing there (:func:`decode`, which training calibrates
#: with too), as in a document without a body-like line.
MIN_BODY_SHARE = 0.05


def is_flood(ctx: Context) -> bool:
    """True when ``ctx`` is a flood: at least :data:`FLOOD_MIN_LINES` non-blank lines,
    fewer than :data:`FLOOD_MAX_DISTINCT` of them distinct (stops counting as soon as
    there are enough)."""
    nonblank = ctx.nonblank
    if len(nonblank) < FLOOD_MIN_LINES:
        return False
    enough = len(nonblank) * FLOOD_MAX_DISTINCT
    lines = ctx.doc.lines
    seen: set[str] = set()
    for i in nonblank:
        seen.add(lines[i].strip())
        if len(seen) >= enough:
            return False
    return True


def _stops(ctx: Context) -> frozenset[str]:
    """The stop-word list of ``ctx``'s language (of its script's when unknown)."""
    lines, idx, lang = ctx.doc.lines, ctx.nonblank, ctx.lang
    stops = stoplist(lang)
    if not stops and lang == "und" and idx:
        stops = stoplist(script_language(max((lines[i] for i in idx), key=len)))
    return stops


def segment_inputs(ctx: Context, findings: Sequence[tuple[Rule, Finding]]) -> tuple[Sequence[int], np.ndarray]:
    """The non-blank lines of ``ctx`` (:attr:`Context.nonblank`, an array of 4 bytes a
    line) and their feature matrix, given the findings of the other rules (used as
    features).  The training script calls this too, so a model sees at training time
    exactly what it sees when it runs."""
    lines = ctx.doc.lines
    idx = ctx.nonblank
    flagged = bytearray(ctx.n)  # one byte a line
    for _, f in findings:
        for i in range(max(0, f.first), min(ctx.n - 1, f.last) + 1):
            flagged[i] = True
    entries, prefixes, phrases = ctx.line_entries, ctx.prefix_entries, ctx.phrase_hits
    stops = _stops(ctx)
    X = line_features(
        [lines[i] for i in idx],
        stops,
        [flagged[i] == 1 for i in idx],
        [i in entries or i in prefixes or i in phrases for i in idx],
        # the line-local values hold for one stop list (a later pass may detect the
        # language of the kept text anew)
        ctx.segment_cache.setdefault(stops, {}),
    )
    return idx, X


_CHARS = FEATURES.index("chars")
_RULE_FINDING = FEATURES.index("rule_finding")
_BODY_LIKE = FEATURES.index("body_like")
_SEPARATORS = FEATURES.index("separators")
_TABLE_ROW = FEATURES.index("table_row")
_COLON_END = FEATURES.index("colon_end")
_BULLET = FEATURES.index("bullet")
_BULLET_MARK = FEATURES.index("bullet_mark")
_SENTENCE_END = FEATURES.index("sentence_end")
_REPEATED = FEATURES.index("repeated")
#: A line goes only when the decoding puts it outside the body AND the model, on the
#: line's own features, thinks it more likely noise than body: the sequence can keep
#: a doubtful line (a short line between two paragraphs), never sweep away a line
#: that looks like body (a paragraph after a block of links).
MIN_NOISE_P = 0.5
#: A body-like line (long, with a sentence end or stop words) needs more: its shape
#: does not change when the lines around it go, so protecting it keeps a second
#: pass over cleaned text from eating into the article.  So does a line the path puts
#: inside the body: short lines between paragraphs are list items and subheadings
#: more often than noise.
MIN_NOISE_P_STRICT = 0.9


#: An outer run: at least this many consecutive lines, none of them body-like, all
#: after the document's last body-like line (or all before its first), ...
OUTER_RUN_LINES = 3
#: ... that the model finds, on average, at least this likely to be noise (each one
#: at least :data:`MIN_NOISE_P`), goes as a block in whole-page text, even where the
#: decoding kept it for the body's bias: a run of short lines beyond the article's
#: paragraphs is a menu, a teaser list or a footer, and the bias that keeps one
#: doubtful line between two paragraphs should not keep a whole block outside them.
OUTER_RUN_NOISE_P = 0.6
#: The lines right above the first body-like line are left out of a run before it: the
#: article's title, standfirst and byline stand there.
OUTER_RUN_MARGIN = 3
#: A table row, as scrapers print tables ("| Origin | Spain |"), or a line with this
#: many separators or more (a breadcrumb) ends an outer run (a table after the last
#: paragraph is the article's own).
OUTER_RUN_MAX_SEPARATORS = 2
#: Outer runs are looked for only when at least this share of the lines lies outside
#: the span from the first body-like line to the last: a whole page's menus, teasers
#: and footers.  A scraper's text is mostly that span, and the short lines at its
#: ends are more often the article's own (a list of ingredients, a table of details).
OUTER_RUN_MIN_OUTSIDE = 0.6
#: Presets that take no outer runs: ``safe``'s budget is for one line at a time.  The
#: training script calibrates their bias with this decoding too.
NO_OUTER_RUNS = frozenset({"safe"})
#: Body-like lines at most this many lines apart belong to one cluster ...
STRAY_GAP = 20
#: ... and clusters at the ends of the document that hold, together, less than this
#: share of the characters of all body-like lines are strays: the page's ``<title>``
#: as its first line, a comment form's instructions, a poll question.  Outer runs are
#: measured from the body-like lines that are left (the strays themselves stay).  The
#: bound is on all the strays together: a page of many short sections far apart (a
#: listicle with tables between its paragraphs) keeps its span.
STRAY_SHARE = 0.05


#: Past the article's end: in whole-page text (as the outer runs), once two lines in a
#: row after the article's main run of body-like lines have gone (other rules'
#: findings, an outer run, a ticker, or the decoding's own), the article has ended
#: there, and every later line that is neither body-like nor a table row or a
#: breadcrumb, and that the model finds more likely noise than body, goes too: the
#: short lines between the teasers and the comments that follow an article (a teaser's
#: summary, being body-like, stays unless the model is nearly sure of it; see
#: :data:`END_BODY_LIKE_NOISE_P`).  The bias that keeps a doubtful line between two
#: paragraphs should not keep the lines of a teaser block between two of its
#: summaries.  One line gone is no end: a subheading the decoding doubted, or a line
#: inside the article that another rule takes ("Read more: ...", a caption); taking
#: one as the end raised the out-of-fold loss of body lines on the training pages
#: from 0.82 % to 1.20 % (at the same bias).  Only when the main run
#: holds at least this share of the document's body-like characters: below it the
#: article is in pieces (a listicle, whose items, specifications and subheadings stand
#: between its runs of paragraphs) and its main run says little of where it ends.  At
#: 0.3 the out-of-fold loss of body lines is 0.83 % (0.82 % without the rule); at 0.2
#: it is 1.03 %, without the bound 1.20 %, both past the calibration's 1 % budget.
END_MIN_RUN_SHARE = 0.3
#: Past the article's end, a body-like line (a teaser's summary) goes too when the
#: model finds it noise with at least this probability: the decoding asks 0.9 of a
#: body-like line anywhere (:data:`MIN_NOISE_P_STRICT`), and the article's end is
#: evidence of its own.  At 0.8 no unseen source lost more body tokens; at 0.7 L3S-GN1
#: lost 0.44 % → 0.47 % and DAnIEL ru 0.57 % → 0.64 %.
END_BODY_LIKE_NOISE_P = 0.8


def line_sizes(X: np.ndarray) -> np.ndarray:
    """The size of each row of ``X`` in characters (a CJK character weighs more), back
    from its ``chars`` column (log(1 + size))."""
    return np.expm1(X[:, _CHARS].astype(np.float64))


def body_span(X: np.ndarray) -> tuple[int, int] | None:
    """The first and the last body-like row of ``X``, once stray clusters at the ends
    are set aside (see :data:`STRAY_SHARE`); ``None`` when no row is body-like."""
    seeds = np.flatnonzero(X[:, _BODY_LIKE] > 0)
    if not len(seeds):
        return None
    chars = line_sizes(X)[seeds]
    # clusters of seeds: [first, last] indices into seeds
    breaks = np.flatnonzero(np.diff(seeds) - 1 > STRAY_GAP)
    firsts = np.r_[0, breaks + 1]
    lasts = np.r_[breaks, len(seeds) - 1]
    size = np.add.reduceat(chars, firsts)
    budget = STRAY_SHARE * float(chars.sum())
    lo, hi = 0, len(firsts) - 1
    # the smaller end goes first, one cluster at a time, while the strays set aside
    # stay within the budget
    while lo < hi:
        end = lo if size[lo] <= size[hi] else hi
        if size[end] >= budget:
            break
        budget -= size[end]
        if end == lo:
            lo += 1
        else:
            hi -= 1
    return int(seeds[firsts[lo]]), int(seeds[lasts[hi]])


def past_the_end(X: np.ndarray, noise: np.ndarray, gone: np.ndarray) -> tuple[np.ndarray, int]:
    """Which rows of ``X`` lie past the article's end (see :data:`END_MIN_RUN_SHARE`),
    and the first of the two rows that ended it (-1 when none did); ``noise`` is the
    model's probability that a row is not body, ``gone`` the rows that go so far."""
    out = np.zeros(len(X), dtype=bool)
    if len(X) < 2 or X[0, _RUN_SHARE] < END_MIN_RUN_SHARE:
        return out, -1
    # gone, after the main run: the first two such rows in a row end the article (one
    # alone may be a subheading the decoding doubted, or a line inside the article
    # that another rule took: a "Read more" link, a caption)
    went = (X[:, _AFTER_RUN] > 0) & (gone | (X[:, _RULE_FINDING] > 0))
    ended = np.flatnonzero(went[:-1] & went[1:])
    if not len(ended):
        return out, -1
    end = int(ended[0])
    out[end + 2 :] = True
    body_like = X[:, _BODY_LIKE] > 0
    out &= np.where(body_like, noise >= END_BODY_LIKE_NOISE_P, noise >= MIN_NOISE_P) & ~table_or_breadcrumb(X)
    return out, end


def true_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """The runs of consecutive True entries of ``mask``, as ``(first, end)`` index pairs."""
    edges = np.flatnonzero(np.diff(np.r_[0, mask.astype(np.int8), 0])).tolist()
    return list(zip(edges[::2], edges[1::2]))


def table_or_breadcrumb(X: np.ndarray) -> np.ndarray:
    """Which rows of ``X`` are a table row or hold :data:`OUTER_RUN_MAX_SEPARATORS`
    separators or more (a breadcrumb, a menu on one line)."""
    return (X[:, _TABLE_ROW] > 0) | (X[:, _SEPARATORS] >= OUTER_RUN_MAX_SEPARATORS)


def outer_runs(X: np.ndarray, noise: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which rows of ``X`` lie in an outer run (see :data:`OUTER_RUN_LINES`) before
    the body's first body-like line, and which after its last one (:func:`body_span`);
    ``noise`` is the model's probability that a row is not body.  Body-like rows are
    never in a run."""
    n = len(X)
    before = np.zeros(n, dtype=bool)
    after = np.zeros(n, dtype=bool)
    span = body_span(X)
    if span is None or (span[0] + n - 1 - span[1]) < OUTER_RUN_MIN_OUTSIDE * n:
        return before, after
    cand = (noise >= MIN_NOISE_P) & ~table_or_breadcrumb(X) & (X[:, _BODY_LIKE] == 0)
    for lo, hi, out in ((0, span[0] - OUTER_RUN_MARGIN, before), (span[1] + 1, n, after)):
        for i, j in true_runs(cand[lo : max(lo, hi)]):
            i, j = i + lo, j + lo
            if j - i >= OUTER_RUN_LINES and noise[i:j].mean() >= OUTER_RUN_NOISE_P:
                out[i:j] = True
    return before, after


#: The title anchor: a line of whole-page text (not its first) whose words are, to at
#: least this share, words of the first line (a page's text starts with its
#: ``<title>``: the headline and the site's name) ...
ANCHOR_MIN_IN_TITLE = 0.8
#: ... that holds at least this share of the first line's words (the headline, not a
#: section name that the title also holds) ...
ANCHOR_MIN_TITLE_SHARE = 0.4
#: ... with between these many distinct words ...
ANCHOR_WORDS = (3, 60)
#: ... and a body-like line at most this many lines below it is the article's
#: headline: the first such line is taken.  Everything above it is before the body.
ANCHOR_FOLLOW = 6
#: The anchor is not taken when the body-like lines above it hold more than this share
#: of the characters of all body-like lines: the headline repeated under the article
#: (a share bar, a related list), or a product's name repeated under its description.
#: Teasers above a short article can hold a good part of the page's prose (their
#: summaries read as paragraphs), so the bound is a half, not less.
ANCHOR_MAX_BODY_ABOVE = 0.5
#: Nor is it taken (:func:`anchor_taken`) when the model finds a body-like line above
#: it body with at least this probability: the article stands above.  A teaser's
#: summary above the headline reads as a paragraph too, and the model is less sure of
#: it (a page of other stories with a short article among them: a short item of news,
#: an agency's report).
ANCHOR_VETO_P = 0.8


def title_anchor(lines: Sequence[str], X: np.ndarray) -> int:
    """The row of ``X`` (``lines``: the document's non-blank lines) that repeats the
    page's title as the article's headline, in whole-page text (see
    :data:`ANCHOR_MIN_IN_TITLE` and what follows it); ``-1`` when there is none.
    A general signal, not a phrase: a page's text starts with its ``<title>``, and the
    article starts below its headline."""
    n = len(lines)
    # the first line must read as a title: not a sentence (the first paragraph of an
    # article, say, when an earlier pass has taken the lines above it).  A long title
    # with many stop words is body-like, and still a title.
    if n < 2 or not page_like(X) or X[0, _SENTENCE_END] > 0:
        return -1
    title = set(words_of(lines[0]))
    if len(title) < ANCHOR_WORDS[0]:
        return -1
    body_like = X[:, _BODY_LIKE] > 0
    copy = -1
    if X[0, _REPEATED] > 0:
        # a first line with a copy below is either the page's title repeated word for
        # word as the headline, or a line of the article that an earlier pass left
        # first (a date line, a kicker): only its first copy can be the headline, and
        # only when no paragraph (a body-like line that ends as a sentence) follows the
        # first line right away: a page's title stands above its menus, not above the
        # article
        head = lines[0].strip()
        copy = next((k for k in range(1, n) if lines[k].strip() == head), -1)
        prose = body_like[1 : 1 + ANCHOR_FOLLOW] & (X[1 : 1 + ANCHOR_FOLLOW, _SENTENCE_END] > 0)
        if copy < 0 or prose.any():
            return -1
    lo, hi = ANCHOR_WORDS
    limit = 4 * len(lines[0]) + 20  # a line much longer than the title cannot be its words
    for k in range(1, n - 1):
        if len(lines[k]) > limit or not body_like[k + 1 : k + 1 + ANCHOR_FOLLOW].any():
            continue
        w = set(words_of(lines[k]))
        if not lo <= len(w) <= hi:
            continue
        shared = len(w & title)
        if shared >= ANCHOR_MIN_IN_TITLE * len(w) and shared >= ANCHOR_MIN_TITLE_SHARE * len(title):
            if copy >= 0 and k != copy:
                return -1
            sizes = line_sizes(X)
            if sizes[:k][body_like[:k]].sum() > ANCHOR_MAX_BODY_ABOVE * sizes[body_like].sum():
                return -1
            return k
    return -1


def anchor_taken(X: np.ndarray, noise: np.ndarray, anchor: int) -> bool:
    """Whether the headline at row ``anchor`` is taken as the article's start: the
    model's own reading has the last word, and a body-like row above it that the
    model finds body with probability :data:`ANCHOR_VETO_P` or more (``noise``: its
    probability that a row is not body) says the article stands above."""
    if not 0 <= anchor < len(X):
        return False
    above = X[: anchor + 1, _BODY_LIKE] > 0
    return not (above & (noise[: anchor + 1] <= 1.0 - ANCHOR_VETO_P)).any()


#: A news ticker or a list of teasers after the article: at least this many consecutive
#: lines after the article's main run of body-like lines, each stamped with a date or a
#: time of day at its start or its end ("11:29 Minister resigns", "- Rates rise again
#: 2009/10/17", "- Rates rise again | 17:06"), none of them a sentence, a table row or a
#: breadcrumb (see :func:`table_or_breadcrumb`), go as a block (not with ``safe``, as
#: the outer runs).  A line of the article is rarely stamped so, and four in
#: a row after its last paragraph are a list of other stories in every language.  A
#: headline stamped with a time of day and no date, long enough to read as a paragraph
#: ("- 19:49 The yacht of the exiled tycoon was bought by ..."), does not extend the
#: main run here; a dated line does ("13 January 2012: concerts by ...", the
#: programme an article ends with).  A headline cut short ("Court sentences man
#: for..", "…") ends with dots, not with a sentence.
TICKER_LINES = 4
#: A ticker whose stamps stand on lines of their own ("09:24" above "Minister
#: resigns", then perhaps a topic line): at least :data:`TICKER_LINES` stamped lines, each
#: at most this many lines below the one before, with lines between them that are
#: neither a sentence nor a table row, make a run too (with the line below the last
#: stamp, when that stamp stands alone).  The stamps must be unambiguous here: a date,
#: or a time written with a colon, on a line with no currency or percent sign (a
#: column of prices such as "$14.55" is a table, not a ticker) ...
TICKER_GAP = 3
#: ... and the lines between the stamps must hold, on average, at least this many words:
#: headlines, not the cells of a schedule ("10:00 am – 3:00 pm", "9050 Dixie Road").
TICKER_FILLER_WORDS = 4
_STAMP = "(?:" + _DATE.pattern + "|" + _TIME.pattern + ")"
_EDGE_STAMP = re.compile(r"^[\W_]{0,3}" + _STAMP + "|" + _STAMP + r"[\W_]{0,3}$")
_CLEAR_STAMP = "(?:" + _DATE.pattern + "|" + _NB + r"\d{1,2}:\d{2}" + _NE + ")"
_CLEAR_EDGE_STAMP = re.compile(r"^[\W_]{0,3}" + _CLEAR_STAMP + "|" + _CLEAR_STAMP + r"[\W_]{0,3}$")
_LONE_STAMP = re.compile(r"^[\W_]{0,3}" + _STAMP + r"(?:[\W_]{0,3}" + _STAMP + r")?[\W_]{0,3}$")
_CUT_SHORT = re.compile(r"(?:\.\.|\u2026)[\s\u00bb\"'\u201d]*$")
_MONEY = re.compile(r"[$%\u00a2-\u00a5\u20a0-\u20cf]")
_DATE_COL = FEATURES.index("date")
_TIME_COL = FEATURES.index("time")
_AFTER_RUN = FEATURES.index("after_main_run")
_RUN_SHARE = FEATURES.index("run_share")


def stamped_lines(lines: Sequence[str], X: np.ndarray, room: np.ndarray) -> np.ndarray:
    """Which rows of ``X`` (``lines``: the document's non-blank lines) a ticker may hold
    (``room``: the rows to look at; see :func:`ticker_rows`) and are stamped with a date or a time at their start or end (see
    :data:`TICKER_LINES`)."""
    out = np.zeros(len(X), dtype=bool)
    for k in np.flatnonzero(((X[:, _DATE_COL] > 0) | (X[:, _TIME_COL] > 0)) & room):
        out[k] = _EDGE_STAMP.search(lines[k].strip()) is not None
    return out


def ticker_rows(lines: Sequence[str], X: np.ndarray) -> np.ndarray:
    """Which rows of ``X`` lie in a news ticker or a list of other stories: a run of at
    least :data:`TICKER_LINES` consecutive :func:`stamped_lines`, or as many stamped
    lines a few lines apart (see :data:`TICKER_GAP`)."""
    out = np.zeros(len(X), dtype=bool)
    # the rows a ticker may hold: after the main run, no sentence, no table row (one
    # separator may set the stamp apart from its headline: "- Rates rise | 17:06"); a
    # headline cut short ("Court sentences man for..", "…") ends with dots, not with a
    # sentence (looked for only where the line reads as one)
    sentence = X[:, _SENTENCE_END] > 0
    for k in np.flatnonzero(sentence):
        sentence[k] = _CUT_SHORT.search(lines[k]) is None
    room = ~sentence & ~table_or_breadcrumb(X)
    after = X[:, _AFTER_RUN] > 0
    body_like = X[:, _BODY_LIKE] > 0
    edge = stamped_lines(lines, X, room & body_like & (X[:, _TIME_COL] > 0) & (X[:, _DATE_COL] == 0))
    if edge.any():
        # a headline stamped with a time, long enough to read as a paragraph ("- 19:49
        # The yacht of the tycoon was bought by ...", with its stop words), is no seed
        # of the article's run: the run would reach into the ticker and leave it no
        # room after it
        last = main_run((body_like & ~edge).tolist(), line_sizes(X).tolist())[1]
        after = np.arange(len(X)) > last if last >= 0 else np.zeros(len(X), dtype=bool)
    room &= after
    stamped = stamped_lines(lines, X, room)
    for a, b in true_runs(stamped):
        if b - a >= TICKER_LINES:
            out[a:b] = True
    if stamped.sum() < TICKER_LINES:
        return out
    clear = np.zeros(len(X), dtype=bool)
    for k in np.flatnonzero(stamped):
        clear[k] = _CLEAR_EDGE_STAMP.search(lines[k].strip()) is not None and _MONEY.search(lines[k]) is None
    for a, b in true_runs(room):
        stamps = np.flatnonzero(clear[a:b]) + a
        if len(stamps) < TICKER_LINES:
            continue
        # groups of stamps, each at most TICKER_GAP lines below the one before
        cuts = np.flatnonzero(np.diff(stamps) > TICKER_GAP) + 1
        for group in np.split(stamps, cuts):
            if len(group) < TICKER_LINES:
                continue
            lo, hi = int(group[0]), int(group[-1]) + 1
            if hi < b and _LONE_STAMP.match(lines[hi - 1].strip()):
                hi += 1  # the headline under the last stamp
            fillers = [len(words_of(lines[k])) for k in range(lo, hi) if not stamped[k]]
            if fillers and sum(fillers) < TICKER_FILLER_WORDS * len(fillers):
                continue
            out[lo:hi] = True
    return out


def decode(
    model: Model,
    X: np.ndarray,
    preset: str,
    anchor: int = -1,
    ticker: np.ndarray | None = None,
    notes: dict[str, Any] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The state of each row of ``X``, the model's probabilities, and which rows go
    (outer runs of whole-page text too; see :func:`outer_runs`, and the rows past the
    article's end, :func:`past_the_end`).  ``anchor``: the row of the article's
    headline (:func:`title_anchor`), or -1; with the outer runs, the rows above it and
    itself go too.  ``ticker`` (:func:`ticker_rows`): those rows go too (not with
    ``safe``).  ``notes``, when given, gets ``"end"``, the first of the two rows that
    ended the article, and ``"past"``, the rows that go for lying past it, and
    ``"headline"``, ``anchor`` when it was taken as the article's start."""
    page = page_like(X)
    emit, p = model.emissions(X)
    # the headline's veto asks whether a line above it reads as body itself: the first
    # pass's reading, for which ANCHOR_VETO_P was set (the second pass is less sure of
    # an article's paragraphs set between a menu and a share bar)
    own_noise = 1.0 - p[:, BODY]
    if page and model.stack is not None:
        emit, p = model.second_pass(X, p)
    emit[:, BODY] += model.bias(preset, page)
    path = viterbi(emit, model.transitions, model.start)
    noise = 1.0 - p[:, BODY]
    # inside the body (a list item, a subheading, an ingredient) and body-like lines
    # need the model's near-certainty
    strict = (X[:, _BODY_LIKE] > 0) | (path == INSIDE)
    gone = (path != BODY) & (noise >= np.where(strict, MIN_NOISE_P_STRICT, MIN_NOISE_P))
    sizes = line_sizes(X)
    if gone.all() or not (path == BODY).any() or sizes[X[:, _BODY_LIKE] > 0].sum() < MIN_BODY_SHARE * sizes.sum():
        # no body on the path, or body-like lines too few to be an article (a list,
        # an index, a table, a poem, with at most a line of prose): nothing to
        # measure the rest against
        gone[:] = False
        return path, p, gone
    chars = X[:, _CHARS]
    # a line longer than every line kept as body means the decoding may have
    # taken a teaser list for the article: such lines stay
    shorter = chars < chars[~gone].max()
    gone &= shorter
    if ticker is not None and preset not in NO_OUTER_RUNS:
        ticker = ticker & shorter
        path[ticker & (path != COMMENTS)] = AFTER
        gone |= ticker
    if page and preset not in NO_OUTER_RUNS:
        # outer runs only add to what goes, under the same bound (so the longest
        # line kept stays, and something always does)
        before, after = outer_runs(X, noise)
        before &= shorter
        after &= shorter
        beyond, end = past_the_end(X, noise, gone | before | after)
        beyond &= shorter & ~after
        if notes is not None and beyond.any():
            notes["end"], notes["past"] = end, beyond
        after |= beyond
        path[before & (path == BODY)] = BEFORE
        path[after & (path == BODY)] = AFTER
        gone |= before | after
        if anchor_taken(X, own_noise, anchor):
            if notes is not None:
                notes["headline"] = anchor
            # the headline and every line above it (the longest line kept stays)
            above = np.zeros(len(X), dtype=bool)
            above[: anchor + 1] = True
            above &= shorter
            path[above] = BEFORE
            gone |= above
    gone &= ~introduced_list(X)
    return path, p, gone


def introduced_list(X: np.ndarray) -> np.ndarray:
    """Which rows of ``X`` are the items of a list that the article introduces: the
    list items (bullets, bullet marks, table rows) right under a body-like line that
    ends with a colon ("The following 130 schools take part:"), up to the first line
    that is not an item.  They stay: a list of links looks the same, but the article's
    own sentence announces this one."""
    out = np.zeros(len(X), dtype=bool)
    heads = np.flatnonzero((X[:, _COLON_END] > 0) & (X[:, _BODY_LIKE] > 0))
    if not len(heads):
        return out
    item = (X[:, _BULLET] > 0) | (X[:, _BULLET_MARK] > 0) | (X[:, _TABLE_ROW] > 0)
    for k in heads.tolist():
        j = k + 1
        while j < len(X) and item[j]:
            out[j] = True
            j += 1
    return out


#: In the engine's later passes, the lines the segmenter leaves are decoded again, as
#: the next pass would read them, until nothing more goes, at most this many times.
#: At the edge of a long menu each decoding takes a line or two (the neighbours'
#: features change as lines go): one engine pass each, the engine would stop at its
#: bound before the menu is gone, and cleaning the output again would take more.
MAX_REFINE = 64
_LEXICON_HIT = FEATURES.index("lexicon_hit")


def share_fate(texts: Sequence[str], gone: np.ndarray, flagged: np.ndarray | None = None) -> None:
    """Copies of one line share one fate: a row of ``gone`` goes only if no copy of
    its text stays (neither gone nor ``flagged``, another rule's); otherwise cleaning
    the output again, where the copies that stay sit elsewhere, would take them one
    by one.  ``gone`` is updated in place."""
    if not gone.any():
        return
    stays = ~gone if flagged is None else ~gone & ~flagged
    kept = {t.strip() for t, s in zip(texts, stays) if s}
    for k in np.flatnonzero(gone):
        if texts[k].strip() in kept:
            gone[k] = False


def refine(
    ctx: Context, idx: Sequence[int], X: np.ndarray, model: Model, path: np.ndarray, p: np.ndarray, gone: np.ndarray
) -> None:
    """Decode the rows of ``X`` that stay (neither ``gone`` nor another rule's) again
    and again until a decoding takes nothing more (at most :data:`MAX_REFINE` times);
    ``path``, ``p`` and ``gone`` are updated in place."""
    lines = ctx.doc.lines
    stops = _stops(ctx)
    cache = ctx.segment_cache.setdefault(stops, {})
    lexicon = X[:, _LEXICON_HIT] > 0
    alive = ~gone & (X[:, _RULE_FINDING] == 0)
    for _ in range(MAX_REFINE):
        rows = np.flatnonzero(alive)
        if len(rows) < MIN_LINES:
            return
        texts = [lines[idx[r]] for r in rows]
        Xs = line_features(texts, stops, None, lexicon[rows].tolist(), cache)
        ticker = ticker_rows(texts, Xs) if ctx.preset not in NO_OUTER_RUNS else None
        ps, pp, gs = decode(model, Xs, ctx.preset, ticker=ticker)
        share_fate(texts, gs)
        if not gs.any():
            return
        new = rows[gs]
        gone[new], path[new], p[new] = True, ps[gs], pp[gs]
        alive[new] = False


class BodySegmenter(Rule):
    """Removes every line that is not article body, as a learned model reads the
    shape and sequence of the lines.

    **What.** Each line gets one of five states: before the body, body, noise inside
    the body, after the body, reader comments.  Every line that is not body goes.

    **Why.** A line of boilerplate rarely has a tell-tale phrase; its shape and its
    place give it away: short, title-cased, no sentence end, few stop words, in a run
    of such lines, after the last long paragraph, in another voice.  Phrases tuned to
    known outlets do not carry over to unknown ones; shapes do.

    **How.** Per line, language-independent features (length, stop-word share,
    sentence end, commas, case, digits, dates and times, web addresses, handles,
    separators, bullets, pronouns, the other rules' findings and lexicon hits,
    position, distance to the longest run of body-like lines and the share of the
    document's prose that run holds, and the same of the neighbours) feed a
    multinomial logistic regression; Viterbi decoding over the states, with learned
    transitions, picks the likeliest sequence.  Removing body
    costs more than keeping noise: each preset adds its own bias to the body state
    (``safe`` the most; one for a scraper's text, one for whole-page text, told
    apart by the share of long lines, so one preset serves both), and a line goes only if the model also finds it, on its own
    features, more likely noise than body (p ≥ 0.9 for a body-like line or one inside
    the body), is shorter than the longest line kept, and no copy of it stays
    (copies of a line share one fate).  In whole-page text with 60 % or more of its
    lines outside the span of body-like lines (not with ``safe``), a run of three
    or more lines beyond the article's paragraphs (after the last body-like line,
    or before the first one and above the three lines that hold the title and
    byline; a small cluster of body-like lines far out at either end, such as the
    page's title or a comment form's instructions, does not count as the article's),
    none body-like or a table row, each more likely noise than body and
    on average at least 0.6, goes as a block: a menu, a teaser list, a footer
    (a line longer than all the kept body says the decoding took the wrong block for
    the article).  There too, once two lines in a row after the article's main run of
    body-like lines have gone (other rules' findings or the decoding's), the article has
    ended: every later line that is not body-like or a table row and is more likely
    noise than body goes (the short lines between teasers whose summaries read as
    paragraphs), and so does a body-like line that the model finds noise with p ≥ 0.8
    (not when the main run holds under 30 % of the body-like characters).
    In such text, the article's headline (the first line below the
    page's first line, its title, that repeats most of the title's words, with a
    body-like line under it) starts the article: it and the lines above it go, unless
    the model reads a body-like line above it as body.  After the article's main run
    of body-like lines, four or more consecutive lines each stamped with a date or a
    time at its start or end ("11:29 Minister resigns"), none a sentence or a table
    row, go as a block: a news ticker or a list of other stories (not with ``safe``);
    so do four or more stamps on lines of their own, each at most three lines below the
    one before, with headlines between them (:data:`TICKER_GAP`).  For this, a long
    headline stamped with a time of day is not part of the main run (its stop words
    make it read as a paragraph), and a headline cut short ("..", "…") is no sentence.
    In the engine's later passes,
    the lines that stay are decoded again until nothing more goes, so that a long
    menu does not go one line per pass.  A document whose decoding finds no body at all, with fewer
    than three or more than 20,000 non-blank lines, a flood of a few lines repeated
    (1,000 lines or more, under 2 % of them distinct), or whose body-like lines
    hold less than 5 % of its characters (a list, an index, a table, a poem, with at
    most a line of prose), is left alone.  The model is data
    (``newsclean/segment/data/segmenter-v2.json``, with its model card beside it);
    ``Cleaner(model="path.json")`` loads another.  The evidence names the state,
    the line's shape and the model's probability that the line is not body.
    """

    code = "M101"
    name = "body-segmenter"
    category = "segmenter"
    needs_findings = True
    examples_remove = (
        "Home\nNews\nWorld\nSport\nWeather\nThe council voted on Tuesday to close the old bridge to all traffic after "
        "engineers found deep cracks in two of its piers, the mayor said in a statement.\nThe bridge, built in "
        "1931, carries about 12,000 vehicles a day, and the detour will add twenty minutes to many journeys.\n"
        "Repairs are expected to take at least eighteen months, and the cost has not yet been estimated by "
        "the city's engineers.\nResidents said they had worried about the bridge for years and had written to "
        "the council more than once.\nMost Popular\nTrending Now\nContact Us\nPrivacy Policy\nTerms of Use\n"
        "About Us\n",
    )
    examples_keep = (
        "The council voted on Tuesday to close the old bridge to all traffic after engineers found deep "
        "cracks in two of its piers.\nThe bridge, built in 1931, carries about 12,000 vehicles a day, and the "
        "detour will add twenty minutes to many journeys.\nRepairs are expected to take at least eighteen "
        "months, the mayor said.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        if not MIN_LINES <= len(ctx.nonblank) <= MAX_LINES or is_flood(ctx):
            return
        idx, X = segment_inputs(ctx, ctx.findings)
        model = cached_model(ctx.model_path)
        lines = ctx.doc.lines
        texts = [lines[i] for i in idx]
        outer = ctx.preset not in NO_OUTER_RUNS
        anchor = title_anchor(texts, X) if outer else -1
        ticker = ticker_rows(texts, X) if outer else None
        notes: dict[str, Any] = {}
        path, p, gone = decode(model, X, ctx.preset, anchor, ticker, notes)
        end, past = notes.get("end", -1), notes.get("past")
        flagged = X[:, _RULE_FINDING] > 0  # another rule already removes these lines
        # the headline, when the decoding took it as the article's start (the evidence
        # of the lines above it says so)
        anchor = notes.get("headline", -1)
        share_fate(texts, gone, flagged)
        if ctx.later and (gone & ~flagged).any():
            # a later pass that still takes lines: peel to the end here
            refine(ctx, idx, X, model, path, p, gone)
        for k in np.flatnonzero(gone):
            if flagged[k]:
                continue
            state = STATES[int(path[k])]
            shape = ", ".join(describe(X[k]))
            where = STATE_WORDS[state]
            if k < anchor:
                head, title = ctx.line_no(idx[anchor]), ctx.line_no(idx[0])
                where += f", above the article's headline (line {head} repeats the page title, line {title})"
            elif k == anchor:
                where += f", the article's headline (it repeats the page title, line {ctx.line_no(idx[0])})"
            elif ticker is not None and ticker[k]:
                where += ", in a run of lines stamped with a date or a time (a news ticker or a list of other stories)"
            elif past is not None and past[k]:
                first, second = ctx.line_no(idx[end]), ctx.line_no(idx[end + 1])
                where += f", past the article's end (lines {first} and {second}, below its paragraphs, went)"
            yield Finding(idx[k], idx[k], f"{where}; {shape} (p={1.0 - float(p[k, BODY]):.2f})")


RULES: tuple[type[Rule], ...] = (BodySegmenter,)
