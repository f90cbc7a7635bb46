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
from dataclasses import replace
from decimal import Decimal

from imcost import discounts
from imcost.engine import AppEstimate, Estimate
from imcost.i18n import phrase
from imcost.moderation import YearPlan, cheapest_month, cheapest_year, weighed_units
from imcost.month import Month
from imcost.pricebook import CloudModeration, PriceBook
from imcost.rules.base import LineItem
from imcost.rules.cloud_moderation import FEE, counted, pack_item, postpaid_item

YEAR = 12


def _units(app: AppEstimate, book: PriceBook) -> Decimal | None:
    """The month's cloud-moderation units, or None when the month is not priced by these rules."""
    moderation = book.moderation
    if moderation is None or app.edition.id not in moderation.editions:
        return None
    return weighed_units(app.app.usage.moderation, moderation.cloud)


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


def with_yearly_packs(estimates: Sequence[Estimate], first: Mapping[str, Month] | None = None) -> list[Estimate]:
    """``estimates`` (consecutive months, the same apps in each) with yearly packs where they are cheaper.

    ``first`` gives an app's first month to count years from (schedule: its purchase
    month); by default the period's first month. Each app's year is priced with the
    moderation list of the price book version that priced its months; a year over
    which that list changes (a new version with other moderation prices) is priced
    month by month, as no one list prices the whole year.
    """
    if len(estimates) < YEAR:
        return list(estimates)
    # Apps with the same year of usage (a plan of many alike apps) are searched once.
    searched: dict[tuple[int, tuple[Decimal, ...]], YearPlan] = {}
    changed: dict[tuple[int, int], list[LineItem]] = {}
    for a, name in enumerate(app.app.name for app in estimates[0].apps):
        begin = first.get(name, estimates[0].month) if first else estimates[0].month
        ks = [i for i, e in enumerate(estimates) if e.month >= begin]
        for y in range(len(ks) // YEAR):
            year = ks[y * YEAR : (y + 1) * YEAR]
            moderation = estimates[year[0]].apps[a].book.moderation
            if moderation is None or not moderation.cloud.yearly_packs:
                continue
            if any(estimates[i].apps[a].book.moderation != moderation for i in year):
                continue
            cloud = moderation.cloud
            book = estimates[year[0]].apps[a].book
            units = [_units(estimates[i].apps[a], book) for i in year]
            if any(u is None for u in units) or not any(units):
                continue
            used = [u or Decimal(0) for u in units]
            alone = sum((cheapest_month(u, cloud)[0].cost for u in used), Decimal(0))
            if alone <= min(p.price for p in cloud.yearly_packs):
                continue  # a single yearly pack already costs as much as the year month by month
            key = (id(cloud), tuple(used))
            plan = searched.get(key) or searched.setdefault(key, cheapest_year(used, cloud))
            if not any(plan.yearly):
                continue
            for k, i in enumerate(year):
                changed[(i, a)] = _year_items(plan, k, estimates[i].month, alone, cloud)
    if not changed:
        return list(estimates)
    out: list[Estimate] = []
    for i, estimate in enumerate(estimates):
        apps = []
        for a, app in enumerate(estimate.apps):
            new = changed.get((i, a))
            if new is not None:
                kept = [item for item in app.items if item.fee != FEE]
                at = next((n for n, item in enumerate(app.items) if item.fee == FEE), len(kept))
                items = (*kept[:at], *discounts.apply(new, app.app.discounts), *kept[at:])
                app = replace(app, items=items)
            apps.append(app)
        out.append(replace(estimate, apps=tuple(apps)))
    return out
