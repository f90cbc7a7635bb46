"""Schedule output: every charge with its date, what it covers and whether it is prepaid or postpaid."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.errors import InputError, InputProblem
from imcost.i18n import DEFAULT, colon, fee_label, rule_text, t, word
from imcost.money import money_human, money_str, number_str
from imcost.month import Month
from imcost.pricebook import PriceBook
from imcost.quote import Quote, json_fields, quote_data
from imcost.render import jsonout
from imcost.render.common import (
    CHUNK,
    SCHEMA_VERSION,
    description,
    discount_text,
    message,
    period_prices,
    pricebook_data,
    prices_line,
)
from imcost.render.months import period_text
from imcost.rules.base import Problem
from imcost.schedule import Charge, Schedule, ScheduleRun
from imcost.textsafe import csv_writer, visible

# The discount columns come last, as in an estimate's CSV.
CSV_COLUMNS = (
    "date",
    "app",
    "fee",
    "description",
    "amount",
    "billing",
    "covers",
    "month",
    "list_amount",
    "discount_percent",
    "discount",
)


if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table


def covers(charge: Charge) -> str:
    return f"{charge.covers[0].isoformat()}..{charge.covers[1].isoformat()}"


def covers_text(charge: Charge, lang: str = DEFAULT, narrow: bool = False) -> str:
    """``2027-01-31 to 2027-02-27`` for people; ``narrow`` puts the last day on a line of its own."""
    first, last = (d.isoformat() for d in charge.covers)
    if not narrow:
        return t("period", lang, first=first, last=last)
    # The break goes outside t(), which shows a newline in a value as an escape; {last} ends the phrase.
    return t("period", lang, first=first, last="") + "\n" + last


def charge_data(charge: Charge, lang: str = DEFAULT) -> dict[str, str]:
    """A charge as JSON carries it; a CSV for people in another language says the description in it."""
    item = charge.item
    return {
        "date": charge.day.isoformat(),
        "app": charge.app,
        "fee": charge.fee,
        "description": rule_text(item.description, item.phrase, lang),
        "amount": money_str(charge.amount),
        "billing": charge.billing,
        "covers": covers(charge),
        "month": str(charge.month),
        "list_amount": money_str(item.list_price),
        "discount_percent": number_str(item.discount_percent),
        "discount": money_str(item.discount),
    }


def _prices(schedule: Schedule, lang: str) -> list[tuple[PriceBook, str]]:
    """The price book line(s): one per version where the charges use several."""
    uses = [(c.month, c.app, c.book or schedule.book) for c in schedule.charges]
    return period_prices(uses, lang) or [(schedule.book, prices_line(schedule.book, lang))]


def data(schedule: Schedule, customer: str | None = None, quote: Quote | None = None) -> dict[str, Any]:
    """The schedule as JSON-ready data, with the quote's ``customer`` and ``quote`` (null when absent)."""
    book = schedule.book
    return {
        "schema_version": SCHEMA_VERSION,
        "currency": book.currency,
        **json_fields(customer, quote),
        "pricebook": pricebook_data(book),
        "months": [str(m) for m in schedule.months],
        "feasible": schedule.feasible,
        "problems": _problems_data(schedule.problems),
        # Each charge's price book version: a cycle's is the one in force on its first day.
        "charges": [{**charge_data(c), "pricebook": pricebook_data(c.book or book)} for c in schedule.charges],
        "total": money_str(schedule.total),
    }


def csv_header() -> list[str]:
    """The column ids, in every language: CSV is for scripts and spreadsheets (descriptions follow the language)."""
    return list(CSV_COLUMNS)


def render_csv(schedule: Schedule, lang: str = DEFAULT) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(csv_header())
    for charge in schedule.charges:
        row = charge_data(charge, lang)
        writer.writerow([row[c] for c in CSV_COLUMNS])
    return out.getvalue()


def _discounted(schedule: Schedule) -> bool:
    return any(c.item.discount_percent for c in schedule.charges)


def _period(schedule: Schedule, lang: str) -> str:
    return period_text(schedule.months[0], schedule.months[-1], lang)


def problem_lines(schedule: Schedule | ScheduleRun, lang: str = DEFAULT) -> list[str]:
    """``✗ 2027-06 chat not feasible: ...`` for every problem of every month, in ``lang``."""
    return [
        t("month_problem", lang, month=str(month), app=app, message=message(p, lang))
        for app, month, p in schedule.problems
    ]


