"""Invariants of the estimate over random plans of every edition (hypothesis).

Every bound and price is read from the price book, so these hold for any price
list imcost is given. An infeasible plan's total is not a price anyone can pay,
so the order properties compare feasible plans.
"""

from __future__ import annotations

import io
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from imcost.engine import Estimate, estimate_plan
from imcost.money import to_fen
from imcost.plan import parse_plan
from imcost.pricebook import Step, load_pricebook
from imcost.render import csvout, jsonout, markdown, table
from imcost.yamldoc import YamlDoc, load

from . import readback
from .strategies import get_at, numeric_leaves, plan_data, set_at, to_yaml

BOOK = load_pricebook()
EDITIONS = tuple(BOOK.editions)
# Explicit budgets keep the whole suite well under two minutes; no deadline,
# because a loaded CI machine must not turn a slow example into a failure.
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THOROUGH = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def estimate_text(text: str) -> Estimate:
    """Estimate a plan from the text of its file, as the CLI does."""
    return estimate_plan(parse_plan(load(text, "plan.yaml"), BOOK), BOOK)


def estimate_data(data: dict[str, Any]) -> Estimate:
    """Estimate plan data in the month it names."""
    return estimate_plan(parse_plan(YamlDoc("plan.yaml", data), BOOK), BOOK)


def table_text(estimate: Estimate) -> str:
    console = Console(record=True, width=200, file=io.StringIO(), color_system=None)
    console.print(table.render(estimate))
    return console.export_text()


def all_formats(
    estimate: Estimate, formats: tuple[str, ...] = ("json", "csv", "markdown", "table")
) -> dict[str, readback.Amounts]:
    readers = {
        "json": lambda: readback.from_json(jsonout.render(estimate)),
        "csv": lambda: readback.from_csv(csvout.render(estimate)),
        "markdown": lambda: readback.from_markdown(markdown.render(estimate)),
        "table": lambda: readback.from_table(table_text(estimate)),
    }
    return {fmt: readers[fmt]() for fmt in formats}


@FAST
@given(plan_data(BOOK))
def test_total_is_the_sum_of_items_in_every_format(data: dict[str, Any]) -> None:
    estimate = estimate_text(to_yaml(data))
    expected_apps = [(a.app.name, [to_fen(i.amount) for i in a.items], to_fen(a.total)) for a in estimate.apps]
    for fmt, amounts in all_formats(estimate).items():
        assert [a.name for a in amounts.apps] == [name for name, _, _ in expected_apps], fmt
        for app, (_, items, total) in zip(amounts.apps, expected_apps, strict=True):
            assert app.items == items, fmt
            assert sum(app.items, Decimal(0)) == total, fmt
            if app.total is not None:  # CSV prints no totals
                assert app.total == total, fmt
        if fmt in ("markdown", "table"):  # people's formats never quote a plan that can't be bought
            assert amounts.unquoted == (not estimate.feasible), fmt
        if amounts.total is not None:
            assert amounts.total == sum((total for _, _, total in expected_apps), Decimal(0)) == estimate.total


@FAST
@given(plan_data(BOOK))
def test_no_amount_is_negative_or_finer_than_a_fen(data: dict[str, Any]) -> None:
    estimate = estimate_data(data)
    amounts = [i.amount for a in estimate.apps for i in a.items] + [a.total for a in estimate.apps]
    for amount in [*amounts, estimate.total]:
        assert amount >= 0
        assert amount == to_fen(amount), amount


def without_discounts(data: dict[str, Any]) -> dict[str, Any]:
    plain = {k: v for k, v in data.items() if k != "discounts"}
    plain["apps"] = [{k: v for k, v in a.items() if k != "discounts"} for a in data["apps"]]
    return plain


def percent_off(data: dict[str, Any], app: dict[str, Any], fee: str) -> Decimal:
    """The plan file's discount on ``fee`` for ``app``, read as the README says: the app's own
    ``discounts:`` replaces the plan's; a fee's own entry, else ``all``, else none."""
    entries = app["discounts"] if "discounts" in app else data.get("discounts", {})
    text = entries.get(fee, entries.get("all", "0%"))
    return Decimal(text.rstrip("%"))


