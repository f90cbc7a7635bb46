"""Command-line mistakes the argument parser finds, as one line each in imcost's words.

Typer (its vendored click) would print a usage line, a hint and ``Error: ...``,
with wording of its own (and pydantic's, such as "Value error, ..."). imcost's
command group runs without Typer's standalone mode and says instead, on one
line of stderr with exit code 2, what is wrong and where to look:
``imcost: error: --format: 'xml' is not one of table, json, csv, markdown, html
(see imcost estimate --help)``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click import exceptions as parser_errors
from typer.core import TyperCommand, TyperGroup

from imcost.errors import ExitCode
from imcost.fields import closest
from imcost.streams import say
from imcost.textsafe import cut, quoted, visible

# Wordings of the parser's messages that carry what imcost rewords.
_NOT_ONE_OF = re.compile(r"(?P<value>.+?) is not one of (?P<choices>.+?)\.?")
_NO_SUCH_COMMAND = re.compile(r"No such command (?P<name>'.*?'|\".*?\")\.")
_EXTRA = re.compile(r"Got unexpected extra (argument\(s\)|arguments?) \((?P<args>.*)\)")
_NEEDS_VALUE = re.compile(r"Option .+ requires (an argument|\d+ arguments)\.")
_NO_VALUE = re.compile(r"Option .+ does not take a value\.")


# A command that needs more memory than the process may use (``ulimit -v``) ends with this, exit 2.
OUT_OF_MEMORY = (
    "out of memory: this command needs more than the memory this process may use "
    "(a range of fewer values, a larger step or fewer apps needs less)"
)


# The commands in the order a user meets the tasks: price, compare, plan ahead, check, set up.
# ``config`` has its place before it exists; a command not named here is listed last.
TASK_ORDER = (
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
)


class Command(TyperCommand):
    """An imcost command's help: arguments by their METAVAR alone, in one usage style.

    Typer writes an argument with its Python type (``PLAN <list[Path]>``) and
    usage pieces as ``{PLAN}`` or ``[plan]...``; imcost writes ``PLAN``,
    ``[PLAN]``, ``PLAN...`` and ``[EDITION]...`` (``app.command(cls=Command)``).
    """

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_usage_piece(p) for p in self.get_params(ctx) if _is_argument(p)]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments = [
            _argument_record(p) for p in self.get_params(ctx) if _is_argument(p) and not getattr(p, "hidden", False)
        ]
        options = [
            record
            for p in self.get_params(ctx)
            if not _is_argument(p)
            for record in [p.get_help_record(ctx)]
            if record is not None
        ]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def _argument_name(param: Any) -> str:
    return str(param.metavar or param.name.upper())


def _usage_piece(param: Any) -> str:
    """``PLAN`` (required), ``[PLAN]`` (optional), with ``...`` when it takes several."""
    name = _argument_name(param)
    piece = name if param.required else f"[{name}]"
    return piece + ("..." if param.nargs != 1 else "")


def _argument_record(param: Any) -> tuple[str, str]:
    name = _argument_name(param) + ("..." if param.nargs != 1 else "")
    return name, str(getattr(param, "help", None) or "")


class Group(TyperGroup):
    """imcost's command group: run in standalone mode, it exits with the command's code and
    turns the parser's usage errors into one line (``typer.Typer(cls=Group)``); its help
    lists the commands in task order (TASK_ORDER)."""

    def list_commands(self, ctx: Any) -> list[str]:
        known = [name for name in TASK_ORDER if name in self.commands]
        return known + [name for name in self.commands if name not in TASK_ORDER]

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        words = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except parser_errors.NoArgsIsHelpError as exc:
            # `imcost` alone: the help, on stderr with exit code 2, as the parser gives it.
            say(exc.format_message().rstrip("\n"))
            sys.exit(exc.exit_code)
        except parser_errors.UsageError as exc:
            say(f"imcost: error: {visible(message(exc, self._command(exc.ctx, words)))}")
            sys.exit(int(ExitCode.BAD_INPUT))
        except parser_errors.ClickException as exc:
            say(f"imcost: error: {visible(exc.format_message())}")
            sys.exit(exc.exit_code)
        except MemoryError:
            # Raised where the allocation failed; unwinding to here has freed what the command held.
            say(f"imcost: error: {OUT_OF_MEMORY}")
            sys.exit(int(ExitCode.BAD_INPUT))
        except typer.Abort:
            say("Aborted!")
            sys.exit(1)
        # Without standalone mode the group returns typer.Exit's code, or the command's value (None).
        sys.exit(code if isinstance(code, int) else 0)

    def _command(self, ctx: Any, words: list[str]) -> str:
        """``imcost`` or ``imcost estimate``: where the mistake is, however imcost was started (``python -m`` too)."""
        if ctx is not None:
            return "imcost" if ctx.parent is None else f"imcost {ctx.info_name}"
        # A flag without its value is found before its command's context exists. The top
        # level's own options take no value, so the first word that isn't one is the command.
        name = next((word for word in words if not word.startswith("-")), None)
        return f"imcost {name}" if name in self.commands else "imcost"


def message(error: parser_errors.UsageError, command: str = "imcost") -> str:
    """What is wrong, where, and where to read more (``command --help``): one line, without "imcost: error: "."""
    help_hint = f"see {command} --help"
    text = error.message.strip()
    if isinstance(error, parser_errors.NoSuchOption):
        guess = _closest_option(error.option_name, error.ctx)
        return f"no such option {cut(error.option_name)} ({f'did you mean {guess}?' if guess else help_hint})"
    if isinstance(error, parser_errors.MissingParameter):
        return f"missing {_param_kind(error.param)} {_param_name(error.param, error.ctx)} ({help_hint})"
    if isinstance(error, parser_errors.BadParameter):
        return f"{_param_name(error.param, error.ctx)}: {_bad_value(error, text)} ({help_hint})"
    if isinstance(error, parser_errors.BadOptionUsage):
        if _NEEDS_VALUE.fullmatch(text):
            return f"{error.option_name}: expected a value ({help_hint})"
        if _NO_VALUE.fullmatch(text):
            return f"{error.option_name}: takes no value ({help_hint})"
    found = _NO_SUCH_COMMAND.match(text)
    if found:
        name = found["name"][1:-1]
        guess = closest(name, _command_names(error.ctx))
        return f"no such command {quoted(name)} ({f'did you mean {guess!r}?' if guess else help_hint})"
    found = _EXTRA.fullmatch(text)
    if found:
        extra = found["args"]
        plural = "s" if len(extra.split()) > 1 else ""
        return f"unexpected extra argument{plural} {cut(extra)} ({help_hint})"
    return f"{_sentence(text)} ({help_hint})"


def _closest_option(given: str, ctx: Any) -> str | None:
    """The long option a misspelt ``--flag`` most likely meant, matched without the dashes every one shares."""
    if ctx is None or not given.startswith("--"):
        return None
    names = {name[2:]: name for param in ctx.command.params for name in (*param.opts, *param.secondary_opts)}
    guess = closest(given[2:], [n for n, full in names.items() if full.startswith("--")])
    return None if guess is None else names[guess]


def _command_names(ctx: Any) -> list[str]:
    commands = getattr(ctx.command, "commands", {}) if ctx is not None else {}
    return list(commands)


def _param_kind(param: Any) -> str:
    return "argument" if getattr(param, "param_type_name", "") == "argument" else "option"


def _param_name(param: Any, ctx: Any) -> str:
    """The flag as a user writes it (``--format``), the variable when the value came from one, or the METAVAR."""
    if param is None:
        return "value"
    envvar = getattr(param, "envvar", None)
    source = ctx.get_parameter_source(param.name) if ctx is not None and param.name else None
    if isinstance(envvar, str) and source is not None and source.name == "ENVIRONMENT":
        return envvar
    longs = [o for o in param.opts if o.startswith("--")]
    if getattr(param, "param_type_name", "") == "option":
        return str((longs or param.opts)[0])
    return str(getattr(param, "metavar", None) or param.name.upper())


def _bad_value(error: parser_errors.BadParameter, text: str) -> str:
    """The parser's complaint about a value, reworded: the choices as a plain list, the value quoted."""
    text = text.removeprefix("Value error, ")
    found = _NOT_ONE_OF.fullmatch(text)
    if found:
        choices = ", ".join(c.strip().strip("'\"") for c in found["choices"].split(","))
        return f"{_given(found['value'])} is not one of {choices}"
    # pydantic (Typer's coercion) keeps the value given; its words for a number are reworded.
    errors = getattr(error.__cause__, "errors", None)
    if callable(errors):
        first: dict[str, Any] = next(iter(errors()), {})
        given = first.get("input")
        if str(first.get("type", "")).startswith("int_"):
            return f"expected a whole number, got {quoted(str(given))}"
        if given is not None:
            return f"{_sentence(text)}, got {quoted(str(given))}"
    return _sentence(text)


def _given(value: str) -> str:
    """A value the parser wrote as a Python literal (``'xml'``), quoted and cut as imcost quotes values."""
    import ast  # only for this message

    try:
        raw = ast.literal_eval(value)  # a literal only: never runs anything
    except (ValueError, SyntaxError, RecursionError, MemoryError):
        return cut(value)
    return quoted(raw) if isinstance(raw, str) else cut(value)


def _sentence(text: str) -> str:
    """The parser's sentence as a clause of imcost's: no capital, no full stop."""
    text = text.rstrip(".")
    return text[:1].lower() + text[1:]
