"""Load the YAML knowledge base into frozen models, checking every id and cross-reference.

A mistake in the data stops the load with one message that names the file, the entry and the
field, for example ``techniques.yaml: psoas_sphinx_balls.targets: unknown muscle 'psoass'``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from unknot.knowledge.cache import data_version, keep, read_kept
from unknot.knowledge.checks import check_all
from unknot.knowledge.errors import KnowledgeError
from unknot.knowledge.exclusion import derive_ruled_out
from unknot.knowledge.models import (
    Condition,
    Finding,
    Muscle,
    Profession,
    Prop,
    RedFlagRule,
    Region,
    Source,
)
from unknot.knowledge.settings import (
    IntakeLimits,
    LanguageSettings,
    PlanningSettings,
    TierSettings,
    TriageSettings,
)
from unknot.knowledge.technique import Technique

DATA_DIR = Path(__file__).parent / "data"


# the C loader is several times faster; fall back where PyYAML was built without libyaml
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class KnowledgeBase:
    """All facts, by id. Build it with :func:`load_knowledge`; never mutate it."""

    sources: Mapping[str, Source]
    regions: Mapping[str, Region]
    findings: Mapping[str, Finding]
    conditions: Mapping[str, Condition]
    red_flags: Mapping[str, RedFlagRule]
    muscles: Mapping[str, Muscle]
    props: Mapping[str, Prop]
    techniques: Mapping[str, Technique]
    professions: Mapping[str, Profession]
    triage: TriageSettings
    planning: PlanningSettings
    tiers: TierSettings
    intake_limits: IntakeLimits
    language: LanguageSettings
    # derived: for each technique, the conditions that rule it out
    ruled_out: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # a digest of the data files (``cache.data_version``): what a cached picture or answer is
    # keyed by, so nothing worked out from one knowledge base is served for another
    version: str = ""

    def kind_of(self, entry_id: str) -> str | None:
        """Which collection an id belongs to ("muscle", "technique", ...), or None."""
        for kind, table in self.tables().items():
            if entry_id in table:
                return kind
        return None

    def tables(self) -> dict[str, Mapping[str, Any]]:
        return {
            "muscle": self.muscles,
            "technique": self.techniques,
            "prop": self.props,
            "source": self.sources,
            "region": self.regions,
            "finding": self.findings,
            "condition": self.conditions,
            "red_flag": self.red_flags,
            "profession": self.professions,
        }

    def conditions_ruling_out(self, technique_id: str) -> tuple[str, ...]:
        return self.ruled_out.get(technique_id, ())


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(f"{path.name}: file is missing from {path.parent}") from None
    try:
        raw = yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(raw, list):
        raise KnowledgeError(f"{path.name}: expected a list of entries, got {type(raw).__name__}")
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise KnowledgeError(f"{path.name}: entry #{index + 1}: expected a mapping")
    return raw


def _parse_settings(path: Path, model: type[M]) -> M:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)  # noqa: S506
    except FileNotFoundError:
        raise KnowledgeError(f"{path.name}: file is missing from {path.parent}") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML: {exc}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise KnowledgeError(
            f"{path.name}: {_field_path(tuple(first['loc']))}: {first['msg']}"
        ) from None


def _field_path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]"] if parts else [f"[{part}]"]
        else:
            parts.append(part)
    return ".".join(parts) or "(entry)"


def _parse(path: Path, model: type[M]) -> dict[str, M]:
    entries: dict[str, M] = {}
    for index, raw in enumerate(_read(path)):
        name = str(raw.get("id") or f"entry #{index + 1}")
        try:
            entry = model.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = _field_path(tuple(first["loc"]))
            raise KnowledgeError(f"{path.name}: {name}.{where}: {first['msg']}") from None
        entry_id: str = getattr(entry, "id")  # noqa: B009 - every model here has an id
        if entry_id in entries:
            raise KnowledgeError(f"{path.name}: {entry_id}: duplicate id")
        entries[entry_id] = entry
    return entries


def load_knowledge_from(data_dir: Path) -> KnowledgeBase:
    """Load and check the knowledge base in ``data_dir``; raise KnowledgeError on any flaw."""
    kb = KnowledgeBase(
        sources=_parse(data_dir / "sources.yaml", Source),
        regions=_parse(data_dir / "regions.yaml", Region),
        findings=_parse(data_dir / "findings.yaml", Finding),
        conditions=_parse(data_dir / "conditions.yaml", Condition),
        red_flags=_parse(data_dir / "red_flags.yaml", RedFlagRule),
        muscles=_parse(data_dir / "muscles.yaml", Muscle),
        props=_parse(data_dir / "props.yaml", Prop),
        techniques=_parse(data_dir / "techniques.yaml", Technique),
        professions=_parse(data_dir / "professions.yaml", Profession),
        triage=_parse_settings(data_dir / "triage.yaml", TriageSettings),
        planning=_parse_settings(data_dir / "planning.yaml", PlanningSettings),
        tiers=_parse_settings(data_dir / "tiers.yaml", TierSettings),
        intake_limits=_parse_settings(data_dir / "intake.yaml", IntakeLimits),
        language=_parse_settings(data_dir / "language.yaml", LanguageSettings),
    )
    check_all(kb)
    ruled_out = derive_ruled_out(kb.techniques, kb.conditions, kb.props)
    return dataclasses.replace(kb, ruled_out=ruled_out, version=data_version(data_dir))


@functools.cache
def load_knowledge() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process: from the checked copy kept for
    these very files and this code when there is one (``cache``), else from the data, checked,
    and kept for the next process."""
    kept = read_kept(data_version(DATA_DIR))
    if kept is not None:
        return kept
    kb = load_knowledge_from(DATA_DIR)
    keep(kb)
    return kb
