"""Issue 15: shipped price books by id, per-app books, prices by billing month, honest dates.

Every total below is worked by hand from shared/pricing-sources.md (section 2 for the
overseas list) or samples/pricebook-2027.yaml (2026 list: pro 999, DAU 1000 per started
10,000; 2027 list from 2027-01-01: pro 899, DAU 800).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app

from .conftest import ROOT, SAMPLES

BOOK_2027 = str(SAMPLES / "pricebook-2027.yaml")
OVERSEAS_FILE = str(ROOT / "imcost" / "pricebooks" / "tencent-im-overseas.yaml")
UNDATED = "date not stated; document last updated 2020-10-30"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def total(runner: CliRunner, *args: str) -> str:
    code, out, err = run(runner, *args, "--format", "json")
    assert (code, err) == (0, ""), err
    return str(json.loads(out)["total"])


# --- the overseas list (doc 269/81907) -------------------------------------------------


def test_overseas_pro_with_25000_peak_dau(runner: CliRunner, tmp_path: Path) -> None:
    # 25,000 DAU is 15,000 over the free 10,000: 2 started units of 10,000 at 3000元.
    # 2999 (package) + 2 x 3000 = 8999元.
    plan = write(tmp_path, "month: 2026-12\nedition: pro\nusage: {peak_dau: 25000}\n")
    assert total(runner, "estimate", plan, "--pricebook", "tencent-im-overseas") == "8999.00"
    # The same app naming its book in the plan.
    named = write(
        tmp_path, "month: 2026-12\npricebook: tencent-im-overseas\nedition: pro\nusage: {peak_dau: 25000}\n", "sg.yaml"
    )
    assert total(runner, "estimate", named) == "8999.00"
    # And on the China list (the default) as before: 999 + 2 x 1000 = 2999元.
    assert total(runner, "estimate", plan) == "2999.00"


def test_overseas_flagship_with_90_days_history_and_6000_member_groups(runner: CliRunner, tmp_path: Path) -> None:
    # 5999 (package) + 700 (history 90 days on flagship) + 1700 (6,000 members a group) = 8399元.
    plan = write(
        tmp_path,
        "month: 2026-12\npricebook: tencent-im-overseas\nedition: flagship\n"
        "needs: {history_days: 90, group_members: 6000}\n",
    )
    code, out, err = run(runner, "estimate", plan, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    items = [(i["fee"], i["amount"]) for i in data["apps"][0]["items"]]
    assert items == [("package", "5999.00"), ("history_storage", "700.00"), ("group_members", "1700.00")]
    assert data["total"] == "8399.00"
    assert data["pricebook"]["id"] == data["apps"][0]["pricebook"]["id"] == "tencent-im-overseas"
    assert (data["pricebook"]["effective"], data["pricebook"]["date_note"]) == (None, "date not stated")


@pytest.mark.parametrize(
    ("app_yaml", "problem"),
    [
        ("edition: pro\nsecurity: true\n", "the security service is not listed by price book tencent-im-overseas"),
        (
            "edition: flagship\nusage: {barrage_mbps: {domestic: 1}}\n",
            "AV-chatroom barrage bandwidth is not listed by price book tencent-im-overseas",
        ),
        (
            "edition: pro\nusage: {barrage_mbps: {international: 0.5}}\n",
            "AV-chatroom barrage bandwidth is not listed by price book tencent-im-overseas",
        ),
    ],
)
def test_what_the_overseas_list_does_not_list_is_never_free(
    runner: CliRunner, tmp_path: Path, app_yaml: str, problem: str
) -> None:
    plan = write(tmp_path, "month: 2026-12\npricebook: tencent-im-overseas\nname: x\n" + app_yaml)
    code, out, err = run(runner, "estimate", plan, "--format", "json")
    assert code == 1
    assert err == f"imcost: app 'x' can't be bought as written in 2026-12: {problem}\n"
    data = json.loads(out)
    assert data["feasible"] is False
    assert [p["message"] for p in data["apps"][0]["problems"]] == [problem]
    # Only the package is priced: nothing at zero for the unlisted service.
    assert [i["fee"] for i in data["apps"][0]["items"]] == ["package"]


def test_barrage_and_security_on_the_china_list_are_still_priced(runner: CliRunner, tmp_path: Path) -> None:
    # 999 + 1000 (security) + 1 Mbps x 2元 x 31 days = 2061元.
    plan = write(tmp_path, "month: 2026-12\nedition: pro\nsecurity: true\nusage: {barrage_mbps: {domestic: 1}}\n")
    assert total(runner, "estimate", plan) == "2061.00"


def test_prices_of_the_overseas_book_say_what_it_does_not_list(runner: CliRunner) -> None:
    code, out, _ = run(runner, "prices", "--pricebook", "tencent-im-overseas")
    assert code == 0
    assert out.endswith(
        "Prices: Tencent Cloud IM (outside China), date not stated\n"
        "Source: 腾讯云即时通信 IM 境外计费说明 (Tencent doc 269/81907)\n"
        "(imcost/pricebooks/tencent-im-overseas.yaml)\n"
        "Not listed by this price book (an app that needs it can't be quoted with it): Barrage bandwidth,\n"
        "Security service, Local moderation, Cloud moderation, Calling pack\n"
    )
    code, out, _ = run(runner, "prices", "--pricebook", "tencent-im-overseas", "--format", "csv")
    rows = out.splitlines()
    assert "pro,package,pro (专业版),month,2999.00,prepaid,doc 269/81907 套餐包: 专业版 2999元/月" in rows
    assert not [r for r in rows if ",barrage_bandwidth," in r or ",security," in r]


def test_limits_of_the_overseas_book_are_the_china_quotas(runner: CliRunner) -> None:
    # Section 2: the quotas per edition are the same document family's as the China list's.
    china = json.loads(run(runner, "limits", "--format", "json")[1])["limits"]
    overseas = json.loads(run(runner, "limits", "--pricebook", "tencent-im-overseas", "--format", "json")[1])
    # ... except the minutes in a calling pack: section 2 sells no calling packs (China's list, section 1, does).
    assert {e: {q: v for q, v in limits.items() if q != "call_minutes_in_pack"} for e, limits in china.items()} == (
        overseas["limits"]
    )
    assert "call_minutes_in_pack" in china["pro"] and "call_minutes_in_pack" not in overseas["limits"]["pro"]
    assert overseas["pricebook"]["id"] == "tencent-im-overseas"


# --- --pricebook: a shipped id, a file, a typo -----------------------------------------


def test_pricebook_takes_an_id_or_a_path(runner: CliRunner) -> None:
    by_id = json.loads(run(runner, "prices", "--pricebook", "tencent-im-overseas", "-f", "json")[1])
    by_path = json.loads(run(runner, "prices", "--pricebook", OVERSEAS_FILE, "-f", "json")[1])
    assert by_id["prices"] == by_path["prices"]
    assert (by_id["pricebook"]["id"], by_path["pricebook"]["id"]) == ("tencent-im-overseas", OVERSEAS_FILE)


def test_a_misspelt_pricebook_id_suggests_the_shipped_one(runner: CliRunner) -> None:
    code, out, err = run(runner, "prices", "--pricebook", "tencent-im-oversea")
    assert (code, out) == (2, "")
    assert err == (
        "imcost: error: --pricebook: unknown price book 'tencent-im-oversea' (did you mean 'tencent-im-overseas'? "
        "shipped price books: tencent-im, tencent-im-overseas, easemob-im; or give a price book file)\n"
    )


def test_a_plan_naming_an_unknown_book_is_bad_input_at_its_line(runner: CliRunner, tmp_path: Path) -> None:
    plan = write(tmp_path, "apps:\n  - name: a\n    edition: pro\n    pricebook: tencent-im-overseaz\n")
    code, out, err = run(runner, "estimate", plan)
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: {plan}:4: apps[0].pricebook: unknown price book 'tencent-im-overseaz' "
        "(did you mean 'tencent-im-overseas'? shipped price books: tencent-im, tencent-im-overseas, easemob-im; "
        "or give a price book file)\n"
    )


def test_a_plan_names_a_book_file_relative_to_itself(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "book.yaml").write_text((SAMPLES / "pricebook-2027.yaml").read_text(encoding="utf-8"), "utf-8")
    # 2027-01 on the 2027 list: 899 + 2 x 800 = 2499元.
    plan = write(tmp_path, "month: 2027-01\npricebook: book.yaml\nedition: pro\nusage: {peak_dau: 25000}\n")
    assert total(runner, "estimate", plan) == "2499.00"


def test_editions_are_read_against_each_apps_own_book(runner: CliRunner, tmp_path: Path) -> None:
    book = (SAMPLES / "pricebook-2027.yaml").read_text(encoding="utf-8").replace("[pro, professional,", "[pro, 专业,")
    (tmp_path / "own.yaml").write_text(book, "utf-8")
    # '专业' is a name only in own.yaml: fine for the app naming it, unknown on the shipped list.
    plan = write(
        tmp_path,
        "month: 2026-12\napps:\n  - name: a\n    pricebook: own.yaml\n    edition: 专业\n"
        "  - name: b\n    edition: 专业\n",
    )
    code, _, err = run(runner, "estimate", plan)
    assert code == 2
    assert err.startswith(f"imcost: error: {plan}:7: apps[1].edition: unknown edition '专业'")


# --- plans mixing books ----------------------------------------------------------------


def test_a_plan_mixing_books_prices_each_app_with_its_own(runner: CliRunner) -> None:
    # samples/overseas.yaml: 8999 (overseas pro) + 8399 (overseas flagship) + 999 (China pro) = 18397元.
    code, out, err = run(runner, "estimate", str(SAMPLES / "overseas.yaml"), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(a["name"], a["total"], a["pricebook"]["id"]) for a in data["apps"]] == [
        ("sg-chat", "8999.00", "tencent-im-overseas"),
        ("eu-community", "8399.00", "tencent-im-overseas"),
        ("cn-support", "999.00", "tencent-im"),
    ]
    assert data["total"] == "18397.00"
    # The top-level book is the plan's: the one its apps use unless they name another.
    assert data["pricebook"]["id"] == "tencent-im-overseas"
    code, out, _ = run(runner, "estimate", str(SAMPLES / "overseas.yaml"))
    assert out.endswith(
        "Total for 2026-12: ¥18,397.00\n"
        "sg-chat, eu-community: Prices: Tencent Cloud IM (outside China), date not stated\n"
        f"cn-support: Prices: Tencent Cloud IM, {UNDATED}\n"
    )


def test_the_plans_choice_wins_over_the_flag(runner: CliRunner, tmp_path: Path) -> None:
    # --pricebook is the book of apps that name none; an app's own `pricebook:` stays (its data centre).
    plan = write(
        tmp_path,
        "month: 2026-12\napps:\n  - name: cn\n    edition: pro\n"
        "  - name: sg\n    pricebook: tencent-im-overseas\n    edition: pro\n",
    )
    code, out, err = run(runner, "estimate", plan, "--pricebook", BOOK_2027, "--format", "json")
    assert code == 0
    data = json.loads(out)
    # cn on the 2026 list of the flag's book: 999; sg on the overseas list: 2999.
    assert [(a["name"], a["total"], a["pricebook"]["id"]) for a in data["apps"]] == [
        ("cn", "999.00", BOOK_2027),
        ("sg", "2999.00", "tencent-im-overseas"),
    ]
    assert err == (
        f"imcost: note: app 'sg' names price book tencent-im-overseas; --pricebook {BOOK_2027} prices only apps "
        "that name none\n"
    )


def test_compare_and_recommend_follow_the_apps_book(runner: CliRunner) -> None:
    plan = str(SAMPLES / "overseas.yaml")
    code, out, _ = run(runner, "compare", "--plan", plan, "--app", "sg-chat", "pro", "flagship", "-f", "json")
    data = json.loads(out)
    # pro 8999 (above); flagship 5999 + 2 x 3000 = 11999.
    assert [(r["edition"], r["total"]) for r in data["results"]] == [("pro", "8999.00"), ("flagship", "11999.00")]
    assert data["pricebook"]["id"] == "tencent-im-overseas"
    code, out, _ = run(runner, "recommend", plan, "-f", "json")
    recs = json.loads(out)["apps"]
    assert [(r["name"], r["recommended_total"], r["pricebook"]["id"]) for r in recs] == [
        ("sg-chat", "8999.00", "tencent-im-overseas"),
        ("eu-community", "8399.00", "tencent-im-overseas"),
        ("cn-support", "999.00", "tencent-im"),
    ]


def test_diff_follows_the_apps_book(runner: CliRunner, tmp_path: Path) -> None:
    old = write(tmp_path, "month: 2026-12\nname: a\nedition: pro\n", "old.yaml")
    new = write(tmp_path, "month: 2026-12\nname: a\npricebook: tencent-im-overseas\nedition: pro\n", "new.yaml")
    data = json.loads(run(runner, "diff", old, new, "-f", "json")[1])
    # The same pro app moved to an overseas data centre: 999 -> 2999.
    assert (data["total_old"], data["total_new"], data["delta"]) == ("999.00", "2999.00", "2000.00")


# --- imcost pricebooks -------------------------------------------------------------------


def test_pricebooks_lists_the_shipped_ids(runner: CliRunner) -> None:
    code, out, err = run(runner, "pricebooks")
    assert (code, err) == (0, "")
    assert out == (
        "Price books shipped with imcost\n"
        "\n"
        "  Id                    Vendor          Region                         Versions\n"
        " " + "─" * 98 + "\n"
        "  tencent-im            Tencent Cloud   China data centres             date not stated; document\n"
        "                                                                       last updated 2020-10-30\n"
        "  tencent-im-overseas   Tencent Cloud   outside China (India,          date not stated\n"
        "                                        Singapore, Korea, Germany)\n"
        "  easemob-im            Easemob         China data centre              2026-03-23\n"
        "\n"
        "Source: tencent-im: 腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)\n"
        "Source: tencent-im-overseas: 腾讯云即时通信 IM 境外计费说明 (Tencent doc 269/81907)\n"
        "Source: easemob-im: 环信即时通讯 IM 计费说明 (Easemob product/pricing_policy.md,\n"
        "product/product_package_feature.md); apps opened before 2026-03-23 keep the old model\n"
    )


def test_pricebooks_csv_and_json(runner: CliRunner) -> None:
    out = run(runner, "pricebooks", "--format", "csv")[1]
    assert out == (
        "id,vendor,region,versions,sources\n"
        f"tencent-im,Tencent Cloud,China data centres,{UNDATED},"
        "腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)\n"
        'tencent-im-overseas,Tencent Cloud,"outside China (India, Singapore, Korea, Germany)",date not stated,'
        "腾讯云即时通信 IM 境外计费说明 (Tencent doc 269/81907)\n"
        'easemob-im,Easemob,China data centre,2026-03-23,"环信即时通讯 IM 计费说明 (Easemob product/pricing_policy.md, '
        'product/product_package_feature.md); apps opened before 2026-03-23 keep the old model"\n'
    )
    data = json.loads(run(runner, "pricebooks", "--format", "json")[1])
    assert [(b["id"], b["not_listed"], [v["date_note"] for v in b["versions"]]) for b in data["pricebooks"]] == [
        ("tencent-im", [], [UNDATED]),
        (
            "tencent-im-overseas",
            ["barrage_bandwidth", "security", "local_moderation", "cloud_moderation", "calling"],
            ["date not stated"],
        ),
        # Easemob lists no AV chatrooms, services or calling packs, and no price for more groups per user.
        (
            "easemob-im",
            ["av_chatrooms", "groups_per_user", "barrage_bandwidth", "security"]
            + ["local_moderation", "cloud_moderation", "calling"],
            [None],  # dated: no note said instead of a date
        ),
    ]
    markdown = run(runner, "pricebooks", "--format", "markdown", "--lang", "zh")[1]
    assert "| tencent-im | Tencent Cloud | China data centres | 未注明生效日期；文档最后更新于 2020-10-30 |" in markdown


# --- prices by billing month -------------------------------------------------------------

PRO_25000 = "month: 2026-11\nname: chat\nedition: pro\nusage: {peak_dau: 25000}\n"


def test_forecast_changes_prices_at_the_versions_date(runner: CliRunner, tmp_path: Path) -> None:
    # 2026-11 and 2026-12 on the 2026 list: 999 + 2 x 1000 = 2999 each;
    # 2027-01 and 2027-02 on the 2027 list: 899 + 2 x 800 = 2499 each; 2 x 2999 + 2 x 2499 = 10996元.
    plan = write(tmp_path, PRO_25000)
    args = ("forecast", plan, "--pricebook", BOOK_2027, "--start", "2026-11", "--months", "4")
    data = json.loads(run(runner, *args, "-f", "json")[1])
    assert [(m["month"], m["total"], m["pricebooks"]["chat"]["effective"]) for m in data["months"]] == [
        ("2026-11", "2999.00", "2026-01-01"),
        ("2026-12", "2999.00", "2026-01-01"),
        ("2027-01", "2499.00", "2027-01-01"),
        ("2027-02", "2499.00", "2027-01-01"),
    ]
    assert data["total"] == "10996.00"
    out = run(runner, *args)[1]
    assert out.endswith(
        "Total for 2026-11 to 2027-02: ¥10,996.00\n"
        "2026-11..2026-12: Prices: Example Corp negotiated list, in force from 2026-01-01\n"
        "2027-01..2027-02: Prices: Example Corp negotiated list, in force from 2027-01-01\n"
    )
    markdown = run(runner, *args, "-f", "markdown")[1]
    assert markdown.endswith(
        "2026-11..2026-12: Prices: Example Corp negotiated list, in force from 2026-01-01 "
        "(Tencent Cloud IM list price (即时通信 IM 资费构成)).  \n"
        "2027-01..2027-02: Prices: Example Corp negotiated list, in force from 2027-01-01 "
        "(Example Corp contract EC-2027-014, schedule A (negotiated 2026-11)).\n"
    )


@pytest.mark.parametrize(("as_of", "month_total"), [("2026-06-30", "2999.00"), ("2027-01-01", "2499.00")])
def test_as_of_pins_one_version_for_every_month(
    runner: CliRunner, tmp_path: Path, as_of: str, month_total: str
) -> None:
    plan = write(tmp_path, PRO_25000)
    args = ("forecast", plan, "--pricebook", BOOK_2027, "--start", "2026-11", "--months", "4", "--as-of", as_of)
    data = json.loads(run(runner, *args, "-f", "json")[1])
    assert [m["total"] for m in data["months"]] == [month_total] * 4
    # One version: the usual single line.
    assert run(runner, *args)[1].count("Prices:") == 1


@pytest.mark.parametrize(("month", "expected"), [("2026-12", "2999.00"), ("2027-01", "2499.00")])
def test_estimate_prices_a_month_with_the_version_in_force_on_its_first_day(
    runner: CliRunner, tmp_path: Path, month: str, expected: str
) -> None:
    # No --as-of: the estimated month's own version (no longer today's).
    plan = write(tmp_path, PRO_25000)
    assert total(runner, "estimate", plan, "--pricebook", BOOK_2027, "--month", month) == expected
    # --as-of still overrides: 2026-06-30 is the 2026 list for any month.
    assert total(runner, "estimate", plan, "--pricebook", BOOK_2027, "--month", month, "--as-of", "2026-06-30") == (
        "2999.00"
    )


def test_a_month_before_the_first_version_is_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    plan = write(tmp_path, PRO_25000)
    code, out, err = run(runner, "forecast", plan, "--pricebook", BOOK_2027, "--start", "2025-11", "--months", "3")
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: {BOOK_2027}: no version is in force on 2025-11-01 (the first takes effect on 2026-01-01) "
        "(price months from 2026-01 on, or pin a version with --as-of)\n"
    )


def test_schedule_prices_a_cycle_starting_across_the_change(runner: CliRunner, tmp_path: Path) -> None:
    # Bought 2026-12-15: the cycle 2026-12-15..2027-01-14 starts under the 2026 list (999) though it
    # runs into 2027; the next, from 2027-01-15, under the 2027 list (899). December's DAU overage,
    # deducted on 2027-01-03, is December's usage: 2026 list, 2 x 1000; January's: 2 x 800.
    # 999 + 2000 + 899 + 1600 = 5498元.
    plan = write(tmp_path, PRO_25000.replace("month: 2026-11", "month: 2026-12") + "purchased_on: 2026-12-15\n")
    data = json.loads(run(runner, "schedule", plan, "--pricebook", BOOK_2027, "--months", "2", "-f", "json")[1])
    assert [(c["date"], c["fee"], c["amount"], c["pricebook"]["effective"]) for c in data["charges"]] == [
        ("2026-12-15", "package", "999.00", "2026-01-01"),
        ("2027-01-03", "dau_overage", "2000.00", "2026-01-01"),
        ("2027-01-15", "package", "899.00", "2027-01-01"),
        ("2027-02-03", "dau_overage", "1600.00", "2027-01-01"),
    ]
    assert data["total"] == "5498.00"
    out = run(runner, "schedule", plan, "--pricebook", BOOK_2027, "--months", "2")[1]
    assert out.endswith(
        "2026-12: Prices: Example Corp negotiated list, in force from 2026-01-01\n"
        "2027-01: Prices: Example Corp negotiated list, in force from 2027-01-01\n"
    )


def test_a_cycle_takes_the_version_in_force_on_its_first_day(runner: CliRunner, tmp_path: Path) -> None:
    # A version taking effect on 2027-01-20: January's usage is priced with the version in force on
    # 2027-01-01 (the old one), but the cycle starting 2027-01-25 with the new one.
    # 999 (cycle 2026-12-25) + 2000 (Dec usage) + 899 (cycle 2027-01-25) + 2000 (Jan usage, old list) = 5898元.
    book = (SAMPLES / "pricebook-2027.yaml").read_text(encoding="utf-8").replace("2027-01-01", "2027-01-20")
    (tmp_path / "mid.yaml").write_text(book, encoding="utf-8")
    plan = write(tmp_path, "month: 2026-12\nedition: pro\npurchased_on: 2026-12-25\nusage: {peak_dau: 25000}\n")
    args = ("schedule", plan, "--pricebook", str(tmp_path / "mid.yaml"), "--months", "2", "-f", "json")
    data = json.loads(run(runner, *args)[1])
    assert [(c["date"], c["fee"], c["amount"]) for c in data["charges"]] == [
        ("2026-12-25", "package", "999.00"),
        ("2027-01-03", "dau_overage", "2000.00"),
        ("2027-01-25", "package", "899.00"),
        ("2027-02-03", "dau_overage", "2000.00"),
    ]
    assert data["total"] == "5898.00"


def test_forecast_of_a_plan_mixing_books_names_each(runner: CliRunner) -> None:
    out = run(runner, "forecast", str(SAMPLES / "overseas.yaml"), "--months", "2", "-f", "markdown")[1]
    assert out.endswith(
        "2026-12..2027-01 sg-chat, eu-community: Prices: Tencent Cloud IM (outside China), date not stated "
        "(腾讯云即时通信 IM 境外计费说明 (Tencent doc 269/81907)).  \n"
        f"2026-12..2027-01 cn-support: Prices: Tencent Cloud IM, {UNDATED} "
        "(腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)).\n"
    )


def test_an_overseas_app_needing_moderation_or_calling_is_not_quotable(runner: CliRunner, tmp_path: Path) -> None:
    # Section 2 (doc 269/81907) names no moderation or calling prices: never priced at zero. The package is
    # still priced (pro overseas 2999), and the app can't be bought with that book (exit 1).
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "month: 2026-12\npricebook: tencent-im-overseas\nname: sg\nedition: pro\nlocal_moderation: true\n"
        "usage: {call_minutes: {one_to_one: 1000}}\n",
        encoding="utf-8",
    )
    code, out, _ = run(runner, "estimate", str(plan), "-f", "json")
    app = json.loads(out)["apps"][0]
    assert (code, app["total"], app["feasible"]) == (1, "2999.00", False)
    assert [p["message"] for p in app["problems"]] == [
        "content moderation is not listed by price book tencent-im-overseas",
        "audio/video calling is not listed by price book tencent-im-overseas",
    ]
