"""Charge schedule: every charge of a plan with the day it is taken.

Prepaid items (the package, capacity add-ons, the security service) are bought by
cycle: each cycle runs from day T to the day before T of the next month and is
charged on its first day. Cycle k starts on ``purchased_on + k months`` (dateutil's
relativedelta, which clamps to the month's end), always counted from the purchase
day, so a cycle bought on 31 January starts on 28 February and again on 31 March.
Postpaid items of a natural month are deducted on the 3rd of the next (the price
book's ``postpaid_day``: Easemob deducts on the 1st). The charges for a month's
usage add up to that month's estimate, except where a price book version takes
effect after the month's first day: a cycle starting on or after it is priced with
that version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from imcost.engine import estimate_app, version_for
from imcost.errors import InputProblem, raise_if
from imcost.month import LAST_MONTH, Month
from imcost.period import MAX_MONTHS, daily_span, estimate_month, period_notes, period_problems, too_many_months
from imcost.plan import Plan
from imcost.pricebook import POSTPAID_DAY as BOOK_POSTPAID_DAY
from imcost.pricebook import PriceBook, Versions
from imcost.rules.base import LineItem, Problem
from imcost.textsafe import quoted
from imcost.yearly import with_yearly_packs

DEFAULT_MONTHS = 12
# Postpaid items are deducted in the month after: the last month whose charges have a date.
LAST_SCHEDULED = LAST_MONTH.plus(-1)
# 每月3日扣除上一个自然月所产生的费用 (Tencent); a book may name another day (``postpaid_day``).
POSTPAID_DAY = BOOK_POSTPAID_DAY


def cycle(purchased_on: date, k: int, months: int = 1) -> tuple[date, date]:
    """The k-th prepaid cycle (0 = the first): its first and last day; ``months`` long (a yearly pack: 12)."""
    first = purchased_on + relativedelta(months=k)
    last = purchased_on + relativedelta(months=k + months) - timedelta(days=1)
    return first, last


def months_between(earlier: Month, later: Month) -> int:
    """How many natural months ``later`` is after ``earlier``."""
    delta = relativedelta(later.first_day, earlier.first_day)
    return delta.years * 12 + delta.months


def deduction_day(month: Month, settled_daily: bool = False, postpaid_day: int = POSTPAID_DAY) -> date:
    """The day postpaid items of ``month`` are deducted: the 3rd of the next month (or the book's day).

    An item settled day by day (cloud moderation, 日结) is taken as the days pass;
    imcost knows only the month's total, so it is dated the 1st of the next month,
    when the month's last day is settled.
    """
    return month.first_day + relativedelta(months=1, day=1 if settled_daily else postpaid_day)


@dataclass(frozen=True)
class Charge:
    """One line item of ``month``'s estimate, taken on ``day`` for usage or a cycle within ``covers``."""

    day: date
    app: str
    item: LineItem
    covers: tuple[date, date]
    month: Month
    # The price book version that priced it: a cycle's is the one in force on its first day.
    book: PriceBook | None = None

    @property
    def fee(self) -> str:
        return self.item.fee

    @property
    def description(self) -> str:
        return self.item.description

    @property
    def amount(self) -> Decimal:
        """What is taken: the net amount when a discount applies."""
        return self.item.amount

    @property
    def billing(self) -> str:
        return self.item.billing


@dataclass(frozen=True)
class Schedule:
    months: tuple[Month, ...]
    charges: tuple[Charge, ...]
    problems: tuple[tuple[str, Month, Problem], ...]
    notes: tuple[str, ...]
    book: PriceBook
    # Every app of the plan, charged or not.
    apps: tuple[str, ...] = ()

    @property
    def total(self) -> Decimal:
        return sum((c.amount for c in self.charges), Decimal(0))

    @property
    def feasible(self) -> bool:
        return not self.problems

    def month_total(self, month: Month) -> Decimal:
        """What the charges for ``month``'s usage and cycles add up to, whenever taken."""
        return sum((c.amount for c in self.charges if c.month == month), Decimal(0))


def first_month(plan: Plan) -> Month:
    """The earliest purchase month of the plan's apps (the plan's month if none is bought)."""
    bought = [Month.of(a.purchased_on) for a in plan.apps if a.purchased_on is not None]
    return min(bought) if bought else plan.month


def default_months(plan: Plan, first: Month) -> int:
    """12, or for a plan of daily files the months from ``first`` through the files' last month."""
    span = daily_span(plan)
    if span is None or span.last < first:
        return DEFAULT_MONTHS
    count = first.until(span.last) + 1
    if count > MAX_MONTHS:
        message = f"runs to {span.last}, {count} months from {first}; imcost schedules at most {MAX_MONTHS}"
        raise too_many_months(plan, message, "give --start and --months")
    return count


def schedule(plan: Plan, book: PriceBook | Versions, start: Month | None, months: int | None) -> Schedule:
    """Every charge for ``months`` natural months from ``start`` (default: the first purchase month)."""
    first = start or first_month(plan)
    if months is None:
        months = default_months(plan, first)
    raise_if(period_problems(first, months, MAX_MONTHS, LAST_SCHEDULED, "schedule"))
    problems: list[InputProblem] = []
    period = tuple(first.plus(k) for k in range(months))
    charges: list[Charge] = []
    infeasible: list[tuple[str, Month, Problem]] = []
    notes: list[str] = []
    priced_months = [estimate_month(plan, month, book) for month in period]
    shown = priced_months[0].estimate.book
    notes.extend(period_notes(priced_months))
    # Over whole years from each app's purchase month, cloud moderation may take yearly packs.
    bought_in = {a.name: Month.of(a.purchased_on) for a in plan.apps if a.purchased_on is not None}
    estimates = with_yearly_packs([p.estimate for p in priced_months], bought_in)
    for estimate in estimates:
        month = estimate.month
        for app in estimate.apps:
            bought = app.app.purchased_on
            if bought is not None and month < Month.of(bought):
                notes.append(
                    f"app {quoted(app.app.name)} is bought on {bought.isoformat()}: nothing charged for {month}"
                )
                continue
            # A cycle is priced with the version in force on its first day, which may be newer
            # than the month's (a version taking effect mid-month).
            cycle_priced = app
            if bought is not None:
                version = version_for(app.app, cycle(bought, months_between(Month.of(bought), month))[0], book)
                if version is not app.book:
                    cycle_priced = estimate_app(app.app, month, version)
            found = dict.fromkeys((*app.problems, *cycle_priced.problems))
            infeasible.extend((app.app.name, month, p) for p in found)
            items = [
                *(i for i in cycle_priced.items if i.billing == "prepaid"),
                *(i for i in app.items if i.billing != "prepaid"),
            ]
            for item in items if cycle_priced is not app else app.items:
                if item.billing == "free":
                    continue
                priced_by = cycle_priced.book if item.billing == "prepaid" else app.book
                if item.billing == "prepaid":
                    if bought is None:
                        message = f"app {quoted(app.app.name)} has prepaid items but no purchase day"
                        hint = "add `purchased_on: YYYY-MM-DD` to the app or the top of the plan"
                        problems.append(plan.problem(app.app.path, message, hint))
                        break
                    day, last = cycle(bought, months_between(Month.of(bought), month), item.valid_months)
                else:
                    day = deduction_day(month, item.settled_daily, app.book.postpaid_day)
                    last = month.first_day + relativedelta(months=1, days=-1)
                covers = (day, last) if item.billing == "prepaid" else (month.first_day, last)
                charges.append(Charge(day, app.app.name, item, covers, month, priced_by))
    raise_if(dict.fromkeys(problems))
    charges.sort(key=lambda c: (c.day, c.billing != "prepaid"))
    apps = tuple(app.name for app in plan.apps)
    return Schedule(period, tuple(charges), tuple(infeasible), tuple(dict.fromkeys(notes)), shown, apps)
