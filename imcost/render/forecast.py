"""Forecast output: one row per month with each fee and the month's total, then the period's total."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.forecast import Forecast, ForecastMonth
from imcost.money import money_human, money_str
from imcost.render.common import FEE_LABELS, SCHEMA_VERSION, item_data
from imcost.render.months import period_text
from imcost.rules.base import FEE_IDS

if TYPE_CHECKING:
    from rich.console import RenderableType


def fee_totals(month: ForecastMonth) -> dict[str, Decimal]:
    """The month's amount per fee, summed over apps and regions."""
    totals: dict[str, Decimal] = {}
    for app in month.estimate.apps:
        for item in app.items:
            totals[item.fee] = totals.get(item.fee, Decimal(0)) + item.amount
    return totals


def fees_charged(forecast: Forecast) -> list[str]:
    """Fee ids charged in some month of the period, in the usual order (free items count)."""
    seen = {fee for m in forecast.months for fee in fee_totals(m)}
    return [fee for fee in FEE_IDS if fee in seen]


def data(forecast: Forecast) -> dict[str, Any]:
    first = forecast.months[0].estimate
    return {
        "schema_version": SCHEMA_VERSION,
        "currency": first.book.currency,
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


def render_csv(forecast: Forecast) -> str:
    fees = fees_charged(forecast)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["month", *fees, "total"])
    for m in forecast.months:
        totals = fee_totals(m)
        amounts = [money_str(totals.get(fee, Decimal(0))) for fee in fees]
        writer.writerow([str(m.estimate.month), *amounts, money_str(m.estimate.total)])
    return out.getvalue()


def switch_lines(forecast: Forecast) -> list[str]:
    """``chat: the cheapest edition changes from pro to flagship in 2027-06``."""
    lines = []
    for s in forecast.switches:
        before, after = s.before or "none feasible", s.after or "none feasible"
        lines.append(f"{s.app}: the cheapest edition changes from {before} to {after} in {s.month}")
    return lines


def render_table(forecast: Forecast) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    fees = fees_charged(forecast)
    first, last = forecast.months[0].estimate.month, forecast.months[-1].estimate.month
    table = Table(
        title=f"Forecast {period_text(first, last)}",
        title_justify="left",
        show_footer=True,
        box=box.SIMPLE_HEAD,
        expand=True,
    )
    table.add_column("Month", footer="Total", no_wrap=True)
    for fee in fees:
        total = sum((fee_totals(m).get(fee, Decimal(0)) for m in forecast.months), Decimal(0))
        table.add_column(FEE_LABELS[fee], justify="right", footer=money_human(total))
    table.add_column("Total", justify="right", footer=money_human(forecast.total), no_wrap=True)
    for m in forecast.months:
        totals = fee_totals(m)
        cells = [money_human(totals[fee]) if fee in totals else "" for fee in fees]
        mark = "" if m.estimate.feasible else " ✗"
        table.add_row(f"{m.estimate.month}{mark}", *cells, money_human(m.estimate.total))
    parts: list[RenderableType] = [table]
    for m in forecast.months:
        for app in m.estimate.apps:
            for p in app.problems:
                parts.append(Text(f"✗ {m.estimate.month} {app.app.name} not feasible: {p.message}", style="bold red"))
    recommended = forecast.months[0].recommended
    names = ", ".join(f"{app} {edition or 'none feasible'}" for app, edition in recommended.items())
    parts.append(Text(f"Cheapest edition in {first}: {names}"))
    parts.extend(Text(line) for line in switch_lines(forecast))
    if not forecast.switches:
        parts.append(Text("The cheapest edition does not change over the period."))
    parts.append(Text(f"Total for {period_text(first, last)}: {money_human(forecast.total)}", style="bold"))
    return Group(*parts)
