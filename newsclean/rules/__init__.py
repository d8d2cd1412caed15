"""Built-in rules, one module per family of boilerplate.

Every rule only detects (see :class:`newsclean.Rule`); :data:`BUILTIN` lists them.
Text rules live in one module per family; the HTML mode's DOM-level rules live in
:mod:`newsclean.rules.dom`, and its block segmenter (M102) in
:mod:`newsclean.rules.html_blocks`.
"""

from __future__ import annotations

from ..rule import Rule
from . import appeals, captions, comments, navigation, profile, promotions, segmenter, structure, syndication, user
from . import html_blocks
from .dom import DOM_RULES

TEXT_RULES: tuple[type[Rule], ...] = (
    *appeals.RULES,
    *comments.RULES,
    *navigation.RULES,
    *captions.RULES,
    *syndication.RULES,
    *promotions.RULES,
    *structure.RULES,
    *user.RULES,
    *profile.RULES,
    *segmenter.RULES,
)

BUILTIN: tuple[type[Rule], ...] = TEXT_RULES + DOM_RULES + html_blocks.RULES
