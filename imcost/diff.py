"""Compare two estimates fee by fee: what each app pays more or less, and the total change.

Either side is a plan file (estimated here) or a saved ``--format json``
output, told apart by content: a JSON document with ``schema_version`` is an
output, anything else is read as a plan.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from imcost.engine import Estimate
from imcost.errors import InputError, InputProblem
from imcost.infile import display_name
from imcost.money import to_fen
from imcost.month import Month
from imcost.numtext import MAX_DECIMALS, form_problem, too_fine
from imcost.period import daily_span, estimate_month
from imcost.plan import Plan, parse_plan
from imcost.pricebook import PriceBook, Versions
from imcost.rules.base import FEE_IDS
from imcost.textsafe import quoted
from imcost.yamldoc import load, read_text

# Amounts in a saved estimate stay below 10**MAX_SAVED_DIGITS yuan: far more than any
# estimate imcost writes, and small enough that every sum of them is exact.
MAX_SAVED_DIGITS = 40
MAX_SAVED_AMOUNT = Decimal(10) ** MAX_SAVED_DIGITS

# (app name, fee id): one line of a diff.
Key = tuple[str, str]


@dataclass(frozen=True)
class Side:
    """One side of a diff: amounts per app and fee (items of a fee summed), and the total."""

    file: str
    month: str
    total: Decimal
    amounts: dict[Key, Decimal]
    # Each app's edition id ("" where a saved output doesn't say).
    editions: dict[str, str]


@dataclass(frozen=True)
class Change:
    app: str
    fee: str
    old: Decimal | None
    new: Decimal | None

    @property
    def delta(self) -> Decimal:
        return (self.new or Decimal(0)) - (self.old or Decimal(0))

    @property
    def marker(self) -> str:
        """``+`` only in the new, ``-`` only in the old, ``~`` changed, blank unchanged."""
        if self.old is None:
            return "+"
        if self.new is None:
            return "-"
        return "~" if self.old != self.new else " "

    @property
    def kind(self) -> str:
        return {"+": "added", "-": "removed", "~": "changed", " ": "unchanged"}[self.marker]


@dataclass(frozen=True)
class Diff:
    old: Side
    new: Side
    changes: tuple[Change, ...]

    @property
    def delta(self) -> Decimal:
        return self.new.total - self.old.total

    @property
    def differs(self) -> bool:
        """Whether anything differs: an amount, an item only on one side, an app's edition."""
        return any(c.marker != " " for c in self.changes) or bool(self.edition_changes)

    @property
    def edition_changes(self) -> tuple[tuple[str, str, str], ...]:
        """(app, old edition, new edition) for each app on both sides whose edition differs."""
        return tuple(
            (app, edition, self.new.editions[app])
            for app, edition in self.old.editions.items()
            if app in self.new.editions and edition and self.new.editions[app] and edition != self.new.editions[app]
        )

    @property
    def percent(self) -> Decimal | None:
        """The total's change in percent of the old total, to 0.01; None when the old total is 0."""
        if not self.old.total:
            return None
        return to_fen(self.delta * 100 / self.old.total)


def side_of_estimate(estimate: Estimate, file: str) -> Side:
    amounts: dict[Key, Decimal] = {}
    for app in estimate.apps:
        for item in app.items:
            key = (app.app.name, item.fee)
            amounts[key] = amounts.get(key, Decimal(0)) + item.amount
    editions = {app.app.name: app.edition.id for app in estimate.apps}
    return Side(file, str(estimate.month), estimate.total, amounts, editions)