@FAST
@given(plan_data(BOOK, discounts=True))
def test_each_discounted_item_is_rounded_half_up_and_totals_add_rounded_items(data: dict[str, Any]) -> None:
    """net = list x (100 - p) / 100 rounded half-up to the fen, item by item; totals are sums of nets."""
    discounted, listed = estimate_data(data), estimate_data(without_discounts(data))
    for app_data, app, plain in zip(data["apps"], discounted.apps, listed.apps, strict=True):
        assert [i.fee for i in app.items] == [i.fee for i in plain.items]
        for item, before in zip(app.items, plain.items, strict=True):
            percent = percent_off(data, app_data, item.fee)
            net = (before.amount * (100 - percent) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            assert (item.list_price, item.amount, item.discount_percent) == (before.amount, net, percent)
            assert 0 <= item.amount <= item.list_price
            assert item.discount == item.list_price - item.amount
        assert app.total == sum((i.amount for i in app.items), Decimal(0))
    assert discounted.total == sum((a.total for a in discounted.apps), Decimal(0))
    for fmt in ("json", "csv"):
        printed = all_formats(discounted, (fmt,))[fmt]
        for app, amounts in zip(discounted.apps, printed.apps, strict=True):
            assert amounts.items == [i.amount for i in app.items]
            assert sum(amounts.items, Decimal(0)) == (app.total if amounts.total is None else amounts.total)


def raised(data: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """``data`` with one usage or need figure raised, or the security service turned on."""
    leaves = list(numeric_leaves(data))
    apps = data["apps"]
    off = [i for i, a in enumerate(apps) if not a.get("security")]
    if off and draw(st.integers(0, len(leaves))) == 0:
        i = draw(st.sampled_from(off))
        return set_at(data, ("apps", i), {**apps[i], "security": True})
    if not leaves:
        return data
    path = draw(st.sampled_from(leaves))
    value = get_at(data, path)
    if isinstance(value, Decimal):
        step: Any = draw(st.decimals(min_value=Decimal("0.001"), max_value=1000, places=3))
    else:
        step = draw(st.one_of(st.integers(1, 10), st.integers(1, 1_000_000)))
    return set_at(data, path, value + step)


def lowered(data: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """``data`` with one usage or need figure lowered (possibly to zero)."""
    leaves = list(numeric_leaves(data))
    if not leaves:
        return data
    path = draw(st.sampled_from(leaves))
    value = get_at(data, path)
    if isinstance(value, Decimal):
        new: Any = draw(st.decimals(min_value=0, max_value=value, places=3))
    else:
        new = draw(st.integers(0, value))
    return set_at(data, path, new)


@THOROUGH
@given(st.data())
def test_raising_usage_or_a_need_never_lowers_the_total(data: st.DataObject) -> None:
    before_data = data.draw(plan_data(BOOK, within_limits=True))
    after_data = raised(before_data, data.draw)
    before, after = estimate_data(before_data), estimate_data(after_data)
    if after.feasible:
        # Raising can only take needs away from what the edition sells, never add.
        assert before.feasible
        assert after.total >= before.total
        for a, b in zip(after.apps, before.apps, strict=True):
            assert a.total >= b.total


@THOROUGH
@given(st.data())
def test_a_feasible_plan_stays_feasible_when_a_need_is_lowered(data: st.DataObject) -> None:
    before = data.draw(plan_data(BOOK, within_limits=True))
    assert estimate_data(before).feasible  # within_limits draws only what the editions sell
    assert estimate_data(lowered(before, data.draw)).feasible


def overage_amount(edition: str, figure: str, value: int) -> Decimal:
    """The overage item's amount for one app with ``figure`` (peak_dau or peak_groups) at ``value``."""
    estimate = estimate_data({"month": "2026-12", "apps": [{"edition": edition, "usage": {figure: value}}]})
    fee = "dau_overage" if figure == "peak_dau" else "group_overage"
    return sum((i.amount for i in estimate.apps[0].items if i.fee == fee), Decimal(0))


def step_of(edition: str, figure: str) -> tuple[int, Step | None]:
    found = BOOK.editions[edition]
    if figure == "peak_dau":
        return found.quotas.free_dau, found.dau_overage
    return found.quotas.free_peak_groups, found.group_overage


@pytest.mark.parametrize("figure", ["peak_dau", "peak_groups"])
@pytest.mark.parametrize("edition", EDITIONS)
@FAST
@given(units=st.integers(0, 500), offset=st.integers(-3, 3), anywhere=st.integers(1, 10**9))
def test_overage_steps_only_after_a_full_unit(
    edition: str, figure: str, units: int, offset: int, anywhere: int
) -> None:
    """DAU overage steps at free + 10,000·k + 1, groups at free + 100,000·k + 1, by the unit price."""
    free, step = step_of(edition, figure)
    if step is None:  # no overage sold: over the free quota the plan is infeasible
        assert overage_amount(edition, figure, free + 1 + units) == 0
        return
    for value in (max(free + units * step.unit_size + offset, 1), anywhere):
        rise = overage_amount(edition, figure, value) - overage_amount(edition, figure, value - 1)
        on_boundary = value > free and (value - free - 1) % step.unit_size == 0
        assert rise == (step.unit_price if on_boundary else 0), value


json_values: st.SearchStrategy[Any] = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=25,
)


@FAST
@given(json_values)
def test_json_writer_matches_the_standard_library(value: Any) -> None:
    """imcost's faster JSON writer prints exactly what json.dumps(indent=2, sort_keys=True) would."""
    assert jsonout.dumps(value) == json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
