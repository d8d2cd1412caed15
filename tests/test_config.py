"""Issue 11, the options items: each test names its item.

``[tool.newsclean]`` parsed as TOML (11), language codes (12), errors that speak
to the caller (15), the U+2028 decision (15), and the user's own phrases,
``remove-lines`` and ``keep-lines`` (16, 17).  The command line runs for real.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_cli import ARTICLE, BOILERPLATE, DIRTY, REPORT, run, write

import newsclean
from newsclean.config import ISO_639_1, ConfigError

REPO = Path(__file__).resolve().parents[1]


# -- item 11: [tool.newsclean] parsed as TOML


@pytest.mark.parametrize(
    "toml",
    [
        '[ tool.newsclean ]\nselect = ["N101"]\n',
        '[tool]\nnewsclean = { select = ["N101"] }\n',
        '[tool.other]\nx = 1\n\n[tool . newsclean]\nselect = [\n  "N101",\n]\n',
    ],
)
def test_pyproject_table_found_in_any_valid_spelling(tmp_path: Path, toml: str) -> None:
    write(tmp_path / "a.txt", DIRTY)
    (tmp_path / "pyproject.toml").write_text(toml)
    codes = {
        m["code"]
        for line in run("check", "a.txt", cwd=tmp_path).stdout.decode().splitlines()
        if (m := REPORT.match(line))
    }
    assert codes == {"N101"}


def test_broken_pyproject_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", DIRTY)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.newsclean\nselect = ["A"]\n')
    result = run("clean", "-i", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert re.search(r"pyproject\.toml:4: invalid TOML", result.stderr.decode()), result.stderr
    assert f.read_text() == DIRTY


def test_unknown_config_key_lists_the_valid_ones(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nremove_line = ["x"]\n')
    err = run("check", "a.txt", cwd=tmp_path).stderr.decode()
    assert "unknown key(s) in [tool.newsclean]: remove_line" in err
    for key in ("select", "ignore", "extend-select", "preset", "lang", "remove-lines", "keep-lines", "exclude"):
        assert f"{key} (" in err


# -- item 12: language codes


@pytest.mark.parametrize("bad", ["xx", "english", "e", "eng"])
def test_unknown_language_is_a_config_error_naming_the_codes(bad: str) -> None:
    with pytest.raises(ConfigError) as err:
        newsclean.clean("Text.\n", lang=bad)
    msg = str(err.value)
    assert "ISO 639-1" in msg and "de, en, es, fr, it, nl, pl, pt, ru, uk" in msg
    if bad == "english":
        assert "did you mean 'en'?" in msg


def test_language_codes_accepted() -> None:
    assert len(ISO_639_1) > 180 and {"en", "zh", "sw", "yo"} <= ISO_639_1 and "xx" not in ISO_639_1
    for code in ("en", "de", "sv", "ja", "EN", "pt-BR", "auto"):
        newsclean.clean("Text.\n", lang=code)
    result = run("check", "--lang", "xx", "-", cwd=REPO)
    assert result.returncode == 2 and "unknown language 'xx'" in result.stderr.decode()


# -- item 15: errors and line boundaries


def test_api_errors_speak_to_the_caller() -> None:
    with pytest.raises(TypeError) as none:
        newsclean.clean(None)  # type: ignore[arg-type]
    assert "not NoneType" in str(none.value) and "bytes" not in str(none.value)
    with pytest.raises(TypeError) as raw:
        newsclean.clean(b"x")  # type: ignore[arg-type]
    assert "decode bytes first" in str(raw.value)
    with pytest.raises(TypeError) as unknown:
        newsclean.clean("x", prest="safe")
    assert (
        "Config.make" not in str(unknown.value) and "'prest'" in str(unknown.value) and "preset" in str(unknown.value)
    )


def test_u2028_is_not_a_line_boundary() -> None:
    """Decided: only LF, CRLF and CR end a line (documented in the README)."""
    text = ARTICLE[0] + "\u2028" + ARTICLE[1] + "\n" + BOILERPLATE[0] + "\n"
    ex = newsclean.explain(text)
    assert ex.text == ARTICLE[0] + "\u2028" + ARTICLE[1] + "\n"
    assert [r.lines for r in ex.removals] == [(2, 2)]


# -- items 16 and 17: keep-lines wins over every rule; bad and runaway patterns


def test_keep_lines_wins_over_every_rule() -> None:
    doc = ARTICLE[0] + "\n" + "\n".join(BOILERPLATE) + "\n3 Comments\nGreat piece!\nThanks for writing this.\n"
    base = newsclean.explain(doc, preset="aggressive")
    assert len(base.text) < len(doc)
    kept = newsclean.explain(doc, preset="aggressive", keep_lines=["re:."])  # every line has a character
    assert kept.text == doc and kept.removals == []


def test_bad_user_regex_and_runaway_regex() -> None:
    with pytest.raises(ConfigError, match="remove_lines: 're:\\(' is not a valid regular expression"):
        newsclean.clean("x\n", remove_lines=["re:("])
    # a catastrophic pattern times out per line and counts as no match
    doc = ARTICLE[0] + "\n" + "a" * 5000 + "!\n"
    assert newsclean.clean(doc, remove_lines=["re:^(a|aa)+$"]) == doc


def test_keep_lines_wins_over_dom_rules_in_html_mode() -> None:
    pytest.importorskip("trafilatura")
    page = (REPO / "tests" / "fixtures" / "html" / "en_news.html").read_bytes()
    dom = [r for r in newsclean.explain_html(page).removals if r.code.startswith("H")]
    assert dom, "the fixture page has a DOM removal"
    line = dom[0].text.splitlines()[0]
    kept = newsclean.explain_html(page, keep_lines=[line[:30]])
    assert line in kept.text
    assert all(line not in r.text for r in kept.removals)


def test_readme_config_example_lists_every_key_and_loads(tmp_path: Path) -> None:
    """The README's [tool.newsclean] example is valid, and shows every key of CONFIG_KEYS."""
    from newsclean.config import CONFIG_KEYS, load_file_config

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Configuration") :]
    block = section[section.index("```toml\n") + 8 : section.index("```\n", section.index("```toml"))]
    (tmp_path / "pyproject.toml").write_text(block)
    (tmp_path / "models").mkdir()
    shipped = Path(newsclean.__file__).parent / "segment" / "data" / "segmenter-v2.json"
    (tmp_path / "models" / "segmenter.json").write_bytes(shipped.read_bytes())
    docs = [f"Story {k} about the harbour and the boats in it.\nFollow us for more stories\n" for k in range(5)]
    newsclean.learn_profile(docs).save(tmp_path / ".newsclean-profile.json")
    loaded = load_file_config(tmp_path / "pyproject.toml")
    assert loaded.config.model == str(tmp_path / "models" / "segmenter.json")  # relative to the file
    assert loaded.config.profile == str(tmp_path / ".newsclean-profile.json")
    keys = set(re.findall(r"^([a-z-]+) =", block, re.M))
    assert keys == set(CONFIG_KEYS)
    assert loaded.config.remove_lines and loaded.config.keep_lines and loaded.exclude
    text = "A line about the harbour.\n[keep] Continue reading on page two\nSent from my phone\n"
    assert newsclean.Cleaner(config=loaded.config).clean(text) == "A line about the harbour.\n[keep] Continue reading on page two\n"
