"""Reading an input file: the one path every input (plan, daily CSV, price book, diff side) takes.

Whatever a reader can read is accepted: regular files, pipes and process
substitution (``<(...)``, ``/dev/fd/N``), ``/dev/stdin``; at most
MAX_FILE_BYTES are read, so an endless device (``/dev/zero``) is refused as too
large. Every OS error is reported against the file with the OS's reason.

``-`` is standard input, named ``<stdin>`` in messages: read once per command,
with the same size limit, never from a terminal (a command waiting for a plan
nobody types looks hung), and never counted as a file ``--out`` could replace.

Each file read is remembered (its path and device/inode) for the command under
way, so ``--out`` can refuse to write over one of them (imcost.outfile).

A file of the wrong kind (a CSV where a plan goes, binary data, an HTML page)
is said in one line: what it looks like and what the command expects
(``wrong_kind``), quoting nothing of it.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from imcost.errors import InputError, InputProblem

# Far larger than any plan (10,000 apps take about 2.5 MB); refusing bigger files
# up front keeps a stray log or disk image from being read into memory.
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class InputFile:
    """A file the command under way has read: how it was named, what it is, where it is on disk."""

    display: str
    kind: str
    real_path: str
    device: int
    inode: int


_read: list[InputFile] = []
# The command under way (``estimate``), for messages that say what it expects; None outside the CLI.
_command: list[str | None] = [None]
# Standard input is read at most once per command: a second ``-`` would find it empty.
_stdin_read: list[bool] = [False]

# ``-`` as a file name: standard input, as in cat, diff and jq.
STDIN = "-"
STDIN_NAME = "<stdin>"


def is_stdin(path: Path | str) -> bool:
    """Whether ``path`` is ``-`` (standard input). ``./-`` names a file called ``-``."""
    return str(path) == STDIN


def display_name(path: Path | str) -> str:
    """How an input is named in messages: ``<stdin>`` for ``-``, else the path as given."""
    return STDIN_NAME if is_stdin(path) else str(path)


def command_name() -> str | None:
    """The command under way (set by ``forget_inputs``), for "estimate expects a plan file"."""
    return _command[0]


class UnreadableFile(InputError):
    """An input that could not be opened or read: ``errno`` says why (ENOENT, EISDIR, ...), ``reason`` in words."""

    def __init__(self, display: str, error: int, reason: str, message: str) -> None:
        self.display = display
        self.errno = error
        self.reason = reason
        super().__init__([InputProblem(display, None, (), message)])


def read_input(path: Path, display: str, kind: str, form: str) -> bytes:
    """The bytes of ``path`` (at most MAX_FILE_BYTES), or UnreadableFile / InputError naming ``display``.

    ``kind`` names what the file should be in messages (``plan file``), ``form``
    what a directory given in its place should have been (``a YAML file``).
    ``-`` reads standard input (``read_stdin``).
    """
    if is_stdin(path):
        return read_stdin(kind)
    try:
        # No check before opening: a check can't tell a pipe from a missing file
        # as well as open() can, and it may fail differently from open() itself.
        with open(path, "rb") as stream:
            info = os.fstat(stream.fileno())
            # Read one byte past the limit rather than trusting the size on disk:
            # devices and pipes report none.
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        error, reason = exc.errno or 0, exc.strerror or str(exc)
        if error == errno.ENOENT:
            message = "no such file"
        elif error == errno.EISDIR:
            message = f"is a directory, expected {form}"
        else:
            message = f"cannot read the file ({reason})"
        raise UnreadableFile(display, error, reason, message) from None
    if len(raw) > MAX_FILE_BYTES:
        message = f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, too large for a {kind}"
        raise InputError([InputProblem(display, None, (), message)])
    _read.append(InputFile(display, kind, os.path.realpath(path), info.st_dev, info.st_ino))
    return raw


def read_stdin(kind: str) -> bytes:
    """Standard input's bytes (at most MAX_FILE_BYTES); refused when it is a terminal, closed or read already."""
    if _stdin_read[0]:
        message = "standard input is already read for another input; give '-' for one input only"
        raise InputError([InputProblem(STDIN_NAME, None, (), message)])
    _stdin_read[0] = True
    stream = sys.stdin
    if stream is None:
        raise InputError([InputProblem(STDIN_NAME, None, (), "standard input is closed")])
    if stream.isatty():
        # Refused rather than waited on: nothing says a command reading a terminal is not hung.
        command = command_name() or "estimate"
        message = f"standard input is a terminal, not a {kind}; pipe or redirect one: imcost {command} - < FILE"
        raise InputError([InputProblem(STDIN_NAME, None, (), message)])
    try:
        raw = stream.buffer.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        message = f"cannot read standard input ({exc.strerror or exc})"
        raise UnreadableFile(STDIN_NAME, exc.errno or 0, exc.strerror or str(exc), message) from None
    if len(raw) > MAX_FILE_BYTES:
        message = f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, too large for a {kind}"
        raise InputError([InputProblem(STDIN_NAME, None, (), message)])
    return raw


def remember_input(path: Path, display: str, kind: str) -> None:
    """Count a file read another way (the shipped price book, through importlib) as read by this command."""
    try:
        info = os.stat(path)
    except OSError:
        return
    _read.append(InputFile(display, kind, os.path.realpath(path), info.st_dev, info.st_ino))


