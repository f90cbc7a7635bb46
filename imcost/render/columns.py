"""Column widths shared by every table of a page, so that the apps' tables line up.

Markdown pads its cells to them (imcost.render.markdown); an HTML page gives every
table the same ``<colgroup>`` under ``table-layout: fixed`` (imcost.render.htmlpage).
Widths are in terminal cells: a Chinese character counts 2, as it is about twice a digit's width.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len

from imcost.engine import Estimate
from imcost.i18n import DEFAULT, t, word
from imcost.money import money_human
from imcost.render.common import discount_text, quantity_text


def width(text: str) -> int:
    """``text``'s width in terminal cells (ASCII, most cells of a page, without asking Rich)."""
    return len(text) if text.isascii() else cell_len(text)


def column_widths(rows: Iterable[Sequence[str]]) -> list[int]:
    """The width of each column of a page's tables: its widest cell."""
    widths: list[int] = []
    for row in rows:
        if len(widths) < len(row):
            widths += [0] * (len(row) - len(widths))
        for index, cell in enumerate(row):
            size = width(cell)
            if size > widths[index]:
                widths[index] = size
    return widths


def html_colgroup(estimate: Estimate, lang: str = DEFAULT, discounted: bool = False) -> str:
    """The ``<colgroup>`` every app table of an estimate's page shares.

    The fee column (with its description below) takes what the others leave; each other
    column is as wide as its widest cell on the page, header and total included, plus the
    cell's padding (1.2rem) and a character for the bold total.
    """
    money = ["list_amount", "discount", "amount"] if discounted else ["amount"]
    head = [t(key, lang) for key in ("quantity", "unit_price", *money, "billing")]
    rows: list[Sequence[str]] = [head]
    for app in estimate.apps:
        rows.append(["", "", *[""] * (len(money) - 1), money_human(app.total), ""])
        for item in app.items:
            amounts = [money_human(item.list_price), discount_text(item)] if discounted else []
            amount = money_human(item.amount)
            rows.append(
                [quantity_text(item, lang), money_human(item.unit_price), *amounts, amount, word(item.billing, lang)]
            )
    cols = "".join(f'<col style="width: calc({w + 1}ch + 1.2rem)">' for w in column_widths(rows))
    return f'<colgroup><col class="fee">{cols}</colgroup>'
