"""What compare and recommend price: apps from a plan file and/or flags, the month, an optional range.

Flags override the plan file's usage and needs for every app they apply to;
with no plan file the flags describe one app, named ``app``, on no edition.
A plan's apps are taken as they stand in the month priced, as estimate takes
them: dated ``changes:`` in force and that month's daily figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from imcost.compare import kept_needs, pick_app
from imcost.engine import version_for
from imcost.errors import InputError, InputProblem
from imcost.month import Month
from imcost.period import app_in_month, daily_span
from imcost.plan import AppPlan, Plan, load_plan
from imcost.pricebook import PriceBook, Versions
from imcost.quote import Quote
from imcost.variables import VARIABLES, Range, Variable, parse_values, with_values


@dataclass(frozen=True)
class Scenario:
    apps: tuple[AppPlan, ...]
    month: Month
    ranged: tuple[Variable, Range] | None
    # What the user should know, e.g. days missing from the daily figures.
    notes: tuple[str, ...] = ()
    # The apps as the plan and flags give them, before kept_needs: what a quote page says it assumed.
    given: tuple[AppPlan, ...] = ()
    # The plan file's ``customer:`` and ``quote:`` (imcost.quote.resolve merges them with config and flags).
    customer: str | None = None
    quote: Quote | None = None


def build(
    book: PriceBook | Versions,
    flags: Mapping[str, str | None],
    security: bool | None = None,
    plan: Path | None = None,
    app_name: str | None = None,
    month: Month | None = None,
    one_app: bool = True,
    ranges: bool = True,
) -> Scenario:
    """Read the plan (if any), apply the flags; ``one_app`` picks a single app (``--app``), ``ranges`` allows one."""
    values, ranged = parse_values(flags, ranges)
    notes: tuple[str, ...] = ()
    customer: str | None = None
    quote: Quote | None = None
    if plan is None:
        if app_name is not None:
            raise InputError([InputProblem("--app", None, (), "--app picks an app of a plan file", "add --plan FILE")])
        apps: tuple[AppPlan, ...] = (AppPlan(name="app", edition=""),)
        month = month or Month.of(date.today())
    else:
        parsed = load_plan(plan, book, month, edition_required=False)
        customer, quote = parsed.customer, parsed.quote
        if one_app or app_name is not None:
            parsed = Plan(parsed.file, parsed.month, (pick_app(parsed, app_name),), parsed.customer, book=parsed.book)
        month = month or _daily_month(parsed) or parsed.month
        resolved = [app_in_month(a, month) for a in parsed.apps]
        apps = tuple(r.app for r in resolved)
        notes = tuple(note for r in resolved for note in r.notes)
    given = tuple(with_values(a, values, security) for a in apps)
    kept = [kept_needs(a, version_for(a, month.first_day, book)) for a in given]
    apps = tuple(a for a, _ in kept)
    notes += tuple(note for _, note in kept if note is not None)
    ranging = None if ranged is None else (VARIABLES[ranged[0]], ranged[1])
    return Scenario(apps, month, ranging, notes, given, customer, quote)


def _daily_month(plan: Plan) -> Month | None:
    """The one month the plan's daily figures cover; several need ``--month`` to pick one."""
    span = daily_span(plan)
    if span is not None and span.count > 1:
        message = f"the daily figures cover {span}; one is priced"
        raise InputError([InputProblem("--month", None, (), message, "add --month YYYY-MM")])
    return span.first if span is not None else None
