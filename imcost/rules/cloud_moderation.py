"""Cloud moderation (云端审核): a month's weighed units, paid the cheapest way.

Tencent doc 269/81908 (国内计费说明, IM 内容审核): units = text x 1 + images x 0.65
+ audio minutes x 15 + video minutes x 56; 0.0010元 per unit postpaid (settled
daily), or monthly packs of 1,100,000 units for 1050元, prepaid. The month is
priced with the cheapest of all postpaid and k packs with the rest postpaid
(imcost.moderation); the item names the choice and what the others cost.
"""

from __future__ import annotations

from decimal import Decimal

from imcost.i18n import Phrase, phrase, say
from imcost.moderation import MonthlyOption, cheapest_month, weighed_units
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import CloudModeration, PriceBook
from imcost.rules.base import NOTHING, LineItem, RuleResult, edition_of, not_listed, service_not_sold

FEE = "cloud_moderation"
# Postpaid units are shown per 1,000, so the unit price (1.00元) reads in whole fen.
PER = 1000


def counted(number: Decimal) -> Decimal:
    """A count of units as a phrase takes it (``{units:,f}``: ``2,000,000``, ``6.5``; ``200万`` in Chinese)."""
    return number.normalize()


def option_phrase(option: MonthlyOption) -> Phrase:
    """``all postpaid``, ``2 monthly packs``, ``1 monthly pack + 900,000 units postpaid``."""
    if option.packs == 0:
        return phrase("moderation.all_postpaid")
    packs = phrase("moderation.pack" if option.packs == 1 else "moderation.packs", packs=option.packs)
    if not option.rest:
        return packs
    return phrase("moderation.mixed", packs=packs, units=counted(option.rest))


def chosen_phrase(best: Phrase, others: tuple[tuple[Phrase, Decimal], ...]) -> Phrase:
    """The choice, then what each other option would cost: ``... (cheapest; all postpaid 2,000.00, ...)``."""
    named = {f"o{i}": phrase("moderation.costs", option=o, amount=f"{cost:,.2f}") for i, (o, cost) in enumerate(others)}
    return phrase(f"moderation.chosen.{len(others)}", choice=best, **named)


def postpaid_item(units: Decimal, amount: Decimal, said: Phrase, cloud: CloudModeration) -> LineItem:
    """Units paid per unit: shown as thousands of units at the price of 1,000."""
    return LineItem(
        fee=FEE,
        description=say(said),
        quantity=units / PER,
        unit=f"{PER:,} units",
        unit_price=cloud.unit_price * PER,
        amount=amount,
        billing=cloud.billing,
        source=cloud.source,
        phrase=said,
        settled_daily=True,
    )


def pack_item(
    count: int, size: int, price: Decimal, said: Phrase, cloud: CloudModeration, valid_months: int = 1
) -> LineItem:
    """``count`` prepaid packs of ``size`` units, valid ``valid_months`` months."""
    return LineItem(
        fee=FEE,
        description=say(said),
        quantity=Decimal(count),
        unit=f"{size:,} units",
        unit_price=price,
        amount=price * count,
        billing="prepaid",
        source=cloud.source,
        phrase=said,
        valid_months=valid_months,
    )


def month_items(best: MonthlyOption, others: tuple[MonthlyOption, ...], cloud: CloudModeration) -> tuple[LineItem, ...]:
    """The items of a month's choice: the packs (prepaid) and the units beyond them (postpaid)."""
    said = chosen_phrase(option_phrase(best), tuple((option_phrase(o), o.cost) for o in others))
    if best.packs == 0:
        return (postpaid_item(best.rest, best.rest_cost, said, cloud),)
    pack = cloud.monthly_pack
    items = [pack_item(best.packs, pack.units, pack.price, said, cloud)]
    if best.rest:
        rest = phrase("moderation.rest", units=counted(best.rest))
        items.append(postpaid_item(best.rest, best.rest_cost, rest, cloud))
    return tuple(items)


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    if not any(app.usage.moderation.values()):
        return NOTHING
    moderation = book.moderation
    if moderation is None:
        return not_listed(FEE, phrase("what.moderation"), book)
    edition = edition_of(app, book)
    if edition.id not in moderation.editions:
        return service_not_sold(FEE, phrase("what.moderation"), edition, book, moderation.editions)
    cloud = moderation.cloud
    units = weighed_units(app.usage.moderation, cloud)
    if not units:
        return NOTHING
    best, others = cheapest_month(units, cloud)
    return RuleResult(items=month_items(best, others, cloud))
