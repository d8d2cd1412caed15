"""The ``newsclean`` command: clean corpora from the shell and from pre-commit.

Subcommands:

- ``newsclean clean [PATH ...]``: cleaned text to stdout, or ``--in-place``.
- ``newsclean check [PATH ...]``: report what would be removed (lines, ``--diff``
  or ``--format json``); exit 1 when anything would be.
- ``newsclean rules`` / ``newsclean rule CODE``: list rules, show one rule's docs.

Exit codes: 0 success with nothing to report, 1 ``check`` found boilerplate (or
``clean --exit-non-zero-on-fix`` changed something), 2 usage, config or input error.
A bad file is reported on one line and skipped; the other files are still done.

Why it is built this way: files are handled as bytes by :mod:`newsclean.io`, so
kept lines, line endings, a BOM and a missing final newline survive byte for
byte; every file is one independent task, so ``--jobs`` runs them in worker
processes and the output keeps the order of the input.
"""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import functools
import importlib
import importlib.util
import json
import os
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
from .profile import ProfileError
from .config import Config, ConfigError, find_pyproject, load_config_file
from .document import split_lines
from .engine import Cleaner
from .io import (
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
    transform_jsonl,
)

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


def process(path: str, opts: Options, data: bytes | None = None) -> FileResult:
    """Clean or check one file (``data`` is given for stdin); never raises for bad input."""
    name = STDIN_NAME if path == STDIN else path
    try:
        return _process(path, name, opts, data)
    except InputError as exc:
        return FileResult(name, error=str(exc))
    except Exception as exc:  # a bug must not lose the rest of a corpus run
        return FileResult(name, error=f"{name}: internal error: {type(exc).__name__}: {exc} (please report it)")


def _process(path: str, name: str, opts: Options, data: bytes | None) -> FileResult:
    cleaner = _CLEANER
    assert cleaner is not None, "worker not initialised"
    raw = read_bytes(path) if data is None else data
    gz = path != STDIN and is_gzip_name(path)
    content = gunzip(raw, name) if gz else raw
    html = opts.html or (path != STDIN and is_html_name(path))
    jsonl = (path != STDIN and is_jsonl_name(path)) or (path == STDIN and opts.field is not None)
    result = FileResult(name)

    if html and not jsonl:
        return _process_html(name, content, opts, cleaner, result)

    text, bom = decode(content, name, opts.encoding)
    if jsonl:
        fld = opts.field or DEFAULT_FIELD
        explain = cleaner.explain if not html else _html_explainer(name, cleaner)
        if cleaner.profile is not None and opts.group is not None:  # site profiles: one group for every record
            explain = functools.partial(cleaner.explain, group=opts.group)
        outcome = transform_jsonl(text, name, field=fld, explain=explain, removals_field=opts.removals_field)
        new = outcome.text
        result.records, result.skipped, result.field = outcome.records, outcome.skipped, fld
        for number, removals in outcome.reports:
            result.reports.extend(_report(name, number, r, {"field": fld}) for r in removals)
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


def _html_explainer(name: str, cleaner: Cleaner) -> Callable[[Any], Any]:
    mod = html_module()
    if mod is None:
        raise InputError(name, "HTML input needs the HTML mode (newsclean.html), which this installation lacks")

    def explain(markup: Any) -> Any:
        try:
            return mod.explain_html(markup, cleaner=cleaner)
        except mod.NotHTMLError as exc:  # binary data, no markup, undecodable bytes
            raise InputError(name, str(exc)) from None

    return explain


def _process_html(name: str, content: bytes, opts: Options, cleaner: Cleaner, result: FileResult) -> FileResult:
    """HTML pages: the output is the article text extracted from the page."""
    if opts.in_place:
        raise InputError(name, "HTML is not cleaned in place: the output is the article text, not HTML")
    if opts.diff:
        raise InputError(name, "--diff does not apply to HTML: the output is the article text, not a new version of the page")
    explain = _html_explainer(name, cleaner)
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
    tasks: Iterable[tuple[str, bytes | None]], opts: Options, cleaner: Cleaner, jobs: int
) -> Iterator[FileResult]:
    """Results of :func:`process` over ``tasks``, in task order.

    With ``jobs > 1`` the files are processed by a pool of worker processes; a
    bounded window of pending tasks keeps memory flat on large corpora while the
    results are still yielded in input order.
    """
    if jobs <= 1:
        _init_worker(cleaner)
        for path, data in tasks:
            yield process(path, opts, data)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(cleaner,)) as pool:
        it = iter(tasks)
        pending: deque[Future[FileResult]] = deque(pool.submit(process, p, opts, d) for p, d in islice(it, jobs * 4))
        while pending:
            result = pending.popleft().result()
            for p, d in islice(it, 1):
                pending.append(pool.submit(process, p, opts, d))
            yield result


def _matches(patterns: Sequence[str], name: str, rel: str) -> bool:
    """A glob with a ``/`` is matched against the path under the walked folder,
    one without against the file or folder name."""
    return any(fnmatch.fnmatch(rel if "/" in p else name, p) for p in patterns)


