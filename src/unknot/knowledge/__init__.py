"""The facts unknot reasons with, as checked data: muscles, techniques, props, sources."""

from unknot.knowledge.loader import (
    KnowledgeBase,
    KnowledgeError,
    load_knowledge,
    load_knowledge_from,
    technique_excluded_by,
)

__all__ = [
    "KnowledgeBase",
    "KnowledgeError",
    "load_knowledge",
    "load_knowledge_from",
    "technique_excluded_by",
]
