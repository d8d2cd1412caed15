"""Line features for the body segmenter: the shape of a line and where it sits.

Everything here is pure: a list of lines (non-blank, in order) and a few
per-document facts in, a ``float32`` matrix out, one row per line and one column
per name in :data:`FEATURES`.  The features are language-independent first:

- the line's own shape: length in characters and words, stop-word share (jusText's
  list for the language, and the document's own most frequent short words, which are
  function words in any language), sentence end, commas, title case, capitals,
  digits, dates, times, relative times, web addresses, e-mail, handles, separators,
  bullets, first/second-person pronouns, a repeat of another line;
- what the other rules said: a finding of another rule on the line, a lexicon hit;
- where it sits: relative position, inside / before / after the longest run of
  body-like lines and how far from it, and how much of the document's prose that run
  holds;
- its neighbours: the same few shape features of the lines around it, and the share
  of body-like lines in a window on each side;
- the title: whether the line repeats a content word of the document's first line (a
  page's ``<title>`` in whole-page text), and how many of the lines around it do.

No feature names or knows a site.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import regex

from ..document import SENTENCE_TAIL

# -- patterns ---------------------------------------------------------------
_WORD = re.compile(r"\w+")
# The scripts of South Asia (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil,
# Telugu, Kannada, Malayalam, Sinhala) write their vowels as combining marks, which
# ``re``'s \w leaves out: "हिंदी" would be the two fragments "ह" and "द".  ``regex``'s \w
# takes the marks; it is used only on lines in these scripts (``re`` is faster).
_MARKED = re.compile(r"[\u0900-\u0dff]")
_WORD_WITH_MARKS = regex.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Dates, times and relative times all start with a number (what comes before is looked
# behind), so they are only tried where a number starts: "2024-05-01", "1.5.2024", "1 May 2024",
# "May 1, 2024", "12:30", "3 hours ago", "vor 3 Stunden", "il y a 3 heures", "3 часа
# назад", "πριν από 3 ώρες", "3小时前"
# A number's edges: no Latin letter or digit next to it (``\b`` would also need a
# boundary next to a CJK character, which is a word character: "更高2012/01/10").
_NB, _NE = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
_DATE = re.compile(
    rf"{_NB}\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}{_NE}|{_NB}\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}{_NE}"
    rf"|{_NB}\d{{1,2}}\.? ?[^\W\d_]{{3,9}}\.? \d{{4}}{_NE}"
    rf"|(?<=[^\W\d_] )\d{{1,2}},? \d{{4}}{_NE}|(?<=[^\W\d_]\. )\d{{1,2}},? \d{{4}}{_NE}|\d{{4}}年\d{{1,2}}月"
)
_TIME = re.compile(rf"{_NB}\d{{1,2}}[:.h]\d{{2}}{_NE}(?: ?[ap]\.?m\.?)?|\d{{1,2}}时")
_RELTIME = re.compile(
    r"\d+\s*[^\W\d_]{1,12}\.?\s+(?:ago|назад|temu|fa|geleden|atrás|sedan|siden|önce)\b"
    r"|(?:(?<=vor )|(?<=hace )|(?<=há )|(?<=il y a )|(?<=před )|(?<=pred )|(?<=πριν )|(?<=από ))\d+\s*[^\W\d_]{1,12}"
    r"|\d+\s*(?:分钟|小时|天)前",
    re.IGNORECASE,
)
# scanned over the lower-cased text: each alternative starts with a literal, which
# makes one scan of the whole text fast (ten times faster than with IGNORECASE)
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|de|fr|ru|pl|gr|cn|uk|io|info)\b")
_URL_ANY_CASE = re.compile(_URL.pattern, re.IGNORECASE)
_EMAIL = re.compile(r"(?<=[\w.+-])@[\w-]+\.\w")
# the match starts at the "@" (a match starting at the NUL between two lines would be
# counted on the line before)
_HANDLE = re.compile(r"(?<![^\s\x00])@\w{2,}")
# separators: a bullet or a middle dot anywhere but where it opens the line, "|" after a
# space, "/ » › >" between spaces
_SEP_CHARS = re.compile(r"[|/»›>\u2022\u00b7]")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
# A list item as scrapers and Markdown print one ("- ", "* ", "+ ", "1. ", "> " for a
# quotation; a dash also opens a line of dialogue) and a bullet character written in the
# page's own text ("• ", "· ", "・", "► ", "» "): the first is how an extractor renders a
# list, an article's as well as a menu's; in whole-page text the second is how menus,
# teaser lists and footers are typeset, far more often than an article's lists.  In a
# scraper's text (see :func:`page_like`) the extractor has already kept the line as
# content, and a written bullet counts as a list item like the first.
_BULLET = re.compile(r"^\s*(?:[-*+>\u2013\u2014]|\d{1,3}[.)]\s)")
_BULLET_MARK = re.compile(r"^\s*[\u2022\u00b7\u30fb\u25aa\u25cf\u25a0\u25ba\u25b6»›]")
#: A sentence ends with one of these, before closing quotes and brackets.
_ENDERS = frozenset(".!?\u2026\u3002\uff01\uff1f\u061f\u0964;")
_CLOSERS = SENTENCE_TAIL + "\u3000"
_DIGITS = re.compile(r"\d+")
#: The first letter of every word (for the share of capitalised words).
_FIRST_LETTERS = re.compile(r"\b[^\W\d_]")
# first- and second-person pronouns (the voice of a comment or an appeal), short and
# common in many languages; lower-cased
_PRON = frozenset(
    "i me my mine we us our ours you your yours "
    "ich mich mir mein meine wir uns unser du dich dir dein euch ihr "
    "je moi mon ma mes nous notre nos tu toi ton ta tes vous votre vos "
    "yo mi mis nosotros nuestro nuestra tú te ti tu tus usted ustedes "
    "io mio mia noi nostro tuo voi vostro eu meu minha nós nosso você vocês "
    "ik mij mijn wij ons onze jij je jouw jullie "
    "я меня мне мой моя мы нас наш ты тебя твой вы вас ваш "
    "ja mnie mój moja my nas nasz ty ciebie twój wy was wasz "
    "εγώ μου εμείς μας εσύ σου εσείς σας "
    "我 我们 你 你们 您".split()
)

#: Feature names of one line's own shape (the first block of columns).
LINE_FEATURES = (
    "chars",  # log(1 + characters)
    "words",  # log(1 + words; CJK characters count as words)
    "stopwords",  # share of words in jusText's stop list for the language
    "function_words",  # share of words among the document's most frequent short words
    "sentence_end",  # ends with . ! ? … (and closing quotes)
    "colon_end",  # ends with a colon
    "question_end",  # ends with a question mark
    "commas",  # commas per word
    "title_case",  # share of cased words that start with a capital
    "all_caps",  # every letter is a capital
    "digits",  # share of characters that are digits
    "date",  # holds a date
    "time",  # holds a time of day
    "relative_time",  # "3 hours ago" and its kin
    "web_address",  # a URL or a domain name
    "email",  # an e-mail address
    "handle",  # an @handle
    "separators",  # | · • › separators (not counted on a table row)
    "bullet",  # starts as a list item, a quotation or dialogue is printed: "- ", "1. ", "> ", "– "
    "pronouns",  # share of first/second-person pronouns
    "repeated",  # the same line occurs elsewhere in the document
    "rule_finding",  # another rule removes the line
    "lexicon_hit",  # a lexicon phrase of any language is on the line
    "body_like",  # long, a sentence, stop words: the seed of the body run
    "position",  # share of the text before the line
    "in_main_run",  # inside the longest run of body-like lines
    "before_main_run",  # log(1 + lines) before the run's first line, 0 inside or after
    "after_main_run",  # log(1 + lines) after the run's last line, 0 inside or before
    "doc_lines",  # log(1 + lines) of the document
    "doc_long_share",  # share of the document's lines that are long
    "chars_vs_body",  # log length minus the median log length of the body-like lines of the main run
    "stopwords_vs_body",  # stop-word share minus the mean share of the body-like lines of the main run
    "run_share",  # share of the document's body-like characters that the main run holds
    "outside_run_share",  # the same, on lines outside the main run (0 inside it)
    "table_row",  # a table row as scrapers print it: "| cell | cell |"
    "bullet_mark",  # whole-page text: starts with a bullet character written in the text: • · ・ ► »
)
#: Shape features repeated for the neighbours at each offset in NEIGHBOURS.
NEIGHBOUR_FEATURES = ("chars", "sentence_end", "stopwords", "body_like", "rule_finding", "title_case")
NEIGHBOURS = (-2, -1, 1, 2)
#: Lines on each side over which the share of body-like lines is taken.
WINDOW = 5

FEATURES: tuple[str, ...] = (
    LINE_FEATURES
    + tuple(f"{name}@{off:+d}" for off in NEIGHBOURS for name in NEIGHBOUR_FEATURES)
    + ("body_like_before", "body_like_after", "chars_before", "chars_after")
    # 1 when the line repeats a content word of the document's first line (a page's
    # title), -1 when it does not, 0 when the first line is no title (see title_echoes);
    # and the mean of that over the lines within WINDOW on each side
    + ("title_words", "title_words_near")
)

#: What the second pass of a stacked model reads besides a line's own features (see
#: :func:`stack_features`): the first pass's probability that each line is body, around
#: the line.  A menu line between two paragraphs and a headline among teasers look
#: alike; what the first pass makes of the lines around them does not.
STACK_FEATURES = (
    "p_body@-1",  # the first pass's p(body) of the line before
    "p_body@+1",  # ... and of the line after
    "p_body_before",  # mean p(body) of the 5 lines before
    "p_body_after",  # ... and of the 5 lines after
    "p_body_far_before",  # mean p(body) of the lines 6 to 20 before
    "p_body_far_after",  # ... and 6 to 20 after
    "p_body_max_below",  # the highest p(body) of any later line: is there body below?
    "p_body_max_above",  # ... and of any earlier line
    "body_share_below",  # share of the later lines with p(body) > 0.5
    "body_share_above",  # ... and of the earlier lines
    "p_after_after",  # mean p(after the body) of the 5 lines after
    "p_body_doc",  # mean p(body) over the document
)
#: The lines on each side that :func:`stack_features` averages over, near and far.
STACK_NEAR, STACK_FAR = 5, 20


def stack_features(p: np.ndarray) -> np.ndarray:
    """The :data:`STACK_FEATURES` of each line of one document, from ``p``, the first
    pass's probabilities of the states (rows: the document's lines in order; columns:
    before, body, inside, after, comments).  Cohen and Carvalho's stacked sequential
    learning (2005): a second model reads what the first made of the neighbourhood."""
    n = len(p)
    out = np.zeros((n, len(STACK_FEATURES)), dtype=np.float32)
    if not n:
        return out
    body = p[:, 1].astype(np.float64)
    after = p[:, 3].astype(np.float64)
    idx = np.arange(n)

    def mean(values: np.ndarray, lo_off: int, hi_off: int) -> np.ndarray:
        c = np.concatenate(([0.0], np.cumsum(values)))
        lo = np.clip(idx + lo_off, 0, n)
        hi = np.clip(idx + hi_off + 1, 0, n)
        return np.where(hi > lo, (c[hi] - c[lo]) / np.maximum(hi - lo, 1), 0.0)

    sure = np.concatenate(([0.0], np.cumsum(body > 0.5)))
    out[1:, 0] = body[:-1]
    out[:-1, 1] = body[1:]
    out[:, 2] = mean(body, -STACK_NEAR, -1)
    out[:, 3] = mean(body, 1, STACK_NEAR)
    out[:, 4] = mean(body, -STACK_FAR, -STACK_NEAR - 1)
    out[:, 5] = mean(body, STACK_NEAR + 1, STACK_FAR)
    out[:-1, 6] = np.maximum.accumulate(body[::-1])[::-1][1:]
    out[1:, 7] = np.maximum.accumulate(body)[:-1]
    out[:-1, 8] = (sure[n] - sure[idx[:-1] + 1]) / (n - 1 - idx[:-1])
    out[1:, 9] = sure[idx[1:]] / idx[1:]
    out[:, 10] = mean(after, 1, STACK_NEAR)
    out[:, 11] = body.mean()
    return out


#: A line is body-like with at least this many words (CJK: characters / 2) ...
BODY_MIN_WORDS = 12
#: ... and a sentence end or at least this share of stop/function words.
BODY_MIN_STOP = 0.25
#: A line mostly of CJK characters (at least this share of its letters)
#: is body-like only with a sentence stop somewhere in it: its "words" are single
#: characters, and the most frequent of them (的, 了, 在) fill headlines as they fill
#: paragraphs, so the stop-word share says nothing there, while a paragraph holds
#: sentences (。！？) and a headline, a teaser or a menu line does not.
CJK_PROSE_SHARE = 0.5
_SENTENCE_STOP = re.compile(r"[\u3002\uff01\uff1f\uff0e]|[.!?](?:\s|$)")
#: Non-body-like lines allowed inside one run of body-like lines.
RUN_GAP = 4
#: How many of the document's most frequent short words count as its function words.
FUNCTION_WORDS = 24

#: A document of at least this many lines, with less than this share of long lines,
#: is whole-page text (menus, teasers and footers around the article) rather than a
#: scraper's text: the two are told apart by shape, so a user need not say which.
PAGE_MIN_LINES = 30
PAGE_MAX_LONG_SHARE = 0.45

_IDX = {name: k for k, name in enumerate(FEATURES)}


def page_like(X: np.ndarray) -> bool:
    """True when the document of feature matrix ``X`` reads as whole-page text."""
    if not len(X):
        return False
    return len(X) >= PAGE_MIN_LINES and float(X[0, _IDX["doc_long_share"]]) < PAGE_MAX_LONG_SHARE


def _words(line: str) -> tuple[list[str], int]:
    """The line's words and its number of CJK characters: ``\\w+`` tokens, where every
    CJK character is a word of its own (they are written without spaces), and a word
    of a South Asian script keeps its vowel signs (see :data:`_MARKED`)."""
    words = _WORD_WITH_MARKS.findall if _MARKED.search(line) else _WORD.findall
    if not _CJK.search(line):
        return words(line), 0
    cjk = _CJK.findall(line)
    return words(_CJK.sub(" ", line)) + cjk, len(cjk)


def _leads(text: str, p: int) -> bool:
    """Whether ``text[p]`` opens its line (``text``: lines joined by NUL), after
    spaces at most: a bullet there marks the line, it separates nothing."""
    q = p - 1
    while q >= 0 and text[q] in " \t\u00a0\u3000":
        q -= 1
    return q < 0 or text[q] == "\x00"


def _table_row(line: str) -> bool:
    """A table row as scrapers print it: a "|" at each end, and two cells or more with
    text in them ("| Origin | Spain |"; a "|" inside a cell is written "\\|").  A box of
    one cell ("| Sports |") is a page's layout, not a table of data."""
    s = line.strip()
    if len(s) < 5 or s[0] != "|" or s[-1] != "|":
        return False
    return sum(1 for cell in _CELL_BORDER.split(s[1:-1]) if cell.strip()) >= 2


