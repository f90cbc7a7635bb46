"""The ``imcost`` command: parse arguments, call the core, render, map errors to exit codes."""

from __future__ import annotations

import decimal
import enum
import errno
import gc
import io
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from imcost import __version__, completion, language, options, outformat, usage
from imcost import config as user_config
from imcost import quote as quoting
from imcost.daily import load_daily
from imcost.engine import Estimate, version_for
from imcost.errors import ExitCode, ImcostError, InputError, InputProblem
from imcost.fields import ungrouped
from imcost.infile import UnreadableFile, display_name, forget_inputs, inputs_read
from imcost.language import Lang
from imcost.money import CONTEXT
from imcost.month import Month, parse_day
from imcost.numtext import ForeignDigits, form_problem, whole_flag
from imcost.outfile import check_not_input, write_atomic
from imcost.period import estimate_daily, estimate_month, period_notes
from imcost.plan import Plan, book_notes, load_plan, with_quote
from imcost.pricebook import PriceBook, Versions, load_book
from imcost.streams import note, say, set_quiet, stdout_encoding, write_out
from imcost.textsafe import quoted, visible

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


_Format = TypeVar("_Format", OutputFormat, EstimateFormat)


def _format(given: _Format | None, out: Path | None, kind: type[_Format]) -> _Format:
    """``--format`` as given, else the one ``--out``'s extension names, else table (imcost.outformat)."""
    try:
        return kind(outformat.resolve(None if given is None else given.value, out, [f.value for f in kind]))
    except ImcostError as exc:
        raise _fail(exc) from None


# Options shared by every command that prices or prints: attach them with these aliases.
PriceBookOption = Annotated[
    str | None,
    typer.Option(
        "--pricebook",
        metavar="ID|FILE",
        help="Price book: a shipped id (imcost pricebooks) or a file; for apps whose plan names none.",
        show_default=False,
        autocompletion=completion.pricebook_ids,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Date whose price book version prices every month; default: each month's own.",
        show_default=False,
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", metavar="FILE", help="Write the output to this file instead of stdout.", show_default=False
    ),
]
FailOverOption = Annotated[
    str | None,
    typer.Option(
        "--fail-over",
        metavar="AMOUNT",
        help="Exit 3 (after printing) when the total is over AMOUNT yuan.",
        show_default=False,
    ),
]


QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        callback=set_quiet,
        help="No notes on stderr; errors, why an app can't be bought and --fail-over still print.",
    ),
]
BomOption = Annotated[
    bool,
    typer.Option("--bom", help="Start CSV with a UTF-8 byte-order mark, so Excel and WPS read Chinese right."),
]


def _bom(output: str | Iterator[str] | RenderableType, fmt: str, bom: bool) -> str | Iterator[str] | RenderableType:
    """``--bom``: the CSV text after a byte-order mark; refused for any other format, where it would be a stray byte."""
    if not bom:
        return output
    if fmt != "csv" or not isinstance(output, str | Iterator):
        message = "a byte-order mark is for --format csv (Excel and WPS); other formats are written without one"
        raise InputError([InputProblem("--bom", None, (), message)])
    if isinstance(output, Iterator):
        return itertools.chain(["\ufeff"], output)
    return "\ufeff" + output


def _parse_lang(text: str | Lang) -> Lang:
    try:
        return language.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        envvar="IMCOST_LANG",
        parser=_parse_lang,
        metavar="LANG",
        help="en or zh (zh_CN, zh-CN.UTF-8 too); default: the locale's for people's formats, else en.",
        show_default=False,
    ),
]


app = typer.Typer(
    name="imcost",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    # Usage mistakes (a misspelt flag, a bad --format) as one line each: imcost.usage.
    cls=usage.Group,
)


