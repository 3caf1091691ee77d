"""Every Python block of docs/library.md runs, in order, in one namespace, as a reader would
run them: the page cannot promise what the code does not do."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "library.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def test_the_library_guide_has_examples_for_each_part() -> None:
    blocks = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    joined = "\n".join(blocks)
    for needed in ("load_knowledge", "parse_intake", "answer(", "answer_document", "reader("):
        assert needed in joined


def test_every_example_in_the_library_guide_runs() -> None:
    namespace: dict[str, object] = {"__name__": "library_docs"}
    printed = io.StringIO()
    for number, code in enumerate(BLOCK.findall(DOC.read_text(encoding="utf-8")), 1):
        with contextlib.redirect_stdout(printed):
            exec(compile(code, f"docs/library.md block {number}", "exec"), namespace)  # noqa: S102
    out = printed.getvalue()
    assert "saddle_numbness" in out  # the phrase reader's example says what it read
    assert "did you mean 'pain_standing_after_sitting'" in out  # the typo's message
    assert "fever" in out  # the hand-built intake's refusal
