"""JSON Lines, one record at a time: stream in, clean one field, splice it back.

Why this module exists: a corpus file can be far larger than memory, and one bad
record must cost only itself.  So a file is read line by line (bytes, split on
``\\n`` only), each record is handled on its own, and every line that is not
rewritten is written back byte for byte: blank lines, records without the field,
records whose text did not change, and records that cannot be read (which are
reported as ``PATH:LINE: why``).

A rewritten record keeps the bytes of every other field: the record is scanned to
find where the value of the text field starts and ends (the last occurrence, the
one a JSON parser keeps when a key is repeated), and only that value is replaced.
So ``1.0e3`` stays ``1.0e3``, ``1e400`` stays ``1e400``, duplicate keys and
escapes elsewhere stay as they were.  The new value is written with
``json.dumps``, ASCII-escaped when the old value was pure ASCII (a corpus written
with ``ensure_ascii``), as UTF-8 otherwise; lone surrogates are always escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import IO, Any

from .io import InputError

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


class RecordError(ValueError):
    """A record that cannot be read or cleaned; the message says why (no path)."""


@dataclass
class Scan:
    """Where each top-level key's value sits in a record (the last occurrence)."""

    spans: dict[str, tuple[int, int]]
    values: dict[str, Any]
    close: int  # offset of the closing brace
    empty: bool  # the object has no keys


def _skip(s: str, i: int) -> int:
    return _WS.match(s, i).end()  # type: ignore[union-attr]


def scan_object(line: str, wanted: Iterable[str]) -> Scan | None:
    """Scan a JSON text; ``None`` if it is valid JSON but not an object.

    Raises :class:`RecordError` for invalid JSON (or JSON nested too deeply for
    the parser).  Only the values of the ``wanted`` keys are kept.
    """
    wanted = set(wanted)
    try:
        i = _skip(line, 0)
        if not line.startswith("{", i):
            json.loads(line)  # valid JSON that is not an object, or an error
            return None
        spans: dict[str, tuple[int, int]] = {}
        values: dict[str, Any] = {}
        i = _skip(line, i + 1)
        empty = True
        if line.startswith("}", i):
            close = i
        else:
            while True:
                if not line.startswith('"', i):
                    raise json.JSONDecodeError("Expecting property name enclosed in double quotes", line, i)
                key, i = scanstring(line, i + 1, True)
                i = _skip(line, i)
                if not line.startswith(":", i):
                    raise json.JSONDecodeError("Expecting ':' delimiter", line, i)
                i = _skip(line, i + 1)
                value, end = _DECODER.raw_decode(line, i)
                empty = False
                spans[key] = (i, end)
                if key in wanted:
                    values[key] = value
                i = _skip(line, end)
                if line.startswith(",", i):
                    i = _skip(line, i + 1)
                    continue
                if line.startswith("}", i):
                    close = i
                    break
                raise json.JSONDecodeError("Expecting ',' delimiter", line, i)
        if _skip(line, close + 1) != len(line):
            raise json.JSONDecodeError("Extra data", line, _skip(line, close + 1))
        return Scan(spans, values, close, empty)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise RecordError("invalid JSON (nested too deeply to parse)") from None


def dumps(value: Any, ascii_only: bool) -> str:
    """``json.dumps`` for a replaced value; lone surrogates escaped (they cannot be encoded)."""
    out = json.dumps(value, ensure_ascii=ascii_only)
    if not ascii_only and not out.isascii():
        out = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
    return out


@dataclass
class LineOutcome:
    """What happened to one line of a JSONL file (it pickles: workers send it back)."""

    number: int
    out: str | None = None  # the new line (without its ending), or None: keep the bytes
    removals: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    record: bool = False  # a record, not a blank line
    skipped: bool = False  # a record without the string field


def clean_record(
    number: int,
    line: str,
    *,
    field: str,
    explain: Callable[[str], Any],
    removals_field: str | None = None,
) -> LineOutcome:
    """Clean the string ``field`` of one JSONL line, keeping every other byte."""
    outcome = LineOutcome(number)
    if not line.strip():
        return outcome
    outcome.record = True
    try:
        scan = scan_object(line, (field,) if removals_field is None else (field, removals_field))
    except RecordError as exc:
        outcome.error = str(exc)
        return outcome
    value = scan.values.get(field) if scan is not None else None
    if scan is None or not isinstance(value, str):
        outcome.skipped = True
        return outcome
    try:
        result = explain(value)
    except InputError as exc:  # e.g. a record that is not HTML in HTML mode
        outcome.error = exc.message
        return outcome
    except RecursionError:
        outcome.error = "the text is nested too deeply to clean"
        return outcome
    removals = list(result.removals)
    outcome.removals = [r.as_dict() for r in removals]
    edits: list[tuple[int, int, str]] = []
    if result.text != value:
        a, b = scan.spans[field]
        edits.append((a, b, dumps(result.text, line[a:b].isascii())))
    if removals_field is not None and (edits or removals_field not in scan.spans):
        listed = dumps(outcome.removals, False)
        if removals_field in scan.spans:
            a, b = scan.spans[removals_field]
            edits.append((a, b, listed))
        else:
            sep = "" if scan.empty else ", "
            edits.append((scan.close, scan.close, f"{sep}{json.dumps(removals_field, ensure_ascii=False)}: {listed}"))
    if edits:
        out = line
        for a, b, new in sorted(edits, reverse=True):
            out = out[:a] + new + out[b:]
        outcome.out = out
    return outcome


def split_line(raw: bytes) -> tuple[bytes, bytes]:
    """``(body, ending)`` of a line read in binary mode; a ``\\r`` before ``\\n`` is
    part of the ending, so CRLF files stay CRLF."""
    if raw.endswith(b"\r\n"):
        return raw[:-2], b"\r\n"
    if raw.endswith(b"\n"):
        return raw[:-1], b"\n"
    return raw, b""


def iter_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes, bytes]]:
    """``(line number, body, ending)`` for every line of a binary stream."""
    for number, raw in enumerate(stream, start=1):
        body, end = split_line(raw)
        yield number, body, end


def decode_line(body: bytes, encoding: str) -> str:
    """One line's text, or :class:`RecordError` naming the bad byte's column."""
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if encoding == "utf-8" else encoding
        hint = "; pass --encoding to name the file's encoding" if encoding == "utf-8" else ""
        raise RecordError(
            f"not valid {label} (byte 0x{body[exc.start : exc.start + 1].hex()} at byte {exc.start + 1}){hint}"
        ) from None


def process_line(
    number: int,
    body: bytes,
    *,
    encoding: str,
    field: str,
    explain: Callable[[str], Any],
    removals_field: str | None = None,
) -> LineOutcome:
    """Decode and clean one line; never raises for bad input (the outcome says why)."""
    try:
        line = decode_line(body, encoding)
    except RecordError as exc:
        return LineOutcome(number, error=str(exc), record=True)
    try:
        return clean_record(number, line, field=field, explain=explain, removals_field=removals_field)
    except Exception as exc:  # a bug on one record must not lose the others
        return LineOutcome(number, error=f"internal error: {type(exc).__name__}: {exc} (please report it)", record=True)


def is_ascii_compatible(encoding: str) -> bool:
    """Whether lines can be split on the byte ``\\n`` in this encoding."""
    try:
        return "{\n}".encode(encoding) == b"{\n}"
    except (LookupError, UnicodeError):
        return False


__all__ = [
    "LineOutcome",
    "RecordError",
    "Scan",
    "clean_record",
    "decode_line",
    "dumps",
    "is_ascii_compatible",
    "iter_lines",
    "process_line",
    "scan_object",
    "split_line",
]
