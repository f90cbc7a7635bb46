"""AV-chatroom barrage bandwidth: each day's peak Mbps times the daily rate, summed.

Price list section 音视频聊天室弹幕带宽 (国内 2元/Mbps/天, 国际 4元/Mbps/天, 按天结算),
postpaid. 按天结算: each day is a settlement of its own, so each day's amount
(that day's peak Mbps × the daily rate) is rounded to the fen, half-up, and the
month's item is the sum of those days.
"""

from __future__ import annotations

from decimal import Decimal

from imcost.i18n import phrase, say
from imcost.money import ZERO, to_fen
from imcost.month import Month
from imcost.plan import REGIONS, AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import LineItem, RuleResult, edition_of, not_sold

FEE = "barrage_bandwidth"


def _settled(app: AppPlan, region: str, month: Month, rate: Decimal) -> Decimal:
    """The month's sum of each day's amount, each rounded to the fen."""
    return sum((to_fen(peak * rate) * days for peak, days in app.usage.day_peaks(region, month).items()), ZERO)


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    used = {r: app.usage.mbps_days(r, month) for r in REGIONS}
    used = {r: v for r, v in used.items() if v > ZERO}
    if not used:
        return RuleResult()
    bandwidth = edition.barrage_bandwidth
    if bandwidth is None:
        return not_sold(FEE, phrase("what.barrage_bandwidth"), edition, book, FEE)
    items = []
    for region, mbps_days in used.items():
        rate = bandwidth.per_mbps_day[region]
        amount = _settled(app, region, month, rate)
        # Say why quantity × unit price is not the amount, where the daily rounding shows.
        rounded = amount != to_fen(mbps_days * rate)
        said = phrase("barrage.daily" if rounded else "barrage", region=phrase(f"region.{region}"))
        items.append(
            LineItem(
                fee=FEE,
                description=say(said),
                quantity=mbps_days,
                unit="Mbps·day",
                unit_price=rate,
                amount=amount,
                billing=bandwidth.billing,
                source=bandwidth.source,
                phrase=said,
            )
        )
    return RuleResult(items=tuple(items))
