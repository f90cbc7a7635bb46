"""The process around a command: standard streams that went away, signals, encodings.

A shell script around imcost may close the pipe early (``| head -1``), send
stdout somewhere that can't take it (``> /dev/full``), close or fill stderr
(``2>&-``, ``2>/dev/full``), interrupt it (Ctrl-C) or stop it (SIGTERM), and
run it where stdout's encoding is not UTF-8 (``LC_ALL=C``). Each ends with its
exit code meaning what it always means, never a traceback:

- stdout carries only the result; every message goes through ``say`` to
  stderr, and is dropped, not sent elsewhere, when stderr is closed or full;
  a note (``note``) is dropped under ``-q/--quiet`` too;
- a closed pipe exits 141, output that can't be written 2 with one message;
- Ctrl-C at any moment exits 130 with ``imcost: interrupted``; SIGTERM and
  SIGHUP end imcost by the same signal once a half-written ``--out`` is removed;
- characters stdout's encoding lacks are replaced (``?``, ``??`` for a wide
  one, ``x`` for ``×``), escaped in JSON (``\\u5143``: the same data) or
  written as character references in HTML (``&#20803;``).
"""

from __future__ import annotations

import codecs
import os
import signal
import sys
import unicodedata
from collections.abc import Callable
from types import FrameType
from typing import NoReturn

from imcost.errors import ExitCode

# What a Unix tool killed by SIGPIPE exits with (128 + 13), so `set -o pipefail` scripts see the usual code.
PIPE_CLOSED = 141
# What a shell reports for a command ended by Ctrl-C (128 + SIGINT).
INTERRUPTED = 130


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """Characters an encoding lacks, as JSON string escapes: ``\\u5143``, astral ones as surrogate pairs."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escapes = []
    for character in error.object[error.start : error.end]:
        code = ord(character)
        if code > 0xFFFF:
            code -= 0x10000
            escapes.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escapes.append(f"\\u{code:04x}")
    return "".join(escapes), error.end


# Stand-ins of the same width for the few signs imcost's own text uses that ASCII lacks.
_ASCII_SIGNS = {"×": "x", "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "·": "."}


def _text_replace(error: UnicodeError) -> tuple[str, int]:
    """Characters an encoding lacks, for people: a sign's ASCII twin, else ``?`` per column it takes.

    A wide character (CJK) becomes ``??``, so table columns stay aligned.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    stand_ins = []
    for character in error.object[error.start : error.end]:
        if character in _ASCII_SIGNS:
            stand_ins.append(_ASCII_SIGNS[character])
        elif unicodedata.combining(character):
            stand_ins.append("")
        else:
            stand_ins.append("??" if unicodedata.east_asian_width(character) in "WF" else "?")
    return "".join(stand_ins), error.end


codecs.register_error("imcost-json", _json_escape)
codecs.register_error("imcost-text", _text_replace)
# How each kind of output stands in for a character stdout's encoding can't carry.
_ENCODING_ERRORS = {"text": "imcost-text", "json": "imcost-json", "html": "xmlcharrefreplace"}


def say(line: str) -> None:
    """Write one message line to stderr; when stderr is closed or can't take it, drop it.

    A message is never worth the result: it never goes to stdout instead, and a
    full or closed stderr neither stops the command nor changes its exit code.
    """
    stream = sys.stderr
    if stream is None:
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text = (line + "\n").encode(encoding, "backslashreplace").decode(encoding)
        stream.write(text)
        stream.flush()
    except (OSError, ValueError, LookupError):
        _discard(stream)


_quiet = False


def set_quiet(quiet: bool) -> None:
    """``-q/--quiet``: from now on, ``note`` drops what it is given."""
    global _quiet
    _quiet = bool(quiet)


def note(line: str) -> None:
    """Write a message that only informs (``imcost: note: ...``, a file written), unless ``-q`` was given.

    Errors, the reasons an app can't be bought (exit 1) and an amount over
    ``--fail-over`` (exit 3) explain the exit code: they go through ``say`` always.
    """
    if not _quiet:
        say(line)


