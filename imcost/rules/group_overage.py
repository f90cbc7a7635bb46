"""Peak group overage: peak groups over the free 100,000, 1000元 per started 100,000.

Price list section 套餐外超量费用 (峰值群组数 1000元/10万/月，不足10万的部分按10万计算);
free quota from 套餐包简介 (免费峰值群组数). 体验版 has no overage.
"""

from __future__ import annotations

from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import NOTHING, RuleResult, edition_of
from imcost.rules.overage import overage

FEE = "group_overage"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    quotas = edition.quotas
    if quotas.free_peak_groups is None:
        return NOTHING  # unlimited peak groups (Easemob's pro and flagship)
    return overage(
        FEE,
        "groups",
        app.usage.peak_groups,
        quotas.free_peak_groups,
        edition.group_overage,
        edition,
        book,
        "group_overage",
    )
