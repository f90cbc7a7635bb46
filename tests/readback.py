"""Read amounts back out of every rendered output format, as Decimal.

Property tests compare these with each other and with the engine, to the fen.
Each reader returns ``Amounts``: the items and printed total of every app, in
order, and the printed grand total (``None`` where a format prints no totals).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

_YUAN = re.compile(r"¥([\d,]+\.\d{2})")
_TITLE = re.compile(r"^(\S.*): \S+ \(.*\), \d{4}-\d{2}\s*$")


@dataclass
class AppAmounts:
    name: str
    items: list[Decimal] = field(default_factory=list)
    total: Decimal | None = None


@dataclass
class Amounts:
    apps: list[AppAmounts] = field(default_factory=list)
    total: Decimal | None = None
    # The total line says the plan can't be quoted (an app can't be bought): no amount there.
    unquoted: bool = False


def _total(result: Amounts, line: str) -> None:
    """The month's total line: its amount, or that the plan can't be quoted (never both)."""
    money = _YUAN.findall(line)
    result.unquoted = "cannot be quoted as written" in line
    assert bool(money) != result.unquoted, line
    result.total = yuan(money[-1]) if money else None


def yuan(text: str) -> Decimal:
    """``¥1,234.50`` or ``1234.50`` as Decimal."""
    return Decimal(text.replace("¥", "").replace(",", ""))


def from_json(text: str) -> Amounts:
    data = json.loads(text)
    apps = [
        AppAmounts(app["name"], [Decimal(i["amount"]) for i in app["items"]], Decimal(app["total"]))
        for app in data["apps"]
    ]
    return Amounts(apps, Decimal(data["total"]))


def from_csv(text: str) -> Amounts:
    """CSV has one row per item and no totals."""
    result = Amounts()
    for row in csv.DictReader(io.StringIO(text)):
        if not result.apps or result.apps[-1].name != row["app"]:
            result.apps.append(AppAmounts(row["app"]))
        result.apps[-1].items.append(Decimal(row["amount"]))
    return result


def from_markdown(text: str) -> Amounts:
    result = Amounts()
    for line in text.splitlines():
        if line.startswith("## "):
            result.apps.append(AppAmounts(line[3:].rsplit(": ", 1)[0]))
        elif line.startswith("| **Total** "):  # the cells are padded to the page's column widths
            result.apps[-1].total = yuan(line.split("|")[5].strip().strip("*"))
        elif line.startswith("| ") and _YUAN.search(line):
            result.apps[-1].items.append(yuan(line.split(" | ")[4]))
        elif line.startswith("**Total for "):
            _total(result, line)
            break  # what follows (the nearest edition that fits, prices) is not the apps'
    return result


def from_table(text: str) -> Amounts:
    """A Rich table recorded as text: per-app titles, item rows, footers, then the month's total."""
    result = Amounts()
    for line in text.splitlines():
        title = _TITLE.match(line)
        money = _YUAN.findall(line)
        if title:
            result.apps.append(AppAmounts(title.group(1)))
        elif line.startswith("Total for "):
            _total(result, line)
            break  # what follows (the nearest edition that fits, prices) is not the apps'
        elif money and line.strip().startswith("Total "):
            result.apps[-1].total = yuan(money[-1])
        elif money:
            # Unit price, then amount; wrapped description lines carry no money.
            result.apps[-1].items.append(yuan(money[-1]))
    return result
