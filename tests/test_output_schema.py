"""Every command's JSON output against its published schema (imcost schema --output COMMAND)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imcost.cli import app
from imcost.outschema import OUTPUTS, output_schema

from .conftest import SAMPLES
from .schemacheck import check

PLANS = sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.startswith("pricebook"))
BOOK_2027 = str(SAMPLES / "pricebook-2027.yaml")
# Each app names its own book: the plan mixes the China and overseas lists.
MIXED = """\
month: 2026-12
purchased_on: 2026-12-10
apps:
  - name: sg-chat
    pricebook: tencent-im-overseas
    edition: pro
    usage: {peak_dau: 25000}
  - name: cn-support
    edition: flagship
    discounts: {package: 10%}
  - name: eu-trial
    pricebook: tencent-im-overseas
    edition: trial
    usage: {peak_dau: 500}
"""


@pytest.fixture
def mixed(tmp_path: Path) -> str:
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    return str(path)


def _json(runner: CliRunner, *args: str) -> tuple[int, Any]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def _valid(runner: CliRunner, command: str, *args: str) -> Any:
    """The command's JSON, checked against the schema ``imcost schema --output COMMAND`` prints."""
    printed = runner.invoke(app, ["schema", "--output", command])
    assert printed.exit_code == 0
    schema = json.loads(printed.stdout)
    _, data = _json(runner, command, *args)
    assert check(data, schema, schema) == []
    return data


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_estimate_and_recommend_of_every_sample(runner: CliRunner, plan: Path) -> None:
    data = _valid(runner, "estimate", str(plan))
    assert data["schema_version"] == 1
    # recommend prices one month: a daily file's several need --month.
    _valid(runner, "recommend", str(plan), *(("--month", "2027-01") if plan.name == "daily-usage.yaml" else ()))


def test_estimate_shapes(runner: CliRunner, mixed: str) -> None:
    # A daily file's several months: month null, apps on top, one entry per month.
    daily = _valid(runner, "estimate", str(SAMPLES / "daily-usage.yaml"))
    assert (daily["month"], [m["month"] for m in daily["months"]]) == (None, ["2026-12", "2027-01"])
    # The same plan for one of its months.
    one = _valid(runner, "estimate", str(SAMPLES / "daily-usage.yaml"), "--month", "2027-01")
    assert (one["month"], one["total"]) == ("2027-01", "4619.00")
    # Infeasible: exit 1, problems listed, still the shape.
    infeasible = _valid(runner, "estimate", str(SAMPLES / "trial-over-quota.yaml"))
    assert infeasible["feasible"] is False and infeasible["apps"][0]["problems"]
    # Mixed books: each app names its own; a dated user book's effective is a date, the shipped one's null.
    data = _valid(runner, "estimate", mixed)
    assert [a["pricebook"]["id"] for a in data["apps"]] == ["tencent-im-overseas", "tencent-im", "tencent-im-overseas"]
    dated = _valid(
        runner, "estimate", str(SAMPLES / "flagship.yaml"), "--pricebook", BOOK_2027, "--as-of", "2027-01-01"
    )
    assert (data["pricebook"]["effective"], dated["pricebook"]["effective"]) == (None, "2027-01-01")


@pytest.mark.parametrize(
    "args",
    [
        ("pro", "flagship", "--dau", "25000"),
        ("trial", "--dau", "25000"),  # nothing fits: cheapest null, total null
        ("--plan", str(SAMPLES / "discounts.yaml"), "--app", "chat-prod"),
        ("--plan", str(SAMPLES / "moderation.yaml")),
        ("--plan", str(SAMPLES / "overseas.yaml"), "--app", "sg-chat"),
        ("pro", "flagship", "--dau", "0:100000:10000"),  # a curve, the difference steady
        ("trial", "pro", "--dau", "0:300:50"),  # a curve with a break-even point
        ("trial", "pro", "--dau", "200:300:50"),  # trial never fits
        ("trial", "--dau", "200:300:50"),  # nothing ever fits
        ("pro", "flagship", "--history-days", "0:360:90"),  # no break-even, no constant
    ],
)
def test_compare(runner: CliRunner, args: tuple[str, ...]) -> None:
    data = _valid(runner, "compare", *args)
    assert ("rows" in data) == any(":" in a for a in args)


