"""The ``newsclean`` command, run for real: subprocesses, real files, real bytes.

The sample documents mix a few article paragraphs with lines that are boilerplate
by any reading ("Share this article", "Sign up for our newsletter", a
republication notice).  ``test_sample_has_boilerplate`` states that premise; the
other tests check the mechanism (exit codes, bytes, mtimes, output formats)
rather than which rule fires.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean
from newsclean.registry import all_rules

REPO = Path(__file__).resolve().parents[1]

ARTICLE = [
    "The city council voted on Monday to approve a new budget for public schools, after a debate that lasted more than six hours.",
    "The mayor said the plan would add two hundred teachers over the next three years and repair several old buildings.",
    "Opposition members argued that the money should have gone to road repairs, and promised to raise the issue again in spring.",
]
BOILERPLATE = [
    "Share this article",
    "Sign up for our newsletter",
    "This article was originally published by Example News and is reprinted with permission.",
]
#: article paragraphs with boilerplate between and after them (LF, final newline)
DIRTY = "\n".join([ARTICLE[0], BOILERPLATE[0], ARTICLE[1], BOILERPLATE[1], ARTICLE[2], BOILERPLATE[2]]) + "\n"
CLEAN = "\n".join(ARTICLE) + "\n"
OLD_MTIME_NS = 1_000_000_000 * 10**9  # 2001: any rewrite would move it


def run(*args: str, cwd: Path, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m newsclean ARGS`` in ``cwd``, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "newsclean", *args],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=120,
        env=env,
    )


def write(path: Path, data: bytes | str) -> Path:
    """Write a file with an old mtime, so that any rewrite shows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path


def fingerprint(path: Path) -> tuple[bytes, int, int]:
    """Bytes, mtime and inode: all three stay the same for an untouched file."""
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_ino


REPORT = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+): (?P<code>[A-Z]{1,3}\d{3,4}) (?P<name>[a-z0-9-]+)"
    r"(?: \[(?P<evidence>.*?)\])?: (?P<excerpt>.+)$"
)


