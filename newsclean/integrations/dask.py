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
