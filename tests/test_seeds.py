"""The five seed articles, each compared with the output judged correct.

``tests/fixtures/seeds/NAME.txt`` is the scraped input and
``tests/fixtures/seeds/NAME.expected.txt`` the cleaned text, written by hand from
the input by deleting lines (never editing them).  ``NAME.removals.txt`` lists the
rule codes expected to fire, one per line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
INPUTS = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith((".expected.txt", ".removals.txt")))


def _read(p: Path) -> str:
    return p.read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_seed_output_is_the_judged_output(path):
    expected = _read(path.with_suffix(".expected.txt"))
    ex = newsclean.explain(_read(path))
    assert ex.text == expected, "\n".join(f"{r.code} {r.lines}: {r.evidence}" for r in ex.removals)
    codes_file = path.with_suffix(".removals.txt")
    assert sorted(r.code for r in ex.removals) == sorted(codes_file.read_text().split())


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_seed_expected_output_is_made_of_input_lines(path):
    """The judged output only deletes lines, so it is a subsequence of the input."""
    inp = _read(path).splitlines(keepends=True)
    out = _read(path.with_suffix(".expected.txt")).splitlines(keepends=True)
    it = iter(inp)
    assert all(any(line == x for x in it) for line in out[:-1])
    assert newsclean.clean(_read(path.with_suffix(".expected.txt"))) == _read(path.with_suffix(".expected.txt"))
