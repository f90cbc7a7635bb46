"""Quotes to send: the standalone HTML page, Chinese labels, people's amounts."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost import i18n
from imcost.cli import app
from imcost.rules.base import FEE_IDS

from .conftest import SAMPLES

QUOTE = SAMPLES / "discounts.yaml"


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


class _Page(HTMLParser):
    """Collects the visible text, the tags and every attribute that could load something."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self.loads: list[tuple[str, str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._skip += tag in ("style", "title")
        self.loads += [(tag, v or "") for k, v in attrs if k in ("src", "href", "srcset", "data")]

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.text.append(data.strip())


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def test_html_quote_has_everything_a_customer_needs(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", str(QUOTE), "--format", "html")
    assert (code, err) == (0, "")
    page = _page(out)
    text = " | ".join(page.text)
    for expected in (
        "Quote for Example Corp",
        "Month: 2026-12",
        "chat-prod: flagship (旗舰版)",
        "support: pro (专业版)",
        "Package",
        "DAU overage",
        "35,000 over the free 10,000",
        "Security service",
        "List price",
        "Discount",
        "-¥374.87 (12.5%)",
        "¥2,624.13",
        "¥6,424.13",
        "¥1,799.10",
        "Total for 2026-12: ¥8,223.23 (CNY)",
        "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30",
        "Source: 腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)",
    ):
        assert expected in text, expected
    # The customer is named once, in the heading.
    assert text.count("Example Corp") == 1
    assert out.startswith("<!DOCTYPE html>\n")
    # Standalone: no scripts, no stylesheets or images to fetch.
    assert page.loads == []
    assert not {"script", "link", "img", "iframe"} & set(page.tags)
    assert "url(" not in out and "@import" not in out


def test_html_escapes_what_the_user_wrote(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text('customer: "<script>alert(1)</script> & Co"\nname: "a<b"\nedition: pro\n', encoding="utf-8")
    code, out, _ = run(runner, "estimate", str(plan), "--format", "html")
    assert code == 0
    assert "<script>" not in out
    page = _page(out)
    assert "Quote for <script>alert(1)</script> & Co" in page.text
    assert "script" not in page.tags


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_html_renders_in_a_headless_browser(tmp_path: Path, runner: CliRunner) -> None:
    page = tmp_path / "quote.html"
    assert run(runner, "estimate", str(QUOTE), "--format", "html", "--out", str(page))[0] == 0
    browser = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*browser, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr
    text = " | ".join(_page(dom.stdout).text)
    for expected in (
        "Quote for Example Corp",
        "chat-prod: flagship (旗舰版)",
        "¥8,223.23",
        "date not stated; document last updated 2020-10-30",
    ):
        assert expected in text, expected
    shot = tmp_path / "quote.png"
    done = subprocess.run(
        [*browser, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # a blank page is a few hundred bytes


def test_every_fee_has_a_label_in_every_language() -> None:
    for lang in i18n.LANGS:
        assert set(i18n.FEES[lang]) == {*FEE_IDS, "limits"}
        assert set(i18n.TEXT[lang]) == set(i18n.TEXT["en"])
        assert set(i18n.QUOTAS[lang]) == set(i18n.QUOTAS["en"])


def test_chinese_markdown(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", str(SAMPLES / "security.yaml"), "--format", "markdown", "--lang", "zh")
    assert code == 0
    assert out == (
        "# imcost 费用估算：2026-12\n"
        "\n"
        "## moderated-chat: 专业版\n"
        "\n"
        # The security service named once (its Chinese name is the label); cells padded to the page's widths.
        "| 费用项       | 说明   |   数量 |      单价 |          金额 | 计费方式 |\n"
        "|--------------|--------|-------:|----------:|--------------:|----------|\n"
        "| 套餐包       | 专业版 | 1 个月 |   ¥999.00 |       ¥999.00 | 预付费   |\n"
        "| 安全打击服务 |        | 1 个月 | ¥1,000.00 |     ¥1,000.00 | 预付费   |\n"
        "| **合计**     |        |        |           | **¥1,999.00** |          |\n"
        "\n"
        "**2026-12 合计：¥1,999.00** (CNY)\n"
        "\n"
        "价格：Tencent Cloud IM，未注明生效日期；文档最后更新于 2020-10-30 "
        "(腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)).\n"
    )


def test_imcost_lang_env_gives_chinese_table_and_html_and_an_english_csv_header(runner: CliRunner) -> None:
    env = {"IMCOST_LANG": "zh"}
    code, out, _ = run(runner, "estimate", str(SAMPLES / "pro-dau-overage.yaml"), env=env)
    assert code == 0
    assert "community-app：专业版，2026-12" in out
    assert "DAU 超量费用" in out and "后付费" in out and "2026-12 合计：¥2,999.00" in out
    code, out, _ = run(runner, "estimate", str(QUOTE), "-f", "html", env=env)
    text = " | ".join(_page(out).text)
    assert (
        "报价单：Example Corp" in text and "刊例价" in text and "超量费用" in text and "2026-12 合计：¥8,223.23" in text
    )
    assert '<html lang="zh-CN">' in out
    code, out, _ = run(runner, "estimate", str(QUOTE), "-f", "csv", env=env)
    assert (
        out.splitlines()[0] == "app,edition,fee,description,quantity,unit,unit_price,amount,billing,"
        "list_amount,discount_percent,discount,month"
    )
    # Values stay machine-readable (ids, units, billing words, plain amounts); the description is for people.
    assert (
        out.splitlines()[1]
        == "chat-prod,flagship,package,旗舰版,1,month,2999.00,2624.13,prepaid,2999.00,12.5,374.87,2026-12"
    )


def test_lang_flag_overrides_the_env(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", str(SAMPLES / "security.yaml"), "--lang", "en", env={"IMCOST_LANG": "zh"})
    assert code == 0
    assert "Total for 2026-12: ¥1,999.00" in out


def test_json_keys_and_values_do_not_change_with_the_language(runner: CliRunner) -> None:
    english = run(runner, "estimate", str(QUOTE), "-f", "json")[1]
    chinese = run(runner, "estimate", str(QUOTE), "-f", "json", "--lang", "zh")[1]
    assert english == chinese
    assert json.loads(english)["apps"][0]["items"][0]["fee"] == "package"


def test_chinese_limits_and_prices(runner: CliRunner) -> None:
    code, out, _ = run(runner, "limits", "--lang", "zh", "-f", "markdown")
    assert code == 0
    assert "| 上限 | 体验版 | 专业版 | 旗舰版 |" in out
    assert "| 用户数上限 | 100 | 无限制 | 无限制 |" in out
    code, out, _ = run(runner, "prices", "--lang", "zh", "-f", "markdown")
    assert "| 专业版 | 套餐包 | 月 | ¥999.00 | 预付费 |" in out
    assert "| 旗舰版 | 音视频聊天室弹幕带宽：国际 | Mbps·天 | ¥4.00 | 后付费 |" in out


def test_bad_lang(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", str(QUOTE), "--lang", "fr")
    assert (code, out) == (2, "")
    assert err == "imcost: error: --lang: 'fr' is not one of en, zh (see imcost estimate --help)\n"


def test_chinese_quantities_read_as_counts(runner: CliRunner) -> None:
    # 1 个月 ("1 month"), never 1 月 ("January"); group overage units in Chinese too, sizes in 万.
    result = runner.invoke(app, ["estimate", str(SAMPLES / "flagship.yaml"), "-f", "markdown", "--lang", "zh"])
    assert result.exit_code == 0
    rows = [" ".join(row.split()) for row in result.stdout.splitlines()]  # the cells without their padding
    assert "| 套餐包 | 旗舰版 | 1 个月 | ¥2,999.00 | ¥2,999.00 | 预付费 |" in rows
    group_row = "| 峰值群组数超量费用 | 超出免费额度 10万 的 8万 | 1 × 10万 峰值群组 | ¥1,000.00 | ¥1,000.00 |"
    assert f"{group_row} 后付费 |" in rows
