"""Discounts: percent off the list price per fee id, applied after the rules.

A plan (or one app of it) says ``discounts: {package: 15%, all: 5%}``. A fee
named in the mapping gets that percentage; ``all`` covers every fee not named.
An app's own ``discounts:`` replaces the plan's for that app entirely. Each
item's net amount is rounded to the fen, half-up, on its own, so the total (a
sum of items) is a sum of rounded amounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from imcost.errors import KeyPath
from imcost.fields import Fields, describe
from imcost.items import FEE_IDS, LineItem
from imcost.money import to_fen
from imcost.numtext import digits_problem

ALL = "all"
HUNDRED = Decimal(100)
# A plain decimal in ASCII digits (imcost.numtext): 015% and １５% are refused, as 0100 and １２３ are.
_PERCENT = re.compile(r"^\s*((?:0|[1-9][0-9]*)(?:\.[0-9]{1,40})?)\s*%\s*$")

# Discount percentage by fee id (or ``all``).
Discounts = Mapping[str, Decimal]


def discount_keys() -> tuple[str, ...]:
    """Every key a ``discounts:`` mapping may hold: the fee ids, then ``all``."""
    return (*FEE_IDS, ALL)


def read_discounts(fields: Fields, value: Any, path: KeyPath) -> dict[str, Decimal]:
    """Read a ``discounts:`` mapping; bad percentages and unknown fee ids become problems."""
    if value is None:
        return {}
    found: dict[str, Decimal] = {}
    for fee, raw in fields.mapping(value, path, discount_keys()).items():
        percent = parse_percent(raw)
        digits = digits_problem(raw) if isinstance(raw, str) else None
        if digits is not None:
            fields.fail((*path, fee), *digits)
        elif percent is None:
            hint = f"write it as {raw}%" if isinstance(raw, int | Decimal) and not isinstance(raw, bool) else None
            fields.fail((*path, fee), f"expected a percentage from 0% to 100% like 15%, got {describe(raw)}", hint)
        else:
            found[fee] = percent
    return found


def parse_percent(value: Any) -> Decimal | None:
    """``"15%"`` -> 15; None for anything that is not a number from 0 to 100 followed by %."""
    if not isinstance(value, str):
        return None
    match = _PERCENT.match(value)
    if match is None:
        return None
    percent = Decimal(match.group(1))
    return percent if percent <= HUNDRED else None


def rate_for(fee: str, discounts: Discounts) -> Decimal:
    """The percentage off ``fee``: its own entry, else ``all``, else none."""
    return discounts.get(fee, discounts.get(ALL, Decimal(0)))


def net_amount(list_amount: Decimal, percent: Decimal) -> Decimal:
    """The list amount less ``percent``, rounded to the fen half-up."""
    return to_fen(list_amount * (HUNDRED - percent) / HUNDRED)


def apply(items: Iterable[LineItem], discounts: Discounts) -> tuple[LineItem, ...]:
    """The line items with their discounts applied; ``amount`` becomes the net amount."""
    out: list[LineItem] = []
    for item in items:
        percent = rate_for(item.fee, discounts)
        if percent:
            net = net_amount(item.amount, percent)
            item = replace(item, list_amount=item.amount, discount_percent=percent, amount=net)
        out.append(item)
    return tuple(out)
