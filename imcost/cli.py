"""The ``imcost`` command: parse arguments, call the core, render, map errors to exit codes."""

from __future__ import annotations

import enum
import io
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from imcost import __version__
from imcost.engine import Estimate, estimate_plan
from imcost.errors import ExitCode, ImcostError, InputError, InputProblem
from imcost.month import Month
from imcost.plan import load_plan
from imcost.pricebook import PriceBook, load_pricebook

if TYPE_CHECKING:
    from rich.console import RenderableType

    from imcost.render.listing import Listing


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class EstimateFormat(str, enum.Enum):
    """The formats of an estimate: the common ones plus a quote page to send."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


class Lang(str, enum.Enum):
    en = "en"
    zh = "zh"


# Options shared by every command that prices or prints: attach them with these aliases.
PriceBookOption = Annotated[
    Path | None,
    typer.Option(
        "--pricebook",
        help="Price book file to use instead of the shipped price list (same format).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Date (YYYY-MM-DD) whose price book version applies; default today.",
        show_default=False,
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write the output to this file instead of stdout.", show_default=False),
]
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="IMCOST_LANG",
        case_sensitive=False,
        help="Language of labels for people (JSON keys never change).",
    ),
]


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


def _pricebook(path: Path | None, as_of: str | None) -> PriceBook:
    """The price book version in force on ``--as-of`` (default today), from ``--pricebook`` or the shipped one."""
    day = date.today()
    if as_of is not None:
        try:
            day = date.fromisoformat(as_of.strip())
        except ValueError:
            message = f"expected a date as YYYY-MM-DD, got {as_of!r}"
            raise InputError([InputProblem("--as-of", None, (), message)]) from None
    return load_pricebook(path, day)


def _deliver(output: str | RenderableType, out: Path | None) -> None:
    """Write text or a Rich renderable to stdout, or to ``--out`` (tables then 100 columns, no colour)."""
    if out is None:
        if isinstance(output, str):
            sys.stdout.write(output)
        else:
            from rich.console import Console

            Console().print(output)
        return
    text = output
    if not isinstance(text, str):
        from rich.console import Console

        buffer = io.StringIO()
        Console(file=buffer, width=100, color_system=None).print(text)
        text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        problem = InputProblem(str(out), None, (), f"cannot write the output ({exc.strerror or exc})")
        raise InputError([problem]) from None


def _render(estimate: Estimate, fmt: EstimateFormat | OutputFormat, lang: Lang) -> str | RenderableType:
    from imcost.render import csvout, jsonout, markdown

    if fmt.value == "table":
        from imcost.render import table

        return table.render(estimate, lang.value)
    if fmt.value == "html":
        from imcost.render import htmlpage

        return htmlpage.render(estimate, lang.value)
    if fmt.value == "json":
        return jsonout.render(estimate)
    if fmt.value == "csv":
        return csvout.render(estimate, lang.value)
    return markdown.render(estimate, lang.value)


def _emit(estimate: Estimate, fmt: OutputFormat) -> None:
    """Print an estimate to stdout in English, for commands without --out and --lang."""
    _deliver(_render(estimate, fmt, Lang.en), None)


def _budget(text: str | None) -> Decimal | None:
    """``--fail-over``: an amount in 元 (``10000``, ``10,000.50``)."""
    if text is None:
        return None
    try:
        amount = Decimal(text.strip().lstrip("¥").replace(",", ""))
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0:
        message = f"expected an amount in yuan like 10000 or 10,000.00, got {text!r}"
        raise InputError([InputProblem("--fail-over", None, (), message)])
    return amount


@app.command()
def estimate(
    plan: Annotated[Path, typer.Argument(help="Plan-and-usage YAML file.", show_default=False)],
    fmt: Annotated[
        EstimateFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = EstimateFormat.table,
    month: Annotated[
        str | None, typer.Option("--month", help="Natural month to estimate (YYYY-MM); overrides the file.")
    ] = None,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    fail_over: Annotated[
        str | None,
        typer.Option(
            "--fail-over",
            metavar="AMOUNT",
            help="Exit 3 (after printing the estimate) when the total is over AMOUNT yuan.",
            show_default=False,
        ),
    ] = None,
    out: OutOption = None,
    lang: LangOption = Lang.en,
) -> None:
    """Estimate one month's cost of the apps in a plan file, fee by fee.

    Example: imcost estimate samples/flagship.yaml --format json | jq .total

    Exit codes: 0 estimated, 1 the plan can't be bought as written (the output
    says why), 2 bad input, 3 the total is over --fail-over.
    """
    try:
        budget = _budget(fail_over)
        book = _pricebook(pricebook, as_of)
        parsed = load_plan(plan, book, _month(month))
        result = estimate_plan(parsed, book)
        _deliver(_render(result, fmt, lang), out)
    except ImcostError as exc:
        raise _fail(exc) from None
    if not result.feasible:
        print("imcost: the plan can't be bought as written; see the problems listed", file=sys.stderr)
        raise typer.Exit(int(ExitCode.INFEASIBLE))
    if budget is not None and result.total > budget:
        from imcost.money import money_human

        print(
            f"imcost: the total {money_human(result.total)} is over {money_human(budget)} (--fail-over)",
            file=sys.stderr,
        )
        raise typer.Exit(int(ExitCode.OVER_BUDGET))


def _listing(
    fmt: OutputFormat, lang: Lang, data: dict[str, object], human: Listing, machine: Listing
) -> str | RenderableType:
    from imcost.render import listing
    from imcost.render.jsonout import dumps

    if fmt is OutputFormat.json:
        return dumps(data)
    if fmt is OutputFormat.csv:
        return listing.to_csv(machine, [c.label for c in machine.columns])
    if fmt is OutputFormat.markdown:
        return listing.to_markdown(human, lang.value)
    return listing.to_table(human, lang.value)


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]


@app.command()
def prices(
    fmt: FormatOption = OutputFormat.table,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    out: OutOption = None,
    lang: LangOption = Lang.en,
) -> None:
    """Print the price list in force: every edition, package, overage unit and add-on tier.

    Example: imcost prices --as-of 2027-01-01 --pricebook samples/pricebook-2027.yaml

    The source of the price list and the date the version took effect are shown
    under the table (JSON: "pricebook").
    """
    from imcost.render import pricelist

    try:
        book = _pricebook(pricebook, as_of)
        data = pricelist.prices_data(book)
        output = _listing(fmt, lang, data, pricelist.prices_listing(book, lang.value), pricelist.prices_csv_rows(book))
        _deliver(output, out)
    except ImcostError as exc:
        raise _fail(exc) from None


@app.command()
def limits(
    fmt: FormatOption = OutputFormat.table,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    out: OutOption = None,
    lang: LangOption = Lang.en,
) -> None:
    """Print the quota table per edition (users, groups, members, history, free DAU ...).

    Example: imcost limits --format markdown

    JSON gives edition id -> quota id -> limit, null for unlimited.
    """
    from imcost.render import pricelist

    try:
        book = _pricebook(pricebook, as_of)
        data = pricelist.limits_data(book)
        output = _listing(fmt, lang, data, pricelist.limits_listing(book, lang.value), pricelist.limits_csv_rows(book))
        _deliver(output, out)
    except ImcostError as exc:
        raise _fail(exc) from None


@app.command()
def validate(
    plans: Annotated[list[Path], typer.Argument(help="Plan files to check.", show_default=False)],
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Check plan files without estimating: every problem of every file, each with file:line.

    Example: imcost validate quotes/*.yaml

    Prints "FILE: ok" on stdout for each good file; exit 0 when all are good,
    2 when any is not (the problems go to stderr).
    """
    try:
        book = _pricebook(pricebook, as_of)
    except ImcostError as exc:
        raise _fail(exc) from None
    failed = False
    for path in plans:
        try:
            parsed = load_plan(path, book)
        except ImcostError as exc:
            failed = True
            _fail(exc)
            continue
        count = len(parsed.apps)
        print(f"{path}: ok ({count} app{'s' if count != 1 else ''})")
    if failed:
        raise typer.Exit(int(ExitCode.BAD_INPUT))


