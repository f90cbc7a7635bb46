"""imcost's benchmarks against the interpreter's own floor: run by hand, not a test.

    python benchmarks/run.py [--runs N] [--as-installed]

Run it with the Python that has imcost installed (e.g. ``.venv/bin/python``).
For each case it prints the median of several runs of imcost and of a baseline
measured in the same run on the same machine, and their ratio; BENCHMARKS.md
records the figures and the targets.

First it byte-compiles imcost, as ``pip install`` does: an editable install run
with PYTHONDONTWRITEBYTECODE set (as in this project's sandboxes) would otherwise
compile all of imcost's modules from source on every run, about 55 ms that no
installed copy pays. ``--as-installed`` skips this and measures the tree as it is.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
START_UP = ["compare", "pro", "flagship", "--dau", "25000"]
BULK_APPS = 10_000
# 100,000 values: START:STOP:STEP with STOP included (imcost compare --help).
RANGE_ARGS = ["compare", "pro", "flagship", "--dau", "0:99999:1", "--format", "json"]
PACKAGES = ("typer", "pydantic", "pydantic-core", "rich", "PyYAML", "python-dateutil")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_kb: int
    exit_code: int


def imcost_command() -> list[str]:
    """The installed ``imcost`` script next to this Python, else ``python -m imcost``."""
    script = Path(PYTHON).parent / "imcost"
    return [str(script)] if script.exists() else [PYTHON, "-m", "imcost"]


def run_once(command: Sequence[str]) -> Run:
    """Wall time and the child's own peak RSS (os.wait4 reports it per child)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss, child.returncode)


def measure(commands: Sequence[Sequence[str]], runs: int) -> list[tuple[float, int]]:
    """Median seconds and median peak KB of each command over ``runs`` runs, after a warm-up.

    Runs are interleaved (a, b, a, b, ...) so a busy spell on the machine hits all alike.
    """
    for command in commands:
        warm = run_once(command)
        if warm.exit_code not in (0, 1):
            raise SystemExit(f"benchmark command failed (exit {warm.exit_code}): {' '.join(command)}")
    results: list[list[Run]] = [[] for _ in commands]
    for _ in range(runs):
        for command, found in zip(commands, results, strict=True):
            found.append(run_once(command))
    return [
        (statistics.median(r.seconds for r in found), int(statistics.median(r.peak_kb for r in found)))
        for found in results
    ]


def supports(args: Sequence[str]) -> tuple[bool, str]:
    """Whether imcost accepts ``args`` (exit 0 or 1), and its first error line if not."""
    done = subprocess.run([*imcost_command(), *args], capture_output=True, text=True, cwd=ROOT)
    first = (done.stderr.strip().splitlines() or [""])[0]
    return done.returncode in (0, 1), first


def report(
    name: str,
    target: str,
    ours: Sequence[str],
    baseline: Sequence[str],
    runs: int,
    memory: bool,
    reference: Sequence[str] | None = None,
) -> None:
    commands = [ours, baseline] if reference is None else [ours, baseline, reference]
    figures = measure(commands, runs)
    (t_ours, kb_ours), (t_base, kb_base) = figures[0], figures[1]
    print(f"\n{name}")
    print(f"  imcost:   {t_ours * 1000:8.1f} ms  {kb_ours / 1024:7.1f} MB   {' '.join(ours[1:])}")
    print(f"  baseline: {t_base * 1000:8.1f} ms  {kb_base / 1024:7.1f} MB   {' '.join(baseline[1:])}")
    line = f"  ratio:    {t_ours / t_base:8.2f} x time"
    if memory:
        line += f"  {kb_ours / kb_base:5.2f} x peak memory"
    print(f"{line}   (target {target})")
    if reference is not None:
        t_ref, kb_ref = figures[2]
        print(f"  typer floor: {t_ref * 1000:5.1f} ms  {kb_ref / 1024:7.1f} MB   (compare's parameters, no imcost)")
        print(f"  typer floor / baseline: {t_ref / t_base:.2f} x time")
        print(f"  imcost / typer floor: {t_ours / t_ref:.2f} x time")


