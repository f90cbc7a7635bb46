"""A plan's ``quote:`` details: who sends the quote, its number, issue date, validity, tax sentence and notes.

They are shown on the html quote page and the markdown header, and carried in
JSON as ``quote``; they change no amount. ``date`` defaults to today and the
quote is valid ``valid_days`` days (default 30) from it, or until ``valid_until``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imcost.errors import KeyPath
    from imcost.fields import Fields

QUOTE_KEYS = ("seller", "contact", "number", "date", "valid_days", "valid_until", "tax", "notes")
TEXT_KEYS = ("seller", "contact", "number", "tax", "notes")
DEFAULT_VALID_DAYS = 30
# Ten years: longer is a typo (3650 for 365), not a quote.
MAX_VALID_DAYS = 3660
DATE_HINT = "the day the quote is issued, e.g. 2026-12-01"


@dataclass(frozen=True)
class Quote:
    issued: date
    valid_until: date
    seller: str | None = None
    contact: str | None = None
    number: str | None = None
    tax: str | None = None
    notes: str | None = None

    @property
    def valid_days(self) -> int:
        return (self.valid_until - self.issued).days


def read_quote(reader: Fields, value: Any, path: KeyPath, today: date) -> Quote | None:
    """The ``quote:`` mapping at ``path``, or None with every problem recorded on ``reader``."""
    found = reader.mapping(value, path, QUOTE_KEYS)
    if not isinstance(value, dict):
        return None
    texts = {key: reader.text(found[key], (*path, key)) if key in found else None for key in TEXT_KEYS}
    issued = reader.day(found["date"], (*path, "date"), DATE_HINT) if "date" in found else today
    until: date | None = None
    if "valid_days" in found and "valid_until" in found:
        message = "give valid_days or valid_until, not both"
        reader.fail((*path, "valid_until"), message, "valid_until is the date plus valid_days")
    elif "valid_until" in found:
        until = reader.day(found["valid_until"], (*path, "valid_until"), "the last day the quote holds")
        if until is not None and issued is not None and until < issued:
            message = f"valid until {until.isoformat()}, before the quote's date {issued.isoformat()}"
            reader.fail((*path, "valid_until"), message)
            until = None
    else:
        days: int | None = DEFAULT_VALID_DAYS
        if "valid_days" in found:
            # 0: valid on the day of issue only, as valid_until on that day is.
            days = reader.count(found["valid_days"], (*path, "valid_days"), MAX_VALID_DAYS)
        if days is not None and issued is not None:
            until = issued + timedelta(days=days)
    if issued is None or until is None:
        return None
    return Quote(issued, until, **texts)


def quote_data(quote: Quote | None) -> dict[str, Any] | None:
    """The quote details as JSON-ready data (dates as YYYY-MM-DD), None without them."""
    if quote is None:
        return None
    return {
        "seller": quote.seller,
        "contact": quote.contact,
        "number": quote.number,
        "date": quote.issued.isoformat(),
        "valid_days": quote.valid_days,
        "valid_until": quote.valid_until.isoformat(),
        "tax": quote.tax,
        "notes": quote.notes,
    }
