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

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from imcost.engine import AppEstimate, estimate_app, version_for
from imcost.errors import InputProblem, raise_if
from imcost.month import LAST_MONTH, Month
from imcost.period import (
    MAX_MONTHS,
    PeriodNotes,
    app_in_month,
    daily_span,
    period_problems,
    shared_version,
    too_many_months,
)
from imcost.plan import Plan
from imcost.pricebook import POSTPAID_DAY as BOOK_POSTPAID_DAY
from imcost.pricebook import PriceBook, Versions
from imcost.rules.base import LineItem, Problem
from imcost.textsafe import quoted
from imcost.yearly import YEAR, Searched, YearOfPacks, with_items, year_packs

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


class ScheduleRun:
    """A schedule made month by month as it is read (``charges``), holding one month's charges at a time;
    its total, problems and notes are whole once every charge has been read.

    Charges come in the order of their day (prepaid before postpaid on the same day, then the
    order they were made in): a month's prepaid cycles start within it and its postpaid items are
    deducted in the next, so each month's charges can go out once the next month is made.
    Raises InputError when made for a period out of range or an app with prepaid items and no purchase day.
    """

    def __init__(self, plan: Plan, book: PriceBook | Versions, start: Month | None, months: int | None) -> None:
        first = start or first_month(plan)
        if months is None:
            months = default_months(plan, first)
        raise_if(period_problems(first, months, MAX_MONTHS, LAST_SCHEDULED, "schedule"))
        self.plan, self.book_or_versions = plan, book
        self.months = tuple(first.plus(k) for k in range(months))
        # The version of the plan's book on the first day: the one the output names.
        self.book = shared_version(plan, book, first.first_day)
        self.apps = tuple(app.name for app in plan.apps)
        self.problems: list[tuple[str, Month, Problem]] = []
        self.total = Decimal(0)
        self._notes = PeriodNotes()
        self._bought: list[str] = []
        self._searched: Searched = {}
        # Over whole years from each app's purchase month (or the period's first), cloud moderation
        # may take yearly packs: the month years are counted from, by the app's place in the plan.
        self._year_from = [max(first, Month.of(a.purchased_on)) if a.purchased_on else first for a in plan.apps]
        self._years: dict[int, YearOfPacks] = {}
        raise_if(self._undated_prepaid())

    @property
    def feasible(self) -> bool:
        return not self.problems

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self._notes.said(), *self._bought)))

    def charges(self) -> Iterator[Charge]:
        """Every charge of the period in date order, made a month at a time."""
        due: list[Charge] = []  # the month before's postpaid charges, taken in this month
        for k, month in enumerate(self.months):
            made = self._month(k, month)
            now = [*due, *(c for c in made if c.billing == "prepaid")]
            due = [c for c in made if c.billing != "prepaid"]
            now.sort(key=_order)
            yield from now
        due.sort(key=_order)
        yield from due

    def _packs(self, k: int, month: Month) -> None:
        """Find the yearly packs of each app whose year starts with month ``k``."""
        for a, app in enumerate(self.plan.apps):
            begin = self._year_from[a]
            if month < begin:
                continue
            into = begin.until(month)
            if into % YEAR == 0:
                self._years.pop(a, None)
                if len(self.months) - k >= YEAR:
                    packs = year_packs(app, month, self.book_or_versions, self._searched)
                    if packs is not None:
                        self._years[a] = packs

    def _estimates(self, k: int, month: Month) -> Iterator[AppEstimate]:
        """Each app's estimate of ``month``, yearly packs in."""
        self._packs(k, month)
        day = month.first_day
        for a, planned in enumerate(self.plan.apps):
            resolved = app_in_month(planned, month)
            estimate = estimate_app(resolved.app, month, version_for(resolved.app, day, self.book_or_versions))
            self._notes.daily.extend(resolved.notes)
            self._notes.add(month, estimate.app.name, estimate.notes)
            packs = self._years.get(a)
            if packs is not None:
                estimate = with_items(estimate, packs.items(self._year_from[a].until(month) % YEAR, month))
            yield estimate

    def _undated_prepaid(self) -> list[InputProblem]:
        """Apps with no purchase day that would be charged a prepaid item in the period (found before any output)."""
        # Said in the order the months would find them: by the first month charged, then the plan's order.
        found: list[tuple[int, int, InputProblem]] = []
        for a, app in enumerate(self.plan.apps):
            if app.purchased_on is not None:
                continue
            for k, month in enumerate(self.months):
                resolved = app_in_month(app, month).app
                estimate = estimate_app(resolved, month, version_for(resolved, month.first_day, self.book_or_versions))
                packs = k % YEAR == 0 and len(self.months) - k >= YEAR
                if any(i.billing == "prepaid" for i in estimate.items) or (
                    packs and year_packs(app, month, self.book_or_versions, self._searched) is not None
                ):
                    message = f"app {quoted(resolved.name)} has prepaid items but no purchase day"
                    hint = "add `purchased_on: YYYY-MM-DD` to the app or the top of the plan"
                    found.append((k, a, self.plan.problem(resolved.path, message, hint)))
                    break
        return list(dict.fromkeys(problem for _, _, problem in sorted(found, key=lambda f: f[:2])))

    def _month(self, k: int, month: Month) -> list[Charge]:
        """The charges for ``month``'s usage and cycles, app by app, in the order they are made."""
        charges: list[Charge] = []
        book = self.book_or_versions
        for app in self._estimates(k, month):
            bought = app.app.purchased_on
            if bought is not None and month < Month.of(bought):
                self._bought.append(
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
            self.problems.extend((app.app.name, month, p) for p in found)
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
                        break  # refused when the run was made (_undated_prepaid)
                    day, last = cycle(bought, months_between(Month.of(bought), month), item.valid_months)
                else:
                    day = deduction_day(month, item.settled_daily, app.book.postpaid_day)
                    last = month.first_day + relativedelta(months=1, days=-1)
                covers = (day, last) if item.billing == "prepaid" else (month.first_day, last)
                charges.append(Charge(day, app.app.name, item, covers, month, priced_by))
                self.total += item.amount
        return charges


def _order(charge: Charge) -> tuple[date, bool]:
    return charge.day, charge.billing != "prepaid"


def schedule(plan: Plan, book: PriceBook | Versions, start: Month | None, months: int | None) -> Schedule:
    """Every charge for ``months`` natural months from ``start`` (default: the first purchase month), held
    whole; the CLI reads a ScheduleRun instead, a month at a time."""
    run = ScheduleRun(plan, book, start, months)
    charges = tuple(run.charges())
    return Schedule(run.months, charges, tuple(run.problems), run.notes, run.book, run.apps)