def walked(*args: str, cwd: Path) -> bytes:
    """The files a folder walk took: ``clean --output-dir`` them, and read them back in path order."""
    out = cwd / "walk-out"
    shutil.rmtree(out, ignore_errors=True)
    result = run("clean", "--output-dir", str(out), *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return b"".join(f.read_bytes() for f in sorted(p for p in out.rglob("*") if p.is_file()))


def test_sample_has_boilerplate() -> None:
    """The premise of the tests below: the library removes exactly the boilerplate lines."""
    exp = newsclean.explain(DIRTY)
    assert exp.text == CLEAN
    assert len(exp.removals) == 3


# -- entry points and help -------------------------------------------------------------


def test_help_of_every_command(tmp_path: Path) -> None:
    top = run("--help", cwd=tmp_path)
    assert top.returncode == 0
    for command in ("clean", "check", "rules", "rule"):
        assert command in top.stdout.decode()
        sub = run(command, "--help", cwd=tmp_path)
        assert sub.returncode == 0, sub.stderr
        assert b"usage: newsclean " + command.encode() in sub.stdout
    assert b"exit codes" in run("check", "--help", cwd=tmp_path).stdout


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("newsclean")
    exe = str(script) if script.exists() else shutil.which("newsclean")
    if exe is None:
        pytest.skip("the package is not installed with its console script")
    out = subprocess.run([exe, "--version"], capture_output=True, timeout=60)
    assert out.returncode == 0
    assert out.stdout.decode().strip() == f"newsclean {newsclean.__version__}"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    for args in (["clean", "--no-such-flag"], ["clean", "--in-place"], ["clean", "-i", "-"], ["check", "--encoding", "klingon", "a.txt"]):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert result.stderr.strip(), args
    assert run(cwd=tmp_path).returncode == 2  # no command
    assert (tmp_path / "a.txt").read_text() == DIRTY


# -- clean to stdout ---------------------------------------------------------------------


def test_clean_reads_stdin_and_writes_stdout(tmp_path: Path) -> None:
    for args in ([], ["-"]):
        result = run("clean", *args, cwd=tmp_path, stdin=DIRTY.encode())
        assert result.returncode == 0, result.stderr
        assert result.stdout == CLEAN.encode()


def test_clean_stdout_keeps_crlf_and_missing_final_newline(tmp_path: Path) -> None:
    dirty = DIRTY.replace("\n", "\r\n").removesuffix("\r\n")
    result = run("clean", cwd=tmp_path, stdin=dirty.encode())
    assert result.stdout == "\r\n".join(ARTICLE).encode()


def test_clean_files_to_stdout_in_order_without_touching_them(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", DIRTY)
    b = write(tmp_path / "b.txt", "Second document.\n")
    before = fingerprint(a), fingerprint(b)
    result = run("clean", "b.txt", "a.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"Second document.\n" + CLEAN.encode()
    assert (fingerprint(a), fingerprint(b)) == before


def test_clean_walks_folders_with_include_and_exclude(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "a.txt", "Doc a.\n")
    write(tmp_path / "corpus" / "sub" / "b.txt", "Doc b.\n")
    write(tmp_path / "corpus" / "notes.md", "Markdown is not in the defaults.\n")
    write(tmp_path / "corpus" / ".hidden" / "c.txt", "Hidden folders are skipped.\n")
    write(tmp_path / "corpus" / "drafts" / "d.txt", "Excluded folder.\n")
    assert walked("corpus", "--exclude", "drafts", cwd=tmp_path) == b"Doc a.\nDoc b.\n"
    assert walked("corpus", "--include", "*.md", cwd=tmp_path) == b"Markdown is not in the defaults.\n"
    assert walked("corpus", "--exclude", "sub/*.txt", "--exclude", "drafts", cwd=tmp_path) == b"Doc a.\n"
    # a file named on the command line is processed whatever its name
    assert run("clean", "corpus/notes.md", cwd=tmp_path).stdout == b"Markdown is not in the defaults.\n"


# -- clean --in-place --------------------------------------------------------------------


def test_in_place_fixes_only_changed_files(tmp_path: Path) -> None:
    dirty = write(tmp_path / "corpus" / "dirty.txt", DIRTY)
    dirty.chmod(0o640)
    clean = write(tmp_path / "corpus" / "clean.txt", CLEAN)
    clean_before = fingerprint(clean)

    result = run("clean", "--in-place", "corpus", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines() == [f"Fixing {os.path.join('corpus', 'dirty.txt')}"]
    assert dirty.read_text() == CLEAN
    assert stat.S_IMODE(dirty.stat().st_mode) == 0o640
    assert fingerprint(clean) == clean_before
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == ["clean.txt", "dirty.txt"]

    again = run("clean", "--in-place", "corpus", cwd=tmp_path)
    assert again.returncode == 0
    assert again.stdout == b""


def test_in_place_exit_non_zero_on_fix(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    assert run("clean", "-i", "--exit-non-zero-on-fix", "a.txt", cwd=tmp_path).returncode == 1
    assert run("clean", "-i", "--exit-non-zero-on-fix", "a.txt", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("crlf", lambda s: s.replace("\n", "\r\n").encode()),
        ("cr", lambda s: s.replace("\n", "\r").encode()),
        ("no-final-newline", lambda s: s.rstrip("\n").encode()),
        ("bom", lambda s: b"\xef\xbb\xbf" + s.encode()),
        ("bom-crlf-no-final-newline", lambda s: b"\xef\xbb\xbf" + s.replace("\n", "\r\n").rstrip("\r\n").encode()),
    ],
)
def test_in_place_keeps_bom_line_endings_and_missing_final_newline(tmp_path: Path, name: str, encode) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path / f"{name}.txt", encode(DIRTY))
    result = run("clean", "--in-place", f.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f.read_bytes() == encode(CLEAN)


def test_empty_file_is_fine_and_untouched(tmp_path: Path) -> None:
    f = write(tmp_path / "empty.txt", b"")
    before = fingerprint(f)
    assert run("clean", "-i", "empty.txt", cwd=tmp_path).returncode == 0
    assert run("check", "empty.txt", cwd=tmp_path).returncode == 0
    assert fingerprint(f) == before


# -- bad input -------------------------------------------------------------------------


def test_bad_files_are_reported_and_the_others_still_processed(tmp_path: Path) -> None:
    binary = write(tmp_path / "c" / "a_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = write(tmp_path / "c" / "b_latin.txt", "Caf\u00e9 society.\nShare this article\n".encode("latin-1"))
    good = write(tmp_path / "c" / "c_good.txt", DIRTY)
    untouched = fingerprint(binary), fingerprint(latin)

    result = run("clean", "--in-place", "c", "c/missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert any(e.startswith("newsclean: error: c/a_binary.txt: binary file") for e in errors), errors
    assert any(e.startswith("newsclean: error: c/b_latin.txt: not valid UTF-8") for e in errors), errors
    assert any(e.startswith("newsclean: error: c/missing.txt: no such file") for e in errors), errors
    assert (fingerprint(binary), fingerprint(latin)) == untouched
    assert good.read_text() == CLEAN, "the good file is still fixed"


def test_encoding_option_decodes_and_reencodes(tmp_path: Path) -> None:
    f = write(tmp_path / "latin.txt", (ARTICLE[0] + " Caf\u00e9.\nShare this article\n").encode("cp1252"))
    result = run("clean", "--in-place", "--encoding", "cp1252", "latin.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f.read_bytes() == (ARTICLE[0] + " Caf\u00e9.\n").encode("cp1252")


def run_without_root_reads(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes] | None:
    """``python -m newsclean ARGS`` where file permissions apply: as it is for a normal
    user; as root (CI), without the capabilities that let root read everything
    (util-linux ``setpriv`` drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH).
    ``None`` when that is impossible here."""
    if os.geteuid() != 0:
        return run(*args, cwd=cwd)
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    drop = "-dac_override,-dac_read_search"
    probe = subprocess.run([setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", "true"], capture_output=True)
    if probe.returncode != 0:
        return None
    return subprocess.run(
        [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", sys.executable, "-m", "newsclean", *args],
        cwd=cwd,
        capture_output=True,
        timeout=120,
    )


def test_unreadable_file(tmp_path: Path) -> None:
    f = write(tmp_path / "secret.txt", DIRTY)
    f.chmod(0)
    try:
        result = run_without_root_reads("check", "secret.txt", cwd=tmp_path)
    finally:
        f.chmod(0o644)
    if result is None:
        pytest.skip("running as root without setpriv: root reads every file")
    assert result.returncode == 2
    assert "secret.txt: cannot read" in result.stderr.decode()


# -- check -----------------------------------------------------------------------------


def test_check_reports_each_removal_and_exits_1(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", DIRTY)
    write(tmp_path / "b.txt", CLEAN)
    before = fingerprint(f)
    result = run("check", "a.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 3
    matches = [REPORT.match(line) for line in lines]
    assert all(matches), lines
    assert [(m["path"], int(m["line"])) for m in matches] == [("a.txt", 2), ("a.txt", 4), ("a.txt", 6)]  # type: ignore[index]
    assert matches[0]["excerpt"] == "Share this article"  # type: ignore[index]
    known = {(r.code, r.name) for r in all_rules()}
    assert all((m["code"], m["name"]) in known for m in matches)  # type: ignore[index]
    assert fingerprint(f) == before

    ok = run("check", "b.txt", cwd=tmp_path)
    assert (ok.returncode, ok.stdout) == (0, b"")


def test_check_diff_applies_with_git_apply(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", DIRTY.replace("\n", "\r\n").rstrip("\r\n"))
    result = run("check", "--diff", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    diff = result.stdout
    assert diff.startswith(b"--- a/a.txt\n+++ b/a.txt\n")
    assert b"\n-Share this article\r\n" in diff
    expected = run("clean", "a.txt", cwd=tmp_path).stdout
    subprocess.run(["git", "apply", "--unsafe-paths", "-"], input=diff, cwd=tmp_path, check=True, capture_output=True)
    assert f.read_bytes() == expected == "\r\n".join(ARTICLE).encode()
    assert run("check", "--diff", "a.txt", cwd=tmp_path).stdout == b""


def test_check_json_lines(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    result = run("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == 3
    for rec in records:
        assert {"path", "line", "code", "name", "category", "lines", "start", "end", "text", "evidence"} <= set(rec)
        assert DIRTY[rec["start"] : rec["end"]] == rec["text"]
        assert rec["path"] == "a.txt"
    assert [r["text"].strip() for r in records] == BOILERPLATE


# -- summary, quiet, progress, jobs ------------------------------------------------------


def test_summary_counts_rule_codes_and_quiet_silences_it(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    write(tmp_path / "b.txt", DIRTY)
    write(tmp_path / "c.txt", CLEAN)
    codes = sorted(r.code for r in newsclean.explain(DIRTY).removals)
    result = run("check", ".", cwd=tmp_path)
    summary = result.stderr.decode().strip().splitlines()[-1]
    assert summary.startswith("newsclean: 3 files, 2 with boilerplate, 6 removals (")
    for code in set(codes):
        assert f"{code} x{2 * codes.count(code)}" in summary
    quiet = run("check", "-q", ".", cwd=tmp_path)
    assert quiet.stderr == b""
    assert quiet.stdout == result.stdout


def test_jobs_keeps_output_order(tmp_path: Path) -> None:
    for i in range(12):
        write(tmp_path / f"doc{i:02d}.txt", f"Document number {i} about the budget vote.\n" + DIRTY)
    names = [f"doc{i:02d}.txt" for i in range(12)]
    serial = run("clean", *names, cwd=tmp_path)
    parallel = run("clean", "-j", "4", *names, cwd=tmp_path)
    assert parallel.returncode == 0, parallel.stderr
    assert parallel.stdout == serial.stdout
    assert [int(m) for m in re.findall(rb"Document number (\d+)", parallel.stdout)] == list(range(12))
    checked = run("check", "-j", "3", ".", cwd=tmp_path)
    assert checked.returncode == 1
    assert checked.stdout == run("check", ".", cwd=tmp_path).stdout


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    pytest.importorskip("tqdm")
    fcntl = pytest.importorskip("fcntl")
    termios = pytest.importorskip("termios")
    import pty
    import struct

    for i in range(6):
        write(tmp_path / f"d{i}.txt", DIRTY)
    # stderr is a pipe: no progress bar
    piped = run("check", ".", cwd=tmp_path)
    assert b"/6" not in piped.stderr

    master, slave = pty.openpty()
    # a terminal of 24x100 (a fresh pty has 0 columns, where tqdm draws nothing)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "newsclean", "check", "."], cwd=tmp_path, stdout=subprocess.PIPE, stderr=slave, timeout=120
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    terminal = b"".join(chunks)
    assert proc.returncode == 1
    assert b"/6" in terminal, terminal  # tqdm's "n/6 [elapsed...]"
    assert proc.stdout == piped.stdout


# -- config and selection ------------------------------------------------------------------


def _codes(result: subprocess.CompletedProcess[bytes]) -> set[str]:
    return {m["code"] for line in result.stdout.decode().splitlines() if (m := REPORT.match(line))}


def test_select_ignore_and_config_precedence(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    all_codes = _codes(run("check", "a.txt", cwd=tmp_path))
    assert len(all_codes) >= 2
    first, *others = sorted(all_codes)

    assert _codes(run("check", "--select", first, "a.txt", cwd=tmp_path)) == {first}
    # (another rule may claim a line an ignored rule no longer takes, so only absence is certain)
    assert first not in _codes(run("check", "--ignore", first, "a.txt", cwd=tmp_path))
    none = run("check", "--ignore", "ALL", "a.txt", cwd=tmp_path)
    assert (none.returncode, none.stdout) == (0, b"")

    # [tool.newsclean] in the nearest pyproject.toml, found from a sub-folder
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.newsclean]\nselect = ["{first}"]\n')
    (tmp_path / "sub").mkdir()
    assert _codes(run("check", "../a.txt", cwd=tmp_path / "sub")) == {first}
    # a flag overrides the config
    assert _codes(run("check", "--select", others[0], "a.txt", cwd=tmp_path)) == {others[0]}
    # --config FILE replaces the pyproject.toml (a newsclean.toml has the keys at the top level)
    (tmp_path / "strict.toml").write_text('ignore = ["ALL"]\n')
    assert run("check", "--config", "strict.toml", "a.txt", cwd=tmp_path).returncode == 0


def test_preset_and_lang_flags(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    for args in (["--preset", "safe"], ["--preset", "aggressive"], ["--lang", "en"]):
        result = run("check", *args, "a.txt", cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
    assert run("check", "--lang", "1!", "a.txt", cwd=tmp_path).returncode == 2
    assert run("check", "--preset", "nope", "a.txt", cwd=tmp_path).returncode == 2


def test_broken_config_is_an_error(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", DIRTY)
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nselect = ["A"\n')
    result = run("clean", "-i", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "pyproject.toml: invalid TOML" in result.stderr.decode()
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nslect = ["A"]\n')
    result = run("clean", "-i", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown key(s) in [tool.newsclean]: slect" in result.stderr.decode()
    (tmp_path / "pyproject.toml").unlink()
    result = run("check", "--select", "no-such-rule", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "no-such-rule" in result.stderr.decode()
    assert f.read_text() == DIRTY


# -- rules -----------------------------------------------------------------------------------


def test_rules_lists_every_rule(tmp_path: Path) -> None:
    result = run("rules", cwd=tmp_path)
    assert result.returncode == 0
    rows = [line.split() for line in result.stdout.decode().splitlines()[1:]]
    assert [(r.code, r.name, r.category, ",".join(r.languages)) for r in all_rules()] == [tuple(row) for row in rows]
    as_json = [json.loads(line) for line in run("rules", "--format", "json", cwd=tmp_path).stdout.splitlines()]
    assert [r["code"] for r in as_json] == [r.code for r in all_rules()]


def test_rule_prints_its_documentation(tmp_path: Path) -> None:
    rule = all_rules()[0]
    for key in (rule.code, rule.code.lower(), rule.name):
        result = run("rule", key, cwd=tmp_path)
        assert result.returncode == 0
        assert result.stdout.decode().startswith(f"{rule.code} {rule.name}\n")
        assert rule.doc().splitlines()[0] in result.stdout.decode()
    missing = run("rule", "Z999", cwd=tmp_path)
    assert missing.returncode == 2
    assert "Z999" in missing.stderr.decode()


# -- JSONL -----------------------------------------------------------------------------------


def _jsonl_lines() -> list[str]:
    return [
        json.dumps({"id": 1, "url": "https://example.org/a", "body": DIRTY, "tags": ["x", "ü"]}, ensure_ascii=False),
        '{"id":2,"body":"Nothing to remove here.\\n","score":1.50}',
        json.dumps({"id": 3, "title": "no body field"}),
        json.dumps({"id": 4, "body": BOILERPLATE[0] + "\n" + CLEAN}),
    ]


def test_jsonl_field_cleaned_other_fields_and_order_kept(tmp_path: Path) -> None:
    lines = _jsonl_lines()
    f = write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    result = run("clean", "--field", "body", "corpus.jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode().splitlines()
    assert [json.loads(line)["id"] for line in out] == [1, 2, 3, 4]
    assert json.loads(out[0]) == {"id": 1, "url": "https://example.org/a", "body": CLEAN, "tags": ["x", "ü"]}
    assert out[1:3] == lines[1:3], "unchanged records stay byte-identical"
    assert json.loads(out[3])["body"] == CLEAN
    assert "1 of 4 records have no string field 'body'" in result.stderr.decode()

    report = run("check", "--field", "body", "corpus.jsonl", cwd=tmp_path)
    assert report.returncode == 1
    assert sorted({int(m["line"]) for line in report.stdout.decode().splitlines() if (m := REPORT.match(line))}) == [1, 4]

    before = fingerprint(f)
    assert run("clean", "--field", "nope", "-i", "corpus.jsonl", cwd=tmp_path).returncode == 0
    assert fingerprint(f) == before


def test_jsonl_removals_field_and_stdin(tmp_path: Path) -> None:
    data = ("\n".join(_jsonl_lines()) + "\n").encode()
    result = run("clean", "--field", "body", "--removals-field", "removed", cwd=tmp_path, stdin=data)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [len(r.get("removed", [])) for r in records] == [3, 0, 0, 1]
    assert "removed" not in records[2]
    assert {"code", "name", "lines", "text"} <= set(records[0]["removed"][0])


def test_jsonl_gz_in_place(tmp_path: Path) -> None:
    lines = _jsonl_lines()
    f = write(tmp_path / "corpus.jsonl.gz", gzip.compress(("\r\n".join(lines) + "\r\n").encode()))
    result = run("clean", "--in-place", "--field", "body", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == "Fixing corpus.jsonl.gz"
    out = gzip.decompress(f.read_bytes()).decode()
    assert out.endswith("\r\n")
    assert out.split("\r\n")[1:3] == lines[1:3]
    assert json.loads(out.split("\r\n")[0])["body"] == CLEAN
    before = fingerprint(f)
    assert run("clean", "--in-place", "--field", "body", ".", cwd=tmp_path).stdout == b""
    assert fingerprint(f) == before


def test_jsonl_bad_line_costs_only_itself(tmp_path: Path) -> None:
    """Issue 11 item 3: every good record is cleaned, the bad line stays byte for byte,
    stderr names FILE:LINE and why, exit 2 (in place and to stdout)."""
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"  # RecursionError in a JSON parser
    lines = [json.dumps({"text": DIRTY}), "{oops", deep, json.dumps({"id": 4, "text": DIRTY})]
    data = "\n".join(lines) + "\n"
    write(tmp_path / "bad.jsonl", data)
    to_stdout = run("clean", "bad.jsonl", cwd=tmp_path)
    assert to_stdout.returncode == 2
    err = to_stdout.stderr.decode()
    assert "newsclean: error: bad.jsonl:2: invalid JSON (Expecting property name" in err
    assert "newsclean: error: bad.jsonl:3: invalid JSON (nested too deeply to parse)" in err
    assert "internal error" not in err
    out = to_stdout.stdout.decode().split("\n")
    assert out[1:3] == lines[1:3], "bad lines are kept byte for byte"
    assert json.loads(out[0])["text"] == CLEAN and json.loads(out[3]) == {"id": 4, "text": CLEAN}
    in_place = run("clean", "-i", "bad.jsonl", cwd=tmp_path)
    assert in_place.returncode == 2
    assert (tmp_path / "bad.jsonl").read_bytes() == to_stdout.stdout


# -- HTML ------------------------------------------------------------------------------------


def test_html_files(tmp_path: Path) -> None:
    from importlib.util import find_spec

    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE)
        + "<p>Share this article</p></article></body></html>\n"
    )
    f = write(tmp_path / "site" / "page.html", page)
    write(tmp_path / "site" / "a.txt", CLEAN)
    before = fingerprint(f)
    result = run("clean", "site/page.html", cwd=tmp_path)
    if find_spec("newsclean.html") is None:
        assert result.returncode == 2
        assert "site/page.html: HTML input needs the HTML mode" in result.stderr.decode()
        assert walked("site", cwd=tmp_path) == CLEAN.encode(), "no HTML in the default globs"
    else:
        assert result.returncode == 0, result.stderr
        text = result.stdout.decode()
        assert all(p in text for p in ARTICLE)
        assert "<p>" not in text and "Share this article" not in text
        checked = run("check", "site/page.html", cwd=tmp_path)
        assert checked.returncode == 1
        assert all(line.startswith("site/page.html:0: ") for line in checked.stdout.decode().splitlines())
        # folders: HTML pages are in the default globs, but not when fixing files in place
        assert walked("site", cwd=tmp_path) == CLEAN.encode() + result.stdout  # a.txt, page.txt
        fixed = run("clean", "-i", "site", cwd=tmp_path)
        assert (fixed.returncode, fixed.stdout) == (0, b"")
        # --html forces HTML mode, e.g. for stdin
        forced = run("clean", "--html", cwd=tmp_path, stdin=page.encode())
        assert forced.stdout == result.stdout
        not_html = run("clean", "--html", cwd=tmp_path, stdin=b"plain text\n")
        assert not_html.returncode == 2
        assert "newsclean: error: <stdin>: not HTML" in not_html.stderr.decode()
    # a page is never rewritten with its extracted text
    in_place = run("clean", "-i", "site/page.html", cwd=tmp_path)
    assert in_place.returncode == 2
    assert "site/page.html:" in in_place.stderr.decode()
    assert fingerprint(f) == before


def test_html_include_comments(tmp_path: Path) -> None:
    pytest.importorskip("newsclean.html")
    from newsclean.html import clean_html

    page = (Path(__file__).parent / "fixtures" / "html" / "en_comments.html").read_bytes()
    write(tmp_path / "page.html", page)
    body = run("clean", "page.html", cwd=tmp_path)
    both = run("clean", "--include-comments", "page.html", cwd=tmp_path)
    assert body.returncode == both.returncode == 0, both.stderr
    assert body.stdout.decode() == clean_html(page)
    assert both.stdout.decode() == clean_html(page, include_comments=True)
    assert both.stdout.startswith(body.stdout + b"\n") and b"Finally! My kids" in both.stdout
    assert b"Finally! My kids" not in body.stdout
    # JSONL records of HTML: the field gets the body and the comments
    write(tmp_path / "pages.jsonl", json.dumps({"id": 1, "text": page.decode()}) + "\n")
    out = run("clean", "--html", "--include-comments", "pages.jsonl", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["text"] == clean_html(page, include_comments=True)


def test_html_engine_option(tmp_path: Path) -> None:
    pytest.importorskip("newsclean.html")
    from newsclean.html import clean_html

    page = (Path(__file__).parent / "fixtures" / "html" / "en_news.html").read_bytes()
    assert clean_html(page, engine="blocks") != clean_html(page)  # the page tells the engines apart
    write(tmp_path / "page.html", page)
    blocks = run("clean", "--engine", "blocks", "page.html", cwd=tmp_path)
    assert blocks.returncode == 0, blocks.stderr
    assert blocks.stdout.decode() == clean_html(page, engine="blocks")
    default = run("clean", "--engine", "trafilatura", "page.html", cwd=tmp_path)
    assert default.stdout.decode() == clean_html(page)
    # JSONL records of HTML
    write(tmp_path / "pages.jsonl", json.dumps({"id": 1, "text": page.decode()}) + "\n")
    out = run("clean", "--html", "--engine", "blocks", "pages.jsonl", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["text"] == clean_html(page, engine="blocks")
    bad = run("clean", "--engine", "magic", "page.html", cwd=tmp_path)
    assert bad.returncode == 2 and b"--engine" in bad.stderr


def test_broken_pipe_is_not_an_error(tmp_path: Path) -> None:
    for i in range(200):
        write(tmp_path / f"d{i:03d}.txt", DIRTY * 20)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsclean", "clean", "-q", *sorted(p.name for p in tmp_path.glob("*.txt"))],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert b"Traceback" not in err
    assert proc.returncode == 0
