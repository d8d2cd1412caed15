"""newsclean on a real local Dask cluster (worker processes, not threads)."""

from __future__ import annotations

import os

import pytest

import newsclean

distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is a test dependency")
import dask.bag as db  # noqa: E402

from newsclean.integrations.dask import clean_bag, explain_bag  # noqa: E402

ARTICLE = "The council met on Monday.\nShare this article\nIt approved the budget.\n"


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_clean_bag_on_worker_processes(client):
    texts = [ARTICLE.replace("Monday", f"day {i}") for i in range(40)]
    bag = db.from_sequence(texts, npartitions=4)
    out = client.compute(clean_bag(bag)).result(timeout=120)
    assert out == [newsclean.clean(t) for t in texts]
    assert all("Share this article" not in t for t in out)
    workers = client.run(os.getpid)
    assert len(set(workers.values())) == 2  # two real worker processes


def test_explain_bag_carries_the_removals(client):
    bag = db.from_sequence([ARTICLE, "Plain text.\n"], npartitions=2)
    records = client.compute(explain_bag(bag, ignore=["R"])).result(timeout=120)
    assert [r["code"] for r in records[0]["removals"]] == ["N101"]
    assert records[1]["removals"] == [] and records[1]["text"] == "Plain text.\n"


APPEAL = "Keep our reporting free: give what you can this month"
TOWNS = ["Leeds", "York", "Hull", "Bath", "Ely", "Wells", "Ripon", "Derby"]


def test_profile_learned_on_the_cluster_equals_one_pass_and_cleans_records(client):
    from newsclean.integrations.dask import clean_records_bag, learn_profile_bag
    from newsclean.profile import learn_profile

    records = [
        {"url": f"https://www.{site}/{t}", "text": f"The {t} council met.\nIt approved the {t} budget.\n{APPEAL} {site}\n"}
        for site in ("a.example", "b.example")
        for t in TOWNS
    ]
    bag = db.from_sequence(records, npartitions=4)
    profile = learn_profile_bag(bag, width=1 << 12)  # computed on the client's cluster
    assert profile == learn_profile(records, key="url", width=1 << 12)
    out = client.compute(clean_records_bag(bag, profile=profile, select=["L101"])).result(timeout=120)
    assert [r["text"] for r in out] == [r["text"].rsplit(APPEAL, 1)[0] for r in records]
