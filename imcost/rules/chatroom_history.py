"""Chatroom message storage: the smallest tier that covers ``chatroom_history_days``, monthly.

Sold by books that list it per edition (Easemob, pricing-sources.md section 3: chatroom
message storage 30/60/90 days = 500/1000/1500元 on pro and flagship, prepaid). The
edition's included chatroom storage (``quotas.chatroom_history_days``; none stated: 0)
needs no tier; over the longest tier is not feasible; a book that lists no tier on any
edition (Tencent's) can't quote an app that needs it.
"""

from __future__ import annotations

from imcost.i18n import phrase
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import NOTHING, Problem, RuleResult, edition_id, edition_of, monthly, not_sold

FEE = "chatroom_history_storage"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    need = app.needs.chatroom_history_days
    if need is None or need <= edition.quotas.chatroom_history_days:
        return NOTHING
    storage = edition.chatroom_history_storage
    if storage is None:
        return not_sold(FEE, phrase("what.chatroom_history", days=need), edition, book, FEE)
    tier = next((t for t in storage.tiers if t.days >= need), None)
    if tier is None:
        said = phrase("chatroom.capped", need=need, edition=edition_id(edition), longest=storage.tiers[-1].days)
        return RuleResult(problems=(Problem.said(FEE, said),))
    kept = phrase("chatroom.kept", days=tier.days)
    return RuleResult(items=(monthly(FEE, kept, tier.price, storage.billing, storage.source),))
