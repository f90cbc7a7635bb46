"""Quote pages for forecast and schedule: the months and the period's total, the charges by their date.

Amounts are worked by hand from imcost/pricebooks/tencent-im.yaml.

samples/growth.yaml (chat, pro, 12,000 DAU and 90,000 groups, flagship with 5,000 members from 2027-06),
--growth dau=8% --growth groups=5% over 2027-01..06; a month is ceil(figure x 1.08^k), ceil(figure x 1.05^k):
  DAU 12,000 12,960 13,997 15,117 16,326 17,632: over the free 10,000 by under 10,000, one unit of 1000 a month;
  groups 90,000 94,500 99,225 104,187 109,396 114,866: over the free 100,000 from 2027-04, one unit of 1000;
  2027-01..03: 999 + 1000 = 1999; 04..05: 999 + 1000 + 1000 = 2999; 06: flagship 2999 + 1000 + 1000
  + members 5,000 500 = 5499; the period 3 x 1999 + 2 x 2999 + 5499 = 17,494 (package 3 x 999 + 2 x 999 + 2999
  = 7994, DAU 6000, groups 3000, members 500).

samples/quote.yaml bought on 2026-12-15 (chat-prod pro 25,000 DAU, 150,000 groups, 90 days, 2,000 members;
support flagship with security), two months: prepaid on the 15th, chat-prod's package 999 and member cap
500, support's package 2999 and security 1000 = 5498; postpaid on the 3rd of the next month, chat-prod's
DAU 2 x 1000, groups 1000, history 1000 = 4000. 2026-12: 5498; 2027-01: 4000 + 5498 = 9498; 2027-02: 4000;
all 18,996 = 2 x 9498, the estimate's month twice.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import SAMPLES
from .test_quote_pages import HOSTILE, QUOTE
from .test_quotes import _page, run

GROWTH = ("forecast", str(SAMPLES / "growth.yaml"), "--months", "6", "--growth", "dau=8%", "--growth", "groups=5%")


def _text(html: str) -> str:
    return " | ".join(_page(html).text)


def _html(runner: CliRunner, *args: str, code: int = 0) -> str:
    found, out, err = run(runner, *args, "--format", "html")
    assert found == code, err
    assert out.startswith("<!DOCTYPE html>\n") and out.endswith("</html>\n")
    return out


@pytest.fixture
def bought(tmp_path: Path) -> Path:
    """samples/quote.yaml with its apps bought on 2026-12-15."""
    plan = tmp_path / "bought.yaml"
    text = (SAMPLES / "quote.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("month: 2026-12\n", "month: 2026-12\npurchased_on: 2026-12-15\n"), encoding="utf-8")
    return plan


def test_forecast_page_shows_the_months_switches_and_period_total(runner: CliRunner) -> None:
    text = _text(_html(runner, *GROWTH, "--customer", "Big Co", "--quote-date", "2027-01-05"))
    assert text.startswith(
        "Forecast 2027-01 to 2027-06 | Customer: Big Co | Period: 2027-01 to 2027-06 (6 months) | "
        "Date: 2027-01-05 | Valid until: 2027-02-04 (30 days) | Usage assumed | chat | : "
        "peak DAU 12,000 growing 8% a month from 2027-01 for 6 months; "
        "peak groups 90,000 growing 5% a month from 2027-01 for 6 months | Month by month | "
        "Month | Edition | Peak DAU | Peak groups | Total | "
        "2027-01 | pro | 12,000 | 90,000 | ¥1,999.00 | "
        "2027-02 | pro | 12,960 | 94,500 | ¥1,999.00 | "
        "2027-03 | pro | 13,997 | 99,225 | ¥1,999.00 | "
        "2027-04 | pro | 15,117 | 104,187 | ¥2,999.00 | "
        "2027-05 | pro | 16,326 | 109,396 | ¥2,999.00 | "
        "2027-06 | flagship | 17,632 | 114,866 | ¥5,499.00 | Total | ¥17,494.00 | "
        "Fees over the period | Fee | Amount | Package | ¥7,994.00 | DAU overage | ¥6,000.00 | "
        "Peak group overage | ¥3,000.00 | Group member cap | ¥500.00 | Total | ¥17,494.00 | "
        "Editions | Cheapest edition in 2027-01: pro (chat) | "
        "chat: the cheapest edition changes from pro to flagship in 2027-06 | "
        "Total for the period 2027-01 to 2027-06: ¥17,494.00 (CNY) | "
        "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30"
    )


def test_forecast_page_of_two_apps_has_the_quote_shell(runner: CliRunner) -> None:
    out = _html(runner, "forecast", QUOTE, "--start", "2027-01", "--months", "3", "--growth", "dau=8%")
    text = _text(out)
    for expected in (
        "Customer: Example Corp",
        "Seller: Acme Cloud Resellers",
        "Quote number: Q-2026-0042",
        "Valid until: 2026-12-31 (30 days)",
        # 25,000 x 1.08^2 = 29,160 and 3,000 x 1.08^2 = 3,499.2, up to 3,500: the DAU units stay 2 and 0.
        "chat-prod | : peak DAU 25,000 growing 8% a month from 2027-01 for 3 months; peak groups 150,000; "
        "history 90 days; group members 2,000",
        "Month | chat-prod | support | Total | Edition | Peak DAU | Peak groups | Edition | Peak DAU | Peak groups",
        "2027-03 | pro | 29,160 | 150,000 | flagship | 3,500 | 0 | ¥9,498.00",
        "Cheapest edition in 2027-01: pro (chat-prod), pro (support)",
        "The cheapest edition does not change over the period.",
        "Total for the period 2027-01 to 2027-03: ¥28,494.00 (CNY)",
        "Prices exclude VAT.",
        "Notes | Prices in CNY, billed by Tencent Cloud. | Usage above the figures assumed",
    ):
        assert expected in text, expected
    assert "<th colspan=3>chat-prod</th>" in out and "<th rowspan=2>Month</th>" in out
    order = ["Valid until", "Usage assumed", "Month by month", "Fees over the period", "Editions", "Total for the"]
    assert [text.index(x) for x in order] == sorted(text.index(x) for x in order)


def test_infeasible_forecast_months_are_never_quoted(runner: CliRunner) -> None:
    out = _html(runner, "forecast", str(SAMPLES / "trial-over-quota.yaml"), "--months", "2", code=1)
    text = _text(out)
    assert "2026-12 | trial | 500 | 0 | cannot be quoted as written" in text
    assert "2027-01 | trial | 500 | 0 | cannot be quoted as written | Total | cannot be quoted as written" in text
    assert "Not feasible as written: | ✗ 2026-12 prototype not feasible: DAU: peak 500 is over the 100" in text
    assert "Total for the period 2026-12 to 2027-01: cannot be quoted as written (the reasons are listed above)" in text
    assert "(CNY)" not in text
    assert out.count("<tr class=problem><td>") == 2
    # The free trial package is ¥0.00 a month; no total says so.
    assert re.findall(r"(?:Total|cannot be quoted as written)[^|]*\| ¥0\.00", text) == []
    assert "Total | ¥0.00" not in text


def test_forecast_page_in_chinese(runner: CliRunner) -> None:
    text = _text(_html(runner, *GROWTH, "--lang", "zh"))
    for expected in (
        "费用预测：2027-01 至 2027-06 | 期间：2027-01 至 2027-06 (6 个月)",
        "chat | ：峰值 DAU 12,000，自 2027-01 起每月增长 8%，共 6 个月；"
        "峰值群组数 90,000，自 2027-01 起每月增长 5%，共 6 个月",
        "逐月费用 | 月份 | 版本 | 峰值 DAU | 峰值群组数 | 合计 | 2027-01 | 专业版 | 12,000 | 90,000 | ¥1,999.00",
        "2027-06 | 旗舰版 | 17,632 | 114,866 | ¥5,499.00 | 合计 | ¥17,494.00",
        "期间各项费用 | 费用项 | 金额 | 套餐包 | ¥7,994.00",
        "版本 | 2027-01 最便宜的版本：专业版（chat） | chat：自 2027-06 起最便宜的版本由专业版变为旗舰版",
        "2027-01 至 2027-06 期间合计：¥17,494.00 (CNY)",
        "价格：Tencent Cloud IM，未注明生效日期；文档最后更新于 2020-10-30",
    ):
        assert expected in text, expected


def test_one_month_forecast_says_one_month(runner: CliRunner) -> None:
    text = _text(_html(runner, "forecast", str(SAMPLES / "growth.yaml"), "--months", "1", "--growth", "dau=8%"))
    assert "Forecast 2027-01 | Period: 2027-01 (1 month)" in text
    assert "peak DAU 12,000 growing 8% a month from 2027-01 for 1 month; peak groups 90,000 |" in text
    assert "Total for the period 2027-01: ¥1,999.00 (CNY)" in text


def test_schedule_page_groups_the_charges_by_month(bought: Path, runner: CliRunner) -> None:
    out = _html(runner, "schedule", str(bought), "--months", "2")
    text = _text(out)
    assert text.startswith(
        "Charges for 2026-12 to 2027-01 | Customer: Example Corp | Period: 2026-12 to 2027-01 (2 months) | "
        "Seller: Acme Cloud Resellers"
    )
    for expected in (
        "Usage assumed | chat-prod | : peak DAU 25,000; peak groups 150,000; history 90 days; group members 2,000",
        "Charged in 2026-12 | Date | App | Fee | Covers | Billing | Amount | "
        "2026-12-15 | chat-prod | Package | pro (专业版) | 2026-12-15 to 2027-01-14 | prepaid | ¥999.00",
        "2026-12-15 | support | Security service",
        "| Total | ¥5,498.00 | Charged in 2027-01 |",
        "2027-01-03 | chat-prod | DAU overage | 15,000 over the free 10,000 | "
        "2026-12-01 to 2026-12-31 | postpaid | ¥2,000.00",
        "| Total | ¥9,498.00 | Charged in 2027-02 |",
        "| Total | ¥4,000.00 | Total charged for 2026-12 to 2027-01: ¥18,996.00 (CNY), per charge date | "
        "Prices exclude VAT.",
        "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30",
    ):
        assert expected in text, expected
    assert out.count('<section class="charges">') == 3
    # Each charge a row: 4 prepaid twice, chat-prod's 3 postpaid twice.
    assert len(re.findall(r"<tr><td>20\d\d-\d\d-\d\d</td>", out)) == 14


def test_schedule_page_of_one_app_has_no_app_column(runner: CliRunner) -> None:
    text = _text(_html(runner, "schedule", str(SAMPLES / "growth.yaml"), "--months", "2", "--lang", "zh"))
    for expected in (
        "扣费计划：2027-01 至 2027-02 | 期间：2027-01 至 2027-02 (2 个月)",
        "2027-01 扣费 | 日期 | 费用项 | 计费周期 | 计费方式 | 金额 | 2027-01-31 | 套餐包 | 专业版 | "
        "2027-01-31 至 2027-02-27 | 预付费 | ¥999.00 | 合计 | ¥999.00",
        "2027-02 扣费",
        "合计 | ¥1,999.00 | 2027-03 扣费",
        "2027-01 至 2027-02 扣费合计：¥3,998.00 (CNY)，按扣费日期",
    ):
        assert expected in text, expected


def test_infeasible_schedule_quotes_no_total(tmp_path: Path, runner: CliRunner) -> None:
    """proto can't be bought in 2026-12 and 2027-01: no month charged for them (their cycles, the next
    month's postpaid) has a total; 2027-02 holds only ok's January postpaid, but proto's would be there too."""
    plan = tmp_path / "bad.yaml"
    plan.write_text(
        "month: 2026-12\npurchased_on: 2026-12-01\napps:\n"
        "  - {name: ok, edition: pro, usage: {peak_dau: 12000}}\n"
        "  - {name: proto, edition: trial, usage: {peak_dau: 500}}\n",
        encoding="utf-8",
    )
    out = _html(runner, "schedule", str(plan), "--months", "2", code=1)
    text = _text(out)
    assert "Charged in 2026-12" in text and "Charged in 2027-01" in text and "Charged in 2027-02" in text
    assert text.count("Total | cannot be quoted as written") == 3
    assert "2027-02-03 | ok | DAU overage | 2,000 over the free 10,000 | " in text
    assert "¥1,000.00 | Total | cannot be quoted as written | Not feasible as written: | ✗ 2026-12 proto not" in text
    assert "Total | ¥" not in text
    assert "Total charged for 2026-12 to 2027-01: cannot be quoted as written (the reasons are listed above)" in text
    assert "(CNY)" not in text


