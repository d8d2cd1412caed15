"""The HTML mode: clean_html / explain_html, the DOM rules, decoding and errors.

Real trafilatura and jusText, no mocks; the pages are small hand-written fixtures
in tests/fixtures/html/ (English, German, French, Spanish).
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import Cleaner
from newsclean.html import HtmlExplanation, NotHTMLError, clean_html, decode_html, explain_html, parse_html
from newsclean.registry import all_rules
from newsclean.rules.dom import DOM_RULES, DomRule

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def page(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# -- the article is kept, the widgets go ------------------------------------------

CASES = {
    "en_news.html": (
        ["The council met for more than four hours before the vote", "Critics said the money would be better spent"],
        ["Donate today", "Share on Facebook", "Bus lanes to open", "morning briefing", "My daughter has to take", "Photo: Jane Smith"],
        {"H102"},
    ),
    "de_news.html": (
        [
            "Der Stadtrat hat am Dienstag beschlossen",  # the lead trafilatura leaves out
            "Die Entscheidung fiel nach einer langen Debatte",
            "Die ersten Bauarbeiten sollen im kommenden Frühjahr",
        ],
        ["Unterstützen Sie uns mit einer Spende", "Weitere Artikel zum Thema", "Endlich passiert etwas", "Lieferwagen", "Foto: Stadtanzeiger", "Auf Facebook teilen"],
        {"H101", "H102", "H104"},
    ),
    "fr_news.html": (
        ["Après six ans de travaux", "Le chantier a coûté près de 240 millions"],
        ["Crédit photo", "À lire aussi", "Bravo, il était temps", "quel gâchis", "Partager sur Facebook"],
        {"H101", "H104", "H105"},
    ),
    "es_news.html": (
        ["La nueva biblioteca municipal abrió sus puertas", "La obra costó 4,2 millones de euros"],
        ["Foto: Ana López", "Noticias relacionadas", "Por fin una biblioteca digna", "Compartir en Facebook"],
        {"H101", "H104", "H105"},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_article_kept_and_widgets_removed(name):
    kept, removed, codes = CASES[name]
    exp = explain_html(page(name))
    for s in kept:
        assert s in exp.text, s
    for s in removed:
        assert s not in exp.text, s
    assert codes <= {r.code for r in exp.removals}
    assert exp.extractor == "trafilatura"


@pytest.mark.parametrize("name", sorted(CASES))
def test_removals_are_ranges_of_the_extracted_text(name):
    exp = explain_html(page(name))
    assert isinstance(exp, HtmlExplanation)
    rebuilt, pos = [], 0
    for r in sorted(exp.removals, key=lambda r: r.start):
        assert exp.extracted[r.start : r.end] == r.text
        assert r.start >= pos
        first, last = r.lines
        lines = exp.extracted.splitlines(keepends=True)
        assert "".join(lines[first - 1 : last]) == r.text
        rebuilt.append(exp.extracted[pos : r.start])
        pos = r.end
    rebuilt.append(exp.extracted[pos:])
    assert "".join(rebuilt) == exp.text


def test_dom_removal_evidence_names_the_element_and_the_word():
    exp = explain_html(page("de_news.html"))
    dom = {r.code: r for r in exp.removals if r.code.startswith("H")}
    comments = dom["H101"]
    assert comments.name == "comment-container" and comments.category == "comments"
    assert "section.leserkommentare" in comments.evidence and "'leserkommentare'" in comments.evidence
    assert "Endlich passiert etwas" in comments.text
    d = exp.as_dict()
    assert d["extractor"] == "trafilatura" and d["encoding"] == "utf-8"
    assert any(r["code"] == "H102" for r in d["removals"])


def test_str_and_bytes_give_the_same_text():
    raw = page("fr_news.html")
    assert clean_html(raw) == clean_html(raw.decode("utf-8"))


def test_lead_left_out_by_trafilatura_is_restored():
    exp = explain_html(page("de_news.html"))
    assert exp.restored == [
        "Der Stadtrat hat am Dienstag beschlossen, bis zum Jahr 2027 insgesamt zwölf Kilometer neue Radwege in der Innenstadt zu bauen."
    ]
    assert exp.text.startswith("Der Stadtrat hat am Dienstag beschlossen")


def test_a_description_the_extractor_kept_as_lines_is_not_put_back_again():
    # the "lead" holds a paragraph and a list: trafilatura prints the list items as
    # "- " lines, so the element's whole text is not a substring of the extraction;
    # its first words are, and it was put back a second time in front of the body
    para = (
        "This version of the warrior design features the signature gold bar, wrapped in yellow gold and "
        "framed by twinkling diamonds around a larger, tear-shaped diamond drop."
    )
    items = ["18K gold", "Diamonds, .07 TCW", "Pendant measures 5/16 x 3/4 inches", "Adjustable chain, 16 inches"]
    html = (
        "<html><head><title>Warrior Princess Necklace</title></head><body><main><h1>Warrior Princess Necklace</h1>"
        f'<div class="product-description"><p>{para}</p><ul>'
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ul></div><p>Free shipping on all orders over 200 dollars, and returns within thirty days of delivery.</p>"
        "</main></body></html>"
    )
    exp = explain_html(html)
    assert exp.restored == []
    assert exp.text.count("This version of the warrior design") == 1
    assert "- 18K gold" in exp.text


def test_a_lead_inside_a_lead_is_put_back_once():
    lead = "The council has agreed to build twelve kilometres of new cycle lanes in the city centre by 2027."
    body = "".join(
        f"<p>Paragraph {k} of the story says what the council decided, who voted for it and what it will cost.</p>"
        for k in range(6)
    )
    html = (
        "<html><body><article><h1>Cycle lanes for the centre</h1>"
        f'<div class="entry-summary"><p class="excerpt">{lead}</p></div>'
        f'<div class="entry-content">{body}</div></article></body></html>'
    )
    exp = explain_html(html)
    if exp.restored:  # trafilatura may keep the lead itself; then nothing is put back
        assert exp.restored == [lead]
    assert exp.text.count("twelve kilometres") == 1


def test_url_is_accepted():
    assert "Après six ans" in clean_html(page("fr_news.html"), url="https://example.org/region/tramway.html")


# -- select / ignore ---------------------------------------------------------------


def test_ignore_a_dom_rule_by_code():
    text = clean_html(page("de_news.html"), ignore="H101")
    assert "Endlich passiert etwas" in text
    assert "Unterstützen Sie uns mit einer Spende" not in text


def test_ignore_a_category_covers_dom_and_text_rules():
    text = clean_html(page("es_news.html"), ignore="comments")
    assert "Por fin una biblioteca digna" in text
    assert "Noticias relacionadas" not in text


def test_select_only_dom_rules_and_a_configured_cleaner():
    cleaner = Cleaner(select=["H"])
    assert all(isinstance(r, DomRule) for r in cleaner.rules)
    exp = explain_html(page("fr_news.html"), cleaner=cleaner)
    assert {r.code for r in exp.removals} == {"H101", "H104", "H105"}
    no_dom = explain_html(page("fr_news.html"), ignore="H")
    assert not any(r.code.startswith("H") for r in no_dom.removals)
    assert "Bravo, il était temps" in no_dom.text


def test_cleaner_and_options_together_is_an_error():
    with pytest.raises(TypeError):
        explain_html(page("en_news.html"), cleaner=Cleaner(), ignore="H101")


# -- the DOM rules as rules --------------------------------------------------------


def test_dom_rules_are_registered_and_find_nothing_in_text():
    codes = {r.code for r in all_rules()}
    for rule in DOM_RULES:
        assert rule.code in codes and rule.code.startswith("H")
        assert rule.input == "html" and rule.doc()
        assert rule.examples_remove and rule.examples_keep
    exp = newsclean.explain("Comments\nShare on Facebook\nThe council met on Monday.\n", select=["H"])
    assert exp.removals == []


@pytest.mark.parametrize(
    "rule,example", [(r, e) for r in DOM_RULES for e in r.examples_remove], ids=lambda x: getattr(x, "code", "")
)
def test_dom_rule_finds_its_examples(rule, example):
    assert rule().detect_tree(parse_html(example)), f"{rule.code} misses {example!r}"


@pytest.mark.parametrize(
    "rule,example", [(r, e) for r in DOM_RULES for e in r.examples_keep], ids=lambda x: getattr(x, "code", "")
)
def test_dom_rule_leaves_its_counter_examples(rule, example):
    found = rule().detect_tree(parse_html(example))
    assert not found, [f.evidence for f in found]


def test_widget_holding_the_headline_or_most_of_the_text_is_left_alone():
    body = "<p>" + "The council met on Monday and decided to build a new school in the city centre. " * 8 + "</p>"
    html = f'<html><body><div class="social-share-wrapper"><h1>Title</h1>{body}</div></body></html>'
    assert DOM_RULES[5]().detect_tree(parse_html(html)) == []  # H106 share-widget
    html = f'<html><body><h1>Title</h1><div class="related">{body}</div><p>Short.</p></body></html>'
    assert DOM_RULES[3]().detect_tree(parse_html(html)) == []  # H104 related-widget


# -- decoding ----------------------------------------------------------------------

PAGE = (
    "<html><head>{meta}</head><body><h1>Grüße aus Köln</h1><p>Der Straßenbahnverkehr in Köln ist am Montag wegen "
    "eines Streiks fast vollständig ausgefallen. Fahrgäste mussten auf Busse, Taxis und Fahrräder umsteigen, "
    "berichtet unser Korrespondent. Die Gewerkschaft fordert höhere Löhne und kürzere Arbeitszeiten für das "
    "Fahrpersonal; ein Ende des Streiks ist nicht absehbar. Tickets kosten künftig 3,50 € statt 3,20 €.</p>"
    "</body></html>"
)


@pytest.mark.parametrize(
    "meta,encoding,expected",
    [
        ('<meta charset="windows-1252">', "cp1252", "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252", "cp1252"),
        ('<meta charset="iso-8859-15">', "iso8859-15", "iso8859-15"),
        ('<meta charset="utf-8">', "utf-8", "utf-8"),
    ],
)
def test_bytes_are_decoded_by_the_declared_charset(meta, encoding, expected):
    raw = PAGE.format(meta=meta).encode(encoding)
    text, used = decode_html(raw)
    assert used == expected
    assert "Grüße aus Köln" in text and "3,50 €" in text
    exp = explain_html(raw)
    assert exp.encoding == expected
    assert "Der Straßenbahnverkehr in Köln" in exp.text


def test_byte_order_mark_wins_over_the_declaration():
    raw = codecs.BOM_UTF8 + PAGE.format(meta='<meta charset="windows-1252">').encode("utf-8")
    assert decode_html(raw) == (PAGE.format(meta='<meta charset="windows-1252">'), "utf-8")
    raw16 = PAGE.format(meta="").encode("utf-16")  # with its BOM
    text, used = decode_html(raw16)
    assert used.startswith("utf-16") and "Grüße aus Köln" in text


def test_undeclared_legacy_bytes_are_detected():
    raw = PAGE.format(meta="").encode("cp1252")
    text, used = decode_html(raw)
    assert used != "utf-8"
    assert "Straßenbahnverkehr" in text and "Grüße" in text
    assert "Fahrgäste mussten" in clean_html(raw)


def test_utf8_page_with_a_stray_latin1_byte_still_decodes():
    raw = PAGE.format(meta='<meta charset="utf-8">').encode("utf-8").replace("Montag".encode(), b"Mont\xe4g")
    text, used = decode_html(raw)
    assert used == "utf-8" and "Fahrgäste" in text


def test_gzip_compressed_page():
    import gzip

    raw = gzip.compress(PAGE.format(meta='<meta charset="utf-8">').encode("utf-8"))
    assert "Fahrgäste mussten" in clean_html(raw)


# -- errors and broken input -------------------------------------------------------


@pytest.mark.parametrize("value", [None, 42, ["<p>x</p>"], {"html": "<p>x</p>"}])
def test_html_must_be_str_or_bytes(value):
    with pytest.raises(TypeError):
        clean_html(value)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,  # an image
        b"%PDF-1.4\n" + bytes(range(1, 32)) * 50,  # control characters
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200),  # a zip archive
        "Just a plain sentence, no markup at all.",
    ],
)
def test_not_html_is_a_clear_error(data):
    with pytest.raises(NotHTMLError, match="not HTML"):
        explain_html(data)
    assert issubclass(NotHTMLError, ValueError)


@pytest.mark.parametrize("data", ["", "   \n", b"", b" \r\n"])
def test_empty_page_gives_empty_text(data):
    assert clean_html(data) == ""


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>unclosed <div><span>text <b>bold<i>both</p></div>",
        "<p>Fragment only: the council met on Monday and decided to build a new school.</p>",
        "<html><body>" + "<div>" * 3000 + "deep" + "</div>" * 10 + "</body>",
        "<html><body><p>a &bogus; entity &#xZZ; and &#99999999; </p><table><tr><td>cell</table></body></html>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>XML declaration in a str</p></body></html>",
        "<!DOCTYPE html><html><head><title>t</title></head></html>",
    ],
)
def test_broken_markup_never_raises(markup):
    assert isinstance(clean_html(markup), str)
    assert isinstance(clean_html(markup.encode("utf-8")), str)


def test_truncated_page_keeps_what_is_there():
    raw = page("en_news.html")
    cut = raw[: raw.index(b"Most of the money")]
    assert "The council met for more than four hours" in clean_html(cut)


# -- the jusText fallback ----------------------------------------------------------


def test_jusText_is_used_when_trafilatura_finds_nothing():
    para = (
        "<p>The council met on Monday evening and decided after a long debate to build a new primary school in "
        "the city centre, which the mayor said would open in two years. It is the first new school in the "
        "district for more than thirty years, and parents have waited for it.</p>"
    )
    markup = f'<html lang="en"><body><aside>{para}{para}</aside></body></html>'  # trafilatura drops <aside>
    exp = explain_html(markup)
    assert exp.extractor == "justext"
    assert "decided after a long debate" in exp.text


class _Para:
    """What jusText's revision reads of a paragraph, fresh from classification."""

    def __init__(self, cf_class: str, heading: bool, size: int) -> None:
        self.cf_class, self.heading, self.text, self.class_type = cf_class, heading, "x" * size, ""


