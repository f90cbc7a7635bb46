"""compare and recommend with --pricebook, --as-of, --out, --lang and a plan's discounts: exact outputs.

Every amount is worked by hand from the price list (or samples/pricebook-2027.yaml) in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app

from .conftest import SAMPLES

UNDATED = "date not stated; document last updated 2020-10-30"

BOOK = str(SAMPLES / "pricebook-2027.yaml")
NEGOTIATED = {
    "id": BOOK,
    "vendor": "",
    "name": "Example Corp negotiated list",
    "effective": "2027-01-01",
    "date_note": None,
    "source": "Example Corp contract EC-2027-014, schedule A (negotiated 2026-11)",
}
LIST_2026 = {**NEGOTIATED, "effective": "2026-01-01", "source": "Tencent Cloud IM list price (即时通信 IM 资费构成)"}
SHIPPED_SOURCE = "腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)"
ZH_PRICES = "价格：Tencent Cloud IM，未注明生效日期；文档最后更新于 2020-10-30"
DISCOUNTS = str(SAMPLES / "discounts.yaml")
# 25,000 DAU: 15,000 over the free 10,000 = 2 started units.
COMPARE_DAU = ("compare", "pro", "flagship", "--dau", "25000", "--month", "2026-12")
# 100 AV chatrooms: pro needs the add-on (1000元), flagship has them. Pro's groups-per-user add-on
# (1100元) covers 501..1000; flagship's own 1,000, then its add-on (900元) up to 3,000.
CURVE = ("compare", "pro", "flagship", "--av-chatrooms", "100", "--groups-per-user", "0:1500:500", "--month", "2026-12")


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def out_file(runner: CliRunner, tmp_path: Path, *args: str) -> tuple[int, str]:
    """Run with --out; stdout must stay empty. Returns the exit code and the file's text."""
    path = tmp_path / "out.txt"
    code, out, _ = run(runner, *args, "--out", str(path))
    assert out == ""
    return code, path.read_text(encoding="utf-8")


# --- --pricebook and --as-of -------------------------------------------------


def test_compare_prices_on_the_negotiated_version(runner: CliRunner) -> None:
    # 2027 version: pro 899, flagship 2699, DAU 800 per started 10,000: 2 units = 1600.
    code, out, _ = run(runner, *COMPARE_DAU, "--pricebook", BOOK, "--as-of", "2027-01-01", "-f", "json")
    data = json.loads(out)
    assert (code, data["pricebook"], data["cheapest"]) == (0, NEGOTIATED, "pro")
    totals = [
        (r["edition"], r["total"], [(i["fee"], i["unit_price"], i["amount"]) for i in r["items"]])
        for r in data["results"]
    ]
    assert totals == [
        ("pro", "2499.00", [("package", "899.00", "899.00"), ("dau_overage", "800.00", "1600.00")]),
        ("flagship", "4299.00", [("package", "2699.00", "2699.00"), ("dau_overage", "800.00", "1600.00")]),
    ]


def test_compare_as_of_the_day_before_takes_the_older_version(runner: CliRunner) -> None:
    # 2026 version (the list prices): pro 999 + 2000 = 2999, flagship 2999 + 2000 = 4999.
    code, out, _ = run(runner, *COMPARE_DAU, "--pricebook", BOOK, "--as-of", "2026-12-31", "-f", "json")
    data = json.loads(out)
    assert (code, data["pricebook"]) == (0, LIST_2026)
    assert [r["total"] for r in data["results"]] == ["2999.00", "4999.00"]


def test_cost_curve_on_the_negotiated_version(runner: CliRunner) -> None:
    # pro 899 + AV 1000 = 1899 up to 500 groups per user, + 1100 = 2999 up to 1,000, then can't;
    # flagship 2699 up to 1,000, + 900 = 3599. Pro is cheaper until 501, as with the list prices.
    code, out, _ = run(runner, *CURVE, "--pricebook", BOOK, "--as-of", "2027-01-01", "-f", "json")
    data = json.loads(out)
    assert (code, data["pricebook"]) == (0, NEGOTIATED)
    assert [(r["value"], r["totals"]["pro"], r["totals"]["flagship"], r["cheapest"]) for r in data["rows"]] == [
        (0, "1899.00", "2699.00", "pro"),
        (500, "1899.00", "2699.00", "pro"),
        (1000, "2999.00", "2699.00", "flagship"),
        (1500, None, "3599.00", "flagship"),
    ]
    assert data["break_even"] == [{"at": 501, "from": "pro", "to": "flagship"}]


