"""The ``newsclean`` command: clean corpora from the shell and from pre-commit.

Subcommands:

- ``newsclean clean [PATH ...]``: cleaned text to stdout, ``--in-place``, or
  ``--output-dir DIR``.
- ``newsclean check [PATH ...]``: report what would be removed (lines, ``--diff``
  or ``--format json``); exit 1 when anything would be.
- ``newsclean rules`` / ``newsclean rule CODE``: list rules, show one rule's docs.

Exit codes: 0 success with nothing to report, 1 ``check`` found boilerplate (or
``clean --exit-non-zero-on-fix`` changed something), 2 usage, config or input error.
A bad file (or JSONL record, or unreadable folder) is reported on one line and
left as it is; everything else is still done.

Why it is built this way: files are handled as bytes by :mod:`newsclean.io`, so
kept lines, line endings, a BOM and a missing final newline survive byte for
byte; every text file is one independent task, so ``--jobs`` runs them in worker
processes and the output keeps the order of the input.  JSONL files are streamed
record by record (:mod:`newsclean.jsonl`), so memory stays flat whatever their
size, and ``--jobs`` cleans runs of their records in the same worker processes.
"""

from __future__ import annotations

import argparse
import codecs
import dataclasses
import difflib
import fnmatch
import functools
import gzip
import importlib
import importlib.util
import json
import os
import re
import stat
import sys
import textwrap
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from types import ModuleType
from typing import IO, Any

from . import __version__, cli_learn
from .cli_learn import group_for_path
from .config import Config, ConfigError, FileConfig, find_pyproject, load_file_config
from .profile import ProfileError
from .document import split_lines
from .engine import Cleaner
from .io import (
    TMP_SUFFIX,
    AtomicWriter,
    InputError,
    atomic_write,
    decode,
    encode,
    gunzip,
    is_gzip_name,
    is_html_name,
    is_jsonl_name,
    normalize_encoding,
    read_bytes,
    regzip,
    relative_posix,
    remove_stale_temps,
    transform_jsonl,
)
from .jsonl import LineOutcome, is_ascii_compatible, iter_lines, process_line

PROG = "newsclean"
STDIN = "-"
STDIN_NAME = "<stdin>"
TEXT_GLOBS = ("*.txt", "*.jsonl", "*.jsonl.gz")
HTML_GLOBS = ("*.html", "*.htm")
DEFAULT_FIELD = "text"
#: The progress bar is shown for runs of at least this many files (and a terminal).
PROGRESS_MIN_FILES = 5
EXCERPT_WIDTH = 72

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2

#: Project files a folder walk never takes (the pre-commit hooks' ``exclude``, same
#: pattern): README, LICENSE, requirements and the like, matched on the path under
#: the walked folder.  A file named on the command line is always processed.
DEFAULT_EXCLUDE = (
    r"(?i)(^|/)(readme|licen[cs]e|copying|notice|authors|contributors|changelog|changes|"
    r"requirements[^/]*|constraints[^/]*|robots|cmakelists)\.txt$"
)
_DEFAULT_EXCLUDE_RE = re.compile(DEFAULT_EXCLUDE)
#: JSONL records handed to a worker process at a time (``-j N`` within one file).
CHUNK_RECORDS = 256
CHUNK_BYTES = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"


# -- HTML mode (optional module) ----------------------------------------------------


def html_available() -> bool:
    """Whether this installation has the HTML mode (without importing it)."""
    return importlib.util.find_spec("newsclean.html") is not None


def html_module() -> ModuleType | None:
    """:mod:`newsclean.html` if this installation has it, else ``None``.

    Imported lazily, only when an HTML input comes: the HTML front end pulls in
    heavy parsers, and the text mode must work (and start fast) without it.
    """
    if not html_available():
        return None
    return importlib.import_module("newsclean.html")


# -- one file: the unit of work ---------------------------------------------------


@dataclass(frozen=True)
class Options:
    """Everything a worker needs to process one file (it pickles)."""

    command: str  # "clean" or "check"
    in_place: bool = False
    diff: bool = False
    field: str | None = None  # None: JSONL uses DEFAULT_FIELD, stdin is text
    removals_field: str | None = None
    encoding: str = "utf-8"
    html: bool = False
    include_comments: bool = False  # HTML: the reader comments after the body (--include-comments)
    engine: str = "trafilatura"  # HTML: which engine finds the body (--engine)
    output_dir: str | None = None
    group: str | None = None  # site profiles: the group of every input (--group)


@dataclass
class FileResult:
    """The outcome of one file, sent back from a worker to be reported in order.

    ``reports`` holds one dict per removal (``Removal.as_dict()`` plus ``path`` and
    ``line``, the line of the file it starts on); ``output`` is what goes to stdout.
    """

    path: str
    output: bytes = b""
    changed: bool = False
    fixed: bool = False
    reports: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    records: int = 0
    skipped: int = 0
    field: str | None = None
    #: per-record errors of a JSONL file (the other records were still done)
    record_errors: list[str] = dataclasses.field(default_factory=list)
    #: removals per rule code when the reports were printed while streaming
    codes: Counter[str] | None = None


_CLEANER: Cleaner | None = None


def _init_worker(cleaner: Cleaner) -> None:
    """Give the process its cleaner (pickled once per worker, as its config)."""
    global _CLEANER
    _CLEANER = cleaner


def _first_content_line(text: str) -> tuple[int, str]:
    """Index and text of the first non-blank line of a removed range."""
    for i, line in enumerate(split_lines(text)[0]):
        if line.strip():
            return i, line
    return 0, ""


