"""Group member cap add-on: one add-on lifts every group type's member cap.

Price list section 扩展单个群成员数上限（私有群、公开群和聊天室）(专业版 2000人/群 500元/月;
旗舰版 6000人/群 500元/月), defaults from 套餐包简介 (体验版 20; 专业版 200;
旗舰版 私有群 200, 公开群和聊天室 2000), prepaid. Needed when any group type's need
is over its default; not feasible over the add-on's cap.
"""

from __future__ import annotations

from imcost.i18n import phrase
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import NOTHING, RuleResult, capacity, edition_of

FEE = "group_members"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    defaults = edition.quotas.group_members
    short = {t: n for t, n in app.needs.group_members.items() if n > defaults[t]}
    if not short:
        return NOTHING
    # The largest need over its default decides (one add-on lifts every type); report it with its own default.
    worst = max(short, key=lambda t: short[t])
    need = short[worst]
    what = phrase("what.group_members", group=phrase(f"group.{worst}"))
    return capacity(FEE, what, defaults[worst], need, edition.group_members, edition, book)
