"""DOM-level rules of the HTML mode (filled in by the HTML front end)."""

from __future__ import annotations

from ..rule import Rule

DOM_RULES: tuple[type[Rule], ...] = ()
