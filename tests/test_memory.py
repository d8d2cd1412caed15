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
    assert len(table.first) == 3  # the one-line findings on lines 3 and 4 are one run of two
    assert list(table.select([2, 0])) == [given[2], given[0]]


def test_a_flood_of_one_line_findings_is_explained_line_by_line():
    article = "The council met on Monday to discuss the new budget for the city, which grows by four percent.\n"
    text = article * 5 + "Related\n" * 3000
    exp = newsclean.explain(text)
    gone = [r for r in exp.removals if r.text == "Related\n"]
    assert len(gone) == 3000  # one removal a line, each with its rule and evidence
    assert all(r.lines[0] == r.lines[1] and r.code and r.name and r.evidence for r in gone)
    assert exp.text == article * 5


def test_resolver_gives_each_line_to_the_first_finding_in_order():
    """On lines without blanks, each line goes to the covering finding that comes
    first by (first line, widest, rule code, order found), as a sorted walk gives."""
    from newsclean.document import Document
    from newsclean.engine import resolve

    rules = []
    for code in ("X003", "X001", "X002"):
        rules.append(type(f"R{code}", (Rule,), {"code": code, "name": code.lower(), "category": "navigation"})())
    rnd = random.Random(11)
    for _ in range(200):
        n = rnd.randint(1, 40)
        doc = Document("".join(f"line {i}\n" for i in range(n)))
        table, given = Findings(), []
        for _ in range(rnd.randint(1, 30)):
            rule = rnd.choice(rules)
            a = rnd.randint(-2, n + 1)
            b = a if rnd.random() < 0.6 else rnd.randint(a - 1, n + 2)
            ev = rnd.choice(["same", "other"])
            table.add(rule, a, b, ev)
            given.append((a, b, rule.code))
        owner = []
        for i in range(n):
            covering = [(a, -b, code, k) for k, (a, b, code) in enumerate(given) if a <= i <= b]
            owner.append(min(covering)[3] if covering else -1)
        expected = []
        i = 0
        while i < n:
            j = i
            while j + 1 < n and owner[j + 1] == owner[i]:
                j += 1
            if owner[i] >= 0:
                expected.append((i, j, owner[i]))
            i = j + 1
        runs = resolve(doc, table)
        assert list(zip(runs.first, runs.last, runs.owner)) == expected
