"""``imcost compare`` output: one column per edition, one row per fee, the cheapest that fits marked."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.compare import Comparison
from imcost.engine import AppEstimate
from imcost.money import money_human, money_str
from imcost.render.common import FEE_LABELS, SCHEMA_VERSION, item_data, problem_data
from imcost.rules.base import FEE_IDS

if TYPE_CHECKING:
    from rich.console import RenderableType


def fee_totals(estimate: AppEstimate) -> dict[str, Decimal]:
    """Amount per fee id (barrage has one item per region)."""
    totals: dict[str, Decimal] = {}
    for item in estimate.items:
        totals[item.fee] = totals.get(item.fee, Decimal(0)) + item.amount
    return totals


def fees_charged(comparison: Comparison) -> list[str]:
    """Fee ids any edition that fits is charged, in the engine's order."""
    charged = {fee for r in comparison.results if r.feasible for fee in fee_totals(r)}
    return [fee for fee in FEE_IDS if fee in charged]


def result_data(estimate: AppEstimate) -> dict[str, Any]:
    return {
        "edition": estimate.edition.id,
        "feasible": estimate.feasible,
        "total": money_str(estimate.total) if estimate.feasible else None,
        "items": [item_data(i) for i in estimate.items],
        "problems": [problem_data(p) for p in estimate.problems],
    }


def data(comparison: Comparison) -> dict[str, Any]:
    """JSON-ready: ``total`` is null for an edition that can't meet the needs (its problems say why)."""
    best = comparison.cheapest
    return {
        "schema_version": SCHEMA_VERSION,
        "month": str(comparison.month),
        "currency": comparison.book.currency,
        "app": comparison.app.name,
        "results": [result_data(r) for r in comparison.results],
        "cheapest": best.edition.id if best else None,
    }


def reasons(estimate: AppEstimate) -> str:
    return "; ".join(p.message for p in estimate.problems)


def _summary(comparison: Comparison) -> list[str]:
    lines = [f"✗ {r.edition.id}: {reasons(r)}" for r in comparison.results if not r.feasible]
    best = comparison.cheapest
    if best is None:
        lines.append("No edition compared can meet these needs.")
    else:
        lines.append(f"✓ cheapest that fits: {best.edition.title}, {money_human(best.total)} a month")
    return lines


def table(comparison: Comparison) -> RenderableType:
    """A Rich table; Rich is imported here so the other formats start fast."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    best = comparison.cheapest
    grid = Table(
        title=f"{comparison.app.name}: editions compared, {comparison.month}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_footer=True,
    )
    grid.add_column("Fee", footer="Total")
    for r in comparison.results:
        if not r.feasible:
            footer = "can't (see below)"
        else:
            footer = money_human(r.total) + (" ✓" if r is best else "")
        grid.add_column(r.edition.title, justify="right", footer=footer, no_wrap=True)
    per_fee = [fee_totals(r) for r in comparison.results]
    for fee in fees_charged(comparison):
        cells = [
            (money_human(amounts[fee]) if fee in amounts else "-") if r.feasible else ""
            for r, amounts in zip(comparison.results, per_fee, strict=True)
        ]
        grid.add_row(FEE_LABELS[fee], *cells)
    parts: list[RenderableType] = [grid]
    for line in _summary(comparison):
        parts.append(Text(line, style="bold red" if line.startswith("✗") else "bold"))
    return Group(*parts)


def csv_text(comparison: Comparison) -> str:
    """Rows: one per fee, then total (blank when it can't be bought), feasible and problems."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    results = comparison.results
    writer.writerow(["fee", *(r.edition.id for r in results)])
    per_fee = [fee_totals(r) for r in results]
    for fee in fees_charged(comparison):
        writer.writerow(
            [
                fee,
                *(money_str(a[fee]) if r.feasible and fee in a else "" for r, a in zip(results, per_fee, strict=True)),
            ]
        )
    writer.writerow(["total", *(money_str(r.total) if r.feasible else "" for r in results)])
    writer.writerow(["feasible", *(str(r.feasible).lower() for r in results)])
    writer.writerow(["problems", *(reasons(r) for r in results)])
    return out.getvalue()


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(comparison: Comparison) -> str:
    best = comparison.cheapest
    results = comparison.results
    lines = [f"# {_cell(comparison.app.name)}: editions compared, {comparison.month}", ""]
    lines.append("| Fee | " + " | ".join(r.edition.title for r in results) + " |")
    lines.append("|---|" + "---:|" * len(results))
    per_fee = [fee_totals(r) for r in results]
    for fee in fees_charged(comparison):
        cells = [
            (money_human(a[fee]) if fee in a else "-") if r.feasible else ""
            for r, a in zip(results, per_fee, strict=True)
        ]
        lines.append(f"| {FEE_LABELS[fee]} | " + " | ".join(cells) + " |")
    totals = [
        ("**" + money_human(r.total) + (" ✓" if r is best else "") + "**") if r.feasible else "can't" for r in results
    ]
    lines.append("| **Total** | " + " | ".join(totals) + " |")
    lines.append("")
    lines += [f"- {_cell(line)}" for line in _summary(comparison)]
    return "\n".join(lines) + "\n"
