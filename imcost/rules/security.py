"""Security service (安全打击服务): a flat monthly price when ``security: true``.

Price list section 安全打击服务 (专业版 1000元/月, 旗舰版 1000元/月), prepaid.
"""

from __future__ import annotations

from decimal import Decimal

from imcost.i18n import phrase, say
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import NOTHING, LineItem, RuleResult, edition_of, not_sold

FEE = "security"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    if not app.security:
        return NOTHING
    edition = edition_of(app, book)
    fee = edition.security
    if fee is None:
        return not_sold(FEE, phrase("what.security"), edition, book, FEE)
    said = phrase("security")
    item = LineItem(
        fee=FEE,
        description=say(said),
        quantity=Decimal(1),
        unit="month",
        unit_price=fee.price,
        amount=fee.price,
        billing=fee.billing,
        source=fee.source,
        phrase=said,
    )
    return RuleResult(items=(item,))
