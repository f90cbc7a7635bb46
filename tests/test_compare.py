"""imcost compare and recommend: exact outputs, feasibility reasons, choices worked by hand, agreement with estimate."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from imcost.cli import app
from imcost.compare import Recommendation, compare_app, recommend_app
from imcost.plan import AppPlan, Needs, Usage
from imcost.pricebook import PriceBook
from imcost.render import comparison

from .conftest import DECEMBER, SAMPLES


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def run_json(runner: CliRunner, *args: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(runner, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


PACKAGE_PRO = {
    "fee": "package",
    "description": "pro (专业版)",
    "quantity": "1",
    "unit": "month",
    "unit_price": "999.00",
    "amount": "999.00",
    "billing": "prepaid",
    "source": "套餐包价格详情: 专业版 999元/月, 有效期 T日 - 次月T-1日",
    "list_amount": "999.00",
    "discount_percent": "0",
    "discount": "0.00",
}
PACKAGE_FLAGSHIP = {
    **PACKAGE_PRO,
    "description": "flagship (旗舰版)",
    "unit_price": "2999.00",
    "amount": "2999.00",
    "list_amount": "2999.00",
    "source": "套餐包价格详情: 旗舰版 2999元/月, 有效期 T日 - 次月T-1日",
}
# 25,000 DAU: 15,000 over the free 10,000 = 2 started units of 1000元, on both editions.
DAU_25000 = {
    "fee": "dau_overage",
    "description": "15,000 over the free 10,000",
    "quantity": "2",
    "unit": "10,000 DAU",
    "unit_price": "1000.00",
    "amount": "2000.00",
    "billing": "postpaid",
    "source": "套餐外超量费用: DAU 1000元/万/月，不足1万的部分按1万计算",
    "list_amount": "2000.00",
    "discount_percent": "0",
    "discount": "0.00",
}
# The shipped price list, as every JSON output records it.
SHIPPED = {
    "name": "Tencent Cloud IM",
    "id": "tencent-im",
    "vendor": "Tencent Cloud",
    "effective": None,
    "date_note": "date not stated; document last updated 2020-10-30",
    "source": "腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)",
}
PRICES_LINE = "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30"


def test_compare_json_is_exact(runner: CliRunner) -> None:
    data = run_json(runner, "compare", "pro", "旗舰版", "--dau", "25000", "--month", "2026-12")
    assert data == {
        "schema_version": 1,
        "customer": None,
        "quote": None,
        "month": "2026-12",
        "currency": "CNY",
        "pricebook": SHIPPED,
        "app": "app",
        "results": [
            {
                "edition": "pro",
                "pricebook": SHIPPED,
                "feasible": True,
                "total": "2999.00",
                "items": [PACKAGE_PRO, DAU_25000],
                "problems": [],
            },
            {
                "edition": "flagship",
                "pricebook": SHIPPED,
                "feasible": True,
                "total": "4999.00",
                "items": [PACKAGE_FLAGSHIP, DAU_25000],
                "problems": [],
            },
        ],
        "cheapest": "pro",
        "cheapest_pricebook": "tencent-im",
    }


def test_compare_with_no_edition_compares_all_three(runner: CliRunner) -> None:
    data = run_json(runner, "compare", "--dau", "50", "--month", "2026-12")
    assert [(r["edition"], r["total"]) for r in data["results"]] == [
        ("trial", "0.00"),
        ("pro", "999.00"),
        ("flagship", "2999.00"),
    ]
    assert data["cheapest"] == "trial"


def test_compare_infeasible_edition_says_why_instead_of_a_price(runner: CliRunner) -> None:
    # Pro's add-on stops at 1,000 groups per user; flagship's reaches 3,000 for 900元.
    data = run_json(runner, "compare", "--groups-per-user", "1200", "--month", "2026-12")
    by_edition = {r["edition"]: r for r in data["results"]}
    assert by_edition["pro"]["feasible"] is False
    assert by_edition["pro"]["total"] is None
    assert by_edition["pro"]["problems"] == [
        {"fee": "groups_per_user", "message": "groups per user: needs 1,200, pro caps at 1,000 with the add-on"}
    ]
    assert by_edition["trial"]["problems"] == [
        {
            "fee": "groups_per_user",
            "message": "groups per user: needs 1,200, trial (体验版) allows 50 and the add-on is sold only on pro "
            "and flagship",
        }
    ]
    assert (by_edition["flagship"]["total"], data["cheapest"]) == ("3899.00", "flagship")


def test_compare_cheapest_is_null_when_nothing_fits(runner: CliRunner) -> None:
    code, out, _ = run(runner, "compare", "--friends", "3001", "--month", "2026-12", "-f", "json")
    data = json.loads(out)
    assert (code, data["cheapest"]) == (0, None)
    assert [r["problems"][0]["message"] for r in data["results"]][1:] == [
        "friends per user: needs 3,001, pro caps at 3,000 and it can't be extended",
        "friends per user: needs 3,001, flagship caps at 3,000 and it can't be extended",
    ]


def test_compare_table_is_exact(book: PriceBook) -> None:
    # 5,000 DAU, 100 AV chatrooms, 800 groups per user, 90 days of history:
    # pro 999 + history 1000 + AV 1000 + groups per user 1100 = 4099; flagship 2999 + history 500 = 3499.
    needs = Needs(history_days=90, groups_per_user=800, av_chatrooms=100)
    compared = compare_app(AppPlan("app", "", Usage(peak_dau=5000), needs), ("pro", "flagship"), DECEMBER, book)
    console = Console(record=True, width=100, color_system=None)
    console.print(comparison.table(compared))
    text = "\n".join(line.rstrip() for line in console.export_text().splitlines())
    assert text == (
        "app: editions compared, 2026-12\n"
        "\n"
        "  Fee               pro (专业版)   flagship (旗舰版)\n"
        " " + "─" * 52 + "\n"
        "  Package                ¥999.00           ¥2,999.00\n"
        "  History storage      ¥1,000.00             ¥500.00\n"
        "  AV chatrooms         ¥1,000.00                   -\n"
        "  Groups per user      ¥1,100.00                   -\n"
        "\n"
        "  Total                ¥4,099.00         ¥3,499.00 ✓\n"
        "\n"
        "✓ cheapest that fits: flagship (旗舰版), ¥3,499.00 a month\n" + PRICES_LINE
    )


def test_compare_table_lists_the_reason_for_an_edition_that_cannot(runner: CliRunner) -> None:
    code, out, _ = run(runner, "compare", "pro", "flagship", "--groups-per-user", "1200", "--month", "2026-12")
    assert code == 0
    assert "can't (see below)" in out
    assert "✗ pro: groups per user: needs 1,200, pro caps at 1,000 with the add-on" in out
    assert "✓ cheapest that fits: flagship (旗舰版), ¥3,899.00 a month" in out


def test_compare_csv_and_markdown_are_exact(runner: CliRunner) -> None:
    args = ("compare", "pro", "flagship", "--dau", "25000", "--month", "2026-12")
    code, out, _ = run(runner, *args, "-f", "csv")
    assert code == 0
    assert out == (
        "fee,pro,flagship\n"
        "package,999.00,2999.00\n"
        "dau_overage,2000.00,2000.00\n"
        "total,2999.00,4999.00\n"
        "feasible,true,true\n"
        "problems,,\n"
    )
    code, out, _ = run(runner, *args, "-f", "markdown")
    assert out == (
        "# app: editions compared, 2026-12\n"
        "\n"
        "| Fee | pro (专业版) | flagship (旗舰版) |\n"
        "|---|---:|---:|\n"
        "| Package | ¥999.00 | ¥2,999.00 |\n"
        "| DAU overage | ¥2,000.00 | ¥2,000.00 |\n"
        "| **Total** | **¥2,999.00 ✓** | **¥4,999.00** |\n"
        "\n"
        "- ✓ cheapest that fits: pro (专业版), ¥2,999.00 a month\n"
        "\n"
        f"{PRICES_LINE} (腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)).\n"
    )


def test_compare_takes_usage_from_a_plan_and_flags_override_it(runner: CliRunner) -> None:
    plan = str(SAMPLES / "flagship.yaml")
    data = run_json(runner, "compare", "flagship", "--plan", plan)
    assert (data["app"], data["month"], data["results"][0]["total"]) == ("chat-prod", "2026-12", "12139.00")
    # 5,000 DAU is inside the free 10,000: the 4 DAU units (4000元) go away.
    data = run_json(runner, "compare", "flagship", "--plan", plan, "--dau", "5000", "--no-security")
    assert data["results"][0]["total"] == "7139.00"


def test_compare_picks_the_app_of_a_multi_app_plan(runner: CliRunner) -> None:
    plan = str(SAMPLES / "multi-app.yaml")
    data = run_json(runner, "compare", "pro", "--plan", plan, "--app", "support")
    assert data["results"][0]["total"] == "1999.00"
    code, out, err = run(runner, "compare", "--plan", plan)
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: --app: {plan} has 3 apps; pick one with --app (apps: staging, support, chat-prod)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("compare", "premium"),
            "EDITIONS: unknown edition 'premium' (valid editions: trial, 体验版, pro, professional, 专业版, "
            "flagship, ultimate, 旗舰版)",
        ),
        (("compare", "--dau", "-5"), "--dau: expected a number of 0 or more, got -5"),
        (("compare", "--users", "many"), "--users: expected a number, got 'many' (or a range START:STOP:STEP)"),
        (("compare", "--groups-per-user", "2.5"), "--groups-per-user: expected a whole number, got 2.5"),
        (("compare", "--dau", "0:100:0"), "--dau: the range '0:100:0' has a step of 0 (use a step of 1 or more)"),
        (("compare", "--dau", "100:0:1"), "--dau: the range '100:0:1' stops before it starts"),
        (("compare", "--dau", "0:100"), "--dau: expected a number or a range START:STOP:STEP, got '0:100'"),
        (
            ("compare", "--dau", "0:10:1", "--users", "0:10:1"),
            "--dau and --users: only one flag may take a range START:STOP:STEP",
        ),
        (
            ("compare", "--dau", "0:100000000:1"),
            "--dau: the range '0:100000000:1' has 100,000,001 values; imcost sweeps at most 1,000,000 "
            "(use a larger step)",
        ),
        (("compare", "--app", "x"), "--app: --app picks an app of a plan file (add --plan FILE)"),
        (("compare", "--month", "2026-13"), "--month: expected a month as YYYY-MM, got '2026-13' (no such month)"),
        (("recommend", "--dau", "0:10:1"), "--dau: a range is for imcost compare (give one number)"),
        (("recommend", "--history-days", "-1"), "--history-days: expected a number of 0 or more, got -1"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(runner: CliRunner, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(runner, *args)
    assert (code, out) == (2, "")
    assert err == f"imcost: error: {message}\n"


def test_bad_input_reports_every_bad_flag_at_once(runner: CliRunner) -> None:
    code, _, err = run(runner, "compare", "--dau", "-1", "--groups", "x")
    assert code == 2
    assert err.count("imcost: error: ") == 2


# recommend


def test_recommend_flagship_when_av_chatrooms_and_groups_per_user_cost_more_on_pro(runner: CliRunner) -> None:
    # pro: 999 + AV chatrooms 1000 + groups per user 1100 = 3099; flagship: 2999 with both included.
    data = run_json(
        runner, "recommend", "--dau", "5000", "--av-chatrooms", "100", "--groups-per-user", "800", "--month", "2026-12"
    )
    (only,) = data["apps"]
    assert (only["recommended"], only["recommended_total"], only["current"], only["saving"]) == (
        "flagship",
        "2999.00",
        None,
        None,
    )
    assert only["items"] == [PACKAGE_FLAGSHIP]
    assert [(r["edition"], r["total"], r["extra"]) for r in only["rejected"]] == [
        ("trial", None, None),
        ("pro", "3099.00", "100.00"),
    ]
    assert only["rejected"][1]["reason"] == "pro: costs ¥100.00 more (¥3,099.00)"
    assert set(only) == {
        "name",
        "pricebook",
        "current",
        "current_total",
        "current_problems",
        "recommended",
        "recommended_pricebook",
        "recommended_total",
        "saving",
        "yearly_saving",
        "items",
        "rejected",
        "unmet",
    }


def test_recommend_saving_against_the_edition_in_the_file(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "month: 2026-12\nname: live\nedition: pro\nusage: {peak_dau: 5000}\n"
        "needs: {av_chatrooms: 100, groups_per_user: 800}\n",
        encoding="utf-8",
    )
    (only,) = run_json(runner, "recommend", str(plan))["apps"]
    assert (only["current"], only["current_total"], only["recommended"]) == ("pro", "3099.00", "flagship")
    assert (only["saving"], only["yearly_saving"]) == ("100.00", "1200.00")


def test_recommend_pro_when_only_groups_per_user_is_needed(runner: CliRunner) -> None:
    # pro 999 + 1100 = 2099 beats flagship 2999 (1,000 groups per user included).
    code, out, _ = run(runner, "recommend", str(SAMPLES / "groups-per-user.yaml"))
    assert code == 0
    assert out.startswith("workspace: recommended pro (专业版), ¥2,099.00 a month\n")
    assert "current: pro (专业版), ¥2,099.00 a month: already the cheapest" in out
    assert "✗ flagship: costs ¥900.00 more (¥2,999.00)" in out
    # trial would lose what pro includes and the plan doesn't lower: unlimited users, 3,000 friends, ...
    text = out.replace("\n", " ").replace("  ", " ")
    assert "✗ trial: can't: AV chatrooms: needs 50, trial (体验版) allows 10" in text
    assert (
        "groups per user: needs 800, trial (体验版) allows 50 and the add-on is sold only on pro and flagship" in text
    )
    assert "users: needs unlimited, trial allows 100 and it can't be extended" in text


def test_recommend_every_app_of_a_plan(runner: CliRunner) -> None:
    code, out, err = run(runner, "recommend", str(SAMPLES / "multi-app.yaml"), "-f", "csv")
    # chat-prod keeps 90 days of history and what flagship includes: flagship 2999 + 500 = 3499;
    # pro 999 + history 1000 + AV chatrooms 1000 + 2,000 members 500 + 1,000 groups per user 1100 = 4599.
    assert (code, out) == (
        0,
        "app,current,current_total,recommended,recommended_total,saving,yearly_saving\n"
        "staging,trial,0.00,trial,0.00,0.00,0.00\n"
        "support,pro,1999.00,pro,1999.00,0.00,0.00\n"
        "chat-prod,flagship,3499.00,flagship,3499.00,0.00,0.00\n",
    )
    # staging is on trial: no edition includes less, so nothing to say.
    assert err == (
        "imcost: note: app 'support' keeps what pro includes where the plan names no need (500 groups per user, "
        "50 AV chatrooms, 3,000 friends, unlimited users, 200 members a group); write lower needs to price "
        "smaller editions\n"
        "imcost: note: app 'chat-prod' keeps what flagship includes where the plan names no need (1,000 groups "
        "per user, unlimited AV chatrooms, 3,000 friends, unlimited users, 200/2,000/2,000 members a "
        "private/public/chatroom group); write lower needs to price smaller editions\n"
    )


def test_recommend_keeps_what_the_current_edition_includes(tmp_path: Path, runner: CliRunner) -> None:
    """A flagship app with no needs written stays on flagship; written at pro's level, pro saves 2000 a month."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("month: 2026-12\nedition: flagship\nusage: {peak_dau: 80}\n", encoding="utf-8")
    (kept,) = run_json(runner, "recommend", str(plan))["apps"]
    # pro keeping flagship's 30 days, 2,000-member groups, 1,000 groups per user and unlimited
    # AV chatrooms: 999 + 500 + 500 + 1100 + 1000 = 4099, more than flagship's 2999.
    assert (kept["recommended"], kept["recommended_total"], kept["saving"]) == ("flagship", "2999.00", "0.00")
    rejected = {r["edition"]: r for r in kept["rejected"]}
    assert rejected["pro"]["total"] == "4099.00"
    plan.write_text(
        "month: 2026-12\nedition: flagship\nusage: {peak_dau: 80}\n"
        "needs: {history_days: 7, group_members: 200, groups_per_user: 500, av_chatrooms: 50}\n",
        encoding="utf-8",
    )
    (lowered,) = run_json(runner, "recommend", str(plan))["apps"]
    assert (lowered["recommended"], lowered["recommended_total"]) == ("pro", "999.00")
    assert (lowered["saving"], lowered["yearly_saving"]) == ("2000.00", "24000.00")
    # friends (3,000) and users (unlimited) are still flagship's: trial can't keep them.
    assert rejected["trial"]["total"] is None


