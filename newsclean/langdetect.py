"""A fast language guess from function words, and jusText's stop-word lists.

The guess counts the most frequent function words of each lexicon language
(``[meta] function_words`` in the lexicon files) in the first few thousand
characters.  It costs a few microseconds, which matters at 10 MB/s, and is only
used to choose a stop-word list for the structural rules: every language's
lexicon is matched whatever the guess.  Pass ``lang=`` to skip it.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from functools import lru_cache

from .document import fold
from .lexicon import LANGUAGES, _load

_WORD = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 1500

#: ISO 639-1 code -> jusText stop-list name, for the languages it is asked about.
JUSTEXT_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "pl": "Polish",
    "nl": "Dutch",
    "ru": "Russian",
    "uk": "Ukrainian",
    "fi": "Finnish",
    "hu": "Hungarian",
    "no": "Norwegian_Bokmal",
    "sv": "Swedish",
    "da": "Danish",
    "cs": "Czech",
    "sk": "Slovak",
    "ro": "Romanian",
    "tr": "Turkish",
    "el": "Greek",
    "bg": "Bulgarian",
    "hr": "Croatian",
    "sl": "Slovenian",
    "ca": "Catalan",
    "ar": "Arabic",
    "he": "Hebrew",
    "ko": "Korean",
    "hi": "Hindi",
    "mr": "Marathi",
    "ne": "Nepali",
    "bn": "Bengali",
    "gu": "Gujarati",
    "ta": "Tamil",
    "te": "Telugu",
    "kn": "Kannada",
    "ml": "Malayalam",
    "ur": "Urdu",
    "fa": "Persian",
    "vi": "Vietnamese",
    "id": "Indonesian",
    "ms": "Malay",
    "sw": "Swahili",
}

#: Scripts that name their language well enough to pick a stop list when the
#: function-word guess has no answer: (first, last code point, ISO 639-1 code).
_SCRIPTS = (
    (0x0370, 0x03FF, "el"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0900, 0x097F, "hi"),  # Devanagari: Hindi by far the most written (also Marathi, Nepali)
    (0x0980, 0x09FF, "bn"),
    (0x0A80, 0x0AFF, "gu"),
    (0x0B80, 0x0BFF, "ta"),
    (0x0C00, 0x0C7F, "te"),
    (0x0C80, 0x0CFF, "kn"),
    (0x0D00, 0x0D7F, "ml"),
    (0xAC00, 0xD7AF, "ko"),
)


def script_language(text: str) -> str:
    """The language of ``text`` told by its script alone (Greek, Hebrew, Arabic, the
    scripts of India, Hangul), or ``"und"``: used where :func:`detect_language` has no
    answer."""
    counts = [0] * len(_SCRIPTS)
    letters = 0
    for c in text[:SAMPLE_CHARS]:
        if c.isalpha():
            letters += 1
            o = ord(c)
            for k, (lo, hi, _) in enumerate(_SCRIPTS):
                if lo <= o <= hi:
                    counts[k] += 1
                    break
    if not letters:
        return "und"
    k = max(range(len(_SCRIPTS)), key=counts.__getitem__)
    return _SCRIPTS[k][2] if counts[k] > letters / 2 else "und"


@lru_cache(maxsize=1)
def _function_words() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        for w in _load(lang).get("meta", {}).get("function_words", []):
            table.setdefault(fold(w), []).append(lang)
    return {w: tuple(ls) for w, ls in table.items()}


def _sample(text: str) -> str:
    """Up to SAMPLE_CHARS of ``text``: its start, or for a longer text its longest
    lines (a page dump starts with menus, or even server warnings, in another
    language than its article)."""
    if len(text) <= SAMPLE_CHARS:
        return text
    longest = heapq.nlargest(12, text.splitlines(), key=len)
    return " ".join(longest)[:SAMPLE_CHARS]


def detect_language(text: str) -> str:
    """ISO 639-1 code of the likeliest lexicon language of ``text``, or ``"und"``.

    >>> detect_language("Der Hund und die Katze sind nicht in dem Haus.")
    'de'
    """
    sample = fold(_sample(text))
    words = _WORD.findall(sample)
    if not words:
        return "und"
    table = _function_words()
    counts: Counter[str] = Counter()
    for w in words:
        langs = table.get(w)
        if langs:
            for lang in langs:
                counts[lang] += 1
    if not counts:
        return "und"
    (best, n), *rest = counts.most_common(2)
    second = rest[0][1] if rest else 0
    if n < 2 or n < 1.2 * second:
        return "und"
    if best in ("ru", "uk"):  # letters only Ukrainian has
        best = "uk" if any(c in sample for c in "\u0456\u0457\u0454\u0491") else "ru"
    return best


@lru_cache(maxsize=32)
def stoplist(lang: str) -> frozenset[str]:
    """jusText's stop-word list for ``lang`` (empty when it has none)."""
    name = JUSTEXT_NAMES.get(lang)
    if not name:
        return frozenset()
    import justext  # imported lazily: it pulls in lxml

    try:
        return frozenset(fold(w) for w in justext.get_stoplist(name))
    except (ValueError, KeyError, OSError):
        return frozenset()
