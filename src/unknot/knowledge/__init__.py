"""The facts unknot reasons with, as checked data: muscles, techniques, props, sources."""

from unknot.knowledge.errors import KnowledgeError
from unknot.knowledge.exclusion import technique_excluded_by
from unknot.knowledge.loader import (
    KnowledgeBase,
    load_knowledge,
    load_knowledge_from,
)

__all__ = [
    "KnowledgeBase",
    "KnowledgeError",
    "load_knowledge",
    "load_knowledge_from",
    "technique_excluded_by",
]
