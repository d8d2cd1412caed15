"""`newsclean learn`, `--profile` and the config key, run as a user runs them (in a subprocess)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

from newsclean import Profile

APPEAL = "Keep our reporting free: give what you can this month"
TOWNS = ["Leeds", "York", "Hull", "Bath", "Ely", "Wells", "Ripon", "Derby"]


def body(town: str) -> str:
    return f"The {town} council met to talk about bus lanes.\nResidents of {town} liked the new timetable.\n"


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsclean", *args], capture_output=True, text=True, cwd=cwd)


def make_folder_corpus(root):
    site = root / "corpus" / "gazette.example"
    site.mkdir(parents=True)
    for t in TOWNS:
        (site / f"{t}.txt").write_text(body(t) + APPEAL + "\n", encoding="utf-8")
    return root / "corpus"


def test_learn_a_folder_then_clean_and_check_with_the_profile(tmp_path):
    corpus = make_folder_corpus(tmp_path)
    out = tmp_path / "profile.json"
    r = run("learn", str(corpus), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "learned 8 pages in 1 groups" in r.stderr
    profile = Profile.load(out)
    assert [t for _, t in profile.groups["gazette.example"].shapes.values()] == [APPEAL.lower()]
    page = corpus / "gazette.example" / "Leeds.txt"
    r = run("clean", "--profile", str(out), "--select", "L101", str(page))
    assert r.returncode == 0 and r.stdout == body("Leeds")
    r = run("check", "--profile", str(out), "--select", "L101", str(page))
    assert r.returncode == 1
    assert "L101 site-boilerplate" in r.stdout
    # the evidence is in the JSON report
    r = run("check", "--profile", str(out), "--format", "json", "--select", "L101", str(page))
    assert json.loads(r.stdout.splitlines()[0])["evidence"] == "on 8 of 8 pages of gazette.example"


def test_config_key_profile_is_relative_to_the_config_file(tmp_path):
    corpus = make_folder_corpus(tmp_path)
    assert run("learn", str(corpus), "--key", "none", "-o", str(tmp_path / ".newsclean-profile.json")).returncode == 0
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nprofile = ".newsclean-profile.json"\n', encoding="utf-8")
    sub = tmp_path / "elsewhere"
    sub.mkdir()
    (sub / "new.txt").write_text(body("Selby") + APPEAL + "\n", encoding="utf-8")
    r = run("clean", "new.txt", cwd=sub)
    assert r.returncode == 0 and r.stdout == body("Selby"), r.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nprofile = "missing.json"\n', encoding="utf-8")
    r = run("clean", "new.txt", cwd=sub)
    assert r.returncode == 2 and "missing.json" in r.stderr and "cannot read profile" in r.stderr


def test_learn_jsonl_by_url_host_reports_bad_records_and_keeps_the_rest(tmp_path):
    path = tmp_path / "pages.jsonl.gz"
    lines = [json.dumps({"url": f"https://www.gazette.example/{t}", "text": body(t) + APPEAL + "\n"}) for t in TOWNS]
    lines.insert(3, "{not json")
    lines.insert(5, json.dumps({"url": "https://www.gazette.example/x", "body": "no text field"}))
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    out = tmp_path / "p.json"
    r = run("learn", str(path), "-o", str(out))
    assert r.returncode == 2
    assert f"{path}:4: invalid JSON" in r.stderr and f"{path}:6: no string field 'text'" in r.stderr
    profile = Profile.load(out)
    assert profile.groups["gazette.example"].docs == 8
    # --group names the site of every input
    page = tmp_path / "new.txt"
    page.write_text(body("Selby") + APPEAL + "\n", encoding="utf-8")
    r = run("clean", "--profile", str(out), "--group", "gazette.example", "--select", "L101", str(page))
    assert r.stdout == body("Selby")


def test_learn_in_shards_then_merge_states_equals_one_pass(tmp_path):
    corpus = make_folder_corpus(tmp_path)
    files = sorted((corpus / "gazette.example").glob("*.txt"))
    one = tmp_path / "one.json"
    assert run("learn", str(corpus), "-o", str(one)).returncode == 0
    for k, part in enumerate((files[:4], files[4:])):
        r = run("learn", *map(str, part), "--save-state", str(tmp_path / f"{k}.state"))
        assert r.returncode == 0, r.stderr
    merged = tmp_path / "merged.json"
    r = run("learn", "--merge-state", str(tmp_path / "0.state"), "--merge-state", str(tmp_path / "1.state"), "-o", str(merged))
    assert r.returncode == 0, r.stderr
    assert merged.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")


def test_learn_usage_errors(tmp_path):
    r = run("learn", str(tmp_path / "nope"), "-o", str(tmp_path / "p.json"))
    assert r.returncode == 2 and "no such file" in r.stderr
    r = run("learn", str(tmp_path), "--min-docs", "1", "-o", str(tmp_path / "p.json"))
    assert r.returncode == 2 and "--min-docs" in r.stderr
    assert not (tmp_path / "p.json").exists()
    r = run("learn", str(tmp_path))
    assert r.returncode == 2 and "-o FILE" in r.stderr