_CLASSES = st.sampled_from(["short", "neargood", "good", "bad"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_CLASSES, st.booleans(), st.sampled_from([0, 1, 40, 90, 150, 201, 400])), max_size=30))
def test_linear_revision_is_jusTexts(paras):
    from justext.core import revise_paragraph_classification

    from newsclean.html import revise_classification

    theirs = [_Para(*p) for p in paras]
    ours = [_Para(*p) for p in paras]
    revise_paragraph_classification(theirs)
    revise_classification(ours)
    assert [p.class_type for p in ours] == [p.class_type for p in theirs]


def test_jusText_fallback_on_a_page_of_one_paragraph_repeated():
    # trafilatura keeps one copy of a paragraph repeated in an <article> (too little,
    # while the page holds four times more distinct text in its <aside>, which
    # trafilatura drops: the fallback runs), and jusText reads each copy as near-good,
    # to be revised by its nearest good or bad neighbours: the paragraphs in the
    # <aside> make them all good (jusText's own search walks the whole run from each
    # copy: quadratic, 40,000 copies took minutes; benchmarks/bench_scaling.py times it)
    copy = "<p>The council met on Monday to discuss the new budget for the city, which grows by four percent.</p>"
    para = (
        "<p>The council met on Monday evening and decided after a long debate to build a new primary school in "
        "the city centre, which the mayor said would open in two years. It is the first new school in the "
        "district for more than thirty years, and parents have waited for it.</p>"
    )
    second = para.replace("primary school", "public library").replace("parents", "readers")
    markup = f"<html lang='en'><body><article>{copy * 3000}</article><aside>{para}{second}</aside></body></html>"
    exp = explain_html(markup)
    assert exp.extractor == "justext"
    assert "decided after a long debate to build a new primary school" in exp.text
    assert "build a new public library" in exp.text
    assert exp.text.count("grows by four percent") == 3000


