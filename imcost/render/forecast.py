"""Forecast output: one row per month with each fee and the month's total, then the period's total."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.forecast import EditionSwitch, Forecast, ForecastMonth
from imcost.i18n import DEFAULT, colon, fee_label, t
from imcost.money import money_human, money_str
from imcost.pricebook import PriceBook
from imcost.render.common import SCHEMA_VERSION, item_data, message, period_prices, pricebook_data, prices_line
from imcost.render.months import period_text
from imcost.rules.base import FEE_IDS
from imcost.textsafe import csv_writer, visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table


def fee_totals(month: ForecastMonth) -> dict[str, Decimal]:
    """The month's amount per fee, summed over apps and regions (net of discounts)."""
    totals: dict[str, Decimal] = {}
    for app in month.estimate.apps:
        for item in app.items:
            totals[item.fee] = totals.get(item.fee, Decimal(0)) + item.amount
    return totals


def fees_charged(forecast: Forecast) -> list[str]:
    """Fee ids charged in some month of the period, in the usual order (free items count)."""
    seen = {fee for m in forecast.months for fee in fee_totals(m)}
    return [fee for fee in FEE_IDS if fee in seen]


def _book(forecast: Forecast) -> PriceBook:
    return forecast.months[0].estimate.book


def _prices(forecast: Forecast, lang: str) -> list[tuple[PriceBook, str]]:
    """The price book line(s): one per version where the period or the plan uses several."""
    uses = [(m.estimate.month, app.app.name, app.book) for m in forecast.months for app in m.estimate.apps]
    return period_prices(uses, lang) or [(_book(forecast), prices_line(_book(forecast), lang))]


def data(forecast: Forecast) -> dict[str, Any]:
    book = _book(forecast)
    return {
        "schema_version": SCHEMA_VERSION,
        "currency": book.currency,
        "pricebook": pricebook_data(book),
        "feasible": forecast.feasible,
        "total": money_str(forecast.total),
        "edition_switches": [
            {"app": s.app, "month": str(s.month), "from": s.before, "to": s.after} for s in forecast.switches
        ],
        "months": [
            {
                "month": str(m.estimate.month),
                "total": money_str(m.estimate.total),
                "feasible": m.estimate.feasible,
                "recommended": dict(m.recommended),
                # The version that priced each app this month: a book's version in force on the 1st.
                "pricebooks": {app.app.name: pricebook_data(app.book) for app in m.estimate.apps},
                "usage": {app: {"peak_dau": dau, "peak_groups": groups} for app, (dau, groups) in m.usage.items()},
                "items": [
                    {"app": app.app.name, "edition": app.edition.id, **item_data(item)}
                    for app in m.estimate.apps
                    for item in app.items
                ],
                "problems": [
                    {"app": app.app.name, "fee": p.fee, "message": p.message}
                    for app in m.estimate.apps
                    for p in app.problems
                ],
            }
            for m in forecast.months
        ],
    }


_USAGE = ("peak_dau", "peak_groups")


def usage_headers(forecast: Forecast, lang: str | None) -> list[str]:
    """The usage columns: ``peak_dau``, ``peak_groups`` (``None``: as a script reads them), else people's labels;
    with several apps, one pair per app, named after it (``chat.peak_dau``, ``chat Peak DAU``)."""
    apps = list(forecast.months[0].usage)
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


def usage_cells(month: ForecastMonth) -> list[str]:
    """Each app's peak DAU and peak groups this month, grouped by thousands."""
    return [f"{n:,}" for pair in month.usage.values() for n in pair]


def csv_header(forecast: Forecast, fees: list[str]) -> list[str]:
    """Column ids and fee ids, in every language: CSV is for scripts and spreadsheets."""
    return ["month", *usage_headers(forecast, None), *fees, "total"]


def render_csv(forecast: Forecast, lang: str = DEFAULT) -> str:
    fees = fees_charged(forecast)
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(csv_header(forecast, fees))
    for m in forecast.months:
        totals = fee_totals(m)
        amounts = [money_str(totals.get(fee, Decimal(0))) for fee in fees]
        usage = [str(n) for pair in m.usage.values() for n in pair]
        writer.writerow([str(m.estimate.month), *usage, *amounts, money_str(m.estimate.total)])
    return out.getvalue()


def _edition(edition: str | None, book: PriceBook, lang: str) -> str:
    """An edition as people read it: its id in English, its Chinese name in Chinese."""
    if edition is None:
        return t("none_feasible", lang)
    return book.editions[edition].label if lang == "zh" else edition


def switch_lines(forecast: Forecast, lang: str = DEFAULT) -> list[str]:
    """``chat: the cheapest edition changes from pro to flagship in 2027-06``."""
    book = _book(forecast)

    def line(s: EditionSwitch) -> str:
        before, after = _edition(s.before, book, lang), _edition(s.after, book, lang)
        return t("edition_switch", lang, app=s.app, before=before, after=after, month=str(s.month))

    return [line(s) for s in forecast.switches]


def _period(forecast: Forecast, lang: str) -> str:
    return period_text(forecast.months[0].estimate.month, forecast.months[-1].estimate.month, lang)


def problem_lines(forecast: Forecast, lang: str = DEFAULT) -> list[str]:
    """``✗ 2027-06 chat not feasible: ...`` for every problem of every month, in ``lang``."""
    return [
        t("month_problem", lang, month=str(m.estimate.month), app=app.app.name, message=message(p, lang))
        for m in forecast.months
        for app in m.estimate.apps
        for p in app.problems
    ]


