"""compare, recommend, estimate and compare's range sweeps agree on the same input (hypothesis).

All of them price through the engine, so agreement holds by construction; these
properties guard what lies between: a plan file against the same figures as flags,
one edition against every edition, the sweep's straight stretches against pricing
each value, break-even points against a step-1 scan, and a ``--pricebook`` copy of
the shipped price book against the shipped one. The library is called directly
(fast); a few examples go through the CLI's JSON.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from imcost import scenario
from imcost.cli import app
from imcost.compare import cheapest, compare_app, recommend_app
from imcost.engine import AppEstimate, estimate_plan
from imcost.month import Month
from imcost.plan import AppPlan, parse_plan
from imcost.pricebook import load_pricebook
from imcost.sweep import BreakEven, sweep
from imcost.variables import VARIABLES, Range, Variable
from imcost.yamldoc import YamlDoc

from .strategies import app_data, months, to_yaml

BOOK = load_pricebook()
EDITIONS = tuple(BOOK.editions)
SHIPPED = Path(__file__).resolve().parent.parent / "imcost" / "pricebooks" / "tencent-im.yaml"
# Budgets keep the whole suite well under two minutes (these take about 5 s together).
QUICK = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CLI = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCANS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def one_app(data: dict[str, Any], month: Month, book: Any = BOOK) -> AppPlan:
    """The app of a single-app plan written as ``data``, validated as a plan file is."""
    return parse_plan(YamlDoc("plan.yaml", {**data, "month": str(month)}), book).apps[0]


def estimated(data: dict[str, Any], month: Month, book: Any = BOOK) -> AppEstimate:
    plan = parse_plan(YamlDoc("plan.yaml", {**data, "month": str(month)}), book)
    return estimate_plan(plan, book).apps[0]


def totals(results: Sequence[AppEstimate]) -> list[Decimal | None]:
    """Each edition's total, ``None`` where it can't be bought (as compare prints it)."""
    return [r.total if r.feasible else None for r in results]


@st.composite
def apps_in_months(draw: st.DrawFn) -> tuple[dict[str, Any], Month]:
    """One app of any edition, as plan-file data, and the month to price it in."""
    month = draw(months)
    return draw(app_data(BOOK, draw(st.sampled_from(EDITIONS)), month.days)), month


@QUICK
@given(case=apps_in_months())
def test_compare_recommend_and_estimate_agree(case: tuple[dict[str, Any], Month]) -> None:
    """Same edition and needs: the same items and total; recommend picks the cheapest that fits."""
    data, month = case
    alone = estimated(data, month)
    plan_app = one_app(data, month)
    compared = compare_app(plan_app, EDITIONS, month, BOOK)
    recommended = recommend_app(plan_app, month, BOOK)
    mine = compared.results[EDITIONS.index(plan_app.edition)]
    assert (mine.items, mine.problems, mine.total) == (alone.items, alone.problems, alone.total)
    assert recommended.current == mine
    assert recommended.comparison.results == compared.results
    feasible = [r.total for r in compared.results if r.feasible]
    if feasible:
        assert recommended.recommended is not None and recommended.recommended.feasible
        assert recommended.recommended.total == min(feasible)
        assert compared.cheapest is not None and compared.cheapest.total == min(feasible)
        if alone.feasible:
            assert recommended.saving == alone.total - min(feasible) >= 0
    else:
        assert recommended.recommended is None and compared.cheapest is None
        assert recommended.unmet


def flag_values() -> st.SearchStrategy[dict[str, str]]:
    """Some of compare's numeric flags as typed, near and far from every quota."""
    counts = st.one_of(st.integers(0, 600), st.integers(0, 12_000), st.integers(0, 3_000_000))
    mbps = st.decimals(0, 500, places=3).map(lambda d: f"{d:f}")
    strategies = {name: (mbps if v.fractional else counts.map(str)) for name, v in VARIABLES.items()}
    return st.fixed_dictionaries({}, optional=strategies)


def as_plan_data(flags: dict[str, str], security: bool | None) -> dict[str, Any]:
    """The plan file that says what ``flags`` say: each flag's variable names its key."""
    data: dict[str, Any] = {}
    for name, text in flags.items():
        *parents, key = VARIABLES[name].key.split(".")
        node = data
        for parent in parents:
            node = node.setdefault(parent, {})
        node[key] = Decimal(text) if VARIABLES[name].fractional else int(text)
    if security is not None:
        data["security"] = security
    return data


