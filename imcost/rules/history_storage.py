"""History storage extension: the smallest tier that covers ``history_days``, monthly.

Price list section 延长历史消息存储时长 (专业版 30/90/180/360天: 500/1000/1500/2500元;
旗舰版 30天 free, 90/180/360天: 500/1000/2000元), postpaid. The edition's own
free storage (套餐包简介: 7天, 旗舰版 30天) needs no extension; over 360 days is
not feasible.
"""

from __future__ import annotations

from imcost.i18n import phrase
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import NOTHING, Problem, RuleResult, edition_id, edition_of, monthly, not_sold

FEE = "history_storage"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    need = app.needs.history_days
    if need is None or need <= edition.quotas.history_days:
        return NOTHING
    storage = edition.history_storage
    if storage is None:
        what = phrase("what.history_over", days=edition.quotas.history_days)
        return not_sold(FEE, what, edition, book, FEE)
    tier = next((t for t in storage.tiers if t.days >= need), None)
    if tier is None:
        longest = storage.tiers[-1].days
        said = phrase("history.capped", need=need, edition=edition_id(edition), longest=longest)
        return RuleResult(problems=(Problem.said(FEE, said),))
    kept = phrase("history.kept", days=tier.days)
    return RuleResult(items=(monthly(FEE, kept, tier.price, storage.billing, storage.source),))
