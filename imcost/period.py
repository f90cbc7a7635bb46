"""A plan across natural months: dated changes and daily figures resolved month by month.

Forecast, schedule and a daily estimate all price a month the same way, through
``estimate_month``, so their amounts agree with ``estimate`` by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from imcost.daily import MonthSpan, missing_note, month_figures
from imcost.engine import Estimate, estimate_app, plan_book, version_for
from imcost.errors import InputError, InputProblem
from imcost.month import LAST_MONTH, Month
from imcost.plan import AppPlan, Change, Plan, Usage
from imcost.pricebook import PriceBook, Versions
from imcost.textsafe import quoted


def apply_change(app: AppPlan, change: Change) -> AppPlan:
    """The app once ``change`` is in force: only what the change names is replaced."""
    needs = replace(app.needs, **{key: getattr(change.needs, key) for key in change.needs_given})
    return replace(
        app,
        edition=change.edition or app.edition,
        needs=needs,
        security=app.security if change.security is None else change.security,
    )


@dataclass(frozen=True)
class MonthApp:
    """An app as it stands in one month, and what the user should know about it."""

    app: AppPlan
    notes: tuple[str, ...] = ()


def changed_app(app: AppPlan, month: Month) -> AppPlan:
    """The app with every change from ``month`` or earlier applied (its usage as the plan writes it)."""
    resolved = app
    for change in app.changes:
        if change.start <= month:
            resolved = apply_change(resolved, change)
    return resolved


def app_in_month(app: AppPlan, month: Month) -> MonthApp:
    """Apply every change from ``month`` or earlier, and take that month's daily figures."""
    resolved = changed_app(app, month)
    if app.daily is None:
        return MonthApp(resolved)
    figures = month_figures(app.daily, month)
    # The file gives the peaks; moderation and call minutes stay as the plan writes them.
    usage = Usage(
        figures.peak_dau,
        figures.peak_groups,
        dict(figures.barrage_mbps),
        resolved.usage.moderation,
        resolved.usage.call_minutes,
    )
    notes = (missing_note(app.daily, month, figures.missing),) if figures.missing else ()
    return MonthApp(replace(resolved, usage=usage), notes)


@dataclass(frozen=True)
class MonthEstimate:
    estimate: Estimate
    notes: tuple[str, ...]
    # The daily files' notes alone (``notes`` adds the rules' notes, each with its app and month).
    daily_notes: tuple[str, ...] = ()


def estimate_month(
    plan: Plan,
    month: Month,
    book: PriceBook | Versions,
    apps: tuple[AppPlan, ...] | None = None,
    day: date | None = None,
) -> MonthEstimate:
    """Estimate ``month`` for the plan's apps (or ``apps``, already adjusted, e.g. grown).

    Each app is priced with its own book (``book`` for apps whose plan names none),
    in the version in force on the month's first day (or on ``day``: a prepaid cycle's).
    """
    on = day or month.first_day
    resolved = [app_in_month(app, month) for app in (plan.apps if apps is None else apps)]
    estimates = tuple(estimate_app(r.app, month, version_for(r.app, on, book)) for r in resolved)
    daily = tuple(note for r in resolved for note in r.notes)
    notes = daily + tuple(f"app {quoted(a.app.name)} in {month}: {note}" for a in estimates for note in a.notes)
    version = shared_version(plan, book, on)
    return MonthEstimate(Estimate(month, version, estimates, plan.file, plan.customer, plan.quote), notes, daily)


def shared_version(plan: Plan, book: PriceBook | Versions, on: date) -> PriceBook:
    """The version of the plan's shared book (the one for apps that name none) in force on ``on``."""
    shared = plan_book(plan, book)
    return shared if isinstance(shared, PriceBook) else shared.on(on)


class PeriodNotes:
    """period_notes gathered month by month: the daily files' notes, and each rule's note for an app
    with the first and last month it holds for and how many months it holds in."""

    def __init__(self) -> None:
        self.daily: list[str] = []
        self.held: dict[tuple[str, str], list[Any]] = {}

    def add(self, month: Month, app: str, notes: Iterable[str]) -> None:
        for note in notes:
            seen = self.held.get((app, note))
            if seen is None:
                self.held[(app, note)] = [month, month, 1]
            else:
                seen[1] = month
                seen[2] += 1

    def said(self) -> tuple[str, ...]:
        said = list(self.daily)
        for (name, note), (first, last, count) in self.held.items():
            if count == 1:
                when = str(first)
            elif first.until(last) + 1 == count:
                when = f"{first} to {last}"
            else:
                when = f"{count} months from {first} to {last}"
            said.append(f"app {quoted(name)} in {when}: {note}")
        return tuple(said)


def period_notes(priced: Sequence[MonthEstimate]) -> tuple[str, ...]:
    """The notes of several months: the daily files' as they are, and each rule's note for an app
    once, with the months it holds for (``in 2026-12 to 2027-11``), not once a month."""
    notes = PeriodNotes()
    for p in priced:
        notes.daily.extend(p.daily_notes)
        for app in p.estimate.apps:
            notes.add(p.estimate.month, app.app.name, app.notes)
    return notes.said()


# The most months one forecast, schedule or daily estimate covers: ten years.
MAX_MONTHS = 120


def daily_span(plan: Plan) -> MonthSpan | None:
    """The natural months from the first day of any app's daily file to the last day of any.

    Found from the files' first and last days, so a file spanning centuries costs nothing
    until its months are listed.
    """
    spans = [span for app in plan.apps if app.daily is not None and (span := app.daily.span) is not None]
    if not spans:
        return None
    return MonthSpan(min(s.first for s in spans), max(s.last for s in spans))


def too_many_months(plan: Plan, message: str, hint: str) -> InputError:
    """A daily file spans more than MAX_MONTHS where the period is taken from it."""
    daily = next(a.daily for a in plan.apps if a.daily is not None)
    return InputError([InputProblem(daily.file, None, (), message, hint)])


def estimate_daily(plan: Plan, book: PriceBook | Versions) -> list[MonthEstimate]:
    """Every month the plan's daily files cover, each estimated on its own."""
    span = daily_span(plan)
    if span is None:
        return []
    if span.count > MAX_MONTHS:
        message = f"covers {span}; imcost estimates at most {MAX_MONTHS}"
        raise too_many_months(plan, message, "pick one with --month, or forecast with --start and --months")
    return [estimate_month(plan, month, book) for month in span.months]


def period_problems(
    start: Month, months: int, maximum: int, latest: Month = LAST_MONTH, what: str = "forecast"
) -> list[InputProblem]:
    """What is wrong with ``--months`` months from ``start``: too few, too many, or past ``latest``."""
    if months < 1:
        return [InputProblem("--months", None, (), f"expected 1 to {maximum} months, got {months}", "e.g. --months 12")]
    if months > maximum:
        hint = "run the later months with --start"
        return [InputProblem("--months", None, (), f"expected 1 to {maximum} months, got {months}", hint)]
    if start.until(latest) < months - 1:
        span = f"{months} month{'' if months == 1 else 's'} from {start}"
        message = f"{span} would end after {latest}, the last month imcost can {what}"
        return [InputProblem("--months", None, (), message, "use an earlier --start or fewer --months")]
    return []
