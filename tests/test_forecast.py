"""Forecast: compound growth worked by hand, dated changes, the cheapest edition per month, outputs."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from imcost.cli import app
from imcost.errors import InputError
from imcost.forecast import cheapest_edition, forecast, grown, parse_growth
from imcost.month import Month
from imcost.plan import load_plan
from imcost.pricebook import PriceBook
from imcost.render import forecast as render

from .conftest import SAMPLES, plan_from

GROWTH = SAMPLES / "growth.yaml"
EIGHT = Fraction(8, 100)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_growth_flags_may_be_repeated_or_separated_by_commas() -> None:
    assert (
        parse_growth(["dau=8%,groups=5%"])
        == parse_growth(["dau=8%", "groups=5%"])
        == {
            "dau": Fraction(8, 100),
            "groups": Fraction(5, 100),
        }
    )
    assert parse_growth([" DAU = 8.5 % "]) == {"dau": Fraction(85, 1000)}


@pytest.mark.parametrize(
    "figure,rate,months,expected",
    [
        # 10,000 x 1.08^3 = 10,000 x 1.259712 = 12,597.12 -> 12,598 whole users
        (10000, EIGHT, 3, 12598),
        (10000, EIGHT, 1, 10800),  # exact: nothing to round
        (10000, EIGHT, 0, 10000),
        (12000, EIGHT, 2, 13997),  # 12,000 x 1.1664 = 13,996.8
        (90000, Fraction(5, 100), 3, 104187),  # 90,000 x 1.157625 = 104,186.25
        (10000, Fraction(-5, 100), 2, 9025),  # shrinking: 10,000 x 0.9025
        (18519, EIGHT, 1, 20001),  # 20,000.52 rounds UP
        (18518, EIGHT, 1, 20000),  # 19,999.44
        (0, EIGHT, 12, 0),
    ],
)
def test_grown_is_compound_and_rounded_up(figure: int, rate: Fraction, months: int, expected: int) -> None:
    assert grown(figure, rate, months) == expected


def test_rounding_up_can_start_an_overage_unit(book: PriceBook) -> None:
    # 18,519 DAU at 8%: month 1 is 20,000.52 -> 20,001 DAU -> 10,001 over -> 2 units (2000元)
    # 18,518 DAU at 8%: month 1 is 19,999.44 -> 20,000 DAU -> 10,000 over -> 1 unit (1000元)
    for dau, overage in ((18519, "2000"), (18518, "1000")):
        plan = plan_from({"edition": "pro", "usage": {"peak_dau": dau}}, book, Month(2027, 1))
        result = forecast(plan, book, Month(2027, 1), 2, {"dau": EIGHT})
        items = result.months[1].estimate.apps[0].items
        assert [(i.fee, str(i.amount)) for i in items] == [("package", "999"), ("dau_overage", overage)]


def test_growth_sample_month_by_month(book: PriceBook) -> None:
    # DAU 12,000 x 1.08^k: 12,000 / 12,960 / 13,997 / 15,117 / 16,326 / 17,632: 1 unit every month.
    # Groups 90,000 x 1.05^k: 90,000 / 94,500 / 99,225 / 104,187 / 109,396 / 114,866: a unit from month 4.
    # From 2027-06 the plan is on flagship with 5,000-member groups (the 6000 add-on, 500元).
    plan = load_plan(GROWTH, book)
    result = forecast(plan, book, plan.month, 6, parse_growth(["dau=8%", "groups=5%"]))
    assert [(str(m.estimate.month), str(m.estimate.total)) for m in result.months] == [
        ("2027-01", "1999"),
        ("2027-02", "1999"),
        ("2027-03", "1999"),
        ("2027-04", "2999"),
        ("2027-05", "2999"),
        ("2027-06", "5499"),
    ]
    assert str(result.total) == "17494"
    # Pro caps groups at 2,000 members, so from June only flagship can be bought.
    assert [m.recommended["chat"] for m in result.months] == ["pro"] * 5 + ["flagship"]
    assert [(s.app, str(s.month), s.before, s.after) for s in result.switches] == [
        ("chat", "2027-06", "pro", "flagship")
    ]


def test_cheapest_edition_prefers_price_then_the_apps_own(book: PriceBook) -> None:
    month = Month(2027, 1)
    # A flagship app keeps what flagship includes (unlimited users, 3,000 friends, 30 days ...):
    # trial can't, and pro with the add-ons (999 + 500 + 1000 + 500 + 1100 = 4099) costs more.
    small = plan_from({"edition": "flagship", "usage": {"peak_dau": 50}}, book, month).apps[0]
    assert cheapest_edition(small, month, book) == "flagship"
    # With needs at trial's own level, trial (0元) is the cheapest, as recommend says.
    needs = {"history_days": 7, "group_members": 20, "groups_per_user": 50, "av_chatrooms": 10}
    needs |= {"friends_per_user": 20, "users": 100}
    lowered = plan_from({"edition": "flagship", "usage": {"peak_dau": 50}, "needs": needs}, book, month).apps[0]
    assert cheapest_edition(lowered, month, book) == "trial"
    # 3,000 groups per user: pro caps at 1,000, so only flagship (2999 + 900) can be bought.
    big = plan_from({"edition": "pro", "needs": {"groups_per_user": 3000}}, book, month).apps[0]
    assert cheapest_edition(big, month, book) == "flagship"
    impossible = plan_from({"edition": "pro", "needs": {"friends_per_user": 5000}}, book, month).apps[0]
    assert cheapest_edition(impossible, month, book) is None


def test_json_is_pinned(runner: CliRunner) -> None:
    code, out, err = run(runner, "forecast", str(GROWTH), "--months", "2", "--growth", "dau=8%", "-f", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {
        "schema_version",
        "customer",
        "quote",
        "currency",
        "pricebook",
        "feasible",
        "total",
        "edition_switches",
        "months",
    }
    assert (data["customer"], data["quote"]) == (None, None)
    assert data["pricebook"] == {
        "name": "Tencent Cloud IM",
        "id": "tencent-im",
        "vendor": "Tencent Cloud",
        "effective": None,
        "date_note": "date not stated; document last updated 2020-10-30",
        "source": "腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)",
    }
    keys = {"month", "total", "feasible", "recommended", "usage", "items", "problems", "pricebooks"}
    assert set(data["months"][0]) == keys
    # 12,000 DAU grown 8% for one month: 12,960; groups stay 90,000.
    assert data["months"][0]["usage"] == {"chat": {"peak_dau": 12000, "peak_groups": 90000}}
    assert data["months"][1] == {
        "month": "2027-02",
        "total": "1999.00",
        "feasible": True,
        "recommended": {"chat": "pro"},
        "pricebooks": {"chat": data["pricebook"]},  # each app's version in force on the month's 1st
        "usage": {"chat": {"peak_dau": 12960, "peak_groups": 90000}},
        "problems": [],
        "items": [
            {
                "app": "chat",
                "edition": "pro",
                "fee": "package",
                "description": "pro (专业版)",
                "quantity": "1",
                "unit": "month",
                "unit_price": "999.00",
                "amount": "999.00",
                "billing": "prepaid",
                "source": "套餐包价格详情: 专业版 999元/月, 有效期 T日 - 次月T-1日",
                "list_amount": "999.00",
                "discount_percent": "0",
                "discount": "0.00",
            },
            {
                "app": "chat",
                "edition": "pro",
                "fee": "dau_overage",
                "description": "2,960 over the free 10,000",
                "quantity": "1",
                "unit": "10,000 DAU",
                "unit_price": "1000.00",
                "amount": "1000.00",
                "billing": "postpaid",
                "source": "套餐外超量费用: DAU 1000元/万/月，不足1万的部分按1万计算",
                "list_amount": "1000.00",
                "discount_percent": "0",
                "discount": "0.00",
            },
        ],
    }
    assert (data["total"], data["edition_switches"]) == ("3998.00", [])


def test_csv_is_exact(runner: CliRunner) -> None:
    args = ("forecast", str(GROWTH), "--months", "6", "--growth", "dau=8%", "--growth", "groups=5%", "-f", "csv")
    code, out, _ = run(runner, *args)
    assert code == 0
    assert out == (
        "month,peak_dau,peak_groups,package,dau_overage,group_overage,group_members,total\n"
        "2027-01,12000,90000,999.00,1000.00,0.00,0.00,1999.00\n"
        "2027-02,12960,94500,999.00,1000.00,0.00,0.00,1999.00\n"
        "2027-03,13997,99225,999.00,1000.00,0.00,0.00,1999.00\n"
        "2027-04,15117,104187,999.00,1000.00,1000.00,0.00,2999.00\n"
        "2027-05,16326,109396,999.00,1000.00,1000.00,0.00,2999.00\n"
        "2027-06,17632,114866,2999.00,1000.00,1000.00,500.00,5499.00\n"
    )
    # The usage each month assumes, grown from 12,000 DAU and 90,000 groups and rounded up:
    # DAU x 1.08^k = 12,960, 13,996.8 -> 13,997, 15,116.5 -> 15,117, 16,325.9 -> 16,326, 17,631.9 -> 17,632;
    # groups x 1.05^k = 94,500, 99,225, 104,186.25 -> 104,187, 109,395.6 -> 109,396, 114,865.3 -> 114,866.


def test_table_is_exact(book: PriceBook) -> None:
    plan = load_plan(GROWTH, book)
    result = forecast(plan, book, Month(2027, 4), 3, parse_growth(["groups=5%"]))
    console = Console(record=True, width=100, color_system=None)
    console.print(render.render_table(result))
    text = "\n".join(line.rstrip() for line in console.export_text().splitlines())
    # Groups from 2027-04: 90,000 / 94,500 / 99,225: no group overage; flagship from June.
    assert text == (
        "Forecast 2027-04 to 2027-06\n"
        "\n"
        "  Month       Peak DAU    Peak groups      Package    DAU overage     Group member cap       Total\n"
        " " + "─" * 98 + "\n"
        "  2027-04       12,000         90,000      ¥999.00      ¥1,000.00                        ¥1,999.00\n"
        "  2027-05       12,000         94,500      ¥999.00      ¥1,000.00                        ¥1,999.00\n"
        "  2027-06       12,000         99,225    ¥2,999.00      ¥1,000.00              ¥500.00   ¥4,499.00\n"
        "\n"
        "  Total                                  ¥4,997.00      ¥3,000.00              ¥500.00   ¥8,497.00\n"
        "\n"
        "Cheapest edition in 2027-04: pro (chat)\n"
        "chat: the cheapest edition changes from pro to flagship in 2027-06\n"
        "Total for 2027-04 to 2027-06: ¥8,497.00\n"
        "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30"
    )


def test_start_defaults_to_the_plan_month_and_can_be_moved(runner: CliRunner) -> None:
    code, out, _ = run(runner, "forecast", str(GROWTH), "--months", "1", "--start", "2027-06", "-f", "json")
    assert code == 0
    data = json.loads(out)
    # Flagship from June: 2999 + 1000 (12,000 DAU) + 500 (5,000 members)
    assert [(m["month"], m["total"]) for m in data["months"]] == [("2027-06", "4499.00")]


def test_daily_plan_forecasts_the_months_of_its_file(runner: CliRunner) -> None:
    # Without --months, the forecast covers the file's months (2026-12 and 2027-01), not 12.
    code, out, _ = run(runner, "forecast", str(SAMPLES / "daily-usage.yaml"), "-f", "csv")
    assert code == 0
    assert out == (
        "month,peak_dau,peak_groups,package,dau_overage,group_overage,barrage_bandwidth,total\n"
        "2026-12,14200,50000,999.00,1000.00,0.00,668.00,2667.00\n"
        "2027-01,21000,120000,999.00,2000.00,1000.00,620.00,4619.00\n"
    )
    # The peaks are each month's highest rows of the file: 14,200 DAU on 2026-12-24, 21,000 on 2027-01-01.


def test_infeasible_month_exits_1(runner: CliRunner) -> None:
    # Trial allows 100 DAU: 80 grows to 88, 96.8 -> 97, 106.48 -> 107: the fourth month is over.
    code, out, err = run(
        runner, "forecast", str(SAMPLES / "multi-app.yaml"), "--months", "4", "--growth", "dau=10%", "-f", "json"
    )
    assert code == 1
    data = json.loads(out)
    assert [m["feasible"] for m in data["months"]] == [True, True, True, False]
    assert data["months"][3]["problems"][0]["app"] == "staging"
    assert err == (
        "imcost: app 'staging' can't be bought as written in 2027-04: DAU: peak 107 is over the 100 that trial "
        "(体验版) allows; overage is billed only on pro and flagship\n"
    )


GROWTH_ERRORS = {
    "unknown metric": (["users=5%"], "--growth: unknown metric 'users' (metrics: dau, groups)"),
    "misspelt metric": (["dua=5%"], "--growth: unknown metric 'dua' (did you mean 'dau'?)"),
    "no percent sign": (["dau=8"], "--growth: expected METRIC=RATE%, got 'dau=8' (e.g. dau=8%)"),
    "twice": (["dau=8%", "dau=9%"], "--growth: dau is given twice (give each metric once)"),
    "all gone": (["dau=-100%"], "--growth: 'dau=-100%': expected a monthly rate above -100% and at most 1000%"),
    "too fast": (
        ["groups=1000.5%"],
        "--growth: 'groups=1000.5%': expected a monthly rate above -100% and at most 1000%",
    ),
    "thousands of digits": (
        ["dau=" + "9" * 5000 + "%"],
        "--growth: expected METRIC=RATE%, got 'dau=" + "9" * 36 + "'... (5,005 characters) (e.g. dau=8%)",
    ),
}


@pytest.mark.parametrize("flags,message", list(GROWTH_ERRORS.values()), ids=list(GROWTH_ERRORS))
def test_bad_growth(flags: list[str], message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_growth(flags)
    assert str(caught.value) == message


def test_plans_that_cannot_be_forecast(runner: CliRunner, tmp_path: Path) -> None:
    daily = SAMPLES / "daily-usage.yaml"
    code, out, err = run(runner, "forecast", str(daily), "--growth", "dau=5%")
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: {daily}:12: usage.daily: --growth grows plan figures, but app 'live-daily' takes its usage "
        f"from {SAMPLES}/daily-usage.csv (drop --growth, or give usage.peak_dau)\n"
    )
    per_day = SAMPLES / "barrage-daily.yaml"
    code, _, err = run(runner, "forecast", str(per_day), "--months", "2")
    assert code == 2
    assert err == (
        f"imcost: error: {per_day}:10: usage.barrage_mbps.domestic: app 'live-events' lists the days of 2028-02 "
        "only; the forecast needs other months (give one number for every day, or a daily file)\n"
    )
    code, _, err = run(runner, "forecast", str(GROWTH), "--months", "0")
    assert (code, err) == (2, "imcost: error: --months: expected 1 to 120 months, got 0 (e.g. --months 12)\n")
    code, _, err = run(runner, "forecast", str(GROWTH), "--start", "2027-1x")
    assert (code, err) == (
        2,
        "imcost: error: --start: expected a month as YYYY-MM, got '2027-1x' (e.g. --start 2027-01)\n",
    )


def test_forecast_shows_each_apps_usage_every_month(runner: CliRunner) -> None:
    # samples/multi-app.yaml: staging (trial) 80 DAU and support (pro) 12,000 DAU grown 8%:
    # 80 x 1.08 = 86.4 -> 87 and 12,000 x 1.08 = 12,960 in the second month; nobody has groups.
    args = ("forecast", str(SAMPLES / "multi-app.yaml"), "--months", "2", "--growth", "dau=8%")
    code, out, _ = run(runner, *args, "-f", "json")
    assert [m["usage"] for m in json.loads(out)["months"]] == [
        {
            "staging": {"peak_dau": 80, "peak_groups": 0},
            "support": {"peak_dau": 12000, "peak_groups": 0},
            "chat-prod": {"peak_dau": 0, "peak_groups": 0},
        },
        {
            "staging": {"peak_dau": 87, "peak_groups": 0},
            "support": {"peak_dau": 12960, "peak_groups": 0},
            "chat-prod": {"peak_dau": 0, "peak_groups": 0},
        },
    ]
    code, out, _ = run(runner, *args, "-f", "csv")
    assert out.splitlines()[:3] == [
        "month,staging.peak_dau,staging.peak_groups,support.peak_dau,support.peak_groups,"
        "chat-prod.peak_dau,chat-prod.peak_groups,package,dau_overage,history_storage,total",
        "2027-01,80,0,12000,0,0,0,3998.00,1000.00,500.00,5498.00",
        "2027-02,87,0,12960,0,0,0,3998.00,1000.00,500.00,5498.00",
    ]
    code, out, _ = run(runner, *args, "-f", "markdown")
    assert out.splitlines()[2] == (
        "| Month | staging Peak DAU | staging Peak groups | support Peak DAU | support Peak groups "
        "| chat-prod Peak DAU | chat-prod Peak groups | Package | DAU overage | History storage | Total |"
    )


def test_a_forecast_table_past_its_app_months_is_refused_before_any_month_is_made(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # samples/multi-app.yaml has 3 apps: with a limit of 6 app-months, 2 months are shown and 3 refused.
    monkeypatch.setattr(render, "TABLE_APP_MONTHS", 6)
    plan = str(SAMPLES / "multi-app.yaml")
    code, out, err = run(runner, "forecast", plan, "--months", "2")
    assert (code, err) == (0, "")
    assert out.startswith("Forecast 2027-01 to 2027-02\n")
    made: list[int] = []
    monkeypatch.setattr(render.ForecastRun, "months", lambda self: made.append(1) or iter(()))
    code, out, err = run(runner, "forecast", plan, "--months", "3")
    assert (code, out, made) == (2, "", [])
    assert err == (
        "imcost: error: --format: a forecast table shows at most 6 app-months, not 3 apps x 3 months "
        "(use --format csv or json, or fewer --months)\n"
    )


def test_forecast_markdown_html_and_csv_have_their_app_month_limits_and_json_none(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # samples/multi-app.yaml has 3 apps: 3 months are 9 app-months.
    monkeypatch.setattr(render, "TABLE_APP_MONTHS", 6)
    monkeypatch.setattr(render, "CSV_APP_MONTHS", 9)
    plan = str(SAMPLES / "multi-app.yaml")
    for fmt in ("markdown", "html"):
        code, out, err = run(runner, "forecast", plan, "--months", "3", "-f", fmt)
        assert (code, out) == (2, "")
        assert err == (
            f"imcost: error: --format: a forecast as {fmt} shows at most 6 app-months, not 3 apps x 3 months "
            "(use --format csv or json, or fewer --months)\n"
        )
    code, out, _ = run(runner, "forecast", plan, "--months", "3", "-f", "csv")
    assert code == 0
    assert [line.split(",")[0] for line in out.splitlines()] == ["month", "2027-01", "2027-02", "2027-03"]
    code, out, err = run(runner, "forecast", plan, "--months", "4", "-f", "csv")
    assert (code, out) == (2, "")
    assert err == (
        "imcost: error: --format: a forecast as csv shows at most 9 app-months, not 3 apps x 4 months "
        "(use --format json, or fewer --months)\n"
    )
    monkeypatch.setattr(render, "CSV_APP_MONTHS", 2)
    code, out, err = run(runner, "forecast", str(SAMPLES / "flagship.yaml"), "--months", "3", "-f", "csv")
    assert err.endswith("not 1 app x 3 months (use --format json, or fewer --months)\n")
    code, out, _ = run(runner, "forecast", plan, "--months", "3", "-f", "json")
    assert code == 0
    assert [m["month"] for m in json.loads(out)["months"]] == ["2027-01", "2027-02", "2027-03"]
