"""The core (knowledge, clinical, planning) never imports Django or the faces."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'django', 'ninja', 'typer', 'rich'}:
            raise ImportError(f'the core imported {name}')
        return None
sys.meta_path.insert(0, Refuse())
import unknot.knowledge, unknot.clinical, unknot.planning
import pkgutil, importlib
for pkg in (unknot.knowledge, unknot.clinical, unknot.planning):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):
        importlib.import_module(info.name)
print(sorted(m for m in sys.modules if m.split('.')[:2] in (['unknot', 'web'], ['unknot', 'cli'])))
"""


def test_the_core_imports_with_django_and_the_faces_unavailable() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_import_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None, "import-linter is part of the dev install"
    result = subprocess.run(
        [lint_imports, "--no-cache"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
