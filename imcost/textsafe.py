"""Text from users, made safe to show: control and bidi characters escaped, long values cut.

A plan's customer or app name, a price book's edition names, a saved JSON's
texts and file names reach terminals, quotes and error lines. Shown raw, an
ESC sequence recolours or clears the terminal, a newline makes one error look
like two, and a right-to-left override (U+202E) shows text reversed. Every
human output and every message passes user text through ``visible`` (or
``quoted`` for a value inside a message); JSON keeps the exact text, CSV the
exact text with formula cells neutralised (``csv_cell``). Imports nothing of
imcost, so any module may use it.
"""

from __future__ import annotations

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


def csv_cell(text: str) -> str:
    """A CSV cell of user text: ``'=1+2`` for ``=1+2``, so a spreadsheet shows it, never runs it."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def listed(names: list[str] | tuple[str, ...], most: int = 12) -> str:
    """Choices named in a message (``a, b, c``): each cut, at most ``most`` of them, then how many in all."""
    shown = ", ".join(cut(n) for n in names[:most])
    return shown if len(names) <= most else f"{shown}, ... ({len(names):,} in all)"