def test_recommend_on_the_negotiated_version(runner: CliRunner) -> None:
    # 800 groups per user: pro 899 + 1100 = 1999, flagship 2699 (1,000 included): 700 more.
    args = ("recommend", str(SAMPLES / "groups-per-user.yaml"), "--pricebook", BOOK)
    code, out, _ = run(runner, *args, "--as-of", "2027-01-01", "-f", "json")
    data = json.loads(out)
    assert (code, data["pricebook"]) == (0, NEGOTIATED)
    (only,) = data["apps"]
    assert (only["recommended"], only["recommended_total"], only["current_total"], only["saving"]) == (
        "pro",
        "1999.00",
        "1999.00",
        "0.00",
    )
    assert [(r["edition"], r["total"], r["extra"]) for r in only["rejected"]] == [
        ("trial", None, None),
        ("flagship", "2699.00", "700.00"),
    ]
    # The list prices: pro 999 + 1100 = 2099.
    code, out, _ = run(runner, *args, "--as-of", "2026-06-01", "-f", "csv")
    assert (code, out.splitlines()[1]) == (0, "workspace,pro,2099.00,pro,2099.00,0.00,0.00")


def test_the_shipped_price_list_is_recorded_too(runner: CliRunner) -> None:
    for args in (COMPARE_DAU, CURVE, ("recommend", str(SAMPLES / "security.yaml"))):
        data = json.loads(run(runner, *args, "-f", "json")[1])
        assert data["pricebook"] == {
            "id": "tencent-im",
            "vendor": "Tencent Cloud",
            "name": "Tencent Cloud IM",
            "effective": None,
            "date_note": UNDATED,
            "source": SHIPPED_SOURCE,
        }


@pytest.mark.parametrize(
    "args",
    [COMPARE_DAU, CURVE, ("recommend", "--dau", "5")],
    ids=["compare", "curve", "recommend"],
)
def test_a_bad_as_of_exits_2_with_one_line(runner: CliRunner, args: tuple[str, ...]) -> None:
    code, out, err = run(runner, *args, "--as-of", "2027-13-01")
    assert (code, out) == (2, "")
    assert err == "imcost: error: --as-of: expected a date as YYYY-MM-DD, got '2027-13-01' (no such day)\n"


def test_as_of_before_the_first_version_exits_2(runner: CliRunner) -> None:
    code, out, err = run(runner, "recommend", "--dau", "5", "--pricebook", BOOK, "--as-of", "2025-12-31")
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: --as-of: no version of {BOOK} is in force on 2025-12-31 "
        "(the first takes effect on 2026-01-01) (give a date on or after 2026-01-01)\n"
    )


def test_a_missing_pricebook_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = run(runner, *COMPARE_DAU, "--pricebook", str(tmp_path / "nope.yaml"))
    assert (code, out) == (2, "")
    hint = "(or a shipped price book: tencent-im, tencent-im-overseas, easemob-im)"
    assert err == f"imcost: error: --pricebook: no such file {str(tmp_path / 'nope.yaml')!r} {hint}\n"
    assert "Traceback" not in err


# --- --out -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
@pytest.mark.parametrize(
    "args",
    [
        COMPARE_DAU,
        CURVE,
        ("recommend", str(SAMPLES / "multi-app.yaml")),
        ("compare", "--plan", DISCOUNTS, "--app", "support"),
    ],
    ids=["compare", "curve", "recommend", "discounts"],
)
def test_out_writes_what_stdout_carries(runner: CliRunner, tmp_path: Path, args: tuple[str, ...], fmt: str) -> None:
    code, plain, _ = run(runner, *args, "-f", fmt)
    assert code == 0 and plain
    assert out_file(runner, tmp_path, *args, "-f", fmt) == (0, plain)


