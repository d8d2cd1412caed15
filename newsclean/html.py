"""The HTML mode: the article body of a web page, without its boilerplate.

The flow, parsing the page once::

    bytes -> text     byte-order mark, declared charset, else detected   decode_html()
    text  -> tree     lxml, the way trafilatura parses                   parse_html()
    tree  -> findings DOM rules flag comment sections, donation,         newsclean.rules.dom
                      newsletter and related widgets, captions, credits,
                      share bars, ads, pop-ups (by their markup)
    tree  -> body     trafilatura.extract(include_comments=False); jusText
                      when trafilatura finds nothing or very little; a lead
                      (standfirst) trafilatura left out is put back
    body  -> text     lines that come from flagged elements go (DOM removals),
                      then the same text rules as text mode run    Cleaner.explain()

The DOM rules flag elements but do not change the tree trafilatura sees: removing
elements before extraction changes which block trafilatura takes for the article,
for better or worse, page by page.  Flagging keeps trafilatura's choice and then
removes the lines of its output that come from flagged elements, so that every
removal, DOM-level or text-level, is a range of lines of the extracted text.

:func:`clean_html` returns the cleaned text; :func:`explain_html` returns an
:class:`HtmlExplanation` that also lists every removal with its rule and evidence.
"""

from __future__ import annotations

import codecs
import logging
import re
import zlib
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

import numpy as np
from lxml import etree

from .config import ConfigError
from .document import Document
from .engine import Cleaner, Explanation, shared_cleaner
from .rule import Removal
from .rules.dom import INVISIBLE_TAGS, DomFinding, DomRule, scan, visible_len
from .rules.html_blocks import HtmlBlockSegmenter
from .rules.structure import nearest_classes, short_class

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = [
    "COMMENTS_SEPARATOR",
    "HtmlExplanation",
    "NotHTMLError",
    "clean_html",
    "decode_html",
    "explain_html",
    "parse_html",
    "with_comments",
]

LOG = logging.getLogger(__name__)

#: trafilatura's result is cross-checked with jusText when it is shorter than this
#: many characters while the page holds at least FALLBACK_PAGE_RATIO times more text.
FALLBACK_MIN_CHARS = 250
FALLBACK_PAGE_RATIO = 4
#: Largest decompressed size accepted for gzip-compressed input.
MAX_DECOMPRESSED = 64 * 1024 * 1024


class NotHTMLError(ValueError):
    """The input is not an HTML page (binary data, no markup at all, or undecodable)."""


class HtmlExplanation(Explanation):
    """What :func:`explain_html` returns.

    - ``text``: the cleaned article body, one paragraph per line.
    - ``removals``: every removed range of ``extracted``, in order: DOM removals
      (codes ``H1xx``: lines that come from an element a DOM rule flagged; the
      evidence names the element and the class/id word) and text removals.
      ``lines``, ``start`` and ``end`` refer to ``extracted``, as a text
      removal's refer to the input in text mode, and ``extracted[start:end] == text``.
    - ``lang``: given with ``lang=``, or detected on the extracted text.
    - ``extracted``: the article body as extracted, before any removal (the lead
      put back, if any, is its first lines).
    - ``extractor``: ``"trafilatura"``, ``"justext"`` (used when trafilatura found
      nothing or very little of a page with much more text), ``"blocks"`` (the block
      engine, ``engine="blocks"``; ``extracted`` is then every block of the page) or
      ``"none"``.
    - ``restored``: the lead (standfirst) lines put back in front of trafilatura's
      output, which left them out.
    - ``encoding``: the character set bytes were decoded with (``None`` for str input).
    - ``title``: the page's ``<title>``, whitespace collapsed (``""`` if none).
    - ``comments``: with ``include_comments=True``, the reader comments, apart from
      the body: the lines of ``extracted`` that the comment rules removed as reader
      comments, byte for byte, one paragraph per line (``""`` otherwise, or when the
      page has none).  See :func:`explain_html`.

    ``lang`` (a property, as in text mode) is the language given with ``lang=`` or
    detected on the article text newsclean read (``"und"`` when unknown).
    """

    __slots__ = ("extracted", "extractor", "restored", "encoding", "title", "comments")

    def __init__(
        self,
        text: str,
        removals: list[Removal] | None = None,
        lang: Any = "und",
        *,
        extracted: str = "",
        extractor: str = "none",
        restored: list[str] | None = None,
        encoding: str | None = None,
        title: str = "",
        comments: str = "",
    ) -> None:
        super().__init__(text, removals, lang)
        self.extracted = extracted
        self.extractor = extractor
        self.restored = restored if restored is not None else []
        self.encoding = encoding
        self.title = title
        self.comments = comments

    def as_dict(self) -> dict[str, Any]:
        d = super().as_dict()
        d.update(
            extractor=self.extractor, restored=self.restored, encoding=self.encoding, title=self.title,
            comments=self.comments,
        )
        return d

    def __repr__(self) -> str:
        return (
            f"HtmlExplanation(text={self.text[:40]!r}..., removals={len(self.removals)}, "
            f"extractor={self.extractor!r}, encoding={self.encoding!r})"
        )


