"""Reading, decoding and writing corpus files for the command line, byte-exactly.

Why this module exists: a cleaner that rewrites a user's corpus must never change
anything it was not asked to change.  So files are read as bytes and decoded
strictly (no universal newlines, no replacement characters); a leading BOM is taken
off before cleaning and put back after; gzip is undone and redone; files are
replaced atomically (temporary file in the same directory, fsync, permission bits
copied, rename), so an interrupted run leaves either the old file or the new one,
never a truncated one.  JSONL records are parsed one line at a time, and only the
records whose text changed are serialised again: every other line stays
byte-identical.

Errors about one file are raised as :class:`InputError`, whose message names the
file and fits on one line, so the command line can report it and go on.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import stat
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The byte order mark, as a character (how it looks after decoding).
BOM = "\ufeff"

#: Suffixes of the file kinds the command line knows.
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


class InputError(Exception):
    """A file that cannot be read, decoded, parsed or written.

    ``str(error)`` is ``"PATH: what is wrong"``, one line, ready to be printed
    after ``newsclean: error:``.
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def normalize_encoding(name: str) -> str:
    """The canonical name of an encoding (``"UTF8"`` -> ``"utf-8"``).

    Raises :class:`LookupError` for an unknown encoding, which the command line
    turns into a usage error before it touches any file.
    """
    return codecs.lookup(name).name


def _nul_is_text(encoding: str) -> bool:
    """True for the encodings in which NUL bytes are part of ordinary text."""
    return encoding.startswith(("utf-16", "utf-32"))


def is_gzip_name(path: str) -> bool:
    """Whether the file is gzipped, by its name (``.gz``)."""
    return path.lower().endswith(".gz")


def is_jsonl_name(path: str) -> bool:
    """Whether the file is JSON Lines, plain or gzipped, by its name."""
    return path.lower().endswith(JSONL_SUFFIXES)


def is_html_name(path: str) -> bool:
    """Whether the file is an HTML page, plain or gzipped, by its name."""
    return path.lower().endswith(HTML_SUFFIXES)


def read_bytes(path: str) -> bytes:
    """The bytes of ``path``, or :class:`InputError` saying why they cannot be read."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def gunzip(data: bytes, path: str) -> bytes:
    """Decompress gzip ``data`` (all members), or :class:`InputError`."""
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(path, f"not a valid gzip file ({exc})") from None


def regzip(data: bytes) -> bytes:
    """Compress ``data`` with gzip, deterministically (mtime 0: same input, same bytes)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def decode(data: bytes, path: str, encoding: str = "utf-8") -> tuple[str, bool]:
    """Decode file content strictly; return ``(text, had_bom)``.

    - A NUL byte means a binary file (for encodings where NUL is not text).
    - Bytes that are not valid in ``encoding`` are an error naming the line, never
      replaced: guessing would change the user's text.
    - A leading BOM is removed from the text (and reported) so that rules see the
      first line as it reads; :func:`encode` puts it back.
    """
    if not _nul_is_text(encoding):
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(path, f"binary file (NUL byte at offset {nul}); not cleaned")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 1].hex()
        hint = "; pass --encoding to name the file's encoding" if encoding == "utf-8" else ""
        label = "UTF-8" if encoding == "utf-8" else encoding
        raise InputError(path, f"not valid {label} (byte 0x{bad} on line {line}){hint}") from None
    if _nul_is_text(encoding) and "\x00" in text:
        raise InputError(path, "binary file (NUL character); not cleaned")
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def encode(text: str, path: str, encoding: str = "utf-8", bom: bool = False) -> bytes:
    """Encode cleaned text for writing, with the BOM put back if the input had one."""
    try:
        return ((BOM if bom else "") + text).encode(encoding)
    except UnicodeEncodeError as exc:  # only possible when --encoding changed between runs
        raise InputError(path, f"cannot encode the output as {encoding}: {exc.reason}") from None


def atomic_write(path: str, data: bytes) -> None:
    """Replace the file at ``path`` with ``data``, atomically, keeping its permissions.

    The data goes to a temporary file in the same directory (so the final rename
    never crosses file systems), is flushed and fsynced, gets the original file's
    permission bits, and is renamed over the original with :func:`os.replace`.
    On any error the temporary file is removed and the original is untouched.  A
    symbolic link is followed: the file it points to is replaced, the link stays.
    """
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".newsclean.tmp")
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
        raise


