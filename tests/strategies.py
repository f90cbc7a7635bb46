"""Hypothesis strategies for plan files, with every bound read from the price book.

Other commands' property tests (compare, recommend, the calendar) reuse these:
``plan_data(book)`` draws a whole plan for any edition, ``app_data(book, edition, days)``
one app, and ``within_limits=True`` keeps every need to what the edition can sell, so
the plan is feasible; ``per_day=False`` gives barrage one figure for every day (a plan
that can be priced in other months), ``discounts=True`` adds ``discounts:`` to the plan
and some apps. ``to_yaml`` writes the data as a plan file would be written.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import strategies as st

from imcost.discounts import discount_keys
from imcost.errors import KeyPath
from imcost.month import Month
from imcost.plan import REGIONS
from imcost.pricebook import GROUP_TYPES, Edition, PriceBook

# Ceilings for drawn figures when the edition sets none: well past every quota and
# add-on in the price book, so draws cross every boundary it has.
MAX_DAU = 3_000_000
MAX_GROUPS = 5_000_000
MAX_NEED = 10_000
MAX_MBPS = Decimal(5000)

months = st.builds(Month, st.integers(2000, 2100), st.integers(1, 12))


def mbps(maximum: Decimal = MAX_MBPS) -> st.SearchStrategy[Decimal]:
    """Bandwidth in Mbps with up to three decimals, so fen rounding is exercised."""
    return st.decimals(min_value=0, max_value=maximum, places=3, allow_nan=False, allow_infinity=False)


def percent() -> st.SearchStrategy[str]:
    """A discount as a plan writes it: ``15%``, ``12.5%``, ``33.333%``, ``0%``, ``100%``."""
    places = st.integers(0, 3)
    return places.flatmap(lambda p: st.decimals(0, 100, places=p)).map(lambda d: f"{d:f}%")


def discounts_data() -> st.SearchStrategy[dict[str, str]]:
    """A ``discounts:`` mapping: some fee ids and perhaps ``all``, each with a percentage."""
    return st.dictionaries(st.sampled_from(discount_keys()), percent(), max_size=4)


def _cap(limit: int | None, ceiling: int) -> int:
    return ceiling if limit is None else limit


def usage_data(
    edition: Edition, days: int, within_limits: bool, per_day: bool = True
) -> st.SearchStrategy[dict[str, Any]]:
    quotas = edition.quotas
    dau_max = quotas.free_dau if within_limits and edition.dau_overage is None else MAX_DAU
    groups_max = quotas.free_peak_groups if within_limits and edition.group_overage is None else MAX_GROUPS
    optional: dict[str, st.SearchStrategy[Any]] = {
        "peak_dau": st.integers(0, dau_max),
        "peak_groups": st.integers(0, groups_max),
    }
    if edition.barrage_bandwidth is not None or not within_limits:
        daily = st.one_of(mbps(), st.lists(mbps(), min_size=days, max_size=days)) if per_day else mbps()
        optional["barrage_mbps"] = st.fixed_dictionaries({}, optional=dict.fromkeys(REGIONS, daily))
    return st.fixed_dictionaries({}, optional=optional)


def needs_data(edition: Edition, within_limits: bool) -> st.SearchStrategy[dict[str, Any]]:
    quotas = edition.quotas
    if within_limits:
        storage = edition.history_storage
        history = max(quotas.history_days, storage.tiers[-1].days if storage else 0)
        members_addon = edition.group_members
        groups_addon = edition.groups_per_user
        rooms_addon = edition.av_chatrooms
        members = {t: members_addon.raises_to if members_addon else n for t, n in quotas.group_members.items()}
        member_max = min(_cap(n, MAX_NEED) for n in members.values())
        groups = _cap(groups_addon.raises_to, MAX_NEED) if groups_addon else quotas.groups_per_user
        if rooms_addon is not None:
            rooms = _cap(rooms_addon.raises_to, MAX_NEED)
        else:
            rooms = _cap(quotas.av_chatrooms, MAX_NEED)
        friends = quotas.friends_per_user
        users = _cap(quotas.users, 10**8)
    else:
        history, member_max, groups, rooms, friends, users = 400, MAX_NEED, MAX_NEED, MAX_NEED, MAX_NEED, 10**8
    per_type = st.fixed_dictionaries({}, optional=dict.fromkeys(GROUP_TYPES, st.integers(0, member_max)))
    return st.fixed_dictionaries(
        {},
        optional={
            "history_days": st.integers(0, history),
            "group_members": st.one_of(st.integers(0, member_max), per_type),
            "groups_per_user": st.integers(0, groups),
            "av_chatrooms": st.integers(0, rooms),
            "friends_per_user": st.integers(0, friends),
            "users": st.integers(0, users),
        },
    )


def app_data(
    book: PriceBook,
    edition: str,
    days: int = 31,
    within_limits: bool = False,
    per_day: bool = True,
    discounts: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """One app of ``edition`` as plan-file data; ``days`` sizes per-day bandwidth lists."""
    found = book.editions[edition]
    optional: dict[str, st.SearchStrategy[Any]] = {
        "usage": usage_data(found, days, within_limits, per_day),
        "needs": needs_data(found, within_limits),
    }
    if found.security is not None or not within_limits:
        optional["security"] = st.booleans()
    if discounts:
        optional["discounts"] = discounts_data()
    return st.fixed_dictionaries({"edition": st.just(edition)}, optional=optional)


@st.composite
def plan_data(
    draw: st.DrawFn,
    book: PriceBook,
    editions: tuple[str, ...] | None = None,
    within_limits: bool = False,
    max_apps: int = 4,
    per_day: bool = True,
    discounts: bool = False,
) -> dict[str, Any]:
    """A whole plan (month and apps) for any edition of ``book``, or only ``editions``."""
    month = draw(months)
    choices = editions or tuple(book.editions)
    count = draw(st.integers(1, max_apps))
    apps = []
    for i in range(count):
        edition = draw(st.sampled_from(choices))
        app = draw(app_data(book, edition, month.days, within_limits, per_day, discounts))
        apps.append({"name": f"app-{i + 1}", **app})
    plan: dict[str, Any] = {"month": str(month), "apps": apps}
    if discounts and draw(st.booleans()):
        plan["discounts"] = draw(discounts_data())
    return plan


def numeric_leaves(data: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    """Paths of every usage or need figure in plan data (counts and Mbps)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in ("name", "edition", "month"):
                yield from numeric_leaves(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from numeric_leaves(value, (*path, i))
    elif isinstance(data, int | Decimal) and not isinstance(data, bool):
        yield path


def get_at(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


def set_at(data: Any, path: KeyPath, value: Any) -> Any:
    """A copy of ``data`` with the value at ``path`` replaced."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, list):
        assert isinstance(head, int)
        return [set_at(v, rest, value) if i == head else v for i, v in enumerate(data)]
    return {k: set_at(v, rest, value) if k == head else v for k, v in data.items()}


class _PlanDumper(yaml.SafeDumper):
    """Writes Decimals as YAML floats, digit for digit, as a person would type them."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = f"{value:f}"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text if "." in text else text + ".0")


_PlanDumper.add_representer(Decimal, _represent_decimal)


def to_yaml(data: Any) -> str:
    """Plan data as the text of a plan file."""
    return yaml.dump(data, Dumper=_PlanDumper, allow_unicode=True, sort_keys=False)
