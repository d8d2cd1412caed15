"""newsclean as a step of a real datatrove pipeline, run by its local executor
with two worker processes."""

from __future__ import annotations

import gzip
import json

import pytest

pytest.importorskip("datatrove", reason="datatrove is a test dependency")
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from newsclean.integrations.datatrove import NewscleanStep  # noqa: E402

ARTICLE = "The council met on Monday.\nShare this article\nIt approved the budget.\n"
CLEAN = "The council met on Monday.\nIt approved the budget.\n"


def _write_input(folder, n=6):
    folder.mkdir()
    for part in range(2):
        with open(folder / f"part{part}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(n // 2):
                fh.write(json.dumps({"id": f"{part}-{i}", "text": ARTICLE if i % 2 == 0 else CLEAN}) + "\n")


def _read_output(folder):
    records = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh)
    return records


@pytest.mark.parametrize("tag_only", [False, True])
def test_pipeline_cleans_or_tags_documents(tmp_path, tag_only):
    _write_input(tmp_path / "in")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            NewscleanStep(tag_only=tag_only, lang="en"),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    records = _read_output(tmp_path / "out")
    assert len(records) == 6
    for rec in records:
        meta = rec["metadata"]["newsclean"]
        assert meta["lang"] == "en"
        if rec["id"].endswith(("-0", "-2")):  # the even records hold the boilerplate
            assert [r["code"] for r in meta["removals"]] == ["N101"]
            assert rec["text"] == (ARTICLE if tag_only else CLEAN)
        else:
            assert meta["removals"] == [] and rec["text"] == CLEAN


# -- site profiles: learn per task, merge, clean -------------------------------------

APPEAL = "Keep our reporting free: give what you can this month"
TOWNS = ["Leeds", "York", "Hull", "Bath", "Ely", "Wells", "Ripon", "Derby"]


def _site_pages(folder):
    folder.mkdir()
    for part in range(2):
        with open(folder / f"part{part}.jsonl", "w", encoding="utf-8") as fh:
            for site in ("a.example", "b.example"):
                for t in TOWNS[part::2]:
                    text = f"The {t} council met on Monday.\nIt approved the {t} budget.\n{APPEAL} ({site})\n"
                    fh.write(json.dumps({"id": f"{site}-{t}", "text": text, "metadata": {"url": f"https://{site}/{t}"}}) + "\n")


def test_profile_pipeline_learns_per_task_merges_and_cleans(tmp_path):
    from newsclean.integrations.datatrove import ProfileLearnStep, ProfileMergeStep
    from newsclean.profile import Profile, learn_profile

    _site_pages(tmp_path / "in")
    states, profile_path = tmp_path / "states", tmp_path / "profile.json"
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in")), ProfileLearnStep(str(states), width=1 << 12)],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs1"),
    ).run()
    assert sorted(p.name for p in states.iterdir()) == ["00000.state", "00001.state"]
    LocalPipelineExecutor(
        pipeline=[ProfileMergeStep(str(states), str(profile_path))], tasks=1, logging_dir=str(tmp_path / "logs2")
    ).run()
    profile = Profile.load(profile_path)
    # the same as one pass over every page
    pages = []
    for part in sorted((tmp_path / "in").iterdir()):
        pages += [json.loads(line) for line in part.open(encoding="utf-8")]
    one = learn_profile([(p["text"], p["metadata"]["url"].split("/")[2]) for p in pages], width=1 << 12)
    assert profile == one and sorted(profile.groups) == ["a.example", "b.example"]
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            NewscleanStep(profile=str(profile_path), select=["L101"]),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs3"),
    ).run()
    records = _read_output(tmp_path / "out")
    assert len(records) == 16
    for rec in records:
        assert APPEAL not in rec["text"] and rec["text"].startswith("The ")
        site = rec["id"].split("-")[0]
        assert [r["evidence"] for r in rec["metadata"]["newsclean"]["removals"]] == [f"on 8 of 8 pages of {site}"]