def _discard(stream: object) -> None:
    """Point a stream that can't be written at /dev/null, so what it holds flushes quietly at exit."""
    try:
        descriptor = stream.fileno()  # type: ignore[attr-defined]
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)
        stream.flush()  # type: ignore[attr-defined]
    except (OSError, ValueError, AttributeError):
        pass


def write_out(text: str, kind: str = "text") -> None:
    """Write ``text`` to stdout whole, or raise the error that stopped it.

    ``kind`` (text, json, html) says how characters stdout's encoding lacks are
    written (see the module's docstring); on a UTF-8 stdout nothing changes.

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
    data = memoryview(encode_for(stream, text, kind))
    try:
        while data:
            written = raw.write(data)
            data = data[written or 0 :]
    except BrokenPipeError:
        # Raised here, not left to the app: Typer would turn it into exit code 1.
        _pipe_closed()


def encode_for(stream: object, text: str, kind: str = "text") -> bytes:
    """``text`` in ``stream``'s encoding, characters it lacks written as ``kind`` output writes them."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding, _ENCODING_ERRORS[kind])
    except LookupError:
        return text.encode("utf-8", _ENCODING_ERRORS[kind])


def stdout_encoding() -> str:
    """stdout's encoding, lower case (``utf-8`` when there is none)."""
    return (getattr(sys.stdout, "encoding", None) or "utf-8").lower()


def _pipe_closed() -> NoReturn:
    """The reader has gone: point stdout at /dev/null so the interpreter's last flush stays quiet, exit 141."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(PIPE_CLOSED)


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (a half-written --out is removed), then end by the same signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_interrupted = False
# SIGHUP (a closed terminal) is not on every system.
_STOPPING = (signal.SIGTERM, *((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ()))


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    global _interrupted
    _interrupted = True
    # A second Ctrl-C must not cut short the clean-up the first one started.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _on_stop(signum: int, frame: FrameType | None) -> None:
    for stopping in _STOPPING:
        signal.signal(stopping, signal.SIG_IGN)
    raise Stopped(signum)


def _handle_signals() -> None:
    """Ctrl-C, SIGTERM and SIGHUP as exceptions, unless the caller had them ignored (``nohup``, ``&``)."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_interrupt)
    for signum in _STOPPING:
        if signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, _on_stop)


def _plug_standard_descriptors() -> None:
    """Open /dev/null on a closed fd 0, 1 or 2, so the next file imcost opens can't take its number.

    Started with ``2>&-``, the first file opened would become fd 2, and anything
    written to "stderr" below Python would land in it.
    """
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)


def run_process(command: Callable[[], object]) -> NoReturn:
    """The whole of an imcost process: ``command`` (the Typer app) with its streams and signals guarded."""
    _plug_standard_descriptors()
    _handle_signals()
    try:
        run_guarded(command)
    except KeyboardInterrupt:
        _end_interrupted()
    except Stopped as stop:
        signal.signal(stop.signum, signal.SIG_DFL)
        os.kill(os.getpid(), stop.signum)
        sys.exit(128 + stop.signum)
    except SystemExit:
        if _interrupted:
            # Typer turns Ctrl-C inside a command into a quiet exit 130.
            _end_interrupted()
        raise
    sys.exit(0)


def _end_interrupted() -> NoReturn:
    """Exit 130 with one line; what stdout still holds is dropped, as the output is incomplete anyway."""
    say("imcost: interrupted")
    if sys.stdout is not None:
        _discard(sys.stdout)
    sys.exit(INTERRUPTED)


def run_guarded(command: Callable[[], object]) -> None:
    """Run ``command`` (the Typer app, which exits with its own code) and flush stdout under guard."""
    if sys.stdout is None:
        say("imcost: error: no standard output to write to (was it closed with >&-?)")
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
        say(f"imcost: error: cannot write the output ({exc.strerror or exc})")
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(int(ExitCode.BAD_INPUT))
