"""The public API: clean, explain, Cleaner and its options."""

from __future__ import annotations

import pickle
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

import newsclean
from newsclean import Cleaner, ConfigError

ARTICLE = (
    "The city council approved the new budget on Monday after a long debate.\n"
    "Follow us on Twitter for the latest news\n"
    "It will take effect in May, the mayor said.\n"
    "Photo: Jane Doe/AP\n"
    "Sign up for our newsletter to get the best stories in your inbox.\n"
)
BODY = (
    "The city council approved the new budget on Monday after a long debate.\n"
    "It will take effect in May, the mayor said.\n"
)


def test_clean_removes_boilerplate_lines_only():
    assert newsclean.clean(ARTICLE) == BODY


def test_explain_reports_rule_evidence_and_offsets():
    ex = newsclean.explain(ARTICLE)
    assert ex.text == BODY
    assert [r.code for r in ex.removals] == ["N103", "P101", "R102"]
    share = ex.removals[0]
    assert share.name == "share-prompt" and share.category == "navigation"
    assert share.lines == (2, 2)
    assert ARTICLE[share.start : share.end] == share.text == "Follow us on Twitter for the latest news\n"
    assert "Follow us on" in share.evidence
    assert ex.as_dict()["removals"][0]["code"] == "N103"
    assert ex.lang == "en"


@pytest.mark.parametrize(
    "options,kept",
    [
        ({"select": ["N"]}, ["Photo: Jane Doe/AP\n", "Sign up"]),
        ({"select": "caption"}, ["Follow us", "Sign up"]),
        ({"ignore": ["share-prompt"]}, ["Follow us"]),
        ({"ignore": ["P1", "R"]}, ["Photo: Jane Doe/AP", "Sign up"]),
        ({"select": ["all"], "ignore": ["navigation"]}, ["Follow us"]),
    ],
)
def test_select_and_ignore_by_code_prefix_name_or_category(options, kept):
    out = newsclean.clean(ARTICLE, **options)
    for k in kept:
        assert k in out
    assert newsclean.clean(out, **options) == out


def test_unknown_selector_and_preset_are_clear_errors():
    with pytest.raises(ConfigError, match="matches no rule"):
        Cleaner(select=["Z999"])
    with pytest.raises(ConfigError, match="unknown preset"):
        Cleaner(preset="extreme")
    with pytest.raises(ConfigError, match="lang"):
        Cleaner(lang="12")


def test_presets_nest():
    safe, default, aggressive = (
        set(r.code for r in Cleaner(preset=p).rules) for p in ("safe", "default", "aggressive")
    )
    assert safe <= default <= aggressive
    assert "N108" in aggressive and "N108" not in default


def test_lang_option_is_reported_and_used():
    ex = newsclean.explain(ARTICLE, lang="de")
    assert ex.lang == "de"
    assert newsclean.explain("Der Hund und die Katze sind nicht im Haus, sagte er.\n").lang == "de"


def test_non_str_input_is_a_type_error():
    with pytest.raises(TypeError, match="decode bytes first"):
        newsclean.clean(b"bytes")  # type: ignore[arg-type]


def test_cleaner_pickles_and_is_reused():
    c = Cleaner(ignore=["R"], lang="en")
    c2 = pickle.loads(pickle.dumps(c))
    assert c2.config == c.config
    assert c2.clean(ARTICLE) == c.clean(ARTICLE)
    assert c.clean_batch([ARTICLE, BODY, ""]) == [c.clean(ARTICLE), BODY, ""]


def _clean_in_worker(args):
    cleaner, text = args
    return cleaner.clean(text)


def test_cleaner_works_in_worker_processes():
    c = Cleaner()
    with ProcessPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(_clean_in_worker, [(c, ARTICLE)] * 4)) == [BODY] * 4


def test_cleaner_is_thread_safe():
    c = Cleaner()
    texts = [ARTICLE.replace("Monday", f"day {i}") for i in range(200)]
    expected = [c.clean(t) for t in texts]
    barrier = threading.Barrier(4)

    def work(_):
        barrier.wait()
        return [c.clean(t) for t in texts]

    with ThreadPoolExecutor(max_workers=4) as pool:
        for result in pool.map(work, range(4)):
            assert result == expected


def test_rules_lists_builtins():
    codes = {r.code for r in newsclean.all_rules()}
    assert {"A101", "C101", "N101", "P101", "S101", "R101"} <= codes


def test_html_functions_are_exported_lazily():
    page = (
        "<html><body><article><h1>Council approves budget</h1>"
        "<p>The city council approved the new budget on Monday after a long debate about the costs.</p>"
        "</article></body></html>"
    )
    assert "clean_html" in dir(newsclean)
    assert "approved the new budget" in newsclean.clean_html(page)
    assert issubclass(newsclean.NotHTMLError, ValueError)
    with pytest.raises(AttributeError):
        newsclean.no_such_function  # noqa: B018


def test_license_file_is_the_apache_2_text_pyproject_names() -> None:
    """pyproject says Apache-2.0; the LICENSE file must be that licence's text."""
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    text = (repo / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License\n                           Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text
    pyproject = (repo / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "Apache-2.0"' in pyproject and 'license-files = ["LICENSE"]' in pyproject
