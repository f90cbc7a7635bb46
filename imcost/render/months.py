"""A daily-usage estimate over several natural months: one estimate per month, then the period's total."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.engine import Estimate
from imcost.i18n import DEFAULT, colon, t
from imcost.money import money_human, money_str
from imcost.month import Month
from imcost.quote import quote_data
from imcost.render import csvout, markdown
from imcost.render.common import SCHEMA_VERSION, app_data, month_data, pricebook_data
from imcost.textsafe import csv_writer

if TYPE_CHECKING:
    from rich.console import RenderableType


def period_total(estimates: Sequence[Estimate]) -> Decimal:
    return sum((e.total for e in estimates), Decimal(0))


def data(estimates: Sequence[Estimate]) -> dict[str, Any]:
    """Several months in the shape of one month's estimate: ``month`` is null, each app's items and problems
    are those of every month (each naming its ``month``) and its total the period's; ``months`` has each
    month's total and each app's edition and total that month. An app's ``edition`` is its first month's."""
    apps: dict[str, dict[str, Any]] = {}
    totals: dict[str, Decimal] = {}
    for estimate in estimates:
        month = str(estimate.month)
        for app in estimate.apps:
            one = app_data(app, month)
            name = one["name"]
            if name not in apps:
                apps[name] = {**one, "items": [], "problems": [], "feasible": True}
                totals[name] = Decimal(0)
            apps[name]["items"] += one["items"]
            apps[name]["problems"] += one["problems"]
            apps[name]["feasible"] = apps[name]["feasible"] and one["feasible"]
            totals[name] += app.total
    for name, entry in apps.items():
        entry["total"] = money_str(totals[name])
    first = estimates[0]
    return {
        "schema_version": SCHEMA_VERSION,
        "customer": first.customer,
        "quote": quote_data(first.quote),
        "month": None,
        "currency": first.book.currency,
        "total": money_str(period_total(estimates)),
        "feasible": all(e.feasible for e in estimates),
        "pricebook": pricebook_data(first.book),
        "apps": list(apps.values()),
        "months": [month_data(e) for e in estimates],
    }


def render_csv(estimates: Sequence[Estimate], lang: str = DEFAULT) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(csvout.header())
    for estimate in estimates:
        csvout.write_rows(writer, estimate, lang)
    return out.getvalue()


def period_text(first: Month, last: Month, lang: str = DEFAULT) -> str:
    """``2027-01 to 2027-06`` (``2027-01 至 2027-06``), or just ``2027-01`` for one month."""
    return str(first) if first == last else t("period", lang, first=str(first), last=str(last))


def _period(estimates: Sequence[Estimate], lang: str) -> str:
    return period_text(estimates[0].month, estimates[-1].month, lang)


def _total_line(estimates: Sequence[Estimate], lang: str) -> str:
    feasible = all(e.feasible for e in estimates)
    said = money_human(period_total(estimates)) if feasible else t("cannot_be_quoted", lang)
    return f"{t('total_for', lang, month=_period(estimates, lang))}{colon(lang)}{said}"


def render_markdown(estimates: Sequence[Estimate], lang: str = DEFAULT) -> str:
    parts = [markdown.render(e, lang) for e in estimates]
    # One month's own total already ends its estimate; a second line would say it again.
    if len(estimates) > 1:
        parts.append(f"**{_total_line(estimates, lang)}**\n")
    return "\n".join(parts)


def render_table(estimates: Sequence[Estimate], lang: str = DEFAULT) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from imcost.render import table
    from imcost.render.fit import prose

    parts: list[RenderableType] = [table.render(e, lang) for e in estimates]
    if len(estimates) > 1:  # one month's total is its estimate's own last line
        parts.append(Text(""))
        parts.append(prose(_total_line(estimates, lang), lang, "bold"))
    return Group(*parts)
