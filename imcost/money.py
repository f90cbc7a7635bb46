"""Money helpers. Money is Decimal built from strings, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow

from imcost.numtext import PRECISION

FEN = Decimal("0.01")
ZERO = Decimal("0")
# The context imcost computes in (set by the CLI for every command): Python's default
# keeps 28 digits and rounds past them silently, so 0.0024999999999999999999999999999
# Mbps at 2元 would come out as 0.005元, not 0.0049999...元. Every number read has at
# most 40 decimal places and a bounded size (imcost.numtext), so with PRECISION digits
# every product and sum of accepted input is exact.
CONTEXT = Context(prec=PRECISION, traps=[InvalidOperation, DivisionByZero, Overflow])


def to_fen(amount: Decimal) -> Decimal:
    """Round to the fen (0.01 元), half-up: the only rounding imcost does."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def money_str(amount: Decimal) -> str:
    """Two-decimal string for machines: ``2999.00``."""
    return f"{to_fen(amount):.2f}"


def money_human(amount: Decimal) -> str:
    """Two decimals with thousands separators for people: ``¥2,999.00``."""
    return f"¥{to_fen(amount):,.2f}"


def number_str(value: Decimal | int) -> str:
    """Plain number without exponent or trailing zeros: ``2``, ``620``, ``12.5``."""
    if isinstance(value, int):
        return str(value)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
