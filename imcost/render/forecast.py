"""Forecast output: one row per month with each fee and the month's total, then the period's total."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from imcost.engine import AppEstimate
from imcost.errors import InputError, InputProblem
from imcost.forecast import EditionSwitch, Forecast, ForecastApp, ForecastRun
from imcost.i18n import DEFAULT, colon, fee_label, t
from imcost.money import money_human, money_str
from imcost.month import Month
from imcost.pricebook import Edition, PriceBook
from imcost.quote import Quote, json_fields, quote_data
from imcost.render import jsonout
from imcost.render.common import CHUNK, SCHEMA_VERSION, item_data, message, period_prices, pricebook_data, prices_line
from imcost.render.months import period_text
from imcost.rules.base import FEE_IDS, Problem
from imcost.textsafe import csv_writer, visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table


@dataclass
class MonthRow:
    """What a row of the forecast shows for one month: its total, each fee's and each billing's amount,
    each app's peak DAU and peak groups and the edition it is priced on (in the plan's app order)."""

    month: Month
    total: Decimal = Decimal(0)
    feasible: bool = True
    fees: dict[str, Decimal] = field(default_factory=dict)
    billing: dict[str, Decimal] = field(default_factory=dict)
    usage: dict[str, tuple[int, int]] = field(default_factory=dict)
    editions: dict[str, Edition] = field(default_factory=dict)


class Summary:
    """What the forecast's table, markdown and CSV print, gathered month by month (``add``) so that no
    month's estimate is held: a row per month, the first month's cheapest editions, the switches, every
    problem, what discounts took off and the price book versions used."""

    def __init__(self, book: PriceBook) -> None:
        self.book = book
        self.rows: list[MonthRow] = []
        self.first_recommended: dict[str, str | None] = {}
        self.switches: list[EditionSwitch] = []
        self.problems: list[tuple[Month, str, Problem]] = []
        self.discount = Decimal(0)
        self.list_amount = Decimal(0)
        self.total = Decimal(0)
        self.feasible = True
        # Each version used: the months and apps it priced (period_prices' uses, each once).
        self._used: dict[tuple[str, str], tuple[PriceBook, dict[Month, None], dict[str, None]]] = {}

    def add(self, month: Month, apps: Iterable[tuple[AppEstimate, str | None]]) -> None:
        row = MonthRow(month)
        first = not self.rows
        for app, recommended in apps:
            name = app.app.name
            if first:
                self.first_recommended[name] = recommended
            for item in app.items:
                row.fees[item.fee] = row.fees.get(item.fee, Decimal(0)) + item.amount
                for billing, words in _BILLING_GROUPS.items():
                    if item.billing in words:
                        row.billing[billing] = row.billing.get(billing, Decimal(0)) + item.amount
                self.discount += item.discount
                self.list_amount += item.list_price
            row.usage[name] = (app.app.usage.peak_dau, app.app.usage.peak_groups)
            row.editions[name] = app.edition
            row.total += app.total
            row.feasible = row.feasible and app.feasible
            self.problems.extend((month, name, p) for p in app.problems)
            used = self._used.setdefault((app.book.id, app.book.effective_text), (app.book, {}, {}))
            used[1][month] = None
            used[2][name] = None
        self.total += row.total
        self.feasible = self.feasible and row.feasible
        self.rows.append(row)

    @classmethod
    def of(cls, forecast: Forecast | Summary) -> Summary:
        """The summary of a forecast held whole (a Summary is its own)."""
        if isinstance(forecast, Summary):
            return forecast
        summary = cls(forecast.months[0].estimate.book)
        for m in forecast.months:
            summary.add(m.estimate.month, ((app, m.recommended[app.app.name]) for app in m.estimate.apps))
        summary.switches = list(forecast.switches)
        return summary

    @classmethod
    def read(cls, run: ForecastRun) -> Summary:
        """Read ``run`` through, month by month."""
        summary = cls(run.shared)
        for month, apps in run.months():
            summary.add(month, ((a.estimate, a.recommended) for a in apps))
        summary.switches = list(run.switches)
        return summary

    def prices(self, lang: str) -> list[tuple[PriceBook, str]]:
        """The price book line(s): one per version where the period or the plan uses several.

        period_prices reads each version's months and apps (as sets, and in the order first seen),
        so each month and app a version priced is given to it once, paired up to the longer list.
        """
        uses = [
            (months[min(i, len(months) - 1)], names[min(i, len(names) - 1)], book)
            for book, seen, apps in self._used.values()
            for months, names in [(list(seen), list(apps))]
            for i in range(max(len(months), len(names)))
        ]
        return period_prices(uses, lang) or [(self.book, prices_line(self.book, lang))]


def fees_charged(forecast: Forecast | Summary) -> list[str]:
    """Fee ids charged in some month of the period, in the usual order (free items count)."""
    seen = {fee for row in Summary.of(forecast).rows for fee in row.fees}
    return [fee for fee in FEE_IDS if fee in seen]


def data(forecast: Forecast, customer: str | None = None, quote: Quote | None = None) -> dict[str, Any]:
    """The forecast as JSON-ready data, with the quote's ``customer`` and ``quote`` (null when absent)."""
    book = forecast.months[0].estimate.book
    return {
        "schema_version": SCHEMA_VERSION,
        "currency": book.currency,
        **json_fields(customer, quote),
        "pricebook": pricebook_data(book),
        "feasible": forecast.feasible,
        "total": money_str(forecast.total),
        "edition_switches": _switches_data(forecast.switches),
        "months": [_month_data(m.estimate.month, m.estimate.apps, m.recommended) for m in forecast.months],
    }