# -- JSON Lines ----------------------------------------------------------------


@dataclass
class JsonlOutcome:
    """What :func:`transform_jsonl` did to a JSONL document.

    ``text`` is the new document; ``reports`` holds, in order, one
    ``(line_number, removals)`` pair per record that had removals (``removals`` as
    returned by the ``explain`` callback); ``records`` counts the records,
    ``changed`` those rewritten, and ``skipped`` those without a string field.
    """

    text: str
    reports: list[tuple[int, list[Any]]] = field(default_factory=list)
    records: int = 0
    changed: int = 0
    skipped: int = 0


def split_jsonl(text: str) -> list[tuple[str, str]]:
    """Split a JSONL document into ``(line, ending)`` pairs, endings kept as they are.

    Only ``\\n`` separates records (a raw ``\\r`` cannot occur inside a JSON
    value); a ``\\r`` before it belongs to the ending, so CRLF files stay CRLF.
    """
    out: list[tuple[str, str]] = []
    pos, n = 0, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            line, end, pos = text[pos:], "", n
        else:
            line, end, pos = text[pos:nl], "\n", nl + 1
        if line.endswith("\r"):
            line, end = line[:-1], "\r" + end
        out.append((line, end))
    return out


def transform_jsonl(
    text: str,
    path: str,
    *,
    field: str,
    explain: Callable[[str], Any],
    removals_field: str | None = None,
) -> JsonlOutcome:
    """Clean the string ``field`` of every record of a JSONL document.

    ``explain`` maps a string to an object with ``.text`` and ``.removals`` (a
    :class:`~newsclean.Explanation`).  A record whose text changes is written again
    with ``json.dumps(ensure_ascii=False)``, its keys in their order; every other
    line (unchanged records, blank lines, records that are not objects or lack the
    field) is kept byte for byte, so the file's records keep their order and every
    other field its value.

    With ``removals_field`` each cleaned record also gets the list of its removals
    (``Removal.as_dict()``), an empty list when nothing was removed; a record that
    already has that field and needs no cleaning is left as it is, so running again
    on cleaned output keeps the removals of the first run.

    A line that is not valid JSON, or a value ``explain`` rejects with an
    :class:`InputError`, raises :class:`InputError` naming ``PATH:LINE``.
    """
    outcome = JsonlOutcome(text)
    parts: list[str] = []
    dirty = False
    for number, (line, end) in enumerate(split_jsonl(text), start=1):
        if not line.strip():
            parts.append(line + end)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}", f"invalid JSON ({exc.msg} at column {exc.colno})") from None
        outcome.records += 1
        value = obj.get(field) if isinstance(obj, dict) else None
        if not isinstance(value, str):
            outcome.skipped += 1
            parts.append(line + end)
            continue
        try:
            result = explain(value)
        except InputError as exc:  # e.g. a record that is not HTML in HTML mode
            raise InputError(f"{path}:{number}", exc.message) from None
        removals = list(result.removals)
        if removals:
            outcome.reports.append((number, removals))
        rewrite = result.text != value
        if removals_field is not None and (rewrite or removals_field not in obj):
            obj[removals_field] = [r.as_dict() for r in removals]
            rewrite = True
        if rewrite:
            obj[field] = result.text
            outcome.changed += 1
            dirty = True
            parts.append(json.dumps(obj, ensure_ascii=False) + end)
        else:
            parts.append(line + end)
    if dirty:
        outcome.text = "".join(parts)
    return outcome


def relative_posix(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str:
    """``path`` relative to ``root``, with forward slashes (what globs are matched to)."""
    return Path(os.path.relpath(path, root)).as_posix()


__all__ = [
    "BOM",
    "InputError",
    "JsonlOutcome",
    "atomic_write",
    "decode",
    "encode",
    "gunzip",
    "is_gzip_name",
    "is_html_name",
    "is_jsonl_name",
    "normalize_encoding",
    "read_bytes",
    "regzip",
    "split_jsonl",
    "transform_jsonl",
]
