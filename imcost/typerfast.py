"""Start-up shortcuts that reach into Typer's internals: the one module that does.

Typer 0.29 converts every parameter through a pydantic ``TypeAdapter`` built
while the command line is parsed, even for an option left out. Importing
pydantic and building the adapters of one command costs about 70 ms, more than
the rest of a run, although every type imcost's options use (``str``, ``bool``,
``Path``, enums, a parser function, lists of these) converts without pydantic.
``install()`` swaps Typer's ``typer.core.build_runtime_param`` for one that
converts those types directly and leaves every other type to Typer.

The shortcut only ever succeeds the way Typer's own conversion would. Whenever
it can't convert a value (any exception), Typer's own conversion runs on the
value instead, so every error a user sees is Typer's, word for word (and
pydantic is imported only then). When the internals are not what this module
expects (another Typer), ``install()`` does nothing and Typer's public path
runs. tests/test_typerfast.py checks the internals used here, and that help
and errors are the same either way.

``run()`` builds only the command being run: Typer builds the click objects of
every command to run one; the group's help, completion and unknown commands
still get the whole app.
"""

from __future__ import annotations

import copy
import inspect
import os
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer

# Conversion of one value that click has parsed: raises when it can't (Typer's own then runs).
_Convert = Callable[[Any, Any, Any], Any]

_installed: dict[str, Any] = {}


def install() -> bool:
    """Convert simple parameters without pydantic from now on; False (and no change) when Typer's internals differ."""
    if _installed:
        return True
    try:
        from typer import _coercion, _param_types
        from typer import core as typer_core
    except ImportError:
        return False
    core: Any = typer_core  # Typer's internals: checked by expected_internals, not by their declared types
    if not expected_internals(core, _coercion, _param_types):
        return False
    public = core.build_runtime_param
    fast = _fast_builder(public, _coercion.RuntimeParam, _param_types)
    core.build_runtime_param = fast
    _installed.update(core=core, public=public, fast=fast)
    return True


def uninstall() -> None:
    """Typer's own conversion again (for tests that compare the two)."""
    if _installed:
        core = _installed["core"]
        if core.build_runtime_param is _installed["fast"]:
            core.build_runtime_param = _installed["public"]
        _installed.clear()


def expected_internals(core: Any, coercion: Any, param_types: Any) -> bool:
    """Whether Typer's internals are the ones this module was written against (typer 0.29)."""
    try:
        runtime_param = coercion.RuntimeParam
        checks = (
            _params(core.build_runtime_param) == ["descriptor"],
            core.build_runtime_param is coercion.build_runtime_param,
            # The parameter looks the builder up in Typer's module when it first converts a value.
            "build_runtime_param" in core._TyperParameter.get_runtime_param.__code__.co_names,
            _params(runtime_param.coerce) == ["self", "value", "param", "ctx"],
            _params(runtime_param._coerce_value) == ["self", "value", "param", "ctx"],
            {"annotation", "parameter_info"} <= set(runtime_param.__dataclass_fields__),
            {"annotation", "parameter_info", "file_annotation"} <= set(coercion.TypeDescriptor.__dataclass_fields__),
            _params(param_types.coerce_cli_choice) == ["value", "choices", "case_sensitive", "ctx"],
            _params(param_types.coerce_cli_path) == ["value", "parameter_info", "path_type", "param", "ctx"],
            callable(param_types.routes_to_path),
        )
    except (AttributeError, TypeError, ValueError):
        return False
    return all(checks)


def _params(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def _fast_builder(public: Callable[[Any], Any], runtime_param: type, param_types: Any) -> Callable[[Any], Any]:
    """``build_runtime_param`` that converts simple types itself and leaves the rest to ``public``."""

    class FastRuntimeParam(runtime_param):  # type: ignore[misc]
        """A parameter's conversion without pydantic; Typer's own one (built on demand) for what it can't convert."""

        def __init__(self, descriptor: Any, convert: _Convert) -> None:
            # Typer's class is a frozen dataclass: its fields are set the way its own __init__ sets them.
            object.__setattr__(self, "parameter_info", descriptor.parameter_info)
            object.__setattr__(self, "annotation", descriptor.annotation)
            object.__setattr__(self, "_descriptor", descriptor)
            object.__setattr__(self, "_convert", convert)
            object.__setattr__(self, "_public", None)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self._convert(value, param, ctx)
            except Exception:
                # Typer's own conversion says what is wrong, in its own words (or converts what this couldn't).
                if self._public is None:
                    object.__setattr__(self, "_public", public(self._descriptor))
                return self._public.coerce(value, param=param, ctx=ctx)

    def build(descriptor: Any) -> Any:
        convert = _converter(descriptor.annotation, descriptor.parameter_info, param_types)
        if convert is None or descriptor.file_annotation is not None:
            return public(descriptor)
        return FastRuntimeParam(descriptor, convert)

    return build


def _converter(annotation: Any, info: Any, param_types: Any) -> _Convert | None:
    """How Typer's adapter for ``annotation`` converts a value click parsed, for the types that need no pydantic."""
    if get_origin(annotation) is list:
        (item_type,) = get_args(annotation)
        item = _converter(item_type, info, param_types)
        if item is None:
            return None
        return lambda value, param, ctx: [
            item(v, param, ctx) for v in (value if isinstance(value, list | tuple) else [value])
        ]
    if info.parser is not None:
        parser = info.parser
        return lambda value, param, ctx: parser(value)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = list(annotation)
        sensitive = info.case_sensitive
        return lambda value, param, ctx: param_types.coerce_cli_choice(
            value, choices=choices, case_sensitive=sensitive, ctx=ctx
        )
    if annotation is bool:
        return _exactly(bool)
    if annotation is str:
        return _exactly(str)
    if annotation is Path and info.path_type is None and param_types.routes_to_path(annotation, info):

        def to_path(value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is not str:
                raise TypeError("not a string")
            # pydantic's Path from a string is Path(value); Typer then checks it as it always does.
            return param_types.coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)

        return to_path
    return None


def _exactly(kind: type) -> _Convert:
    def same(value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"not a {kind.__name__}")
        return value

    return same


def command_name(app: typer.Typer, args: Sequence[str]) -> str | None:
    """The command ``args`` run, when the first word names one; None for anything else (options first, help)."""
    return None if _command(app, args) is None else args[0]


def _command(app: typer.Typer, args: Sequence[str]) -> Any | None:
    """The registered command (Typer's CommandInfo) the first word of ``args`` names, else None."""
    if not args or args[0].startswith("-"):
        return None
    return _commands(app).get(args[0])


def _commands(app: typer.Typer) -> dict[str, Any]:
    from typer.main import get_command_name

    return {
        info.name or get_command_name(getattr(info.callback, "__name__", "")): info for info in app.registered_commands
    }


def run(app: typer.Typer, args: Sequence[str]) -> None:
    """Run ``app`` on ``args``, building only the command they name.

    The group's options (``--help``, ``--version``) come before a command's
    name, so the first word naming a command means that command runs. Shell
    completion (its environment variable set) needs every command: the whole
    app runs then, as it does for anything else.
    """
    info = _command(app, args)
    if info is None or any(key.endswith("_COMPLETE") for key in os.environ):
        app(list(args))
        return
    one = copy.copy(app)
    one.registered_commands = [info]
    one(list(args))
