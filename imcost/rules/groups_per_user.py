"""Groups-per-user add-on: joining more groups than the edition allows needs it.

Price list section 扩展单个用户可加入群组数上限 (专业版 1000个群/人 1100元/月;
旗舰版 3000个群/人 900元/月), defaults from 套餐包简介 (50 / 500 / 1000), prepaid.
"""

from __future__ import annotations

from imcost.i18n import phrase
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import NOTHING, RuleResult, capacity, edition_of

FEE = "groups_per_user"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    need = app.needs.groups_per_user
    included = edition.quotas.groups_per_user
    if need is None or need <= included:
        return NOTHING
    return capacity(FEE, phrase("what.groups_per_user"), included, need, edition.groups_per_user, edition, book)
