"""Help that fits: -h everywhere, one-line summaries in task order, placeholders in words, one usage style.

Every help page is read at 80 and 120 columns, both as a terminal says it
(``COLUMNS``) and as the parser is told (``terminal_width``), so nothing here
depends on the real terminal. Widths are counted in cells: a CJK character
takes two.
"""

from __future__ import annotations

import re

import pytest
import typer.main
from rich.cells import cell_len
from typer.testing import CliRunner

from imcost import completion
from imcost.cli import app
from imcost.pricebook import SHIPPED_BOOKS

COMMANDS = [
    "estimate",
    "compare",
    "recommend",
    "forecast",
    "schedule",
    "diff",
    "prices",
    "limits",
    "pricebooks",
    "validate",
    "init",
    "schema",
    "config",
]

SUMMARIES = {
    "estimate": "Estimate one month's cost of a plan file, fee by fee.",
    "compare": "Price the same usage on several editions, side by side.",
    "recommend": "Find the cheapest edition that meets each app's needs.",
    "forecast": "Forecast the cost month by month, with usage growing.",
    "schedule": "List every charge with the day it is taken.",
    "diff": "Compare two estimates per app and fee, with the change.",
    "prices": "Print the price list in force.",
    "limits": "Print the quotas each edition includes.",
    "pricebooks": "List the shipped price books, their versions and sources.",
    "validate": "Check plan files without estimating them.",
    "init": "Write a commented plan template to start from.",
    "schema": "Print a JSON Schema of the plan file, for editors.",
    "config": "Show the config file in use and the defaults it sets.",
}

USAGE = {
    "estimate": "Usage: imcost estimate [OPTIONS] PLAN",
    "compare": "Usage: imcost compare [OPTIONS] [EDITION]...",
    "recommend": "Usage: imcost recommend [OPTIONS] [PLAN]",
    "forecast": "Usage: imcost forecast [OPTIONS] PLAN",
    "schedule": "Usage: imcost schedule [OPTIONS] PLAN",
    "diff": "Usage: imcost diff [OPTIONS] OLD NEW",
    "prices": "Usage: imcost prices [OPTIONS]",
    "limits": "Usage: imcost limits [OPTIONS]",
    "pricebooks": "Usage: imcost pricebooks [OPTIONS]",
    "validate": "Usage: imcost validate [OPTIONS] PLAN...",
    "init": "Usage: imcost init [OPTIONS] [FILE]",
    "schema": "Usage: imcost schema [OPTIONS]",
    "config": "Usage: imcost config [OPTIONS]",
}

WIDTHS = [80, 120]


def help_page(runner: CliRunner, args: list[str], width: int, how: str) -> str:
    """The help of ``args`` at ``width`` columns, told by COLUMNS or by the parser's terminal_width."""
    if how == "COLUMNS":
        result = runner.invoke(app, args, env={"COLUMNS": str(width)})
    else:
        result = runner.invoke(app, args, env={"COLUMNS": "200"}, terminal_width=width)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


