"""imcost.typerfast: Typer's internals it relies on, and the same help, errors and output with it as without.

Each comparison runs the same command line twice in this process, once through
Typer's public path (its pydantic conversion, every command built) and once as
the ``imcost`` process runs it (imcost.cli.run_app), and asserts the exit code,
stdout and stderr are the same bytes.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import typer
import typer.main
from typer import _coercion, _param_types
from typer import core as typer_core
from typer.testing import CliRunner

from imcost import typerfast
from imcost.cli import app

from .test_help import COMMANDS as TEST_HELP_COMMANDS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "samples" / "flagship.yaml")
GROWTH_SAMPLE = str(ROOT / "samples" / "growth.yaml")

COMMANDS = TEST_HELP_COMMANDS


@pytest.fixture(autouse=True)
def _public_afterwards() -> Iterator[None]:
    """The fast conversion is process-wide once installed: every test leaves Typer's own in place."""
    typerfast.uninstall()
    yield
    typerfast.uninstall()


def _run(args: Sequence[str], fast: bool, env: dict[str, str | None] | None = None) -> tuple[object, bytes, bytes]:
    """Exit code, stdout and stderr of ``imcost ARGS``: fast as the process runs it, else Typer's public path."""
    if fast:
        assert typerfast.install()
    else:
        typerfast.uninstall()
    code: object = 0
    with CliRunner().isolation(env={"COLUMNS": "100", **(env or {})}) as (out, err, _):
        try:
            if fast:
                typerfast.run(app, args)
            else:
                app(list(args))
        except SystemExit as exit_:
            code = exit_.code
        printed, said = out.getvalue(), err.getvalue()
    typerfast.uninstall()
    return code, printed, said


def _same(args: Sequence[str], env: dict[str, str | None] | None = None) -> tuple[object, bytes, bytes]:
    public = _run(args, fast=False, env=env)
    fast = _run(args, fast=True, env=env)
    assert fast == public, args
    return fast


def test_typer_internals_are_the_ones_typerfast_was_written_for() -> None:
    """Fails loudly on a Typer upgrade that changes what imcost.typerfast replaces or calls."""
    assert list(inspect.signature(typer_core.build_runtime_param).parameters) == ["descriptor"]
    assert typer_core.build_runtime_param is _coercion.build_runtime_param
    assert "build_runtime_param" in typer_core._TyperParameter.get_runtime_param.__code__.co_names
    assert list(inspect.signature(_coercion.RuntimeParam.coerce).parameters) == ["self", "value", "param", "ctx"]
    assert list(inspect.signature(_coercion.RuntimeParam._coerce_value).parameters) == [
        "self",
        "value",
        "param",
        "ctx",
    ]
    assert {"annotation", "parameter_info", "file_annotation"} <= set(_coercion.TypeDescriptor.__dataclass_fields__)
    assert list(inspect.signature(_param_types.coerce_cli_choice).parameters) == [
        "value",
        "choices",
        "case_sensitive",
        "ctx",
    ]
    assert list(inspect.signature(_param_types.coerce_cli_path).parameters) == [
        "value",
        "parameter_info",
        "path_type",
        "param",
        "ctx",
    ]
    assert typerfast.expected_internals(typer_core, _coercion, _param_types)
    assert typerfast.install()
    assert typer_core.build_runtime_param is not _coercion.build_runtime_param
    typerfast.uninstall()
    assert typer_core.build_runtime_param is _coercion.build_runtime_param


@pytest.mark.parametrize("command", ["compare", "estimate", "recommend"])
def test_every_parameter_of_the_start_up_commands_converts_without_pydantic(command: str) -> None:
    assert typerfast.install()
    built = typer.main.get_command(app)
    params = built.commands[command].params  # type: ignore[attr-defined]
    kinds = {p.name: type(p.get_runtime_param()).__name__ for p in params if hasattr(p, "get_runtime_param")}
    assert len(kinds) >= 7
    assert set(kinds.values()) == {"FastRuntimeParam"}, kinds


def _comparison_runs() -> None:
    """imcost.cli.run_app's path, with whatever conversion is in place."""
    code: object = 0
    with CliRunner().isolation() as (out, err, _):
        try:
            typerfast.run(app, ["compare", "pro", "flagship", "--dau", "25000", "--format", "json"])
        except SystemExit as exit_:
            code = exit_.code
        printed, said = out.getvalue(), err.getvalue()
    assert code == 0
    assert b'"cheapest": "pro"' in printed
    assert said == b""


def test_without_the_internals_typer_public_path_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as absent:
        absent.delattr(typer, "_coercion")
        absent.setitem(sys.modules, "typer._coercion", None)
        assert not typerfast.install()
    assert typer_core.build_runtime_param is _coercion.build_runtime_param
    _comparison_runs()


