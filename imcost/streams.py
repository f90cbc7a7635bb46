"""Standard output that went away: a closed pipe, a full disk, no stdout at all.

A shell script around imcost may close the pipe early (``| head -1``) or send
stdout somewhere that can't take it (``> /dev/full``). Either ends with one
line on stderr and an exit code, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

from imcost.errors import ExitCode

# What a Unix tool killed by SIGPIPE exits with (128 + 13), so `set -o pipefail` scripts see the usual code.
PIPE_CLOSED = 141


def write_out(text: str) -> None:
    """Write ``text`` to stdout whole, or raise the error that stopped it.

    With PYTHONUNBUFFERED=1 (common in containers) stdout has no buffer: a write
    is one write(2), which returns what fitted when the reader closes the pipe
    mid-way, and the rest is dropped without an error. Writing the bytes until
    they are all out makes the next write raise BrokenPipeError as it should.
    """
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if raw is None:
        stream.write(text)
        return
    stream.flush()
    data = memoryview(text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
    try:
        while data:
            written = raw.write(data)
            data = data[written or 0 :]
    except BrokenPipeError:
        # Raised here, not left to the app: Typer would turn it into exit code 1.
        _pipe_closed()


def _pipe_closed() -> NoReturn:
    """The reader has gone: point stdout at /dev/null so the interpreter's last flush stays quiet, exit 141."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(PIPE_CLOSED)


def run_guarded(command: Callable[[], object]) -> None:
    """Run ``command`` (the Typer app, which exits with its own code) and flush stdout under guard."""
    if sys.stdout is None:
        print("imcost: error: no standard output to write to (was it closed with >&-?)", file=sys.stderr)
        sys.exit(int(ExitCode.BAD_INPUT))
    try:
        try:
            command()
        except SystemExit:
            # Typer meets a closed pipe in what it prints itself (--help) or what a command
            # print()s by exiting 1 with stdout wrapped to keep quiet; that is a closed pipe.
            if type(sys.stdout).__name__ == "PacifyFlushWrapper":
                _pipe_closed()
            raise
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _pipe_closed()
    except OSError as exc:
        print(f"imcost: error: cannot write the output ({exc.strerror or exc})", file=sys.stderr)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(int(ExitCode.BAD_INPUT))
