"""Fixed limits: users and friends per user, which no add-on extends.

Price list section 套餐包简介 (用户数上限 100 / 无限制; 单个用户好友人数上限 20 / 3000)
and the note under 增值服务资费: 好友人数上限最大仅支持3000人，不支持付费扩展.
"""

from __future__ import annotations

from imcost.month import Month
from imcost.plan import AppPlan, need_text
from imcost.pricebook import PriceBook
from imcost.rules.base import Problem, RuleResult, edition_of

FEE = "limits"


def charge(app: AppPlan, month: Month, book: PriceBook) -> RuleResult:
    edition = edition_of(app, book)
    quotas = edition.quotas
    problems: list[Problem] = []
    friends = app.needs.friends_per_user
    if friends is not None and friends > quotas.friends_per_user:
        problems.append(
            Problem(
                FEE,
                f"friends per user: needs {friends:,}, {edition.id} caps at "
                f"{quotas.friends_per_user:,} and it can't be extended",
            )
        )
    users = app.needs.users
    if users is not None and quotas.users is not None and users > quotas.users:
        problems.append(
            Problem(
                FEE, f"users: needs {need_text(users)}, {edition.id} allows {quotas.users:,} and it can't be extended"
            )
        )
    return RuleResult(problems=tuple(problems))
