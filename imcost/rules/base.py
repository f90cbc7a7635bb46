"""The contract every rule module keeps, and the pieces they share.

A rule is a function ``charge(app, month, book) -> RuleResult``: it reads the
app's usage and needs, looks every price up in the price book, and returns the
line items it charges and the problems that make the plan impossible to buy.
It reads the month only through its number of days (a per-day figure times the
days): a forecast takes an app's pricing of one month again for a later month as
long (imcost.forecast), and tests/test_rules.py checks every case on two such months.
It never prints, raises for user input, or does I/O. Each description and
problem is said in English and kept as a ``Phrase`` too, so that people's
formats can say it in another language (imcost.i18n.RULE_TEXT).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from imcost.i18n import Phrase, phrase, say
from imcost.items import FEE_IDS as FEE_IDS
from imcost.items import LineItem as LineItem
from imcost.items import Problem as Problem
from imcost.month import Month
from imcost.plan import UNLIMITED, AppPlan
from imcost.pricebook import CapacityAddon, Edition, PriceBook


@dataclass(frozen=True)
class RuleResult:
    items: tuple[LineItem, ...] = ()
    problems: tuple[Problem, ...] = ()
    # What the user should know that changes neither amount nor feasibility (said on stderr, in JSON).
    notes: tuple[str, ...] = ()


Rule = Callable[[AppPlan, Month, PriceBook], RuleResult]

NOTHING = RuleResult()


def edition_of(app: AppPlan, book: PriceBook) -> Edition:
    """The app's edition; plans are validated, so it exists."""
    return book.editions[app.edition]


def edition_title(edition: Edition) -> Phrase:
    """``pro (专业版)`` in English, ``专业版`` in Chinese."""
    return phrase("edition.title", id=edition.id, label=edition.label)


def edition_id(edition: Edition) -> Phrase:
    """``pro`` in English running text, ``专业版`` in Chinese."""
    return phrase("edition.id", id=edition.id, label=edition.label)


def need_phrase(need: int) -> Phrase:
    """A need in a message: ``6,000``, or ``unlimited``."""
    return phrase("need.unlimited") if need >= UNLIMITED else phrase("need", n=need)


def sold_on(book: PriceBook, attribute: str) -> tuple[Phrase, ...]:
    """The editions that sell a value-added service: ``pro and flagship`` once said."""
    return tuple(edition_id(e) for e in book.editions.values() if getattr(e, attribute) is not None)


def not_sold(fee: str, what: Phrase, edition: Edition, book: PriceBook, attribute: str) -> RuleResult:
    """The problem for a need that only a value-added service the edition lacks could meet.

    A service no edition of the book sells is one the book does not list (the overseas
    list has no barrage bandwidth or security service): never priced at zero, the app
    can't be quoted with that book.
    """
    editions = sold_on(book, attribute)
    if not editions:
        said = phrase("not_sold.anywhere", what=what, book=book.id)
    else:
        said = phrase("not_sold", what=what, editions=editions, edition=edition_title(edition))
    return RuleResult(problems=(Problem.said(fee, said),))


def capacity(
    fee: str,
    what: Phrase,
    shortfall: int | None,
    need: int,
    addon: CapacityAddon | None,
    edition: Edition,
    book: PriceBook,
) -> RuleResult:
    """Charge a capacity add-on when the edition's quota is short of ``need``.

    ``shortfall`` is the quota the need exceeds (``None``: the quota covers it).
    """
    if shortfall is None:
        return NOTHING
    needs = need_phrase(need)
    if addon is None:
        editions = sold_on(book, fee)
        if editions:
            said = phrase(
                "addon.not_sold",
                what=what,
                need=needs,
                edition=edition_title(edition),
                allowed=shortfall,
                editions=editions,
            )
        else:
            said = phrase(
                "addon.none", what=what, need=needs, edition=edition_id(edition), allowed=shortfall, book=book.id
            )
        return RuleResult(problems=(Problem.said(fee, said),))
    if addon.raises_to is not None and need > addon.raises_to:
        said = phrase("addon.capped", what=what, need=needs, edition=edition_id(edition), cap=addon.raises_to)
        return RuleResult(problems=(Problem.said(fee, said),))
    raised = phrase("raised_to.unlimited") if addon.raises_to is None else phrase("raised_to", limit=addon.raises_to)
    return RuleResult(items=(monthly(fee, raised, addon.price, addon.billing, addon.source),))


def monthly(fee: str, said: Phrase, price: Decimal, billing: str, source: str) -> LineItem:
    """One month of a fee at ``price``: a package, an add-on, a tier, a service, a feature."""
    return LineItem(
        fee=fee,
        description=say(said),
        quantity=Decimal(1),
        unit="month",
        unit_price=price,
        amount=price,
        billing=billing,
        source=source,
        phrase=said,
    )


def not_listed(fee: str, what: Phrase, book: PriceBook) -> RuleResult:
    """The problem for a need the price book does not price at all: never charged as zero."""
    return RuleResult(problems=(Problem.said(fee, phrase("not_sold.anywhere", what=what, book=book.id)),))


def service_not_sold(fee: str, what: Phrase, edition: Edition, book: PriceBook, sold: tuple[str, ...]) -> RuleResult:
    """The problem for a service the book sells beside the editions, but not to this one."""
    editions = tuple(edition_id(book.editions[e]) for e in sold)
    if not editions:
        return not_listed(fee, what, book)
    said = phrase("not_sold", what=what, editions=editions, edition=edition_title(edition))
    return RuleResult(problems=(Problem.said(fee, said),))