# -- decoding ----------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
#: Labels that browsers (WHATWG Encoding) read as another encoding.
_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9:-]*[\s/>]|!--|!doctype|/[A-Za-z])", re.IGNORECASE)


def _codec(label: bytes | str) -> str | None:
    """Python's name for a declared charset label, or None when unknown."""
    name = label.decode("ascii", "ignore") if isinstance(label, bytes) else label
    try:
        canon = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    if canon.startswith(("utf-16", "utf-32")):
        return "utf-8"  # an ASCII-compatible page cannot really be UTF-16 (WHATWG)
    return _ALIASES.get(canon, canon)


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares in its first 4 KiB (``<meta charset>``,
    ``http-equiv`` or an XML declaration), as a Python codec name."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return _codec(m.group(1)) if m else None


def _detect(data: bytes) -> str | None:
    """charset-normalizer's best guess, or None for data that is no text at all."""
    from charset_normalizer import from_bytes

    sample = data if len(data) <= 200_000 else data[:100_000] + data[-100_000:]
    best = from_bytes(sample).best()
    return best.encoding if best is not None else None


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 but for a few broken bytes (a stray Latin-1 character)."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    return bad <= 3 or bad * 20 <= sum(1 for c in text if ord(c) > 127)


_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page's bytes; return the text and the encoding used.

    The order is the browsers': a byte-order mark, then the charset the page
    declares, then detection (UTF-8 when the bytes are valid UTF-8, else
    charset-normalizer).  gzip-compressed bytes are decompressed first.

    Raises :class:`NotHTMLError` for binary data (NUL bytes outside UTF-16/32,
    control characters) and for bytes no encoding can read.
    """
    if data[:3] == b"\x1f\x8b\x08":
        try:
            d = zlib.decompressobj(31)
            data = d.decompress(data, MAX_DECOMPRESSED)
        except zlib.error as exc:
            raise NotHTMLError(f"not HTML: gzip data that cannot be decompressed ({exc})") from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError:
                return data[len(bom) :].decode(enc, "replace"), enc
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a byte-order mark: every other byte of ASCII markup is NUL
        even, odd = head[0::2].count(0), head[1::2].count(0)
        utf16 = "utf-16-le" if odd > 0.8 * len(head[1::2]) else "utf-16-be" if even > 0.8 * len(head[0::2]) else None
        if utf16 is None:
            raise NotHTMLError("not HTML: the input is binary data (it holds NUL bytes)")
        return data.decode(utf16, "replace"), utf16
    declared = declared_charset(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration is wrong: detect
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared == "utf-8" and _mostly_utf8(data):
        return data.decode("utf-8", "replace"), "utf-8"
    guess = _detect(data)
    if guess is None:
        raise NotHTMLError("not HTML: the bytes are not text in any known encoding")
    return data.decode(guess, "replace"), guess


def _check_text(text: str) -> None:
    sample = text[:8192]
    if _CONTROL.search(sample) and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise NotHTMLError("not HTML: the input is binary data (it is full of control characters)")
    if _TAG.search(text) is None:
        raise NotHTMLError("not HTML: the input has no markup (no tags); use newsclean.clean() for plain text")


def _parser() -> Any:
    """An lxml HTML parser like trafilatura's, with a C-level element class lookup.

    trafilatura's parser (``lxml.html.HTMLParser``) picks each element's Python
    class with a Python callback, called for every element object lxml creates;
    trafilatura and the DOM rules create hundreds of thousands of them per page.
    Every element here is an ``lxml.html.HtmlElement`` without that callback (the
    form-specific classes are not needed), which makes extraction about 10 % faster
    for the very same output.
    """
    if not _PARSER:
        from lxml import html as lxml_html

        parser = etree.HTMLParser(
            collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
        )
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml_html.HtmlElement,
                comment=lxml_html.HtmlComment,
                pi=lxml_html.HtmlProcessingInstruction,
                entity=lxml_html.HtmlEntity,
            )
        )
        _PARSER.append(parser)
    return _PARSER[0]


_PARSER: list[Any] = []


def _load(text: str) -> HtmlElement | None:
    """trafilatura's ``load_html`` for a str, with :func:`_parser`."""
    from lxml import html as lxml_html

    try:
        from trafilatura.utils import repair_faulty_html
    except ImportError:  # pragma: no cover - another trafilatura version
        import trafilatura

        return trafilatura.load_html(text)
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    parser = _parser()
    tree = None
    as_bytes = False
    try:
        tree = lxml_html.fromstring(text, parser=parser)
    except ValueError:  # a str with an XML encoding declaration
        as_bytes = True
    except Exception as exc:
        LOG.debug("lxml failed: %s", exc)
    if as_bytes or tree is None or len(tree) < 1:
        try:
            tree = lxml_html.fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
        except Exception as exc:
            LOG.debug("lxml failed on bytes: %s", exc)
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None  # not a whole document (trafilatura's test)
    return tree


