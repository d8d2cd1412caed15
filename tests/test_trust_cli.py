"""Issue 11, the command line and IO items: each test names its item (options: test_config.py).

Everything runs for real: ``python -m newsclean`` in subprocesses on real files,
folders, FIFOs, symbolic links, gzip streams and TOML files.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import ARTICLE, BOILERPLATE, CLEAN, DIRTY, REPORT, fingerprint, run, run_without_root_reads, write

import newsclean

REPO = Path(__file__).resolve().parents[1]


# -- item 3 / 15: JSONL records: other fields' bytes kept, one bad record costs only itself


def test_jsonl_rewrite_keeps_every_other_byte_of_the_record(tmp_path: Path) -> None:
    """Item 15: 1.0e3, 1e400, duplicate keys and escapes elsewhere stay as written."""
    text = json.dumps(DIRTY)
    rec = '{"id":7, "n": 1.0e3,"big":1e400, "dup":1,"dup":2, "title":"caf\\u00e9 \\/ x", "text":' + text + " }"
    write(tmp_path / "c.jsonl", rec + "\r\n")
    result = run("clean", "c.jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = rec.replace(text, json.dumps(CLEAN)) + "\r\n"
    assert result.stdout.decode() == expected
    # a value written with non-ASCII characters stays so; an ASCII-escaped one stays ASCII
    rec2 = json.dumps({"text": "Zürich\n" + BOILERPLATE[0] + "\n"}, ensure_ascii=False)
    rec3 = json.dumps({"text": "Zürich\n" + BOILERPLATE[0] + "\n"})
    write(tmp_path / "d.jsonl", rec2 + "\n" + rec3 + "\n")
    out = run("clean", "d.jsonl", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.decode() == '{"text": "Zürich\\n"}\n{"text": "Z\\u00fcrich\\n"}\n'
    # lone surrogates (a broken emoji in a corpus) are written escaped: the output stays UTF-8
    from newsclean.jsonl import dumps

    assert dumps("Z\u00fcrich \ud83d", False) == '"Z\u00fcrich \\ud83d"'


def test_jsonl_removals_field_is_added_without_reserialising(tmp_path: Path) -> None:
    write(tmp_path / "c.jsonl", '{"n":1.0e3,"text":' + json.dumps(DIRTY) + "}\n{}\n")
    out = run("clean", "--removals-field", "why", "c.jsonl", cwd=tmp_path).stdout.decode().splitlines()
    assert out[0].startswith('{"n":1.0e3,"text":' + json.dumps(CLEAN) + ', "why": [{"code": ')
    assert [r["code"] for r in json.loads(out[0])["why"]]
    assert out[1] == "{}"  # no text field: untouched


def test_jsonl_undecodable_record_is_kept_and_named(tmp_path: Path) -> None:
    good = json.dumps({"text": DIRTY}).encode()
    write(tmp_path / "c.jsonl", good + b"\n" + b'{"text": "caf\xe9"}\n' + good + b"\n")
    result = run("clean", "-i", "c.jsonl", cwd=tmp_path)
    assert result.returncode == 2
    assert "c.jsonl:2: not valid UTF-8 (byte 0xe9 at byte 14)" in result.stderr.decode()
    lines = (tmp_path / "c.jsonl").read_bytes().split(b"\n")
    assert lines[1] == b'{"text": "caf\xe9"}'
    assert json.loads(lines[0])["text"] == CLEAN == json.loads(lines[2])["text"]


# -- item 4: streaming, -j within one file, per-record progress


def _corpus(n: int) -> str:
    return "".join(json.dumps({"id": i, "text": f"Record {i} about the harbour.\n" + DIRTY}) + "\n" for i in range(n))


def test_jsonl_jobs_within_one_file_keep_record_order(tmp_path: Path) -> None:
    write(tmp_path / "big.jsonl", _corpus(600))  # more than two chunks of records
    serial = run("clean", "big.jsonl", cwd=tmp_path)
    parallel = run("clean", "-j", "2", "big.jsonl", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    assert parallel.stdout == serial.stdout
    assert [json.loads(line)["id"] for line in parallel.stdout.splitlines()] == list(range(600))
    checked = run("check", "-j", "2", "big.jsonl", cwd=tmp_path)
    assert checked.stdout == run("check", "big.jsonl", cwd=tmp_path).stdout
    assert checked.returncode == 1


def test_jsonl_gzip_streams_in_place_and_from_stdin(tmp_path: Path) -> None:
    f = write(tmp_path / "c.jsonl.gz", gzip.compress(_corpus(5).encode()))
    assert run("clean", "-i", "-j", "2", "c.jsonl.gz", cwd=tmp_path).returncode == 0
    cleaned = gzip.decompress(f.read_bytes()).decode()
    assert [json.loads(line)["text"].endswith(CLEAN) for line in cleaned.splitlines()] == [True] * 5
    # item 14: gzip on stdin is recognised by its magic bytes
    piped = run("clean", "--field", "text", cwd=tmp_path, stdin=gzip.compress(_corpus(5).encode()))
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.decode() == cleaned


def test_jsonl_progress_bar_per_record_on_a_terminal(tmp_path: Path) -> None:
    pytest.importorskip("tqdm")
    fcntl = pytest.importorskip("fcntl")
    termios = pytest.importorskip("termios")
    import pty
    import struct

    write(tmp_path / "c.jsonl", _corpus(50))
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "newsclean", "check", "c.jsonl"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=120,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    terminal = b"".join(chunks)
    assert proc.returncode == 1
    # tqdm's bar over the file's bytes, named after the file: "c.jsonl:  40%|####      | 4.10k/10.2k [..."
    assert re.search(rb"c\.jsonl: +\d+%\|", terminal), terminal
    piped = run("check", "c.jsonl", cwd=tmp_path)
    assert not re.search(rb"c\.jsonl: +\d+%\|", piped.stderr), "no bar when stderr is not a terminal"


def test_jsonl_bench_runs_small_and_reports_flat_memory() -> None:
    """The benchmark CI runs small: it prints time and peak RSS of both runs."""
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_jsonl.py"), "--mb", "0.5"], capture_output=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    rss = [float(m) for m in re.findall(r"peak RSS +([\d.]+) MB", text)]
    assert len(rss) == 2 and all(0 < r < 200 for r in rss), text


# -- item 10: unreadable inputs are errors


def test_unreadable_folder_and_subfolder_are_errors(tmp_path: Path) -> None:
    top = tmp_path
    try:
        top.chmod(0o755)
        write(top / "corpus" / "a.txt", DIRTY)
        write(top / "corpus" / "locked" / "b.txt", DIRTY)
        write(top / "locked_dir" / "c.txt", DIRTY)
        for d in (top / "corpus" / "locked", top / "locked_dir"):
            d.chmod(0)
        locked = run_without_root_reads("check", "locked_dir", cwd=top)
        if locked is None:
            pytest.skip("running as root without setpriv: root reads every folder")
        assert locked.returncode == 2
        err = locked.stderr.decode()
        assert "locked_dir: cannot read folder: Permission denied" in err
        assert "no files matched" not in err
        sub = run_without_root_reads("check", "corpus", cwd=top)
        assert sub is not None and sub.returncode == 2
        assert "corpus/locked: cannot read folder: Permission denied" in sub.stderr.decode()
        assert "corpus/a.txt:2:" in sub.stdout.decode(), "the readable files are still checked"
    finally:
        for d in (top / "corpus" / "locked", top / "locked_dir"):
            d.chmod(0o755)


# -- item 13: the walk skips project files, as the pre-commit hook does


def test_walk_skips_project_files_like_the_pre_commit_hook(tmp_path: Path) -> None:
    from newsclean.cli import DEFAULT_EXCLUDE

    hooks = (REPO / ".pre-commit-hooks.yaml").read_text()
    assert hooks.count(f"exclude: {DEFAULT_EXCLUDE}\n") == 2, "the walk and the hooks exclude the same files"
    for name in ("README.txt", "LICENSE.txt", "requirements-dev.txt", "docs/CHANGELOG.txt", "article.txt"):
        write(tmp_path / name, DIRTY)
    checked = run("check", ".", cwd=tmp_path)
    assert {m["path"] for line in checked.stdout.decode().splitlines() if (m := REPORT.match(line))} == {"article.txt"}
    before = fingerprint(tmp_path / "README.txt")
    assert run("clean", "-i", ".", cwd=tmp_path).stdout == b"Fixing article.txt\n"
    assert fingerprint(tmp_path / "README.txt") == before
    # named on the command line, a project file is processed, and --exclude adds globs
    assert run("check", "README.txt", cwd=tmp_path).returncode == 1
    write(tmp_path / "b.txt", DIRTY)
    assert run("check", "--exclude", "b.*", ".", cwd=tmp_path).returncode == 0


# -- item 14: stdin is sniffed


def test_html_on_stdin_is_cleaned_as_html(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    page = (
        "<!DOCTYPE html>\n<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE)
        + "<ul><li>Home</li><li>News</li></ul></article></body></html>\n"
    ).encode()
    from_stdin = run("clean", cwd=tmp_path, stdin=page)
    write(tmp_path / "p.html", page)
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout == run("clean", "p.html", cwd=tmp_path).stdout
    assert b"<li>" not in from_stdin.stdout and ARTICLE[0].encode() in from_stdin.stdout
    gz = run("clean", cwd=tmp_path, stdin=gzip.compress(DIRTY.encode()))
    assert (gz.returncode, gz.stdout) == (0, CLEAN.encode())


# -- item 15: smaller defects


def test_clean_folder_to_stdout_is_an_error_and_output_dir_works(tmp_path: Path) -> None:
    write(tmp_path / "c" / "a.txt", DIRTY)
    write(tmp_path / "c" / "sub" / "b.txt", DIRTY)
    result = run("clean", "c", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert "use --in-place" in result.stderr.decode() and "--output-dir" in result.stderr.decode()
    out = run("clean", "-o", "out", "c", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out" / "a.txt").read_text() == CLEAN == (tmp_path / "out" / "sub" / "b.txt").read_text()
    assert (tmp_path / "c" / "a.txt").read_text() == DIRTY


def test_short_version_flag(tmp_path: Path) -> None:
    result = run("-V", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (0, f"newsclean {newsclean.__version__}\n")


def test_check_text_shows_short_evidence(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    lines = run("check", "a.txt", cwd=tmp_path).stdout.decode().splitlines()
    removals = newsclean.explain(DIRTY).removals
    assert len(lines) == len(removals)
    for line, r in zip(lines, removals):
        m = REPORT.match(line)
        assert m and m["evidence"], line
        assert r.evidence.startswith(m["evidence"].rstrip("\u2026"))


def test_readme_example_matches_the_shipped_example() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^# (\w+) ([a-z-]+) ([a-z]+) \((\d+), (\d+)\) (.{20})", readme, re.M)
    assert m, "the README's example output line"
    removals = newsclean.explain((REPO / "examples" / "article.txt").read_text(encoding="utf-8")).removals
    shown = [r for r in removals if r.code == m[1]]
    assert shown, f"examples/article.txt has no {m[1]} removal"
    r = shown[0]
    assert (m[2], m[3], (int(m[4]), int(m[5]))) == (r.name, r.category, r.lines)
    assert r.evidence.startswith(m[6])


def test_html_flag_on_text_names_the_flag_not_the_api(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    write(tmp_path / "a.txt", DIRTY)
    err = run("clean", "--html", "a.txt", cwd=tmp_path).stderr.decode()
    assert "leave out --html" in err and "newsclean.clean()" not in err


def test_fifo_is_skipped_with_a_warning(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    write(tmp_path / "c" / "a.txt", DIRTY)
    os.mkfifo(tmp_path / "c" / "pipe.txt")
    walked = run("check", "c", cwd=tmp_path)
    assert walked.returncode == 1
    assert "warning: c/pipe.txt: skipped: not a regular file" in walked.stderr.decode()
    named = run("check", "c/pipe.txt", cwd=tmp_path)
    assert named.returncode == 0 and "c/pipe.txt: skipped: not a regular file" in named.stderr.decode()


def test_symlink_to_a_file_outside_the_tree_is_not_rewritten(tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere" / "x.txt", DIRTY)
    write(tmp_path / "c" / "a.txt", DIRTY)
    (tmp_path / "c" / "link.txt").symlink_to(outside)
    (tmp_path / "c" / "inner.txt").symlink_to(tmp_path / "c" / "a.txt")
    before = fingerprint(outside)
    result = run("clean", "-i", "c", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "c/link.txt: skipped: a symbolic link to a file outside c" in result.stderr.decode()
    assert fingerprint(outside) == before
    assert (tmp_path / "c" / "a.txt").read_text() == CLEAN
    # named on the command line, a link is followed
    assert run("clean", "-i", "c/link.txt", cwd=tmp_path).returncode == 0
    assert outside.read_text() == CLEAN


def test_stale_temp_files_are_never_taken_and_are_removed(tmp_path: Path) -> None:
    # a temporary file left by an in-place write killed with -9 (its process is gone)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True).stdout
    stale = write(tmp_path / f".a.txt.{int(dead)}.abc123.newsclean.tmp", DIRTY)
    old_style = write(tmp_path / ".a.txt.k2j3h4.newsclean.tmp", DIRTY)  # an older version's name, old mtime
    live = write(tmp_path / f".b.txt.{os.getpid()}.zz.newsclean.tmp", DIRTY)  # a running process's
    write(tmp_path / "a.txt", DIRTY)
    checked = run("check", "--include", "*", ".", cwd=tmp_path)
    assert {m["path"] for line in checked.stdout.decode().splitlines() if (m := REPORT.match(line))} == {"a.txt"}
    assert stale.exists(), "check never deletes anything"
    assert run("clean", "-i", ".", cwd=tmp_path).returncode == 0
    assert not stale.exists() and not old_style.exists()
    assert live.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.txt", live.name])


def test_jsonl_bad_records_in_many_files_are_counted(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", json.dumps({"text": DIRTY}) + "\n[1,\n")
    write(tmp_path / "b.jsonl", "{\n" + json.dumps({"text": DIRTY}) + "\n")
    result = run("clean", "-i", "-j", "2", "a.jsonl", "b.jsonl", cwd=tmp_path)
    assert result.returncode == 2
    assert "2 errors" in result.stderr.decode()
    assert json.loads((tmp_path / "b.jsonl").read_text().splitlines()[1])["text"] == CLEAN


# -- items 16 and 17: the user's own phrases


def test_remove_and_keep_lines_from_config_flags_and_api(tmp_path: Path) -> None:
    doc = (
        ARTICLE[0]
        + "\nContinue reading on the Harbour Gazette\n"
        + BOILERPLATE[0]
        + "\n[keep] "
        + BOILERPLATE[0]
        + "\n"
    )
    ex = newsclean.explain(doc, remove_lines=["CONTINUE reading on"], keep_lines=["re:^\\[keep\\]"])
    assert ex.text == ARTICLE[0] + "\n[keep] " + BOILERPLATE[0] + "\n"
    user = [r for r in ex.removals if r.code == "U101"]
    assert len(user) == 1 and "'CONTINUE reading on'" in user[0].evidence and user[0].name == "remove-lines"
    # the same from [tool.newsclean] and from the flags
    write(tmp_path / "a.txt", doc)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newsclean]\nremove-lines = ["continue reading on"]\nkeep-lines = ["re:^\\\\[keep\\\\]"]\n'
    )
    assert run("clean", "a.txt", cwd=tmp_path).stdout.decode() == ex.text
    (tmp_path / "pyproject.toml").unlink()
    flags = run("clean", "--remove-lines", "continue reading on", "--keep-lines", "[keep]", "a.txt", cwd=tmp_path)
    assert flags.stdout.decode() == ex.text
    assert newsclean.Cleaner(remove_lines="continue reading on").clean(doc) == newsclean.clean(
        doc, remove_lines=["continue reading on"]
    )


def test_config_exclude_and_include_shape_the_walk(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "a.txt", DIRTY)
    write(tmp_path / "corpus" / "drafts" / "b.txt", DIRTY)
    write(tmp_path / "corpus" / "c.text", DIRTY)
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nexclude = ["drafts"]\ninclude = ["*.txt", "*.text"]\n')
    checked = run("check", "corpus", cwd=tmp_path)
    paths = {m["path"] for line in checked.stdout.decode().splitlines() if (m := REPORT.match(line))}
    assert paths == {"corpus/a.txt", "corpus/c.text"}


def test_bad_phrase_flag_is_a_usage_error(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", DIRTY)
    result = run("clean", "-i", "--remove-lines", "re:[unclosed", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "remove_lines: 're:[unclosed' is not a valid regular expression" in result.stderr.decode()
    assert f.read_text() == DIRTY
