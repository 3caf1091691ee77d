"""The command line behaves as a tool in a pipeline should: it says its version and its exit
codes, answers a stream line by line, survives bad, oversized and binary input with a plain
message, stops quietly when its reader goes away, refuses unknown filters and ports, and never
lets Rich eat a "[label]" out of the safety information."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.helpers import INTAKE, example, words
from unknot.cli.app import COMMANDS, EXIT_CODES, app, load_command
from unknot.cli.reading import MAX_INPUT_BYTES
from unknot.knowledge import KnowledgeBase
from unknot.planning import ANSWER_SCHEMA

runner = CliRunner()
LINE = json.dumps(example())


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin)


def unknot(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    """``unknot`` in a process of its own, 80 columns wide."""
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "unknot", *args], env=env, **kwargs
    )


def read_line(stream: object, within: float = 60.0) -> bytes:
    """One line from a pipe, waiting at most ``within`` seconds for it (never a fixed sleep)."""
    fd = stream.fileno()  # type: ignore[attr-defined]
    deadline = time.monotonic() + within
    line = b""
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        assert left > 0, f"no whole line within {within} s (got {line[:80]!r})"
        if select.select([fd], [], [], left)[0]:
            chunk = os.read(fd, 1)
            assert chunk, f"the stream ended (got {line[:80]!r})"
            line += chunk
    return line


# --- version, help and exit codes ----------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_it_says_its_version_and_the_answer_schema(flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout.startswith("unknot ")
    assert ANSWER_SCHEMA in result.stdout


@pytest.mark.parametrize("args", [("-h",), ("assess", "-h"), ("library", "techniques", "-h")])
def test_dash_h_is_help_everywhere(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_the_help_lists_every_exit_code() -> None:
    text = words(run("--help").stdout)
    for code in EXIT_CODES:
        assert f" {code} " in f" {text} "


# --- streaming -----------------------------------------------------------------------------------


def test_each_answer_comes_out_as_its_line_goes_in(tmp_path: Path) -> None:
    proc = unknot(
        "assess", "--json", stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for _ in range(2):
            proc.stdin.write(LINE.encode() + b"\n")
            proc.stdin.flush()
            answer = json.loads(read_line(proc.stdout))  # stdin is still open
            assert answer["schema"] == ANSWER_SCHEMA
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        proc.wait()


def test_a_bad_first_line_does_not_reject_the_lines_after_it() -> None:
    bad = '{"age": 40, "pain": ['
    result = run("assess", "--json", stdin=f"{bad}\n{LINE}\n{LINE}\n")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["line"] == 1
    assert [o.get("schema") for o in out[1:]] == [ANSWER_SCHEMA, ANSWER_SCHEMA]
    assert "line 1:" in result.stderr


def test_one_pretty_printed_document_and_several_after_another_are_read() -> None:
    pretty = json.dumps(example(), indent=2)
    one = run("assess", "--json", stdin=pretty)
    assert one.exit_code == 0, one.output
    assert len(one.stdout.splitlines()) == 1
    two = run("assess", "--json", stdin=pretty + "\n" + pretty + "\n")
    assert two.exit_code == 0, two.output
    assert len(two.stdout.splitlines()) == 2


# --- size and kind of input ----------------------------------------------------------------------


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    with big.open("wb") as handle:  # sparse: no time spent writing it
        handle.truncate(MAX_INPUT_BYTES + 1)
    result = run("assess", str(big))
    assert result.exit_code == 2
    assert "split the file" in words(result.stderr)
    assert result.stdout == ""


def test_an_overlong_line_is_reported_and_the_others_answered(kb: KnowledgeBase) -> None:
    limit = kb.intake_limits.document_bytes
    long_line = json.dumps(example(findings=["x" * limit]))
    result = run("assess", "--json", stdin=f"{LINE}\n{long_line}\n{LINE}\n")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[1] == {"line": 2, "error": [out[1]["error"][0]]}
    assert "longer than" in out[1]["error"][0]
    assert out[0]["schema"] == out[2]["schema"] == ANSWER_SCHEMA
    assert max(len(line) for line in result.stderr.splitlines()) < 200


def test_standard_input_larger_than_the_limit_stops_with_a_usage_error() -> None:
    proc = unknot(
        "assess", "--json", stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    chunk = b"x" * (1024 * 1024)
    try:
        assert proc.stdin is not None
        for _ in range(MAX_INPUT_BYTES // len(chunk) + 2):
            proc.stdin.write(chunk)
        proc.stdin.close()
    except BrokenPipeError:
        pass  # it stopped reading, as it should
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert b"split the file" in err
    assert b"Traceback" not in err


@dataclass(frozen=True)
class BinaryCase:
    name: str
    data: bytes
    says: str


BINARY = [
    BinaryCase("a picture", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8 text"),
    BinaryCase("a NUL byte", b'{"age": 4\x000}\n', "not text"),
    BinaryCase(
        "latin-1 text", '{"age": 40, "findings": ["d\xe9j\xe0"]}\n'.encode("latin-1"), "not UTF-8"
    ),
]


@pytest.mark.parametrize("case", BINARY, ids=lambda c: c.name)
def test_binary_input_is_a_usage_error_not_a_crash(case: BinaryCase, tmp_path: Path) -> None:
    path = tmp_path / "input.bin"
    path.write_bytes(case.data)
    for args, stdin in (((str(path),), None), ((), case.data)):
        result = run("assess", *args, stdin=stdin)
        assert result.exit_code == 2, result.output
        assert case.says in result.stderr
        assert "went wrong" not in result.stderr


def test_a_byte_order_mark_is_not_an_error() -> None:
    result = run("assess", "--json", stdin="\ufeff" + LINE)
    assert result.exit_code == 0, result.output


def test_an_echoed_value_is_cut_short() -> None:
    result = run("assess", stdin=json.dumps(example(findings=["pain_" + "z" * 5000])))
    assert result.exit_code == 1
    assert max(len(line) for line in result.stderr.splitlines()) < 200
    shown = run("library", "show", "q" * 5000)
    assert shown.exit_code == 2
    assert len(shown.stderr) < 200


# --- pipes ---------------------------------------------------------------------------------------


def lines_of(count: int) -> Iterator[bytes]:
    for _ in range(count):
        yield LINE.encode() + b"\n"


@pytest.mark.parametrize(
    "args", [("library", "techniques", "--json"), ("library", "techniques"), ("assess", "--json")]
)
def test_a_reader_that_stops_early_ends_the_command_with_exit_code_0(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    many = tmp_path / "many.jsonl"
    many.write_bytes(b"".join(lines_of(300)))  # answers far larger than a pipe holds
    stdin = many.open("rb") if args[0] == "assess" else subprocess.DEVNULL
    proc = unknot(*args, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    read_line(proc.stdout)
    proc.stdout.close()  # as `| head -1` does
    assert proc.wait(timeout=120) == 0
    assert b"Traceback" not in proc.stderr.read()
    proc.stderr.close()
    if stdin is not subprocess.DEVNULL:
        stdin.close()  # type: ignore[union-attr]


# --- filters and options -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("library", "techniques", "--phase", "bogus"), "bogus"),
        (("library", "techniques", "--target", "psoas"), "psoas_major"),
        (("serve", "--port", "99999"), "65535"),
        (("serve", "--port", "0"), "1"),
    ],
    ids=["phase", "target", "port too high", "port zero"],
)
def test_unknown_filters_and_impossible_ports_are_refused(args: tuple[str, ...], says: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert says in words(result.output)


# --- labels that look like markup ----------------------------------------------------------------


def test_every_tier_and_kind_label_is_shown_in_the_tables(kb: KnowledgeBase) -> None:
    red_flags = words(run("library", "red-flags").stdout)
    for rule in kb.red_flags.values():
        assert f"[{rule.tier.value}] {rule.title}"[:40] in red_flags
    findings = words(run("library", "findings").stdout)
    for finding in kb.findings.values():
        assert f"[{finding.kind.value}]" in findings
    sources = words(run("library", "sources").stdout)
    for source in kb.sources.values():
        assert source.kind.value in sources


def test_a_score_with_an_unusual_digit_gets_a_plain_refusal() -> None:
    for args in (("score", "odi", "2,1,\u00b2,-,2,1,2,2,1,2"), ("score", "psfs", "walking=\u00b2")):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "whole" in result.stderr


def test_the_example_intake_still_reads_as_one_document() -> None:
    result = run("assess", "--json", str(INTAKE))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == ANSWER_SCHEMA


def test_the_help_lines_are_each_commands_own() -> None:
    """``unknot --help`` lists the commands without loading them (``COMMANDS``): each line must
    say what the command's own help says."""
    for name, (_, _, line) in COMMANDS.items():
        command = load_command(name)
        assert (command.help or "").strip().splitlines()[0] == line, name