@pytest.mark.parametrize("how", ["COLUMNS", "terminal_width"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_page_fits_and_speaks_in_words(runner: CliRunner, command: str, width: int, how: str) -> None:
    words = [command] if command else []
    page = help_page(runner, [*words, "-h"], width, how)
    assert page == help_page(runner, [*words, "--help"], width, how)
    lines = page.splitlines()
    assert lines[0] == (USAGE[command] if command else "Usage: imcost [OPTIONS] COMMAND [ARGS]...")
    for number, line in enumerate(lines):
        assert cell_len(line) <= width, line
        # No Python types as placeholders (<str>, <path>, <list[str]>, <int>, <table|json|...>).
        assert not re.search(r"<[^>\s]*>", line), line
        # Nothing split inside a word: no line ends in a letter and a hyphen, none is punctuation alone.
        assert not re.search(r"[A-Za-z]-$", line), (line, lines[number + 1])
        assert not re.fullmatch(r"\s*[.,;:)]+\s*", line), (lines[number - 1], line)
    # An example to copy, of this very command.
    assert any(line.startswith(f"  Example: imcost {command or 'estimate'} ") for line in lines), page


@pytest.mark.parametrize("how", ["COLUMNS", "terminal_width"])
@pytest.mark.parametrize("width", WIDTHS)
def test_commands_are_listed_in_task_order_with_whole_summaries(runner: CliRunner, width: int, how: str) -> None:
    page = help_page(runner, ["--help"], width, how)
    section = page.split("\nCommands:\n", 1)[1].splitlines()
    # One line a command, its summary whole: no "..." and no continuation line.
    assert section == [f"  {name:<10}  {SUMMARIES[name]}" for name in COMMANDS]


def test_the_command_group_keeps_task_order_for_commands_it_does_not_know() -> None:
    from imcost.usage import TASK_ORDER

    group = typer.main.get_command(app)
    # Every command has its place, config last; a newcomer comes after it.
    assert TASK_ORDER == tuple(COMMANDS)
    assert group.list_commands(None) == COMMANDS  # type: ignore[attr-defined]
    group.commands["zzz-new"] = group.commands["init"]  # type: ignore[attr-defined]
    assert group.list_commands(None) == [*COMMANDS, "zzz-new"]  # type: ignore[attr-defined]
    del group.commands["zzz-new"]  # type: ignore[attr-defined]


PLACEHOLDERS = {
    "estimate": [
        "  PLAN  ",
        "--month YYYY-MM ",
        "--daily FILE ",
        "-f, --format FORMAT ",
        "--as-of YYYY-MM-DD ",
        "--customer NAME ",
        "--seller NAME ",
        "--quote-number TEXT ",
        "--quote-date YYYY-MM-DD ",
    ],
    "compare": [
        "  EDITION...  ",
        "--dau N ",
        "--plan PLAN ",
        "--app NAME ",
        "--barrage-domestic MBPS ",
        "--history-days DAYS ",
        "--pricebook ID|FILE ",
        "--fail-over AMOUNT ",
        "-o, --out FILE ",
        "--lang LANG ",
        "-q, --quiet ",
        "-h, --help ",
    ],
    "recommend": ["  PLAN  ", "--plan PLAN ", "--groups-per-user N "],
    "forecast": ["--months N ", "--start YYYY-MM ", "--growth METRIC=RATE% "],
    "schedule": ["--months N ", "--start YYYY-MM ", "--quote-date YYYY-MM-DD "],
    "diff": ["  OLD  ", "  NEW  ", "--month YYYY-MM "],
    "validate": ["  PLAN...  ", "--as-of YYYY-MM-DD "],
    "init": ["  FILE  ", "--force "],
}


@pytest.mark.parametrize("command", sorted(PLACEHOLDERS))
def test_placeholders_are_words(runner: CliRunner, command: str) -> None:
    page = help_page(runner, [command, "-h"], 80, "COLUMNS")
    for placeholder in PLACEHOLDERS[command]:
        assert placeholder in page, placeholder


def test_copy_paste_lines_stay_whole(runner: CliRunner) -> None:
    """Lines meant to be copied into a file are never rewrapped, whatever the width."""
    for width in (60, *WIDTHS):
        schema = help_page(runner, ["schema", "-h"], width, "terminal_width").splitlines()
        assert "  # yaml-language-server: $schema=imcost-plan.schema.json" in schema
        books = help_page(runner, ["pricebooks", "-h"], width, "terminal_width").splitlines()
        assert "  pricebook: tencent-im-overseas" in books


def test_mistakes_still_point_at_the_long_help_flag(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "-x"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "imcost: error: no such option -x (see imcost compare --help)\n"


# --- completion ---------------------------------------------------------------

ALL_NAMES = ["trial", "体验版", "pro", "professional", "专业版", "flagship", "ultimate", "旗舰版"]


def completions(command: str, param: str, args: list[str], incomplete: str) -> list[str]:
    """What the shell is offered for ``param`` of ``command`` after ``args``, through the parser's own hook."""
    group = typer.main.get_command(app)
    cmd = group.commands[command]  # type: ignore[attr-defined]
    ctx = cmd.make_context(command, list(args), resilient_parsing=True)
    (found,) = [p for p in cmd.params if p.name == param]
    return [item.value for item in found.shell_complete(ctx, incomplete)]


def test_pricebook_ids_complete() -> None:
    assert completion.pricebook_ids("") == list(SHIPPED_BOOKS)
    assert "tencent-im" in SHIPPED_BOOKS and "tencent-im-overseas" in SHIPPED_BOOKS
    assert completion.pricebook_ids("tencent-im-o") == ["tencent-im-overseas"]
    assert completion.pricebook_ids("TENCENT-IM-O") == ["tencent-im-overseas"]
    assert completion.pricebook_ids("books/") == []


@pytest.mark.parametrize("command", ["estimate", "compare", "prices", "schema"])
def test_pricebook_option_offers_the_shipped_ids(command: str) -> None:
    assert completions(command, "pricebook", [], "tencent-im-") == ["tencent-im-overseas"]


@pytest.mark.parametrize(
    ("incomplete", "names"),
    [
        ("", ALL_NAMES),
        ("p", ["pro", "professional"]),
        ("fl", ["flagship"]),
        ("u", ["ultimate"]),
        ("专", ["专业版"]),
        ("x", []),
    ],
)
def test_compare_offers_edition_names_and_aliases(incomplete: str, names: list[str]) -> None:
    assert completions("compare", "editions", [], incomplete) == names


def test_edition_names_follow_the_pricebook_typed_before() -> None:
    # The overseas book names the same editions; a file that can't be read falls back to the default book.
    assert completions("compare", "editions", ["--pricebook", "tencent-im-overseas"], "p") == ["pro", "professional"]
    assert completions("compare", "editions", ["--pricebook", "no/such/book.yaml"], "t") == ["trial"]
