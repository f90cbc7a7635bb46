"""Runs every rule for each app of a plan and totals the results."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from imcost import discounts
from imcost.month import Month
from imcost.plan import AppPlan, Plan
from imcost.pricebook import Edition, PriceBook
from imcost.rules import RULES
from imcost.rules.base import LineItem, Problem


@dataclass(frozen=True)
class AppEstimate:
    """One app's month: its charged items and what makes it impossible to buy."""

    app: AppPlan
    edition: Edition
    items: tuple[LineItem, ...]
    problems: tuple[Problem, ...]
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
    return AppEstimate(app, edition, discounts.apply(items, app.discounts), tuple(problems), tuple(notes))


def estimate_plan(plan: Plan, book: PriceBook) -> Estimate:
    apps = tuple(estimate_app(app, plan.month, book) for app in plan.apps)
    return Estimate(plan.month, book, apps, plan.file, plan.customer)
