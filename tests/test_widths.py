"""Every table at 60, 80 and 120 columns in both languages: nothing past the width, every amount whole.

Tables go to a pipe here (CliRunner), laid out at COLUMNS; below the width a
table needs, it is laid out as one block per item (imcost.render.fit).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import struct
import termios
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from imcost.cli import app
from imcost.i18n import FEES
from imcost.money import money_human
from imcost.render.fit import DEFAULT_WIDTH, Words, columns_env, output_width, terminal_width, units

from .conftest import SAMPLES

FIXTURES = Path(__file__).parent / "fixtures"

# Two apps bought on 2027-01-31: the schedule has an App column.
TWO_APPS = """\
month: 2027-01
purchased_on: 2027-01-31
apps:
  - name: support-desk
    edition: pro
    security: true
    usage: {peak_dau: 12000}
  - name: chat-prod
    edition: flagship
    needs: {history_days: 90, group_members: 2000}
"""

# Each command, and where its JSON holds the amounts its table shows (paths of keys, [] for every element).
COMMANDS: dict[str, tuple[list[str], list[str]]] = {
    "estimate-discounts": (
        ["estimate", str(SAMPLES / "discounts.yaml")],
        [".total", ".apps[].total", ".apps[].items[].amount", ".apps[].items[].list_amount"],
    ),
    "estimate-multi-app": (
        ["estimate", str(SAMPLES / "multi-app.yaml")],
        [".total", ".apps[].total", ".apps[].items[].amount", ".apps[].items[].unit_price"],
    ),
    "estimate-daily": (
        ["estimate", str(SAMPLES / "daily-usage.yaml")],
        [".total", ".months[].total", ".apps[].items[].amount", ".apps[].items[].unit_price"],
    ),
    "compare": (["compare", "pro", "flagship", "--dau", "25000"], [".results[].total"]),
    "compare-three": (
        ["compare", "--dau", "5000", "--av-chatrooms", "100", "--groups-per-user", "800", "--history-days", "90"],
        [".results[].total"],
    ),
    "compare-range": (
        ["compare", "pro", "flagship", "--dau", "0:100000:10000"],
        [".rows[].totals.pro", ".rows[].totals.flagship", ".no_break_even.steady[].more"],
    ),
    "recommend": (
        ["recommend", str(SAMPLES / "multi-app.yaml")],
        [".apps[].items[].amount", ".apps[].recommended_total", ".apps[].rejected[].total", ".apps[].rejected[].extra"],
    ),
    "forecast": (
        ["forecast", str(SAMPLES / "growth.yaml"), "--months", "6", "--growth", "dau=8%", "--growth", "groups=5%"],
        [".total", ".months[].total"],
    ),
    "schedule": (
        ["schedule", str(FIXTURES / "discounted-calendar.yaml"), "--months", "3"],
        [".total", ".charges[].amount"],
    ),
    "schedule-two-apps": (["schedule", "TWO_APPS", "--months", "2"], [".total", ".charges[].amount"]),
    # Relative names (run from the project's root): the title names the files whole, however long.
    "diff": (
        ["diff", "samples/flagship.yaml", "samples/discounts.yaml"],
        [".total_old", ".total_new", ".delta", ".changes[].old", ".changes[].new", ".changes[].delta"],
    ),
    "prices": (["prices"], [".prices[].price"]),
    "limits": (["limits"], []),
    "pricebooks": (["pricebooks"], []),
}


def _args(name: str, tmp_path: Path) -> list[str]:
    args = COMMANDS[name][0]
    if "TWO_APPS" in args:
        plan = tmp_path / "two-apps.yaml"
        plan.write_text(TWO_APPS, encoding="utf-8")
        args = [str(plan) if a == "TWO_APPS" else a for a in args]
    return args


def _run(runner: CliRunner, args: list[str], columns: str | None = None) -> str:
    env = {"COLUMNS": columns} if columns is not None else None
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _values(document: Any, path: str) -> Iterator[Any]:
    """The values at ``path`` (``.a[].b``): every element where ``[]`` says so."""
    if not path:
        yield document
        return
    key, rest = re.match(r"\.([^.\[]+)(.*)", path).groups()  # type: ignore[union-attr]
    value = document.get(key)
    if value is None:
        return
    if rest.startswith("[]"):
        for element in value:
            yield from _values(element, rest[2:])
    else:
        yield from _values(value, rest)


def _amounts(name: str, runner: CliRunner, tmp_path: Path) -> set[str]:
    """The amounts of the command's JSON as a table writes them, without sign: ``¥2,624.13``."""
    document = json.loads(_run(runner, [*_args(name, tmp_path), "--format", "json"]))
    found = {v for path in COMMANDS[name][1] for v in _values(document, path) if v is not None}
    return {money_human(abs(Decimal(v))) for v in found}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_table_fits_60_80_120_columns_with_amounts_whole(
    name: str, lang: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SAMPLES.parent)
    amounts = _amounts(name, runner, tmp_path)
    assert amounts or not COMMANDS[name][1]
    for width in (60, 80, 120):
        text = _run(runner, [*_args(name, tmp_path), "--lang", lang], str(width))
        too_wide = [line for line in text.splitlines() if cell_len(line) > width]
        assert too_wide == [], (width, too_wide)
        assert "…" not in text
        missing = [amount for amount in amounts if amount not in text]
        assert missing == [], (width, missing)


