"""The benchmarks' shingle metric (benchmarks/_metrics.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import _metrics as m  # noqa: E402


def test_tokens_split_cjk_characters_and_keep_word_runs():
    assert m.tokens("Die Stadt (2024): 東京都") == ["Die", "Stadt", "2024", "東", "京", "都"]
    assert m.tokens("") == []


def test_shingles_are_a_multiset_of_four_token_windows():
    s = m.shingles("a b c d a b c d")
    assert s[("a", "b", "c", "d")] == 2
    assert sum(s.values()) == 5
    assert m.shingles("two words") == {("two", "words"): 1}


def test_prf_counts_shared_shingles():
    gold = "the mayor opened the new bridge on monday morning"
    assert m.prf(gold, gold) == (1.0, 1.0, 1.0)
    p, r, f = m.prf(gold + " subscribe to our newsletter today", gold)
    assert r == 1.0 and 0.5 < p < 1.0 and p < f < 1.0
    p, r, f = m.prf("the mayor opened the", gold)
    assert p == 1.0 and r == 1 / 6
    assert m.prf("", gold) == (1.0, 0.0, 0.0)
    assert m.prf("", "") == (1.0, 1.0, 1.0)
    assert m.prf("some leftover menu text here", "")[0] == 0.0


def test_body_token_loss_counts_only_removed_b_lines():
    lines = [("N", "Home News Sport"), ("B", "Five tokens of body text"), ("B", "two more")]
    assert m.body_token_loss(lines, [False, True, True]) == (0, 7)
    assert m.body_token_loss(lines, [True, True, False]) == (2, 7)