def test_the_curve_says_what_the_schema_says(runner: CliRunner) -> None:
    data = _valid(runner, "compare", "trial", "pro", "--dau", "0:300:50")
    assert data["rows"][0] == {"cheapest": "trial", "totals": {"pro": "999.00", "trial": "0.00"}, "value": 0}
    assert data["rows"][-1]["totals"] == {"pro": "999.00", "trial": None}
    assert (data["break_even"], data["no_break_even"]) == ([{"at": 101, "from": "trial", "to": "pro"}], None)


@pytest.mark.parametrize(
    "args",
    [
        (str(SAMPLES / "growth.yaml"), "--months", "3"),
        (str(SAMPLES / "multi-app.yaml"), "--months", "4", "--growth", "dau=10%"),  # infeasible in month 4
        (str(SAMPLES / "overseas.yaml"), "--months", "2"),
        (str(SAMPLES / "discounts.yaml"), "--months", "2"),
        (str(SAMPLES / "moderation.yaml"), "--months", "1"),
    ],
)
def test_forecast(runner: CliRunner, args: tuple[str, ...]) -> None:
    _valid(runner, "forecast", *args)


def test_forecast_of_mixed_books(runner: CliRunner, mixed: str) -> None:
    data = _valid(runner, "forecast", mixed, "--months", "2", "--growth", "dau=50%")
    assert data["months"][1]["usage"]["sg-chat"] == {"peak_dau": 37500, "peak_groups": 0}


@pytest.mark.parametrize("plan", ["growth.yaml", "trial-over-quota.yaml"])
def test_schedule(runner: CliRunner, plan: str) -> None:
    _valid(runner, "schedule", str(SAMPLES / plan), "--months", "3")


def test_schedule_of_mixed_books(runner: CliRunner, mixed: str) -> None:
    """Each charge names its book; the discounted package shows list price and discount; eu-trial can't be bought."""
    data = _valid(runner, "schedule", mixed, "--months", "2")
    assert data["feasible"] is False
    assert {c["pricebook"]["id"] for c in data["charges"]} == {"tencent-im", "tencent-im-overseas"}
    # flagship 2999 - 10% = 2699.10 on the purchase day
    assert [c["amount"] for c in data["charges"] if c["app"] == "cn-support"][0] == "2699.10"


def test_diff(runner: CliRunner, tmp_path: Path, mixed: str) -> None:
    flagship, discounts = str(SAMPLES / "flagship.yaml"), str(SAMPLES / "discounts.yaml")
    _valid(runner, "diff", flagship, discounts)
    _valid(runner, "diff", discounts, flagship)  # totals fall: a negative delta
    _valid(runner, "diff", flagship, mixed)
    # A saved estimate against a plan; an old total of 0 has no percent.
    saved = tmp_path / "trial.json"
    saved.write_text(runner.invoke(app, ["estimate", mixed, "-f", "json"]).stdout, encoding="utf-8")
    _valid(runner, "diff", str(saved), str(SAMPLES / "security.yaml"))
    trial = tmp_path / "zero.yaml"
    trial.write_text("edition: trial\n", encoding="utf-8")
    data = _valid(runner, "diff", str(trial), flagship)
    assert data["delta_percent"] is None


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--pricebook", "tencent-im-overseas"),
        ("--pricebook", BOOK_2027, "--as-of", "2027-01-01"),
    ],
)
def test_prices_limits_and_pricebooks(runner: CliRunner, args: tuple[str, ...]) -> None:
    _valid(runner, "prices", *args)
    data = _valid(runner, "limits", *args)
    assert set(data["limits"]) == {"trial", "pro", "flagship"}


def test_pricebooks(runner: CliRunner) -> None:
    data = _valid(runner, "pricebooks")
    assert [b["id"] for b in data["pricebooks"]] == ["tencent-im", "tencent-im-overseas", "easemob-im"]


