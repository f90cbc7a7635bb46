"""Plans of many apps: estimate writes its output in pieces, byte for byte the renderers' text, in bounded memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from imcost.cli import app
from imcost.period import estimate_month
from imcost.plan import load_plan
from imcost.pricebook import load_book
from imcost.render import common, csvout, htmlpage, jsonout, markdown, table

TESTS = Path(__file__).resolve().parent

# Three kinds of app, taken in turn: a trial, a pro over its DAU with 30 days of
# history, a flagship over its DAU; with discounts and a customer the people's
# formats show list prices and discounts too.
_KINDS = (
    "  - name: {name}\n    edition: trial\n    usage: {{peak_dau: 72, peak_groups: 8271}}\n"
    "    needs: {{history_days: 7}}\n",
    "  - name: {name}\n    edition: pro\n    usage: {{peak_dau: 30911, peak_groups: 64937}}\n"
    "    needs: {{history_days: 30}}\n",
    "  - name: {name}\n    edition: flagship\n    usage: {{peak_dau: 116755, peak_groups: 34908}}\n"
    "    needs: {{history_days: 7}}\n",
)


def _plan(apps: int, head: str = "") -> str:
    body = "".join(_KINDS[i % 3].format(name=f"app-{i}") for i in range(apps))
    return f"month: 2026-12\n{head}apps:\n{body}"


def _whole_table(output: Any) -> str:
    """The table as printed whole before estimates were printed part by part: one Rich print of the Group."""
    buffer = io.StringIO()
    Console(file=buffer, width=100, color_system=None, markup=False, emoji=False).print(output)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("head", ["", "customer: ACME | 甲方\ndiscounts: {package: 15%}\n"])
def test_estimate_in_pieces_is_the_renderers_text(
    head: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every format of a 200-app plan, written in pieces of about 2,000 characters, is the whole document's bytes."""
    # imcost.cli reads common.CHUNK when it writes a table, so patching common covers it.
    for module in (common, jsonout, csvout):
        monkeypatch.setattr(module, "CHUNK", 2000)
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(_plan(200, head), encoding="utf-8")
    books = load_book(None, None)
    plan = load_plan(plan_file, books)
    estimate = estimate_month(plan, plan.month, books).estimate
    expected = {
        "json": jsonout.render(estimate),
        "csv": csvout.render(estimate, lang),
        "markdown": markdown.render(estimate, lang),
        "html": htmlpage.render(estimate, lang),
        "table": _whole_table(table.render(estimate, lang)),
    }
    # The whole documents are long enough to come in many pieces.
    assert all(len(text) > 15 * 2000 for text in expected.values())
    runner = CliRunner()
    for fmt, text in expected.items():
        result = runner.invoke(app, ["estimate", str(plan_file), "-f", fmt, "--lang", lang])
        assert (fmt, result.exit_code, result.stderr) == (fmt, 0, "")
        assert result.stdout_bytes == text.encode("utf-8"), fmt
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["estimate", str(plan_file), "-f", fmt, "--lang", lang, "--out", str(out)])
        assert (fmt, result.exit_code, result.stdout) == (fmt, 0, "")
        assert out.read_bytes() == text.encode("utf-8"), fmt
    # --bom goes once before the first piece.
    result = runner.invoke(app, ["estimate", str(plan_file), "-f", "csv", "--lang", lang, "--bom"])
    assert result.stdout_bytes == ("\ufeff" + expected["csv"]).encode("utf-8")


def test_json_pieces_are_dumps_of_the_same_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streams at any depth, empty or not, write as the lists they stand for; pieces come after whole items."""
    monkeypatch.setattr(jsonout, "CHUNK", 30)
    data = {
        "b": jsonout.Stream({"n": i, "s": "é"} for i in range(5)),
        "a": [{"x": jsonout.Stream(iter([1, [2], {}]))}, 3],
        "c": jsonout.Stream(iter([])),
        "d": {"e": None, "f": True},
    }
    pieces = list(jsonout.chunks(data))
    plain = {
        "b": [{"n": i, "s": "é"} for i in range(5)],
        "a": [{"x": [1, [2], {}]}, 3],
        "c": [],
        "d": {"e": None, "f": True},
    }
    assert "".join(pieces) == json.dumps(plain, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    # A piece is handed on once a Stream's items since the last reach 30 characters: a's first two
    # items (1 and [2], 43 characters with their commas and indents), then each of b's items
    # (42 each), then the rest.
    assert len(pieces) == 7
    assert pieces[0].endswith('"x": [\n        1,\n        [\n          2\n        ]')
    assert pieces[1].endswith('"b": [\n    {\n      "n": 0,\n      "s": "é"\n    }')
    assert pieces[2:6] == [f',\n    {{\n      "n": {i},\n      "s": "é"\n    }}' for i in range(1, 5)]
    assert pieces[6].startswith('\n  ],\n  "c": [],')


def _under_1_gb(tmp_path: Path, plan_file: Path) -> dict[str, Any]:
    cases = {
        fmt: {
            "args": ["estimate", str(plan_file), "--format", fmt],
            "cwd": str(tmp_path),
            "address_space": 1024**3,
            "cpu_seconds": 55,
        }
        for fmt in ("json", "csv")
    }
    done = subprocess.run(
        [sys.executable, str(TESTS / "forkrun.py")],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    outcomes: dict[str, Any] = json.loads(done.stdout)
    return outcomes


def test_a_10_mb_plan_is_estimated_under_1_gb(tmp_path: Path) -> None:
    """The largest plan imcost reads (10 MB, 85,500 apps) as JSON and CSV in a process limited to 1 GB."""
    apps = 85_500
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(_plan(apps), encoding="utf-8")
    assert 9_900_000 < plan_file.stat().st_size <= 10 * 1024 * 1024
    small = tmp_path / "small.yaml"
    small.write_text(_plan(3), encoding="utf-8")
    runner = CliRunner()
    three = json.loads(runner.invoke(app, ["estimate", str(small), "-f", "json"]).stdout)
    three_csv = runner.invoke(app, ["estimate", str(small), "-f", "csv"]).stdout.splitlines()
    outcomes = _under_1_gb(tmp_path, plan_file)
    for fmt in ("json", "csv"):
        assert (fmt, outcomes[fmt]["code"], outcomes[fmt]["stderr"]) == (fmt, 0, "")
    data = json.loads(outcomes["json"]["stdout"])
    assert len(data["apps"]) == apps
    assert data["apps"][:3] == three["apps"]
    # 28,500 apps of each kind.
    each = [app_data["total"] for app_data in three["apps"]]
    assert data["total"] == str(sum(Decimal(t) for t in each) * (apps // 3))
    rows = outcomes["csv"]["stdout"].splitlines()
    assert rows[: len(three_csv)] == three_csv
    assert len(rows) == 1 + (len(three_csv) - 1) * (apps // 3)
