"""Clean a Dask bag of texts with newsclean.

::

    import dask.bag as db
    from newsclean.integrations.dask import clean_bag

    texts = db.read_text("corpus/*.txt", linedelimiter="\\n\\n")
    cleaned = clean_bag(texts, preset="default")

The cleaner is built once per partition on the worker (from its options, which
pickle), never per record.  Dask is not a dependency of newsclean: install it
yourself (``pip install "dask[distributed]"``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..engine import Cleaner


def _clean_partition(texts: Iterable[str], cleaner: Cleaner) -> list[str]:
    # a list, not a generator: partitions travel back between processes
    return [cleaner.clean(t) for t in texts]


def _explain_partition(texts: Iterable[str], cleaner: Cleaner) -> list[dict[str, Any]]:
    return [cleaner.explain(t).as_dict() for t in texts]


def clean_bag(bag: Any, *, cleaner: Cleaner | None = None, **options: Any) -> Any:
    """A bag of the cleaned texts of ``bag`` (a ``dask.bag.Bag`` of ``str``)."""
    c = cleaner or Cleaner(**options)
    return bag.map_partitions(_clean_partition, c)


def explain_bag(bag: Any, *, cleaner: Cleaner | None = None, **options: Any) -> Any:
    """A bag of ``Explanation.as_dict()`` records (text, lang, removals) for ``bag``."""
    c = cleaner or Cleaner(**options)
    return bag.map_partitions(_explain_partition, c)


# -- site profiles ---------------------------------------------------------------


def _learn_partition(records: Iterable[Any], key: str | None, field: str, width: int) -> list[Any]:
    from ..profile import ProfileLearner, iter_grouped

    learner = ProfileLearner(width=width)
    for text, group in iter_grouped(records, key=key, field=field):
        learner.add(text, group)
    return [learner]


def _merge_learners(a: Any, b: Any) -> Any:
    return a.merge(b)


def learn_profile_bag(
    bag: Any, *, key: str | None = "url", field: str = "text", width: int | None = None, **thresholds: Any
) -> Any:
    """Learn a site profile from a bag of records (dicts with ``field`` and the
    ``key`` field; ``"url"`` groups by host), texts or ``(text, group)`` pairs:
    one learner per partition, merged by a tree reduction.  Returns the
    :class:`~newsclean.profile.Profile` (computed on the bag's scheduler)."""
    from ..profile import WIDTH

    learners = bag.map_partitions(_learn_partition, key, field, width or WIDTH)
    merged = learners.fold(_merge_learners, split_every=8).compute()
    return merged.profile(**thresholds)


def _clean_records(records: Iterable[dict[str, Any]], cleaner: Cleaner, key: str | None, field: str) -> list[dict[str, Any]]:
    from ..profile import group_of

    out = []
    for r in records:
        r = dict(r)
        if isinstance(r.get(field), str):
            r[field] = cleaner.clean(r[field], group_of(r, key) if key else None)
        out.append(r)
    return out


def clean_records_bag(
    bag: Any, *, cleaner: Cleaner | None = None, key: str | None = "url", field: str = "text", **options: Any
) -> Any:
    """A bag of records with ``field`` cleaned; with a profile (``profile=``), each
    record's group comes from its ``key`` field (``"url"``: its host)."""
    c = cleaner or Cleaner(**options)
    return bag.map_partitions(_clean_records, c, key, field)
