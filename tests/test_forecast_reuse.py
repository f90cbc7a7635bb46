"""A forecast prices an app once per month length while its usage, needs and book stay the same.

Rules read the month only through its number of days (imcost.rules.base), so a
run takes the pricing of a month again for a later month as long; the output
stays what pricing every month anew gives (tests/test_forecast_stream.py pins
it byte for byte for every sample).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from imcost import forecast as core
from imcost.engine import AppEstimate
from imcost.forecast import ForecastRun
from imcost.month import Month
from imcost.pricebook import PriceBook

from .conftest import plan_from

DECEMBER = Month(2026, 12)
# 1 Mbps of domestic barrage a day at 2元 a Mbps·day: 62元 in a 31-day month, 60 in 30, 56 in 28.
BARRAGE = {"edition": "pro", "usage": {"peak_dau": 12000, "barrage_mbps": {"domestic": 1}}}


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Month]:
    """Each month imcost.forecast's ``name`` is called for, in call order."""
    calls: list[Month] = []
    real: Callable[..., Any] = getattr(core, name)

    def counted(app: Any, month: Month, book: PriceBook) -> Any:
        calls.append(month)
        return real(app, month, book)

    monkeypatch.setattr(core, name, counted)
    return calls


def _months(run: ForecastRun) -> list[AppEstimate]:
    """The run's only app, month by month."""
    out = []
    for _, apps in run.months():
        (each,) = list(apps)
        out.append(each.estimate)
    return out


def _barrage(estimate: AppEstimate) -> Decimal:
    return next(i.amount for i in estimate.items if i.fee == "barrage_bandwidth")


def test_a_year_without_growth_prices_the_app_once_for_each_month_length(
    book: PriceBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    estimates = _counting(monkeypatch, "estimate_app")
    cheapest = _counting(monkeypatch, "cheapest_edition")
    months = _months(ForecastRun(plan_from(BARRAGE, book), book, DECEMBER, 12, {}))
    # 2026-12 (31 days), 2027-02 (28) and 2027-04 (30) are priced; every other month is as long as one of them.
    assert estimates == cheapest == [Month(2026, 12), Month(2027, 2), Month(2027, 4)]
    assert [_barrage(m) for m in months] == [Decimal(n) for n in (62, 62, 56, 62, 60, 62, 60, 62, 62, 60, 62, 60)]
    # 2027-01 is 2026-12's pricing itself; 2027-02 shares every item but the barrage with it.
    assert months[1] is months[0]
    december, february = months[0].items, months[2].items
    assert [a is b for a, b in zip(december, february, strict=True)] == [i.fee != "barrage_bandwidth" for i in december]
    assert [i.fee for i in december] == ["package", "dau_overage", "barrage_bandwidth"]


def test_growth_prices_every_month_anew(book: PriceBook, monkeypatch: pytest.MonkeyPatch) -> None:
    estimates = _counting(monkeypatch, "estimate_app")
    plan = plan_from({**BARRAGE, "usage": {"peak_dau": 19000}}, book)
    months = _months(ForecastRun(plan, book, DECEMBER, 4, {"dau": Fraction(8, 100)}))
    assert estimates == [DECEMBER.plus(k) for k in range(4)]
    # 19,000 DAU grown 8% a month: 20,520, 22,161.6 and 23,934.528 rounded up; started units of 10,000
    # over the free 10,000: 1, then 2.
    assert [m.app.usage.peak_dau for m in months] == [19000, 20520, 22162, 23935]
    overage = [next(i.amount for i in m.items if i.fee == "dau_overage") for m in months]
    assert overage == [Decimal(1000), Decimal(2000), Decimal(2000), Decimal(2000)]


def test_a_dated_change_prices_the_changed_app_anew(book: PriceBook, monkeypatch: pytest.MonkeyPatch) -> None:
    estimates = _counting(monkeypatch, "estimate_app")
    plan = plan_from({**BARRAGE, "changes": [{"from": "2027-06", "edition": "flagship"}]}, book)
    months = _months(ForecastRun(plan, book, DECEMBER, 12, {}))
    # Pro from 2026-12 to 2027-05 (31, 28 and 30 days), flagship from 2027-06 (30 days, then 31).
    assert estimates == [Month(2026, 12), Month(2027, 2), Month(2027, 4), Month(2027, 6), Month(2027, 7)]
    assert [m.edition.id for m in months] == ["pro"] * 6 + ["flagship"] * 6
    assert [next(i.amount for i in m.items if i.fee == "package") for m in months] == [Decimal(999)] * 6 + [
        Decimal(2999)
    ] * 6


def test_json_written_from_reused_pricings_is_the_held_forecasts(book: PriceBook) -> None:
    """Items shared between months of different lengths are written with their own month's barrage."""
    from imcost.render import forecast as render
    from imcost.render import jsonout

    plan = plan_from({**BARRAGE, "changes": [{"from": "2027-06", "edition": "flagship"}]}, book)
    streamed = "".join(render.json_chunks(ForecastRun(plan, book, DECEMBER, 14, {})))
    held = core.forecast(plan, book, DECEMBER, 14, {})
    assert streamed == jsonout.dumps(render.data(held, plan.customer, plan.quote))
    months = json.loads(streamed)["months"]
    barrage = [next(i["amount"] for i in m["items"] if i["fee"] == "barrage_bandwidth") for m in months]
    assert barrage == ["62.00", "62.00", "56.00", "62.00", "60.00", "62.00"] + [
        "60.00",
        "62.00",
        "62.00",
        "60.00",
        "62.00",
        "60.00",
        "62.00",
        "62.00",
    ]
    assert [m["items"][0]["edition"] for m in months] == ["pro"] * 6 + ["flagship"] * 8