def _report(path: str, line: int, removal: Any, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"path": path, "line": line}
    if extra:
        data.update(extra)
    data.update(removal.as_dict())
    return data


def _dict_report(path: str, line: int, removal: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    return {"path": path, "line": line, **extra, **removal}


def looks_like_html(data: bytes) -> bool:
    """Whether the start of ``data`` is an HTML page (doctype, ``<html>``, ``<head>``
    or ``<body>`` among its first tags): how stdin, which has no name, is sniffed."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    return head.startswith(b"<") and re.search(rb"<(html|head|body)[\s>]", head) is not None


def _text_reports(path: str, removals: Iterable[Any]) -> list[dict[str, Any]]:
    out = []
    for r in removals:
        skip, _ = _first_content_line(r.text)
        out.append(_report(path, r.lines[0] + skip, r))
    return out


def _unified_diff(before: str, after: str, path: str) -> str:
    """A ``git apply``-able unified diff, with line endings as they are in the file."""
    a = [b + e for b, e in zip(*split_lines(before))]
    b = [b + e for b, e in zip(*split_lines(after))]
    out = []
    for line in difflib.unified_diff(a, b, f"a/{path}", f"b/{path}", lineterm="\n"):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def process(path: str, opts: Options, data: bytes | None = None, dest: str | None = None) -> FileResult:
    """Clean or check one file (``data`` is given for stdin); never raises for bad input.

    ``dest``: with ``--output-dir``, the file the output is written to."""
    name = STDIN_NAME if path == STDIN else path
    try:
        result = _process(path, name, opts, data)
        if dest is not None and not result.error:
            os.makedirs(os.path.dirname(dest) or ".", exist_ok=True)
            atomic_write(dest, result.output)
            result.output = b""
        return result
    except InputError as exc:
        return FileResult(name, error=str(exc))
    except Exception as exc:  # a bug must not lose the rest of a corpus run
        return FileResult(name, error=f"{name}: internal error: {type(exc).__name__}: {exc} (please report it)")


def _process(path: str, name: str, opts: Options, data: bytes | None) -> FileResult:
    cleaner = _CLEANER
    assert cleaner is not None, "worker not initialised"
    raw = read_bytes(path) if data is None else data
    # stdin has no name: it is sniffed (gzip by its magic bytes, HTML by its start)
    gz = is_gzip_name(path) if path != STDIN else raw.startswith(GZIP_MAGIC)
    content = gunzip(raw, name) if gz else raw
    html = opts.html or (is_html_name(path) if path != STDIN else looks_like_html(content) and html_available())
    jsonl = (path != STDIN and is_jsonl_name(path)) or (path == STDIN and opts.field is not None)
    result = FileResult(name)

    if html and not jsonl:
        return _process_html(name, content, opts, cleaner, result)

    text, bom = decode(content, name, opts.encoding)
    if jsonl:
        fld = opts.field or DEFAULT_FIELD
        explain = cleaner.explain if not html else _html_explainer(name, cleaner, True, opts.include_comments, opts.engine)
        if cleaner.profile is not None and opts.group is not None:  # site profiles: one group for every record
            explain = functools.partial(cleaner.explain, group=opts.group)
        outcome = transform_jsonl(text, name, field=fld, explain=explain, removals_field=opts.removals_field)
        new = outcome.text
        result.records, result.skipped, result.field = outcome.records, outcome.skipped, fld
        result.record_errors = [f"{name}:{n}: {why}" for n, why in outcome.errors]
        for number, removals in outcome.reports:
            result.reports.extend(_dict_report(name, number, r, {"field": fld}) for r in removals)
    else:
        explanation = cleaner.explain(text, group_for_path(cleaner, path, opts.group))
        new = explanation.text
        result.reports = _text_reports(name, explanation.removals)

    result.changed = new != text
    if opts.command == "check":
        if opts.diff and result.changed:
            result.output = _unified_diff(text, new, name).encode("utf-8", "surrogateescape")
    elif opts.in_place:
        if result.changed:
            out = encode(new, name, opts.encoding, bom)
            atomic_write(path, regzip(out) if gz else out)
            result.fixed = True
    else:
        result.output = encode(new, name, opts.encoding, bom)
    return result


def _html_explainer(
    name: str, cleaner: Cleaner, forced: bool = True, include_comments: bool = False, engine: str = "trafilatura"
) -> Callable[[Any], Any]:
    """``explain_html`` for one input; with ``include_comments`` the explanation's
    text is the body followed by the comments (``newsclean.html.with_comments``),
    what the command writes."""
    mod = html_module()
    if mod is None:
        raise InputError(name, "HTML input needs the HTML mode (newsclean.html), which this installation lacks")

    def explain(markup: Any) -> Any:
        try:
            exp = mod.explain_html(markup, cleaner=cleaner, engine=engine, include_comments=include_comments)
            if include_comments:
                exp.text = mod.with_comments(exp)
            return exp
        except mod.NotHTMLError as exc:  # binary data, no markup, undecodable bytes
            why = str(exc).split("; use newsclean.clean()")[0]
            if "no markup" in why:
                why += "; leave out --html to clean it as plain text" if forced else ""
            raise InputError(name, why) from None

    return explain


def _process_html(name: str, content: bytes, opts: Options, cleaner: Cleaner, result: FileResult) -> FileResult:
    """HTML pages: the output is the article text extracted from the page."""
    if opts.in_place:
        raise InputError(name, "HTML is not cleaned in place: the output is the article text, not HTML")
    if opts.diff:
        raise InputError(
            name, "--diff does not apply to HTML: the output is the article text, not a new version of the page"
        )
    explain = _html_explainer(name, cleaner, opts.html, opts.include_comments, opts.engine)
    # a page declares its charset (or has a BOM): the HTML mode decodes the bytes
    # itself, and recognises binary data; only an explicit --encoding overrides it
    markup: str | bytes = decode(content, name, opts.encoding)[0] if opts.encoding != "utf-8" else content
    explanation = explain(markup)
    # LINE is 0: DOM removals have no place in any text, and the text rules'
    # line numbers refer to the extracted text, not to lines of the page
    result.reports = [_report(name, 0, r) for r in explanation.removals]
    result.changed = bool(explanation.removals)
    if opts.command == "clean":
        result.output = encode(explanation.text, name, opts.encoding)
    return result


# -- running many files -------------------------------------------------------------


def run_ordered(
    tasks: Iterable[tuple[str, bytes | None, str | None]],
    opts: Options,
    cleaner: Cleaner,
    pool: ProcessPoolExecutor | None,
) -> Iterator[FileResult]:
    """Results of :func:`process` over ``tasks``, in task order.

    With a pool the files are processed by worker processes; a bounded window of
    pending tasks keeps memory flat on large corpora while the results are still
    yielded in input order.
    """
    if pool is None:
        _init_worker(cleaner)
        for path, data, dest in tasks:
            yield process(path, opts, data, dest)
        return
    window = pool._max_workers * 4  # type: ignore[attr-defined]
    it = iter(tasks)
    pending: deque[Future[FileResult]] = deque(pool.submit(process, p, opts, d, t) for p, d, t in islice(it, window))
    while pending:
        result = pending.popleft().result()
        for p, d, t in islice(it, 1):
            pending.append(pool.submit(process, p, opts, d, t))
        yield result


# -- JSONL, streamed record by record ------------------------------------------------


def _record_explainer(name: str, opts: Options, cleaner: Cleaner) -> Callable[[str], Any]:
    return cleaner.explain if not opts.html else _html_explainer(name, cleaner, True, opts.include_comments, opts.engine)


def _jsonl_chunk(name: str, chunk: list[tuple[int, bytes]], opts: Options) -> list[LineOutcome]:
    """Clean a run of JSONL lines in a worker process (``-j N`` within one file)."""
    cleaner = _CLEANER
    assert cleaner is not None, "worker not initialised"
    explain = _record_explainer(name, opts, cleaner)
    fld = opts.field or DEFAULT_FIELD
    return [
        process_line(n, body, encoding=opts.encoding, field=fld, explain=explain, removals_field=opts.removals_field)
        for n, body in chunk
    ]


def _chunks(lines: Iterator[tuple[int, bytes, bytes]]) -> Iterator[list[tuple[int, bytes, bytes]]]:
    chunk: list[tuple[int, bytes, bytes]] = []
    size = 0
    for item in lines:
        chunk.append(item)
        size += len(item[1])
        if len(chunk) >= CHUNK_RECORDS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _outcomes(
    name: str,
    lines: Iterator[tuple[int, bytes, bytes]],
    opts: Options,
    cleaner: Cleaner,
    pool: ProcessPoolExecutor | None,
) -> Iterator[tuple[LineOutcome, bytes, bytes]]:
    """``(outcome, body, ending)`` per line, in file order; with a pool, runs of
    records are cleaned in parallel with a bounded window (flat memory)."""
    if pool is None:
        _init_worker(cleaner)
        explain = _record_explainer(name, opts, cleaner)
        fld = opts.field or DEFAULT_FIELD
        for n, body, end in lines:
            yield (
                process_line(
                    n, body, encoding=opts.encoding, field=fld, explain=explain, removals_field=opts.removals_field
                ),
                body,
                end,
            )
        return
    window = pool._max_workers * 3  # type: ignore[attr-defined]
    chunks = _chunks(lines)
    pending: deque[tuple[list[tuple[int, bytes, bytes]], Future[list[LineOutcome]]]] = deque()

    def submit(chunk: list[tuple[int, bytes, bytes]]) -> None:
        pending.append((chunk, pool.submit(_jsonl_chunk, name, [(n, b) for n, b, _ in chunk], opts)))

    for chunk in islice(chunks, window):
        submit(chunk)
    while pending:
        chunk, fut = pending.popleft()
        results = fut.result()
        for chunk_next in islice(chunks, 1):
            submit(chunk_next)
        for (_, body, end), outcome in zip(chunk, results):
            yield outcome, body, end


def _open_input(path: str, name: str) -> IO[bytes]:
    if path == STDIN:
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None


def stream_jsonl(
    path: str,
    opts: Options,
    cleaner: Cleaner,
    pool: ProcessPoolExecutor | None,
    out: Output,
    fmt: str,
    dest: str | None = None,
) -> FileResult:
    """Clean or check one JSONL file (or stdin) record by record, in flat memory.

    Every good record is cleaned; a line that cannot be read is kept byte for byte
    and reported as ``PATH:LINE: why`` (the result's ``record_errors``).  Reports
    and output are written as the records come, in file order; ``--in-place``
    writes a temporary file beside the original and renames it over it only if a
    record changed.
    """
    name = STDIN_NAME if path == STDIN else path
    fld = opts.field or DEFAULT_FIELD
    result = FileResult(name, field=fld, codes=Counter())
    if not is_ascii_compatible(opts.encoding):
        raise InputError(name, f"JSONL is read line by line: {opts.encoding} is not supported for JSONL (use UTF-8)")
    raw = _open_input(path, name)
    src: Any = raw
    writer: AtomicWriter | None = None
    sink: Any = None
    bar: Any = None
    try:
        head = src.peek(8192)[:8192] if hasattr(src, "peek") else b""
        gz = is_gzip_name(path) if path != STDIN else head.startswith(GZIP_MAGIC)
        if gz:
            src = gzip.GzipFile(fileobj=raw, mode="rb")
            try:
                head = src.peek(8192)[:8192]
            except (OSError, EOFError) as exc:
                raise InputError(name, f"not a valid gzip file ({exc})") from None
        nul = head.find(b"\x00")
        if nul >= 0:
            raise InputError(name, f"binary file (NUL byte at offset {nul}); not cleaned")
        bom = codecs.BOM_UTF8 if opts.encoding == "utf-8" and head.startswith(codecs.BOM_UTF8) else b""
        if bom:
            src.read(len(bom))
        if opts.command == "clean":
            if opts.in_place or dest is not None:
                if dest is not None:
                    os.makedirs(os.path.dirname(dest) or ".", exist_ok=True)
                writer = AtomicWriter(dest or path)
                sink = (
                    gzip.GzipFile(filename="", fileobj=writer.file, mode="wb", compresslevel=9, mtime=0)
                    if gz
                    else writer.file
                )
            else:
                sink = out.stdout
            sink.write(bom)
        bar = out.record_bar(name, None if gz or path == STDIN else _size(path))
        for outcome, body, end in _outcomes(name, iter_lines(src), opts, cleaner, pool):
            if outcome.record:
                result.records += 1
            result.skipped += outcome.skipped
            if outcome.error:
                result.record_errors.append(f"{name}:{outcome.number}: {outcome.error}")
                out.err(f"{PROG}: error: {name}:{outcome.number}: {outcome.error}")
            line = body
            if outcome.out is not None:
                try:
                    line = outcome.out.encode(opts.encoding)
                    result.changed = True
                except UnicodeEncodeError as exc:
                    msg = f"{name}:{outcome.number}: cannot encode the cleaned record as {opts.encoding}: {exc.reason}"
                    result.record_errors.append(msg)
                    out.err(f"{PROG}: error: {msg}")
            if outcome.removals:
                result.codes.update(r["code"] for r in outcome.removals)  # type: ignore[union-attr]
                if opts.command == "check":
                    for r in outcome.removals:
                        rep = _dict_report(name, outcome.number, r, {"field": fld})
                        out.line(
                            json.dumps(rep, ensure_ascii=False) if fmt == "json" else format_report(rep), flush=False
                        )
            if sink is not None:
                sink.write(line + end)
            if bar is not None:
                bar.update(len(body) + len(end))
        if writer is not None:
            if gz:
                sink.close()
            if result.changed or dest is not None:
                writer.commit()
                result.fixed = dest is None
            else:
                writer.discard()
            writer = None
        elif sink is not None:
            sink.flush()
    except (OSError, EOFError) as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise InputError(name, f"cannot read or write: {getattr(exc, 'strerror', None) or exc}") from None
    finally:
        if writer is not None:
            writer.discard()
        if bar is not None:
            bar.close()
        if path != STDIN:
            raw.close()
    return result


def _size(path: str) -> int | None:
    try:
        return os.path.getsize(path)
    except OSError:
        return None


# -- the files to process ------------------------------------------------------------


def _matches(patterns: Sequence[str], name: str, rel: str) -> bool:
    """A glob with a ``/`` is matched against the path under the walked folder,
    one without against the file or folder name."""
    return any(fnmatch.fnmatch(rel if "/" in p else name, p) for p in patterns)


@dataclass
class Walk:
    """The files to process, and what the walk has to say about the rest."""

    files: list[str] = field(default_factory=list)
    #: each file's path under the folder it was found in (its name for a named file)
    rel: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _inside(path: str, root: str) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def collect_files(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str], *, clean_temps: bool = False
) -> Walk:
    """The files to process: named files as given, folders walked in sorted order.

    Folders are walked recursively.  The walk skips hidden files and folders
    (``.git``, the ``.NAME.*.newsclean.tmp`` files of in-place writes), the project
    files of :data:`DEFAULT_EXCLUDE`, what matches ``exclude``, files not matching
    ``include``, symbolic links to files outside the walked folder, and anything
    that is not a regular file (with a warning).  A folder it cannot read is an
    error.  Named files are always processed (pre-commit names them) if they are
    regular files; a path given twice is processed once.  With ``clean_temps``
    stale temporary files of killed in-place runs are removed on the way.
    """
    walk = Walk()
    seen: set[str] = set()

    def add(p: str, rel: str | None = None) -> None:
        key = p if p == STDIN else os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            walk.files.append(p)
            walk.rel[p] = rel or os.path.basename(p)

    for p in paths:
        if p == STDIN:
            add(p)
            continue
        if os.path.isdir(p):

            def onerror(exc: OSError, top: str = p) -> None:
                walk.errors.append(f"{exc.filename or top}: cannot read folder: {exc.strerror or exc}")

            for root, dirs, files in os.walk(p, onerror=onerror):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".") and not _matches(exclude, d, relative_posix(os.path.join(root, d), p))
                )
                if clean_temps and any(f.endswith(TMP_SUFFIX) for f in files):
                    remove_stale_temps(root)
                for f in sorted(files):
                    if f.startswith(".") or f.endswith(TMP_SUFFIX):
                        continue
                    full = os.path.normpath(os.path.join(root, f))
                    rel = relative_posix(full, p)
                    if not _matches(include, f, rel) or _matches(exclude, f, rel) or _DEFAULT_EXCLUDE_RE.search(rel):
                        continue
                    if os.path.islink(full) and not _inside(full, p):
                        walk.warnings.append(f"{full}: skipped: a symbolic link to a file outside {p}")
                        continue
                    try:
                        mode = os.stat(full).st_mode
                    except OSError as exc:
                        walk.errors.append(f"{full}: cannot read: {exc.strerror or exc}")
                        continue
                    if not stat.S_ISREG(mode):
                        walk.warnings.append(f"{full}: skipped: not a regular file")
                        continue
                    add(full, rel)
            continue
        try:
            mode = os.stat(p).st_mode
        except OSError:
            add(p)  # reading it reports why (no such file, permission denied)
            continue
        if not stat.S_ISREG(mode):
            walk.warnings.append(f"{p}: skipped: not a regular file")
            continue
        add(p)
    return walk


# -- reporting ----------------------------------------------------------------------


def excerpt(text: str, width: int = EXCERPT_WIDTH) -> str:
    """The first non-blank line of a removal, squeezed to ``width`` characters, and
    how many more lines the removal spans."""
    lines = [ln for ln in split_lines(text)[0] if ln.strip()]
    first = " ".join(lines[0].split()) if lines else ""
    if len(first) > width:
        first = first[: width - 1].rstrip() + "\u2026"
    if len(lines) > 1:
        first += f" (+{len(lines) - 1} more line{'s' if len(lines) > 2 else ''})"
    return first


#: How much of a removal's evidence the text report shows.
EVIDENCE_WIDTH = 60


def short_evidence(evidence: str, width: int = EVIDENCE_WIDTH) -> str:
    """The evidence on one line, cut to ``width`` characters."""
    text = " ".join(str(evidence).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def format_report(report: dict[str, Any]) -> str:
    """``PATH:LINE: CODE rule-name [short evidence]: excerpt``."""
    ev = short_evidence(report.get("evidence", ""))
    why = f" [{ev}]" if ev else ""
    return f"{report['path']}:{report['line']}: {report['code']} {report['name']}{why}: {excerpt(report['text'])}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class Totals:
    """Counts for the summary line."""

    files: int = 0
    changed: int = 0
    errors: int = 0
    records: int = 0
    codes: Counter[str] = field(default_factory=Counter)

    def add(self, r: FileResult) -> None:
        self.files += 1
        if r.error:
            self.errors += 1
            return
        self.errors += len(r.record_errors)
        self.changed += r.changed
        self.records += r.records
        self.codes.update(r.codes if r.codes is not None else (rep["code"] for rep in r.reports))

    def summary(self, command: str) -> str:
        n = sum(self.codes.values())
        files = _plural(self.files, "file")
        if self.records:
            files += f" ({_plural(self.records, 'JSONL record')})"
        changed = f"{self.changed} with boilerplate" if command == "check" else f"{self.changed} changed"
        parts = [files, changed, _plural(n, "removal")]
        if self.codes:
            parts[-1] += " (" + ", ".join(f"{c} x{k}" for c, k in sorted(self.codes.items())) + ")"
        if self.errors:
            parts.append(_plural(self.errors, "error"))
        return f"{PROG}: " + ", ".join(parts)


class Output:
    """Writes bytes to stdout and messages to stderr, around an optional progress bar."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.stdout: IO[bytes] = sys.stdout.buffer
        self.bar: Any = None
        self.quiet = quiet
        if not quiet and total >= PROGRESS_MIN_FILES and sys.stderr.isatty():
            tqdm = self._tqdm()
            if tqdm is not None:
                self.bar = tqdm(total=total, unit="file", file=sys.stderr, leave=False, dynamic_ncols=True)

    @staticmethod
    def _tqdm() -> Any:
        try:
            from tqdm import tqdm
        except ImportError:  # progress is a nicety; never a reason to fail
            return None
        return tqdm

    record: Any = None  # the current JSONL file's bar

    def record_bar(self, name: str, total: int | None) -> Any:
        """A progress bar over one JSONL file, advanced record by record (by the
        bytes each record takes), on a terminal only."""
        if self.quiet or not sys.stderr.isatty():
            return None
        tqdm = self._tqdm()
        if tqdm is None:
            return None
        self.record = tqdm(
            total=total,
            unit="B",
            unit_scale=True,
            desc=os.path.basename(name),
            file=sys.stderr,
            leave=False,
            dynamic_ncols=True,
            position=1 if self.bar is not None else 0,
        )
        return self.record

    def _clear(self) -> None:
        if self.bar is not None:
            self.bar.clear()

    def write(self, data: bytes, flush: bool = True) -> None:
        if data:
            if flush:
                self._clear()
            self.stdout.write(data)
            if flush:
                self.stdout.flush()

    def line(self, text: str, flush: bool = True) -> None:
        self.write(text.encode("utf-8", "surrogateescape") + b"\n", flush)

    def err(self, text: str) -> None:
        self._clear()
        if self.record is not None and not self.record.disable:
            self.record.clear()
        sys.stdout.flush()
        print(text, file=sys.stderr, flush=True)

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# -- commands -----------------------------------------------------------------------


class UsageError(Exception):
    """A usage or config error: reported as ``newsclean: error: ...``, exit 2."""


def _selectors(values: list[str] | None) -> str | None:
    """Repeated and comma-separated ``--select`` values as one selector string."""
    return None if values is None else ",".join(values)


def load_options(args: argparse.Namespace) -> FileConfig:
    """``--config FILE``, or the nearest pyproject.toml with ``[tool.newsclean]``
    (from the current folder up), or the defaults."""
    try:
        if args.config:
            return load_file_config(args.config)
        found = find_pyproject(os.getcwd())
        return load_file_config(found) if found else FileConfig(Config())
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def build_cleaner(args: argparse.Namespace, base: Config | None = None) -> Cleaner:
    """The cleaner for this run: the config file's options, then the flags on top."""
    if base is None:
        base = load_options(args).config
    try:
        config = base.merged(
            select=_selectors(args.select),
            ignore=_selectors(args.ignore),
            extend_select=_selectors(args.extend_select),
            preset=args.preset,
            lang=args.lang,
            # flags add to the file's phrases
            remove_lines=(*base.remove_lines, *args.remove_lines) if args.remove_lines else None,
            keep_lines=(*base.keep_lines, *args.keep_lines) if args.keep_lines else None,
            model=args.model,
        )
        # site profiles: --profile, else `profile` of the config file
        return Cleaner(config=config, profile=args.profile or config.profile)
    except (ConfigError, ProfileError) as exc:
        raise UsageError(str(exc)) from None


def _is_jsonl_input(path: str, opts: Options) -> bool:
    if path == STDIN:
        return opts.field is not None
    return is_jsonl_name(path)


def cmd_files(args: argparse.Namespace) -> int:
    """``clean`` and ``check``: process the files and report."""
    command = args.command
    in_place = getattr(args, "in_place", False)
    diff = getattr(args, "diff", False)
    fmt = getattr(args, "format", "text")
    try:
        encoding = normalize_encoding(args.encoding)
    except LookupError:
        raise UsageError(f"unknown encoding {args.encoding!r}") from None
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per CPU) or more")
    jobs = args.jobs or os.cpu_count() or 1
    paths = args.paths or [STDIN]
    if in_place and STDIN in paths:
        raise UsageError("--in-place needs file or folder paths, not stdin")
    if diff and fmt == "json":
        raise UsageError("--diff and --format json cannot be combined")
    if paths.count(STDIN) > 1:
        raise UsageError("stdin ('-') can only be read once")
    output_dir = getattr(args, "output_dir", None)
    if output_dir and in_place:
        raise UsageError("--in-place and --output-dir cannot be combined")
    if output_dir and STDIN in paths:
        raise UsageError("--output-dir needs file or folder paths, not stdin")
    if command == "clean" and not in_place and not output_dir:
        folders = [p for p in paths if p != STDIN and os.path.isdir(p)]
        if folders:
            raise UsageError(
                f"{folders[0]} is a folder: `clean` without --in-place writes one stream to stdout, which would "
                "run the files together; use --in-place to rewrite the files, or --output-dir DIR to write "
                "the cleaned files under DIR"
            )

    file_config = load_options(args)
    cleaner = build_cleaner(args, file_config.config)
    if args.include:
        include: Sequence[str] = args.include
    elif file_config.include:
        include = file_config.include
    else:
        with_html = html_available() and not in_place and not diff
        include = TEXT_GLOBS + (HTML_GLOBS if with_html else ())
    exclude = (*file_config.exclude, *(args.exclude or ()))
    walk = collect_files(paths, include, exclude, clean_temps=in_place)
    files = walk.files
    opts = Options(
        command=command,
        in_place=in_place,
        diff=diff,
        field=args.field,
        removals_field=getattr(args, "removals_field", None),
        encoding=encoding,
        html=args.html,
        include_comments=args.include_comments,
        engine=args.engine,
        output_dir=output_dir,
        group=args.group,
    )

    def dest(path: str) -> str | None:
        if not output_dir:
            return None
        rel = walk.rel.get(path, os.path.basename(path))
        if not _is_jsonl_input(path, opts) and (args.html or is_html_name(path)):
            rel = re.sub(r"(?i)\.html?(\.gz)?$", "", rel) + ".txt"  # the output is the article text
        return os.path.join(output_dir, rel)

    totals = Totals()
    totals.errors += len(walk.errors)
    out = Output(len(files), args.quiet)
    for msg in walk.errors:
        out.err(f"{PROG}: error: {msg}")
    if not args.quiet:
        for msg in walk.warnings:
            out.err(f"{PROG}: warning: {msg}")
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(cleaner,)) if jobs > 1 else None

    def report(r: FileResult) -> None:
        totals.add(r)
        if r.error:
            out.err(f"{PROG}: error: {r.error}")
            return
        for msg in r.record_errors if r.codes is None else ():  # streamed files printed theirs already
            out.err(f"{PROG}: error: {msg}")
        if r.skipped and not args.quiet:
            out.err(
                f"{PROG}: warning: {r.path}: {r.skipped} of {_plural(r.records, 'record')} "
                f"have no string field {r.field!r}; left as they are"
            )
        if command == "check" and not diff:
            for rep in r.reports:
                out.line(json.dumps(rep, ensure_ascii=False) if fmt == "json" else format_report(rep))
        if r.fixed:
            out.line(f"Fixing {r.path}")
        out.write(r.output)
        out.step()

    def streamed(path: str) -> FileResult:
        try:
            return stream_jsonl(path, opts, cleaner, pool, out, fmt, dest(path))
        except InputError as exc:
            return FileResult(exc.path, error=str(exc))

    try:
        # JSONL files stream record by record (records in parallel with -j); the
        # other files are whole tasks (files in parallel with -j); input order kept
        batch: list[str] = []

        def flush_batch() -> None:
            if batch:
                tasks = [(p, sys.stdin.buffer.read() if p == STDIN else None, dest(p)) for p in batch]
                for r in run_ordered(tasks, opts, cleaner, pool if len(tasks) > 1 else None):
                    report(r)
                batch.clear()

        for path in files:
            if _is_jsonl_input(path, opts) and not diff:
                flush_batch()
                report(streamed(path))
            else:
                batch.append(path)
        flush_batch()
    finally:
        out.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if not args.quiet:
        if not files and not walk.errors:
            out.err(f"{PROG}: warning: no files matched")
        out.err(totals.summary(command))
    if totals.errors:
        return EXIT_ERROR
    if command == "check" and totals.changed:
        return EXIT_FOUND
    if command == "clean" and getattr(args, "exit_non_zero_on_fix", False) and totals.changed:
        return EXIT_FOUND
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    """``rules``: one line per registered rule (or one JSON object with ``--format json``)."""
    from .registry import all_rules

    rules = all_rules()
    if args.format == "json":
        for r in rules:
            print(
                json.dumps(
                    {
                        "code": r.code,
                        "name": r.name,
                        "category": r.category,
                        "languages": list(r.languages),
                        "presets": list(r.presets),
                    }
                )
            )
        return EXIT_OK
    if not rules:
        print(f"{PROG}: no rules are registered", file=sys.stderr)
        return EXIT_OK
    rows = [("CODE", "NAME", "CATEGORY", "LANGUAGES")]
    rows += [(r.code, r.name, r.category, ",".join(r.languages)) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[3])
    return EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    """``rule CODE``: a rule's documentation, with its examples."""
    from .registry import all_rules, get_rule

    try:
        rule = get_rule(args.code)
    except KeyError:
        known = [r.code for r in all_rules()] + [r.name for r in all_rules()]
        close = difflib.get_close_matches(args.code.upper(), [k.upper() for k in known], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `newsclean rules` lists them"
        raise UsageError(f"no rule {args.code!r}{hint}") from None
    lines = [
        f"{rule.code} {rule.name}",
        "",
        f"category:  {rule.category}",
        f"languages: {', '.join(rule.languages)}",
        f"presets:   {', '.join(rule.presets)}",
        "",
        rule.doc(),
    ]
    for title, examples in (
        ("Removed, for example:", rule.examples_remove),
        ("Kept, for example:", rule.examples_keep),
    ):
        for k, ex in enumerate(examples):
            lines += ["", title] if k == 0 else [""]
            lines += ["    " + ln for ln in ex.splitlines()]
    print("\n".join(lines))
    return EXIT_OK


# -- argument parsing ---------------------------------------------------------------

DESCRIPTION = """\
Remove boilerplate lines (donation appeals, comment sections, navigation, captions,
syndication notices, promotions) from news article text, plain or JSONL corpora.

  newsclean clean article.txt > clean.txt      cleaned text to stdout
  newsclean clean --in-place corpus/           rewrite the files that change
  newsclean clean -o out/ corpus/              cleaned copies under out/
  newsclean check corpus/                      report, exit 1 if anything would go
  cat page.txt | newsclean clean               stdin to stdout
  newsclean rules                              list the rules; `newsclean rule A101`

exit codes: 0 nothing to report, 1 `check` found boilerplate, 2 usage, config or
input error (the other files and records are still processed).
"""

EPILOG = """\
Options come from [tool.newsclean] in the nearest pyproject.toml (looked up from
the current folder) or from --config FILE; flags override them.
"""


class _Formatter(argparse.HelpFormatter):
    """Wraps each paragraph of a description on its own; keeps indented lines (examples) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for para in text.strip("\n").split("\n\n"):
            lines = para.splitlines()
            if any(ln.startswith("  ") for ln in lines):
                paragraphs.append("\n".join(indent + ln for ln in lines))
            else:
                paragraphs.append(
                    textwrap.fill(" ".join(para.split()), width, initial_indent=indent, subsequent_indent=indent)
                )
        return "\n\n".join(paragraphs) + "\n"


def _file_options() -> argparse.ArgumentParser:
    """The options shared by ``clean`` and ``check``."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders to process; '-' or none reads stdin (gzip and HTML are sniffed). "
        "Folders are walked, skipping hidden files and folders, project files (README, LICENSE, "
        "requirements*... .txt), non-regular files and links to files outside the folder; "
        "named files are always processed",
    )
    sel = p.add_argument_group("rule selection (override the config file)")
    sel.add_argument(
        "--select",
        action="append",
        metavar="SELECTORS",
        help="run only these rules: codes or code prefixes (A101, A), names or categories, comma-separated",
    )
    sel.add_argument("--ignore", action="append", metavar="SELECTORS", help="do not run these rules")
    sel.add_argument("--extend-select", action="append", metavar="SELECTORS", help="run these rules too")
    sel.add_argument(
        "--preset", choices=("safe", "default", "aggressive"), help="the base set of rules (default: default)"
    )
    sel.add_argument("--lang", metavar="CODE", help="language of the documents (ISO 639-1, e.g. en); default: detect")
    sel.add_argument("--config", metavar="FILE", help="read options from FILE instead of the nearest pyproject.toml")
    sel.add_argument(
        "--remove-lines",
        action="append",
        metavar="PHRASE",
        help="remove lines containing PHRASE (case-insensitive; 're:' makes a regex); repeatable, "
        "adds to the config file's remove-lines; rule U101",
    )
    sel.add_argument(
        "--model", metavar="FILE", help="a segmenter model file for M101 (default: the shipped one; see the README)"
    )
    sel.add_argument(
        "--keep-lines",
        action="append",
        metavar="PHRASE",
        help="never remove lines containing PHRASE (case-insensitive; 're:' makes a regex); repeatable",
    )
    inp = p.add_argument_group("input")
    inp.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="file globs to take from folders (repeatable; replaces the default "
        f"{', '.join(TEXT_GLOBS + HTML_GLOBS)}; HTML only when the HTML mode is installed and not with --in-place or --diff)",
    )
    inp.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        help="file or folder globs to skip in folders (repeatable); a glob with '/' is matched against the path under the folder",
    )
    inp.add_argument(
        "--field",
        metavar="NAME",
        help=f"the string field to clean in JSONL records (default: {DEFAULT_FIELD}); with stdin, reads JSONL",
    )
    inp.add_argument(
        "--html", action="store_true", help="treat every input (or the JSONL field) as HTML; output is the article text"
    )
    inp.add_argument(
        "--include-comments",
        action="store_true",
        help="HTML: write the page's reader comments after the article text, after one empty line (text input: no effect)",
    )
    inp.add_argument(
        "--engine",
        choices=("trafilatura", "blocks"),
        default="trafilatura",
        help="HTML: how the body is found: trafilatura's choice of block, then the rules (default), or the "
        "block engine, a learned model of the page's blocks (M102); text input: no effect",
    )
    inp.add_argument(
        "--encoding",
        default="utf-8",
        metavar="NAME",
        help="encoding to decode and re-encode files with (default: utf-8, strict; a BOM is kept)",
    )
    # site profiles (newsclean learn)
    prof = p.add_argument_group("site profile")
    prof.add_argument("--profile", metavar="FILE", help="remove the lines a site profile (from `newsclean learn`) knows as boilerplate (rule L101)")
    prof.add_argument("--group", metavar="NAME", help="the profile group (site) of every input; default: a text file's folder name, or the profile's only group")
    run = p.add_argument_group("running")
    run.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="process files, and the records of a JSONL file, in N processes; output in input order (0: one per CPU)",
    )
    run.add_argument(
        "-q", "--quiet", action="store_true", help="no summary, warnings or progress bar (errors are still shown)"
    )
    return p