def parse_html(text: str) -> HtmlElement | None:
    """Parse markup into an lxml tree the way trafilatura does, never raising on
    broken markup; ``None`` when nothing is left.  A fragment (``<p>text</p>``) is
    parsed as the body of a document."""
    tree = _load(text)
    if tree is None:
        tree = _load(f"<html><body>{text}</body></html>")
    return tree


# -- extraction --------------------------------------------------------------------


def _trafilatura(tree: HtmlElement, url: str | None) -> str:
    import trafilatura

    try:
        return trafilatura.extract(tree, url=url, include_comments=False) or ""
    except Exception as exc:  # broken markup never raises
        LOG.debug("trafilatura failed: %s", exc)
        return ""


def _justext_stoplist(tree: HtmlElement) -> frozenset[str]:
    import justext

    from .langdetect import JUSTEXT_NAMES

    lang = (tree.get("lang") or tree.get("xml:lang") or "").split("-")[0].split("_")[0].strip().lower()
    name = JUSTEXT_NAMES.get(lang)
    if name:
        try:
            return justext.get_stoplist(name)
        except ValueError:
            pass
    return _all_stopwords()


_ALL_STOPWORDS: list[frozenset[str]] = []


def _all_stopwords() -> frozenset[str]:
    """Every jusText stop word of every language (for pages of unknown language)."""
    if not _ALL_STOPWORDS:
        import justext

        words: set[str] = set()
        for name in justext.get_stoplists():
            words.update(justext.get_stoplist(name))
        _ALL_STOPWORDS.append(frozenset(words))
    return _ALL_STOPWORDS[0]


def revise_classification(paragraphs: list[Any], max_heading_distance: int | None = None) -> None:
    """jusText's ``revise_paragraph_classification`` (context-sensitive classification:
    short and near-good paragraphs take the class of their neighbours, headings above
    good text are good) in linear time, with the same result.

    jusText looks for each paragraph's neighbours by walking from it, which takes
    time quadratic in the length of a run of short paragraphs: a page of one short
    paragraph repeated 40,000 times took minutes.  Here each pass computes every
    paragraph's nearest neighbours in one walk in each direction.  ``paragraphs`` are
    fresh from ``classify_paragraphs`` (``cf_class`` and ``heading`` set); each gets
    its ``class_type``.  ``max_heading_distance`` is jusText's by default.
    """
    if max_heading_distance is None:
        from justext.core import MAX_HEADING_DISTANCE_DEFAULT

        max_heading_distance = MAX_HEADING_DISTANCE_DEFAULT

    n = len(paragraphs)
    sizes = [len(p.text) for p in paragraphs]
    # jusText's first pass ("good headings") compares a heading with the classes of
    # the paragraphs after it before it has copied them (fresh paragraphs have none),
    # so it never changes a class: what is left of it is the copy
    classes = [p.cf_class for p in paragraphs]
    # short paragraphs: by their nearest good or bad neighbours, and near-good ones
    prev_gb, next_gb = nearest_classes(classes, -1, True), nearest_classes(classes, 1, True)
    prev_any, next_any = nearest_classes(classes, -1, False), nearest_classes(classes, 1, False)
    classes = [
        short_class(prev_gb[i], next_gb[i], prev_any[i], next_any[i]) if c == "short" else c
        for i, c in enumerate(classes)
    ]
    # near-good paragraphs, in order: one between two bad ones is bad, else good (the
    # paragraphs before it are already revised, those after it not yet)
    next_gb = nearest_classes(classes, 1, True)
    last = "bad"
    for i, c in enumerate(classes):
        if c == "neargood":
            c = classes[i] = "bad" if last == "bad" and next_gb[i] == "bad" else "good"
        if c in ("good", "bad"):
            last = c
    # more good headings: a heading that is bad but not by itself, with a good
    # paragraph after it within max_heading_distance characters of the paragraphs
    # between them
    next_good = [n] * n
    ahead = n
    for i in range(n - 1, -1, -1):
        next_good[i] = ahead
        if classes[i] == "good":
            ahead = i
    start = [0] * (n + 1)
    for i, size in enumerate(sizes):
        start[i + 1] = start[i] + size
    final = list(classes)
    for i, p in enumerate(paragraphs):
        if p.heading and classes[i] == "bad" and p.cf_class != "bad":
            j = next_good[i]
            if j < n and start[j] - start[i + 1] <= max_heading_distance:
                final[i] = "good"
    for p, c in zip(paragraphs, final):
        p.class_type = c


