"""The knowledge base's version and its checked copy on disk (``unknot.knowledge.cache``): the
copy is the same knowledge base, is kept where the person's settings say, and a changed file or
a broken copy is never read as if it were the data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from unknot.knowledge import load_knowledge_from
from unknot.knowledge.cache import KEPT_COPIES, cache_dir, data_version, keep, read_kept
from unknot.knowledge.loader import DATA_DIR


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("UNKNOT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_version_is_a_digest_of_the_data(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    assert data_version(copy) == data_version(DATA_DIR) == load_knowledge_from(copy).version
    path = copy / "techniques.yaml"
    path.write_text(path.read_text() + "\n# one more line\n")
    assert data_version(copy) != data_version(DATA_DIR)


def test_a_kept_copy_is_the_same_knowledge_base(folder: Path) -> None:
    kb = load_knowledge_from(DATA_DIR)
    assert read_kept(kb.version) is None
    keep(kb)
    assert list(folder.iterdir())
    kept = read_kept(kb.version)
    assert kept == kb
    assert kept is not None and kept.version == kb.version


def test_a_copy_is_never_read_for_other_data(folder: Path) -> None:
    kb = load_knowledge_from(DATA_DIR)
    keep(kb)
    assert read_kept("another-version") is None


def test_only_the_newest_copies_are_kept(folder: Path) -> None:
    folder.mkdir(parents=True)
    for n in range(KEPT_COPIES + 3):  # copies left by earlier versions
        old = folder / f"knowledge-old{n}.pickle"
        old.write_bytes(b"old")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    kb = load_knowledge_from(DATA_DIR)
    keep(kb)
    left = sorted(p.name for p in folder.glob("knowledge-*.pickle"))
    assert len(left) == KEPT_COPIES
    assert read_kept(kb.version) == kb  # the new copy is among them
    assert "knowledge-old0.pickle" not in left  # the oldest went first


def test_a_broken_copy_is_ignored(folder: Path) -> None:
    kb = load_knowledge_from(DATA_DIR)
    keep(kb)
    for path in folder.iterdir():
        path.write_bytes(b"not a pickle")
    assert read_kept(kb.version) is None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"UNKNOT_CACHE": "off"}, None),
        ({"UNKNOT_CACHE": "/somewhere/else"}, Path("/somewhere/else")),
        ({"UNKNOT_HOME": "/data/unknot"}, Path("/data/unknot/cache")),
        ({"XDG_CACHE_HOME": "/xdg/cache"}, Path("/xdg/cache/unknot")),
    ],
)
def test_the_folder_follows_the_settings(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: Path | None
) -> None:
    for name in ("UNKNOT_CACHE", "UNKNOT_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_dir() == expected


def test_nothing_is_kept_when_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UNKNOT_CACHE", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    keep(load_knowledge_from(DATA_DIR))
    assert not list(tmp_path.iterdir())