def words_of(line: str) -> list[str]:
    """The lower-cased words of ``line`` as the features count them (a CJK character
    is a word of its own)."""
    return _words(line.lower())[0]


def _function_words(long_lines: Iterable[list[str]]) -> frozenset[str]:
    """The document's most frequent short words in its long lines (their words, in
    order): in any language, these are its function words (articles, prepositions,
    particles)."""
    counts: Counter[str] = Counter()
    for toks in long_lines:
        counts.update(t for t in toks if len(t) <= 4)
    return frozenset(w for w, n in counts.most_common(FUNCTION_WORDS) if n >= 3)


def main_run(body_like: Sequence[bool], sizes: Sequence[int]) -> tuple[int, int]:
    """First and last index of the run of body-like lines (gaps of up to
    :data:`RUN_GAP` other lines allowed) that holds the most characters; ``(-1, -1)``
    when no line is body-like."""
    best, best_span = 0, (-1, -1)
    start = last = -1
    acc = 0
    for i, b in enumerate(body_like):
        if not b:
            continue
        if start < 0 or i - last - 1 > RUN_GAP:
            start, acc = i, 0
        acc += sizes[i]
        last = i
        if acc > best:
            best, best_span = acc, (start, i)
    return best_span


#: The columns that depend on the line alone (and the stop list): computed once per
#: line text and kept in a cache across the engine's passes over one document.
_LOCAL_COLS = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 34, 35]