def test_html_from_the_out_file_and_a_contradiction_refused(tmp_path: Path, runner: CliRunner) -> None:
    page = tmp_path / "forecast.HTML"
    assert run(runner, *GROWTH, "-o", str(page)) == (0, "", "")
    assert "Total for the period 2027-01 to 2027-06: ¥17,494.00 (CNY)" in _text(page.read_text(encoding="utf-8"))
    page = tmp_path / "charges.htm"
    assert run(runner, "schedule", str(SAMPLES / "growth.yaml"), "--months", "2", "-o", str(page)) == (0, "", "")
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n")
    code, out, err = run(runner, "schedule", str(SAMPLES / "growth.yaml"), "-f", "csv", "-o", str(tmp_path / "x.html"))
    assert (code, out) == (2, "")
    assert err == f"imcost: error: --format: csv contradicts --out {tmp_path / 'x.html'} (an .html file); drop one\n"


def _hostile_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "hostile.yaml"
    quote = "".join(f"  {key}: {json.dumps(value)}\n" for key, value in HOSTILE.items() if key != "customer")
    plan.write_text(
        f"customer: {json.dumps(HOSTILE['customer'])}\nmonth: 2026-12\npurchased_on: 2026-12-01\n"
        f"quote:\n{quote}  date: 2026-11-20\n"
        "apps:\n  - {name: 'a<b>&', edition: pro, usage: {peak_dau: 12000}}\n  - {name: '</td>', edition: pro}\n",
        encoding="utf-8",
    )
    return plan


