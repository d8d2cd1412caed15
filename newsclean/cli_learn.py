"""``newsclean learn``: learn a site profile from a corpus (see :mod:`newsclean.profile`).

::

    newsclean learn corpus/ -o .newsclean-profile.json
    newsclean learn pages.jsonl.gz --key url --field text -o profile.json
    newsclean learn shard1.jsonl --save-state shard1.state      # per shard...
    newsclean learn --merge-state shard1.state shard2.state -o profile.json  # ...then merge

Inputs: text files (``.txt``, ``.txt.gz``: one page each), JSONL (``.jsonl``,
``.jsonl.gz``: one page per record, its ``--field``), and folders of them (walked
in sorted order, hidden entries skipped).  Files are read as streams, so a JSONL
file of any size is learned in the memory of the profile learner.

Groups (``--key``): ``url`` (default for JSONL) groups a record by the host of its
``url`` field; any other name by that field's value; ``folder`` (default for text
files) by the name of the file's folder; ``none`` puts everything in one group.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .profile import (
    DEFAULT_GROUP,
    GUARD,
    GUARDS,
    MIN_DOCS,
    MIN_GROUP,
    MIN_SHARE,
    ProfileError,
    ProfileLearner,
    group_of,
)

TEXT_SUFFIXES = (".txt", ".txt.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


class LearnInputError(Exception):
    """One file or record that cannot be learned from (reported, then skipped)."""


def _files(paths: Sequence[str]) -> Iterator[str]:
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith(".") and name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES):
                        yield os.path.join(root, name)
        else:
            yield p


def _open_text(path: str) -> io.TextIOBase:
    raw = gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")  # type: ignore[arg-type]


def iter_documents(
    paths: Sequence[str],
    *,
    key: str | None = None,
    field: str = "text",
    errors: list[str] | None = None,
) -> Iterator[tuple[str, str]]:
    """``(text, group)`` for every page under ``paths``.  Unreadable files and bad
    records are described in ``errors`` (when given) and skipped, never fatal."""

    def fail(msg: str) -> None:
        if errors is None:
            raise LearnInputError(msg)
        errors.append(msg)

    for path in _files(paths):
        is_jsonl = path.endswith(JSONL_SUFFIXES)
        k = key or ("url" if is_jsonl else "folder")
        try:
            with _open_text(path) as fh:
                if not is_jsonl:
                    text = fh.read()
                    group = DEFAULT_GROUP if k == "none" else (Path(path).resolve().parent.name if k == "folder" else DEFAULT_GROUP)
                    yield text, group
                    continue
                for number, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as exc:
                        fail(f"{path}:{number}: invalid JSON ({exc.msg}); record skipped")
                        continue
                    if not isinstance(record, dict) or not isinstance(record.get(field), str):
                        fail(f"{path}:{number}: no string field {field!r}; record skipped")
                        continue
                    if k == "none":
                        group = DEFAULT_GROUP
                    elif k == "folder":
                        group = Path(path).resolve().parent.name
                    else:
                        group = group_of(record, k)
                    yield record[field], group
        except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
            fail(f"{path}: cannot read: {exc}")


def group_for_path(cleaner: Any, path: str, group: str | None = None) -> str | None:
    """The profile group of a file being cleaned: ``group`` if given, else the name
    of the file's folder when the profile has that group, else ``None`` (then a
    profile of one group applies to everything)."""
    profile = getattr(cleaner, "profile", None)
    if profile is None or group is not None:
        return group
    folder = Path(path).resolve().parent.name if path and path != "-" else ""
    return folder if folder in profile.groups else None


def add_parser(sub: Any, formatter: Any = argparse.HelpFormatter) -> None:
    """Register the ``learn`` subcommand on the CLI's subparsers."""
    p = sub.add_parser(
        "learn",
        help="learn a site profile (each outlet's own boilerplate lines) from a corpus",
        description=(__doc__ or "").split("\n\n", 1)[0]
        + " Lines seen on at least --min-docs pages and --min-share of a group's pages are that "
        "group's boilerplate; `clean`/`check --profile FILE` then remove them (rule L101).\n\n"
        "exit codes: 0 done, 2 usage error or unreadable input (the profile is still written from the rest).",
        formatter_class=formatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="text files, JSONL files or folders of them")
    p.add_argument("-o", "--output", metavar="FILE", help="write the profile (JSON) here (needed unless --save-state is given)")
    p.add_argument("--key", metavar="NAME", help="group pages by: url (host), folder, none, or a JSONL field name")
    p.add_argument("--field", default="text", metavar="NAME", help="the text field of JSONL records (default: text)")
    p.add_argument("--min-docs", type=int, default=MIN_DOCS, metavar="K", help=f"pages a line must be on (default: {MIN_DOCS})")
    p.add_argument("--min-share", type=float, default=MIN_SHARE, metavar="S", help=f"share of a group's pages a line must be on (default: {MIN_SHARE})")
    p.add_argument("--min-group", type=int, default=MIN_GROUP, metavar="N", help=f"pages a group needs to get a profile (default: {MIN_GROUP})")
    p.add_argument("--guard", choices=GUARDS, default=GUARD, help=f"guard against legitimate repeats (default: {GUARD})")
    p.add_argument("--save-state", metavar="FILE", help="also write the learner's state, to merge shards later")
    p.add_argument("--merge-state", action="append", metavar="FILE", help="start from (add) a saved learner state; repeatable")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary")


def cmd_learn(args: argparse.Namespace) -> int:
    """Run ``newsclean learn``."""
    prog = "newsclean"
    if not args.paths and not args.merge_state:
        print(f"{prog}: error: learn needs PATHs or --merge-state", file=sys.stderr)
        return 2
    if not args.output and not args.save_state:
        print(f"{prog}: error: learn needs -o FILE (the profile) or --save-state FILE", file=sys.stderr)
        return 2
    if args.min_docs < 2 or not 0.0 < args.min_share <= 1.0 or args.min_group < 1:
        print(f"{prog}: error: --min-docs must be >= 2, --min-share in (0, 1], --min-group >= 1", file=sys.stderr)
        return 2
    for p in args.paths:
        if not os.path.exists(p):
            print(f"{prog}: error: {p}: no such file or folder", file=sys.stderr)
            return 2
    try:
        learner = ProfileLearner()
        for state in args.merge_state or ():
            learner.merge(ProfileLearner.load(state))
        errors: list[str] = []
        pages = 0
        key = None if args.key is None else args.key
        for text, group in iter_documents(args.paths, key=key, field=args.field, errors=errors):
            learner.add(text, group)
            pages += 1
        for e in errors:
            print(f"{prog}: error: {e}", file=sys.stderr)
        if args.save_state:
            learner.save(args.save_state)
        profile = learner.profile(min_docs=args.min_docs, min_share=args.min_share, min_group=args.min_group, guard=args.guard)
        if args.output:
            profile.save(args.output)
    except (ProfileError, OSError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        small = sum(1 for n in learner.docs.values() if n < args.min_group)
        print(
            f"{prog}: learned {pages} pages in {len(learner.docs)} groups: {len(profile)} boilerplate lines "
            f"and {profile.anchors} anchors in {len(profile.groups)} groups ({small} groups under {args.min_group} pages have none); wrote "
            + " and ".join(x for x in (args.output, args.save_state) if x),
            file=sys.stderr,
        )
    return 2 if errors else 0
