"""The ``imcost`` command: parse arguments, call the core, render, map errors to exit codes."""

from __future__ import annotations

import enum
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from imcost import __version__, options
from imcost.daily import load_daily
from imcost.engine import Estimate
from imcost.errors import ExitCode, ImcostError, InputError, InputProblem
from imcost.month import Month
from imcost.period import daily_months, estimate_month
from imcost.plan import Plan, load_plan
from imcost.pricebook import PriceBook, load_pricebook


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
    daily: Annotated[
        Path | None, typer.Option("--daily", help="CSV of daily figures for a single-app plan.", show_default=False)
    ] = None,
) -> None:
    """Estimate one month's cost of the apps in a plan file, fee by fee.

    Example: imcost estimate samples/flagship.yaml --format json | jq .total

    With daily figures (`usage: {daily: usage.csv}` or --daily usage.csv) every
    month the file covers is estimated, or only --month.

    Exit codes: 0 estimated, 1 the plan can't be bought as written (the output
    says why), 2 bad input.
    """
    try:
        book = load_pricebook()
        parsed = _with_daily(load_plan(plan, book, _month(month)), daily)
        if any(a.daily is not None for a in parsed.apps) and month is None:
            _estimate_months(parsed, book, fmt)
            return
        priced = estimate_month(parsed, parsed.month, book)
        result = priced.estimate
    except ImcostError as exc:
        raise _fail(exc) from None
    _notes(priced.notes)
    _emit(result, fmt)
    if not result.feasible:
        print("imcost: the plan can't be bought as written; see the problems listed", file=sys.stderr)
        raise typer.Exit(int(ExitCode.INFEASIBLE))


def _notes(notes: tuple[str, ...]) -> None:
    for note in notes:
        print(f"imcost: note: {note}", file=sys.stderr)


def _infeasible() -> typer.Exit:
    print("imcost: the plan can't be bought as written; see the problems listed", file=sys.stderr)
    return typer.Exit(int(ExitCode.INFEASIBLE))


def _with_daily(plan: Plan, daily: Path | None) -> Plan:
    """The plan with its single app's usage taken from ``--daily``."""
    if daily is None:
        return plan
    if len(plan.apps) != 1:
        message = f"the plan has {len(plan.apps)} apps; --daily is for a single-app plan"
        raise InputError([InputProblem("--daily", None, (), message, "give each app `usage: {daily: file.csv}`")])
    return replace(plan, apps=(replace(plan.apps[0], daily=load_daily(daily)),))


def _estimate_months(plan: Plan, book: PriceBook, fmt: OutputFormat) -> None:
    from imcost.render import months

    priced = [estimate_month(plan, m, book) for m in daily_months(plan)]
    _notes(tuple(n for p in priced for n in p.notes))
    estimates = [p.estimate for p in priced]
    if fmt is OutputFormat.table:
        from rich.console import Console

        Console().print(months.render_table(estimates))
    elif fmt is OutputFormat.json:
        from imcost.render.jsonout import dumps

        sys.stdout.write(dumps(months.data(estimates)))
    elif fmt is OutputFormat.csv:
        sys.stdout.write(months.render_csv(estimates))
    else:
        sys.stdout.write(months.render_markdown(estimates))
    if not all(e.feasible for e in estimates):
        raise _infeasible()


class PeriodFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _start(text: str | None) -> Month | None:
    if text is None:
        return None
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise InputError([InputProblem("--start", None, (), str(exc))]) from None


@app.command()
def forecast(
    plan: Annotated[Path, typer.Argument(help="Plan-and-usage YAML file.", show_default=False)],
    months: Annotated[
        int | None,
        typer.Option("--months", help="How many natural months to forecast; default 12, or a daily file's months."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="First month (YYYY-MM); default: the plan's month.")
    ] = None,
    growth: Annotated[
        list[str] | None,
        typer.Option("--growth", help="Compound monthly growth, METRIC=RATE% (dau, groups); repeatable."),
    ] = None,
    fmt: Annotated[
        PeriodFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = PeriodFormat.table,
) -> None:
    """Forecast the plan's cost month by month, with usage growing at a compound monthly rate.

    Example: imcost forecast plan.yaml --months 12 --start 2027-01 --growth dau=8% --growth groups=5%

    Grown counts are rounded up to whole users or groups; dated `changes:` in
    the plan switch edition or needs from their month. Exit codes as for estimate.
    """
    from imcost.forecast import forecast as run_forecast
    from imcost.forecast import parse_growth
    from imcost.render import forecast as render

    try:
        book = load_pricebook()
        first = _start(start)
        parsed = load_plan(plan, book, first)
        rates = parse_growth(growth or [])
        covered = daily_months(parsed)
        count = months if months is not None else len(covered) or 12
        result = run_forecast(parsed, book, first or (covered[:1] or (parsed.month,))[0], count, rates)
    except ImcostError as exc:
        raise _fail(exc) from None
    _notes(result.notes)
    if fmt is PeriodFormat.table:
        from rich.console import Console

        Console().print(render.render_table(result))
    elif fmt is PeriodFormat.json:
        from imcost.render.jsonout import dumps

        sys.stdout.write(dumps(render.data(result)))
    else:
        sys.stdout.write(render.render_csv(result))
    if not result.feasible:
        raise _infeasible()


@app.command()
def schedule(
    plan: Annotated[Path, typer.Argument(help="Plan-and-usage YAML file.", show_default=False)],
    months: Annotated[int, typer.Option("--months", help="How many natural months to cover.")] = 12,
    start: Annotated[
        str | None, typer.Option("--start", help="First month (YYYY-MM); default: the purchase month.")
    ] = None,
    fmt: Annotated[
        PeriodFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = PeriodFormat.table,
) -> None:
    """List every charge with the day it is taken: prepaid cycles on day T, postpaid on the 3rd.

    Example: imcost schedule plan.yaml --months 3 --format csv > charges.csv

    The plan names `purchased_on: YYYY-MM-DD` per app or at the top. Postpaid
    charges for the last month's usage, deducted after it, are included.
    """
    from imcost.render import schedule as render
    from imcost.schedule import schedule as run_schedule

    try:
        book = load_pricebook()
        first = _start(start)
        parsed = load_plan(plan, book, first)
        result = run_schedule(parsed, book, first, months)
    except ImcostError as exc:
        raise _fail(exc) from None
    _notes(result.notes)
    if fmt is PeriodFormat.table:
        from rich.console import Console

        Console().print(render.render_table(result))
    elif fmt is PeriodFormat.json:
        from imcost.render.jsonout import dumps

        sys.stdout.write(dumps(render.data(result, book)))
    else:
        sys.stdout.write(render.render_csv(result))
    if not result.feasible:
        raise _infeasible()


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
