"""The rule registry: built-in rules and third-party rules from entry points.

Built-in rules are listed in :data:`newsclean.rules.BUILTIN`.  Installed packages
add rules through the entry-point group ``newsclean.rules``; each entry point
names a :class:`~newsclean.Rule` subclass (or a list/tuple of them).  Both go
through :func:`check_rule`, so a plugin is held to the same contract as a
built-in rule.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from importlib.metadata import entry_points

from .rule import CATEGORIES, Rule

ENTRY_POINT_GROUP = "newsclean.rules"
_CODE = re.compile(r"^[A-Z]{1,3}[0-9]{3,4}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RuleError(TypeError):
    """A rule class that breaks the Rule contract."""


def check_rule(rule: object, source: str) -> type[Rule]:
    """Return ``rule`` if it is a well-formed Rule subclass, else raise RuleError."""
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise RuleError(f"{source}: {rule!r} is not a newsclean.Rule subclass")
    if not _CODE.match(rule.code or ""):
        raise RuleError(f"{source}: rule code {rule.code!r} must be 1-3 capital letters and 3-4 digits, like 'A101'")
    if not _NAME.match(rule.name or ""):
        raise RuleError(f"{source}: rule name {rule.name!r} must be kebab-case, like 'donation-appeal'")
    if rule.category not in CATEGORIES:
        raise RuleError(f"{source}: rule category {rule.category!r} must be one of {', '.join(CATEGORIES)}")
    if not (rule.__doc__ or "").strip():
        raise RuleError(f"{source}: rule {rule.code} has no docstring saying what it removes and why")
    return rule


def _plugin_rules() -> list[type[Rule]]:
    found: list[type[Rule]] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        source = f"entry point {ep.name!r} ({ep.value})"
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not break cleaning
            warnings.warn(f"newsclean: cannot load {source}: {exc}", RuntimeWarning, stacklevel=2)
            continue
        objs = obj if isinstance(obj, (list, tuple)) else [obj]
        for o in objs:
            try:
                found.append(check_rule(o, source))
            except RuleError as exc:
                warnings.warn(f"newsclean: {exc}", RuntimeWarning, stacklevel=2)
    return found


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every registered rule class: built-in first, then plugins, sorted by code.

    Two rules with one code are an error (the built-in one wins, with a warning).
    """
    from .rules import BUILTIN

    rules: dict[str, type[Rule]] = {}
    for r in BUILTIN:
        check_rule(r, "built-in")
        if r.code in rules:
            raise RuleError(f"built-in rules {rules[r.code].__name__} and {r.__name__} share code {r.code}")
        rules[r.code] = r
    for r in _plugin_rules():
        if r.code in rules and rules[r.code] is not r:
            warnings.warn(
                f"newsclean: plugin rule {r.__name__} reuses code {r.code}; ignored", RuntimeWarning, stacklevel=2
            )
            continue
        rules[r.code] = r
    return tuple(sorted(rules.values(), key=lambda r: r.code))


def get_rule(code_or_name: str) -> type[Rule]:
    """The rule with this code or name (KeyError if none)."""
    for r in all_rules():
        if r.code.upper() == code_or_name.upper() or r.name == code_or_name:
            return r
    raise KeyError(code_or_name)