@pytest.mark.parametrize("command", ["forecast", "schedule"])
def test_pages_escape_hostile_text(command: str, tmp_path: Path, runner: CliRunner) -> None:
    out = _html(runner, command, str(_hostile_plan(tmp_path)), "--months", "2")
    page = _page(out)
    assert not {"script", "img", "b", "i"} & set(page.tags)
    assert page.loads == []
    assert out.count("<style>") == 1 and out.count("</title>") == 1 and out.count("</td>") == out.count("<td")
    assert "\u202e" not in out
    text = " | ".join(page.text)
    for expected in (
        "Customer: <script>alert(1)</script> & Co",
        "Seller: <b>Evil</b> Ltd",
        'Contact: "><img src=x onerror=alert(1)>',
        "Quote number: Q&A-1</title>",
        "<i>VAT</i> \\u202eexcluded",
        "line one <script>x</script> | line two & <style>",
        "a<b>&",
        "</td>",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("command", ["forecast", "schedule"])
def test_pages_are_reproducible(command: str, bought: Path, tmp_path: Path, runner: CliRunner) -> None:
    """With the quote's date given, two runs write the same bytes, in either language; no date of the run."""
    for lang in ("en", "zh"):
        first, second = tmp_path / f"1-{lang}.html", tmp_path / f"2-{lang}.html"
        for page in (first, second):
            assert run(runner, command, str(bought), "--months", "2", "--lang", lang, "-o", str(page))[0] == 0
        assert first.read_bytes() == second.read_bytes()
        dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", first.read_text(encoding="utf-8")))
        assert {"2026-12-01", "2026-12-31", "2020-10-30"} <= dates
        assert {d for d in dates if d.startswith("2026-11") or d > "2027-02-28"} == set()


def test_a_year_of_forecast_says_each_amount(runner: CliRunner) -> None:
    """The page test_quote_pages prints to PDF (its forecast case): the amounts it finds there, by hand.

    samples/quote.yaml over 2026-12..2027-11 at dau=8%, groups=5%: chat-prod's DAU 25,000 x 1.08^k
    (31,493 in 2027-03: 3 started 10,000s over the free 10,000; 53,974 in 2027-10: 5) and groups
    150,000 x 1.05^k (201,015 in 2027-06: 2 started 100,000s over the free 100,000).
    """
    html = _html(runner, "forecast", QUOTE, "--growth", "dau=8%,groups=5%")
    text = _text(html)
    shown = set(re.findall(r"¥[\d,]+\.\d\d", text))
    # Month totals 9,498 10,498 11,498 12,498 13,498; the fees over the year 47,976 (4 x 999 x 12) 40,000
    # 18,000 12,000 (history and security alike) 6,000; the period 3 x 9,498 + 3 x 10,498 + 11,498
    # + 3 x 12,498 + 2 x 13,498 = 135,976.
    assert shown == {
        *("¥9,498.00", "¥10,498.00", "¥11,498.00", "¥12,498.00", "¥13,498.00"),
        *("¥47,976.00", "¥40,000.00", "¥18,000.00", "¥12,000.00", "¥6,000.00", "¥135,976.00"),
    }
    assert "2027-03 | pro | 31,493 | 173,644 | flagship | 3,780 | 0 | ¥10,498.00" in text
    assert "2027-06 | pro | 39,672 | 201,015 | flagship | 4,761 | 0 | ¥11,498.00" in text
    assert "Total for the period 2026-12 to 2027-11: ¥135,976.00 (CNY)" in text


def test_usage_from_a_daily_file_is_said_with_the_file(runner: CliRunner) -> None:
    """samples/daily-usage.csv's peaks: 14,200 DAU and 50,000 groups in 2026-12, 21,000 and 120,000 in 2027-01."""
    text = _text(_html(runner, "forecast", str(SAMPLES / "daily-usage.yaml")))
    assert "Usage assumed | live-daily | : daily figures from daily-usage.csv | Month by month" in text
    assert "2026-12 | pro | 14,200 | 50,000 | ¥" in text and "2027-01 | pro | 21,000 | 120,000 | ¥" in text
    text = _text(_html(runner, "forecast", str(SAMPLES / "daily-usage.yaml"), "--lang", "zh"))
    assert "live-daily | ：按日数据取自 daily-usage.csv" in text
