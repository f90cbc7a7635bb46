"""Forecast: the plan's cost month by month, usage growing at a compound monthly rate.

Month 0 is priced on the plan's figures; month k on each grown metric
``ceil(figure x (1 + rate)^k)``, compounded from the plan's figure (not from the
rounded month before) and rounded up to whole users or groups. Needs stay as
written unless the plan lists dated changes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from imcost.compare import kept_needs, recommend_app
from imcost.engine import AppEstimate, Estimate, estimate_app, version_for
from imcost.errors import InputProblem, raise_if
from imcost.fields import MAX_COUNT, closest
from imcost.i18n import wordless
from imcost.money import number_str
from imcost.month import Month
from imcost.numtext import digits_problem
from imcost.period import (
    MAX_MONTHS,
    PeriodNotes,
    app_in_month,
    daily_span,
    period_problems,
    shared_version,
    too_many_months,
)
from imcost.plan import AppPlan, Plan
from imcost.pricebook import PriceBook, Versions
from imcost.textsafe import quoted
from imcost.yearly import YEAR, Searched, YearOfPacks, with_items, year_packs

# Metric named on the command line -> the usage figure it grows.
GROWTH_METRICS = {"dau": "peak_dau", "groups": "peak_groups"}
# How people call each figure in a message.
METRIC_NAMES = {"dau": "peak DAU", "groups": "peak groups"}
DEFAULT_MONTHS = 12
# Ten-fold growth a month is already far beyond any app; the bound keeps huge
# rates (a typo, thousands of digits) from becoming huge numbers.
MAX_RATE = Fraction(10)
_GROWTH = re.compile(r"^\s*([a-z_]+)\s*=\s*([+-]?(?:0|[1-9][0-9]{0,11})(?:\.[0-9]{1,12})?)\s*%\s*$")


def parse_growth(texts: Iterable[str]) -> dict[str, Fraction]:
    """``dau=8%`` -> ``{"dau": 8/100}``; ``dau=8%,groups=5%`` gives both; every bad flag is reported at once."""
    rates: dict[str, Fraction] = {}
    problems: list[InputProblem] = []
    valid = ", ".join(GROWTH_METRICS)
    for text in (piece for given in texts for piece in given.split(",")):
        match = _GROWTH.match(text.lower())
        digits = digits_problem(text)
        if digits is not None:
            problems.append(InputProblem("--growth", None, (), *digits))
            continue
        if not match:
            problems.append(
                InputProblem("--growth", None, (), f"expected METRIC=RATE%, got {quoted(text)}", "e.g. dau=8%")
            )
            continue
        metric, rate = match.group(1), Fraction(match.group(2)) / 100
        if metric not in GROWTH_METRICS:
            guess = closest(metric, GROWTH_METRICS)
            hint = f"did you mean {guess!r}?" if guess else f"metrics: {valid}"
            problems.append(InputProblem("--growth", None, (), f"unknown metric {quoted(metric)}", hint))
        elif metric in rates:
            problems.append(InputProblem("--growth", None, (), f"{metric} is given twice", "give each metric once"))
        elif not -1 < rate <= MAX_RATE:
            message = f"{quoted(text)}: expected a monthly rate above -100% and at most {MAX_RATE * 100}%"
            problems.append(InputProblem("--growth", None, (), message))
        else:
            rates[metric] = rate
    raise_if(problems)
    return rates


def percent(rate: Fraction) -> str:
    """``Fraction(81, 1000)`` -> ``8.1``: a rate as the percentage it was written as."""
    hundredfold = rate * 100
    return number_str(Decimal(hundredfold.numerator) / Decimal(hundredfold.denominator))


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
    """The edition recommend would give ``app`` this month: the cheapest that can be bought and keeps
    what the app's own edition includes where the plan names no need; ties keep the app's own."""
    kept, _ = kept_needs(app, book)
    # Picked from totals and feasibility only: the editions' descriptions and problems are never printed.
    with wordless():
        best = recommend_app(kept, month, book).recommended
    return None if best is None else best.edition.id


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


def period(plan: Plan, start: Month | None, months: int | None) -> tuple[Month, int]:
    """The first month and length of a forecast: as given, else a daily file's months, else 12 from the plan's month."""
    span = daily_span(plan)
    if months is None and span is not None and span.count > MAX_MONTHS:
        message = f"covers {span}; imcost forecasts at most {MAX_MONTHS}"
        raise too_many_months(plan, message, "give --start and --months")
    first = start or (span.first if span is not None else plan.month)
    return first, months if months is not None else span.count if span is not None else DEFAULT_MONTHS


def _check(plan: Plan, start: Month, months: int, rates: Mapping[str, Fraction]) -> None:
    problems = period_problems(start, months, MAX_MONTHS)
    for app in plan.apps:
        if rates and app.daily is not None:
            message = f"--growth grows plan figures, but app {quoted(app.name)} takes its usage from {app.daily.file}"
            problems.append(
                plan.problem((*app.path, "usage", "daily"), message, "drop --growth, or give usage.peak_dau")
            )
        per_day = [r for r, v in app.usage.barrage_mbps.items() if isinstance(v, tuple)]
        if per_day and (months > 1 or start != plan.month):
            message = f"app {quoted(app.name)} lists the days of {plan.month} only; the forecast needs other months"
            path = (*app.path, "usage", "barrage_mbps", per_day[0])
            problems.append(plan.problem(path, message, "give one number for every day, or a daily file"))
    if not problems:
        problems.extend(_growth_problems(plan, start, months, rates))
    raise_if(problems)


def _growth_problems(plan: Plan, start: Month, months: int, rates: Mapping[str, Fraction]) -> list[InputProblem]:
    """Figures that growth would push past what imcost accepts within the period."""
    problems: list[InputProblem] = []
    last = months - 1
    for metric, rate in rates.items():
        field = GROWTH_METRICS[metric]
        for app in plan.apps:
            figure = getattr(app.usage, field)
            top = grown(figure, rate, last)
            if top > MAX_COUNT:
                k = next(k for k in range(months) if grown(figure, rate, k) > MAX_COUNT)
                message = (
                    f"{metric}={percent(rate)}% takes the {METRIC_NAMES[metric]} of app {quoted(app.name)} from "
                    f"{figure:,} past {MAX_COUNT:,}, the most imcost accepts, by {start.plus(k)}"
                )
                problems.append(InputProblem("--growth", None, (), message, "use a smaller rate or fewer --months"))
                break
    return problems


class ForecastRun:
    """A forecast made month by month, app by app, as it is read (``months``), so that no more than one
    app's month is held; the period's total, feasibility, edition switches and notes are whole once
    every month has been read. Raises InputError on a plan that can't be grown when made."""

    def __init__(
        self, plan: Plan, book: PriceBook | Versions, start: Month, months: int, rates: Mapping[str, Fraction]
    ) -> None:
        _check(plan, start, months, rates)
        self.plan, self.book, self.start, self.count, self.rates = plan, book, start, months, rates
        # The version of the plan's book on the first day: the one JSON's ``pricebook`` names.
        self.shared = shared_version(plan, book, start.first_day)
        self.total = Decimal(0)
        self.feasible = True
        self.switches: list[EditionSwitch] = []
        self._notes = PeriodNotes()
        self._recommended: dict[str, str | None] = {}
        self._years: dict[int, YearOfPacks] = {}
        self._searched: Searched = {}
        # Each app that can't be bought in some month: why in the first such month, and a bit per month.
        self._unbuyable: dict[str, tuple[int, str, int]] = {}
        # Each app's pricing for each month length (28 to 31 days), by its place in the plan, while its
        # usage, needs and book version stay: at most four an app, whatever the period's length.
        self._priced: list[dict[int, _Priced]] = [{} for _ in plan.apps]

    @property
    def notes(self) -> tuple[str, ...]:
        return self._notes.said()

    def reasons(self) -> Iterator[tuple[str, Month, str]]:
        """(app, month, why) for each month an app can't be bought, app by app; why is said for its first month."""
        for name, (first, why, months) in self._unbuyable.items():
            yield name, self.start.plus(first), why
            yield from ((name, self.start.plus(k), "") for k in range(first + 1, self.count) if months >> k & 1)

    def months(self) -> Iterator[tuple[Month, Iterator[ForecastApp]]]:
        """Each month with its apps, made as they are read; read a month's apps before the next month."""
        for k in range(self.count):
            yield self.start.plus(k), self._apps(k)

    def _apps(self, k: int) -> Iterator[ForecastApp]:
        month = self.start.plus(k)
        day = month.first_day
        if k % YEAR == 0:
            # Over whole years, cloud moderation may take yearly packs (imcost.yearly).
            self._years = self._packs(k) if self.count - k >= YEAR else {}
        before = self._recommended
        now: dict[str, str | None] = {}
        for a, planned in enumerate(self.plan.apps):
            resolved = app_in_month(grow(planned, self.rates, k), month)
            app = resolved.app
            estimate, recommended = self._price(a, app, month, version_for(app, day, self.book))
            self._notes.daily.extend(resolved.notes)
            self._notes.add(month, app.name, estimate.notes)
            packs = self._years.get(a)
            if packs is not None:
                estimate = with_items(estimate, packs.items(k % YEAR, month))
            if k and recommended != before[app.name]:
                self.switches.append(EditionSwitch(app.name, month, before[app.name], recommended))
            now[app.name] = recommended
            self.total += estimate.total
            if not estimate.feasible:
                self.feasible = False
                why = "; ".join(p.message for p in estimate.problems)
                first, said, months = self._unbuyable.get(app.name, (k, why, 0))
                self._unbuyable[app.name] = (first, said, months | 1 << k)
            yield ForecastApp(estimate, recommended)
        self._recommended = now

    def _price(self, a: int, app: AppPlan, month: Month, book: PriceBook) -> tuple[AppEstimate, str | None]:
        """App ``a``'s estimate and cheapest edition in ``month``, resolved to ``app`` and priced on ``book``.

        Rules read the month only through its number of days (imcost.rules.base), so a month as long as
        one already priced, with the same usage, needs and book version, costs the same: that one's
        pricing is taken again, which spares pricing every edition again in a forecast without growth.
        """
        slot = self._priced[a]
        kept = next(iter(slot.values()), None)
        if kept is not None and not (kept.book is book and (kept.app is app or kept.app == app)):
            # Grown, changed or on another book version: what was priced before is not taken again.
            slot.clear()
            kept = None
        days = month.days
        seen = slot.get(days)
        if seen is not None:
            return seen.estimate, seen.recommended
        estimate = estimate_app(app, month, book)
        if kept is not None:
            # A month of another length changes only the items settled by the day: the others are
            # the earlier pricing's own objects, held (and written, imcost.render.forecast) once.
            held = {item: item for item in kept.estimate.items}
            estimate = replace(estimate, items=tuple(held.get(item, item) for item in estimate.items))
        recommended = cheapest_edition(app, month, book)
        slot[days] = _Priced(app, book, estimate, recommended)
        return estimate, recommended

    def _packs(self, k: int) -> dict[int, YearOfPacks]:
        """The apps whose year from month ``k`` takes yearly moderation packs, by their place in the plan."""
        month = self.start.plus(k)
        found = {a: year_packs(app, month, self.book, self._searched) for a, app in enumerate(self.plan.apps)}
        return {a: packs for a, packs in found.items() if packs is not None}


@dataclass(frozen=True)
class _Priced:
    """An app as resolved in a month, the book version that priced it, its estimate and cheapest edition."""

    app: AppPlan
    book: PriceBook
    estimate: AppEstimate
    recommended: str | None


@dataclass(frozen=True)
class ForecastApp:
    """One app's month in a forecast: its estimate (yearly packs in) and the edition it would cost least on."""

    estimate: AppEstimate
    recommended: str | None


def forecast(
    plan: Plan, book: PriceBook | Versions, start: Month, months: int, rates: Mapping[str, Fraction]
) -> Forecast:
    """Estimate ``months`` natural months from ``start``, every month held; raises InputError on a plan
    that can't be grown. The CLI reads a ForecastRun instead, month by month."""
    run = ForecastRun(plan, book, start, months, rates)
    out: list[ForecastMonth] = []
    for month, apps in run.months():
        listed = list(apps)
        version = shared_version(plan, book, month.first_day)
        estimate = Estimate(month, version, tuple(a.estimate for a in listed), plan.file, plan.customer, plan.quote)
        out.append(ForecastMonth(estimate, {a.estimate.app.name: a.recommended for a in listed}))
    return Forecast(tuple(out), tuple(run.switches), run.notes)
