"""The plain-text table writer (imcost.render.plaintable) prints exactly what Rich prints, where it is used at all.

Each case runs twice: as shipped, and with the writer turned off so Rich lays out every table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app
from imcost.render import plaintable
from imcost.render.fit import Fitted

from .conftest import SAMPLES

REAL = plaintable.plain_text
PLANS = sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.startswith("pricebook"))

# Names that test the title's width, wide characters and words longer than a column.
HOSTILE = """\
month: 2026-12
customer: 深圳市某某科技有限公司 Example Corporation Limited
apps:
  - name: 即时通信应用即时通信应用即时通信应用即时通信应用
    edition: flagship
    usage: {peak_dau: 123456, peak_groups: 987654, barrage_mbps: {domestic: 12, international: 3.5}}
    needs: {history_days: 180, groups_per_user: 900, group_members: {private: 200, public: 1800}}
    security: true
  - name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    edition: trial
    usage: {peak_dau: 500}
  - name: b
    edition: pro
    usage: {peak_dau: 10001}
"""


def _both(runner: CliRunner, args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, int]:
    """The output with the plain writer, without it (Rich alone), and how many tables the plain writer wrote."""
    written: list[str] = []

    def counted(*args: object) -> str | None:
        text = REAL(*args)  # type: ignore[arg-type]
        if text is not None and isinstance(args[0], Fitted):
            written.append(text)
        return text

    monkeypatch.setattr(plaintable, "plain_text", counted)
    plain = runner.invoke(app, args)
    monkeypatch.setattr(plaintable, "plain_text", lambda *args: None)
    rich = runner.invoke(app, args)
    assert plain.exit_code == rich.exit_code
    assert plain.stderr == rich.stderr
    return plain.stdout, rich.stdout, len(written)


@pytest.mark.parametrize("width", ["40", "60", "80", "120"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_sample_prints_the_same_text_as_rich(
    width: str, lang: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    written = 0
    for plan in PLANS:
        plain, rich, count = _both(runner, ["estimate", str(plan), "--lang", lang], monkeypatch)
        assert plain == rich, plan.name
        written += count
    # At 100 columns and wider every sample's 25 tables are plain text; at 40 all are blocks (Rich).
    expected = {"40": 0, "60": None, "80": None, "120": 25}[width]
    if expected is not None:
        assert written == expected
    else:
        assert written > 0


@pytest.mark.parametrize("width", ["30", "60", "72", "80", "100", "120"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_names_print_the_same_text_as_rich(
    width: str, lang: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    plan = tmp_path / "hostile.yaml"
    plan.write_text(HOSTILE, encoding="utf-8")
    plain, rich, count = _both(runner, ["estimate", str(plan), "--lang", lang], monkeypatch)
    assert plain == rich
    if width == "120":
        assert count == 3


def test_a_piped_estimate_is_written_table_by_table(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    plain, rich, count = _both(runner, ["estimate", str(SAMPLES / "flagship.yaml")], monkeypatch)
    assert plain == rich
    assert count == 1
    # 100 columns: 6 of edges and separators, 10 of padding; Quantity 8, Unit price 10, Amount 10
    # ("¥12,139.00", the total in the footer), Billing 8 (its min_width): the fee column takes the other 48.
    assert plain.splitlines()[:5] == [
        "chat-prod: flagship (旗舰版), 2026-12",
        "",
        "  Fee" + " " * 48 + "Quantity   Unit price       Amount   Billing",
        " " + "─" * 98,
        "  Package" + " " * 45 + "1 month    ¥2,999.00    ¥2,999.00   prepaid",
    ]


def test_only_utf8_gets_the_plain_writer() -> None:
    assert plaintable.plain_text("not a table", 100, "utf-8") is None
    assert plaintable.plain_text("not a table", 100, "ascii") is None


def test_lines_between_tables_are_written_as_rich_writes_them_or_left_to_it() -> None:
    from rich.text import Text

    from imcost.render.fit import Words

    assert plaintable.plain_text(Text(""), 100, "utf-8") == "\n"
    assert plaintable.plain_text(Text("Total for 2026-12: ¥12,139.00  ", style="bold"), 100, "utf-8") == (
        "Total for 2026-12: ¥12,139.00\n"
    )
    assert plaintable.plain_text(Words("合计：¥12,139.00"), 16, "utf-8") == "合计：¥12,139.00\n"
    # One cell wider than the line, a line break, a tab, a right-justified line: Rich's to lay out.
    assert plaintable.plain_text(Words("合计：¥12,139.00"), 15, "utf-8") is None
    assert plaintable.plain_text(Text("a\nb"), 100, "utf-8") is None
    assert plaintable.plain_text(Text("a\tb"), 100, "utf-8") is None
    assert plaintable.plain_text(Text("a", justify="right"), 100, "utf-8") is None
    assert plaintable.plain_text(Text(""), 100, "ascii") is None