def _switches_data(switches: Iterable[EditionSwitch]) -> list[dict[str, str | None]]:
    return [{"app": s.app, "month": str(s.month), "from": s.before, "to": s.after} for s in switches]


def _month_data(month: Month, apps: Sequence[AppEstimate], recommended: Mapping[str, str | None]) -> dict[str, Any]:
    return {
        "month": str(month),
        "total": money_str(sum((app.total for app in apps), Decimal(0))),
        "feasible": all(app.feasible for app in apps),
        "recommended": dict(recommended),
        # The version that priced each app this month: a book's version in force on the 1st.
        "pricebooks": {app.app.name: pricebook_data(app.book) for app in apps},
        "usage": {
            app.app.name: {"peak_dau": app.app.usage.peak_dau, "peak_groups": app.app.usage.peak_groups} for app in apps
        },
        "items": [
            {"app": app.app.name, "edition": app.edition.id, **item_data(item)} for app in apps for item in app.items
        ],
        "problems": [{"app": app.app.name, "fee": p.fee, "message": p.message} for app in apps for p in app.problems],
    }


_USAGE = ("peak_dau", "peak_groups")


def usage_headers(forecast: Forecast | Summary, lang: str | None) -> list[str]:
    """The usage columns: ``peak_dau``, ``peak_groups`` (``None``: as a script reads them), else people's labels;
    with several apps, one pair per app, named after it (``chat.peak_dau``, ``chat Peak DAU``)."""
    apps = list(Summary.of(forecast).rows[0].usage)
    several = len(apps) > 1
    headers = []
    for app in apps:
        for what in _USAGE:
            if lang is None:
                headers.append(f"{app}.{what}" if several else what)
            else:
                label = t(f"usage.{what}", lang)
                headers.append(t("usage.of_app", lang, app=app, what=label) if several else label)
    return headers


def usage_cells(row: MonthRow) -> list[str]:
    """Each app's peak DAU and peak groups this month, grouped by thousands."""
    return [f"{n:,}" for pair in row.usage.values() for n in pair]


def csv_header(forecast: Forecast | Summary, fees: list[str]) -> list[str]:
    """Column ids and fee ids, in every language: CSV is for scripts and spreadsheets."""
    return ["month", *usage_headers(forecast, None), *fees, "total"]


def render_csv(forecast: Forecast | Summary, lang: str = DEFAULT) -> str:
    summary = Summary.of(forecast)
    fees = fees_charged(summary)
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(csv_header(summary, fees))
    for row in summary.rows:
        amounts = [money_str(row.fees.get(fee, Decimal(0))) for fee in fees]
        usage = [str(n) for pair in row.usage.values() for n in pair]
        writer.writerow([str(row.month), *usage, *amounts, money_str(row.total)])
    return out.getvalue()


def _edition(edition: str | None, book: PriceBook, lang: str) -> str:
    """An edition as people read it: its id in English, its Chinese name in Chinese."""
    if edition is None:
        return t("none_feasible", lang)
    return book.editions[edition].label if lang == "zh" else edition


def switch_lines(forecast: Forecast | Summary, lang: str = DEFAULT) -> list[str]:
    """``chat: the cheapest edition changes from pro to flagship in 2027-06``."""
    summary = Summary.of(forecast)
    book = summary.book

    def line(s: EditionSwitch) -> str:
        before, after = _edition(s.before, book, lang), _edition(s.after, book, lang)
        return t("edition_switch", lang, app=s.app, before=before, after=after, month=str(s.month))

    return [line(s) for s in summary.switches]