def collect_files(paths: Sequence[str], include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """The files to process: named files as given, folders walked in sorted order.

    Folders are walked recursively, skipping hidden folders (``.git``...) and those
    matching ``exclude``; their files are kept if they match ``include`` and not
    ``exclude``.  Named files are always processed (pre-commit names them), and a
    path given twice is processed once.
    """
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = p if p == STDIN else os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for p in paths:
        if p != STDIN and os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".") and not _matches(exclude, d, relative_posix(os.path.join(root, d), p))
                )
                for f in sorted(files):
                    full = os.path.normpath(os.path.join(root, f))
                    rel = relative_posix(full, p)
                    if _matches(include, f, rel) and not _matches(exclude, f, rel):
                        add(full)
        else:
            add(p)
    return out


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


def format_report(report: dict[str, Any]) -> str:
    """``PATH:LINE: CODE rule-name: excerpt``."""
    return f"{report['path']}:{report['line']}: {report['code']} {report['name']}: {excerpt(report['text'])}"


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
        self.changed += r.changed
        self.records += r.records
        self.codes.update(rep["code"] for rep in r.reports)

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
        if not quiet and total >= PROGRESS_MIN_FILES and sys.stderr.isatty():
            try:
                from tqdm import tqdm
            except ImportError:  # progress is a nicety; never a reason to fail
                tqdm = None
            if tqdm is not None:
                self.bar = tqdm(total=total, unit="file", file=sys.stderr, leave=False, dynamic_ncols=True)

    def _clear(self) -> None:
        if self.bar is not None:
            self.bar.clear()

    def write(self, data: bytes) -> None:
        if data:
            self._clear()
            self.stdout.write(data)
            self.stdout.flush()

    def line(self, text: str) -> None:
        self.write(text.encode("utf-8", "surrogateescape") + b"\n")

    def err(self, text: str) -> None:
        self._clear()
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


def build_cleaner(args: argparse.Namespace) -> Cleaner:
    """The cleaner for this run: ``--config FILE`` or the nearest pyproject.toml
    with ``[tool.newsclean]`` (from the current folder up), then the flags on top."""
    try:
        if args.config:
            base = load_config_file(args.config)
        else:
            found = find_pyproject(os.getcwd())
            base = load_config_file(found) if found else Config()
        config = base.merged(
            select=_selectors(args.select),
            ignore=_selectors(args.ignore),
            extend_select=_selectors(args.extend_select),
            preset=args.preset,
            lang=args.lang,
        )
        # site profiles: --profile, else `profile` of the config file
        return Cleaner(config=config, profile=args.profile or config.profile)
    except (ConfigError, ProfileError) as exc:
        raise UsageError(str(exc)) from None


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

    cleaner = build_cleaner(args)
    if args.include:
        include: Sequence[str] = args.include
    else:
        with_html = html_available() and not in_place and not diff
        include = TEXT_GLOBS + (HTML_GLOBS if with_html else ())
    files = collect_files(paths, include, args.exclude or ())
    opts = Options(
        command=command,
        in_place=in_place,
        diff=diff,
        field=args.field,
        removals_field=getattr(args, "removals_field", None),
        encoding=encoding,
        html=args.html,
        group=args.group,
    )
    stdin_data = sys.stdin.buffer.read() if STDIN in files else None
    tasks = [(p, stdin_data if p == STDIN else None) for p in files]

    totals = Totals()
    out = Output(len(files), args.quiet)
    try:
        for r in run_ordered(tasks, opts, cleaner, jobs if len(files) > 1 else 1):
            totals.add(r)
            if r.error:
                out.err(f"{PROG}: error: {r.error}")
            else:
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
    finally:
        out.close()
    if not args.quiet:
        if not files:
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
    for title, examples in (("Removed, for example:", rule.examples_remove), ("Kept, for example:", rule.examples_keep)):
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
  newsclean check corpus/                      report, exit 1 if anything would go
  cat page.txt | newsclean clean               stdin to stdout
  newsclean rules                              list the rules; `newsclean rule A101`

exit codes: 0 nothing to report, 1 `check` found boilerplate, 2 usage, config or
input error (the other files are still processed).
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
                paragraphs.append(textwrap.fill(" ".join(para.split()), width, initial_indent=indent, subsequent_indent=indent))
        return "\n\n".join(paragraphs) + "\n"


def _file_options() -> argparse.ArgumentParser:
    """The options shared by ``clean`` and ``check``."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders to process; '-' or none reads stdin. Folders are walked "
        "(hidden folders skipped); named files are always processed",
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
    sel.add_argument("--preset", choices=("safe", "default", "aggressive"), help="the base set of rules (default: default)")
    sel.add_argument("--lang", metavar="CODE", help="language of the documents (ISO 639-1, e.g. en); default: detect")
    sel.add_argument("--config", metavar="FILE", help="read options from FILE instead of the nearest pyproject.toml")
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
    inp.add_argument("--html", action="store_true", help="treat every input (or the JSONL field) as HTML; output is the article text")
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
    run.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="process files in N processes, output in input order (0: one per CPU)")
    run.add_argument("-q", "--quiet", action="store_true", help="no summary, warnings or progress bar (errors are still shown)")
    return p


def build_parser() -> argparse.ArgumentParser:
    """The ``newsclean`` argument parser."""
    parser = argparse.ArgumentParser(
        prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=_Formatter
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = _file_options()

    clean = sub.add_parser(
        "clean",
        parents=[common],
        help="write cleaned text to stdout, or fix files with --in-place",
        description="Write the cleaned text of every input to stdout, in input order, or rewrite "
        "the files with --in-place. JSONL files (.jsonl, .jsonl.gz) have one field of each "
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
