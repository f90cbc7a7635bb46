"""Every rule against cases worked by hand from the price list (rule_cases.yaml)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from imcost.engine import estimate_app, version_for
from imcost.month import Month
from imcost.pricebook import PriceBook
from imcost.yamldoc import load_file

from .conftest import DECEMBER, estimate_one, plan_from

CASES: list[dict[str, Any]] = load_file(Path(__file__).with_name("rule_cases.yaml")).data


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rule_case(case: dict[str, Any], book: PriceBook) -> None:
    month = Month.parse(case["month"]) if "month" in case else DECEMBER
    result = estimate_one(case["plan"], book, month)

    charged: dict[str, list[Decimal]] = {}
    for item in result.items:
        charged.setdefault(item.fee, []).append(item.amount)
    expected = {
        fee: [Decimal(a) for a in (amounts if isinstance(amounts, list) else [amounts])]
        for fee, amounts in case["expect"].items()
    }
    assert charged == expected
    assert result.total == Decimal(case["total"])
    assert sorted(p.fee for p in result.problems) == sorted(case.get("problems", []))
    assert result.feasible is not case.get("problems")


def test_cases_cover_every_fee() -> None:
    """The case table charges every fee id at least once."""
    from imcost.rules.base import FEE_IDS

    charged = {fee for case in CASES for fee in case["expect"]}
    assert charged == set(FEE_IDS)


def test_overage_quantity_is_started_units(book: PriceBook) -> None:
    """35,000 DAU over the quota is 4 started units of 10,000, not 3.5."""
    item = next(
        i for i in estimate_one({"edition": "pro", "usage": {"peak_dau": 45000}}, book).items if i.fee == "dau_overage"
    )
    assert (item.quantity, item.unit, item.unit_price, item.amount) == (
        Decimal(4),
        "10,000 DAU",
        Decimal(1000),
        Decimal(4000),
    )
    assert item.billing == "postpaid"


def test_barrage_item_says_when_daily_rounding_makes_the_amount(book: PriceBook) -> None:
    """0.003 Mbps on 31 days is 0.093 Mbps·day: 0.19 at 2元 once, but each day's 0.006 is 0.01, 0.31 in all."""
    usage = {"barrage_mbps": {"domestic": Decimal("0.003"), "international": 1}}
    domestic, international = (
        i for i in estimate_one({"edition": "pro", "usage": usage}, book).items if i.fee == "barrage_bandwidth"
    )
    assert (domestic.quantity, domestic.unit_price, domestic.amount) == (Decimal("0.093"), 2, Decimal("0.31"))
    assert domestic.description == "domestic; settled daily, each day rounded to the fen"
    # 31 Mbps·day x 4元 = 124: the rounding changes nothing, the description is the region alone.
    assert (international.quantity, international.amount, international.description) == (31, 124, "international")


def test_billing_kinds(book: PriceBook) -> None:
    """Package, capacity add-ons and security are prepaid; overage, history and bandwidth postpaid."""
    plan = {
        "edition": "pro",
        "usage": {"peak_dau": 10001, "peak_groups": 100001, "barrage_mbps": {"domestic": 1}},
        "needs": {"history_days": 30, "av_chatrooms": 51, "group_members": 201, "groups_per_user": 501},
        "security": True,
    }
    billing = {i.fee: i.billing for i in estimate_one(plan, book).items}
    assert billing == {
        "package": "prepaid",
        "dau_overage": "postpaid",
        "group_overage": "postpaid",
        "history_storage": "postpaid",
        "av_chatrooms": "prepaid",
        "group_members": "prepaid",
        "groups_per_user": "prepaid",
        "barrage_bandwidth": "postpaid",
        "security": "prepaid",
    }


def test_infeasible_messages_say_why(book: PriceBook) -> None:
    result = estimate_one({"edition": "pro", "needs": {"groups_per_user": 1200, "friends_per_user": 5000}}, book)
    assert [p.message for p in result.problems] == [
        "groups per user: needs 1,200, pro caps at 1,000 with the add-on",
        "friends per user: needs 5,000, pro caps at 3,000 and it can't be extended",
    ]
    trial = estimate_one({"edition": "trial", "usage": {"peak_dau": 500}, "security": True}, book)
    assert [p.message for p in trial.problems] == [
        "DAU: peak 500 is over the 100 that trial (体验版) allows; overage is billed only on pro and flagship",
        "the security service is sold only on pro and flagship, not on trial (体验版)",
    ]


def _as_long(month: Month) -> Month:
    """The next month after ``month`` with as many days (2028-02, 29 days, is followed by 2032-02)."""
    later = month.plus(1)
    while later.days != month.days:
        later = later.plus(1)
    return later


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rules_read_the_month_only_through_its_days(case: dict[str, Any], book: PriceBook) -> None:
    """A month as long prices the same (a forecast takes its pricing again: imcost.forecast.ForecastRun)."""
    month = Month.parse(case["month"]) if "month" in case else DECEMBER
    app = plan_from(case["plan"], book, month).apps[0]
    priced_on = version_for(app, month.first_day, book)
    assert estimate_app(app, _as_long(month), priced_on) == estimate_app(app, month, priced_on)


def test_a_month_of_another_length_prices_per_day_fees_otherwise(book: PriceBook) -> None:
    """1 Mbps of domestic barrage at 2元 a Mbps·day: 62元 in 2026-12 and 2027-01 (31 days), 60 in 2026-11."""
    app = plan_from({"edition": "pro", "usage": {"barrage_mbps": {"domestic": 1}}}, book).apps[0]
    assert _as_long(Month(2026, 12)) == Month(2027, 1)
    assert _as_long(Month(2028, 2)) == Month(2032, 2)
    amounts = [
        next(i.amount for i in estimate_app(app, m, book).items if i.fee == "barrage_bandwidth")
        for m in (Month(2026, 12), Month(2027, 1), Month(2026, 11))
    ]
    assert amounts == [Decimal(62), Decimal(62), Decimal(60)]
