"""Dated changes and purchase days in the plan file: parsing, errors, and which month they apply from."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app
from imcost.errors import InputError
from imcost.month import Month
from imcost.period import app_in_month
from imcost.pricebook import PriceBook

from .conftest import plan_from

PLAN = {
    "edition": "pro",
    "needs": {"history_days": 30, "av_chatrooms": 80},
    "changes": [
        {"from": "2027-06", "edition": "flagship"},
        {"from": "2027-03", "needs": {"history_days": 90}},
        {"from": "2027-09", "security": True},
    ],
}


def test_changes_apply_from_their_month_in_month_order(book: PriceBook) -> None:
    app = plan_from(PLAN, book, Month(2027, 1)).apps[0]
    assert [str(c.start) for c in app.changes] == ["2027-03", "2027-06", "2027-09"]
    february = app_in_month(app, Month(2027, 2)).app
    assert (february.edition, february.needs.history_days, february.security) == ("pro", 30, False)
    march = app_in_month(app, Month(2027, 3)).app
    # Only the needs a change names are replaced: av_chatrooms stays 80.
    assert (march.edition, march.needs.history_days, march.needs.av_chatrooms) == ("pro", 90, 80)
    october = app_in_month(app, Month(2027, 10)).app
    assert (october.edition, october.needs.history_days, october.security) == ("flagship", 90, True)


def test_estimate_prices_the_edition_in_force_that_month(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("edition: pro\nchanges:\n  - {from: 2027-06, edition: flagship}\n", encoding="utf-8")
    totals = []
    for month in ("2027-05", "2027-06"):
        result = runner.invoke(app, ["estimate", str(plan), "--month", month, "-f", "json"])
        assert result.exit_code == 0
        totals.append(json.loads(result.stdout)["total"])
    assert totals == ["999.00", "2999.00"]


def test_top_level_purchase_day_is_each_apps_default(book: PriceBook) -> None:
    data = {
        "purchased_on": "2026-11-15",
        "apps": [{"edition": "pro"}, {"edition": "pro", "purchased_on": date(2027, 1, 31)}],
    }
    apps = plan_from(data, book).apps
    assert [a.purchased_on for a in apps] == [date(2026, 11, 15), date(2027, 1, 31)]


CHANGE_ERRORS = {
    "misspelt key": (
        [{"from": "2027-01", "edtion": "pro"}],
        # Only the misspelt key: "a change needs more than from" would say it again.
        ["test.yaml: changes[0].edtion: unknown key 'edtion' (did you mean 'edition'?)"],
    ),
    "no from": ([{"edition": "pro"}], ["test.yaml: changes[0]: missing required key 'from'"]),
    "bad month": (
        [{"from": "2027-13", "edition": "pro"}],
        ["test.yaml: changes[0].from: expected a month as YYYY-MM, got '2027-13' (no such month)"],
    ),
    "unknown edition": (
        [{"from": "2027-02", "edition": "gold"}],
        [
            "test.yaml: changes[0].edition: unknown edition 'gold' (valid editions: trial, 体验版, pro, professional, "
            "专业版, flagship, ultimate, 旗舰版)"
        ],
    ),
    "two changes in one month": (
        [{"from": "2027-02", "edition": "pro"}, {"from": "2027-02", "security": True}],
        ["test.yaml: changes[1].from: 2027-02 already has a change (item 0) (merge the two into one change)"],
    ),
    "not a list": (
        {"from": "2027-02"},
        ["test.yaml: changes: expected a list of changes, got a mapping (e.g. [{from: 2027-06, edition: flagship}])"],
    ),
    "bad need": (
        [{"from": "2027-02", "needs": {"history_days": -1}}],
        ["test.yaml: changes[0].needs.history_days: expected a whole number of 0 or more, got -1"],
    ),
}


@pytest.mark.parametrize("changes,messages", list(CHANGE_ERRORS.values()), ids=list(CHANGE_ERRORS))
def test_bad_changes(book: PriceBook, changes: object, messages: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        plan_from({"edition": "pro", "changes": changes}, book)
    assert [str(p) for p in caught.value.problems] == messages
