"""Typed reads from a loaded YAML document that collect problems instead of raising.

Plan files and price books are both checked with these, so every mistake in a
file is reported at once, each with its file, line and key path.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from imcost.errors import InputProblem, KeyPath
from imcost.month import NoSuchDay, parse_day
from imcost.numtext import digits_problem, fine_message, form_problem, too_fine
from imcost.textsafe import cut, quoted
from imcost.yamldoc import NumberLike, YamlDoc

# Larger than any real count (there are about 8e9 people), small enough that a
# typo like 10**30 is caught as one.
MAX_COUNT = 10**12


# 25,000 or 1,234,567.5: thousands separators as people write them, every group of three.
_GROUPED = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")


def ungrouped(text: str) -> str | None:
    """``25,000`` as ``25000``; None unless ``text`` is a number grouped by thousands."""
    value = text.strip()
    return value.replace(",", "") if _GROUPED.match(value) else None


# Numbers longer than this are described by their length in messages, not printed.
SHOWN_DIGITS = 40


def shown(number: int | Decimal) -> str:
    """A number for a message: as it is, or ``a number of 4,000 digits`` when it would flood the line."""
    if isinstance(number, Decimal) or abs(number) < 10**SHOWN_DIGITS:
        return str(number)
    return f"a number of {len(str(abs(number))):,} digits"


def describe(value: Any) -> str:
    """Say what a YAML value is, for error messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime | date):
        return f"the date {value}"
    return type(value).__name__


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The valid choice a misspelt ``word`` most likely meant; none for a word far longer than every choice."""
    import difflib  # only when a key is unknown: keeps it out of every start-up

    options = list(choices)
    # A match needs 60% similarity, which a word over 2.4 times a choice's length can't reach:
    # skip the comparison (a 200,000-character value would take a while) and suggest nothing.
    if not options or len(word) > 3 * max(len(c) for c in options):
        return None
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return found[0] if found else None


def _form(value: str) -> tuple[str, str] | None:
    """How ``value`` is not a plain decimal; a bare YAML scalar (NumberLike) also says how YAML 1.1 reads it."""
    return form_problem(value, yaml=isinstance(value, NumberLike))


class Fields:
    """Reads typed values out of ``doc``; problems accumulate in ``self.problems``."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.problems: list[InputProblem] = []
        # Places already reported (or missing), so one mistake gives one message: a
        # missing key is not also "got nothing", a list where a mapping belongs is not
        # also every key it lacks.
        self.settled: set[KeyPath] = set()

    def fail(self, path: KeyPath, message: str, suggestion: str | None = None) -> None:
        if path in self.settled:
            return
        self.settled.add(path)
        self.problems.append(self.doc.problem(path, message, suggestion))

    def mapping(
        self,
        value: Any,
        path: KeyPath,
        allowed: Collection[str],
        required: Collection[str] = (),
    ) -> dict[str, Any]:
        """A mapping whose keys are all in ``allowed``; unknown keys get a suggestion."""
        if not isinstance(value, dict):
            self.fail(path, f"expected a mapping of keys, got {describe(value)}")
            self.settled.update((*path, key) for key in required)
            return {}
        for key in value:
            if key not in allowed:
                guess = closest(key, allowed)
                hint = f"did you mean {quoted(guess)}?" if guess else "valid keys: " + ", ".join(sorted(allowed))
                self.fail((*path, key), f"unknown key {quoted(key)}", hint)
                if guess is not None and guess not in value:
                    self.settled.add((*path, guess))  # "did you mean" said it: not also "missing"
        for key in required:
            if key in value or (*path, key) in self.settled:
                continue
            self.settled.add((*path, key))
            # Several keys may be missing from one mapping, each said at its line; none is
            # said when the mapping itself was missing.
            if path not in self.settled:
                self.problems.append(self.doc.problem(path, f"missing required key {key!r}"))
        return {k: v for k, v in value.items() if k in allowed}

    def count(self, value: Any, path: KeyPath, maximum: int = MAX_COUNT) -> int | None:
        """A whole number from 0 to ``maximum`` (``25000.0`` is accepted, ``2.5`` is not)."""
        number: int | Decimal | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, Decimal) and value == value.to_integral_value():
            # int() of 1.0e+999999999 would run for minutes; a number that long is out of range anyway.
            number = int(value) if value.adjusted() < SHOWN_DIGITS else value
        if number is None and isinstance(value, str) and (form := _form(value)) is not None:
            self.fail(path, *form)
            return None
        if number is None:
            what = f"the fractional number {value}" if isinstance(value, Decimal) else describe(value)
            plain = ungrouped(value) if isinstance(value, str) else None
            self.fail(path, f"expected a whole number, got {what}", f"write {plain}" if plain else None)
            return None
        if number < 0:
            self.fail(path, f"expected a whole number of 0 or more, got {shown(number)}")
            return None
        if number > maximum:
            self.fail(path, f"{shown(number)} is larger than imcost accepts (at most {maximum:,})")
            return None
        return int(number)

    def amount(self, value: Any, path: KeyPath, maximum: int = MAX_COUNT) -> Decimal | None:
        """A non-negative exact number; money given as a string like ``"999"`` is accepted."""
        number: Decimal | None = None
        if isinstance(value, Decimal):
            number = value
        elif isinstance(value, int) and not isinstance(value, bool):
            number = Decimal(value)
        elif isinstance(value, str):
            form = _form(value)
            if form is not None:
                self.fail(path, *form)
                return None
            try:
                number = Decimal(value.strip())
            except ArithmeticError:
                number = None
            if number is not None and not number.is_finite():
                number = None
        if number is None:
            self.fail(path, f"expected a number, got {describe(value)}")
            return None
        if number < 0:
            self.fail(path, f"expected a number of 0 or more, got {cut(str(value))}")
            return None
        if number > maximum:
            self.fail(path, f"{cut(str(value))} is larger than imcost accepts (at most {maximum:,})")
            return None
        if isinstance(value, str) and too_fine(number):
            self.fail(path, *fine_message(quoted(value.strip())))
            return None
        return number

    def text(self, value: Any, path: KeyPath) -> str | None:
        """A non-empty string (a bare number is accepted and read as text)."""
        if isinstance(value, bool) or value is None or isinstance(value, list | dict):
            self.fail(path, f"expected text, got {describe(value)}")
            return None
        text = str(value).strip()
        if not text:
            self.fail(path, "expected text, got an empty value")
            return None
        return text

    def flag(self, value: Any, path: KeyPath) -> bool | None:
        """true or false."""
        if not isinstance(value, bool):
            self.fail(path, f"expected true or false, got {describe(value)}")
            return None
        return value

    def day(self, value: Any, path: KeyPath, suggestion: str | None = None) -> date | None:
        """A calendar date written YYYY-MM-DD; ``suggestion`` says what the date is for when it isn't one."""
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            digits = digits_problem(value)
            if digits is not None:
                self.fail(path, *digits)
                return None
            try:
                return parse_day(value)
            except NoSuchDay:
                self.fail(path, f"expected a date as YYYY-MM-DD, got {describe(value)} (no such day)", suggestion)
                return None
            except ValueError:
                pass
        self.fail(path, f"expected a date as YYYY-MM-DD, got {describe(value)}", suggestion)
        return None