def _period(summary: Summary, lang: str) -> str:
    return period_text(summary.rows[0].month, summary.rows[-1].month, lang)


def problem_lines(forecast: Forecast | Summary, lang: str = DEFAULT) -> list[str]:
    """``✗ 2027-06 chat not feasible: ...`` for every problem of every month, in ``lang``."""
    return [
        t("month_problem", lang, month=str(month), app=app, message=message(p, lang))
        for month, app, p in Summary.of(forecast).problems
    ]


def summary_lines(forecast: Forecast | Summary, lang: str = DEFAULT) -> list[str]:
    """The cheapest edition at the start, where it changes, and what discounts took off."""
    summary = Summary.of(forecast)
    book = summary.book
    names = t("list_separator", lang).join(
        t("edition_of_app", lang, edition=_edition(edition, book, lang), app=app)
        for app, edition in summary.first_recommended.items()
    )
    lines = [t("cheapest_in", lang, month=str(summary.rows[0].month), apps=names)]
    lines += switch_lines(summary, lang) or [t("no_switch", lang)]
    if summary.discount:
        list_amount = money_human(summary.list_amount)
        lines.append(t("net_of_discounts", lang, discount=money_human(summary.discount), list_amount=list_amount))
    return lines


def total_line(forecast: Forecast | Summary, lang: str = DEFAULT) -> str:
    summary = Summary.of(forecast)
    said = money_human(summary.total) if summary.feasible else t("cannot_be_quoted", lang)
    return f"{t('total_for', lang, month=_period(summary, lang))}{colon(lang)}{said}"


def fee_total(summary: Summary, fee: str) -> Decimal:
    """What ``fee`` comes to over the period."""
    return sum((row.fees.get(fee, Decimal(0)) for row in summary.rows), Decimal(0))


def _month_cell(row: MonthRow) -> str:
    return f"{row.month}{'' if row.feasible else ' ✗'}"


# Billing words of the two columns a narrow forecast table folds its fees into.
_BILLING_GROUPS = {"prepaid": ("prepaid", "free"), "postpaid": ("postpaid",)}


@dataclass(frozen=True)
class _Column:
    header: str
    cells: list[str]
    footer: str


def _fee_columns(forecast: Summary, lang: str) -> list[_Column]:
    """One column per fee charged in the period."""
    months = [row.fees for row in forecast.rows]
    return [
        _Column(
            fee_label(fee, lang),
            [money_human(totals[fee]) if fee in totals else "" for totals in months],
            money_human(fee_total(forecast, fee)),
        )
        for fee in fees_charged(forecast)
    ]


def _usage_columns(forecast: Summary, lang: str) -> list[_Column]:
    """Each app's peak DAU and peak groups per month: the usage the month's figures assume."""
    rows = [usage_cells(row) for row in forecast.rows]
    return [_Column(header, [row[i] for row in rows], "") for i, header in enumerate(usage_headers(forecast, lang))]


def _billing_columns(forecast: Summary, lang: str) -> list[_Column]:
    """Prepaid and postpaid per month: what a fee column per fee folds into when it can't fit."""
    columns = []
    for billing in _BILLING_GROUPS:
        amounts = [row.billing.get(billing, Decimal(0)) for row in forecast.rows]
        cells = [money_human(a) for a in amounts]
        columns.append(_Column(t(f"{billing}_column", lang), cells, money_human(sum(amounts, Decimal(0)))))
    return columns


def _width(column: _Column, wrap_header: bool) -> int:
    """The column's widest amount, and its header whole or its longest word (Rich won't break Chinese)."""
    from rich.cells import cell_len

    header = column.header.split() if wrap_header else [column.header]
    return max(cell_len(c) for c in (*header, column.footer, *column.cells))


