"""Schedule against forecast over random plans and purchase days, month ends above all (hypothesis).

For every natural month, the charges the schedule lists for it (prepaid cycles
on their day T, postpaid usage on the 3rd of the next month) add up to the
forecast's total for that month; each prepaid cycle starts on the purchase day,
or the month's last day when the month is shorter (bought on the 31st: the 28th
or 29th in February, the 30th in April).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imcost.forecast import forecast
from imcost.month import Month
from imcost.plan import parse_plan
from imcost.pricebook import load_pricebook
from imcost.schedule import schedule
from imcost.yamldoc import YamlDoc

from .strategies import plan_data

BOOK = load_pricebook()
PERIODS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def purchase_days(draw: st.DrawFn) -> date:
    """A purchase day, most often the 28th to the 31st of a month that has it."""
    year, month = draw(st.integers(2024, 2032)), draw(st.integers(1, 12))
    day = draw(st.one_of(st.sampled_from([28, 29, 30, 31]), st.integers(1, 31)))
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


@st.composite
def bought_plans(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, date]]:
    """A plan that can be bought, each app with its own purchase day, usage the same every day."""
    data = draw(plan_data(BOOK, within_limits=True, max_apps=3, per_day=False, discounts=True))
    bought = {app["name"]: draw(purchase_days()) for app in data["apps"]}
    for app in data["apps"]:
        app["purchased_on"] = bought[app["name"]]
    return data, bought


def cycle_start(bought: date, month: Month) -> date:
    """Day T of ``month`` for a cycle bought on ``bought``: clamped to the month's last day."""
    return date(month.year, month.month, min(bought.day, month.days))


@PERIODS
@given(case=bought_plans(), months=st.integers(1, 14))
def test_schedule_charges_add_up_to_the_forecast_month_by_month(
    case: tuple[dict[str, Any], dict[str, date]], months: int
) -> None:
    data, bought = case
    plan = parse_plan(YamlDoc("plan.yaml", data), BOOK)
    # From the last purchase on, every app is charged every month.
    start = max(Month.of(day) for day in bought.values())
    planned = schedule(plan, BOOK, start, months)
    predicted = forecast(plan, BOOK, start, months, {})
    assert [m.estimate.month for m in predicted.months] == [start.plus(k) for k in range(months)]
    for month in predicted.months:
        assert planned.month_total(month.estimate.month) == month.estimate.total, month.estimate.month
    assert planned.total == predicted.total == sum((c.amount for c in planned.charges), Decimal(0))
    for charge in planned.charges:
        if charge.billing == "prepaid":
            assert charge.day == charge.covers[0] == cycle_start(bought[charge.app], charge.month)
            assert charge.covers[1] == cycle_start(bought[charge.app], charge.month.plus(1)) - timedelta(days=1)
        else:
            assert charge.day == charge.month.plus(1).first_day.replace(day=3)
            assert charge.covers == (charge.month.first_day, charge.month.plus(1).first_day - timedelta(days=1))
    charged = [(c.app, c.month) for c in planned.charges if c.fee == "package"]
    paying = [a["name"] for a in data["apps"] if BOOK.editions[a["edition"]].package.price > 0]
    assert sorted(charged) == sorted((name, start.plus(k)) for name in paying for k in range(months))
