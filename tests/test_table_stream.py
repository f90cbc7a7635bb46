"""A piped estimate's tables are made one at a time (render.plaintable.in_turn), and only where it is exact.

in_turn works out the tables' layout from each table as it is made and dropped;
it must stream exactly when the whole-estimate path (render.fit's peers,
plaintable._all_fit) would have written every table as plain text, with the same
layout; otherwise every table is made first, as before.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

import pytest
from rich.table import Table
from typer.testing import CliRunner

from imcost.cli import app
from imcost.engine import Estimate, estimate_plan
from imcost.plan import load_plan
from imcost.pricebook import PriceBook
from imcost.render import plaintable, table
from imcost.render.fit import Fitted

from .conftest import SAMPLES
from .test_plaintable import HOSTILE, PLANS

# 40 apps, each a table of its own; app 7 has a long name.
MANY = "month: 2026-12\napps:\n" + "".join(
    f"  - name: app-{i:02d}{'-with-a-rather-long-name' if i == 7 else ''}\n"
    f"    edition: {('trial', 'pro', 'flagship')[i % 3]}\n"
    f"    usage: {{peak_dau: {i * 1000 if i % 3 else 50}}}\n"
    for i in range(40)
)


def _estimate(path: Path, book: PriceBook) -> Estimate:
    return estimate_plan(load_plan(path, book), book)


def test_a_piped_estimate_holds_one_table_at_a_time(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    made: list[weakref.ref[Table]] = []
    most_alive = 0
    real = table.app_table

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal most_alive
        part = real(*args, **kwargs)
        assert isinstance(part, Fitted)
        made.append(weakref.ref(part.table))
        most_alive = max(most_alive, sum(ref() is not None for ref in made))
        return part

    monkeypatch.setattr(table, "app_table", counted)
    plan = tmp_path / "many.yaml"
    plan.write_text(MANY, encoding="utf-8")
    streamed = runner.invoke(app, ["estimate", str(plan)])
    assert streamed.exit_code == 0
    # Each table twice: once measured, once written; the one being written and the next at most.
    assert len(made) == 80
    assert most_alive <= 2

    # The same text as every table made first and printed by Rich.
    monkeypatch.setattr(plaintable, "in_turn", lambda output, *_: (output.group().renderables, None))
    monkeypatch.setattr(plaintable, "plain_text", lambda *_: None)
    made.clear()
    most_alive = 0
    whole = runner.invoke(app, ["estimate", str(plan)])
    assert (len(made), most_alive) == (40, 40)
    assert streamed.stdout == whole.stdout
    assert streamed.stdout.count("app-07-with-a-rather-long-name: flagship") == 0
    assert streamed.stdout.count("app-07-with-a-rather-long-name: pro (专业版), 2026-12") == 1


def _ahead_and_peers(estimate: Estimate, width: int) -> tuple[plaintable.Layout | None, plaintable.Layout | None]:
    """in_turn's layout, and the layout of the whole-estimate path where it writes every table itself (else None)."""
    _, ahead = plaintable.in_turn(table.Tables(estimate), width, "utf-8")
    parts = list(table.parts(estimate, "en", []))
    tables = [part for part in parts if isinstance(part, Fitted)]
    plaintable._fit_memo.clear()
    layout = plaintable._all_fit(tables[0].peers, width)
    if layout is not None and any(plaintable.plain_text(t, width, "utf-8") is None for t in tables):
        layout = None
    plaintable._fit_memo.clear()
    plaintable._measured.clear()
    return ahead, layout


@pytest.mark.parametrize("aligned", [False, True])
@pytest.mark.parametrize("width", [30, 48, 60, 72, 80, 100, 140])
def test_the_layout_ahead_is_the_whole_estimates(
    aligned: bool, width: int, book: PriceBook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # With aligned columns (render.fit.aligned, where present) the tables share their widths.
    monkeypatch.setattr(plaintable, "_ALIGNED", aligned)
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    streamed = 0
    for path in [*PLANS, hostile]:
        ahead, whole = _ahead_and_peers(_estimate(path, book), width)
        assert ahead == whole, path.name
        streamed += ahead is not None
    assert (streamed == 0) == (width < 60)


def test_a_layout_is_shared_only_where_the_columns_line_up(book: PriceBook, monkeypatch: pytest.MonkeyPatch) -> None:
    estimate = _estimate(SAMPLES / "multi-app.yaml", book)
    monkeypatch.setattr(plaintable, "_ALIGNED", True)
    shared, _ = _ahead_and_peers(estimate, 100)
    monkeypatch.setattr(plaintable, "_ALIGNED", False)
    own, _ = _ahead_and_peers(estimate, 100)
    assert own == plaintable.Layout(None)
    assert shared is not None and shared.shared is not None
    assert len(shared.shared) == 4


def test_a_description_indented_past_the_column_is_left_to_rich() -> None:
    # _wrap gives up on an indent before a word the column can't hold: in_turn must not stream then.
    assert plaintable._folds(["Fee", "Package\n  " + "x" * 30, "Total"]) == 32
    assert plaintable._folds(["Package\nno indent here"]) == 0
    assert plaintable._wrap("  " + "x" * 30, 31) is None
    assert plaintable._wrap("  " + "x" * 30, 32) == ["  " + "x" * 30]
