"""Golden outputs: every sample through every command and format, kept byte for byte under tests/golden/.

    python -m tests.golden --update     # or: IMCOST_UPDATE_GOLDEN=1 pytest tests/test_golden.py

tests/test_golden.py runs each case in-process (Typer's CliRunner) and compares
its stdout, stderr and exit status with the files written here. A change of
output that is meant (a new column, a reworded line) regenerates them with
``--update`` in the same commit, so the diff of tests/golden/ shows exactly what
users will see change; any other change of a byte fails the test.

The output is made deterministic: ``COLUMNS=100``, no colour (not a terminal), an
English locale, and "today" fixed at FIXED_TODAY wherever imcost asks for it (the
quote date, the month of a plan that names none, the price book in force).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXED_TODAY = date(2026, 12, 1)
WIDTH = "100"

# Each command and the formats it accepts (its --help).
FORMATS = {
    "estimate": ("table", "json", "csv", "markdown", "html"),
    "forecast": ("table", "json", "csv", "markdown", "html"),
    "schedule": ("table", "json", "csv", "markdown", "html"),
    "compare": ("table", "json", "csv", "markdown"),
    "recommend": ("table", "json", "csv", "markdown"),
}
# Command lines that take no plan file: the benchmark's start-up case and a short range.
FLAG_CASES = {
    "compare-dau-25000": ["compare", "pro", "flagship", "--dau", "25000"],
    "compare-dau-range": ["compare", "pro", "flagship", "--dau", "0:300000:100000"],
    "recommend-dau-25000": ["recommend", "--dau", "25000", "--groups", "120000"],
}


@dataclass(frozen=True)
class Case:
    """One command line and the name its golden files are kept under (``tests/golden/NAME.*``)."""

    name: str
    args: tuple[str, ...]


def plan_samples() -> list[Path]:
    """The sample plans (pricebook-*.yaml are price books, not plans)."""
    return sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.startswith("pricebook"))


def cases() -> list[Case]:
    found: list[Case] = []
    for sample in plan_samples():
        relative = f"samples/{sample.name}"
        for command, formats in FORMATS.items():
            for fmt in formats:
                plan = ["--plan", relative] if command in ("compare", "recommend") else [relative]
                found.append(Case(f"{sample.stem}/{command}.{fmt}", (command, *plan, "--format", fmt)))
        # Chinese, where the table layout differs most (CJK widths, breaks between terms).
        for fmt in ("table", "markdown"):
            found.append(
                Case(f"{sample.stem}/estimate-zh.{fmt}", ("estimate", relative, "--format", fmt, "--lang", "zh"))
            )
    for name, args in FLAG_CASES.items():
        for fmt in FORMATS[args[0]]:
            found.append(Case(f"flags/{name}.{fmt}", (*args, "--format", fmt)))
    return found


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: bytes
    stderr: bytes


class _DateMeta(type):
    """``date`` as imcost's modules use it (construct, isinstance, class attributes), except ``today()``."""

    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, date)

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, date)

    def __getattr__(cls, name: str) -> Any:
        return getattr(date, name)


class FixedDate(metaclass=_DateMeta):
    """Stands in for ``datetime.date`` in imcost's modules: today is always FIXED_TODAY."""

    def __new__(cls, *args: Any, **kwargs: Any) -> date:  # type: ignore[misc]
        return date(*args, **kwargs)

    @staticmethod
    def today() -> date:
        return FIXED_TODAY


def _imcost_modules() -> Iterator[Any]:
    """Every module of imcost, imported (so one imported lazily later is patched too)."""
    import imcost

    for info in pkgutil.walk_packages(imcost.__path__, "imcost."):
        yield importlib.import_module(info.name)
    yield imcost


def fix_today() -> list[tuple[Any, Any]]:
    """Make ``date.today()`` FIXED_TODAY in every imcost module; returns what to put back."""
    undo = []
    for module in _imcost_modules():
        if getattr(module, "date", None) is date:
            undo.append((module, date))
            module.date = FixedDate
    return undo


def restore(undo: list[tuple[Any, Any]]) -> None:
    for module, original in undo:
        module.date = original


def run(case: Case) -> Outcome:
    """The case through the CLI in-process, from the repository's root, as a pipe would see it."""
    from typer.testing import CliRunner

    from imcost.cli import app

    env = {"COLUMNS": WIDTH, "LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "IMCOST_LANG": None}
    env |= {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": None}
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, list(case.args), env=env)
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"imcost {' '.join(case.args)} raised {result.exception!r}") from result.exception
    return Outcome(result.exit_code, result.stdout_bytes, result.stderr_bytes)


def paths(case: Case) -> tuple[Path, Path, Path]:
    """Where a case's stdout, stderr and exit status are kept (stderr and status only when not empty / not 0)."""
    base = GOLDEN / case.name
    return base, base.with_name(base.name + ".stderr"), base.with_name(base.name + ".exit")


def expected(case: Case) -> Outcome:
    out, err, code = paths(case)
    return Outcome(
        int(code.read_text()) if code.exists() else 0,
        out.read_bytes(),
        err.read_bytes() if err.exists() else b"",
    )


def write(case: Case, outcome: Outcome) -> None:
    out, err, code = paths(case)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(outcome.stdout)
    if outcome.stderr:
        err.write_bytes(outcome.stderr)
    if outcome.exit_code:
        code.write_text(f"{outcome.exit_code}\n")


def update() -> int:
    """Rewrite tests/golden/ from the current code; returns how many cases were written."""
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    undo = fix_today()
    try:
        every = cases()
        for case in every:
            write(case, run(case))
    finally:
        restore(undo)
    return len(every)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite tests/golden/ from the current code")
    options = parser.parse_args(argv)
    if not options.update:
        parser.error("nothing to do: run the check with pytest tests/test_golden.py, or pass --update")
    written = update()
    print(f"wrote {written} cases under {GOLDEN.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