def _local(lines: Sequence[str], stops: frozenset[str]) -> list[tuple[np.ndarray, int, float, list[str], bool]]:
    """For each line: its line-local columns (:data:`_LOCAL_COLS`), its size, its
    number of words, its lower-cased words, and whether it is mostly CJK without a
    sentence stop (see :data:`CJK_PROSE_SHARE`)."""
    n = len(lines)
    L = np.zeros((n, len(LINE_FEATURES)), dtype=np.float32)
    # patterns that match rarely are found in one scan of the whole text and mapped
    # to their lines (a NUL joins the lines: no pattern matches across it)
    text = "\x00".join(lines)
    starts = np.cumsum([0] + [len(line) + 1 for line in lines[:-1]])

    def scan(pattern: re.Pattern[str], col: int, within: str = text) -> None:
        pos = [m.start() for m in pattern.finditer(within)]
        if pos:
            L[np.searchsorted(starts, pos, side="right") - 1, col] = 1.0

    low = text.lower()
    if len(low) == len(text):
        scan(_URL, 14, low)
    else:  # lower-casing changed the length ("İ"): offsets would not match
        scan(_URL_ANY_CASE, 14)
    if "@" in text:
        scan(_EMAIL, 15)
        scan(_HANDLE, 16)
    found = [(m.start(), m.end() - m.start()) for m in _DIGITS.finditer(text)]
    digits = np.zeros(n)
    if found:
        pos, size = zip(*found)
        line_of = np.searchsorted(starts, pos, side="right") - 1
        digits = np.bincount(line_of, weights=size, minlength=n)
        # dates, times and relative times start with a number: tried only there
        for pattern, col in ((_DATE, 11), (_TIME, 12), (_RELTIME, 13)):
            match = pattern.match
            hit = [i for p, i in zip(pos, line_of.tolist()) if match(text, p)]
            L[hit, col] = 1.0
    end = len(text) - 1
    pos = [
        p
        for p in (m.start() for m in _SEP_CHARS.finditer(text))
        if (text[p] in "\u2022\u00b7" and not _leads(text, p))
        or (p > 0 and text[p - 1].isspace() and (text[p] == "|" or (p < end and text[p + 1].isspace())))
    ]
    if pos:
        L[:, 17] = np.minimum(3, np.bincount(np.searchsorted(starts, pos, side="right") - 1, minlength=n))
    # a table row as scrapers print it ("| Origin | Spain |") is its own shape: its
    # separators are cell borders, not the "|" of a menu ("News | Sport | Weather") or a
    # breadcrumb, and a table in an article is the article's own more often than not
    if "|" in text:
        table = [k for k, line in enumerate(lines) if _table_row(line)]
        L[table, 34] = 1.0
        L[table, 17] = 0.0
    # lines in CJK or South Asian scripts need _words; the others the plain \w+ split
    plain = _CJK.search(text) is None and _MARKED.search(text) is None
    findall, firsts = _WORD.findall, _FIRST_LETTERS.findall
    is_stop, is_pron = stops.__contains__, _PRON.__contains__
    upper, lower = str.isupper, str.islower
    rows = []
    meta = []
    for i, line in enumerate(lines):
        if plain:
            ltoks, cjk = findall(line.lower()), 0
        else:
            ltoks, cjk = _words(line.lower())
        heads = "".join(firsts(line))
        s = line.strip()
        # a CJK character carries about as much as three Latin letters
        size = len(s) + int(2.5 * cjk)
        nw = len(ltoks) - cjk / 2.0  # two CJK characters make about one word
        nt = len(ltoks) or 1
        up = sum(map(upper, heads))
        cased = up + sum(map(lower, heads))
        # a line mostly in a script without case (a Chinese paragraph naming "GDP")
        # says nothing about case either: its few cased words are not its shape
        if cased * 2 < len(heads):
            cased = 0
        end = s.rstrip(_CLOSERS)[-1:]
        rows.append(
            (
                math.log1p(size),
                math.log1p(nw),
                sum(map(is_stop, ltoks)) / nt,
                1.0 if end and end in _ENDERS else 0.0,
                1.0 if s.endswith((":", "\uff1a")) else 0.0,
                1.0 if s.endswith(("?", "\uff1f")) else 0.0,
                min(1.0, (s.count(",") + s.count("\uff0c") + s.count("\u3001")) / (nw or 1)),
                # a script without case (CJK, Arabic, Hebrew...) says nothing either way
                up / cased if cased else 0.5,
                1.0 if cased and s.isupper() and len(s) >= 2 and sum(map(len, ltoks)) >= 2 else 0.0,
                digits[i] / (size or 1),
                1.0 if _BULLET.match(s) else 0.0,
                sum(map(is_pron, ltoks)) / nt,
                1.0 if _BULLET_MARK.match(s) else 0.0,
            )
        )
        no_stop = bool(cjk) and cjk >= CJK_PROSE_SHARE * sum(map(str.isalpha, s)) and not _SENTENCE_STOP.search(s)
        meta.append((size, nw, ltoks, no_stop))
    own = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 18, 19, 35]
    L[:, own] = np.asarray(rows, dtype=np.float32).reshape(n, len(own))
    local = L[:, _LOCAL_COLS]
    out = [(local[i], size, nw, ltoks, no_stop) for i, (size, nw, ltoks, no_stop) in enumerate(meta)]
    return out