@QUICK
@given(flags=flag_values(), security=st.one_of(st.none(), st.booleans()), month=months)
def test_flags_describe_the_app_a_plan_file_does(flags: dict[str, str], security: bool | None, month: Month) -> None:
    """compare --dau 25000 ... prices what a plan file with usage.peak_dau: 25000 ... estimates."""
    wanted = scenario.build(BOOK, flags, security, month=month)
    from_flags = compare_app(wanted.apps[0], EDITIONS, month, BOOK)
    for edition, result in zip(EDITIONS, from_flags.results, strict=True):
        alone = estimated({"edition": edition, **as_plan_data(flags, security)}, month)
        assert (result.items, result.problems, result.total) == (alone.items, alone.problems, alone.total)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("agreement")


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@CLI
@given(flags=flag_values(), edition=st.sampled_from(EDITIONS), month=months)
def test_the_three_commands_print_the_same_totals(
    workdir: Path, flags: dict[str, str], edition: str, month: Month
) -> None:
    """Through the CLI's JSON: estimate's total is compare's for that edition; recommend's is compare's least.

    compare with flags alone prices each edition with its own defaults for the needs not given;
    compare --plan and recommend keep what the plan's edition includes. On the plan's edition
    the two are the same, and that is estimate's total.
    """
    plan = workdir / "plan.yaml"
    plan.write_text(to_yaml({"month": str(month), "edition": edition, **as_plan_data(flags, None)}), encoding="utf-8")
    numbers = [arg for name, text in flags.items() for arg in (VARIABLES[name].flag, text)]
    estimate = cli_json("estimate", str(plan), "--format", "json")
    from_flags = cli_json("compare", *numbers, "--month", str(month), "--format", "json")["results"]
    compared = cli_json("compare", "--plan", str(plan), "--format", "json")["results"]
    (advice,) = cli_json("recommend", str(plan), "--format", "json")["apps"]
    for results in (from_flags, compared):
        mine = next(r for r in results if r["edition"] == edition)
        assert mine["total"] == (estimate["total"] if estimate["feasible"] else None)
        assert mine["items"] == estimate["apps"][0]["items"]
    assert advice["current_total"] == mine["total"]
    feasible = [Decimal(r["total"]) for r in compared if r["total"] is not None]
    if feasible:
        assert Decimal(advice["recommended_total"]) == min(feasible)
    else:
        assert advice["recommended"] is None


def boundaries(variable: Variable) -> list[int]:
    """Where some edition's total may change: every cut and the first overage steps."""
    found: set[int] = set()
    for edition in BOOK.editions.values():
        found.update(variable.cuts(edition))
        periodic = variable.periodic(edition)
        if periodic is not None:
            found.update(periodic.start + k * periodic.period for k in range(3))
    return sorted(found)


@st.composite
def sweeps(draw: st.DrawFn, max_span: int = 400) -> tuple[Variable, AppPlan, int, int, Month]:
    """A variable, a base app (needs and usage of any edition) and a short range around a boundary."""
    variable = VARIABLES[draw(st.sampled_from(sorted(VARIABLES)))]
    data, month = draw(apps_in_months())
    base = dataclasses.replace(one_app(data, month), edition="")
    centre = draw(st.one_of(st.sampled_from(boundaries(variable)), st.integers(0, 10**6)))
    lo = max(0, centre - draw(st.integers(0, max_span)))
    return variable, base, lo, lo + draw(st.integers(0, max_span)), month


def scanned(variable: Variable, base: AppPlan, values: range, month: Month) -> tuple[list[Any], list[BreakEven]]:
    """compare at every value: its totals, and where the cheapest edition that fits changes."""
    rows: list[Any] = []
    changes: list[BreakEven] = []
    before: str | None = None
    for value in values:
        compared = compare_app(variable.apply(base, value), EDITIONS, month, BOOK)
        best = cheapest(compared.results)
        now = None if best is None else best.edition.id
        rows.append((totals(compared.results), now))
        if value != values.start and now != before:
            changes.append(BreakEven(value, before, now))
        before = now
    return rows, changes


