"""Plain listings (the price list, the quota table, a diff) in the formats people and scripts read.

A listing is a title, a few notes, and rows of cells. Money cells are Decimal
and show as ``¥2,999.00`` for people and ``2999.00`` in CSV; ``None`` means
unlimited.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from imcost.i18n import DEFAULT, t
from imcost.money import money_human, money_str
from imcost.textsafe import csv_writer, visible

if TYPE_CHECKING:
    from rich.console import RenderableType

Cell = Decimal | int | str | None


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False
    # Never folded (an id to copy): the other columns wrap instead.
    no_wrap: bool = False


@dataclass(frozen=True)
class Listing:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    notes: Sequence[str] = ()


def human(cell: Cell, lang: str = DEFAULT) -> str:
    if cell is None:
        return t("unlimited", lang)
    if isinstance(cell, Decimal):
        return money_human(cell)
    if isinstance(cell, int):
        return f"{cell:,}"
    return visible(cell)


def machine(cell: Cell) -> str:
    if cell is None:
        return "unlimited"
    if isinstance(cell, Decimal):
        return money_str(cell)
    return str(cell)


def to_table(listing: Listing, lang: str = DEFAULT) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table

    from imcost.render.fit import Fitted, Words, prose

    table = Table(title=visible(listing.title), title_justify="left", box=box.SIMPLE_HEAD)
    for column in listing.columns:
        # Amounts (and ids to copy) whole on one line; text wraps between words, never cut.
        no_wrap = column.no_wrap or column.numeric
        table.add_column(visible(column.label), justify="right" if column.numeric else "left", no_wrap=no_wrap)
    for row in listing.rows:
        table.add_row(*(human(c, lang) if isinstance(c, Decimal | int) else Words(human(c, lang)) for c in row))
    return Group(Fitted(table, lang), *(prose(visible(note), lang, "dim") for note in listing.notes))


def to_markdown(listing: Listing, lang: str = DEFAULT) -> str:
    def cell(text: str) -> str:
        return visible(text).replace("|", "\\|")

    lines = [f"# {cell(listing.title)}", ""]
    lines.append("| " + " | ".join(cell(c.label) for c in listing.columns) + " |")
    lines.append("|" + "".join("---:|" if c.numeric else "---|" for c in listing.columns))
    lines += ["| " + " | ".join(cell(human(c, lang)) for c in row) + " |" for row in listing.rows]
    if listing.notes:
        lines.append("")
        lines += [f"{cell(note)}  " for note in listing.notes[:-1]] + [cell(listing.notes[-1])]
    return "\n".join(lines) + "\n"


def to_csv(listing: Listing, header: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(header)
    writer.writerows([machine(c) for c in row] for row in listing.rows)
    return out.getvalue()
