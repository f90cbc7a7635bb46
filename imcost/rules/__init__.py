"""The rules, one module per fee type, listed here explicitly in output order."""

from __future__ import annotations

from imcost.rules import (
    av_chatrooms,
    barrage_bandwidth,
    dau_overage,
    group_members,
    group_overage,
    groups_per_user,
    history_storage,
    limits,
    package,
    security,
)
from imcost.rules.base import Rule

RULES: tuple[Rule, ...] = (
    package.charge,
    dau_overage.charge,
    group_overage.charge,
    history_storage.charge,
    av_chatrooms.charge,
    group_members.charge,
    groups_per_user.charge,
    barrage_bandwidth.charge,
    security.charge,
    limits.charge,
)
