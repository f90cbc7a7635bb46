"""The contract every rule module keeps, and the pieces they share.

A rule is a function ``charge(app, month, book) -> RuleResult``: it reads the
app's usage and needs, looks every price up in the price book, and returns the
line items it charges and the problems that make the plan impossible to buy.
It never prints, raises for user input, or does I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from imcost.month import Month
from imcost.plan import AppPlan, need_text
from imcost.pricebook import CapacityAddon, Edition, PriceBook

FEE_IDS = (
    "package",
    "dau_overage",
    "group_overage",
    "history_storage",
    "av_chatrooms",
    "group_members",
    "groups_per_user",
    "barrage_bandwidth",
    "security",
)


@dataclass(frozen=True)
class LineItem:
    """One charged fee: ``quantity`` x ``unit_price`` = ``amount`` (exact, in 元)."""

    fee: str
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal
    billing: str
    source: str
    # Set by imcost.discounts when a discount applies: ``amount`` is then the net.
    list_amount: Decimal | None = None
    discount_percent: Decimal = Decimal(0)

    @property
    def list_price(self) -> Decimal:
        """The amount before any discount."""
        return self.amount if self.list_amount is None else self.list_amount

    @property
    def discount(self) -> Decimal:
        """How much the discount takes off the list amount."""
        return self.list_price - self.amount


@dataclass(frozen=True)
class Problem:
    """Why the plan can't be bought as written; ``fee`` names the rule that found it."""

    fee: str
    message: str


@dataclass(frozen=True)
class RuleResult:
    items: tuple[LineItem, ...] = ()
    problems: tuple[Problem, ...] = ()


Rule = Callable[[AppPlan, Month, PriceBook], RuleResult]

NOTHING = RuleResult()


def edition_of(app: AppPlan, book: PriceBook) -> Edition:
    """The app's edition; plans are validated, so it exists."""
    return book.editions[app.edition]


def sold_on(book: PriceBook, attribute: str) -> str:
    """The editions that sell a value-added service, e.g. ``pro and flagship``."""
    ids = [e.id for e in book.editions.values() if getattr(e, attribute) is not None]
    return " and ".join(ids) if ids else "no edition"


def not_sold(fee: str, what: str, edition: Edition, book: PriceBook, attribute: str) -> RuleResult:
    """The problem for a need that only a value-added service the edition lacks could meet."""
    message = f"{what} is sold only on {sold_on(book, attribute)}, not on {edition.title}"
    return RuleResult(problems=(Problem(fee, message),))


def limit_text(limit: int | None) -> str:
    return "unlimited" if limit is None else f"{limit:,}"


def capacity(
    fee: str,
    what: str,
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
    if addon is None:
        if any(getattr(e, fee) is not None for e in book.editions.values()):
            return RuleResult(
                problems=(
                    Problem(
                        fee,
                        f"{what}: needs {need_text(need)}, {edition.title} allows {shortfall:,} "
                        f"and the add-on is sold only on {sold_on(book, fee)}",
                    ),
                )
            )
        return RuleResult(
            problems=(Problem(fee, f"{what}: needs {need_text(need)}, {edition.id} allows {shortfall:,}"),)
        )
    if addon.raises_to is not None and need > addon.raises_to:
        return RuleResult(
            problems=(
                Problem(
                    fee, f"{what}: needs {need_text(need)}, {edition.id} caps at {addon.raises_to:,} with the add-on"
                ),
            )
        )
    item = LineItem(
        fee=fee,
        description=f"raised to {limit_text(addon.raises_to)}",
        quantity=Decimal(1),
        unit="month",
        unit_price=addon.price,
        amount=addon.price,
        billing=addon.billing,
        source=addon.source,
    )
    return RuleResult(items=(item,))
