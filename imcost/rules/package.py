"""Package (套餐包): each app pays its edition's monthly price.

Price list section 套餐包价格详情: 体验版 free, 专业版 999元/月, 旗舰版 2999元/月,
prepaid, valid from day T to day T-1 of the next month.
"""

from __future__ import annotations

from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import RuleResult, edition_of, edition_title, monthly

FEE = "package"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    package = edition.package
    title = edition_title(edition)
    item = monthly(FEE, title, package.price, package.billing, package.source)
    return RuleResult(items=(item,))