def test_no_fallback_when_the_page_holds_no_more_distinct_text():
    # a page of one paragraph repeated holds no more than the one copy trafilatura
    # keeps: jusText is not asked (its answer, after reading every copy, was empty)
    copy = "<p>The council met on Monday to discuss the new budget for the city, which grows by four percent.</p>"
    exp = explain_html(f"<html lang='en'><body><article>{copy * 3000}</article></body></html>")
    assert exp.extractor == "trafilatura"
    assert exp.text.count("grows by four percent") == 1


def test_frozen_jusText_paragraphs_read_as_jusTexts():
    # jusText recomputes a paragraph's text each time it is asked; newsclean computes it
    # once: the text, the length, the words and the classes must be jusText's own
    from justext.core import ParagraphMaker, classify_paragraphs

    from newsclean.html import _freeze

    markup = (
        "<html><body><h1>The  budget</h1><p>The council met on <b>Monday</b>\n and decided to build a school "
        "near the river, which the mayor said would open in two years.</p><ul><li><a href='/'>Home</a></li>"
        "<li>News &amp; more</li></ul><p>\u00a9 2024 The Paper</p></body></html>"
    )
    stoplist = frozenset({"the", "on", "and", "to", "a", "near", "which", "said", "would", "in"})
    theirs = ParagraphMaker.make_paragraphs(parse_html(markup))
    ours = ParagraphMaker.make_paragraphs(parse_html(markup))
    _freeze(ours)
    assert type(ours[0]) is not type(theirs[0])  # frozen
    classify_paragraphs(theirs, stoplist)
    classify_paragraphs(ours, stoplist)
    assert [(p.text, len(p), p.words_count, p.cf_class) for p in ours] == [
        (p.text, len(p), p.words_count, p.cf_class) for p in theirs
    ]
    assert len({p.cf_class for p in ours}) > 1


