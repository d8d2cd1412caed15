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
documents changed and removals per rule code in datatrove's stats.  With
``profile=`` (a site profile, see :class:`ProfileLearnStep`) a document's group is
the host of its ``metadata["url"]`` (``group_by``).  datatrove is
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

    def __init__(
        self, *, tag_only: bool = False, metadata_key: str = "newsclean", group_by: str | None = "url", **options: Any
    ) -> None:
        super().__init__()
        self.cleaner = Cleaner(**options)
        #: with a site profile (``profile=``): the metadata field naming a document's group
        self.group_by = group_by
        self.tag_only = tag_only
        self.metadata_key = metadata_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("documents")
            with self.track_time():
                group = _doc_group(doc, self.group_by) if self.cleaner.profile is not None else None
                ex = self.cleaner.explain(doc.text, group)
            removals = [r.as_dict() for r in ex.removals]
            for r in ex.removals:
                self.stat_update(f"removed_{r.code}")
            if removals:
                self.stat_update("documents_with_boilerplate")
                if not self.tag_only:
                    doc.text = ex.text
            doc.metadata[self.metadata_key] = {"lang": ex.lang, "removals": removals}
            yield doc


# -- site profiles ---------------------------------------------------------------
#
#   stage 1 (any number of tasks):  JsonlReader(...) -> ProfileLearnStep("states/")
#   stage 2 (one task):             ProfileMergeStep("states/", "profile.json")
#   stage 3 (any number of tasks):  JsonlReader(...) -> NewscleanStep(profile="profile.json") -> JsonlWriter(...)
#
# Each task of stage 1 writes its learner's state (a fixed-size sketch plus the
# lines it saw on two pages or more); stage 2 adds them up.  The merged profile is
# the one a single pass would learn (see newsclean.profile).


def _doc_group(doc: Any, group_by: str | None) -> str:
    from ..profile import DEFAULT_GROUP, group_of

    if group_by is None:
        return DEFAULT_GROUP
    return group_of(doc.metadata, group_by)


class ProfileLearnStep(PipelineStep):
    """Learns a site profile from the documents of its task and writes the learner
    state to ``output_folder/RANK.state``; documents pass through unchanged.

    ``group_by``: the metadata field that names a document's group (``"url"``: the
    host of ``metadata["url"]``), or ``None`` for one group.
    """

    name = "newsclean profile: learn"
    type = "\U0001f4ca - STATS"

    def __init__(self, output_folder: str, *, group_by: str | None = "url", width: int | None = None) -> None:
        super().__init__()
        self.output_folder = output_folder
        self.group_by = group_by
        self.width = width

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        import os

        from ..profile import WIDTH, ProfileLearner

        learner = ProfileLearner(width=self.width or WIDTH)
        for doc in data:
            self.stat_update("documents")
            with self.track_time():
                learner.add(doc.text, _doc_group(doc, self.group_by))
            yield doc
        os.makedirs(self.output_folder, exist_ok=True)
        learner.save(os.path.join(self.output_folder, f"{rank:05d}.state"))


class ProfileMergeStep(PipelineStep):
    """Adds up the learner states of :class:`ProfileLearnStep` and writes the
    profile JSON to ``output`` (run it with one task)."""

    name = "newsclean profile: merge"
    type = "\U0001f4ca - STATS"

    def __init__(self, input_folder: str, output: str, **thresholds: Any) -> None:
        super().__init__()
        self.input_folder = input_folder
        self.output = output
        self.thresholds = thresholds

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        from ..profile import merge_states

        if rank == 0:
            profile = merge_states(self.input_folder).profile(**self.thresholds)
            profile.save(self.output)
            self.stat_update("groups", value=len(profile.groups))
            self.stat_update("shapes", value=len(profile))
        if data:
            yield from data
