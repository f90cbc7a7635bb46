"""imcost's speed, each figure of issue 14 as a ratio against its own baseline measured in the same run.

    python benchmarks/run.py [--quick | --full] [--runs N] [--bulk-runs N] [--as-installed]

Run it with the Python that has imcost installed (e.g. ``.venv/bin/python``).
Each row runs imcost and its baseline interleaved (a, b, a, b, ...), takes the
median wall time and peak memory (each child's own peak RSS, from ``os.wait4``)
and prints their ratio with the target beside it and whether it is met:

1. start-up, ``compare pro flagship --dau 25000 --format json`` vs a minimal Typer
   app printing a constant JSON line (benchmarks/minimal_typer.py json);
2. start-up, the same as a table piped vs that app printing a small Rich table;
3. ``estimate`` of a 10,000-app plan as JSON vs ``yaml.load(f, Loader=yaml.CSafeLoader)``
   of the same file: time and peak memory;
4. the same plan as a table piped to a file vs the same YAML load: time and memory;
5. a ``compare pro flagship --dau 0:N:1 --format json`` range: 100,000 values
   against 10,000 (quick), 1,000,000 against 100,000 (``--full``): memory must not
   grow with the range's length, and the 1,000,000-value range's time is held to
   3 s where the 100,000-value one takes 0.8 s (3.75x);
6. ``forecast`` of a 1,000-app plan as JSON, 12 months (quick) or 120 (``--full``):
   time per app-month vs ``estimate``'s time per app on the same plan (each less
   the time of a one-app estimate, what any run pays), and peak memory vs that
   estimate's.

``--quick`` (the default) is cheap enough to run before each submission (under a
minute on a 2-CPU machine); ``--full`` adds the largest inputs and more runs.
``--runs`` sets the runs of each start-up command (default 5 quick, 15 full) and
``--bulk-runs`` those of the larger cases (default 1 quick, 3 full).

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
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MINIMAL = str(Path(__file__).resolve().parent / "minimal_typer.py")
START_UP = ["compare", "pro", "flagship", "--dau", "25000"]
BULK_APPS = 10_000
FORECAST_APPS = 1_000
PACKAGES = ("typer", "pydantic", "pydantic-core", "rich", "PyYAML", "python-dateutil")
YAML_LOAD = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"


def range_args(values: int) -> list[str]:
    """``compare`` over ``values`` DAU values: START:STOP:STEP with STOP included (imcost compare --help)."""
    return ["compare", "pro", "flagship", "--dau", f"0:{values - 1}:1", "--format", "json"]


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_kb: int
    exit_code: int


@dataclass(frozen=True)
class Figure:
    """Median wall seconds and median peak KB of one command over a paired run."""

    seconds: float
    peak_kb: int


@dataclass(frozen=True)
class Command:
    """A command line and where its stdout goes (None: /dev/null; a path: that file, rewritten each run)."""

    args: list[str]
    stdout: Path | None = None

    def shown(self) -> str:
        words = [Path(self.args[0]).name, *(_short(word) for word in self.args[1:])]
        text = " ".join(w if len(w) < 60 else "<script>" for w in words)
        return text + (" > FILE" if self.stdout is not None else "")


def _short(word: str) -> str:
    """A path in the repository as relative to it, other words as they are."""
    return word.removeprefix(f"{ROOT}{os.sep}")


def imcost_command() -> list[str]:
    """The installed ``imcost`` script next to this Python, else ``python -m imcost``."""
    script = Path(PYTHON).parent / "imcost"
    return [str(script)] if script.exists() else [PYTHON, "-m", "imcost"]


def run_once(command: Command) -> Run:
    """Wall time and the child's own peak RSS (os.wait4 reports it per child)."""
    sink: IO[bytes] | int = subprocess.DEVNULL if command.stdout is None else command.stdout.open("wb")
    try:
        start = time.perf_counter()
        child = subprocess.Popen(command.args, stdout=sink, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    finally:
        if not isinstance(sink, int):
            sink.close()
    return Run(seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status))


def measure(commands: Sequence[Command], runs: int, warm_up: bool = True) -> list[Figure]:
    """Median seconds and peak KB of each command over ``runs`` runs, interleaved so a busy spell hits all alike.

    A warm-up run of each comes first (its figures dropped) when ``warm_up``; either
    way every command must exit 0 or 1, else the benchmark stops and says which.
    """
    results: list[list[Run]] = [[] for _ in commands]
    for turn in range(runs + (1 if warm_up else 0)):
        for command, found in zip(commands, results, strict=True):
            run = run_once(command)
            if run.exit_code not in (0, 1):
                raise SystemExit(f"benchmark command failed (exit {run.exit_code}): {command.shown()}")
            if turn or not warm_up:
                found.append(run)
    return [
        Figure(statistics.median(r.seconds for r in found), int(statistics.median(r.peak_kb for r in found)))
        for found in results
    ]


def verdict(ratio: float, target: float) -> str:
    return "ok" if ratio <= target else "MISSED"


def show(label: str, command: Command, figure: Figure) -> None:
    seconds = f"{figure.seconds * 1000:9.1f} ms" if figure.seconds < 10 else f"{figure.seconds:10.2f} s"
    print(f"  {label:<10}{seconds}  {figure.peak_kb / 1024:8.1f} MB   {command.shown()}")