def test_distinct_visible_len_counts_each_text_once():
    from newsclean.html import distinct_visible_len

    root = parse_html(
        "<html><body><div><p>Same   words</p><p>Same words</p><p>Other</p>"
        "<script>var hidden = 1;</script>tail<!-- a comment -->end</div>after</body></html>"
    )
    div = root.find(".//div")
    # "Same words" once (whitespace collapsed), "Other", the script's tail, the comment's tail;
    # neither the script, the comment, nor the text after the div
    assert distinct_visible_len(div) == len("Same words") + len("Other") + len("tail") + len("end")
    assert distinct_visible_len(div, enough=5) == len("Same words")  # stops once past enough


def test_page_without_article_text_gives_nothing():
    assert clean_html("<html><body><nav><a href='/'>Home</a></nav></body></html>") == ""
    assert explain_html("<html><body><div></div></body></html>").extractor == "none"


# -- any markup at all -------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<div class='comments'>", "<div id=respond>", "</div>", "<h1>", "</h1>", "<figcaption>",
        "<table><tr><td>", "<!--", "-->", "<script>", "</script>", "<![CDATA[", "]]>", "&amp;", "&#0;", "&nbsp;",
        "<p class=lead>", "<a href='x'>", "</a>", "<br/>", "<ul class=share><li>", "<?xml ?>", "<", ">", "\x00",
        "The council met on Monday and decided to build a new school. ", "Kommentare", "\u00e9\u00fc\u00df",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40), st.booleans())
