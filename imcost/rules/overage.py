"""Shared logic of the two overage fees: started units over a free quota.

Price list section 套餐外超量费用: settled on the month's highest figure,
每不足一个单位的部分按一个单位计算, postpaid on the 3rd of the next month.
"""

from __future__ import annotations

from decimal import Decimal

from imcost.i18n import phrase, say
from imcost.pricebook import Edition, PriceBook, Step
from imcost.rules.base import NOTHING, LineItem, Problem, RuleResult, edition_title, sold_on


def started_units(over: int, unit_size: int) -> int:
    """Units charged for ``over`` (不足1万的部分按1万计算): ceil(over / unit_size)."""
    return -(-over // unit_size) if over > 0 else 0


def overage(
    fee: str, what: str, peak: int, free: int, step: Step | None, edition: Edition, book: PriceBook, attribute: str
) -> RuleResult:
    over = peak - free
    if over <= 0:
        return NOTHING
    if step is None:
        editions = sold_on(book, attribute)
        said = phrase(
            "overage.not_billed" if editions else "overage.not_billed.anywhere",
            what=phrase(f"what.{fee}"),
            peak=peak,
            free=free,
            edition=edition_title(edition),
            editions=editions,
        )
        return RuleResult(problems=(Problem.said(fee, said),))
    units = started_units(over, step.unit_size)
    described = phrase("overage", over=over, free=free)
    item = LineItem(
        fee=fee,
        description=say(described),
        quantity=Decimal(units),
        unit=f"{step.unit_size:,} {what}",
        unit_price=step.unit_price,
        amount=units * step.unit_price,
        billing=step.billing,
        source=step.source,
        phrase=described,
    )
    return RuleResult(items=(item,))
