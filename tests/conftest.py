import sys

import pytest
from rich.console import Console

from unknot.knowledge import KnowledgeBase, load_knowledge


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


def _plain(stderr: bool = False) -> Console:
    return Console(stderr=stderr, width=300, force_terminal=False, color_system=None)


@pytest.fixture(autouse=True)
def plain_wide_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colourless CLI output 300 columns wide, whatever COLUMNS or FORCE_COLOR the tests run
    with: each CLI module's Rich consoles read those once, at import, so they are swapped here."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("unknot.cli."):
            continue
        for attr in ("console", "err"):
            if isinstance(getattr(module, attr, None), Console):
                monkeypatch.setattr(module, attr, _plain(stderr=attr == "err"))
