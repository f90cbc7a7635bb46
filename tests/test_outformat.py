"""The output file decides the format: --out's extension without --format, and a contradiction refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app
from imcost.errors import InputError
from imcost.outformat import implied, resolve

from .conftest import SAMPLES

COMMON = ("table", "json", "csv", "markdown")
ESTIMATE = (*COMMON, "html")

# Every command with --out, with arguments that succeed (exit 0).
COMMANDS: dict[str, list[str]] = {
    "estimate": ["estimate", str(SAMPLES / "flagship.yaml")],
    "compare": ["compare", "pro", "flagship", "--dau", "25000"],
    "recommend": ["recommend", "--dau", "25000"],
    "forecast": ["forecast", str(SAMPLES / "growth.yaml"), "--months", "2"],
    "schedule": ["schedule", str(SAMPLES / "growth.yaml"), "--months", "2"],
    "diff": ["diff", str(SAMPLES / "flagship.yaml"), str(SAMPLES / "pro-dau-overage.yaml")],
    "prices": ["prices", "--as-of", "2026-12-01"],
    "limits": ["limits", "--as-of", "2026-12-01"],
    "pricebooks": ["pricebooks"],
}
# The commands with a quote page (--format html).
QUOTE_PAGES = ("estimate", "compare", "recommend", "forecast", "schedule")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("quote.json", "json"),
        ("quote.JSON", "json"),
        ("costs.csv", "csv"),
        ("quote.md", "markdown"),
        ("quote.markdown", "markdown"),
        ("quote.html", "html"),
        ("quote.HTM", "html"),
        ("quote.txt", "table"),
        ("quote", None),
        ("quote.xlsx", None),
        ("archive.html.bak", None),
        (".json", None),  # a dot file with no extension
    ],
)
def test_extension_names_a_format(name: str, expected: str | None) -> None:
    assert implied(Path("out") / name) == expected


def test_no_out_and_no_format_is_a_table() -> None:
    assert resolve(None, None, COMMON) == "table"
    assert resolve(None, Path("quote"), COMMON) == "table"
    assert resolve(None, Path("quote.log"), COMMON) == "table"


def test_given_format_wins_where_the_extension_says_nothing_against_it() -> None:
    assert resolve("json", None, COMMON) == "json"
    assert resolve("json", Path("quote.json"), COMMON) == "json"
    assert resolve("csv", Path("quote"), COMMON) == "csv"
    assert resolve("markdown", Path("quote.log"), COMMON) == "markdown"
    # A .txt file holds any text: it implies the table, contradicts nothing.
    assert resolve("markdown", Path("quote.txt"), COMMON) == "markdown"
    assert resolve(None, Path("quote.txt"), COMMON) == "table"


def _message(given: str | None, out: str, offered: tuple[str, ...]) -> str:
    with pytest.raises(InputError) as caught:
        resolve(given, Path(out), offered)
    return str(caught.value)


def test_contradiction_is_one_line_naming_both() -> None:
    assert _message("json", "quote.html", ESTIMATE) == (
        "--format: json contradicts --out quote.html (an .html file); drop one"
    )
    assert (
        _message("table", "costs.CSV", COMMON) == "--format: table contradicts --out costs.CSV (an .csv file); drop one"
    )


def test_extension_of_a_format_the_command_lacks_is_refused() -> None:
    assert _message(None, "prices.html", COMMON) == (
        "--out: prices.html is an .html file; this command writes table, json, csv or markdown "
        "(give --format or another extension)"
    )


def _run(runner: CliRunner, args: list[str]) -> tuple[int, str, str]:
    result = runner.invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("extension", "fmt"),
    [("json", "json"), ("csv", "csv"), ("md", "markdown"), ("markdown", "markdown"), ("txt", "table")],
)
def test_every_command_takes_the_format_from_the_file(
    runner: CliRunner, tmp_path: Path, command: str, extension: str, fmt: str
) -> None:
    target = tmp_path / f"result.{extension}"
    code, out, err = _run(runner, [*COMMANDS[command], "--out", str(target)])
    assert (code, out, err) == (0, "", "")
    code, expected, err = _run(runner, [*COMMANDS[command], "--format", fmt])
    assert code == 0
    assert target.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_refuses_a_contradiction(runner: CliRunner, tmp_path: Path, command: str) -> None:
    target = tmp_path / "result.csv"
    code, out, err = _run(runner, [*COMMANDS[command], "--format", "json", "--out", str(target)])
    assert (code, out) == (2, "")
    assert err == f"imcost: error: --format: json contradicts --out {target} (an .csv file); drop one\n"
    assert not target.exists()


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in QUOTE_PAGES])
def test_html_out_is_refused_where_the_command_has_no_html(runner: CliRunner, tmp_path: Path, command: str) -> None:
    target = tmp_path / "quote.htm"
    code, out, err = _run(runner, [*COMMANDS[command], "--out", str(target)])
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: --out: {target} is an .htm file; this command writes table, json, csv or markdown "
        "(give --format or another extension)\n"
    )
    assert not target.exists()


@pytest.mark.parametrize("command", QUOTE_PAGES)
def test_html_out_is_the_quote_page(runner: CliRunner, tmp_path: Path, command: str) -> None:
    target = tmp_path / "quote.html"
    code, out, err = _run(runner, [*COMMANDS[command], "-o", str(target)])
    assert (code, out, err) == (0, "", "")
    code, expected, _ = _run(runner, [*COMMANDS[command], "-f", "html"])
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text == expected
    assert text.startswith("<!DOCTYPE html>\n")


def test_extension_picks_english_for_a_machine_format_under_a_chinese_locale(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The resolved format decides the language as --format would: a .csv under zh_CN stays English."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    target = tmp_path / "costs.csv"
    code, _, _ = _run(runner, [*COMMANDS["estimate"], "-o", str(target)])
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("app,edition,fee,description,")


def test_bom_with_a_csv_out_needs_no_format(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "costs.csv"
    code, _, err = _run(runner, [*COMMANDS["estimate"], "--bom", "-o", str(target)])
    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(b"\xef\xbb\xbfapp,edition,fee,")
