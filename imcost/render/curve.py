"""``imcost compare`` over a range: one row per value, one column per edition, bars, break-even points."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.money import money_human, money_str
from imcost.render.common import SCHEMA_VERSION
from imcost.sweep import BreakEven, Sweep

if TYPE_CHECKING:
    from rich.console import RenderableType

ROWS_MARK = "\x00rows\x00"
BAR_WIDTH = 24
EIGHTHS = " ▏▎▍▌▋▊▉"


def _money_cache() -> Callable[[Decimal | None], str | None]:
    """money_str, memoised: a curve has few distinct totals and up to a million cells."""
    seen: dict[Decimal, str] = {}

    def text(amount: Decimal | None) -> str | None:
        if amount is None:
            return None
        found = seen.get(amount)
        if found is None:
            found = seen[amount] = money_str(amount)
        return found

    return text


def data(sweep: Sweep) -> dict[str, Any]:
    """JSON-ready: a total is null where the edition can't meet the needs."""
    names = sweep.editions
    money = _money_cache()
    return {
        "schema_version": SCHEMA_VERSION,
        "month": str(sweep.month),
        "currency": sweep.book.currency,
        "app": sweep.app.name,
        "variable": sweep.variable.name,
        "editions": list(names),
        "rows": [
            {
                "value": row.value,
                "totals": {n: money(t) for n, t in zip(names, row.totals, strict=True)},
                "cheapest": row.cheapest,
            }
            for row in sweep.rows
        ],
        "break_even": [{"at": b.at, "from": b.before, "to": b.after} for b in sweep.break_even],
    }


def dumps(document: dict[str, Any]) -> str:
    """Like jsonout.dumps (sorted keys, indented), but each row on one line: readable and fast for big sweeps."""
    head = {k: v for k, v in document.items() if k != "rows"}
    head["rows"] = ROWS_MARK
    text = json.dumps(head, sort_keys=True, ensure_ascii=False, indent=2)
    rows = document["rows"]
    if rows:
        encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode
        body = ",\n".join(["    " + encode(r) for r in rows])
        listed = "[\n" + body + "\n  ]"
    else:
        listed = "[]"
    return text.replace(json.dumps(ROWS_MARK), listed, 1) + "\n"


def bar(amount: Decimal, scale: Decimal) -> str:
    """A horizontal bar, ``amount / scale`` of BAR_WIDTH, drawn to an eighth of a cell."""
    if scale <= 0:
        return ""
    eighths = int(amount * BAR_WIDTH * 8 / scale)
    return "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")


def describe(b: BreakEven, variable: str) -> str:
    before = b.before or "no edition"
    after = b.after or "no edition fits"
    return f"break-even at {variable} {b.at:,}: {before} → {after}"


def table(sweep: Sweep) -> RenderableType:
    """The curve as bars: each row's bar is the cheapest total that fits, labelled with its edition."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    editions = [sweep.book.editions[e] for e in sweep.editions]
    grid = Table(
        title=f"{sweep.app.name}: cost by {sweep.variable.name}, {sweep.month}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    grid.add_column(sweep.variable.name, justify="right", no_wrap=True)
    for edition in editions:
        grid.add_column(edition.id, justify="right", no_wrap=True)
    grid.add_column("cheapest", no_wrap=True)
    best = [min((t for t in row.totals if t is not None), default=None) for row in sweep.rows]
    scale = max((t for t in best if t is not None), default=Decimal(0))
    for row, lowest in zip(sweep.rows, best, strict=True):
        cells = ["can't" if t is None else money_human(t) for t in row.totals]
        curve = "none fits" if lowest is None else f"{bar(lowest, scale)} {row.cheapest}"
        grid.add_row(f"{row.value:,}", *cells, curve)
    parts: list[RenderableType] = [grid]
    for b in sweep.break_even:
        parts.append(Text(describe(b, sweep.variable.name), style="bold"))
    if not sweep.break_even:
        parts.append(Text("no break-even: the cheapest edition is the same across the range", style="bold"))
    return Group(*parts)


def csv_text(sweep: Sweep) -> str:
    """The rows for a spreadsheet: value, one total per edition (blank: can't be bought), cheapest."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([sweep.variable.name, *sweep.editions, "cheapest"])
    money = _money_cache()
    for row in sweep.rows:
        writer.writerow([row.value, *(money(t) or "" for t in row.totals), row.cheapest or ""])
    return out.getvalue()


def markdown(sweep: Sweep) -> str:
    lines = [f"# {sweep.app.name}: cost by {sweep.variable.name}, {sweep.month}", ""]
    lines.append(f"| {sweep.variable.name} | " + " | ".join(sweep.editions) + " | cheapest |")
    lines.append("|---:|" + "---:|" * len(sweep.editions) + "---|")
    for row in sweep.rows:
        cells = ["can't" if t is None else money_human(t) for t in row.totals]
        lines.append(f"| {row.value:,} | " + " | ".join(cells) + f" | {row.cheapest or 'none fits'} |")
    lines.append("")
    lines += [f"- {describe(b, sweep.variable.name)}" for b in sweep.break_even]
    if not sweep.break_even:
        lines.append("- no break-even: the cheapest edition is the same across the range")
    return "\n".join(lines) + "\n"