def inputs_read() -> tuple[InputFile, ...]:
    """The files read since the last ``forget_inputs()``, in reading order."""
    return tuple(_read)


def forget_inputs(command: str | None = None) -> None:
    """Start a new command (``command``, its name): no file read yet, standard input unread."""
    _read.clear()
    _command[0] = command
    _stdin_read[0] = False


# Sniffing what a file is: from its first 8,000 bytes, as git and grep do. Binary data has many
# control bytes (a PNG's header a quarter, a ZIP's most); a text plan with one stray NUL has a
# few and keeps its message at the line of it.
_SNIFF_BYTES = 8000
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B} | {0x7F}
_BINARY_SHARE = 10  # per cent of control bytes
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_HTML_START = re.compile(
    r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE | re.DOTALL
)
# A line that opens a YAML mapping (``edition: pro``) or a document (``---``).
_YAML_LINE = re.compile(r"(---|[A-Za-z_][\w .-]*:(\s|$))")
# Keys only a plan has at its top: a YAML file with one of them is a plan (said when a CSV is expected).
_PLAN_LINE = re.compile(r"(apps|edition|usage|needs|month|customer)\s*:")


def expects(kind: str) -> str:
    """What the command expects in words: ``estimate expects a plan file (YAML)``."""
    command = command_name()
    if kind == "plan file":
        what = "a plan file (YAML) or a saved JSON estimate" if command == "diff" else "a plan file (YAML)"
        return f"{command} expects {what}" if command else f"expected {what}"
    if kind == "price book":
        return "expected a price book (YAML) like samples/pricebook-2027.yaml"
    if kind == "daily file":
        return "expected a CSV file of daily usage (date,dau,...)"
    return f"expected a {kind}"


def wrong_kind(display: str, kind: str, looks: str, hint: str | None = None) -> InputError:
    """One line for an input of the wrong kind: what it ``looks`` like; what is expected; a ``hint``."""
    message = f"{looks}; {expects(kind)}"
    if hint:
        message += f"; {hint}"
    return InputError([InputProblem(display, None, (), message)])


def daily_hint(kind: str) -> str | None:
    """Where a CSV of daily usage goes, said when one is given as a plan."""
    if kind != "plan file":
        return None
    return "give a CSV with --daily or usage.daily" if command_name() == "estimate" else "give a CSV as usage.daily"


def empty(display: str) -> str:
    """An empty input in words: standard input or a file."""
    return "standard input is empty" if display == STDIN_NAME else "the file is empty"


def sniff_bytes(raw: bytes) -> str | None:
    """What bytes look like when they are surely no text imcost reads (UTF-16, binary data), else None."""
    if raw.startswith(_UTF16_BOMS):
        return "this looks like UTF-16 text"
    sample = raw[:_SNIFF_BYTES]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls * 100 > len(sample) * _BINARY_SHARE:
        return "this looks like binary data, not text"
    return None


def sniff_text(text: str) -> str | None:
    """What text looks like when it is surely no YAML or CSV input (an HTML page), else None."""
    if _HTML_START.match(text[:_SNIFF_BYTES]):
        return "this looks like an HTML page"
    return None


def _lines(text: str, most: int = 5) -> list[str]:
    """The first ``most`` lines with something on them (no blank lines, no ``#`` comments)."""
    found: list[str] = []
    for line in text[:_SNIFF_BYTES].splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            found.append(line)
            if len(found) == most:
                break
    return found


def csv_like(text: str) -> str | None:
    """``this looks like a CSV file`` (``(daily usage?)`` with a date column) when the first lines are CSV rows.

    Rows of the same number (two or more) of comma-separated cells, none of them a
    YAML ``key: value`` line. Asked only of text YAML read as one string or could not read.
    """
    import csv

    lines = _lines(text)
    if not lines or any(_YAML_LINE.match(line) for line in lines):
        return None
    try:
        rows = list(csv.reader(lines))
    except csv.Error:
        return None
    widths = {len(row) for row in rows}
    if len(widths) != 1 or widths.pop() < 2:
        return None
    header = [cell.strip().lower() for cell in rows[0]]
    return "this looks like a CSV file" + (" (daily usage?)" if "date" in header else "")


def not_csv(text: str, columns: tuple[str, ...]) -> str | None:
    """What text given as a CSV file looks like when its first line is no CSV header (YAML, JSON, text), else None.

    A header is a line of comma-separated cells, or one cell that is one of ``columns``.
    """
    stripped = text.lstrip()
    if not stripped:
        return None
    first = stripped.splitlines()[0]
    if stripped[:1] in ("{", "["):
        return "this looks like JSON"
    if first.startswith("#") or _YAML_LINE.match(first):
        plan = any(_PLAN_LINE.match(line) for line in _lines(text, 20))
        return "this looks like a YAML file" + (" (a plan?)" if plan else "")
    if "," not in first:
        for separator, name in ((";", "';'"), ("\t", "tabs")):
            if separator in first:
                return f"this looks like a CSV file with cells separated by {name}, not commas"
        if first.strip().lower() not in columns:
            return "this looks like a plain text file"
    return None


def text_like(text: str) -> str:
    """What text YAML read as one string looks like: a CSV file or plain text."""
    return csv_like(text) or "this looks like a plain text file"
