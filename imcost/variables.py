"""The usage and needs a command line can set, and where each one's cost can change.

compare and recommend take every usage and need of the plan file as a flag
(``--dau 25000``); compare also takes one of them as a range
(``--dau 0:200000:10000``). Each variable knows how to set itself on an
AppPlan and, read from the price book, the values at which an edition's total
may change, so sweeps can find break-even points exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from imcost.errors import InputError, InputProblem
from imcost.fields import MAX_COUNT, ungrouped
from imcost.numtext import fine_message, form_problem, too_fine
from imcost.plan import MAX_MBPS, AppPlan
from imcost.pricebook import GROUP_TYPES, Edition, Step
from imcost.textsafe import cut, quoted

# A sweep prices every value it lists; this keeps a typo from listing billions.
MAX_RANGE_VALUES = 1_000_000

Value = int | Decimal


@dataclass(frozen=True)
class Periodic:
    """Overage cuts: from ``start`` on, the total changes every ``period`` values."""

    start: int
    period: int


@dataclass(frozen=True)
class Variable:
    """One usage or need a flag sets, e.g. ``--dau`` sets ``usage.peak_dau``."""

    name: str
    key: str
    apply: Callable[[AppPlan, Value], AppPlan]
    cuts: Callable[[Edition], tuple[int, ...]]
    periodic: Callable[[Edition], Periodic | None] = lambda edition: None
    fractional: bool = False

    @property
    def flag(self) -> str:
        return f"--{self.name}"


@dataclass(frozen=True)
class Range:
    """``START:STOP:STEP`` from a flag: every value from start to stop inclusive, by step."""

    start: int
    stop: int
    step: int

    def values(self) -> range:
        return range(self.start, self.stop + 1, self.step)


def _usage(app: AppPlan, **changes: Any) -> AppPlan:
    return dataclasses.replace(app, usage=dataclasses.replace(app.usage, **changes))


def _needs(app: AppPlan, **changes: Any) -> AppPlan:
    return dataclasses.replace(app, needs=dataclasses.replace(app.needs, **changes))


def _barrage(region: str) -> Callable[[AppPlan, Value], AppPlan]:
    def apply(app: AppPlan, value: Value) -> AppPlan:
        return _usage(app, barrage_mbps={**app.usage.barrage_mbps, region: Decimal(value)})

    return apply


def _overage(
    free: Callable[[Edition], int | None], step: Callable[[Edition], Step | None]
) -> tuple[Callable[[Edition], tuple[int, ...]], Callable[[Edition], Periodic | None]]:
    """Overage costs change at free + k * unit_size + 1; with no overage sold, only at free + 1.

    An unlimited free quota (``None``) never changes the cost.
    """

    def cuts(edition: Edition) -> tuple[int, ...]:
        quota = free(edition)
        return (quota + 1,) if quota is not None and step(edition) is None else ()

    def periodic(edition: Edition) -> Periodic | None:
        sold, quota = step(edition), free(edition)
        return None if sold is None or quota is None else Periodic(quota + 1, sold.unit_size)

    return cuts, periodic


def _above(*limits: int | None) -> tuple[int, ...]:
    """Cuts just over each quota or add-on cap (``None``: unlimited, no cut)."""
    return tuple(sorted({limit + 1 for limit in limits if limit is not None}))


_dau_cuts, _dau_periodic = _overage(lambda e: e.quotas.free_dau, lambda e: e.dau_overage)
_group_cuts, _group_periodic = _overage(lambda e: e.quotas.free_peak_groups, lambda e: e.group_overage)


def _history_cuts(edition: Edition) -> tuple[int, ...]:
    tiers = edition.history_storage.tiers if edition.history_storage else ()
    return _above(edition.quotas.history_days, *(t.days for t in tiers))


def _members_cuts(edition: Edition) -> tuple[int, ...]:
    addon = edition.group_members
    return _above(*edition.quotas.group_members.values(), addon.raises_to if addon else None)


def _groups_per_user_cuts(edition: Edition) -> tuple[int, ...]:
    addon = edition.groups_per_user
    return _above(edition.quotas.groups_per_user, addon.raises_to if addon else None)


def _av_cuts(edition: Edition) -> tuple[int, ...]:
    addon = edition.av_chatrooms
    return _above(edition.quotas.av_chatrooms, addon.raises_to if addon else None)


VARIABLES: dict[str, Variable] = {
    v.name: v
    for v in (
        Variable("dau", "usage.peak_dau", lambda a, v: _usage(a, peak_dau=int(v)), _dau_cuts, _dau_periodic),
        Variable(
            "groups", "usage.peak_groups", lambda a, v: _usage(a, peak_groups=int(v)), _group_cuts, _group_periodic
        ),
        # Barrage is billed per Mbps·day: the cost is a straight line from 1 Mbps on.
        Variable(
            "barrage-domestic", "usage.barrage_mbps.domestic", _barrage("domestic"), lambda e: (1,), fractional=True
        ),
        Variable(
            "barrage-international",
            "usage.barrage_mbps.international",
            _barrage("international"),
            lambda e: (1,),
            fractional=True,
        ),
        Variable("history-days", "needs.history_days", lambda a, v: _needs(a, history_days=int(v)), _history_cuts),
        Variable(
            "group-members",
            "needs.group_members",
            lambda a, v: _needs(a, group_members=dict.fromkeys(GROUP_TYPES, int(v))),
            _members_cuts,
        ),
        Variable(
            "groups-per-user",
            "needs.groups_per_user",
            lambda a, v: _needs(a, groups_per_user=int(v)),
            _groups_per_user_cuts,
        ),
        Variable("av-chatrooms", "needs.av_chatrooms", lambda a, v: _needs(a, av_chatrooms=int(v)), _av_cuts),
        Variable(
            "friends",
            "needs.friends_per_user",
            lambda a, v: _needs(a, friends_per_user=int(v)),
            lambda e: _above(e.quotas.friends_per_user),
        ),
        Variable("users", "needs.users", lambda a, v: _needs(a, users=int(v)), lambda e: _above(e.quotas.users)),
    )
}


def _bad(flag: str, message: str, suggestion: str | None = None) -> InputError:
    return InputError([InputProblem(flag, None, (), message, suggestion)])


def _number(variable: Variable, text: str, allow_fraction: bool, hint: str | None = None) -> Value:
    flag = variable.flag
    form = form_problem(ungrouped(text) or text)
    if form is not None:
        raise _bad(flag, *form)
    try:
        number = Decimal(ungrouped(text) or text.strip())
    except InvalidOperation:
        raise _bad(flag, f"expected a number, got {quoted(text)}", hint) from None
    if not number.is_finite():
        raise _bad(flag, f"expected a number, got {quoted(text)}")
    if number < 0:
        raise _bad(flag, f"expected a number of 0 or more, got {cut(text.strip())}")
    limit = MAX_MBPS if variable.fractional else MAX_COUNT
    if number > limit:
        raise _bad(flag, f"{cut(text.strip())} is larger than imcost accepts (at most {limit:,})")
    if number == number.to_integral_value():
        return int(number)
    if not allow_fraction:
        what = "whole Mbps in a range" if variable.fractional else "a whole number"
        raise _bad(flag, f"expected {what}, got {cut(text.strip())}")
    if too_fine(number):
        raise _bad(flag, *fine_message(cut(text.strip())))
    return number


def parse_value(name: str, text: str, ranges: bool = True) -> Value | Range:
    """A flag's value: one number, or (when ``ranges``) a range ``START:STOP:STEP`` of whole numbers."""
    variable = VARIABLES[name]
    parts = text.split(":")
    if len(parts) == 1:
        return _number(variable, text, variable.fractional, "or a range START:STOP:STEP" if ranges else None)
    if not ranges:
        raise _bad(variable.flag, "a range is for imcost compare", "give one number")
    if len(parts) != 3:
        raise _bad(variable.flag, f"expected a number or a range START:STOP:STEP, got {quoted(text)}")
    bounds: list[int] = []
    for part, written in zip(("START", "STOP", "STEP"), parts, strict=True):
        try:
            bounds.append(int(_number(variable, written, False)))
        except InputError as exc:
            (problem,) = exc.problems
            raise _bad(variable.flag, f"the range {quoted(text)} has a bad {part}: {problem.message}") from None
    start, stop, step = bounds
    if step == 0:
        raise _bad(variable.flag, f"the range {quoted(text)} has a step of 0", "use a step of 1 or more")
    if stop < start:
        raise _bad(variable.flag, f"the range {quoted(text)} stops before it starts")
    count = (stop - start) // step + 1
    if count > MAX_RANGE_VALUES:
        raise _bad(
            variable.flag,
            f"the range {quoted(text)} has {count:,} values; imcost sweeps at most {MAX_RANGE_VALUES:,}",
            "use a larger step",
        )
    return Range(start, stop, step)


def parse_values(
    texts: Mapping[str, str | None], allow_range: bool = True
) -> tuple[dict[str, Value], tuple[str, Range] | None]:
    """Parse every given flag; one may be a range when ``allow_range``. Reports every bad flag at once."""
    problems: list[InputProblem] = []
    values: dict[str, Value] = {}
    ranges: list[tuple[str, Range]] = []
    for name, text in texts.items():
        if text is None:
            continue
        try:
            parsed = parse_value(name, text, allow_range)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if isinstance(parsed, Range):
            ranges.append((name, parsed))
        else:
            values[name] = parsed
    if len(ranges) > 1:
        flags = " and ".join(VARIABLES[n].flag for n, _ in ranges)
        problems.append(InputProblem(flags, None, (), "only one flag may take a range START:STOP:STEP"))
    if problems:
        raise InputError(problems)
    return values, (ranges[0] if ranges else None)


def with_values(app: AppPlan, values: Mapping[str, Value], security: bool | None = None) -> AppPlan:
    """``app`` with the flags' values in place of its own."""
    for name, value in values.items():
        app = VARIABLES[name].apply(app, value)
    if security is not None:
        app = dataclasses.replace(app, security=security)
    return app
