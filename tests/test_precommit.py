"""The pre-commit hooks, run by real pre-commit on this working tree.

``pre-commit try-repo REPO HOOK --all-files`` in a temporary git repository: it
installs newsclean from this repository into its own virtualenv (with the
dependencies from PyPI) and runs the hook as a user's commit would.  A working
tree with uncommitted changes is tried through pre-commit's shadow copy of the
tracked files.

try-repo builds that virtualenv in a fresh temporary store on every call (it does
not reuse PRE_COMMIT_HOME), so each call takes a while; the tests below share
their runs through module-scoped fixtures, three calls in all.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

ARTICLE = [
    "The city council voted on Monday to approve a new budget for public schools, after a debate that lasted more than six hours.",
    "The mayor said the plan would add two hundred teachers over the next three years and repair several old buildings.",
]
DIRTY = "\n".join([ARTICLE[0], "Share this article", ARTICLE[1], "Sign up for our newsletter"]) + "\n"
CLEAN = "\n".join(ARTICLE) + "\n"
OLD_MTIME_NS = 1_000_000_000 * 10**9


def _pre_commit() -> list[str] | None:
    """The pre-commit command of this environment, if installed."""
    beside = Path(sys.executable).with_name("pre-commit")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pre-commit")
    return [found] if found else None


PRE_COMMIT = _pre_commit()
pytestmark = pytest.mark.skipif(PRE_COMMIT is None, reason="the pre-commit executable is not installed")


def _env(home: Path) -> dict[str, str]:
    """A clean environment: no GIT_* variables of an enclosing git hook, an identity
    for the commits, and pre-commit's own home in a temporary folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "PRE_COMMIT"}
    env.update(
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="test",
        GIT_COMMITTER_EMAIL="test@example.org",
        PRE_COMMIT_COLOR="never",
    )
    return env


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))


def _fingerprint(path: Path) -> tuple[bytes, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_ino


def _make_repo(root: Path, files: dict[str, str | bytes], env: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    for name, data in files.items():
        _write(root / name, data)
    subprocess.run(["git", "add", "."], cwd=root, check=True, env=env)
    return root


def _try_repo(hook: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    return subprocess.run(
        [*PRE_COMMIT, "try-repo", str(REPO), hook, "--all-files"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


JSONL = json.dumps({"id": 1, "text": DIRTY}) + "\n" + json.dumps({"id": 2, "text": CLEAN}) + "\n"

FILES: dict[str, str | bytes] = {
    "corpus/dirty.txt": DIRTY,
    "corpus/dirty-crlf-bom.txt": b"\xef\xbb\xbf" + DIRTY.replace("\n", "\r\n").encode(),
    "corpus/clean.txt": CLEAN,
    "corpus/records.jsonl": JSONL,
    "corpus/records.jsonl.gz": gzip.compress(JSONL.encode()),
    # not corpus files: the hooks' defaults must leave them alone
    "README": DIRTY,
    "LICENSE": DIRTY,
    "README.txt": DIRTY,
    "requirements.txt": "Share this article\n",
    "notes.md": DIRTY,
}
NOT_CORPUS = ["README", "LICENSE", "README.txt", "requirements.txt", "notes.md"]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _env(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> dict[str, object]:
    """A repository with boilerplate, after a first and a second run of the ``newsclean`` hook."""
    repo = _make_repo(tmp_path_factory.mktemp("fix") / "repo", FILES, env)
    before = {name: _fingerprint(repo / name) for name in FILES}
    first = _try_repo("newsclean", repo, env)
    after_first = {name: _fingerprint(repo / name) for name in FILES}
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)  # as the user would after a fix
    second = _try_repo("newsclean", repo, env)
    after_second = {name: _fingerprint(repo / name) for name in FILES}
    return {
        "repo": repo,
        "before": before,
        "first": first,
        "after_first": after_first,
        "second": second,
        "after_second": after_second,
    }


def test_hook_fixes_files_with_boilerplate(fixed: dict[str, object]) -> None:
    first = fixed["first"]
    assert isinstance(first, subprocess.CompletedProcess)
    out = first.stdout + first.stderr
    assert first.returncode == 1, out
    assert "files were modified by this hook" in out
    assert "Fixing corpus/dirty.txt" in out
    repo = fixed["repo"]
    assert isinstance(repo, Path)
    assert (repo / "corpus/dirty.txt").read_text() == CLEAN
    assert (repo / "corpus/dirty-crlf-bom.txt").read_bytes() == b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode()
    records = [json.loads(line) for line in (repo / "corpus/records.jsonl").read_text().splitlines()]
    assert [r["text"] for r in records] == [CLEAN, CLEAN]
    assert gzip.decompress((repo / "corpus/records.jsonl.gz").read_bytes()).decode() == (repo / "corpus/records.jsonl").read_text()


def test_hook_leaves_clean_and_non_corpus_files_alone(fixed: dict[str, object]) -> None:
    before, after = fixed["before"], fixed["after_first"]
    assert isinstance(before, dict) and isinstance(after, dict)
    for name in ["corpus/clean.txt", *NOT_CORPUS]:
        assert after[name] == before[name], f"{name} was touched"


def test_hook_passes_on_second_run(fixed: dict[str, object]) -> None:
    second = fixed["second"]
    assert isinstance(second, subprocess.CompletedProcess)
    out = second.stdout + second.stderr
    assert second.returncode == 0, out
    assert "Passed" in out
    assert "Fixing" not in out
    assert fixed["after_second"] == fixed["after_first"], "the second run must not touch any file"


def test_check_hook_reports_and_changes_nothing(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> None:
    files: dict[str, str | bytes] = {"corpus/dirty.txt": DIRTY, "corpus/clean.txt": CLEAN, "README": DIRTY}
    repo = _make_repo(tmp_path_factory.mktemp("check") / "repo", files, env)
    before = {name: _fingerprint(repo / name) for name in files}
    result = _try_repo("newsclean-check", repo, env)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "corpus/dirty.txt:2: " in out and "corpus/dirty.txt:4: " in out
    assert "corpus/clean.txt:" not in out and "README:" not in out
    assert {name: _fingerprint(repo / name) for name in files} == before


def test_check_hook_uses_the_profile_committed_in_the_corpus_repository(
    tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]
) -> None:
    """The documented workflow: `newsclean learn corpus/ -o .newsclean-profile.json`,
    commit it with `profile = ".newsclean-profile.json"` in [tool.newsclean]; the hook uses it."""
    furniture = "Every story here is free to read thanks to the Friends of the Valley Courier"
    towns = ["Ashby", "Brigg", "Cleeve", "Dunmow", "Epping", "Frome"]
    files: dict[str, str | bytes] = {
        f"corpus/{t.lower()}.txt": f"Volunteers in {t} repainted the old station on Saturday.\n{furniture}\n" for t in towns
    }
    files["pyproject.toml"] = '[tool.newsclean]\nprofile = ".newsclean-profile.json"\n'
    root = tmp_path_factory.mktemp("profile") / "repo"
    repo = _make_repo(root, files, env)
    learned = subprocess.run(
        [sys.executable, "-m", "newsclean", "learn", "corpus/", "--key", "none", "-o", ".newsclean-profile.json"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert learned.returncode == 0, learned.stderr
    subprocess.run(["git", "add", ".newsclean-profile.json"], cwd=repo, check=True, env=env)
    before = {name: _fingerprint(repo / name) for name in files}
    result = _try_repo("newsclean-check", repo, env)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    for t in towns:
        assert f"corpus/{t.lower()}.txt:2: L101 site-boilerplate" in out, out
    assert {name: _fingerprint(repo / name) for name in files} == before
