"""Every shipped sample runs through the CLI and gives the total worked out in its header."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from imcost.cli import app

from .conftest import SAMPLES

# Plan samples; pricebook-*.yaml are price books, tested in test_sales.py.
SAMPLE_FILES = sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.startswith("pricebook"))

# Totals worked by hand (each sample's header comment shows the arithmetic).
EXPECTED = {
    "av-chatrooms.yaml": ("1999.00", 0),
    "barrage-daily.yaml": ("1929.00", 0),
    "daily-usage.yaml": ("7286.00", 0),
    "discounts.yaml": ("8223.23", 0),
    "easemob.yaml": ("15048.00", 0),
    "flagship.yaml": ("12139.00", 0),
    "group-members.yaml": ("3499.00", 0),
    "group-overage.yaml": ("2999.00", 0),
    "growth.yaml": ("1999.00", 0),
    "groups-per-user.yaml": ("2099.00", 0),
    "history-storage.yaml": ("1999.00", 0),
    "moderation.yaml": ("5094.00", 0),
    "multi-app.yaml": ("5498.00", 0),
    "overseas.yaml": ("18397.00", 0),
    "pro-dau-overage.yaml": ("2999.00", 0),
    "quote.yaml": ("9498.00", 0),
    "security.yaml": ("1999.00", 0),
    "trial-over-quota.yaml": ("0.00", 1),
    "vendors.yaml": ("4499.00", 0),
}


def test_every_sample_has_an_expected_total() -> None:
    assert sorted(p.name for p in SAMPLE_FILES) == sorted(EXPECTED)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_sample(path: object, fmt: str, runner: CliRunner) -> None:
    from pathlib import Path

    assert isinstance(path, Path)
    total, code = EXPECTED[path.name]
    result = runner.invoke(app, ["estimate", str(path), "--format", fmt])
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.stderr
    if fmt == "json":
        assert json.loads(result.stdout)["total"] == total
    elif fmt == "csv":
        amounts = [row["amount"] for row in csv.DictReader(io.StringIO(result.stdout))]
        assert sum((Decimal(a) for a in amounts), Decimal(0)) == Decimal(total)
    else:
        assert f"¥{Decimal(total):,.2f}" in result.stdout


def test_sample_headers_state_their_totals() -> None:
    """The arithmetic in each header ends with the total the test expects."""
    for path in SAMPLE_FILES:
        total, _ = EXPECTED[path.name]
        header = "".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
        if total != "0.00":
            assert re.search(rf"\b{int(float(total))}元", header), path.name


def test_the_vendors_sample_on_both_lists(runner: CliRunner) -> None:
    """samples/vendors.yaml's header: Tencent pro 4499, flagship 5999; Easemob pro 4299, flagship 4999."""
    plan = str(SAMPLES / "vendors.yaml")
    args = ["compare", "--plan", plan, "pro", "flagship", "easemob-im:pro", "easemob-im:flagship", "-f", "json"]
    data = json.loads(runner.invoke(app, args).stdout)
    assert [(r["pricebook"]["id"], r["edition"], r["total"]) for r in data["results"]] == [
        ("tencent-im", "pro", "4499.00"),
        ("tencent-im", "flagship", "5999.00"),
        ("easemob-im", "pro", "4299.00"),
        ("easemob-im", "flagship", "4999.00"),
    ]
    args = ["recommend", plan, "--pricebooks", "tencent-im,easemob-im", "-f", "json"]
    (advice,) = json.loads(runner.invoke(app, args).stdout)["apps"]
    assert (advice["recommended_pricebook"], advice["recommended"], advice["recommended_total"]) == (
        "easemob-im",
        "pro",
        "4299.00",
    )
    assert (advice["current_total"], advice["saving"], advice["yearly_saving"]) == ("4499.00", "200.00", "2400.00")


def test_recommend_across_vendors_names_each_books_prices_line(runner: CliRunner) -> None:
    """Each app is priced on every book given: one prices line per book, named by its id (not by month)."""
    args = ["recommend", str(SAMPLES / "vendors.yaml"), "--pricebooks", "tencent-im,easemob-im"]
    lines = runner.invoke(app, args).stdout.splitlines()
    assert lines[0] == "chat: recommended Easemob pro (专业版), ¥4,299.00 a month"
    assert lines[-2:] == [
        "tencent-im: Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30",
        "easemob-im: Prices: Easemob IM, in force from 2026-03-23",
    ]


def test_the_quote_sample_as_every_quote_page(runner: CliRunner) -> None:
    """samples/quote.yaml's header: 9498 a month as estimated; pro is cheapest for both apps (5499 and 1999),
    so recommend saves support 2000 a month, 24000 a year."""
    plan = str(SAMPLES / "quote.yaml")
    for args, said in (
        (["estimate", plan], "Total for 2026-12: ¥9,498.00 (CNY), per month"),
        (
            ["compare", "--plan", plan, "--app", "chat-prod"],
            "Cheapest that fits: pro (专业版), ¥5,499.00 (CNY) per month",
        ),
        (
            ["compare", "--plan", plan, "--app", "support"],
            "Cheapest that fits: pro (专业版), ¥1,999.00 (CNY) per month",
        ),
        (["recommend", plan], "Saving ¥2,000.00 a month, ¥24,000.00 a year, against the current editions"),
    ):
        result = runner.invoke(app, [*args, "--format", "html", "--lang", "en"])
        assert result.exit_code == 0, result.stderr
        assert said in result.stdout
        assert "Quote number: Q-2026-0042" in result.stdout
