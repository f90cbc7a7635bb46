"""Standard output that can't be written: one message on stderr and an exit code, never a traceback."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from imcost.streams import PIPE_CLOSED, run_guarded

from .conftest import SAMPLES

IMCOST = [sys.executable, "-m", "imcost"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_message_and_exit_2() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*IMCOST, "estimate", str(SAMPLES / "flagship.yaml"), "-f", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert (done.returncode, done.stderr) == (2, "imcost: error: cannot write the output (No space left on device)\n")


def test_a_closed_stdout_is_one_message_and_exit_2() -> None:
    code = "import os, runpy, sys; os.close(1); sys.stdout = None; sys.argv = ['imcost', 'limits']; "
    code += "runpy.run_module('imcost', run_name='__main__')"
    done = subprocess.run([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True, check=False)
    assert (done.returncode, done.stderr) == (
        2,
        "imcost: error: no standard output to write to (was it closed with >&-?)\n",
    )


class _Closing(io.StringIO):
    """A stdout whose reader has gone: every flush fails as a closed pipe does."""

    def fileno(self) -> int:
        return self._fd

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def flush(self) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def test_a_closed_pipe_exits_141_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    read_end, write_end = os.pipe()
    try:
        monkeypatch.setattr(sys, "stdout", _Closing(write_end))
        with pytest.raises(SystemExit) as exit_:
            run_guarded(lambda: sys.stdout.write("x"))
        assert exit_.value.code == PIPE_CLOSED == 141
    finally:
        monkeypatch.undo()
        os.close(read_end)
        os.close(write_end)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "PYTHONUNBUFFERED=1"])
def test_a_reader_that_stops_early_ends_imcost_with_141(unbuffered: str) -> None:
    """`imcost ... | head -1`: about 270 kB of rows, the reader takes 10 bytes and closes the pipe.

    Unbuffered, one write(2) returns what fitted before the reader went and the rest
    would be dropped without an error; imcost keeps writing and sees the closed pipe.
    """
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    child = subprocess.Popen(
        [*IMCOST, "compare", "--dau", "0:10000:1", "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.read(10) == b"dau,trial,"
    child.stdout.close()
    assert (child.wait(timeout=60), child.stderr.read()) == (PIPE_CLOSED, b"")
    child.stderr.close()


def test_a_reader_that_reads_everything_gets_every_byte_unbuffered() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    done = subprocess.run(
        [*IMCOST, "compare", "--dau", "0:10000:1", "--format", "csv"], capture_output=True, env=env, timeout=60
    )
    lines = done.stdout.decode().splitlines()
    assert (done.returncode, done.stderr, len(lines)) == (0, b"", 10002)
    assert (lines[1], lines[-1]) == ("0,0.00,999.00,2999.00,trial", "10000,,999.00,2999.00,pro")


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["validate", str(SAMPLES / "flagship.yaml")]],
    ids=["help", "version", "validate"],
)
def test_what_typer_prints_itself_also_ends_with_141_on_a_closed_pipe(args: list[str]) -> None:
    """Typer turns a closed pipe in its own output (help) or a print() into exit 1; imcost says 141."""
    child = subprocess.Popen([*IMCOST, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before the child has started writing
    assert (child.wait(timeout=60), child.stderr.read()) == (PIPE_CLOSED, b"")
    child.stderr.close()
