"""newsclean: remove boilerplate from news article text, line by line, explainably.

>>> import newsclean
>>> newsclean.clean("The council met on Monday.\\nShare this article\\n")
'The council met on Monday.\\n'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Config, ConfigError
from .engine import Cleaner, Explanation, shared_cleaner
from .profile import Profile, ProfileError, ProfileLearner, learn_profile
from .rule import CATEGORIES, Finding, Removal, Rule

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "Cleaner",
    "Config",
    "ConfigError",
    "Explanation",
    "Finding",
    "Profile",
    "ProfileError",
    "ProfileLearner",
    "HtmlExplanation",
    "NotHTMLError",
    "Removal",
    "Rule",
    "all_rules",
    "clean",
    "clean_html",
    "explain",
    "explain_html",
    "learn_profile",
]

# The HTML front end imports trafilatura and lxml: it is loaded on first use, so
# that text-only users do not pay for it.
_HTML_NAMES = ("clean_html", "explain_html", "HtmlExplanation", "NotHTMLError")

if TYPE_CHECKING:  # pragma: no cover
    from .html import HtmlExplanation, NotHTMLError, clean_html, explain_html


def __getattr__(name: str) -> Any:
    if name in _HTML_NAMES:
        from . import html

        return getattr(html, name)
    raise AttributeError(f"module 'newsclean' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_HTML_NAMES})


def clean(text: str, *, group: str | None = None, **options: Any) -> str:
    """Return ``text`` without its boilerplate lines.

    Options: ``select``, ``ignore``, ``preset``, ``lang`` (see :class:`Config`), and
    ``profile`` (a :class:`Profile` or the path of a profile file) with ``group``,
    the document's group (site) in it.
    Kept lines are byte-identical, line endings and the final newline are kept.
    """
    return shared_cleaner(options).clean(text, group)


def explain(text: str, *, group: str | None = None, **options: Any) -> Explanation:
    """Like :func:`clean`, and also return every removal with its rule and evidence."""
    return shared_cleaner(options).explain(text, group)


def all_rules() -> tuple[type[Rule], ...]:
    """Every registered rule class (built-in and plugins), sorted by code."""
    from .registry import all_rules

    return all_rules()
