"""Text from users, made safe to show: control and bidi characters escaped, long values cut.

A plan's customer or app name, a price book's edition names, a saved JSON's
texts and file names reach terminals, quotes and error lines. Shown raw, an
ESC sequence recolours or clears the terminal, a newline makes one error look
like two, and a right-to-left override (U+202E) shows text reversed. Every
human output and every message passes user text through ``visible`` (or
``quoted`` for a value inside a message), CSV cells through ``csv_cell`` (also
neutralising spreadsheet formulas); JSON, for scripts, keeps the exact text.
Imports nothing of imcost, so any module may use it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import TextIO

# Values longer than this are cut when quoted in a message, so one message stays one short line.
MAX_QUOTED = 40

_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
# Bidi marks, embeddings, overrides and isolates: they reorder what follows them on the line.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
# C0 controls, DEL and C1 controls; line and paragraph separators (a line break in some
# terminals and editors); lone surrogates (a file name that is not UTF-8, as Python holds it).
_ESCAPES: dict[int, str] = {
    **{c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))},
    **{c: f"\\u{c:04x}" for c in (*_BIDI, 0x2028, 0x2029, *range(0xD800, 0xE000))},
    **_NAMED,
}


def visible(text: str) -> str:
    """``text`` with control, bidi-override and line-separator characters written as escapes.

    ``\\x1b``, ``\\n``, ``\\r``, ``\\t``, ``\\x7f``, ``\\u202e``: the escapes Python writes in a
    ``repr``. Everything else (Chinese, emoji, a full-width space) is kept, and a backslash
    is left as it is, so escaping twice changes nothing.
    """
    if text.isprintable():  # the common case: nothing to escape (isprintable is False for all of them)
        return text
    return text.translate(_ESCAPES)


def cut(text: str, limit: int = MAX_QUOTED) -> str:
    """``text`` made visible and, past ``limit`` characters, cut: ``abc... (200,000 characters)``."""
    if len(text) <= limit:
        return visible(text)
    return visible(text[:limit]) + f"... ({len(text):,} characters)"


def quoted(text: str, limit: int = MAX_QUOTED) -> str:
    """A value from the user inside a message: ``'abc'``, its escapes as in ``repr``, cut past ``limit``."""
    if len(text) <= limit:
        return repr(text)
    return repr(text[:limit]) + f"... ({len(text):,} characters)"


# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and CR,
# strips them and reads what follows): OWASP's list for CSV injection.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FIRST = frozenset("".join(_FORMULA_STARTS))
_AFTER_COMMA = re.compile(",[=+@\t\r-]")
# imcost's own numbers in CSV: amounts (-100.00 in a diff), counts, percentages. Never a formula.
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows and never runs: visible, and ``'=1+2`` for ``=1+2``.

    OWASP's rule (a single quote before a cell starting with ``= + - @``, tab or CR), except
    for a plain decimal number like ``-100.00``: imcost's own amounts, which scripts read as
    numbers and a spreadsheet reads as that number, never as a formula. Control characters
    are escaped first, as in every output for people (a leading tab becomes ``\\t``).
    """
    shown = visible(text)
    if shown.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(shown):
        return "'" + shown
    return shown


class _SafeWriter:
    """``csv.writer`` whose cells go through ``csv_cell``."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Sequence[object]) -> None:
        # Most rows are imcost's numbers and ids: one check of the whole row keeps a
        # 1,000,000-row curve fast; only a row that may need it goes cell by cell
        # (a "," inside a cell can only send a row the slow way).
        line = ",".join(map(str, row))
        if line.isprintable() and line[:1] not in _FIRST and not _AFTER_COMMA.search(line):
            self._writer.writerow(row)
        else:
            self._writer.writerow([csv_cell(str(cell)) for cell in row])

    def writerows(self, rows: Iterable[Sequence[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: TextIO) -> _SafeWriter:
    """The CSV writer of every imcost output: ``\\n`` line ends, formula cells neutralised."""
    return _SafeWriter(out)


def listed(names: list[str] | tuple[str, ...], most: int = 12) -> str:
    """Choices named in a message (``a, b, c``): each cut, at most ``most`` of them, then how many in all."""
    shown = ", ".join(cut(n) for n in names[:most])
    return shown if len(names) <= most else f"{shown}, ... ({len(names):,} in all)"
