"""imcost diff: per app and fee old, new and change; the total change with percent."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from imcost.cli import app

from .conftest import SAMPLES


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _plan(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


OLD = "month: 2026-12\napps:\n  - {name: web, edition: pro, usage: {peak_dau: 15000}}\n  - {name: qa, edition: trial}\n"
# web: 15,000 DAU (5,000 over: 1 unit) -> 35,000 (25,000 over: 3 units), security added; qa removed; chat added.
NEW = (
    "month: 2026-12\napps:\n  - {name: web, edition: pro, usage: {peak_dau: 35000}, security: true}\n"
    "  - {name: chat, edition: flagship}\n"
)


def test_diff_text(tmp_path: Path, runner: CliRunner) -> None:
    old, new = _plan(tmp_path, "old.yaml", OLD), _plan(tmp_path, "new.yaml", NEW)
    code, out, err = run(runner, "diff", old, new)
    assert (code, err) == (0, "")
    # old: web 999 + 1 x 1000 = 1999, qa 0 -> 1999; new: web 999 + 3 x 1000 + 1000 = 4999, chat 2999 -> 7998
    # change 5999 = 300.10% of 1999 (300.1000...)
    assert out.replace(str(tmp_path) + "/", "") == (
        "imcost diff: old.yaml → new.yaml\n"
        "  web   Package             ¥999.00 →   ¥999.00\n"
        "~ web   DAU overage       ¥1,000.00 → ¥3,000.00  +¥2,000.00\n"
        "+ web   Security service          — → ¥1,000.00  +¥1,000.00\n"
        "- qa    Package               ¥0.00 →         —\n"
        "+ chat  Package                   — → ¥2,999.00  +¥2,999.00\n"
        "Total: ¥1,999.00 → ¥7,998.00  +¥5,999.00 (+300.10%)\n"
    )


def test_diff_json_against_a_saved_estimate(tmp_path: Path, runner: CliRunner) -> None:
    saved = tmp_path / "old.json"
    code, out, _ = run(runner, "estimate", _plan(tmp_path, "old.yaml", OLD), "-f", "json")
    saved.write_text(out, encoding="utf-8")
    code, out, _ = run(runner, "diff", str(saved), _plan(tmp_path, "new.yaml", NEW), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["total_old"], data["total_new"], data["delta"], data["delta_percent"]) == (
        "1999.00",
        "7998.00",
        "5999.00",
        "300.10",
    )
    assert [(c["change"], c["app"], c["fee"], c["old"], c["new"], c["delta"]) for c in data["changes"]] == [
        ("unchanged", "web", "package", "999.00", "999.00", "0.00"),
        ("changed", "web", "dau_overage", "1000.00", "3000.00", "2000.00"),
        ("added", "web", "security", None, "1000.00", "1000.00"),
        ("removed", "qa", "package", "0.00", None, "0.00"),
        ("added", "chat", "package", None, "2999.00", "2999.00"),
    ]


def test_diff_of_two_saved_estimates_sums_items_of_a_fee(tmp_path: Path, runner: CliRunner) -> None:
    # Barrage bandwidth has one item per region: the diff compares their sum.
    plan = str(SAMPLES / "barrage-daily.yaml")
    old = tmp_path / "old.json"
    old.write_text(run(runner, "estimate", plan, "-f", "json")[1], encoding="utf-8")
    code, out, _ = run(runner, "diff", str(old), plan, "-f", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "change,app,fee,old,new,delta"
    assert all(line.startswith("unchanged,") for line in lines[1:])


def test_diff_from_zero_has_no_percent(tmp_path: Path, runner: CliRunner) -> None:
    old = _plan(tmp_path, "old.yaml", "edition: trial\n")
    code, out, _ = run(runner, "diff", old, str(SAMPLES / "security.yaml"), "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["delta"], data["delta_percent"]) == ("1999.00", None)


def test_discounts_show_in_the_diff(runner: CliRunner) -> None:
    code, out, _ = run(runner, "diff", str(SAMPLES / "flagship.yaml"), str(SAMPLES / "discounts.yaml"), "-f", "json")
    assert code == 0
    data = json.loads(out)
    # 8223.23 - 12139.00 = -3915.77, -32.257...% -> -32.26
    assert (data["delta"], data["delta_percent"]) == ("-3915.77", "-32.26")


def test_a_json_that_is_not_an_estimate(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "total": "5", "apps": [{"name": "x", "items": [{"fee": "package"}]}]}')
    code, out, err = run(runner, "diff", str(bad), str(SAMPLES / "security.yaml"))
    assert (code, out) == (2, "")
    assert err == (f"imcost: error: {bad}: not an imcost JSON estimate: apps[0].items[0].amount is missing\n")


def test_a_bad_plan_on_either_side(tmp_path: Path, runner: CliRunner) -> None:
    bad = _plan(tmp_path, "new.yaml", "edition: pro\nusage: {peak_dau: -1}\n")
    code, out, err = run(runner, "diff", str(SAMPLES / "security.yaml"), bad)
    assert (code, out) == (2, "")
    assert err == f"imcost: error: {bad}:2: usage.peak_dau: expected a whole number of 0 or more, got -1\n"


def test_a_plan_is_diffed_as_estimate_prices_it_with_its_dated_changes(runner: CliRunner) -> None:
    # growth.yaml moves to flagship for 5,000-member groups from 2027-06:
    # before: pro 999 + 12,000 DAU (1 unit) 1000 = 1999; June: flagship 2999 + 1000 + member cap 500 = 4499.
    code, out, err = run(runner, "diff", str(SAMPLES / "growth.yaml"), str(SAMPLES / "growth.yaml"), "-f", "json")
    assert (code, err) == (0, "")
    assert (json.loads(out)["total_old"], json.loads(out)["total_new"]) == ("1999.00", "1999.00")
    args = ("diff", str(SAMPLES / "growth.yaml"), str(SAMPLES / "growth.yaml"), "--month", "2027-06", "-f", "json")
    code, out, err = run(runner, *args)
    assert (code, err) == (0, "")
    assert (json.loads(out)["total_old"], json.loads(out)["total_new"]) == ("4499.00", "4499.00")


def test_a_daily_plan_is_diffed_on_its_daily_figures(tmp_path: Path, runner: CliRunner) -> None:
    daily = str(SAMPLES / "daily-usage.yaml")
    # January 2027 of daily-usage.csv: 999 + 21,000 DAU (2 units) 2000 + 120,000 groups (1 unit) 1000
    # + 31 days x 10 Mbps x 2元 = 620 -> 4619 (estimate --month 2027-01 gives the same).
    code, out, err = run(runner, "estimate", daily, "--month", "2027-01", "-f", "json")
    assert (code, json.loads(out)["total"]) == (0, "4619.00")
    saved = tmp_path / "jan.json"
    saved.write_text(out, encoding="utf-8")
    code, out, err = run(runner, "diff", str(saved), daily, "--month", "2027-01", "-f", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["total_old"], data["total_new"], data["delta"]) == ("4619.00", "4619.00", "0.00")


def test_a_daily_plan_over_several_months_needs_a_month(tmp_path: Path, runner: CliRunner) -> None:
    daily = str(SAMPLES / "daily-usage.yaml")
    code, out, err = run(runner, "diff", daily, daily)
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: {daily}: its daily figures cover 2026-12..2027-01; diff compares one month "
        "(add --month YYYY-MM)\n"
    )
    code, out, _ = run(runner, "estimate", daily, "-f", "json")
    saved = tmp_path / "both.json"
    saved.write_text(out, encoding="utf-8")
    code, out, err = run(runner, "diff", str(saved), daily, "--month", "2027-01")
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: {saved}: a saved estimate of several months (a plan with daily figures); "
        "diff compares one month (save it with --month YYYY-MM)\n"
    )


def test_a_saved_estimate_without_a_total(tmp_path: Path, runner: CliRunner) -> None:
    saved = _plan(tmp_path, "old.json", '{"schema_version": 1, "month": "2026-12", "apps": []}')
    code, out, err = run(runner, "diff", saved, str(SAMPLES / "security.yaml"))
    assert (code, out) == (2, "")
    assert err == f"imcost: error: {saved}: not an imcost JSON estimate: total is missing\n"


def test_diff_says_when_the_edition_and_the_month_change(tmp_path: Path, runner: CliRunner) -> None:
    old = _plan(tmp_path, "old.yaml", "month: 2026-12\nedition: pro\nusage: {peak_dau: 25000}\n")
    new = _plan(tmp_path, "new.yaml", "month: 2027-03\nedition: 旗舰版\nusage: {peak_dau: 25000}\n")
    # pro 999 + 2 x 1000 = 2999 -> flagship 2999 + 2000 = 4999: +2000, 66.69% of 2999.
    code, out, _ = run(runner, "diff", old, new)
    assert (code, out.replace(str(tmp_path) + "/", "")) == (
        0,
        "imcost diff: old.yaml (2026-12) → new.yaml (2027-03)\n"
        "~ app  Edition            pro →  flagship\n"
        "~ app  Package        ¥999.00 → ¥2,999.00  +¥2,000.00\n"
        "  app  DAU overage  ¥2,000.00 → ¥2,000.00\n"
        "Total: ¥2,999.00 → ¥4,999.00  +¥2,000.00 (+66.69%)\n",
    )
    code, out, _ = run(runner, "diff", old, new, "--lang", "zh", "-f", "markdown")
    assert "| ~ | app | 版本 | 专业版 | 旗舰版 |  |\n" in out
    data = json.loads(run(runner, "diff", old, new, "-f", "json")[1])
    assert (data["month_old"], data["month_new"]) == ("2026-12", "2027-03")
    assert data["editions"] == [{"app": "app", "old": "pro", "new": "flagship"}]
    # The edition is not a fee: the changes stay one per app and fee, for scripts.
    assert [c["fee"] for c in data["changes"]] == ["package", "dau_overage"]


# --- diff --exit-code: 4 when anything differs, 0 when nothing does ---------------------------------------------


def test_exit_code_4_when_an_amount_differs_after_printing(tmp_path: Path, runner: CliRunner) -> None:
    old, new = _plan(tmp_path, "old.yaml", OLD), _plan(tmp_path, "new.yaml", NEW)
    code, out, err = run(runner, "diff", old, new, "--exit-code", "-f", "json")
    # 1999 -> 7998: the output is whole, then 4 (1 stays "can't be bought", as everywhere).
    assert (code, err, json.loads(out)["delta"]) == (4, "", "5999.00")
    assert run(runner, "diff", old, new)[0] == 0  # without the flag, as before


def test_exit_code_0_when_nothing_differs(tmp_path: Path, runner: CliRunner) -> None:
    old = _plan(tmp_path, "old.yaml", OLD)
    saved = tmp_path / "saved.json"
    saved.write_text(run(runner, "estimate", old, "-f", "json")[1], encoding="utf-8")
    assert run(runner, "diff", old, str(saved), "--exit-code")[0] == 0
    assert run(runner, "diff", old, old, "--exit-code")[0] == 0


def test_exit_code_4_for_an_item_added_at_zero(tmp_path: Path, runner: CliRunner) -> None:
    # A trial app added on the new side is a "+" line of ¥0.00: the totals are equal, yet the quotes differ.
    old = _plan(tmp_path, "old.yaml", "month: 2026-12\napps:\n  - {name: web, edition: pro}\n")
    new = _plan(
        tmp_path, "new.yaml", "month: 2026-12\napps:\n  - {name: web, edition: pro}\n  - {name: qa, edition: trial}\n"
    )
    code, out, _ = run(runner, "diff", old, new, "--exit-code", "-f", "json")
    assert (code, json.loads(out)["delta"]) == (4, "0.00")


def test_exit_code_2_on_bad_input_even_with_the_flag(tmp_path: Path, runner: CliRunner) -> None:
    old = _plan(tmp_path, "old.yaml", OLD)
    code, out, _ = run(runner, "diff", old, str(tmp_path / "missing.yaml"), "--exit-code")
    assert (code, out) == (2, "")