def discount_lines(schedule: Schedule, lang: str = DEFAULT) -> list[str]:
    """``Net of discounts: ...`` when a discount applies to some charge."""
    items = [c.item for c in schedule.charges]
    discount = sum((item.discount for item in items), Decimal(0))
    if not discount:
        return []
    list_amount = money_human(sum((item.list_price for item in items), Decimal(0)))
    return [t("net_of_discounts", lang, discount=money_human(discount), list_amount=list_amount)]


def total_line(schedule: Schedule, lang: str = DEFAULT, total: Decimal | None = None) -> str:
    """``Charged for 2026-12 to 2027-01: ¥1,998.00``; ``total``: the charges' when they are not held."""
    amount = schedule.total if total is None else total
    said = money_human(amount) if schedule.feasible else t("cannot_be_quoted", lang)
    return f"{t('charged_for', lang, period=_period(schedule, lang))}{colon(lang)}{said}"


# Below this width the table folds: the covered period takes two lines and the
# app's name moves into the fee cell, so the fee keeps room to be read.
NARROW = 100


class _ChargesTable:
    """The charges as a Rich table laid out for the width it is given."""

    def __init__(self, schedule: Schedule, lang: str) -> None:
        self.schedule = schedule
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from imcost.render.fit import Fitted, fits

        table = self.table(narrow=options.max_width < NARROW)
        if fits(table, console, options):
            yield table
        else:  # a block per charge, each line whole: the wide layout's cells
            yield Fitted(self.table(narrow=False), self.lang)

    def table(self, narrow: bool) -> Table:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        from imcost.render.fit import Words

        schedule, lang = self.schedule, self.lang
        several = len(schedule.apps) > 1
        table = Table(
            title=t("schedule_title", lang, period=_period(schedule, lang)),
            title_justify="left",
            show_footer=True,
            box=box.SIMPLE_HEAD,
            expand=True,
        )
        table.add_column(t("date", lang), footer=t("total", lang), no_wrap=True)
        if several and not narrow:
            table.add_column(t("app", lang), overflow="fold")
        # "fold", not the default ellipsis: Rich can overfill a wrapped line of Chinese by one cell.
        table.add_column(t("fee", lang), ratio=1, overflow="fold")
        table.add_column(t("covers", lang), no_wrap=True)
        table.add_column(t("billing", lang), no_wrap=True)
        table.add_column(t("amount", lang), justify="right", footer=money_human(schedule.total), no_wrap=True)
        for c in schedule.charges:
            fee = Text(f"{visible(c.app)}\n", style="bold") if several and narrow else Text()
            fee.append(fee_label(c.fee, lang))
            said = description(c.item, lang)
            if said:
                fee.append(f"{colon(lang)}{said}", style="dim")
            period = covers_text(c, lang, narrow)
            amount = Text(money_human(c.amount))
            if c.item.discount_percent:  # under the net amount, the percentage taken off
                amount.append(f"\n-{number_str(c.item.discount_percent)}%", style="dim")
            cells: list[RenderableType] = [
                c.day.isoformat(),
                *([Words(visible(c.app))] if several and not narrow else []),
                Words(fee),
                period,
            ]
            table.add_row(*cells, word(c.billing, lang), amount)
        return table


def render_table(schedule: Schedule, lang: str = DEFAULT) -> RenderableType:
    from rich.console import Group

    from imcost.render.fit import prose

    parts: list[RenderableType] = [_ChargesTable(schedule, lang)]
    parts.extend(prose(line, lang, "bold red") for line in problem_lines(schedule, lang))
    parts.extend(prose(line, lang) for line in discount_lines(schedule, lang))
    parts.append(prose(total_line(schedule, lang), lang, "bold"))
    parts.extend(prose(line, lang, "dim") for _, line in _prices(schedule, lang))
    return Group(*parts)


def _cell(text: str) -> str:
    return visible(text).replace("|", "\\|")


