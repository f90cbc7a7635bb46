"""Security service (安全打击服务): a flat monthly price when ``security: true``.

Price list section 安全打击服务 (专业版 1000元/月, 旗舰版 1000元/月), prepaid.
"""

from __future__ import annotations

from imcost.i18n import phrase
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import NOTHING, RuleResult, edition_of, monthly, not_sold

FEE = "security"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    if not app.security:
        return NOTHING
    edition = edition_of(app, book)
    fee = edition.security
    if fee is None:
        return not_sold(FEE, phrase("what.security"), edition, book, FEE)
    said = phrase("security")
    return RuleResult(items=(monthly(FEE, said, fee.price, fee.billing, fee.source),))
