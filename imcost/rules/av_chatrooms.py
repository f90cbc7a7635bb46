"""AV chatroom add-on: more than the edition's AV chatrooms needs the unlimited add-on.

Price list section 扩展音视频聊天室创建数量上限 (专业版 1000元/月; 旗舰版 已是无上限),
quota from 套餐包简介 (可创建音视频聊天室个数: 10 / 50 / 无限制), prepaid.
"""

from __future__ import annotations

from imcost.i18n import phrase
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import NOTHING, RuleResult, capacity, edition_of

FEE = "av_chatrooms"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    need = app.needs.av_chatrooms
    included = edition.quotas.av_chatrooms
    if need is None or included is None or need <= included:
        return NOTHING
    return capacity(FEE, phrase("what.av_chatrooms"), included, need, edition.av_chatrooms, edition, book)