@SCANS
@given(case=sweeps(), step=st.integers(1, 150))
def test_a_sweep_is_compare_at_every_value_and_break_even_is_a_scan(
    case: tuple[Variable, AppPlan, int, int, Month], step: int
) -> None:
    variable, base, lo, hi, month = case
    expected_rows, expected_breaks = scanned(variable, base, range(lo, hi + 1), month)
    swept = sweep(variable, Range(lo, hi, step), base, EDITIONS, month, BOOK)
    assert [r.value for r in swept.rows] == list(range(lo, hi + 1, step))
    for row in swept.rows:
        assert (list(row.totals), row.cheapest) == expected_rows[row.value - lo], row.value
    # Break-even points are exact at any step: found between the sampled values too.
    assert list(swept.break_even) == expected_breaks


@SCANS
@given(case=sweeps(max_span=10**6), picks=st.lists(st.integers(0, 10**6), min_size=1, max_size=12))
def test_a_long_sweep_at_sampled_values_is_compare(
    case: tuple[Variable, AppPlan, int, int, Month], picks: list[int]
) -> None:
    """Over long ranges the curve is read off, not priced: sampled values still equal compare."""
    variable, base, lo, hi, month = case
    step = max(1, (hi - lo) // 5000)
    swept = sweep(variable, Range(lo, hi, step), base, EDITIONS, month, BOOK)
    for pick in picks:
        row = swept.rows[pick % len(swept.rows)]
        compared = compare_app(variable.apply(base, row.value), EDITIONS, month, BOOK)
        best = cheapest(compared.results)
        assert list(row.totals) == totals(compared.results), row.value
        assert row.cheapest == (None if best is None else best.edition.id), row.value


@pytest.fixture(scope="module")
def book_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped price book, byte for byte, as a user's --pricebook file."""
    path = tmp_path_factory.mktemp("books") / "my-prices.yaml"
    path.write_bytes(SHIPPED.read_bytes())
    return path


@QUICK
@given(case=apps_in_months(), as_of=st.dates(min_value=BOOK.starts))
def test_a_copy_of_the_shipped_price_book_prices_the_same(
    book_copy: Path, case: tuple[dict[str, Any], Month], as_of: Any
) -> None:
    data, month = case
    copy = load_pricebook(book_copy, as_of)
    assert copy.editions == BOOK.editions
    ours, theirs = estimated(data, month), estimated(data, month, copy)
    assert (ours.items, ours.problems, ours.total) == (theirs.items, theirs.problems, theirs.total)


def test_estimate_with_a_pricebook_copy_prints_the_same(book_copy: Path, runner: CliRunner) -> None:
    """The CLI's JSON through --pricebook is the shipped one's but for the file it names."""
    for sample in ("multi-app.yaml", "discounts.yaml", "barrage-daily.yaml"):
        plan = str(Path(__file__).resolve().parent.parent / "samples" / sample)
        shipped = json.loads(runner.invoke(app, ["estimate", plan, "--format", "json"]).stdout)
        copied = json.loads(runner.invoke(app, ["estimate", plan, "--pricebook", str(book_copy), "-f", "json"]).stdout)
        assert shipped.pop("pricebook")["effective"] == copied.pop("pricebook")["effective"]
        for shipped_app, copied_app in zip(shipped["apps"], copied["apps"], strict=True):
            assert shipped_app.pop("pricebook")["effective"] == copied_app.pop("pricebook")["effective"]
        assert shipped == copied


PLAN_MONTHS = [
    pytest.param("daily-usage.yaml", "2026-12"),
    pytest.param("daily-usage.yaml", "2027-01"),
    pytest.param("growth.yaml", "2027-05"),  # before the change: the plan as written
    pytest.param("growth.yaml", "2027-06"),
]


@pytest.mark.parametrize(("sample", "month"), PLAN_MONTHS)
def test_compare_and_recommend_price_a_plan_as_estimate_does_in_that_month(
    runner: CliRunner, sample: str, month: str
) -> None:
    """A plan's daily figures and dated changes count for compare --plan and recommend as for estimate."""
    plan = str(Path(__file__).resolve().parent.parent / "samples" / sample)
    estimate = json.loads(runner.invoke(app, ["estimate", plan, "--month", month, "-f", "json"]).stdout)
    (alone,) = estimate["apps"]
    compared = json.loads(runner.invoke(app, ["compare", "--plan", plan, "--month", month, "-f", "json"]).stdout)
    mine = next(r for r in compared["results"] if r["edition"] == alone["edition"])
    (advice,) = json.loads(runner.invoke(app, ["recommend", plan, "--month", month, "-f", "json"]).stdout)["apps"]
    assert mine["total"] == advice["current_total"] == alone["total"]
