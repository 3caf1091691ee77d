"""What a flaw in the knowledge base raises, and the helper that words a bad reference."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any


class KnowledgeError(ValueError):
    """The knowledge base is inconsistent; the message names file, entry and field."""


class Checker:
    """Collects the cross-reference checks for one file with a helpful message."""

    def __init__(self, file: str) -> None:
        self.file = file

    def refs(
        self, entry: str, where: str, kind: str, ids: Iterable[str], known: Mapping[str, Any]
    ) -> None:
        for ref in ids:
            if ref not in known:
                close = difflib.get_close_matches(ref, list(known), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise KnowledgeError(f"{self.file}: {entry}.{where}: unknown {kind} '{ref}'{hint}")
