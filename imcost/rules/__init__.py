"""The rules, one module per fee type, listed here explicitly in output order."""

from __future__ import annotations

from imcost.rules import (
    av_chatrooms,
    barrage_bandwidth,
    calling,
    chatroom_history,
    cloud_moderation,
    dau_overage,
    features,
    group_members,
    group_overage,
    groups_per_user,
    history_storage,
    limits,
    local_moderation,
    package,
    security,
)
from imcost.rules.base import Rule

RULES: tuple[Rule, ...] = (
    package.charge,
    dau_overage.charge,
    group_overage.charge,
    history_storage.charge,
    chatroom_history.charge,
    av_chatrooms.charge,
    group_members.charge,
    groups_per_user.charge,
    barrage_bandwidth.charge,
    security.charge,
    features.charge,
    local_moderation.charge,
    cloud_moderation.charge,
    calling.charge,
    limits.charge,
)