def distinct_visible_len(el: HtmlElement, enough: int | None = None) -> int:
    """Characters of the distinct visible text nodes of ``el`` (whitespace
    collapsed; the text of script, style, template and noscript elements and of
    comments left out), each counted once; the count stops once it passes
    ``enough``."""
    seen: set[str] = set()
    n = 0
    for node in el.iter():
        visible = isinstance(node.tag, str) and node.tag not in INVISIBLE_TAGS  # not a comment
        # an element's tail is text of its parent; the tail of ``el`` lies outside it
        parts = (node.text if visible else None, node.tail if node is not el else None)
        for t in parts:
            if t and not t.isspace():
                t = " ".join(t.split())
                if t not in seen:
                    seen.add(t)
                    n += len(t)
                    if enough is not None and n > enough:
                        return n
    return n


def _freeze(paragraphs: list[Any]) -> None:
    """Give each of jusText's ``paragraphs`` (complete: nothing is appended to them
    any more) its text once, as the attribute jusText's properties would compute."""
    if not paragraphs:
        return
    base = type(paragraphs[0])
    frozen = _FROZEN.get(base)
    if frozen is None:
        frozen = _FROZEN[base] = type(
            "FrozenParagraph",
            (base,),
            {
                "text": property(lambda self: self._nc_text),
                "words_count": property(lambda self: self._nc_words),
                "__len__": lambda self: len(self._nc_text),
            },
        )
    for p in paragraphs:
        if type(p) is base:
            text = p.text
            try:
                p.__class__ = frozen
            except TypeError:  # pragma: no cover - another jusText (slots): left as it is
                return
            p._nc_text = text
            p._nc_words = len(text.split())


_FROZEN: dict[type, type] = {}


def _justext(tree: HtmlElement) -> str:
    """jusText's good paragraphs of (a copy of) ``tree``, one per line."""
    from copy import deepcopy

    from justext.core import ParagraphMaker, classify_paragraphs

    try:
        root = deepcopy(tree)
        etree.strip_elements(root, "script", "style", "head", "noscript", "template", "form", with_tail=False)
        # jusText reads tag names and text, never attributes; lxml hands each element's
        # attributes to its SAX handler at a cost that grows faster than their number
        # (one element with 37,500 attributes took 2 s)
        for el in root.iter(etree.Element):
            if el.attrib:
                el.attrib.clear()
        paragraphs = ParagraphMaker.make_paragraphs(root)
        _freeze(paragraphs)
        classify_paragraphs(paragraphs, _justext_stoplist(tree))
        revise_classification(paragraphs)
    except Exception as exc:  # broken markup never raises
        LOG.debug("jusText failed: %s", exc)
        return ""
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


# -- public ------------------------------------------------------------------------

ENGINES = ("trafilatura", "blocks")


