"""A plan's ``quote:`` details: who sends the quote, its number, issue date, validity, tax sentence and notes.

They are shown on the html quote page and the markdown header, and carried in
JSON as ``quote``; they change no amount. ``date`` defaults to today and the
quote is valid ``valid_days`` days (default 30) from it, or until ``valid_until``.

What a page shows is merged from three sources, later ones winning: the user's
config file (imcost.config: seller, contact, tax, valid_days), the plan's
``quote:`` and ``customer:``, and the flags ``--seller``, ``--quote-number``,
``--quote-date`` and ``--customer`` (``parse_flags``). A renderer is handed the
result of ``resolve(config, plan_quote, flags, today)`` (a Quote, or None: no
details to show) and ``resolve_customer(plan_customer, flags)``; the CLI passes
``imcost.config.current()``, the plan's ``quote`` (or None) and ``date.today()``,
and imcost.plan.with_quote applies both to a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from imcost.errors import InputError, InputProblem

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
    # The keys its source wrote (``date``, ``valid_days`` ...): what resolve() lets a later source fill in.
    stated: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

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
    return Quote(issued, until, **texts, stated=frozenset(k for k in found if k in QUOTE_KEYS))


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


@dataclass(frozen=True)
class QuoteFlags:
    """``--customer``, ``--seller``, ``--quote-number`` and ``--quote-date`` as given (None: not given)."""

    customer: str | None = None
    seller: str | None = None
    number: str | None = None
    issued: date | None = None


def parse_flags(
    customer: str | None = None, seller: str | None = None, number: str | None = None, issued: str | None = None
) -> QuoteFlags:
    """The four flags checked: text that is not blank, a date written YYYY-MM-DD; InputError naming the flag."""
    from imcost.month import parse_day

    problems: list[InputProblem] = []
    texts: list[str | None] = []
    for flag, value in (("--customer", customer), ("--seller", seller), ("--quote-number", number)):
        if value is not None and not value.strip():
            problems.append(InputProblem(flag, None, (), "expected text, got an empty value"))
        texts.append(None if value is None else value.strip() or None)
    day: date | None = None
    if issued is not None:
        try:
            day = parse_day(issued)
        except ValueError as exc:
            problems.append(InputProblem("--quote-date", None, (), str(exc), DATE_HINT))
    if problems:
        raise InputError(problems)
    return QuoteFlags(texts[0], texts[1], texts[2], day)


class SellerDefaults(Protocol):
    """What the user's config file gives a quote (imcost.config.Config is one); None where it says nothing."""

    @property
    def seller(self) -> str | None: ...
    @property
    def contact(self) -> str | None: ...
    @property
    def tax(self) -> str | None: ...
    @property
    def valid_days(self) -> int | None: ...


def resolve(config: SellerDefaults | None, plan_quote: Quote | None, flags: QuoteFlags, today: date) -> Quote | None:
    """The quote details to show: the config's defaults, under the plan's ``quote:``, under the flags.

    ``config`` gives seller, contact, tax and valid_days; ``plan_quote`` (read_quote's) every
    key it states; ``flags`` seller, number and the issue date (``--customer`` is resolve_customer's).
    The issue date is the flag's, else the plan's, else ``today``; the quote holds until the plan's
    ``valid_until``, else for the plan's ``valid_days``, else the config's, else 30 days. None when
    no source gives anything (no config value, no ``quote:``, no flag): nothing to show.
    A ``--quote-date`` after the plan's ``valid_until`` is bad input (InputError on the flag).
    """
    defaults = {
        "seller": config.seller if config else None,
        "contact": config.contact if config else None,
        "tax": config.tax if config else None,
    }
    config_days = config.valid_days if config else None
    quote_flags = (flags.seller, flags.number, flags.issued)
    if plan_quote is None and config_days is None and all(v is None for v in (*defaults.values(), *quote_flags)):
        return None
    stated = plan_quote.stated if plan_quote is not None else frozenset()

    def text(key: str) -> str | None:
        plan_value: str | None = getattr(plan_quote, key) if plan_quote is not None else None
        return plan_value if plan_value is not None else defaults.get(key)

    issued = flags.issued or (plan_quote.issued if plan_quote is not None and "date" in stated else today)
    if plan_quote is not None and "valid_until" in stated:
        until = plan_quote.valid_until
        if until < issued:
            message = f"{issued.isoformat()} is after the plan's quote.valid_until {until.isoformat()}"
            raise InputError([InputProblem("--quote-date", None, (), message, "give a date on or before it")])
    else:
        days = DEFAULT_VALID_DAYS
        if plan_quote is not None and "valid_days" in stated:
            days = plan_quote.valid_days
        elif config_days is not None:
            days = config_days
        until = issued + timedelta(days=days)
    return Quote(
        issued,
        until,
        seller=flags.seller or text("seller"),
        contact=text("contact"),
        number=flags.number or (plan_quote.number if plan_quote is not None else None),
        tax=text("tax"),
        notes=plan_quote.notes if plan_quote is not None else None,
        stated=stated,
    )


def resolve_customer(plan_customer: str | None, flags: QuoteFlags) -> str | None:
    """The customer to show: ``--customer``, else the plan's ``customer:``, else None (the config names none)."""
    return flags.customer if flags.customer is not None else plan_customer


def json_fields(customer: str | None, quote: Quote | None) -> dict[str, Any]:
    """``customer`` and ``quote`` as every pricing command's JSON carries them (null when absent)."""
    return {"customer": customer, "quote": quote_data(quote)}
