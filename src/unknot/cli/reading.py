"""Reading intakes from a file or standard input: JSON Lines as they arrive, or one document.

``documents`` reads bytes a line at a time and yields each intake as soon as its last line is
in, so ``unknot assess --json`` answers a stream line by line. What it accepts:

- JSON Lines: one intake per line. A bad line is reported in its place and the rest are read.
- One JSON document over many lines (pretty-printed), or several of them one after another.

How a first line that is not complete JSON is read: if the next line is a whole JSON object on
its own, the input is JSON Lines and that first line is bad; otherwise the lines are gathered
into one document until it parses. A document that turns out broken is reported once, where it
breaks, and the lines after it are skipped until one that is whole JSON on its own.

Limits, each failing fast with a plain message: one document at most ``document_bytes`` of
``intake.yaml`` (a longer one is reported and skipped, never held in memory); the whole input at
most ``MAX_INPUT_BYTES`` (a file is measured before anything is read); text only, UTF-8 (a NUL
byte or invalid UTF-8 stops the read, as such input is not an intake file).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

MAX_INPUT_BYTES = 16 * 1024 * 1024
SHOWN = 60  # characters of a value echoed back in a message


class InputError(Exception):
    """The input cannot be read at all (too large, not text): a usage error, exit code 2."""


@dataclass(frozen=True, slots=True)
class Document:
    line: int  # where it begins, numbered as an editor numbers lines
    data: Any


@dataclass(frozen=True, slots=True)
class BadDocument:
    line: int
    message: str


Item = Document | BadDocument


def shown(text: str, limit: int = SHOWN) -> str:
    """``text`` cut to ``limit`` characters for a message, saying when it was cut."""
    return text if len(text) <= limit else text[:limit] + "..."


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _lines(stream: IO[bytes], limit: int, total_limit: int) -> Iterator[tuple[int, str | None]]:
    """(line number, text) for each line; text None for a line longer than ``limit`` bytes,
    whose bytes are read past in chunks and never kept."""
    total = 0
    number = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        number += 1
        total += len(raw)
        too_long = len(raw) > limit and not raw.endswith(b"\n")
        while too_long:
            chunk = stream.readline(64 * 1024)
            total += len(chunk)
            if total > total_limit:
                break
            if not chunk or chunk.endswith(b"\n"):
                break
        if total > total_limit:
            raise InputError(
                f"the input is larger than {megabytes(total_limit)}; give at most that much at "
                "a time (split the file)"
            )
        if too_long:
            yield number, None
            continue
        if b"\x00" in raw:
            raise InputError(f"line {number} is not text (it holds a NUL byte): give JSON")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"line {number} is not UTF-8 text (byte {raw[exc.start]:#04x} at column "
                f"{exc.start + 1}): give JSON saved as UTF-8"
            ) from None
        if number == 1:
            text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
        yield number, text


def _incomplete(error: json.JSONDecodeError, text: str) -> bool:
    """The text is the start of a JSON value: it only ran out, nothing in it is wrong."""
    return error.pos >= len(text.rstrip())


def _whole_object(text: str) -> Any:
    """The JSON object ``text`` holds on its own, or None."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def documents(
    stream: IO[bytes], document_limit: int, total_limit: int = MAX_INPUT_BYTES
) -> Iterator[Item]:
    """Each document of ``stream`` as it is complete, or what is wrong with it, in order.
    Raises :class:`InputError` for input that is too large or not text."""
    gathered: list[tuple[int, str]] = []  # the lines of a document that is not complete yet
    resync = False  # skipping the rest of a broken document
    for number, text in _lines(stream, document_limit, total_limit):
        if text is None:
            size = f"{document_limit // 1024} KB"
            message = f"line {number} is longer than {size}, the most one intake may be"
            yield BadDocument(number, message)
            gathered, resync = [], False
            continue
        if not text.strip():
            continue
        if resync:
            value = _parse_alone(text)
            if value is not _NOTHING:
                resync = False
                yield Document(number, value)
            continue
        if gathered:
            if len(gathered) == 1 and (obj := _whole_object(text)) is not None:
                first, first_text = gathered[0]
                yield BadDocument(first, _json_message(first_text, 0))
                gathered = []
                yield Document(number, obj)
                continue
            gathered.append((number, text))
            start = gathered[0][0]
            joined = "".join(t for _, t in gathered)
            if len(joined.encode("utf-8")) > document_limit:
                size = f"{document_limit // 1024} KB"
                yield BadDocument(
                    start,
                    f"the document that begins at line {start} is larger than {size}, the most "
                    "one intake may be",
                )
                gathered, resync = [], True
                continue
            try:
                value = json.loads(joined)
            except json.JSONDecodeError as exc:
                if _incomplete(exc, joined):
                    continue
                yield BadDocument(start, _json_message(joined, start - 1))
                gathered, resync = [], True
                continue
            gathered = []
            yield Document(start, value)
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            if _incomplete(exc, text):
                gathered = [(number, text)]
            else:
                yield BadDocument(number, _json_message(text, number - 1))
            continue
        except RecursionError:
            yield BadDocument(number, "not valid JSON (nested too deep)")
            continue
        yield Document(number, value)
    if gathered:
        start = gathered[0][0]
        yield BadDocument(start, _json_message("".join(t for _, t in gathered), start - 1))


_NOTHING = object()


def _parse_alone(text: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return _NOTHING


def _json_message(text: str, lines_before: int) -> str:
    """Why ``text`` is not JSON, with the line and column of the input (``lines_before`` is how
    many lines of the input came before it)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.lineno == 1 and "\n" not in text.rstrip("\r\n"):
            return f"not valid JSON ({exc.msg} at column {exc.colno})"
        return f"not valid JSON ({exc.msg} at line {exc.lineno + lines_before}, column {exc.colno})"
    except RecursionError:
        return "not valid JSON (nested too deep)"
    return "not valid JSON"
