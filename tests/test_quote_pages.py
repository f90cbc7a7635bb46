"""Quote pages for estimate, compare and recommend: the shared shell, the offer, the changes, print and PDF.

Amounts are worked by hand from imcost/pricebooks/tencent-im.yaml (samples/quote.yaml's header):
chat-prod on pro: package 999 + DAU 2 x 1000 + groups 1 x 1000 + history 90 days 1000 + 2,000 members 500 = 5499;
on flagship: 2999 + 2000 + 1000 + history 90 days 500 + members 500 = 6999.
support on flagship: 2999 + security 1000 = 3999; on pro: 999 + 1000 = 1999, saving 2000 a month, 24000 a year.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import SAMPLES
from .pdftext import page_count, pages_text
from .test_quotes import _page, run

QUOTE = str(SAMPLES / "quote.yaml")
HOSTILE = {
    "customer": "<script>alert(1)</script> & Co",
    "seller": "<b>Evil</b> Ltd",
    "contact": '"><img src=x onerror=alert(1)>',
    "number": "Q&A-1</title>",
    "tax": "<i>VAT</i> \u202eexcluded",
    "notes": "line one <script>x</script>\nline two & <style>",
}


def _text(html: str) -> str:
    return " | ".join(_page(html).text)


def _html(runner: CliRunner, *args: str) -> str:
    code, out, err = run(runner, *args, "--format", "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>\n") and out.endswith("</html>\n")
    return out


HEADER_EN = (
    "Seller: Acme Cloud Resellers",
    "Contact: sales@acme.example, +86 10 1234 5678",
    "Quote number: Q-2026-0042",
    "Date: 2026-12-01",
    "Valid until: 2026-12-31 (30 days)",
    "Usage assumed",
    "chat-prod | : peak DAU 25,000; peak groups 150,000; history 90 days; group members 2,000",
    "support | : peak DAU 3,000; history 7 days; group members 200; groups per user 100; AV chatrooms 10; "
    "security service",
    "Prices exclude VAT.",
    "Notes | Prices in CNY, billed by Tencent Cloud. | Usage above the figures assumed is billed at the same rates.",
    "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30 | "
    "Source: 腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)",
)


def test_estimate_page_has_the_shell(runner: CliRunner) -> None:
    text = _text(_html(runner, "estimate", QUOTE))
    assert text.startswith("Quote for Example Corp | Month: 2026-12 | Seller: Acme Cloud Resellers")
    for expected in (*HEADER_EN, "Total | ¥5,499.00", "Total | ¥3,999.00"):
        assert expected in text, expected
    assert "Total for 2026-12: ¥9,498.00 (CNY), per month" in text
    # Header, usage, the apps, the total, tax, notes, footer: in that order.
    order = [
        "Valid until",
        "Usage assumed",
        "chat-prod: pro",
        "support: flagship",
        "Total for",
        "Prices exclude",
        "Notes",
    ]
    assert [text.index(x) for x in order] == sorted(text.index(x) for x in order)


def test_estimate_page_in_chinese(runner: CliRunner) -> None:
    text = _text(_html(runner, "estimate", QUOTE, "--lang", "zh"))
    for expected in (
        "报价单：Example Corp",
        "报价方：Acme Cloud Resellers",
        "报价单号：Q-2026-0042",
        "报价日期：2026-12-01",
        "有效期至：2026-12-31 (30 天)",
        "报价所依据的用量与需求",
        "chat-prod | ：峰值 DAU 25,000；峰值群组数 150,000；历史消息存储 90 天；群成员数 2,000",
        "support | ：峰值 DAU 3,000；历史消息存储 7 天；群成员数 200；单个用户可加入群组数 100；"
        "音视频聊天室 10 个；安全打击服务",
        "2026-12 合计：¥9,498.00 (CNY)，每月",
        "备注",
        "价格：Tencent Cloud IM，未注明生效日期；文档最后更新于 2020-10-30",
    ):
        assert expected in text, expected


def test_infeasible_estimate_page_quotes_no_total(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", str(SAMPLES / "trial-over-quota.yaml"), "--format", "html")
    assert code == 1
    text = _text(out)
    assert "Total | cannot be bought as written" in text
    assert "Total for 2026-12: cannot be quoted as written (the reasons are listed above)" in text
    # The free trial package is an item at ¥0.00; no total says ¥0.
    assert re.findall(r"Total[^|]*\| ¥", text) == []
    assert "(CNY)" not in text


def test_compare_page_marks_the_cheapest_that_fits(runner: CliRunner) -> None:
    out = _html(runner, "compare", "--plan", QUOTE, "--app", "chat-prod")
    text = _text(out)
    assert text.startswith(
        "Offer for chat-prod: editions side by side, 2026-12 | Customer: Example Corp | Month: 2026-12 | "
        "Seller: Acme Cloud Resellers"
    )
    assert "Fee | trial (体验版) | pro (专业版) | ✓ cheapest that fits | flagship (旗舰版)" in text
    assert "Package | ¥999.00 | ¥2,999.00" in text
    assert "History storage | ¥1,000.00 | ¥500.00" in text
    assert "Total | cannot be bought as written | ¥5,499.00 | ¥6,999.00" in text
    assert "Why not trial: DAU: peak 25,000 is over the 100 that trial (体验版) allows" in text
    assert "Cheapest that fits: pro (专业版), ¥5,499.00 (CNY) per month" in text
    assert "chat-prod | : peak DAU 25,000; peak groups 150,000; history 90 days; group members 2,000" in text
    for expected in HEADER_EN[:5] + HEADER_EN[8:]:
        assert expected in text, expected
    # Only the cheapest column is marked: its header, five fees and its total.
    assert out.count('class="num best"') == 7
    assert "¥0.00" not in out


def test_compare_page_in_chinese(runner: CliRunner) -> None:
    text = _text(_html(runner, "compare", "--plan", QUOTE, "--app", "support", "--lang", "zh"))
    for expected in (
        "support 各版本报价对比：2026-12 | 客户：Example Corp | 月份：2026-12",
        "费用项 | 体验版 | 专业版 | ✓ 最便宜的可行版本 | 旗舰版",
        "套餐包 | ¥999.00 | ¥2,999.00",
        "安全打击服务 | ¥1,000.00 | ¥1,000.00",
        "合计 | 无法按此购买 | ¥1,999.00 | ¥3,999.00",
        "体验版不可行的原因：峰值 DAU 3,000 超出体验版的免费额度 100",
        "最便宜的可行版本：专业版，每月 ¥1,999.00（CNY）",
    ):
        assert expected in text, expected


def test_compare_page_where_no_edition_fits(runner: CliRunner) -> None:
    out = _html(runner, "compare", "trial", "--dau", "5000", "--month", "2026-12")
    text = _text(out)
    assert "Usage assumed | app | : peak DAU 5,000" in text
    assert "Total | cannot be bought as written" in text
    assert "No edition can be bought as written: no total is quoted." in text
    assert "¥" not in text


def test_compare_takes_html_from_the_out_file(tmp_path: Path, runner: CliRunner) -> None:
    page = tmp_path / "offer.html"
    code, out, err = run(runner, "compare", "pro", "flagship", "--dau", "25000", "--month", "2026-12", "-o", str(page))
    assert (code, out, err) == (0, "", "")
    text = _text(page.read_text(encoding="utf-8"))
    assert "Total | ¥2,999.00 | ¥4,999.00" in text
    assert "Cheapest that fits: pro (专业版), ¥2,999.00 (CNY) per month" in text


def test_a_range_has_no_quote_page(runner: CliRunner) -> None:
    code, out, err = run(runner, "compare", "--dau", "0:99999:1", "--format", "html")
    assert (code, out) == (2, "")
    assert err == (
        "imcost: error: --format: a range gives a curve of totals; a quote page offers one set of values "
        "(give the flag a single value)\n"
    )


def test_recommend_page_says_what_changes_and_saves(runner: CliRunner) -> None:
    text = _text(_html(runner, "recommend", QUOTE))
    assert text.startswith("Recommended editions for 2026-12 | Customer: Example Corp | Month: 2026-12")
    for expected in (
        "App | Current | Recommended | Add-ons | A month | Saving a month | Saving a year",
        "chat-prod | pro (专业版) | pro (专业版) | History storage ¥1,000.00, Group member cap ¥500.00 | "
        "¥5,499.00 | ¥0.00 | ¥0.00",
        "support | flagship (旗舰版) | pro (专业版) | Security service ¥1,000.00 | ¥1,999.00 | ¥2,000.00 | ¥24,000.00",
        "support: pro (专业版)",
        "Total | ¥1,999.00",
        "flagship: costs ¥2,000.00 more (¥3,999.00)",
        "Recommended total: ¥7,498.00 (CNY) per month",
        "Saving ¥2,000.00 a month, ¥24,000.00 a year, against the current editions",
        *HEADER_EN,
    ):
        assert expected in text, expected


def test_recommend_page_in_chinese(runner: CliRunner) -> None:
    text = _text(_html(runner, "recommend", QUOTE, "--lang", "zh"))
    for expected in (
        "2026-12 推荐版本 | 客户：Example Corp",
        "应用 | 当前版本 | 推荐版本 | 增值服务 | 每月金额 | 每月节省 | 每年节省",
        "support | 旗舰版 | 专业版 | 安全打击服务 ¥1,000.00 | ¥1,999.00 | ¥2,000.00 | ¥24,000.00",
        "chat-prod | 专业版 | 专业版 | 延长历史消息存储时长 ¥1,000.00、扩展单个群成员数上限 ¥500.00",
        "推荐方案合计：每月 ¥7,498.00（CNY）",
        "较当前版本每月节省 ¥2,000.00，每年节省 ¥24,000.00",
    ):
        assert expected in text, expected


def test_recommend_page_when_nothing_fits(runner: CliRunner) -> None:
    code, out, _ = run(runner, "recommend", "--friends", "100000", "--month", "2026-12", "--format", "html")
    assert code == 1
    text = _text(out)
    assert "app | none named | cannot be bought as written" in text
    assert "Not feasible as written: | friends per user: needs 100,000, flagship caps at 3,000" in text
    assert "Total for 2026-12: cannot be quoted as written (the reasons are listed above)" in text
    assert "¥0.00" not in text


def _hostile_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "hostile.yaml"
    quote = {key: value for key, value in HOSTILE.items() if key != "customer"}
    body = {
        "customer": HOSTILE["customer"],
        "month": "2026-12",
        "quote": {**quote, "date": "2026-11-20"},
        "apps": [{"name": "a<b>&", "edition": "pro", "usage": {"peak_dau": 12000}}],
    }
    plan.write_text(json.dumps(body), encoding="utf-8")  # JSON is YAML
    return plan


@pytest.mark.parametrize("command", ["estimate", "compare", "recommend"])
def test_pages_escape_hostile_quote_text(command: str, tmp_path: Path, runner: CliRunner) -> None:
    plan = str(_hostile_plan(tmp_path))
    out = _html(runner, *((command, "--plan", plan) if command == "compare" else (command, plan)))
    page = _page(out)
    assert not {"script", "img", "b", "i"} & set(page.tags)
    assert page.loads == []
    assert out.count("<style>") == 1 and out.count("</title>") == 1
    assert "\u202e" not in out
    text = " | ".join(page.text)
    for expected in (
        "<script>alert(1)</script> & Co",
        "Seller: <b>Evil</b> Ltd",
        'Contact: "><img src=x onerror=alert(1)>',
        "Quote number: Q&A-1</title>",
        "<i>VAT</i> \\u202eexcluded",
        "line one <script>x</script> | line two & <style>",
        "a<b>&",
    ):
        assert expected in text, expected


@pytest.mark.parametrize(
    "args",
    [("estimate", QUOTE), ("compare", "--plan", QUOTE, "--app", "chat-prod"), ("recommend", QUOTE)],
    ids=["estimate", "compare", "recommend"],
)
def test_pages_are_reproducible(args: tuple[str, ...], tmp_path: Path, runner: CliRunner) -> None:
    """With the quote's date given, two runs write the same bytes, in either language."""
    for lang in ("en", "zh"):
        first, second = tmp_path / f"1-{lang}.html", tmp_path / f"2-{lang}.html"
        for page in (first, second):
            assert run(runner, *args, "--lang", lang, "-o", str(page))[0] == 0
        assert first.read_bytes() == second.read_bytes()
        # Only the dates the plan states: no timestamp of the run.
        dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", first.read_text(encoding="utf-8")))
        assert dates == {"2026-12-01", "2026-12-31", "2020-10-30"}


