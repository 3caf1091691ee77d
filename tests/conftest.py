"""Shared fixtures, and a fence around the user's home: the whole run (and every program it
starts) gets a throwaway HOME and XDG folders, and the run fails if unknot's folder in the real
home changed anyway."""

import importlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from rich.console import Console

from unknot.cli.app import COMMANDS
from unknot.knowledge import KnowledgeBase, load_knowledge


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


def _plain(stderr: bool = False) -> Console:
    return Console(stderr=stderr, width=300, force_terminal=False, color_system=None)


@pytest.fixture(autouse=True)
def plain_wide_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colourless CLI output 300 columns wide, whatever COLUMNS or FORCE_COLOR the tests run
    with: each CLI module's Rich consoles read those once, at import, so they are swapped here.
    The command modules load when a command runs (``unknot.cli.app.COMMANDS``): load them all
    first, so that every console is swapped."""
    for module_name, _, _ in COMMANDS.values():
        importlib.import_module(module_name)
    for name, module in list(sys.modules.items()):
        if not name.startswith("unknot.cli."):
            continue
        for attr in ("console", "err"):
            if isinstance(getattr(module, attr, None), Console):
                monkeypatch.setattr(module, attr, _plain(stderr=attr == "err"))


REAL_DATA = Path.home() / ".local" / "share" / "unknot"
REAL_CACHE = Path.home() / ".cache" / "unknot"  # the knowledge base's checked copy lives here


def _snapshot(folder: Path) -> dict[str, float]:
    if not folder.exists():
        return {}
    return {str(p): p.stat().st_mtime for p in [folder, *folder.rglob("*")]}


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_BEFORE] = {**_snapshot(REAL_DATA), **_snapshot(REAL_CACHE)}
    home = tempfile.mkdtemp(prefix="unknot-test-home-")
    config.stash[_HOME] = home
    os.environ["HOME"] = home
    for name, sub in (("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                      ("XDG_CACHE_HOME", ".cache")):  # fmt: skip
        os.environ[name] = str(Path(home) / sub)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(config.stash.get(_HOME, ""), ignore_errors=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_BEFORE, {})
    if {**_snapshot(REAL_DATA), **_snapshot(REAL_CACHE)} != before:
        session.config.get_terminal_writer().line(
            f"the tests wrote into the real home: {REAL_DATA} or {REAL_CACHE} changed",
            red=True,
            bold=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_BEFORE = pytest.StashKey[dict[str, float]]()
_HOME = pytest.StashKey[str]()
