"""The ``imcost`` command: parse arguments, call the core, render, map errors to exit codes."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from imcost import __version__, options
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


def _write(fmt: OutputFormat, table: object, text: dict[OutputFormat, object]) -> None:
    """Print a Rich renderable for tables, or the text another format renders to."""
    if fmt is OutputFormat.table:
        from rich.console import Console

        Console().print(table)
        return
    sys.stdout.write(str(text[fmt]))


@app.command()
def compare(
    editions: Annotated[
        list[str] | None, typer.Argument(help="Editions to compare (default: all).", show_default=False)
    ] = None,
    plan: options.PlanFile = None,
    app_name: options.AppName = None,
    dau: options.Dau = None,
    groups: options.Groups = None,
    barrage_domestic: options.BarrageDomestic = None,
    barrage_international: options.BarrageInternational = None,
    history_days: options.HistoryDays = None,
    group_members: options.GroupMembers = None,
    groups_per_user: options.GroupsPerUser = None,
    av_chatrooms: options.AvChatrooms = None,
    friends: options.Friends = None,
    users: options.Users = None,
    security: options.Security = None,
    month: options.MonthText = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = OutputFormat.table,
) -> None:
    """Price the same usage and needs on several editions, side by side; the cheapest that fits is marked.

    Example: imcost compare pro flagship --dau 25000 --groups-per-user 800

    One numeric flag may be a range START:STOP:STEP (stop included), e.g.
    imcost compare --dau 0:200000:10000: one row per value and the exact
    break-even points where the cheapest edition changes.

    Exit codes: 0 compared (even if no edition fits), 2 bad input.
    """
    from imcost import compare as core
    from imcost import scenario
    from imcost.render import comparison, curve
    from imcost.render.jsonout import dumps
    from imcost.sweep import sweep

    numbers = options.flags(
        dau,
        groups,
        barrage_domestic,
        barrage_international,
        history_days,
        group_members,
        groups_per_user,
        av_chatrooms,
        friends,
        users,
    )
    try:
        book = load_pricebook()
        ids = core.resolve_editions(editions or [], book)
        wanted = scenario.build(book, numbers, security, plan, app_name, _month(month))
    except ImcostError as exc:
        raise _fail(exc) from None
    base = wanted.apps[0]
    if wanted.ranged is not None:
        variable, values = wanted.ranged
        result = sweep(variable, values, base, ids, wanted.month, book)
        formats: dict[OutputFormat, object] = {
            OutputFormat.json: curve.dumps(curve.data(result)) if fmt is OutputFormat.json else "",
            OutputFormat.csv: curve.csv_text(result) if fmt is OutputFormat.csv else "",
            OutputFormat.markdown: curve.markdown(result) if fmt is OutputFormat.markdown else "",
        }
        _write(fmt, curve.table(result) if fmt is OutputFormat.table else None, formats)
        return
    compared = core.compare_app(base, ids, wanted.month, book)
    formats = {
        OutputFormat.json: dumps(comparison.data(compared)),
        OutputFormat.csv: comparison.csv_text(compared),
        OutputFormat.markdown: comparison.markdown(compared),
    }
    _write(fmt, comparison.table(compared) if fmt is OutputFormat.table else None, formats)


@app.command()
def recommend(
    plan: Annotated[Path | None, typer.Argument(help="Plan file (optional: flags alone describe one app).")] = None,
    app_name: options.AppName = None,
    dau: options.Dau = None,
    groups: options.Groups = None,
    barrage_domestic: options.BarrageDomestic = None,
    barrage_international: options.BarrageInternational = None,
    history_days: options.HistoryDays = None,
    group_members: options.GroupMembers = None,
    groups_per_user: options.GroupsPerUser = None,
    av_chatrooms: options.AvChatrooms = None,
    friends: options.Friends = None,
    users: options.Users = None,
    security: options.Security = None,
    month: options.MonthText = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = OutputFormat.table,
) -> None:
    """For each app, the cheapest edition (and add-ons) that meets its needs, and the saving.

    Example: imcost recommend samples/groups-per-user.yaml --av-chatrooms 100

    Flags override the plan file's usage and needs for every app. Exit codes:
    0 recommended, 1 no edition can meet an app's needs (stderr says which), 2
    bad input.
    """
    from imcost import compare as core
    from imcost import scenario
    from imcost.render import recommendation
    from imcost.render.jsonout import dumps

    numbers = options.flags(
        dau,
        groups,
        barrage_domestic,
        barrage_international,
        history_days,
        group_members,
        groups_per_user,
        av_chatrooms,
        friends,
        users,
    )
    try:
        book = load_pricebook()
        wanted = scenario.build(book, numbers, security, plan, app_name, _month(month), one_app=False)
        if wanted.ranged is not None:
            flag = wanted.ranged[0].flag
            raise InputError([InputProblem(flag, None, (), "a range is for imcost compare", "give one number")])
    except ImcostError as exc:
        raise _fail(exc) from None
    recs = tuple(core.recommend_app(a, wanted.month, book) for a in wanted.apps)
    formats: dict[OutputFormat, object] = {
        OutputFormat.json: dumps(recommendation.data(recs)),
        OutputFormat.csv: recommendation.csv_text(recs),
        OutputFormat.markdown: recommendation.markdown(recs),
    }
    _write(fmt, recommendation.table(recs) if fmt is OutputFormat.table else None, formats)
    unfit = [r for r in recs if r.recommended is None]
    for rec in unfit:
        print(f"imcost: {recommendation.headline(rec)}", file=sys.stderr)
    if unfit:
        raise typer.Exit(int(ExitCode.INFEASIBLE))
