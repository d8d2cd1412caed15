"""newsclean: remove boilerplate from news article text, line by line, explainably.

>>> import newsclean
>>> newsclean.clean("The council met on Monday.\\nShare this article\\n")
'The council met on Monday.\\n'
"""

from __future__ import annotations

from typing import Any

from .config import Config, ConfigError
from .engine import Cleaner, Explanation
from .rule import CATEGORIES, Finding, Removal, Rule

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "Cleaner",
    "Config",
    "ConfigError",
    "Explanation",
    "Finding",
    "Removal",
    "Rule",
    "clean",
    "all_rules",
    "explain",
]

_DEFAULT: dict[Config, Cleaner] = {}


def _cleaner(options: dict[str, Any]) -> Cleaner:
    config = Config.make(**options) if options else Config()
    c = _DEFAULT.get(config)
    if c is None:
        c = Cleaner(config=config)
        if len(_DEFAULT) < 32:
            _DEFAULT[config] = c
    return c


def clean(text: str, **options: Any) -> str:
    """Return ``text`` without its boilerplate lines.

    Options: ``select``, ``ignore``, ``preset``, ``lang`` (see :class:`Config`).
    Kept lines are byte-identical, line endings and the final newline are kept.
    """
    return _cleaner(options).clean(text)


def explain(text: str, **options: Any) -> Explanation:
    """Like :func:`clean`, and also return every removal with its rule and evidence."""
    return _cleaner(options).explain(text)


def all_rules() -> tuple[type[Rule], ...]:
    """Every registered rule class (built-in and plugins), sorted by code."""
    from .registry import all_rules

    return all_rules()
