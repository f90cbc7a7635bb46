"""Script and CI friendliness: validate, schema, init, --fail-over, --out, completion, python -m."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from dateutil.relativedelta import relativedelta
from typer.testing import CliRunner

from imcost.cli import app
from imcost.plan import APP_KEYS, NEED_KEYS, USAGE_KEYS
from imcost.pricebook import PriceBook
from imcost.schema import plan_schema
from imcost.template import template

from .conftest import SAMPLES
from .schemacheck import check as _check

PLAN_SAMPLES = sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.startswith("pricebook"))


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- validate ---------------------------------------------------------------


def test_validate_good_files(runner: CliRunner) -> None:
    files = [str(SAMPLES / "flagship.yaml"), str(SAMPLES / "multi-app.yaml")]
    code, out, err = run(runner, "validate", *files)
    assert (code, err) == (0, "")
    assert out == f"{files[0]}: ok (1 app)\n{files[1]}: ok (3 apps)\n"


def test_validate_lists_every_problem_of_every_file(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "a.yaml").write_text("edition: premium\nusage:\n  peak_dua: 3\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("edition: pro\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("edition: pro\nneeds: {history_days: -1}\n", encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("a.yaml", "b.yaml", "c.yaml", "missing.yaml")]
    code, out, err = run(runner, "validate", *paths)
    assert code == 2
    assert out == f"{paths[1]}: ok (1 app)\n"
    assert err.replace(str(tmp_path) + "/", "").splitlines() == [
        "imcost: error: a.yaml:1: edition: unknown edition 'premium' (valid editions: trial, 体验版, pro, "
        "professional, 专业版, flagship, ultimate, 旗舰版)",
        "imcost: error: a.yaml:3: usage.peak_dua: unknown key 'peak_dua' (did you mean 'peak_dau'?)",
        "imcost: error: c.yaml:2: needs.history_days: expected a whole number of 0 or more, got -1",
        "imcost: error: missing.yaml: no such file",
    ]


# --- schema -----------------------------------------------------------------


@pytest.fixture(scope="module")
def schema(book: PriceBook) -> dict[str, Any]:
    return plan_schema(book)


@pytest.mark.parametrize("path", PLAN_SAMPLES, ids=[p.name for p in PLAN_SAMPLES])
def test_every_sample_is_valid_against_the_schema(path: Path, schema: dict[str, Any]) -> None:
    assert _check(yaml.safe_load(path.read_text(encoding="utf-8")), schema, schema) == []


def test_the_init_template_is_valid_against_the_schema(schema: dict[str, Any]) -> None:
    assert _check(yaml.safe_load(TEMPLATE), schema, schema) == []


@pytest.mark.parametrize(
    "plan",
    [
        {"edition": "premium"},
        {"usage": {"peak_dau": 1}},
        {"edition": "pro", "usage": {"peak_dua": 1}},
        {"edition": "pro", "usage": {"peak_dau": -1}},
        {"edition": "pro", "discounts": {"package": "15"}},
        {"edition": "pro", "discounts": {"packge": "15%"}},
        {"edition": "pro", "discounts": {"all": "101%"}},
        {"month": "2026-13", "edition": "pro"},
        {"apps": [{"edition": "pro", "colour": "red"}]},
        {"apps": []},
        {"apps": [{"edition": "pro"}], "edition": "pro"},
    ],
)
def test_the_schema_rejects_what_imcost_rejects(plan: dict[str, Any], schema: dict[str, Any]) -> None:
    assert _check(plan, schema, schema) != []


def test_the_schema_accepts_any_case_and_chinese_edition_names(schema: dict[str, Any]) -> None:
    for name in ("pro", "PRO", "Flagship", "ultimate", "旗舰版", "体验版"):
        assert _check({"edition": name}, schema, schema) == [], name


def test_the_schema_knows_every_plan_key(schema: dict[str, Any]) -> None:
    app_props = schema["$defs"]["app"]["properties"]
    assert set(app_props) == set(APP_KEYS)
    assert set(app_props["usage"]["properties"]) == set(USAGE_KEYS)
    assert set(app_props["needs"]["properties"]) == set(NEED_KEYS)


def test_schema_command_prints_it(runner: CliRunner, schema: dict[str, Any]) -> None:
    code, out, _ = run(runner, "schema")
    assert code == 0
    assert json.loads(out) == schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# --- init -------------------------------------------------------------------


TEMPLATE = template(date.today())


def test_init_writes_a_template_that_estimates_as_is(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "plan.yaml"
    code, out, err = run(runner, "init", str(path))
    assert (code, out) == (0, "")
    assert err == f"imcost: wrote {path}; estimate it with: imcost estimate {path}\n"
    assert path.read_text(encoding="utf-8") == TEMPLATE
    code, out, _ = run(runner, "estimate", str(path), "--format", "json")
    assert code == 0
    # one pro app, as the template's header says, in the month it was written
    assert (json.loads(out)["total"], json.loads(out)["month"]) == ("999.00", f"{date.today():%Y-%m}")


def test_the_template_is_dated_the_day_it_is_written() -> None:
    """The estimated month and the purchase day are the day's: 2026-12 bought on 2026-12-31."""
    text = template(date(2026, 12, 31))
    assert "\nmonth: 2026-12               # natural month to estimate (YYYY-MM);" in text
    assert "\n    purchased_on: 2026-12-31 # the day it was bought" in text
    assert "YYYY-MM-DD" not in text


