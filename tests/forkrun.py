"""Run imcost for many command lines, each in its own process, paying the interpreter's start-up once.

    python tests/forkrun.py < cases.json > outcomes.json

One interpreter imports imcost and forks a child per case. Each child is a real
process: it runs ``imcost.cli.main()`` the way the ``imcost`` script does, with
its own working directory, stdout, stderr, exit status and peak memory, and an
uncaught exception prints the interpreter's own traceback. A hang or a memory
blow-up is stopped by the child's CPU-time and address-space limits and costs
only that case. The bad-input corpus runs this way in seconds; the 0.3 s
start-up it saves per case is measured by benchmarks/run.py instead.

Input: ``{"key": {"args": [...], "cwd": "..."}}`` (optionally ``"address_space"``: the
child's limit in bytes, instead of this process's size plus EXTRA_ADDRESS_SPACE, and
``"cpu_seconds"``, instead of CPU_SECONDS);
output: ``{"key": Outcome fields}``.
Linux and macOS only (fork and resource limits), like the rest of the corpus tests.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# Limits per child: far above what any case needs (well under a second of CPU and
# about 60 MB), low enough that a runaway case fails fast instead of stalling the suite.
CPU_SECONDS = 5
EXTRA_ADDRESS_SPACE = 256 * 1024 * 1024
WALL_SECONDS = 60.0
JOBS = max(2, os.cpu_count() or 2)


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    cpu_seconds: float
    peak_kb: int


def _address_space() -> int:
    """This process's virtual size in bytes (children start from it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _exit_status(code: Any) -> int:
    """What the interpreter makes of ``SystemExit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _child(args: list[str], cwd: str, out: str, err: str, memory: int, cpu: int = CPU_SECONDS) -> None:
    """Become ``imcost ARGS`` in ``cwd``; never returns."""
    code = 70
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.chdir(cwd)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(os.open(out, os.O_WRONLY | os.O_TRUNC), 1)
        os.dup2(os.open(err, os.O_WRONLY | os.O_TRUNC), 2)
        sys.argv = ["imcost", *args]
        from imcost.cli import main

        try:
            main()
            code = 0
        except SystemExit as exc:
            code = _exit_status(exc.code)
        except BaseException:
            sys.excepthook(*sys.exc_info())
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def run_all(cases: dict[str, dict[str, Any]], jobs: int = JOBS) -> dict[str, Outcome]:
    """Every case in a forked child, ``jobs`` at a time."""
    # Import what every case needs once, so children only do their own work.
    import typer._adapters  # noqa: F401  (typer builds pydantic adapters per parameter)

    import imcost.cli  # noqa: F401

    memory = _address_space() + EXTRA_ADDRESS_SPACE
    pending = list(cases.items())
    running: dict[int, tuple[str, str, str, float]] = {}
    outcomes: dict[str, Outcome] = {}
    with tempfile.TemporaryDirectory(prefix="imcost-forkrun-") as tmp:
        while pending or running:
            while pending and len(running) < jobs:
                key, case = pending.pop(0)
                out, err = (os.path.join(tmp, f"{len(outcomes) + len(running)}.{s}") for s in ("out", "err"))
                for path in (out, err):
                    Path(path).touch()
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    limits = (case.get("address_space", memory), case.get("cpu_seconds", CPU_SECONDS))
                    _child(case["args"], case["cwd"], out, err, *limits)
                running[pid] = (key, out, err, time.monotonic())
            pid, status, usage = os.wait4(-1, os.WNOHANG)
            if pid == 0:
                for child, (_, _, _, started) in running.items():
                    if time.monotonic() - started > WALL_SECONDS:
                        os.kill(child, 9)
                time.sleep(0.002)
                continue
            key, out, err, started = running.pop(pid)
            outcomes[key] = Outcome(
                code=os.waitstatus_to_exitcode(status),
                stdout=Path(out).read_text(encoding="utf-8", errors="replace"),
                stderr=Path(err).read_text(encoding="utf-8", errors="replace"),
                seconds=time.monotonic() - started,
                cpu_seconds=usage.ru_utime + usage.ru_stime,
                peak_kb=usage.ru_maxrss,
            )
    return outcomes


def main() -> None:
    cases = json.load(sys.stdin)
    outcomes = run_all(cases)
    json.dump({key: asdict(outcome) for key, outcome in outcomes.items()}, sys.stdout)


if __name__ == "__main__":
    main()