# The least a Typer CLI with compare's parameters pays, with no imcost code: typer
# 0.2x validates every parameter through a pydantic TypeAdapter, built when the
# arguments are parsed (even for options left out), so parsing imports pydantic and
# builds one adapter per parameter, costs the baseline never sees.
_NUMBER_FLAGS = (
    "dau groups barrage_domestic barrage_international history_days group_members groups_per_user "
    "av_chatrooms friends users"
).split()
TYPER_FLOOR = (
    """
import enum, sys
from pathlib import Path
from typing import Annotated, Optional
import typer, yaml, dateutil.relativedelta

class Format(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"

Number = Annotated[Optional[str], typer.Option()]
app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, no_args_is_help=True)

@app.callback()
def main(version: Annotated[bool, typer.Option("--version", is_eager=True)] = False) -> None:
    pass

@app.command()
def compare(
    editions: Annotated[Optional[list[str]], typer.Argument()] = None,
    plan: Annotated[Optional[Path], typer.Option("--plan")] = None,
    app_name: Annotated[Optional[str], typer.Option("--app")] = None,
"""
    + "".join(f"    {name}: Number = None,\n" for name in _NUMBER_FLAGS)
    + """    security: Annotated[Optional[bool], typer.Option("--security/--no-security")] = None,
    month: Annotated[Optional[str], typer.Option("--month")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", case_sensitive=False)] = Format.table,
) -> None:
    sys.stdout.write("{}\\n")

@app.command()
def other() -> None:
    pass

app()
"""
)


def write_bulk_plan(path: Path, apps: int) -> None:
    """A deterministic plan of ``apps`` apps using every kind of usage and need."""
    rng = random.Random(6)
    editions = ("trial", "pro", "flagship")
    lines = ["month: 2026-12", "apps:"]
    for i in range(apps):
        edition = editions[i % 3]
        lines += [
            f"  - name: app-{i:05d}",
            f"    edition: {edition}",
            "    usage:",
            f"      peak_dau: {rng.randrange(0, 90 if edition == 'trial' else 200_000)}",
            f"      peak_groups: {rng.randrange(0, 90_000 if edition == 'trial' else 900_000)}",
        ]
        if edition != "trial":
            lines += [
                "      barrage_mbps:",
                f"        domestic: {rng.randrange(0, 50)}",
                f"        international: {rng.randrange(0, 10)}.5",
                "    needs:",
                f"      history_days: {rng.choice((7, 30, 90, 180, 360))}",
                f"      groups_per_user: {rng.randrange(100, 1000)}",
                f"      group_members: {{private: 200, public: {rng.randrange(100, 2000)}}}",
                f"    security: {'true' if i % 2 else 'false'}",
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()} on {platform.system()}, load {load}"


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def byte_compile() -> None:
    """Write imcost's .pyc files, as pip does when it installs a package."""
    package = ROOT / "imcost"
    if not compileall.compile_dir(str(package), quiet=1):
        raise SystemExit(f"could not byte-compile {package}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command for the start-up cases")
    parser.add_argument("--bulk-runs", type=int, default=5, help="runs per command for the bulk case")
    parser.add_argument("--as-installed", action="store_true", help="do not byte-compile imcost first")
    options = parser.parse_args()
    imcost = imcost_command()
    print(f"machine:  {machine()}")
    print(f"packages: {versions()}")
    print(f"imcost:   {' '.join(imcost)}")
    if options.as_installed:
        print("note:     imcost measured as installed (--as-installed): not byte-compiled first")
    else:
        byte_compile()
        print("note:     imcost byte-compiled first, as pip install does")

    floor = [PYTHON, "-c", "import typer, yaml, dateutil.relativedelta"]
    report(
        "1. start-up, JSON output",
        "<= 1.25",
        [*imcost, *START_UP, "--format", "json"],
        floor,
        options.runs,
        memory=False,
        reference=[PYTHON, "-c", TYPER_FLOOR, *START_UP, "--format", "json"],
    )
    report(
        "2. start-up, table output",
        "<= 1.25",
        [*imcost, *START_UP, "--format", "table"],
        [PYTHON, "-c", "import typer, yaml, dateutil.relativedelta, rich.table"],
        options.runs,
        memory=False,
    )

    workdir = Path(tempfile.mkdtemp(prefix="imcost-bench-"))
    try:
        plan = workdir / "bulk.yaml"
        write_bulk_plan(plan, BULK_APPS)
        size_mb = plan.stat().st_size / 1e6
        report(
            f"3. bulk: {BULK_APPS:,} apps ({size_mb:.1f} MB), estimate --format json",
            "<= 1.5 in time and peak memory",
            [*imcost, "estimate", str(plan), "--format", "json"],
            [PYTHON, "-c", "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)", str(plan)],
            options.bulk_runs,
            memory=True,
        )
    finally:
        shutil.rmtree(workdir)

    ok, why = supports(RANGE_ARGS)
    if not ok:
        raise SystemExit(f"imcost {' '.join(RANGE_ARGS)} failed: {why}")
    (seconds, kb), (start_seconds, _) = measure(
        [[*imcost, *RANGE_ARGS], [*imcost, *START_UP, "--format", "json"]], options.bulk_runs
    )
    print("\n4. 100,000-value compare range (target about 1 s)")
    print(f"  imcost:   {seconds * 1000:8.1f} ms  {kb / 1024:7.1f} MB   {' '.join(RANGE_ARGS)}")
    print(f"  of which start-up (case 1's command, same run): {start_seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