@pytest.mark.parametrize("day", [date(2026, 12, 1), date(2027, 1, 31), date(2028, 2, 29)])
def test_estimate_forecast_and_schedule_tell_the_same_story(day: date, tmp_path: Path, runner: CliRunner) -> None:
    """On the day it is written, the template's month costs 999 in estimate and forecast, and schedule charges
    that 999 on the day written, then again on the same day of the next months (clamped to a month's end)."""
    path = tmp_path / "plan.yaml"
    path.write_text(template(day), encoding="utf-8")
    code, out, _ = run(runner, "estimate", str(path), "--format", "json")
    assert (code, json.loads(out)["month"], json.loads(out)["total"]) == (0, f"{day:%Y-%m}", "999.00")
    code, out, _ = run(runner, "forecast", str(path), "--months", "2", "--format", "json")
    assert [(m["month"], m["total"]) for m in json.loads(out)["months"]] == [
        (f"{day:%Y-%m}", "999.00"),
        (f"{day + relativedelta(months=1):%Y-%m}", "999.00"),
    ]
    code, out, err = run(runner, "schedule", str(path), "--months", "3", "--format", "csv")
    assert (code, err) == (0, "")
    assert [line.split(",")[:5] for line in out.splitlines()[1:]] == [
        [str(day + relativedelta(months=k)), "my-app", "package", "pro (专业版)", "999.00"] for k in range(3)
    ]


