"""What the rules say, in English and in Chinese: item descriptions and problems.

English is what the rules have always written (JSON carries it whatever the
language); --lang zh says the same in Chinese in table, markdown, html and csv.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from imcost import i18n
from imcost.cli import app
from imcost.compare import kept_needs
from imcost.engine import estimate_app, estimate_plan
from imcost.forecast import forecast
from imcost.i18n import RULE_TEXT, Phrase, say
from imcost.month import Month
from imcost.plan import UNLIMITED
from imcost.pricebook import PriceBook
from imcost.pricelist import price_rows
from imcost.render import csvout, htmlpage, markdown, table
from imcost.render import forecast as forecast_out
from imcost.render import schedule as schedule_out
from imcost.rules.base import LineItem, Problem, need_phrase
from imcost.schedule import schedule
from imcost.yamldoc import load_file

from .conftest import DECEMBER, estimate_one, plan_from

CASES: list[dict[str, Any]] = load_file(Path(__file__).with_name("rule_text_cases.yaml")).data
PRICES_ZH = "价格：Tencent Cloud IM，未注明生效日期；文档最后更新于 2020-10-30"
SOURCE = "腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)"


def _said(case: dict[str, Any], book: PriceBook) -> LineItem | Problem:
    result = estimate_one(case["plan"], book)
    if "item" in case:
        return [i for i in result.items if i.fee == case["item"]][case.get("index", 0)]
    return [p for p in result.problems if p.fee == case["problem"]][case.get("index", 0)]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_what_a_rule_says(case: dict[str, Any], book: PriceBook) -> None:
    said = _said(case, book)
    english = said.description if isinstance(said, LineItem) else said.message
    assert said.phrase is not None
    assert english == case["en"] == say(said.phrase)
    assert say(said.phrase, "zh") == case["zh"]


def _keys(phrase: Phrase) -> set[str]:
    nested = [v for _, value in phrase.values for v in (value if isinstance(value, tuple) else (value,))]
    return {phrase.key, *(k for v in nested if isinstance(v, Phrase) for k in _keys(v))}


def _nowhere(book: PriceBook, *services: str) -> PriceBook:
    """``book`` with ``services`` sold on no edition."""
    editions = {k: dataclasses.replace(e, **dict.fromkeys(services)) for k, e in book.editions.items()}
    return dataclasses.replace(book, editions=editions)


def test_a_service_no_edition_sells(book: PriceBook) -> None:
    nowhere = _nowhere(book, "dau_overage", "security", "groups_per_user")
    plan = plan_from({"edition": "pro", "usage": {"peak_dau": 12000}, "needs": {"groups_per_user": 600}}, book)
    secured = dataclasses.replace(plan.apps[0], security=True)
    problems = estimate_app(secured, DECEMBER, nowhere).problems
    assert [(p.message, say(p.phrase, "zh")) for p in problems if p.phrase] == [
        (
            "DAU: peak 12,000 is over the 10,000 that pro (专业版) allows; overage is billed only on no edition",
            "峰值 DAU 12,000 超出专业版的免费额度 1万，所有版本均不支持超量计费",
        ),
        (
            "groups per user: needs 600, pro allows 500; more is not priced by price book tencent-im",
            "单个用户可加入群组数需要 600，专业版上限 500，价格表 tencent-im 未列出扩展价格",
        ),
        ("the security service is not listed by price book tencent-im", "价格表 tencent-im 未列出安全打击服务"),
    ]


def test_a_need_for_unlimited(book: PriceBook) -> None:
    assert (say(need_phrase(UNLIMITED)), say(need_phrase(UNLIMITED), "zh")) == ("unlimited", "无上限")
    assert (say(need_phrase(6000)), say(need_phrase(6000), "zh")) == ("6,000", " 6,000")
    # recommend keeps what flagship includes: unlimited AV chatrooms and users, which trial can't give.
    kept, _ = kept_needs(plan_from({"edition": "flagship"}, book).apps[0], book)
    problems = estimate_app(dataclasses.replace(kept, edition="trial"), DECEMBER, book).problems
    said = {p.message: say(p.phrase, "zh") for p in problems if p.phrase}
    assert said["AV chatrooms: needs unlimited, trial (体验版) allows 10 and the add-on is sold only on pro"] == (
        "音视频聊天室创建数量需要无上限，体验版上限 10，该增值服务仅在专业版提供"
    )
    assert said["users: needs unlimited, trial allows 100 and it can't be extended"] == (
        "用户数需要无上限，体验版上限 100，且不支持扩展"
    )


def test_every_rule_text_is_said_in_every_language_and_used(book: PriceBook) -> None:
    for lang in i18n.LANGS:
        assert set(RULE_TEXT[lang]) == set(RULE_TEXT["en"])
    nowhere = _nowhere(book, "dau_overage", "security", "groups_per_user")
    plan = plan_from({"edition": "pro", "usage": {"peak_dau": 12000}, "needs": {"groups_per_user": 600}}, book)
    secured = dataclasses.replace(plan.apps[0], security=True)
    phrases = [
        *(_said(case, book).phrase for case in CASES),
        *(p.phrase for p in estimate_app(secured, DECEMBER, nowhere).problems),
        *(row.phrase for row in price_rows(book)),
        *_unlisted_services(book),
        *_yearly_packs(book),
    ]
    used = {key for said in phrases if said is not None for key in _keys(said)}
    # An unlimited need (test_a_need_for_unlimited); how lists are joined (test_lists_of_editions).
    used |= {"need.unlimited", "list.between", "list.last"}
    assert used == set(RULE_TEXT["en"])


def _unlisted_services(book: PriceBook) -> list[Phrase | None]:
    """What a book without moderation or calling says, and one whose calling packs serve no group calls."""
    usage = {"moderation": {"text": 1}, "call_minutes": {"group": 1}}
    app = plan_from({"edition": "pro", "local_moderation": True, "usage": usage}, book).apps[0]
    bare = dataclasses.replace(book, moderation=None, calling=None)
    assert book.calling is not None
    one_to_one = dataclasses.replace(book.calling, packs=book.calling.packs[:1])
    only_one_to_one = dataclasses.replace(book, calling=one_to_one)
    problems = (*estimate_app(app, DECEMBER, bare).problems, *estimate_app(app, DECEMBER, only_one_to_one).problems)
    return [p.phrase for p in problems]


def _yearly_packs(book: PriceBook) -> list[Phrase | None]:
    """What a forecast's items say when a year's moderation takes yearly packs."""
    plan = plan_from({"edition": "pro", "usage": {"moderation": {"text": 2000000}}}, book)
    months = forecast(plan, book, DECEMBER, 12, {}).months
    return [item.phrase for m in months for app in m.estimate.apps for item in app.items]


def test_unlisted_services_are_said(book: PriceBook) -> None:
    said = [(say(p), say(p, "zh")) for p in _unlisted_services(book) if p is not None]
    assert said == [
        ("content moderation is not listed by price book tencent-im", "价格表 tencent-im 未列出内容审核"),
        ("content moderation is not listed by price book tencent-im", "价格表 tencent-im 未列出内容审核"),
        ("audio/video calling is not listed by price book tencent-im", "价格表 tencent-im 未列出音视频通话能力"),
        ("group calling is not listed by price book tencent-im", "价格表 tencent-im 未列出群组通话"),
    ]


def test_lists_of_editions() -> None:
    editions = tuple(
        i18n.phrase("edition.id", id=i, label=label) for i, label in [("a", "甲"), ("b", "乙"), ("c", "丙")]
    )
    said = i18n.phrase("not_sold", what=i18n.phrase("what.security"), editions=editions, edition=editions[0])
    assert say(said) == "the security service is sold only on a and b and c, not on a"
    assert say(said, "zh") == "安全打击服务仅在甲、乙和丙提供，甲不提供"


# --- every format ----------------------------------------------------------------------------------------------

EVERYTHING: dict[str, Any] = {
    "month": "2026-12",
    "apps": [
        {
            "name": "pro-all",
            "edition": "pro",
            "usage": {
                "peak_dau": 45000,
                "peak_groups": 180000,
                "barrage_mbps": {"domestic": Decimal("0.003"), "international": 3},
            },
            "needs": {"history_days": 90, "av_chatrooms": 51, "group_members": 201, "groups_per_user": 501},
            "security": True,
        },
        {
            "name": "trial-all",
            "edition": "trial",
            "usage": {"peak_dau": 500, "peak_groups": 200000, "barrage_mbps": {"domestic": 1}},
            "needs": {
                "history_days": 90,
                "av_chatrooms": 100,
                "group_members": 300,
                "groups_per_user": 800,
                "friends_per_user": 5000,
                "users": 1000,
            },
            "security": True,
        },
        {
            "name": "capped",
            "edition": "pro",
            "needs": {"history_days": 400, "group_members": 3000, "groups_per_user": 1200, "friends_per_user": 4000},
        },
    ],
}


def _estimate(book: PriceBook) -> Any:
    return estimate_plan(plan_from(EVERYTHING, book), book)


def _recorded(renderable: object, width: int = 100) -> str:
    console = Console(record=True, width=width, color_system=None)
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def test_markdown_in_chinese(book: PriceBook) -> None:
    assert markdown.render(_estimate(book), "zh") == (
        "# imcost 费用估算：2026-12\n"
        "\n"
        "## pro-all: 专业版\n"
        "\n"
        "| 费用项                       | 说明                                 "
        "|              数量 |      单价 |           金额 | 计费方式 |\n"
        "|------------------------------|--------------------------------------"
        "|------------------:|----------:|---------------:|----------|\n"
        "| 套餐包                       | 专业版                               "
        "|            1 个月 |   ¥999.00 |        ¥999.00 | 预付费   |\n"
        "| DAU 超量费用                 | 超出免费额度 1万 的 35,000           "
        "|       4 × 1万 DAU | ¥1,000.00 |      ¥4,000.00 | 后付费   |\n"
        "| 峰值群组数超量费用           | 超出免费额度 10万 的 8万             "
        "| 1 × 10万 峰值群组 | ¥1,000.00 |      ¥1,000.00 | 后付费   |\n"
        "| 延长历史消息存储时长         | 存储 90 天                           "
        "|            1 个月 | ¥1,000.00 |      ¥1,000.00 | 后付费   |\n"
        "| 扩展音视频聊天室创建数量上限 | 提升至无上限                         "
        "|            1 个月 | ¥1,000.00 |      ¥1,000.00 | 预付费   |\n"
        "| 扩展单个群成员数上限         | 提升至 2,000                         "
        "|            1 个月 |   ¥500.00 |        ¥500.00 | 预付费   |\n"
        "| 扩展单个用户可加入群组数上限 | 提升至 1,000                         "
        "|            1 个月 | ¥1,100.00 |      ¥1,100.00 | 预付费   |\n"
        "| 音视频聊天室弹幕带宽         | 国内；按天结算，每日金额四舍五入到分 "
        "|     0.093 Mbps·天 |     ¥2.00 |          ¥0.31 | 后付费   |\n"
        "| 音视频聊天室弹幕带宽         | 国际                                 "
        "|        93 Mbps·天 |     ¥4.00 |        ¥372.00 | 后付费   |\n"
        "| 安全打击服务                 |                                      "
        "|            1 个月 | ¥1,000.00 |      ¥1,000.00 | 预付费   |\n"
        "| **合计**                     |                                      "
        "|                   |           | **¥10,971.31** |          |\n"
        "\n"
        "## trial-all: 体验版\n"
        "\n"
        "| 费用项                       | 说明                                 "
        "|              数量 |      单价 |           金额 | 计费方式 |\n"
        "|------------------------------|--------------------------------------"
        "|------------------:|----------:|---------------:|----------|\n"
        "| 套餐包                       | 体验版                               "
        "|            1 个月 |     ¥0.00 |          ¥0.00 | 免费     |\n"
        "| **合计**                     |                                      "
        "|                   |           |      **¥0.00** |          |\n"
        "\n"
        "**无法按此方案购买：**\n"
        "\n"
        "- 峰值 DAU 500 超出体验版的免费额度 100，仅专业版和旗舰版支持超量计费\n"
        "- 峰值群组数 20万 超出体验版的免费额度 10万，仅专业版和旗舰版支持超量计费\n"
        "- 超过 7 天的历史消息存储仅在专业版和旗舰版提供，体验版不提供\n"
        "- 音视频聊天室创建数量需要 100，体验版上限 10，该增值服务仅在专业版提供\n"
        "- 私有群成员数需要 300，体验版上限 20，该增值服务仅在专业版和旗舰版提供\n"
        "- 单个用户可加入群组数需要 800，体验版上限 50，该增值服务仅在专业版和旗舰版提供\n"
        "- 音视频聊天室弹幕带宽仅在专业版和旗舰版提供，体验版不提供\n"
        "- 安全打击服务仅在专业版和旗舰版提供，体验版不提供\n"
        "- 单个用户好友人数需要 5,000，体验版上限 20，且不支持扩展\n"
        "- 用户数需要 1,000，体验版上限 100，且不支持扩展\n"
        "\n"
        "## capped: 专业版\n"
        "\n"
        "| 费用项                       | 说明                                 "
        "|              数量 |      单价 |           金额 | 计费方式 |\n"
        "|------------------------------|--------------------------------------"
        "|------------------:|----------:|---------------:|----------|\n"
        "| 套餐包                       | 专业版                               "
        "|            1 个月 |   ¥999.00 |        ¥999.00 | 预付费   |\n"
        "| **合计**                     |                                      "
        "|                   |           |    **¥999.00** |          |\n"
        "\n"
        "**无法按此方案购买：**\n"
        "\n"
        "- 历史消息存储需要 400 天，专业版最长存储 360 天\n"
        "- 私有群成员数需要 3,000，专业版购买增值服务后上限为 2,000\n"
        "- 单个用户可加入群组数需要 1,200，专业版购买增值服务后上限为 1,000\n"
        "- 单个用户好友人数需要 4,000，专业版上限 3,000，且不支持扩展\n"
        "\n"
        "**2026-12 合计：无法按此报价（原因见上）**\n"
        "\n"
        "- trial-all：没有可行的版本\n"
        "- capped：没有可行的版本\n"
        "\n"
        f"{PRICES_ZH} ({SOURCE}).\n"
    )


def test_table_in_chinese(book: PriceBook) -> None:
    assert _recorded(table.render(_estimate(book), "zh")) == "\n".join(
        [
            "pro-all：专业版，2026-12",
            "",
            "  费用项                                                  数量        单价         金额   计费方式",
            " " + "─" * 98,
            "  套餐包                                                1 个月     ¥999.00      ¥999.00   预付费",
            "  专业版",
            "  DAU 超量费用                                     4 × 1万 DAU   ¥1,000.00    ¥4,000.00   后付费",
            "  超出免费额度 1万 的 35,000",
            "  峰值群组数超量费用                         1 × 10万 峰值群组   ¥1,000.00    ¥1,000.00   后付费",
            "  超出免费额度 10万 的 8万",
            "  延长历史消息存储时长                                  1 个月   ¥1,000.00    ¥1,000.00   后付费",
            "  存储 90 天",
            "  扩展音视频聊天室创建数量上限                          1 个月   ¥1,000.00    ¥1,000.00   预付费",
            "  提升至无上限",
            "  扩展单个群成员数上限                                  1 个月     ¥500.00      ¥500.00   预付费",
            "  提升至 2,000",
            "  扩展单个用户可加入群组数上限                          1 个月   ¥1,100.00    ¥1,100.00   预付费",
            "  提升至 1,000",
            "  音视频聊天室弹幕带宽                           0.093 Mbps·天       ¥2.00        ¥0.31   后付费",
            "  国内；按天结算，每日金额四舍五入到分",
            "  音视频聊天室弹幕带宽                              93 Mbps·天       ¥4.00      ¥372.00   后付费",
            "  国际",
            "  安全打击服务                                          1 个月   ¥1,000.00    ¥1,000.00   预付费",
            "",
            "  合计                                                                       ¥10,971.31",
            "",
            "",
            "trial-all：体验版，2026-12",
            "",
            "  费用项                                                  数量        单价         金额   计费方式",
            " " + "─" * 98,
            "  套餐包                                                1 个月       ¥0.00        ¥0.00   免费",
            "  体验版",
            "",
            "  合计                                                                            ¥0.00",
            "",
            "✗ 无法按此购买：峰值 DAU 500 超出体验版的免费额度 100，仅专业版和旗舰版支持超量计费",
            "✗ 无法按此购买：峰值群组数 20万 超出体验版的免费额度 10万，仅专业版和旗舰版支持超量计费",
            "✗ 无法按此购买：超过 7 天的历史消息存储仅在专业版和旗舰版提供，体验版不提供",
            "✗ 无法按此购买：音视频聊天室创建数量需要 100，体验版上限 10，该增值服务仅在专业版提供",
            "✗ 无法按此购买：私有群成员数需要 300，体验版上限 20，该增值服务仅在专业版和旗舰版提供",
            "✗ 无法按此购买：单个用户可加入群组数需要 800，体验版上限 50，该增值服务仅在专业版和旗舰版提供",
            "✗ 无法按此购买：音视频聊天室弹幕带宽仅在专业版和旗舰版提供，体验版不提供",
            "✗ 无法按此购买：安全打击服务仅在专业版和旗舰版提供，体验版不提供",
            "✗ 无法按此购买：单个用户好友人数需要 5,000，体验版上限 20，且不支持扩展",
            "✗ 无法按此购买：用户数需要 1,000，体验版上限 100，且不支持扩展",
            "",
            "capped：专业版，2026-12",
            "",
            "  费用项                                                  数量        单价         金额   计费方式",
            " " + "─" * 98,
            "  套餐包                                                1 个月     ¥999.00      ¥999.00   预付费",
            "  专业版",
            "",
            "  合计                                                                          ¥999.00",
            "",
            "✗ 无法按此购买：历史消息存储需要 400 天，专业版最长存储 360 天",
            "✗ 无法按此购买：私有群成员数需要 3,000，专业版购买增值服务后上限为 2,000",
            "✗ 无法按此购买：单个用户可加入群组数需要 1,200，专业版购买增值服务后上限为 1,000",
            "✗ 无法按此购买：单个用户好友人数需要 4,000，专业版上限 3,000，且不支持扩展",
            "",
            "2026-12 合计：无法按此报价（原因见上）",
            "trial-all：没有可行的版本",
            "capped：没有可行的版本",
            PRICES_ZH,
        ]
    )


def test_csv_in_chinese_says_the_description_and_keeps_ids(book: PriceBook) -> None:
    rows = csvout.render(_estimate(book), "zh").splitlines()
    assert rows[:12] == [
        "app,edition,fee,description,quantity,unit,unit_price,amount,billing,list_amount,discount_percent,discount,month",
        "pro-all,pro,package,专业版,1,month,999.00,999.00,prepaid,999.00,0,0.00,2026-12",
        'pro-all,pro,dau_overage,"超出免费额度 1万 的 35,000",4,"10,000 DAU",1000.00,4000.00,postpaid,'
        "4000.00,0,0.00,2026-12",
        'pro-all,pro,group_overage,超出免费额度 10万 的 8万,1,"100,000 groups",1000.00,1000.00,postpaid,'
        "1000.00,0,0.00,2026-12",
        "pro-all,pro,history_storage,存储 90 天,1,month,1000.00,1000.00,postpaid,1000.00,0,0.00,2026-12",
        "pro-all,pro,av_chatrooms,提升至无上限,1,month,1000.00,1000.00,prepaid,1000.00,0,0.00,2026-12",
        'pro-all,pro,group_members,"提升至 2,000",1,month,500.00,500.00,prepaid,500.00,0,0.00,2026-12',
        'pro-all,pro,groups_per_user,"提升至 1,000",1,month,1100.00,1100.00,prepaid,1100.00,0,0.00,2026-12',
        "pro-all,pro,barrage_bandwidth,国内；按天结算，每日金额四舍五入到分,0.093,Mbps·day,2.00,0.31,postpaid,0.31,0,0.00,2026-12",
        "pro-all,pro,barrage_bandwidth,国际,93,Mbps·day,4.00,372.00,postpaid,372.00,0,0.00,2026-12",
        "pro-all,pro,security,安全打击服务,1,month,1000.00,1000.00,prepaid,1000.00,0,0.00,2026-12",
        "trial-all,trial,package,体验版,1,month,0.00,0.00,free,0.00,0,0.00,2026-12",
    ]
    # The description is said in Chinese, counts in 万; the unit stays the machine's ("10,000 DAU").
    # English CSV: the rules' English, as always.
    assert csvout.render(_estimate(book)).splitlines()[2].startswith('pro-all,pro,dau_overage,"35,000 over the free')


def test_html_in_chinese(book: PriceBook) -> None:
    page = htmlpage.render(_estimate(book), "zh")
    assert '<span class="desc">超出免费额度 1万 的 35,000</span>' in page
    assert "<td>安全打击服务</td>" in page  # named once: no description under it
    assert '<span class="desc">国内；按天结算，每日金额四舍五入到分</span>' in page
    assert "<li>峰值 DAU 500 超出体验版的免费额度 100，仅专业版和旗舰版支持超量计费</li>" in page
    assert "<li>历史消息存储需要 400 天，专业版最长存储 360 天</li>" in page
    assert "over the free" not in page and "sold only" not in page


def test_json_and_english_are_the_rules_english(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("month: 2026-12\nname: t\nedition: trial\nusage: {peak_dau: 500}\nsecurity: true\n", "utf-8")
    english = runner.invoke(app, ["estimate", str(plan), "-f", "json"]).stdout
    assert runner.invoke(app, ["estimate", str(plan), "-f", "json", "--lang", "zh"]).stdout == english
    assert '"message": "the security service is sold only on pro and flagship, not on trial (体验版)"' in english


# --- compare, recommend, forecast, schedule -----------------------------------------------------------------


def test_compare_reasons_in_chinese(runner: CliRunner) -> None:
    args = ["compare", "trial", "pro", "--dau", "500", "--history-days", "400", "--month", "2026-12", "--lang", "zh"]
    out = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    assert (
        "- ✗ 体验版：峰值 DAU 500 超出体验版的免费额度 100，仅专业版和旗舰版支持超量计费；"
        "超过 7 天的历史消息存储仅在专业版和旗舰版提供，体验版不提供\n"
        "- ✗ 专业版：历史消息存储需要 400 天，专业版最长存储 360 天\n"
    ) in out
    csv_rows = runner.invoke(app, [*args, "-f", "csv"]).stdout.splitlines()
    assert csv_rows[-1] == (
        "problems,峰值 DAU 500 超出体验版的免费额度 100，仅专业版和旗舰版支持超量计费；"
        "超过 7 天的历史消息存储仅在专业版和旗舰版提供，体验版不提供,"
        "历史消息存储需要 400 天，专业版最长存储 360 天"
    )
    english = runner.invoke(app, [*args[:-2], "-f", "csv"]).stdout.splitlines()
    assert english[-1] == (
        'problems,"DAU: peak 500 is over the 100 that trial (体验版) allows; overage is billed only on pro and '
        'flagship; history storage over 7 days is sold only on pro and flagship, not on trial (体验版)",'
        '"history storage: needs 400 days, pro keeps at most 360 days"'
    )


def test_recommend_reasons_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("month: 2026-12\nname: big\nedition: pro\nneeds: {friends_per_user: 4000}\n", "utf-8")
    result = runner.invoke(app, ["recommend", str(plan), "-f", "markdown", "--lang", "zh"])
    assert result.stdout.splitlines()[2] == (
        "## big：没有版本能满足需求：单个用户好友人数需要 4,000，旗舰版上限 3,000，且不支持扩展"
    )


def test_forecast_and_schedule_problems_in_chinese(book: PriceBook) -> None:
    data = {"month": "2026-12", "purchased_on": "2026-12-05", "name": "t", "edition": "trial", "security": True}
    plan = plan_from(data, book)
    lines = forecast_out.problem_lines(forecast(plan, book, Month(2026, 12), 1, {}), "zh")
    assert lines == ["✗ 2026-12 t 无法按此购买：安全打击服务仅在专业版和旗舰版提供，体验版不提供"]
    lines = schedule_out.problem_lines(schedule(plan, book, None, 1), "zh")
    assert lines == ["✗ 2026-12 t 无法按此购买：安全打击服务仅在专业版和旗舰版提供，体验版不提供"]


def test_schedule_descriptions_in_chinese(book: PriceBook) -> None:
    data = {
        "month": "2026-12",
        "purchased_on": "2026-12-05",
        "name": "t",
        "edition": "pro",
        "needs": {"groups_per_user": 600},
    }
    result = schedule(plan_from(data, book), book, None, 1)
    assert schedule_out.render_markdown(result, "zh").splitlines()[4:6] == [
        "| 2026-12-05 | t | 套餐包 | 专业版 | 2026-12-05 至 2027-01-04 | 预付费 | ¥999.00 |",
        "| 2026-12-05 | t | 扩展单个用户可加入群组数上限 | 提升至 1,000 | 2026-12-05 至 2027-01-04 | 预付费 "
        "| ¥1,100.00 |",
    ]
    assert schedule_out.render_csv(result, "zh").splitlines()[2] == (
        '2026-12-05,t,groups_per_user,"提升至 1,000",1100.00,prepaid,2026-12-05..2027-01-04,2026-12,1100.00,0,0.00'
    )


def test_the_price_list_in_chinese(runner: CliRunner) -> None:
    rows = runner.invoke(app, ["prices", "--lang", "zh", "-f", "markdown"]).stdout.splitlines()
    for row in (
        "| 专业版 | DAU 超量费用：超出免费额度的部分，不足一个单位按一个单位计算 | 1万 DAU | ¥1,000.00 | 后付费 |",
        "| 专业版 | 峰值群组数超量费用：超出免费额度的部分，不足一个单位按一个单位计算 "
        "| 10万 峰值群组 | ¥1,000.00 | 后付费 |",
        "| 专业版 | 安全打击服务 | 月 | ¥1,000.00 | 预付费 |",
        "| 专业版 | 延长历史消息存储时长：存储 30 天 | 月 | ¥500.00 | 后付费 |",
        "| 专业版 | 扩展音视频聊天室创建数量上限：提升至无上限 | 月 | ¥1,000.00 | 预付费 |",
        "| 旗舰版 | 扩展单个群成员数上限：提升至 6,000 | 月 | ¥500.00 | 预付费 |",
        "| 旗舰版 | 音视频聊天室弹幕带宽：国际 | Mbps·天 | ¥4.00 | 后付费 |",
    ):
        assert row in rows, row
    english = runner.invoke(app, ["prices", "-f", "markdown"]).stdout.splitlines()
    assert "| pro | AV chatrooms: raised to unlimited | month | ¥1,000.00 | prepaid |" in english
    assert "| pro | DAU overage: over the free quota, per started unit | 10,000 DAU | ¥1,000.00 | postpaid |" in english
