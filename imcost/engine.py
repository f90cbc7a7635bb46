"""Runs every rule for each app of a plan and totals the results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from imcost import discounts
from imcost.month import Month
from imcost.plan import AppPlan, Plan
from imcost.pricebook import Edition, PriceBook, Versions
from imcost.quote import Quote
from imcost.rules import RULES
from imcost.rules.base import LineItem, Problem


@dataclass(frozen=True)
class AppEstimate:
    """One app's month: its charged items and what makes it impossible to buy."""

    app: AppPlan
    edition: Edition
    items: tuple[LineItem, ...]
    problems: tuple[Problem, ...]
    # The price book version that priced the app (a plan may mix books, and months use their own version).
    book: PriceBook
    # Notes from the rules, e.g. call minutes beyond the largest pack that imcost does not price.
    notes: tuple[str, ...] = ()

    @property
    def total(self) -> Decimal:
        return sum((item.amount for item in self.items), Decimal(0))

    @property
    def feasible(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Estimate:
    """A plan's month across all its apps; each app (SDKAppID) is priced on its own."""

    month: Month
    book: PriceBook
    apps: tuple[AppEstimate, ...]
    source: str = ""
    customer: str | None = None
    # The plan's quote details (seller, number, dates ...), shown on quotes; no amount depends on them.
    quote: Quote | None = None

    @property
    def total(self) -> Decimal:
        return sum((app.total for app in self.apps), Decimal(0))

    @property
    def feasible(self) -> bool:
        return all(app.feasible for app in self.apps)


def estimate_app(app: AppPlan, month: Month, book: PriceBook) -> AppEstimate:
    items: list[LineItem] = []
    problems: list[Problem] = []
    notes: list[str] = []
    for rule in RULES:
        result = rule(app, month, book)
        items.extend(result.items)
        problems.extend(result.problems)
        notes.extend(result.notes)
    edition = book.editions[app.edition]
    return AppEstimate(app, edition, discounts.apply(items, app.discounts), tuple(problems), book, tuple(notes))


def version_for(app: AppPlan, day: date, default: PriceBook | Versions) -> PriceBook:
    """The version of the app's own price book (else ``default``) in force on ``day``."""
    if app.book is not None:
        return app.book.on(day)
    return default if isinstance(default, PriceBook) else default.on(day)


def plan_book(plan: Plan, default: PriceBook | Versions) -> PriceBook | Versions:
    """The book of a plan's apps that name none: the plan's ``pricebook:``, else ``default``."""
    return default if plan.book is None else plan.book


def estimate_plan(plan: Plan, book: PriceBook | Versions) -> Estimate:
    """The plan's month, each app priced with its own book's version in force on the month's first day."""
    day = plan.month.first_day
    apps = tuple(estimate_app(app, plan.month, version_for(app, day, book)) for app in plan.apps)
    shared = plan_book(plan, book)
    return Estimate(
        plan.month,
        shared if isinstance(shared, PriceBook) else shared.on(day),
        apps,
        plan.file,
        plan.customer,
        plan.quote,
    )
