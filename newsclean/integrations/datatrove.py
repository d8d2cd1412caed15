"""A datatrove pipeline step that cleans (or only tags) each document's text.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from newsclean.integrations.datatrove import NewscleanStep

    LocalPipelineExecutor(
        pipeline=[JsonlReader("in/"), NewscleanStep(preset="default"), JsonlWriter("out/")],
        tasks=4,
    ).run()

Every document gets ``metadata["newsclean"]``: the removals (code, name, category,
lines, offsets, evidence) and the language.  With ``tag_only=True`` the text is left
as it is, so a corpus can be tagged first and cleaned later.  The step counts
documents changed and removals per rule code in datatrove's stats.  datatrove is
not a dependency of newsclean: install it yourself (``pip install datatrove``).
"""

from __future__ import annotations

from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..engine import Cleaner


class NewscleanStep(PipelineStep):
    """Removes boilerplate lines from ``doc.text`` and records why in the metadata."""

    name = "newsclean"
    type = "\u2702\ufe0f - FORMAT"

    def __init__(self, *, tag_only: bool = False, metadata_key: str = "newsclean", **options: Any) -> None:
        super().__init__()
        self.cleaner = Cleaner(**options)
        self.tag_only = tag_only
        self.metadata_key = metadata_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("documents")
            with self.track_time():
                ex = self.cleaner.explain(doc.text)
            removals = [r.as_dict() for r in ex.removals]
            for r in ex.removals:
                self.stat_update(f"removed_{r.code}")
            if removals:
                self.stat_update("documents_with_boilerplate")
                if not self.tag_only:
                    doc.text = ex.text
            doc.metadata[self.metadata_key] = {"lang": ex.lang, "removals": removals}
            yield doc
