"""Features (``needs.features``): each one the edition includes (0, "included") or sells monthly.

A book lists per edition which features it includes and which it sells at a flat monthly
price (Easemob, pricing-sources.md section 3: presence subscription, pre-send callback and
reactions sold on pro at 1000/1000/600元 and included on flagship; callback exception cache
and request-quality monitoring 2000元 each on both). A feature the edition does not list is
never free: sold on other editions, the app needs one of them; listed on none (Tencent's
books), the app can't be quoted with the book.
"""

from __future__ import annotations

from imcost.i18n import phrase
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import LineItem, Problem, RuleResult, edition_id, edition_of, edition_title, monthly

FEE = "features"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    if not app.needs.features:
        return RuleResult()
    edition = edition_of(app, book)
    items: list[LineItem] = []
    problems: list[Problem] = []
    for feature in app.needs.features:
        what = phrase(f"feature.{feature}")
        fee = edition.features.get(feature)
        if fee is None:
            editions = tuple(edition_id(e) for e in book.editions.values() if feature in e.features)
            if editions:
                said = phrase("not_sold", what=what, editions=editions, edition=edition_title(edition))
            else:
                said = phrase("not_sold.anywhere", what=what, book=book.id)
            problems.append(Problem.said(FEE, said))
            continue
        described = phrase("feature.included" if fee.included else "feature.sold", feature=what)
        items.append(monthly(FEE, described, fee.price, fee.billing, fee.source))
    return RuleResult(items=tuple(items), problems=tuple(problems))