def build_parser() -> argparse.ArgumentParser:
    """The ``newsclean`` argument parser."""
    parser = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=_Formatter)
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = _file_options()

    clean = sub.add_parser(
        "clean",
        parents=[common],
        help="write cleaned text to stdout, or fix files with --in-place",
        description="Write the cleaned text of every input to stdout, in input order, rewrite "
        "the files with --in-place, or write cleaned copies under --output-dir (a folder needs one of "
        "these two). JSONL files (.jsonl, .jsonl.gz) have one field of each "
        "record cleaned. HTML pages (.html, .htm, or --html) give their article text.\n\n"
        "exit codes: 0 done (also when files were fixed, unless --exit-non-zero-on-fix), "
        "1 files changed and --exit-non-zero-on-fix was given, 2 usage, config or input error.",
        formatter_class=_Formatter,
    )
    clean.add_argument(
        "-i",
        "--in-place",
        action="store_true",
        help="rewrite the files that change (atomically, permissions, BOM and line endings kept) "
        "and print 'Fixing PATH'; unchanged files are not touched",
    )
    clean.add_argument(
        "-o",
        "--output-dir",
        metavar="DIR",
        help="write each cleaned file under DIR (at its path under the walked folder; HTML pages as NAME.txt) "
        "instead of to stdout",
    )
    clean.add_argument(
        "--removals-field",
        metavar="NAME",
        help="JSONL: add the list of removals to each record under NAME",
    )
    clean.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="exit 1 when anything was changed (pre-commit detects changed files itself)",
    )

    check = sub.add_parser(
        "check",
        parents=[common],
        help="report what would be removed; exit 1 if anything would be",
        description="Report every removal as 'PATH:LINE: CODE rule-name: excerpt' without writing anything. "
        "LINE is the record's line in JSONL files, and 0 for HTML pages (their removals are "
        "elements of the page or lines of the extracted text, not lines of the file).\n\n"
        "exit codes: 0 nothing would be removed, 1 something would be, 2 usage, config or input error.",
        formatter_class=_Formatter,
    )
    check.add_argument("--diff", action="store_true", help="print a unified diff of the changes instead")
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json: one JSON object per removal (path, line, code, name, category, lines, start, end, text, evidence)",
    )

    rules = sub.add_parser(
        "rules",
        help="list every rule: code, name, category, languages",
        description="List every registered rule (built-in and plugins): code, name, category and "
        "the languages it has vocabulary for ('*': any language). `newsclean rule CODE` shows one rule's documentation.",
        formatter_class=_Formatter,
    )
    rules.add_argument("--format", choices=("text", "json"), default="text", help="json: one object per rule")

    rule = sub.add_parser(
        "rule",
        help="show a rule's documentation",
        description="Print a rule's documentation: what it removes and why, its category, languages, "
        "presets, and examples of lines it removes and keeps.",
        formatter_class=_Formatter,
    )
    rule.add_argument("code", metavar="CODE", help="a rule code (A101) or name")

    cli_learn.add_parser(sub, _Formatter)  # site profiles: `newsclean learn`
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (pre-commit style ``main(argv) -> int``)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "rule":
            return cmd_rule(args)
        if args.command == "learn":
            return cli_learn.cmd_learn(args)
        return cmd_files(args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`newsclean clean corpus/ | head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
