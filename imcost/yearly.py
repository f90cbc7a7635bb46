"""Yearly moderation packs over a forecast or schedule of 12 months or more.

Tencent doc 269/81908 (IM 内容审核) sells yearly packs of cloud-moderation units
(9500元 for 10,000,000, 49000元 for 70,000,000, 72000元 for 125,000,000), valid a
year. A single month can't use one, so estimate never does; a period can. Each
app's months are taken 12 at a time from its first month in the period: for each
such year imcost.moderation.cheapest_year finds the cheapest mix of yearly packs
(bought on the year's first cycle day), monthly packs and postpaid units, and
when yearly packs are in it the year's cloud-moderation items are replaced by
that mix. A last part-year of fewer than 12 months is priced month by month, as
a pack valid a year would run past the period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from imcost import discounts
from imcost.engine import AppEstimate, version_for
from imcost.i18n import phrase
from imcost.moderation import YearPlan, cheapest_month, cheapest_year, weighed_units
from imcost.month import Month
from imcost.period import changed_app
from imcost.plan import AppPlan
from imcost.pricebook import CloudModeration, PriceBook, Versions
from imcost.rules.base import LineItem
from imcost.rules.cloud_moderation import FEE, counted, pack_item, postpaid_item

YEAR = 12


def _year_items(plan: YearPlan, k: int, start: Month, alone: Decimal, cloud: CloudModeration) -> list[LineItem]:
    """Month ``k`` of the year's cloud-moderation items: the yearly packs in month 0, monthly packs, the rest."""
    items: list[LineItem] = []
    if k == 0:
        for count, pack in zip(plan.yearly, cloud.yearly_packs, strict=True):
            if count:
                said = phrase(
                    "moderation.yearly",
                    pack=phrase("moderation.yearly.pack", units=pack.units),
                    start=str(start),
                    alone=f"{alone:,.2f}",
                )
                items.append(pack_item(count, pack.units, pack.price, said, cloud, YEAR))
    month = plan.months[k]
    if month.packs:
        packs = phrase("moderation.pack" if month.packs == 1 else "moderation.packs", packs=month.packs)
        said = phrase("moderation.monthly", packs=packs)
        items.append(pack_item(month.packs, cloud.monthly_pack.units, cloud.monthly_pack.price, said, cloud))
    if month.rest:
        said = phrase("moderation.rest", units=counted(month.rest))
        items.append(postpaid_item(month.rest, month.rest_cost, said, cloud))
    return items


@dataclass(frozen=True)
class YearOfPacks:
    """One app's year whose cheapest cloud-moderation mix takes yearly packs; ``items(k, month)`` gives month k's."""

    plan: YearPlan
    alone: Decimal
    cloud: CloudModeration

    def items(self, k: int, month: Month) -> list[LineItem]:
        return _year_items(self.plan, k, month, self.alone, self.cloud)


# Years of the same usage (a plan of many alike apps) are searched once: (id of the list, units) -> plan.
Searched = dict[tuple[int, tuple[Decimal, ...]], YearPlan]


def year_of_packs(
    books: Sequence[PriceBook], units: Sequence[Decimal | None], searched: Searched
) -> YearOfPacks | None:
    """An app's year (12 months priced by ``books``, with ``units`` of cloud moderation each, None where
    these rules don't price the month) when yearly packs are in its cheapest mix; else None."""
    moderation = books[0].moderation
    if moderation is None or not moderation.cloud.yearly_packs:
        return None
    if any(b.moderation != moderation for b in books):
        return None
    cloud = moderation.cloud
    if any(u is None for u in units) or not any(units):
        return None
    used = [u or Decimal(0) for u in units]
    alone = sum((cheapest_month(u, cloud)[0].cost for u in used), Decimal(0))
    if alone <= min(p.price for p in cloud.yearly_packs):
        return None  # a single yearly pack already costs as much as the year month by month
    key = (id(cloud), tuple(used))
    plan = searched.get(key) or searched.setdefault(key, cheapest_year(used, cloud))
    if not any(plan.yearly):
        return None
    return YearOfPacks(plan, alone, cloud)


def year_packs(app: AppPlan, start: Month, book: PriceBook | Versions, searched: Searched) -> YearOfPacks | None:
    """The yearly packs of ``app``'s year from ``start``, found from its 12 months' units and price book
    versions alone, without pricing them (its dated changes applied; growth and daily files change no units)."""
    if not any(app.usage.moderation.values()):
        return None  # no units: no pack of any kind
    books: list[PriceBook] = []
    units: list[Decimal | None] = []
    for j in range(YEAR):
        month = start.plus(j)
        changed = changed_app(app, month)
        books.append(version_for(changed, month.first_day, book))
        units.append(month_units(changed.edition, changed.usage.moderation, books[0]))
    return year_of_packs(books, units, searched)


def month_units(edition: str, moderation: Mapping[str, Decimal], book: PriceBook) -> Decimal | None:
    """The month's cloud-moderation units of an app on ``edition``, or None when these rules don't price it."""
    listed = book.moderation
    if listed is None or edition not in listed.editions:
        return None
    return weighed_units(moderation, listed.cloud)


def with_items(app: AppEstimate, new: list[LineItem]) -> AppEstimate:
    """``app`` with its cloud-moderation items replaced by ``new`` (discounted as its other items), in their place."""
    kept = [item for item in app.items if item.fee != FEE]
    at = next((n for n, item in enumerate(app.items) if item.fee == FEE), len(kept))
    items = (*kept[:at], *discounts.apply(new, app.app.discounts), *kept[at:])
    return replace(app, items=items)