@pytest.mark.parametrize("width", ["60", "80"])
def test_chinese_fee_names_are_never_broken(width: str, runner: CliRunner, tmp_path: Path) -> None:
    for name in ("estimate-daily", "estimate-multi-app", "recommend", "compare-three", "schedule-two-apps"):
        text = _run(runner, [*_args(name, tmp_path), "--lang", "zh"], width)
        joined = re.sub(r"\n *", "", text)  # a term broken across lines shows whole only here
        for label in FEES["zh"].values():
            assert joined.count(label) == text.count(label), (name, label)
    history = _run(runner, ["estimate", str(SAMPLES / "multi-app.yaml"), "--lang", "zh"], width)
    assert "延长历史消息存储时长" in history


def test_recommend_reasons_are_not_split_inside_a_term(runner: CliRunner) -> None:
    for width in range(60, 121, 4):
        text = _run(runner, ["recommend", str(SAMPLES / "multi-app.yaml"), "--lang", "zh"], str(width))
        joined = re.sub(r"\n *", "", text)
        for term in ("无上限", "增值服务", "私有群成员数", "公开群成员数", "单个用户好友人数", "单个用户可加入群组数"):
            assert joined.count(term) == text.count(term), (width, term)
        lines = text.splitlines()
        assert not any(line.endswith("需要无") for line in lines)
        assert not any(line.startswith(("，", "；", "）", "：")) for line in lines)


def test_chinese_recommend_reasons_at_80_columns(runner: CliRunner) -> None:
    needs = ["--dau", "5000", "--av-chatrooms", "100", "--groups-per-user", "800"]
    text = _run(runner, ["recommend", *needs], "80")
    zh = _run(runner, ["recommend", *needs, "--lang", "zh"], "80")
    assert "✗ trial: can't: DAU: peak 5,000 is over the 100 that trial (体验版) allows;" in text
    # Lines break after punctuation or between terms, each as full as the width allows.
    assert (
        "✗ 体验版：无法购买：峰值 DAU 5,000 超出体验版的免费额度 100，仅专业版和旗舰版\n"
        "支持超量计费；音视频聊天室创建数量需要 100，体验版上限 10，该增值服务仅在专业版\n"
        "提供；单个用户可加入群组数需要 800，体验版上限 50，该增值服务仅在专业版和旗舰版\n"
        "提供\n"
    ) in zh


