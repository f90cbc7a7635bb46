"""Local moderation (本地审核): a flat monthly price when ``local_moderation: true``.

Tencent doc 269/81908 (国内计费说明, IM 内容审核): 本地审核 1000元/月, prepaid
(T日 to 次月T-1日), sold to every edition, the free trial included.
"""

from __future__ import annotations

from imcost.i18n import phrase
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import NOTHING, RuleResult, edition_of, monthly, not_listed, service_not_sold

FEE = "local_moderation"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    if not app.local_moderation:
        return NOTHING
    moderation = book.moderation
    if moderation is None:
        return not_listed(FEE, phrase("what.moderation"), book)
    edition = edition_of(app, book)
    if edition.id not in moderation.editions:
        return service_not_sold(FEE, phrase("what.moderation"), edition, book, moderation.editions)
    fee = moderation.local
    said = phrase("moderation.local")
    return RuleResult(items=(monthly(FEE, said, fee.price, fee.billing, fee.source),))
