"""-q/--quiet: notes and init's "wrote" line are dropped; what explains an exit code still prints.

Errors (exit 2), the reasons an app can't be bought (exit 1) and an amount
over --fail-over (exit 3) are said whatever -q says; stdout and exit codes
never change with it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app

from .conftest import SAMPLES

MULTI_APP = str(SAMPLES / "multi-app.yaml")
FLAGSHIP = str(SAMPLES / "flagship.yaml")
GROWTH = str(SAMPLES / "growth.yaml")

# What recommend says of multi-app.yaml on every run, without -q (tests/test_compare.py pins it too).
KEEPS = (
    "imcost: note: app 'support' keeps what pro includes where the plan names no need (500 groups per user, "
    "50 AV chatrooms, 3,000 friends, unlimited users, 200 members a group); write lower needs to price "
    "smaller editions\n"
    "imcost: note: app 'chat-prod' keeps what flagship includes where the plan names no need (1,000 groups "
    "per user, unlimited AV chatrooms, 3,000 friends, unlimited users, 200/2,000/2,000 members a "
    "private/public/chatroom group); write lower needs to price smaller editions\n"
)
RECOMMENDED = (
    "app,current,current_total,recommended,recommended_total,saving,yearly_saving\n"
    "staging,trial,0.00,trial,0.00,0.00,0.00\n"
    "support,pro,1999.00,pro,1999.00,0.00,0.00\n"
    "chat-prod,flagship,3499.00,flagship,3499.00,0.00,0.00\n"
)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_recommend_keeps_its_note_without_quiet(runner: CliRunner) -> None:
    assert run(runner, "recommend", MULTI_APP, "-f", "csv") == (0, RECOMMENDED, KEEPS)


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_drops_recommends_note(runner: CliRunner, flag: str) -> None:
    assert run(runner, "recommend", MULTI_APP, "-f", "csv", flag) == (0, RECOMMENDED, "")


def test_quiet_holds_for_one_run_only(runner: CliRunner) -> None:
    """The next command in the same process (a test runner, a host program) says its notes again."""
    assert run(runner, "recommend", MULTI_APP, "-f", "csv", "-q")[2] == ""
    assert run(runner, "recommend", MULTI_APP, "-f", "csv")[2] == KEEPS


def test_quiet_drops_schedules_notes(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "purchased_on: 2026-12-31\n"
        "apps:\n"
        "  - {name: late, edition: pro, purchased_on: 2027-02-10}\n"
        "  - {name: prod, edition: pro}\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "schedule", str(plan), "--months", "2", "-f", "csv")
    assert (code, err) == (
        0,
        "imcost: note: app 'late' is bought on 2027-02-10: nothing charged for 2026-12\n"
        "imcost: note: app 'late' is bought on 2027-02-10: nothing charged for 2027-01\n",
    )
    assert run(runner, "schedule", str(plan), "--months", "2", "-f", "csv", "-q") == (0, out, "")


def test_quiet_drops_inits_wrote_line(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "plan.yaml"
    assert run(runner, "init", str(path), "-q") == (0, "", "")
    assert path.is_file()
    # An error is still said: the file exists now.
    code, out, err = run(runner, "init", str(path), "-q")
    assert (code, out) == (2, "")
    assert err == f"imcost: error: {path}: already exists; not overwritten (use --force to replace it)\n"


def test_quiet_still_says_errors(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", FLAGSHIP, "--fail-over", "lots", "-q")
    assert (code, out) == (2, "")
    assert err == "imcost: error: --fail-over: expected an amount in yuan like 10000 or 10,000.00, got 'lots'\n"


def test_quiet_still_says_why_an_app_cant_be_bought(runner: CliRunner) -> None:
    code, _, err = run(runner, "estimate", str(SAMPLES / "trial-over-quota.yaml"), "-f", "csv", "-q")
    assert code == 1
    assert err == (
        "imcost: app 'prototype' can't be bought as written in 2026-12: DAU: peak 500 is over the 100 that trial "
        "(体验版) allows; overage is billed only on pro and flagship; the security service is sold only on pro "
        "and flagship, not on trial (体验版)\n"
    )
    code, _, err = run(runner, "recommend", "--groups-per-user", "5000", "--month", "2026-12", "-f", "csv", "-q")
    assert code == 1
    assert err == (
        "imcost: app: no edition can meet the needs: groups per user: needs 5,000, flagship caps at 3,000 "
        "with the add-on\n"
    )


def test_quiet_still_says_the_total_is_over_budget(runner: CliRunner) -> None:
    # staging 0 + support 1999 + chat-prod 3499 = 5498: one fen over 5497.99; the notes go, the reason stays.
    code, out, err = run(runner, "recommend", MULTI_APP, "-f", "csv", "--fail-over", "5497.99", "-q")
    assert (code, out) == (3, RECOMMENDED)
    assert err == "imcost: the recommended total ¥5,498.00 is over ¥5,497.99 (--fail-over)\n"


# Every command takes -q; its output and exit code are the same with it.
EVERY_COMMAND = [
    ("estimate", FLAGSHIP, "-f", "csv"),
    ("compare", "pro", "flagship", "--dau", "25000", "-f", "csv"),
    ("recommend", MULTI_APP, "-f", "csv"),
    ("forecast", GROWTH, "--months", "2", "-f", "csv"),
    ("schedule", GROWTH, "--months", "2", "-f", "csv"),
    ("diff", FLAGSHIP, FLAGSHIP, "-f", "csv"),
    ("prices", "-f", "csv"),
    ("limits", "-f", "csv"),
    ("pricebooks", "-f", "csv"),
    ("validate", FLAGSHIP),
    ("init",),
    ("schema",),
]


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=[a[0] for a in EVERY_COMMAND])
def test_every_command_takes_quiet(runner: CliRunner, args: tuple[str, ...]) -> None:
    code, out, _ = run(runner, *args)
    assert out
    assert run(runner, *args, "-q") == (code, out, "")
