"""Markdown: a table per app and the total, to paste into a quote or a ticket."""

from __future__ import annotations

from imcost.engine import Estimate
from imcost.money import money_human
from imcost.render.common import FEE_LABELS, quantity_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render(estimate: Estimate) -> str:
    lines = [f"# imcost estimate for {estimate.month}", ""]
    for app in estimate.apps:
        lines += [f"## {_cell(app.app.name)}: {app.edition.title}", ""]
        lines += [
            "| Fee | Description | Quantity | Unit price | Amount | Billing |",
            "|---|---|---:|---:|---:|---|",
        ]
        for item in app.items:
            cells = (
                FEE_LABELS[item.fee],
                item.description,
                quantity_text(item),
                money_human(item.unit_price),
                money_human(item.amount),
                item.billing,
            )
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append(f"| **Total** | | | | **{money_human(app.total)}** | |")
        lines.append("")
        if app.problems:
            lines.append("**Not feasible as written:**")
            lines.append("")
            lines += [f"- {_cell(p.message)}" for p in app.problems]
            lines.append("")
    book = estimate.book
    lines.append(f"**Total for {estimate.month}: {money_human(estimate.total)}** ({book.currency})")
    lines.append("")
    lines.append(f"Prices: {book.name}, in force from {book.effective.isoformat()} ({book.source}).")
    return "\n".join(lines) + "\n"