def explain_html(
    html: str | bytes,
    *,
    url: str | None = None,
    cleaner: Cleaner | None = None,
    engine: str = "trafilatura",
    block_model: str | None = None,
    include_comments: bool = False,
    **options: Any,
) -> HtmlExplanation:
    """The article body of an HTML page without its boilerplate, and every removal.

    ``html`` is the page as ``str`` or as ``bytes`` (decoded by its byte-order
    mark, its declared charset, or the detected one).  ``url`` helps trafilatura
    (relative links, site-specific handling).  ``cleaner`` is a configured
    :class:`~newsclean.Cleaner`; otherwise ``options`` (``select``, ``ignore``,
    ``preset``, ``lang``) build one.  The DOM rules (``H1xx``) are selected and
    ignored like the text rules.

    ``engine``: ``"trafilatura"`` (the default: trafilatura's body, then the DOM and
    text rules remove lines) or ``"blocks"`` (the learned DOM block segmenter,
    :mod:`newsclean.segment.blocks`: every text block of the page, labelled by a
    model of DOM and text features; each removed block is a removal ``M102
    html-block-segmenter`` with its evidence; then the text rules run on the kept
    blocks).  ``block_model``: the path of another block model (JSON).

    ``include_comments``: also return the page's reader comments, apart, as
    :attr:`HtmlExplanation.comments`; the body (``text``) is the same either way.
    The comments are what the selected comment rules remove as reader comments:
    the text rules C101, C103, C104 and C105 (not C102 ``comment-form``: a form and
    its policy are not a reader's words), the comment containers of rule H101
    ``comment-container`` (with the default engine, trafilatura leaves them out of
    its text: their blocks are then added to ``extracted``, after the body, each
    removed by H101 with its evidence), and, with ``engine="blocks"``, the blocks the
    model reads as reader comments (M102).  Lines of these that a navigation,
    appeal, promotion or other non-comment rule flags when run on the comment lines
    alone (``Reply``, ``Report comment``, a comment's date line) are left out.

    Raises ``TypeError`` when ``html`` is neither str nor bytes, and
    :class:`NotHTMLError` (a ``ValueError``) when it is not HTML at all.  Broken
    markup never raises; an empty page gives an empty text.
    """
    if engine not in ENGINES:
        raise ConfigError(f"engine must be one of {', '.join(map(repr, ENGINES))}, not {engine!r}")
    if cleaner is None:
        cleaner = shared_cleaner(options)
    elif options:
        raise TypeError("pass either a cleaner or cleaner options, not both")
    encoding: str | None = None
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if not data.strip():
            return HtmlExplanation("", [], cleaner.config.lang or "und", encoding=None)
        text, encoding = decode_html(data)
    elif isinstance(html, str):
        # lxml stops reading a text at a lone surrogate (a broken emoji escaped as
        # "\\ud83d" in JSON), losing the rest of the page: it becomes U+FFFD, as a
        # browser shows it
        text = _SURROGATE.sub("\ufffd", html) if not html.isascii() else html
    else:
        raise TypeError(f"html must be str or bytes, not {type(html).__name__}")
    lang = cleaner.config.lang or "und"
    if not text.strip():
        return HtmlExplanation("", [], lang, encoding=encoding)
    _check_text(text)
    tree = parse_html(text)
    if tree is None:
        return HtmlExplanation("", [], lang, encoding=encoding)
    if engine == "blocks":
        exp_blocks = _explain_blocks(tree, cleaner, encoding, block_model, include_comments)
        if exp_blocks is not None:
            return exp_blocks
    title = _title(tree)

    dom_rules = [r for r in cleaner.rules if isinstance(r, DomRule)]
    findings: list[DomFinding] = []
    if dom_rules:
        try:
            findings = scan(tree, dom_rules)
        except Exception as exc:  # pragma: no cover - a page must never be lost to a DOM rule
            LOG.warning("newsclean: DOM rules failed on this page, skipped: %r", exc)

    extracted = _trafilatura(tree, url)
    extractor = "trafilatura" if extracted else "none"
    if len(extracted) < FALLBACK_MIN_CHARS:
        body = tree.find("body")
        root = body if body is not None else tree
        bound = FALLBACK_PAGE_RATIO * max(len(extracted), 50)
        # the page's text, and then its distinct text: a page of one paragraph
        # repeated holds no more than trafilatura found (it drops the copies), and
        # jusText would only spend its time on the copies
        if visible_len(root) > bound and distinct_visible_len(root, bound) > bound:
            alt = _justext(tree)
            if len(alt) > len(extracted):
                extracted, extractor = alt, "justext"
    if extracted and not extracted.endswith("\n"):
        extracted += "\n"
    lead: list[str] = []
    if extractor == "trafilatura":
        try:
            lead = _lead(tree, extracted, findings)
        except Exception as exc:  # pragma: no cover - as above
            LOG.warning("newsclean: lead search failed on this page, skipped: %r", exc)
    if lead:
        extracted = "".join(line + "\n" for line in lead) + extracted

    doc = Document(extracted)
    owners = _dom_lines(doc, findings, tree) if findings else {}
    if owners and cleaner.config.keep_lines:  # the user's keep-lines win over DOM rules too
        owners = {i: f for i, f in owners.items() if not cleaner.keeps(doc.lines[i])}
    if not owners:
        exp = cleaner.explain(extracted)
        removals = exp.removals
    else:
        why = {i: (f.rule.code, f.rule.name, f.rule.category, f.evidence) for i, f in owners.items()}
        exp, removals = _with_text_rules(cleaner, doc, {i: why[i] for i in owners}, owners)
    comments = ""
    if include_comments:
        # the comment threads trafilatura left out go after the body's lines: the
        # body's lines, its removals and its text stay exactly as they are
        extracted, removals = _add_threads(cleaner, doc, findings, owners, removals)
        comments = _comments(cleaner, Document(extracted), removals)
    return HtmlExplanation(
        exp.text, removals, exp._lang, extracted=extracted, extractor=extractor, restored=lead, encoding=encoding,
        title=title, comments=comments,
    )


#: The rule whose lines are comment-form and comment-policy lines, not comments.
COMMENT_FORM = "C102"
#: The longest comment-section heading left out of the comments, in characters.
MAX_HEADING = 200
#: What :func:`clean_html` puts between the body and the comments with
#: ``include_comments=True``: one empty line.
COMMENTS_SEPARATOR = "\n"


