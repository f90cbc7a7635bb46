"""A plan that can't be bought is never quoted at ¥0: people's formats say so and name the nearest edition."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from imcost.cli import app

from .conftest import SAMPLES

# trial, 500 peak DAU, security: trial allows 100 DAU and sells no security service.
# Nearest that fits: pro, package ¥999.00 + security ¥1,000.00 = ¥1,999.00 a month
# (500 DAU is within pro's free 10,000).
TRIAL = str(SAMPLES / "trial-over-quota.yaml")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_table_says_it_cannot_be_quoted_and_names_the_nearest_edition(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", TRIAL)
    assert code == 1
    lines = out.splitlines()
    at = lines.index("Total for 2026-12: cannot be quoted as written (the reasons are listed above)")
    assert lines[at + 1] == "prototype: nearest that fits: pro (专业版), ¥1,999.00 a month"
    assert not any(line.startswith("Total for 2026-12: ¥") for line in lines)
    # The reasons are printed once, above the total line.
    assert sum("✗ not feasible" in line for line in lines) == 2
    assert all("✗" not in line for line in lines[at:])


def test_markdown_says_it_cannot_be_quoted(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", TRIAL, "--format", "markdown")
    assert code == 1
    tail = out[out.index("**Total for") :]
    assert tail.startswith(
        "**Total for 2026-12: cannot be quoted as written (the reasons are listed above)**\n"
        "\n"
        "- prototype: nearest that fits: pro (专业版), ¥1,999.00 a month\n"
        "\n"
        "Prices: "
    )
    assert "(CNY)" not in out
    assert out.count("- DAU: peak 500 is over the 100 that trial (体验版) allows") == 1


def test_html_says_it_cannot_be_quoted(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", TRIAL, "--format", "html")
    assert code == 1
    assert (
        '<p class="total">Total for 2026-12: cannot be quoted as written (the reasons are listed above)</p>\n'
        '<p class="nearest">prototype: nearest that fits: pro (专业版), ¥1,999.00 a month</p>\n'
        "<footer>"
    ) in out
    assert "¥0.00 (CNY)" not in out


def test_chinese_wording(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", TRIAL, "--lang", "zh")
    assert code == 1
    assert "2026-12 合计：无法按此报价（原因见上）\nprototype：最接近的可行版本：专业版，每月 ¥1,999.00\n" in out
    code, out, _ = run(runner, "estimate", TRIAL, "--lang", "zh", "--format", "html")
    assert code == 1
    assert '<p class="total">2026-12 合计：无法按此报价（原因见上）</p>' in out
    assert '<p class="nearest">prototype：最接近的可行版本：专业版，每月 ¥1,999.00</p>' in out


def test_no_edition_fits_is_said(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "capped.yaml"
    # No edition keeps history 400 days (360 at most) or allows 4,000 friends (3,000 at most).
    plan.write_text("month: 2026-12\nname: capped\nedition: pro\nneeds: {history_days: 400, friends_per_user: 4000}\n")
    code, out, _ = run(runner, "estimate", str(plan), "--format", "markdown")
    assert code == 1
    assert (
        "**Total for 2026-12: cannot be quoted as written (the reasons are listed above)**\n"
        "\n"
        "- capped: no edition fits\n"
    ) in out
    code, _, err = run(runner, "recommend", str(plan))  # recommend agrees: no edition can meet the needs
    assert code == 1
    assert "imcost: capped: no edition can meet the needs: " in err


def test_json_keeps_feasible_false_and_the_feasible_part(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", TRIAL, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert (data["feasible"], data["total"]) == (False, "0.00")
    assert (data["apps"][0]["feasible"], data["apps"][0]["total"]) == (False, "0.00")
    assert "cannot be quoted" not in out and "nearest" not in out


def test_a_feasible_plan_keeps_its_total(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", str(SAMPLES / "discounts.yaml"), "--format", "markdown")
    assert code == 0
    assert "**Total for 2026-12: ¥8,223.23** (CNY)\n" in out
    assert "nearest" not in out


def test_forecast_and_schedule_never_total_a_period_that_cannot_be_bought(runner: CliRunner) -> None:
    for command, line in (
        ("forecast", "Total for 2026-12 to 2027-01: cannot be quoted as written (the reasons are listed above)"),
        (
            "schedule",
            "Total charged for 2026-12 to 2027-01: cannot be quoted as written (the reasons are listed above)",
        ),
    ):
        code, out, _ = run(runner, command, TRIAL, "--months", "2")
        assert code == 1, command
        assert line in out.splitlines(), command
        code, out, _ = run(runner, command, TRIAL, "--months", "2", "--format", "markdown")
        assert code == 1, command
        assert f"**{line}**\n" in out, command
        code, out, _ = run(runner, command, TRIAL, "--months", "2", "--format", "json")
        data = json.loads(out)
        assert (code, data["feasible"], data["total"]) == (1, False, "0.00"), command


def test_chinese_period_wording(runner: CliRunner) -> None:
    code, out, _ = run(runner, "forecast", TRIAL, "--months", "2", "--lang", "zh")
    assert code == 1
    assert "2026-12 至 2027-01 合计：无法按此报价（原因见上）" in out.splitlines()


def test_a_feasible_forecast_keeps_its_total(runner: CliRunner) -> None:
    code, out, _ = run(runner, "forecast", str(SAMPLES / "flagship.yaml"), "--months", "2", "--format", "markdown")
    assert code == 0
    assert "**Total for 2026-12 to 2027-01: ¥" in out
    assert "cannot be quoted" not in out
