"""Schedule output: every charge with its date, what it covers and whether it is prepaid or postpaid."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from imcost.money import money_human, money_str
from imcost.pricebook import PriceBook
from imcost.render.common import FEE_LABELS, SCHEMA_VERSION
from imcost.render.months import period_text
from imcost.schedule import Charge, Schedule

CSV_COLUMNS = ("date", "app", "fee", "description", "amount", "billing", "covers", "month")


if TYPE_CHECKING:
    from rich.console import RenderableType


def covers(charge: Charge) -> str:
    return f"{charge.covers[0].isoformat()}..{charge.covers[1].isoformat()}"


def charge_data(charge: Charge) -> dict[str, str]:
    return {
        "date": charge.day.isoformat(),
        "app": charge.app,
        "fee": charge.fee,
        "description": charge.description,
        "amount": money_str(charge.amount),
        "billing": charge.billing,
        "covers": covers(charge),
        "month": str(charge.month),
    }


def data(schedule: Schedule, book: PriceBook) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "currency": book.currency,
        "months": [str(m) for m in schedule.months],
        "feasible": schedule.feasible,
        "problems": [
            {"app": app, "month": str(month), "fee": p.fee, "message": p.message} for app, month, p in schedule.problems
        ],
        "charges": [charge_data(c) for c in schedule.charges],
        "total": money_str(schedule.total),
    }


def render_csv(schedule: Schedule) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for charge in schedule.charges:
        row = charge_data(charge)
        writer.writerow([row[c] for c in CSV_COLUMNS])
    return out.getvalue()


def render_table(schedule: Schedule) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    first, last = schedule.months[0], schedule.months[-1]
    table = Table(
        title=f"Charges for {period_text(first, last)}",
        title_justify="left",
        show_footer=True,
        box=box.SIMPLE_HEAD,
        expand=True,
    )
    table.add_column("Date", footer="Total", no_wrap=True)
    table.add_column("App")
    table.add_column("Fee", ratio=1)
    table.add_column("Covers", no_wrap=True)
    table.add_column("Billing", no_wrap=True)
    table.add_column("Amount", justify="right", footer=money_human(schedule.total), no_wrap=True)
    for c in schedule.charges:
        fee = Text(FEE_LABELS[c.fee])
        fee.append(f": {c.description}", style="dim")
        table.add_row(c.day.isoformat(), c.app, fee, covers(c), c.billing, money_human(c.amount))
    parts: list[RenderableType] = [table]
    for app, month, p in schedule.problems:
        parts.append(Text(f"✗ {month} {app} not feasible: {p.message}", style="bold red"))
    parts.append(Text(f"Total charged for {period_text(first, last)}: {money_human(schedule.total)}", style="bold"))
    return Group(*parts)