def _add_threads(
    cleaner: Cleaner, doc: Document, findings: list[DomFinding], owners: dict[int, DomFinding], removals: list[Removal]
) -> tuple[str, list[Removal]]:
    """``doc``'s text with the blocks of the comment containers (DOM findings of the
    ``comments`` category) that none of its lines come from added after its lines,
    and the removals with one for each run of those blocks (the container's rule and
    evidence).  Blocks in a ``<form>`` (the reply form) and blocks whose text is a
    line of ``doc`` already are left out."""
    from copy import deepcopy

    from .segment.blocks import ANCESTORS, walk

    in_form = 1 << ANCESTORS.index("form")
    used = {id(f) for f in owners.values()}
    body = set(doc.lines)
    extracted = doc.text
    line, start = len(doc.lines), len(extracted)
    if extracted and doc.ends[-1] == "":  # not the case for extracted text: it ends with a newline
        extracted += "\n"
        start += 1
    added: list[Removal] = []
    pieces: list[str] = []
    for f in findings:
        if f.rule.category != "comments" or id(f) in used:
            continue
        el = deepcopy(f.element)  # a tree of its own: the walk reads the container only
        el.tail = None
        texts = [b.text + "\n" for b in walk(el).blocks if not b.ancestors & in_form and b.text not in body]
        if not texts:
            continue
        chunk = "".join(texts)
        rule = f.rule
        added.append(Removal(rule.code, rule.name, rule.category, (line + 1, line + len(texts)), start, start + len(chunk), chunk, f.evidence))
        pieces.append(chunk)
        line += len(texts)
        start += len(chunk)
    if not added:
        return doc.text, removals
    return extracted + "".join(pieces), [*removals, *added]


def _is_comment(r: Removal, comment_lines: Collection[int]) -> bool:
    """Whether removal ``r`` took reader comments (``comment_lines``: the 0-based
    lines the block model labelled as reader comments)."""
    if r.category == "comments":
        return r.code != COMMENT_FORM
    return r.code == BLOCK_RULE[0] and r.lines[0] - 1 in comment_lines


_CHROME: dict[Any, Cleaner] = {}


def _chrome_cleaner(cleaner: Cleaner) -> Cleaner:
    """``cleaner`` without the rules that read comments as comments (the comment
    rules but C102 ``comment-form``, the segmenter and the site tail): what is left
    flags the buttons, dates, forms and notices between the comments."""
    from .registry import all_rules

    key = (cleaner.config, cleaner.profile)
    c = _CHROME.get(key)
    if c is None:
        readers = [r.code for r in all_rules() if r.category == "comments" and r.code != COMMENT_FORM]
        ignore = (*cleaner.config.ignore, *readers, "segmenter", "site-tail")
        c = Cleaner(config=cleaner.config.merged(ignore=ignore), profile=cleaner.profile)
        if len(_CHROME) < 32:
            _CHROME[key] = c
    return c


def _comments(
    cleaner: Cleaner,
    doc: Document,
    removals: list[Removal],
    comment_lines: Collection[int] = (),
    form_lines: Collection[int] = (),
) -> str:
    """The reader comments of an explanation: the non-blank lines of ``doc`` that a
    comment removal took, byte for byte, without those in a ``<form>``
    (``form_lines``), the headings of the comment section ("3 thoughts on ...",
    "71 Kommentare": a line that is a comment-section marker of the lexicon) and the
    lines that the other rules flag when they read these lines alone (see
    :func:`_chrome_cleaner`)."""
    idx = [
        i
        for r in removals
        if _is_comment(r, comment_lines)
        for i in range(r.lines[0] - 1, r.lines[1])
        if doc.lines[i].strip() and i not in form_lines
    ]
    if not idx:
        return ""
    idx.sort()
    part = "".join(doc.lines[i] + "\n" for i in idx)
    chrome: set[int] = set()
    for r in _chrome_cleaner(cleaner).explain(part).removals:
        chrome.update(range(r.lines[0] - 1, r.lines[1]))
    from .context import Context

    ctx = Context(Document(part), cleaner.lexicon, cleaner.config.lang or "und")
    for group in ("comment_marker", "comment_marker_weak"):
        chrome.update(k for k in ctx.iter_group(group) if len(doc.lines[idx[k]]) <= MAX_HEADING)
    return "".join(doc.lines[i] + (doc.ends[i] or "\n") for k, i in enumerate(idx) if k not in chrome)


def _with_text_rules(
    cleaner: Cleaner, doc: Document, why: dict[int, tuple[str, str, str, str]], owners: dict[int, Any]
) -> tuple[Explanation, list[Removal]]:
    """Remove the lines of ``why`` (line -> code, name, category, evidence; ``owners``
    gives the object whose consecutive lines make one removal), run the text rules on
    the rest, and return their explanation with every removal in ``doc``'s lines."""
    extracted = doc.text
    keep = [i not in why for i in range(len(doc.lines))]
    kept_idx = [i for i, k in enumerate(keep) if k]
    exp = cleaner.explain(doc.render(keep))
    removals: list[Removal] = []
    # the page-level removals: runs of lines given to one owner
    for a, b, o in _runs(sorted(why), owners):
        code, name, category, evidence = why[a]
        start, end = doc.span(a, b)
        removals.append(Removal(code, name, category, (a + 1, b + 1), start, end, extracted[start:end], evidence))
    # text removals: their lines are lines of the text without the page-level removals
    for r in exp.removals:
        raw = kept_idx[r.lines[0] - 1 : r.lines[1]]
        for a, b, _ in _runs(raw, None):
            start, end = doc.span(a, b)
            removals.append(Removal(r.code, r.name, r.category, (a + 1, b + 1), start, end, extracted[start:end], r.evidence))
    removals.sort(key=lambda r: r.start)
    return exp, removals


