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


#: Temporary files of in-place writes end with this; the folder walk never takes them.
TMP_SUFFIX = ".newsclean.tmp"
#: A temporary file of an older newsclean (no process id in its name) is stale after this many seconds.
STALE_AFTER = 60.0


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def is_stale_temp(path: str) -> bool:
    """Whether ``path`` is a temporary file an in-place write of newsclean left behind
    (killed before it could rename or remove it).

    Its name is ``.NAME.PID.RANDOM.newsclean.tmp``: it is stale when process PID no
    longer runs (names without a PID, from older versions: when older than a minute).
    """
    base = os.path.basename(path)
    if not (base.startswith(".") and base.endswith(TMP_SUFFIX)):
        return False
    parts = base[: -len(TMP_SUFFIX)].split(".")
    if len(parts) >= 3 and parts[-2].isdigit():
        return not _pid_alive(int(parts[-2]))
    try:
        import time

        return time.time() - os.lstat(path).st_mtime > STALE_AFTER
    except OSError:
        return False


def remove_stale_temps(directory: str, name: str | None = None) -> list[str]:
    """Remove the stale temporary files of in-place writes in ``directory`` (only
    those of the file ``name`` if given); return the paths removed."""
    removed: list[str] = []
    prefix = f".{name}." if name else "."
    try:
        entries = os.listdir(directory or ".")
    except OSError:
        return removed
    for entry in entries:
        if entry.startswith(prefix) and entry.endswith(TMP_SUFFIX):
            full = os.path.join(directory, entry)
            if is_stale_temp(full):
                try:
                    os.unlink(full)
                    removed.append(full)
                except OSError:
                    pass
    return removed


class AtomicWriter:
    """A new version of ``path`` written to a temporary file beside it, then either
    committed (renamed over the original, permissions kept) or discarded.

    The temporary file is ``.NAME.PID.RANDOM.newsclean.tmp`` in the same folder (so
    the rename never crosses file systems); stale ones of the same file, left by a
    killed run, are removed first.  A symbolic link is followed: the file it points
    to is replaced, the link stays.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.target = os.path.realpath(path)
        directory = os.path.dirname(self.target) or "."
        base = os.path.basename(self.target)
        try:
            self.mode: int | None = stat.S_IMODE(os.stat(self.target).st_mode)
        except FileNotFoundError:
            self.mode = None
        except OSError as exc:
            raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
        remove_stale_temps(directory, base)
        try:
            fd, self.tmp = tempfile.mkstemp(dir=directory, prefix=f".{base}.{os.getpid()}.", suffix=TMP_SUFFIX)
        except OSError as exc:
            raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
        self.file = os.fdopen(fd, "wb")

    def commit(self) -> None:
        """Flush, fsync and rename the new version over the original."""
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            if self.mode is not None:
                os.chmod(self.tmp, self.mode)
            os.replace(self.tmp, self.target)
        except BaseException as exc:
            self.discard()
            if isinstance(exc, OSError):
                raise InputError(self.path, f"cannot write: {exc.strerror or exc}") from None
            raise

    def discard(self) -> None:
        """Drop the new version; the original stays as it was."""
        try:
            self.file.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def atomic_write(path: str, data: bytes) -> None:
    """Replace the file at ``path`` with ``data``, atomically, keeping its permissions.

    The data goes to a temporary file in the same directory (see
    :class:`AtomicWriter`), is flushed and fsynced, gets the original file's
    permission bits, and is renamed over the original with :func:`os.replace`.
    On any error the temporary file is removed and the original is untouched.
    """
    writer = AtomicWriter(path)
    try:
        writer.file.write(data)
    except BaseException as exc:
        writer.discard()
        if isinstance(exc, OSError):
            raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
        raise
    writer.commit()


# -- JSON Lines ----------------------------------------------------------------


@dataclass
class JsonlOutcome:
    """What :func:`transform_jsonl` did to a JSONL document.

    ``text`` is the new document; ``reports`` holds, in order, one
    ``(line_number, removals)`` pair per record that had removals (each removal as
    a dict, ``Removal.as_dict()``); ``records`` counts the records, ``changed``
    those rewritten, ``skipped`` those without a string field, and ``errors`` the
    ``(line_number, why)`` of the lines that could not be read (kept as they are).
    """

    text: str
    reports: list[tuple[int, list[Any]]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
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
    """Clean the string ``field`` of every record of a JSONL document (in memory; the
    command line streams files with :mod:`newsclean.jsonl` instead).

    ``explain`` maps a string to an object with ``.text`` and ``.removals`` (a
    :class:`~newsclean.Explanation`).  Only the value of ``field`` is replaced in a
    record whose text changes; every other byte of it, and every other line, is
    kept.  With ``removals_field`` each cleaned record also gets the list of its
    removals (``Removal.as_dict()``), an empty list when nothing was removed; a
    record that already has that field and needs no cleaning is left as it is.

    A line that is not valid JSON (or a value ``explain`` rejects with an
    :class:`InputError`) is kept as it is and listed in ``errors`` as
    ``(line_number, why)``: one bad record costs only itself.
    """
    from .jsonl import clean_record

    outcome = JsonlOutcome(text)
    parts: list[str] = []
    dirty = False
    for number, (line, end) in enumerate(split_jsonl(text), start=1):
        res = clean_record(number, line, field=field, explain=explain, removals_field=removals_field)
        outcome.records += res.record
        outcome.skipped += res.skipped
        if res.error:
            outcome.errors.append((number, res.error))
        if res.removals:
            outcome.reports.append((number, res.removals))
        if res.out is not None:
            outcome.changed += 1
            dirty = True
            parts.append(res.out + end)
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
    "TMP_SUFFIX",
    "AtomicWriter",
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
    "remove_stale_temps",
    "split_jsonl",
    "transform_jsonl",
]