def test_config(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _valid(runner, "config")["file"] is None
    path = tmp_path / "config.yaml"
    path.write_text("seller: S\nvalid_days: 7\nlang: en\npricebook: easemob-im\n", encoding="utf-8")
    monkeypatch.setenv("IMCOST_CONFIG", str(path))
    data = _valid(runner, "config")
    assert (data["file"], data["values"]["valid_days"]) == (str(path), {"value": 7, "source": "config"})


# --- the schemas themselves, and the validator -----------------------------------


@pytest.mark.parametrize("command", OUTPUTS)
def test_every_schema_is_closed_and_versioned(command: str) -> None:
    """Each shape is a draft 2020-12 schema whose documents carry schema_version 1 and no unknown key."""
    schema = output_schema(command)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://imcost.invalid/output/{command}.schema.json"
    tops = [schema] if "oneOf" not in schema else [schema["$defs"][r["$ref"].split("/")[-1]] for r in schema["oneOf"]]
    for top in tops:
        assert top["additionalProperties"] is False
        assert top["properties"]["schema_version"]["const"] == 1
        assert "schema_version" in top["required"]


def test_the_checker_rejects_a_missing_key_an_extra_key_and_a_wrong_value(runner: CliRunner) -> None:
    """So that a renderer that changes shape fails the tests above."""
    schema = output_schema("estimate")
    _, good = _json(runner, "estimate", str(SAMPLES / "discounts.yaml"))
    assert check(good, schema, schema) == []
    missing = {**good}
    del missing["months"]
    assert check(missing, schema, schema) == [": missing months"]
    extra = {**good, "grand_total": "1.00"}
    assert check(extra, schema, schema) == [": unknown key grand_total"]
    item = {**good["apps"][0]["items"][0]}
    del item["source"]
    nested = {**good, "apps": [{**good["apps"][0], "items": [item]}]}
    assert check(nested, schema, schema) == [".apps[0].items[0]: missing source"]
    assert check({**good, "schema_version": 2}, schema, schema) == [".schema_version: 2 is not 1"]
    assert check({**good, "total": "6,424.00"}, schema, schema) == [
        r".total: '6,424.00' does not match ^[0-9]+\.[0-9]{2}$"
    ]
    assert check({**good, "total": 6424}, schema, schema) == [".total: 6424 is not string"]


def test_the_checker_follows_maps_enums_and_one_of() -> None:
    limits = output_schema("limits")
    book = {"id": "b", "vendor": "V", "name": "B", "effective": None, "date_note": None, "source": "s"}
    doc = {"schema_version": 1, "pricebook": book, "limits": {"pro": {"users": 100000, "friends": None}}}
    assert check(doc, limits, limits) == []
    doc["limits"] = {"pro": {"users": "many"}}
    assert check(doc, limits, limits) == [".limits.pro.users: 'many' is not ['integer', 'null']"]
    diff = output_schema("diff")
    change = {"change": "moved", "app": "a", "fee": "package", "old": None, "new": "1.00", "delta": "-1.00"}
    assert check(change, diff["properties"]["changes"]["items"], diff) == [
        ".change: 'moved' is not one of ['added', 'removed', 'changed', 'unchanged']"
    ]
    compare = output_schema("compare")
    assert check({"schema_version": 1}, compare, compare) == [": 0 of oneOf match"]


def test_schema_without_output_is_still_the_plan_files(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout)["title"] == "imcost plan file"


def test_an_unknown_output_gets_a_guess(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "--output", "forcast"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr == "imcost: error: --output: no command 'forcast' has a JSON output (did you mean 'forecast'?)\n"
    )
    result = runner.invoke(app, ["schema", "--output", "validate"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "imcost: error: --output: no command 'validate' has a JSON output (commands with JSON output: estimate, "
        "compare, recommend, forecast, schedule, diff, prices, limits, pricebooks, config)\n"
    )


def test_output_names_complete() -> None:
    from imcost import completion

    assert completion.output_names("") == list(OUTPUTS)
    assert completion.output_names("pr") == ["prices", "pricebooks"]
    assert completion.output_names("SCH") == ["schedule"]
    assert completion.output_names("validate") == []


def test_across_vendors(runner: CliRunner) -> None:
    # compare at one value and over a range with editions of two books, and recommend among both books.
    data = _valid(runner, "compare", "tencent-im:pro", "easemob-im:pro", "--dau", "25000")
    assert [(r["edition"], r["pricebook"]["vendor"]) for r in data["results"]] == [
        ("pro", "Tencent Cloud"),
        ("pro", "Easemob"),
    ]
    assert (data["cheapest"], data["cheapest_pricebook"]) == ("pro", "tencent-im")  # 2999 against 3299
    curve = _valid(runner, "compare", "tencent-im:pro", "easemob-im:pro", "--history-days", "0:720:90")
    assert curve["break_even"] == [{"at": 31, "from": "tencent-im:pro", "to": "easemob-im:pro"}]
    advice = _valid(runner, "recommend", str(SAMPLES / "easemob.yaml"), "--pricebooks", "tencent-im,easemob-im")
    assert all(a["recommended_pricebook"] in ("tencent-im", "easemob-im") for a in advice["apps"])
