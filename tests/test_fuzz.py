"""Generated YAML documents through the CLI: exit 0, 1 or 2, never a traceback; mistaken price books too."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from imcost.cli import app
from imcost.engine import estimate_app
from imcost.errors import InputError, KeyPath
from imcost.month import Month
from imcost.plan import APP_KEYS, NEED_KEYS, REGIONS, USAGE_KEYS, AppPlan, Needs, Usage
from imcost.pricebook import GROUP_TYPES, SHIPPED, load_pricebook, parse
from imcost.yamldoc import load

from .strategies import get_at, plan_data, set_at, to_yaml

BOOK = load_pricebook()
WORDS = ("month", "apps", *APP_KEYS, *USAGE_KEYS, *NEED_KEYS, *REGIONS, *GROUP_TYPES, *BOOK.edition_names())

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**40), 10**40),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(WORDS),
    st.dates(),
)
keys = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=30,
)


def all_paths(data: Any, path: KeyPath = ()) -> list[KeyPath]:
    """Every place in nested data where a value could be swapped for another."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += all_paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += all_paths(value, (*path, i))
    return found


@st.composite
def mistaken_plans(draw: st.DrawFn) -> Any:
    """A real plan with one value swapped for anything at all, or one key misspelt."""
    data = draw(plan_data(BOOK, max_apps=2))
    path = draw(st.sampled_from(all_paths(data)))
    if path and isinstance(path[-1], str) and draw(st.booleans()):
        parent = get_at(data, path[:-1])
        typo = draw(st.sampled_from(WORDS))
        return set_at(data, path[:-1], {typo if k == path[-1] else k: v for k, v in parent.items()})
    return set_at(data, path, draw(values))


documents = st.one_of(
    plan_data(BOOK).map(to_yaml),
    mistaken_plans().map(to_yaml),
    st.dictionaries(keys, values, max_size=8).map(to_yaml),
    values.map(to_yaml),
    # Raw text built from YAML's own punctuation, so the parser's error paths are hit.
    st.text(st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`,? \t\n\r\ufeff\x00é1.")), max_size=80),
)


@pytest.fixture(scope="module")
def plan_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "plan.yaml"


@settings(max_examples=200, deadline=None)
@given(text=documents, fmt=st.sampled_from(["json", "csv", "markdown", "table"]))
def test_generated_documents_never_crash(plan_path: Path, text: str, fmt: str) -> None:
    plan_path.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = CliRunner().invoke(app, ["estimate", str(plan_path), "--format", fmt, "--month", "2026-12"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:
        assert result.stdout == ""
        assert result.stderr.startswith("imcost: error: ")


SHIPPED_BOOK = yaml.safe_load((Path(__file__).resolve().parent.parent / "imcost" / "pricebooks" / SHIPPED).read_bytes())
BOOK_WORDS = ("format", "name", "currency", "versions", "effective", "editions", "price", "billing", "unit_size")
# An app that needs something of every fee, to price on a price book that parsed.
EVERYTHING = AppPlan(
    "app",
    "",
    Usage(
        25_000,
        250_000,
        {"domestic": Decimal("2.5"), "international": Decimal(1)},
        {"text": Decimal(2_000_000), "images": Decimal(5), "audio_minutes": Decimal("2.5")},
        {"one_to_one": 50_000, "group": 500_000},
    ),
    Needs(history_days=90, group_members={"public": 1500}, groups_per_user=800, av_chatrooms=100),
    security=True,
    local_moderation=True,
)


@st.composite
def mistaken_books(draw: st.DrawFn) -> Any:
    """The shipped price book with one value swapped for anything at all, or one key misspelt."""
    path = draw(st.sampled_from(all_paths(SHIPPED_BOOK)))
    if path and isinstance(path[-1], str) and draw(st.booleans()):
        parent = get_at(SHIPPED_BOOK, path[:-1])
        typo = draw(st.one_of(st.sampled_from(BOOK_WORDS), keys))
        return set_at(SHIPPED_BOOK, path[:-1], {typo if k == path[-1] else k: v for k, v in parent.items()})
    return set_at(SHIPPED_BOOK, path, draw(st.one_of(values, st.sampled_from(WORDS))))


@settings(max_examples=100, deadline=None)
@given(data=mistaken_books())
def test_a_mistaken_price_book_is_bad_input_or_prices_every_edition(data: Any) -> None:
    """Any mistake is bad input whose every problem names the file and a line; a book that still
    parses prices an app needing every fee on each edition without an exception."""
    try:
        books = parse(load(to_yaml(data), "book.yaml", "price book"))
    except InputError as exc:
        assert exc.problems
        assert all(p.file == "book.yaml" for p in exc.problems), exc
        # Only an empty file, or one that is a single text (another kind of file), has no line to name.
        assert all(p.line is not None for p in exc.problems) or data is None or isinstance(data, str), exc
        return
    for edition in books[-1].editions:
        priced = estimate_app(dataclasses.replace(EVERYTHING, edition=edition), Month(2026, 12), books[-1])
        assert all(item.amount >= 0 for item in priced.items)


def test_decimal_scalars_are_written_as_yaml_numbers() -> None:
    """The fuzzer's documents carry exact numbers: a Decimal is dumped digit for digit."""
    assert to_yaml({"x": Decimal("0.125")}) == "x: 0.125\n"