def test_prices_in_chinese_at_80_columns_tell_the_barrage_rows_apart(runner: CliRunner) -> None:
    # Sizes in 万 (110万 扣量单位, 12,500万 扣量单位) leave the table narrow enough for 80 columns.
    text = _run(runner, ["prices", "--lang", "zh"], "80")
    for edition in ("专业版", "旗舰版"):
        for region, price in (("国内", "¥2.00"), ("国际", "¥4.00")):
            row = f"  {edition}   音视频聊天室弹幕带宽：{region}       Mbps·天           {price}   后付费\n"
            assert row in text


def test_below_the_width_a_table_needs_an_estimate_is_a_block_per_item(runner: CliRunner) -> None:
    text = _run(runner, ["estimate", str(SAMPLES / "discounts.yaml")], "60")
    # chat-prod: package 2999 - 12.5% = 2624.13 (2624.125 to the fen); 4 DAU units 4000 - 5% = 3800.
    assert text.startswith(
        "Customer: Example Corp\n"
        "\n"
        "chat-prod: flagship (旗舰版), 2026-12\n"
        "\n"
        "Package\n"
        "flagship (旗舰版)\n"
        "  Quantity: 1 month\n"
        "  List price: ¥2,999.00\n"
        "  Discount: -12.5%\n"
        "  Amount: ¥2,624.13\n"
        "  Billing: prepaid\n"
        "\n"
        "DAU overage\n"
        "35,000 over the free 10,000\n"
        "  Quantity: 4 × 10,000 DAU\n"
        "  List price: ¥4,000.00\n"
        "  Discount: -5%\n"
        "  Amount: ¥3,800.00\n"
        "  Billing: postpaid\n"
        "\n"
        "Total: ¥6,424.13\n"
    )
    zh = _run(runner, ["estimate", str(SAMPLES / "discounts.yaml"), "--lang", "zh"], "60")
    # One colon style in Chinese: full-width, also in the title.
    assert "chat-prod：旗舰版，2026-12\n\n套餐包\n旗舰版\n  数量：1 个月\n  刊例价：¥2,999.00\n" in zh
    assert ": " not in zh


def test_a_table_that_fits_stays_a_table(runner: CliRunner) -> None:
    # Fee 11 + quantity 14 + unit price 10 + amount 9 + billing 8 with padding fits 80 columns.
    text = _run(runner, ["estimate", str(SAMPLES / "pro-dau-overage.yaml")], "80")
    assert " " + "─" * 78 + "\n" in text
    assert "Total" in text and "Quantity: " not in text


def test_columns_sets_the_width_of_a_pipe_and_of_out(runner: CliRunner, tmp_path: Path) -> None:
    plan = str(SAMPLES / "flagship.yaml")
    # The rule under an estimate's header spans the width less the edges.
    assert " " + "─" * 98 + "\n" in _run(runner, ["estimate", plan])
    assert " " + "─" * 118 + "\n" in _run(runner, ["estimate", plan], "120")
    for unusable in ("", "0", "abc", "-80", "８０"):
        assert " " + "─" * 98 + "\n" in _run(runner, ["estimate", plan], unusable)
    out = tmp_path / "quote.txt"
    assert _run(runner, ["estimate", plan, "--out", str(out)], "90") == ""
    assert " " + "─" * 88 + "\n" in out.read_text(encoding="utf-8")


def test_width_rules() -> None:
    assert columns_env({}) is None
    assert columns_env({"COLUMNS": "72"}) == 72
    assert columns_env({"COLUMNS": " 72 "}) == 72
    assert columns_env({"COLUMNS": "5000"}) == 1000
    assert [columns_env({"COLUMNS": v}) for v in ("", "0", "x", "-1", "７２")] == [None] * 5
    assert output_width(None, {}) == DEFAULT_WIDTH == 100
    assert output_width(132, {}) == 132
    assert output_width(132, {"COLUMNS": "64"}) == 64
    assert output_width(None, {"COLUMNS": "64"}) == 64


