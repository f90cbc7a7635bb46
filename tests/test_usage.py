"""Command-line mistakes the argument parser finds: one line in imcost's words, exit 2, nothing on stdout.

The command group (imcost.usage.Group) rewords them, so the CliRunner (which calls
the app) and the installed script (imcost.cli.main) print the same; a subprocess
test checks the script's path too.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from imcost.cli import app

from .conftest import SAMPLES

PLAN = str(SAMPLES / "flagship.yaml")

MISTAKES = {
    "misspelt option": (
        ["estimate", PLAN, "--formt", "json"],
        "no such option --formt (did you mean --format?)",
    ),
    "misspelt option with its value": (
        ["estimate", PLAN, "--pricebok=book.yaml"],
        "no such option --pricebok (did you mean --pricebook?)",
    ),
    "unknown option": (["estimate", PLAN, "--colour"], "no such option --colour (see imcost estimate --help)"),
    "unknown short option": (["estimate", PLAN, "-x"], "no such option -x (see imcost estimate --help)"),
    "unknown option before the command": (
        ["--verbose", "estimate", PLAN],
        "no such option --verbose (see imcost --help)",
    ),
    "misspelt command": (["estimat", PLAN], "no such command 'estimat' (did you mean 'estimate'?)"),
    "unknown command": (["quote", PLAN], "no such command 'quote' (see imcost --help)"),
    "missing plan": (["estimate"], "missing argument PLAN (see imcost estimate --help)"),
    "missing new side": (["diff", PLAN], "missing argument NEW (see imcost diff --help)"),
    "validate nothing": (["validate"], "missing argument PLAN (see imcost validate --help)"),
    "extra argument": (
        ["estimate", PLAN, "more.yaml"],
        "unexpected extra argument more.yaml (see imcost estimate --help)",
    ),
    "extra arguments": (
        ["schedule", PLAN, "a.yaml", "b.yaml"],
        "unexpected extra arguments a.yaml b.yaml (see imcost schedule --help)",
    ),
    "unknown format": (
        ["estimate", PLAN, "--format", "xml"],
        "--format: 'xml' is not one of table, json, csv, markdown, html (see imcost estimate --help)",
    ),
    "unknown format with -f": (
        ["prices", "-f", "html"],
        "--format: 'html' is not one of table, json, csv, markdown (see imcost prices --help)",
    ),
    "unknown language": (
        ["estimate", PLAN, "--lang", "fr"],
        "--lang: 'fr' is not one of en, zh (see imcost estimate --help)",
    ),
    "format without a value": (["estimate", PLAN, "-f"], "-f: expected a value (see imcost estimate --help)"),
    "flag without a value": (["compare", "--dau"], "--dau: expected a value (see imcost compare --help)"),
    "switch given a value": (["compare", "--security=yes"], "--security: takes no value (see imcost compare --help)"),
    "months of text": (
        ["forecast", PLAN, "--months", "a year"],
        "--months: expected a whole number, got 'a year' (see imcost forecast --help)",
    ),
    "months of a fraction": (
        ["schedule", PLAN, "--months", "1.5"],
        "--months: expected a whole number, got '1.5' (see imcost schedule --help)",
    ),
}


@pytest.mark.parametrize("args,message", MISTAKES.values(), ids=list(MISTAKES))
def test_a_usage_mistake_is_one_line(args: list[str], message: str, runner: CliRunner) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"imcost: error: {message}\n")


def test_a_bad_language_from_the_environment_names_the_variable(runner: CliRunner) -> None:
    result = runner.invoke(app, ["estimate", PLAN], env={"IMCOST_LANG": "fr"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "imcost: error: IMCOST_LANG: 'fr' is not one of en, zh (see imcost estimate --help)\n"


def test_the_installed_script_says_the_same() -> None:
    """``python -m imcost`` runs imcost.cli.main; the message still names ``imcost estimate``."""
    done = subprocess.run(
        [sys.executable, "-m", "imcost", "estimate", PLAN, "--format", "xml"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "imcost: error: --format: 'xml' is not one of table, json, csv, markdown, html (see imcost estimate --help)\n"
    )


def test_no_arguments_still_shows_the_help_on_stderr(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Usage: imcost [OPTIONS] COMMAND [ARGS]...\n")
    assert "Commands:" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["estimate", "--help"], ["--version"]])
def test_help_and_version_exit_0_on_stdout(args: list[str], runner: CliRunner) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout


def test_without_standalone_mode_the_parser_error_is_raised() -> None:
    """A caller that asks for the parser's exceptions (standalone_mode=False) still gets them."""
    import typer.main
    from typer._click.exceptions import NoSuchOption

    with pytest.raises(NoSuchOption):
        typer.main.get_command(app).main(["estimate", PLAN, "--formt"], standalone_mode=False)