def test_any_markup_gives_text_or_a_clear_error(pieces, as_bytes):
    markup = "<html><body>" + "".join(pieces)
    try:
        exp = explain_html(markup.encode("utf-8") if as_bytes else markup)
    except NotHTMLError:
        return
    assert isinstance(exp.text, str)
    for r in exp.removals:
        assert exp.extracted[r.start : r.end] == r.text


# -- include_comments: the reader comments, apart from the body ---------------------

COMMENT_WORDS = [
    "Finally! My kids can walk to school again",
    "A third over budget is a lot of money for a footbridge",
    "The new lights look lovely from the towpath",
]
ARTICLE_WORDS = ["The wooden footbridge between the mill quarter", "The bridge is now lit at night"]
NOT_COMMENTS = [
    "Reply\n", "Leave a Reply", "Your email address will not be published", "Comment *", "Name *",
    "Share on Facebook", "Station car park", "More from Millbrook", "Copyright 2026", "Home Local Weather",
    "3 thoughts on",  # the thread's heading is not a comment
]


@pytest.mark.parametrize("engine", ["trafilatura", "blocks"])
def test_include_comments_returns_them_apart_and_leaves_the_body_as_it_was(engine):
    plain = explain_html(page("en_comments.html"), engine=engine)
    exp = explain_html(page("en_comments.html"), engine=engine, include_comments=True)
    assert exp.text == plain.text  # the body, byte for byte as without the option
    assert plain.comments == ""
    for s in ARTICLE_WORDS:
        assert s in exp.text and s not in exp.comments
    for s in COMMENT_WORDS:
        assert s in exp.comments and s not in exp.text
    for s in NOT_COMMENTS:  # the reply buttons, the form, the widgets around: not comments
        assert s not in exp.comments, s
    assert "Harriet Okafor says:" in exp.comments
    # the comments are lines of the extracted text, byte for byte, each removed with its reason
    lines = exp.extracted.splitlines(keepends=True)
    assert all(line in lines for line in exp.comments.splitlines(keepends=True))
    for s in COMMENT_WORDS:
        (r,) = [r for r in exp.removals if s in r.text]
        assert r.code == "H101" and "div#comments" in r.evidence
        assert exp.extracted[r.start : r.end] == r.text
    rebuilt, pos = [], 0
    for r in exp.removals:
        assert r.start >= pos
        rebuilt.append(exp.extracted[pos : r.start])
        pos = r.end
    assert "".join(rebuilt) + exp.extracted[pos:] == exp.text
    assert exp.as_dict()["comments"] == exp.comments


