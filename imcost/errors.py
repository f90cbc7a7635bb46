"""Errors and exit codes: the core raises these, only the CLI turns them into exits."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from imcost.textsafe import cut, visible

KeyPath = tuple[str | int, ...]


class ExitCode(enum.IntEnum):
    """Process exit codes, part of imcost's contract with shell scripts."""

    OK = 0
    INFEASIBLE = 1
    BAD_INPUT = 2
    OVER_BUDGET = 3


def format_path(path: KeyPath) -> str:
    """Render a key path the way a user would write it: ``apps[0].usage.peak_dau``.

    A key is the user's text: shown visible and cut like a quoted value.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = cut(part)
            out += f".{key}" if out else key
    return out or "(top level)"


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with a user's file, located as precisely as we can."""

    file: str
    line: int | None
    path: KeyPath
    message: str
    suggestion: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {format_path(self.path)}: {self.message}" if self.path else f"{where}: {self.message}"
        if self.suggestion:
            text += f" ({self.suggestion})"
        # One problem is one line whatever the file name or a message quotes: a newline
        # or an ESC sequence from the user's text is shown as an escape.
        return visible(text)


class ImcostError(Exception):
    """Base of every error imcost raises on purpose."""

    exit_code = ExitCode.BAD_INPUT


class InputError(ImcostError):
    """The user's input (a plan file, a flag) is wrong; carries every problem found."""

    def __init__(self, problems: Sequence[InputProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class PriceBookError(InputError):
    """The price book file is malformed."""


def raise_if(problems: Iterable[InputProblem], kind: type[InputError] = InputError) -> None:
    """Raise ``kind`` with all ``problems`` when there are any."""
    collected = list(problems)
    if collected:
        raise kind(collected)
