"""The knowledge base's version, and a checked copy kept on disk so a command starts at once.

Loading the YAML and checking every model and cross-reference takes a fifth of a second; reading
back a copy that already passed those checks takes a few milliseconds. The copy is keyed by a
digest of everything the load depends on: every data file, the code that reads and checks it,
and the Python and pydantic versions. Any change makes a new key, so a stale copy is never read;
a copy that cannot be read is ignored and made again.

Where it is kept: ``$UNKNOT_CACHE``, else ``$UNKNOT_HOME/cache``, else ``$XDG_CACHE_HOME/unknot``,
else ``~/.cache/unknot``. ``UNKNOT_CACHE=off`` keeps nothing. The folder is the person's own, as
the code is: nothing from elsewhere is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unknot.knowledge.loader import KnowledgeBase

HERE = Path(__file__).parent
# The code that decides what a loaded knowledge base holds: every module of this package (a
# module added later counts without anyone remembering to list it here).
CODE = tuple(sorted(path.name for path in HERE.glob("*.py")))


def data_version(data_dir: Path) -> str:
    """A digest of the data files in ``data_dir`` (names and bytes): the knowledge base's
    version. Two loads of the same files have the same version; any edit changes it."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def cache_dir() -> Path | None:
    """Where checked copies are kept; None when keeping them is turned off."""
    explicit = os.environ.get("UNKNOT_CACHE", "")
    if explicit.lower() in ("off", "0", "no"):
        return None
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get("UNKNOT_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "unknot"


def _key(version: str) -> str:
    import pydantic

    digest = hashlib.sha256(version.encode())
    for name in CODE:
        digest.update((HERE / name).read_bytes())
    digest.update(f"{sys.version_info[:3]} {pydantic.VERSION}".encode())
    return digest.hexdigest()[:24]


def read_kept(version: str) -> KnowledgeBase | None:
    """The kept copy for ``version``, or None (none kept, turned off, unreadable)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"knowledge-{_key(version)}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        kb = pickle.loads(data)  # noqa: S301 (our own copy, in the person's own cache folder)
    except Exception:  # a half-written or foreign file: load from the data instead
        return None
    from unknot.knowledge.loader import KnowledgeBase

    return kb if isinstance(kb, KnowledgeBase) and kb.version == version else None


def keep(kb: KnowledgeBase) -> None:
    """Write a checked copy of ``kb`` for the next process; quietly nothing when the folder
    cannot be written (a read-only home, a full disk)."""
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"knowledge-{_key(kb.version)}.pickle"
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".knowledge-", delete=False) as out:
            out.write(pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(out.name, path)
        _prune(folder)


KEPT_COPIES = 4  # copies for other data or code (another version of unknot on this computer)


def _prune(folder: Path) -> None:
    """Keep the ``KEPT_COPIES`` newest copies; an upgrade leaves no trail of old ones."""
    copies = sorted(folder.glob("knowledge-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in copies[:-KEPT_COPIES]:
        with contextlib.suppress(OSError):
            old.unlink()
