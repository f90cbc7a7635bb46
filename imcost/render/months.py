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
from imcost.render import csvout, markdown
from imcost.render.common import CSV_COLUMNS, SCHEMA_VERSION, estimate_data, item_data
from imcost.textsafe import csv_writer

if TYPE_CHECKING:
    from rich.console import RenderableType


def period_total(estimates: Sequence[Estimate]) -> Decimal:
    return sum((e.total for e in estimates), Decimal(0))


def data(estimates: Sequence[Estimate]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "months": [estimate_data(e) for e in estimates],
        "total": money_str(period_total(estimates)),
        "feasible": all(e.feasible for e in estimates),
    }


def render_csv(estimates: Sequence[Estimate], lang: str = DEFAULT) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["month" if lang == DEFAULT else t("month_word", lang), *csvout.header(lang)])
    for estimate in estimates:
        for app in estimate.apps:
            for item in app.items:
                row = item_data(item, lang)
                writer.writerow([str(estimate.month), app.app.name, app.edition.id, *(row[c] for c in CSV_COLUMNS[2:])])
    return out.getvalue()


def period_text(first: Month, last: Month, lang: str = DEFAULT) -> str:
    """``2027-01 to 2027-06`` (``2027-01 至 2027-06``), or just ``2027-01`` for one month."""
    return str(first) if first == last else t("period", lang, first=str(first), last=str(last))


def _period(estimates: Sequence[Estimate], lang: str) -> str:
    return period_text(estimates[0].month, estimates[-1].month, lang)


def _total_line(estimates: Sequence[Estimate], lang: str) -> str:
    return f"{t('total_for', lang, month=_period(estimates, lang))}{colon(lang)}{money_human(period_total(estimates))}"


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

    parts: list[RenderableType] = [table.render(e, lang) for e in estimates]
    if len(estimates) > 1:  # one month's total is its estimate's own last line
        parts.append(Text(""))
        parts.append(Text(_total_line(estimates, lang), style="bold"))
    return Group(*parts)
