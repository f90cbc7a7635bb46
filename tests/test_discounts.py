"""Discounts: percent off list price per fee, `all` for the rest, rounded per item half-up."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app
from imcost.discounts import net_amount, parse_percent
from imcost.engine import estimate_plan
from imcost.pricebook import PriceBook

from .conftest import SAMPLES, estimate_one, plan_from


def test_percent_strings() -> None:
    assert [parse_percent(v) for v in ("15%", " 12.5 % ", "0%", "100%", "100.0%")] == [
        Decimal(15),
        Decimal("12.5"),
        Decimal(0),
        Decimal(100),
        Decimal(100),
    ]
    assert [parse_percent(v) for v in ("15", 15, "100.01%", "-5%", "ten%", "%", "1e2%")] == [None] * 7


def test_net_is_rounded_half_up_to_the_fen() -> None:
    # 999 x 87.5% = 874.125: half-up gives 874.13 (banker's rounding would give 874.12).
    assert net_amount(Decimal(999), Decimal("12.5")) == Decimal("874.13")
    # 2999 x 87.5% = 2624.125 -> 2624.13
    assert net_amount(Decimal(2999), Decimal("12.5")) == Decimal("2624.13")
    # 1000 x 66.7% = 667 exactly; 999 x 66.7% = 666.333 -> 666.33
    assert net_amount(Decimal(999), Decimal("33.3")) == Decimal("666.33")
    assert net_amount(Decimal(1000), Decimal(100)) == Decimal("0.00")


def test_fee_specific_discount_replaces_all(book: PriceBook) -> None:
    app = estimate_one(
        {
            "edition": "pro",
            "usage": {"peak_dau": 12000},
            "security": True,
            "discounts": {"package": "20%", "all": "5%"},
        },
        book,
    )
    lines = [(i.fee, i.list_price, i.discount_percent, i.discount, i.amount) for i in app.items]
    assert lines == [
        ("package", Decimal(999), Decimal(20), Decimal("199.80"), Decimal("799.20")),
        ("dau_overage", Decimal(1000), Decimal(5), Decimal("50.00"), Decimal("950.00")),
        ("security", Decimal(1000), Decimal(5), Decimal("50.00"), Decimal("950.00")),
    ]
    assert app.total == Decimal("2699.20")


def test_a_named_fee_at_0_percent_is_not_discounted_by_all(book: PriceBook) -> None:
    app = estimate_one({"edition": "pro", "security": True, "discounts": {"security": "0%", "all": "50%"}}, book)
    assert [(i.fee, i.amount) for i in app.items] == [("package", Decimal("499.50")), ("security", Decimal(1000))]


def test_total_is_the_sum_of_rounded_items(book: PriceBook) -> None:
    # Two pro apps at 12.5% off the package: 874.125 each, rounded per item to 874.13,
    # so the total is 1748.26, not round(1748.25).
    plan = plan_from(
        {"discounts": {"package": "12.5%"}, "apps": [{"name": "a", "edition": "pro"}, {"name": "b", "edition": "pro"}]},
        book,
    )
    estimate = estimate_plan(plan, book)
    assert [a.total for a in estimate.apps] == [Decimal("874.13"), Decimal("874.13")]
    assert estimate.total == Decimal("1748.26")


def test_an_apps_own_discounts_replace_the_plans(book: PriceBook) -> None:
    plan = plan_from(
        {
            "discounts": {"package": "10%", "security": "50%"},
            "apps": [
                {"name": "shared", "edition": "pro", "security": True},
                {"name": "own", "edition": "pro", "security": True, "discounts": {"all": "20%"}},
                {"name": "none", "edition": "pro", "security": True, "discounts": {}},
            ],
        },
        book,
    )
    totals = [(a.app.name, [i.amount for i in a.items]) for a in estimate_plan(plan, book).apps]
    assert totals == [
        ("shared", [Decimal("899.10"), Decimal("500.00")]),
        ("own", [Decimal("799.20"), Decimal("800.00")]),
        ("none", [Decimal(999), Decimal(1000)]),
    ]


def test_discounted_json_shows_list_discount_and_net(runner: CliRunner) -> None:
    result = runner.invoke(app, ["estimate", str(SAMPLES / "discounts.yaml"), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["customer"] == "Example Corp"
    assert data["total"] == "8223.23"
    items = [
        (a["name"], i["fee"], i["list_amount"], i["discount_percent"], i["discount"], i["amount"])
        for a in data["apps"]
        for i in a["items"]
    ]
    assert items == [
        ("chat-prod", "package", "2999.00", "12.5", "374.87", "2624.13"),
        ("chat-prod", "dau_overage", "4000.00", "5", "200.00", "3800.00"),
        ("support", "package", "999.00", "10", "99.90", "899.10"),
        ("support", "security", "1000.00", "10", "100.00", "900.00"),
    ]
    assert sum(Decimal(i[5]) for i in items) == Decimal(data["total"])


def test_discounted_markdown_has_list_price_and_discount_columns(runner: CliRunner) -> None:
    result = runner.invoke(app, ["estimate", str(SAMPLES / "discounts.yaml"), "--format", "markdown"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[2] == "**Customer:** Example Corp"
    # Cells are padded to the page's column widths (both apps' tables line up).
    assert (
        "| Fee              | Description                 |       Quantity | Unit price | List price "
        "|         Discount |        Amount | Billing  |"
    ) in lines
    assert (
        "| Package          | flagship (旗舰版)           |        1 month |  ¥2,999.00 |  ¥2,999.00 "
        "| -¥374.87 (12.5%) |     ¥2,624.13 | prepaid  |"
    ) in lines
    assert (
        "| **Total**        |                             |                |            |            "
        "|                  | **¥6,424.13** |          |"
    ) in lines
    assert "**Total for 2026-12: ¥8,223.23** (CNY)" in lines


CASES = {
    "a bare number": (
        "package: 15",
        "plan.yaml:2: discounts.package: expected a percentage from 0% to 100% like 15%, "
        "got the number 15 (write it as 15%)",
    ),
    "over 100%": (
        "all: 150%",
        "plan.yaml:2: discounts.all: expected a percentage from 0% to 100% like 15%, got the text '150%'",
    ),
    "negative": (
        "all: -5%",
        "plan.yaml:2: discounts.all: expected a percentage from 0% to 100% like 15%, got the text '-5%'",
    ),
    "unknown fee id": ("packge: 15%", "plan.yaml:2: discounts.packge: unknown key 'packge' (did you mean 'package'?)"),
    "not a mapping": ("15%", "plan.yaml:2: discounts: expected a mapping of keys, got the text '15%'"),
}


@pytest.mark.parametrize("entry,message", CASES.values(), ids=list(CASES))
def test_bad_discounts(entry: str, message: str, tmp_path: Path, runner: CliRunner) -> None:
    text = "edition: pro\ndiscounts: {" + entry + "}\n" if ":" in entry else f"edition: pro\ndiscounts: {entry}\n"
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["estimate", str(tmp_path / "plan.yaml")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.replace(str(tmp_path) + "/", "") == f"imcost: error: {message}\n"


def test_every_bad_discount_is_reported_at_once(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "discounts: {all: 5}\napps:\n  - edition: pro\n    discounts:\n      securty: 10%\n      package: 101%\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["estimate", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.replace(str(tmp_path) + "/", "").splitlines()
    assert lines == [
        "imcost: error: plan.yaml:1: discounts.all: expected a percentage from 0% to 100% like 15%, "
        "got the number 5 (write it as 5%)",
        "imcost: error: plan.yaml:5: apps[0].discounts.securty: unknown key 'securty' (did you mean 'security'?)",
        "imcost: error: plan.yaml:6: apps[0].discounts.package: expected a percentage from 0% to 100% like 15%, "
        "got the text '101%'",
    ]