def line_features(
    lines: Sequence[str],
    stops: frozenset[str] = frozenset(),
    flagged: Sequence[bool] | None = None,
    lexicon: Sequence[bool] | None = None,
    cache: dict[str, tuple[np.ndarray, int, float, list[str], bool]] | None = None,
) -> np.ndarray:
    """The feature matrix of ``lines`` (non-blank lines of one document, in order).

    ``stops`` is the stop-word list of the document's language (lower-case; empty if
    unknown); ``flagged`` and ``lexicon`` say which lines another rule removes and
    which hold a lexicon phrase (all False when not given).  ``cache`` (a dict kept
    for one document and one stop list) holds the line-local values of lines seen
    before: the engine's later passes over the same document compute only what
    depends on the other lines.
    """
    n = len(lines)
    X = np.zeros((n, len(FEATURES)), dtype=np.float32)
    if not n:
        return X
    if cache is None:
        local = _local(lines, stops)
    else:
        missing = list(dict.fromkeys(line for line in lines if line not in cache))
        if missing:
            cache.update(zip(missing, _local(missing, stops)))
        local = [cache[line] for line in lines]
    k = len(LINE_FEATURES)
    L = X[:, :k]  # the line's own columns come first: filled in place
    L[:, _LOCAL_COLS] = np.asarray([v[0] for v in local], dtype=np.float32).reshape(n, len(_LOCAL_COLS))
    sizes = [v[1] for v in local]
    words = np.fromiter((v[2] for v in local), dtype=np.float64, count=n)
    funcs = _function_words(v[3] for v in local if v[1] >= 80)
    if funcs:
        is_func = funcs.__contains__
        L[:, 3] = np.fromiter(
            (sum(map(is_func, v[3])) / (len(v[3]) or 1) for v in local), dtype=np.float64, count=n
        )
    if not stops:  # no stop list for the language: the document's own function words stand in
        L[:, 2] = L[:, 3]
    counts = Counter(line.strip() for line in lines)
    L[:, 20] = np.fromiter((counts[line.strip()] > 1 for line in lines), dtype=bool, count=n)
    del counts
    if flagged is not None:
        L[:, 21] = flagged
    if lexicon is not None:
        L[:, 22] = lexicon
    L[:, 23] = (words >= BODY_MIN_WORDS) & ((L[:, 4] > 0) | (np.maximum(L[:, 2], L[:, 3]) >= BODY_MIN_STOP))
    if any(v[4] for v in local):
        L[:, 23] *= np.fromiter((not v[4] for v in local), dtype=bool, count=n)
    size = np.asarray(sizes, dtype=np.float64)
    cum = np.cumsum(size)
    L[:, 24] = (cum - size) / (cum[-1] or 1)
    body_like = L[:, 23] > 0
    a, b = main_run(body_like.tolist(), sizes)
    idx = np.arange(n)
    if a >= 0:
        L[:, 25] = (idx >= a) & (idx <= b)
        L[:, 26] = np.log1p(np.clip(a - idx, 0, None))
        L[:, 27] = np.log1p(np.clip(idx - b, 0, None))
    else:
        L[:, 26] = np.log1p(n - idx)  # no body: everything is "before" it
    L[:, 28] = math.log1p(n)
    L[:, 29] = sum(s >= 80 for s in sizes) / n
    if not page_like(X):
        # a scraper's text: the extractor kept the bulleted line as content, so its
        # bullet marks a list item like any other (see _BULLET_MARK)
        L[:, 18] = np.maximum(L[:, 18], L[:, 35])
        L[:, 35] = 0.0
    if a >= 0:
        seed = body_like[a : b + 1]
        L[:, 30] = L[:, 0] - float(np.median(L[a : b + 1, 0][seed]))
        L[:, 31] = L[:, 2] - float(np.mean(L[a : b + 1, 2][seed]))
        # one block holding nearly all the prose: lines outside it are rarely body
        share = float(size[a : b + 1][seed].sum() / size[body_like].sum())
        L[:, 32] = share
        L[:, 33] = share * (L[:, 25] == 0)
    cols = [LINE_FEATURES.index(name) for name in NEIGHBOUR_FEATURES]
    nb = L[:, cols]
    w = len(NEIGHBOUR_FEATURES)
    for j, off in enumerate(NEIGHBOURS):
        dst = X[:, k + j * w : k + (j + 1) * w]
        if off < 0:
            dst[-off:] = nb[:off]
        else:
            dst[:-off] = nb[off:]
    k += len(NEIGHBOURS) * w
    # share of body-like lines and mean length in a window before and after each line
    lo = np.clip(idx - WINDOW, 0, None)
    hi = np.clip(idx + 1 + WINDOW, None, n)
    for col, src in ((k, L[:, 23]), (k + 2, L[:, 0])):
        c = np.concatenate(([0.0], np.cumsum(src, dtype=np.float64)))
        X[:, col] = (c[idx] - c[lo]) / WINDOW
        X[:, col + 1] = (c[hi] - c[idx + 1]) / WINDOW
    # the words the line shares with the document's first line (a page's <title> in
    # whole-page text): the article repeats its title's words, a teaser of another
    # story or a menu does not
    k += 4
    echo = title_echoes([v[3] for v in local], L[:, 23] > 0, stops)
    if echo is not None:
        X[:, k] = echo
        c = np.concatenate(([0.0], np.cumsum(echo)))
        X[:, k + 1] = (c[hi] - c[lo] - echo) / (2 * WINDOW)
    return X


