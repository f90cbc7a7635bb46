"""Rich tables for people at a terminal: one table per app, then the month's total."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from imcost.engine import AppEstimate, Estimate
from imcost.money import money_human
from imcost.render.common import FEE_LABELS, quantity_text


def app_table(app: AppEstimate, month: str) -> Table:
    table = Table(
        title=f"{app.app.name}: {app.edition.title}, {month}",
        title_justify="left",
        show_footer=True,
        box=box.SIMPLE_HEAD,
        expand=True,
    )
    table.add_column("Fee", footer="Total", ratio=1)
    table.add_column("Quantity", justify="right", no_wrap=True)
    table.add_column("Unit price", justify="right", no_wrap=True)
    table.add_column("Amount", justify="right", footer=money_human(app.total), no_wrap=True)
    table.add_column("Billing", no_wrap=True, min_width=8)
    for item in app.items:
        fee = Text(FEE_LABELS[item.fee])
        fee.append(f": {item.description}", style="dim")
        table.add_row(
            fee,
            quantity_text(item),
            money_human(item.unit_price),
            money_human(item.amount),
            item.billing,
        )
    return table


def render(estimate: Estimate) -> RenderableType:
    parts: list[RenderableType] = []
    month = str(estimate.month)
    for app in estimate.apps:
        parts.append(app_table(app, month))
        for problem in app.problems:
            parts.append(Text(f"✗ not feasible: {problem.message}", style="bold red"))
        parts.append(Text(""))
    book = estimate.book
    parts.append(Text(f"Total for {month}: {money_human(estimate.total)}", style="bold"))
    parts.append(Text(f"Prices: {book.name}, in force from {book.effective.isoformat()}", style="dim"))
    return Group(*parts)
