"""Every mistake the billing-calendar commands can meet: one line each, naming the file and line (or the flag).

Each case writes its files to a temporary directory, runs the command as a user
would and expects exit 2, nothing on stdout and exactly these lines on stderr
(the directory is shown as ``DIR/``).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app

PRO = "edition: pro\nmonth: 2027-01\n"
BOUGHT = PRO + "purchased_on: 2027-01-15\n"
DAILY = "edition: pro\nusage:\n  daily: u.csv\n"
HEADER = "date,dau,groups,barrage_domestic_mbps,barrage_international_mbps"


def changes(text: str) -> dict[str, str]:
    return {"plan.yaml": BOUGHT + "changes:\n" + text}


# name -> (files, arguments ("plan.yaml" and other file names are in DIR), expected stderr lines)
Case = tuple[dict[str, str], list[str], list[str]]
CASES: dict[str, Case] = {
    # --- the daily CSV: its header ---------------------------------------------------------
    "csv: misspelt column": (
        {"plan.yaml": DAILY, "u.csv": "date,dua\n2027-01-01,5\n"},
        ["forecast", "plan.yaml"],
        ["DIR/u.csv:1: unknown column 'dua' (did you mean 'dau'?)"],
    ),
    "csv: no date column": (
        {"plan.yaml": DAILY, "u.csv": "dau\n5\n"},
        ["forecast", "plan.yaml"],
        [f"DIR/u.csv:1: missing the 'date' column (the first line must name the columns: {HEADER})"],
    ),
    "csv: a column twice": (
        {"plan.yaml": DAILY, "u.csv": "date,dau,dau\n2027-01-01,1,2\n"},
        ["forecast", "plan.yaml"],
        ["DIR/u.csv:1: column 'dau' is given twice"],
    ),
    "csv: empty file": (
        {"plan.yaml": DAILY, "u.csv": ""},
        ["forecast", "plan.yaml"],
        ["DIR/u.csv: the file is empty; expected a CSV file of daily usage (date,dau,...)"],
    ),
    "csv: header only": (
        {"plan.yaml": DAILY, "u.csv": "date,dau\n"},
        ["forecast", "plan.yaml"],
        ["DIR/u.csv:1: has a header but no rows of figures (add a line per day under it)"],
    ),
    # --- the daily CSV: its rows, all reported at once ---------------------------------------
    "csv: every bad row": (
        {
            "plan.yaml": DAILY,
            "u.csv": "date,dau,barrage_domestic_mbps\n"
            "2027-01-01,5,1\n"
            "2027-02-30,5,1\n"
            "01/03/2027,5,1\n"
            "2027-01-01,6,1\n"
            "2027-01-04,lots,1\n"
            "2027-01-05,2.5,1\n"
            "2027-01-06,-3,1\n"
            "2027-01-07,5,fast\n"
            "2027-01-08,5,1e99\n"
            "2027-01-09,5\n",
        },
        ["forecast", "plan.yaml"],
        [
            "DIR/u.csv:3: date: expected a date as YYYY-MM-DD, got '2027-02-30' (no such day)",
            "DIR/u.csv:4: date: expected a date as YYYY-MM-DD, got '01/03/2027'",
            "DIR/u.csv:5: date: 2027-01-01 is given twice (first on line 2)",
            "DIR/u.csv:6: dau: expected a whole number, got 'lots' (write 0 for a day with none)",
            "DIR/u.csv:7: dau: expected a whole number, got '2.5' (round it to a whole number)",
            "DIR/u.csv:8: dau: expected a number of 0 or more, got -3",
            "DIR/u.csv:9: barrage_domestic_mbps: expected a number of Mbps, got 'fast' (write 0 for a day with none)",
            "DIR/u.csv:10: barrage_domestic_mbps: 1e99 is larger than imcost accepts (at most 1,000,000,000)",
            "DIR/u.csv:11: expected 3 values like the header, got 2 (the header is date,dau,barrage_domestic_mbps)",
        ],
    ),
    "csv: not UTF-8": (
        {"plan.yaml": DAILY, "u.csv": "date,dau\n2027-01-01,\udcff5\n"},
        ["forecast", "plan.yaml"],
        ["DIR/u.csv:2: is not UTF-8 text (byte 0xff at offset 20)"],
    ),
    # --- the daily CSV: where it is -----------------------------------------------------------
    "csv: missing, named in the plan": (
        {"plan.yaml": DAILY},
        ["forecast", "plan.yaml"],
        ["DIR/plan.yaml:3: usage.daily: no such file 'DIR/u.csv' (the path is relative to the plan file)"],
    ),
    "csv: a directory, named in the plan": (
        {"plan.yaml": DAILY, "u.csv/keep": ""},
        ["schedule", "plan.yaml"],
        ["DIR/plan.yaml:3: usage.daily: 'DIR/u.csv' is a directory, expected a CSV file"],
    ),
    "csv: missing, given with --daily": (
        {"plan.yaml": PRO},
        ["estimate", "plan.yaml", "--daily", "missing.csv"],
        ["--daily: no such file 'DIR/missing.csv'"],
    ),
    "csv: the peaks as well": (
        {"plan.yaml": DAILY + "  peak_dau: 5\n", "u.csv": "date,dau\n2027-01-01,5\n"},
        ["forecast", "plan.yaml"],
        ["DIR/plan.yaml:4: usage.peak_dau: daily figures replace the peaks (give `daily:` or the peaks, not both)"],
    ),
    "csv: with --growth": (
        {"plan.yaml": DAILY, "u.csv": "date,dau\n2027-01-01,5\n"},
        ["forecast", "plan.yaml", "--growth", "dau=5%"],
        [
            "DIR/plan.yaml:3: usage.daily: --growth grows plan figures, but app 'app' takes its usage from "
            "DIR/u.csv (drop --growth, or give usage.peak_dau)"
        ],
    ),
    "csv: more months than a forecast takes": (
        {"plan.yaml": DAILY, "u.csv": "date,dau\n2000-01-01,5\n2010-01-01,5\n"},
        ["forecast", "plan.yaml"],
        ["DIR/u.csv: covers 121 months (2000-01 to 2010-01); imcost forecasts at most 120 (give --start and --months)"],
    ),
    "csv: more months than a schedule takes": (
        {"plan.yaml": DAILY + "purchased_on: 2000-01-15\n", "u.csv": "date,dau\n2000-01-01,5\n2010-01-01,5\n"},
        ["schedule", "plan.yaml"],
        [
            "DIR/u.csv: runs to 2010-01, 121 months from 2000-01; imcost schedules at most 120 "
            "(give --start and --months)"
        ],
    ),
    # --- --growth -------------------------------------------------------------------------------
    "growth: no percent sign": (
        {"plan.yaml": PRO},
        ["forecast", "plan.yaml", "--growth", "dau=8"],
        ["--growth: expected METRIC=RATE%, got 'dau=8' (e.g. dau=8%)"],
    ),
    "growth: unknown metric": (
        {"plan.yaml": PRO},
        ["forecast", "plan.yaml", "--growth", "users=8%"],
        ["--growth: unknown metric 'users' (metrics: dau, groups)"],
    ),
    "growth: misspelt metric": (
        {"plan.yaml": PRO},
        ["forecast", "plan.yaml", "--growth", "gruops=8%"],
        ["--growth: unknown metric 'gruops' (did you mean 'groups'?)"],
    ),
    "growth: a metric twice": (
        {"plan.yaml": PRO},
        ["forecast", "plan.yaml", "--growth", "dau=8%", "--growth", "DAU=9%"],
        ["--growth: dau is given twice (give each metric once)"],
    ),
    "growth: every bad flag at once": (
        {"plan.yaml": PRO},
        ["forecast", "plan.yaml", "--growth", "dau=-100%", "--growth", "groups=2000%", "--growth", "x"],
        [
            "--growth: 'dau=-100%': expected a monthly rate above -100% and at most 1000%",
            "--growth: 'groups=2000%': expected a monthly rate above -100% and at most 1000%",
            "--growth: expected METRIC=RATE%, got 'x' (e.g. dau=8%)",
        ],
    ),
    "growth: thousands of digits": (
        {"plan.yaml": PRO},
        ["forecast", "plan.yaml", "--growth", "dau=" + "9" * 5000 + "%"],
        ["--growth: expected METRIC=RATE%, got 'dau=" + "9" * 36 + "'... (5,005 characters) (e.g. dau=8%)"],
    ),
    "growth: past what imcost accepts": (
        # 12,000 x 11^k passes 10^12 at k = 8 (2.57e12; 11^7 x 12,000 = 2.34e11): the 9th month, 2027-09.
        {"plan.yaml": PRO + "usage: {peak_dau: 12000}\n"},
        ["forecast", "plan.yaml", "--growth", "dau=1000%", "--months", "120"],
        [
            "--growth: dau=1000% takes the peak DAU of app 'app' from 12,000 past 1,000,000,000,000, "
            "the most imcost accepts, by 2027-09 (use a smaller rate or fewer --months)"
        ],
    ),
    # --- --months --------------------------------------------------------------------------------
    "months: zero": (
        {"plan.yaml": PRO},
        ["forecast", "plan.yaml", "--months", "0"],
        ["--months: expected 1 to 120 months, got 0 (e.g. --months 12)"],
    ),
    "months: negative": (
        {"plan.yaml": BOUGHT},
        ["schedule", "plan.yaml", "--months", "-3"],
        ["--months: expected 1 to 120 months, got -3 (e.g. --months 12)"],
    ),
    "months: one too many": (
        {"plan.yaml": PRO},
        ["forecast", "plan.yaml", "--months", "121"],
        ["--months: expected 1 to 120 months, got 121 (run the later months with --start)"],
    ),
    "months: huge, refused before anything is computed": (
        {"plan.yaml": BOUGHT},
        ["schedule", "plan.yaml", "--months", "99999999999999999999"],
        ["--months: expected 1 to 120 months, got 99999999999999999999 (run the later months with --start)"],
    ),
    "months: a forecast past 9999": (
        {"plan.yaml": PRO},
        ["forecast", "plan.yaml", "--start", "9999-11", "--months", "3"],
        [
            "--months: 3 months from 9999-11 would end after 9999-12, the last month imcost can forecast "
            "(use an earlier --start or fewer --months)"
        ],
    ),
    "months: a schedule whose last charge would be in 10000": (
        # December's postpaid items would be deducted on 10000-01-03.
        {"plan.yaml": "edition: pro\npurchased_on: 9999-12-01\n"},
        ["schedule", "plan.yaml", "--months", "1"],
        [
            "--months: 1 month from 9999-12 would end after 9999-11, the last month imcost can schedule "
            "(use an earlier --start or fewer --months)"
        ],
    ),
    # --- --start ---------------------------------------------------------------------------------
    "start: not a month": (
        {"plan.yaml": PRO},
        ["forecast", "plan.yaml", "--start", "next month"],
        ["--start: expected a month as YYYY-MM, got 'next month' (e.g. --start 2027-01)"],
    ),
    "start: no such month": (
        {"plan.yaml": BOUGHT},
        ["schedule", "plan.yaml", "--start", "2027-13"],
        ["--start: expected a month as YYYY-MM, got '2027-13' (no such month) (e.g. --start 2027-01)"],
    ),
    # --- purchased_on -----------------------------------------------------------------------------
    "purchased_on: text": (
        {"plan.yaml": PRO + "purchased_on: next week\n"},
        ["schedule", "plan.yaml"],
        [
            "DIR/plan.yaml:3: purchased_on: expected a date as YYYY-MM-DD, got the text 'next week' "
            "(the day the package was bought, e.g. 2027-01-31)"
        ],
    ),
    "purchased_on: a month": (
        {"plan.yaml": PRO + "purchased_on: 2027-01\n"},
        ["schedule", "plan.yaml"],
        [
            "DIR/plan.yaml:3: purchased_on: expected a date as YYYY-MM-DD, got the text '2027-01' "
            "(the day the package was bought, e.g. 2027-01-31)"
        ],
    ),
    "purchased_on: no such day": (
        {"plan.yaml": PRO + "purchased_on: 2027-02-30\n"},
        ["schedule", "plan.yaml"],
        ["DIR/plan.yaml:3: purchased_on: cannot read '2027-02-30': day is out of range for month"],
    ),
    "purchased_on: a number": (
        {"plan.yaml": PRO + "purchased_on: 20270115\n"},
        ["schedule", "plan.yaml"],
        [
            "DIR/plan.yaml:3: purchased_on: expected a date as YYYY-MM-DD, got the number 20270115 "
            "(the day the package was bought, e.g. 2027-01-31)"
        ],
    ),
    "purchased_on: at the top of a plan of several apps": (
        {"plan.yaml": "month: 2027-01\npurchased_on: soon\napps:\n  - {edition: pro}\n"},
        ["schedule", "plan.yaml"],
        [
            "DIR/plan.yaml:2: purchased_on: expected a date as YYYY-MM-DD, got the text 'soon' "
            "(the day the package was bought, e.g. 2027-01-31)"
        ],
    ),
    "purchased_on: missing for an app with prepaid items": (
        {
            "plan.yaml": "month: 2027-01\napps:\n"
            "  - {name: staging, edition: trial}\n"
            "  - {name: prod, edition: pro, purchased_on: 2027-01-05}\n"
            "  - {name: late, edition: pro}\n"
        },
        ["schedule", "plan.yaml"],
        [
            "DIR/plan.yaml:5: apps[2]: app 'late' has prepaid items but no purchase day "
            "(add `purchased_on: YYYY-MM-DD` to the app or the top of the plan)"
        ],
    ),
    # --- changes: ----------------------------------------------------------------------------------
    "changes: not a list": (
        changes("  from: 2027-06\n  edition: flagship\n"),
        ["forecast", "plan.yaml"],
        [
            "DIR/plan.yaml:4: changes: expected a list of changes, got a mapping "
            "(e.g. [{from: 2027-06, edition: flagship}])"
        ],
    ),
    "changes: an item that is not a mapping": (
        changes("  - 2027-06\n"),
        ["schedule", "plan.yaml"],
        ["DIR/plan.yaml:5: changes[0]: expected a mapping of keys, got the text '2027-06'"],
    ),
    "changes: no from": (
        changes("  - edition: flagship\n"),
        ["forecast", "plan.yaml"],
        ["DIR/plan.yaml:5: changes[0]: missing required key 'from'"],
    ),
    "changes: from is a day": (
        changes("  - from: 2027-06-01\n    edition: flagship\n"),
        ["forecast", "plan.yaml"],
        ["DIR/plan.yaml:5: changes[0].from: expected a month as YYYY-MM, got the date 2027-06-01 (write 2027-06)"],
    ),
    "changes: no such month": (
        changes("  - from: 2027-13\n    edition: flagship\n"),
        ["forecast", "plan.yaml"],
        ["DIR/plan.yaml:5: changes[0].from: expected a month as YYYY-MM, got '2027-13' (no such month)"],
    ),
    "changes: nothing but from": (
        changes("  - from: 2027-06\n"),
        ["forecast", "plan.yaml"],
        ["DIR/plan.yaml:5: changes[0]: a change needs `edition`, `needs` or `security` besides `from`"],
    ),
    "changes: misspelt key": (
        changes("  - from: 2027-06\n    editon: flagship\n"),
        ["forecast", "plan.yaml"],
        ["DIR/plan.yaml:6: changes[0].editon: unknown key 'editon' (did you mean 'edition'?)"],
    ),
    "changes: unknown edition": (
        changes("  - from: 2027-06\n    edition: gold\n"),
        ["schedule", "plan.yaml"],
        [
            "DIR/plan.yaml:6: changes[0].edition: unknown edition 'gold' (valid editions: trial, 体验版, pro, "
            "professional, 专业版, flagship, ultimate, 旗舰版)"
        ],
    ),
    "changes: two in one month": (
        changes("  - {from: 2027-06, edition: flagship}\n  - {from: 2027-06, security: true}\n"),
        ["forecast", "plan.yaml"],
        ["DIR/plan.yaml:6: changes[1].from: 2027-06 already has a change (item 0) (merge the two into one change)"],
    ),
    "changes: a bad need and a bad security, both": (
        changes("  - from: 2027-06\n    needs: {history_days: ninety}\n    security: maybe\n"),
        ["forecast", "plan.yaml"],
        [
            "DIR/plan.yaml:6: changes[0].needs.history_days: expected a whole number, got the text 'ninety'",
            "DIR/plan.yaml:7: changes[0].security: expected true or false, got the text 'maybe'",
        ],
    ),
    # --- per-day bandwidth that only fits the plan's month ---------------------------------------
    "barrage listed per day, forecast for more months": (
        {"plan.yaml": "edition: pro\nmonth: 2027-02\nusage:\n  barrage_mbps:\n    domestic: [" + "1, " * 27 + "1]\n"},
        ["forecast", "plan.yaml", "--months", "2"],
        [
            "DIR/plan.yaml:5: usage.barrage_mbps.domestic: app 'app' lists the days of 2027-02 only; the forecast "
            "needs other months (give one number for every day, or a daily file)"
        ],
    ),
}


def _write(directory: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Lone surrogates stand for raw bytes that are not UTF-8.
        path.write_bytes(text.encode("utf-8", "surrogateescape"))


@pytest.mark.parametrize("files,args,lines", list(CASES.values()), ids=list(CASES))
def test_one_line_per_mistake(
    tmp_path: Path, runner: CliRunner, files: dict[str, str], args: list[str], lines: list[str]
) -> None:
    _write(tmp_path, files)
    argv = [str(tmp_path / a) if a in files or a.endswith((".yaml", ".csv")) else a for a in args]
    started = time.monotonic()
    result = runner.invoke(app, argv)
    assert time.monotonic() - started < 10
    err = result.stderr.replace(str(tmp_path) + "/", "DIR/")
    assert (result.exit_code, result.stdout) == (2, ""), err
    assert err == "".join(f"imcost: error: {line}\n" for line in lines)


def test_a_wrong_type_for_months_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    """Typer parses --months as a whole number; imcost.usage words its complaint like imcost's own."""
    _write(tmp_path, {"plan.yaml": PRO})
    result = runner.invoke(app, ["forecast", str(tmp_path / "plan.yaml"), "--months", "twelve"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "imcost: error: --months: expected a whole number, got 'twelve' (see imcost forecast --help)\n"
    )