@app.command()
def schema(
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    out: OutOption = None,
) -> None:
    """Print a JSON Schema of the plan file, for editors to autocomplete and check plans.

    Example: imcost schema --out imcost-plan.schema.json

    Point your editor's YAML language server at it, e.g. a first line
    "# yaml-language-server: $schema=imcost-plan.schema.json" in the plan.
    """
    from imcost.render.jsonout import dumps
    from imcost.schema import plan_schema

    try:
        _deliver(dumps(plan_schema(_pricebook(pricebook, as_of))), out)
    except ImcostError as exc:
        raise _fail(exc) from None


@app.command()
def init(
    file: Annotated[
        Path | None, typer.Argument(help="File to write; omitted: print the template.", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write a commented plan template that estimates as-is, to edit into a real plan.

    Example: imcost init plan.yaml && imcost estimate plan.yaml
    """
    from imcost.template import TEMPLATE

    if file is None:
        sys.stdout.write(TEMPLATE)
        return
    if file.exists() and not force:
        problem = InputProblem(str(file), None, (), "already exists; not overwritten", "use --force to replace it")
        raise _fail(InputError([problem]))
    try:
        _deliver(TEMPLATE, file)
    except ImcostError as exc:
        raise _fail(exc) from None
    print(f"imcost: wrote {file}; estimate it with: imcost estimate {file}", file=sys.stderr)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="Old plan file or saved --format json output.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="New plan file or saved --format json output.", show_default=False)],
    fmt: FormatOption = OutputFormat.table,
    month: Annotated[
        str | None, typer.Option("--month", help="Month to estimate plan files for (YYYY-MM); overrides the files.")
    ] = None,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    out: OutOption = None,
    lang: LangOption = Lang.en,
) -> None:
    """Compare two estimates per app and fee: old amount, new amount, change, and the total change.

    Example: imcost diff quotes/acme-2026.yaml quotes/acme-2027.yaml

    Lines start with + (only in the new), - (only in the old), ~ (changed) or a
    blank (unchanged). Either side may be a plan file or a saved JSON estimate.
    """
    from imcost import diff as diffing
    from imcost.render import diffout, listing
    from imcost.render.jsonout import dumps

    try:
        book = _pricebook(pricebook, as_of)
        when = _month(month)
        result = diffing.compare(diffing.load_side(old, book, when), diffing.load_side(new, book, when))
        if fmt is OutputFormat.json:
            output = dumps(diffout.data(result))
        elif fmt is OutputFormat.csv:
            machine = diffout.csv_listing(result)
            output = listing.to_csv(machine, [c.label for c in machine.columns])
        elif fmt is OutputFormat.markdown:
            output = listing.to_markdown(diffout.listing(result, lang.value), lang.value)
        else:
            output = diffout.render_text(result, lang.value)
        _deliver(output, out)
    except ImcostError as exc:
        raise _fail(exc) from None


def main() -> None:
    """Console-script entry point."""
    app()
