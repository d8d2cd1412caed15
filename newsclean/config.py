"""Options: which rules run (``select`` / ``ignore`` / ``preset``) and the language.

Selectors match a rule by code prefix (``"A"``, ``"A1"``, ``"A101"``), by name
(``"donation-appeal"``) or by category (``"appeal"``).  ``select`` replaces the
preset's set of rules; ``ignore`` is then taken away from it.  Options can also come
from ``[tool.newsclean]`` in a ``pyproject.toml``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .rule import Rule

PRESETS = ("safe", "default", "aggressive")

#: Every ISO 639-1 language code: the values ``lang`` accepts (besides ``None``/``"auto"``).
#: Languages with a lexicon (:data:`newsclean.lexicon.LANGUAGES`) get their phrases'
#: rules at full strength; those with a jusText stop-word list
#: (:data:`newsclean.langdetect.JUSTEXT_NAMES`) also get the structural rules' word
#: statistics; any other code runs the language-independent rules only.
ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
    ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo
    lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps
    pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn
    to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split()
)

#: Language names people write instead of a code, for the "did you mean" hint.
_LANG_NAMES = {
    "english": "en", "german": "de", "deutsch": "de", "french": "fr", "francais": "fr", "spanish": "es",
    "espanol": "es", "italian": "it", "portuguese": "pt", "polish": "pl", "dutch": "nl", "russian": "ru",
    "ukrainian": "uk", "swedish": "sv", "danish": "da", "norwegian": "no", "finnish": "fi", "czech": "cs",
    "greek": "el", "turkish": "tr", "chinese": "zh", "japanese": "ja", "arabic": "ar",
}  # fmt: skip


class ConfigError(ValueError):
    """Options or a config file that cannot be used; the message says which and why."""


def check_lang(lang: object) -> str | None:
    """The canonical code for a ``lang`` option (``None`` means detect), or ConfigError
    naming the valid codes."""
    if lang is None:
        return None
    if not isinstance(lang, str):
        raise ConfigError(f"lang must be a string such as 'en', not {type(lang).__name__}")
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    if code == "auto":
        return None
    if code in ISO_639_1:
        return code
    from .langdetect import JUSTEXT_NAMES
    from .lexicon import LANGUAGES

    hint = f"did you mean {_LANG_NAMES[code]!r}? " if code in _LANG_NAMES else ""
    raise ConfigError(
        f"unknown language {lang!r}: {hint}lang takes a two-letter ISO 639-1 code, or 'auto' to detect it. "
        f"Codes with a lexicon: {', '.join(sorted(LANGUAGES))}; with a stop-word list too: "
        f"{', '.join(sorted(set(JUSTEXT_NAMES) - set(LANGUAGES)))}; any other ISO 639-1 code "
        "runs the language-independent rules (the full list: newsclean.config.ISO_639_1)"
    )


def _as_tuple(value: str | Iterable[str] | None, what: str, split: bool = True) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split()] if split else [value]
    try:
        out = tuple(value)
    except TypeError:
        raise ConfigError(f"{what} must be a string or a list of strings, not {type(value).__name__}") from None
    for v in out:
        if not isinstance(v, str) or not v.strip():
            raise ConfigError(f"{what} must hold non-empty strings, got {v!r}")
    return tuple(v.strip() for v in out)


def _as_phrases(value: str | Iterable[str] | None, what: str) -> tuple[str, ...]:
    """Line phrases (``remove-lines`` / ``keep-lines``): whole strings, never split on
    commas or spaces; a ``re:`` pattern is compiled now so a bad one fails early."""
    out = _as_tuple(value, what, split=False)
    from .userlines import PatternError, compile_phrases

    try:
        compile_phrases(out)
    except PatternError as exc:
        raise ConfigError(f"{what}: {exc}") from None
    return out


@dataclass(frozen=True)
class Config:
    """The options of a :class:`~newsclean.Cleaner`, with their defaults.

    - ``select``: selectors of the rules to run; empty means the preset's rules.
    - ``ignore``: selectors of rules not to run.
    - ``preset``: ``"safe"`` (only rules with near-zero risk to article text),
      ``"default"``, or ``"aggressive"`` (also structural rules for whole-page
      text with menus and footers).
    - ``lang``: ISO 639-1 code of the documents, or ``None`` to detect it per
      document.  Every language's lexicon is matched either way; the language
      chooses the stop-word list of the structural rules.
    - ``model``: path of a segmenter model file (JSON, see
      :mod:`newsclean.segment.model`) for rule ``M101``; ``None`` for the shipped one.
    - ``remove_lines``: phrases (case-insensitive) or ``re:`` patterns; a line
      containing one is removed by rule U101 ``remove-lines``.
    - ``keep_lines``: phrases or ``re:`` patterns; a line containing one is never
      removed, by any rule.
    - ``profile``: path of a site profile (``newsclean learn``) for rule ``L101``;
      ``Cleaner(profile=...)`` also takes a :class:`~newsclean.Profile`.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    preset: str = "default"
    lang: str | None = None
    extend_select: tuple[str, ...] = field(default=())
    model: str | None = None
    remove_lines: tuple[str, ...] = ()
    keep_lines: tuple[str, ...] = ()
    #: site profiles: path of a profile file (``newsclean learn``) for rule L101
    profile: str | None = None

    @classmethod
    def make(
        cls,
        *,
        select: str | Iterable[str] | None = None,
        ignore: str | Iterable[str] | None = None,
        preset: str | None = None,
        lang: str | None = None,
        extend_select: str | Iterable[str] | None = None,
        model: str | os.PathLike[str] | None = None,
        remove_lines: str | Iterable[str] | None = None,
        keep_lines: str | Iterable[str] | None = None,
        profile: str | os.PathLike[str] | None = None,
    ) -> Config:
        """Build a config from user input, checking every value."""
        if profile is not None and (not isinstance(profile, (str, os.PathLike)) or not os.fspath(profile)):
            raise ConfigError(f"profile must be the path of a profile file, got {profile!r}")
        preset = "default" if preset is None else preset
        if preset not in PRESETS:
            raise ConfigError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
        if model is not None:
            if not isinstance(model, (str, os.PathLike)) or not str(model).strip():
                raise ConfigError(f"model must be the path of a segmenter model file, got {model!r}")
            model = os.fspath(model)
        return cls(
            model=model,
            select=_as_tuple(select, "select"),
            ignore=_as_tuple(ignore, "ignore"),
            preset=preset,
            lang=check_lang(lang),
            extend_select=_as_tuple(extend_select, "extend_select"),
            remove_lines=_as_phrases(remove_lines, "remove_lines"),
            keep_lines=_as_phrases(keep_lines, "keep_lines"),
            profile=None if profile is None else os.fspath(profile),
        )

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Config:
        """A config from keyword options (``clean(text, **options)``); an unknown option
        is a TypeError that lists the valid ones."""
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise TypeError(
                f"unknown option(s) {', '.join(map(repr, unknown))}; newsclean's options are: {', '.join(OPTIONS)}"
            )
        return cls.make(**options) if options else cls()

    def merged(self, **overrides: Any) -> Config:
        """This config with the options given (not ``None``) replaced."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if not given:
            return self
        base: dict[str, Any] = {name: getattr(self, name) for name in OPTIONS}
        base.update(given)
        return Config.make(**base)

    def resolve(self, rules: Sequence[type[Rule]]) -> list[type[Rule]]:
        """The rules this config enables, in registry order."""
        for sel in (*self.select, *self.ignore, *self.extend_select):
            if not any(_matches(sel, r) for r in rules):
                raise ConfigError(
                    f"selector {sel!r} matches no rule (codes, names and categories are listed by `newsclean rules`)"
                )
        if self.select:
            chosen = [r for r in rules if any(_matches(s, r) for s in self.select)]
        else:
            chosen = [r for r in rules if self.preset in r.presets]
        for r in rules:
            if r not in chosen and any(_matches(s, r) for s in self.extend_select):
                chosen.append(r)
        return [r for r in chosen if not any(_matches(s, r) for s in self.ignore)]


def _matches(selector: str, rule: type[Rule]) -> bool:
    s = selector.strip()
    return rule.code.upper().startswith(s.upper()) or s.lower() in (rule.name, rule.category) or s.upper() == "ALL"


#: The keyword options of ``clean()``, ``Cleaner()`` and :meth:`Config.make`, in order.
OPTIONS = ("select", "ignore", "extend_select", "preset", "lang", "remove_lines", "keep_lines", "model", "profile")

#: The keys of ``[tool.newsclean]``: the one table to extend when an option is added.
#: Each maps to a :meth:`Config.make` option (``None``: a key the command line reads
#: itself) and a one-line description for error messages and the docs.
CONFIG_KEYS: dict[str, tuple[str | None, str]] = {
    "select": ("select", "rule selectors to run instead of the preset's rules"),
    "ignore": ("ignore", "rule selectors not to run"),
    "extend-select": ("extend_select", "rule selectors to run as well"),
    "preset": ("preset", "safe, default or aggressive"),
    "lang": ("lang", "ISO 639-1 code of the documents, or 'auto'"),
    "remove-lines": ("remove_lines", "phrases or re: patterns; lines containing one are removed (U101)"),
    "keep-lines": ("keep_lines", "phrases or re: patterns; lines containing one are never removed"),
    "model": ("model", "path of a segmenter model file for M101 (default: the shipped one)"),
    "profile": ("profile", "path of a site profile (newsclean learn) for L101"),
    "exclude": (None, "globs the folder walk skips, besides the default exclusions"),
    "include": (None, "globs the folder walk takes, instead of the default ones"),
}
#: Spellings with underscores are accepted too (``extend_select``).
_KEY_ALIASES = {k.replace("-", "_"): k for k in CONFIG_KEYS if "-" in k}


def _canonical_keys(data: dict[str, Any], source: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    unknown = []
    for key, value in data.items():
        canon = _KEY_ALIASES.get(key, key)
        if canon not in CONFIG_KEYS:
            unknown.append(key)
        elif canon in out:
            raise ConfigError(f"{source}: [tool.newsclean] sets {canon!r} twice")
        else:
            out[canon] = value
    if unknown:
        valid = "; ".join(f"{k} ({desc})" for k, (_, desc) in CONFIG_KEYS.items())
        raise ConfigError(
            f"{source}: unknown key(s) in [tool.newsclean]: {', '.join(sorted(unknown))}. Valid keys: {valid}"
        )
    return out


def config_from_mapping(data: dict[str, Any], source: str) -> Config:
    """A :class:`Config` from a ``[tool.newsclean]`` table; unknown keys are errors."""
    return Config.make(**_options_from_mapping(data, source)[0]) if _check_table(data, source) else Config()


def _check_table(data: Any, source: str) -> bool:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [tool.newsclean] must be a table")
    return True


def _options_from_mapping(data: dict[str, Any], source: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(Config.make options, other keys)`` of a ``[tool.newsclean]`` table."""
    _check_table(data, source)
    options: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in _canonical_keys(data, source).items():
        option = CONFIG_KEYS[key][0]
        if option is None:
            extra[key] = _as_tuple(value, key, split=False)
        else:
            options[option] = value
    try:
        Config.make(**options)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    return options, extra