def test_recommend_out_still_exits_1_when_nothing_fits(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "advice.json"
    code, out, err = run(runner, "recommend", "--friends", "3001", "-f", "json", "--out", str(path))
    assert (code, out) == (1, "")
    assert json.loads(path.read_text(encoding="utf-8"))["apps"][0]["recommended"] is None
    assert err == (
        "imcost: app: no edition can meet the needs: friends per user: needs 3,001, flagship caps at 3,000 "
        "and it can't be extended\n"
    )


def test_out_to_a_directory_that_does_not_exist(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such.csv"
    code, out, err = run(runner, *COMPARE_DAU, "-f", "csv", "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"imcost: error: {target}: cannot write the output (")


# --- Chinese labels ----------------------------------------------------------


def test_compare_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    code, out, _ = run(runner, *COMPARE_DAU, "--lang", "zh", "-f", "markdown")
    assert (code, out) == (
        0,
        "# app：各版本对比，2026-12\n"
        "\n"
        "| 费用项 | 专业版 | 旗舰版 |\n"
        "|---|---:|---:|\n"
        "| 套餐包 | ¥999.00 | ¥2,999.00 |\n"
        "| DAU 超量费用 | ¥2,000.00 | ¥2,000.00 |\n"
        "| **合计** | **¥2,999.00 ✓** | **¥4,999.00** |\n"
        "\n"
        "- ✓ 满足需求的最低价版本：专业版，每月 ¥2,999.00\n"
        "\n"
        f"{ZH_PRICES} ({SHIPPED_SOURCE}).\n",
    )
    # csv: the same header as in English (a machine format); the cells stay ids and plain amounts.
    code, out, _ = run(runner, *COMPARE_DAU, "--lang", "zh", "-f", "csv")
    assert out == (
        "fee,pro,flagship\n"
        "package,999.00,2999.00\n"
        "dau_overage,2000.00,2000.00\n"
        "total,2999.00,4999.00\n"
        "feasible,true,true\n"
        "problems,,\n"
    )
    # 1,200 groups per user: only flagship, 2999 + 900 = 3899. The rules' reasons in Chinese too.
    code, text = out_file(
        runner, tmp_path, "compare", "--groups-per-user", "1200", "--month", "2026-12", "--lang", "zh"
    )
    assert (code, text) == (
        0,
        "app：各版本对比，2026-12\n"
        "\n"
        "  费用项                                       体验版                 专业版        旗舰版\n"
        " " + "─" * 90 + "\n"
        "  套餐包                                                                         ¥2,999.00\n"
        "  扩展单个用户可加入群组数上限                                                     ¥900.00\n"
        "\n"
        "  合计                           无法购买（原因见下）   无法购买（原因见下）   ¥3,899.00 ✓\n"
        "\n"
        "✗ 体验版：单个用户可加入群组数需要 1,200，体验版上限 50，该增值服务仅在专业版和旗舰版提供\n"
        "✗ 专业版：单个用户可加入群组数需要 1,200，专业版购买增值服务后上限为 1,000\n"
        "✓ 满足需求的最低价版本：旗舰版，每月 ¥3,899.00\n"
        f"{ZH_PRICES}\n",
    )


def test_recommend_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    plan = str(SAMPLES / "groups-per-user.yaml")
    # pro 999 + 1100 = 2099; flagship 2999 costs 900 more.
    code, out, _ = run(runner, "recommend", plan, "--lang", "zh", "-f", "markdown")
    assert (code, out) == (
        0,
        "# imcost 版本推荐：2026-12\n"
        "\n"
        "## workspace：推荐专业版，每月 ¥2,099.00\n"
        "\n"
        "| 费用项                       | 说明         |   数量 |          金额 |\n"
        "|------------------------------|--------------|-------:|--------------:|\n"
        "| 套餐包                       | 专业版       | 1 个月 |       ¥999.00 |\n"
        "| 扩展单个用户可加入群组数上限 | 提升至 1,000 | 1 个月 |     ¥1,100.00 |\n"
        "| **合计**                     |              |        | **¥2,099.00** |\n"
        "\n"
        "- 当前：专业版，每月 ¥2,099.00，已是最低价\n"
        # trial can't keep what pro includes (the plan lowers none of it), nor the 800 groups per user.
        "- ✗ 体验版：无法购买：音视频聊天室创建数量需要 50，体验版上限 10，该增值服务仅在专业版提供；"
        "私有群成员数需要 200，体验版上限 20，该增值服务仅在专业版和旗舰版提供；"
        "单个用户可加入群组数需要 800，体验版上限 50，该增值服务仅在专业版和旗舰版提供；"
        "单个用户好友人数需要 3,000，体验版上限 20，且不支持扩展；用户数需要无上限，体验版上限 100，且不支持扩展\n"
        "- ✗ 旗舰版：贵 ¥900.00（¥2,999.00）\n"
        "\n"
        f"{ZH_PRICES} ({SHIPPED_SOURCE}).\n",
    )
    code, text = out_file(runner, tmp_path, "recommend", plan, "--lang", "zh")
    assert (code, text) == (
        0,
        "workspace：推荐专业版，每月 ¥2,099.00\n"
        "workspace：专业版，2026-12\n"
        "\n"
        "  费用项                                                   数量        单价        金额   计费方式\n"
        " " + "─" * 98 + "\n"
        "  套餐包                                                 1 个月     ¥999.00     ¥999.00   预付费\n"
        "  专业版\n"
        "  扩展单个用户可加入群组数上限                           1 个月   ¥1,100.00   ¥1,100.00   预付费\n"
        "  提升至 1,000\n"
        "\n"
        "  合计                                                                        ¥2,099.00\n"
        "\n"
        "当前：专业版，每月 ¥2,099.00，已是最低价\n"
        # Chinese wraps between terms and after punctuation (imcost.render.fit), filling each line.
        "✗ 体验版：无法购买：音视频聊天室创建数量需要 50，体验版上限 10，该增值服务仅在专业版提供；\n"
        "私有群成员数需要 200，体验版上限 20，该增值服务仅在专业版和旗舰版提供；单个用户可加入群组数需要\n"
        "800，体验版上限 50，该增值服务仅在专业版和旗舰版提供；单个用户好友人数需要 3,000，体验版上限 20，\n"
        "且不支持扩展；用户数需要无上限，体验版上限 100，且不支持扩展\n"
        "✗ 旗舰版：贵 ¥900.00（¥2,999.00）\n"
        "\n"
        f"{ZH_PRICES}\n",
    )
    # chat-prod keeps 90 days of history and what flagship includes: flagship 2999 + 500 = 3499,
    # pro 999 + 1000 + 1000 + 500 + 1100 = 4599.
    code, out, _ = run(runner, "recommend", str(SAMPLES / "multi-app.yaml"), "--lang", "zh", "-f", "csv")
    assert (code, out) == (
        0,
        "app,current,current_total,recommended,recommended_total,saving,yearly_saving\n"
        "staging,trial,0.00,trial,0.00,0.00,0.00\n"
        "support,pro,1999.00,pro,1999.00,0.00,0.00\n"
        "chat-prod,flagship,3499.00,flagship,3499.00,0.00,0.00\n",
    )


def test_cost_curve_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    # pro 999 + 1000 = 1999 up to 500, + 1100 = 3099 up to 1,000; flagship 2999, + 900 = 3899.
    code, out, _ = run(runner, *CURVE, "--lang", "zh", "-f", "markdown")
    assert (code, out) == (
        0,
        "# app：费用曲线（单个用户可加入群组数），2026-12\n"
        "\n"
        "| 单个用户可加入群组数 | 专业版 | 旗舰版 | 最低价版本 |\n"
        "|---:|---:|---:|---|\n"
        "| 0 | ¥1,999.00 | ¥2,999.00 | 专业版 |\n"
        "| 500 | ¥1,999.00 | ¥2,999.00 | 专业版 |\n"
        "| 1,000 | ¥3,099.00 | ¥2,999.00 | 旗舰版 |\n"
        "| 1,500 | 无法购买 | ¥3,899.00 | 旗舰版 |\n"
        "\n"
        "- 临界点：单个用户可加入群组数 = 501，最低价版本由专业版变为旗舰版\n"
        "\n"
        f"{ZH_PRICES} ({SHIPPED_SOURCE}).\n",
    )
    code, out, _ = run(runner, *CURVE, "--lang", "zh", "-f", "csv")
    assert out == (
        "groups-per-user,pro,flagship,cheapest\n"
        "0,1999.00,2999.00,pro\n"
        "500,1999.00,2999.00,pro\n"
        "1000,3099.00,2999.00,flagship\n"
        "1500,,3899.00,flagship\n"
    )
    # Bars scale to the highest cheapest total, 3899: 1999 is 12.30 of 24 cells, 2999 is 18.46.
    code, text = out_file(runner, tmp_path, *CURVE, "--lang", "zh")
    assert (code, text) == (
        0,
        "app：费用曲线（单个用户可加入群组数），2026-12\n"
        "\n"
        "  单个用户可加入群组数      专业版      旗舰版   最低价版本\n"
        " " + "─" * 80 + "\n"
        "                     0   ¥1,999.00   ¥2,999.00   ████████████▎ 专业版\n"
        "                   500   ¥1,999.00   ¥2,999.00   ████████████▎ 专业版\n"
        "                 1,000   ¥3,099.00   ¥2,999.00   ██████████████████▍ 旗舰版\n"
        "                 1,500    无法购买   ¥3,899.00   ████████████████████████ 旗舰版\n"
        "\n"
        "临界点：单个用户可加入群组数 = 501，最低价版本由专业版变为旗舰版\n"
        f"{ZH_PRICES}\n",
    )


def test_curve_without_a_break_even_and_with_none_fitting_in_chinese(runner: CliRunner) -> None:
    # Friends per user: 3,000 on pro and flagship, no add-on; from 3,001 nothing fits.
    args = ("compare", "pro", "flagship", "--friends", "3000:3001:1", "--month", "2026-12", "--lang", "zh")
    code, out, _ = run(runner, *args, "-f", "markdown")
    assert code == 0
    assert "| 3,001 | 无法购买 | 无法购买 | 均无法满足 |\n" in out
    assert "- 临界点：单个用户好友人数 = 3,001，最低价版本由专业版变为无版本可满足\n" in out
    code, out, _ = run(runner, "compare", "pro", "--dau", "0:10:10", "--lang", "zh", "-f", "markdown")
    assert "- 无临界点：整个范围内最低价版本均为专业版\n" in out


def test_imcost_lang_env_and_json_that_does_not_change(runner: CliRunner) -> None:
    code, out, _ = run(runner, *COMPARE_DAU, env={"IMCOST_LANG": "zh"})
    assert code == 0 and "满足需求的最低价版本：专业版" in out
    code, out, _ = run(runner, *COMPARE_DAU, "--lang", "en", env={"IMCOST_LANG": "zh"})
    assert "cheapest that fits: pro (专业版)" in out
    for args in (COMPARE_DAU, CURVE, ("recommend", DISCOUNTS)):
        english = run(runner, *args, "-f", "json")[1]
        assert run(runner, *args, "-f", "json", "--lang", "zh")[1] == english


def test_bad_lang_for_compare(runner: CliRunner) -> None:
    code, out, err = run(runner, *COMPARE_DAU, "--lang", "fr")
    assert (code, out) == (2, "")
    assert err == "imcost: error: --lang: 'fr' is not one of en, zh (see imcost compare --help)\n"


# --- a plan's discounts ------------------------------------------------------
# samples/discounts.yaml, December 2026. chat-prod takes the plan's {package: 12.5%, all: 5%}:
#   pro:      package 999 x 0.875 = 874.125 -> 874.13; DAU 4 units = 4000 x 0.95 = 3800.00
#             total 4674.13, list 4999.00, discount 324.87
#   flagship: package 2999 x 0.875 = 2624.125 -> 2624.13; DAU 3800.00
#             total 6424.13 (estimate's figure), list 6999.00, discount 574.87
#   trial:    can't (45,000 DAU)
# support takes its own {all: 10%}: pro 899.10 + security 900.00 = 1799.10;
#   flagship 2999 x 0.9 = 2699.10 + 900.00 = 3599.10, 1800.00 more; trial can't (security).


def test_compare_applies_the_apps_discounts_to_every_edition(runner: CliRunner, tmp_path: Path) -> None:
    # chat-prod is on flagship: on pro it keeps flagship's 30 days of history, unlimited AV chatrooms,
    # 2,000-member groups and 1,000 groups per user, each add-on 5% off ("all"):
    # 874.13 + 3800 + 475 + 950 + 475 + 1045 = 7619.13 (list 8099); flagship 2624.13 + 3800 = 6424.13.
    args = ("compare", "--plan", DISCOUNTS, "--app", "chat-prod")
    data = json.loads(run(runner, *args, "-f", "json")[1])
    assert [(r["edition"], r["total"]) for r in data["results"]] == [
        ("trial", None),
        ("pro", "7619.13"),
        ("flagship", "6424.13"),
    ]
    assert data["cheapest"] == "flagship"
    pro = {i["fee"]: i for i in data["results"][1]["items"]}
    assert [(f, i["list_amount"], i["discount_percent"], i["discount"], i["amount"]) for f, i in pro.items()] == [
        ("package", "999.00", "12.5", "124.87", "874.13"),
        ("dau_overage", "4000.00", "5", "200.00", "3800.00"),
        ("history_storage", "500.00", "5", "25.00", "475.00"),
        ("av_chatrooms", "1000.00", "5", "50.00", "950.00"),
        ("group_members", "500.00", "5", "25.00", "475.00"),
        ("groups_per_user", "1100.00", "5", "55.00", "1045.00"),
    ]
    estimated = json.loads(run(runner, "estimate", DISCOUNTS, "-f", "json")[1])
    assert data["results"][2]["items"] == [
        {k: v for k, v in i.items() if k != "month"} for i in estimated["apps"][0]["items"]
    ]
    code, out, _ = run(runner, *args, "-f", "csv")
    assert (code, out.splitlines()[:11]) == (
        0,
        [
            "fee,trial,pro,flagship",
            "package,,874.13,2624.13",
            "dau_overage,,3800.00,3800.00",
            "history_storage,,475.00,",
            "av_chatrooms,,950.00,",
            "group_members,,475.00,",
            "groups_per_user,,1045.00,",
            "total,,7619.13,6424.13",
            "list_amount,,8099.00,6999.00",
            "discount,,479.87,574.87",
            "feasible,false,true,true",
        ],
    )
    # The reasons hold commas (45,000), so csv quotes them.
    assert out.splitlines()[11].startswith('problems,"DAU: peak 45,000 is over the 100 that trial (体验版) allows;')
    # With the needs lowered to pro's own, pro is cheaper: the flags override the plan.
    lowered = ("--history-days", "7", "--group-members", "200", "--groups-per-user", "500", "--av-chatrooms", "50")
    code, text = out_file(runner, tmp_path, *args, *lowered, "--friends", "20", "--users", "100")
    assert (code, text) == (
        0,
        "chat-prod: editions compared, 2026-12\n"
        "\n"
        "  Fee              trial (体验版)   pro (专业版)   flagship (旗舰版)\n"
        " " + "─" * 68 + "\n"
        "  Package                                ¥874.13           ¥2,624.13\n"
        "  DAU overage                          ¥3,800.00           ¥3,800.00\n"
        "  List price                           ¥4,999.00           ¥6,999.00\n"
        "  Discount                              -¥324.87            -¥574.87\n"
        "\n"
        "  Total         can't (see below)    ¥4,674.13 ✓           ¥6,424.13\n"
        "\n"
        "✗ trial: DAU: peak 45,000 is over the 100 that trial (体验版) allows; overage is billed only on pro\n"
        "and flagship; AV chatrooms: needs 50, trial (体验版) allows 10 and the add-on is sold only on pro;\n"
        "members per private group: needs 200, trial (体验版) allows 20 and the add-on is sold only on pro\n"
        "and flagship; groups per user: needs 500, trial (体验版) allows 50 and the add-on is sold only on\n"
        "pro and flagship\n"
        "✓ cheapest that fits: pro (专业版), ¥4,674.13 a month\n"
        "Amounts are net of the plan's discounts (package 12.5%, all 5%).\n"
        "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30\n",
    )


def test_recommend_is_net_of_each_apps_discounts(runner: CliRunner) -> None:
    code, out, _ = run(runner, "recommend", DISCOUNTS, "-f", "csv")
    # chat-prod keeps what flagship includes: pro would be 7619.13 (see the compare test above).
    assert (code, out) == (
        0,
        "app,current,current_total,recommended,recommended_total,saving,yearly_saving\n"
        "chat-prod,flagship,6424.13,flagship,6424.13,0.00,0.00\n"
        "support,pro,1799.10,pro,1799.10,0.00,0.00\n",
    )
    # Needs lowered to pro's own (for every app): chat-prod on pro 4674.13 saves 1750.00 a month.
    lowered = ["--history-days", "7", "--group-members", "200", "--groups-per-user", "500", "--av-chatrooms", "50"]
    lowered += ["--friends", "20", "--users", "100"]
    code, out, _ = run(runner, "recommend", DISCOUNTS, *lowered, "-f", "csv")
    assert (code, out) == (
        0,
        "app,current,current_total,recommended,recommended_total,saving,yearly_saving\n"
        "chat-prod,flagship,6424.13,pro,4674.13,1750.00,21000.00\n"
        "support,pro,1799.10,pro,1799.10,0.00,0.00\n",
    )
    code, out, _ = run(runner, "recommend", DISCOUNTS, *lowered, "-f", "markdown")
    assert out == (
        "# imcost recommendation for 2026-12\n"
        "\n"
        "## chat-prod: recommended pro (专业版), ¥4,674.13 a month\n"
        "\n"
        # Both apps' tables padded to the same column widths.
        "| Fee              | Description                 |       Quantity "
        "| List price |         Discount |        Amount |\n"
        "|------------------|-----------------------------|---------------:|-----------:|-----------------:|--------------:|\n"
        "| Package          | pro (专业版)                |        1 month "
        "|    ¥999.00 | -¥124.87 (12.5%) |       ¥874.13 |\n"
        "| DAU overage      | 35,000 over the free 10,000 | 4 × 10,000 DAU "
        "|  ¥4,000.00 |    -¥200.00 (5%) |     ¥3,800.00 |\n"
        "| **Total**        |                             |                "
        "|            |                  | **¥4,674.13** |\n"
        "\n"
        "- current: flagship (旗舰版), ¥6,424.13 a month; saving ¥1,750.00 a month, ¥21,000.00 a year\n"
        "- ✗ trial: can't: DAU: peak 45,000 is over the 100 that trial (体验版) allows; overage is billed only on "
        "pro and flagship; AV chatrooms: needs 50, trial (体验版) allows 10 and the add-on is sold only on pro; "
        "members per private group: needs 200, trial (体验版) allows 20 and the add-on is sold only on pro and "
        "flagship; groups per user: needs 500, trial (体验版) allows 50 and the add-on is sold only on pro and "
        "flagship\n"
        "- ✗ flagship: costs ¥1,750.00 more (¥6,424.13)\n"
        "- Amounts are net of the plan's discounts (package 12.5%, all 5%).\n"
        "\n"
        "## support: recommended pro (专业版), ¥1,799.10 a month\n"
        "\n"
        "| Fee              | Description                 |       Quantity "
        "| List price |         Discount |        Amount |\n"
        "|------------------|-----------------------------|---------------:|-----------:|-----------------:|--------------:|\n"
        "| Package          | pro (专业版)                |        1 month "
        "|    ¥999.00 |    -¥99.90 (10%) |       ¥899.10 |\n"
        "| Security service | 安全打击服务                |        1 month "
        "|  ¥1,000.00 |   -¥100.00 (10%) |       ¥900.00 |\n"
        "| **Total**        |                             |                "
        "|            |                  | **¥1,799.10** |\n"
        "\n"
        "- current: pro (专业版), ¥1,799.10 a month: already the cheapest\n"
        "- ✗ trial: can't: AV chatrooms: needs 50, trial (体验版) allows 10 and the add-on is sold only on pro; "
        "members per private group: needs 200, trial (体验版) allows 20 and the add-on is sold only on pro and "
        "flagship; groups per user: needs 500, trial (体验版) allows 50 and the add-on is sold only on pro and "
        "flagship; the security service is sold only on pro and flagship, not on trial (体验版)\n"
        "- ✗ flagship: costs ¥1,800.00 more (¥3,599.10)\n"
        "- Amounts are net of the plan's discounts (all 10%).\n"
        "\n"
        f"Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30 ({SHIPPED_SOURCE}).\n"
    )


def test_discounted_cost_curve(runner: CliRunner) -> None:
    # support, all 10% off: pro 899.10 + 900.00 = 1799.10; a started DAU unit 1000 x 0.9 = 900.00 more
    # from 10,001. flagship 2699.10 + 900.00 = 3599.10. trial can't (security).
    args = ("compare", "--plan", DISCOUNTS, "--app", "support", "--dau", "0:20000:10000")
    code, out, _ = run(runner, *args, "-f", "csv")
    assert (code, out) == (
        0,
        "dau,trial,pro,flagship,cheapest\n0,,1799.10,3599.10,pro\n10000,,1799.10,3599.10,pro\n"
        "20000,,2699.10,4499.10,pro\n",
    )
    code, out, _ = run(runner, *args, "-f", "markdown", "--lang", "zh")
    # No break-even, and why: flagship stays 1800.00 (2000 x 0.9) above pro; trial never fits (security ...).
    assert out.splitlines()[-6:-3] == [
        "- 无临界点：整个范围内最低价版本均为专业版",
        "- 旗舰版在每个取值都比专业版贵 ¥1,800.00（差额不变）",
        "- 体验版在整个范围内都无法满足需求：音视频聊天室创建数量需要 50，体验版上限 10，该增值服务仅在专业版提供；"
        "私有群成员数需要 200，体验版上限 20，该增值服务仅在专业版和旗舰版提供；单个用户可加入群组数需要 500，"
        "体验版上限 50，该增值服务仅在专业版和旗舰版提供；安全打击服务仅在专业版和旗舰版提供，体验版不提供；"
        "单个用户好友人数需要 3,000，体验版上限 20，且不支持扩展；用户数需要无上限，体验版上限 100，且不支持扩展",
    ]
    assert out.splitlines()[-3:] == [
        "- 金额已扣除方案折扣（all 10%）。",
        "",
        f"{ZH_PRICES} ({SHIPPED_SOURCE}).",
    ]


def test_recommend_takes_the_plan_with_plan_too(runner: CliRunner) -> None:
    plan = str(SAMPLES / "groups-per-user.yaml")
    assert run(runner, "recommend", "--plan", plan, "-f", "csv") == run(runner, "recommend", plan, "-f", "csv")
    code, out, err = run(runner, "recommend", plan, "--plan", plan)
    assert (code, out) == (2, "")
    assert err == "imcost: error: --plan: the plan file is given twice (give it as PLAN or with --plan, not both)\n"


# --- plans with daily figures and dated changes --------------------------------
# compare and recommend take an app as it stands in the month priced, as estimate does.


def test_compare_takes_the_months_daily_figures(runner: CliRunner) -> None:
    plan = str(SAMPLES / "daily-usage.yaml")
    # 2026-12 (the sample's comment): pro 999 + DAU 1 unit 1000 + barrage 660 + 8 = 2667;
    # flagship 2999 + 1000 + 668 = 4667.
    code, out, _ = run(runner, "compare", "pro", "flagship", "--plan", plan, "--month", "2026-12", "-f", "csv")
    assert (code, out.splitlines()[1:5]) == (
        0,
        [
            "package,999.00,2999.00",
            "dau_overage,1000.00,1000.00",
            "barrage_bandwidth,668.00,668.00",
            "total,2667.00,4667.00",
        ],
    )
    # 2027-01: pro 999 + DAU 2 units 2000 + groups 1 unit 1000 + barrage 620 = 4619, as estimate says.
    code, out, _ = run(runner, "recommend", plan, "--month", "2027-01", "-f", "csv")
    assert (code, out.splitlines()[1]) == (0, "live-daily,pro,4619.00,pro,4619.00,0.00,0.00")
    estimated = json.loads(run(runner, "estimate", plan, "--month", "2027-01", "-f", "json")[1])
    assert estimated["total"] == "4619.00"


def test_daily_figures_over_several_months_need_month(runner: CliRunner) -> None:
    code, out, err = run(runner, "compare", "--plan", str(SAMPLES / "daily-usage.yaml"))
    assert (code, out) == (2, "")
    assert err == (
        "imcost: error: --month: the daily figures cover 2 months (2026-12 to 2027-01); one is priced "
        "(add --month YYYY-MM)\n"
    )


def test_a_single_month_of_daily_figures_is_that_month(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "march.csv").write_text("date,dau\n2027-03-01,25000\n2027-03-31,5000\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("name: march\nedition: pro\nusage: {daily: march.csv}\n", encoding="utf-8")
    # Peak 25,000 DAU: 15,000 over the free 10,000 = 2 units. pro 999 + 2000 = 2999, flagship 4999.
    code, out, _ = run(runner, "compare", "--plan", str(plan), "-f", "json")
    data = json.loads(out)
    assert (code, data["month"], [r["total"] for r in data["results"]]) == (0, "2027-03", [None, "2999.00", "4999.00"])


def test_missing_days_are_noted_on_stderr(runner: CliRunner) -> None:
    plan = str(SAMPLES.parent / "tests" / "fixtures" / "leap-february.yaml")
    # 2028-02: peak 30,001 -> 3 units; 16 Mbps·day x 4元 = 64; pro 999 + 3000 + 64 = 4063 (as estimate).
    code, out, err = run(runner, "compare", "pro", "--plan", plan, "--month", "2028-02", "-f", "csv")
    assert (code, out.splitlines()[4]) == (0, "total,4063.00")
    csv_path = str(SAMPLES.parent / "tests" / "fixtures" / "leap-february.csv")
    assert err == (
        f"imcost: note: {csv_path}: 2028-02 has no row for 2 days (2028-02-10..2028-02-11);"
        " their bandwidth counts as zero\n"
        "imcost: note: app 'leap' keeps what pro includes where the plan names no need (500 groups per user,"
        " 50 AV chatrooms, 3,000 friends, unlimited users, 200 members a group); write lower needs to price"
        " smaller editions\n"
    )


def test_dated_changes_in_force_in_the_month(runner: CliRunner) -> None:
    plan = str(SAMPLES / "growth.yaml")
    # From 2027-06 the app needs 5,000 members a group: pro caps at 2,000; flagship 2999 + DAU 1 unit
    # 1000 + members add-on 500 = 4499. In 2027-05 the change is not in force: pro 999 + 1000 = 1999.
    data = json.loads(run(runner, "compare", "--plan", plan, "--month", "2027-07", "-f", "json")[1])
    assert [(r["edition"], r["total"]) for r in data["results"]] == [
        ("trial", None),
        ("pro", None),
        ("flagship", "4499.00"),
    ]
    code, out, _ = run(runner, "recommend", plan, "--month", "2027-07", "-f", "csv")
    assert (code, out.splitlines()[1]) == (0, "chat,flagship,4499.00,flagship,4499.00,0.00,0.00")
    code, out, _ = run(runner, "recommend", plan, "--month", "2027-05", "-f", "csv")
    assert (code, out.splitlines()[1]) == (0, "chat,pro,1999.00,pro,1999.00,0.00,0.00")


def test_only_compare_offers_a_range_for_a_mistyped_number(runner: CliRunner) -> None:
    assert run(runner, "compare", "--dau", "abc") == (
        2,
        "",
        "imcost: error: --dau: expected a number, got 'abc' (or a range START:STOP:STEP)\n",
    )
    assert run(runner, "recommend", "--dau", "abc") == (2, "", "imcost: error: --dau: expected a number, got 'abc'\n")
    assert run(runner, "recommend", "--dau", "0:10:1") == (
        2,
        "",
        "imcost: error: --dau: a range is for imcost compare (give one number)\n",
    )


def test_flags_take_thousands_separators(runner: CliRunner) -> None:
    # 25,000 DAU on pro: 999 + 2 x 1000 = 2999, as --dau 25000.
    assert run(runner, "compare", "pro", "--dau", "25,000", "-f", "csv")[1].splitlines()[3] == "total,2999.00"
    rows = json.loads(run(runner, "compare", "pro", "--dau", "0:20,000:10,000", "-f", "json")[1])["rows"]
    assert [(r["value"], r["totals"]["pro"]) for r in rows] == [(0, "999.00"), (10000, "999.00"), (20000, "1999.00")]
    # Only whole groups of three: 25,00 is a mistake, not 2500.
    code, out, err = run(runner, "compare", "pro", "--dau", "25,00")
    assert (code, out, err) == (
        2,
        "",
        "imcost: error: --dau: expected a number, got '25,00' (or a range START:STOP:STEP)\n",
    )


def test_one_edition_compared_keeps_its_title_on_one_line(runner: CliRunner, tmp_path: Path) -> None:
    code, text = out_file(runner, tmp_path, "compare", "pro", "--month", "2026-12")
    assert (code, text.splitlines()[:3]) == (0, ["app: editions compared, 2026-12", "", "  Fee       pro (专业版)"])
