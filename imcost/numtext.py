"""How a number may be written: plain decimal, in ASCII digits, in every file and flag.

YAML 1.1 (PyYAML) reads ``0100`` as octal 64, ``1:30`` as sexagesimal 90 and
``1_000`` as 1000, where YAML 1.2, JSON Schema and people read 100, a time and
a typo; Python's int() and Decimal() read any Unicode digit (``１２３``, ``١٢٣``).
So a quote file says one thing to every reader, imcost takes counts and amounts
only as plain decimal numbers (``25000``, ``0.5``, ``1.5e3``) in ASCII digits
and refuses every other form, saying what to write instead. Dates and months
take ASCII digits too. Imports only imcost.errors and imcost.textsafe, so every reader can use it.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal, Inexact, InvalidOperation

from imcost.errors import InputError, InputProblem
from imcost.textsafe import MAX_QUOTED, quoted

# Every number read (plan, price book, daily file, flag, saved estimate) has at most
# this many decimal places; counts and amounts are bounded too (at most 10**12), so
# each product and sum imcost forms from them fits PRECISION digits and is exact.
MAX_DECIMALS = 40
# Digits of the Decimal context imcost computes in (imcost.money.CONTEXT): the largest
# exact result of accepted input (a 10**12 count at a 10**12 price, grown 11-fold a month
# for 120 months, summed over every app and month) needs well under 200.
PRECISION = 200
# too_fine() looks at numbers below 10**100 only: anything larger is refused as too large by its reader.
MAX_DIGITS_BEFORE_POINT = 100

_PLAIN = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?|[-+]?\.[0-9]+([eE][-+]?[0-9]+)?")
_PREFIXED = re.compile(r"([-+]?)0([xXoObB])([0-9a-fA-F_]+)")
_BASES = {"x": (16, "a hexadecimal"), "o": (8, "an octal"), "b": (2, "a binary")}
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_DECIMAL_LIKE = re.compile(r"([-+]?)([0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9]+)?")
_YAML11_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_FULL_WIDTH = frozenset("０１２３４５６７８９")
# Longer values are described, not converted, in suggestions: converting 5,000 hex digits is no help.
_CONVERTED = MAX_QUOTED


def digits_problem(text: str) -> tuple[str, str] | None:
    """(message, suggestion) when ``text`` has digits other than ASCII 0-9; None otherwise.

    ``'１２３' has full-width digits`` with ``write 123``: the ASCII form, each digit
    mapped by its Unicode value (full-width punctuation by NFKC).
    """
    if text.isascii():
        return None
    foreign = [c for c in text if not c.isascii() and c.isdigit()]
    if not foreign:
        return None
    kind = "full-width digits" if all(c in _FULL_WIDTH for c in foreign) else "digits other than ASCII 0-9"
    ascii_form = "".join(
        str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c
        for c in unicodedata.normalize("NFKC", text.strip())
    )
    if len(ascii_form) > _CONVERTED or not ascii_form.isascii():
        return f"{quoted(text.strip())} has {kind}", "write it with the digits 0-9"
    return f"{quoted(text.strip())} has {kind}", f"write {ascii_form}"


class ForeignDigits(ValueError):
    """A date or month written with digits other than ASCII 0-9; ``str()`` is the message and the suggestion."""

    def __init__(self, message: str, suggestion: str) -> None:
        super().__init__(f"{message} ({suggestion})")
        self.message = message
        self.suggestion = suggestion


def check_digits(text: str) -> None:
    """Raise ForeignDigits when ``text`` has digits other than ASCII 0-9."""
    found = digits_problem(text)
    if found is not None:
        raise ForeignDigits(*found)


def form_problem(text: str, yaml: bool = False) -> tuple[str, str] | None:
    """(message, suggestion) when ``text`` is a number not written as a plain decimal; None otherwise.

    None also for text that is no number at all (``lots``, ``.inf``): each reader says
    what it expected there in its own words. ``yaml``: the text is a plain YAML scalar,
    so the message says how YAML 1.1 reads a leading zero or a colon.
    """
    found = digits_problem(text)
    if found is not None:
        return found
    value = text.strip()
    if _PLAIN.fullmatch(value):
        return None
    shown = quoted(value)
    short = len(value) <= _CONVERTED
    prefixed = _PREFIXED.fullmatch(value)
    if prefixed:
        sign, letter, digits = prefixed.groups()
        base, name = _BASES[letter.lower()]
        try:
            number = int(sign + digits.replace("_", ""), base)
        except ValueError:
            number = None
        if number is not None:
            what = f"{shown} is {name} number, not a plain decimal one"
            return what, f"write {number}" if short else "write it in decimal digits"
    if _SEXAGESIMAL.fullmatch(value):
        reader = "is read by YAML 1.1 as" if yaml else "is"
        what = f"{shown} {reader} a sexagesimal number (base 60, like a time), not a plain decimal one"
        return what, f"write {_sexagesimal(value)}" if short else "write it in decimal digits"
    decimal_like = _DECIMAL_LIKE.fullmatch(value)
    if decimal_like and any(c.isdigit() for c in value):
        sign, whole, fraction, exponent = decimal_like.groups()
        plain = (whole.replace("_", "").lstrip("0") or "0") + (fraction or "").replace("_", "") + (exponent or "")
        plain = sign + plain
        if _PLAIN.fullmatch(plain):
            what = f"{shown} is not a plain decimal number"
            if not short:
                return what, "write it without underscores or leading zeros"
            if yaml and _YAML11_OCTAL.fullmatch(value) and len(value.lstrip("+-").replace("_", "")) > 1:
                return what, f"write {plain}; YAML 1.1 reads a leading 0 as octal, {int(value.replace('_', ''), 8)}"
            return what, f"write {plain}"
    return None


def _sexagesimal(text: str) -> str:
    """``1:30`` as YAML 1.1 reads it: 90 (each part times 60 to the power of its place)."""
    sign = -1 if text.startswith("-") else 1
    total = Decimal(0)
    for part in text.lstrip("+-").replace("_", "").split(":"):
        total = total * 60 + Decimal(part)
    return str(sign * total)


_CHECK = Context(prec=PRECISION, traps=[Inexact, InvalidOperation])
_FINEST = Decimal(1).scaleb(-MAX_DECIMALS)


def too_fine(number: Decimal) -> bool:
    """Whether a finite ``number`` (under 10**MAX_DIGITS_BEFORE_POINT) has more than MAX_DECIMALS decimal places."""
    try:
        number.quantize(_FINEST, context=_CHECK)
    except (Inexact, InvalidOperation):
        return True
    return False


def fine_message(written: str) -> tuple[str, str]:
    """(message, suggestion) for a number with more decimal places than imcost computes exactly."""
    return (
        f"{written} has more than {MAX_DECIMALS} decimal places, more than imcost computes exactly",
        f"round it to {MAX_DECIMALS} places or fewer",
    )


# Longer whole numbers are refused by their length: Python reads at most 4,300 digits.
MAX_WHOLE_DIGITS = 4000


def whole_flag(flag: str, text: str, command: str) -> int:
    """A flag's whole number (``--months 12``), range checks left to the caller; InputError otherwise."""
    form = form_problem(text)
    if form is not None:
        raise InputError([InputProblem(flag, None, (), *form)])
    value = text.strip()
    if not re.fullmatch(r"[-+]?[0-9]+", value):
        message = f"expected a whole number, got {text!r}"
        raise InputError([InputProblem(flag, None, (), message, f"see imcost {command} --help")])
    if len(value) > MAX_WHOLE_DIGITS:
        message = f"a number of {len(value):,} digits is larger than imcost accepts"
        raise InputError([InputProblem(flag, None, (), message)])
    return int(value)
