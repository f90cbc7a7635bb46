"""``imcost recommend`` output: per app the cheapest edition that fits, its items, the saving, the losers."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.compare import Recommendation, Rejected
from imcost.money import money_human, money_str
from imcost.render.common import SCHEMA_VERSION, item_data, problem_data

if TYPE_CHECKING:
    from rich.console import RenderableType


def _money(amount: Any) -> str | None:
    return None if amount is None else money_str(amount)


def why_rejected(rejected: Rejected) -> str:
    """``trial: users: needs 1,000, ...`` or ``flagship: costs ¥900.00 more (¥2,999.00)``."""
    r = rejected.estimate
    if not r.feasible:
        return f"{r.edition.id}: can't: " + "; ".join(p.message for p in r.problems)
    if rejected.extra == 0:
        return f"{r.edition.id}: costs the same ({money_human(r.total)})"
    return f"{r.edition.id}: costs {money_human(rejected.extra or Decimal(0))} more ({money_human(r.total)})"


def app_data(rec: Recommendation) -> dict[str, Any]:
    best, current = rec.recommended, rec.current
    return {
        "name": rec.comparison.app.name,
        "current": current.edition.id if current else None,
        "current_total": money_str(current.total) if current and current.feasible else None,
        "current_problems": [problem_data(p) for p in current.problems] if current else [],
        "recommended": best.edition.id if best else None,
        "recommended_total": money_str(best.total) if best else None,
        "saving": _money(rec.saving),
        "yearly_saving": _money(rec.yearly_saving),
        "items": [item_data(i) for i in best.items] if best else [],
        "rejected": [
            {
                "edition": r.estimate.edition.id,
                "feasible": r.estimate.feasible,
                "total": money_str(r.estimate.total) if r.estimate.feasible else None,
                "extra": _money(r.extra),
                "reason": why_rejected(r),
            }
            for r in rec.rejected
        ],
        "unmet": [problem_data(p) for p in rec.unmet],
    }


def data(recs: Sequence[Recommendation]) -> dict[str, Any]:
    first = recs[0].comparison
    return {
        "schema_version": SCHEMA_VERSION,
        "month": str(first.month),
        "currency": first.book.currency,
        "apps": [app_data(r) for r in recs],
    }


def summary(rec: Recommendation) -> list[str]:
    """The lines under an app's items: current edition and saving, then one line per losing edition."""
    lines: list[str] = []
    current = rec.current
    if current is not None and not current.feasible:
        lines.append(f"current: {current.edition.title} can't meet the needs (reasons below)")
    elif current is not None and current is rec.recommended:
        lines.append(f"current: {current.edition.title}, {money_human(current.total)} a month: already the cheapest")
    elif current is not None and rec.saving is not None:
        lines.append(
            f"current: {current.edition.title}, {money_human(current.total)} a month; saving "
            f"{money_human(rec.saving)} a month, {money_human(rec.yearly_saving or Decimal(0))} a year"
        )
    lines += [f"✗ {why_rejected(r)}" for r in rec.rejected]
    return lines


def headline(rec: Recommendation) -> str:
    name = rec.comparison.app.name
    best = rec.recommended
    if best is None:
        return f"{name}: no edition can meet the needs: " + "; ".join(p.message for p in rec.unmet)
    return f"{name}: recommended {best.edition.title}, {money_human(best.total)} a month"


def table(recs: Sequence[Recommendation]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from imcost.render.table import app_table

    parts: list[RenderableType] = []
    for rec in recs:
        parts.append(Text(headline(rec), style="bold"))
        if rec.recommended is not None:
            parts.append(app_table(rec.recommended, str(rec.comparison.month)))
        for line in summary(rec):
            parts.append(Text(line, style="dim" if line.startswith("✗") else ""))
        parts.append(Text(""))
    return Group(*parts)


CSV_COLUMNS = ("app", "current", "current_total", "recommended", "recommended_total", "saving", "yearly_saving")


def csv_text(recs: Sequence[Recommendation]) -> str:
    """One row per app; blank cells where there is nothing to say (no current edition, none fits)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for rec in recs:
        row = app_data(rec)
        writer.writerow([row["name"], *("" if row[c] is None else row[c] for c in CSV_COLUMNS[1:])])
    return out.getvalue()


def markdown(recs: Sequence[Recommendation]) -> str:
    from imcost.render.common import FEE_LABELS, quantity_text

    lines = [f"# imcost recommendation for {recs[0].comparison.month}", ""]
    for rec in recs:
        lines += [f"## {headline(rec)}".replace("|", "\\|"), ""]
        if rec.recommended is not None:
            lines += ["| Fee | Description | Quantity | Amount |", "|---|---|---:|---:|"]
            for item in rec.recommended.items:
                cells = (FEE_LABELS[item.fee], item.description, quantity_text(item), money_human(item.amount))
                lines.append("| " + " | ".join(cells) + " |")
            lines += [f"| **Total** | | | **{money_human(rec.recommended.total)}** |", ""]
        lines += [f"- {line}".replace("|", "\\|") for line in summary(rec)]
        lines.append("")
    return "\n".join(lines)