class _ForecastTable:
    """The forecast as a Rich table: a column per fee when the amounts fit the width, else prepaid and postpaid."""

    def __init__(self, forecast: Summary, lang: str) -> None:
        self.forecast = forecast
        self.lang = lang

    def columns(self, width: int) -> tuple[list[_Column], list[int], bool]:
        """The money columns for ``width``, their widths, and whether they are folded by billing."""
        month = _Column(t("month_word", self.lang), [_month_cell(row) for row in self.forecast.rows], "")
        total = _Column(t("total", self.lang), [money_human(self.forecast.total)], "")
        fixed = _width(month, False) + _width(total, False)
        # The usage each month assumes, then a column per fee; headers wrap at spaces before fees are folded.
        shown = _usage_columns(self.forecast, self.lang) + _fee_columns(self.forecast, self.lang)
        # Each column takes its width, a space of padding either side and a separator; one more for the edge.
        for wrap_header in (False, True):
            widths = [_width(c, wrap_header) for c in shown]
            if fixed + sum(widths) + 3 * (len(widths) + 2) + 1 <= width:
                return shown, widths, False
        folded = _usage_columns(self.forecast, self.lang) + _billing_columns(self.forecast, self.lang)
        return folded, [_width(c, True) for c in folded], True

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from imcost.render.fit import Fitted, fits, prose

        columns, widths, folded = self.columns(options.max_width)
        table = self.table(columns, widths)
        if not fits(table, console, options):
            # Too narrow even by billing: a block per month, with every fee.
            shown = _usage_columns(self.forecast, self.lang) + _fee_columns(self.forecast, self.lang)
            yield Fitted(self.table(shown, [_width(c, True) for c in shown]), self.lang)
            return
        yield table
        if folded:
            yield prose(t("folded_by_billing", self.lang), self.lang, "dim")

    def table(self, columns: list[_Column], widths: list[int]) -> Table:
        from rich import box
        from rich.table import Table

        forecast, lang = self.forecast, self.lang
        table = Table(
            title=t("forecast_title", lang, period=_period(forecast, lang)),
            title_justify="left",
            show_footer=True,
            box=box.SIMPLE_HEAD,
            expand=True,
        )
        table.add_column(t("month_word", lang), footer=t("total", lang), no_wrap=True)
        for column, width in zip(columns, widths, strict=True):
            # A fixed width: amounts never wrap or shorten, a long fee name may wrap in its header.
            table.add_column(column.header, justify="right", footer=column.footer, width=width)
        table.add_column(t("total", lang), justify="right", footer=money_human(forecast.total), no_wrap=True)
        for i, row in enumerate(forecast.rows):
            table.add_row(_month_cell(row), *(column.cells[i] for column in columns), money_human(row.total))
        return table


def render_table(forecast: Forecast | Summary, lang: str = DEFAULT) -> RenderableType:
    from rich.console import Group

    from imcost.render.fit import prose

    forecast = Summary.of(forecast)
    parts: list[RenderableType] = [_ForecastTable(forecast, lang)]
    parts.extend(prose(line, lang, "bold red") for line in problem_lines(forecast, lang))
    parts.extend(prose(line, lang) for line in summary_lines(forecast, lang))
    parts.append(prose(total_line(forecast, lang), lang, "bold"))
    parts.extend(prose(line, lang, "dim") for _, line in forecast.prices(lang))
    return Group(*parts)


def _cell(text: str) -> str:
    return visible(text).replace("|", "\\|")