def test_print_style_is_a4_and_keeps_rows_whole(runner: CliRunner) -> None:
    out = _html(runner, "compare", "--plan", QUOTE, "--app", "chat-prod")
    style = out[out.index("<style>") : out.index("</style>")]
    assert "@page { size: A4; margin: 15mm 12mm; }" in style
    printed = style[style.index("@media print") :]
    assert "thead { display: table-header-group; }" in printed
    assert "tr, li, .total, .tax { break-inside: avoid; page-break-inside: avoid; }" in printed
    assert "overflow-wrap: anywhere" in style
    assert "<thead>" in out and "</thead>" in out


def _print_to_pdf(page: Path, tmp_path: Path) -> bytes:
    pdf = page.with_suffix(".pdf")
    done = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return pdf.read_bytes()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize(
    ("args", "pages", "amounts"),
    [
        (("estimate", QUOTE), 1, 8),
        (("compare", "--plan", QUOTE, "--app", "chat-prod"), 1, 7),
        (("recommend", QUOTE), 2, 12),
        # A year of both apps growing (tests/test_calendar_pages.py: the amounts by hand).
        (("forecast", QUOTE, "--growth", "dau=8%,groups=5%"), 2, 11),
    ],
    ids=["two-app-estimate", "compare", "recommend", "forecast"],
)
def test_quote_prints_to_a4_pdf_with_every_amount(
    args: tuple[str, ...], pages: int, amounts: int, tmp_path: Path, runner: CliRunner
) -> None:
    """Chromium prints the page; the PDF has the pages expected and says every amount of the page.

    The text is read from the PDF's own streams (tests/pdftext.py: zlib and the fonts' ToUnicode
    maps), as no PDF tool is a dependency. English only: this machine's Chromium has no CJK font.
    """
    page = tmp_path / "quote.html"
    assert run(runner, *args, "--lang", "en", "-o", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    data = _print_to_pdf(page, tmp_path)
    assert data.startswith(b"%PDF-")
    assert page_count(data) == pages
    printed = pages_text(data)
    assert len(printed) == pages
    text = "".join(printed)
    shown = set(re.findall(r"¥[\d,]+\.\d\d", " ".join(_page(html).text)))
    assert len(shown) == amounts
    for amount in sorted(shown):
        assert amount in text, amount
    assert "Quote number: Q-2026-0042" in text
    assert "Valid until: 2026-12-31 (30 days)" in text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (.ci/run installs it)")
def test_a_long_table_repeats_its_header_on_the_next_page(tmp_path: Path, runner: CliRunner) -> None:
    """45 apps on flagship, each cheaper on pro: recommend's table of changes runs onto page 2, headed again."""
    apps = "".join(
        f"  - name: app-{i:02d}\n    edition: flagship\n    usage: {{peak_dau: 3000}}\n"
        "    needs: {history_days: 7, groups_per_user: 100, av_chatrooms: 10, group_members: 200}\n"
        for i in range(45)
    )
    plan = tmp_path / "many.yaml"
    plan.write_text(f"month: 2026-12\ncustomer: Big Co\nquote: {{date: 2026-12-01}}\napps:\n{apps}", encoding="utf-8")
    page = tmp_path / "many.html"
    assert run(runner, "recommend", str(plan), "--lang", "en", "-o", str(page))[0] == 0
    data = _print_to_pdf(page, tmp_path)
    printed = pages_text(data)
    assert page_count(data) == len(printed) == 14
    assert printed[0].startswith("Recommended editions for 2026-12 Customer: Big Co Month: 2026-12")
    assert printed[1].startswith("App Current Recommended Add-ons A month Saving a month Saving a year app-")
    # 45 apps, each saving 2999 - 999 = 2000 a month: 90,000 a month, 1,080,000 a year.
    assert "Saving ¥90,000.00 a month, ¥1,080,000.00 a year, against the current editions" in "".join(printed)