def render_markdown(schedule: Schedule, lang: str = DEFAULT) -> str:
    book = schedule.book
    discounted = _discounted(schedule)
    money_columns = ["list_amount", "discount", "amount"] if discounted else ["amount"]
    columns = ["date", "app", "fee", "description", "covers", "billing", *money_columns]
    lines = [f"# {t('schedule_title', lang, period=_period(schedule, lang))}", ""]
    lines.append("| " + " | ".join(t(c, lang) for c in columns) + " |")
    lines.append("|---|---|---|---|---|---|" + "---:|" * len(money_columns))
    for c in schedule.charges:
        money = [money_human(c.item.list_price), discount_text(c.item)] if discounted else []
        cells = (
            c.day.isoformat(),
            c.app,
            fee_label(c.fee, lang),
            description(c.item, lang),
            covers_text(c, lang),
            word(c.billing, lang),
            *money,
            money_human(c.amount),
        )
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    blanks = "| " * (len(columns) - 2)
    lines.append(f"| **{t('total', lang)}** {blanks}| **{money_human(schedule.total)}** |")
    lines.append("")
    problems = problem_lines(schedule, lang)
    if problems:
        lines += [f"- {_cell(p)}" for p in problems] + [""]
    discounts = [_cell(line) for line in discount_lines(schedule, lang)]
    if discounts:
        lines += [*discounts, ""]
    lines.append(f"**{total_line(schedule, lang)}**" + (f" ({book.currency})" if schedule.feasible else ""))
    lines.append("")
    lines += [f"{line} ({visible(priced.source)}).  " for priced, line in _prices(schedule, lang)]
    lines[-1] = lines[-1].rstrip()
    return "\n".join(lines) + "\n"


class Seen:
    """What markdown and the html page write around the charges, gathered as they go by so that none is
    held: whether any is discounted, the total, what discounts took off, and the price book versions used
    (as _prices), each month and app once a version, not once a charge."""

    def __init__(self, book: PriceBook) -> None:
        self.book = book
        self.discounted = False
        self.total = Decimal(0)
        self.discount = Decimal(0)
        self.list_amount = Decimal(0)
        # Each version used: the months and apps it priced, each once, in the order first seen.
        self._used: dict[tuple[str, str], tuple[PriceBook, dict[Month, None], dict[str, None]]] = {}

    def add(self, charge: Charge) -> None:
        item = charge.item
        self.discounted = self.discounted or bool(item.discount_percent)
        self.total += charge.amount
        self.discount += item.discount
        self.list_amount += item.list_price
        book = charge.book or self.book
        used = self._used.setdefault((book.id, book.effective_text), (book, {}, {}))
        used[1][charge.month] = None
        used[2][charge.app] = None

    def discount_lines(self, lang: str) -> list[str]:
        """discount_lines' text."""
        if not self.discount:
            return []
        said = money_human(self.discount)
        return [t("net_of_discounts", lang, discount=said, list_amount=money_human(self.list_amount))]

    def prices(self, lang: str) -> list[tuple[PriceBook, str]]:
        """_prices' lines: period_prices reads each version's months and apps as sets, in the order first
        seen, so each month and app a version priced is given to it once, paired up to the longer list."""
        uses = [
            (months[min(i, len(months) - 1)], names[min(i, len(names) - 1)], book)
            for book, seen, apps in self._used.values()
            for months, names in [(list(seen), list(apps))]
            for i in range(max(len(months), len(names)))
        ]
        return period_prices(uses, lang) or [(self.book, prices_line(self.book, lang))]


# Between a charge's cells in the spool: a control character, which _cell never leaves in a cell.
_SEPARATOR = "\x1f"


def markdown_chunks(run: ScheduleRun, lang: str = DEFAULT) -> Iterator[str]:
    """render_markdown's text in pieces of about CHUNK characters, no charge held: whether the money
    columns include the discount is known once every charge is made, so each charge's cells go to a
    temporary file as it is made, and the table is written from it."""
    import tempfile

    seen = Seen(run.book)
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", newline="\n") as spool:
        for c in run.charges():
            seen.add(c)
            cells = (
                c.day.isoformat(),
                c.app,
                fee_label(c.fee, lang),
                description(c.item, lang),
                covers_text(c, lang),
                word(c.billing, lang),
                money_human(c.item.list_price),
                discount_text(c.item),
                money_human(c.amount),
            )
            spool.write(_SEPARATOR.join(_cell(cell) for cell in cells) + "\n")
        held = Schedule(run.months, (), tuple(run.problems), run.notes, run.book, run.apps)
        money_columns = ["list_amount", "discount", "amount"] if seen.discounted else ["amount"]
        columns = ["date", "app", "fee", "description", "covers", "billing", *money_columns]
        lines = [f"# {t('schedule_title', lang, period=_period(held, lang))}", ""]
        lines.append("| " + " | ".join(t(c, lang) for c in columns) + " |")
        lines.append("|---|---|---|---|---|---|" + "---:|" * len(money_columns))
        yield "\n".join(lines) + "\n"
        spool.seek(0)
        rows = (line[:-1].split(_SEPARATOR) for line in spool)
        kept = rows if seen.discounted else (parts[:6] + parts[8:] for parts in rows)
        yield from jsonout.gathered("| " + " | ".join(parts) + " |\n" for parts in kept)
    blanks = "| " * (len(columns) - 2)
    lines = [f"| **{t('total', lang)}** {blanks}| **{money_human(seen.total)}** |", ""]
    problems = problem_lines(held, lang)
    if problems:
        lines += [f"- {_cell(p)}" for p in problems] + [""]
    discounts = [_cell(line) for line in seen.discount_lines(lang)]
    if discounts:
        lines += [*discounts, ""]
    lines.append(f"**{total_line(held, lang, seen.total)}**" + (f" ({run.book.currency})" if held.feasible else ""))
    lines.append("")
    lines += [f"{line} ({visible(priced.source)}).  " for priced, line in seen.prices(lang)]
    lines[-1] = lines[-1].rstrip()
    yield "\n".join(lines) + "\n"


