"""DAU overage: peak DAU over the free quota, 1000元 per started 10,000 (pro, flagship).

Price list section 套餐外超量费用 (DAU 1000元/万/月，不足1万的部分按1万计算); free
quota from 套餐包简介 (免费日活跃用户数). 体验版 has no overage: over its quota the
plan is not feasible.
"""

from __future__ import annotations

from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import RuleResult, edition_of
from imcost.rules.overage import overage

FEE = "dau_overage"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    return overage(
        FEE, "DAU", app.usage.peak_dau, edition.quotas.free_dau, edition.dau_overage, edition, book, "dau_overage"
    )