def render_markdown(forecast: Forecast | Summary, lang: str = DEFAULT) -> str:
    forecast = Summary.of(forecast)
    book = forecast.book
    fees = fees_charged(forecast)
    usage = usage_headers(forecast, lang)
    header = [t("month_word", lang), *map(_cell, usage), *(fee_label(fee, lang) for fee in fees), t("total", lang)]
    lines = [f"# {t('forecast_title', lang, period=_period(forecast, lang))}", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|---|" + "---:|" * (len(usage) + len(fees) + 1))
    for row in forecast.rows:
        totals = row.fees
        cells = [*usage_cells(row), *(money_human(totals[fee]) if fee in totals else "" for fee in fees)]
        lines.append("| " + " | ".join([_month_cell(row), *cells, money_human(row.total)]) + " |")
    footer = [""] * len(usage) + [money_human(fee_total(forecast, fee)) for fee in fees] + [money_human(forecast.total)]
    lines.append(f"| **{t('total', lang)}** | " + " | ".join(f"**{c}**" if c else "" for c in footer) + " |")
    lines.append("")
    problems = problem_lines(forecast, lang)
    if problems:
        lines += [f"- {_cell(p)}" for p in problems] + [""]
    summary = [_cell(line) for line in summary_lines(forecast, lang)]
    lines += [f"{line}  " for line in summary[:-1]] + [summary[-1], ""]
    lines.append(f"**{total_line(forecast, lang)}**" + (f" ({book.currency})" if forecast.feasible else ""))
    lines.append("")
    lines += [f"{line} ({visible(priced.source)}).  " for priced, line in forecast.prices(lang)]
    lines[-1] = lines[-1].rstrip()
    return "\n".join(lines) + "\n"


def _spooled(spool: IO[str]) -> Iterator[str]:
    """What was written to ``spool``, from its start, in pieces of CHUNK characters."""
    spool.seek(0)
    while piece := spool.read(CHUNK):
        yield piece


def _spool() -> IO[str]:
    # Kept in memory up to a few pieces, then on disk: a long forecast of many apps runs to gigabytes.
    return tempfile.SpooledTemporaryFile(max_size=2 * CHUNK, mode="w+", encoding="utf-8", newline="")


def json_chunks(run: ForecastRun) -> Iterator[str]:
    """data()'s document as jsonout.dumps writes it, made month by month and app by app from ``run``.

    The switches and whether the period can be bought come before ``months`` in the document
    (its keys are sorted) but are known only at the end: the months are written to a temporary
    file as they are made, then copied out after them.
    """
    texts = _AppTexts()
    with _spool() as months:
        for piece in jsonout.gathered(jsonout.listed((_month_json(m, apps, texts) for m, apps in run.months()), "  ")):
            months.write(piece)
        switches = jsonout.written(_switches_data(run.switches), "  ")
        fields: list[tuple[str, Iterable[str]]] = [
            ("currency", [jsonout.written(run.shared.currency)]),
            ("customer", [jsonout.written(run.plan.customer)]),
            ("edition_switches", [switches]),
            ("feasible", [jsonout.written(run.feasible)]),
            ("months", _spooled(months)),
            ("pricebook", [jsonout.written(pricebook_data(run.shared), "  ")]),
            ("quote", [jsonout.written(quote_data(run.plan.quote), "  ")]),
            ("schema_version", [jsonout.written(SCHEMA_VERSION)]),
            ("total", [jsonout.written(money_str(run.total))]),
        ]
        yield from jsonout.gathered(_document(fields))


def _document(fields: list[tuple[str, Iterable[str]]]) -> Iterator[str]:
    yield from jsonout.keyed(fields, "")
    yield "\n"


# Where a month's parts stand in the document: the month in ``months``, its keys, their entries.
_MONTH, _KEY, _ENTRY = "    ", "      ", "        "
_ITEM_BREAK = (",\n" + _ENTRY).encode()


class _AppTexts:
    """Each app's items and usage as a month of the JSON writes them, kept for the app's last few
    estimates while its usage and needs stay: a run takes an app's estimate again for each month of
    the same length, and shares the items that do not change with the month's length
    (imcost.forecast.ForecastRun), so the same text is written again instead of made again, and
    each item's text is held once."""

    # Months are 28 to 31 days long: four estimates an app (yearly packs make one a month: a bound).
    KEPT = 4

    def __init__(self) -> None:
        # App name -> id of an estimate -> (the estimate, held so that its ids stay its own; each of
        # its items' text in UTF-8, a little over half the memory of a str with Chinese in it; its usage).
        self._kept: dict[str, dict[int, tuple[AppEstimate, tuple[bytes, ...], str]]] = {}

    def of(self, app: AppEstimate) -> tuple[str, str]:
        """``app``'s items as entries of ``items`` (joined; empty without items) and its usage, as written."""
        name = app.app.name
        kept = self._kept.setdefault(name, {})
        seen = kept.get(id(app))
        if seen is not None:
            return _ITEM_BREAK.join(seen[1]).decode(), seen[2]
        first = next(iter(kept.values()), None)
        if first is not None and not (first[0].app is app.app or first[0].app == app.app):
            # Grown or changed: the run prices it anew, the texts kept will not be written again.
            kept.clear()
        edition = app.edition.id
        known = {
            id(item): text
            for other, texts, _ in kept.values()
            if other.edition.id == edition
            for item, text in zip(other.items, texts, strict=True)
        }
        items = tuple(
            known.get(id(item))
            or jsonout.written({"app": name, "edition": edition, **item_data(item)}, _ENTRY).encode()
            for item in app.items
        )
        usage = jsonout.written({"peak_dau": app.app.usage.peak_dau, "peak_groups": app.app.usage.peak_groups}, _ENTRY)
        if len(kept) >= self.KEPT:
            del kept[next(iter(kept))]
        kept[id(app)] = (app, items, usage)
        return _ITEM_BREAK.join(items).decode(), usage


def _month_json(month: Month, apps: Iterable[ForecastApp], texts: _AppTexts) -> Iterator[str]:
    """One month of data()'s ``months``, app by app: the items go to a temporary file while the month's
    total and feasibility (written before them) are summed, the rest is held as a few values an app."""
    total = Decimal(0)
    feasible = True
    held: dict[str, tuple[PriceBook, str | None, str]] = {}
    problems: list[dict[str, str]] = []
    with _spool() as items:
        first = True
        for each in apps:
            app = each.estimate
            name = app.app.name
            item_texts, usage = texts.of(app)
            if item_texts:
                items.write(("[\n" if first else ",\n") + _ENTRY + item_texts)
                first = False
            problems += [{"app": name, "fee": p.fee, "message": p.message} for p in app.problems]
            held[name] = (app.book, each.recommended, usage)
            total += app.total
            feasible = feasible and app.feasible
        items.write("[]" if first else "\n" + _KEY + "]")
        names = sorted(held)
        books: dict[int, str] = {}

        def book_text(book: PriceBook) -> str:
            return books.get(id(book)) or books.setdefault(id(book), jsonout.written(pricebook_data(book), _ENTRY))

        def entries(text: Callable[[str], str]) -> Iterator[str]:
            return jsonout.keyed(((name, [text(name)]) for name in names), _KEY) if names else iter(["{}"])

        yield from jsonout.keyed(
            [
                ("feasible", [jsonout.written(feasible)]),
                ("items", _spooled(items)),
                ("month", [jsonout.written(str(month))]),
                ("pricebooks", entries(lambda name: book_text(held[name][0]))),
                ("problems", [jsonout.written(problems, _KEY)]),
                ("recommended", entries(lambda name: jsonout.written(held[name][1]))),
                ("total", [jsonout.written(money_str(total))]),
                ("usage", entries(lambda name: held[name][2])),
            ],
            _MONTH,
        )


# The most app-months (apps x months) a forecast table lays out. Past a hundred or so apps the table
# can't fit any width and falls to a block per month with a line per app's usage, which Rich lays
# out whole: about 3.5 KB an app-month, so 85,709 apps over 2 months peaked at 0.95 GB and each month
# more added 0.3 GB. 1,000 apps over 120 months (issue 14's forecast row) stay within it. Markdown
# and the html page are pages for a person too, held as a row per month with every app's usage
# (85,709 apps: 320 MB over 2 months, 472 MB over 12), so they take the same limit.
TABLE_APP_MONTHS = 120_000
# CSV keeps a row per month with every app's usage until it is written: about 0.08 KB an app-month
# (85,709 apps: 296 MB over 2 months, 336 MB over 8), over what pricing keeps per app (up to four
# pricings, one per month length: 85,709 apps over 16 months peaked at 668 MB as csv). 1.2 million
# app-months (the largest plan over 14 months, 1,000 apps over 120) stay under 0.9 GB; JSON is
# written as it is made.
CSV_APP_MONTHS = 1_200_000


def check_size(run: ForecastRun, fmt: str) -> None:
    """Refuse a forecast in ``fmt`` of more app-months than it can hold (TABLE_APP_MONTHS for the
    table, markdown and html, CSV_APP_MONTHS for CSV; JSON has no limit), before any month is made."""
    if fmt == "json":
        return
    limit = CSV_APP_MONTHS if fmt == "csv" else TABLE_APP_MONTHS
    apps = len(run.plan.apps)
    if apps * run.count > limit:
        said = f"{apps:,} {'app' if apps == 1 else 'apps'} x {run.count:,} {'month' if run.count == 1 else 'months'}"
        what = "a forecast table" if fmt == "table" else f"a forecast as {fmt}"
        message = f"{what} shows at most {limit:,} app-months, not {said}"
        hint = "use --format json, or fewer --months" if fmt == "csv" else "use --format csv or json, or fewer --months"
        raise InputError([InputProblem("--format", None, (), message, hint)])


def output(run: ForecastRun, fmt: str, lang: str = DEFAULT) -> str | Iterator[str] | RenderableType:
    """``run`` in ``fmt`` (json, csv, markdown, html or table): JSON in pieces, made as they are written;
    the others from the Summary read as the run is made. More app-months than ``fmt`` can hold are
    refused (check_size, InputError)."""
    check_size(run, fmt)
    if fmt == "json":
        return json_chunks(run)
    summary = Summary.read(run)
    if fmt == "csv":
        return render_csv(summary, lang)
    if fmt == "markdown":
        return render_markdown(summary, lang)
    return render_table(summary, lang)