def test_recommend_when_the_current_edition_cannot(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("month: 2026-12\nedition: trial\nusage: {peak_dau: 500}\n", encoding="utf-8")
    (only,) = run_json(runner, "recommend", str(plan))["apps"]
    assert (only["current"], only["current_total"], only["saving"]) == ("trial", None, None)
    assert only["current_problems"][0]["fee"] == "dau_overage"
    assert (only["recommended"], only["recommended_total"]) == ("pro", "999.00")


def test_recommend_accepts_a_plan_without_an_edition(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("month: 2026-12\nneeds: {history_days: 90}\nsecurity: true\n", encoding="utf-8")
    (only,) = run_json(runner, "recommend", str(plan))["apps"]
    # pro 999 + history 1000 + security 1000 = 2999; flagship 2999 + 500 + 1000 = 4499.
    assert (only["current"], only["recommended"], only["recommended_total"]) == (None, "pro", "2999.00")


def test_recommend_exits_1_and_names_the_need_no_edition_meets(runner: CliRunner) -> None:
    code, out, err = run(runner, "recommend", "--groups-per-user", "5000", "--month", "2026-12", "-f", "json")
    assert code == 1
    (only,) = json.loads(out)["apps"]
    assert (only["recommended"], only["items"]) == (None, [])
    assert only["unmet"] == [
        {"fee": "groups_per_user", "message": "groups per user: needs 5,000, flagship caps at 3,000 with the add-on"}
    ]
    assert err == (
        "imcost: app: no edition can meet the needs: groups per user: needs 5,000, flagship caps at 3,000 "
        "with the add-on\n"
    )


def test_a_tie_keeps_the_current_edition_and_compare_marks_the_first_listed(book: PriceBook) -> None:
    # The shipped prices have no pro/flagship tie (pro's extras differ from flagship's by 500, 1000, 1100
    # and their sums, never the 2000 between the packages), so price pro like flagship for this test.
    pro = book.editions["pro"]
    tied = dataclasses.replace(pro, package=dataclasses.replace(pro.package, price=Decimal("2999")))
    tie_book = dataclasses.replace(book, editions={**book.editions, "pro": tied})
    for current in ("pro", "flagship"):
        rec = recommend_app(AppPlan("a", current, Usage(peak_dau=500)), DECEMBER, tie_book)
        assert rec.recommended is not None and rec.recommended.edition.id == current
        assert rec.saving == 0
    compared = compare_app(AppPlan("a", ""), ("flagship", "pro"), DECEMBER, tie_book)
    assert compared.cheapest is not None and compared.cheapest.edition.id == "flagship"


# compare, recommend and estimate agree


AGREEMENT_PLANS = [
    "usage: {peak_dau: 25000, peak_groups: 250000}",
    "needs: {groups_per_user: 800, av_chatrooms: 100, history_days: 90}",
    "usage: {barrage_mbps: {domestic: 12.5, international: 3}}\nsecurity: true",
    "needs: {group_members: 1500, history_days: 180}",
    "usage: {peak_dau: 90}\nneeds: {friends_per_user: 20, users: 100}",
]


@pytest.mark.parametrize("body", AGREEMENT_PLANS)
@pytest.mark.parametrize("edition", ["trial", "pro", "flagship"])
def test_compare_recommend_and_estimate_agree(tmp_path: Path, runner: CliRunner, body: str, edition: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"month: 2026-12\nname: a\nedition: {edition}\n{body}\n", encoding="utf-8")
    code, out, _ = run(runner, "estimate", str(plan), "--format", "json")
    estimated = json.loads(out)
    feasible = code == 0
    assert estimated["feasible"] is feasible
    compared = run_json(runner, "compare", edition, "--plan", str(plan))["results"][0]
    assert compared["feasible"] is feasible
    # estimate's items name their month (its JSON has the shape of a daily file's several); compare's are of one.
    assert compared["items"] == [{k: v for k, v in i.items() if k != "month"} for i in estimated["apps"][0]["items"]]
    code, out, _ = run(runner, "recommend", str(plan), "--format", "json")
    (advice,) = json.loads(out)["apps"]
    if advice["recommended"] == edition:
        recommended_total = advice["recommended_total"]
    else:
        recommended_total = next(r["total"] for r in advice["rejected"] if r["edition"] == edition)
    if feasible:
        assert compared["total"] == recommended_total == advice["current_total"] == estimated["total"]
    else:
        assert compared["total"] is recommended_total is advice["current_total"] is None


def test_a_misspelt_app_name_gets_a_suggestion(runner: CliRunner) -> None:
    plan = str(SAMPLES / "multi-app.yaml")
    code, out, err = run(runner, "compare", "--plan", plan, "--app", "suport")
    assert (code, out) == (2, "")
    assert err == f"imcost: error: --app: no app named 'suport' in {plan} (did you mean 'support'?)\n"


def test_recommend_json_writes_each_app_before_the_next_is_priced(
    book: PriceBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imcost.render import jsonout, recommendation

    monkeypatch.setattr(jsonout, "CHUNK", 1)  # a piece after every app
    apps = (AppPlan("a", "pro", Usage(peak_dau=500)), AppPlan("b", "trial", Usage(peak_dau=50)))
    priced: list[str] = []

    def recs() -> Iterator[Recommendation]:
        for plan in apps:
            priced.append(plan.name)
            yield recommend_app(plan, DECEMBER, book)

    pieces = recommendation.json_chunks(recs(), "ACME", None)
    first = next(pieces)
    assert priced == ["a"]
    assert first.startswith('{\n  "apps": [\n    {\n')
    whole = first + "".join(pieces)
    assert priced == ["a", "b"]
    assert whole == jsonout.dumps(recommendation.data(tuple(recs()), "ACME", None))
    # a keeps what pro includes (its plan names no needs): pro stays the cheapest that meets them.
    assert [a["recommended"] for a in json.loads(whole)["apps"]] == ["pro", "trial"]


def test_recommend_streamed_still_gates_and_names_unfit_apps(runner: CliRunner) -> None:
    # samples/multi-app.yaml: trial 0 + pro 1,999 + flagship 3,499 = 5,498 recommended.
    plan = str(SAMPLES / "multi-app.yaml")
    for fmt in ("json", "csv"):
        code, out, err = run(runner, "recommend", plan, "-f", fmt, "-q", "--fail-over", "5497")
        assert code == 3
        assert err == "imcost: the recommended total ¥5,498.00 is over ¥5,497.00 (--fail-over)\n"
        assert out.endswith("}\n" if fmt == "json" else "chat-prod,flagship,3499.00,flagship,3499.00,0.00,0.00\n")
        code, _, err = run(runner, "recommend", plan, "-f", fmt, "-q", "--fail-over", "5498")
        assert (code, err) == (0, "")
    code, out, err = run(runner, "recommend", plan, "-f", "csv", "-q", "--groups-per-user", "5000")
    assert code == 1
    assert [line.split(",")[3] for line in out.splitlines()[1:]] == ["", "", ""]
    unmet = "no edition can meet the needs: groups per user: needs 5,000, flagship caps at 3,000 with the add-on"
    assert err == "".join(f"imcost: {name}: {unmet}\n" for name in ("staging", "support", "chat-prod"))


def test_recommend_table_markdown_and_html_past_their_apps_are_refused(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imcost.render import recommendation

    # samples/multi-app.yaml has 3 apps: with a limit of 2 the formats that hold every app refuse it.
    monkeypatch.setattr(recommendation, "HELD_APPS", 2)
    plan = str(SAMPLES / "multi-app.yaml")
    for fmt in ("table", "markdown", "html"):
        code, out, err = run(runner, "recommend", plan, "-f", fmt, "-q")
        assert (code, out) == (2, "")
        assert err == (
            f"imcost: error: --format: recommend's {fmt} shows at most 2 apps, not 3 (use --format json or csv)\n"
        )
    for fmt in ("json", "csv"):
        code, out, _ = run(runner, "recommend", plan, "-f", fmt, "-q")
        assert code == 0 and "chat-prod" in out
    monkeypatch.setattr(recommendation, "HELD_APPS", 3)
    code, out, _ = run(runner, "recommend", plan, "-q")
    assert code == 0 and "chat-prod" in out