def ratio_line(what: str, ratio: float, target: float) -> None:
    print(f"  {what:<34}{ratio:7.2f} x   target <= {target:.2f} x   {verdict(ratio, target)}")


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


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="the quick set (the default): under a minute")
    size.add_argument("--full", action="store_true", help="the largest inputs too: 1,000,000 values, 120 months")
    parser.add_argument("--runs", type=int, help="runs per command for the start-up rows (default 5; --full 15)")
    parser.add_argument("--bulk-runs", type=int, help="runs per command for the larger rows (default 1; --full 3)")
    parser.add_argument("--as-installed", action="store_true", help="do not byte-compile imcost first")
    options = parser.parse_args()
    options.runs = options.runs or (15 if options.full else 5)
    options.bulk_runs = options.bulk_runs or (3 if options.full else 1)
    return options


def start_up(imcost: list[str], runs: int) -> None:
    rows = (
        ("1. start-up, JSON", [*START_UP, "--format", "json"], "json"),
        ("2. start-up, table piped", START_UP, "table"),
    )
    for title, args, minimal in rows:
        ours, floor = Command([*imcost, *args]), Command([PYTHON, MINIMAL, minimal])
        mine, base = measure([ours, floor], runs)
        print(f"\n{title}")
        show("imcost", ours, mine)
        show("minimal", floor, base)
        ratio_line("time", mine.seconds / base.seconds, 1.10)


def bulk(imcost: list[str], workdir: Path, runs: int) -> None:
    plan = workdir / "bulk.yaml"
    write_bulk_plan(plan, BULK_APPS)
    json_cmd = Command([*imcost, "estimate", str(plan), "--format", "json"])
    table_cmd = Command([*imcost, "estimate", str(plan), "--format", "table"], stdout=workdir / "table.txt")
    yaml_cmd = Command([PYTHON, "-c", YAML_LOAD, str(plan)])
    as_json, as_table, load = measure([json_cmd, table_cmd, yaml_cmd], runs, warm_up=False)
    size = plan.stat().st_size / 1e6
    print(f"\n3. estimate of {BULK_APPS:,} apps ({size:.1f} MB), JSON, vs the YAML load of the same file")
    show("imcost", json_cmd, as_json)
    show("yaml load", yaml_cmd, load)
    ratio_line("time", as_json.seconds / load.seconds, 0.8)
    ratio_line("peak memory", as_json.peak_kb / load.peak_kb, 1.2)
    print("\n4. the same plan as a table piped to a file, vs the same YAML load")
    show("imcost", table_cmd, as_table)
    ratio_line("time", as_table.seconds / load.seconds, 3.0)
    ratio_line("peak memory", as_table.peak_kb / load.peak_kb, 1.2)


def ranges(imcost: list[str], runs: int, full: bool) -> None:
    short, long = (100_000, 1_000_000) if full else (10_000, 100_000)
    long_cmd, short_cmd = Command([*imcost, *range_args(long)]), Command([*imcost, *range_args(short)])
    mine, base = measure([long_cmd, short_cmd], runs, warm_up=False)
    print(f"\n5. a {long:,}-value compare range, JSON, vs the {short:,}-value one")
    show(f"{long:,}", long_cmd, mine)
    show(f"{short:,}", short_cmd, base)
    # 3 s where 100,000 values take 0.8 s; a tenth of the range is held to the same ratio.
    ratio_line("time", mine.seconds / base.seconds, 3 / 0.8)
    ratio_line("peak memory (streamed: ~1)", mine.peak_kb / base.peak_kb, 1.05)


def forecast(imcost: list[str], workdir: Path, runs: int, months: int) -> None:
    plan = workdir / "forecast.yaml"
    write_bulk_plan(plan, FORECAST_APPS)
    ours = Command([*imcost, "forecast", str(plan), "--months", str(months), "--format", "json"])
    base = Command([*imcost, "estimate", str(plan), "--format", "json"])
    # What every imcost process pays whatever its plan (start-up, the price book), taken off both.
    floor = Command([*imcost, "estimate", "samples/flagship.yaml", "--format", "json"])
    mine, estimate, start = measure([ours, base, floor], runs, warm_up=False)
    print(f"\n6. forecast of {FORECAST_APPS:,} apps over {months} months, JSON, vs estimate of the same plan")
    show("forecast", ours, mine)
    show("estimate", base, estimate)
    show("one app", floor, start)
    per_app_month = (mine.seconds - start.seconds) / (FORECAST_APPS * months)
    per_app = (estimate.seconds - start.seconds) / FORECAST_APPS
    each = f"forecast {per_app_month * 1e6:.0f} us an app-month, estimate {per_app * 1e6:.0f} us an app"
    print(f"  less the one-app run: {each}")
    ratio_line("time per app-month / per app", per_app_month / per_app, 1.0)
    ratio_line("peak memory (streamed)", mine.peak_kb / estimate.peak_kb, 1.2)


def main() -> None:
    options = parse_options()
    began = time.perf_counter()
    imcost = imcost_command()
    print(f"machine:  {machine()}")
    print(f"packages: {versions()}")
    print(f"imcost:   {' '.join(imcost)}")
    print(f"set:      {'full' if options.full else 'quick'} ({options.runs} start-up runs, {options.bulk_runs} bulk)")
    if options.as_installed:
        print("note:     imcost measured as installed (--as-installed): not byte-compiled first")
    else:
        byte_compile()
        print("note:     imcost byte-compiled first, as pip install does")
    start_up(imcost, options.runs)
    workdir = Path(tempfile.mkdtemp(prefix="imcost-bench-"))
    try:
        bulk(imcost, workdir, options.bulk_runs)
        ranges(imcost, options.bulk_runs, options.full)
        forecast(imcost, workdir, options.bulk_runs, 120 if options.full else 12)
    finally:
        shutil.rmtree(workdir)
    print(f"\n{time.perf_counter() - began:.0f} s in all; load now {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