def _version(value: bool) -> None:
    if value:
        print(f"imcost {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Exact monthly costs of Tencent Cloud IM (即时通信 IM) and Easemob IM.

    Example: imcost estimate samples/flagship.yaml --format json

    imcost COMMAND -h shows a command's options and an example.
    """
    decimal.setcontext(CONTEXT.copy())
    forget_inputs(ctx.invoked_subcommand)
    user_config.forget()
    # Notes print unless the command's own -q says otherwise (its option is read after this).
    set_quiet(False)


def _command(summary: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A command of the app, with its one-line summary for ``imcost --help`` and imcost's style of help."""
    return app.command(cls=usage.Command, short_help=summary)


def _fail(error: ImcostError) -> typer.Exit:
    for line in str(error).splitlines():
        say(f"imcost: error: {visible(line)}")
    return typer.Exit(int(error.exit_code))


def _month(text: str | None) -> Month | None:
    if text is None:
        return None
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise InputError([InputProblem("--month", None, (), str(exc))]) from None


def _books(ref: str | None, as_of: str | None) -> Versions:
    """The price book of ``--pricebook`` (an id or a file), else the config file's, else tencent-im;
    pinned to ``--as-of`` if given."""
    day = None
    if as_of is not None:
        try:
            day = parse_day(as_of)
        except ValueError as exc:
            raise InputError([InputProblem("--as-of", None, (), str(exc))]) from None
    return load_book(ref if ref is not None else user_config.current().pricebook, day)


def _lang(chosen: Lang | None, fmt: str) -> Lang:
    """``--lang`` or IMCOST_LANG, else for people's formats the config file's ``lang``, else the locale's, else en."""
    try:
        configured = user_config.current().lang
    except ImcostError as exc:
        raise _fail(exc) from None
    return language.for_format(chosen, fmt, None if configured is None else Lang(configured))


def _pricebook(ref: str | None, as_of: str | None) -> PriceBook:
    """One version to print (prices, limits): the one in force on ``--as-of``, default today."""
    books = _books(ref, as_of)
    return books.on(date.today())


def _missing(flag: str, error: UnreadableFile) -> ImcostError:
    """A file named by ``flag`` that can't be read: a missing one is said against the flag."""
    if error.errno == errno.ENOENT:
        return InputError([InputProblem(flag, None, (), f"no such file {error.display!r}")])
    return error


class _Buffer(io.StringIO):
    """Text in memory that says which encoding it is for, so Rich draws ASCII boxes where UTF-8 is missing."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._for = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._for


def _plain_pieces(output: RenderableType, encoding: str = "utf-8") -> Iterator[str]:
    """A Rich renderable as plain text: ``COLUMNS`` wide (100 unset), no colour, no trailing blanks, no markup
    read from the text.

    The text comes in pieces: a Group is printed part by part, and an estimate's tables
    (render.table.Tables) are also made one at a time where they can be (render.plaintable.in_turn).

    Printed whole, Rich holds every segment of every table at once (about 2 GB for
    85,000 apps); part by part, only one table's. Each part ends its last line, so
    the pieces joined are the text of the whole.
    """
    from rich.console import Console

    from imcost.render.common import CHUNK
    from imcost.render.fit import output_width
    from imcost.render.plaintable import in_turn, plain_text

    buffer = _Buffer(encoding)
    console = Console(file=buffer, width=output_width(), color_system=None, markup=False, emoji=False)
    parts, layout = in_turn(output, console.width, encoding)
    gathered: list[str] = []
    size = 0
    handed = False
    for part in parts:
        # An app's table as plain text without Rich's layout (the same text), else printed by Rich.
        piece = plain_text(part, console.width, encoding, layout)
        if piece is None:
            console.print(part, crop=False)  # never cut: a line that can't wrap (a diff's file names) stays whole
            text = buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            if not text:
                continue
            piece = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
        gathered.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(gathered)
            gathered.clear()
            size = 0
            handed = True
    if gathered or not handed:
        # Printed whole, nothing at all is one empty line.
        yield "".join(gathered) or "\n"


def _deliver(
    output: str | Iterator[str] | RenderableType, out: Path | None, fmt: str = "table", bom: bool = False
) -> None:
    """Write text (whole or in pieces) or a Rich renderable to stdout or to ``--out``.

    ``--out`` is written by imcost.outfile: atomically, and never over an input.

    A table goes to a terminal in colour; anywhere else (a file, a pipe) as the
    same plain text, so ``> file`` and ``--out file`` agree. Either is laid out
    at ``COLUMNS`` when set, else at the terminal's width, else at 100 columns. ``fmt``
    says how characters a non-UTF-8 stdout lacks are written (imcost.streams).
    Pieces (a large estimate's) are written to stdout as they are made. ``bom``
    (``--bom``) starts CSV with a byte-order mark and is refused for any other format.
    """
    output = _bom(output, fmt, bom)
    kind = fmt if fmt in ("json", "html") else "text"
    if out is None:
        if isinstance(output, str):
            write_out(output, kind)
            return
        if isinstance(output, Iterator):
            for piece in output:
                write_out(piece, kind)
            return
        from rich.console import Console

        from imcost.render.fit import output_width, terminal_width

        # Never markup or :emoji: codes: a table's strings carry the user's text ("[/x]" is a name, not a tag).
        console = Console(markup=False, emoji=False, width=output_width(terminal_width(sys.stdout)))
        if console.is_terminal:
            with console.capture() as captured:
                console.print(output, crop=False)
            write_out(captured.get(), kind)
        else:
            for piece in _plain_pieces(output, stdout_encoding()):
                write_out(piece, kind)
        return
    check_not_input(out, inputs_read())
    data: bytes | Iterator[bytes]
    if isinstance(output, str):
        data = output.encode("utf-8")
    else:
        # Pieces are written to the temporary file as they are made, never all held.
        pieces = output if isinstance(output, Iterator) else _plain_pieces(output)
        data = (piece.encode("utf-8") for piece in pieces)
    try:
        write_atomic(out, data)
    except OSError as exc:
        problem = InputProblem(str(out), None, (), f"cannot write the output ({exc.strerror or exc})")
        raise InputError([problem]) from None


def _render(estimate: Estimate, fmt: EstimateFormat | OutputFormat, lang: Lang) -> Iterator[str] | RenderableType:
    """The estimate in ``fmt``: a table as Rich renderables, any other format as text in pieces, made as written."""
    from imcost.render import csvout, jsonout, markdown

    if fmt.value == "table":
        from imcost.render import table

        return table.Tables(estimate, lang.value)
    if fmt.value == "html":
        from imcost.render import htmlpage

        return htmlpage.render_chunks(estimate, lang.value)
    if fmt.value == "json":
        return jsonout.render_chunks(estimate)
    if fmt.value == "csv":
        return csvout.render_chunks(estimate, lang.value)
    return markdown.render_chunks(estimate, lang.value)


_AMOUNT = re.compile(r"[0-9]+(\.[0-9]{1,2})?")


def _budget(text: str | None) -> Decimal | None:
    """``--fail-over``: an amount in 元 (``10000``, ``10,000.50``)."""
    if text is None:
        return None
    written = text.strip().removeprefix("¥")
    plain = ungrouped(written) or written
    form = form_problem(plain)
    if form is not None:
        raise InputError([InputProblem("--fail-over", None, (), *form)])
    # Digits, an optional point and at most two decimals (fen): 10,00 or 1_000 are mistakes, not amounts.
    if not _AMOUNT.fullmatch(plain):
        message = f"expected an amount in yuan like 10000 or 10,000.00, got {quoted(text)}"
        raise InputError([InputProblem("--fail-over", None, (), message)])
    return Decimal(plain)


def _gate(total: Decimal | None, budget: Decimal | None, what: str = "the total") -> None:
    """``--fail-over``: exit 3 when ``total`` is over ``budget``; no total (compare: no edition fits) fails too."""
    if budget is None:
        return
    from imcost.money import money_human

    if total is None:
        say(f"imcost: no edition fits, so none is within {money_human(budget)} (--fail-over)")
    elif total > budget:
        say(f"imcost: {what} {money_human(total)} is over {money_human(budget)} (--fail-over)")
    else:
        return
    raise typer.Exit(int(ExitCode.OVER_BUDGET))


# The pricing commands: the common formats plus a quote page (imcost.render.htmlpage,
# imcost.render.offerpage, imcost.render.calendarpage).
QuoteFormatOption = Annotated[
    EstimateFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table, json, csv, markdown or html (a quote page); default: --out's extension, "
        "else table.",
        case_sensitive=False,
        show_default=False,
    ),
]


@_command("Estimate one month's cost of a plan file, fee by fee.")
def estimate(
    plan: Annotated[Path, typer.Argument(help="Plan-and-usage YAML file.", metavar="PLAN", show_default=False)],
    fmt: QuoteFormatOption = None,
    month: Annotated[
        str | None,
        typer.Option("--month", metavar="YYYY-MM", help="Natural month to estimate; overrides the file."),
    ] = None,
    daily: Annotated[
        Path | None,
        typer.Option("--daily", metavar="FILE", help="CSV of daily figures for a single-app plan.", show_default=False),
    ] = None,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    fail_over: FailOverOption = None,
    out: OutOption = None,
    lang: LangOption = None,
    bom: BomOption = False,
    customer: options.Customer = None,
    seller: options.Seller = None,
    quote_number: options.QuoteNumber = None,
    quote_date: options.QuoteDate = None,
    quiet: QuietOption = False,
) -> None:
    """Estimate one month's cost of the apps in a plan file, fee by fee.

    Example: imcost estimate samples/flagship.yaml --format json | jq .total

    With daily figures (`usage: {daily: usage.csv}` or --daily usage.csv) every
    month the file covers is estimated, or only --month.

    Exit codes: 0 estimated, 1 the plan can't be bought as written (the output
    says why), 2 bad input, 3 the total is over --fail-over.
    """
    fmt = _format(fmt, out, EstimateFormat)
    lang = _lang(lang, fmt.value)
    try:
        budget = _budget(fail_over)
        book = _books(pricebook, as_of)
        flags = quoting.parse_flags(customer, seller, quote_number, quote_date)
        parsed = _with_daily(load_plan(plan, book, _month(month)), daily)
        parsed = with_quote(parsed, user_config.current(), flags, date.today())
        _notes(book_notes(parsed, pricebook))
        if any(a.daily is not None for a in parsed.apps) and month is None:
            priced = estimate_daily(parsed, book)
            results = [p.estimate for p in priced]
            _deliver(_render_months(results, fmt, lang), out, fmt.value, bom)
            _notes(period_notes(priced))
        else:
            priced_one = estimate_month(parsed, parsed.month, book)
            results = [priced_one.estimate]
            _deliver(_render(results[0], fmt, lang), out, fmt.value, bom)
            _notes(priced_one.notes)
    except ImcostError as exc:
        raise _fail(exc) from None
    if not all(r.feasible for r in results):
        raise _infeasible(_reasons(results), _on_screen(fmt.value, out))
    _gate(sum((r.total for r in results), Decimal(0)), budget)


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


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table, json, csv or markdown; default: --out's extension, else table.",
        case_sensitive=False,
        show_default=False,
    ),
]


@_command("Print the price list in force.")
def prices(
    fmt: FormatOption = None,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    out: OutOption = None,
    lang: LangOption = None,
    bom: BomOption = False,
    quiet: QuietOption = False,
) -> None:
    """Print the price list in force: every edition, package, overage unit and add-on tier.

    Example: imcost prices --as-of 2027-01-01 --pricebook samples/pricebook-2027.yaml

    The source of the price list and the date the version took effect are shown
    under the table (JSON: "pricebook").
    """
    fmt = _format(fmt, out, OutputFormat)
    lang = _lang(lang, fmt.value)
    from imcost.render import pricelist

    try:
        book = _pricebook(pricebook, as_of)
        data = pricelist.prices_data(book)
        output = _listing(fmt, lang, data, pricelist.prices_listing(book, lang.value), pricelist.prices_csv_rows(book))
        _deliver(output, out, fmt.value, bom)
    except ImcostError as exc:
        raise _fail(exc) from None


@_command("List the shipped price books, their versions and sources.")
def pricebooks(
    fmt: FormatOption = None,
    out: OutOption = None,
    lang: LangOption = None,
    bom: BomOption = False,
    quiet: QuietOption = False,
) -> None:
    """List the price books shipped with imcost: id, vendor, region, versions (effective dates) and sources.

    Example: imcost pricebooks --format json

    Give an id to --pricebook, or name it in a plan, at the top or per app:

    \b
    pricebook: tencent-im-overseas
    """
    fmt = _format(fmt, out, OutputFormat)
    lang = _lang(lang, fmt.value)
    from imcost.pricebook import shipped_books
    from imcost.render import pricelist

    try:
        books = shipped_books()
        data = pricelist.books_data(books)
        output = _listing(fmt, lang, data, pricelist.books_listing(books, lang.value), pricelist.books_csv_rows(books))
        _deliver(output, out, fmt.value, bom)
    except ImcostError as exc:
        raise _fail(exc) from None


@_command("Print the quotas each edition includes.")
def limits(
    fmt: FormatOption = None,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    out: OutOption = None,
    lang: LangOption = None,
    bom: BomOption = False,
    quiet: QuietOption = False,
) -> None:
    """Print the quota table per edition: users, groups, members, history, free DAU and more.

    Example: imcost limits --format markdown

    JSON gives edition id -> quota id -> limit, null for unlimited.
    """
    fmt = _format(fmt, out, OutputFormat)
    lang = _lang(lang, fmt.value)
    from imcost.render import pricelist

    try:
        book = _pricebook(pricebook, as_of)
        data = pricelist.limits_data(book)
        output = _listing(fmt, lang, data, pricelist.limits_listing(book, lang.value), pricelist.limits_csv_rows(book))
        _deliver(output, out, fmt.value, bom)
    except ImcostError as exc:
        raise _fail(exc) from None


@_command("Check plan files without estimating them.")
def validate(
    plans: Annotated[list[Path], typer.Argument(help="Plan files to check.", metavar="PLAN", show_default=False)],
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    quiet: QuietOption = False,
) -> None:
    """Check plan files without estimating: every problem of every file, each with file:line.

    Example: imcost validate quotes/*.yaml

    Prints "FILE: ok" on stdout for each good file; exit 0 when all are good,
    2 when any is not (the problems go to stderr).
    """
    try:
        book = _books(pricebook, as_of)
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
        write_out(f"{visible(display_name(path))}: ok ({count} app{'s' if count != 1 else ''})\n")
    if failed:
        raise typer.Exit(int(ExitCode.BAD_INPUT))


@_command("Print a JSON Schema of the plan file, for editors.")
def schema(
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    out: OutOption = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            metavar="COMMAND",
            help="Instead, the schema of COMMAND's JSON output: estimate, compare, recommend, forecast, "
            "schedule, diff, prices, limits, pricebooks or config.",
            show_default=False,
            autocompletion=completion.output_names,
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Print a JSON Schema of the plan file, for editors to autocomplete and check plans.

    Example: imcost schema --out imcost-plan.schema.json

    Give the plan this first line for your editor's YAML language server:

    \b
    # yaml-language-server: $schema=imcost-plan.schema.json

    With --output COMMAND, the schema of that command's --format json output instead.
    """
    from imcost.outschema import output_schema
    from imcost.render.jsonout import dumps
    from imcost.schema import plan_schema

    try:
        found = plan_schema(_books(pricebook, as_of).latest) if output is None else output_schema(output)
        _deliver(dumps(found), out, "json")
    except ImcostError as exc:
        raise _fail(exc) from None


@_command("Show the config file in use and the defaults it sets.")
def config(fmt: FormatOption = None, out: OutOption = None, quiet: QuietOption = False) -> None:
    """Show the config file in use (or where it was looked for) and each default with where it came from.

    Example: imcost config --format json

    The file is $IMCOST_CONFIG, else $XDG_CONFIG_HOME/imcost/config.yaml,
    else ~/.config/imcost/config.yaml. It may set seller, contact, tax,
    valid_days, lang and pricebook; a plan overrides it, flags override both.
    """
    fmt = _format(fmt, out, OutputFormat)
    from imcost.render import configout

    try:
        path, places = user_config.find()
        found = user_config.NO_CONFIG if path is None else user_config.load(path)
        human, machine = configout.listing(path, places, found), configout.csv_listing(found)
        _deliver(_listing(fmt, Lang.en, configout.data(path, places, found), human, machine), out, fmt.value)
    except ImcostError as exc:
        raise _fail(exc) from None


@_command("Write a commented plan template to start from.")
def init(
    file: Annotated[
        Path | None,
        typer.Argument(help="File to write; omitted: print the template.", metavar="FILE", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Write a commented plan template that estimates as-is, to edit into a real plan.

    Example: imcost init plan.yaml && imcost estimate plan.yaml
    """
    from imcost.template import template

    text = template(date.today())
    if file is None:
        write_out(text)
        return
    # lexists: never raises (a name too long is said when writing), and a dangling link exists too.
    if os.path.lexists(file) and not force:
        problem = InputProblem(str(file), None, (), "already exists; not overwritten", "use --force to replace it")
        raise _fail(InputError([problem]))
    try:
        _deliver(text, file)
    except ImcostError as exc:
        raise _fail(exc) from None
    note(visible(f"imcost: wrote {file}; estimate it with: imcost estimate {file}"))


@_command("Compare two estimates per app and fee, with the change.")
def diff(
    old: Annotated[
        Path, typer.Argument(help="Old plan file or saved --format json output.", metavar="OLD", show_default=False)
    ],
    new: Annotated[
        Path, typer.Argument(help="New plan file or saved --format json output.", metavar="NEW", show_default=False)
    ],
    fmt: FormatOption = None,
    month: Annotated[
        str | None,
        typer.Option("--month", metavar="YYYY-MM", help="Month to estimate plan files for; overrides the files."),
    ] = None,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    out: OutOption = None,
    lang: LangOption = None,
    bom: BomOption = False,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 4 when anything differs (an amount, an item, an edition), else 0."),
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Compare two estimates per app and fee: old amount, new amount, change, and the total change.

    Example: imcost diff quotes/acme-2026.yaml quotes/acme-2027.yaml --exit-code

    Lines start with + (only in the new), - (only in the old), ~ (changed) or a
    blank (unchanged). Either side may be a plan file or a saved JSON estimate.
    With --exit-code: exit 4 when anything differs, 0 when nothing does (after
    printing, as git diff --exit-code does with 1).
    """
    fmt = _format(fmt, out, OutputFormat)
    lang = _lang(lang, fmt.value)
    from imcost import diff as diffing
    from imcost.render import diffout, listing
    from imcost.render.jsonout import dumps

    try:
        books = _books(pricebook, as_of)
        book = books.latest
        when = _month(month)
        result = diffing.compare(diffing.load_side(old, books, when), diffing.load_side(new, books, when))
        output: str | RenderableType
        if fmt is OutputFormat.json:
            output = dumps(diffout.data(result))
        elif fmt is OutputFormat.csv:
            machine = diffout.csv_listing(result)
            output = listing.to_csv(machine, [c.label for c in machine.columns])
        elif fmt is OutputFormat.markdown:
            output = listing.to_markdown(diffout.listing(result, lang.value, book), lang.value)
        else:
            output = diffout.render_text(result, lang.value, book)
        _deliver(output, out, fmt.value, bom)
    except ImcostError as exc:
        raise _fail(exc) from None
    if exit_code and result.differs:
        raise typer.Exit(int(ExitCode.DIFFERENT))


def _notes(notes: tuple[str, ...]) -> None:
    """Each note as ``imcost: note: ...`` on stderr; none under -q/--quiet (imcost.streams.note)."""
    for text in notes:
        note(f"imcost: note: {visible(text)}")


def _on_screen(fmt: str, out: Path | None) -> bool:
    """Whether the output went to a terminal in a format for people, which shows why a plan can't be bought."""
    from rich.console import Console

    return out is None and fmt in ("table", "markdown", "html") and Console(markup=False, emoji=False).is_terminal


def _infeasible(reasons: Iterable[tuple[str, Month, str]], shown: bool = False) -> typer.Exit:
    """Exit 1, saying on stderr why each app can't be bought, once per app (csv and json carry no reasons).

    ``reasons`` are (app, month, why) in month order. ``shown``: the output on screen
    says it already (``_on_screen``), so it is not said twice.
    """
    if shown:
        return typer.Exit(int(ExitCode.INFEASIBLE))
    first: dict[str, tuple[Month, str]] = {}
    months: dict[str, set[Month]] = {}
    for name, month, why in reasons:
        first.setdefault(name, (month, why))
        months.setdefault(name, set()).add(month)
    for name, (month, why) in first.items():
        more = len(months[name]) - 1
        also = f" (and {more} later month{'s' if more > 1 else ''})" if more else ""
        say(visible(f"imcost: app {quoted(name)} can't be bought as written in {month}{also}: {why}"))
    return typer.Exit(int(ExitCode.INFEASIBLE))


def _reasons(estimates: Iterable[Estimate]) -> Iterator[tuple[str, Month, str]]:
    for estimate in estimates:
        for app in estimate.apps:
            if not app.feasible:
                yield app.app.name, estimate.month, "; ".join(p.message for p in app.problems)


def _with_daily(plan: Plan, daily: Path | None) -> Plan:
    """The plan with its single app's usage taken from ``--daily``."""
    if daily is None:
        return plan
    if len(plan.apps) != 1:
        message = f"the plan has {len(plan.apps)} apps; --daily is for a single-app plan"
        raise InputError([InputProblem("--daily", None, (), message, "give each app `usage: {daily: file.csv}`")])
    try:
        figures = load_daily(daily)
    except UnreadableFile as exc:
        raise _missing("--daily", exc) from None
    return replace(plan, apps=(replace(plan.apps[0], daily=figures),))


def _render_months(estimates: list[Estimate], fmt: EstimateFormat, lang: Lang) -> str | Iterator[str] | RenderableType:
    """Several months of a daily plan: one estimate per month and the period's total.

    A file of one month is that month's estimate in every format, as ``--month`` gives it.
    """
    from imcost.render import months

    if len(estimates) == 1:
        return _render(estimates[0], fmt, lang)

    if fmt is EstimateFormat.table:
        return months.render_table(estimates, lang.value)
    if fmt is EstimateFormat.json:
        from imcost.render.jsonout import dumps

        return dumps(months.data(estimates))
    if fmt is EstimateFormat.csv:
        return months.render_csv(estimates, lang.value)
    if fmt is EstimateFormat.markdown:
        return months.render_markdown(estimates, lang.value)
    message = "a quote page covers one month; this plan's daily figures cover several"
    raise InputError([InputProblem("--format", None, (), message, "add --month YYYY-MM")])


def _start(text: str | None) -> Month | None:
    if text is None:
        return None
    try:
        return Month.parse(text)
    except ForeignDigits as exc:
        raise InputError([InputProblem("--start", None, (), exc.message, exc.suggestion)]) from None
    except ValueError as exc:
        raise InputError([InputProblem("--start", None, (), str(exc), "e.g. --start 2027-01")]) from None


def _whole(flag: str, text: str | None, command: str) -> int | None:
    return None if text is None else whole_flag(flag, text, command)


@_command("Forecast the cost month by month, with usage growing.")
def forecast(
    plan: Annotated[Path, typer.Argument(help="Plan-and-usage YAML file.", metavar="PLAN", show_default=False)],
    months: Annotated[
        str | None,
        typer.Option(
            "--months",
            metavar="N",
            help="How many natural months to forecast (1-120); default 12, or a daily file's months.",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", metavar="YYYY-MM", help="First month; default: the plan's month.", show_default=False),
    ] = None,
    growth: Annotated[
        list[str] | None,
        typer.Option(
            "--growth",
            metavar="METRIC=RATE%",
            help="Compound monthly growth of dau or groups, e.g. dau=8%; repeat it or separate with commas.",
            show_default=False,
        ),
    ] = None,
    fmt: QuoteFormatOption = None,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    fail_over: FailOverOption = None,
    out: OutOption = None,
    lang: LangOption = None,
    bom: BomOption = False,
    customer: options.Customer = None,
    seller: options.Seller = None,
    quote_number: options.QuoteNumber = None,
    quote_date: options.QuoteDate = None,
    quiet: QuietOption = False,
) -> None:
    """Forecast the plan's cost month by month, with usage growing at a compound monthly rate.

    Example: imcost forecast plan.yaml --months 12 --start 2027-01 --growth dau=8% --growth groups=5%

    Grown counts are rounded up to whole users or groups; dated `changes:` in
    the plan switch edition or needs from their month; `discounts:` apply
    every month. Exit codes as for estimate; --fail-over gates the period's total.
    """
    fmt = _format(fmt, out, EstimateFormat)
    lang = _lang(lang, fmt.value)
    from imcost import forecast as core
    from imcost.render import pages

    try:
        budget = _budget(fail_over)
        book = _books(pricebook, as_of)
        first = _start(start)
        rates = core.parse_growth(growth or [])
        flags = quoting.parse_flags(customer, seller, quote_number, quote_date)
        parsed = with_quote(load_plan(plan, book, first), user_config.current(), flags, date.today())
        _notes(book_notes(parsed, pricebook))
        begin, count = core.period(parsed, first, _whole("--months", months, "forecast"))
        # Made month by month as it is written: the totals are whole once the output is.
        result = core.ForecastRun(parsed, book, begin, count, rates)
        _deliver(pages.forecast(result, fmt.value, lang.value), out, fmt.value, bom)
        _notes(result.notes)
    except ImcostError as exc:
        raise _fail(exc) from None
    if not result.feasible:
        raise _infeasible(result.reasons(), _on_screen(fmt.value, out))
    _gate(result.total, budget, "the period's total")


@_command("List every charge with the day it is taken.")
def schedule(
    plan: Annotated[Path, typer.Argument(help="Plan-and-usage YAML file.", metavar="PLAN", show_default=False)],
    months: Annotated[
        str | None,
        typer.Option(
            "--months",
            metavar="N",
            help="How many natural months to cover (1-120); default 12, or through a daily file's last month.",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start", metavar="YYYY-MM", help="First month; default: the purchase month.", show_default=False
        ),
    ] = None,
    fmt: QuoteFormatOption = None,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    fail_over: FailOverOption = None,
    out: OutOption = None,
    lang: LangOption = None,
    bom: BomOption = False,
    customer: options.Customer = None,
    seller: options.Seller = None,
    quote_number: options.QuoteNumber = None,
    quote_date: options.QuoteDate = None,
    quiet: QuietOption = False,
) -> None:
    """List every charge with the day it is taken: prepaid cycles on day T, postpaid on the 3rd.

    Example: imcost schedule plan.yaml --months 3 --format csv > charges.csv

    The plan names `purchased_on: YYYY-MM-DD` per app or at the top. Postpaid
    charges for the last month's usage, deducted after it, are included.
    Amounts are net of the plan's `discounts:`. Exit codes as for estimate;
    --fail-over gates the total of all charges.
    """
    fmt = _format(fmt, out, EstimateFormat)
    lang = _lang(lang, fmt.value)
    from imcost import schedule as core
    from imcost.render import pages

    try:
        budget = _budget(fail_over)
        book = _books(pricebook, as_of)
        first = _start(start)
        flags = quoting.parse_flags(customer, seller, quote_number, quote_date)
        parsed = with_quote(load_plan(plan, book, first), user_config.current(), flags, date.today())
        _notes(book_notes(parsed, pricebook))
        # Made month by month as it is written: the total and problems are whole once the output is.
        result = core.ScheduleRun(parsed, book, first, _whole("--months", months, "schedule"))
        _deliver(pages.schedule(result, fmt.value, lang.value), out, fmt.value, bom)
        _notes(result.notes)
    except ImcostError as exc:
        raise _fail(exc) from None
    if not result.feasible:
        said: dict[tuple[str, Month], list[str]] = {}
        for name, month, problem in result.problems:
            said.setdefault((name, month), []).append(problem.message)
        raise _infeasible(
            ((name, month, "; ".join(why)) for (name, month), why in said.items()), _on_screen(fmt.value, out)
        )
    _gate(result.total, budget, "the total of the charges")


def main() -> None:
    """The app as a process, with streams and signals guarded (imcost.streams); the script uses imcost.__main__."""
    from imcost.streams import run_process

    run_process(run_app)


def run_app() -> None:
    """The app as the one command of a process, without the cyclic garbage collector.

    One short command, then exit: the collector would only rescan the plan's
    hundreds of thousands of objects again and again (a 10 MB plan's estimate took
    twice as long with it, at the same peak memory), and what imcost makes is freed
    by reference counting. What the imports made is frozen out of collections too.
    Parameters are converted without pydantic where Typer allows, and only the
    command being run is built (imcost.typerfast).
    """
    from imcost import typerfast

    gc.freeze()
    gc.disable()
    typerfast.install()
    typerfast.run(app, sys.argv[1:])


@_command("Price the same usage on several editions, side by side.")
def compare(
    editions: Annotated[
        list[str] | None,
        typer.Argument(
            help="Editions to compare, by any of their names (default: all).",
            metavar="EDITION",
            show_default=False,
            autocompletion=completion.edition_names,
        ),
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
    fmt: QuoteFormatOption = None,
    pricebook: PriceBookOption = None,
    as_of: AsOfOption = None,
    fail_over: FailOverOption = None,
    out: OutOption = None,
    lang: LangOption = None,
    bom: BomOption = False,
    customer: options.Customer = None,
    seller: options.Seller = None,
    quote_number: options.QuoteNumber = None,
    quote_date: options.QuoteDate = None,
    quiet: QuietOption = False,
) -> None:
    """Price the same usage and needs on several editions, side by side; the cheapest that fits is marked.

    Example: imcost compare pro flagship --dau 25000 --groups-per-user 800

    One numeric flag may be a range START:STOP:STEP (stop included), e.g.
    imcost compare --dau 0:200000:10000: one row per value and the exact
    break-even points where the cheapest edition changes.

    With --plan, the app's `discounts:` apply to every edition compared: the
    amounts are net, and people's formats show list price and discount too.

    Exit codes: 0 compared (even if no edition fits), 2 bad input, 3 the
    cheapest edition that fits is over --fail-over (or none fits).
    """
    fmt = _format(fmt, out, EstimateFormat)
    lang = _lang(lang, fmt.value)
    from imcost import compare as core
    from imcost import scenario
    from imcost.render import pages

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
        budget = _budget(fail_over)
        books = _books(pricebook, as_of)
        flags = quoting.parse_flags(customer, seller, quote_number, quote_date)
        wanted = scenario.build(books, numbers, security, plan, app_name, _month(month))
        details = quoting.resolve(user_config.current(), wanted.quote, flags, date.today())
        client = quoting.resolve_customer(wanted.customer, flags)
        if budget is not None and wanted.ranged is not None:
            message = "a range has a cheapest total per value; --fail-over gates one total"
            raise InputError([InputProblem("--fail-over", None, (), message, "give the flag a single value")])
        base = wanted.apps[0]
        book = version_for(base, wanted.month.first_day, books)
        day = wanted.month.first_day
        choices = core.resolve_choices(editions or [], book, lambda ref: _books(ref, as_of).on(day))
        if wanted.ranged is not None:
            if fmt is EstimateFormat.html:
                message = "a range gives a curve of totals; a quote page offers one set of values"
                raise InputError([InputProblem("--format", None, (), message, "give the flag a single value")])
            # A range only: the sweep and its writers (ten more classes to create) stay unloaded otherwise.
            from imcost.render import curve
            from imcost.sweep import sweep_choices

            variable, values = wanted.ranged
            result = sweep_choices(variable, values, base, choices, wanted.month)
            _deliver(curve.render(result, fmt.value, lang.value, client, details), out, fmt.value, bom)
            _notes(wanted.notes)
            return
        compared = core.compare_choices(base, choices, wanted.month)
        output = pages.comparison(compared, fmt.value, lang.value, wanted.given[0], details, client)
        _deliver(output, out, fmt.value, bom)
        _notes(wanted.notes)
    except ImcostError as exc:
        raise _fail(exc) from None
    best = compared.cheapest
    _gate(None if best is None else best.total, budget, "the cheapest edition that fits")


@_command("Find the cheapest edition that meets each app's needs.")
def recommend(
    plan: Annotated[
        Path | None,
        typer.Argument(help="Plan file (optional: flags alone describe one app).", metavar="PLAN", show_default=False),
    ] = None,
    plan_option: Annotated[
        Path | None,
        typer.Option("--plan", metavar="PLAN", help="The plan file, as compare takes it (or give it as PLAN)."),
    ] = None,
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
    fmt: QuoteFormatOption = None,
    pricebook: PriceBookOption = None,
    pricebooks: Annotated[
        str | None,
        typer.Option(
            "--pricebooks",
            metavar="ID,ID",
            help="More price books (other vendors) whose editions compete, e.g. tencent-im,easemob-im.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    fail_over: FailOverOption = None,
    out: OutOption = None,
    lang: LangOption = None,
    bom: BomOption = False,
    customer: options.Customer = None,
    seller: options.Seller = None,
    quote_number: options.QuoteNumber = None,
    quote_date: options.QuoteDate = None,
    quiet: QuietOption = False,
) -> None:
    """For each app, the cheapest edition (and add-ons) that meets its needs, and the saving.

    Example: imcost recommend samples/groups-per-user.yaml --av-chatrooms 100

    Flags override the plan file's usage and needs for every app. An app's
    `discounts:` apply to every edition: totals and savings are net of them.

    Exit codes: 0 recommended, 1 no edition can meet an app's needs (stderr
    says which), 2 bad input, 3 the recommended total of all apps is over
    --fail-over.
    """
    fmt = _format(fmt, out, EstimateFormat)
    lang = _lang(lang, fmt.value)
    from imcost import compare as core
    from imcost import scenario
    from imcost.render import pages, recommendation

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
        budget = _budget(fail_over)
        if plan is not None and plan_option is not None:
            message = "the plan file is given twice"
            raise InputError([InputProblem("--plan", None, (), message, "give it as PLAN or with --plan, not both")])
        books = _books(pricebook, as_of)
        plan_file = plan or plan_option
        flags = quoting.parse_flags(customer, seller, quote_number, quote_date)
        wanted = scenario.build(
            books, numbers, security, plan_file, app_name, _month(month), one_app=False, ranges=False
        )
        details = quoting.resolve(user_config.current(), wanted.quote, flags, date.today())
        client = quoting.resolve_customer(wanted.customer, flags)
        day = wanted.month.first_day
        others = [_books(ref.strip(), as_of).on(day) for ref in (pricebooks or "").split(",") if ref.strip()]
        # Each app's book first (a bad one is refused before anything is written), then its recommendation
        # as it is written where the format writes the apps in turn: no two apps' editions are held at once.
        recommendation.check_held(len(wanted.apps), fmt.value)
        priced = [(a, version_for(a, day, books)) for a in wanted.apps]
        outcome = recommendation.Outcome()
        recs = outcome.watch(core.recommend_app(a, wanted.month, book, others) for a, book in priced)
        output = pages.recommendation(recs, fmt.value, lang.value, wanted.given, details, client)
        _deliver(output, out, fmt.value, bom)
        _notes(wanted.notes)
    except ImcostError as exc:
        raise _fail(exc) from None
    for line in outcome.unfit:
        say(f"imcost: {visible(line)}")
    if outcome.unfit:
        raise typer.Exit(int(ExitCode.INFEASIBLE))
    _gate(outcome.total, budget, "the recommended total")