def test_with_other_internals_typer_public_path_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    public = _coercion.build_runtime_param

    def changed(descriptor: object, *, strict: bool = False) -> object:
        return public(descriptor)  # type: ignore[arg-type]

    monkeypatch.setattr(typer_core, "build_runtime_param", changed)
    assert not typerfast.install()
    assert typer_core.build_runtime_param is changed
    _comparison_runs()


def test_changed_internals_are_refused() -> None:
    class Other:
        @staticmethod
        def build_runtime_param(descriptor: object, extra: object) -> None:
            return None

    assert not typerfast.expected_internals(Other, _coercion, _param_types)
    assert not typerfast.expected_internals(typer_core, object(), _param_types)


@pytest.mark.parametrize("args", [["-h"], ["--help"], []] + [[command, "--help"] for command in COMMANDS])
def test_help_is_the_same(args: list[str]) -> None:
    code, out, err = _same(args)
    assert b"Usage: " in out + err
    assert code in (0, 2)


BAD = [
    ["compare", "--format", "xml"],
    ["compare", "--dau"],
    ["compare", "--lang", "xx"],
    ["compare", "--security=maybe", "pro"],
    ["compare", "--no-such-flag"],
    ["compare", "nosuchedition", "--dau", "1"],
    ["compar", "pro"],
    ["estimate"],
    ["estimate", "--formt", "json", SAMPLE],
    ["estimate", SAMPLE, "--bom=yes"],
    ["estimate", SAMPLE, "--daily", ""],
    ["estimate", str(ROOT / "samples"), "--format", "json"],
    ["estimate", str(ROOT / "no-such-plan.yaml")],
    ["estimate", SAMPLE, "extra-argument"],
    ["validate", SAMPLE, str(ROOT / "no-such-plan.yaml")],
    ["forecast", GROWTH_SAMPLE, "--growth", "x"],
    ["prices", "--format", "csv", "--as-of", "yesterday"],
    ["--version"],
    ["--nope"],
]


@pytest.mark.parametrize("args", BAD)
def test_errors_are_the_same(args: list[str]) -> None:
    code, _, err = _same(args)
    assert code != 0 or args == ["--version"]
    assert b"Traceback" not in err


def test_an_error_from_the_environment_is_the_same() -> None:
    code, out, err = _same(["compare", "pro", "--dau", "1000"], env={"IMCOST_LANG": "xx"})
    assert code == 2
    assert out == b""
    assert err == b"imcost: error: IMCOST_LANG: 'xx' is not one of en, zh (see imcost compare --help)\n"


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "pro", "flagship", "--dau", "25000", "--format", "json"],
        ["compare", "pro", "flagship", "--dau", "25000"],
        ["compare", "--lang", "ZH", "pro", "--dau", "1000", "--format", "markdown"],
        ["compare", "--dau", "0:100000:50000", "--format", "csv", "--lang", "zh"],
        ["estimate", SAMPLE, "--format", "markdown", "--bom", "-q"],
        ["estimate", SAMPLE, "--format", "csv", "--bom", "--month", "2026-01"],
        ["validate", SAMPLE, SAMPLE],
        ["forecast", GROWTH_SAMPLE, "--months", "3", "--format", "json"],
    ],
)
def test_output_is_the_same(args: list[str]) -> None:
    code, out, _ = _same(args)
    assert code in (0, 2)
    assert out or code == 2


def test_only_the_command_run_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    build = typer.main.get_command_from_info

    def spy(command_info: typer.models.CommandInfo, **kwargs: object) -> object:
        built.append(getattr(command_info.callback, "__name__", ""))
        return build(command_info=command_info, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(typer.main, "get_command_from_info", spy)
    _run(["compare", "pro", "--dau", "1000", "--format", "json"], fast=True)
    assert built == ["compare"]
    built.clear()
    _run(["-h"], fast=True)
    assert sorted(built) == sorted(COMMANDS)
    built.clear()
    _run(["compar"], fast=True)
    assert len(built) == len(COMMANDS)


def test_command_name_is_the_first_word_only_when_it_names_a_command() -> None:
    assert typerfast.command_name(app, ["compare", "pro"]) == "compare"
    assert typerfast.command_name(app, ["schema"]) == "schema"
    assert typerfast.command_name(app, ["-h", "compare"]) is None
    assert typerfast.command_name(app, ["--version"]) is None
    assert typerfast.command_name(app, ["compar"]) is None
    assert typerfast.command_name(app, []) is None


def test_the_process_imports_no_pydantic_for_a_comparison() -> None:
    """The point of it all: the start-up row's command line never imports pydantic."""
    script = (
        "import sys\n"
        "sys.argv = ['imcost', 'compare', 'pro', 'flagship', '--dau', '25000', '--format', 'json']\n"
        "from imcost.cli import run_app\n"
        "try:\n"
        "    run_app()\n"
        "finally:\n"
        "    print(sorted(m for m in sys.modules if m.startswith('pydantic')), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0
    assert done.stderr == "[]\n"
    assert '"cheapest": "pro"' in done.stdout