def test_a_terminals_own_width(tmp_path: Path) -> None:
    leader, follower = os.openpty()
    try:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 77, 0, 0))
        with os.fdopen(follower, "w", closefd=False) as stream:
            assert terminal_width(stream) == 77
    finally:
        os.close(leader)
        os.close(follower)
    with (tmp_path / "file.txt").open("w") as stream:
        assert terminal_width(stream) is None


def test_chinese_breaks_between_terms_and_after_punctuation() -> None:
    def pieces(text: str) -> list[str]:
        return [text[a:b] for a, b in units(text)]

    assert pieces("延长历史消息存储时长：存储 30 天") == ["延长历史消息存储时长：", "存储", "30", "天"]
    # 用户数需要 is a template's fixed words (limits.users), kept together.
    assert pieces("用户数需要无上限，体验版上限 100") == ["用户数需要", "无上限，", "体验版", "上限", "100"]
    # A run of letters no term covers breaks after six characters; English breaks at spaces only.
    assert pieces("甲乙丙丁戊己庚辛") == ["甲乙丙丁戊己", "庚辛"]
    assert pieces("Package flagship (旗舰版)") == ["Package", "flagship", "(旗舰版)"]
    # A number keeps its point and separators; full-width brackets open a unit, ASCII ones stay glued.
    assert pieces("图片每张 ×0.65，音频每分钟") == ["图片每张", "×0.65，", "音频每分钟"]
    assert pieces("价格：¥2.00（国内）") == ["价格：", "¥2.00", "（国内）"]
    assert pieces("(旗舰版)，专业版") == ["(旗舰版)，", "专业版"]
    # At every width the term stays on one line; a line never starts with closing punctuation.
    for width in range(4, 40):
        lines = Words("延长历史消息存储时长：存储 30 天").wrapped(width).plain.split("\n")
        assert any("延长历史消息存储时长" in line for line in lines)
        assert not any(line.startswith("：") for line in lines)
    assert Words("需要无上限，体验版上限 50").wrapped(12).plain == "需要无上限，\n体验版上限\n50"
    assert Words("需要无上限，体验版上限 50").wrapped(10).plain == "需要\n无上限，\n体验版上限\n50"


def test_the_apps_of_an_estimate_share_one_layout(runner: CliRunner) -> None:
    # At 60 columns staging's table (fee, quantity, unit price, amount, billing) would fit, support's not:
    # every app is then a block per item, so the apps read alike.
    text = _run(runner, ["estimate", str(SAMPLES / "multi-app.yaml")], "60")
    assert "─" not in text
    assert text.startswith(
        "staging: trial (体验版), 2027-01\n\nPackage\ntrial (体验版)\n  Quantity: 1 month\n  Unit price: ¥0.00\n"
    )
    assert "\nchat-prod: flagship (旗舰版), 2027-01\n\nPackage\nflagship (旗舰版)\n  Quantity: 1 month\n" in text
    # At 80 every app fits a table.
    wide = _run(runner, ["estimate", str(SAMPLES / "multi-app.yaml")], "80")
    assert wide.count(" " + "─" * 78 + "\n") == 3


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_plain_table_writer_prints_what_rich_prints_at_60_80_120(
    name: str, lang: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Piped tables are written by imcost.render.plaintable where it applies, by Rich elsewhere (blocks,
    # other shapes); turned off, Rich lays out everything. The text must not differ by a byte.
    from imcost.render import plaintable

    monkeypatch.chdir(SAMPLES.parent)
    args = [*_args(name, tmp_path), "--lang", lang]
    for width in ("60", "80", "120"):
        written = _run(runner, args, width)
        with monkeypatch.context() as rich_only:
            rich_only.setattr(plaintable, "plain_text", lambda *_: None)
            assert _run(runner, args, width) == written, width
