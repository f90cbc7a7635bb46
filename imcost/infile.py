"""Reading an input file: the one path every input (plan, daily CSV, price book, diff side) takes.

Whatever a reader can read is accepted: regular files, pipes and process
substitution (``<(...)``, ``/dev/fd/N``), ``/dev/stdin``; at most
MAX_FILE_BYTES are read, so an endless device (``/dev/zero``) is refused as too
large. Every OS error is reported against the file with the OS's reason.

Each file read is remembered (its path and device/inode) for the command under
way, so ``--out`` can refuse to write over one of them (imcost.outfile).
"""

from __future__ import annotations

import errno
import os
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
    """
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


def forget_inputs() -> None:
    """Start a new command: no file read yet."""
    _read.clear()