def title_echoes(words: Sequence[Sequence[str]], body_like: np.ndarray, stops: frozenset[str]) -> np.ndarray | None:
    """For each line (``words``: the lower-cased words of the document's lines, in
    order), 1.0 when it repeats a content word of the first line (:func:`_content_keys`)
    and -1.0 when it does not (0.0 for the first line itself); ``None`` when the first
    line is no title: fewer than two content words, or not one body-like line repeats
    any of them (a menu, a cookie notice, a site's name)."""
    title = set(_content_keys(words[0], stops)) if len(words) else set()
    if len(title) < 2:
        return None
    # (isdisjoint stops at the line's first key found in the title)
    hits = np.fromiter((not title.isdisjoint(_content_keys(w, stops)) for w in words), dtype=bool, count=len(words))
    hits[0] = False
    if not (hits & body_like).any():
        return None
    echo = np.where(hits, 1.0, -1.0)
    echo[0] = 0.0
    return echo


#: A content word is compared by its first this many letters (a crude stem for any
#: language: "council" and "councillors", "карточка" and "карточки").
STEM = 5


def _content_keys(words: Sequence[str], stops: frozenset[str]) -> Iterator[str]:
    """The content words of a line (``words``: its lower-cased words) as keys to compare:
    words of four letters or more that are not stop words or numbers, cut to
    :data:`STEM` letters; and pairs of neighbouring CJK characters (a CJK character is a
    word of its own)."""
    for w in words:
        if len(w) >= 4 and w not in stops and not w.isdigit():
            yield w[:STEM]
    prev = ""
    for w in words:
        if len(w) == 1 and _CJK.match(w):
            if prev:
                yield prev + w
            prev = w
        else:
            prev = ""


