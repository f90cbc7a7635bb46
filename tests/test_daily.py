"""Daily usage files: month splitting, peaks, per-day bandwidth, bad rows, and the estimate command over them."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app
from imcost.daily import load_daily, month_figures, parse_daily
from imcost.errors import InputError
from imcost.month import Month

from .conftest import ROOT, SAMPLES

FIXTURES = ROOT / "tests" / "fixtures"
LEAP = FIXTURES / "leap-february.csv"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_year_end_file_splits_into_its_natural_months() -> None:
    daily = load_daily(SAMPLES / "daily-usage.csv")
    assert daily.months == (Month(2026, 12), Month(2027, 1))
    december = month_figures(daily, Month(2026, 12))
    assert (december.peak_dau, december.peak_groups, december.missing) == (14200, 50000, ())
    # One value per day of December; 31 December carries the 30 Mbps peak.
    assert len(december.barrage_mbps["domestic"]) == 31
    assert december.barrage_mbps["domestic"][-1] == Decimal(30)
    assert sum(december.barrage_mbps["domestic"]) == Decimal(330)
    assert sum(december.barrage_mbps["international"]) == Decimal(2)
    january = month_figures(daily, Month(2027, 1))
    # 1 January's 21,000 belongs to January, not to December's peak.
    assert (january.peak_dau, january.peak_groups) == (21000, 120000)
    assert sum(january.barrage_mbps["domestic"]) == Decimal(310)


def test_leap_february_has_29_days_and_missing_days_count_as_zero() -> None:
    daily = load_daily(LEAP)
    assert daily.months == (Month(2028, 1), Month(2028, 2), Month(2028, 3))
    february = month_figures(daily, Month(2028, 2))
    assert february.peak_dau == 30001
    assert february.missing == (date(2028, 2, 10), date(2028, 2, 11))
    mbps = february.barrage_mbps["international"]
    assert len(mbps) == 29
    assert (mbps[8], mbps[9], mbps[10], mbps[28]) == (Decimal("0.5"), 0, 0, Decimal(3))
    # 26 days at 0.5 Mbps and 3 Mbps on the 29th
    assert sum(mbps) == Decimal(16)
    # Columns the file leaves out are absent, not zero-filled.
    assert "domestic" not in february.barrage_mbps
    assert february.peak_groups == 0


def test_a_month_with_no_rows_inside_the_file_is_still_covered() -> None:
    daily = parse_daily("date,dau\n2027-01-05,20\n2027-03-02,30\n", "gap.csv")
    assert daily.months == (Month(2027, 1), Month(2027, 2), Month(2027, 3))
    february = month_figures(daily, Month(2027, 2))
    assert (february.peak_dau, len(february.missing)) == (0, 28)


def test_a_span_is_counted_from_its_ends_without_listing_its_months() -> None:
    daily = parse_daily("date,dau\n0001-01-01,1\n9999-12-31,2\n", "centuries.csv")
    assert daily.span is not None
    assert (daily.span.first, daily.span.last, daily.span.count) == (Month(1, 1), Month(9999, 12), 119988)
    assert str(daily.span) == "119988 months (0001-01 to 9999-12)"
    assert parse_daily("date,dau\n2027-02-28,1\n", "one.csv").months == (Month(2027, 2),)


def test_apps_with_daily_files_months_apart_are_estimated_over_every_month_between(
    tmp_path: Path, runner: CliRunner
) -> None:
    # web: 2027-01 peak 20,000 -> 1 unit; chat: 2027-03 peak 10,001 -> 1 unit. 2027-02 has rows in
    # neither file: both apps are priced with no usage (999 + 999), and each file's gap is noted.
    (tmp_path / "web.csv").write_text("date,dau\n2027-01-31,20000\n", encoding="utf-8")
    (tmp_path / "chat.csv").write_text("date,dau\n2027-03-01,10001\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "apps:\n"
        "  - {name: web, edition: pro, usage: {daily: web.csv}}\n"
        "  - {name: chat, edition: pro, usage: {daily: chat.csv}}\n",
        encoding="utf-8",
    )
    code, out, _ = run(runner, "estimate", str(plan), "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert [(m["month"], [a["total"] for a in m["apps"]]) for m in data["months"]] == [
        ("2027-01", ["1999.00", "999.00"]),
        ("2027-02", ["999.00", "999.00"]),
        ("2027-03", ["999.00", "1999.00"]),
    ]
    # web: 1999 + 999 + 999; chat: 999 + 999 + 1999; each app's items name their months.
    assert [(a["name"], a["total"]) for a in data["apps"]] == [("web", "3997.00"), ("chat", "3997.00")]
    assert [i["month"] for i in data["apps"][1]["items"]] == ["2027-01", "2027-02", "2027-03", "2027-03"]


def test_leap_file_estimates_every_month_it_covers(runner: CliRunner) -> None:
    # 2028-01: peak 15,000 -> 1 unit; 1.25 Mbps·day x 4元 = 5; 999 + 1000 + 5 = 2004
    # 2028-02: peak 30,001 -> 20,001 over -> 3 units; 16 Mbps·day x 4元 = 64; 999 + 3000 + 64 = 4063
    # 2028-03: 100 DAU is free, 0 Mbps; 999
    code, out, err = run(runner, "estimate", str(FIXTURES / "leap-february.yaml"), "-f", "json")
    assert code == 0
    data = json.loads(out)
    # The shape of one month's estimate: apps at the top (the period's), months added; month is null.
    top = {
        "schema_version",
        "customer",
        "quote",
        "month",
        "currency",
        "total",
        "feasible",
        "pricebook",
        "apps",
        "months",
    }
    assert set(data) == top
    assert data["month"] is None
    assert [(m["month"], m["total"]) for m in data["months"]] == [
        ("2028-01", "2004.00"),
        ("2028-02", "4063.00"),
        ("2028-03", "999.00"),
    ]
    assert data["total"] == data["apps"][0]["total"] == "7066.00"
    february = [i for i in data["apps"][0]["items"] if i["month"] == "2028-02"]
    assert [(i["fee"], i["quantity"], i["amount"]) for i in february] == [
        ("package", "1", "999.00"),
        ("dau_overage", "3", "3000.00"),
        ("barrage_bandwidth", "16", "64.00"),
    ]
    csv_path = str(FIXTURES / "leap-february.csv")
    assert err == (
        f"imcost: note: {csv_path}: 2028-01 has no row for 30 days (2028-01-01..2028-01-30);"
        " their bandwidth counts as zero\n"
        f"imcost: note: {csv_path}: 2028-02 has no row for 2 days (2028-02-10..2028-02-11);"
        " their bandwidth counts as zero\n"
        f"imcost: note: {csv_path}: 2028-03 has no row for 30 days (2028-03-02..2028-03-31);"
        " their bandwidth counts as zero\n"
    )


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_file_of_one_month_gives_its_total_once(fmt: str, tmp_path: Path, runner: CliRunner) -> None:
    # 2028-02: peak 12,000 -> 1 unit; 1 Mbps international on the 29th x 4元 = 4; 999 + 1000 + 4 = 2003
    rows = "".join(f"2028-02-{day:02d},12000,{1 if day == 29 else 0}\n" for day in range(1, 30))
    (tmp_path / "feb.csv").write_text("date,dau,barrage_international_mbps\n" + rows, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("name: live\nedition: pro\nusage:\n  daily: feb.csv\n", encoding="utf-8")
    code, out, err = run(runner, "estimate", str(plan), "-f", fmt)
    assert (code, err) == (0, "")
    total = "Total for 2028-02: ¥2,003.00"
    assert [line for line in out.splitlines() if total in line] == [
        total if fmt == "table" else f"**{total}** (CNY)",
    ]
    # One month is the usual estimate of that month, as --month gives it.
    assert out == run(runner, "estimate", str(plan), "-f", fmt, "--month", "2028-02")[1]


def test_month_flag_picks_one_month_in_the_usual_estimate_shape(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", str(SAMPLES / "daily-usage.yaml"), "--month", "2027-01", "-f", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["month"], data["total"]) == ("2027-01", "4619.00")
    assert set(data) == {
        "schema_version",
        "month",
        "currency",
        "customer",
        "quote",
        "total",
        "feasible",
        "pricebook",
        "apps",
        "months",
    }


def test_daily_csv_output_has_a_month_column(runner: CliRunner) -> None:
    # The same columns as one month's estimate, the month last; 2026-12: 999 + 1000 + 660 + 8, 2027-01: ...
    code, out, _ = run(runner, "estimate", str(SAMPLES / "daily-usage.yaml"), "-f", "csv")
    assert code == 0
    assert out == (
        "app,edition,fee,description,quantity,unit,unit_price,amount,billing,list_amount,discount_percent,discount,"
        "month\n"
        "live-daily,pro,package,pro (专业版),1,month,999.00,999.00,prepaid,999.00,0,0.00,2026-12\n"
        'live-daily,pro,dau_overage,"4,200 over the free 10,000",1,"10,000 DAU",1000.00,1000.00,postpaid,'
        "1000.00,0,0.00,2026-12\n"
        "live-daily,pro,barrage_bandwidth,domestic,330,Mbps·day,2.00,660.00,postpaid,660.00,0,0.00,2026-12\n"
        "live-daily,pro,barrage_bandwidth,international,2,Mbps·day,4.00,8.00,postpaid,8.00,0,0.00,2026-12\n"
        "live-daily,pro,package,pro (专业版),1,month,999.00,999.00,prepaid,999.00,0,0.00,2027-01\n"
        'live-daily,pro,dau_overage,"11,000 over the free 10,000",2,"10,000 DAU",1000.00,2000.00,postpaid,'
        "2000.00,0,0.00,2027-01\n"
        'live-daily,pro,group_overage,"20,000 over the free 100,000",1,"100,000 groups",1000.00,1000.00,'
        "postpaid,1000.00,0,0.00,2027-01\n"
        "live-daily,pro,barrage_bandwidth,domestic,310,Mbps·day,2.00,620.00,postpaid,620.00,0,0.00,2027-01\n"
    )


def test_daily_flag_replaces_a_single_apps_usage(runner: CliRunner) -> None:
    # pro-dau-overage.yaml says 25,000 DAU; the leap file's February peak is 30,001 instead.
    code, out, _ = run(
        runner,
        "estimate",
        str(SAMPLES / "pro-dau-overage.yaml"),
        "--daily",
        str(LEAP),
        "--month",
        "2028-02",
        "-f",
        "json",
    )
    assert code == 0
    assert json.loads(out)["total"] == "4063.00"


def test_daily_flag_refuses_a_multi_app_plan(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", str(SAMPLES / "multi-app.yaml"), "--daily", str(LEAP))
    assert (code, out) == (2, "")
    assert err == (
        "imcost: error: --daily: the plan has 3 apps; --daily is for a single-app plan "
        "(give each app `usage: {daily: file.csv}`)\n"
    )


BAD_ROWS = {
    "unparseable date": (
        "2026-13-01,5",
        "u.csv:2: date: expected a date as YYYY-MM-DD, got '2026-13-01' (no such day)",
    ),
    "another date format": ("2026/12/01,5", "u.csv:2: date: expected a date as YYYY-MM-DD, got '2026/12/01'"),
    # Python 3.11's date.fromisoformat reads this one; imcost doesn't, on any Python.
    "basic ISO date": ("20261201,5", "u.csv:2: date: expected a date as YYYY-MM-DD, got '20261201'"),
    "negative value": ("2026-12-01,-3", "u.csv:2: dau: expected a number of 0 or more, got -3"),
    "non-number": (
        "2026-12-01,lots",
        "u.csv:2: dau: expected a whole number, got 'lots' (write 0 for a day with none)",
    ),
    "thousands separators": (
        '2026-12-01,"25,000"',
        "u.csv:2: dau: expected a whole number, got '25,000' (write 25000)",
    ),
    "fractional count": (
        "2026-12-01,2.5",
        "u.csv:2: dau: expected a whole number, got '2.5' (round it to a whole number)",
    ),
    "empty value": ("2026-12-01,", "u.csv:2: dau: expected a whole number, got '' (write 0 for a day with none)"),
    "too few values": ("2026-12-01", "u.csv:2: expected 2 values like the header, got 1 (the header is date,dau)"),
    "too many values": ("2026-12-01,5,6", "u.csv:2: expected 2 values like the header, got 3 (the header is date,dau)"),
    "a long value": (
        "2026-12-01," + "x" * 100,
        "u.csv:2: dau: expected a whole number, got '"
        + "x" * 40
        + "'... (100 characters) (write 0 for a day with none)",
    ),
}


@pytest.mark.parametrize("row,message", list(BAD_ROWS.values()), ids=list(BAD_ROWS))
def test_bad_row_names_the_csv_line(row: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_daily(f"date,dau\n{row}\n", "u.csv")
    assert [str(p) for p in caught.value.problems] == [message]


def test_every_bad_row_is_reported_at_once_with_its_line() -> None:
    text = (
        "date,groups,barrage_domestic_mbps\n"
        "2026-12-01,5,1\n"
        "\n"  # blank lines are skipped but still counted
        "2026-12-01,6,1\n"
        "2026-12-02,7,-0.5\n"
        "2026-12-03,8,NaN\n"
    )
    with pytest.raises(InputError) as caught:
        parse_daily(text, "u.csv")
    assert [str(p) for p in caught.value.problems] == [
        "u.csv:4: date: 2026-12-01 is given twice (first on line 2)",
        "u.csv:5: barrage_domestic_mbps: expected a number of 0 or more, got -0.5",
        "u.csv:6: barrage_domestic_mbps: expected a number of Mbps, got 'NaN' (write 0 for a day with none)",
    ]


HEADERS = {
    "misspelt column": ("date,grups\n", "u.csv:1: unknown column 'grups' (did you mean 'groups'?)"),
    "no date column": (
        "dau\n",
        "u.csv:1: missing the 'date' column (the first line must name the columns: "
        "date,dau,groups,barrage_domestic_mbps,barrage_international_mbps)",
    ),
    "column twice": ("date,dau,dau\n", "u.csv:1: column 'dau' is given twice"),
    "empty file": (
        "",
        "u.csv:1: the file is empty (the first line must name the columns: "
        "date,dau,groups,barrage_domestic_mbps,barrage_international_mbps)",
    ),
    "header only": ("date,dau\n", "u.csv:1: has a header but no rows of figures (add a line per day under it)"),
}


@pytest.mark.parametrize("text,message", list(HEADERS.values()), ids=list(HEADERS))
def test_bad_header(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_daily(text, "u.csv")
    assert [str(p) for p in caught.value.problems] == [message]


def test_plan_file_problems_with_a_daily_file(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "bad.csv").write_text("date,dau\n2026-12-01,x\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("edition: pro\nusage:\n  daily: bad.csv\n", encoding="utf-8")
    code, out, err = run(runner, "estimate", str(plan))
    assert (code, out) == (2, "")
    assert (
        err
        == f"imcost: error: {tmp_path}/bad.csv:2: dau: expected a whole number, got 'x' (write 0 for a day with none)\n"
    )
    plan.write_text("edition: pro\nusage:\n  daily: missing.csv\n  peak_dau: 5\n", encoding="utf-8")
    code, out, err = run(runner, "estimate", str(plan))
    assert code == 2
    assert err == (
        "imcost: error: " + str(plan) + ":4: usage.peak_dau: daily figures replace the peaks "
        "(give `daily:` or the peaks, not both)\n"
        "imcost: error: " + str(plan) + f":3: usage.daily: no such file '{tmp_path}/missing.csv' "
        "(the path is relative to the plan file)\n"
    )


def test_an_app_infeasible_in_several_months_is_said_once(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "u.csv").write_text("date,dau\n2027-01-05,500\n2027-02-05,600\n2027-03-05,50\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("name: beta\nedition: trial\nusage: {daily: u.csv}\n", encoding="utf-8")
    code, out, err = run(runner, "estimate", str(plan), "-f", "csv")
    assert code == 1 and out.startswith("app,edition,")
    # trial allows 100 DAU: January (500) and February (600) can't be bought; March (50) can.
    assert err.splitlines()[-1] == (
        "imcost: app 'beta' can't be bought as written in 2027-01 (and 1 later month): DAU: peak 500 is over "
        "the 100 that trial (体验版) allows; overage is billed only on pro and flagship"
    )


@pytest.mark.parametrize("fmt", ["json", "csv", "html"])
def test_a_file_of_one_month_is_that_months_estimate_in_every_format(
    fmt: str, tmp_path: Path, runner: CliRunner
) -> None:
    # 2026-12 only: peak 15,000 -> 1 unit; 999 + 1000 = 1999, and JSON names the month as --month does.
    (tmp_path / "dec.csv").write_text("date,dau\n2026-12-01,12000\n2026-12-02,15000\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("name: live\nedition: pro\nusage:\n  daily: dec.csv\n", encoding="utf-8")
    code, out, _ = run(runner, "estimate", str(plan), "-f", fmt)
    assert code == 0
    assert out == run(runner, "estimate", str(plan), "-f", fmt, "--month", "2026-12")[1]
    if fmt == "json":
        assert (json.loads(out)["month"], json.loads(out)["total"]) == ("2026-12", "1999.00")
