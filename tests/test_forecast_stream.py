"""Forecast and schedule made month by month as they are written: the same bytes, exit codes and
messages as when every month was held, and nothing of a month kept after it is written."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app
from imcost.errors import InputError
from imcost.forecast import Forecast, ForecastRun, forecast, parse_growth, period
from imcost.month import Month
from imcost.plan import load_plan
from imcost.pricebook import PriceBook
from imcost.render import forecast as render
from imcost.render import jsonout
from imcost.render import schedule as schedule_render
from imcost.schedule import ScheduleRun, schedule

from .conftest import ROOT, SAMPLES

# sha256 of "exit N\n--stdout--\n{stdout}\n--stderr--\n{stderr}" for each case, recorded from
# main before forecast was streamed (every month then held whole), with COLUMNS=120.
GOLDEN = json.loads((ROOT / "tests" / "fixtures" / "calendar-golden.json").read_text(encoding="utf-8"))
SETTINGS = {
    "forecast": {
        0: [],
        2: ["--months", "14"],
        3: ["--months", "25", "--growth", "dau=8%,groups=5%"],
        4: ["--months", "13", "--start", "2027-03", "--fail-over", "100"],
    },
    "schedule": {0: [], 1: ["--months", "30", "--start", "2027-01"]},
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_output_is_byte_identical_to_the_held_months(
    runner: CliRunner, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forecast: yearly packs over one and two years, growth past a trial's quota in a later month (exit 1
    with the same reasons), edition switches, --fail-over after the output (exit 3), discounts. Schedule:
    yearly packs counted from purchase months before and within the period, and apps with no purchase
    day named in the order their months find them (exit 2). In en and zh."""
    monkeypatch.chdir(ROOT)
    stem, command, setting, *fmt = name.split(".")
    lang = ["--lang", fmt[1]] if len(fmt) > 1 else []
    plan = f"samples/{stem}.yaml" if command == "forecast" else f"tests/fixtures/{stem}.yaml"
    args = [command, plan, "--format", fmt[0], *lang, *SETTINGS[command][int(setting)]]
    result = runner.invoke(app, args, env={"COLUMNS": "120"})
    text = f"exit {result.exit_code}\n--stdout--\n{result.stdout}\n--stderr--\n{result.stderr}"
    assert hashlib.sha256(text.encode()).hexdigest() == GOLDEN[name], text


def _run(sample: Path, book: PriceBook, months: int | None, growth: list[str]) -> tuple[ForecastRun, Forecast]:
    plan = load_plan(sample, book)
    start, count = period(plan, None, months)
    rates = parse_growth(growth)
    return ForecastRun(plan, book, start, count, rates), forecast(plan, book, start, count, rates)


def _samples(book: PriceBook) -> list[tuple[Path, int | None, list[str]]]:
    cases = []
    for sample in sorted(SAMPLES.glob("*.yaml")):
        for months, growth in ((None, []), (13, []), (26, ["dau=8%"])):
            try:
                _run(sample, book, months, growth)
            except InputError:
                continue  # a sample of one month's days, or of a daily file, that can't be grown
            cases.append((sample, months, growth))
    return cases


def test_streamed_json_is_the_held_forecasts_json_for_every_sample(
    book: PriceBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pieces of 64 characters: the temporary files go past memory to disk, months are copied in many pieces.
    monkeypatch.setattr(render, "CHUNK", 64)
    monkeypatch.setattr(jsonout, "CHUNK", 64)
    cases = _samples(book)
    assert len(cases) >= 30
    for sample, months, growth in cases:
        run, held = _run(sample, book, months, growth)
        pieces = list(render.json_chunks(run))
        whole = jsonout.dumps(render.data(held, run.plan.customer, run.plan.quote))
        assert "".join(pieces) == whole, (sample.name, months, growth)
        assert len(pieces) > 1


def test_the_run_knows_its_totals_switches_and_notes_only_once_read(book: PriceBook) -> None:
    run, held = _run(SAMPLES / "growth.yaml", book, 6, ["dau=8%", "groups=5%"])
    assert (run.total, run.feasible, run.switches) == (Decimal(0), True, [])
    summary = render.Summary.read(run)
    assert run.total == summary.total == held.total
    assert run.switches == list(held.switches)
    assert run.notes == held.notes
    assert [row.month for row in summary.rows] == [Month(2027, k) for k in range(1, 7)]


def test_reasons_say_why_in_the_first_month_and_list_every_later_month(book: PriceBook) -> None:
    # multi-app's trial app "staging" grows past 100 DAU in 2027-04 (month 3 of 25 from 2027-01), for good.
    run, _ = _run(SAMPLES / "multi-app.yaml", book, 25, ["dau=8%", "groups=5%"])
    assert list(run.reasons()) == []
    for _month, apps in run.months():
        for _ in apps:
            pass
    why = "DAU: peak 101 is over the 100 that trial (体验版) allows; overage is billed only on pro and flagship"
    later = [("staging", Month(2027, 1).plus(k), "") for k in range(4, 25)]
    assert not run.feasible
    assert list(run.reasons()) == [("staging", Month(2027, 4), why), *later]


def test_streamed_schedule_json_and_csv_are_the_held_schedules(
    book: PriceBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schedule_render, "CHUNK", 64)
    monkeypatch.setattr(jsonout, "CHUNK", 64)
    plans = [*sorted(SAMPLES.glob("*.yaml")), ROOT / "tests" / "fixtures" / "schedule-yearly.yaml"]
    seen = 0
    for sample in plans:
        for start, months in ((None, None), (Month(2027, 1), 30)):
            try:
                plan = load_plan(sample, book)
                run = ScheduleRun(plan, book, start, months)
            except InputError:
                continue  # no purchase day, or a daily file's months
            held = schedule(plan, book, start, months)
            whole = jsonout.dumps(schedule_render.data(held, plan.customer, plan.quote))
            assert "".join(schedule_render.json_chunks(run)) == whole
            again = ScheduleRun(plan, book, start, months)
            assert "".join(schedule_render.csv_chunks(again, "zh")) == schedule_render.render_csv(held, "zh")
            assert (run.total, again.total, run.notes) == (held.total, held.total, held.notes)
            seen += 1
    assert seen == 6  # growth, trial-over-quota and schedule-yearly, each over two periods