def test_clean_html_include_comments_puts_the_comments_after_an_empty_line():
    exp = explain_html(page("en_comments.html"), include_comments=True)
    text = clean_html(page("en_comments.html"), include_comments=True)
    assert text == exp.text + "\n" + exp.comments
    assert text.startswith(clean_html(page("en_comments.html")))
    # a page without reader comments: the body alone
    assert clean_html(page("en_news.html"), include_comments=True, ignore="comments") == clean_html(
        page("en_news.html"), ignore="comments"
    )


def test_include_comments_takes_only_the_selected_comment_rules():
    exp = explain_html(page("en_comments.html"), include_comments=True, ignore="H101")
    assert exp.comments == ""  # trafilatura leaves the thread out, and no rule read it as comments
    assert not any(r.code == "H101" for r in exp.removals)


def test_comments_found_by_a_text_rule_are_returned_too():
    # no comment markup at all: the text rules find the thread in trafilatura's text
    html = (
        "<html><body><article><h1>Footbridge reopens</h1>"
        "<p>The wooden footbridge between the mill quarter and the station reopened on Saturday morning, two years "
        "after engineers closed it because of rotten beams under the main span.</p>"
        "<p>About two hundred people crossed it in the first hour. Many of them had walked a detour of almost a "
        "mile every day since the closure, along a busy road without a pavement.</p>"
        "<p>The repairs cost 1.4 million pounds, about a third more than planned, the district engineer said.</p>"
        + "<h3>3 Comments</h3><p>Harriet Okafor says:</p><p>14 March 2026 at 09:12</p>"
        "<p>Finally! My kids can walk to school again without crossing the ring road twice.</p>"
        "<p>Tom Brady-Lewis says:</p><p>14 March 2026 at 10:40</p>"
        "<p>A third over budget is a lot of money for a footbridge, in my view the council should explain.</p>"
        "</article></body></html>"
    )
    exp = explain_html(html, include_comments=True)
    assert "The wooden footbridge" in exp.text
    assert "Finally! My kids" in exp.comments and "A third over budget" in exp.comments
    assert {r.code for r in exp.removals if "Finally!" in r.text} <= {"C101", "C103"}
    assert "The wooden footbridge" not in exp.comments and "3 Comments" not in exp.comments


