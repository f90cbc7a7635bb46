"""Charge schedule: cycle dates at month ends, the 3rd-of-next-month deduction, and agreement with forecast."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from imcost.cli import app
from imcost.forecast import forecast
from imcost.month import Month
from imcost.plan import load_plan
from imcost.pricebook import PriceBook
from imcost.schedule import cycle, deduction_day, schedule

from .conftest import SAMPLES, plan_from

UNDATED = "date not stated; document last updated 2020-10-30"

GROWTH = SAMPLES / "growth.yaml"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "bought,k,first,last",
    [
        (date(2026, 11, 15), 0, date(2026, 11, 15), date(2026, 12, 14)),
        (date(2026, 11, 15), 1, date(2026, 12, 15), date(2027, 1, 14)),  # across the year end
        # T = 31 and a shorter next month: the cycle ends the day before the clamped T,
        # and the next cycle goes back to the 31st where the month has one.
        (date(2027, 1, 31), 0, date(2027, 1, 31), date(2027, 2, 27)),
        (date(2027, 1, 31), 1, date(2027, 2, 28), date(2027, 3, 30)),
        (date(2027, 1, 31), 2, date(2027, 3, 31), date(2027, 4, 29)),
        (date(2027, 1, 31), 3, date(2027, 4, 30), date(2027, 5, 30)),
        # Leap year: 29 February exists.
        (date(2028, 1, 31), 0, date(2028, 1, 31), date(2028, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29), date(2028, 3, 30)),
        (date(2028, 1, 29), 1, date(2028, 2, 29), date(2028, 3, 28)),
        # T = 29 in a non-leap year: February's cycle starts on the 28th.
        (date(2027, 1, 29), 0, date(2027, 1, 29), date(2027, 2, 27)),
        (date(2027, 1, 29), 1, date(2027, 2, 28), date(2027, 3, 28)),
        (date(2026, 12, 31), 0, date(2026, 12, 31), date(2027, 1, 30)),
        (date(2026, 12, 31), 2, date(2027, 2, 28), date(2027, 3, 30)),
        (date(2027, 3, 31), 0, date(2027, 3, 31), date(2027, 4, 29)),
        (date(2027, 3, 1), 0, date(2027, 3, 1), date(2027, 3, 31)),
    ],
)
def test_cycle_dates(bought: date, k: int, first: date, last: date) -> None:
    assert cycle(bought, k) == (first, last)


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(0, 30))
def test_cycles_tile_with_no_gap_or_overlap(bought: date, k: int) -> None:
    first, last = cycle(bought, k)
    following, _ = cycle(bought, k + 1)
    assert following == last + timedelta(days=1)
    assert Month.of(first) == Month.of(bought).plus(k)
    assert 28 <= (last - first).days + 1 <= 31


@pytest.mark.parametrize(
    "month,day",
    [(Month(2026, 11), date(2026, 12, 3)), (Month(2026, 12), date(2027, 1, 3)), (Month(2028, 2), date(2028, 3, 3))],
)
def test_postpaid_is_deducted_on_the_3rd_of_the_next_month(month: Month, day: date) -> None:
    assert deduction_day(month) == day


def test_issue_example_json(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("purchased_on: 2026-11-15\nedition: pro\nusage:\n  peak_dau: 25000\n", encoding="utf-8")
    code, out, err = run(runner, "schedule", str(plan), "--months", "3", "-f", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {
        "schema_version",
        "customer",
        "quote",
        "currency",
        "pricebook",
        "months",
        "feasible",
        "problems",
        "charges",
        "total",
    }
    assert (data["pricebook"]["effective"], data["pricebook"]["date_note"]) == (None, UNDATED)
    assert data["months"] == ["2026-11", "2026-12", "2027-01"]
    assert data["charges"][0] == {
        "date": "2026-11-15",
        "app": "app",
        "fee": "package",
        "description": "pro (专业版)",
        "amount": "999.00",
        "billing": "prepaid",
        "covers": "2026-11-15..2026-12-14",
        "month": "2026-11",
        "list_amount": "999.00",
        "discount_percent": "0",
        "discount": "0.00",
        "pricebook": data["pricebook"],  # the one version of the shipped book
    }
    # 25,000 DAU: 2 started units of 10,000 every month, deducted on the 3rd of the next.
    assert [(c["date"], c["fee"], c["amount"], c["covers"]) for c in data["charges"]] == [
        ("2026-11-15", "package", "999.00", "2026-11-15..2026-12-14"),
        ("2026-12-03", "dau_overage", "2000.00", "2026-11-01..2026-11-30"),
        ("2026-12-15", "package", "999.00", "2026-12-15..2027-01-14"),
        ("2027-01-03", "dau_overage", "2000.00", "2026-12-01..2026-12-31"),
        ("2027-01-15", "package", "999.00", "2027-01-15..2027-02-14"),
        ("2027-02-03", "dau_overage", "2000.00", "2027-01-01..2027-01-31"),
    ]
    assert data["total"] == "8997.00"


def test_sample_csv_at_month_ends(runner: CliRunner) -> None:
    code, out, _ = run(runner, "schedule", str(GROWTH), "--months", "3", "-f", "csv")
    assert code == 0
    # The discount columns (none here) come last, as in an estimate's CSV.
    assert out == (
        "date,app,fee,description,amount,billing,covers,month,list_amount,discount_percent,discount\n"
        "2027-01-31,chat,package,pro (专业版),999.00,prepaid,2027-01-31..2027-02-27,2027-01,999.00,0,0.00\n"
        '2027-02-03,chat,dau_overage,"2,000 over the free 10,000",1000.00,postpaid,2027-01-01..2027-01-31,2027-01,'
        "1000.00,0,0.00\n"
        "2027-02-28,chat,package,pro (专业版),999.00,prepaid,2027-02-28..2027-03-30,2027-02,999.00,0,0.00\n"
        '2027-03-03,chat,dau_overage,"2,000 over the free 10,000",1000.00,postpaid,2027-02-01..2027-02-28,2027-02,'
        "1000.00,0,0.00\n"
        "2027-03-31,chat,package,pro (专业版),999.00,prepaid,2027-03-31..2027-04-29,2027-03,999.00,0,0.00\n"
        '2027-04-03,chat,dau_overage,"2,000 over the free 10,000",1000.00,postpaid,2027-03-01..2027-03-31,2027-03,'
        "1000.00,0,0.00\n"
    )


def test_edition_change_charges_the_new_package_from_its_months_cycle(book: PriceBook) -> None:
    plan = load_plan(GROWTH, book)
    result = schedule(plan, book, Month(2027, 5), 2)
    prepaid = [(c.day.isoformat(), c.fee, str(c.amount)) for c in result.charges if c.billing == "prepaid"]
    assert prepaid == [
        ("2027-05-31", "package", "999"),
        ("2027-06-30", "package", "2999"),
        ("2027-06-30", "group_members", "500"),
    ]
    postpaid = [(c.day.isoformat(), c.fee, str(c.amount)) for c in result.charges if c.billing == "postpaid"]
    assert postpaid == [("2027-06-03", "dau_overage", "1000"), ("2027-07-03", "dau_overage", "1000")]
    # The 6000-member add-on is bought by cycle, so it is charged with June's package on the 30th.
    members = [(c.day.isoformat(), c.billing, str(c.amount)) for c in result.charges if c.fee == "group_members"]
    assert members == [("2027-06-30", "prepaid", "500")]


def test_month_charges_add_up_to_the_forecast(book: PriceBook) -> None:
    plan = load_plan(GROWTH, book)
    planned = schedule(plan, book, None, 8)
    forecasted = forecast(plan, book, plan.month, 8, {})
    for month in forecasted.months:
        assert planned.month_total(month.estimate.month) == month.estimate.total
    assert planned.total == forecasted.total == Decimal(999 * 5 + 3499 * 3 + 1000 * 8)


@settings(max_examples=40, deadline=None)
@given(
    bought=st.dates(date(2026, 1, 1), date(2029, 12, 31)),
    months=st.integers(1, 14),
    dau=st.integers(0, 60000),
    groups=st.integers(0, 400000),
    mbps=st.decimals("0", "50", places=2),
    edition=st.sampled_from(["pro", "flagship"]),
    discounts=st.sampled_from([{}, {"all": "5%"}, {"package": "12.5%", "all": "3.3%"}, {"security": "100%"}]),
)
def test_schedule_agrees_with_forecast_for_any_purchase_day(
    book: PriceBook,
    bought: date,
    months: int,
    dau: int,
    groups: int,
    mbps: Decimal,
    edition: str,
    discounts: dict[str, str],
) -> None:
    data = {
        "edition": edition,
        "discounts": discounts,
        "purchased_on": bought,
        "usage": {"peak_dau": dau, "peak_groups": groups, "barrage_mbps": {"domestic": mbps}},
        "needs": {"history_days": 90},
        "security": True,
    }
    first = Month.of(bought)
    plan = plan_from(data, book, first)
    planned = schedule(plan, book, None, months)
    forecasted = forecast(plan, book, first, months, {})
    for month in forecasted.months:
        assert planned.month_total(month.estimate.month) == month.estimate.total
    # One package charge per month, each on its cycle's first day within that month.
    packages = [c for c in planned.charges if c.fee == "package"]
    assert [Month.of(c.day) for c in packages] == [first.plus(k) for k in range(months)]
    assert all(c.day == c.covers[0] for c in packages)
    assert all(c.day.day == 3 for c in planned.charges if c.billing == "postpaid")


def test_apps_bought_later_and_trial_apps(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "purchased_on: 2026-12-31\n"
        "apps:\n"
        "  - {name: staging, edition: trial}\n"
        "  - {name: late, edition: pro, purchased_on: 2027-02-10}\n"
        "  - {name: prod, edition: pro}\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "schedule", str(plan), "--months", "2", "-f", "csv")
    assert code == 0
    # The trial app is free: nothing to charge. 'late' is bought after the period.
    assert out == (
        "date,app,fee,description,amount,billing,covers,month,list_amount,discount_percent,discount\n"
        "2026-12-31,prod,package,pro (专业版),999.00,prepaid,2026-12-31..2027-01-30,2026-12,999.00,0,0.00\n"
        "2027-01-31,prod,package,pro (专业版),999.00,prepaid,2027-01-31..2027-02-27,2027-01,999.00,0,0.00\n"
    )
    assert err == (
        "imcost: note: app 'late' is bought on 2027-02-10: nothing charged for 2026-12\n"
        "imcost: note: app 'late' is bought on 2027-02-10: nothing charged for 2027-01\n"
    )


def test_a_plan_without_a_purchase_day(runner: CliRunner) -> None:
    path = SAMPLES / "pro-dau-overage.yaml"
    code, out, err = run(runner, "schedule", str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: {path}: app 'community-app' has prepaid items but no purchase day "
        "(add `purchased_on: YYYY-MM-DD` to the app or the top of the plan)\n"
    )


def test_bad_purchase_day(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("edition: pro\npurchased_on: next week\n", encoding="utf-8")
    code, _, err = run(runner, "schedule", str(plan))
    assert code == 2
    assert err == (
        f"imcost: error: {plan}:2: purchased_on: expected a date as YYYY-MM-DD, got the text 'next week' "
        "(the day the package was bought, e.g. 2027-01-31)\n"
    )


def test_table_is_exact(book: PriceBook) -> None:
    from rich.console import Console

    from imcost.render.schedule import render_table

    console = Console(record=True, width=100, color_system=None)
    console.print(render_table(schedule(load_plan(GROWTH, book), book, None, 1)))
    text = "\n".join(line.rstrip() for line in console.export_text().splitlines())
    # One app: no App column. At 100 columns the covered period takes one line.
    assert text == (
        "Charges for 2027-01\n"
        "\n"
        "  Date         Fee                                 Covers                     Billing       Amount\n"
        " " + "─" * 98 + "\n"
        "  2027-01-31   Package: pro (专业版)               2027-01-31 to 2027-02-27   prepaid      ¥999.00\n"
        "  2027-02-03   DAU overage: 2,000 over the free    2027-01-01 to 2027-01-31   postpaid   ¥1,000.00\n"
        "               10,000\n"
        "\n"
        "  Total                                                                                  ¥1,999.00\n"
        "\n"
        "Total charged for 2027-01: ¥1,999.00\n"
        "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30"
    )


def test_an_infeasible_schedule_says_why_on_stderr(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("month: 2027-01\nedition: trial\npurchased_on: 2027-01-01\nusage: {peak_dau: 500}\n", "utf-8")
    result = runner.invoke(app, ["schedule", str(plan), "--months", "2", "-f", "csv"])
    # trial allows 100 DAU: both months can't be bought; said once, with the first month.
    assert (result.exit_code, result.stderr) == (
        1,
        "imcost: app 'app' can't be bought as written in 2027-01 (and 1 later month): DAU: peak 500 is over the "
        "100 that trial (体验版) allows; overage is billed only on pro and flagship\n",
    )


def test_a_schedule_table_past_its_app_months_is_refused_before_any_charge_is_made(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imcost.render import schedule as render
    from imcost.schedule import ScheduleRun

    # samples/growth.yaml has one app: with a limit of 3 app-months, 3 months are shown and 4 refused.
    monkeypatch.setattr(render, "TABLE_APP_MONTHS", 3)
    code, out, _ = run(runner, "schedule", str(GROWTH), "--months", "3")
    assert code == 0
    assert out.startswith("Charges for 2027-01 to 2027-03\n")
    made: list[int] = []
    monkeypatch.setattr(ScheduleRun, "charges", lambda self: made.append(1) or iter(()))
    code, out, err = run(runner, "schedule", str(GROWTH), "--months", "4")
    assert (code, out, made) == (2, "", [])
    assert err == (
        "imcost: error: --format: a schedule table shows at most 3 app-months, not 1 app x 4 months "
        "(use --format csv, json, markdown or html, or fewer --months)\n"
    )
    monkeypatch.undo()
    monkeypatch.setattr(render, "TABLE_APP_MONTHS", 3)
    code, out, _ = run(runner, "schedule", str(GROWTH), "--months", "4", "-f", "markdown")
    assert code == 0
    assert out.startswith("# Charges for 2027-01 to 2027-04\n")