def describe(row: np.ndarray) -> list[str]:
    """The line's shape in words, for the evidence of a removal."""
    out = []
    words = math.expm1(float(row[_IDX["words"]]))
    out.append(f"{round(words)} word{'s' if round(words) != 1 else ''}")
    if row[_IDX["sentence_end"]] < 0.5:
        out.append("no sentence end")
    if row[_IDX["title_case"]] >= 0.6 and words >= 2:
        out.append("title case")
    if row[_IDX["all_caps"]] > 0.5:
        out.append("all capitals")
    if max(row[_IDX["stopwords"]], row[_IDX["function_words"]]) == 0 and words >= 2:
        out.append("no stop words")
    for name, text in (
        ("relative_time", "a relative time"),
        ("date", "a date"),
        ("time", "a time of day"),
        ("web_address", "a web address"),
        ("email", "an e-mail address"),
        ("handle", "an @handle"),
        ("bullet", "a bullet"),
        ("bullet_mark", "a bullet"),
        ("repeated", "repeated elsewhere"),
        ("rule_finding", "another rule's finding"),
    ):
        if row[_IDX[name]] > 0.5:
            out.append(text)
    if row[_IDX["separators"]] >= 1:
        out.append("separators")
    if row[_IDX["table_row"]] > 0.5:
        out.append("a table row")
    if row[_IDX["pronouns"]] >= 0.1:
        out.append("first/second person")
    if row[_IDX["title_words"]] < -0.5:
        out.append("no word of the title (the first line)")
    return out