def _later(value: Callable[[], str]) -> Iterator[str]:
    """A value's text made only when it is written: after the charges before it have been read."""
    yield value()


def json_chunks(run: ScheduleRun) -> Iterator[str]:
    """data()'s document as jsonout.dumps writes it, each charge written as it is made; the fields
    after ``charges`` (feasibility, problems, total) are whole by then."""
    book = run.book
    books: dict[int, dict[str, str | None]] = {}

    def charge(c: Charge) -> list[str]:
        priced = c.book or book
        said = books.get(id(priced)) or books.setdefault(id(priced), pricebook_data(priced))
        return [jsonout.written({**charge_data(c), "pricebook": said}, "    ")]

    fields: list[tuple[str, Iterable[str]]] = [
        ("charges", jsonout.listed((charge(c) for c in run.charges()), "  ")),
        ("currency", [jsonout.written(book.currency)]),
        ("customer", [jsonout.written(run.plan.customer)]),
        ("feasible", _later(lambda: jsonout.written(run.feasible))),
        ("months", [jsonout.written([str(m) for m in run.months], "  ")]),
        ("pricebook", [jsonout.written(pricebook_data(book), "  ")]),
        ("problems", _later(lambda: jsonout.written(_problems_data(run.problems), "  "))),
        ("quote", [jsonout.written(quote_data(run.plan.quote), "  ")]),
        ("schema_version", [jsonout.written(SCHEMA_VERSION)]),
        ("total", _later(lambda: jsonout.written(money_str(run.total)))),
    ]
    return jsonout.gathered(itertools.chain(jsonout.keyed(fields, ""), "\n"))


def _problems_data(problems: Iterable[tuple[str, Month, Problem]]) -> list[dict[str, str]]:
    return [{"app": app, "month": str(month), "fee": p.fee, "message": p.message} for app, month, p in problems]


def csv_chunks(run: ScheduleRun, lang: str = DEFAULT) -> Iterator[str]:
    """render_csv's text, each charge's row written as it is made, in pieces of about CHUNK characters."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(csv_header())
    for charge in run.charges():
        row = charge_data(charge, lang)
        writer.writerow([row[c] for c in CSV_COLUMNS])
        if out.tell() >= CHUNK:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


# The most app-months (apps x months) schedule lays out as a table, which holds every charge and lays
# them out together: about 11 KB an app-month, so 85,709 apps over 2 months peaked at 2.4 GB and over
# 4 months at 4.5 GB. The other formats are written charge by charge, with no limit.
TABLE_APP_MONTHS = 50_000


def check_table(run: ScheduleRun) -> None:
    """Refuse a table of more than TABLE_APP_MONTHS app-months, before any charge is made."""
    apps, months = len(run.apps), len(run.months)
    if apps * months > TABLE_APP_MONTHS:
        said = f"{apps:,} {'app' if apps == 1 else 'apps'} x {months:,} {'month' if months == 1 else 'months'}"
        message = f"a schedule table shows at most {TABLE_APP_MONTHS:,} app-months, not {said}"
        hint = "use --format csv, json, markdown or html, or fewer --months"
        raise InputError([InputProblem("--format", None, (), message, hint)])


def output(run: ScheduleRun, fmt: str, lang: str = DEFAULT) -> str | Iterator[str] | RenderableType:
    """``run`` in ``fmt``: JSON, CSV, markdown and the html page (imcost.render.calendarpage) written
    charge by charge as they are made; the table lays out every charge, so it is made from the whole schedule."""
    if fmt == "json":
        return json_chunks(run)
    if fmt == "csv":
        return csv_chunks(run, lang)
    if fmt == "markdown":
        return markdown_chunks(run, lang)
    check_table(run)
    schedule = Schedule(run.months, tuple(run.charges()), tuple(run.problems), run.notes, run.book, run.apps)
    return render_table(schedule, lang)
