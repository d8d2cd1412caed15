"""Options: which rules run (``select`` / ``ignore`` / ``preset``) and the language.

Selectors match a rule by code prefix (``"A"``, ``"A1"``, ``"A101"``), by name
(``"donation-appeal"``) or by category (``"appeal"``).  ``select`` replaces the
preset's set of rules; ``ignore`` is then taken away from it.  Options can also come
from ``[tool.newsclean]`` in a ``pyproject.toml``.
"""

from __future__ import annotations

import os
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


class ConfigError(ValueError):
    """Options or a config file that cannot be used; the message says which and why."""


def _as_tuple(value: str | Iterable[str] | None, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split()]
    try:
        out = tuple(value)
    except TypeError:
        raise ConfigError(f"{what} must be a string or a list of strings, not {type(value).__name__}") from None
    for v in out:
        if not isinstance(v, str) or not v.strip():
            raise ConfigError(f"{what} must hold non-empty strings, got {v!r}")
    return tuple(v.strip() for v in out)


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
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    preset: str = "default"
    lang: str | None = None
    extend_select: tuple[str, ...] = field(default=())
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
        profile: str | os.PathLike[str] | None = None,
    ) -> Config:
        """Build a config from user input, checking every value."""
        if profile is not None and (not isinstance(profile, (str, os.PathLike)) or not os.fspath(profile)):
            raise ConfigError(f"profile must be the path of a profile file, got {profile!r}")
        preset = "default" if preset is None else preset
        if preset not in PRESETS:
            raise ConfigError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
        if lang is not None:
            if not isinstance(lang, str) or not lang.strip() or not lang.strip().replace("-", "").isalpha():
                raise ConfigError(f"lang must be a language code such as 'en', got {lang!r}")
            lang = lang.strip().lower().split("-")[0]
            if lang == "auto":
                lang = None
        return cls(
            select=_as_tuple(select, "select"),
            ignore=_as_tuple(ignore, "ignore"),
            preset=preset,
            lang=lang,
            extend_select=_as_tuple(extend_select, "extend_select"),
            profile=None if profile is None else os.fspath(profile),
        )

    def merged(self, **overrides: Any) -> Config:
        """This config with the options given (not ``None``) replaced."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if not given:
            return self
        base: dict[str, Any] = {
            "select": self.select,
            "ignore": self.ignore,
            "preset": self.preset,
            "lang": self.lang,
            "extend_select": self.extend_select,
            "profile": self.profile,
        }
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


_KEYS = {"select", "ignore", "preset", "lang", "extend-select", "extend_select", "profile"}


def config_from_mapping(data: dict[str, Any], source: str, base: str | os.PathLike[str] | None = None) -> Config:
    """A :class:`Config` from a ``[tool.newsclean]`` table; unknown keys are errors.
    A relative ``profile`` path is relative to the folder ``base``."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [tool.newsclean] must be a table")
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) in [tool.newsclean]: {', '.join(sorted(unknown))}")
    try:
        return Config.make(
            select=data.get("select"),
            ignore=data.get("ignore"),
            preset=data.get("preset"),
            lang=data.get("lang"),
            extend_select=data.get("extend-select", data.get("extend_select")),
            profile=_profile_path(data.get("profile"), base),
        )
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def load_config_file(path: str | os.PathLike[str]) -> Config:
    """Read ``[tool.newsclean]`` from a TOML file (a ``pyproject.toml`` or a
    ``newsclean.toml``, where the table may also be top-level)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read config: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{p}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("newsclean") if isinstance(data.get("tool"), dict) else None
    if table is None and p.name != "pyproject.toml":
        table = {k: v for k, v in data.items() if k != "tool"}
    return config_from_mapping(table or {}, str(p), p.parent)


def _profile_path(value: Any, base: str | os.PathLike[str] | None) -> Any:
    """Site profiles: the config's ``profile`` path, relative to the config's folder."""
    if isinstance(value, str) and value and base is not None and not os.path.isabs(value):
        return os.path.join(base, value)
    return value


def find_pyproject(start: str | os.PathLike[str]) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.newsclean]`` table, looking from
    ``start`` up to the file-system root."""
    p = Path(start).resolve()
    if p.is_file():
        p = p.parent
    for d in (p, *p.parents):
        cand = d / "pyproject.toml"
        if cand.is_file():
            try:
                text = cand.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if "[tool.newsclean]" in text:
                return cand
    return None


__all__ = ["Config", "ConfigError", "PRESETS", "load_config_file", "find_pyproject", "config_from_mapping"]