def summary_lines(forecast: Forecast, lang: str = DEFAULT) -> list[str]:
    """The cheapest edition at the start, where it changes, and what discounts took off."""
    book = _book(forecast)
    first = forecast.months[0]
    names = t("list_separator", lang).join(
        t("edition_of_app", lang, edition=_edition(edition, book, lang), app=app)
        for app, edition in first.recommended.items()
    )
    lines = [t("cheapest_in", lang, month=str(first.estimate.month), apps=names)]
    lines += switch_lines(forecast, lang) or [t("no_switch", lang)]
    items = [item for m in forecast.months for app in m.estimate.apps for item in app.items]
    discount = sum((item.discount for item in items), Decimal(0))
    if discount:
        list_amount = money_human(sum((item.list_price for item in items), Decimal(0)))
        lines.append(t("net_of_discounts", lang, discount=money_human(discount), list_amount=list_amount))
    return lines


def total_line(forecast: Forecast, lang: str = DEFAULT) -> str:
    said = money_human(forecast.total) if forecast.feasible else t("cannot_be_quoted", lang)
    return f"{t('total_for', lang, month=_period(forecast, lang))}{colon(lang)}{said}"


def _fee_total(forecast: Forecast, fee: str) -> Decimal:
    return sum((fee_totals(m).get(fee, Decimal(0)) for m in forecast.months), Decimal(0))


def _month_cell(month: ForecastMonth) -> str:
    return f"{month.estimate.month}{'' if month.estimate.feasible else ' ✗'}"


# Billing words of the two columns a narrow forecast table folds its fees into.
_BILLING_GROUPS = {"prepaid": ("prepaid", "free"), "postpaid": ("postpaid",)}


@dataclass(frozen=True)
class _Column:
    header: str
    cells: list[str]
    footer: str


def _fee_columns(forecast: Forecast, lang: str) -> list[_Column]:
    """One column per fee charged in the period."""
    months = [fee_totals(m) for m in forecast.months]
    return [
        _Column(
            fee_label(fee, lang),
            [money_human(totals[fee]) if fee in totals else "" for totals in months],
            money_human(_fee_total(forecast, fee)),
        )
        for fee in fees_charged(forecast)
    ]


def _usage_columns(forecast: Forecast, lang: str) -> list[_Column]:
    """Each app's peak DAU and peak groups per month: the usage the month's figures assume."""
    rows = [usage_cells(m) for m in forecast.months]
    return [_Column(header, [row[i] for row in rows], "") for i, header in enumerate(usage_headers(forecast, lang))]


def _billing_columns(forecast: Forecast, lang: str) -> list[_Column]:
    """Prepaid and postpaid per month: what a fee column per fee folds into when it can't fit."""
    columns = []
    for billing, words in _BILLING_GROUPS.items():
        amounts = [
            sum((i.amount for app in m.estimate.apps for i in app.items if i.billing in words), Decimal(0))
            for m in forecast.months
        ]
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

    def __init__(self, forecast: Forecast, lang: str) -> None:
        self.forecast = forecast
        self.lang = lang

    def columns(self, width: int) -> tuple[list[_Column], list[int], bool]:
        """The money columns for ``width``, their widths, and whether they are folded by billing."""
        month = _Column(t("month_word", self.lang), [_month_cell(m) for m in self.forecast.months], "")
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
        for i, m in enumerate(forecast.months):
            table.add_row(_month_cell(m), *(column.cells[i] for column in columns), money_human(m.estimate.total))
        return table


def render_table(forecast: Forecast, lang: str = DEFAULT) -> RenderableType:
    from rich.console import Group

    from imcost.render.fit import prose

    parts: list[RenderableType] = [_ForecastTable(forecast, lang)]
    parts.extend(prose(line, lang, "bold red") for line in problem_lines(forecast, lang))
    parts.extend(prose(line, lang) for line in summary_lines(forecast, lang))
    parts.append(prose(total_line(forecast, lang), lang, "bold"))
    parts.extend(prose(line, lang, "dim") for _, line in _prices(forecast, lang))
    return Group(*parts)


def _cell(text: str) -> str:
    return visible(text).replace("|", "\\|")


def render_markdown(forecast: Forecast, lang: str = DEFAULT) -> str:
    book = _book(forecast)
    fees = fees_charged(forecast)
    usage = usage_headers(forecast, lang)
    header = [t("month_word", lang), *map(_cell, usage), *(fee_label(fee, lang) for fee in fees), t("total", lang)]
    lines = [f"# {t('forecast_title', lang, period=_period(forecast, lang))}", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|---|" + "---:|" * (len(usage) + len(fees) + 1))
    for m in forecast.months:
        totals = fee_totals(m)
        cells = [*usage_cells(m), *(money_human(totals[fee]) if fee in totals else "" for fee in fees)]
        lines.append("| " + " | ".join([_month_cell(m), *cells, money_human(m.estimate.total)]) + " |")
    footer = (
        [""] * len(usage) + [money_human(_fee_total(forecast, fee)) for fee in fees] + [money_human(forecast.total)]
    )
    lines.append(f"| **{t('total', lang)}** | " + " | ".join(f"**{c}**" if c else "" for c in footer) + " |")
    lines.append("")
    problems = problem_lines(forecast, lang)
    if problems:
        lines += [f"- {_cell(p)}" for p in problems] + [""]
    summary = [_cell(line) for line in summary_lines(forecast, lang)]
    lines += [f"{line}  " for line in summary[:-1]] + [summary[-1], ""]
    lines.append(f"**{total_line(forecast, lang)}**" + (f" ({book.currency})" if forecast.feasible else ""))
    lines.append("")
    lines += [f"{line} ({visible(priced.source)}).  " for priced, line in _prices(forecast, lang)]
    lines[-1] = lines[-1].rstrip()
    return "\n".join(lines) + "\n"
