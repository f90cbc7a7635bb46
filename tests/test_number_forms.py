"""Numbers are plain decimal in ASCII digits in every plan, price book, daily file and flag (README "Number forms").

YAML 1.1 reads 0100 as octal 64 and 1:30 as 90; Python reads ١٢٣ and １２３ as 123. Each such
form is refused with exit 2 and one line that shows what was written and what to write. The
bounds that keep every sum exact are here too: at most 40 decimal places, a 200-digit Decimal
context, saved estimates below 10**40 yuan, a sweep that must fit the address space.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imcost.cli import app

TESTS = Path(__file__).resolve().parent
SHIPPED_BOOK = TESTS.parent / "imcost" / "pricebooks" / "tencent-im.yaml"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def refused(runner: CliRunner, *args: str) -> str:
    """The one line of stderr of a command that must exit 2 and print nothing on stdout."""
    code, out, err = run(runner, *args)
    assert (code, out) == (2, ""), err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.rstrip("\n")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Files are named relative to tmp_path, so messages read as a user sees them.
    monkeypatch.chdir(tmp_path)


OCTAL = "YAML 1.1 reads a leading 0 as octal"
SEXAGESIMAL = "a sexagesimal number (base 60, like a time), not a plain decimal one"

# needs.history_days as written on line 4 of a plan, and what follows "plan.yaml:4: needs.history_days: ".
PLAN_COUNTS = {
    "0100": f"'0100' is not a plain decimal number (write 100; {OCTAL}, 64)",
    "0300": f"'0300' is not a plain decimal number (write 300; {OCTAL}, 192)",
    "089": "'089' is not a plain decimal number (write 89)",
    "0x1F": "'0x1F' is a hexadecimal number, not a plain decimal one (write 31)",
    "0b101": "'0b101' is a binary number, not a plain decimal one (write 5)",
    "0o17": "'0o17' is an octal number, not a plain decimal one (write 15)",
    "1:30": f"'1:30' is read by YAML 1.1 as {SEXAGESIMAL} (write 90)",
    "1:30:00": f"'1:30:00' is read by YAML 1.1 as {SEXAGESIMAL} (write 5400)",
    "1_000": "'1_000' is not a plain decimal number (write 1000)",
    "'0100'": "'0100' is not a plain decimal number (write 100)",
    "'0x1F'": "'0x1F' is a hexadecimal number, not a plain decimal one (write 31)",
    "１２３": "'１２３' has full-width digits (write 123)",
    "'１２３'": "'１２３' has full-width digits (write 123)",
    "١٢٣": "'١٢٣' has digits other than ASCII 0-9 (write 123)",
    "१२३": "'१२३' has digits other than ASCII 0-9 (write 123)",
    "0x" + "f" * 5000: "'0xffffffffffffffffffffffffffffffffffffff'... (5,002 characters) is a hexadecimal number, "
    "not a plain decimal one (write it in decimal digits)",
}


@pytest.mark.parametrize("written", list(PLAN_COUNTS), ids=[w[:12] for w in PLAN_COUNTS])
def test_a_count_in_a_plan_is_a_plain_decimal(written: str, runner: CliRunner) -> None:
    Path("plan.yaml").write_text(f"month: 2026-12\nedition: pro\nneeds:\n  history_days: {written}\n", "utf-8")
    line = refused(runner, "estimate", "plan.yaml", "--format", "json")
    assert line == f"imcost: error: plan.yaml:4: needs.history_days: {PLAN_COUNTS[written]}"


PLAN_AMOUNTS = {
    "1_000.5": "'1_000.5' is not a plain decimal number (write 1000.5)",
    "00.5": "'00.5' is not a plain decimal number (write 0.5)",
    "1:30.5": f"'1:30.5' is read by YAML 1.1 as {SEXAGESIMAL} (write 90.5)",
    "'２.５'": "'２.５' has full-width digits (write 2.5)",
    "'0x10'": "'0x10' is a hexadecimal number, not a plain decimal one (write 16)",
    "0." + "1" * 41: "'0.11111111111111111111111111111111111111'... (43 characters) has more than 40 decimal "
    "places, more than imcost computes exactly (round it to 40 places or fewer)",
    "'0.1e-40'": "'0.1e-40' has more than 40 decimal places, more than imcost computes exactly "
    "(round it to 40 places or fewer)",
}


@pytest.mark.parametrize("written", list(PLAN_AMOUNTS))
def test_an_amount_in_a_plan_is_a_plain_decimal(written: str, runner: CliRunner) -> None:
    text = f"month: 2026-12\nedition: pro\nusage:\n  barrage_mbps: {{domestic: {written}}}\n"
    Path("plan.yaml").write_text(text, "utf-8")
    line = refused(runner, "estimate", "plan.yaml", "--format", "json")
    assert line == f"imcost: error: plan.yaml:4: usage.barrage_mbps.domestic: {PLAN_AMOUNTS[written]}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "month: ２０２６-１２\nedition: pro\n",
            "plan.yaml:1: month: '２０２６-１２' has full-width digits (write 2026-12)",
        ),
        (
            "month: 2026-12\npurchased_on: ２０２６-１２-０１\nedition: pro\n",
            "plan.yaml:2: purchased_on: '２０２６-１２-０１' has full-width digits (write 2026-12-01)",
        ),
        (
            "month: 2026-12\nedition: pro\ndiscounts: {all: '１５%'}\n",
            "plan.yaml:3: discounts.all: '１５%' has full-width digits (write 15%)",
        ),
        (
            "month: 2026-12\nedition: pro\nchanges:\n  - {from: '２０２７-０１', edition: flagship}\n",
            "plan.yaml:4: changes[0].from: '２０２７-０１' has full-width digits (write 2027-01)",
        ),
    ],
)
def test_dates_months_and_percentages_in_a_plan_take_ascii_digits(text: str, expected: str, runner: CliRunner) -> None:
    Path("plan.yaml").write_text(text, "utf-8")
    assert refused(runner, "estimate", "plan.yaml") == f"imcost: error: {expected}"


def test_every_plain_form_is_read_and_priced_exactly(runner: CliRunner) -> None:
    """0, +5, 1.5e1, 7.0 and a quoted amount are plain decimals. 15 Mbps domestic at 2元 over 31 days is 930元;
    0.0012499999999999999999999999999 Mbps international at 4元 is 0.0049999…元 a day, under half a fen: 0.00
    (a 28-digit context rounds it to 0.005, 0.01 a day, 0.31元)."""
    text = (
        "month: 2026-12\nedition: pro\nusage:\n  peak_dau: 0\n  peak_groups: +5\n"
        "  barrage_mbps: {domestic: 1.5e1, international: '0.0012499999999999999999999999999'}\n"
        "needs: {history_days: 7.0, av_chatrooms: 0}\n"
    )
    Path("plan.yaml").write_text(text, "utf-8")
    code, out, err = run(runner, "estimate", "plan.yaml", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["total"] == "1929.00"  # 999 + 930 + 0.00


def test_a_name_written_like_an_octal_number_is_kept_as_written(runner: CliRunner) -> None:
    """YAML 1.1 reads 007 as 7 and 0x1F as 31; a name or customer keeps the text the file shows."""
    text = "month: 2026-12\ncustomer: 0100\napps:\n  - {name: 007, edition: pro}\n  - {name: 0x1F, edition: pro}\n"
    Path("plan.yaml").write_text(text, "utf-8")
    code, out, err = run(runner, "estimate", "plan.yaml", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert (document["customer"], [a["name"] for a in document["apps"]]) == ("0100", ["007", "0x1F"])


# --- price books --------------------------------------------------------------------------

_PRICE = "versions[0].editions.pro.package.price"
_FREE_DAU = "versions[0].editions.pro.quotas.free_dau"
BOOK_EDITS = {
    "price with a leading zero": (
        'price: "999"',
        'price: "0999"',
        _PRICE,
        "'0999' is not a plain decimal number (write 999)",
    ),
    "price in full-width digits": (
        'price: "999"',
        'price: "９９９"',
        _PRICE,
        "'９９９' has full-width digits (write 999)",
    ),
    "hexadecimal quota": (
        "free_dau: 10000",
        "free_dau: 0x2710",
        _FREE_DAU,
        "'0x2710' is a hexadecimal number, not a plain decimal one (write 10000)",
    ),
    "octal-looking quota": (
        "free_dau: 10000",
        "free_dau: 010000",
        _FREE_DAU,
        f"'010000' is not a plain decimal number (write 10000; {OCTAL}, 4096)",
    ),
    "underscored unit size": (
        "unit_size: 10000",
        "unit_size: 10_000",
        "versions[0].editions.pro.overage.dau.unit_size",
        "'10_000' is not a plain decimal number (write 10000)",
    ),
    "full-width effective date": (
        "effective: null",
        "effective: ２０００-０１-０１",
        "versions[0].effective",
        "'２０００-０１-０１' has full-width digits (write 2000-01-01)",
    ),
}


@pytest.mark.parametrize("case", list(BOOK_EDITS))
def test_a_price_book_takes_plain_decimals_only(case: str, runner: CliRunner) -> None:
    old, new, path, message = BOOK_EDITS[case]
    text = SHIPPED_BOOK.read_text(encoding="utf-8")
    at = text.index(old)
    text = text[:at] + new + text[at + len(old) :]
    Path("book.yaml").write_text(text, "utf-8")
    Path("plan.yaml").write_text("month: 2026-12\nedition: pro\n", "utf-8")
    line = text.count("\n", 0, at) + 1
    assert refused(runner, "estimate", "plan.yaml", "--pricebook", "book.yaml") == (
        f"imcost: error: book.yaml:{line}: {path}: {message}"
    )


# --- daily files --------------------------------------------------------------------------

DAILY_CELLS = {
    ("dau", "0x1F"): "'0x1F' is a hexadecimal number, not a plain decimal one (write 31)",
    ("dau", "0100"): "'0100' is not a plain decimal number (write 100)",
    ("dau", "1_000"): "'1_000' is not a plain decimal number (write 1000)",
    ("dau", "1:30"): f"'1:30' is {SEXAGESIMAL} (write 90)",
    ("dau", "１２３"): "'１２３' has full-width digits (write 123)",
    ("dau", "٣"): "'٣' has digits other than ASCII 0-9 (write 3)",
    ("dau", "0x" + "f" * 5000): "'0xffffffffffffffffffffffffffffffffffffff'... (5,002 characters) is a hexadecimal "
    "number, not a plain decimal one (write it in decimal digits)",
    ("barrage_domestic_mbps", "0_0.5"): "'0_0.5' is not a plain decimal number (write 0.5)",
    ("barrage_domestic_mbps", "１.５"): "'１.５' has full-width digits (write 1.5)",
    ("barrage_domestic_mbps", "1e-41"): "'1e-41' has more than 40 decimal places, more than imcost computes "
    "exactly (round it to 40 places or fewer)",
    ("date", "２０２６-１２-０１"): "'２０２６-１２-０１' has full-width digits (write 2026-12-01)",
}


@pytest.mark.parametrize("cell", list(DAILY_CELLS), ids=[f"{c}={v[:12]}" for c, v in DAILY_CELLS])
def test_a_daily_file_takes_plain_decimals_only(cell: tuple[str, str], runner: CliRunner) -> None:
    column, written = cell
    row = {"date": "2026-12-01", "dau": "5", "barrage_domestic_mbps": "1", column: written}
    Path("usage.csv").write_text("date,dau,barrage_domestic_mbps\n" + ",".join(row.values()) + "\n", "utf-8")
    Path("plan.yaml").write_text("edition: pro\n", "utf-8")
    assert refused(runner, "estimate", "plan.yaml", "--daily", "usage.csv") == (
        f"imcost: error: usage.csv:2: {column}: {DAILY_CELLS[cell]}"
    )


# --- flags --------------------------------------------------------------------------------

FLAGS = {
    "hexadecimal dau": (
        ["compare", "pro", "--dau", "0x10"],
        "--dau: '0x10' is a hexadecimal number, not a plain decimal one (write 16)",
    ),
    "underscored dau": (
        ["compare", "pro", "--dau", "1_000"],
        "--dau: '1_000' is not a plain decimal number (write 1000)",
    ),
    "full-width dau": (["recommend", "--dau", "１２３"], "--dau: '１２３' has full-width digits (write 123)"),
    "arabic-indic dau": (["compare", "--dau", "١٢٣"], "--dau: '١٢٣' has digits other than ASCII 0-9 (write 123)"),
    "leading zero": (
        ["compare", "--history-days", "090"],
        "--history-days: '090' is not a plain decimal number (write 90)",
    ),
    "range part": (
        ["compare", "--groups", "0:0x10:1"],
        "--groups: the range '0:0x10:1' has a bad STOP: '0x10' is a hexadecimal number, not a plain decimal one",
    ),
    "too fine mbps": (
        ["compare", "--barrage-domestic", "0." + "0" * 40 + "1"],
        "--barrage-domestic: 0." + "0" * 38 + "... (43 characters) has more than 40 decimal places, more than imcost "
        "computes exactly "
        "(round it to 40 places or fewer)",
    ),
    "months with a leading zero": (
        ["forecast", "plan.yaml", "--months", "010"],
        "--months: '010' is not a plain decimal number (write 10)",
    ),
    "full-width months": (
        ["schedule", "plan.yaml", "--months", "１２"],
        "--months: '１２' has full-width digits (write 12)",
    ),
    "months of 5,000 digits": (
        ["forecast", "plan.yaml", "--months", "9" * 5000],
        "--months: a number of 5,000 digits is larger than imcost accepts",
    ),
    "full-width month": (
        ["estimate", "plan.yaml", "--month", "２０２６-１２"],
        "--month: '２０２６-１２' has full-width digits (write 2026-12)",
    ),
    "full-width start": (
        ["forecast", "plan.yaml", "--start", "２０２７-０１"],
        "--start: '２０２７-０１' has full-width digits (write 2027-01)",
    ),
    "full-width as-of": (
        ["prices", "--as-of", "２０２６-１２-０１"],
        "--as-of: '２０２６-１２-０１' has full-width digits (write 2026-12-01)",
    ),
    "full-width budget": (
        ["estimate", "plan.yaml", "--fail-over", "１００"],
        "--fail-over: '１００' has full-width digits (write 100)",
    ),
    "budget with a leading zero": (
        ["estimate", "plan.yaml", "--fail-over", "0100"],
        "--fail-over: '0100' is not a plain decimal number (write 100)",
    ),
    "full-width growth": (
        ["forecast", "plan.yaml", "--growth", "dau=８%"],
        "--growth: 'dau=８%' has full-width digits (write dau=8%)",
    ),
}


@pytest.mark.parametrize("case", list(FLAGS))
def test_a_flag_takes_plain_decimals_only(case: str, runner: CliRunner) -> None:
    args, message = FLAGS[case]
    Path("plan.yaml").write_text("month: 2026-12\npurchased_on: 2026-12-01\nedition: pro\n", "utf-8")
    assert refused(runner, *args) == f"imcost: error: {message}"


# --- exact arithmetic and bounds ------------------------------------------------------------


def test_digits_past_28_are_computed_exactly(runner: CliRunner) -> None:
    """0.0024999999999999999999999999999 Mbps × 2元 is 0.0049999…元 a day: under half a fen, so 0.00, not 0.31."""
    text = "month: 2026-12\nedition: pro\nusage:\n  barrage_mbps: {domestic: 0.0024999999999999999999999999999}\n"
    Path("plan.yaml").write_text(text, "utf-8")
    code, out, err = run(runner, "estimate", "plan.yaml", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    (barrage,) = [i for i in document["apps"][0]["items"] if i["fee"] == "barrage_bandwidth"]
    assert barrage["quantity"] == "0.0774999999999999999999999999969"  # 31 days, every digit kept
    assert (barrage["amount"], document["total"]) == ("0.00", "999.00")


def test_a_large_price_times_a_large_count_is_exact(runner: CliRunner) -> None:
    """200 apps of 10**12 DAU at 999,999,999,999.99元 per started user over the free 10,000.

    Per app: (10**12 - 10**4) × (10**12 - 0.01) + 999 = 999,999,989,999,990,000,001,099; × 200.
    """
    text = SHIPPED_BOOK.read_text(encoding="utf-8")
    text = text.replace("unit_size: 10000", "unit_size: 1", 1).replace(
        'unit_price: "1000"', 'unit_price: "999999999999.99"', 1
    )
    Path("book.yaml").write_text(text, "utf-8")
    apps = "".join(f"  - {{name: a{i}, edition: pro, usage: {{peak_dau: 1000000000000}}}}\n" for i in range(200))
    Path("plan.yaml").write_text("month: 2026-12\napps:\n" + apps, "utf-8")
    code, out, err = run(runner, "estimate", "plan.yaml", "--pricebook", "book.yaml", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["apps"][0]["total"] == "999999989999990000001099.00"
    assert document["total"] == "199999997999998000000219800.00"


def _saved(total: str) -> str:
    return '{"schema_version": 1, "month": "2026-12", "total": ' + total + ', "apps": []}'


def test_diff_of_a_saved_estimate_of_1e30_yuan_is_exact(runner: CliRunner) -> None:
    Path("old.json").write_text(_saved('"999.00"'), "utf-8")
    Path("new.json").write_text(_saved('"1e30"'), "utf-8")
    code, out, err = run(runner, "diff", "old.json", "new.json", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["delta"] == "999999999999999999999999999001.00"
    assert document["delta_percent"] == "100100100100100100100100100000.10"


@pytest.mark.parametrize(
    ("total", "shown"),
    [("1e308", "'1E+308'"), ('"1e40"', "'1e40'"), ('"0.' + "0" * 40 + '1"', "'0." + "0" * 38 + "'... (43 characters)")],
)
def test_diff_refuses_amounts_it_cannot_sum_exactly(total: str, shown: str, runner: CliRunner) -> None:
    Path("old.json").write_text(_saved(total), "utf-8")
    assert refused(runner, "diff", "old.json", "old.json") == (
        f"imcost: error: old.json: not an imcost JSON estimate: total is {shown}, outside what imcost computes "
        "exactly (below 10**40 yuan, at most 40 decimal places)"
    )


@pytest.mark.parametrize(
    ("total", "message"),
    [
        ("９９９.００", "'９９９.００' has full-width digits (write 999.00)"),
        ("0999.00", "'0999.00' is not a plain decimal number (write 999.00)"),
        ("1_000", "'1_000' is not a plain decimal number (write 1000)"),
    ],
)
def test_diff_reads_saved_amounts_as_plain_decimals(total: str, message: str, runner: CliRunner) -> None:
    Path("old.json").write_text(_saved(json.dumps(total)), "utf-8")
    assert refused(runner, "diff", "old.json", "old.json") == (
        f"imcost: error: old.json: not an imcost JSON estimate: total: {message}"
    )


def test_diff_of_json_nested_100000_deep_is_bad_input(runner: CliRunner) -> None:
    Path("deep.json").write_text('{"schema_version": 1, "apps": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    assert refused(runner, "diff", "deep.json", "deep.json") == (
        "imcost: error: deep.json: not an imcost JSON estimate: values are nested too deeply to read "
        "(a saved one nests 5 levels)"
    )


def test_running_out_of_memory_is_exit_2_with_a_message(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import imcost.sweep

    def exhausted(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(imcost.sweep, "sweep_choices", exhausted)
    assert refused(runner, "compare", "--dau", "0:10:1") == (
        "imcost: error: out of memory: this command needs more than the memory this process may use "
        "(a range of fewer values, a larger step or fewer apps needs less)"
    )


def _ranges(tmp_path: Path, address_space: int, **cases: list[str]) -> dict[str, dict[str, Any]]:
    """Each case's compare command line in a forked child with ``address_space`` bytes, in ``tmp_path``."""
    runs = {
        key: {"args": ["compare", *args], "cwd": str(tmp_path), "address_space": address_space}
        for key, args in cases.items()
    }
    done = subprocess.run(
        [sys.executable, str(TESTS / "forkrun.py")],
        input=json.dumps(runs),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    outcomes: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return outcomes


MILLION = ["pro", "flagship", "--dau", "0:999999:1"]
# The last value: 999,999 DAU is 99 started units over the free 10,000 on both editions.
LAST_ROW = '{"cheapest": "pro", "totals": {"flagship": "101999.00", "pro": "99999.00"}, "value": 999999}'


def test_a_million_value_range_prices_under_1_gb(tmp_path: Path) -> None:
    """The largest range imcost accepts fits in 1 GB: rows are worked out as they are written."""
    outcome = _ranges(tmp_path, 1024**3, json=[*MILLION, "--format", "json"])["json"]
    assert (outcome["code"], outcome["stderr"]) == (0, "")
    assert outcome["stdout"].count('"value": ') == 1_000_000
    assert LAST_ROW in outcome["stdout"]


def test_a_range_takes_the_same_memory_whatever_its_length(tmp_path: Path) -> None:
    """A million values are streamed in every format, to --out or to stdout: the peak is a thousand
    values' give or take 16 MB (the JSON document alone is 97 MB), and 600 MB of address space is
    plenty (it once refused this range). Big outputs go to files: the runner holds what a child
    writes to stdout, and the children it forks after would start that much bigger."""
    thousand = ["pro", "flagship", "--dau", "0:999:1"]
    outcomes = _ranges(
        tmp_path,
        600 * 1024**2,
        small=[*thousand, "--format", "json", "--out", "small.json"],
        json=[*MILLION, "--format", "json", "--out", "million.json"],
        csv=[*MILLION, "--format", "csv", "--out", "million.csv"],
        markdown=[*MILLION, "--format", "markdown", "--out", "million.md"],
        table=[*MILLION],
        barrage=["pro", "flagship", "--barrage-domestic", "0:199999:1", "--format", "csv", "--out", "barrage.csv"],
    )
    assert {key: (o["code"], o["stderr"]) for key, o in outcomes.items()} == dict.fromkeys(outcomes, (0, ""))
    small = outcomes.pop("small")["peak_kb"]
    assert {key: o["peak_kb"] - small < 16 * 1024 for key, o in outcomes.items()} == dict.fromkeys(outcomes, True)
    table = outcomes["table"]["stdout"].splitlines()
    assert "60 of 1,000,000 values shown; --format csv or json lists every one" in table
    last = [line.split() for line in table if line.startswith("  999,999 ")]
    assert last == [["999,999", "¥99,999.00", "¥101,999.00", "████████████████████████", "pro"]]
    written = (tmp_path / "million.json").read_text(encoding="utf-8")
    end = LAST_ROW + '\n  ],\n  "schema_version": 1,\n  "variable": "dau"\n}\n'
    assert written.count('"value": ') == 1_000_000 and written.endswith(end)
    assert (tmp_path / "million.csv").read_text(encoding="utf-8").endswith("\n999999,99999.00,101999.00,pro\n")
    markdown = (tmp_path / "million.md").read_text(encoding="utf-8")
    assert markdown.count("\n| 999,999 | ¥99,999.00 | ¥101,999.00 | pro |\n") == 1
    assert (tmp_path / "barrage.csv").read_text(encoding="utf-8").count("\n") == 200_001
