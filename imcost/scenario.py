"""What compare and recommend price: apps from a plan file and/or flags, the month, an optional range.

Flags override the plan file's usage and needs for every app they apply to;
with no plan file the flags describe one app, named ``app``, on no edition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from imcost.compare import pick_app
from imcost.errors import InputError, InputProblem
from imcost.month import Month
from imcost.plan import AppPlan, load_plan
from imcost.pricebook import PriceBook
from imcost.variables import VARIABLES, Range, Variable, parse_values, with_values


@dataclass(frozen=True)
class Scenario:
    apps: tuple[AppPlan, ...]
    month: Month
    ranged: tuple[Variable, Range] | None


def build(
    book: PriceBook,
    flags: Mapping[str, str | None],
    security: bool | None = None,
    plan: Path | None = None,
    app_name: str | None = None,
    month: Month | None = None,
    one_app: bool = True,
) -> Scenario:
    """Read the plan (if any), apply the flags; ``one_app`` picks a single app (``--app``)."""
    values, ranged = parse_values(flags)
    if plan is None:
        if app_name is not None:
            raise InputError([InputProblem("--app", None, (), "--app picks an app of a plan file", "add --plan FILE")])
        apps: tuple[AppPlan, ...] = (AppPlan(name="app", edition=""),)
        month = month or Month.of(date.today())
    else:
        parsed = load_plan(plan, book, month, edition_required=False)
        month = parsed.month
        if one_app or app_name is not None:
            apps = (pick_app(parsed, app_name),)
        else:
            apps = parsed.apps
    apps = tuple(with_values(a, values, security) for a in apps)
    return Scenario(apps, month, None if ranged is None else (VARIABLES[ranged[0]], ranged[1]))
