"""The licensed questionnaire texts: each fits its measure, cites checked sources, carries its
authors' notice, and is shipped exactly as checked (a changed word fails here, on purpose)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from unknot.knowledge import KnowledgeBase, KnowledgeError
from unknot.knowledge.measures import load_measures
from unknot.knowledge.questionnaires import (
    FOLDER,
    Questionnaire,
    load_questionnaires,
    load_questionnaires_from,
)

# The wording as checked against the authors' published forms (see each file's `checked`). The
# licences forbid changing it: if an author publishes a new version, ship it deliberately and
# record its digest here, after checking it again.
CHECKED = {
    "rmdq": "bf561cf539e130641c29e5e1e5c2093044174413794827e2d646a30103f8c7fa",
    "startback": "573c69f2cb4ef5b272057b52050258d536a616170b5024c4fe8d9497f241006b",
}


def _digest(q: Questionnaire) -> str:
    words = [q.instructions, *(r.text for r in q.responses), *q.items]
    if q.last_item is not None:
        words += [q.last_item.question, *(c.text for c in q.last_item.choices)]
    words += [q.attribution, q.notice]
    return hashlib.sha256("\n".join(words).encode()).hexdigest()


def test_the_licensed_texts_are_shipped_exactly_as_checked() -> None:
    texts = load_questionnaires()
    assert set(texts) == set(CHECKED)
    for measure, digest in CHECKED.items():
        assert _digest(texts[measure]) == digest, f"the licensed text of {measure} was changed"


def test_each_text_fits_its_measure_and_cites_checked_sources(kb: KnowledgeBase) -> None:
    measures = load_measures()
    for measure, q in load_questionnaires().items():
        m = measures[measure]
        assert m.licence.ship_item_text and m.licence.notice
        assert len(q.items) + (q.last_item is not None) == m.items
        for source in q.sources:
            assert kb.sources[source].checked, source
    # the Oswestry's licence does not let its questions ship
    assert not measures["odi"].licence.ship_item_text and "odi" not in load_questionnaires()


def test_a_text_with_a_statement_missing_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "questionnaires"
    shutil.copytree(FOLDER, folder)
    path = folder / "rmdq.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.remove("  - I sleep less well because of my back.")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"rmdq\.yaml: items: 23 questions"):
        load_questionnaires_from(folder)