def test_init_refuses_to_overwrite(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("mine\n", encoding="utf-8")
    code, _, err = run(runner, "init", str(path))
    assert code == 2
    assert err == f"imcost: error: {path}: already exists; not overwritten (use --force to replace it)\n"
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert run(runner, "init", str(path), "--force")[0] == 0
    assert path.read_text(encoding="utf-8") == TEMPLATE


def test_init_without_file_prints_the_template(runner: CliRunner) -> None:
    assert run(runner, "init") == (0, TEMPLATE, "")


def test_the_templates_commented_options_estimate_when_uncommented(tmp_path: Path, runner: CliRunner) -> None:
    text = TEMPLATE.replace("# history_days: 90", "history_days: 90").replace(
        "# discounts: {package: 15%, all: 5%}", "discounts: {package: 15%, all: 5%}"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(runner, "estimate", str(path), "-f", "json", "--month", "2027-01")
    assert code == 0
    # pro 999 - 15% = 849.15; history 90 days 1000 - 5% = 950.00
    assert json.loads(out)["total"] == "1799.15"


# --- --fail-over and --out ----------------------------------------------------


def test_fail_over_exits_3_and_leaves_stdout_unchanged(runner: CliRunner) -> None:
    plan = str(SAMPLES / "flagship.yaml")  # 12139.00
    _, plain, _ = run(runner, "estimate", plan, "-f", "json")
    code, out, err = run(runner, "estimate", plan, "-f", "json", "--fail-over", "12138.99")
    assert (code, out) == (3, plain)
    assert err == "imcost: the total ¥12,139.00 is over ¥12,138.99 (--fail-over)\n"


@pytest.mark.parametrize("budget", ["12139", "12,139.00", "¥20000"])
def test_at_or_under_the_budget_exits_0(runner: CliRunner, budget: str) -> None:
    code, _, err = run(runner, "estimate", str(SAMPLES / "flagship.yaml"), "--fail-over", budget)
    assert (code, err) == (0, "")


def test_fail_over_with_a_bad_amount(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", str(SAMPLES / "flagship.yaml"), "--fail-over", "lots")
    assert (code, out) == (2, "")
    assert err == "imcost: error: --fail-over: expected an amount in yuan like 10000 or 10,000.00, got 'lots'\n"


def test_infeasible_wins_over_fail_over(runner: CliRunner) -> None:
    code, _, err = run(runner, "estimate", str(SAMPLES / "trial-over-quota.yaml"), "--fail-over", "0")
    assert code == 1
    assert "can't be bought" in err


# Each pricing command's gate, with the total it gates worked by hand, one fen over and exactly at it.
GATES = [
    # compare: pro 999 + 2 started DAU units 2000 = 2999 is the cheapest (flagship 2999 + 2000 = 4999).
    (("compare", "pro", "flagship", "--dau", "25000"), "2999.00", "the cheapest edition that fits ¥2,999.00"),
    # recommend: staging trial 0 + support pro 1999 + chat-prod flagship 2999 + 500 = 5498.
    (("recommend", str(SAMPLES / "multi-app.yaml")), "5498.00", "the recommended total ¥5,498.00"),
    # forecast: growth.yaml's 2027-01..03 at 999 + 1000 (12,000 DAU, no growth) = 1999 a month: 5997.
    (("forecast", str(SAMPLES / "growth.yaml"), "--months", "3"), "5997.00", "the period's total ¥5,997.00"),
    # schedule: the same three months' charges: three packages and three DAU charges, 5997.
    (
        ("schedule", str(SAMPLES / "growth.yaml"), "--months", "3"),
        "5997.00",
        "the total of the charges ¥5,997.00",
    ),
]


@pytest.mark.parametrize(("args", "total", "said"), GATES)
def test_fail_over_on_every_pricing_command(runner: CliRunner, args: tuple[str, ...], total: str, said: str) -> None:
    _, plain, _ = run(runner, *args, "-f", "json")
    over = str(Decimal(total) - Decimal("0.01"))
    code, out, err = run(runner, *args, "-f", "json", "--fail-over", over)
    # Printed whole first, then exit 3 and one line on stderr (after any notes).
    assert (code, out) == (3, plain)
    assert err.splitlines()[-1] == f"imcost: {said} is over ¥{Decimal(over):,} (--fail-over)"
    code, out, _ = run(runner, *args, "-f", "json", "--fail-over", total)
    assert (code, out) == (0, plain)


def test_compare_fail_over_fails_when_no_edition_fits(runner: CliRunner) -> None:
    # Trial allows 100 DAU and has no overage: at 25,000 nothing fits, so nothing is within any budget.
    code, _, err = run(runner, "compare", "trial", "--dau", "25000", "--fail-over", "1000000")
    assert (code, err) == (3, "imcost: no edition fits, so none is within ¥1,000,000.00 (--fail-over)\n")


def test_compare_fail_over_refuses_a_range(runner: CliRunner) -> None:
    code, out, err = run(runner, "compare", "--dau", "0:10:1", "--fail-over", "1")
    assert (code, out) == (2, "")
    assert err == (
        "imcost: error: --fail-over: a range has a cheapest total per value; --fail-over gates one total "
        "(give the flag a single value)\n"
    )


def test_infeasible_wins_over_fail_over_in_forecast(runner: CliRunner) -> None:
    # multi-app's staging is trial: 80 DAU grown 10% passes 100 in the fourth month: exit 1, not 3.
    args = ("forecast", str(SAMPLES / "multi-app.yaml"), "--months", "4", "--growth", "dau=10%")
    assert run(runner, *args, "--fail-over", "0")[0] == 1


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "html"])
def test_out_writes_the_same_output_to_a_file(tmp_path: Path, runner: CliRunner, fmt: str) -> None:
    plan = str(SAMPLES / "discounts.yaml")
    _, plain, _ = run(runner, "estimate", plan, "-f", fmt)
    path = tmp_path / f"quote.{fmt}"
    code, out, err = run(runner, "estimate", plan, "-f", fmt, "--out", str(path))
    assert (code, out, err) == (0, "", "")
    assert path.read_text(encoding="utf-8") == plain


def test_out_table_is_plain_text(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "quote.txt"
    assert run(runner, "estimate", str(SAMPLES / "security.yaml"), "-o", str(path))[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert text.endswith(
        "Total for 2026-12: ¥1,999.00\nPrices: Tencent Cloud IM, date not stated; document last updated 2020-10-30\n"
    )


def test_out_to_an_unwritable_place(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "no" / "such" / "dir.json"
    code, out, err = run(runner, "estimate", str(SAMPLES / "security.yaml"), "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"imcost: error: {target}: cannot write the output (No such file or directory)\n"


# --- completion, version, python -m -------------------------------------------


def test_shell_completion_script(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--show-completion", "bash"], prog_name="imcost")
    assert result.exit_code == 0
    assert "_IMCOST_COMPLETE=complete_bash" in result.stdout


def test_python_dash_m(tmp_path: Path) -> None:
    from imcost import __version__

    done = subprocess.run(
        [sys.executable, "-m", "imcost", "--version"], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert (done.returncode, done.stdout) == (0, f"imcost {__version__}\n")
