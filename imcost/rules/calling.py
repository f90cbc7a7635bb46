"""Audio/video calling packs (音视频通话能力): the cheapest monthly pack that covers the call minutes.

Tencent doc 269/81908 (国内计费说明), prepaid monthly on pro and flagship, marked
限时折扣价: 1v1 calling 500元 with 110,000 minutes (one-to-one calls only), group
calling 1500元 with 380,000 and 5000元 with 1,400,000 minutes. imcost reads a group
pack as serving one-to-one calls too (group calling includes them; a pack's
minutes are call minutes), and one pack per app a month. Minutes beyond the
largest pack are billed by TRTC's own postpaid list, which imcost does not price:
a note says so and the app stays quotable for the pack.
"""

from __future__ import annotations

from imcost.i18n import phrase
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import NOTHING, RuleResult, edition_of, monthly, not_listed, service_not_sold

FEE = "calling"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    one_to_one = app.usage.call_minutes.get("one_to_one", 0)
    group = app.usage.call_minutes.get("group", 0)
    minutes = one_to_one + group
    if not minutes:
        return NOTHING
    calling = book.calling
    if calling is None:
        return not_listed(FEE, phrase("what.calling"), book)
    edition = edition_of(app, book)
    if edition.id not in calling.editions:
        return service_not_sold(FEE, phrase("what.calling"), edition, book, calling.editions)
    # A 1v1 pack serves one-to-one calls only; a group pack serves both.
    serving = [p for p in calling.packs if p.kind == "group" or not group]
    if not serving:
        return not_listed(FEE, phrase("what.group_calling"), book)
    covering = [p for p in serving if p.minutes >= minutes]
    pack = min(covering, key=lambda p: (p.price, p.minutes)) if covering else max(serving, key=lambda p: p.minutes)
    kind = phrase(f"calling.{pack.kind}")
    beyond = minutes - pack.minutes
    if beyond > 0:
        said = phrase("calling.beyond", kind=kind, minutes=pack.minutes, marked=calling.marked, beyond=beyond)
    else:
        said = phrase("calling.pack", kind=kind, minutes=pack.minutes, marked=calling.marked)
    item = monthly(FEE, said, pack.price, calling.billing, calling.source)
    notes: tuple[str, ...] = ()
    if beyond > 0:
        notes = (
            f"{beyond:,} call minutes beyond the largest calling pack ({pack.minutes:,} minutes) are billed "
            "by TRTC's own postpaid list, which imcost does not price",
        )
    return RuleResult(items=(item,), notes=notes)