def _title(tree: HtmlElement) -> str:
    t = tree.find(".//title")
    return " ".join(t.text_content().split()) if t is not None else ""


#: The code, name and category of a block the block segmenter removes (rule
#: :class:`~newsclean.rules.html_blocks.HtmlBlockSegmenter`).
BLOCK_RULE = (HtmlBlockSegmenter.code, HtmlBlockSegmenter.name, HtmlBlockSegmenter.category)


def _explain_blocks(
    tree: HtmlElement, cleaner: Cleaner, encoding: str | None, block_model: str | None, include_comments: bool = False
) -> HtmlExplanation | None:
    """The ``"blocks"`` engine; ``None`` when the model keeps no block (the caller
    falls back to trafilatura).  Without rule M102 selected the model is not asked:
    every block stays unless a DOM or text rule removes it."""
    from .segment.blocks import block_features, cached_block_model, explain_block, page_stops, walk
    from .segment.decode import BODY, COMMENTS

    model = cached_block_model(block_model)
    dom_rules = [r for r in cleaner.rules if isinstance(r, DomRule)]
    findings: list[DomFinding] = []
    if dom_rules:
        try:
            findings = scan(tree, dom_rules)
        except Exception as exc:  # pragma: no cover - a page must never be lost to a DOM rule
            LOG.warning("newsclean: DOM rules failed on this page, skipped: %r", exc)
    segment = any(isinstance(r, HtmlBlockSegmenter) for r in cleaner.rules)
    page = walk(tree, model.vocab_set if segment else frozenset(), {f.element: f for f in findings})
    if not page.blocks:
        return None
    path: np.ndarray | None = None
    if segment:
        X = block_features(page, page_stops(page), model.vocab)
        path, prob = model.decode(X)
        if not (path == BODY).any():
            return None
    extracted = "".join(b.text + "\n" for b in page.blocks)
    doc = Document(extracted)
    why: dict[int, tuple[str, str, str, str]] = {}
    owners: dict[int, Any] = {}
    # blocks in an element a DOM rule flagged go with that rule's evidence
    for i, f in page.marked_blocks().items():
        why[i] = (f.rule.code, f.rule.name, f.rule.category, f.evidence)
        owners[i] = f
    if path is not None:
        for i in np.flatnonzero(path != BODY).tolist():
            if i not in why:
                why[i] = (*BLOCK_RULE, explain_block(model, X[i], page.blocks[i], int(path[i]), prob[i]))
                owners[i] = i
    if cleaner.config.keep_lines:
        why = {i: w for i, w in why.items() if not cleaner.keeps(doc.lines[i])}
    exp, removals = _with_text_rules(cleaner, doc, why, owners)
    comments = ""
    if include_comments:
        from .segment.blocks import ANCESTORS

        in_form = 1 << ANCESTORS.index("form")
        labelled = set(np.flatnonzero(path == COMMENTS).tolist()) if path is not None else set()
        forms = {i for i, b in enumerate(page.blocks) if b.ancestors & in_form}
        comments = _comments(cleaner, doc, removals, labelled, forms)
    return HtmlExplanation(
        exp.text, removals, exp._lang, extracted=extracted, extractor="blocks", encoding=encoding, title=page.title,
        comments=comments,
    )


_LEAD_WORDS = re.compile(
    r" (?:lead|leadtext|lede|intro|introduction|teaser|teasertext|teaser text|excerpt|abstract|chapo|chapeau|"
    r"standfirst|deck|dek|subhead|subheadline|sub headline|subtitle|summary|preface|hook|bajada|entradilla|"
    r"sottotitolo|sommario|description|article description|lead text|intro text) "
)
_LEAD_STEMS = re.compile(
    "lead|lede|intro|teaser|excerpt|abstract|chap|standfirst|deck|dek|sub|summary|preface|hook|bajada|entradilla|"
    "sottotitolo|sommario|description"
)
#: How far after the page's headline a lead may stand (elements in document order).
LEAD_WINDOW = 60
_LEAD_XPATH = etree.XPath(
    f"following::*[position() <= {LEAD_WINDOW}][self::p or self::div or self::h2 or self::h3 or self::h4 or "
    "self::span or self::section or self::strong or self::em or self::b][@class or @id]"
)


#: A lead whose first this many words the extractor kept is not missing.
LEAD_HEAD_WORDS = 8


