"""Chinese quotes read as Chinese (counts in 万, units and labels in Chinese, no doubled
description), and the tables of one page line up across its apps in table, markdown and html.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner

from imcost.cli import app
from imcost.i18n import count_text, phrase, say, unit_text
from imcost.render import fit, plaintable
from imcost.rules.cloud_moderation import counted

from .conftest import SAMPLES


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


# --- counts in 万 ------------------------------------------------------------------------------------------------


def test_a_whole_number_of_wan_reads_n_wan_any_other_count_keeps_its_separators() -> None:
    counts = (0, 100, 9_999, 10_000, 15_000, 20_000, 100_000, 150_000, 1_100_000, 125_000_000)
    assert [count_text(n, "zh") for n in counts] == [
        "0",
        "100",
        "9,999",
        "1万",
        "15,000",
        "2万",
        "10万",
        "15万",
        "110万",
        "12,500万",
    ]
    assert [count_text(n, "en") for n in (10_000, 100_000)] == ["10,000", "100,000"]


def test_units_say_their_size_in_wan_and_their_word_in_chinese() -> None:
    assert [unit_text(u, "zh") for u in ("10,000 DAU", "100,000 groups", "100,000 peak groups")] == [
        "1万 DAU",
        "10万 峰值群组",
        "10万 峰值群组",
    ]
    assert [unit_text(u, "zh") for u in ("1,000 units", "1,100,000 units", "month", "Mbps·day")] == [
        "1,000 扣量单位",
        "110万 扣量单位",
        "月",
        "Mbps·天",
    ]
    # English is what it always was.
    assert [unit_text(u) for u in ("10,000 DAU", "100,000 groups", "month")] == [
        "10,000 DAU",
        "100,000 groups",
        "month",
    ]


def test_the_rules_counts_read_in_wan_in_chinese_only() -> None:
    said = phrase("overage", over=80_000, free=100_000)
    assert (say(said, "zh"), say(said)) == ("超出免费额度 10万 的 8万", "80,000 over the free 100,000")
    said = phrase("overage", over=35_000, free=10_000)
    assert say(said, "zh") == "超出免费额度 1万 的 35,000"
    # Cloud moderation's units are Decimals: whole ones in 万, weighed fractions as they are.
    mixed = phrase("moderation.mixed", packs=phrase("moderation.pack"), units=counted(Decimal("2000000.00")))
    assert (say(mixed, "zh"), say(mixed)) == (
        "1 个月包 + 后付费 200万 扣量单位",
        "1 monthly pack + 2,000,000 units postpaid",
    )
    rest = phrase("moderation.rest", units=counted(Decimal("6.50")))
    assert (say(rest, "zh"), say(rest)) == ("资源包之外后付费 6.5 扣量单位", "6.5 units postpaid beyond the packs")


# --- exact Chinese lines of the samples --------------------------------------------------------------------------


def test_security_is_named_once_in_every_chinese_format(runner: CliRunner) -> None:
    path = str(SAMPLES / "security.yaml")
    # pro 999 + security 1000 = 1999.
    assert _run(runner, "estimate", path, "--lang", "zh") == (
        "moderated-chat：专业版，2026-12\n"
        "\n"
        "  费用项                                                   数量        单价        金额   计费方式\n"
        " " + "─" * 98 + "\n"
        "  套餐包                                                 1 个月     ¥999.00     ¥999.00   预付费\n"
        "  专业版\n"
        "  安全打击服务                                           1 个月   ¥1,000.00   ¥1,000.00   预付费\n"
        "\n"
        "  合计                                                                        ¥1,999.00\n"
        "\n"
        "\n"
        "2026-12 合计：¥1,999.00\n"
        "价格：Tencent Cloud IM，未注明生效日期；文档最后更新于 2020-10-30\n"
    )
    markdown = _run(runner, "estimate", path, "--lang", "zh", "-f", "markdown")
    assert (
        "| 套餐包       | 专业版 | 1 个月 |   ¥999.00 |       ¥999.00 | 预付费   |\n"
        "| 安全打击服务 |        | 1 个月 | ¥1,000.00 |     ¥1,000.00 | 预付费   |\n"
    ) in markdown
    html = _run(runner, "estimate", path, "--lang", "zh", "-f", "html")
    assert "<tr><td>安全打击服务</td><td class=num>1 个月</td>" in html
    # Named once in its row (the usage assumed names the need too): no description under it.
    assert html.count("<td>安全打击服务") == 1
    assert "安全打击服务<br>" not in html
    prices = _run(runner, "prices", "--lang", "zh")
    assert "  专业版   安全打击服务     " in prices
    assert "安全打击服务：安全打击服务" not in prices


def test_peak_groups_in_wan_in_chinese_markdown(runner: CliRunner) -> None:
    # samples/group-overage.yaml: 250,000 peak groups on pro, 150,000 (15万) over the free 10万: 2 started units.
    text = _run(runner, "estimate", str(SAMPLES / "group-overage.yaml"), "--lang", "zh", "-f", "markdown")
    assert (
        "| 费用项             | 说明                      |              数量 |      单价 "
        "|          金额 | 计费方式 |\n"
        "|--------------------|---------------------------|------------------:|----------:|--------------:|----------|\n"
        "| 套餐包             | 专业版                    |            1 个月 |   ¥999.00 "
        "|       ¥999.00 | 预付费   |\n"
        "| 峰值群组数超量费用 | 超出免费额度 10万 的 15万 | 2 × 10万 峰值群组 | ¥1,000.00 "
        "|     ¥2,000.00 | 后付费   |\n"
        "| **合计**           |                           |                   |           "
        "| **¥2,999.00** |          |\n"
    ) in text


def test_dau_units_in_wan_in_every_chinese_format(runner: CliRunner) -> None:
    # samples/flagship.yaml: 45,000 peak DAU, 35,000 over the free 1万: 4 started units of 1万 DAU.
    path = str(SAMPLES / "flagship.yaml")
    table = _run(runner, "estimate", path, "--lang", "zh")
    assert "  DAU 超量费用                                     4 × 1万 DAU   ¥1,000.00    ¥4,000.00   后付费\n" in table
    assert "  峰值群组数超量费用                         1 × 10万 峰值群组   ¥1,000.00    ¥1,000.00   后付费\n" in table
    assert "  超出免费额度 1万 的 35,000\n" in table
    html = _run(runner, "estimate", path, "--lang", "zh", "-f", "html")
    assert '<span class="desc">超出免费额度 10万 的 8万</span></td><td class=num>1 × 10万 峰值群组</td>' in html
    recommend = _run(runner, "recommend", path, "--lang", "zh", "-f", "markdown")
    assert re.search(r"\| +4 × 1万 DAU \|", recommend)


def test_cloud_moderation_in_chinese_names_its_costs_in_yuan(runner: CliRunner) -> None:
    # samples/moderation.yaml: 1,645,000 units: 1 pack (1,100,000 for 1050) + 545,000 postpaid (545) = 1595,
    # against all postpaid 1,645.00 and 2 packs 2,100.00.
    text = _run(runner, "estimate", str(SAMPLES / "moderation.yaml"), "--lang", "zh", "-f", "markdown")
    assert "1 个月包 + 后付费 545,000 扣量单位（最低价；全部后付费 ¥1,645.00，2 个月包 ¥2,100.00）" in text
    assert re.search(r"\| +1 × 110万 扣量单位 \|", text)
    assert re.search(r"\| +545 × 1,000 扣量单位 \|", text)
    # English is unchanged: the amounts compared carry no currency sign, as before.
    english = _run(runner, "estimate", str(SAMPLES / "moderation.yaml"), "-f", "markdown")
    assert (
        "1 monthly pack + 545,000 units postpaid (cheapest; all postpaid 1,645.00, 2 monthly packs 2,100.00)" in english
    )


def test_a_schedule_names_security_once(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("month: 2027-01\nname: chat\nedition: pro\npurchased_on: 2027-01-31\nsecurity: true\n")
    text = _run(runner, "schedule", str(plan), "--months", "1", "--lang", "zh")
    assert "  2027-01-31   安全打击服务   " in text
    assert "安全打击服务：" not in text


def test_no_english_word_in_a_chinese_quote(runner: CliRunner) -> None:
    """Every sample in every human format: the only ASCII words are the ones Chinese writes too."""
    allowed = {"DAU", "Mbps", "CNY", "imcost", "IM", "TRTC", "Tencent", "Cloud", "Easemob", "outside", "China", "1v1"}
    for path in sorted(SAMPLES.glob("*.yaml")):
        if path.name == "pricebook-2027.yaml":
            continue
        for fmt in ("table", "markdown", "html"):
            result = CliRunner().invoke(app, ["estimate", str(path), "--lang", "zh", "-f", fmt])
            text = result.stdout
            if fmt == "html":  # the page's markup and the source line are not labels
                text = re.sub(r"<style>.*?</style>|<[^>]+>|来源：[^<\n]*", " ", text, flags=re.S)
            else:
                text = re.sub(r"\(腾讯云[^\n]*|\(Easemob[^\n]*|价格：[^\n]*", " ", text)
            words = set(re.findall(r"[A-Za-z][A-Za-z0-9]*", text)) - allowed
            names = set(re.findall(r"[A-Za-z][A-Za-z0-9]*", path.read_text()))  # app and customer names
            assert words - names == set(), (path.name, fmt)


# --- columns lined up across the apps of a page ------------------------------------------------------------------


def _starts(line: str) -> list[int]:
    """Where each word of a header line starts, in terminal cells."""
    from rich.cells import cell_len

    return [cell_len(line[: m.start()]) for m in re.finditer(r"\S+", line)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_apps_tables_line_up_in_a_table(runner: CliRunner, lang: str) -> None:
    text = _run(runner, "estimate", str(SAMPLES / "multi-app.yaml"), "--lang", lang)
    header = "费用项" if lang == "zh" else "Fee"
    heads = [line for line in text.splitlines() if line.lstrip().startswith(header)]
    assert len(heads) == 3
    assert len({tuple(_starts(h)) for h in heads}) == 1
    # The amounts end at the same place: the totals' right edges (¥0.00, ¥1,999.00, ¥3,499.00).
    total = "合计" if lang == "zh" else "Total"
    totals = [line for line in text.splitlines() if line.startswith(f"  {total}")]
    assert [t.strip().split()[-1] for t in totals] == ["¥0.00", "¥1,999.00", "¥3,499.00"]
    assert len({len(t.rstrip()) for t in totals}) == 1


def test_the_english_table_changes_only_in_the_columns_widths(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def alone(tables: list[Table], console: Console, options: object) -> bool:
        return all(fit.fits(t, console, options) for t in tables)  # type: ignore[arg-type]

    path = str(SAMPLES / "multi-app.yaml")
    aligned = _run(runner, "estimate", path)
    monkeypatch.setattr(fit, "aligned", alone)
    monkeypatch.setattr(plaintable, "_ALIGNED", False)  # the piped writer lines up as render.fit does
    before = _run(runner, "estimate", path)
    assert aligned != before
    assert [line.split() for line in aligned.splitlines()] == [line.split() for line in before.splitlines()]
    # One app: nothing to line up, byte for byte the same.
    single = _run(runner, "estimate", str(SAMPLES / "flagship.yaml"))
    monkeypatch.undo()
    assert _run(runner, "estimate", str(SAMPLES / "flagship.yaml")) == single


def test_tables_that_fit_alone_but_not_together_keep_their_own_widths() -> None:
    def table(first: str, second: str) -> Table:
        t = Table(expand=True)
        t.add_column("fee", ratio=1)
        t.add_column("a", no_wrap=True)
        t.add_column("b", no_wrap=True)
        t.add_row("x", first, second)
        return t

    # 20 + 3 cells each alone (plus the frame, 10) fit 40; 20 + 20 together do not.
    wide_a, wide_b = table("a" * 20, "b"), table("a", "b" * 20)
    console = Console(width=40, record=True, color_system=None)
    assert fit.aligned([wide_a, wide_b], console, console.options) is True
    assert (wide_a.columns[2].min_width, wide_b.columns[1].min_width) == (None, None)
    # Together they fit 60: each column as wide as the widest of the two.
    narrow_a, narrow_b = table("a" * 20, "b"), table("a", "b" * 20)
    console = Console(width=60, record=True, color_system=None)
    assert fit.aligned([narrow_a, narrow_b], console, console.options) is True
    assert [c.min_width for c in narrow_a.columns[1:]] == [20, 20]
    assert [c.min_width for c in narrow_b.columns[1:]] == [20, 20]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_apps_tables_line_up_in_markdown(runner: CliRunner, lang: str) -> None:
    from rich.cells import cell_len

    text = _run(runner, "estimate", str(SAMPLES / "overseas.yaml"), "--lang", lang, "-f", "markdown")
    rows = [line for line in text.splitlines() if line.startswith("|")]
    # Three apps, each a header, a rule and a total, and 2 + 3 + 1 items.
    assert len(rows) == 3 * 3 + 6
    bars = {tuple(cell_len(line[: m.start()]) for m in re.finditer(r"(?<!\\)\|", line)) for line in rows}
    assert len(bars) == 1


def test_the_apps_tables_share_one_colgroup_in_html(runner: CliRunner) -> None:
    text = _run(runner, "estimate", str(SAMPLES / "discounts.yaml"), "--lang", "zh", "-f", "html")
    assert "table-layout: fixed;" in text
    groups = re.findall(r'<table class="items">(<colgroup>.*?</colgroup>)', text)
    # quantity "4 × 1万 DAU" (11 cells), unit and list price "¥2,999.00" (9), discount "-¥374.87 (12.5%)" (16),
    # amount "¥6,424.13" (9) and billing "计费方式" (8), each one character wider for the bold total.
    widths = (12, 10, 10, 17, 10, 9)
    cols = "".join(f'<col style="width: calc({w}ch + 1.2rem)">' for w in widths)
    assert groups == [f'<colgroup><col class="fee">{cols}</colgroup>'] * 2
