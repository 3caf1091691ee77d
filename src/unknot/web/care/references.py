"""Numbered references, collected once per page: a fact carries small numbers, and the sources
are listed once at the foot of the page, instead of full titles repeated under every bullet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from unknot.knowledge import KnowledgeBase


@dataclass(frozen=True)
class Reference:
    number: int
    id: str
    title: str
    citation: str


@dataclass
class References:
    """The sources a page cites, numbered in the order they are first cited."""

    kb: KnowledgeBase
    entries: list[Reference] = field(default_factory=list)

    def cite(self, ids: Iterable[str]) -> list[Reference]:
        """The references for ``ids`` (unknown ids skipped, repeats once), numbering new ones."""
        known = {ref.id: ref for ref in self.entries}
        cited: list[Reference] = []
        for source_id in dict.fromkeys(ids):
            source = self.kb.sources.get(source_id)
            if source is None:
                continue
            if source_id not in known:
                known[source_id] = Reference(
                    len(self.entries) + 1, source_id, source.title, source.citation
                )
                self.entries.append(known[source_id])
            cited.append(known[source_id])
        return cited