def _lead(tree: HtmlElement, extracted: str, findings: list[DomFinding]) -> list[str]:
    """The article's lead (standfirst) when trafilatura left it out.

    Extractors often drop the summary paragraph set between the headline and the
    body (``<p class="lead">``, ``<div class="teaser-text">``, ``<h2 class="deck">``):
    it sits in the article's header, apart from the body's paragraphs.  A lead is
    an element right after the ``<h1>`` whose class or id says lead, intro, teaser,
    excerpt, abstract, standfirst, summary ..., holding prose (40 to 1500 characters,
    at least six words, little link text), not inside a link or a flagged widget,
    and met before any text the extractor kept (its whole text or its first eight
    words).  At most two are put back, in front.
    """
    from .rules.dom import link_len, signature

    body = tree.find("body")
    h1 = next(iter((body if body is not None else tree).iter("h1")), None)
    if h1 is None:
        return []
    flat = " ".join(extracted.split())
    if not flat:
        return []
    flagged = {f.element for f in findings}
    out: list[str] = []
    for el in _LEAD_XPATH(h1):
        raw = f"{el.get('class', '')} {el.get('id', '')}".lower()
        if not _LEAD_STEMS.search(raw) or not _LEAD_WORDS.search(signature(el)):
            continue
        text = " ".join(el.text_content().split())
        # the body has begun: the element's text, or its first words when the
        # extractor printed it otherwise (a description with a list inside, its
        # items as "- " lines), are in what the extractor kept
        if text and (text in flat or " ".join(text.split()[:LEAD_HEAD_WORDS]) in flat):
            break
        if not (40 <= len(text) <= 1500) or len(text.split()) < 6 or link_len(el) > 0.3 * len(text):
            continue
        if any(a.tag == "a" or a in flagged for a in el.iterancestors()) or el in flagged:
            continue
        if any(text in kept for kept in out):
            continue  # an element inside the lead already put back: the same text again
        out.append(text)
        if len(out) == 2:
            break
    return out


def _runs(lines: list[int], owners: dict[int, DomFinding] | None) -> list[tuple[int, int, Any]]:
    """Contiguous runs of the (sorted) line numbers, split where the owner changes."""
    out: list[tuple[int, int, Any]] = []
    for i in lines:
        o = owners[i] if owners is not None else None
        if out and out[-1][1] == i - 1 and out[-1][2] is o:
            out[-1] = (out[-1][0], i, o)
        else:
            out.append((i, i, o))
    return out


_TABLE_ROW = re.compile(r"^\|.*\|$")
_BULLET = re.compile(r"^(?:[-*\u2022]\s+)")


def _segments(line: str) -> list[str]:
    """The pieces of an extracted line to look for in the page: the line without
    its list bullet, or each cell of a table row (trafilatura writes ``- item``
    and ``| a | b |``)."""
    s = " ".join(line.split())
    if not s:
        return []
    if _TABLE_ROW.match(s):
        return [c.strip() for c in s.strip("|").split(" | ") if c.strip()]
    return [_BULLET.sub("", s)]


def _dom_lines(doc: Document, findings: list[DomFinding], tree: HtmlElement) -> dict[int, DomFinding]:
    """The extracted lines that come from elements the DOM rules flagged.

    A line goes when its text is found in a flagged element and nowhere else in the
    page's text (counting occurrences, scripts and styles left out): the same words
    elsewhere, such as a heading that a table of contents repeats, keep the line.
    """
    page: str | None = None
    scripts: list[str] = []
    out: dict[int, DomFinding] = {}
    for i, line in enumerate(doc.lines):
        owner: DomFinding | None = None
        for seg in _segments(line):
            hits = [f for f in findings if seg in f.text]
            if not hits:
                owner = None
                break
            if page is None:
                page = " ".join(tree.text_content().split())
                # text in scripts and styles is not on the page (JSON data repeats headlines)
                scripts = [" ".join(e.text.split()) for e in tree.iter("script", "style") if e.text]
            elsewhere = page.count(seg) - sum(t.count(seg) for t in scripts)
            if sum(f.text.count(seg) for f in hits) < elsewhere:
                owner = None
                break
            owner = owner or hits[0]
        if owner is not None:
            out[i] = owner
    return out


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    cleaner: Cleaner | None = None,
    engine: str = "trafilatura",
    block_model: str | None = None,
    include_comments: bool = False,
    **options: Any,
) -> str:
    """The article body of an HTML page without its boilerplate, as text.

    One paragraph per line.  See :func:`explain_html` for the arguments and errors.
    With ``include_comments=True`` the page's reader comments follow the body, after
    one empty line (:data:`COMMENTS_SEPARATOR`), when it has any: the text reads as
    an article and its comments.  The body itself may hold empty lines (a ``<pre>``
    block), so a program that needs the two apart takes ``text`` and ``comments``
    of :func:`explain_html` instead of splitting this string.
    """
    exp = explain_html(
        html, url=url, cleaner=cleaner, engine=engine, block_model=block_model, include_comments=include_comments,
        **options,
    )
    return with_comments(exp)


def with_comments(exp: HtmlExplanation) -> str:
    """The body of ``exp`` followed by its comments, as :func:`clean_html` returns
    them with ``include_comments=True`` (the body alone when there are none)."""
    return exp.text + COMMENTS_SEPARATOR + exp.comments if exp.comments else exp.text
