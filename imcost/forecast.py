"""Forecast: the plan's cost month by month, usage growing at a compound monthly rate.

Month 0 is priced on the plan's figures; month k on each grown metric
``ceil(figure x (1 + rate)^k)``, compounded from the plan's figure (not from the
rounded month before) and rounded up to whole users or groups. Needs stay as
written unless the plan lists dated changes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from imcost.engine import Estimate, estimate_app
from imcost.errors import InputProblem, raise_if
from imcost.month import Month
from imcost.period import app_in_month, estimate_month
from imcost.plan import AppPlan, Plan
from imcost.pricebook import PriceBook

# Metric named on the command line -> the usage figure it grows.
GROWTH_METRICS = {"dau": "peak_dau", "groups": "peak_groups"}
MAX_MONTHS = 120
_GROWTH = re.compile(r"^\s*([a-z_]+)\s*=\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$")


def parse_growth(texts: Iterable[str]) -> dict[str, Fraction]:
    """``dau=8%`` -> ``{"dau": 8/100}``; every bad flag is reported at once."""
    rates: dict[str, Fraction] = {}
    problems: list[InputProblem] = []
    valid = ", ".join(GROWTH_METRICS)
    for text in texts:
        match = _GROWTH.match(text.lower())
        if not match:
            problems.append(InputProblem("--growth", None, (), f"expected METRIC=RATE%, got {text!r}", "e.g. dau=8%"))
            continue
        metric, rate = match.group(1), Fraction(match.group(2)) / 100
        if metric not in GROWTH_METRICS:
            problems.append(InputProblem("--growth", None, (), f"unknown metric {metric!r}", f"metrics: {valid}"))
        elif metric in rates:
            problems.append(InputProblem("--growth", None, (), f"{metric} is given twice"))
        elif rate <= -1:
            problems.append(InputProblem("--growth", None, (), f"{text!r}: a monthly rate must be above -100%"))
        else:
            rates[metric] = rate
    raise_if(problems)
    return rates


def grown(figure: int, rate: Fraction, months: int) -> int:
    """``figure`` after ``months`` of compound growth at ``rate``, rounded up to a whole count."""
    return math.ceil(figure * (1 + rate) ** months)


def grow(app: AppPlan, rates: Mapping[str, Fraction], months: int) -> AppPlan:
    """The app with each grown metric advanced ``months`` months."""
    if not rates or months == 0:
        return app
    usage = app.usage
    dau = grown(usage.peak_dau, rates["dau"], months) if "dau" in rates else usage.peak_dau
    groups = grown(usage.peak_groups, rates["groups"], months) if "groups" in rates else usage.peak_groups
    return replace(app, usage=replace(usage, peak_dau=dau, peak_groups=groups))


def cheapest_edition(app: AppPlan, month: Month, book: PriceBook) -> str | None:
    """The edition on which ``app`` costs least this month and can be bought; ties keep the app's own."""
    best: tuple[Decimal, int, str] | None = None
    for order, edition in enumerate(book.editions):
        result = estimate_app(replace(app, edition=edition), month, book)
        if not result.feasible:
            continue
        key = (result.total, -1 if edition == app.edition else order, edition)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


@dataclass(frozen=True)
class EditionSwitch:
    """From ``month`` on, ``app`` would cost least on ``after`` instead of ``before``."""

    app: str
    month: Month
    before: str | None
    after: str | None


@dataclass(frozen=True)
class ForecastMonth:
    estimate: Estimate
    recommended: Mapping[str, str | None]


@dataclass(frozen=True)
class Forecast:
    months: tuple[ForecastMonth, ...]
    switches: tuple[EditionSwitch, ...]
    notes: tuple[str, ...]

    @property
    def total(self) -> Decimal:
        return sum((m.estimate.total for m in self.months), Decimal(0))

    @property
    def feasible(self) -> bool:
        return all(m.estimate.feasible for m in self.months)


def _check(plan: Plan, start: Month, months: int, rates: Mapping[str, Fraction]) -> None:
    problems: list[InputProblem] = []
    if not 1 <= months <= MAX_MONTHS:
        problems.append(InputProblem("--months", None, (), f"expected 1 to {MAX_MONTHS} months, got {months}"))
    for app in plan.apps:
        if rates and app.daily is not None:
            message = f"app {app.name!r} takes its usage from {app.daily.file}; --growth grows plan figures only"
            problems.append(InputProblem(plan.file, None, (), message, "drop --growth or give peak figures"))
        per_day = [r for r, v in app.usage.barrage_mbps.items() if isinstance(v, tuple)]
        if per_day and (months > 1 or start != plan.month):
            message = f"app {app.name!r}: usage.barrage_mbps.{per_day[0]} lists days of {plan.month} only"
            problems.append(
                InputProblem(plan.file, None, (), message, "give one number for every day, or a daily file")
            )
    raise_if(problems)


def forecast(plan: Plan, book: PriceBook, start: Month, months: int, rates: Mapping[str, Fraction]) -> Forecast:
    """Estimate ``months`` natural months from ``start``; raises InputError on a plan that can't be grown."""
    _check(plan, start, months, rates)
    out: list[ForecastMonth] = []
    notes: list[str] = []
    for k in range(months):
        month = start.plus(k)
        apps = tuple(grow(app, rates, k) for app in plan.apps)
        priced = estimate_month(plan, month, book, apps)
        notes.extend(priced.notes)
        recommended = {app.name: cheapest_edition(app_in_month(app, month).app, month, book) for app in apps}
        out.append(ForecastMonth(priced.estimate, recommended))
    return Forecast(tuple(out), _switches(out), tuple(notes))


def _switches(months: list[ForecastMonth]) -> tuple[EditionSwitch, ...]:
    found: list[EditionSwitch] = []
    for before, after in zip(months, months[1:], strict=False):
        for name, edition in after.recommended.items():
            if edition != before.recommended[name]:
                found.append(EditionSwitch(name, after.estimate.month, before.recommended[name], edition))
    return tuple(found)
