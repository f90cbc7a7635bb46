"""Shared fixtures: the shipped price book, plan builders and a CLI runner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from imcost.engine import AppEstimate, estimate_plan
from imcost.month import Month
from imcost.plan import Plan, parse_plan
from imcost.pricebook import PriceBook, load_pricebook
from imcost.yamldoc import YamlDoc

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DECEMBER = Month(2026, 12)


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in a plain locale, whatever the machine's: a zh_CN desktop would make tables Chinese."""
    for variable in ("LC_ALL", "LC_MESSAGES", "IMCOST_LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def no_config_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty home directory: no ~/.config/imcost/config.yaml in it."""
    return tmp_path_factory.mktemp("home")


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch: pytest.MonkeyPatch, no_config_home: Path) -> None:
    """Every test starts without a config file, whatever the machine's user has: the real ~/.config is never read."""
    monkeypatch.delenv("IMCOST_CONFIG", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(no_config_home))


@pytest.fixture(autouse=True)
def default_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without COLUMNS, whatever the shell exports: tables for a pipe are then 100 wide."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(scope="session")
def book() -> PriceBook:
    return load_pricebook()


def plan_from(data: dict[str, Any], book: PriceBook, month: Month = DECEMBER) -> Plan:
    """A validated plan from plain data, as if read from a file."""
    return parse_plan(YamlDoc("test.yaml", data), book, month)


def estimate_one(data: dict[str, Any], book: PriceBook, month: Month = DECEMBER) -> AppEstimate:
    return estimate_plan(plan_from(data, book, month), book).apps[0]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
