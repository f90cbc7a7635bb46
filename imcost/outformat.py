"""Which format a command writes: ``--format`` when given, else the ``--out`` file's extension, else a table.

``quote.html`` gets the quote page, ``costs.csv`` a spreadsheet; ``.txt`` or no
extension the plain table. An explicit ``--format`` that says otherwise than a
known extension is refused, rather than writing a text table into ``.csv``. A
``.txt`` file holds any text, so it contradicts no format; an extension imcost
doesn't know (``.out``, ``.log``) decides nothing and is written as asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from imcost.errors import InputError, InputProblem

DEFAULT = "table"
# Extension (lower case) -> the format it implies.
EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}
# Extensions that name a format but don't rule the others out.
_ANY_TEXT = frozenset({".txt"})


def implied(out: Path | None) -> str | None:
    """The format ``out``'s extension names (``.HTML`` as ``.html``); None without a known one."""
    if out is None:
        return None
    return EXTENSIONS.get(out.suffix.lower())


def _or(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def resolve(given: str | None, out: Path | None, offered: Sequence[str]) -> str:
    """The format to write: ``given`` (``--format``) if any, else ``out``'s, else table; InputError on a clash.

    ``offered`` are the command's formats: an extension whose format the command
    lacks (an ``.html`` file from ``prices``) is refused, never written as a table.
    """
    suffix = "" if out is None else out.suffix.lower()
    named = implied(out)
    if given is None:
        if named is None:
            return DEFAULT
        if named not in offered:
            message = f"{out} is an {suffix} file; this command writes {_or(offered)}"
            raise InputError([InputProblem("--out", None, (), message, "give --format or another extension")])
        return named
    if named is not None and named != given and suffix not in _ANY_TEXT:
        message = f"{given} contradicts --out {out} (an {suffix} file); drop one"
        raise InputError([InputProblem("--format", None, (), message)])
    return given