def side_of_json(data: dict[str, Any], file: str) -> Side:
    """A saved ``imcost estimate --format json`` output; a malformed one is an input error."""

    def bad(message: str) -> InputError:
        return InputError([InputProblem(file, None, (), f"not an imcost JSON estimate: {message}")])

    def money(value: Any, where: str) -> Decimal:
        if value is None:
            raise bad(f"{where} is missing")
        form = form_problem(value) if isinstance(value, str) else None
        if form is not None:
            raise InputError(
                [InputProblem(file, None, (), f"not an imcost JSON estimate: {where}: {form[0]}", form[1])]
            )
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise bad(f"{where} is {quoted(str(value))}, expected an amount like 2999.00") from None
        if not amount.is_finite():
            raise bad(f"{where} is {quoted(str(value))}, expected an amount like 2999.00")
        if abs(amount) >= MAX_SAVED_AMOUNT or too_fine(amount):
            raise bad(
                f"{where} is {quoted(str(value))}, outside what imcost computes exactly "
                f"(below 10**{MAX_SAVED_DIGITS} yuan, at most {MAX_DECIMALS} decimal places)"
            )
        return amount

    apps = data.get("apps")
    months = data.get("months")
    if isinstance(months, list) and len(months) > 1 or not isinstance(apps, list) and isinstance(months, list):
        message = "a saved estimate of several months (a plan with daily figures); diff compares one month"
        hint = "save it with --month YYYY-MM"
        raise InputError([InputProblem(file, None, (), message, hint)])
    if not isinstance(apps, list):
        raise bad("no list of apps")
    amounts: dict[Key, Decimal] = {}
    editions: dict[str, str] = {}
    for i, app in enumerate(apps):
        items = app.get("items") if isinstance(app, dict) else None
        if not isinstance(items, list) or not isinstance(app.get("name"), str):
            raise bad(f"apps[{i}] has no name or no list of items")
        edition = app.get("edition")
        editions[app["name"]] = edition if isinstance(edition, str) else ""
        for j, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("fee"), str):
                raise bad(f"apps[{i}].items[{j}] has no fee")
            key = (app["name"], item["fee"])
            amounts[key] = amounts.get(key, Decimal(0)) + money(item.get("amount"), f"apps[{i}].items[{j}].amount")
    return Side(file, str(data.get("month", "")), money(data.get("total"), "total"), amounts, editions)


def load_side(path: Path, book: PriceBook | Versions, month: Month | None = None) -> Side:
    """Read one side: a saved JSON estimate as it is, a plan file estimated with ``book``."""
    file = display_name(path)
    text = read_text(path, file)
    if text.lstrip().startswith("{"):
        try:
            # Numbers as Decimal: a float would round 0.1 and turn 1e400 into infinity.
            data = json.loads(text, parse_float=Decimal, parse_int=Decimal)
        except ValueError:
            data = None
        except RecursionError:
            message = "not an imcost JSON estimate: values are nested too deeply to read (a saved one nests 5 levels)"
            raise InputError([InputProblem(file, None, (), message)]) from None
        if isinstance(data, dict) and "schema_version" in data:
            return side_of_json(data, file)
    plan = parse_plan(load(text, file), book, month)
    return side_of_estimate(estimate_month(plan, month or _one_month(plan, file), book).estimate, file)


def _one_month(plan: Plan, file: str) -> Month:
    """The month a plan is estimated for: its own, or the one month its daily figures cover."""
    span = daily_span(plan)
    if span is not None and span.count > 1:
        message = f"its daily figures cover {span.first}..{span.last}; diff compares one month"
        raise InputError([InputProblem(file, None, (), message, "add --month YYYY-MM")])
    return span.first if span is not None else plan.month


def compare(old: Side, new: Side) -> Diff:
    """Every (app, fee) of either side: apps in the old side's order (new apps last), fees in estimate order."""
    keys = list(dict.fromkeys([*old.amounts, *new.amounts]))
    # Each app's place, looked up once: list.index per key made a diff of 85,000 apps take minutes.
    apps = {app: i for i, app in enumerate(dict.fromkeys(app for app, _ in keys))}
    fees = {fee: i for i, fee in enumerate(FEE_IDS)}
    keys.sort(key=lambda k: (apps[k[0]], fees.get(k[1], len(fees))))
    changes = tuple(Change(app, fee, old.amounts.get((app, fee)), new.amounts.get((app, fee))) for app, fee in keys)
    return Diff(old, new, changes)
