"""The compact per-line tables of the engine and the context (their memory is
measured by benchmarks/bench_scaling.py, not asserted here): they must answer
exactly as the dicts and lists of objects they replace."""

from __future__ import annotations

import random
from array import array

import pytest

import newsclean
from newsclean.context import DENSE_EVERY, LineMap
from newsclean.engine import Findings
from newsclean.rule import Finding, Rule


@pytest.mark.parametrize("share", [0.01, 0.5, 1.0])
def test_line_map_answers_as_a_dict(share):
    rnd = random.Random(3)
    n = 1000
    ref = {i: (("a", "b")[i % 2], i % 3) for i in range(n) if rnd.random() < share}
    m = LineMap(n)
    for i, v in ref.items():
        m.set(i, v)
    assert (m._dict is None) == (len(ref) * DENSE_EVERY > n)  # dense once many lines have a value
    assert len(m) == len(ref) and dict(m.items()) == ref and list(m) == sorted(ref)
    for i in (-1, 0, 1, 7, n - 1, n, n + 5):
        assert (i in m) == (i in ref) and m.get(i, "none") == ref.get(i, "none")
    # equal values are one object
    values = list(m.values())
    assert len({id(v) for v in values}) == len(set(values))
    doubled = m.map_values(lambda v: v * 2)
    assert dict(doubled.items()) == {i: v * 2 for i, v in ref.items()}
    kept = array("q", sorted(rnd.sample(range(n), 300)))
    sub = m.subset(kept)
    assert dict(sub.items()) == {k: ref[i] for k, i in enumerate(kept) if i in ref}


def test_findings_table_gives_the_findings_back():
    class A(Rule):
        code, name, category = "X001", "a", "navigation"

    class B(Rule):
        code, name, category = "X002", "b", "navigation"

    a, b = A(), B()
    given = [(a, Finding(3, 3, "same")), (a, Finding(4, 4, "same")), (b, Finding(0, 9, "wide", True)),
             (a, Finding(5, 2**40, "beyond any document"))]
    table = Findings()
    for rule, f in given:
        table.add(rule, f.first, f.last, f.evidence, f.strong)
    assert list(table) == given and table[2] == given[2] and table[-1] == given[-1]
    assert len(table.texts) == 3  # a run of equal evidence is stored once
    assert list(table.select([2, 0])) == [given[2], given[0]]


def test_a_flood_of_one_line_findings_is_explained_line_by_line():
    article = "The council met on Monday to discuss the new budget for the city, which grows by four percent.\n"
    text = article * 5 + "Related\n" * 3000
    exp = newsclean.explain(text)
    gone = [r for r in exp.removals if r.text == "Related\n"]
    assert len(gone) == 3000  # one removal a line, each with its rule and evidence
    assert all(r.lines[0] == r.lines[1] and r.code and r.name and r.evidence for r in gone)
    assert exp.text == article * 5
