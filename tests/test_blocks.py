"""The HTML block segmenter: the walk, the block features, the model, engine="blocks".

Real lxml trees and the shipped model; the snippets are hand-written.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsclean.html import NotHTMLError, clean_html, explain_html, parse_html
from newsclean.segment.blocks import (
    ANCESTORS,
    DOM_FEATURES,
    BlockModel,
    block_features,
    cached_block_model,
    class_tokens,
    walk,
)
from newsclean.segment.decode import STATES
from newsclean.segment.features import FEATURES as TEXT_FEATURES
from newsclean.segment.model import ModelError

FIXTURES = Path(__file__).parent / "fixtures" / "html"
PARA = (
    "The council met on Monday evening and decided, after a long debate, to build a new primary school in the "
    "city centre, which the mayor said would open in two years."
)
SNIPPET = (
    '<html lang="en"><head><title> The  council\nvotes </title><script>var x = "not text";</script></head><body>'
    '<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
    f'<article><h1>The council votes</h1><p>{PARA}</p><p>Second   paragraph,<br>after a break, with a '
    '<a href="/x">link</a>.</p><div hidden>hidden text</div><p style="display: none">also hidden</p></article>'
    '<aside class="related-posts"><p><a href="/y">Another story entirely</a></p></aside>'
    "<footer><p>Copyright 2024 Example Media</p></footer></body></html>"
)


def blocks_of(markup: str, vocab: frozenset[str] | None = None):
    return walk(parse_html(markup), vocab)


# -- the walk ------------------------------------------------------------------------


def test_walk_gives_the_blocks_of_the_page_in_order():
    page = blocks_of(SNIPPET)
    assert [b.text for b in page.blocks] == [
        "- Home",
        "- News",
        "The council votes",
        PARA,
        "Second paragraph,",  # <br> ends a block; whitespace runs collapsed
        "after a break, with a link.",
        "Another story entirely",
        "Copyright 2024 Example Media",
    ]
    assert page.title == "The council votes"  # whitespace collapsed
    assert page.lang == "en"


def test_walk_records_the_dom_context():
    page = blocks_of(SNIPPET)
    home, news, h1, p1, p2a, p2b, related, footer = page.blocks
    assert home.tag == "li" and home.link_chars == len("Home")
    assert home.ancestors >> ANCESTORS.index("nav") & 1 and home.ancestors >> ANCESTORS.index("list") & 1
    assert not p1.ancestors >> ANCESTORS.index("nav") & 1 and p1.ancestors >> ANCESTORS.index("article") & 1
    assert h1.tag == "h1" and p1.tag == "p" and p1.link_chars == 0
    assert p2b.link_chars == len("link")
    assert related.ancestors >> ANCESTORS.index("aside") & 1
    assert footer.ancestors >> ANCESTORS.index("footer") & 1
    assert {"main", "menu"} <= home.tokens and {"related", "posts"} <= related.tokens
    # only the vocabulary's words are recorded when one is given
    assert blocks_of(SNIPPET, frozenset({"related"})).blocks[6].tokens == {"related"}
    assert p1.owner in range(p1.parent, page.end[p1.parent] + 1)


def test_class_tokens():
    assert class_tokens("commentList post_share-bar x y2") == {"comment", "list", "post", "share", "bar"}
    assert class_tokens("") == set()


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "<html></html>",
        "<html><body></body></html>",
        "<html><body><p>unclosed <div><span>text <b>bold<i>both</p></div>",
        "<html><body>" + "<div>" * 5000 + "deep text" + "</div>" * 10 + "</body>",
        "<html><body>" + "<span><p>x</p>" * 2000 + "</body></html>",
        "<html><body><table><tr><td>cell<td>cell 2<tr><td>row 2</table><!-- c --><?pi x?></body></html>",
        "<html><body><p>a &bogus; entity &#xZZ; and &#99999999;</p></body></html>",
    ],
)
def test_walk_never_raises_on_empty_broken_or_deep_markup(markup):
    tree = parse_html(markup) if markup else None
    page = walk(tree)
    for b in page.blocks:
        assert b.text and b.text == " ".join(b.text.split())
    X = block_features(page, frozenset(), ())
    assert X.shape == (len(page.blocks), len(TEXT_FEATURES) + len(DOM_FEATURES))
    assert np.isfinite(X).all()


def test_deep_nesting_keeps_its_text():
    # as deep as lxml's parser keeps (it cuts a tree at 256 levels)
    page = blocks_of("<html><body>" + "<div><span>" * 120 + "deep text" + "</span></div>" * 10 + "</body>")
    assert [b.text for b in page.blocks] == ["deep text"]
    assert page.blocks[0].depth == 242


# -- the features -------------------------------------------------------------------


def test_feature_names_are_unique():
    names = TEXT_FEATURES + DOM_FEATURES
    assert len(set(names)) == len(names)


def test_block_features_of_a_known_snippet():
    page = blocks_of(SNIPPET)
    X = block_features(page, frozenset({"the", "a", "in", "to", "of", "on", "after", "with"}), ("menu", "related"))
    d = {name: len(TEXT_FEATURES) + k for k, name in enumerate(DOM_FEATURES)}
    v = len(TEXT_FEATURES) + len(DOM_FEATURES)
    home, p1, related = 0, 3, 6
    assert X[home, d["link_density"]] == pytest.approx(1.0)  # the "- " of a list item is not counted
    assert X[p1, d["link_density"]] == 0
    assert X[home, d["in_nav"]] == 1 and X[p1, d["in_nav"]] == 0
    assert X[home, d["tag_li"]] == 1 and X[p1, d["tag_p"]] == 1 and X[2, d["tag_h1"]] == 1
    assert X[related, d["in_aside"]] == 1
    # text density: words per 80-character line (Kohlschütter 2010)
    words = len(PARA.split())
    assert X[p1, d["text_density"]] == pytest.approx(words / np.ceil(len(PARA) / 80), rel=0.05)
    assert X[p1 + 1, d["link_density@-1"]] == X[p1, d["link_density"]]
    assert X[p1, d["in_container"]] == 1 and X[home, d["in_container"]] == 0
    assert X[home, v + 0] == 1 and X[related, v + 1] == 1 and X[p1, v : v + 2].sum() == 0


# -- the model ----------------------------------------------------------------------


def test_shipped_model_loads_and_is_small():
    m = cached_block_model(None)
    assert m.name.startswith("blocks-v")
    n = len(TEXT_FEATURES) + len(DOM_FEATURES) + len(m.vocab)
    assert m.coef.shape == (len(STATES), n) and len(m.feature_names) == n
    assert 0 < len(m.vocab) <= 64
    path = Path(__file__).parent.parent / "newsclean" / "segment" / "data" / "blocks-v1.json"
    assert path.stat().st_size <= 1_000_000
    assert BlockModel.from_dict(m.to_dict()).dumps() == m.dumps()


def test_a_model_with_other_features_is_refused(tmp_path):
    data = cached_block_model(None).to_dict()
    data["dom_features"] = data["dom_features"][:-1]
    bad = tmp_path / "bad.json"
    import json

    bad.write_text(json.dumps(data))
    with pytest.raises(ModelError, match="features"):
        clean_html(SNIPPET, engine="blocks", block_model=str(bad))


# -- engine="blocks" ----------------------------------------------------------------


def test_blocks_engine_keeps_the_article_and_explains_every_removal():
    exp = explain_html(SNIPPET, engine="blocks")
    assert exp.extractor == "blocks" and exp.title == "The council votes"
    assert PARA in exp.text
    assert "Home" not in exp.text and "Copyright" not in exp.text
    lines = exp.extracted.splitlines()
    assert set(exp.text.splitlines()) <= set(lines)  # kept lines are lines of the page's blocks
    assert exp.removals
    for r in exp.removals:
        assert exp.extracted[r.start : r.end] == r.text
        assert r.code and r.name and r.evidence
    m102 = [r for r in exp.removals if r.code == "M102"]
    assert m102 and all(r.name == "html-block-segmenter" and "(p=" in r.evidence for r in m102)
    assert any("<nav>" in r.evidence for r in m102 if "Home" in r.text)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.html")))
def test_blocks_engine_on_the_fixture_pages(name):
    raw = (FIXTURES / name).read_bytes()
    exp = explain_html(raw, engine="blocks")
    assert exp.text.strip()
    for r in exp.removals:
        assert exp.extracted[r.start : r.end] == r.text


def test_blocks_engine_keep_lines_wins(tmp_path):
    text = clean_html(SNIPPET, engine="blocks", keep_lines=["Copyright 2024"])
    assert "Copyright 2024 Example Media" in text


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="engine"):
        clean_html(SNIPPET, engine="readability")


@pytest.mark.parametrize("markup", ["", "   ", "<html><body></body></html>", "<html><body><nav><a>x</a></nav></body></html>"])
def test_blocks_engine_on_empty_pages(markup):
    assert clean_html(markup, engine="blocks") == ""


def test_blocks_engine_not_html_is_a_clear_error():
    with pytest.raises(NotHTMLError):
        clean_html(b"\x00\x01\x02binary", engine="blocks")


# -- the container gate --------------------------------------------------------------


def test_container_gate_moves_doubtful_body_blocks_outside_the_container():
    from newsclean.segment.blocks import _IN_CONTAINER, gate
    from newsclean.segment.decode import AFTER, BEFORE, BODY, INSIDE

    n = 6
    X = np.zeros((n, _IN_CONTAINER + 1), dtype=np.float32)
    X[[1, 2, 4], _IN_CONTAINER] = 1  # blocks 1, 2 and 4 are in the main container
    path = np.full(n, BODY, dtype=np.int8)
    p = np.zeros((n, len(STATES)))
    p[:, BODY] = [0.3, 0.9, 0.2, 0.4, 0.2, 0.3]
    p[5, BODY] = 0.95  # sure enough: stays
    out = gate(path, X, p, 0.5)
    assert out.tolist() == [BEFORE, BODY, BODY, INSIDE, BODY, BODY]
    assert gate(path, X, p, 0.0).tolist() == path.tolist()  # 0 turns it off
    X[:, _IN_CONTAINER] = 0  # no container found: nothing moves
    assert gate(path, X, p, 0.5).tolist() == path.tolist()
    X[[1], _IN_CONTAINER] = 1
    assert gate(path, X, p, 0.5)[4] == AFTER


# -- M102 is a rule like any other -----------------------------------------------


def test_m102_is_a_registered_documented_rule(capsys):
    from newsclean.cli import main
    from newsclean.registry import all_rules, get_rule
    from newsclean.rules.html_blocks import HtmlBlockSegmenter

    assert HtmlBlockSegmenter in all_rules()
    assert get_rule("M102") is get_rule("html-block-segmenter") is HtmlBlockSegmenter
    rule = HtmlBlockSegmenter
    assert (rule.category, rule.input) == ("segmenter", "html")
    assert "Why" in rule.doc() and "How" in rule.doc()
    assert main(["rules"]) == 0
    assert any(line.split()[:3] == ["M102", "html-block-segmenter", "segmenter"] for line in capsys.readouterr().out.splitlines())
    assert main(["rule", "M102"]) == 0
    assert "Ignoring this rule keeps every block" in capsys.readouterr().out


def test_m102_finds_its_examples_and_leaves_its_counter_examples():
    from newsclean.rules.html_blocks import HtmlBlockSegmenter

    for example in HtmlBlockSegmenter.examples_remove:
        exp = explain_html(example, engine="blocks", select=["M102"])
        assert exp.removals and {r.code for r in exp.removals} == {"M102"}
    for example in HtmlBlockSegmenter.examples_keep:
        exp = explain_html(example, engine="blocks", select=["M102"])
        assert exp.extractor == "blocks" and exp.removals == [] and exp.text == exp.extracted


def test_m102_finds_nothing_in_text_or_with_the_default_engine():
    import newsclean

    assert newsclean.explain("Home\nNews\nThe council met on Monday.\n", select=["M102"]).removals == []
    assert not any(r.code == "M102" for r in explain_html(SNIPPET).removals)


@pytest.mark.parametrize("how", [{"ignore": "M102"}, {"ignore": ["html-block-segmenter"]}, {"ignore": "segmenter"}])
def test_ignoring_m102_keeps_every_block_the_model_drops(how):
    dropped = [r.text for r in explain_html(SNIPPET, engine="blocks").removals if r.code == "M102"]
    assert dropped
    exp = explain_html(SNIPPET, engine="blocks", **how)
    assert exp.extractor == "blocks"
    assert not any(r.code == "M102" for r in exp.removals)
    gone = {r.text for r in exp.removals}
    for text in dropped:  # kept, unless another rule has its own reason
        assert text in exp.text or text in gone
    # no other rule at all: every block of the page is kept
    only = explain_html(SNIPPET, engine="blocks", select=["A101"])
    assert only.removals == [] and only.text == only.extracted


def test_m102_is_ignored_from_a_config_file(tmp_path):
    from newsclean import Cleaner
    from newsclean.config import load_config_file

    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[tool.newsclean]\nignore = ["M102"]\n', encoding="utf-8")
    cleaner = Cleaner(config=load_config_file(cfg))
    assert "M102" not in {r.code for r in cleaner.rules}
    exp = explain_html(SNIPPET, engine="blocks", cleaner=cleaner)
    assert not any(r.code == "M102" for r in exp.removals)
    assert "Copyright 2024 Example Media" in exp.extracted
