"""Fixed limits: users and friends per user, which no add-on extends.

Price list section 套餐包简介 (用户数上限 100 / 无限制; 单个用户好友人数上限 20 / 3000)
and the note under 增值服务资费: 好友人数上限最大仅支持3000人，不支持付费扩展.
"""

from __future__ import annotations

from imcost.i18n import phrase
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.rules.base import Problem, RuleResult, edition_id, edition_of, need_phrase

FEE = "limits"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    quotas = edition.quotas
    problems: list[Problem] = []
    friends = app.needs.friends_per_user
    if friends is not None and friends > quotas.friends_per_user:
        said = phrase("limits.friends", need=friends, edition=edition_id(edition), cap=quotas.friends_per_user)
        problems.append(Problem.said(FEE, said))
    users = app.needs.users
    if users is not None and quotas.users is not None and users > quotas.users:
        said = phrase("limits.users", need=need_phrase(users), edition=edition_id(edition), allowed=quotas.users)
        problems.append(Problem.said(FEE, said))
    return RuleResult(problems=tuple(problems))
