"""forecast, schedule and a daily estimate's months: every format, --lang, --pricebook/--as-of, --out, discounts.

Every amount is worked by hand from the price list in the comments (the shipped
one unless a test names samples/pricebook-2027.yaml). Tables are recorded at a
fixed width, never the terminal's.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from imcost.cli import app
from imcost.forecast import forecast, parse_growth
from imcost.month import Month
from imcost.plan import load_plan
from imcost.pricebook import PriceBook
from imcost.render import forecast as forecast_out
from imcost.render import schedule as schedule_out
from imcost.schedule import schedule

from .conftest import ROOT, SAMPLES

UNDATED = "date not stated; document last updated 2020-10-30"

GROWTH = SAMPLES / "growth.yaml"
FLAGSHIP = SAMPLES / "flagship.yaml"
DAILY = SAMPLES / "daily-usage.yaml"
BOOK_2027 = SAMPLES / "pricebook-2027.yaml"
DISCOUNTED = ROOT / "tests" / "fixtures" / "discounted-calendar.yaml"
SOURCE = "腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)"
PRICES = "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30"
PRICES_ZH = "价格：Tencent Cloud IM，未注明生效日期；文档最后更新于 2020-10-30"


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def recorded(renderable: object, width: int = 100) -> str:
    console = Console(record=True, width=width, color_system=None)
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


# --- discounts flow through forecast and schedule -------------------------------------------------------


def test_forecast_months_are_net_of_discounts(runner: CliRunner) -> None:
    # tests/fixtures/discounted-calendar.yaml: 15% off packages, 5% off the rest, flagship from March.
    # DAU 12,000 x 1.1^k = 12,000 / 13,200 / 14,520: one started unit of 10,000 over the free 10,000 each month.
    code, out, err = run(runner, "forecast", str(DISCOUNTED), "--months", "3", "--growth", "dau=10%", "-f", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    # pro 849.15 + security 950.00 + DAU 950.00 = 2749.15; flagship 2549.15 + 950.00 + 950.00 = 4449.15
    assert [(m["month"], m["total"]) for m in data["months"]] == [
        ("2027-01", "2749.15"),
        ("2027-02", "2749.15"),
        ("2027-03", "4449.15"),
    ]
    assert data["total"] == "9947.45"
    package = data["months"][2]["items"][0]
    assert (package["fee"], package["list_amount"], package["discount_percent"]) == ("package", "2999.00", "15")
    assert (package["discount"], package["amount"]) == ("449.85", "2549.15")  # 2999 x 15% = 449.85


def test_forecast_table_says_what_discounts_took_off(book: PriceBook) -> None:
    plan = load_plan(DISCOUNTED, book)
    result = forecast(plan, book, plan.month, 3, parse_growth(["dau=10%"]))
    # List 2999 + 2999 + 4999 = 10997; net 9947.45; 10997 - 9947.45 = 1049.55.
    # From March the app is on flagship: pro keeping what flagship includes costs more.
    assert recorded(forecast_out.render_table(result)) == (
        "Forecast 2027-01 to 2027-03\n"
        "\n"
        "  Month       Peak DAU    Peak groups      Package    DAU overage     Security service       Total\n"
        " " + "─" * 98 + "\n"
        "  2027-01       12,000         90,000      ¥849.15        ¥950.00              ¥950.00   ¥2,749.15\n"
        "  2027-02       13,200         90,000      ¥849.15        ¥950.00              ¥950.00   ¥2,749.15\n"
        "  2027-03       14,520         90,000    ¥2,549.15        ¥950.00              ¥950.00   ¥4,449.15\n"
        "\n"
        "  Total                                  ¥4,247.45      ¥2,850.00            ¥2,850.00   ¥9,947.45\n"
        "\n"
        "Cheapest edition in 2027-01: pro (chat)\n"
        "chat: the cheapest edition changes from pro to flagship in 2027-03\n"
        "Net of discounts: ¥1,049.55 off the list price ¥10,997.00\n"
        "Total for 2027-01 to 2027-03: ¥9,947.45\n" + PRICES
    )


def test_schedule_charges_are_net_and_add_up_to_the_forecast(runner: CliRunner, book: PriceBook) -> None:
    code, out, err = run(runner, "schedule", str(DISCOUNTED), "--months", "3", "-f", "csv")
    assert (code, err) == (0, "")
    # Prepaid on the 31st (28 Feb, clamped), postpaid DAU on the 3rd of the next month; each item rounded.
    assert out == (
        "date,app,fee,description,amount,billing,covers,month,list_amount,discount_percent,discount\n"
        "2027-01-31,chat,package,pro (专业版),849.15,prepaid,2027-01-31..2027-02-27,2027-01,999.00,15,149.85\n"
        "2027-01-31,chat,security,安全打击服务,950.00,prepaid,2027-01-31..2027-02-27,2027-01,1000.00,5,50.00\n"
        '2027-02-03,chat,dau_overage,"2,000 over the free 10,000",950.00,postpaid,2027-01-01..2027-01-31,2027-01,'
        "1000.00,5,50.00\n"
        "2027-02-28,chat,package,pro (专业版),849.15,prepaid,2027-02-28..2027-03-30,2027-02,999.00,15,149.85\n"
        "2027-02-28,chat,security,安全打击服务,950.00,prepaid,2027-02-28..2027-03-30,2027-02,1000.00,5,50.00\n"
        '2027-03-03,chat,dau_overage,"2,000 over the free 10,000",950.00,postpaid,2027-02-01..2027-02-28,2027-02,'
        "1000.00,5,50.00\n"
        "2027-03-31,chat,package,flagship (旗舰版),2549.15,prepaid,2027-03-31..2027-04-29,2027-03,2999.00,15,449.85\n"
        "2027-03-31,chat,security,安全打击服务,950.00,prepaid,2027-03-31..2027-04-29,2027-03,1000.00,5,50.00\n"
        '2027-04-03,chat,dau_overage,"2,000 over the free 10,000",950.00,postpaid,2027-03-01..2027-03-31,2027-03,'
        "1000.00,5,50.00\n"
    )
    plan = load_plan(DISCOUNTED, book)
    planned = schedule(plan, book, None, 3)
    forecasted = forecast(plan, book, plan.month, 3, {})
    assert [planned.month_total(m.estimate.month) for m in forecasted.months] == [
        Decimal("2749.15"),
        Decimal("2749.15"),
        Decimal("4449.15"),
    ]
    assert [m.estimate.total for m in forecasted.months] == [planned.month_total(m) for m in planned.months]
    assert planned.total == forecasted.total == Decimal("9947.45")


def test_half_fen_discounts_round_per_item_in_the_schedule_too(runner: CliRunner, tmp_path: Path) -> None:
    # samples/discounts.yaml bought on 2026-12-15: chat-prod's package 2999 - 12.5% = 2624.125 -> 2624.13,
    # its DAU 4000 - 5% = 3800.00; support (10% off all): 899.10 + 900.00. Month: 8223.23, as estimate says.
    plan = tmp_path / "quote.yaml"
    text = (SAMPLES / "discounts.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("month: 2026-12\n", "month: 2026-12\npurchased_on: 2026-12-15\n"), encoding="utf-8")
    code, out, _ = run(runner, "schedule", str(plan), "--months", "1", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert [(c["app"], c["fee"], c["amount"], c["list_amount"], c["discount"]) for c in data["charges"]] == [
        ("chat-prod", "package", "2624.13", "2999.00", "374.87"),
        ("support", "package", "899.10", "999.00", "99.90"),
        ("support", "security", "900.00", "1000.00", "100.00"),
        ("chat-prod", "dau_overage", "3800.00", "4000.00", "200.00"),
    ]
    assert data["total"] == "8223.23"
    estimated = json.loads(run(runner, "estimate", str(plan), "-f", "json")[1])
    assert estimated["total"] == data["total"]


def test_schedule_table_shows_the_percentage_under_the_net_amount(book: PriceBook) -> None:
    result = schedule(load_plan(DISCOUNTED, book), book, None, 1)
    assert recorded(schedule_out.render_table(result)) == (
        "Charges for 2027-01\n"
        "\n"
        "  Date         Fee                                 Covers                     Billing       Amount\n"
        " " + "─" * 98 + "\n"
        "  2027-01-31   Package: pro (专业版)               2027-01-31 to 2027-02-27   prepaid      ¥849.15\n"
        "                                                                                              -15%\n"
        "  2027-01-31   Security service: 安全打击服务      2027-01-31 to 2027-02-27   prepaid      ¥950.00\n"
        "                                                                                               -5%\n"
        "  2027-02-03   DAU overage: 2,000 over the free    2027-01-01 to 2027-01-31   postpaid     ¥950.00\n"
        "               10,000                                                                          -5%\n"
        "\n"
        "  Total                                                                                  ¥2,749.15\n"
        "\n"
        "Net of discounts: ¥249.85 off the list price ¥2,999.00\n"
        "Total charged for 2027-01: ¥2,749.15\n" + PRICES
    )


def test_schedule_markdown_with_discounts(runner: CliRunner) -> None:
    code, out, _ = run(runner, "schedule", str(DISCOUNTED), "--months", "1", "-f", "markdown")
    assert code == 0
    assert out == (
        "# Charges for 2027-01\n"
        "\n"
        "| Date | App | Fee | Description | Covers | Billing | List price | Discount | Amount |\n"
        "|---|---|---|---|---|---|---:|---:|---:|\n"
        "| 2027-01-31 | chat | Package | pro (专业版) | 2027-01-31 to 2027-02-27 | prepaid | ¥999.00 "
        "| -¥149.85 (15%) | ¥849.15 |\n"
        "| 2027-01-31 | chat | Security service | 安全打击服务 | 2027-01-31 to 2027-02-27 | prepaid | ¥1,000.00 "
        "| -¥50.00 (5%) | ¥950.00 |\n"
        "| 2027-02-03 | chat | DAU overage | 2,000 over the free 10,000 | 2027-01-01 to 2027-01-31 | postpaid "
        "| ¥1,000.00 | -¥50.00 (5%) | ¥950.00 |\n"
        "| **Total** | | | | | | | | **¥2,749.15** |\n"
        "\n"
        "Net of discounts: ¥249.85 off the list price ¥2,999.00\n"
        "\n"
        "**Total charged for 2027-01: ¥2,749.15** (CNY)\n"
        "\n"
        f"{PRICES} ({SOURCE}).\n"
    )


def test_a_daily_plan_is_scheduled_through_its_files_last_month(runner: CliRunner, tmp_path: Path) -> None:
    # samples/daily-usage.csv covers 2026-12 and 2027-01: without --months, those two months, not 12.
    # December: 999 + 1000 + 660 + 8 = 2667; January: 999 + 2000 + 1000 + 620 = 4619 (the sample's header).
    (tmp_path / "usage.csv").write_bytes((SAMPLES / "daily-usage.csv").read_bytes())
    plan = tmp_path / "plan.yaml"
    plan.write_text("edition: pro\npurchased_on: 2026-12-10\nusage:\n  daily: usage.csv\n", encoding="utf-8")
    code, out, err = run(runner, "schedule", str(plan), "-f", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["months"] == ["2026-12", "2027-01"]
    by_month: dict[str, Decimal] = {}
    for charge in data["charges"]:
        by_month[charge["month"]] = by_month.get(charge["month"], Decimal(0)) + Decimal(charge["amount"])
    assert by_month == {"2026-12": Decimal("2667.00"), "2027-01": Decimal("4619.00")}
    assert data["total"] == "7286.00"
    # --months still wins; the months past the file are noted.
    code, out, err = run(runner, "schedule", str(plan), "-f", "json", "--months", "3")
    assert json.loads(out)["months"] == ["2026-12", "2027-01", "2027-02"]
    assert err.startswith(f"imcost: note: {tmp_path}/usage.csv: 2027-02 has no row for 28 days")


# --- --pricebook and --as-of ----------------------------------------------------------------------------


def test_forecast_with_a_dated_price_book(runner: CliRunner) -> None:
    # The 2027 version of samples/pricebook-2027.yaml: pro 899, flagship 2699, DAU 800 per started 10,000.
    # DAU 12,000 x 1.08^k stays under 20,000 for six months: one unit, 800, every month.
    # Groups 90,000 x 1.05^k pass 100,000 in month 3 (104,187): one unit, 1000 (not renegotiated).
    # June is flagship (2699) with the 6000-member add-on (500).
    args = ["forecast", str(GROWTH), "--months", "6", "--growth", "dau=8%", "--growth", "groups=5%", "-f", "csv"]
    code, out, _ = run(runner, *args, "--pricebook", str(BOOK_2027), "--as-of", "2027-01-01")
    assert code == 0
    assert out == (
        "month,peak_dau,peak_groups,package,dau_overage,group_overage,group_members,total\n"
        "2027-01,12000,90000,899.00,800.00,0.00,0.00,1699.00\n"
        "2027-02,12960,94500,899.00,800.00,0.00,0.00,1699.00\n"
        "2027-03,13997,99225,899.00,800.00,0.00,0.00,1699.00\n"
        "2027-04,15117,104187,899.00,800.00,1000.00,0.00,2699.00\n"
        "2027-05,16326,109396,899.00,800.00,1000.00,0.00,2699.00\n"
        "2027-06,17632,114866,2699.00,800.00,1000.00,500.00,4999.00\n"
    )
    # The 2026 version is the list price: the totals of tests/test_forecast.py.
    code, out, _ = run(runner, *args[:-2], "-f", "json", "--pricebook", str(BOOK_2027), "--as-of", "2026-06-30")
    data = json.loads(out)
    assert (data["total"], data["pricebook"]["effective"]) == ("17494.00", "2026-01-01")


@pytest.mark.parametrize("command", ["forecast", "schedule"])
def test_json_records_the_price_book_version(runner: CliRunner, command: str) -> None:
    code, out, _ = run(
        runner,
        command,
        str(GROWTH),
        "--months",
        "1",
        "-f",
        "json",
        "--pricebook",
        str(BOOK_2027),
        "--as-of",
        "2027-1-1",
    )
    assert code == 2  # --as-of wants YYYY-MM-DD
    code, out, _ = run(
        runner,
        command,
        str(GROWTH),
        "--months",
        "1",
        "-f",
        "json",
        "--pricebook",
        str(BOOK_2027),
        "--as-of",
        "2027-01-01",
    )
    assert code == 0
    data = json.loads(out)
    assert data["pricebook"] == {
        "id": str(BOOK_2027),
        "vendor": "",
        "name": "Example Corp negotiated list",
        "effective": "2027-01-01",
        "date_note": None,
        "source": "Example Corp contract EC-2027-014, schedule A (negotiated 2026-11)",
    }
    assert data["total"] == "1699.00"  # pro 899 + one DAU unit at 800
    shipped = json.loads(run(runner, command, str(GROWTH), "--months", "1", "-f", "json")[1])
    assert shipped["pricebook"] == {
        "id": "tencent-im",
        "vendor": "Tencent Cloud",
        "name": "Tencent Cloud IM",
        "effective": None,
        "date_note": UNDATED,
        "source": SOURCE,
    }


def test_schedule_with_a_dated_price_book(runner: CliRunner) -> None:
    args = ["schedule", str(GROWTH), "--months", "1", "-f", "csv", "--pricebook", str(BOOK_2027)]
    code, out, _ = run(runner, *args, "--as-of", "2027-01-01")
    assert code == 0
    assert out.splitlines()[1:] == [
        "2027-01-31,chat,package,pro (专业版),899.00,prepaid,2027-01-31..2027-02-27,2027-01,899.00,0,0.00",
        '2027-02-03,chat,dau_overage,"2,000 over the free 10,000",800.00,postpaid,2027-01-01..2027-01-31,2027-01,'
        "800.00,0,0.00",
    ]


# --- --lang zh: labels and rule text people read; ids and keys unchanged ----------------------------------


def test_forecast_table_in_chinese(book: PriceBook) -> None:
    plan = load_plan(GROWTH, book)
    result = forecast(plan, book, Month(2027, 4), 3, parse_growth(["groups=5%"]))
    assert recorded(forecast_out.render_table(result, "zh")) == (
        "费用预测：2027-04 至 2027-06\n"
        "\n"
        "  月份        峰值 DAU    峰值群组数      套餐包   DAU 超量费用   扩展单个群成员数上限        合计\n"
        " " + "─" * 98 + "\n"
        "  2027-04       12,000        90,000     ¥999.00      ¥1,000.00                          ¥1,999.00\n"
        "  2027-05       12,000        94,500     ¥999.00      ¥1,000.00                          ¥1,999.00\n"
        "  2027-06       12,000        99,225   ¥2,999.00      ¥1,000.00                ¥500.00   ¥4,499.00\n"
        "\n"
        "  合计                                 ¥4,997.00      ¥3,000.00                ¥500.00   ¥8,497.00\n"
        "\n"
        "2027-04 最便宜的版本：专业版（chat）\n"
        "chat：自 2027-06 起最便宜的版本由专业版变为旗舰版\n"
        "2027-04 至 2027-06 合计：¥8,497.00\n" + PRICES_ZH
    )


def test_forecast_markdown_in_english_and_chinese(runner: CliRunner) -> None:
    args = ["forecast", str(GROWTH), "--months", "3", "--start", "2027-04", "--growth", "groups=5%", "-f", "markdown"]
    assert run(runner, *args)[1] == (
        "# Forecast 2027-04 to 2027-06\n"
        "\n"
        "| Month | Peak DAU | Peak groups | Package | DAU overage | Group member cap | Total |\n"
        "|---|---:|---:|---:|---:|---:|---:|\n"
        "| 2027-04 | 12,000 | 90,000 | ¥999.00 | ¥1,000.00 |  | ¥1,999.00 |\n"
        "| 2027-05 | 12,000 | 94,500 | ¥999.00 | ¥1,000.00 |  | ¥1,999.00 |\n"
        "| 2027-06 | 12,000 | 99,225 | ¥2,999.00 | ¥1,000.00 | ¥500.00 | ¥4,499.00 |\n"
        "| **Total** |  |  | **¥4,997.00** | **¥3,000.00** | **¥500.00** | **¥8,497.00** |\n"
        "\n"
        "Cheapest edition in 2027-04: pro (chat)  \n"
        "chat: the cheapest edition changes from pro to flagship in 2027-06\n"
        "\n"
        "**Total for 2027-04 to 2027-06: ¥8,497.00** (CNY)\n"
        "\n"
        f"{PRICES} ({SOURCE}).\n"
    )
    assert run(runner, *args, "--lang", "zh")[1] == (
        "# 费用预测：2027-04 至 2027-06\n"
        "\n"
        "| 月份 | 峰值 DAU | 峰值群组数 | 套餐包 | DAU 超量费用 | 扩展单个群成员数上限 | 合计 |\n"
        "|---|---:|---:|---:|---:|---:|---:|\n"
        "| 2027-04 | 12,000 | 90,000 | ¥999.00 | ¥1,000.00 |  | ¥1,999.00 |\n"
        "| 2027-05 | 12,000 | 94,500 | ¥999.00 | ¥1,000.00 |  | ¥1,999.00 |\n"
        "| 2027-06 | 12,000 | 99,225 | ¥2,999.00 | ¥1,000.00 | ¥500.00 | ¥4,499.00 |\n"
        "| **合计** |  |  | **¥4,997.00** | **¥3,000.00** | **¥500.00** | **¥8,497.00** |\n"
        "\n"
        "2027-04 最便宜的版本：专业版（chat）  \n"
        "chat：自 2027-06 起最便宜的版本由专业版变为旗舰版\n"
        "\n"
        "**2027-04 至 2027-06 合计：¥8,497.00** (CNY)\n"
        "\n"
        f"{PRICES_ZH} ({SOURCE}).\n"
    )


def test_forecast_csv_in_chinese_keeps_its_header_and_amounts(runner: CliRunner) -> None:
    code, out, _ = run(runner, "forecast", str(DAILY), "-f", "csv", "--lang", "zh")
    assert code == 0
    # samples/daily-usage.yaml: 2026-12 is 999 + 1000 + 668 = 2667; 2027-01 is 999 + 2000 + 1000 + 620 = 4619.
    assert out == (
        "month,peak_dau,peak_groups,package,dau_overage,group_overage,barrage_bandwidth,total\n"
        "2026-12,14200,50000,999.00,1000.00,0.00,668.00,2667.00\n"
        "2027-01,21000,120000,999.00,2000.00,1000.00,620.00,4619.00\n"
    )


def test_schedule_table_csv_and_markdown_in_chinese(runner: CliRunner, book: PriceBook) -> None:
    result = schedule(load_plan(GROWTH, book), book, None, 1)
    assert recorded(schedule_out.render_table(result, "zh")) == (
        "扣费计划：2027-01\n"
        "\n"
        "  日期         费用项                              计费周期                   计费方式        金额\n"
        " " + "─" * 98 + "\n"
        "  2027-01-31   套餐包：专业版                      2027-01-31 至 2027-02-27   预付费       ¥999.00\n"
        "  2027-02-03   DAU 超量费用：超出免费额度 1万 的   2027-01-01 至 2027-01-31   后付费     ¥1,000.00\n"
        "               2,000\n"
        "\n"
        "  合计                                                                                   ¥1,999.00\n"
        "\n"
        "2027-01 扣费合计：¥1,999.00\n" + PRICES_ZH
    )
    code, out, _ = run(runner, "schedule", str(GROWTH), "--months", "1", "-f", "csv", "--lang", "zh")
    assert code == 0
    # The header and the descriptions change: fee ids, billing words and machine dates stay.
    assert out == (
        "date,app,fee,description,amount,billing,covers,month,list_amount,discount_percent,discount\n"
        "2027-01-31,chat,package,专业版,999.00,prepaid,2027-01-31..2027-02-27,2027-01,999.00,0,0.00\n"
        '2027-02-03,chat,dau_overage,"超出免费额度 1万 的 2,000",1000.00,postpaid,2027-01-01..2027-01-31,2027-01,'
        "1000.00,0,0.00\n"
    )
    code, out, _ = run(runner, "schedule", str(GROWTH), "--months", "1", "-f", "markdown", "--lang", "zh")
    assert out == (
        "# 扣费计划：2027-01\n"
        "\n"
        "| 日期 | 应用 | 费用项 | 说明 | 计费周期 | 计费方式 | 金额 |\n"
        "|---|---|---|---|---|---|---:|\n"
        "| 2027-01-31 | chat | 套餐包 | 专业版 | 2027-01-31 至 2027-02-27 | 预付费 | ¥999.00 |\n"
        "| 2027-02-03 | chat | DAU 超量费用 | 超出免费额度 1万 的 2,000 | 2027-01-01 至 2027-01-31 | 后付费 "
        "| ¥1,000.00 |\n"
        "| **合计** | | | | | | **¥1,999.00** |\n"
        "\n"
        "**2027-01 扣费合计：¥1,999.00** (CNY)\n"
        "\n"
        f"{PRICES_ZH} ({SOURCE}).\n"
    )


def test_a_daily_estimate_over_several_months_in_chinese(runner: CliRunner) -> None:
    # samples/daily-usage.yaml: 2667 + 4619 = 7286.
    code, table, _ = run(runner, "estimate", str(DAILY), "--lang", "zh")
    assert code == 0
    assert "live-daily：专业版，2026-12" in table
    assert table.endswith("2027-01 合计：¥4,619.00\n" + PRICES_ZH + "\n\n2026-12 至 2027-01 合计：¥7,286.00\n")
    markdown = run(runner, "estimate", str(DAILY), "-f", "markdown", "--lang", "zh")[1]
    assert markdown.startswith("# imcost 费用估算：2026-12\n")
    assert markdown.endswith("\n**2026-12 至 2027-01 合计：¥7,286.00**\n")
    csv_text = run(runner, "estimate", str(DAILY), "-f", "csv", "--lang", "zh")[1]
    assert (
        csv_text.splitlines()[0] == "app,edition,fee,description,quantity,unit,unit_price,amount,billing,"
        "list_amount,discount_percent,discount,month"
    )
    assert (
        csv_text.splitlines()[1] == "live-daily,pro,package,专业版,1,month,999.00,999.00,prepaid,999.00,0,0.00,2026-12"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("forecast", str(GROWTH), "--months", "6", "--growth", "dau=8%", "--growth", "groups=5%"),
        ("schedule", str(DISCOUNTED), "--months", "3"),
        ("estimate", str(DAILY)),
    ],
    ids=["forecast", "schedule", "estimate-months"],
)
def test_json_does_not_change_with_the_language(runner: CliRunner, args: tuple[str, ...]) -> None:
    english = run(runner, *args, "-f", "json")[1]
    assert run(runner, *args, "-f", "json", "--lang", "zh")[1] == english
    assert run(runner, *args, "-f", "json", env={"IMCOST_LANG": "zh"})[1] == english


def test_imcost_lang_env_and_the_flag_that_overrides_it(runner: CliRunner) -> None:
    args = ("forecast", str(GROWTH), "--months", "1", "-f", "csv")
    zh = run(runner, *args, env={"IMCOST_LANG": "zh"})[1]
    assert zh.startswith("month,peak_dau,peak_groups,package,dau_overage,total\n")
    en = run(runner, *args, "--lang", "en", env={"IMCOST_LANG": "zh"})[1]
    assert en.startswith("month,peak_dau,peak_groups,package,")
    code, _, err = run(runner, "schedule", str(GROWTH), "--lang", "fr")
    assert code == 2
    assert err == "imcost: error: --lang: 'fr' is not one of en, zh (see imcost schedule --help)\n"


# --- amounts: ¥2,999.00 for people, 2999.00 for scripts ---------------------------------------------------


@pytest.mark.parametrize("command", ["forecast", "schedule"])
def test_amounts_for_people_and_for_scripts(runner: CliRunner, command: str) -> None:
    # Flagship from June: 2999, shown with a thousands separator for people only.
    args = (command, str(GROWTH), "--months", "1", "--start", "2027-06")
    for fmt in ("table", "markdown"):
        out = run(runner, *args, "-f", fmt)[1]
        assert "¥2,999.00" in out and "2999" not in out.replace("2,999", "")
    for fmt in ("csv", "json"):
        out = run(runner, *args, "-f", fmt)[1]
        assert "2999.00" in out and "¥" not in out and "2,999" not in out


# --- tables that fit the width ----------------------------------------------------------------------------


def test_forecast_folds_fees_into_prepaid_and_postpaid_when_they_do_not_fit(book: PriceBook) -> None:
    # samples/flagship.yaml charges eight fees. Prepaid each month: package 2999 + group members 500 +
    # groups per user 900 + security 1000 = 5399; postpaid: DAU 4000 + groups 1000 + history 500 +
    # barrage 20 Mbps x 31 days x 2 = 1240 -> 6740. Both months 12139 (December and January have 31 days).
    plan = load_plan(FLAGSHIP, book)
    result = forecast(plan, book, plan.month, 2, {})
    assert recorded(forecast_out.render_table(result), width=80) == (
        "Forecast 2026-12 to 2027-01\n"
        "\n"
        "                              Peak\n"
        "  Month       Peak DAU      groups        Prepaid       Postpaid         Total\n"
        " " + "─" * 78 + "\n"
        "  2026-12       45,000     180,000      ¥5,399.00      ¥6,740.00    ¥12,139.00\n"
        "  2027-01       45,000     180,000      ¥5,399.00      ¥6,740.00    ¥12,139.00\n"
        "\n"
        "  Total                                ¥10,798.00     ¥13,480.00    ¥24,278.00\n"
        "\n"
        "Fees are summed by billing to fit the width; --format markdown or csv shows each\n"
        "fee.\n"
        "Cheapest edition in 2026-12: flagship (chat-prod)\n"
        "The cheapest edition does not change over the period.\n"
        "Total for 2026-12 to 2027-01: ¥24,278.00\n" + PRICES
    )


def test_forecast_keeps_a_column_per_fee_when_it_fits_in_80_columns(book: PriceBook) -> None:
    plan = load_plan(GROWTH, book)
    result = forecast(plan, book, Month(2027, 4), 3, parse_growth(["groups=5%"]))
    text = recorded(forecast_out.render_table(result), width=80)
    # With the usage columns, headers wrap at spaces so that every fee still has a column of its own.
    assert text.splitlines()[2:5] == [
        "                                                             Group",
        "                Peak      Peak                       DAU    member",
        "  Month          DAU    groups      Package      overage       cap       Total",
    ]
    assert "  2027-06     12,000    99,225    ¥2,999.00    ¥1,000.00   ¥500.00   ¥4,499.00" in text


def test_a_narrow_schedule_puts_the_app_in_the_fee_cell(book: PriceBook, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "month: 2027-01\npurchased_on: 2027-01-31\napps:\n"
        "  - {name: chat-prod, edition: pro, usage: {peak_dau: 12000}}\n"
        "  - {name: staging, edition: trial}\n",
        encoding="utf-8",
    )
    result = schedule(load_plan(plan, book), book, None, 1)
    assert recorded(schedule_out.render_table(result), width=80) == (
        "Charges for 2027-01\n"
        "\n"
        "  Date         Fee                       Covers           Billing       Amount\n"
        " " + "─" * 78 + "\n"
        "  2027-01-31   chat-prod                 2027-01-31 to    prepaid      ¥999.00\n"
        "               Package: pro (专业版)     2027-02-27\n"
        "  2027-02-03   chat-prod                 2027-01-01 to    postpaid   ¥1,000.00\n"
        "               DAU overage: 2,000 over   2027-01-31\n"
        "               the free 10,000\n"
        "\n"
        "  Total                                                              ¥1,999.00\n"
        "\n"
        "Total charged for 2027-01: ¥1,999.00\n" + PRICES
    )
    wide = recorded(schedule_out.render_table(result), width=100)
    assert wide.splitlines()[2].split() == ["Date", "App", "Fee", "Covers", "Billing", "Amount"]


# --- --out, pipes, NO_COLOR ----------------------------------------------------------------------------------


CALENDAR_COMMANDS = {
    "forecast": ("forecast", str(GROWTH), "--months", "6", "--growth", "dau=8%", "--growth", "groups=5%"),
    "forecast-zh": ("forecast", str(FLAGSHIP), "--months", "2", "--lang", "zh"),
    "schedule": ("schedule", str(DISCOUNTED), "--months", "3"),
    "estimate-months": ("estimate", str(DAILY)),
}


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize("args", list(CALENDAR_COMMANDS.values()), ids=list(CALENDAR_COMMANDS))
def test_out_writes_exactly_what_stdout_carries(
    tmp_path: Path, runner: CliRunner, args: tuple[str, ...], fmt: str
) -> None:
    code, plain, err = run(runner, *args, "-f", fmt)
    assert (code, err) == (0, "")
    path = tmp_path / f"out.{fmt}"
    assert run(runner, *args, "-f", fmt, "--out", str(path)) == (0, "", "")
    assert path.read_text(encoding="utf-8") == plain
    if fmt == "table":  # a piped table is plain text: no colour, no blanks padding lines out
        assert "\x1b[" not in plain
        assert all(line == line.rstrip() for line in plain.splitlines())


@pytest.mark.parametrize("command", ["forecast", "schedule"])
def test_no_color(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, str(GROWTH), "--months", "2"], env={"NO_COLOR": "1", "FORCE_COLOR": ""})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("command", ["forecast", "schedule"])
def test_out_to_an_unwritable_place(runner: CliRunner, tmp_path: Path, command: str) -> None:
    target = tmp_path / "no" / "such" / "dir.csv"
    code, out, err = run(runner, command, str(GROWTH), "-f", "csv", "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"imcost: error: {target}: cannot write the output (No such file or directory)\n"


@pytest.mark.parametrize("command", ["forecast", "schedule"])
def test_every_calendar_command_offers_every_format(runner: CliRunner, command: str) -> None:
    help_text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
    for option in ("--pricebook", "--as-of", "--out", "--lang", "table", "json", "csv", "markdown"):
        assert option in help_text, option


SAMPLE_PLANS = sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.startswith("pricebook"))


@pytest.mark.parametrize("path", SAMPLE_PLANS, ids=[p.name for p in SAMPLE_PLANS])
def test_every_sample_forecasts_to_its_estimate(runner: CliRunner, path: Path) -> None:
    """Without --growth, a forecast of the sample's own months costs what estimate says (samples/ headers)."""
    code, out, err = run(runner, "estimate", str(path), "-f", "json")
    estimated = json.loads(out)
    months = len(estimated.get("months", [estimated]))
    result = runner.invoke(app, ["forecast", str(path), "--months", str(months), "-f", "json"])
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["total"] == estimated["total"]
