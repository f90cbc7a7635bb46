"""Writing an output file the way an editor saves one: whole or not at all, never over an input.

The text goes to a temporary file in the target's directory, is flushed and
fsynced, then renamed over the target (one atomic step), and the directory is
fsynced. A full disk, a file-size limit, an exception or a signal before the
rename leaves the old file as it was and removes the temporary file; a reader
polling the target, or another imcost writing it at the same time, sees one
whole version or the other, never a mix. A replaced file keeps its permission
bits (and, for root, its owner); a new one gets the usual mode under the umask.

A target that exists and is not a regular file (``/dev/stdout``, ``/dev/null``,
a pipe) can't be replaced by a rename; it is written in place, as ``>`` would.
A symbolic link is followed: the file it points to is replaced, the link stays.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from imcost.errors import InputError, InputProblem
from imcost.infile import InputFile

# Keeps the temporary file's name within NAME_MAX when the target's name is long.
_NAME_PART = 64
# The signals imcost.streams turns into exceptions (SIGHUP is not on every system).
_STOPPING = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}


def check_not_input(path: Path, inputs: tuple[InputFile, ...], flag: str = "--out") -> None:
    """Refuse (InputError) an output ``path`` that is one of ``inputs``: the same path or the same file on disk."""
    real = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except (OSError, ValueError):
        info = None
    for source in inputs:
        same_file = info is not None and (info.st_dev, info.st_ino) == (source.device, source.inode)
        if real == source.real_path or same_file:
            also = "" if source.display == str(path) else f" {source.display!r}"
            message = f"{str(path)!r} is the {source.kind}{also} this command reads; it is not overwritten"
            raise InputError([InputProblem(flag, None, (), message, "write the output to another file")])


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace ``path`` with ``data`` in one step; raises OSError (the old file untouched) when it can't.

    ``data`` may come in pieces, each written as it is made (a long range's rows are never all held).
    """
    try:
        existing: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # /dev/stdout's link names no real path ("pipe:[...]"): open it as given.
        with open(path, "wb") as stream:
            _write(stream, data)
        return
    target = Path(os.path.realpath(path))
    # Signals wait while the temporary file is made, so one is never made without the clean-up below in force.
    held = _hold_signals()
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name[:_NAME_PART]}.", suffix=".tmp", dir=target.parent
        )
    finally:
        _release_signals(held)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            _keep_mode(temporary, existing)
            _write(stream, data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        # An error, Ctrl-C or SIGTERM (imcost.streams turns it into an exception) before the rename.
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    _sync_directory(target.parent)


def _write(stream: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    stream.writelines((data,) if isinstance(data, bytes) else data)


def _hold_signals() -> set[int | signal.Signals] | None:
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)


def _release_signals(held: set[int | signal.Signals] | None) -> None:
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _keep_mode(temporary: str, existing: os.stat_result | None) -> None:
    """Give the temporary file (created 0600) the mode the target has, or a new file's mode under the umask."""
    if existing is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        return
    os.chmod(temporary, stat.S_IMODE(existing.st_mode))
    if hasattr(os, "chown") and (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.chown(temporary, existing.st_uid, existing.st_gid)
            # chown clears set-id bits: put them back.
            os.chmod(temporary, stat.S_IMODE(existing.st_mode))
        except PermissionError:
            pass


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the system allows opening a directory."""
    try:
        handle = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
