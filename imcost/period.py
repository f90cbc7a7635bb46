"""A plan across natural months: dated changes and daily figures resolved month by month.

Forecast, schedule and a daily estimate all price a month the same way, through
``estimate_month``, so their amounts agree with ``estimate`` by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from imcost.daily import missing_note, month_figures
from imcost.engine import Estimate, estimate_app
from imcost.errors import InputProblem
from imcost.month import LAST_MONTH, Month
from imcost.plan import AppPlan, Change, Plan, Usage
from imcost.pricebook import PriceBook


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


def app_in_month(app: AppPlan, month: Month) -> MonthApp:
    """Apply every change from ``month`` or earlier, and take that month's daily figures."""
    resolved = app
    for change in app.changes:
        if change.start <= month:
            resolved = apply_change(resolved, change)
    if app.daily is None:
        return MonthApp(resolved)
    figures = month_figures(app.daily, month)
    usage = Usage(figures.peak_dau, figures.peak_groups, dict(figures.barrage_mbps))
    notes = (missing_note(app.daily, month, figures.missing),) if figures.missing else ()
    return MonthApp(replace(resolved, usage=usage), notes)


@dataclass(frozen=True)
class MonthEstimate:
    estimate: Estimate
    notes: tuple[str, ...]


def estimate_month(plan: Plan, month: Month, book: PriceBook, apps: tuple[AppPlan, ...] | None = None) -> MonthEstimate:
    """Estimate ``month`` for the plan's apps (or ``apps``, already adjusted, e.g. grown)."""
    resolved = [app_in_month(app, month) for app in (plan.apps if apps is None else apps)]
    estimates = tuple(estimate_app(r.app, month, book) for r in resolved)
    notes = tuple(note for r in resolved for note in r.notes)
    return MonthEstimate(Estimate(month, book, estimates, plan.file, plan.customer), notes)


def daily_months(plan: Plan) -> tuple[Month, ...]:
    """Every natural month some app's daily file covers, in order."""
    return tuple(sorted({m for app in plan.apps if app.daily is not None for m in app.daily.months}))


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