@dataclass(frozen=True)
class FileConfig:
    """A config file's options: the :class:`Config` and the command line's own keys."""

    config: Config
    source: str | None = None
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()


def _read_toml(p: Path) -> dict[str, Any]:
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read config: {exc.strerror or exc}") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{p}:{line}: not valid UTF-8 (TOML files are UTF-8)") from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{p}:{m.group(1)}" if m else str(p)
        raise ConfigError(f"{where}: invalid TOML: {exc}") from None


def _newsclean_table(data: dict[str, Any], p: Path) -> Any:
    tool = data.get("tool")
    table = tool.get("newsclean") if isinstance(tool, dict) else None
    if table is None and p.name != "pyproject.toml":
        table = {k: v for k, v in data.items() if k != "tool"}
    return table


def load_file_config(path: str | os.PathLike[str]) -> FileConfig:
    """Read ``[tool.newsclean]`` from a TOML file (a ``pyproject.toml`` or a
    ``newsclean.toml``, where the table may also be top-level), with the command
    line's own keys (``exclude``, ``include``)."""
    p = Path(path)
    table = _newsclean_table(_read_toml(p), p)
    options, extra = _options_from_mapping(table or {}, str(p))
    for key in ("model", "profile"):  # paths in a config file are relative to the file
        if isinstance(options.get(key), str) and options[key]:
            options[key] = str(p.resolve().parent / options[key])
    return FileConfig(Config.make(**options), str(p), extra.get("exclude", ()), extra.get("include", ()))


def load_config_file(path: str | os.PathLike[str]) -> Config:
    """The :class:`Config` of :func:`load_file_config`."""
    return load_file_config(path).config


def find_pyproject(start: str | os.PathLike[str]) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.newsclean]`` table, looking from
    ``start`` up to the file-system root.

    Each file is parsed as TOML (so ``[ tool.newsclean ]`` and ``[tool]`` with
    ``newsclean = {...}`` count); a file that is not valid TOML is a
    :class:`ConfigError` naming the file and line, not a reason to go on silently.
    """
    p = Path(start).resolve()
    if p.is_file():
        p = p.parent
    for d in (p, *p.parents):
        cand = d / "pyproject.toml"
        if cand.is_file():
            data = _read_toml(cand)
            if _newsclean_table(data, cand) is not None:
                return cand
    return None


__all__ = [
    "CONFIG_KEYS",
    "ISO_639_1",
    "OPTIONS",
    "PRESETS",
    "Config",
    "ConfigError",
    "FileConfig",
    "check_lang",
    "config_from_mapping",
    "find_pyproject",
    "load_config_file",
    "load_file_config",
]
