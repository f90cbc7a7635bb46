"""The ``imcost`` command: parse arguments, call the core, render, map errors to exit codes."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from imcost import __version__
from imcost.engine import Estimate, estimate_plan
from imcost.errors import ExitCode, ImcostError, InputError, InputProblem
from imcost.month import Month
from imcost.plan import load_plan
from imcost.pricebook import load_pricebook


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


app = typer.Typer(
    name="imcost",
    help="Exact monthly cost estimates for Tencent Cloud Instant Messaging (即时通信 IM).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"imcost {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Exact monthly cost estimates for Tencent Cloud Instant Messaging (即时通信 IM).

    Example: imcost estimate samples/flagship.yaml --format json
    """


def _fail(error: ImcostError) -> typer.Exit:
    for line in str(error).splitlines():
        print(f"imcost: error: {line}", file=sys.stderr)
    return typer.Exit(int(error.exit_code))


def _month(text: str | None) -> Month | None:
    if text is None:
        return None
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise InputError([InputProblem("--month", None, (), str(exc))]) from None


def _emit(estimate: Estimate, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.table:
        from rich.console import Console

        from imcost.render import table

        Console().print(table.render(estimate))
        return
    from imcost.render import csvout, jsonout, markdown

    renderers = {
        OutputFormat.json: jsonout.render,
        OutputFormat.csv: csvout.render,
        OutputFormat.markdown: markdown.render,
    }
    sys.stdout.write(renderers[fmt](estimate))


@app.command()
def estimate(
    plan: Annotated[Path, typer.Argument(help="Plan-and-usage YAML file.", show_default=False)],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = OutputFormat.table,
    month: Annotated[
        str | None, typer.Option("--month", help="Natural month to estimate (YYYY-MM); overrides the file.")
    ] = None,
) -> None:
    """Estimate one month's cost of the apps in a plan file, fee by fee.

    Example: imcost estimate samples/flagship.yaml --format json | jq .total

    Exit codes: 0 estimated, 1 the plan can't be bought as written (the output
    says why), 2 bad input.
    """
    try:
        book = load_pricebook()
        parsed = load_plan(plan, book, _month(month))
        result = estimate_plan(parsed, book)
    except ImcostError as exc:
        raise _fail(exc) from None
    _emit(result, fmt)
    if not result.feasible:
        print("imcost: the plan can't be bought as written; see the problems listed", file=sys.stderr)
        raise typer.Exit(int(ExitCode.INFEASIBLE))


def main() -> None:
    """Console-script entry point."""
    app()