def test_language_found_is_exposed():
    assert explain_html(page("de_news.html")).lang == "de"
    assert explain_html(page("fr_news.html")).as_dict()["lang"] == "fr"
    assert explain_html(page("de_news.html"), lang="de").lang == "de"
    assert explain_html(page("en_comments.html")).title == "Footbridge over the river reopens - Millbrook Courier"


def test_dom_package_keeps_its_public_names():
    import newsclean.rules.dom as dom
    from newsclean.rules.dom import base, scanner, widgets

    for name in dom.__all__:
        assert getattr(dom, name) is not None, name
    assert dom.DOM_RULES == widgets.DOM_RULES and dom.scan is scanner.scan and dom.DomRule is base.DomRule
    assert {r.__name__ for r in dom.DOM_RULES} <= set(dom.__all__)
    # the scanner finds with the helpers of the base module: one finding, with its evidence
    (found,) = dom.CommentContainer().detect_tree(parse_html(dom.CommentContainer.examples_remove[0]))
    assert found.evidence.startswith("div#comments: class/id word 'comments'; ") and found.text == "Great article, thanks!"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40), st.sampled_from(["trafilatura", "blocks"]))
def test_any_markup_with_comments_keeps_the_body_and_explains_every_line(pieces, engine):
    markup = "<html><body>" + "".join(pieces)
    try:
        plain = explain_html(markup, engine=engine)
    except NotHTMLError:
        return
    exp = explain_html(markup, engine=engine, include_comments=True)
    assert exp.text == plain.text
    lines = exp.extracted.splitlines(keepends=True)
    assert all(line in lines for line in exp.comments.splitlines(keepends=True))
    pos, kept = 0, []
    for r in exp.removals:
        assert exp.extracted[r.start : r.end] == r.text and r.start >= pos
        kept.append(exp.extracted[pos : r.start])
        pos = r.end
    assert "".join(kept) + exp.extracted[pos:] == exp.text


def test_text_rules_change_nothing_in_html_output_with_outer_runs():
    """The fuzzer's case: one sentence and sixty short lines that read as a whole
    page's menu.  HTML mode must decode its text as the text mode does (outer runs
    included), or cleaning its output again removes what it kept."""
    page = (
        "<html><body><article><p>It will vote on the plan in June, after a public hearing.</p>"
        + "<p>i  \u0131*</p>" * 60
        + "</article></body></html>"
    )
    out = newsclean.clean_html(page)
    assert out.startswith("It will vote on the plan in June")
    assert newsclean.clean(out) == out


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<div class="MtnCommentText tag-news" id="c_1">x</div>', " mtn comment text c 1 "),
        # an id made from the element's own heading (publishing and documentation tools)
        ('<h2 class="wp-block-heading" id="h-why-use-social-shopping">Why Use Social Shopping?</h2>', " wp block heading "),
        (
            '<section id="s-more-about-form-classes"><h2>More about form classes</h2><p>All form classes are '
            "subclasses of one base class.</p></section>",
            "  ",
        ),
        # a short id that repeats the text still names the element ("comments", "related posts")
        ('<div id="related-posts"><h3>Related posts</h3><a href="/a">A story</a></div>', " related posts "),
        # an id of three words that the text does not start with is the element's name
        ('<div id="more-from-author"><p>Elsewhere: a story about a bridge.</p></div>', " more from author "),
        # negated flags say what the element does not hold
        ('<div class="grid-items hide-read-more-ad no-comments">x</div>', " grid items "),
    ],
)
def test_signature_keeps_the_words_that_name_the_element(markup, expected):
    from lxml.html import fragment_fromstring

    from newsclean.rules.dom import signature

    assert signature(fragment_fromstring(markup)) == expected
