"""The HTML block segmenter: one walk of the lxml tree into paragraph-level blocks,
their DOM and text features, and the block model (plain JSON data) that labels them.

The walk (:func:`walk`), in one pass over the parsed tree (``lxml.etree.iterwalk``,
no recursion, so any depth is fine):

- a *block* is the text between two block boundaries: the start or end of a
  paragraph-level element (:data:`BLOCK_TAGS`: ``p``, ``div``, ``li``, ``h1``-``h6``,
  ``td``, ``blockquote``, ``figcaption``, ``section``, ``table`` ...) and ``<br>``;
- text of :data:`SKIP_TAGS` (``script``, ``style``, ``head``, ``template``, ``svg``,
  ``select``, ``textarea``, ...) and of hidden elements (the
  ``hidden`` attribute, ``display:none`` in ``style``) is not on the page;
- what is normalised, exactly: every run of whitespace (spaces, tabs, newlines, no-break
  spaces, as ``str.split()`` sees them) becomes one space and the block is stripped,
  as trafilatura does; a list item (``li``) gets trafilatura's ``"- "`` in front;
  table cells are blocks of their own (trafilatura joins a row's cells with ``|``);
  nothing else changes: the characters are the page's, entities decoded by lxml.
- each block carries its DOM context: its tag, the paragraph-level ancestors that
  matter (``aside``, ``nav``, ``footer``, ``header``, ``form``, ``article``, ``main``,
  ``figure``, ``table``, lists), its depth, its characters inside links, and the
  class and id words of its ancestors that are in the model's vocabulary.

Features (:func:`block_features`): the text segmenter's 62 line features of the block
texts (:func:`newsclean.segment.features.line_features`, unchanged) and the DOM
features of :data:`DOM_FEATURES`: link density, text density (Kohlschütter et al.
2010: words per 80-character wrapped line), tag and ancestor flags, depth, whether
the block sits in the page's main container (the element whose children hold the most
body-like text) and whether it comes before or after it, the link and text density of the neighbours, and one flag per
class/id word of the model's vocabulary.  The vocabulary is learned (see
:mod:`newsclean.segment.blocks_train`): words on the pages of many sites, ranked by
how far they move the odds of body; never a site's own name.

The model is a multinomial logistic regression over the five states of the text
segmenter (before / body / inside / after / comments), decoded with the same Viterbi
(:func:`newsclean.segment.decode.viterbi`).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from lxml import etree

from .decode import BODY, STATES, viterbi
from .features import FEATURES as TEXT_FEATURES
from .features import describe, line_features
from .model import CLIP, ModelError, _round, emissions, hmm_arrays, hmm_lists, read_json

FORMAT = "newsclean-block-segmenter"
FORMAT_VERSION = 1
DEFAULT_MODEL = "blocks-v1.json"

#: Elements that start and end a block.
BLOCK_TAGS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 td th tr table tbody thead tfoot caption blockquote pre figcaption figure "
    "section article aside nav footer header main form ul ol dl dt dd address fieldset legend details summary "
    "center hr body html noframes menu dialog option".split()
)
#: Elements whose text is not on the page.
SKIP_TAGS = frozenset(
    "script style template head svg math iframe object embed select textarea audio video canvas map "
    "frameset".split()
)
#: Tags of the block itself, grouped.
TAG_GROUPS = {
    "p": "p",
    "li": "li",
    "h1": "h1",
    "h2": "hx",
    "h3": "hx",
    "h4": "hx",
    "h5": "hx",
    "h6": "hx",
    "td": "cell",
    "th": "cell",
    "blockquote": "blockquote",
    "figcaption": "figcaption",
    "caption": "figcaption",
    "pre": "pre",
    "dt": "dl",
    "dd": "dl",
}
TAGS = ("p", "li", "h1", "hx", "cell", "blockquote", "figcaption", "pre", "dl", "other")
#: Ancestors that matter, each a flag (a list is ul/ol/menu/dl).
ANCESTORS = ("aside", "nav", "footer", "header", "form", "article", "main", "figure", "table", "list", "a")
_ANCESTOR_OF = {t: t for t in ANCESTORS}
_ANCESTOR_OF.update(ul="list", ol="list", menu="list", dl="list")
_NB = (-2, -1, 1, 2)

DOM_FEATURES: tuple[str, ...] = (
    ("link_density", "text_density", "depth", "depth_vs_body", "in_container", "in_container_wide", "before_container", "after_container", "li_bullet")
    + tuple(f"tag_{t}" for t in TAGS)
    + tuple(f"in_{a}" for a in ANCESTORS)
    + tuple(f"link_density@{o:+d}" for o in _NB)
    + tuple(f"text_density@{o:+d}" for o in _NB)
)
_D = {name: k for k, name in enumerate(DOM_FEATURES)}
_T = {name: k for k, name in enumerate(TEXT_FEATURES)}
_TITLE_COLUMNS = [k for k, name in enumerate(TEXT_FEATURES) if name.startswith("title_words")]

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_ALPHA = re.compile(r"[^a-z]+")
#: Class/id words shorter than this are not words (``a``, ``js``, ``md``).
MIN_TOKEN = 3


def class_tokens(value: str) -> set[str]:
    """The words of a class or id attribute: split at non-letters and camelCase,
    lower-cased, at least :data:`MIN_TOKEN` letters.

    >>> sorted(class_tokens("post-comments relatedLinks col-md-4"))
    ['col', 'comments', 'links', 'post', 'related']
    """
    return {t for t in _NON_ALPHA.split(_CAMEL.sub(" ", value).lower()) if len(t) >= MIN_TOKEN}


@dataclass(slots=True)
class Block:
    """One paragraph-level block of a page: its text (normalised as the module says)
    and its DOM context."""

    text: str
    tag: str  # the tag of the innermost block element holding the text
    depth: int
    link_chars: int
    ancestors: int  # bit k set: inside an ANCESTORS[k] element
    tokens: frozenset[str]  # class/id words of its ancestors (those in the vocabulary, or all)
    owner: int  # preorder index of the innermost block element
    parent: int  # preorder index of its parent's block element (-1 at the top)
    grand: int  # and of the one above


@dataclass(slots=True)
class Page:
    """The blocks of a page, and what the walk found on the way."""

    blocks: list[Block]
    end: list[int]  # end[pre] = the last preorder index inside element pre
    title: str
    lang: str
    marked: list[tuple[int, Any]]  # (preorder index, mark) of the elements of ``marks`` met

    def marked_blocks(self) -> dict[int, Any]:
        """Block index -> the mark of the element of ``marks`` it sits in."""
        out: dict[int, Any] = {}
        if not self.marked:
            return out
        import bisect

        owners = [b.owner for b in self.blocks]
        for pre, mark in self.marked:
            lo = bisect.bisect_left(owners, pre)
            hi = bisect.bisect_right(owners, self.end[pre])
            for i in range(lo, hi):
                out.setdefault(i, mark)
        return out


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def walk(tree: Any, vocab: frozenset[str] | None = None, marks: dict[Any, Any] | None = None) -> Page:
    """The blocks of ``tree`` (an lxml HTML tree), in document order, in one walk.

    ``vocab``: the class/id words to record for each block (``None`` records every
    word, for training).  ``marks``: elements -> a mark (the DOM rules' findings);
    :meth:`Page.marked_blocks` then says which blocks sit in a marked element.
    Never raises on odd trees; an empty tree gives no blocks.
    """
    blocks: list[Block] = []
    end: list[int] = []
    marked: list[tuple[int, Any]] = []
    title = ""
    lang = ""
    if tree is None:
        return Page(blocks, end, title, lang, marked)
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    lang = (root.get("lang") or root.get("xml:lang") or "").strip()
    t = root.find(".//title")
    if t is not None:
        title = " ".join((t.text_content() if hasattr(t, "text_content") else (t.text or "")).split())
    pieces: list[str] = []
    nlink = 0  # characters of the current block inside links
    ctx: tuple[Any, ...] | None = None  # the current block's context, taken at its first text
    # the open elements: (tag, is_block, ancestor bit, tokens added, preorder index)
    stack: list[tuple[str, bool, int, tuple[str, ...], int]] = []
    block_stack: list[int] = []  # preorder indices of the open block elements
    tag_stack: list[str] = []  # tags of the open block elements
    anc_count = [0] * len(ANCESTORS)
    anc_bits = 0
    active: dict[str, int] = {}
    skipping = 0
    in_link = 0

    def context() -> tuple[Any, ...]:
        return (
            tag_stack[-1] if tag_stack else "",
            len(stack),
            anc_bits,
            frozenset(active),
            block_stack[-1] if block_stack else -1,
            block_stack[-2] if len(block_stack) > 1 else -1,
            block_stack[-3] if len(block_stack) > 2 else -1,
        )

    def add(text: str | None) -> None:
        nonlocal ctx, nlink
        if not text:
            return
        if ctx is None:
            if text.isspace():
                return
            ctx = context()
        pieces.append(text)
        if in_link:
            nlink += len(text.strip())

    def flush() -> None:
        nonlocal ctx, nlink
        if ctx is not None:
            text = " ".join("".join(pieces).split())
            if text:
                tag, depth, bits, toks, owner, parent, grand = ctx
                if tag == "li":
                    text = "- " + text
                blocks.append(Block(text, tag, depth, min(nlink, len(text)), bits, toks, owner, parent, grand))
        pieces.clear()
        ctx = None
        nlink = 0

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction: only its tail is text
            if event == "end" and not skipping:
                add(el.tail)
            continue
        tag = tag.lower()
        if event == "start":
            if skipping or tag in SKIP_TAGS or _hidden(el):
                skipping += 1
                stack.append((tag, False, -2, (), -1))
                continue
            pre = len(end)
            end.append(pre)
            if marks and el in marks:
                marked.append((pre, marks[el]))
            is_block = tag in BLOCK_TAGS
            if is_block or tag == "br":
                flush()
            bit = -1
            a = _ANCESTOR_OF.get(tag)
            if a is not None:
                bit = ANCESTORS.index(a)
                anc_count[bit] += 1
                anc_bits |= 1 << bit
            if tag == "a":
                in_link += 1
            added: tuple[str, ...] = ()
            if tag not in ("html", "body"):  # page-wide classes ("single-post comments-open") say nothing of a block
                cls, ident = el.get("class"), el.get("id")
                if cls or ident:
                    toks = class_tokens(f"{cls or ''} {ident or ''}")
                    if vocab is not None:
                        toks &= vocab
                    added = tuple(toks)
                    for w in added:
                        active[w] = active.get(w, 0) + 1
            stack.append((tag, is_block, bit, added, pre))
            if is_block:
                block_stack.append(pre)
                tag_stack.append(tag)
            add(el.text)
        else:
            if not stack:
                continue
            tag, is_block, bit, added, pre = stack.pop()
            if bit == -2:  # a skipped element
                skipping -= 1
                if not skipping:
                    add(el.tail)
                continue
            if is_block:
                flush()
                block_stack.pop()
                tag_stack.pop()
            if bit >= 0:
                anc_count[bit] -= 1
                if not anc_count[bit]:
                    anc_bits &= ~(1 << bit)
            if tag == "a":
                in_link -= 1
            for w in added:
                n = active[w] - 1
                if n:
                    active[w] = n
                else:
                    del active[w]
            end[pre] = len(end) - 1
            if is_block:
                flush()
            add(el.tail)
    flush()
    return Page(blocks, end, title, lang, marked)


def page_stops(page: Page) -> frozenset[str]:
    """The stop words of the page's language: its ``<html lang>``, else the language
    detected on its text (jusText's lists; empty when there is none)."""
    from ..langdetect import detect_language, script_language, stoplist

    lang = page.lang.replace("_", "-").split("-")[0].lower()
    stops = stoplist(lang) if lang else frozenset()
    if not stops and page.blocks:
        sample = "\n".join(b.text for b in sorted(page.blocks, key=lambda b: -len(b.text))[:20])
        lang = detect_language(sample)
        stops = stoplist(lang) or stoplist(script_language(sample))
    return stops


def _main_container(page: Page, body_like: np.ndarray, sizes: list[int], level: str) -> tuple[int, int]:
    """The element (preorder range) whose blocks hold the most characters of
    body-like blocks, one (``parent``) or two (``grand``) levels above them."""
    score: dict[int, int] = {}
    for b, ok, size in zip(page.blocks, body_like, sizes):
        if ok:
            k = getattr(b, level)
            score[k] = score.get(k, 0) + size
    if not score:
        return -1, -1
    best = max(score, key=score.__getitem__)
    if best < 0:
        return -1, -1
    return best, page.end[best]


def block_features(page: Page, stops: frozenset[str], vocab: tuple[str, ...]) -> np.ndarray:
    """The feature matrix of the page's blocks: the text features, the DOM features,
    then one column per word of ``vocab`` (``TEXT_FEATURES + DOM_FEATURES + vocab``)."""
    blocks = page.blocks
    n = len(blocks)
    nt, nd = len(TEXT_FEATURES), len(DOM_FEATURES)
    X = np.zeros((n, nt + nd + len(vocab)), dtype=np.float32)
    if not n:
        return X
    texts = [b.text for b in blocks]
    X[:, :nt] = line_features(texts, stops)
    # the title columns read the first line as the page's title: a page's first block is
    # a menu or a logo far more often (the page's <title> is not a block), so they stay 0
    X[:, _TITLE_COLUMNS] = 0.0
    D = X[:, nt : nt + nd]
    # (the "- " of a list item is not the page's text)
    chars = np.asarray([len(b.text) - 2 * (b.tag == "li") for b in blocks], dtype=np.float32)
    words = np.expm1(X[:, _T["words"]])
    D[:, _D["link_density"]] = np.asarray([b.link_chars for b in blocks], dtype=np.float32) / np.maximum(chars, 1)
    D[:, _D["text_density"]] = words / np.ceil(np.maximum(chars, 1) / 80.0)
    depth = np.asarray([b.depth for b in blocks], dtype=np.float32)
    D[:, _D["depth"]] = np.log1p(depth)
    body_like = X[:, _T["body_like"]] > 0
    if body_like.any():
        D[:, _D["depth_vs_body"]] = np.clip(depth - float(np.median(depth[body_like])), -10, 10)
    sizes = [len(t) for t in texts]
    for col, level in (("in_container", "parent"), ("in_container_wide", "grand")):
        lo, hi = _main_container(page, body_like, sizes, level)
        if lo >= 0:
            owner = np.asarray([b.owner for b in blocks])
            D[:, _D[col]] = (owner >= lo) & (owner <= hi)
            if level == "grand":
                D[:, _D["before_container"]] = owner < lo
                D[:, _D["after_container"]] = owner > hi
    D[:, _D["li_bullet"]] = [b.tag == "li" for b in blocks]
    k0 = _D["tag_p"]
    for i, b in enumerate(blocks):
        D[i, k0 + TAGS.index(TAG_GROUPS.get(b.tag, "other"))] = 1.0
    k0 = _D["in_aside"]
    bits = np.asarray([b.ancestors for b in blocks], dtype=np.int64)
    for k in range(len(ANCESTORS)):
        D[:, k0 + k] = (bits >> k) & 1
    for name in ("link_density", "text_density"):
        src = D[:, _D[name]].copy()
        for off in _NB:
            col = D[:, _D[f"{name}@{off:+d}"]]
            if off < 0:
                col[-off:] = src[:off]
            else:
                col[:-off] = src[off:]
    if vocab:
        V = X[:, nt + nd :]
        index = {w: k for k, w in enumerate(vocab)}
        for i, b in enumerate(blocks):
            for w in b.tokens:
                k = index.get(w)
                if k is not None:
                    V[i, k] = 1.0
    return X


# -- the model -----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class BlockModel:
    """A loaded block model. File format (JSON, ``"format": "newsclean-block-segmenter"``)::

        {"format", "format_version": 1, "name", "text_features": [...], "dom_features": [...],
         "vocabulary": [...class/id words...], "states": [...],
         "mean", "scale", "coef" (S x F), "intercept", "log_prior", "start", "transitions",
         "body_bias": float, "container_gate": float, "training": {...}}

    ``container_gate``: a block outside the page's main container (the element whose
    child blocks hold the most body-like text) stays body only when the model's own
    probability of body for it is at least this much (0 turns the gate off).
    """

    name: str
    vocab: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    log_prior: np.ndarray
    start: np.ndarray
    transitions: np.ndarray
    body_bias: float
    training: dict[str, Any]
    container_gate: float = 0.0

    @property
    def vocab_set(self) -> frozenset[str]:
        return frozenset(self.vocab)

    @property
    def feature_names(self) -> tuple[str, ...]:
        return TEXT_FEATURES + DOM_FEATURES + tuple(f"class:{w}" for w in self.vocab)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "model") -> BlockModel:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelError(f'{source}: not a newsclean block model (no "format": "{FORMAT}")')
        if data.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{source}: block model format version {data.get('format_version')!r}; expected {FORMAT_VERSION}")
        if tuple(data.get("text_features", ())) != TEXT_FEATURES or tuple(data.get("dom_features", ())) != DOM_FEATURES:
            raise ModelError(f"{source}: the model's features are not the ones this newsclean computes")
        if tuple(data.get("states", ())) != STATES:
            raise ModelError(f"{source}: the model's states must be {list(STATES)}")
        vocab = tuple(str(w) for w in data.get("vocabulary", ()))
        try:
            arrays = hmm_arrays(data, len(TEXT_FEATURES) + len(DOM_FEATURES) + len(vocab))
            bias = float(data["body_bias"])
            gate = float(data.get("container_gate", 0.0))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{source}: malformed block model: {exc}") from None
        if (arrays["scale"] == 0).any() or not all(np.isfinite(arrays[k]).all() for k in ("mean", "scale", "coef")):
            raise ModelError(f"{source}: malformed block model: weights must be finite and scales non-zero")
        return cls(
            str(data.get("name", source)), vocab, body_bias=bias, training=dict(data.get("training", {})),
            container_gate=gate, **arrays,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "text_features": list(TEXT_FEATURES),
            "dom_features": list(DOM_FEATURES),
            "vocabulary": list(self.vocab),
            "states": list(STATES),
            **hmm_lists(self),
            "body_bias": _round(self.body_bias),
            "container_gate": _round(self.container_gate),
            "training": self.training,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_dict(), indent=None, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n"

    def save(self, path: str | os.PathLike[str]) -> None:
        Path(path).write_text(self.dumps(), encoding="utf-8")

    def emissions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, probabilities)`` per state: ``log p(s|x) - log prior(s)``."""
        return emissions(self, X)

    def decode(
        self, X: np.ndarray, bias: float | None = None, gate_at: float | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The state of each block (Viterbi, then the container gate) and the
        probabilities of each state."""
        scores, p = self.emissions(X)
        scores[:, BODY] += self.body_bias if bias is None else bias
        path = viterbi(scores, self.transitions, self.start)
        return gate(path, X, p, self.container_gate if gate_at is None else gate_at), p


_IN_CONTAINER = len(TEXT_FEATURES) + _D["in_container"]


def gate(path: np.ndarray, X: np.ndarray, p: np.ndarray, at: float) -> np.ndarray:
    """``path`` with every body block outside the main container whose probability
    of body is under ``at`` moved out of the body: before it when it comes before the
    container's first block, after it when after its last, noise inside otherwise."""
    if at <= 0 or not len(path):
        return path
    inside = X[:, _IN_CONTAINER] > 0
    if not inside.any():
        return path
    out = (path == BODY) & ~inside & (p[:, BODY] < at)
    if not out.any():
        return path
    path = path.copy()
    idx = np.flatnonzero(inside)
    k = np.arange(len(path))
    path[out & (k < idx[0])] = STATES.index("before")
    path[out & (k > idx[-1])] = STATES.index("after")
    path[out & (k > idx[0]) & (k < idx[-1])] = STATES.index("inside")
    return path


def load_block_model(path: str | os.PathLike[str]) -> BlockModel:
    return BlockModel.from_dict(read_json(path, "block model"), str(Path(path)))


@lru_cache(maxsize=8)
def cached_block_model(path: str | None) -> BlockModel:
    """The block model at ``path`` (the shipped one for ``None``), loaded once per process."""
    if path is None:
        ref = resources.files("newsclean.segment").joinpath("data", DEFAULT_MODEL)
        return BlockModel.from_dict(json.loads(ref.read_text(encoding="utf-8")), f"newsclean/segment/data/{DEFAULT_MODEL}")
    return load_block_model(path)


# -- evidence -----------------------------------------------------------------------


def explain_block(model: BlockModel, row: np.ndarray, block: Block, state: int, p: np.ndarray) -> str:
    """Why a block goes, in words: its state, its DOM context and shape, the probability."""
    nt = len(TEXT_FEATURES)
    words: list[str] = []
    anc = [a for k, a in enumerate(ANCESTORS) if block.ancestors >> k & 1 and a not in ("article", "main", "a", "list", "table")]
    if anc:
        words.append("inside " + "/".join(f"<{a}>" for a in anc))
    ld = float(row[nt + _D["link_density"]])
    if ld >= 0.5:
        words.append(f"{ld:.0%} link text")
    # the class/id words of the block that push hardest towards its state
    if model.vocab and block.tokens:
        V = row[nt + len(DOM_FEATURES) :]
        z = (V - model.mean[nt + len(DOM_FEATURES) :]) / model.scale[nt + len(DOM_FEATURES) :]
        push = (model.coef[state, nt + len(DOM_FEATURES) :] - model.coef[BODY, nt + len(DOM_FEATURES) :]) * np.clip(z, -CLIP, CLIP)
        top = [model.vocab[k] for k in np.argsort(-push)[:2] if V[k] > 0 and push[k] > 0]
        if top:
            words.append("class/id " + ", ".join(f'"{w}"' for w in top))
    if not float(row[nt + _D["in_container"]]):
        words.append("outside the main container")
    words += describe(row[:nt])[:3]
    return f"{_STATE_WORDS[STATES[state]]} (HTML block); " + ", ".join(words) + f" (p={float(p[state]):.2f})"


_STATE_WORDS = {
    "before": "before the body",
    "body": "body",
    "inside": "noise inside the body",
    "after": "after the body",
    "comments": "reader comments",
}


__all__ = [
    "Block",
    "BlockModel",
    "DOM_FEATURES",
    "Page",
    "block_features",
    "cached_block_model",
    "class_tokens",
    "explain_block",
    "load_block_model",
    "walk",
]
